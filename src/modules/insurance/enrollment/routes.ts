import { z } from 'zod';
import type { RouteRegistrar } from '../../../platform/http/server.ts';
import { actorOf, requirePrincipal } from '../../../platform/http/guard.ts';
import {
  BatchOut, CloseInput, ClosureOut, CsvResultOut, DeclarationOut, DeclarationQuery, DeclareBatchInput, DeclareInput, EmployeeSchemesInput, EnrollInput,
  EnrollmentDetailOut, EnrollmentOut, EnrollmentPage, EnrollmentQuery, ResumeInput, SheetOut, SheetQuery, SuspendInput, TerminateInput, periodSchema,
} from './enrollment.schemas.ts';
import { enroll, enrollEmployeeSchemes, enrollmentDetail, listEnrollments, personEnrollments, presentEnrollment, resume, suspend, terminate } from './enrollment.service.ts';
import {
  closePeriods, declarationSheet, employerForDeclaration, declareChosenBase, declareForEmployer, listClosures, listDeclarations, parseDeclarationCsv, presentDeclaration,
} from './declarations.service.ts';
import { readCsvRows, uploadedFile } from '../../../platform/http/uploads.ts';

const tags = ['insurance enrollment'];
const IdParam = z.object({ id: z.uuid() });
const MAX_CSV_ROWS = 20_000;

