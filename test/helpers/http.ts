import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { AppContext } from '../../src/platform/context.ts';
import { SYSTEM_ACTOR } from '../../src/platform/audit.ts';
import { createUser } from '../../src/modules/users/users.service.ts';
import type { Role } from '../../src/platform/schema.ts';

export const TEST_PASSWORD = 'test-password-123';

export type TestApp = Awaited<ReturnType<typeof buildApp>>;

export async function testApp(ctx: AppContext): Promise<TestApp> {
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  return app;
}

export async function makeUser(ctx: AppContext, username: string, role: Role, regionCode: string, subjectId?: string) {
  return createUser(ctx, null, SYSTEM_ACTOR, { username, displayName: username, password: TEST_PASSWORD, role, regionCode, subjectId });
}

/** A logged-in client: session cookie plus the CSRF header on every request, as the console sends them. */
export async function login(app: TestApp, username: string, password = TEST_PASSWORD) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'hrss_session')!;
  const csrf = res.json().csrfToken as string;
  const call = (method: string, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> =>
    app.inject({ method: method as 'GET', url, payload: payload as object, cookies: { hrss_session: cookie.value }, headers: { 'x-csrf-token': csrf, ...headers } });
  return {
    cookie: cookie.value, csrf, call,
    get: (url: string) => call('GET', url),
    post: (url: string, body?: unknown) => call('POST', url, body ?? {}),
    patch: (url: string, body: unknown) => call('PATCH', url, body),
    del: (url: string) => call('DELETE', url),
  };
}
export type Client = Awaited<ReturnType<typeof login>>;
