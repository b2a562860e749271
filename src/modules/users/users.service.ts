import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import type { Role } from '../../platform/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { writeAudit, type Actor } from '../../platform/audit.ts';
import { hashPassword, passwordProblem, randomToken, sha256, verifyPassword } from '../../platform/auth/passwords.ts';
import { NATIONAL, inRegion, regionPrefix, type Principal } from '../../platform/auth/policy.ts';
import { TOKEN_PREFIX, forgetAuth } from '../../platform/auth/sessions.ts';
import { newId } from '../../platform/ids.ts';
import { reference } from '../reference/reference.service.ts';

export const ROLES = ['ministry', 'province_officer', 'city_officer', 'labour_inspector', 'monitoring_reporter', 'employer', 'insured'] as const;

const password = z.string().superRefine((v, ctx) => {
  const problem = passwordProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { code: 'WEAK_PASSWORD' } });
});

export const UserCreate = z.object({
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{3,64}$/, '3–64 of a-z, 0-9, dot, dash, underscore'),
  displayName: z.string().trim().min(1).max(100).regex(/^[^<>]*$/, 'must not contain < or >'),
  password,
  role: z.enum(ROLES),
  regionCode: z.string().regex(/^\d{6}$/),
  subjectId: z.uuid().optional().describe('the employer (for role employer) or person (for role insured) the user acts as'),
});
export const UserOut = z.object({
  id: z.string(), username: z.string(), displayName: z.string(), role: z.enum(ROLES), regionCode: z.string(),
  subjectProvinceCode: z.string().nullable(), subjectId: z.string().nullable(), disabled: z.boolean(), createdAt: z.string(),
});
export const PasswordReset = z.object({ password });
export const TokenCreate = z.object({ name: z.string().trim().min(1).max(100), scopes: z.array(z.enum(['read', 'write'])).min(1).default(['read']) });

type UserRow = { id: string; username: string; display_name: string; role: Role; region_code: string; subject_province_code: string | null; subject_id: string | null; disabled: boolean; created_at: Date | string };
export const presentUser = (u: UserRow) => ({
  id: u.id, username: u.username, displayName: u.display_name, role: u.role, regionCode: u.region_code,
  subjectProvinceCode: u.subject_province_code, subjectId: u.subject_id, disabled: u.disabled, createdAt: new Date(u.created_at).toISOString(),
});

const provinceOf = (regionCode: string) => (regionCode === NATIONAL ? null : regionCode.slice(0, 2));

/** Which roles may a manager create: the ministry any; a province officer any but ministry, in its province. */
function assertMayManage(manager: Principal | null, role: Role, regionCode: string) {
  if (!manager) return; // the CLI acts as the operator
  if (manager.role === 'ministry') return;
  if (role === 'ministry' || !inRegion(manager, regionCode)) {
    throw new AppError('FORBIDDEN', 'A province officer manages users of its own province only, and no ministry users');
  }
}

export async function createUser(ctx: AppContext, manager: Principal | null, actor: Actor, input: z.infer<typeof UserCreate>) {
  assertMayManage(manager, input.role, input.regionCode);
  const ref = await reference(ctx.db);
  if (input.regionCode !== NATIONAL && !ref.divisions.has(input.regionCode)) {
    throw new AppError('UNKNOWN_DIVISION', `Region ${input.regionCode} is not a known division`, [{ field: 'regionCode', code: 'UNKNOWN_DIVISION', message: 'unknown division' }]);
  }
  if (input.role === 'ministry' && input.regionCode !== NATIONAL) throw new AppError('VALIDATION_FAILED', 'Ministry users are national: region 000000', [{ field: 'regionCode', code: 'MUST_BE_NATIONAL', message: 'must be 000000' }]);
  if (input.role !== 'ministry' && input.regionCode === NATIONAL) throw new AppError('VALIDATION_FAILED', 'Only ministry users are national', [{ field: 'regionCode', code: 'REGION_REQUIRED', message: 'give a province or city code' }]);
  let subjectProvince: string | null = null;
  if (input.role === 'employer' || input.role === 'insured') {
    if (!input.subjectId) throw new AppError('VALIDATION_FAILED', 'Employer and insured users need the record they act as', [{ field: 'subjectId', code: 'REQUIRED', message: 'required for this role' }]);
    const table = input.role === 'employer' ? 'employer' : 'person';
    const subject = await ctx.db.selectFrom(table).select(['province_code', 'region_code']).where('id', '=', input.subjectId).executeTakeFirst();
    if (!subject) throw new AppError('NOT_FOUND', `No ${table} with id ${input.subjectId}`, [{ field: 'subjectId', code: 'NOT_FOUND', message: 'not found' }]);
    subjectProvince = subject.province_code;
  }
  const now = new Date();
  return ctx.db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('app_user').select('id').where('username', '=', input.username).executeTakeFirst();
    if (exists) throw new AppError('DUPLICATE_USER', `User ${input.username} already exists`, [{ field: 'username', code: 'DUPLICATE_USER', message: 'taken' }]);
    const row = await trx.insertInto('app_user').values({
      id: newId(), username: input.username, display_name: input.displayName, password_hash: await hashPassword(input.password),
      role: input.role, region_code: input.regionCode, subject_province_code: subjectProvince, subject_id: input.subjectId ?? null,
      created_at: now, updated_at: now,
    }).returningAll().executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { provinceCode: provinceOf(row.region_code), action: 'user.create', entityType: 'user', entityId: row.id, after: presentUser(row) });
    return presentUser(row);
  });
}

