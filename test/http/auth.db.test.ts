import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../helpers/context.ts';
import { login, makeUser, testApp, TEST_PASSWORD, type TestApp } from '../helpers/http.ts';
import { forgetAllAuth } from '../../src/platform/auth/sessions.ts';

describe('sessions, CSRF, tokens, rate limit', () => {
  let ctx: Awaited<ReturnType<typeof testContext>>;
  let app: TestApp;

  beforeAll(async () => {
    ctx = await testContext({ HRSS_LOGIN_RATE_PER_MINUTE: '5' });
    app = await testApp(ctx);
    await makeUser(ctx, 's.sz', 'city_officer', '440300');
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('stores scrypt hashes, never passwords', async () => {
    const row = await ctx.db.selectFrom('app_user').select('password_hash').where('username', '=', 's.sz').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.password_hash).not.toContain(TEST_PASSWORD);
  });

  it('sets an httpOnly SameSite cookie and requires the CSRF header on mutations', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 's.sz', password: TEST_PASSWORD } });
    const cookie = res.cookies.find((c) => c.name === 'hrss_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const noCsrf = await app.inject({ method: 'POST', url: '/api/tokens', cookies: { hrss_session: cookie.value }, payload: { name: 'x' } });
    expect(noCsrf.json().code).toBe('CSRF_FAILED');
    const wrong = await app.inject({ method: 'POST', url: '/api/tokens', cookies: { hrss_session: cookie.value }, headers: { 'x-csrf-token': 'nope' }, payload: { name: 'x' } });
    expect(wrong.statusCode).toBe(403);
  });

  it('an expired session is refused with SESSION_EXPIRED', async () => {
    const c = await login(app, 's.sz');
    await ctx.db.updateTable('session').set({ expires_at: new Date(Date.now() - 1000) }).execute();
    forgetAllAuth(); // as if the few seconds of the in-process auth cache had passed
    const res = await c.get('/api/persons');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('SESSION_EXPIRED');
    // The console's first question on every page: who is here? Nobody, and the session expired.
    const me = await c.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: null, sessionExpired: true, actions: [] });
  });

  it('API tokens: shown once, hashed at rest, scoped, revocable, no CSRF needed', async () => {
    const c = await login(app, 's.sz');
    const read = (await c.post('/api/tokens', { name: 'reader', scopes: ['read'] })).json();
    expect(read.token).toMatch(/^hrss_/);
    const stored = await ctx.db.selectFrom('api_token').select('token_hash').where('id', '=', read.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(read.token);
    expect(JSON.stringify((await c.get('/api/tokens')).json())).not.toContain(read.token);
    const auth = { authorization: `Bearer ${read.token}` };
    expect((await app.inject({ method: 'GET', url: '/api/persons', headers: auth })).statusCode).toBe(200);
    const write = await app.inject({ method: 'POST', url: '/api/persons', headers: auth, payload: {} });
    expect(write.json()).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const rw = (await c.post('/api/tokens', { name: 'writer', scopes: ['read', 'write'] })).json();
    const created = await app.inject({ method: 'POST', url: '/api/persons', headers: { authorization: `Bearer ${rw.token}` }, payload: { idNumber: '11010519491231002X', name: '令牌', hukouType: 'urban', regionCode: '440300' } });
    expect(created.statusCode).toBe(201);
    await c.del(`/api/tokens/${read.id}`);
    expect((await app.inject({ method: 'GET', url: '/api/persons', headers: auth })).statusCode).toBe(401);
  });

  it('limits login attempts per minute', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) {
      codes.push((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 's.sz', password: 'wrong-password-1' } })).statusCode);
    }
    expect(codes).toContain(401);
    expect(codes.at(-1)).toBe(429);
  });
});
