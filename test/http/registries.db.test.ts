import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../helpers/context.ts';
import { login, makeUser, testApp, type Client, type TestApp } from '../helpers/http.ts';
import { codeIn, idIn } from '../helpers/fixtures.ts';

describe('registries over HTTP', () => {
  let ctx: Awaited<ReturnType<typeof testContext>>;
  let app: TestApp;
  let sz: Client;
  let ministry: Client;

  beforeAll(async () => {
    ctx = await testContext();
    app = await testApp(ctx);
    await makeUser(ctx, 'r.sz', 'city_officer', '440300');
    await makeUser(ctx, 'r.min', 'ministry', '000000');
    sz = await login(app, 'r.sz');
    ministry = await login(app, 'r.min');
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  const newPerson = (over: Record<string, unknown> = {}) => ({ idNumber: idIn('440305', '1990-05-17'), name: '陈小明', hukouType: 'urban', regionCode: '440300', ...over });

  it('registers a person, deriving birth date and sex from the ID number', async () => {
    const res = await sz.post('/api/persons', newPerson({ idNumber: '11010519491231002X' }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ idNumber: '11010519491231002X', birthDate: '1949-12-31', sex: 'F', provinceCode: '44', idNumberMasked: false });
  });

  it.each([
    ['11010519491231002', 'FORMAT'], // too short
    ['110105194912310021', 'CHECK_CHARACTER'],
    ['110105194902300028', 'BIRTH_DATE'], // 30 February
    ['990105194912310023', 'DIVISION'], // no province 99; the check character is right
  ])('rejects ID number %s (%s), naming the field and the rule', async (idNumber, reason) => {
    const res = await sz.post('/api/persons', newPerson({ idNumber }));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('INVALID_ID_NUMBER');
    expect(res.json().fields).toContainEqual(expect.objectContaining({ field: 'idNumber', code: 'INVALID_ID_NUMBER', reason }));
  });

  it('rejects an unknown region and names the field', async () => {
    const res = await sz.post('/api/persons', newPerson({ regionCode: '449900' }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'UNKNOWN_DIVISION', fields: [{ field: 'regionCode' }] });
  });

  it('reports every failing field at once', async () => {
    const res = await sz.post('/api/persons', { idNumber: 'x', name: '', hukouType: 'city', regionCode: '12' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.map((f: { field: string }) => f.field).sort()).toEqual(['hukouType', 'idNumber', 'name', 'regionCode']);
  });

  it('a duplicate ID number is a 409 naming the existing record, even from another province', async () => {
    const body = newPerson();
    const first = await sz.post('/api/persons', body);
    expect(first.statusCode).toBe(201);
    await makeUser(ctx, 'r.bj', 'province_officer', '110000');
    const bj = await login(app, 'r.bj');
    const again = await bj.post('/api/persons', { ...body, regionCode: '110100' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'DUPLICATE_PERSON', existing: { id: first.json().id, provinceCode: '44' } });
  });

  it('search by ID prefix and name; the ministry sees masked numbers', async () => {
    const created = (await sz.post('/api/persons', newPerson({ name: '搜索测试' }))).json();
    const byName = await sz.get(`/api/persons?q=${encodeURIComponent('搜索')}`);
    expect(byName.json().items.map((p: { id: string }) => p.id)).toContain(created.id);
    const byId = await sz.get(`/api/persons?q=${created.idNumber.slice(0, 14)}`);
    expect(byId.json().items.map((p: { id: string }) => p.id)).toContain(created.id);
    const masked = await ministry.get(`/api/persons?q=${encodeURIComponent('搜索')}`);
    const item = masked.json().items.find((p: { id: string }) => p.id === created.id);
    expect(item.idNumber).toBe(`${created.idNumber.slice(0, 6)}********${created.idNumber.slice(14)}`);
    expect(item.idNumberMasked).toBe(true);
    expect(item.phone).toBe(null);
  });

  it('edits a person without defaults sneaking in, and refuses a cross-province move', async () => {
    const created = (await sz.post('/api/persons', newPerson({ migrantWorker: true }))).json();
    const edited = await sz.patch(`/api/persons/${created.id}`, { name: '改名' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ name: '改名', migrantWorker: true });
    const moved = await sz.patch(`/api/persons/${created.id}`, { regionCode: '110100' });
    expect(moved.statusCode).toBe(403); // outside the Shenzhen officer's region anyway
    expect((await sz.patch(`/api/persons/${created.id}`, {})).statusCode).toBe(400);
  });

  it('employers: credit code validated, duplicates refused, bad industry named', async () => {
    const good = { creditCode: codeIn('440300'), name: '深圳某某科技有限公司', legalRep: '李四', regionCode: '440300', industryCode: '65', sizeClass: 'small', ownership: 'private' };
    const res = await sz.post('/api/employers', good);
    expect(res.statusCode).toBe(201);
    expect((await sz.post('/api/employers', good)).json().code).toBe('DUPLICATE_EMPLOYER');
    const bad = await sz.post('/api/employers', { ...good, creditCode: '91350100M000100Y44' });
    expect(bad.json()).toMatchObject({ code: 'INVALID_CREDIT_CODE', fields: [{ field: 'creditCode' }] });
    const vowel = await sz.post('/api/employers', { ...good, creditCode: '91350100O000100Y43' });
    expect(vowel.json().code).toBe('INVALID_CREDIT_CODE');
    const ind = await sz.post('/api/employers', { ...good, creditCode: codeIn('440300'), industryCode: '00' });
    expect(ind.json()).toMatchObject({ code: 'UNKNOWN_INDUSTRY', fields: [{ field: 'industryCode' }] });
    const script = await sz.post('/api/employers', { ...good, creditCode: codeIn('440300'), name: '<script>alert(1)</script>' });
    expect(script.statusCode).toBe(400);
  });

  it('hire, separation and unemployment registration keep a consistent history', async () => {
    const p = (await sz.post('/api/persons', newPerson())).json();
    const e = (await sz.post('/api/employers', { creditCode: codeIn('440300'), name: '雇主', legalRep: '王五', regionCode: '440300', industryCode: '13', sizeClass: 'medium', ownership: 'private' })).json();
    const reg = await sz.post('/api/unemployment-registrations', { idNumber: p.idNumber, regionCode: '440300', registeredOn: '2020-02-01' });
    expect(reg.statusCode).toBe(201);
    expect((await sz.post('/api/unemployment-registrations', { personId: p.id, regionCode: '440300', registeredOn: '2020-02-02' })).json().code).toBe('ALREADY_REGISTERED');
    const hire = await sz.post('/api/employments', { idNumber: p.idNumber, employerId: e.id, hiredOn: '2020-06-01' });
    expect(hire.statusCode).toBe(201);
    expect((await sz.post('/api/employments', { personId: p.id, employerId: e.id, hiredOn: '2020-06-02' })).json().code).toBe('ALREADY_EMPLOYED');
    const detail = (await sz.get(`/api/persons/${p.id}`)).json();
    expect(detail.unemploymentRegistrations[0]).toMatchObject({ deregisteredOn: '2020-06-01', deregisterReason: 'reemployed' });
    expect(detail.employments[0]).toMatchObject({ employerName: '雇主', hiredOn: '2020-06-01', separatedOn: null });
    const early = await sz.post(`/api/employments/${hire.json().id}/separation`, { separatedOn: '2020-05-01', reason: 'resigned' });
    expect(early.json().fields[0].field).toBe('separatedOn');
    const sep = await sz.post(`/api/employments/${hire.json().id}/separation`, { separatedOn: '2020-09-30', reason: 'contract_ended' });
    expect(sep.json()).toMatchObject({ separatedOn: '2020-09-30', separationReason: 'contract_ended' });
    expect((await sz.post(`/api/employments/${hire.json().id}/separation`, { separatedOn: '2020-10-01', reason: 'resigned' })).json().code).toBe('NOT_EMPLOYED');
    const employees = (await sz.get(`/api/employers/${e.id}`)).json().employees;
    expect(employees).toEqual([]);
  });

  it('bad input is a 4xx with a code, never a 500', async () => {
    const cases = [
      await sz.post('/api/persons', 'not json' as unknown as object),
      await sz.call('POST', '/api/persons', '{"idNumber":', { 'content-type': 'application/json' }),
      await sz.get('/api/persons/not-a-uuid'),
      await sz.get('/api/persons?pageSize=100000'),
      await sz.get('/api/nope'),
      await sz.post('/api/employments', { employerId: 'x' }),
    ];
    for (const r of cases) {
      expect(r.statusCode, r.body).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, r.body).toBeLessThan(500);
      expect(r.json().code).toMatch(/^[A-Z_]+$/);
    }
  });

  it('serves OpenAPI 3.1 with the registry paths', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/persons', '/api/persons/{id}', '/api/employers', '/api/imports/{kind}']));
    expect((await app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json().status).toBe('ready');
  });
});
