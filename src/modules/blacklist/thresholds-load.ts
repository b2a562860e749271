import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ModuleDataLoader } from '../reference/module-data.ts';
import { fileURLToPath } from 'node:url';
import type { Regime, Threshold } from './criteria.ts';

const isoDate = z.iso.date();
const RegimeFile = z.object({
  regimes: z.array(z.object({
    code: z.string().min(1), title: z.string(), validFrom: isoDate, validTo: isoDate.nullable(), requiresUnpaidOrder: z.boolean(),
    objectionWorkingDays: z.number().int().positive(), termMonths: z.number().int().positive(), extensionMonths: z.number().int().min(0),
    earlyRemoval: z.boolean(), earlyRemovalMinMonths: z.number().int().min(0).nullable(),
    terms: z.record(z.string(), z.object({ value: z.unknown(), source: z.string().min(1), tag: z.enum(['V', 'P', 'U']) })),
  })),
});
const ThresholdFile = z.object({
  thresholds: z.array(z.object({
    provinceCode: z.string().regex(/^\d{2}$/), validFrom: isoDate, validTo: isoDate.nullable(), perPersonYuan: z.number().positive(),
    totalYuan: z.number().positive(), minMonths: z.number().int().positive(), minWorkers: z.number().int().positive(),
    tag: z.enum(['V', 'P', 'U']), source: z.string().min(1),
  })),
});

// Not REFERENCE_DIR: reference.service imports this loader (through module-data), so its constant is not yet defined here.
export const BLACKLIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../reference/blacklist');
const readJson = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(BLACKLIST_DIR, name), 'utf8'));

export function regimesFromFile(json: unknown): (Regime & { title: string; terms: Record<string, unknown> })[] {
  return RegimeFile.parse(json).regimes;
}

export function thresholdsFromFile(json: unknown): (Threshold & { tag: 'V' | 'P' | 'U'; source: string })[] {
  return ThresholdFile.parse(json).thresholds.map((t) => ({
    provinceCode: t.provinceCode, validFrom: t.validFrom, validTo: t.validTo, perPersonFen: Math.round(t.perPersonYuan * 100), totalFen: Math.round(t.totalYuan * 100),
    minMonths: t.minMonths, minWorkers: t.minWorkers, tag: t.tag, source: t.source,
  }));
}

export const readRegimeFile = () => regimesFromFile(readJson('regimes.json'));
export const readThresholdFile = () => thresholdsFromFile(readJson('thresholds.json'));

/**
 * Loads reference/blacklist/regimes.json and thresholds.json. overwrite false (every start) adds
 * rows missing from the database and keeps the others; overwrite true makes the files win.
 */
export const loadBlacklistThresholds: ModuleDataLoader = async (db, { overwrite }) => {
  const regimes = readRegimeFile().map((r) => ({
    code: r.code, valid_from: r.validFrom, valid_to: r.validTo, requires_unpaid_order: r.requiresUnpaidOrder, objection_working_days: r.objectionWorkingDays,
    term_months: r.termMonths, extension_months: r.extensionMonths, early_removal: r.earlyRemoval, early_removal_min_months: r.earlyRemovalMinMonths,
    terms: JSON.stringify({ title: r.title, ...r.terms }),
  }));
  const thresholds = readThresholdFile().map((t) => ({
    province_code: t.provinceCode, valid_from: t.validFrom, valid_to: t.validTo, per_person_fen: t.perPersonFen, total_fen: t.totalFen,
    min_months: t.minMonths, min_workers: t.minWorkers, source: t.source, tag: t.tag,
  }));
  await db.transaction().execute(async (trx) => {
    const r = trx.insertInto('blacklist_regime').values(regimes);
    await (overwrite
      ? r.onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({
        valid_from: eb.ref('excluded.valid_from'), valid_to: eb.ref('excluded.valid_to'), requires_unpaid_order: eb.ref('excluded.requires_unpaid_order'),
        objection_working_days: eb.ref('excluded.objection_working_days'), term_months: eb.ref('excluded.term_months'), extension_months: eb.ref('excluded.extension_months'),
        early_removal: eb.ref('excluded.early_removal'), early_removal_min_months: eb.ref('excluded.early_removal_min_months'), terms: eb.ref('excluded.terms'),
      })))
      : r.onConflict((oc) => oc.column('code').doNothing())).execute();
    const t = trx.insertInto('blacklist_threshold').values(thresholds);
    await (overwrite
      ? t.onConflict((oc) => oc.columns(['province_code', 'valid_from']).doUpdateSet((eb) => ({
        valid_to: eb.ref('excluded.valid_to'), per_person_fen: eb.ref('excluded.per_person_fen'), total_fen: eb.ref('excluded.total_fen'),
        min_months: eb.ref('excluded.min_months'), min_workers: eb.ref('excluded.min_workers'), source: eb.ref('excluded.source'), tag: eb.ref('excluded.tag'),
      })))
      : t.onConflict((oc) => oc.columns(['province_code', 'valid_from']).doNothing())).execute();
  });
};
