import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { loadModuleData } from './module-data.ts';

/** Reviewed data files shipped with hrss; reference/SOURCES.md says where each comes from. */
export const REFERENCE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../reference');

interface DivisionFile { code: string; name_zh: string; name_en: string; level: 'province' | 'prefecture' | 'county'; parent?: string }
interface OccupationFile {
  releases: { version: string; effective_from: string; note?: string }[];
  entries: { code: string; level: 'major' | 'medium' | 'minor' | 'occupation'; parent?: string; name_zh: string; name_en?: string; definition_zh?: string; introduced_in: string; retired_in?: string }[];
}
interface IndustryFile { code: string; level: 'section' | 'division'; section?: string; name_zh: string; name_en: string; injury_class?: number }

const readJson = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(REFERENCE_DIR, name), 'utf8')) as T;

const chunks = <T>(rows: T[], n = 500): T[][] => Array.from({ length: Math.ceil(rows.length / n) }, (_, i) => rows.slice(i * n, i * n + n));

/**
 * Loads (or refreshes) the reference tables from the data files. Upserts, so a newer file
 * adds and corrects rows without breaking the records that point at them.
 */
export async function loadReferenceData(db: Db): Promise<{ divisions: number; occupations: number; industries: number }> {
  const divisions = readJson<DivisionFile[]>('divisions.json');
  const occ = readJson<OccupationFile>('occupations.json');
  const industries = readJson<IndustryFile[]>('industries.json');
  // Parents first, so self-references resolve.
  const levelOrder = { province: 0, prefecture: 1, county: 2, major: 0, medium: 1, minor: 2, occupation: 3, section: 0, division: 1 } as const;
  await db.transaction().execute(async (trx) => {
    for (const part of chunks([...divisions].sort((a, b) => levelOrder[a.level] - levelOrder[b.level]))) {
      await trx.insertInto('division').values(part.map((d) => ({
        code: d.code, province_code: d.code.slice(0, 2), level: d.level, parent_code: d.parent ?? null, name_zh: d.name_zh, name_en: d.name_en,
      }))).onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({
        level: eb.ref('excluded.level'), parent_code: eb.ref('excluded.parent_code'), name_zh: eb.ref('excluded.name_zh'), name_en: eb.ref('excluded.name_en'),
      }))).execute();
    }
    for (const r of occ.releases) {
      await trx.insertInto('occupation_release').values({ version: r.version, effective_from: r.effective_from, note: r.note ?? '' })
        .onConflict((oc) => oc.column('version').doUpdateSet({ effective_from: r.effective_from, note: r.note ?? '' })).execute();
    }
    for (const part of chunks([...occ.entries].sort((a, b) => levelOrder[a.level] - levelOrder[b.level]))) {
      await trx.insertInto('occupation').values(part.map((o) => ({
        code: o.code, level: o.level, parent_code: o.parent ?? null, name_zh: o.name_zh, name_en: o.name_en ?? '',
        definition_zh: o.definition_zh ?? '', introduced_in: o.introduced_in, retired_in: o.retired_in ?? null,
      }))).onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({
        parent_code: eb.ref('excluded.parent_code'), name_zh: eb.ref('excluded.name_zh'), name_en: eb.ref('excluded.name_en'),
        definition_zh: eb.ref('excluded.definition_zh'), introduced_in: eb.ref('excluded.introduced_in'), retired_in: eb.ref('excluded.retired_in'),
      }))).execute();
    }
    for (const part of chunks([...industries].sort((a, b) => levelOrder[a.level] - levelOrder[b.level]))) {
      await trx.insertInto('industry').values(part.map((i) => ({
        code: i.code, level: i.level, section_code: i.section ?? null, name_zh: i.name_zh, name_en: i.name_en, injury_class: i.injury_class ?? null,
      }))).onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({
        name_zh: eb.ref('excluded.name_zh'), name_en: eb.ref('excluded.name_en'), injury_class: eb.ref('excluded.injury_class'),
      }))).execute();
    }
  });
  caches.delete(db);
  await loadModuleData(db, { overwrite: true });
  return { divisions: divisions.length, occupations: occ.entries.length, industries: industries.length };
}

export async function referenceLoaded(db: Db): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*)::int as n from division`.execute(db);
  return r.rows[0].n > 0;
}

/** Divisions and industries are small and read on every validation: cached in memory. */
export interface ReferenceCache {
  divisions: Map<string, { code: string; level: string; name_zh: string; name_en: string; parent_code: string | null }>;
  provinces: Set<string>;
  industries: Set<string>;
}
const caches = new WeakMap<Db, ReferenceCache>();

export async function reference(db: Db): Promise<ReferenceCache> {
  const cached = caches.get(db);
  if (cached) return cached;
  const divs = await db.selectFrom('division').select(['code', 'level', 'name_zh', 'name_en', 'parent_code']).execute();
  const inds = await db.selectFrom('industry').select('code').where('level', '=', 'division').execute();
  const cache: ReferenceCache = {
    divisions: new Map(divs.map((d) => [d.code, d])),
    provinces: new Set(divs.filter((d) => d.level === 'province').map((d) => d.code.slice(0, 2))),
    industries: new Set(inds.map((i) => i.code)),
  };
  caches.set(db, cache);
  return cache;
}
