import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { actorOf, requirePrincipal } from '../../platform/http/guard.ts';
import { AppError } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { createSession, deleteSession, SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import { POLICY, type Action } from '../../platform/auth/policy.ts';
import {
  PasswordReset, TokenCreate, UserCreate, UserOut, checkCredentials, createToken, createUser, listTokens, listUsers,
  presentUser, revokeToken, setDisabled, setPassword,
} from './users.service.ts';

const IdParam = z.object({ id: z.uuid() });
const Me = z.object({ user: UserOut, csrfToken: z.string().nullable(), expiresAt: z.string().nullable(), actions: z.array(z.string()) });
const TokenOut = z.object({ id: z.string(), name: z.string(), scopes: z.array(z.string()), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });

const actionsOf = (role: string) => (Object.keys(POLICY) as Action[]).filter((a) => (POLICY[a] as readonly string[]).includes(role));

export const registerUserRoutes: RouteRegistrar = (app, ctx) => {
  app.post('/api/auth/login', {
    config: { public: true, rateLimit: { max: ctx.config.HRSS_LOGIN_RATE_PER_MINUTE, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], summary: 'Log in with a password; sets an httpOnly session cookie', body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }), response: { 200: Me } },
  }, async (req, reply) => {
    const user = await checkCredentials(ctx.db, req.body.username, req.body.password);
    if (!user) {
      req.log.warn({ username: req.body.username }, 'login failed');
      throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password');
    }
    const session = await createSession(ctx.db, user.id, ctx.config.HRSS_SESSION_TTL_MINUTES);
    await writeAudit(ctx.db, { userId: user.id, name: user.username, requestId: req.id }, { provinceCode: null, action: 'auth.login', entityType: 'user', entityId: user.id });
    reply.setCookie(SESSION_COOKIE, session.token, {
      httpOnly: true, sameSite: 'lax', path: '/', secure: ctx.config.HRSS_COOKIE_SECURE, maxAge: ctx.config.HRSS_SESSION_TTL_MINUTES * 60,
    });
    return { user: presentUser(user), csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString(), actions: actionsOf(user.role) };
  });

  app.post('/api/auth/logout', {
    config: { action: 'self' },
    schema: { tags: ['auth'], summary: 'End this session', response: { 204: z.null() } },
  }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await deleteSession(ctx.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  // Public: a page that does not know whether anyone is logged in asks here and gets user null
  // (and whether a session just expired) instead of a 401 in the browser's console.
  app.get('/api/auth/me', {
    config: { public: true },
    schema: { tags: ['auth'], summary: 'The caller (null when anonymous), the CSRF token of its session and what its role may do',
      response: { 200: Me.extend({ user: UserOut.nullable(), sessionExpired: z.boolean() }) } },
  }, async (req) => {
    const p = req.principal;
    if (!p) return { user: null, csrfToken: null, expiresAt: null, actions: [], sessionExpired: req.sessionExpired };
    const user = await ctx.db.selectFrom('app_user').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
    return { user: presentUser(user), csrfToken: req.csrfToken, expiresAt: null, actions: actionsOf(p.role), sessionExpired: false };
  });

  app.get('/api/users', {
    config: { action: 'user.manage' },
    schema: { tags: ['users'], summary: 'Users in the caller’s region', response: { 200: z.object({ items: z.array(UserOut) }) } },
  }, async (req) => ({ items: await listUsers(ctx, requirePrincipal(req)) }));

  app.post('/api/users', {
    config: { action: 'user.manage' },
    schema: { tags: ['users'], summary: 'Create a user', body: UserCreate, response: { 201: UserOut } },
  }, async (req, reply) => reply.code(201).send(await createUser(ctx, requirePrincipal(req), actorOf(req), req.body)));

  app.patch('/api/users/:id', {
    config: { action: 'user.manage' },
    schema: { tags: ['users'], summary: 'Disable or enable a user', params: IdParam, body: z.object({ disabled: z.boolean() }), response: { 200: UserOut } },
  }, async (req) => setDisabled(ctx, requirePrincipal(req), actorOf(req), req.params.id, req.body.disabled));

  app.post('/api/users/:id/password', {
    config: { action: 'user.manage' },
    schema: { tags: ['users'], summary: 'Reset a user’s password (ends their sessions)', params: IdParam, body: PasswordReset, response: { 204: z.null() } },
  }, async (req, reply) => {
    await setPassword(ctx, requirePrincipal(req), actorOf(req), req.params.id, req.body.password);
    return reply.code(204).send(null);
  });

  app.get('/api/tokens', {
    config: { action: 'self' },
    schema: { tags: ['tokens'], summary: 'The caller’s API tokens (never the secrets)', response: { 200: z.object({ items: z.array(TokenOut) }) } },
  }, async (req) => ({ items: await listTokens(ctx.db, requirePrincipal(req).id) }));

  app.post('/api/tokens', {
    config: { action: 'self' },
    schema: { tags: ['tokens'], summary: 'Create an API token; the secret is shown only in this response', body: TokenCreate,
      response: { 201: z.object({ id: z.string(), name: z.string(), scopes: z.array(z.string()), token: z.string() }) } },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    // A token can never do more than the session that made it.
    if (req.authVia === 'token' && req.body.scopes.some((s) => !p.scopes.includes(s))) throw new AppError('FORBIDDEN', 'A token cannot create a token with more scopes than its own');
    return reply.code(201).send(await createToken(ctx, p.id, actorOf(req), req.body));
  });

  app.delete('/api/tokens/:id', {
    config: { action: 'self' },
    schema: { tags: ['tokens'], summary: 'Revoke an API token', params: IdParam, response: { 204: z.null() } },
  }, async (req, reply) => {
    await revokeToken(ctx, requirePrincipal(req).id, actorOf(req), req.params.id);
    return reply.code(204).send(null);
  });
};
