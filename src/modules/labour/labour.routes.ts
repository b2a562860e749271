import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { actorOf, requirePrincipal } from '../../platform/http/guard.ts';
import { notFound } from '../../platform/errors.ts';
import { assertRegion, provinceFilter } from '../../platform/auth/policy.ts';
import {
  AgencyCreate, AgencyDetailOut, AgencyOut, CityTopOut, Comment, CompletenessOut, IdParam, OptionalComment, QuarterCreate, QuarterOut, QuarterParam,
  RankingOut, RatioOut, RatioQuery, ReportDetailOut, ReportOut, ReportQuery, ReportSave, RuleOut, quarterSchema,
} from './labour.schemas.ts';
import { createAgency, getAgency, listAgenciesFor, listReports, moveReport, presentReport, reportDetail, saveReport } from './labour.service.ts';
import { closeQuarter, completeness, demandSeekerRatio, openQuarterForReporting, presentQuarters, sendReminders } from './labour.quarters.ts';
import { computeRanking, publishQuarter, publishedQuarters, publishedRanking, rankingCsv, rankingXlsx } from './labour.ranking.ts';
import { findAgency, findReportFor, rankParams, reportLines } from './labour.repository.ts';
import { cityTop } from './labour.rules.ts';
import { parseReportCsv } from './labour.csv.ts';
import { readCsvRows, uploadedFile } from '../../platform/http/uploads.ts';

const tags = ['labour market'];
const Page = (item: z.ZodType) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

