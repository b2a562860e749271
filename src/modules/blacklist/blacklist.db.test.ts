import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/helpers/context.ts';
import { ROOT, employer, idIn } from '../../../test/helpers/fixtures.ts';
import { login, makeUser, testApp, type Client, type TestApp } from '../../../test/helpers/http.ts';
import { SYSTEM_ACTOR } from '../../platform/audit.ts';
import { onCaseDecided } from './hooks.ts';
import { act, advanceBlacklist, replacePersons } from './service.ts';
import { insertCase, type CaseSeed } from './test-cases.ts';
import { ID_NUMBER_PATTERN } from './disclosure-rules.ts';

let ctx: Awaited<ReturnType<typeof testContext>>;
let app: TestApp;
let officer: Client;
let gd: Client;

beforeAll(async () => {
  ctx = await testContext();
  app = await testApp(ctx);
  await makeUser(ctx, 'bl.sz', 'city_officer', '440300');
  await makeUser(ctx, 'bl.gd', 'province_officer', '440000');
  officer = await login(app, 'bl.sz');
  gd = await login(app, 'bl.gd');
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const entryOf = (caseId: string) => ctx.db.selectFrom('blacklist_entry').selectAll().where('case_id', '=', caseId).executeTakeFirst();
const publicList = async (asOf: string) => (await app.inject({ method: 'GET', url: `/api/public/blacklist?asOf=${asOf}&pageSize=200` })).json() as { items: { id: string; persons: { idNumber: string | null }[] }[] };

/** A case decided on a date, proposed by the hook, noticed, decided after the window and published. */
async function listed(seed: CaseSeed, dates: { noticed: string; decided: string; published: string }) {
  const c = await insertCase(ctx.db, seed);
  await ctx.db.transaction().execute((trx) => onCaseDecided(trx, c.province_code, c.id, SYSTEM_ACTOR));
  const e = (await entryOf(c.id))!;
  expect(e, 'proposal opened').toBeTruthy();
  await act(ctx, ROOT, SYSTEM_ACTOR, e.id, { kind: 'notice', noticedOn: dates.noticed });
  await act(ctx, ROOT, SYSTEM_ACTOR, e.id, { kind: 'decision', decidedOn: dates.decided });
  await act(ctx, ROOT, SYSTEM_ACTOR, e.id, { kind: 'publication', publishedOn: dates.published });
  return { c, id: e.id };
}

// 人社部规〔2017〕16号: decided 2018-01-01 … 2021-12-31. 人社部令第45号: from 2022-01-01, ordered to pay and did not.
const R2017: CaseSeed = { decidedOn: '2020-05-11' };
const O45: CaseSeed = { decidedOn: '2022-03-10', orderedToPay: true, orderDeadline: '2022-03-01', paidAfterOrder: false };

describe('proposals (onCaseDecided)', () => {
  it('opens one proposal for a qualifying case, idempotently, with the regime of the decision date', async () => {
    const c = await insertCase(ctx.db, R2017);
    await ctx.db.transaction().execute((trx) => onCaseDecided(trx, c.province_code, c.id, SYSTEM_ACTOR));
    await ctx.db.transaction().execute((trx) => onCaseDecided(trx, c.province_code, c.id, SYSTEM_ACTOR));
    const rows = await ctx.db.selectFrom('blacklist_entry').selectAll().where('case_id', '=', c.id).execute();
    expect(rows.map((r) => [r.regime, r.status, r.grounds])).toEqual([['R2017', 'proposed', ['AMOUNT_TOTAL']]]);
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', rows[0].id).execute();
    expect(audit.map((a) => a.action)).toEqual(['blacklist.propose']);
  });
  it('opens nothing below the threshold, before a decision, or under Order 45 without an unpaid order', async () => {
    for (const seed of [
      { ...R2017, amountOwedFen: 99_999_99 }, // Guangdong: national default ¥100k
      { decidedOn: null },
      { ...O45, paidAfterOrder: true },
      { ...O45, orderedToPay: false, paidAfterOrder: null },
    ]) {
      const c = await insertCase(ctx.db, seed);
      await ctx.db.transaction().execute((trx) => onCaseDecided(trx, c.province_code, c.id, SYSTEM_ACTOR));
      expect(await entryOf(c.id), JSON.stringify(seed)).toBeUndefined();
    }
  });
  it('uses the months unpaid recorded on the case: one worker, 4 months, ¥25k ≥ the default ¥20k (法释〔2013〕3号 art. 3(1))', async () => {
    const c = await insertCase(ctx.db, { workers: 1, amountOwedFen: 25_000_00, monthsUnpaid: 4 });
    const short = await insertCase(ctx.db, { workers: 1, amountOwedFen: 25_000_00, monthsUnpaid: 2 });
    await ctx.db.transaction().execute(async (trx) => {
      await onCaseDecided(trx, c.province_code, c.id, SYSTEM_ACTOR);
      await onCaseDecided(trx, short.province_code, short.id, SYSTEM_ACTOR);
    });
    expect((await entryOf(c.id))?.grounds).toEqual(['AMOUNT_PER_PERSON']);
    expect(await entryOf(short.id)).toBeUndefined();
  });
  it('an officer proposes by hand; refused with 409 NOT_LISTABLE when the criteria do not hold', async () => {
    const small = await insertCase(ctx.db, { workers: 1, amountOwedFen: 25_000_00 });
    const refused = await officer.post('/api/blacklist/proposals', { caseNo: small.case_no });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('NOT_LISTABLE');
    expect(refused.json().fields.map((f: { code: string }) => f.code)).toEqual(['BELOW_THRESHOLD']);
    // With the 3-month fact established the one-worker ground holds (¥25k ≥ ¥20k).
    const ok = await officer.post('/api/blacklist/proposals', { caseNo: small.case_no, monthsUnpaid: 4 });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ origin: 'manual', regime: 'R2017', grounds: ['AMOUNT_PER_PERSON'], status: 'proposed' });
    expect((await officer.post('/api/blacklist/proposals', { caseNo: small.case_no, monthsUnpaid: 4 })).statusCode).toBe(409);
  });
  it('out of region: a Shenzhen officer cannot propose a Beijing case', async () => {
    const bj = await insertCase(ctx.db, { regionCode: '110100', decidedOn: '2020-05-11' });
    expect((await officer.post('/api/blacklist/proposals', { caseNo: bj.case_no })).statusCode).toBe(404);
  });
});

