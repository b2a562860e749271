import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testContext } from '../../../../test/helpers/context.ts';
import { login, makeUser, testApp, type Client, type TestApp } from '../../../../test/helpers/http.ts';
import { ROOT, employer } from '../../../../test/helpers/fixtures.ts';
import { SYSTEM_ACTOR } from '../../../platform/audit.ts';
import { createPerson } from '../../persons/persons.service.ts';
import { hire } from '../../employment/employment.service.ts';
import { makeIdNumber } from '../../demo/demo.generator.ts';
import { insuredCounts } from './stats.ts';
import type { AppContext } from '../../../platform/context.ts';

let seq = 0;
/** A person born on a date, of a sex (the ID number's sequence parity says it: odd = man). */
async function personBorn(ctx: AppContext, region: string, birth: string, sex: 'M' | 'F', name = '参保人') {
  seq += 2;
  const idNumber = makeIdNumber(`${region.slice(0, 4)}05`, birth, sex === 'M' ? 101 + seq : 100 + seq);
  return createPerson(ctx, ROOT, SYSTEM_ACTOR, { idNumber, name, hukouType: 'urban', regionCode: region, migrantWorker: false, registeredPoor: false, fisherman: false });
}

/** The parameters these rules read (RULES loads the reviewed files; a test states its own). */
async function params(ctx: AppContext) {
  const rows = [
    { key: 'retirement.age', province_code: '00', effective_from: '1978-06-02', value: { male: 60, female_worker: 50, female_cadre: 55 }, source: '国发〔1978〕104号' },
    { key: 'retirement.resident_age', province_code: '00', effective_from: '2014-02-21', value: 60, source: '国发〔2014〕8号' },
    { key: 'avg_wage.monthly_fen', province_code: '44', effective_from: '2020-01-01', value: 600_000, source: 'test' },
    { key: 'base.floor_ratio', province_code: '00', effective_from: '2019-05-01', value: 0.6, source: '国办发〔2019〕13号' },
    { key: 'base.ceiling_ratio', province_code: '00', effective_from: '2019-05-01', value: 3, source: '国办发〔2019〕13号' },
  ];
  for (const r of rows) {
    await ctx.db.deleteFrom('insurance_parameter').where('key', '=', r.key).where('province_code', '=', r.province_code).execute();
    await ctx.db.insertInto('insurance_parameter').values({ ...r, effective_to: null, value: JSON.stringify(r.value) }).execute();
  }
}

