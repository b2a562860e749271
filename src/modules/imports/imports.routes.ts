import { Readable } from 'node:stream';
import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { actorOf, requirePrincipal } from '../../platform/http/guard.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { runImport } from './imports.service.ts';
import { csvFile } from '../../platform/csv-writer.ts';
import { exportCsv } from './exports.service.ts';
import { readCsvRows, uploadedFile } from '../../platform/http/uploads.ts';

const ImportOut = z.object({
  id: z.string(), kind: z.enum(['persons', 'employers']), filename: z.string(), status: z.enum(['running', 'done', 'failed']),
  totalRows: z.number(), okRows: z.number(), errorRows: z.number(), skippedRows: z.number().optional(),
  encoding: z.enum(['utf-8', 'gb18030']).optional().describe('the encoding the file was read in: UTF-8, or GB18030/GBK detected from its bytes'), message: z.string().nullable(),
  createdAt: z.string().optional(), finishedAt: z.string().nullable().optional(),
});
const Kind = z.object({ kind: z.enum(['persons', 'employers']) });
const IdParam = z.object({ id: z.uuid() });

export const registerImportRoutes: RouteRegistrar = (app, ctx) => {
  app.post('/api/imports/:kind', {
    config: { action: 'registry.import' },
    schema: {
      tags: ['imports'], summary: 'Upload a CSV (multipart field "file"); bad rows go to the error report, good rows are kept', params: Kind,
      consumes: ['multipart/form-data'], response: { 201: ImportOut },
    },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const file = await uploadedFile(req);
    if (!/\.(csv|txt)$/i.test(file.filename) && !/csv|text\/plain|excel/.test(file.mimetype)) {
      file.file.resume();
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Only CSV files can be imported', [{ field: 'file', code: 'NOT_CSV', message: 'must be a .csv file' }]);
    }
    const result = await runImport(ctx, { kind: req.params.kind, filename: file.filename, source: file.file, principal: p, actor: actorOf(req) });
    if (file.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', 'The file is larger than the upload limit; rows up to the limit were imported', [], { importId: result.id });
    return reply.code(201).send(result);
  });

  app.get('/api/imports', {
    config: { action: 'registry.import' },
    schema: { tags: ['imports'], summary: 'The caller’s recent imports, with progress', response: { 200: z.object({ items: z.array(ImportOut) }) } },
  }, async (req) => {
    const rows = await ctx.db.selectFrom('import_job').selectAll().where('created_by', '=', requirePrincipal(req).id).orderBy('created_at', 'desc').limit(50).execute();
    return { items: rows.map((r) => ({ id: r.id, kind: r.kind, filename: r.filename, status: r.status, totalRows: r.total_rows, okRows: r.ok_rows, errorRows: r.error_rows, message: r.message, createdAt: new Date(r.created_at).toISOString(), finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null })) };
  });

  app.get('/api/imports/:id/errors.csv', {
    config: { action: 'registry.import' },
    schema: { tags: ['imports'], summary: 'The error report of an import: row, column, code, message', params: IdParam },
  }, async (req, reply) => {
    const job = await ctx.db.selectFrom('import_job').select(['id', 'filename']).where('id', '=', req.params.id).where('created_by', '=', requirePrincipal(req).id).executeTakeFirst();
    if (!job) throw notFound('Import');
    const rows = await ctx.db.selectFrom('import_error').selectAll().where('job_id', '=', job.id).orderBy('row_no').orderBy('col').execute();
    const body = csvFile(['row', 'column', 'code', 'message'], rows.map((r) => [r.row_no, r.col, r.code, r.message]));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="import-errors-${job.id}.csv"`).send(body);
  });

  for (const kind of ['persons', 'employers'] as const) {
    app.get(`/api/${kind}/export.csv`, {
      config: { action: 'registry.export' },
      schema: { tags: ['imports'], summary: `Export ${kind} in the caller’s region as CSV` },
    }, async (req, reply) => {
      const p = requirePrincipal(req);
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${kind}.csv"`);
      return reply.send(Readable.from(exportCsv(ctx, kind, p)));
    });
  }
};
