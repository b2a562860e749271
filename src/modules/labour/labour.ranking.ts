import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { writeAudit, type Actor } from '../../platform/audit.ts';
import { reference } from '../reference/reference.service.ts';
import { findQuarter, rankParams, rankingInput } from './labour.repository.ts';
import { closeQuarterIn } from './labour.quarters.ts';
import { cityName } from './labour.service.ts';
import { breakdownByMajor, entriesAndExits, pctChange, prevQuarter, rankOccupations, ratio, type RankedOccupation } from './labour.rules.ts';
import type { RankingDto } from './labour.schemas.ts';
import { csvFile } from '../../platform/csv-writer.ts';

type Params = Awaited<ReturnType<typeof rankParams>>;
interface PreviousIssue { quarter: string; demand: number; seekers: number; ranks: Map<string, number> }

/** The published issue before a quarter, if any: its ranks and its totals. */
async function previousIssue(db: Executor, quarter: string): Promise<PreviousIssue | null> {
  const prev = prevQuarter(quarter);
  const pub = await db.selectFrom('labour_publication').select(['quarter', 'demand', 'seekers']).where('quarter', '=', prev).executeTakeFirst();
  if (!pub) return null;
  const entries = await db.selectFrom('labour_ranking_entry').select(['occupation_code', 'rank']).where('quarter', '=', prev).execute();
  return { quarter: prev, demand: Number(pub.demand), seekers: Number(pub.seekers), ranks: new Map(entries.map((e) => [e.occupation_code, e.rank])) };
}

type Input = Awaited<ReturnType<typeof rankingInput>>;
const digestOf = (input: Input, params: Params) =>
  crypto.createHash('sha256').update(JSON.stringify(params))
    .update(input.top.map((r) => `${r.city_code}|${r.occupation_code}|${r.demand}|${r.seekers}`).join('\n'))
    .update([...input.totals].map(([c, t]) => `${c}|${t.demand}|${t.seekers}`).join('\n')).digest('hex');

/**
 * Computes a quarter's ranking from its accepted reports, with the parameters in force for the
 * quarter and the previous published issue. The same input gives the same output, byte for byte.
 */
export async function computeRanking(db: Executor, quarter: string): Promise<RankingDto> {
  const [params, prev, ref] = await Promise.all([rankParams(db, quarter), previousIssue(db, quarter), reference(db as never)]);
  const input = await rankingInput(db, quarter, params.cityTopN);
  const ranked = rankOccupations(input.top.map((r) => ({ cityCode: r.city_code, occupationCode: r.occupation_code, demand: r.demand, seekers: r.seekers })), params, input.totals);
  const occ = ranked.length
    ? new Map((await db.selectFrom('occupation').select(['code', 'name_zh', 'definition_zh']).where('code', 'in', ranked.map((r) => r.occupationCode)).execute()).map((o) => [o.code, o]))
    : new Map();
  const agencies = await db.selectFrom('labour_report').select((eb) => eb.fn.countAll<number>().as('n')).where('quarter', '=', quarter).where('status', 'in', ['accepted', 'locked']).executeTakeFirstOrThrow();
  return assemble(quarter, ranked, {
    params, prev, agencies: Number(agencies.n), cities: input.cities, digest: digestOf(input, params),
    name: (c) => occ.get(c)?.name_zh ?? '', definition: (c) => occ.get(c)?.definition_zh ?? '', cityName: (c) => cityName(ref, c),
    majorName: (m) => MAJOR_NAMES[m] ?? m,
  });
}

const MAJOR_NAMES: Record<string, string> = {
  1: '党的机关、国家机关、群众团体和社会组织、企事业单位负责人', 2: '专业技术人员', 3: '办事人员和有关人员', 4: '社会生产服务和生活服务人员',
  5: '农、林、牧、渔业生产及辅助人员', 6: '生产制造及有关人员', 7: '军人', 8: '不便分类的其他从业人员',
};