export const registerLabourRoutes: RouteRegistrar = (app, ctx) => {
  // ----- agencies -----
  app.get('/api/labour/agencies', {
    config: { action: 'labour.read' },
    schema: { tags, summary: 'Monitoring agencies (public employment services of monitored cities) in the caller’s region', response: { 200: z.object({ items: z.array(AgencyOut) }) } },
  }, async (req) => ({ items: await listAgenciesFor(ctx, requirePrincipal(req)) }));

  app.post('/api/labour/agencies', {
    config: { action: 'labour.manage' },
    schema: { tags, summary: 'Register a monitored city’s agency; its reporters are monitoring_reporter users of the city', body: AgencyCreate, response: { 201: AgencyOut } },
  }, async (req, reply) => reply.code(201).send(await createAgency(ctx, requirePrincipal(req), actorOf(req), req.body)));

  app.get('/api/labour/agencies/:id', {
    config: { action: 'labour.read' },
    schema: { tags, summary: 'An agency with its reporter accounts and reminders', params: IdParam, response: { 200: AgencyDetailOut } },
  }, async (req) => getAgency(ctx, requirePrincipal(req), req.params.id));

  app.get('/api/labour/agencies/:id/top', {
    config: { action: 'labour.read' },
    schema: { tags, summary: 'A city’s occupations by gap (demand − seekers) in a quarter: its top N (20 by default)', params: IdParam,
      querystring: z.object({ quarter: quarterSchema }), response: { 200: CityTopOut } },
  }, async (req) => {
    const p = requirePrincipal(req);
    const agency = await findAgency(ctx.db, req.params.id, provinceFilter(p));
    if (!agency) throw notFound('Monitoring agency');
    assertRegion(p, agency.city_code);
    const report = await findReportFor(ctx.db, agency, req.query.quarter);
    const lines = report ? await reportLines(ctx.db, report) : [];
    const names = new Map(lines.map((l) => [l.occupation_code, l.name_zh]));
    const top = cityTop(lines.map((l) => ({ occupationCode: l.occupation_code, demand: l.demand, seekers: l.seekers })), (await rankParams(ctx.db, req.query.quarter)).cityTopN);
    return {
      agencyId: agency.id, cityCode: agency.city_code, quarter: req.query.quarter, reportStatus: report?.status ?? null,
      items: top.map((t, i) => ({ rank: i + 1, occupationCode: t.occupationCode, nameZh: names.get(t.occupationCode) ?? '', demand: t.demand, seekers: t.seekers, gap: t.gap })),
    };
  });

  // ----- quarters -----
  app.get('/api/labour/quarters', {
    config: { action: 'labour.read' },
    schema: { tags, summary: 'Reporting quarters with their deadlines', response: { 200: z.object({ items: z.array(QuarterOut) }) } },
  }, async () => ({ items: await presentQuarters(ctx) }));

  app.post('/api/labour/quarters', {
    config: { action: 'labour.publish' },
    schema: { tags, summary: 'Open a quarter for reporting, with its deadline', body: QuarterCreate, response: { 201: QuarterOut } },
  }, async (req, reply) => {
    const q = await openQuarterForReporting(ctx, actorOf(req), req.body);
    return reply.code(201).send({ quarter: q.quarter, startsOn: q.starts_on, endsOn: q.ends_on, dueOn: q.due_on, classificationAsOf: q.classification_as_of, closed: false, published: false });
  });

  app.post('/api/labour/quarters/:quarter/close', {
    config: { action: 'labour.publish' },
    schema: { tags, summary: 'Close a quarter: its accepted reports are locked', params: QuarterParam, response: { 200: z.object({ quarter: z.string(), lockedReports: z.number() }) } },
  }, async (req) => closeQuarter(ctx, actorOf(req), req.params.quarter));

  app.get('/api/labour/quarters/:quarter/completeness', {
    config: { action: 'labour.read' },
    schema: { tags, summary: 'Which agencies have reported, which are late; completeness rate by province', params: QuarterParam,
      querystring: z.object({ asOf: z.iso.date().optional() }), response: { 200: CompletenessOut } },
  }, async (req) => completeness(ctx, requirePrincipal(req), req.params.quarter, req.query.asOf));

  app.post('/api/labour/quarters/:quarter/reminders', {
    config: { action: 'labour.review' },
    schema: { tags, summary: 'Remind every agency of the caller’s region that has not reported', params: QuarterParam,
      response: { 200: z.object({ quarter: z.string(), sent: z.number(), cities: z.array(z.string()) }) } },
  }, async (req) => sendReminders(ctx, requirePrincipal(req), actorOf(req), req.params.quarter));

  app.get('/api/labour/quarters/:quarter/ranking', {
    config: { action: 'labour.review' },
    schema: { tags, summary: 'The ranking computed now from the accepted reports (a preview; or a recomputation of a published quarter)', params: QuarterParam, response: { 200: RankingOut } },
  }, async (req) => computeRanking(ctx.db, req.params.quarter));

  app.post('/api/labour/quarters/:quarter/publish', {
    config: { action: 'labour.publish' },
    schema: { tags, summary: 'Close the quarter and publish its ranking as a snapshot that never changes', params: QuarterParam, response: { 201: RankingOut } },
  }, async (req, reply) => reply.code(201).send(await publishQuarter(ctx, actorOf(req), req.params.quarter)));

  // ----- reports -----
  app.get('/api/labour/reports', {
    config: { action: 'labour.read' },
    schema: { tags, summary: 'Quarterly reports in the caller’s region', querystring: ReportQuery, response: { 200: Page(ReportOut) } },
  }, async (req) => {
    const { rows, total } = await listReports(ctx, requirePrincipal(req), req.query);
    return { items: rows.map(presentReport), total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.post('/api/labour/reports', {
    config: { action: 'labour.report' },
    schema: { tags, summary: 'Save (and optionally submit) the caller’s agency report for a quarter; a 400 lists every violation and stores nothing',
      body: ReportSave, response: { 201: ReportOut } },
  }, async (req, reply) => reply.code(201).send(presentReport(await saveReport(ctx, requirePrincipal(req), actorOf(req), req.body))));

  app.post('/api/labour/reports/csv', {
    config: { action: 'labour.report' },
    schema: { tags, summary: 'Upload a report as CSV (multipart field "file"): occupation_code,demand,seekers[,comment]; a row TOTAL,demand,seekers holds the totals',
      querystring: z.object({ quarter: quarterSchema, submit: z.enum(['true', 'false']).default('false') }), consumes: ['multipart/form-data'], response: { 201: ReportOut } },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const records = await readCsvRows(await uploadedFile(req), 2001, 'A report has at most 2,000 lines');
    const parsed = parseReportCsv(records);
    const row = await saveReport(ctx, p, actorOf(req), { ...parsed.input, quarter: req.query.quarter, submit: req.query.submit === 'true' }, parsed.fieldName);
    return reply.code(201).send(presentReport(row));
  });

  app.get('/api/labour/reports/:id', {
    config: { action: 'labour.read' },
    schema: { tags, summary: 'A report with its lines and its history', params: IdParam, response: { 200: ReportDetailOut } },
  }, async (req) => reportDetail(ctx, requirePrincipal(req), req.params.id));

  app.post('/api/labour/reports/:id/submit', {
    config: { action: 'labour.report' },
    schema: { tags, summary: 'Submit a draft or returned report', params: IdParam, response: { 200: ReportOut } },
  }, async (req) => presentReport(await moveReport(ctx, requirePrincipal(req), actorOf(req), req.params.id, 'submit')));

  app.post('/api/labour/reports/:id/accept', {
    config: { action: 'labour.review' },
    schema: { tags, summary: 'Accept a submitted report', params: IdParam, body: OptionalComment, response: { 200: ReportOut } },
  }, async (req) => presentReport(await moveReport(ctx, requirePrincipal(req), actorOf(req), req.params.id, 'accept', req.body.comment)));

  app.post('/api/labour/reports/:id/return', {
    config: { action: 'labour.review' },
    schema: { tags, summary: 'Return a submitted or accepted report with comments', params: IdParam, body: Comment, response: { 200: ReportOut } },
  }, async (req) => presentReport(await moveReport(ctx, requirePrincipal(req), actorOf(req), req.params.id, 'return', req.body.comment)));

  app.get('/api/labour/ratio', {
    config: { action: 'labour.read' },
    schema: { tags, summary: 'Demand per job seeker across all reporting agencies, per quarter, by province (numeric, rounded to 2 decimals once)', querystring: RatioQuery, response: { 200: RatioOut } },
  }, async (req) => ({ items: await demandSeekerRatio(ctx, req.query.from, req.query.to) }));

  app.get('/api/labour/rules', {
    config: { action: 'labour.read' },
    schema: { tags, summary: 'The validation rules in force (kept as data)', response: { 200: RuleOut } },
  }, async () => ({ items: (await ctx.db.selectFrom('labour_validation_rule').selectAll().orderBy('code').execute()).map((r) => ({ ...r, params: r.params })) }));

  // ----- public: published rankings -----
  const Published = z.object({ quarter: z.string(), publishedAt: z.string(), agencies: z.number(), cities: z.number(), demand: z.number(), seekers: z.number(), ratio: z.string().nullable() });
  app.get('/api/public/labour/rankings', {
    config: { public: true },
    schema: { tags, summary: 'Published quarters of the top-100 shortage-occupation ranking', response: { 200: z.object({ items: z.array(Published) }) } },
  }, async () => ({ items: await publishedQuarters(ctx.db) }));

  const published = async (quarter: string) => {
    const r = await publishedRanking(ctx.db, quarter);
    if (!r) throw notFound(`Published ranking for ${quarter}`);
    return r;
  };
  app.get('/api/public/labour/rankings/:quarter', {
    config: { public: true },
    schema: { tags, summary: 'A published ranking: rank, occupation, code, definition, typical cities, previous rank; totals, breakdown, entries and exits', params: QuarterParam, response: { 200: RankingOut } },
  }, async (req) => published(req.params.quarter));

  app.get('/api/public/labour/rankings/:quarter/ranking.csv', {
    config: { public: true },
    schema: { tags, summary: 'A published ranking as CSV, in the published form', params: QuarterParam },
  }, async (req, reply) => reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="ranking-${req.params.quarter}.csv"`)
    .send(rankingCsv(await published(req.params.quarter))));

  app.get('/api/public/labour/rankings/:quarter/ranking.xlsx', {
    config: { public: true },
    schema: { tags, summary: 'A published ranking as XLSX: the ranking and a summary sheet', params: QuarterParam },
  }, async (req, reply) => reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="ranking-${req.params.quarter}.xlsx"`).send(await rankingXlsx(await published(req.params.quarter))));
};
