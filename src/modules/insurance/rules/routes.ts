import { z } from 'zod';
import type { RouteRegistrar } from '../../../platform/http/server.ts';
import { actorOf, requirePrincipal } from '../../../platform/http/guard.ts';
import { AppError } from '../../../platform/errors.ts';
import { assertRegion } from '../../../platform/auth/policy.ts';
import { todayInChina } from '../../../platform/dates.ts';
import { listParameters, parameterAt, parameterHistory, setParameter } from './params.ts';
import { approveDeferral, listDeferrals, listInjuryTiers, listSuspensions, setInjuryTier, suspendPension } from './decisions.ts';
import { continueAssessment, startAssessment } from './assessment.ts';
import { listAssessments, listRuns, runDetail } from './assessment-views.ts';
import {
  AssessmentOut, AssessmentQuery, DeferralCreate, DeferralOut, ParameterAtOut, ParameterAtQuery, ParameterHistoryQuery, ParameterOut, ParameterQuery, ParameterSet,
  RunCreate, RunDetailOut, RunOut, RunParams, RunQuery, SuspensionCreate, SuspensionOut, TierOut, TierSet,
} from './schemas.ts';

const tags = ['social insurance: rules and assessment'];
const Items = (item: z.ZodType) => z.object({ items: z.array(item) });

