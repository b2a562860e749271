import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../../../test/helpers/context.ts';
import { login, makeUser, testApp, type Client, type TestApp } from '../../../../test/helpers/http.ts';
import { employer, person } from '../../../../test/helpers/fixtures.ts';
import { newId } from '../../../platform/ids.ts';

describe('insurance rules API', () => {
  let ctx: Awaited<ReturnType<typeof testContext>>;
  let app: TestApp;
  let min: Client; let gd: Client; let bj: Client; let emp: Client; let ins: Client;
  let sz: { id: string }; let other: { id: string }; let worker: { id: string };

  beforeAll(async () => {
    ctx = await testContext();
    app = await testApp(ctx);
    sz = await employer(ctx, '440300', '深圳规则企业');
    other = await employer(ctx, '440300', '深圳别的企业');
    worker = await person(ctx, '440300');
    await makeUser(ctx, 'r.min', 'ministry', '000000');
    await makeUser(ctx, 'r.gd', 'province_officer', '440000');
    await makeUser(ctx, 'r.bj', 'province_officer', '110000');
    await makeUser(ctx, 'r.emp', 'employer', '440300', sz.id);
    await makeUser(ctx, 'r.ins', 'insured', '440300', worker.id);
    [min, gd, bj, emp, ins] = await Promise.all(['r.min', 'r.gd', 'r.bj', 'r.emp', 'r.ins'].map((u) => login(app, u)));
  });
  afterAll(async () => { await app.close(); await ctx.close(); });

  it('reads a parameter in force with where it comes from; none in force is 422 PARAMETER_MISSING', async () => {
    const gdRate = await emp.get('/api/insurance/parameters/at?key=rate.unemployment.employer&province=44&date=2020-03-01');
    expect(gdRate.json()).toMatchObject({ value: '0.0048', provinceCode: '44', askedProvince: '44' });
    const national = await emp.get('/api/insurance/parameters/at?key=rate.pension_employee.employee&province=44&date=2020-03-01');
    expect(national.json()).toMatchObject({ value: '0.08', provinceCode: '00' });
    const missing = await emp.get('/api/insurance/parameters/at?key=avg_wage.monthly_fen&province=44&date=2018-06-01');
    expect(missing.statusCode).toBe(422);
    expect(missing.json().code).toBe('PARAMETER_MISSING');
    const list = await gd.get('/api/insurance/parameters?key=avg_wage&province=44&date=2020-06-30');
    expect(list.json().items.map((r: { provinceCode: string; value: number }) => [r.provinceCode, r.value])).toEqual([['00', 650000], ['44', 675600]]);
  });

  it('a new dated value ends the one in force; history keeps both; audited', async () => {
    const res = await gd.post('/api/insurance/parameters', { key: 'avg_wage.monthly_fen', provinceCode: '44', effectiveFrom: '2020-07-01', value: 700000, source: '粤人社 2020 (test)' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ effectiveFrom: '2020-07-01', effectiveTo: '2021-01-01' });
    const hist = (await gd.get('/api/insurance/parameters/history?key=avg_wage.monthly_fen&province=44')).json().items.filter((r: { provinceCode: string }) => r.provinceCode === '44');
    expect(hist.map((r: { effectiveFrom: string; effectiveTo: string; value: number }) => [r.effectiveFrom, r.effectiveTo, r.value])).toEqual([
      ['2019-01-01', '2020-01-01', 633800], ['2020-01-01', '2020-07-01', 675600], ['2020-07-01', '2021-01-01', 700000], ['2021-01-01', '2022-01-01', 714700]]);
    expect((await gd.get('/api/insurance/parameters/at?key=avg_wage.monthly_fen&province=44&date=2020-08-01')).json().value).toBe(700000);
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'insurance.param_set').execute();
    expect(audit.map((a) => [a.province_code, a.actor_name])).toEqual([['44', 'r.gd']]);
  });

  it('only the ministry sets national defaults; a province only its own; the value keeps its shape', async () => {
    const body = { key: 'late_fee.daily_rate', provinceCode: '00', effectiveFrom: '2030-01-01', value: '0.0004', source: 'test' };
    expect((await gd.post('/api/insurance/parameters', body)).json().code).toBe('FORBIDDEN');
    expect((await min.post('/api/insurance/parameters', body)).statusCode).toBe(201);
    expect((await bj.post('/api/insurance/parameters', { ...body, provinceCode: '44' })).json().code).toBe('OUT_OF_REGION');
    const shape = await gd.post('/api/insurance/parameters', { ...body, provinceCode: '44', value: 5 });
    expect([shape.statusCode, shape.json().fields[0].code]).toEqual([400, 'WRONG_SHAPE']);
    const unknown = await gd.post('/api/insurance/parameters', { ...body, key: 'rate.nothing', provinceCode: '44' });
    expect(unknown.json().fields[0].code).toBe('UNKNOWN_PARAMETER');
    expect((await emp.post('/api/insurance/parameters', { ...body, provinceCode: '44' })).statusCode).toBe(403);
  });

  it('work-injury tiers within the class; deferrals within the rules; the employer sees its own', async () => {
    const bad = await gd.post('/api/insurance/injury-tiers', { employerId: sz.id, effectiveFrom: '2020-01-01', tier: 6, reason: '' });
    expect(bad.statusCode).toBe(400);
    const ok = await gd.post('/api/insurance/injury-tiers', { employerId: sz.id, effectiveFrom: '2020-01-01', tier: 5, reason: '工伤发生率高' });
    expect(ok.json()).toMatchObject({ tier: 5 });
    expect((await emp.get(`/api/insurance/injury-tiers?employerId=${sz.id}`)).json().items).toHaveLength(1);
    expect((await emp.get(`/api/insurance/injury-tiers?employerId=${other.id}`)).statusCode).toBe(404);
    const late = await gd.post('/api/insurance/deferrals', { employerId: sz.id, fromPeriod: '2020-02', toPeriod: '2020-06', untilOn: '2021-03-31', reason: '困难' });
    expect(late.json().fields.map((f: { code: string }) => f.code)).toEqual(['TOO_LATE']);
    expect((await gd.post('/api/insurance/deferrals', { employerId: other.id, fromPeriod: '2020-02', toPeriod: '2020-06', untilOn: '2020-12-31', reason: '困难' })).statusCode).toBe(201);
    expect((await gd.post('/api/insurance/deferrals', { employerId: sz.id, fromPeriod: '2020-02', toPeriod: '2020-06', untilOn: '2020-12-31', reason: '困难' })).statusCode).toBe(201);
    expect((await emp.get('/api/insurance/deferrals')).json().items.map((d: { employerId: string }) => d.employerId)).toEqual([sz.id]);
    expect((await gd.get('/api/insurance/deferrals')).json().items).toHaveLength(2);
  });

  it('a flexible worker suspends 2020 pension once; other years and non-flexible persons are refused', async () => {
    expect((await ins.post('/api/insurance/pension-suspensions', { personId: worker.id, year: 2020 })).json().code).toBe('NOT_ENROLLED');
    await ctx.db.insertInto('insurance_enrollment').values({ province_code: '44', id: newId(), person_province_code: '44', person_id: worker.id, scheme: 'pension_employee', category: 'flexible', employer_id: null, region_code: '440300', status: 'active', started_on: '2019-01-01' } as never).execute();
    expect((await ins.post('/api/insurance/pension-suspensions', { personId: worker.id, year: 2019 })).json().fields[0].code).toBe('NOT_ALLOWED');
    const ok = await ins.post('/api/insurance/pension-suspensions', { personId: worker.id, year: 2020 });
    expect(ok.json()).toMatchObject({ year: 2020, payBy: '2021-12-31' });
    expect((await ins.post('/api/insurance/pension-suspensions', { personId: worker.id, year: 2020 })).json().code).toBe('CONFLICT');
    expect((await emp.post('/api/insurance/pension-suspensions', { personId: worker.id, year: 2020 })).statusCode).toBe(404);
  });

  it('an assessment run started through the API reports progress and totals; assessments are scoped to their subject', async () => {
    const enr = newId();
    await ctx.db.insertInto('insurance_enrollment').values({ province_code: '44', id: enr, person_province_code: '44', person_id: worker.id, scheme: 'unemployment', category: 'employee', employer_id: sz.id, region_code: '440300', status: 'active', started_on: '2019-01-01' } as never).execute();
    await ctx.db.insertInto('insurance_declaration').values({ province_code: '44', id: newId(), employer_id: sz.id, person_province_code: '44', person_id: worker.id, period: '2020-03', wage_fen: 1000000, declared_by: 'test' } as never).execute();
    expect((await bj.post('/api/insurance/assessment-runs', { provinceCode: '44', period: '2020-03' })).statusCode).toBe(403);
    const started = await gd.post('/api/insurance/assessment-runs', { provinceCode: '44', period: '2020-03' });
    expect(started.statusCode, started.body).toBe(202);
    await expect.poll(async () => (await gd.get('/api/insurance/assessment-runs/44/2020-03')).json().status).toBe('done');
    const detail = (await gd.get('/api/insurance/assessment-runs/44/2020-03')).json();
    expect(detail.totals).toEqual([{ scheme: 'unemployment', enrollments: 1, adjustments: 0, baseFen: 1000000, employerDueFen: 0, employeeDueFen: 2000, employerReliefFen: 4800 }]);
    expect((await bj.get('/api/insurance/assessment-runs/44/2020-03')).statusCode).toBe(404);
    expect((await emp.get('/api/insurance/assessments')).json().total).toBe(1);
    expect((await ins.get('/api/insurance/assessments')).json().items[0]).toMatchObject({ scheme: 'unemployment', employeeDueFen: 2000, dueOn: '2020-12-31' });
    expect((await bj.get('/api/insurance/assessments')).json().total).toBe(0);
    const future = await gd.post('/api/insurance/assessment-runs', { provinceCode: '44', period: '2099-01' });
    expect(future.json().fields[0].code).toBe('FUTURE_PERIOD');
  });
});