function assemble(quarter: string, ranked: RankedOccupation[], x: {
  params: Params; prev: PreviousIssue | null; agencies: number; cities: number; digest: string;
  name: (c: string) => string; definition: (c: string) => string; cityName: (c: string) => string; majorName: (m: string) => string;
}): RankingDto {
  const demand = ranked.reduce((a, r) => a + r.demand, 0);
  const seekers = ranked.reduce((a, r) => a + r.seekers, 0);
  const codes = ranked.map((r) => r.occupationCode);
  const { entries, exits } = entriesAndExits(codes, x.prev ? [...x.prev.ranks.keys()] : null);
  const p = x.prev;
  return {
    quarter, published: false, publishedAt: null,
    params: { gapWeight: x.params.gapWeight, cityWeight: x.params.cityWeight, cityTopN: x.params.cityTopN, nationalTopN: x.params.nationalTopN, typicalCities: x.params.typicalCities, effectiveFrom: x.params.effectiveFrom },
    agencies: x.agencies, cities: x.cities,
    totals: {
      demand, seekers, gap: demand - seekers, ratio: ratio(demand, seekers),
      previous: p ? { quarter: p.quarter, demand: p.demand, seekers: p.seekers, gap: p.demand - p.seekers, ratio: ratio(p.demand, p.seekers) } : null,
      change: { demandPct: pctChange(demand, p?.demand), seekersPct: pctChange(seekers, p?.seekers), gapPct: pctChange(demand - seekers, p ? p.demand - p.seekers : null) },
    },
    breakdown: Object.entries(breakdownByMajor(codes)).map(([majorCode, count]) => ({ majorCode, nameZh: x.majorName(majorCode), count })),
    entries, exits,
    items: ranked.map((r) => {
      const prevRank = p?.ranks.get(r.occupationCode) ?? null;
      return {
        rank: r.rank, occupationCode: r.occupationCode, nameZh: x.name(r.occupationCode), definitionZh: x.definition(r.occupationCode), majorCode: r.occupationCode[0],
        typicalCities: r.typicalCities.map((c) => ({ cityCode: c.cityCode, nameZh: x.cityName(c.cityCode), gap: c.gap })),
        prevRank, prevRankLabel: prevRank !== null ? String(prevRank) : p ? '新' : '—',
        gapTotal: r.gapTotal, cityCount: r.cityCount, score: r.score, demand: r.demand, seekers: r.seekers,
      };
    }),
    inputDigest: x.digest,
  };
}

/** Publishing closes the quarter (locking its accepted reports) and stores the ranking as published. */
export async function publishQuarter(ctx: AppContext, actor: Actor, quarter: string): Promise<RankingDto> {
  const q = await findQuarter(ctx.db, quarter);
  if (!q) throw notFound('Quarter');
  if (await ctx.db.selectFrom('labour_publication').select('quarter').where('quarter', '=', quarter).executeTakeFirst()) {
    throw new AppError('CONFLICT', `Quarter ${quarter} is already published; a published ranking is never changed`);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await closeQuarterIn(trx, actor, q);
    const r = await computeRanking(trx, quarter);
    if (!r.items.length) throw new AppError('CONFLICT', `Quarter ${quarter} has no accepted reports to rank`);
    await trx.insertInto('labour_publication').values({
      quarter, published_by: actor.name, params: JSON.stringify(r.params), agencies: r.agencies, cities: r.cities, demand: r.totals.demand, seekers: r.totals.seekers,
      prev_quarter: r.totals.previous?.quarter ?? null, prev_demand: r.totals.previous?.demand ?? null, prev_seekers: r.totals.previous?.seekers ?? null,
      breakdown: JSON.stringify(r.breakdown), entries: JSON.stringify(r.entries), exits: JSON.stringify(r.exits), input_digest: r.inputDigest,
    }).execute();
    for (let i = 0; i < r.items.length; i += 200) {
      await trx.insertInto('labour_ranking_entry').values(r.items.slice(i, i + 200).map((e) => ({
        quarter, rank: e.rank, occupation_code: e.occupationCode, name_zh: e.nameZh, definition_zh: e.definitionZh, major_code: e.majorCode,
        gap_total: e.gapTotal, city_count: e.cityCount, score: e.score, demand: e.demand, seekers: e.seekers, typical_cities: JSON.stringify(e.typicalCities), prev_rank: e.prevRank,
      }))).execute();
    }
    await writeAudit(trx, actor, { provinceCode: null, action: 'labour.publish', entityType: 'labour_publication', entityId: quarter, after: { items: r.items.length, digest: r.inputDigest } });
  });
  return (await publishedRanking(ctx.db, quarter))!;
}

