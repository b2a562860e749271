import type { AppContext } from '../../platform/context.ts';
import { regionPrefix, seesFullIdNumber, type Principal } from '../../platform/auth/policy.ts';
import { maskIdNumber } from '../persons/id-number.ts';
import { CSV_BOM, csvLine } from '../../platform/csv-writer.ts';

const CHUNK = 5000;


/**
 * CSV lines of the registry within the caller's region, in keyset-paged chunks so that an export
 * of millions of rows holds one chunk in memory. ID numbers follow the same masking rule as lists.
 */
export async function* exportCsv(ctx: AppContext, kind: 'persons' | 'employers', p: Principal | null): AsyncGenerator<string> {
  const prefix = p ? regionPrefix(p.regionCode) : '';
  if (kind === 'persons') {
    yield CSV_BOM + csvLine(['id_number', 'name', 'sex', 'birth_date', 'hukou_type', 'region_code', 'migrant_worker', 'registered_poor', 'fisherman']);
  } else {
    yield CSV_BOM + csvLine(['credit_code', 'name', 'legal_rep', 'region_code', 'industry_code', 'size_class', 'ownership', 'address']);
  }
  let after: [string, string] = ['', '00000000-0000-0000-0000-000000000000']; // before every real key
  for (;;) {
    if (kind === 'persons') {
      let q = ctx.db.selectFrom('person').select(['province_code', 'id', 'id_number', 'name', 'sex', 'birth_date', 'hukou_type', 'region_code', 'migrant_worker', 'registered_poor', 'fisherman']);
      if (prefix) q = q.where('province_code', '=', prefix.slice(0, 2)).where('region_code', 'like', `${prefix}%`);
      const rows = await q.where((eb) => eb.or([eb('province_code', '>', after[0]), eb.and([eb('province_code', '=', after[0]), eb('id', '>', after[1])])]))
        .orderBy('province_code').orderBy('id').limit(CHUNK).execute();
      if (!rows.length) return;
      yield rows.map((r) => csvLine([seesFullIdNumber(p, r.region_code, r.id) ? r.id_number : maskIdNumber(r.id_number), r.name, r.sex, r.birth_date, r.hukou_type, r.region_code, r.migrant_worker, r.registered_poor, r.fisherman])).join('');
      const last = rows[rows.length - 1];
      after = [last.province_code, last.id];
    } else {
      let q = ctx.db.selectFrom('employer').select(['province_code', 'id', 'credit_code', 'name', 'legal_rep', 'region_code', 'industry_code', 'size_class', 'ownership', 'address']);
      if (prefix) q = q.where('province_code', '=', prefix.slice(0, 2)).where('region_code', 'like', `${prefix}%`);
      const rows = await q.where((eb) => eb.or([eb('province_code', '>', after[0]), eb.and([eb('province_code', '=', after[0]), eb('id', '>', after[1])])]))
        .orderBy('province_code').orderBy('id').limit(CHUNK).execute();
      if (!rows.length) return;
      yield rows.map((r) => csvLine([r.credit_code, r.name, r.legal_rep, r.region_code, r.industry_code, r.size_class, r.ownership, r.address])).join('');
      const last = rows[rows.length - 1];
      after = [last.province_code, last.id];
    }
  }
}
