import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../helpers/context.ts';
import { login, makeUser, testApp, type Client, type TestApp } from '../helpers/http.ts';
import { idIn, world } from '../helpers/fixtures.ts';
import { labourWorld } from '../helpers/labour.ts';
import { POLICY, type Action } from '../../src/platform/auth/policy.ts';
import type { Role } from '../../src/platform/schema.ts';
import { insuranceRulesHttp } from './modules/insurance-rules.ts';
import { insuranceEnrollmentHttp } from './modules/insurance-enrollment.ts';
import { insuranceCollectionHttp } from './modules/insurance-collection.ts';
import { arrearsHttp } from './modules/arrears.ts';
import { blacklistHttp } from './modules/blacklist.ts';

/** Modules that keep their part of the matrix in test/http/modules. */
const MODULES = { insuranceRules: insuranceRulesHttp, insuranceEnrollment: insuranceEnrollmentHttp, insuranceCollection: insuranceCollectionHttp, arrears: arrearsHttp, blacklist: blacklistHttp };
type ModuleWorlds = { [K in keyof typeof MODULES]: Awaited<ReturnType<(typeof MODULES)[K]['setup']>> };

type W = Awaited<ReturnType<typeof world>> & { target: { id: string } } & { labour: Awaited<ReturnType<typeof labourWorld>> } & { modules: ModuleWorlds };
type Sample = { method: string; url: string; body?: unknown; multipart?: boolean };

/**
 * One in-region request and, where a record is addressed, one out-of-region request per route.
 * A route missing here fails the coverage test: a new endpoint must join the matrix.
 */