/** A published issue exactly as stored. */
export async function publishedRanking(db: Executor, quarter: string): Promise<RankingDto | null> {
  const pub = await db.selectFrom('labour_publication').selectAll().where('quarter', '=', quarter).executeTakeFirst();
  if (!pub) return null;
  const entries = await db.selectFrom('labour_ranking_entry').selectAll().where('quarter', '=', quarter).orderBy('rank').execute();
  const demand = Number(pub.demand);
  const seekers = Number(pub.seekers);
  const prev = pub.prev_quarter ? { quarter: pub.prev_quarter, demand: Number(pub.prev_demand), seekers: Number(pub.prev_seekers) } : null;
  return {
    quarter, published: true, publishedAt: new Date(pub.published_at).toISOString(), params: pub.params as RankingDto['params'],
    agencies: pub.agencies, cities: pub.cities,
    totals: {
      demand, seekers, gap: demand - seekers, ratio: ratio(demand, seekers),
      previous: prev ? { ...prev, gap: prev.demand - prev.seekers, ratio: ratio(prev.demand, prev.seekers) } : null,
      change: { demandPct: pctChange(demand, prev?.demand), seekersPct: pctChange(seekers, prev?.seekers), gapPct: pctChange(demand - seekers, prev ? prev.demand - prev.seekers : null) },
    },
    breakdown: pub.breakdown as RankingDto['breakdown'], entries: pub.entries as string[], exits: pub.exits as string[],
    items: entries.map((e) => ({
      rank: e.rank, occupationCode: e.occupation_code, nameZh: e.name_zh, definitionZh: e.definition_zh, majorCode: e.major_code,
      typicalCities: e.typical_cities as RankingDto['items'][number]['typicalCities'], prevRank: e.prev_rank,
      prevRankLabel: e.prev_rank !== null ? String(e.prev_rank) : prev ? '新' : '—',
      gapTotal: Number(e.gap_total), cityCount: e.city_count, score: normaliseScore(e.score), demand: Number(e.demand), seekers: Number(e.seekers),
    })),
    inputDigest: pub.input_digest,
  };
}

// numeric comes back as an exact string; keep the 6 decimals it was stored with.
const normaliseScore = (s: string) => (s.includes('.') ? `${s.split('.')[0]}.${s.split('.')[1].padEnd(6, '0')}` : `${s}.000000`);

export async function publishedQuarters(db: Executor) {
  const rows = await db.selectFrom('labour_publication').select(['quarter', 'published_at', 'agencies', 'cities', 'demand', 'seekers']).orderBy('quarter', 'desc').execute();
  return rows.map((r) => ({ quarter: r.quarter, publishedAt: new Date(r.published_at).toISOString(), agencies: r.agencies, cities: r.cities, demand: Number(r.demand), seekers: Number(r.seekers), ratio: ratio(Number(r.demand), Number(r.seekers)) }));
}

// ---------- exports in the published form (rules-2020.md §6: 序号 · 职业名称 · 职业代码 · 职业定义 · 需求典型城市 · 上期排位) ----------

const HEADER = ['序号', '职业名称', '职业代码', '职业定义', '需求典型城市', '上期排位'];
const rowOf = (e: RankingDto['items'][number]) => [e.rank, e.nameZh, e.occupationCode, e.definitionZh, e.typicalCities.map((c) => c.nameZh).join('、'), e.prevRankLabel];

export function rankingCsv(r: RankingDto): string {
  return csvFile(HEADER, r.items.map(rowOf));
}

export async function rankingXlsx(r: RankingDto): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hrss';
  const title = `${r.quarter.slice(0, 4)}年第${r.quarter.slice(5)}季度全国招聘大于求职“最缺工”的${r.items.length}个职业排行`;
  const ws = wb.addWorksheet('排行');
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, HEADER.length);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.addRow(HEADER).font = { bold: true };
  for (const e of r.items) ws.addRow(rowOf(e));
  ws.columns.forEach((c, i) => { c.width = [6, 20, 12, 60, 36, 10][i]; });
  const s = wb.addWorksheet('汇总');
  const t = r.totals;
  s.addRows([
    ['季度', r.quarter], ['监测城市', r.cities], ['报告机构', r.agencies],
    ['招聘需求人数', t.demand], ['求职人数', t.seekers], ['缺口', t.gap], ['求人倍率', t.ratio ?? ''],
    ['需求环比(%)', t.change.demandPct ?? ''], ['求职环比(%)', t.change.seekersPct ?? ''], ['缺口环比(%)', t.change.gapPct ?? ''],
    [], ['大类', '名称', '职业数'], ...r.breakdown.map((b) => [b.majorCode, b.nameZh, b.count]),
    [], ['新进入', r.entries.join('、')], ['退出', r.exits.join('、')],
  ]);
  s.getColumn(1).width = 16;
  s.getColumn(2).width = 40;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
