import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { requirePrincipal } from '../../platform/http/guard.ts';
import { provinceFilter } from '../../platform/auth/policy.ts';
import { maskIdNumber } from '../persons/id-number.ts';

const AuditOut = z.object({
  id: z.string(), provinceCode: z.string(), at: z.string(), actorId: z.string().nullable(), actorName: z.string(), action: z.string(),
  entityType: z.string(), entityId: z.string(), before: z.unknown(), after: z.unknown(), requestId: z.string().nullable(),
});

// The audit trail is read by officers who need the change, not the identity: mask ID numbers.
function maskIds(v: unknown): unknown {
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, k === 'id_number' && typeof x === 'string' ? maskIdNumber(x) : x]));
}

export const registerAuditRoutes: RouteRegistrar = (app, { db }) => {
  app.get('/api/audit', {
    config: { action: 'audit.read' },
    schema: {
      tags: ['audit'], summary: 'The audit trail; province users see their province only',
      querystring: z.object({
        entityType: z.string().max(50).optional(), entityId: z.string().max(64).optional(), action: z.string().max(64).optional(),
        actor: z.string().max(64).optional(), province: z.string().regex(/^\d{2}$/).optional(),
        from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(), to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
        page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(500).default(50),
      }),
      response: { 200: z.object({ items: z.array(AuditOut), page: z.number(), pageSize: z.number() }) },
    },
  }, async (req) => {
    const p = requirePrincipal(req);
    const f = req.query;
    const own = provinceFilter(p);
    let q = db.selectFrom('audit_log').selectAll();
    if (own) q = q.where('province_code', '=', own);
    else if (f.province) q = q.where('province_code', '=', f.province);
    if (f.entityType) q = q.where('entity_type', '=', f.entityType);
    if (f.entityId) q = q.where('entity_id', '=', f.entityId);
    if (f.action) q = q.where('action', '=', f.action);
    if (f.actor) q = q.where('actor_name', '=', f.actor);
    if (f.from) q = q.where('at', '>=', new Date(f.from));
    if (f.to) q = q.where('at', '<', new Date(f.to));
    const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
    return {
      items: rows.map((r) => ({
        id: r.id, provinceCode: r.province_code, at: new Date(r.at).toISOString(), actorId: r.actor_id, actorName: r.actor_name, action: r.action,
        entityType: r.entity_type, entityId: r.entity_id, before: maskIds(r.before), after: maskIds(r.after), requestId: r.request_id,
      })),
      page: f.page, pageSize: f.pageSize,
    };
  });
};