export async function listUsers(ctx: AppContext, manager: Principal) {
  let q = ctx.db.selectFrom('app_user').selectAll().orderBy('username');
  const prefix = regionPrefix(manager.regionCode);
  if (prefix) q = q.where('region_code', 'like', `${prefix}%`);
  return (await q.execute()).map(presentUser);
}

async function getManagedUser(ctx: AppContext, manager: Principal | null, id: string) {
  const user = await ctx.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
  if (!user) throw notFound('User');
  assertMayManage(manager, user.role, user.region_code);
  return user;
}

export async function setPassword(ctx: AppContext, manager: Principal | null, actor: Actor, id: string, newPassword: string) {
  const user = await getManagedUser(ctx, manager, id);
  const problem = passwordProblem(newPassword);
  if (problem) throw new AppError('VALIDATION_FAILED', problem, [{ field: 'password', code: 'WEAK_PASSWORD', message: problem }]);
  const hash = await hashPassword(newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ password_hash: hash, updated_at: new Date() }).where('id', '=', id).execute();
    await trx.deleteFrom('session').where('user_id', '=', id).execute(); // old sessions end with the old password
    await writeAudit(trx, actor, { provinceCode: provinceOf(user.region_code), action: 'user.password_reset', entityType: 'user', entityId: id });
  });
  forgetAuth({ userId: id });
}

export async function setDisabled(ctx: AppContext, manager: Principal, actor: Actor, id: string, disabled: boolean) {
  const user = await getManagedUser(ctx, manager, id);
  return ctx.db.transaction().execute(async (trx) => {
    const after = await trx.updateTable('app_user').set({ disabled, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    if (disabled) await trx.deleteFrom('session').where('user_id', '=', id).execute();
    await writeAudit(trx, actor, { provinceCode: provinceOf(user.region_code), action: disabled ? 'user.disable' : 'user.enable', entityType: 'user', entityId: id, before: presentUser(user), after: presentUser(after) });
    return presentUser(after);
  }).finally(() => forgetAuth({ userId: id }));
}

export async function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('app_user').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
}

// A fixed hash to verify against when the user does not exist: same timing either way.
let dummyHash: Promise<string> | null = null;

export async function checkCredentials(db: Db, username: string, pw: string) {
  const user = await findUserByUsername(db, username);
  dummyHash ??= hashPassword('not-a-real-password-0');
  const ok = await verifyPassword(pw, user?.password_hash ?? (await dummyHash));
  return ok && user && !user.disabled ? user : null;
}

export async function createToken(ctx: AppContext, userId: string, actor: Actor, input: z.infer<typeof TokenCreate>) {
  const secret = `${TOKEN_PREFIX}${randomToken()}`;
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('api_token').values({ id, user_id: userId, name: input.name, token_hash: sha256(secret), scopes: input.scopes }).execute();
    await writeAudit(trx, actor, { provinceCode: null, action: 'token.create', entityType: 'api_token', entityId: id, after: { name: input.name, scopes: input.scopes, userId } });
  });
  return { id, name: input.name, scopes: input.scopes, token: secret };
}

export async function listTokens(db: Db, userId: string) {
  const rows = await db.selectFrom('api_token').select(['id', 'name', 'scopes', 'created_at', 'last_used_at', 'revoked_at']).where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({
    id: r.id, name: r.name, scopes: r.scopes, createdAt: new Date(r.created_at).toISOString(),
    lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null, revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
  }));
}

/** userId null: the CLI operator may revoke any token. */
export async function revokeToken(ctx: AppContext, userId: string | null, actor: Actor, tokenId: string) {
  let q = ctx.db.selectFrom('api_token').select(['id', 'revoked_at', 'user_id']).where('id', '=', tokenId);
  if (userId) q = q.where('user_id', '=', userId);
  const token = await q.executeTakeFirst();
  if (!token) throw notFound('Token');
  if (token.revoked_at) return;
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('api_token').set({ revoked_at: new Date() }).where('id', '=', tokenId).execute();
    await writeAudit(trx, actor, { provinceCode: null, action: 'token.revoke', entityType: 'api_token', entityId: tokenId });
  });
  forgetAuth({ userId: token.user_id });
}