describe('2017 regime (人社部规〔2017〕16号): 1 year, +2 years if not corrected', () => {
  it('notice opens the statement window in working days; the decision waits for it', async () => {
    const c = await insertCase(ctx.db, R2017);
    await ctx.db.transaction().execute((trx) => onCaseDecided(trx, c.province_code, c.id, SYSTEM_ACTOR));
    const e = (await entryOf(c.id))!;
    const noticed = await officer.post(`/api/blacklist/entries/${e.id}/notice`, { noticedOn: '2020-05-12' });
    expect(noticed.statusCode, noticed.body).toBe(200);
    expect(noticed.json().objectionDue).toBe('2020-05-19'); // Tue 12 May + 5 working days
    const early = await officer.post(`/api/blacklist/entries/${e.id}/decision`, { decidedOn: '2020-05-19' });
    expect(early.statusCode).toBe(409);
    expect(early.json().fields[0].code).toBe('WINDOW_OPEN');
    const decided = await officer.post(`/api/blacklist/entries/${e.id}/decision`, { decidedOn: '2020-05-20' });
    expect(decided.json()).toMatchObject({ status: 'decided', decidedOn: '2020-05-20', expiresOn: '2021-05-20' });
  });
  it('listed → expired (corrected within the term): leaves the public list, stays on record', async () => {
    const { id } = await listed(R2017, { noticed: '2020-05-12', decided: '2020-05-20', published: '2020-05-21' });
    await act(ctx, ROOT, SYSTEM_ACTOR, id, { kind: 'correction', correctedOn: '2020-09-01' });
    expect((await publicList('2021-05-19')).items.map((i) => i.id)).toContain(id);
    expect(await advanceBlacklist(ctx, '2021-05-19', SYSTEM_ACTOR, '44')).toEqual({ extended: 0, expired: 0 });
    await advanceBlacklist(ctx, '2021-05-20', SYSTEM_ACTOR, '44');
    const e = (await ctx.db.selectFrom('blacklist_entry').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    expect([e.status, e.expired_on]).toEqual(['expired', '2021-05-20']);
    expect((await publicList('2021-05-20')).items.map((i) => i.id)).not.toContain(id);
  });
  it('listed → extended (not corrected): 2 more years, then expired; the sweep is idempotent', async () => {
    const { id } = await listed(R2017, { noticed: '2020-06-01', decided: '2020-06-09', published: '2020-06-10' });
    const first = await advanceBlacklist(ctx, '2021-06-09', SYSTEM_ACTOR, '44');
    expect(first.extended).toBeGreaterThanOrEqual(1);
    let e = await ctx.db.selectFrom('blacklist_entry').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect([e.status, e.extended_on, e.expires_on]).toEqual(['extended', '2021-06-09', '2023-06-09']);
    expect(await advanceBlacklist(ctx, '2021-06-09', SYSTEM_ACTOR, '44')).toEqual({ extended: 0, expired: 0 });
    expect((await publicList('2022-01-01')).items.map((i) => i.id)).toContain(id);
    await advanceBlacklist(ctx, '2023-06-09', SYSTEM_ACTOR, '44');
    e = await ctx.db.selectFrom('blacklist_entry').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect([e.status, e.expired_on]).toEqual(['expired', '2023-06-09']);
  });
  it('listed → removed early: no credit repair under 2017, but a revoked decision removes it', async () => {
    const { id } = await listed(R2017, { noticed: '2020-07-01', decided: '2020-07-09', published: '2020-07-10' });
    await act(ctx, ROOT, SYSTEM_ACTOR, id, { kind: 'correction', correctedOn: '2020-08-01', commitmentSignedOn: '2020-08-01' });
    const refused = await officer.post(`/api/blacklist/entries/${id}/removal`, { reason: 'credit_repair', appliedOn: '2021-03-01', removedOn: '2021-03-01' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().fields.map((f: { code: string }) => f.code)).toEqual(['NOT_AVAILABLE']);
    const removed = await officer.post(`/api/blacklist/entries/${id}/removal`, { reason: 'revoked', appliedOn: '2020-09-01', removedOn: '2020-09-15' });
    expect(removed.json()).toMatchObject({ status: 'removed', removalReason: 'revoked', removedOn: '2020-09-15' });
    expect((await publicList('2020-09-20')).items.map((i) => i.id)).not.toContain(id);
  });
  it('objection upheld → not listed', async () => {
    const c = await insertCase(ctx.db, R2017);
    await ctx.db.transaction().execute((trx) => onCaseDecided(trx, c.province_code, c.id, SYSTEM_ACTOR));
    const e = (await entryOf(c.id))!;
    await act(ctx, ROOT, SYSTEM_ACTOR, e.id, { kind: 'notice', noticedOn: '2020-05-12' });
    const late = await officer.post(`/api/blacklist/entries/${e.id}/objection`, { receivedOn: '2020-05-20', statement: '已足额支付', outcome: 'upheld', reviewedOn: '2020-05-21' });
    expect(late.json().fields[0].code).toBe('OUTSIDE_WINDOW');
    const res = await officer.post(`/api/blacklist/entries/${e.id}/objection`, { receivedOn: '2020-05-15', statement: '工资已于处理决定前足额支付', outcome: 'upheld', reviewedOn: '2020-05-20' });
    expect(res.json()).toMatchObject({ status: 'not_listed', objectionOutcome: 'upheld' });
    expect((await officer.post(`/api/blacklist/entries/${e.id}/decision`, { decidedOn: '2020-06-01' })).json().code).toBe('INVALID_TRANSITION');
  });
});

describe('Order 45 (人社部令第45号): 3 years, credit repair after 6 months', () => {
  it('listed → expired at 3 years, corrected or not (no automatic extension)', async () => {
    const { id } = await listed(O45, { noticed: '2022-03-14', decided: '2022-03-22', published: '2022-03-23' });
    const e0 = await ctx.db.selectFrom('blacklist_entry').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect([e0.regime, e0.objection_due, e0.expires_on]).toEqual(['O45', '2022-03-21', '2025-03-22']);
    expect((await publicList('2025-03-21')).items.map((i) => i.id)).toContain(id);
    await advanceBlacklist(ctx, '2025-03-22', SYSTEM_ACTOR, '44');
    const e = await ctx.db.selectFrom('blacklist_entry').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect([e.status, e.expired_on, e.extended_on]).toEqual(['expired', '2025-03-22', null]);
  });
  it('listed → extended is not a path under Order 45: an uncorrected entry expires at the end of the term', async () => {
    const { id } = await listed({ ...O45, decidedOn: '2023-01-09' }, { noticed: '2023-01-10', decided: '2023-01-18', published: '2023-01-19' });
    await advanceBlacklist(ctx, '2026-01-18', SYSTEM_ACTOR, '44');
    expect((await ctx.db.selectFrom('blacklist_entry').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('expired');
  });
  it('listed → removed early by credit repair: paid + 6 months + commitment', async () => {
    const { id } = await listed(O45, { noticed: '2022-04-01', decided: '2022-04-13', published: '2022-04-14' });
    await act(ctx, ROOT, SYSTEM_ACTOR, id, { kind: 'correction', correctedOn: '2022-06-01', commitmentSignedOn: '2022-11-20' });
    const soon = await officer.post(`/api/blacklist/entries/${id}/removal`, { reason: 'credit_repair', appliedOn: '2022-11-30', removedOn: '2022-12-05' });
    expect(soon.json().fields.map((f: { code: string }) => f.code)).toEqual(['TOO_SOON']);
    const ok = await officer.post(`/api/blacklist/entries/${id}/removal`, { reason: 'credit_repair', appliedOn: '2022-12-01', removedOn: '2022-12-20' });
    expect(ok.json()).toMatchObject({ status: 'removed', removalReason: 'credit_repair', removalAppliedOn: '2022-12-01' });
    expect((await publicList('2023-01-01')).items.map((i) => i.id)).not.toContain(id);
    expect((await publicList('2022-12-19')).items.map((i) => i.id)).not.toContain(id); // status is what the list shows now
  });
  it('objection upheld → not listed', async () => {
    const c = await insertCase(ctx.db, O45);
    await ctx.db.transaction().execute((trx) => onCaseDecided(trx, c.province_code, c.id, SYSTEM_ACTOR));
    const e = (await entryOf(c.id))!;
    await act(ctx, ROOT, SYSTEM_ACTOR, e.id, { kind: 'notice', noticedOn: '2022-03-14' });
    await act(ctx, ROOT, SYSTEM_ACTOR, e.id, { kind: 'objection', receivedOn: '2022-03-18', statement: '欠薪系总包方拖欠', outcome: 'upheld', reviewedOn: '2022-03-25' });
    expect((await entryOf(c.id))!.status).toBe('not_listed');
  });
});

describe('persons and ID numbers', () => {
  it('lists the unit with its legal representative and responsible persons; ID numbers masked publicly and for the ministry', async () => {
    const emp = await employer(ctx, '440300', '深圳人员测试有限公司');
    const c = await insertCase(ctx.db, { ...O45, employerId: emp.id, employerProvinceCode: '44', employerName: emp.name, creditCode: emp.credit_code });
    await ctx.db.transaction().execute((trx) => onCaseDecided(trx, c.province_code, c.id, SYSTEM_ACTOR));
    const e = (await entryOf(c.id))!;
    const full = idIn('440305');
    await replacePersons(ctx, ROOT, SYSTEM_ACTOR, e.id, [{ role: 'legal_rep', name: '张三', idNumber: full }, { role: 'manager', name: '李四' }]);
    await act(ctx, ROOT, SYSTEM_ACTOR, e.id, { kind: 'notice', noticedOn: '2026-01-05' });
    await act(ctx, ROOT, SYSTEM_ACTOR, e.id, { kind: 'decision', decidedOn: '2026-01-13' });
    await act(ctx, ROOT, SYSTEM_ACTOR, e.id, { kind: 'publication', publishedOn: '2026-01-14' });
    const pub = await app.inject({ method: 'GET', url: '/api/public/blacklist?pageSize=200' });
    expect(pub.body).not.toContain(full);
    expect(pub.body).not.toMatch(ID_NUMBER_PATTERN);
    const item = pub.json().items.find((i: { id: string }) => i.id === e.id);
    expect(item.persons).toEqual([{ role: 'legal_rep', name: '张三', idNumber: `${full.slice(0, 6)}********${full.slice(14)}` }, { role: 'manager', name: '李四', idNumber: null }]);
    expect((await officer.get(`/api/blacklist/entries/${e.id}`)).json().persons[0].idNumber).toBe(full);
  });
});

describe('disclosure of major violations (人社部令第29号)', () => {
  it('marks decided cases, publishes city and province batches by the frequency rule; nothing private is published', async () => {
    const emp = await employer(ctx, '440300', '深圳公布测试有限公司');
    const c1 = await insertCase(ctx.db, { employerId: emp.id, employerProvinceCode: '44', employerName: emp.name, creditCode: emp.credit_code, decidedOn: '2020-08-03' });
    const c2 = await insertCase(ctx.db, { regionCode: '440100', decidedOn: '2020-08-05' });
    const undecided = await insertCase(ctx.db, { decidedOn: null });
    const m1 = await officer.post('/api/disclosures', { caseNo: c1.case_no, category: 1, facts: `拖欠12名劳动者工资15万元；联系人身份证${idIn('440305')}`.slice(0, 30), handling: '责令限期支付，已移送公安机关' });
    expect(m1.statusCode, m1.body).toBe(201);
    expect((await officer.post('/api/disclosures', { caseNo: undecided.case_no, category: 1, facts: 'x', handling: 'y' })).json().fields[0].code).toBe('NOT_DECIDED');
    expect((await officer.post('/api/disclosures', { caseNo: c2.case_no, category: 1, facts: 'x', handling: 'y' })).statusCode).toBe(403); // Guangzhou: outside Shenzhen
    const m2 = await gd.post('/api/disclosures', { caseNo: c2.case_no, category: 6, facts: '拖欠工资引发群体性事件', handling: '责令支付并罚款' });
    expect((await officer.post('/api/disclosures', { caseNo: c1.case_no, category: 1, facts: 'x', handling: 'y' })).statusCode).toBe(409);

    // City: quarterly.
    expect((await officer.post('/api/disclosure-batches', { kind: 'periodic', period: '2020H2', title: 'x' })).json().fields[0].code).toBe('QUARTER_EXPECTED');
    const cityBatch = (await officer.post('/api/disclosure-batches', { kind: 'periodic', period: '2020Q3', title: '深圳市2020年第三季度重大劳动保障违法行为' })).json();
    expect(cityBatch).toMatchObject({ level: 'city', status: 'draft' });
    expect((await officer.post('/api/disclosure-batches', { kind: 'periodic', period: '2020Q3', title: 'again' })).statusCode).toBe(409);
    expect((await officer.post(`/api/disclosure-batches/${cityBatch.id}/items`, { disclosureIds: [m2.json().id] })).json().fields[0].code).toBe('OUT_OF_BATCH_REGION');
    expect((await officer.post(`/api/disclosure-batches/${cityBatch.id}/items`, { disclosureIds: [m1.json().id] })).json()).toEqual({ added: 1 });
    expect((await officer.post(`/api/disclosure-batches/${cityBatch.id}/publication`, { publishedOn: '2020-06-30' })).json().fields[0].code).toBe('BEFORE_PERIOD');
    expect((await officer.post(`/api/disclosure-batches/${cityBatch.id}/publication`, { publishedOn: '2020-10-10' })).json()).toMatchObject({ status: 'published', items: 1 });

    // Province: half-yearly; republishes Shenzhen's case beside its own.
    expect((await gd.post('/api/disclosure-batches', { kind: 'periodic', period: '2020Q3', title: 'x' })).json().fields[0].code).toBe('HALF_YEAR_EXPECTED');
    const prov = (await gd.post('/api/disclosure-batches', { kind: 'periodic', period: '2020H2', title: '广东省2020年下半年重大劳动保障违法行为' })).json();
    await gd.post(`/api/disclosure-batches/${prov.id}/items`, { disclosureIds: [m1.json().id, m2.json().id] });
    expect((await gd.post(`/api/disclosure-batches/${prov.id}/publication`, { publishedOn: '2021-01-15' })).statusCode).toBe(200);
    // Ad hoc publication is allowed at any level.
    const adhoc = (await officer.post('/api/disclosure-batches', { kind: 'adhoc', period: '2020-08-20', title: '随时公布' })).json();
    expect(adhoc).toMatchObject({ kind: 'adhoc', period: '2020-08-20' });

    const pub = await app.inject({ method: 'GET', url: '/api/public/disclosures?pageSize=50' });
    expect(pub.statusCode).toBe(200);
    const batches = pub.json().items as { id: string; cases: Record<string, unknown>[] }[];
    const provOut = batches.find((b) => b.id === prov.id)!;
    expect(provOut.cases).toHaveLength(2);
    expect(provOut.cases.find((x) => x.id === m1.json().id)).toMatchObject({ employerName: emp.name, creditCode: emp.credit_code, legalRepresentative: '张三', republished: true });
    expect(Object.keys(provOut.cases[0]).sort()).toEqual(['address', 'category', 'creditCode', 'employerName', 'facts', 'handling', 'id', 'legalRepresentative', 'regionCode', 'republished']);
    expect(batches.some((b) => b.id === adhoc.id)).toBe(false); // drafts are not public
    // No 18-character ID number anywhere in the public JSON.
    expect(pub.body).not.toMatch(ID_NUMBER_PATTERN);
  });

  it('statistics: entries new and current, disclosures, by region and quarter', async () => {
    const res = await gd.get('/api/stats/blacklist?from=2020-01-01&to=2020-12-31');
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.totals.newEntries).toBeGreaterThanOrEqual(3);
    expect(s.totals.disclosures).toBe(1); // Shenzhen's case in 2020Q3; Guangzhou's was first published in 2021
    expect(s.byRegion.map((r: { regionCode: string }) => r.regionCode)).toEqual(expect.arrayContaining(['440300']));
    expect(s.byQuarter[0].period).toMatch(/^2020Q[1-4]$/);
    expect((await officer.get('/api/stats/blacklist?from=2020-01-01&to=2020-12-31&regionCode=110000')).statusCode).toBe(403);
  });
});

describe('OpenAPI', () => {
  it('documents the blacklist, disclosure and public routes', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/api/blacklist/entries', '/api/blacklist/entries/{id}/removal', '/api/blacklist/advance', '/api/disclosure-batches/{id}/publication',
      '/api/public/blacklist', '/api/public/disclosures', '/api/stats/blacklist',
    ]));
  });
});
