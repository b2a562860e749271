import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db.ts';
import { AppError } from '../errors.ts';
import { can, type Action, type Principal } from '../auth/policy.ts';
import { lookupApiToken, lookupSession, SESSION_COOKIE, TOKEN_PREFIX } from '../auth/sessions.ts';
import type { Actor } from '../audit.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The policy action a route needs; routes without one must say `public: true`. */
    action?: Action;
    public?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
    authVia: 'session' | 'token' | null;
    csrfToken: string | null;
    sessionExpired: boolean;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const actorOf = (req: FastifyRequest): Actor => ({
  userId: req.principal?.id ?? null,
  name: req.principal?.username ?? 'anonymous',
  requestId: req.id,
});

export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('UNAUTHENTICATED', 'Log in first');
  return req.principal;
}

/**
 * Authenticates every request (bearer token or session cookie), then enforces the route's
 * policy action, the token's scopes and, for cookie sessions, the CSRF header on mutations.
 */
export function registerGuard(app: FastifyInstance, db: Db, config: Config) {
  app.decorateRequest('principal', null);
  app.decorateRequest('authVia', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionExpired', false);

  // onRequest, before the body is read: an anonymous or forbidden caller learns nothing from validation.
  app.addHook('onRequest', async (req) => {
    const routeConfig = req.routeOptions.config;
    // The docs UI (a plugin's routes) is public like the OpenAPI document it renders.
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs') || req.is404) return;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      const token = auth.slice(7).trim();
      const principal = token.startsWith(TOKEN_PREFIX) ? await lookupApiToken(db, token) : null;
      if (!principal) throw new AppError('UNAUTHENTICATED', 'The API token is unknown or revoked');
      req.principal = principal;
      req.authVia = 'token';
    } else {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) {
        const found = await lookupSession(db, cookie, config.HRSS_SESSION_TTL_MINUTES);
        if (found.kind === 'ok') {
          req.principal = found.principal;
          req.authVia = 'session';
          req.csrfToken = found.csrfToken;
        } else if (found.kind === 'expired') {
          req.sessionExpired = true;
        }
      }
    }

    if (routeConfig.public) return;
    if (!routeConfig.action) throw new AppError('FORBIDDEN', 'This route declares no policy');
    const p = req.principal;
    if (!p) {
      if (req.sessionExpired) throw new AppError('SESSION_EXPIRED', 'Your session has expired; log in again');
      throw new AppError('UNAUTHENTICATED', 'Log in or send an API token');
    }
    if (!can(p.role, routeConfig.action)) {
      throw new AppError('FORBIDDEN', `Role ${p.role} may not ${routeConfig.action}`);
    }
    if (MUTATING.has(req.method)) {
      if (req.authVia === 'token' && !p.scopes.includes('write')) {
        throw new AppError('FORBIDDEN', 'This API token has no write scope');
      }
      if (req.authVia === 'session' && req.headers['x-csrf-token'] !== req.csrfToken) {
        throw new AppError('CSRF_FAILED', 'Missing or wrong X-CSRF-Token header for this session');
      }
    }
  });
}
