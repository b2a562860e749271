import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { actorOf, requirePrincipal } from '../../platform/http/guard.ts';
import { AppError } from '../../platform/errors.ts';
import { assertRegion, seesFullIdNumber, type Principal } from '../../platform/auth/policy.ts';
import { todayInChina } from '../../platform/dates.ts';
import { maskIdNumber } from '../persons/id-number.ts';
import {
  BatchIn, BatchItemsIn, BatchOut, CorrectionIn, DecisionIn, DisclosureIn, DisclosureOut, EntryOut, EntryQuery, IdParam, NoticeIn, ObjectionIn, PersonsIn,
  ProposalIn, PublicDisclosureOut, PublicEntryOut, PublicListQuery, PublicationIn, RemovalIn, RulesOut, StatsOut, StatsQuery, pastDate,
} from './schemas.ts';
import { act, advanceBlacklist, entryFor, listEntries, personsOf, proposeByHand, replacePersons, type LifecycleAction } from './service.ts';
import { loadRules } from './rules-repo.ts';
import { publicBlacklist, blacklistStats } from './public-list.ts';
import { addToBatch, createBatch, listBatches, listDisclosures, markForDisclosure, publicDisclosures, publishBatch } from './disclosure.ts';
import type { AppContext } from '../../platform/context.ts';

const tags = ['blacklist'];
const dtags = ['disclosure'];
const Page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

type EntryRow = Awaited<ReturnType<typeof listEntries>>['rows'][number];

async function present(ctx: AppContext, p: Principal, rows: EntryRow[]) {
  const persons = await personsOf(ctx.db, rows);
  return rows.map((e) => ({
    id: e.id, provinceCode: e.province_code, caseId: e.case_id, regionCode: e.region_code, regime: e.regime, origin: e.origin, status: e.status, grounds: e.grounds,
    employerName: e.employer_name, creditCode: e.credit_code, address: e.address, facts: e.facts, amountOwedFen: Number(e.amount_owed_fen), workers: e.workers,
    monthsUnpaid: e.months_unpaid, caseDecidedOn: e.case_decided_on, proposedOn: e.proposed_on, noticedOn: e.noticed_on, objectionDue: e.objection_due,
    objectionReceivedOn: e.objection_received_on, objectionStatement: e.objection_statement, objectionOutcome: e.objection_outcome, objectionReviewedOn: e.objection_reviewed_on,
    decidedOn: e.decided_on, publishedOn: e.published_on, expiresOn: e.expires_on, extendedOn: e.extended_on, correctedOn: e.corrected_on,
    commitmentSignedOn: e.commitment_signed_on, removalAppliedOn: e.removal_applied_on, expiredOn: e.expired_on, removedOn: e.removed_on, removalReason: e.removal_reason,
    persons: (persons.get(e.id) ?? []).map((x) => ({ role: x.role, name: x.name, idNumber: x.id_number && !seesFullIdNumber(p, e.region_code) ? maskIdNumber(x.id_number) : x.id_number })),
  }));
}