function samples(w: W): Record<string, { inRegion: () => Sample; outOfRegion?: () => Sample }> {
  return {
    'POST /api/auth/logout': { inRegion: () => ({ method: 'POST', url: '/api/auth/logout' }) },
    'GET /api/users': { inRegion: () => ({ method: 'GET', url: '/api/users' }) },
    'POST /api/users': { inRegion: () => ({ method: 'POST', url: '/api/users', body: { username: `n${Math.random().toString(36).slice(2, 8)}`, displayName: 'x', password: 'password-1234', role: 'city_officer', regionCode: '440300' } }),
      outOfRegion: () => ({ method: 'POST', url: '/api/users', body: { username: `o${Math.random().toString(36).slice(2, 8)}`, displayName: 'x', password: 'password-1234', role: 'city_officer', regionCode: '110100' } }) },
    'PATCH /api/users/:id': { inRegion: () => ({ method: 'PATCH', url: `/api/users/${w.target.id}`, body: { disabled: false } }) },
    'POST /api/users/:id/password': { inRegion: () => ({ method: 'POST', url: `/api/users/${w.target.id}/password`, body: { password: 'test-password-123' } }) },
    'GET /api/tokens': { inRegion: () => ({ method: 'GET', url: '/api/tokens' }) },
    'GET /api/stats/insurance': { inRegion: () => ({ method: 'GET', url: '/api/stats/insurance?year=2020' }), outOfRegion: () => ({ method: 'GET', url: '/api/stats/insurance?year=2020&provinceCode=11' }) },
    'GET /api/notifications': { inRegion: () => ({ method: 'GET', url: '/api/notifications' }) },
    'POST /api/notifications/:id/read': { inRegion: () => ({ method: 'POST', url: '/api/notifications/00000000-0000-7000-8000-000000000000/read' }) },
    'POST /api/notifications/read-all': { inRegion: () => ({ method: 'POST', url: '/api/notifications/read-all' }) },
    'POST /api/tokens': { inRegion: () => ({ method: 'POST', url: '/api/tokens', body: { name: 't', scopes: ['read'] } }) },
    'DELETE /api/tokens/:id': { inRegion: () => ({ method: 'DELETE', url: '/api/tokens/00000000-0000-7000-8000-000000000000' }) },
    'GET /api/persons': { inRegion: () => ({ method: 'GET', url: '/api/persons' }) },
    'POST /api/persons': { inRegion: () => ({ method: 'POST', url: '/api/persons', body: { idNumber: idIn('440305'), name: '新人', hukouType: 'urban', regionCode: '440300' } }),
      outOfRegion: () => ({ method: 'POST', url: '/api/persons', body: { idNumber: idIn('110105'), name: '新人', hukouType: 'urban', regionCode: '110100' } }) },
    'GET /api/persons/:id': { inRegion: () => ({ method: 'GET', url: `/api/persons/${w.szPerson.id}` }), outOfRegion: () => ({ method: 'GET', url: `/api/persons/${w.bjPerson.id}` }) },
    'PATCH /api/persons/:id': { inRegion: () => ({ method: 'PATCH', url: `/api/persons/${w.szOther.id}`, body: { phone: '13800000000' } }), outOfRegion: () => ({ method: 'PATCH', url: `/api/persons/${w.bjPerson.id}`, body: { phone: '13800000000' } }) },
    'GET /api/employers': { inRegion: () => ({ method: 'GET', url: '/api/employers' }) },
    'POST /api/employers': { inRegion: () => ({ method: 'POST', url: '/api/employers', body: { creditCode: '91350100M000100Y43', name: 'X', legalRep: 'Y', regionCode: '440300', industryCode: '13', sizeClass: 'small', ownership: 'private' } }),
      outOfRegion: () => ({ method: 'POST', url: '/api/employers', body: { creditCode: '91350100M000100Y43', name: 'X', legalRep: 'Y', regionCode: '110100', industryCode: '13', sizeClass: 'small', ownership: 'private' } }) },
    'GET /api/employers/:id': { inRegion: () => ({ method: 'GET', url: `/api/employers/${w.szEmployer.id}` }), outOfRegion: () => ({ method: 'GET', url: `/api/employers/${w.bjEmployer.id}` }) },
    'PATCH /api/employers/:id': { inRegion: () => ({ method: 'PATCH', url: `/api/employers/${w.szEmployer.id}`, body: { address: '深南大道1号' } }), outOfRegion: () => ({ method: 'PATCH', url: `/api/employers/${w.bjEmployer.id}`, body: { address: '长安街1号' } }) },
    'POST /api/employments': { inRegion: () => ({ method: 'POST', url: '/api/employments', body: { personId: w.szOther.id, employerId: w.szEmployer.id, hiredOn: '2020-03-01' } }),
      outOfRegion: () => ({ method: 'POST', url: '/api/employments', body: { personId: w.bjPerson.id, employerId: w.bjEmployer.id, hiredOn: '2020-03-01' } }) },
    'POST /api/employments/:id/separation': { inRegion: () => ({ method: 'POST', url: '/api/employments/00000000-0000-7000-8000-000000000000/separation', body: { separatedOn: '2020-05-01', reason: 'resigned' } }) },
    'POST /api/unemployment-registrations': { inRegion: () => ({ method: 'POST', url: '/api/unemployment-registrations', body: { personId: w.szPerson.id, regionCode: '440300', registeredOn: '2020-04-01' } }),
      outOfRegion: () => ({ method: 'POST', url: '/api/unemployment-registrations', body: { personId: w.bjPerson.id, regionCode: '110100', registeredOn: '2020-04-01' } }) },
    'POST /api/unemployment-registrations/:id/deregistration': { inRegion: () => ({ method: 'POST', url: '/api/unemployment-registrations/00000000-0000-7000-8000-000000000000/deregistration', body: { deregisteredOn: '2020-05-01', reason: 'other' } }) },
    'POST /api/imports/:kind': { inRegion: () => ({ method: 'POST', url: '/api/imports/persons', multipart: true }) },
    'GET /api/imports': { inRegion: () => ({ method: 'GET', url: '/api/imports' }) },
    'GET /api/imports/:id/errors.csv': { inRegion: () => ({ method: 'GET', url: '/api/imports/00000000-0000-7000-8000-000000000000/errors.csv' }) },
    'GET /api/persons/export.csv': { inRegion: () => ({ method: 'GET', url: '/api/persons/export.csv' }) },
    'GET /api/employers/export.csv': { inRegion: () => ({ method: 'GET', url: '/api/employers/export.csv' }) },
    'GET /api/audit': { inRegion: () => ({ method: 'GET', url: '/api/audit' }) },
    'GET /api/stats/overview': { inRegion: () => ({ method: 'GET', url: '/api/stats/overview' }) },
    // Labour-market monitoring: Shenzhen is in region, Beijing outside. 2019Q4 is never opened (404 for the allowed).
    'GET /api/labour/agencies': { inRegion: () => ({ method: 'GET', url: '/api/labour/agencies' }) },
    'POST /api/labour/agencies': { inRegion: () => ({ method: 'POST', url: '/api/labour/agencies', body: { cityCode: '440600', name: '佛山市公共就业服务中心', monitoredFrom: '2020Q1' } }),
      outOfRegion: () => ({ method: 'POST', url: '/api/labour/agencies', body: { cityCode: '120100', name: '天津市公共就业服务中心', monitoredFrom: '2020Q1' } }) },
    'GET /api/labour/agencies/:id': { inRegion: () => ({ method: 'GET', url: `/api/labour/agencies/${w.labour.szAgency.id}` }), outOfRegion: () => ({ method: 'GET', url: `/api/labour/agencies/${w.labour.bjAgency.id}` }) },
    'GET /api/labour/agencies/:id/top': { inRegion: () => ({ method: 'GET', url: `/api/labour/agencies/${w.labour.szAgency.id}/top?quarter=2020Q4` }), outOfRegion: () => ({ method: 'GET', url: `/api/labour/agencies/${w.labour.bjAgency.id}/top?quarter=2020Q4` }) },
    'GET /api/labour/quarters': { inRegion: () => ({ method: 'GET', url: '/api/labour/quarters' }) },
    'POST /api/labour/quarters': { inRegion: () => ({ method: 'POST', url: '/api/labour/quarters', body: { quarter: '2021Q1', dueOn: '2021-04-15' } }) },
    'POST /api/labour/quarters/:quarter/close': { inRegion: () => ({ method: 'POST', url: '/api/labour/quarters/2019Q4/close' }) },
    'GET /api/labour/quarters/:quarter/completeness': { inRegion: () => ({ method: 'GET', url: '/api/labour/quarters/2020Q4/completeness' }) },
    'POST /api/labour/quarters/:quarter/reminders': { inRegion: () => ({ method: 'POST', url: '/api/labour/quarters/2020Q4/reminders' }) },
    'GET /api/labour/quarters/:quarter/ranking': { inRegion: () => ({ method: 'GET', url: '/api/labour/quarters/2020Q4/ranking' }) },
    'POST /api/labour/quarters/:quarter/publish': { inRegion: () => ({ method: 'POST', url: '/api/labour/quarters/2019Q4/publish' }) },
    'GET /api/labour/reports': { inRegion: () => ({ method: 'GET', url: '/api/labour/reports' }) },
    'POST /api/labour/reports': { inRegion: () => ({ method: 'POST', url: '/api/labour/reports', body: { quarter: '2020Q4', totals: { demand: 10, seekers: 10 }, lines: [] } }) },
    'POST /api/labour/reports/csv': { inRegion: () => ({ method: 'POST', url: '/api/labour/reports/csv?quarter=2020Q4', multipart: true }) },
    'GET /api/labour/reports/:id': { inRegion: () => ({ method: 'GET', url: `/api/labour/reports/${w.labour.szReport.id}` }), outOfRegion: () => ({ method: 'GET', url: `/api/labour/reports/${w.labour.bjReport.id}` }) },
    'POST /api/labour/reports/:id/submit': { inRegion: () => ({ method: 'POST', url: `/api/labour/reports/${w.labour.szReport.id}/submit` }), outOfRegion: () => ({ method: 'POST', url: `/api/labour/reports/${w.labour.bjReport.id}/submit` }) },
    'POST /api/labour/reports/:id/accept': { inRegion: () => ({ method: 'POST', url: `/api/labour/reports/${w.labour.szReport.id}/accept`, body: {} }), outOfRegion: () => ({ method: 'POST', url: `/api/labour/reports/${w.labour.bjReport.id}/accept`, body: {} }) },
    'POST /api/labour/reports/:id/return': { inRegion: () => ({ method: 'POST', url: `/api/labour/reports/${w.labour.szReport.id}/return`, body: { comment: '请核实' } }), outOfRegion: () => ({ method: 'POST', url: `/api/labour/reports/${w.labour.bjReport.id}/return`, body: { comment: '请核实' } }) },
    'GET /api/labour/ratio': { inRegion: () => ({ method: 'GET', url: '/api/labour/ratio' }) },
    'GET /api/labour/rules': { inRegion: () => ({ method: 'GET', url: '/api/labour/rules' }) },
    ...MODULES.insuranceRules.samples(w.modules.insuranceRules, w),
    ...MODULES.insuranceEnrollment.samples(w.modules.insuranceEnrollment, w),
    ...MODULES.insuranceCollection.samples(w.modules.insuranceCollection, w),
    ...MODULES.arrears.samples(w.modules.arrears, w),
    ...MODULES.blacklist.samples(w.modules.blacklist, w),
  };
}

