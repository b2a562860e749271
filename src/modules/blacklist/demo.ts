import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { Rng } from '../demo/demo.generator.ts';
import { makeIdNumber, personName } from '../demo/demo.generator.ts';
import { SYSTEM_ACTOR } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/policy.ts';
import { todayInChina } from '../../platform/dates.ts';
import { addWorkingDays } from '../arrears/working-days.ts';
import { onCaseDecided } from './hooks.ts';
import { act, advanceBlacklist, replacePersons } from './service.ts';
import { addToBatch, createBatch, markForDisclosure, publishBatch } from './disclosure.ts';
import { insertCase } from './test-cases.ts';

const officer = (regionCode: string): Principal => ({
  id: 'demo', username: 'demo', displayName: 'demo', role: regionCode === '000000' ? 'ministry' : regionCode.endsWith('0000') ? 'province_officer' : 'city_officer',
  regionCode, subjectProvinceCode: null, subjectId: null, scopes: ['read', 'write'],
});

// Demo offices (cities of the demo provinces) where listed cases are set.
const OFFICES = ['440300', '440100', '420100', '110100', '310100', '330100', '510100', '440300'];

/**
 * Demo data: listings and disclosure batches. Case work's demo sends its listing candidates through
 * onCaseDecided, so their proposals exist already. Its demo year (2020) falls under the 2017 rules;
 * those entries are published in 2020 and, by today, extended or expired. So that the public list shows
 * current entries, a few recent cases (2024–2026, Order 45) are inserted through the contract columns
 * (case numbers BL-DEMO-…), and 2020 ones too when case work's demo has fewer than eight qualifying cases.
 */