describe('insurance enrollment and declarations', () => {
  let ctx: Awaited<ReturnType<typeof testContext>>;
  let app: TestApp;
  let sz: Client; // city officer, Shenzhen
  let emp: Client; // the employer's own user
  let me: Client; // an insured person
  let company: Awaited<ReturnType<typeof employer>>;
  let other: Awaited<ReturnType<typeof employer>>;
  let flexible: Awaited<ReturnType<typeof personBorn>>;

  beforeAll(async () => {
    ctx = await testContext();
    app = await testApp(ctx);
    await params(ctx);
    company = await employer(ctx, '440300', '深圳参保有限公司');
    other = await employer(ctx, '440300', '深圳别家有限公司');
    flexible = await personBorn(ctx, '440300', '1980-03-03', 'F', '灵活就业者');
    await makeUser(ctx, 'e.sz', 'city_officer', '440300');
    await makeUser(ctx, 'e.emp', 'employer', '440300', company.id);
    await makeUser(ctx, 'e.me', 'insured', '440300', flexible.id);
    sz = await login(app, 'e.sz');
    emp = await login(app, 'e.emp');
    me = await login(app, 'e.me');
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  const hired = async (birth = '1985-01-01', sex: 'M' | 'F' = 'M', on = '2019-03-01', at = company) => {
    const person = await personBorn(ctx, '440300', birth, sex);
    const job = await hire(ctx, ROOT, SYSTEM_ACTOR, { personId: person.id, employerId: at.id, hiredOn: on });
    return { person, job };
  };

  it('an employee enrollment needs a current employment with that employer (NO_EMPLOYMENT)', async () => {
    const { person } = await hired('1985-01-01', 'M', '2019-03-01', other);
    const res = await sz.post('/api/insurance/enrollments', { personId: person.id, scheme: 'pension_employee', category: 'employee', employerId: company.id, startedOn: '2019-03-01' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('NO_EMPLOYMENT');
    const early = await sz.post('/api/insurance/enrollments', { personId: person.id, scheme: 'pension_employee', category: 'employee', employerId: other.id, startedOn: '2019-02-01' });
    expect(early.json().fields[0].code).toBe('BEFORE_HIRE');
    const wrongScheme = await sz.post('/api/insurance/enrollments', { personId: person.id, scheme: 'pension_resident', category: 'employee', employerId: other.id, startedOn: '2019-03-01' });
    expect(wrongScheme.json().fields[0].code).toBe('SCHEME_NOT_FOR_CATEGORY');
  });

  it('one active employee enrollment per scheme per person: the second is 409 ALREADY_ENROLLED naming the first', async () => {
    const { person, job } = await hired();
    const first = await emp.post('/api/insurance/enrollments', { personId: person.id, scheme: 'pension_employee', category: 'employee', employerId: company.id, startedOn: '2019-03-01' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'active', category: 'employee', employerId: company.id, regionCode: '440300', provinceCode: '44' });
    const again = await sz.post('/api/insurance/enrollments', { personId: person.id, scheme: 'pension_employee', category: 'employee', employerId: company.id, startedOn: '2019-04-01' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ALREADY_ENROLLED');
    expect(again.json().existing.id).toBe(first.json().id);
    // As a flexible worker in the same scheme: also already enrolled.
    const flex = await sz.post('/api/insurance/enrollments', { personId: person.id, scheme: 'pension_employee', category: 'flexible', startedOn: '2019-04-01' });
    expect(flex.json().code).toBe('ALREADY_ENROLLED');
    // The three employee schemes from the employment record: pension is skipped, the two others made.
    const three = await emp.post('/api/insurance/enrollments/employee-schemes', { employmentId: job.id });
    expect(three.statusCode, three.body).toBe(201);
    expect(three.json().items.map((i: { scheme: string }) => i.scheme)).toEqual(['unemployment', 'work_injury']);
    expect(three.json().skipped).toEqual([{ scheme: 'pension_employee', existingId: first.json().id }]);
    expect((await emp.post('/api/insurance/enrollments/employee-schemes', { employmentId: job.id })).json().code).toBe('ALREADY_ENROLLED');
    // The unique index itself holds (a race past the check): a raw second insert fails.
    await expect(sql`insert into insurance_enrollment (province_code, id, person_province_code, person_id, scheme, category, employer_id, region_code, status, started_on)
      values ('44', gen_random_uuid(), '44', ${person.id}, 'pension_employee', 'employee', ${company.id}, '440300', 'suspended', '2019-05-01')`.execute(ctx.db)).rejects.toThrow();
  });

  // Retirement ages: men 60, women workers 50, women cadres 55 (国发〔1978〕104号, rules-2020.md §2, P);
  // residents' pension contributions until benefits start at 60 (国发〔2014〕8号, U).
  const retirementCases: { case: string; birth: string; sex: 'M' | 'F'; category: 'employee' | 'flexible' | 'resident'; cadre?: boolean; on: string; expected: number | string; source: string }[] = [
    { case: 'man a day before 60', birth: '1960-07-01', sex: 'M', category: 'employee', on: '2020-06-30', expected: 201, source: '国发〔1978〕104号' },
    { case: 'man on his 60th birthday', birth: '1960-07-01', sex: 'M', category: 'employee', on: '2020-07-01', expected: 'RETIRED', source: '国发〔1978〕104号' },
    { case: 'woman worker at 49', birth: '1971-01-15', sex: 'F', category: 'employee', on: '2020-01-14', expected: 201, source: '国发〔1978〕104号' },
    { case: 'woman at 50, taken as a worker by default', birth: '1970-01-15', sex: 'F', category: 'employee', on: '2020-01-15', expected: 'RETIRED', source: '国发〔1978〕104号' },
    { case: 'woman cadre at 50', birth: '1970-01-15', sex: 'F', category: 'employee', cadre: true, on: '2020-01-15', expected: 201, source: '国发〔1978〕104号' },
    { case: 'woman cadre at 55', birth: '1965-01-15', sex: 'F', category: 'employee', cadre: true, on: '2020-01-15', expected: 'RETIRED', source: '国发〔1978〕104号' },
    { case: 'flexible man at 61', birth: '1959-01-01', sex: 'M', category: 'flexible', on: '2020-03-01', expected: 'RETIRED', source: '国发〔1978〕104号' },
    { case: 'resident woman at 55 (residents retire at 60)', birth: '1965-01-15', sex: 'F', category: 'resident', on: '2020-03-01', expected: 201, source: '国发〔2014〕8号' },
    { case: 'resident man at 60', birth: '1960-01-15', sex: 'M', category: 'resident', on: '2020-03-01', expected: 'RETIRED', source: '国发〔2014〕8号' },
    { case: 'a 15-year-old', birth: '2005-01-15', sex: 'M', category: 'resident', on: '2020-03-01', expected: 'VALIDATION_FAILED', source: '劳动法 art. 15' },
  ];
  for (const c of retirementCases) {
    it(`retirement age: ${c.case} → ${c.expected} (${c.source})`, async () => {
      let body: Record<string, unknown>;
      if (c.category === 'employee') {
        const { person } = await hired(c.birth, c.sex, '2019-01-01');
        body = { personId: person.id, scheme: 'pension_employee', category: 'employee', employerId: company.id, startedOn: c.on, femaleCadre: !!c.cadre };
      } else {
        const person = await personBorn(ctx, '440300', c.birth, c.sex);
        body = { personId: person.id, scheme: c.category === 'resident' ? 'pension_resident' : 'pension_employee', category: c.category, startedOn: c.on };
      }
      const res = await sz.post('/api/insurance/enrollments', body);
      if (typeof c.expected === 'number') expect(res.statusCode, res.body).toBe(c.expected);
      else expect(res.json().code, res.body).toBe(c.expected);
    });
  }

  it('suspend, resume, terminate: history kept, "insured on D" answers for any D', async () => {
    const { person } = await hired('1990-05-05', 'F', '2019-01-01');
    const e = (await sz.post('/api/insurance/enrollments', { personId: person.id, scheme: 'unemployment', category: 'employee', employerId: company.id, startedOn: '2019-01-01' })).json();
    expect((await sz.post(`/api/insurance/enrollments/${e.id}/resume`, { resumedOn: '2019-06-01' })).json().code).toBe('INVALID_TRANSITION');
    const s = await emp.post(`/api/insurance/enrollments/${e.id}/suspend`, { suspendedFrom: '2019-06-01', reason: 'unpaid_leave' });
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json().enrollment.status).toBe('suspended');
    expect((await sz.post(`/api/insurance/enrollments/${e.id}/resume`, { resumedOn: '2019-05-01' })).json().fields[0].code).toBe('BEFORE_LAST_CHANGE');
    expect((await sz.post(`/api/insurance/enrollments/${e.id}/resume`, { resumedOn: '2019-09-01' })).statusCode).toBe(200);
    expect((await sz.post(`/api/insurance/enrollments/${e.id}/terminate`, { endedOn: '2020-01-01', reason: 'because' })).statusCode).toBe(400);
    const t = await sz.post(`/api/insurance/enrollments/${e.id}/terminate`, { endedOn: '2020-07-01', reason: 'employment_ended' });
    expect(t.json().enrollment).toMatchObject({ status: 'terminated', endedOn: '2020-07-01', endReason: 'employment_ended' });
    expect(t.json().events.map((x: { kind: string; effectiveOn: string }) => `${x.kind} ${x.effectiveOn}`)).toEqual(['enroll 2019-01-01', 'suspend 2019-06-01', 'resume 2019-09-01', 'terminate 2020-07-01']);
    expect(t.json().suspensions).toEqual([{ suspendedFrom: '2019-06-01', resumedOn: '2019-09-01', reason: 'unpaid_leave' }]);
    expect((await sz.post(`/api/insurance/enrollments/${e.id}/suspend`, { suspendedFrom: '2020-08-01', reason: 'other' })).json().code).toBe('INVALID_TRANSITION');
    // Insured on D: before start, start day, inside the gap, the day of resumption, the last day, the end day (exclusive).
    const cases: [string, boolean][] = [['2018-12-31', false], ['2019-01-01', true], ['2019-05-31', true], ['2019-06-01', false], ['2019-08-31', false], ['2019-09-01', true], ['2020-06-30', true], ['2020-07-01', false]];
    for (const [d, insured] of cases) {
      const res = await sz.get(`/api/insurance/enrollments?personId=${person.id}&insuredOn=${d}`);
      expect(res.json().total, d).toBe(insured ? 1 : 0);
    }
    const timeline = await sz.get(`/api/insurance/persons/${person.id}/enrollments`);
    expect(timeline.json().items).toHaveLength(1);
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', e.id).orderBy('at').execute();
    expect(audit.map((a) => a.action)).toEqual(['insurance.enroll', 'insurance.suspend', 'insurance.resume', 'insurance.terminate']);
  });

  it('scopes: an employer enrolls and sees only its own employees; an insured person sees only their own', async () => {
    const { person } = await hired('1988-02-02', 'M', '2019-01-01', other);
    const res = await emp.post('/api/insurance/enrollments', { personId: person.id, scheme: 'work_injury', category: 'employee', employerId: other.id, startedOn: '2019-01-01' });
    expect([403, 404]).toContain(res.statusCode);
    const byOfficer = (await sz.post('/api/insurance/enrollments', { personId: person.id, scheme: 'work_injury', category: 'employee', employerId: other.id, startedOn: '2019-01-01' })).json();
    expect((await emp.get(`/api/insurance/enrollments/${byOfficer.id}`)).statusCode).toBe(404);
    expect([403, 404]).toContain((await emp.post(`/api/insurance/enrollments/${byOfficer.id}/suspend`, { suspendedFrom: '2020-01-01', reason: 'other' })).statusCode);
    const mine = (await emp.get('/api/insurance/enrollments?pageSize=200')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    for (const i of mine.items) expect(i.employerId).toBe(company.id);
    expect((await emp.post('/api/insurance/enrollments', { personId: flexible.id, scheme: 'pension_employee', category: 'flexible', startedOn: '2020-01-01' })).statusCode).toBe(403);
    expect((await me.get('/api/insurance/enrollments')).json().total).toBe(0);
  });

  it('declarations: an employer declares wages; a correction is a new revision; bad lines get their codes', async () => {
    const { person } = await hired('1986-06-06', 'M', '2020-01-10');
    const stranger = await personBorn(ctx, '440300', '1987-07-07', 'M');
    const { person: notEnrolled } = await hired('1986-06-07', 'F', '2020-01-10');
    await emp.post('/api/insurance/enrollments', { personId: person.id, scheme: 'pension_employee', category: 'employee', employerId: company.id, startedOn: '2020-01-10' });
    const d1 = await emp.post('/api/insurance/declarations', { employerId: company.id, personId: person.id, period: '2020-03', wageFen: 812_345 });
    expect(d1.statusCode, d1.body).toBe(201);
    expect(d1.json()).toMatchObject({ revision: 1, supersededBy: null, wageFen: 812_345, employerId: company.id });
    expect((await emp.post('/api/insurance/declarations', { employerId: company.id, personId: person.id, period: '2020-03', wageFen: 812_345 })).statusCode).toBe(200);
    const d2 = await emp.post('/api/insurance/declarations', { employerId: company.id, personId: person.id, period: '2020-03', wageFen: 900_000 });
    expect(d2.json()).toMatchObject({ revision: 2, wageFen: 900_000 });
    const hist = (await emp.get(`/api/insurance/declarations?personId=${person.id}&history=true`)).json().items;
    expect(hist.map((h: { revision: number; supersededBy: string | null }) => [h.revision, h.supersededBy])).toEqual([[2, null], [1, d2.json().id]]);
    expect((await emp.get(`/api/insurance/declarations?personId=${person.id}`)).json().total).toBe(1);

    const bad: [string, Record<string, unknown>, number, string][] = [
      ['a person the employer does not employ', { personId: stranger.id, period: '2020-03', wageFen: 500_000 }, 400, 'UNKNOWN_EMPLOYEE'],
      ['an employee before the hire', { personId: person.id, period: '2019-12', wageFen: 500_000 }, 400, 'UNKNOWN_EMPLOYEE'],
      ['an employee not enrolled', { personId: notEnrolled.id, period: '2020-03', wageFen: 500_000 }, 409, 'NOT_ENROLLED'],
      ['a negative wage', { personId: person.id, period: '2020-03', wageFen: -1 }, 400, 'VALIDATION_FAILED'],
      ['a wage in fractions of a fen', { personId: person.id, period: '2020-03', wageFen: 100.5 }, 400, 'VALIDATION_FAILED'],
      ['a future month', { personId: person.id, period: '2099-01', wageFen: 500_000 }, 409, 'PERIOD_CLOSED'],
      ['a malformed month', { personId: person.id, period: '2020-13', wageFen: 500_000 }, 400, 'INVALID_FORMAT'],
    ];
    for (const [what, body, status, code] of bad) {
      const res = await emp.post('/api/insurance/declarations', { employerId: company.id, ...body });
      expect(res.statusCode, what).toBe(status);
      expect(res.json().code, what).toBe(code);
    }
    expect((await emp.post('/api/insurance/declarations', { employerId: company.id, personId: person.id, period: '2020-03', wageFen: -1 })).json().fields[0]).toMatchObject({ field: 'wageFen', code: 'NEGATIVE_WAGE' });
    expect((await emp.post('/api/insurance/declarations', { employerId: company.id, personId: person.id, period: '2020-03', wageFen: 1.5 })).json().fields[0]).toMatchObject({ field: 'wageFen', code: 'NOT_INTEGER' });
    // Another employer's declaration: refused.
    expect([403, 404]).toContain((await emp.post('/api/insurance/declarations', { employerId: other.id, personId: person.id, period: '2020-03', wageFen: 1 })).statusCode);

    // A batch is all or nothing and lists every bad line.
    const batch = await emp.post('/api/insurance/declarations/batch', { employerId: company.id, period: '2020-04', lines: [{ personId: person.id, wageFen: 700_000 }, { personId: stranger.id, wageFen: 1 }] });
    expect(batch.statusCode).toBe(400);
    expect(batch.json().fields).toHaveLength(1);
    expect((await emp.get(`/api/insurance/declarations?period=2020-04`)).json().total).toBe(0);
    const ok = await emp.post('/api/insurance/declarations/batch', { employerId: company.id, period: '2020-04', lines: [{ personId: person.id, wageFen: 700_000 }] });
    expect(ok.statusCode).toBe(201);

    // CSV: bad rows reported, good rows kept.
    const csv = ['id_number,wage_fen', `${person.id_number},750000`, `${stranger.id_number},500000`, `${notEnrolled.id_number},500000`, `${person.id_number},-5`, `${person.id_number},12.5`, '110101199001011234,1'].join('\n');
    const boundary = 'declb';
    const up = await emp.call('POST', `/api/insurance/declarations/csv?employerId=${company.id}&period=2020-05`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="w.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ totalRows: 6, okRows: 1, errorRows: 5 });
    expect(up.json().errors.map((e: { row: number; code: string }) => `${e.row} ${e.code}`)).toEqual(['3 UNKNOWN_EMPLOYEE', '4 NOT_ENROLLED', '5 NEGATIVE_WAGE', '6 NOT_INTEGER', '7 INVALID_ID_NUMBER']);
    const may = (await emp.get('/api/insurance/declarations?period=2020-05')).json();
    expect(may.items.map((d: { wageFen: number; source: string }) => [d.wageFen, d.source])).toEqual([[750_000, 'csv']]);

    // The declaration sheet lists the insured employees with their current wage.
    const sheet = (await emp.get(`/api/insurance/declarations/sheet?employerId=${company.id}&period=2020-03`)).json();
    expect(sheet.items.find((i: { personId: string }) => i.personId === person.id)).toMatchObject({ wageFen: 900_000, revision: 2, schemes: ['pension_employee'] });
  });

  it('closed periods: a province closes months (forward only, audited); closed months take no declaration', async () => {
    const { person } = await hired('1984-04-04', 'M', '2019-06-01');
    await sz.post('/api/insurance/enrollments', { personId: person.id, scheme: 'pension_employee', category: 'employee', employerId: company.id, startedOn: '2019-06-01' });
    const gd = await login(app, (await makeUser(ctx, 'e.gd', 'province_officer', '440000')).username);
    expect((await sz.post('/api/insurance/declaration-periods/close', { provinceCode: '44', through: '2019-12' })).statusCode).toBe(403);
    expect((await gd.post('/api/insurance/declaration-periods/close', { provinceCode: '11', through: '2019-12' })).statusCode).toBe(403);
    const c = await gd.post('/api/insurance/declaration-periods/close', { provinceCode: '44', through: '2019-12' });
    expect(c.statusCode, c.body).toBe(200);
    const res = await emp.post('/api/insurance/declarations', { employerId: company.id, personId: person.id, period: '2019-12', wageFen: 600_000 });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'PERIOD_CLOSED', closedThrough: '2019-12' });
    expect((await emp.post('/api/insurance/declarations', { employerId: company.id, personId: person.id, period: '2020-01', wageFen: 600_000 })).statusCode).toBe(201);
    expect((await gd.post('/api/insurance/declaration-periods/close', { provinceCode: '44', through: '2019-11' })).json().code).toBe('CONFLICT');
    expect((await emp.get('/api/insurance/declaration-periods')).json().items).toEqual([expect.objectContaining({ provinceCode: '44', closedThrough: '2019-12' })]);
    expect((await ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'insurance.period_close').execute())).toHaveLength(1);
  });

  it('a flexible worker declares a chosen base within 60–300 % of the average wage (国办发〔2019〕13号)', async () => {
    const notYet = await me.post('/api/insurance/declarations', { personId: flexible.id, period: '2020-06', wageFen: 400_000 });
    expect(notYet.json().code).toBe('NOT_ENROLLED');
    expect((await sz.post('/api/insurance/enrollments', { personId: flexible.id, scheme: 'pension_employee', category: 'flexible', startedOn: '2020-01-01' })).statusCode).toBe(201);
    // Average 6,000 yuan: floor 3,600, ceiling 18,000.
    const cases: [number, number | string][] = [[359_999, 'BASE_OUT_OF_RANGE'], [360_000, 201], [1_800_000, 201], [1_800_001, 'BASE_OUT_OF_RANGE']];
    for (const [wage, expected] of cases) {
      const res = await me.post('/api/insurance/declarations', { personId: flexible.id, period: '2020-06', wageFen: wage });
      if (typeof expected === 'number') expect(res.statusCode, String(wage)).toBe(expected);
      else expect(res.json().fields[0].code, String(wage)).toBe(expected);
    }
    const someoneElse = await personBorn(ctx, '440300', '1980-01-01', 'M');
    expect((await me.post('/api/insurance/declarations', { personId: someoneElse.id, period: '2020-06', wageFen: 400_000 })).statusCode).toBe(403);
    expect((await me.get('/api/insurance/enrollments')).json().items.map((i: { personId: string }) => i.personId)).toEqual([flexible.id]);
  });

  it('insuredCounts: persons per scheme and province on a date; a transfer counts once, on each side of its date', async () => {
    const c = await ctx.db.transaction().execute(async (trx) => {
      const person = await personBorn(ctx, '330100', '1982-02-02', 'M', '转移者');
      const a = crypto.randomUUID();
      await trx.insertInto('insurance_enrollment').values({ province_code: '33', id: a, person_province_code: '33', person_id: person.id, scheme: 'pension_resident', category: 'resident', employer_id: null, region_code: '330100', status: 'transferred_out', started_on: '2010-01-01', ended_on: '2020-06-01', end_reason: 'transferred', transferred_from: null, created_at: new Date(), updated_at: new Date() }).execute();
      await trx.insertInto('insurance_enrollment').values({ province_code: '11', id: crypto.randomUUID(), person_province_code: '33', person_id: person.id, scheme: 'pension_resident', category: 'resident', employer_id: null, region_code: '110100', status: 'active', started_on: '2020-06-01', ended_on: null, end_reason: null, transferred_from: a, created_at: new Date(), updated_at: new Date() }).execute();
      return person;
    });
    expect(c.id).toBeTruthy();
    const at = async (date: string) => Object.fromEntries((await insuredCounts(ctx.db, { date })).map((r) => [`${r.provinceCode} ${r.scheme}`, r.insured]));
    const may = await at('2020-05-31');
    const june = await at('2020-06-01');
    expect(may['33 pension_resident']).toBe(1);
    expect(may['11 pension_resident']).toBeUndefined();
    expect(june['33 pension_resident']).toBeUndefined();
    expect(june['11 pension_resident']).toBe(1);
    // The employee pension counts employees and flexible workers; a suspended enrollment is a gap.
    const end2020 = await at('2020-12-31');
    const direct = await sql<{ n: number }>`select count(distinct person_id)::int as n from insurance_enrollment e where scheme = 'pension_employee' and province_code = '44'
      and started_on <= '2020-12-31' and (ended_on is null or ended_on > '2020-12-31')
      and not exists (select 1 from insurance_enrollment_suspension s where s.enrollment_id = e.id and s.suspended_from <= '2020-12-31' and (s.resumed_on is null or s.resumed_on > '2020-12-31'))`.execute(ctx.db);
    expect(end2020['44 pension_employee']).toBe(direct.rows[0].n);
    expect(end2020['44 pension_employee']).toBeGreaterThan(3);
    expect((await insuredCounts(ctx.db, { date: '2020-12-31', provinceCode: '11' })).every((r) => r.provinceCode === '11')).toBe(true);
  });
});