const ROLES: Role[] = ['ministry', 'province_officer', 'city_officer', 'labour_inspector', 'monitoring_reporter', 'employer', 'insured'];
const REGION_SCOPED: Role[] = ['province_officer', 'city_officer', 'labour_inspector'];
// Out-of-region for Guangdong/Shenzhen users is Beijing; the ministry has no outside.

describe('role × endpoint matrix', () => {
  let ctx: Awaited<ReturnType<typeof testContext>>;
  let app: TestApp;
  let w: W;
  const clients = {} as Record<Role, Client>;

  beforeAll(async () => {
    ctx = await testContext();
    app = await testApp(ctx);
    const base = await world(ctx);
    const modules = {} as Record<string, unknown>;
    for (const [name, m] of Object.entries(MODULES)) modules[name] = await m.setup(ctx, base);
    w = { ...base, target: await makeUser(ctx, 'u.target', 'city_officer', '440300'), labour: await labourWorld(ctx), modules: modules as ModuleWorlds };
    for (const role of ROLES) clients[role] = await login(app, w.users[role].username);
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  const send = (client: Client | null, s: Sample) => {
    if (s.multipart) {
      const boundary = 'matrixboundary';
      const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.csv"\r\nContent-Type: text/csv\r\n\r\nid_number,name,hukou_type,region_code\r\n--${boundary}--\r\n`;
      const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
      return client ? client.call(s.method, s.url, payload, headers) : app.inject({ method: 'POST', url: s.url, payload, headers });
    }
    return client ? client.call(s.method, s.url, s.body) : app.inject({ method: s.method as 'GET', url: s.url, payload: s.body as object });
  };

  it('every API route is either public or in the matrix', () => {
    const table = samples(w);
    const missing = app.hrssRoutes
      .filter((r) => r.url.startsWith('/api/') && !r.public && !r.url.startsWith('/api/docs'))
      .map((r) => `${r.method} ${r.url}`)
      .filter((k) => !table[k]);
    expect(missing).toEqual([]);
  });

  it('public routes answer anonymous callers; the others refuse them with 401', async () => {
    for (const r of app.hrssRoutes.filter((x) => x.url.startsWith('/api/') && !x.url.startsWith('/api/docs') && x.method === 'GET' && !x.url.includes(':'))) {
      const res = await app.inject({ method: 'GET', url: r.url });
      if (r.public) expect(res.statusCode, r.url).toBe(200);
      else expect(res.statusCode, r.url).toBe(401);
    }
    for (const [key, s] of Object.entries(samples(w))) {
      const res = await send(null, s.inRegion());
      expect(res.statusCode, key).toBe(401);
      expect(res.json().code, key).toBe('UNAUTHENTICATED');
    }
  });

  for (const role of ROLES) {
    it(`${role}: allowed where the policy says, refused with 403 elsewhere`, async () => {
      const table = samples(w);
      for (const r of app.hrssRoutes.filter((x) => x.url.startsWith('/api/') && !x.public && !x.url.startsWith('/api/docs'))) {
        const key = `${r.method} ${r.url}`;
        const allowed = (POLICY[r.action as Action] as readonly Role[]).includes(role);
        const res = await send(clients[role], table[key].inRegion());
        if (allowed) {
          expect([401, 403], `${role} ${key} → ${res.statusCode} ${res.body.slice(0, 200)}`).not.toContain(res.statusCode);
        } else {
          expect(res.statusCode, `${role} ${key}`).toBe(403);
          expect(res.json().code).toBe('FORBIDDEN');
        }
        if (key === 'POST /api/auth/logout') clients[role] = await login(app, w.users[role].username);
      }
    });
  }

  for (const role of [...REGION_SCOPED, 'employer', 'insured'] as Role[]) {
    it(`${role}: never reads or writes outside its region or its own record`, async () => {
      for (const [key, s] of Object.entries(samples(w))) {
        if (!s.outOfRegion) continue;
        const res = await send(clients[role], s.outOfRegion());
        expect([403, 404], `${role} ${key} → ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      }
      // Lists hold only in-region records.
      const persons = await clients[role].get('/api/persons?pageSize=200');
      if (persons.statusCode === 200) {
        for (const p of persons.json().items) expect(p.regionCode.startsWith('44'), `${role} sees ${p.regionCode}`).toBe(true);
      }
      const employers = await clients[role].get('/api/employers?pageSize=200');
      if (employers.statusCode === 200) {
        for (const e of employers.json().items) expect(e.regionCode.startsWith('44')).toBe(true);
      }
    });
  }

  it('an insured person sees only their own record; an employer only itself', async () => {
    const mine = await clients.insured.get('/api/persons');
    expect(mine.json().items.map((p: { id: string }) => p.id)).toEqual([w.szPerson.id]);
    expect((await clients.insured.get(`/api/persons/${w.szOther.id}`)).statusCode).toBe(404);
    const own = await clients.employer.get('/api/employers');
    expect(own.json().items.map((e: { id: string }) => e.id)).toEqual([w.szEmployer.id]);
  });

  it('the ministry reads nationally but sees ID numbers masked', async () => {
    const res = await clients.ministry.get(`/api/persons/${w.bjPerson.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().person.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    const officer = await clients.city_officer.get(`/api/persons/${w.szOther.id}`);
    expect(officer.json().person.idNumber).toMatch(/^\d{17}[\dX]$/);
  });
});
