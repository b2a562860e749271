import crypto from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { writeAudit, type Actor } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/policy.ts';
import { AppError, notFound, type FieldError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { todayInChina } from '../../platform/dates.ts';
import { parseIdNumber, ID_NUMBER_MESSAGES } from '../persons/id-number.ts';
import { parseCreditCode, CREDIT_CODE_MESSAGES } from '../employers/credit-code.ts';
import { reference } from '../reference/reference.service.ts';
import type { ClueInput } from './schemas.ts';
import type { Evidence } from './attachments.ts';
import { assertNoMarkup, normaliseKey } from './text-guard.ts';
import { addEvent } from './timeline.ts';

export const OPEN_EXCLUDED = ['closed', 'not_accepted'] as const;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const randomCode = (n: number): string => Array.from(crypto.randomBytes(n), (b) => CROCKFORD[b & 31]).join('');
export const hashCode = (code: string): string => crypto.createHash('sha256').update(code.trim().toUpperCase()).digest('hex');

/** The inspection office for a place: the city (prefecture) the county belongs to; a province is too coarse. */
export async function officeRegionFor(ctx: AppContext, regionCode: string): Promise<{ office: string; name: string } | null> {
  const ref = await reference(ctx.db);
  const d = ref.divisions.get(regionCode);
  if (!d || d.level === 'province') return null;
  const office = d.level === 'county' && d.parent_code ? d.parent_code : d.code;
  return { office, name: ref.divisions.get(office)?.name_zh ?? office };
}

interface ResolvedClue {
  complainantName: string | null; complainantIdNumber: string | null; complainantPhone: string | null;
  person: { province_code: string; id: string } | null;
  employer: { province_code: string; id: string; name: string; credit_code: string } | null;
  employerName: string; creditCode: string | null; office: string; officeName: string;
}

/** Checks everything before anything is written: every problem at once, as field errors. */
async function resolveClue(ctx: AppContext, p: Principal | null, input: ClueInput): Promise<ResolvedClue> {
  assertNoMarkup({
    complainantName: input.complainantName, complainantIdNumber: input.complainantIdNumber, complainantPhone: input.complainantPhone,
    employerName: input.employerName, creditCode: input.creditCode, project: input.project, description: input.description,
  });
  const fields: FieldError[] = [];
  const req = (field: string) => fields.push({ field, code: 'REQUIRED', message: 'is required' });

  let complainantName = input.complainantName || null;
  let complainantIdNumber = input.complainantIdNumber || null;
  let complainantPhone = input.complainantPhone || null;
  let person: ResolvedClue['person'] = null;
  if (p?.role === 'insured' && p.subjectProvinceCode && p.subjectId && !input.anonymous) {
    // The insured person's own login fills the complainant.
    const row = await ctx.db.selectFrom('person').select(['province_code', 'id', 'name', 'id_number', 'phone'])
      .where('province_code', '=', p.subjectProvinceCode).where('id', '=', p.subjectId).executeTakeFirst();
    if (row) {
      person = { province_code: row.province_code, id: row.id };
      complainantName = row.name;
      complainantIdNumber = row.id_number;
      complainantPhone = complainantPhone ?? row.phone;
    }
  }
  if (input.anonymous) {
    complainantName = complainantIdNumber = null;
  } else if (!person) {
    if (!complainantName) req('complainantName');
    if (!complainantPhone) req('complainantPhone');
    if (!complainantIdNumber) req('complainantIdNumber');
  }
  if (complainantIdNumber && !person) {
    const id = parseIdNumber(complainantIdNumber);
    if (!id.ok) fields.push({ field: 'complainantIdNumber', code: 'INVALID_ID_NUMBER', reason: id.problem, message: ID_NUMBER_MESSAGES[id.problem] });
    else complainantIdNumber = id.facts.idNumber;
  }

  let creditCode: string | null = null;
  if (input.creditCode) {
    const cc = parseCreditCode(input.creditCode);
    if (!cc.ok) fields.push({ field: 'creditCode', code: 'INVALID_CREDIT_CODE', reason: cc.problem, message: CREDIT_CODE_MESSAGES[cc.problem] });
    else creditCode = cc.code;
  }
  if (!input.employerName && !input.creditCode) fields.push({ field: 'employerName', code: 'REQUIRED', message: 'name the employer or give its credit code' });

  const office = await officeRegionFor(ctx, input.regionCode);
  if (!office) fields.push({ field: 'regionCode', code: 'UNKNOWN_DIVISION', message: 'must be an existing city or county code' });
  if (fields.length) throw new AppError('VALIDATION_FAILED', 'The complaint has errors; nothing was stored', fields);

  // Matched to the registry by credit code, else by exact name among the employers of that place; otherwise recorded as new.
  let employer: ResolvedClue['employer'] = null;
  if (creditCode) {
    employer = (await ctx.db.selectFrom('employer_identity as i').innerJoin('employer as e', (j) => j.onRef('e.province_code', '=', 'i.province_code').onRef('e.id', '=', 'i.employer_id'))
      .select(['e.province_code', 'e.id', 'e.name', 'e.credit_code']).where('i.credit_code', '=', creditCode).executeTakeFirst()) ?? null;
  } else if (input.employerName) {
    employer = (await ctx.db.selectFrom('employer').select(['province_code', 'id', 'name', 'credit_code'])
      .where('province_code', '=', input.regionCode.slice(0, 2)).where('region_code', 'in', [input.regionCode, office!.office])
      .where('name', '=', input.employerName).limit(1).executeTakeFirst()) ?? null;
  }
  const employerName = input.employerName || employer?.name;
  if (!employerName) throw new AppError('VALIDATION_FAILED', 'The employer is not in the registry: give its name', [{ field: 'employerName', code: 'REQUIRED', message: 'the credit code is not registered; name the employer' }]);
  return { complainantName, complainantIdNumber, complainantPhone, person, employer, employerName, creditCode: employer?.credit_code ?? creditCode, office: office!.office, officeName: office!.name };
}

export function caseKeyOf(r: { employer: { credit_code: string } | null; creditCode: string | null; employerName: string }, project: string): string {
  const who = r.employer ? `C:${r.employer.credit_code}` : r.creditCode ? `C:${r.creditCode}` : `N:${normaliseKey(r.employerName)}`;
  return `${who}|${normaliseKey(project)}`;
}

/**
 * Stores a complaint and routes it: to the open case about the same employer and project if there
 * is one, else to a new case at the inspection office of the place where the arrears occurred.
 */
export async function submitClue(ctx: AppContext, p: Principal | null, actor: Actor, input: ClueInput, evidence: Evidence[], channel: 'online' | 'phone' | 'walk_in' | 'letter' | 'transfer' = 'online') {
  const r = await resolveClue(ctx, p, input);
  const today = todayInChina();
  const trackingNo = `XS${today.replaceAll('-', '')}${randomCode(8)}`;
  const queryCode = randomCode(8);
  const provinceCode = r.office.slice(0, 2);
  const caseKey = caseKeyOf(r, input.project);

  return ctx.db.transaction().execute(async (trx) => {
    const newCaseId = newId();
    const inserted = await trx.insertInto('arrears_case').values({
      province_code: provinceCode, id: newCaseId, case_no: `QX${r.office}${today.slice(0, 4)}${randomCode(8)}`, region_code: r.office,
      employer_province_code: r.employer?.province_code ?? null, employer_id: r.employer?.id ?? null, employer_name: r.employerName, credit_code: r.creditCode,
      status: 'received', workers: input.workers, amount_owed_fen: input.amountOwedFen, months_unpaid: input.monthsUnpaid, case_key: caseKey, project: input.project, received_on: today,
    }).onConflict((oc) => oc.column('case_key').where('status', 'not in', [...OPEN_EXCLUDED]).doNothing())
      .returning(['province_code', 'id', 'case_no', 'region_code']).executeTakeFirst();
    let c = inserted;
    if (!c) {
      c = await trx.updateTable('arrears_case').set((eb) => ({
        workers: eb('workers', '+', input.workers), amount_owed_fen: eb('amount_owed_fen', '+', input.amountOwedFen), clue_count: eb('clue_count', '+', 1),
        months_unpaid: eb.fn('greatest', [eb.ref('months_unpaid'), eb.val(input.monthsUnpaid)]), updated_at: new Date(),
      })).where('case_key', '=', caseKey).where('status', 'not in', [...OPEN_EXCLUDED])
        .returning(['province_code', 'id', 'case_no', 'region_code']).executeTakeFirstOrThrow();
    }
    const clueId = newId();
    await trx.insertInto('arrears_clue').values({
      province_code: c.province_code, id: clueId, case_id: c.id, tracking_no: trackingNo, code_hash: hashCode(queryCode), channel, anonymous: input.anonymous,
      complainant_name: r.complainantName, complainant_id_number: r.complainantIdNumber, complainant_phone: r.complainantPhone,
      person_province_code: r.person?.province_code ?? null, person_id: r.person?.id ?? null,
      employer_name: input.employerName || r.employerName, credit_code: r.creditCode, project: input.project, region_code: input.regionCode,
      workers: input.workers, amount_owed_fen: input.amountOwedFen, months_unpaid: input.monthsUnpaid, description: input.description,
    }).execute();
    if (evidence.length) {
      await trx.insertInto('arrears_attachment').values(evidence.map((e) => ({
        province_code: c.province_code, id: newId(), clue_id: clueId, file_name: e.fileName, media_type: e.mediaType, size_bytes: e.content.length, sha256: e.sha256, content: e.content,
      }))).execute();
    }
    await addEvent(trx, c, actor, { kind: inserted ? 'received' : 'clue_joined', onDate: today, data: { trackingNo, channel, workers: input.workers, amountOwedFen: input.amountOwedFen } });
    await writeAudit(trx, actor, {
      provinceCode: c.province_code, action: 'arrears.clue.submit', entityType: 'arrears_clue', entityId: clueId,
      after: { caseId: c.id, caseNo: c.case_no, trackingNo, channel, anonymous: input.anonymous, employerName: r.employerName, creditCode: r.creditCode, regionCode: input.regionCode, attachments: evidence.length },
    });
    return { trackingNo, queryCode, caseNo: c.case_no, joinedExistingCase: !inserted, officeRegionCode: c.region_code, officeName: r.officeName, attachments: evidence.length };
  });
}

// Only these steps, with their dates, are shown to the complainant.
const PUBLIC_STEPS = ['received', 'clue_joined', 'accepted', 'not_accepted', 'investigating', 'ordered', 'paid', 'not_paid', 'closed', 'transferred'];

/** Progress for the complainant: status and dates only. A wrong code answers like an unknown number. */
export async function clueProgress(ctx: AppContext, trackingNo: string, code: string) {
  const clue = await ctx.db.selectFrom('arrears_clue as k').innerJoin('arrears_case as c', (j) => j.onRef('c.province_code', '=', 'k.province_code').onRef('c.id', '=', 'k.case_id'))
    .select(['k.province_code', 'k.case_id', 'k.code_hash', 'k.received_at', 'c.status', 'c.region_code']).where('k.tracking_no', '=', trackingNo).executeTakeFirst();
  const given = Buffer.from(hashCode(code));
  if (!clue || !crypto.timingSafeEqual(Buffer.from(clue.code_hash), given)) throw notFound('Complaint');
  const steps = await ctx.db.selectFrom('arrears_case_event').select(['kind', 'on_date', 'at'])
    .where('province_code', '=', clue.province_code).where('case_id', '=', clue.case_id).where('kind', 'in', PUBLIC_STEPS)
    .orderBy('at').orderBy('id').execute();
  const ref = await reference(ctx.db);
  return {
    trackingNo, receivedOn: todayInChina(new Date(clue.received_at)), status: clue.status as never,
    officeName: ref.divisions.get(clue.region_code)?.name_zh ?? clue.region_code,
    steps: steps.map((s) => ({ kind: s.kind, onDate: s.on_date })),
  };
}

export async function findCaseForClue(db: Executor, provinceCode: string, clueId: string) {
  return db.selectFrom('arrears_clue').select(['case_id']).where('province_code', '=', provinceCode).where('id', '=', clueId).executeTakeFirst();
}
