import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { actorOf, requirePrincipal } from '../../platform/http/guard.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { todayInChina } from '../../platform/dates.ts';
import {
  AcceptIn, CaseDetailOut, CaseOut, CaseQuery, ClosureOut, ClueIn, ClueProgress, ClueReceipt, CloseIn, ExtendIn, IdParam, OfficerClueIn, OrderIn, PaymentIn,
  RejectIn, StatsOut, StatsQuery, StepIn, SuperviseIn, TransferIn, type ClueInput,
} from './schemas.ts';
import { clueProgress, submitClue } from './clues.ts';
import { acceptCase, closeCase, extendInvestigation, orderPayment, recordPayment, rejectCase, startInvestigation, superviseCase, transferCase } from './cases.ts';
import { arrearsStats, attachmentFor, caseDetail, closureConclusions, listCases, presentCase, supervisionBoard } from './queries.ts';
import { checkDeadlines } from './deadlines.ts';
import { attachmentDisposition, checkEvidence, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, sniff, type Evidence } from './attachments.ts';

const tags = ['wage arrears'];


/** A complaint as JSON, or as multipart: a field "clue" holding the JSON and up to 5 files "evidence". */
async function readClue(req: FastifyRequest): Promise<{ input: ClueInput; evidence: Evidence[] }> {
  if (!req.isMultipart()) return { input: parseClue(req.body), evidence: [] };
  let raw: unknown;
  const evidence: Evidence[] = [];
  for await (const part of req.parts({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: MAX_ATTACHMENTS, fields: 5, fieldSize: 64 * 1024 } })) {
    if (part.type === 'file') {
      const content = await part.toBuffer(); // throws 413 past the size limit
      if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', `An attachment may be at most ${MAX_ATTACHMENT_BYTES} bytes`);
      evidence.push(checkEvidence(part.filename ?? 'evidence', content));
    } else if (part.fieldname === 'clue') {
      try {
        raw = JSON.parse(String(part.value));
      } catch {
        throw new AppError('VALIDATION_FAILED', 'The field "clue" must hold JSON', [{ field: 'clue', code: 'INVALID_JSON', message: 'must be JSON' }]);
      }
    }
  }
  return { input: parseClue(raw), evidence };
}

function parseClue(raw: unknown): ClueInput {
  const parsed = ClueIn.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const fields: FieldError[] = parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'clue', code: i.code.toUpperCase(), message: i.message }));
  throw new AppError('VALIDATION_FAILED', 'The complaint has errors; nothing was stored', fields);
}

