import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { ModuleDataLoader } from '../../reference/module-data.ts';
import { fileURLToPath } from 'node:url';

export interface ParameterFileRow { key: string; province: string; from: string; to: string | null; value: unknown; source: string }

export const INSURANCE_PARAMETER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../reference/insurance');

/** Every row of reference/insurance/*.json (the reviewed files), in file order. */
export function readParameterFiles(dir = INSURANCE_PARAMETER_DIR): ParameterFileRow[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().flatMap((f) => {
    const rows = (JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { parameters: ParameterFileRow[] }).parameters;
    for (const r of rows) {
      if (!r.key || !/^(00|\d{2})$/.test(r.province) || !/^\d{4}-\d{2}-\d{2}$/.test(r.from) || !r.source) throw new Error(`${f}: bad parameter row ${JSON.stringify(r)}`);
    }
    return rows;
  });
}

/**
 * Loads reference/insurance/*.json into insurance_parameter. overwrite false (every start) adds
 * the missing rows and keeps values changed through the API; overwrite true makes the files win.
 */
export const loadInsuranceParameters: ModuleDataLoader = async (db, { overwrite }) => {
  const rows = readParameterFiles().map((r) => ({
    key: r.key, province_code: r.province, effective_from: r.from, effective_to: r.to, value: JSON.stringify(r.value), source: r.source,
  }));
  if (!rows.length) return;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 200) {
      const q = trx.insertInto('insurance_parameter').values(rows.slice(i, i + 200));
      await (overwrite
        ? q.onConflict((oc) => oc.columns(['key', 'province_code', 'effective_from']).doUpdateSet((eb) => ({
          effective_to: eb.ref('excluded.effective_to'), value: eb.ref('excluded.value'), source: eb.ref('excluded.source'), updated_at: sql`now()`,
        })))
        : q.onConflict((oc) => oc.columns(['key', 'province_code', 'effective_from']).doNothing())).execute();
    }
  });
};