export const registerInsuranceRulesRoutes: RouteRegistrar = (app, ctx) => {
  // ----- parameters -----
  app.get('/api/insurance/parameters', {
    config: { action: 'insurance.read' },
    schema: { tags, summary: 'Contribution parameters (rates, limits, average wages, relief windows, interest): by key prefix, province (with the national defaults) and date in force', querystring: ParameterQuery, response: { 200: Items(ParameterOut) } },
  }, async (req) => ({ items: await listParameters(ctx.db, req.query) }));

  app.get('/api/insurance/parameters/at', {
    config: { action: 'insurance.read' },
    schema: { tags, summary: 'The value of a parameter in force for a province on a date (its own value, else the national default); 422 PARAMETER_MISSING when none', querystring: ParameterAtQuery, response: { 200: ParameterAtOut } },
  }, async (req) => parameterAt(ctx.db, req.query.key, req.query.province, req.query.date));

  app.get('/api/insurance/parameters/history', {
    config: { action: 'insurance.read' },
    schema: { tags, summary: 'Every dated value of a parameter for a province and the national default', querystring: ParameterHistoryQuery, response: { 200: Items(ParameterOut) } },
  }, async (req) => ({ items: await parameterHistory(ctx.db, req.query.key, req.query.province) }));

  app.post('/api/insurance/parameters', {
    config: { action: 'insurance.params' },
    schema: { tags, summary: 'A new dated value of a parameter: the ministry for the national default (00), a province for its own override; the value in force ends on effectiveFrom', body: ParameterSet, response: { 201: ParameterOut } },
  }, async (req, reply) => reply.code(201).send(await setParameter(ctx, requirePrincipal(req), actorOf(req), req.body)));

  // ----- decisions that change what is charged or when -----
  app.get('/api/insurance/injury-tiers', {
    config: { action: 'insurance.read' },
    schema: { tags, summary: 'An employer’s work-injury floating tier decisions (no decision: the ×1.0 tier)', querystring: z.object({ employerId: z.uuid() }), response: { 200: Items(TierOut) } },
  }, async (req) => ({ items: await listInjuryTiers(ctx, requirePrincipal(req), req.query.employerId) }));

  app.post('/api/insurance/injury-tiers', {
    config: { action: 'insurance.assess' },
    schema: { tags, summary: 'Set an employer’s work-injury floating tier from a date (人社部发〔2015〕71号)', body: TierSet, response: { 201: TierOut } },
  }, async (req, reply) => reply.code(201).send(await setInjuryTier(ctx, requirePrincipal(req), actorOf(req), req.body)));

  app.get('/api/insurance/deferrals', {
    config: { action: 'insurance.read' },
    schema: { tags, summary: 'Approved deferrals of employers in difficulty', querystring: z.object({ employerId: z.uuid().optional() }), response: { 200: Items(DeferralOut) } },
  }, async (req) => ({ items: await listDeferrals(ctx, requirePrincipal(req), req.query) }));

  app.post('/api/insurance/deferrals', {
    config: { action: 'insurance.assess' },
    schema: { tags, summary: 'Approve a deferral for an employer in difficulty: its assessments of the months fall due on untilOn, no late fee before (人社部发〔2020〕11号, 49号)', body: DeferralCreate, response: { 201: DeferralOut } },
  }, async (req, reply) => reply.code(201).send(await approveDeferral(ctx, requirePrincipal(req), actorOf(req), req.body)));

  app.get('/api/insurance/pension-suspensions', {
    config: { action: 'insurance.read' },
    schema: { tags, summary: 'A flexible worker’s suspended pension years', querystring: z.object({ personId: z.uuid() }), response: { 200: Items(SuspensionOut) } },
  }, async (req) => ({ items: await listSuspensions(ctx, requirePrincipal(req), req.query.personId) }));

  app.post('/api/insurance/pension-suspensions', {
    config: { action: 'insurance.declare' },
    schema: { tags, summary: 'Suspend an individually insured flexible worker’s 2020 pension contributions: payable later, by the date the rules set (人社部发〔2020〕49号)', body: SuspensionCreate, response: { 201: SuspensionOut } },
  }, async (req, reply) => reply.code(201).send(await suspendPension(ctx, requirePrincipal(req), actorOf(req), req.body)));

  // ----- the monthly assessment job -----
  app.post('/api/insurance/assessment-runs', {
    config: { action: 'insurance.assess' },
    schema: { tags, summary: 'Start (or resume) the monthly assessment of a province; runs in the background, follow it with GET …/assessment-runs/:provinceCode/:period', body: RunCreate, response: { 202: RunOut } },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    assertRegion(p, `${req.body.provinceCode}0000`);
    if (req.body.period > todayInChina().slice(0, 7)) throw new AppError('VALIDATION_FAILED', 'The month has not begun', [{ field: 'period', code: 'FUTURE_PERIOD', message: 'must not be after this month' }]);
    const started = await startAssessment(ctx, { provinceCode: req.body.provinceCode, period: req.body.period, actor: actorOf(req) });
    continueAssessment(ctx, started).catch((err) => req.log.error({ err }, `assessment ${req.body.provinceCode} ${req.body.period} failed`));
    const [run] = await listRuns(ctx, p, req.body);
    return reply.code(202).send(run);
  });

  app.get('/api/insurance/assessment-runs', {
    config: { action: 'insurance.read' },
    schema: { tags, summary: 'Assessment runs with their progress', querystring: RunQuery, response: { 200: Items(RunOut) } },
  }, async (req) => ({ items: await listRuns(ctx, requirePrincipal(req), req.query) }));

  app.get('/api/insurance/assessment-runs/:provinceCode/:period', {
    config: { action: 'insurance.read' },
    schema: { tags, summary: 'A run with the month’s totals by scheme (due, relief, adjustments)', params: RunParams, response: { 200: RunDetailOut } },
  }, async (req) => runDetail(ctx, requirePrincipal(req), req.params.provinceCode, req.params.period));

  app.get('/api/insurance/assessments', {
    config: { action: 'insurance.read' },
    schema: { tags, summary: 'Assessments by employer, person and month: officers of their region, an employer its own, an insured person their own', querystring: AssessmentQuery,
      response: { 200: z.object({ items: z.array(AssessmentOut), total: z.number(), page: z.number(), pageSize: z.number() }) } },
  }, async (req) => listAssessments(ctx, requirePrincipal(req), req.query));
};
