import { z } from 'zod';
import { sql } from 'kysely';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { requirePrincipal } from '../../platform/http/guard.ts';
import { notFound } from '../../platform/errors.ts';

const tags = ['notifications'];
const NotificationOut = z.object({
  id: z.string(), kind: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])), link: z.string().nullable(),
  createdAt: z.string(), readAt: z.string().nullable(),
});

/** The caller's own inbox: newest first, with the unread count for the header badge. */
export const registerNotificationRoutes: RouteRegistrar = (app, { db }) => {
  app.get('/api/notifications', {
    config: { action: 'self' },
    schema: {
      tags, summary: 'My notifications, newest first, and how many are unread',
      querystring: z.object({ unread: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }),
      response: { 200: z.object({ items: z.array(NotificationOut), unread: z.number() }) },
    },
  }, async (req) => {
    const p = requirePrincipal(req);
    let q = db.selectFrom('notification').selectAll().where('user_id', '=', p.id);
    if (req.query.unread === 'true') q = q.where('read_at', 'is', null);
    const [rows, count] = await Promise.all([
      q.orderBy('id', 'desc').limit(req.query.limit).execute(),
      db.selectFrom('notification').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', p.id).where('read_at', 'is', null).executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id, kind: r.kind, params: (r.params ?? {}) as Record<string, string | number>, link: r.link,
        createdAt: new Date(r.created_at).toISOString(), readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
      })),
      unread: Number(count.n),
    };
  });

  app.post('/api/notifications/:id/read', {
    config: { action: 'self' },
    schema: { tags, summary: 'Mark one of my notifications read', params: z.object({ id: z.uuid() }), response: { 200: z.object({ id: z.string(), readAt: z.string() }) } },
  }, async (req) => {
    const p = requirePrincipal(req);
    const row = await db.updateTable('notification').set({ read_at: sql<Date>`coalesce(read_at, now())` })
      .where('user_id', '=', p.id).where('id', '=', req.params.id).returning(['id', 'read_at']).executeTakeFirst();
    if (!row) throw notFound('Notification');
    return { id: row.id, readAt: new Date(row.read_at!).toISOString() };
  });

  app.post('/api/notifications/read-all', {
    config: { action: 'self' },
    schema: { tags, summary: 'Mark all my notifications read', response: { 200: z.object({ marked: z.number() }) } },
  }, async (req) => {
    const p = requirePrincipal(req);
    // returning(), not numUpdatedRows: the PGlite dialect does not report affected rows.
    const rows = await db.updateTable('notification').set({ read_at: new Date() }).where('user_id', '=', p.id).where('read_at', 'is', null).returning('id').execute();
    return { marked: rows.length };
  });
};
