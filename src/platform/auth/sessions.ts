import type { Db } from '../db.ts';
import type { Principal } from './policy.ts';
import { randomToken, sha256 } from './passwords.ts';

export const SESSION_COOKIE = 'hrss_session';

/**
 * Authentication is read on every request; PGlite answers one query at a time. Lookups are
 * cached for a few seconds, keyed by the secret's hash. This process drops entries at once on
 * logout, revocation, disabling and password resets; another hrss process on the same
 * PostgreSQL sees such a change within AUTH_CACHE_MS.
 */
export const AUTH_CACHE_MS = 10_000;
const MAX_CACHED = 10_000;
type Cached = { at: number; userId: string; value: unknown };
const authCache = new Map<string, Cached>();

function cached<T>(key: string): T | undefined {
  const hit = authCache.get(key);
  if (!hit) return undefined;
  if (Date.now() - hit.at > AUTH_CACHE_MS) {
    authCache.delete(key);
    return undefined;
  }
  return hit.value as T;
}

function remember(key: string, userId: string, value: unknown) {
  if (authCache.size >= MAX_CACHED) authCache.delete(authCache.keys().next().value!);
  authCache.set(key, { at: Date.now(), userId, value });
}

/** Forget cached authentication: one secret, or everything of one user. */
export function forgetAuth(opts: { secret?: string; userId?: string }) {
  if (opts.secret) {
    authCache.delete(`s:${sha256(opts.secret)}`);
    authCache.delete(`t:${sha256(opts.secret)}`);
  }
  if (opts.userId) for (const [k, v] of authCache) if (v.userId === opts.userId) authCache.delete(k);
}

export function forgetAllAuth() {
  authCache.clear();
}
export const TOKEN_PREFIX = 'hrss_';

type UserRow = {
  id: string; username: string; display_name: string; role: Principal['role']; region_code: string;
  subject_province_code: string | null; subject_id: string | null;
};

const toPrincipal = (u: UserRow, scopes: Principal['scopes']): Principal => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  role: u.role,
  regionCode: u.region_code,
  subjectProvinceCode: u.subject_province_code,
  subjectId: u.subject_id,
  scopes,
});

const USER_COLS = ['app_user.id', 'username', 'display_name', 'role', 'region_code', 'subject_province_code', 'subject_id'] as const;

export async function createSession(db: Db, userId: string, ttlMinutes: number) {
  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(Date.now() + ttlMinutes * 60_000);
  await db.deleteFrom('session').where('user_id', '=', userId).where('expires_at', '<=', new Date()).execute();
  await db.insertInto('session').values({ token_hash: sha256(token), user_id: userId, csrf_token: csrfToken, expires_at: expiresAt }).execute();
  return { token, csrfToken, expiresAt };
}

export type SessionLookup =
  | { kind: 'ok'; principal: Principal; csrfToken: string; expiresAt: Date }
  | { kind: 'expired' }
  | { kind: 'none' };

/** Sliding expiry: each use pushes the end out again, written at most once a minute. */
export async function lookupSession(db: Db, token: string, ttlMinutes: number): Promise<SessionLookup> {
  const key = `s:${sha256(token)}`;
  const hit = cached<Extract<SessionLookup, { kind: 'ok' }>>(key);
  if (hit && hit.expiresAt.getTime() > Date.now()) return hit;
  const row = await db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select([...USER_COLS, 'csrf_token', 'expires_at', 'last_seen_at', 'disabled', 'token_hash'])
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.disabled) return { kind: 'none' };
  const now = Date.now();
  // Kept until the user's next login removes it, so that every request can say "expired".
  if (new Date(row.expires_at).getTime() <= now) return { kind: 'expired' };
  let expiresAt = new Date(row.expires_at);
  if (now - new Date(row.last_seen_at).getTime() > 60_000) {
    expiresAt = new Date(now + ttlMinutes * 60_000);
    await db.updateTable('session').set({ last_seen_at: new Date(now), expires_at: expiresAt }).where('token_hash', '=', row.token_hash).execute();
  }
  const found = { kind: 'ok' as const, principal: toPrincipal(row, ['read', 'write']), csrfToken: row.csrf_token, expiresAt };
  remember(key, row.id, found);
  return found;
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  forgetAuth({ secret: token });
  await db.deleteFrom('session').where('token_hash', '=', sha256(token)).execute();
}

export async function lookupApiToken(db: Db, token: string): Promise<Principal | null> {
  const key = `t:${sha256(token)}`;
  const hit = cached<Principal>(key);
  if (hit) return hit;
  const row = await db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .select([...USER_COLS, 'scopes', 'disabled', 'api_token.id as token_id', 'last_used_at'])
    .where('token_hash', '=', sha256(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.disabled) return null;
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    await db.updateTable('api_token').set({ last_used_at: new Date() }).where('id', '=', row.token_id).execute();
  }
  const principal = toPrincipal(row, row.scopes.filter((s): s is 'read' | 'write' => s === 'read' || s === 'write'));
  remember(key, row.id, principal);
  return principal;
}
