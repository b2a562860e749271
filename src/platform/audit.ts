import type { Executor } from './db.ts';
import { newId } from './ids.ts';

export interface Actor {
  userId: string | null;
  name: string;
  requestId?: string;
}

export const SYSTEM_ACTOR: Actor = { userId: null, name: 'system' };

export interface AuditEntry {
  provinceCode: string | null; // null: a national, control-plane action
  action: string; // e.g. person.create
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Call inside the transaction that makes the change, so the change and its audit row commit together. */
export async function writeAudit(trx: Executor, actor: Actor, e: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      province_code: e.provinceCode ?? '00',
      id: newId(),
      actor_id: actor.userId,
      actor_name: actor.name,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      before: e.before === undefined ? null : JSON.stringify(redact(e.before)),
      after: e.after === undefined ? null : JSON.stringify(redact(e.after)),
      request_id: actor.requestId ?? null,
    })
    .execute();
}

// Secrets never reach the audit trail.
function redact(v: unknown): unknown {
  if (!v || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    out[k] = /password|token_hash|csrf/.test(k) ? '[redacted]' : val;
  }
  return out;
}