export async function loadBlacklistDemo(ctx: AppContext, r: Rng): Promise<string> {
  if (await ctx.db.selectFrom('disclosure_batch').select('id').limit(1).executeTakeFirst()) return 'already loaded';
  const today = todayInChina();
  const employers = await ctx.db.selectFrom('employer').select(['province_code', 'id', 'name', 'credit_code', 'region_code'])
    .where(sql<string>`substr(region_code, 1, 4)`, 'in', OFFICES.map((o) => o.slice(0, 4))).orderBy('id').limit(2000).execute();
  const used = new Set<string>();
  const employerIn = (region: string) => {
    const xs = employers.filter((e) => e.region_code.startsWith(region.slice(0, 4)) && !used.has(e.id));
    const e = xs.length ? r.pick(xs) : null;
    if (e) used.add(e.id);
    return e;
  };
  const seed = async (regionCode: string, decidedOn: string, n: number, order45: boolean) => {
    const e = employerIn(regionCode);
    const mass = r.chance(0.15);
    return insertCase(ctx.db, {
      regionCode, caseNo: `BL-DEMO-${decidedOn.slice(0, 4)}-${regionCode}-${n}`, decidedOn, employerId: e?.id ?? null, employerProvinceCode: e?.province_code ?? null,
      employerName: e?.name ?? `${r.pick(['宏达', '鑫源', '恒通', '安泰'])}建筑劳务有限公司（${regionCode}）`, creditCode: e?.credit_code ?? null, workers: r.int(mass ? 3 : 10, 60), amountOwedFen: r.int(12, 90) * 10_000_00,
      massIncident: mass, orderedToPay: order45 || r.chance(0.6), orderDeadline: order45 ? decidedOn : null, paidAfterOrder: order45 ? false : null,
    });
  };

  // Proposals for decided cases that case work has not yet passed through the hook (idempotent).
  let qualifying2020 = await ctx.db.selectFrom('blacklist_entry').select(['id']).where('regime', '=', 'R2017').where('status', '=', 'proposed').orderBy('proposed_on').orderBy('id').execute();
  let seeded = 0;
  if (qualifying2020.length < 8) {
    for (let i = 0; i < 10; i++) {
      const c = await seed(OFFICES[i % OFFICES.length], `2020-${String(2 + i).padStart(2, '0')}-1${i % 9}`, i, false);
      await ctx.db.transaction().execute((trx) => onCaseDecided(trx, c.province_code, c.id, SYSTEM_ACTOR));
      seeded++;
    }
    qualifying2020 = await ctx.db.selectFrom('blacklist_entry').select(['id']).where('regime', '=', 'R2017').where('status', '=', 'proposed').orderBy('proposed_on').orderBy('id').execute();
  }
  const recent: string[] = [];
  for (let i = 0; i < 10; i++) {
    const decidedOn = `${2024 + Math.floor(i / 4)}-${String(1 + (i * 3) % 11).padStart(2, '0')}-0${1 + (i % 8)}`;
    if (decidedOn > today) continue;
    const c = await seed(OFFICES[(i + 3) % OFFICES.length], decidedOn, 100 + i, true);
    await ctx.db.transaction().execute((trx) => onCaseDecided(trx, c.province_code, c.id, SYSTEM_ACTOR));
    seeded++;
    const e = await ctx.db.selectFrom('blacklist_entry').select('id').where('case_id', '=', c.id).executeTakeFirst();
    if (e) recent.push(e.id);
  }

  // Walk the entries through their lifecycle.
  const counts = { published: 0, notListed: 0, removed: 0, pending: 0 };
  const walk = async (ids: string[], regimeEarlyRepair: boolean) => {
    for (const [i, id] of ids.entries()) {
      const e = await ctx.db.selectFrom('blacklist_entry').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      if (e.status !== 'proposed') continue;
      const p = officer(e.region_code);
      await replacePersons(ctx, p, SYSTEM_ACTOR, id, [
        ...(await ctx.db.selectFrom('blacklist_person').select(['role', 'name']).where('entry_id', '=', id).execute()).map((x) => ({ role: x.role, name: x.name })),
        { role: 'manager', name: personName(r), idNumber: makeIdNumber(`${e.region_code.slice(0, 4)}0${r.int(2, 6)}`, `19${r.int(60, 89)}-0${r.int(1, 9)}-1${r.int(0, 9)}`, r.int(0, 999)) },
      ]);
      if (i === ids.length - 1) { counts.pending++; continue; } // left for the console: a proposal awaiting notice
      const noticedOn = await addWorkingDays(ctx.db, e.proposed_on, 3);
      if (noticedOn > today) { counts.pending++; continue; }
      await act(ctx, p, SYSTEM_ACTOR, id, { kind: 'notice', noticedOn });
      const due = (await ctx.db.selectFrom('blacklist_entry').select('objection_due').where('id', '=', id).executeTakeFirstOrThrow()).objection_due!;
      if (i === 1) {
        await act(ctx, p, SYSTEM_ACTOR, id, { kind: 'objection', receivedOn: due, statement: '欠薪系总承包方未拨付工程款所致，本单位已垫付全部工资', outcome: 'upheld', reviewedOn: await addWorkingDays(ctx.db, due, 4) });
        counts.notListed++;
        continue;
      }
      const decidedOn = await addWorkingDays(ctx.db, due, 2);
      if (decidedOn > today) { counts.pending++; continue; }
      await act(ctx, p, SYSTEM_ACTOR, id, { kind: 'decision', decidedOn });
      const publishedOn = await addWorkingDays(ctx.db, decidedOn, 1);
      if (publishedOn > today) continue;
      await act(ctx, p, SYSTEM_ACTOR, id, { kind: 'publication', publishedOn });
      counts.published++;
      // Some pay up: corrected within the term (2017: leaves at expiry; Order 45: may apply for credit repair).
      if (i % 3 === 0) {
        const correctedOn = await addWorkingDays(ctx.db, publishedOn, 40);
        if (correctedOn <= today) await act(ctx, p, SYSTEM_ACTOR, id, { kind: 'correction', correctedOn, commitmentSignedOn: correctedOn });
      }
      if (i === 2) {
        const reason = regimeEarlyRepair ? 'credit_repair' as const : 'revoked' as const;
        const e2 = await ctx.db.selectFrom('blacklist_entry').select('corrected_on').where('id', '=', id).executeTakeFirstOrThrow();
        const appliedOn = reason === 'credit_repair' && e2.corrected_on ? await addWorkingDays(ctx.db, e2.corrected_on, 130) : await addWorkingDays(ctx.db, publishedOn, 30);
        if (appliedOn <= today && (reason === 'revoked' || e2.corrected_on)) {
          await act(ctx, p, SYSTEM_ACTOR, id, { kind: 'removal', reason, appliedOn, removedOn: await addWorkingDays(ctx.db, appliedOn, 10) > today ? appliedOn : await addWorkingDays(ctx.db, appliedOn, 10) });
          counts.removed++;
        }
      }
    }
  };
  // At most 120 of case work's 2020 proposals are walked (a few seconds on PGlite); any others stay proposals.
  await walk(qualifying2020.slice(0, 120).map((x) => x.id), false);
  await walk(recent, true);
  const swept = await advanceBlacklist(ctx, today, SYSTEM_ACTOR);

  // Disclosure (Order 29): decided cases marked, published by Shenzhen quarterly, Guangdong half-yearly, the ministry half-yearly, one ad hoc.
  const cases = await ctx.db.selectFrom('arrears_case').select(['province_code', 'case_no', 'region_code', 'decided_on', 'workers', 'amount_owed_fen', 'mass_incident'])
    .where('decided_on', '>=', '2020-01-01').where('decided_on', '<=', '2020-12-31').orderBy('decided_on').orderBy('case_no').limit(5000).execute();
  // Up to eight a province, spread over the year, so every level has something to publish.
  const qualifying = cases.filter((c) => Number(c.amount_owed_fen) >= 10_000_00 || c.mass_incident);
  // Shenzhen (the demo city officer's) is a group of its own, for its quarterly batches.
  const group = (c: { region_code: string; province_code: string }) => (c.region_code.startsWith('4403') ? '4403' : c.province_code);
  const picked = [...new Set(qualifying.map(group))].flatMap((g) => {
    const xs = qualifying.filter((c) => group(c) === g);
    const step = Math.max(1, Math.floor(xs.length / 8));
    return xs.filter((_, i) => i % step === 0).slice(0, 8);
  });
  const marked: { id: string; region: string; decidedOn: string }[] = [];
  for (const c of picked) {
    const category = c.mass_incident ? 6 : 1;
    const d = await markForDisclosure(ctx, officer(c.region_code), SYSTEM_ACTOR, {
      caseNo: c.case_no, category, markedOn: c.decided_on!,
      facts: `拖欠${c.workers}名劳动者工资共计${(Number(c.amount_owed_fen) / 100).toLocaleString('zh-CN')}元${c.mass_incident ? '，引发群体性事件' : ''}。`,
      handling: '劳动保障监察机构依法下达《劳动保障监察限期改正指令书》，责令限期支付拖欠工资；逾期未支付的，依法移送公安机关。',
    }).catch(() => null);
    if (d) marked.push({ id: d.id, region: d.region_code, decidedOn: d.marked_on });
  }
  let batches = 0;
  const publish = async (region: string, kind: 'periodic' | 'adhoc', period: string, title: string, ids: string[], publishedOn: string) => {
    if (!ids.length || publishedOn > today) return;
    const b = await createBatch(ctx, officer(region), SYSTEM_ACTOR, { kind, period, title });
    await addToBatch(ctx, officer(region), SYSTEM_ACTOR, b.id, ids);
    await publishBatch(ctx, officer(region), SYSTEM_ACTOR, b.id, publishedOn);
    batches++;
  };
  const quarterOf = (d: string) => `${d.slice(0, 4)}Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;
  const nextQuarterStart: Record<string, string> = { Q1: '04-15', Q2: '07-15', Q3: '10-15', Q4: '01-15' };
  for (const q of ['2020Q1', '2020Q2', '2020Q3', '2020Q4']) {
    const ids = marked.filter((m) => m.region.startsWith('4403') && quarterOf(m.decidedOn) === q).map((m) => m.id);
    const on = q.endsWith('Q4') ? `2021-${nextQuarterStart.Q4}` : `2020-${nextQuarterStart[q.slice(4)]}`;
    await publish('440300', 'periodic', q, `深圳市${q.slice(0, 4)}年第${q.slice(5)}季度重大劳动保障违法行为社会公布`, ids, on);
  }
  const gdH2 = marked.filter((m) => m.region.startsWith('44') && m.decidedOn >= '2020-07-01').map((m) => m.id);
  await publish('440000', 'periodic', '2020H2', '广东省2020年下半年重大劳动保障违法行为社会公布', gdH2, '2021-01-20');
  const gdH1 = marked.filter((m) => m.region.startsWith('44') && m.decidedOn < '2020-07-01').map((m) => m.id);
  await publish('440000', 'periodic', '2020H1', '广东省2020年上半年重大劳动保障违法行为社会公布', gdH1, '2020-07-20');
  // The ministry republishes cases of several provinces.
  const national = marked.filter((_, i) => i % 2 === 0).map((m) => m.id);
  await publish('000000', 'periodic', '2020H2', '人力资源社会保障部2020年下半年重大劳动保障违法行为社会公布', national, '2021-01-28');
  const hubei = marked.filter((m) => m.region.startsWith('42') && m.decidedOn <= '2020-09-10').slice(0, 3).map((m) => m.id);
  await publish('420000', 'adhoc', '2020-09-10', '湖北省重大欠薪违法行为随时公布', hubei, '2020-09-10');

  return `${qualifying2020.length + recent.length} listing entries (${counts.published} published, ${counts.notListed} objection upheld, ${counts.removed} removed early, ${counts.pending} pending; sweep: ${swept.extended} extended, ${swept.expired} expired), ${seeded} demo cases inserted, ${marked.length} disclosures in ${batches} published batches`;
}
