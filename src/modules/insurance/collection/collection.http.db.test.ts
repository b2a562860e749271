import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../../../test/helpers/context.ts';
import { login, makeUser, testApp, type Client, type TestApp } from '../../../../test/helpers/http.ts';
import { employer, person } from '../../../../test/helpers/fixtures.ts';
import { assessment, enrollment, standardParams } from './test-kit.ts';

const multipart = (body: string) => {
  const boundary = 'pAyMeNtS';
  return [`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bank.csv"\r\nContent-Type: text/csv\r\n\r\n${body}\r\n--${boundary}--\r\n`, { 'content-type': `multipart/form-data; boundary=${boundary}` }] as const;
};

describe('collection over HTTP', () => {
  let ctx: Awaited<ReturnType<typeof testContext>>;
  let app: TestApp;
  let sz: Client;
  let minist: Client;
  let emp: Awaited<ReturnType<typeof employer>>;
  let bjEmp: Awaited<ReturnType<typeof employer>>;
  let flex: Awaited<ReturnType<typeof person>>;

  beforeAll(async () => {
    ctx = await testContext();
    app = await testApp(ctx);
    await standardParams(ctx);
    emp = await employer(ctx, '440300', '深圳缴费有限公司');
    bjEmp = await employer(ctx, '110100', '北京缴费有限公司');
    const worker = await person(ctx, '440300', { name: '员工甲' });
    flex = await person(ctx, '440300', { name: '灵活甲' });
    const e = await enrollment(ctx, { province: '44', person: { province_code: '44', id: worker.id }, scheme: 'pension_employee', employerId: emp.id, region: '440300' });
    await assessment(ctx, { enrollment: e, period: '2020-07', baseFen: 400000, employerDueFen: 0, employeeDueFen: 32000, reliefFen: 64000 });
    const f = await enrollment(ctx, { province: '44', person: { province_code: '44', id: flex.id }, scheme: 'pension_employee', category: 'flexible', region: '440300' });
    // A flexible worker pays 20 % of the chosen base, 8 % of it to the account (rules-2020.md §1.1).
    await assessment(ctx, { enrollment: f, period: '2020-07', baseFen: 300000, employerDueFen: 0, employeeDueFen: 60000 });
    await makeUser(ctx, 'c.sz', 'city_officer', '440300');
    await makeUser(ctx, 'c.min', 'ministry', '000000');
    await makeUser(ctx, 'c.emp', 'employer', '440300', emp.id);
    await makeUser(ctx, 'c.flex', 'insured', '440300', flex.id);
    sz = await login(app, 'c.sz');
    minist = await login(app, 'c.min');
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('CSV: every bad row is reported with its column and code, every good row is kept', async () => {
    const csv = [
      'credit_code,id_number,amount,paid_on,reference',
      `${emp.credit_code},,320.00,2020-07-31,OK-1`,
      `,${flex.id_number},600,2020-08-05,OK-2`,
      '91440300MA5XXXXXXX,,10,2020-07-31,',
      `${emp.credit_code},,-5,2020-07-31,`,
      `${emp.credit_code},,12.345,2020-07-31,`,
      `${emp.credit_code},,10,2020-02-30,`,
      `${emp.credit_code},${flex.id_number},10,2020-07-31,`,
      `${bjEmp.credit_code},,10,2020-07-31,`,
    ].join('\n');
    const res = await sz.call('POST', '/api/insurance/payments/csv', ...multipart(csv));
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json();
    expect(out).toMatchObject({ rows: 8, accepted: 2, rejected: 6, totalFen: 92000 });
    expect(out.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [4, 'credit_code', 'UNKNOWN_EMPLOYER'], [5, 'amount', 'INVALID_AMOUNT'], [6, 'amount', 'INVALID_AMOUNT'], [7, 'paid_on', 'INVALID_DATE'],
      [8, 'id_number', 'ONE_PAYER'], [9, 'credit_code', 'OUT_OF_REGION'],
    ]);
    const payments = await ctx.db.selectFrom('insurance_payment').select(['reference', 'amount_fen', 'channel']).orderBy('reference').execute();
    expect(payments).toEqual([{ reference: 'OK-1', amount_fen: 32000, channel: 'csv' }, { reference: 'OK-2', amount_fen: 60000, channel: 'csv' }]);
    // The flexible worker's July is paid: 8 % of the 3,000-yuan base goes to the account.
    const account = await app.inject({ method: 'GET', url: `/api/insurance/persons/${flex.id}/account`, cookies: { hrss_session: (await login(app, 'c.flex')).cookie } });
    expect(account.json()).toMatchObject({ balanceFen: 24000, creditedMonths: 1 });
  });

  it('a payment names exactly one payer, is not dated in the future, and is refused outside the region', async () => {
    expect((await sz.post('/api/insurance/payments', { employerId: emp.id, personId: flex.id, amountFen: 1, paidOn: '2020-07-01' })).statusCode).toBe(400);
    const future = await sz.post('/api/insurance/payments', { employerId: emp.id, amountFen: 1, paidOn: '2099-01-01' });
    expect(future.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'paidOn', code: 'FUTURE_DATE' }] });
    expect((await sz.post('/api/insurance/payments', { employerId: bjEmp.id, amountFen: 1, paidOn: '2020-07-01' })).statusCode).toBe(404);
    const ok = await sz.post('/api/insurance/payments', { employerId: emp.id, amountFen: 500, paidOn: '2020-08-01' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ allocatedFen: 0, creditFen: 500 });
  });

  it('the employer reads its own statement; fund postings and reports through the API', async () => {
    const me = await login(app, 'c.emp');
    const st = await me.get(`/api/insurance/employers/${emp.id}/statement?from=2020-01&to=2020-12&asOf=2020-12-31`);
    expect(st.statusCode).toBe(200);
    expect(st.json().lines).toEqual([expect.objectContaining({ period: '2020-07', scheme: 'pension_employee', dueFen: 32000, reliefFen: 64000, paidFen: 32000, arrearsFen: 0, lateFeeFen: 0 })]);
    expect(st.json().creditFen).toBe(500);
    expect((await me.get(`/api/insurance/employers/${bjEmp.id}/statement?from=2020-01&to=2020-12`)).statusCode).toBe(404);
    expect((await me.get(`/api/insurance/persons/${flex.id}/account`)).statusCode).toBe(404);

    const sub = await minist.post('/api/insurance/fund/postings', { provinceCode: '44', scheme: 'pension_employee', kind: 'fiscal_subsidy', amountFen: 1_000_000, postedOn: '2020-09-30', memo: '中央财政补助' });
    expect(sub.statusCode).toBe(201);
    const rep = (await sz.get('/api/insurance/fund/report?from=2020-01-01&to=2020-12-31')).json();
    const pension = rep.items.find((i: { scheme: string }) => i.scheme === 'pension_employee');
    expect(pension).toMatchObject({ provinceCode: '44', incomeFen: 32000 + 60000 + 1_000_000, expenditureFen: 0, balanceFen: 1_092_000 });
    expect(pension.byAccount).toMatchObject({ 4101: 92000, 4201: 1_000_000 });
    expect(rep.totals.incomeFen).toBe(1_092_000);
    expect((await sz.get('/api/insurance/fund/report?from=2020-01-01&to=2020-12-31&provinceCode=11')).statusCode).toBe(403);
    const monthly = (await sz.get('/api/insurance/fund/monthly?from=2020-01-01&to=2020-12-31')).json();
    expect(monthly.items).toEqual(expect.arrayContaining([{ period: '2020-09', scheme: 'pension_employee', incomeFen: 1_000_000, expenditureFen: 0 }]));
    const journals = (await sz.get('/api/insurance/fund/journals?from=2020-01-01&to=2020-12-31')).json();
    expect(journals.total).toBe(4); // three payments (one only builds credit, on the holding ledger) and the subsidy
  });
});