export const registerBlacklistRoutes: RouteRegistrar = (app, ctx) => {
  const one = async (p: Principal, id: string) => (await present(ctx, p, [await entryFor(ctx.db, p, id)]))[0];

  // ----- blacklist management -----
  app.get('/api/blacklist/rules', {
    config: { action: 'blacklist.manage' },
    schema: { tags, summary: 'The two regimes’ terms and the provincial 数额较大 thresholds in force, with their sources', response: { 200: RulesOut } },
  }, async () => loadRules(ctx.db));

  app.get('/api/blacklist/entries', {
    config: { action: 'blacklist.manage' },
    schema: { tags, summary: 'Listing proposals and entries of the caller’s region, every state', querystring: EntryQuery, response: { 200: Page(EntryOut) } },
  }, async (req) => {
    const p = requirePrincipal(req);
    const { rows, total } = await listEntries(ctx, p, req.query);
    return { items: await present(ctx, p, rows), total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.get('/api/blacklist/entries/:id', {
    config: { action: 'blacklist.manage' },
    schema: { tags, summary: 'One entry with its dates, regime and listed persons', params: IdParam, response: { 200: EntryOut } },
  }, async (req) => one(requirePrincipal(req), req.params.id));

  app.post('/api/blacklist/proposals', {
    config: { action: 'blacklist.manage' },
    schema: { tags, summary: 'Propose listing a decided case by hand; 409 NOT_LISTABLE (with the shortfalls) when the criteria in force on its decision date do not hold',
      body: ProposalIn, response: { 201: EntryOut } },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const id = await proposeByHand(ctx, p, actorOf(req), req.body);
    return reply.code(201).send(await one(p, id));
  });

  const step = <S extends z.ZodType>(path: string, body: S, summary: string, toAction: (b: z.infer<S>) => LifecycleAction) => {
    app.post(`/api/blacklist/entries/:id/${path}`, {
      config: { action: 'blacklist.manage' },
      schema: { tags, summary, params: IdParam, body, response: { 200: EntryOut } },
    }, async (req) => {
      const p = requirePrincipal(req);
      await act(ctx, p, actorOf(req), (req.params as { id: string }).id, toAction(req.body as z.infer<S>));
      return one(p, (req.params as { id: string }).id);
    });
  };
  step('notice', NoticeIn, 'Advance written notice to the employer; opens the objection (statement) window of the regime, in working days', (b) => ({ kind: 'notice', ...b }));
  step('objection', ObjectionIn, 'Record the employer’s objection or statement and its review: upheld → not listed; rejected → the decision may follow', (b) => ({ kind: 'objection', ...b }));
  step('decision', DecisionIn, 'The listing decision (after the objection window); the term runs from it', (b) => ({ kind: 'decision', ...b }));
  step('publication', PublicationIn, 'Publish the decided entry: it appears on the public list', (b) => ({ kind: 'publication', ...b }));
  step('correction', CorrectionIn, 'Record that the arrears were paid (corrected) and, if given, the signed credit commitment', (b) => ({ kind: 'correction', ...b }));
  step('removal', RemovalIn, 'Remove early: credit repair (Order 45 only: paid, ≥6 months since correction, commitment) or revocation of the decision', (b) => ({ kind: 'removal', ...b }));

  app.post('/api/blacklist/entries/:id/persons', {
    config: { action: 'blacklist.manage' },
    schema: { tags, summary: 'Replace the listed persons (legal representative or principal, responsible managers and persons) before the decision', params: IdParam, body: PersonsIn, response: { 200: EntryOut } },
  }, async (req) => {
    const p = requirePrincipal(req);
    await replacePersons(ctx, p, actorOf(req), req.params.id, req.body.persons);
    return one(p, req.params.id);
  });

  app.post('/api/blacklist/advance', {
    config: { action: 'blacklist.manage' },
    schema: { tags, summary: 'Run the periodic sweep now (idempotent): entries past their term are extended (2017, not corrected) or leave the list; limited to the caller’s province',
      body: z.object({ today: pastDate.optional() }), response: { 200: z.object({ today: z.string(), extended: z.number(), expired: z.number() }) } },
  }, async (req) => {
    const p = requirePrincipal(req);
    const today = req.body.today ?? todayInChina();
    const provinceCode = p.regionCode === '000000' ? null : p.regionCode.slice(0, 2);
    return { today, ...(await advanceBlacklist(ctx, today, actorOf(req), provinceCode)) };
  });

  // ----- disclosure of major violations (Order 29) -----
  app.get('/api/disclosures', {
    config: { action: 'disclosure.manage' },
    schema: { tags: dtags, summary: 'Cases marked for disclosure in the caller’s region, with the batches that hold them', response: { 200: z.object({ items: z.array(DisclosureOut) }) } },
  }, async (req) => ({
    items: (await listDisclosures(ctx, requirePrincipal(req))).map((d) => ({
      id: d.id, provinceCode: d.province_code, caseNo: d.case_no, regionCode: d.region_code, category: d.category, employerName: d.employer_name, creditCode: d.credit_code,
      address: d.address, legalRepresentative: d.legal_rep, facts: d.facts, handling: d.handling, markedOn: d.marked_on, decidedOn: d.decided_on, batches: d.batches ?? [],
    })),
  }));

  app.post('/api/disclosures', {
    config: { action: 'disclosure.manage' },
    schema: { tags: dtags, summary: 'Mark a decided case for disclosure with its category (1–7), facts and handling', body: DisclosureIn, response: { 201: z.object({ id: z.string() }) } },
  }, async (req, reply) => reply.code(201).send({ id: (await markForDisclosure(ctx, requirePrincipal(req), actorOf(req), req.body)).id }));

  app.get('/api/disclosure-batches', {
    config: { action: 'disclosure.manage' },
    schema: { tags: dtags, summary: 'Publication batches of the caller’s department and those below it', response: { 200: z.object({ items: z.array(BatchOut) }) } },
  }, async (req) => ({
    items: (await listBatches(ctx, requirePrincipal(req))).map((b) => ({
      id: b.id, provinceCode: b.province_code, regionCode: b.region_code, level: b.level, kind: b.kind, period: b.period, title: b.title, status: b.status,
      publishedOn: b.published_on, items: Number(b.items ?? 0),
    })),
  }));

  app.post('/api/disclosure-batches', {
    config: { action: 'disclosure.manage' },
    schema: { tags: dtags, summary: 'Open a batch of the caller’s department: periodic (city/county a quarter like 2020Q3, province/ministry a half-year like 2020H2) or ad hoc (a date)',
      body: BatchIn, response: { 201: BatchOut } },
  }, async (req, reply) => {
    const b = await createBatch(ctx, requirePrincipal(req), actorOf(req), req.body);
    return reply.code(201).send({ id: b.id, provinceCode: b.province_code, regionCode: b.region_code, level: b.level, kind: b.kind, period: b.period, title: b.title, status: b.status, publishedOn: null, items: 0 });
  });

  app.post('/api/disclosure-batches/:id/items', {
    config: { action: 'disclosure.manage' },
    schema: { tags: dtags, summary: 'Add marked cases to a draft batch: the department’s own or (republication) those of lower levels in its region', params: IdParam, body: BatchItemsIn,
      response: { 200: z.object({ added: z.number() }) } },
  }, async (req) => addToBatch(ctx, requirePrincipal(req), actorOf(req), req.params.id, req.body.disclosureIds));

  app.post('/api/disclosure-batches/:id/publication', {
    config: { action: 'disclosure.manage' },
    schema: { tags: dtags, summary: 'Publish a batch (not before its period begins; not empty)', params: IdParam, body: PublicationIn, response: { 200: BatchOut } },
  }, async (req) => {
    const b = await publishBatch(ctx, requirePrincipal(req), actorOf(req), req.params.id, req.body.publishedOn);
    return { id: b.id, provinceCode: b.province_code, regionCode: b.region_code, level: b.level, kind: b.kind, period: b.period, title: b.title, status: b.status, publishedOn: b.published_on, items: b.items };
  });

  // ----- statistics -----
  app.get('/api/stats/blacklist', {
    config: { action: 'stats.read' },
    schema: { tags: ['statistics'], summary: 'Blacklist entries (new in the period, current at its end) and disclosures, by region and quarter', querystring: StatsQuery, response: { 200: StatsOut } },
  }, async (req) => {
    const p = requirePrincipal(req);
    const scope = req.query.regionCode ?? p.regionCode;
    assertRegion(p, scope);
    if (req.query.from > req.query.to) throw new AppError('VALIDATION_FAILED', 'from must not be after to', [{ field: 'from', code: 'AFTER_TO', message: 'must not be after to' }]);
    return blacklistStats(ctx, scope, req.query.from, req.query.to);
  });

  // ----- public -----
  app.get('/api/public/blacklist', {
    config: { public: true },
    schema: { tags, summary: 'The public list: units (and their legal representatives and responsible persons, ID numbers masked) listed on the date; removed and expired entries are not shown',
      querystring: PublicListQuery, response: { 200: Page(PublicEntryOut).extend({ asOf: z.string() }) } },
  }, async (req) => publicBlacklist(ctx, { ...req.query, asOf: req.query.asOf ?? todayInChina() }));

  app.get('/api/public/disclosures', {
    config: { public: true },
    schema: { tags: dtags, summary: 'Published batches of major labour-security violations (人社部令第29号): name, credit code, address, legal representative, facts, handling — nothing private',
      querystring: z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(50).default(10) }),
      response: { 200: z.object({ items: z.array(PublicDisclosureOut), total: z.number() }) } },
  }, async (req) => publicDisclosures(ctx, req.query));
};
