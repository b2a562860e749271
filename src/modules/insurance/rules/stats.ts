import { sql } from 'kysely';
import type { Executor } from '../../../platform/db.ts';

/**
 * The relieved employer share (2020 免/减) by scheme, province and kind over periods from…to
 * ('YYYY-MM', inclusive), adjustments included. Feeds GET /api/stats/insurance and the bulletin.
 */
export async function reliefTotals(db: Executor, q: { from: string; to: string; provinceCode?: string | null }): Promise<{ scheme: string; provinceCode: string; reliefKind: string; reliefFen: number }[]> {
  const rows = await sql<{ scheme: string; province_code: string; relief_kind: string; relief_fen: number }>`
    select scheme, province_code, relief_kind, sum(employer_relief_fen)::bigint as relief_fen
    from insurance_assessment
    where period >= ${q.from} and period <= ${q.to} and relief_kind is not null
      ${q.provinceCode ? sql`and province_code = ${q.provinceCode}` : sql``}
    group by scheme, province_code, relief_kind
    having sum(employer_relief_fen) <> 0
    order by province_code, scheme, relief_kind`.execute(db);
  return rows.rows.map((r) => ({ scheme: r.scheme, provinceCode: r.province_code, reliefKind: r.relief_kind, reliefFen: Number(r.relief_fen) }));
}