export const registerArrearsRoutes: RouteRegistrar = (app, ctx) => {
  // ----- public intake and tracking -----
  app.post('/api/public/arrears/clues', {
    config: { public: true, rateLimit: { max: ctx.config.HRSS_COMPLAINT_RATE_PER_MINUTE, timeWindow: '1 minute' } },
    schema: {
      tags, summary: 'File a wage-arrears complaint (public; an insured person’s login fills the complainant). JSON, or multipart with a field "clue" (the JSON) and up to 5 PDF/PNG/JPEG files "evidence" of at most 5 MB',
      consumes: ['application/json', 'multipart/form-data'], response: { 201: ClueReceipt },
    },
  }, async (req, reply) => {
    const { input, evidence } = await readClue(req);
    return reply.code(201).send(await submitClue(ctx, req.principal, actorOf(req), input, evidence, 'online'));
  });

  app.get('/api/public/arrears/clues/:trackingNo', {
    config: { public: true, rateLimit: { max: Math.max(ctx.config.HRSS_COMPLAINT_RATE_PER_MINUTE, 30), timeWindow: '1 minute' } },
    schema: { tags, summary: 'Progress of a complaint: status and dates only, with the secret query code given at filing',
      params: z.object({ trackingNo: z.string().regex(/^XS\d{8}[0-9A-Z]{8}$/) }), querystring: z.object({ code: z.string().min(4).max(20) }), response: { 200: ClueProgress } },
  }, async (req) => clueProgress(ctx, req.params.trackingNo, req.query.code));

  // ----- officers -----
  app.post('/api/arrears/clues', {
    config: { action: 'arrears.handle' },
    schema: { tags, summary: 'Record a clue received by phone, in person or by letter; routed like a public complaint', body: OfficerClueIn, response: { 201: ClueReceipt } },
  }, async (req, reply) => {
    const { channel, ...input } = req.body;
    return reply.code(201).send(await submitClue(ctx, requirePrincipal(req), actorOf(req), input, [], channel));
  });

  app.get('/api/arrears/closure-conclusions', {
    config: { action: 'arrears.read' },
    schema: { tags, summary: 'The standard closure conclusions (a configurable list)', response: { 200: z.object({ items: z.array(ClosureOut) }) } },
  }, async () => ({ items: await closureConclusions(ctx) }));

  app.get('/api/arrears/cases', {
    config: { action: 'arrears.read' },
    schema: { tags, summary: 'The case inbox of the caller’s region (deadlines are checked first)', querystring: CaseQuery,
      response: { 200: z.object({ items: z.array(CaseOut), total: z.number(), page: z.number(), pageSize: z.number() }) } },
  }, async (req) => {
    await checkDeadlines(ctx, todayInChina());
    return listCases(ctx, requirePrincipal(req), req.query);
  });

  app.get('/api/arrears/cases/:id', {
    config: { action: 'arrears.read' },
    schema: { tags, summary: 'A case with its clues, attachments, timeline, transfers, supervision and deadlines', params: IdParam, response: { 200: CaseDetailOut } },
  }, async (req) => caseDetail(ctx, requirePrincipal(req), req.params.id));

  const action = <B>(path: string, summary: string, body: z.ZodType<B>, run: (req: FastifyRequest, id: string, b: B) => Promise<Parameters<typeof presentCase>[1]>, act: 'arrears.handle' | 'arrears.supervise' = 'arrears.handle') =>
    app.post(`/api/arrears/cases/:id/${path}`, {
      config: { action: act }, schema: { tags, summary, params: IdParam, body, response: { 200: CaseOut } },
    }, async (req) => presentCase(ctx, await run(req, (req.params as { id: string }).id, req.body as B)));

  action('accept', 'Accept the case (立案): the investigation deadline is 60 working days', AcceptIn, (req, id, b) => acceptCase(ctx, requirePrincipal(req), actorOf(req), id, b));
  action('reject', 'Do not accept the case, with the reason', RejectIn, (req, id, b) => rejectCase(ctx, requirePrincipal(req), actorOf(req), id, b));
  action('investigate', 'Start the investigation', StepIn, (req, id, b) => startInvestigation(ctx, requirePrincipal(req), actorOf(req), id, b));
  action('extend', 'Extend the investigation deadline once by 30 working days', ExtendIn, (req, id, b) => extendInvestigation(ctx, requirePrincipal(req), actorOf(req), id, b));
  action('order', 'Issue a rectification order with a payment deadline (the handling decision)', OrderIn, (req, id, b) => orderPayment(ctx, requirePrincipal(req), actorOf(req), id, b));
  action('payment', 'Record whether the employer paid by the deadline', PaymentIn, (req, id, b) => recordPayment(ctx, requirePrincipal(req), actorOf(req), id, b));
  action('close', 'Close the case with a standard closure conclusion, amounts recovered and workers paid', CloseIn, (req, id, b) => closeCase(ctx, requirePrincipal(req), actorOf(req), id, b));
  action('transfer', 'Transfer the case to another office with a reason (the history goes with it)', TransferIn, (req, id, b) => transferCase(ctx, requirePrincipal(req), actorOf(req), id, b));
  action('supervise', 'Put the case under supervision (督办) of the caller’s level with a deadline', SuperviseIn, (req, id, b) => superviseCase(ctx, requirePrincipal(req), actorOf(req), id, b), 'arrears.supervise');

  app.get('/api/arrears/supervision', {
    config: { action: 'arrears.supervise' },
    schema: { tags, summary: 'The supervision board: supervised cases in the caller’s region with deadlines', querystring: z.object({ open: z.enum(['true', 'false']).default('true') }),
      response: { 200: z.object({ items: z.array(z.object({
        caseId: z.string(), caseNo: z.string(), regionCode: z.string(), officeName: z.string(), status: z.string(), employerName: z.string(), amountOwedFen: z.number(), workers: z.number(),
        supervisorRegion: z.string(), deadline: z.string(), openedOn: z.string(), closedOn: z.string().nullable(), note: z.string(), deadlineState: z.string(), workingDaysLeft: z.number().nullable(),
      })) }) } },
  }, async (req) => {
    await checkDeadlines(ctx, todayInChina());
    return supervisionBoard(ctx, requirePrincipal(req), req.query.open === 'true');
  });

  app.post('/api/arrears/deadlines/check', {
    config: { action: 'arrears.read' },
    schema: { tags, summary: 'Record deadline warnings and escalations due today (idempotent; also run by the inbox and the supervision board)',
      response: { 200: z.object({ on: z.string(), warnings: z.number(), escalations: z.number() }) } },
  }, async (req) => {
    const on = todayInChina();
    const r = await checkDeadlines(ctx, on);
    await writeAudit(ctx.db, actorOf(req), { provinceCode: null, action: 'arrears.deadlines.check', entityType: 'arrears_deadline', entityId: on, after: r });
    return { on, ...r };
  });

  app.get('/api/arrears/attachments/:id', {
    config: { action: 'arrears.read' },
    schema: { tags, summary: 'Download an evidence file (always as an attachment, never shown inline)', params: IdParam },
  }, async (req, reply) => {
    const a = await attachmentFor(ctx, requirePrincipal(req), req.params.id);
    const content = Buffer.from(a.content);
    const ext = sniff(content)?.ext ?? 'bin';
    return reply.header('content-disposition', attachmentDisposition(a.id, a.file_name, ext)).header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox").header('cache-control', 'private, no-store')
      .type(a.media_type).send(content);
  });

  app.get('/api/stats/arrears', {
    config: { action: 'arrears.read' },
    schema: { tags: [...tags, 'statistics'], summary: 'Cases received and handled, amounts recovered, workers paid, clues by channel and status, share closed within the deadline — by region and period',
      querystring: StatsQuery, response: { 200: StatsOut } },
  }, async (req) => arrearsStats(ctx, requirePrincipal(req), req.query));
};
