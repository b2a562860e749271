import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/helpers/context.ts';
import { login, makeUser, testApp, type Client, type TestApp } from '../../../test/helpers/http.ts';
import { agency, quarter, report } from '../../../test/helpers/labour.ts';

const multipart = (csv: string) => {
  const boundary = 'labourboundary';
  return { payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="r.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
};

describe('labour-market monitoring over HTTP', () => {
  let ctx: Awaited<ReturnType<typeof testContext>>;
  let app: TestApp;
  let rep: Client;
  let bjRep: Client;
  let gd: Client;
  let min: Client;

  beforeAll(async () => {
    ctx = await testContext();
    app = await testApp(ctx);
    await makeUser(ctx, 'l.rep', 'monitoring_reporter', '440300');
    await makeUser(ctx, 'l.bjrep', 'monitoring_reporter', '110100');
    await makeUser(ctx, 'l.gd', 'province_officer', '440000');
    await makeUser(ctx, 'l.min', 'ministry', '000000');
    [rep, bjRep, gd, min] = await Promise.all(['l.rep', 'l.bjrep', 'l.gd', 'l.min'].map((u) => login(app, u)));
    await quarter(ctx, '2020Q2', '2020-07-15');
    await quarter(ctx, '2020Q3', '2020-10-15');
    for (const c of ['440300', '440100', '110100', '310100']) await agency(ctx, c);
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  const count = async (table: 'labour_report' | 'labour_report_line' | 'audit_log') =>
    Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('a bad submission is a 400 listing every violation, and nothing of it is stored', async () => {
    const before = await Promise.all([count('labour_report'), count('labour_report_line'), count('audit_log')]);
    const res = await rep.post('/api/labour/reports', {
      quarter: '2020Q3', totals: { demand: 100, seekers: 10 }, submit: true,
      lines: [
        { occupationCode: '4-01-02-01', demand: 90, seekers: -1 },
        { occupationCode: '4-01-02-01', demand: 20, seekers: 3 },
        { occupationCode: '4-13-04-04', demand: 1, seekers: 1 }, // 在线学习服务师: 2020-batch3, in force from 2020-07-06 → valid in Q3
        { occupationCode: '9-99-99-99', demand: 1.5, seekers: 1 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`)).toEqual([
      'lines.0.seekers:NON_NEGATIVE_INTEGER', 'lines.1.occupationCode:DUPLICATE_OCCUPATION',
      'lines.3.occupationCode:UNKNOWN_OCCUPATION', 'lines.3.demand:NON_NEGATIVE_INTEGER', 'totals.demand:LINES_ABOVE_TOTAL']);
    expect(await Promise.all([count('labour_report'), count('labour_report_line'), count('audit_log')])).toEqual(before);
    // The same new occupation is not yet in force in Q2.
    const q2 = await rep.post('/api/labour/reports', { quarter: '2020Q2', totals: { demand: 5, seekers: 5 }, lines: [{ occupationCode: '4-13-04-04', demand: 1, seekers: 1 }] });
    expect(q2.json().fields).toEqual([expect.objectContaining({ field: 'lines.0.occupationCode', code: 'OCCUPATION_NOT_IN_FORCE' })]);
  });

  it('a CSV upload is judged by the same rules, errors named by file row and column', async () => {
    const { payload, headers } = multipart('occupation_code,demand,seekers\n4-01-02-01,50,abc\n4-01,5,5\nTOTAL,10,100\n');
    const res = await rep.call('POST', '/api/labour/reports/csv?quarter=2020Q3', payload, headers);
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`)).toEqual([
      'row.2.seekers:NON_NEGATIVE_INTEGER', 'row.3.occupation_code:UNKNOWN_OCCUPATION', 'row.4.demand:LINES_ABOVE_TOTAL']);
    const bad = multipart('id_number,name\n1,2\n');
    expect((await rep.call('POST', '/api/labour/reports/csv?quarter=2020Q3', bad.payload, bad.headers)).json().fields[0].code).toBe('BAD_HEADER');
  });

  it('workflow: draft → submitted → returned with comments → resubmitted → accepted; history kept; locked at close', async () => {
    // Q2 accepted first, so Q3 has history to compare with.
    await report(ctx, '440300', '2020Q2', [['4-01-02-01', 100, 40], ['6-18-02-04', 50, 10]]);
    const draft = await rep.post('/api/labour/reports', { quarter: '2020Q3', totals: { demand: 2000, seekers: 100 },
      lines: [{ occupationCode: '4-01-02-01', demand: 900, seekers: 45 }, { occupationCode: '6-18-02-04', demand: 60, seekers: 12 }] });
    expect(draft.statusCode).toBe(201);
    expect(draft.json()).toMatchObject({ status: 'draft', revision: 1, cityCode: '440300' });
    // 900 against a history of 100: flagged for a comment, not rejected.
    expect(draft.json().warnings).toEqual([expect.objectContaining({ field: 'lines.0.demand', code: 'FAR_FROM_HISTORY' })]);
    const id = draft.json().id;
    // Another city's reporter cannot see or submit it; a reviewer cannot accept a draft.
    expect((await bjRep.get(`/api/labour/reports/${id}`)).statusCode).toBe(404);
    expect((await bjRep.post(`/api/labour/reports/${id}/submit`)).statusCode).toBe(404);
    expect((await gd.post(`/api/labour/reports/${id}/accept`, {})).json().code).toBe('INVALID_TRANSITION');
    expect((await rep.post(`/api/labour/reports/${id}/submit`)).json().status).toBe('submitted');
    // Submitted: the reporter can no longer change it.
    expect((await rep.post('/api/labour/reports', { quarter: '2020Q3', totals: { demand: 1, seekers: 1 }, lines: [] })).json().code).toBe('INVALID_TRANSITION');
    const returned = await gd.post(`/api/labour/reports/${id}/return`, { comment: '营销员需求异常，请核实' });
    expect(returned.json()).toMatchObject({ status: 'returned', reviewComment: '营销员需求异常，请核实' });
    const again = await rep.post('/api/labour/reports', { quarter: '2020Q3', submit: true, totals: { demand: 2000, seekers: 100 },
      lines: [{ occupationCode: '4-01-02-01', demand: 900, seekers: 45, comment: '新商圈开业集中招聘' }, { occupationCode: '6-18-02-04', demand: 60, seekers: 12 }] });
    expect(again.json()).toMatchObject({ id, status: 'submitted', revision: 2 });
    expect(again.json().warnings[0].code).toBe('FAR_FROM_HISTORY_COMMENTED');
    expect((await gd.post(`/api/labour/reports/${id}/accept`, {})).json().status).toBe('accepted');
    const detail = (await gd.get(`/api/labour/reports/${id}`)).json();
    expect(detail.history.map((h: { action: string }) => h.action)).toEqual(['save', 'submit', 'return', 'save', 'submit', 'accept']);
    expect(detail.history[2].comment).toBe('营销员需求异常，请核实');
    expect(detail.history[1].totals).toEqual({ demand: 2000, seekers: 100 });
    expect(detail.lines[0]).toMatchObject({ occupationCode: '4-01-02-01', nameZh: '营销员', gap: 855, comment: '新商圈开业集中招聘' });
    // The city's top 20 by gap.
    const top = (await rep.get(`/api/labour/agencies/${detail.agencyId}/top?quarter=2020Q3`)).json();
    expect(top.items.map((t: { occupationCode: string; gap: number }) => [t.occupationCode, t.gap])).toEqual([['4-01-02-01', 855], ['6-18-02-04', 48]]);
  });

  it('completeness: who reported, who is late (deadlines are data), rate by province; reminders', async () => {
    const c = (await gd.get('/api/labour/quarters/2020Q3/completeness?asOf=2020-10-20')).json();
    expect(c.agencies.map((a: { cityCode: string; reported: boolean; late: boolean }) => [a.cityCode, a.reported, a.late])).toEqual([['440100', false, true], ['440300', true, true]]);
    // Shenzhen reported today, long after the 2020 deadline: reported, but late.
    expect(c.byProvince).toEqual([expect.objectContaining({ provinceCode: '44', agencies: 2, reported: 1, late: 2, rate: '50.00' })]);
    const national = (await min.get('/api/labour/quarters/2020Q3/completeness?asOf=2020-10-01')).json();
    expect(national.total).toEqual({ agencies: 4, reported: 1, late: 1, rate: '25.00' });
    const sent = (await gd.post('/api/labour/quarters/2020Q3/reminders')).json();
    expect(sent).toEqual({ quarter: '2020Q3', sent: 1, cities: ['440100'] });
    expect((await gd.get('/api/labour/quarters/2020Q3/completeness')).json().agencies[0].reminders).toBe(1);
  });

  it('publishing locks the quarter; the published ranking is identical when recomputed after the next quarter’s reports are accepted', async () => {
    await report(ctx, '110100', '2020Q2', [['4-01-02-01', 300, 100], ['4-07-05-01', 200, 20]]);
    expect((await min.post('/api/labour/quarters/2020Q2/publish')).statusCode).toBe(201);
    await report(ctx, '110100', '2020Q3', [['4-07-05-01', 400, 100], ['4-09-08-01', 300, 10], ['6-18-01-01', 90, 10]]);
    const pub = await min.post('/api/labour/quarters/2020Q3/publish');
    expect(pub.statusCode).toBe(201);
    const published = pub.json();
    expect(published.items.map((i: { occupationCode: string; prevRankLabel: string }) => `${i.occupationCode} ${i.prevRankLabel}`)).toEqual([
      // Q2 (by hand): 4-01-02-01 gap 260 in 2 cities → 1; 4-07-05-01 0.5×180/260 + 0.5×1/2; 6-18-02-04 0.5×40/260 + 0.5×1/2.
      // Q3: every occupation in one city, so the gap decides.
      '4-01-02-01 1', '4-07-05-01 2', '4-09-08-01 新', '6-18-01-01 新', '6-18-02-04 3']);
    expect(published.entries).toEqual(['4-09-08-01', '6-18-01-01']);
    expect(published.exits).toEqual([]);
    expect(published.breakdown.reduce((a: number, b: { count: number }) => a + b.count, 0)).toBe(published.items.length);
    expect(published.totals).toMatchObject({ demand: 900 + 60 + 400 + 300 + 90, seekers: 45 + 12 + 100 + 10 + 10, previous: { quarter: '2020Q2', demand: 650, seekers: 170 } });
    // Closed: reports are locked, nothing changes.
    expect((await rep.post('/api/labour/reports', { quarter: '2020Q3', totals: { demand: 1, seekers: 1 }, lines: [] })).json().code).toBe('QUARTER_CLOSED');
    expect((await min.post('/api/labour/quarters/2020Q3/publish')).json().code).toBe('CONFLICT');
    // The next quarter arrives and is accepted.
    await quarter(ctx, '2020Q4', '2021-01-15');
    await report(ctx, '440300', '2020Q4', [['4-01-02-01', 5000, 10], ['6-18-02-04', 4000, 1]]);
    await report(ctx, '310100', '2020Q4', [['4-09-08-01', 7000, 1]]);
    const strip = (r: Record<string, unknown>) => ({ ...r, published: undefined, publishedAt: undefined });
    const recomputed = (await min.get('/api/labour/quarters/2020Q3/ranking')).json();
    const stored = (await app.inject({ method: 'GET', url: '/api/public/labour/rankings/2020Q3' })).json();
    expect(strip(recomputed)).toEqual(strip(stored));
    expect(strip(stored)).toEqual(strip(published));
  });

  it('public page and API, CSV and XLSX exports in the published form; ratio by region', async () => {
    const list = (await app.inject({ method: 'GET', url: '/api/public/labour/rankings' })).json();
    expect(list.items.map((i: { quarter: string }) => i.quarter)).toEqual(['2020Q3', '2020Q2']);
    expect((await app.inject({ method: 'GET', url: '/api/public/labour/rankings/2020Q4' })).statusCode).toBe(404);
    const csv = await app.inject({ method: 'GET', url: '/api/public/labour/rankings/2020Q3/ranking.csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace('\ufeff', '').trim().split('\n');
    expect(lines[0]).toBe('序号,职业名称,职业代码,职业定义,需求典型城市,上期排位');
    expect(lines[1]).toMatch(/^1,营销员,4-01-02-01,.*,深圳市,1$/);
    const xlsx = await app.inject({ method: 'GET', url: '/api/public/labour/rankings/2020Q3/ranking.xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['排行', '汇总']);
    expect(wb.getWorksheet('排行')!.getRow(3).values).toEqual([undefined, 1, '营销员', '4-01-02-01', expect.any(String), '深圳市', '1']);
    const ratio = (await gd.get('/api/labour/ratio?from=2020Q3&to=2020Q3')).json();
    expect(ratio.items).toEqual([
      { quarter: '2020Q3', provinceCode: null, agencies: 2, demand: 2000 + 790, seekers: 100 + 120, ratio: '12.68' },
      { quarter: '2020Q3', provinceCode: '11', agencies: 1, demand: 790, seekers: 120, ratio: '6.58' },
      { quarter: '2020Q3', provinceCode: '44', agencies: 1, demand: 2000, seekers: 100, ratio: '20.00' },
    ]);
  });
});
