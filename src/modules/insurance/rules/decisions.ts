import type { AppContext } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { writeAudit, type Actor } from '../../../platform/audit.ts';
import { assertRegion, provinceFilter, regionPrefix, type Principal } from '../../../platform/auth/policy.ts';
import { newId } from '../../../platform/ids.ts';
import { getEmployer } from '../../employers/employers.service.ts';
import { paramAt } from './params.ts';
import { periodEnd, tierList } from './contribution.ts';

/**
 * Decisions that change what an assessment charges or when it falls due: the employer's
 * work-injury floating tier, an approved deferral for an employer in difficulty, and a flexible
 * worker's suspension of the 2020 pension contributions.
 */

// ----- work-injury floating tier -----
const presentTier = (r: { province_code: string; employer_id: string; effective_from: string; tier: number; reason: string; decided_by: string; decided_at: Date }) => ({
  provinceCode: r.province_code, employerId: r.employer_id, effectiveFrom: r.effective_from, tier: r.tier, reason: r.reason, decidedBy: r.decided_by,
  decidedAt: new Date(r.decided_at).toISOString(),
});

export async function listInjuryTiers(ctx: AppContext, p: Principal, employerId: string) {
  const e = await getEmployer(ctx, p, employerId);
  const rows = await ctx.db.selectFrom('insurance_injury_tier').selectAll().where('province_code', '=', e.province_code).where('employer_id', '=', e.id).orderBy('effective_from').execute();
  return rows.map(presentTier);
}

export async function setInjuryTier(ctx: AppContext, p: Principal, actor: Actor, input: { employerId: string; effectiveFrom: string; tier: number; reason: string }) {
  const e = await getEmployer(ctx, p, input.employerId);
  const industry = await ctx.db.selectFrom('industry').select('injury_class').where('code', '=', e.industry_code).executeTakeFirst();
  if (!industry?.injury_class) throw new AppError('VALIDATION_FAILED', `Industry ${e.industry_code} has no work-injury class`, [{ field: 'employerId', code: 'NO_INJURY_CLASS', message: 'the employer’s industry has no work-injury class' }]);
  const tiers = await paramAt<Record<string, string[]>>(ctx.db, 'injury.tiers', e.province_code, input.effectiveFrom);
  const n = tierList(tiers, industry.injury_class).length;
  if (input.tier < 1 || input.tier > n) {
    throw new AppError('VALIDATION_FAILED', `Industry class ${industry.injury_class} has tiers 1–${n}`, [{ field: 'tier', code: 'TIER_OUT_OF_RANGE', message: `must be 1–${n}` }]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('insurance_injury_tier').selectAll().where('province_code', '=', e.province_code).where('employer_id', '=', e.id)
      .where('effective_from', '=', input.effectiveFrom).executeTakeFirst();
    const values = { province_code: e.province_code, employer_id: e.id, effective_from: input.effectiveFrom, tier: input.tier, reason: input.reason, decided_by: actor.name, decided_at: new Date() };
    const row = await trx.insertInto('insurance_injury_tier').values(values)
      .onConflict((oc) => oc.columns(['province_code', 'employer_id', 'effective_from']).doUpdateSet({ tier: values.tier, reason: values.reason, decided_by: values.decided_by, decided_at: values.decided_at }))
      .returningAll().executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { provinceCode: e.province_code, action: 'insurance.injury_tier_set', entityType: 'employer', entityId: e.id, before: before ?? null, after: row });
    return presentTier(row);
  });
}

// ----- deferral for employers in difficulty -----
interface DeferralParam { firstPeriod: string; lastPeriod: string; latestUntil: string }
type DeferralRow = { province_code: string; id: string; employer_id: string; from_period: string; to_period: string; until_on: string; reason: string; approved_by: string; approved_at: Date; revoked_at: Date | null };
const presentDeferral = (r: DeferralRow) => ({
  id: r.id, provinceCode: r.province_code, employerId: r.employer_id, fromPeriod: r.from_period, toPeriod: r.to_period, untilOn: r.until_on, reason: r.reason,
  approvedBy: r.approved_by, approvedAt: new Date(r.approved_at).toISOString(), revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
});

export async function listDeferrals(ctx: AppContext, p: Principal, q: { employerId?: string }) {
  let s = ctx.db.selectFrom('insurance_deferral as d').innerJoin('employer as e', (j) => j.onRef('e.province_code', '=', 'd.province_code').onRef('e.id', '=', 'd.employer_id'))
    .selectAll('d').select('e.region_code');
  const prov = provinceFilter(p);
  if (prov) s = s.where('d.province_code', '=', prov);
  if (p.role === 'employer') s = s.where('d.employer_id', '=', p.subjectId ?? '00000000-0000-0000-0000-000000000000');
  if (q.employerId) s = s.where('d.employer_id', '=', q.employerId);
  const rows = await s.orderBy('d.approved_at', 'desc').limit(500).execute();
  if (p.role === 'insured') return []; // an employer's matter
  return rows.filter((r) => p.role === 'employer' || r.region_code.startsWith(regionPrefix(p.regionCode))).map(presentDeferral);
}