export const registerEnrollmentRoutes: RouteRegistrar = (app, ctx) => {
  // ----- enrollments -----
  app.get('/api/insurance/enrollments', {
    config: { action: 'insurance.read' },
    schema: { tags, summary: 'Enrollments in the caller’s region (an employer: its employees’; an insured person: their own), filtered, paginated', querystring: EnrollmentQuery, response: { 200: EnrollmentPage } },
  }, async (req) => {
    const p = requirePrincipal(req);
    const { rows, total } = await listEnrollments(ctx, p, req.query);
    return { items: rows.map((r) => presentEnrollment(r, p)), total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.post('/api/insurance/enrollments', {
    config: { action: 'insurance.enroll' },
    schema: { tags, summary: 'Enroll a person: an employee through the employer (needs a current employment), a flexible worker or resident individually', body: EnrollInput, response: { 201: EnrollmentOut } },
  }, async (req, reply) => reply.code(201).send(await enroll(ctx, requirePrincipal(req), actorOf(req), req.body)));

  app.post('/api/insurance/enrollments/employee-schemes', {
    config: { action: 'insurance.enroll' },
    schema: { tags, summary: 'Enroll an employee in pension, unemployment and work injury at once from the employment record', body: EmployeeSchemesInput,
      response: { 201: z.object({ items: z.array(EnrollmentOut), skipped: z.array(z.object({ scheme: z.string(), existingId: z.string() })) }) } },
  }, async (req, reply) => reply.code(201).send(await enrollEmployeeSchemes(ctx, requirePrincipal(req), actorOf(req), req.body)));

  app.get('/api/insurance/enrollments/:id', {
    config: { action: 'insurance.read' },
    schema: { tags, summary: 'An enrollment with its dated history and suspensions', params: IdParam, response: { 200: EnrollmentDetailOut } },
  }, async (req) => enrollmentDetail(ctx, requirePrincipal(req), req.params.id));

  app.post('/api/insurance/enrollments/:id/suspend', {
    config: { action: 'insurance.enroll' },
    schema: { tags, summary: 'Suspend an active enrollment from a date (a gap in coverage)', params: IdParam, body: SuspendInput, response: { 200: EnrollmentDetailOut } },
  }, async (req) => suspend(ctx, requirePrincipal(req), actorOf(req), req.params.id, req.body));

  app.post('/api/insurance/enrollments/:id/resume', {
    config: { action: 'insurance.enroll' },
    schema: { tags, summary: 'Resume a suspended enrollment from a date', params: IdParam, body: ResumeInput, response: { 200: EnrollmentDetailOut } },
  }, async (req) => resume(ctx, requirePrincipal(req), actorOf(req), req.params.id, req.body));

  app.post('/api/insurance/enrollments/:id/terminate', {
    config: { action: 'insurance.enroll' },
    schema: { tags, summary: 'End an enrollment with a reason; endedOn is the first day no longer insured', params: IdParam, body: TerminateInput, response: { 200: EnrollmentDetailOut } },
  }, async (req) => terminate(ctx, requirePrincipal(req), actorOf(req), req.params.id, req.body));

  app.get('/api/insurance/persons/:id/enrollments', {
    config: { action: 'insurance.read' },
    schema: { tags, summary: 'A person’s enrollments in every scheme with their histories (the timeline)', params: IdParam,
      response: { 200: z.object({ items: z.array(EnrollmentDetailOut) }) } },
  }, async (req) => personEnrollments(ctx, requirePrincipal(req), req.params.id));

  // ----- declarations -----
  app.get('/api/insurance/declarations', {
    config: { action: 'insurance.read' },
    schema: { tags, summary: 'Declared wages and chosen bases (current revisions, or the history)', querystring: DeclarationQuery,
      response: { 200: z.object({ items: z.array(DeclarationOut), total: z.number(), page: z.number(), pageSize: z.number() }) } },
  }, async (req) => listDeclarations(ctx, requirePrincipal(req), req.query));

  app.get('/api/insurance/declarations/sheet', {
    config: { action: 'insurance.read' },
    schema: { tags, summary: 'An employer’s insured employees in a month with their current declared wage', querystring: SheetQuery, response: { 200: SheetOut } },
  }, async (req) => declarationSheet(ctx, requirePrincipal(req), req.query.employerId, req.query.period));

  app.post('/api/insurance/declarations', {
    config: { action: 'insurance.declare' },
    schema: { tags, summary: 'Declare one monthly wage (employerId given) or an individually insured person’s chosen base (no employerId); a correction is a new revision',
      body: DeclareInput, response: { 201: DeclarationOut, 200: DeclarationOut } },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const b = req.body;
    const r = b.employerId
      ? (await declareForEmployer(ctx, p, actorOf(req), b.employerId, b.period, [{ personId: b.personId, idNumber: b.idNumber, wageFen: b.wageFen }], req.headers['x-hrss-source'] === 'console' ? 'console' : 'api', 'all')).results[0]
      : await declareChosenBase(ctx, p, actorOf(req), b);
    return reply.code(r.changed ? 201 : 200).send(presentDeclaration(r.row));
  });

  app.post('/api/insurance/declarations/batch', {
    config: { action: 'insurance.declare' },
    schema: { tags, summary: 'Declare an employer’s wages for a month in one request: all lines or none (a 4xx lists every bad line)', body: DeclareBatchInput, response: { 201: BatchOut } },
  }, async (req, reply) => {
    const r = await declareForEmployer(ctx, requirePrincipal(req), actorOf(req), req.body.employerId, req.body.period, req.body.lines, 'api', 'all');
    return reply.code(201).send({ items: r.written.map(presentDeclaration), unchanged: r.unchanged });
  });

  app.post('/api/insurance/declarations/csv', {
    config: { action: 'insurance.declare' },
    schema: { tags, summary: 'Upload an employer’s wages for a month as CSV (multipart field "file": id_number,wage_fen); bad rows are reported, good rows kept',
      querystring: z.object({ employerId: z.uuid(), period: periodSchema }), consumes: ['multipart/form-data'], response: { 201: CsvResultOut } },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const file = await uploadedFile(req);
    try {
      await employerForDeclaration(ctx, p, req.query.employerId); // before reading: a caller who may not declare learns nothing
    } catch (err) {
      file.file.resume();
      throw err;
    }
    const records = await readCsvRows(file, MAX_CSV_ROWS, `A declaration file has at most ${MAX_CSV_ROWS} rows`);
    const parsed = parseDeclarationCsv(records);
    const r = await declareForEmployer(ctx, p, actorOf(req), req.query.employerId, req.query.period, parsed.lines, 'csv', 'partial');
    const errors = [...parsed.errors, ...r.errors].sort((a, b) => a.row - b.row);
    return reply.code(201).send({ totalRows: parsed.total, okRows: r.written.length + r.unchanged, errorRows: new Set(errors.map((e) => e.row)).size, unchangedRows: r.unchanged, errors });
  });

  // ----- closed periods -----
  app.get('/api/insurance/declaration-periods', {
    config: { action: 'insurance.read' },
    schema: { tags, summary: 'Months closed for declarations, per province', response: { 200: z.object({ items: z.array(ClosureOut) }) } },
  }, async (req) => ({ items: await listClosures(ctx, requirePrincipal(req)) }));

  app.post('/api/insurance/declaration-periods/close', {
    config: { action: 'insurance.assess' },
    schema: { tags, summary: 'Close a province’s declaration months through a month (forward only); later corrections go through the agency', body: CloseInput, response: { 200: ClosureOut } },
  }, async (req) => closePeriods(ctx, requirePrincipal(req), actorOf(req), req.body));
};
