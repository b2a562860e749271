import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../helpers/context.ts';
import { login, makeUser, testApp, type Client, type TestApp } from '../helpers/http.ts';
import { world } from '../helpers/fixtures.ts';

/**
 * "A 500 is a bug": every route, called by entitled users with malformed ids, bodies and queries,
 * answers 2xx–4xx. A route that throws an unexpected error here fails with its name and body.
 */
const BAD_IDS = ['x', '00000000-0000-7000-8000-000000000000', '1; drop table person', '%E4%B8%AD', '9'.repeat(40)];
const BAD_BODIES: unknown[] = [
  {},
  { a: 1 },
  [],
  'text',
  { name: '<script>alert(1)</script>', amountFen: -1, wageFen: -5, workers: -3, period: '2020-13', date: '2020-02-30', quarter: '2020Q5' },
  { personId: 'nope', employerId: 'nope', regionCode: '999999', provinceCode: 'zz', scheme: 'x', idNumber: '123', creditCode: 'abc' },
  { amountFen: 1e300, wageFen: 9.5, workers: 1.5, page: -1, from: '2020-01-01', to: '1999-01-01' },
];
const BAD_QUERIES = ['', '?page=-1&pageSize=100000', '?from=2020-13&to=x&year=abc&date=2020-02-30&period=20201', '?q=%27%3B--&provinceCode=zz&regionCode=1'];

describe('bad input never makes a 500', () => {
  let ctx: Awaited<ReturnType<typeof testContext>>;
  let app: TestApp;
  const clients: Client[] = [];

  beforeAll(async () => {
    ctx = await testContext();
    app = await testApp(ctx);
    const w = await world(ctx);
    await makeUser(ctx, 'b.sz.insp', 'labour_inspector', '440300');
    for (const u of [w.users.ministry.username, w.users.province_officer.username, 'b.sz.insp', w.users.employer.username, w.users.insured.username]) {
      clients.push(await login(app, u));
    }
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('every route, every role that may call it, malformed ids, bodies and queries', async () => {
    const failures: string[] = [];
    const seen = { sent: 0, refused: 0 };
    const routes = app.hrssRoutes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.url !== '/api/auth/logout');
    for (const r of routes) {
      const ids = r.url.includes(':') ? BAD_IDS : [''];
      for (const id of ids) {
        const url = r.url.replace(/:[A-Za-z]+/g, id);
        for (const c of clients) {
          const attempts = r.method === 'GET' || r.method === 'DELETE'
            ? BAD_QUERIES.map((q) => () => c.call(r.method, url + q))
            : BAD_BODIES.map((b) => () => c.call(r.method, url, b as object));
          for (const attempt of attempts) {
            const res = await attempt();
            seen.sent++;
            if (res.statusCode === 400 || res.statusCode === 404) seen.refused++;
            if (res.statusCode >= 500) failures.push(`${r.method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // The walk really reached the handlers: logged in, and most bad input was refused as such.
    expect(seen.sent).toBeGreaterThan(routes.length * 10);
    expect(seen.refused).toBeGreaterThan(seen.sent / 4);
  }, 600_000);
});
