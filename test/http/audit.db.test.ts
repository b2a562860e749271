import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../helpers/context.ts';
import { login, makeUser, testApp, type Client, type TestApp } from '../helpers/http.ts';
import { codeIn, idIn } from '../helpers/fixtures.ts';
import { insuranceRulesHttp } from './modules/insurance-rules.ts';
import { insuranceEnrollmentHttp } from './modules/insurance-enrollment.ts';
import { insuranceCollectionHttp } from './modules/insurance-collection.ts';
import { arrearsHttp } from './modules/arrears.ts';
import { blacklistHttp } from './modules/blacklist.ts';

const MODULES = [insuranceRulesHttp, insuranceEnrollmentHttp, insuranceCollectionHttp, arrearsHttp, blacklistHttp];

/**
 * Walks every mutating endpoint once with a valid request and checks that exactly the change
 * it made left an audit row in the same province, with the actor and the entity.
 */
describe('every mutation is audited', () => {
  let ctx: Awaited<ReturnType<typeof testContext>>;
  let app: TestApp;
  let gd: Client;
  let min: Client;
  let rep: Client;

  beforeAll(async () => {
    ctx = await testContext();
    app = await testApp(ctx);
    await makeUser(ctx, 'a.gd', 'province_officer', '440000');
    await makeUser(ctx, 'a.min', 'ministry', '000000');
    await makeUser(ctx, 'a.rep', 'monitoring_reporter', '440300');
    gd = await login(app, 'a.gd');
    min = await login(app, 'a.min');
    rep = await login(app, 'a.rep');
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  const auditCount = async () => Number((await ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const lastAudit = () => ctx.db.selectFrom('audit_log').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();

  it('walks the mutating endpoints', async () => {
    const mutating = app.hrssRoutes.filter((r) => r.url.startsWith('/api/') && ['POST', 'PATCH', 'DELETE'].includes(r.method)).map((r) => `${r.method} ${r.url}`);
    const walked = new Set<string>();
    const step = async (key: string, run: () => Promise<{ statusCode: number; body: string }>, expected: { action: string; province: string }) => {
      const before = await auditCount();
      const res = await run();
      expect(res.statusCode, `${key}: ${res.body}`).toBeLessThan(300);
      expect(await auditCount(), key).toBeGreaterThan(before);
      const row = await lastAudit();
      expect(row.action, key).toBe(expected.action);
      expect(row.province_code, key).toBe(expected.province);
      expect(row.actor_name, key).toMatch(/^a\.(gd|min|rep)$/);
      walked.add(key);
      return res;
    };

    await step('POST /api/auth/login', () => app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a.gd', password: 'test-password-123' } }), { action: 'auth.login', province: '00' });
    const p = (await step('POST /api/persons', () => gd.post('/api/persons', { idNumber: idIn('440305'), name: '审计', hukouType: 'rural', regionCode: '440300' }), { action: 'person.create', province: '44' })).body;
    const person = JSON.parse(p);
    await step('PATCH /api/persons/:id', () => gd.patch(`/api/persons/${person.id}`, { fisherman: true }), { action: 'person.update', province: '44' });
    const e = JSON.parse((await step('POST /api/employers', () => gd.post('/api/employers', { creditCode: codeIn('440100'), name: '审计企业', legalRep: '赵六', regionCode: '440100', industryCode: '47', sizeClass: 'large', ownership: 'state' }), { action: 'employer.create', province: '44' })).body);
    await step('PATCH /api/employers/:id', () => gd.patch(`/api/employers/${e.id}`, { sizeClass: 'medium' }), { action: 'employer.update', province: '44' });
    const reg = JSON.parse((await step('POST /api/unemployment-registrations', () => gd.post('/api/unemployment-registrations', { personId: person.id, regionCode: '440300', registeredOn: '2020-03-01' }), { action: 'unemployment.register', province: '44' })).body);
    await step('POST /api/unemployment-registrations/:id/deregistration', () => gd.post(`/api/unemployment-registrations/${reg.id}/deregistration`, { deregisteredOn: '2020-04-01', reason: 'no_longer_seeking' }), { action: 'unemployment.deregister', province: '44' });
    const job = JSON.parse((await step('POST /api/employments', () => gd.post('/api/employments', { personId: person.id, employerId: e.id, hiredOn: '2020-05-01' }), { action: 'employment.hire', province: '44' })).body);
    await step('POST /api/employments/:id/separation', () => gd.post(`/api/employments/${job.id}/separation`, { separatedOn: '2020-08-01', reason: 'resigned' }), { action: 'employment.separate', province: '44' });
    const boundary = 'b0undary';
    const csv = `id_number,name,hukou_type,region_code\n${idIn('440305')},导入,urban,440300\n`;
    await step('POST /api/imports/:kind', () => gd.call('POST', '/api/imports/persons', `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`, { 'content-type': `multipart/form-data; boundary=${boundary}` }), { action: 'person.import', province: '44' });
    const u = JSON.parse((await step('POST /api/users', () => gd.post('/api/users', { username: 'a.new', displayName: '新用户', password: 'password-1234', role: 'city_officer', regionCode: '440100' }), { action: 'user.create', province: '44' })).body);
    await step('PATCH /api/users/:id', () => gd.patch(`/api/users/${u.id}`, { disabled: true }), { action: 'user.disable', province: '44' });
    await step('POST /api/users/:id/password', () => min.post(`/api/users/${u.id}/password`, { password: 'password-5678' }), { action: 'user.password_reset', province: '44' });
    const t = JSON.parse((await step('POST /api/tokens', () => gd.post('/api/tokens', { name: 'ci', scopes: ['read'] }), { action: 'token.create', province: '00' })).body);
    await step('DELETE /api/tokens/:id', () => gd.del(`/api/tokens/${t.id}`), { action: 'token.revoke', province: '00' });

    // Labour-market monitoring: a quarter, an agency, a reminder, a report through its workflow, close and publish.
    await step('POST /api/labour/quarters', () => min.post('/api/labour/quarters', { quarter: '2020Q4', dueOn: '2021-01-15' }), { action: 'labour.quarter_open', province: '00' });
    await step('POST /api/labour/agencies', () => gd.post('/api/labour/agencies', { cityCode: '440300', name: '深圳市公共就业服务中心', monitoredFrom: '2020Q1' }), { action: 'labour.agency_create', province: '44' });
    await step('POST /api/labour/quarters/:quarter/reminders', () => gd.post('/api/labour/quarters/2020Q4/reminders'), { action: 'labour.remind', province: '44' });
    const lr = JSON.parse((await step('POST /api/labour/reports', () => rep.post('/api/labour/reports', { quarter: '2020Q4', totals: { demand: 500, seekers: 200 }, lines: [{ occupationCode: '4-01-02-01', demand: 300, seekers: 100 }] }), { action: 'labour.report_save', province: '44' })).body);
    await step('POST /api/labour/reports/:id/submit', () => rep.post(`/api/labour/reports/${lr.id}/submit`), { action: 'labour.report_submit', province: '44' });
    await step('POST /api/labour/reports/:id/return', () => gd.post(`/api/labour/reports/${lr.id}/return`, { comment: '请补充焊工' }), { action: 'labour.report_return', province: '44' });
    const lcsv = 'occupation_code,demand,seekers\n4-01-02-01,300,100\n6-18-02-04,80,20\nTOTAL,500,200\n';
    await step('POST /api/labour/reports/csv', () => rep.call('POST', '/api/labour/reports/csv?quarter=2020Q4&submit=true', `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="r.csv"\r\nContent-Type: text/csv\r\n\r\n${lcsv}\r\n--${boundary}--\r\n`, { 'content-type': `multipart/form-data; boundary=${boundary}` }), { action: 'labour.report_submit', province: '44' });
    await step('POST /api/labour/reports/:id/accept', () => gd.post(`/api/labour/reports/${lr.id}/accept`, {}), { action: 'labour.report_accept', province: '44' });
    await step('POST /api/labour/quarters/:quarter/close', () => min.post('/api/labour/quarters/2020Q4/close'), { action: 'labour.quarter_close', province: '00' });
    await step('POST /api/labour/quarters/:quarter/publish', () => min.post('/api/labour/quarters/2020Q4/publish'), { action: 'labour.publish', province: '00' });

    for (const m of MODULES) await m.walk({ ctx, app, gd, min, rep, step });

    // Logout ends a session, not a record: nothing to audit beyond the login.
    // Reading a notification changes only the reader's inbox.
    const notRecords = ['POST /api/auth/logout', 'POST /api/notifications/:id/read', 'POST /api/notifications/read-all', ...MODULES.flatMap((m) => m.notRecords ?? [])];
    expect(mutating.filter((k) => !walked.has(k) && !notRecords.includes(k))).toEqual([]);

    // The audit API shows the trail filtered, with ID numbers masked.
    const trail = await gd.get(`/api/audit?entityType=person&entityId=${person.id}`);
    expect(trail.json().items.map((i: { action: string }) => i.action)).toEqual(['person.update', 'person.create']);
    expect(trail.json().items[1].after.id_number).toMatch(/\*{8}/);
  });

  it('a failed mutation leaves no audit row and no change', async () => {
    const before = await auditCount();
    const res = await gd.post('/api/persons', { idNumber: '440305199001011234', name: 'x', hukouType: 'urban', regionCode: '440300' });
    expect(res.statusCode).toBe(400);
    expect(await auditCount()).toBe(before);
  });
});