export async function approveDeferral(ctx: AppContext, p: Principal, actor: Actor, input: { employerId: string; fromPeriod: string; toPeriod: string; untilOn: string; reason: string }) {
  const e = await getEmployer(ctx, p, input.employerId);
  const rule = await paramAt<DeferralParam>(ctx.db, 'relief.deferral', e.province_code, `${input.fromPeriod}-01`);
  const fields = [];
  if (input.fromPeriod > input.toPeriod) fields.push({ field: 'toPeriod', code: 'BEFORE_START', message: 'must not be before fromPeriod' });
  if (input.fromPeriod < rule.firstPeriod || input.toPeriod > rule.lastPeriod) fields.push({ field: 'toPeriod', code: 'OUTSIDE_WINDOW', message: `deferral covers ${rule.firstPeriod}…${rule.lastPeriod}` });
  if (input.untilOn > rule.latestUntil) fields.push({ field: 'untilOn', code: 'TOO_LATE', message: `must be on or before ${rule.latestUntil}` });
  if (input.untilOn < periodEnd(input.toPeriod)) fields.push({ field: 'untilOn', code: 'TOO_EARLY', message: `must be on or after ${periodEnd(input.toPeriod)}` });
  if (fields.length) throw new AppError('VALIDATION_FAILED', 'The deferral is outside what the rules allow', fields);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('insurance_deferral').values({
      province_code: e.province_code, id: newId(), employer_id: e.id, from_period: input.fromPeriod, to_period: input.toPeriod, until_on: input.untilOn,
      reason: input.reason, approved_by: actor.name,
    }).returningAll().executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { provinceCode: e.province_code, action: 'insurance.deferral_approve', entityType: 'insurance_deferral', entityId: row.id, after: row });
    return presentDeferral(row);
  });
}

// ----- flexible workers' 2020 pension suspension -----
interface SuspensionParam { year: number; payBy: string }
type SuspensionRow = { province_code: string; person_province_code: string; person_id: string; year: number; pay_by: string; requested_by: string; requested_at: Date };
const presentSuspension = (r: SuspensionRow) => ({
  provinceCode: r.province_code, personId: r.person_id, year: r.year, payBy: r.pay_by, requestedBy: r.requested_by, requestedAt: new Date(r.requested_at).toISOString(),
});

/** The person's individually insured (flexible) pension enrollment the caller may act on, or 404. */
async function flexibleEnrollment(ctx: AppContext, p: Principal, personId: string) {
  if (p.role === 'employer' || (p.role === 'insured' && p.subjectId !== personId)) throw notFound('Person');
  let q = ctx.db.selectFrom('insurance_enrollment').selectAll().where('person_id', '=', personId).where('scheme', '=', 'pension_employee')
    .where('category', '=', 'flexible').where('status', 'in', ['active', 'suspended']);
  const prov = provinceFilter(p);
  if (prov) q = q.where('province_code', '=', prov);
  const en = await q.orderBy('started_on', 'desc').executeTakeFirst();
  if (!en) {
    const person = await ctx.db.selectFrom('person').select(['region_code']).where('id', '=', personId).executeTakeFirst();
    if (!person) throw notFound('Person');
    if (p.role !== 'insured') assertRegion(p, person.region_code);
    throw new AppError('NOT_ENROLLED', 'The person has no individually insured pension enrollment', [{ field: 'personId', code: 'NOT_ENROLLED', message: 'not insured as a flexible worker' }]);
  }
  if (p.role !== 'insured') assertRegion(p, en.region_code);
  return en;
}

export async function listSuspensions(ctx: AppContext, p: Principal, personId: string) {
  const en = await flexibleEnrollment(ctx, p, personId).catch((err) => { if (err instanceof AppError && err.code === 'NOT_ENROLLED') return null; throw err; });
  if (!en) return [];
  const rows = await ctx.db.selectFrom('insurance_pension_suspension').selectAll().where('province_code', '=', en.province_code).where('person_id', '=', personId).orderBy('year').execute();
  return rows.map(presentSuspension);
}

export async function suspendPension(ctx: AppContext, p: Principal, actor: Actor, input: { personId: string; year: number }) {
  const en = await flexibleEnrollment(ctx, p, input.personId);
  const rule = await paramAt<SuspensionParam>(ctx.db, 'relief.flexible_pension_suspension', en.province_code, `${input.year}-01-01`).catch((err) => {
    if (err instanceof AppError && err.code === 'PARAMETER_MISSING') throw new AppError('VALIDATION_FAILED', `No suspension is allowed for ${input.year}`, [{ field: 'year', code: 'NOT_ALLOWED', message: 'no suspension in this year' }]);
    throw err;
  });
  if (rule.year !== input.year) throw new AppError('VALIDATION_FAILED', `No suspension is allowed for ${input.year}`, [{ field: 'year', code: 'NOT_ALLOWED', message: `only ${rule.year}` }]);
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('insurance_pension_suspension').selectAll().where('province_code', '=', en.province_code).where('person_id', '=', input.personId).where('year', '=', input.year).executeTakeFirst();
    if (existing) throw new AppError('CONFLICT', `Pension contributions of ${input.year} are already suspended`, [{ field: 'year', code: 'ALREADY_SUSPENDED', message: 'already suspended' }]);
    const row = await trx.insertInto('insurance_pension_suspension').values({
      province_code: en.province_code, person_province_code: en.person_province_code, person_id: en.person_id, year: input.year, pay_by: rule.payBy, requested_by: actor.name,
    }).returningAll().executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { provinceCode: en.province_code, action: 'insurance.pension_suspend', entityType: 'person', entityId: en.person_id, after: row });
    return presentSuspension(row);
  });
}
