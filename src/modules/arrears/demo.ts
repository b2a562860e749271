import type { AppContext } from '../../platform/context.ts';
import { SYSTEM_ACTOR } from '../../platform/audit.ts';
import { newId } from '../../platform/ids.ts';
import { COMPANY_KINDS, COMPANY_WORDS, birthDate, makeCreditCode, makeIdNumber, personName, type Rng } from '../demo/demo.generator.ts';
import { onCaseDecided } from '../blacklist/hooks.ts';
import { addCalendarDays, addWorkingDaysOn, isWorkingDayOn, loadCalendar, type HolidayCalendar } from './working-days.ts';
import { EXTENSION_WORKING_DAYS, INVESTIGATION_WORKING_DAYS, WARN_WORKING_DAYS } from './deadlines.ts';
import { caseKeyOf, hashCode } from './clues.ts';

/** Every demo complaint answers to this query code, so that tracking can be tried with any demo tracking number. */
export const DEMO_QUERY_CODE = 'DEMO2020';
const AS_OF = '2020-12-31';
const BASE_CASES = 1200;
const PROVINCES: [string, number][] = [['44', 0.3], ['33', 0.2], ['51', 0.14], ['31', 0.12], ['11', 0.12], ['42', 0.12]];
const SUPERVISORS: Record<string, string> = { '11': '110000', '31': '310000', '33': '330000', '42': '420000', '44': '440000', '51': '510000' };
// Complaints peak before the Spring Festival and at year end; February 2020 was the lockdown.
const MONTH_WEIGHT = [2.2, 0.4, 0.8, 0.9, 0.9, 0.9, 0.9, 0.9, 1, 1, 1.2, 1.9];
const SITES = ['住宅项目', '市政道路工程', '产业园厂房', '学校改扩建工程', '商业综合体', '安置房项目', '污水管网工程', '物流园'];
const REFUSALS = ['属劳动争议，已告知申请劳动争议仲裁', '不属于本机构管辖，已告知向有管辖权的机构投诉', '超过两年查处时效（劳动保障监察条例第二十条）'];

type Row = Record<string, unknown>;
const chunks = <T>(rows: T[], n = 400): T[][] => Array.from({ length: Math.ceil(rows.length / n) }, (_, i) => rows.slice(i * n, i * n + n));

/** A working day of 2020 drawn with the month weights. */
function receivedDay(r: Rng, cal: HolidayCalendar): string {
  const total = MONTH_WEIGHT.reduce((a, b) => a + b, 0);
  let x = r.next() * total;
  let m = 0;
  while (x > MONTH_WEIGHT[m] && m < 11) x -= MONTH_WEIGHT[m++];
  for (;;) {
    const d = `2020-${String(m + 1).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    if (isWorkingDayOn(cal, d)) return d;
  }
}

/** Demo data: a realistic year (2020) of complaints and cases at every stage. Runs after the registries, users and earlier modules' demo steps; returns a one-line summary. */
export async function loadArrearsDemo(ctx: AppContext, r: Rng): Promise<string> {
  if (await ctx.db.selectFrom('arrears_case').select('id').limit(1).executeTakeFirst()) return 'already loaded';
  const cal = await loadCalendar(ctx.db);
  const scale = ctx.config.HRSS_DEMO_SCALE;
  const nCases = Math.max(60, Math.round(BASE_CASES * scale));
  const provinces = PROVINCES.map(([p]) => p);
  const divisions = await ctx.db.selectFrom('division').select(['code', 'province_code']).where('level', '=', 'prefecture').where('province_code', 'in', provinces).orderBy('code').execute();
  const cities = new Map(provinces.map((p) => [p, divisions.filter((d) => d.province_code === p).map((d) => d.code)]));
  const employers = await ctx.db.selectFrom('employer').select(['province_code', 'id', 'name', 'credit_code', 'region_code']).where('province_code', 'in', provinces)
    .orderBy('province_code').orderBy('id').limit(5000).execute();
  const employersOf = new Map(provinces.map((p) => [p, employers.filter((e) => e.province_code === p && cities.get(p)!.includes(e.region_code))]));
  const codeHash = hashCode(DEMO_QUERY_CODE);

  const cases: Row[] = [];
  const clues: Row[] = [];
  const events: Row[] = [];
  const deadlines: Row[] = [];
  const transfers: Row[] = [];
  const supervisions: Row[] = [];
  const decided: { province_code: string; id: string }[] = [];
  let seq = 0;
  const at = (day: string) => new Date(Date.parse(`${day}T02:00:00Z`) + (seq++ % 3_600_000));

  for (let i = 0; i < nCases; i++) {
    let x = r.next();
    const province = PROVINCES.find(([, w]) => (x -= w) < 0)?.[0] ?? '44';
    const registered = r.chance(0.7) ? r.pick(employersOf.get(province)!.length ? employersOf.get(province)! : [null]) : null;
    let office = registered?.region_code ?? r.pick(cities.get(province)!);
    const construction = r.chance(0.55);
    const employerName = registered?.name ?? `${r.pick(COMPANY_WORDS)}${r.pick(['建设', '建筑劳务', '装饰工程', '服装', '电子', '餐饮'])}${r.pick(COMPANY_KINDS)}`;
    const creditCode = registered?.credit_code ?? (r.chance(0.5) ? makeCreditCode(r, office) : null);
    const project = construction ? `${r.pick(SITES)}${r.int(1, 30)}号标段（${i}）` : `经营场所${i}`;
    const forceListable = r.chance(0.03);
    const workers = forceListable ? r.int(12, 60) : construction ? r.int(2, 35) : r.int(1, 10);
    const months = forceListable ? r.int(3, 8) : r.int(1, 6);
    const amount = Math.round(workers * months * r.int(3000, 7000) * (0.6 + r.next() * 0.4)) * 100;
    const mass = workers >= 30 && r.chance(0.1);
    const received = receivedDay(r, cal);
    const id = newId();
    const c: Row = {
      province_code: province, id, case_no: `QX${office}2020${String(i).padStart(6, '0')}`, region_code: office,
      employer_province_code: registered?.province_code ?? null, employer_id: registered?.id ?? null, employer_name: employerName, credit_code: creditCode,
      status: 'received', workers, amount_owed_fen: amount, months_unpaid: months, mass_incident: mass, project, received_on: received,
      case_key: caseKeyOf({ employer: registered, creditCode, employerName }, project), created_at: at(received), updated_at: at(received),
    };
    const ev = (kind: string, day: string, note = '', data: unknown = null, dedupe: string | null = null) => events.push({
      province_code: province, id: newId(), case_id: id, at: at(day), on_date: day, kind, region_code: c.region_code, actor_name: kind.startsWith('deadline_') ? SYSTEM_ACTOR.name : 'demo', note, data: data === null ? null : JSON.stringify(data), dedupe_key: dedupe,
    });
    // Clues: one, sometimes several workers of the same site.
    const nClues = r.chance(0.2) ? r.int(2, 4) : 1;
    for (let k = 0; k < nClues; k++) {
      const day = k === 0 ? received : addWorkingDaysOn(cal, received, r.int(1, 15));
      if (day > AS_OF) break;
      const anonymous = r.chance(0.08);
      const channel = k > 0 ? 'online' : r.pick(['online', 'online', 'online', 'online', 'online', 'online', 'phone', 'phone', 'walk_in', 'letter'] as const);
      clues.push({
        province_code: province, id: newId(), case_id: id, tracking_no: `XS${day.replaceAll('-', '')}D${String(i).padStart(5, '0')}${k}${'ABCDEFGHJK'[k]}`.slice(0, 18), code_hash: codeHash, channel, anonymous,
        complainant_name: anonymous ? null : personName(r), complainant_id_number: anonymous ? null : makeIdNumber(`${r.pick(['51', '42', '43', '36', '41'])}${r.pick(['0102', '0302', '0521', '0681'])}`, birthDate(r, 1965, 2000), r.int(0, 999)),
        complainant_phone: `1${r.int(30, 89)}${String(r.int(0, 99_999_999)).padStart(8, '0')}`, employer_name: employerName, credit_code: creditCode, project, region_code: office,
        workers: k === 0 ? workers : r.int(1, 3), amount_owed_fen: k === 0 ? amount : r.int(5, 40) * 100_000, months_unpaid: months, description: construction ? '项目完工后总包单位以未结算为由拖欠工资' : '公司以经营困难为由拖欠工资',
        received_at: at(day),
      });
      ev(k === 0 ? 'received' : 'clue_joined', day, '', { channel });
    }
    c.clue_count = clues.filter((k) => k.case_id === id).length;

    // The case's path through 2020; it stops where AS_OF falls.
    const accepted = addWorkingDaysOn(cal, received, r.int(1, received >= '2020-12-10' ? 15 : 5));
    if (accepted > AS_OF) { cases.push(c); continue; }
    if (r.chance(0.08) && !forceListable) {
      Object.assign(c, { status: 'not_accepted', not_accepted_reason: r.pick(REFUSALS), closed_on: accepted });
      ev('not_accepted', accepted, c.not_accepted_reason as string);
      cases.push(c);
      continue;
    }
    let due = addWorkingDaysOn(cal, accepted, INVESTIGATION_WORKING_DAYS);
    Object.assign(c, { status: 'accepted', accepted_on: accepted, investigation_due: due });
    ev('accepted', accepted, '', { investigationDue: due });
    const inv = { province_code: province, id: newId(), case_id: id, kind: 'investigation', due_on: due, warn_on: addWorkingDaysOn(cal, due, -WARN_WORKING_DAYS), state: 'open', warned_on: null as string | null, escalated_on: null as string | null };
    deadlines.push(inv);
    const others = cities.get(province)!.filter((cc) => cc !== office);
    if (others.length && r.chance(0.025)) {
      const to = r.pick(others);
      const day = addWorkingDaysOn(cal, accepted, 1);
      ev('transferred', day, '用工单位及项目所在地属另一监察机构管辖', { from: office, to });
      transfers.push({ province_code: province, id: newId(), case_id: id, from_region: office, to_region: to, reason: '用工单位及项目所在地属另一监察机构管辖', transferred_on: day, actor_name: 'demo' });
      office = to;
      c.region_code = to;
    }
    const startInv = addWorkingDaysOn(cal, accepted, r.int(0, 3));
    if (startInv > AS_OF) { cases.push(c); continue; }
    c.status = 'investigating';
    ev('investigating', startInv);
    if (r.chance(0.05) || mass) {
      const sup = SUPERVISORS[province];
      const deadline = addCalendarDays(startInv, 30);
      supervisions.push({ province_code: province, id: newId(), case_id: id, supervisor_region: r.chance(0.2) ? '000000' : sup, deadline, note: '挂牌督办', opened_on: startInv, closed_on: null, actor_name: 'demo' });
      deadlines.push({ province_code: province, id: newId(), case_id: id, kind: 'supervision', due_on: deadline, warn_on: addWorkingDaysOn(cal, deadline, -WARN_WORKING_DAYS), state: 'open', warned_on: null, escalated_on: null });
      c.supervised = true;
      ev('supervised', startInv, '挂牌督办', { supervisor: sup, deadline });
    }
    let outcomeIn = r.int(8, 80);
    if (outcomeIn > INVESTIGATION_WORKING_DAYS - 5 && r.chance(0.7)) {
      const extendOn = addWorkingDaysOn(cal, due, -3);
      if (extendOn <= AS_OF) {
        const newDue = addWorkingDaysOn(cal, due, EXTENSION_WORKING_DAYS);
        ev('extended', extendOn, '案情复杂，经批准延长', { from: due, to: newDue });
        Object.assign(inv, { due_on: newDue, warn_on: addWorkingDaysOn(cal, newDue, -WARN_WORKING_DAYS) });
        Object.assign(c, { investigation_due: newDue, investigation_extended: true });
        due = newDue;
      }
    } else if (outcomeIn > INVESTIGATION_WORKING_DAYS) outcomeIn = r.int(40, 60);
    const outcome = addWorkingDaysOn(cal, startInv, outcomeIn);
    if (outcome > AS_OF) { cases.push(c); continue; }
    inv.state = outcome <= due ? 'met' : 'missed';
    const close = (day: string, code: string, recovered: number, paidWorkers: number, note: string) => {
      if (day > AS_OF) return false;
      Object.assign(c, { status: 'closed', closure_code: code, closed_on: day, decided_on: c.decided_on ?? day, amount_recovered_fen: recovered, workers_paid: paidWorkers });
      ev('closed', day, note, { closureCode: code });
      for (const d of deadlines) if (d.case_id === id && d.state === 'open') d.state = (d.due_on as string) >= day ? 'met' : 'missed';
      for (const s of supervisions) if (s.case_id === id) s.closed_on = day;
      return true;
    };
    const path = forceListable ? 'order' : r.pick(['paid', 'paid', 'paid', 'paid', 'paid', 'order', 'order', 'order', 'other', 'other']);
    if (path === 'paid') {
      const full = r.chance(0.8);
      close(outcome, full ? r.pick(['paid_in_full', 'paid_in_full', 'settled_by_mediation']) : 'paid_in_part', full ? amount : Math.round(amount * (0.4 + r.next() * 0.5)), full ? workers : Math.max(1, Math.round(workers * 0.6)), '经调查，用人单位已支付拖欠工资');
    } else if (path === 'other') {
      const code = r.pick(['no_arrears_found', 'referred_arbitration', 'employer_unreachable', 'withdrawn', 'referred_court']);
      close(outcome, code, 0, 0, '');
    } else {
      const deadline = addCalendarDays(outcome, r.int(10, 15));
      Object.assign(c, { status: 'ordered', ordered_to_pay: true, order_deadline: deadline, decided_on: outcome, order_note: '下达劳动保障监察限期改正指令书' });
      ev('ordered', outcome, '下达劳动保障监察限期改正指令书', { deadline });
      const pay = { province_code: province, id: newId(), case_id: id, kind: 'payment', due_on: deadline, warn_on: addWorkingDaysOn(cal, deadline, -WARN_WORKING_DAYS) < outcome ? outcome : addWorkingDaysOn(cal, deadline, -WARN_WORKING_DAYS), state: 'open', warned_on: null as string | null, escalated_on: null as string | null };
      deadlines.push(pay);
      const paid = !forceListable && r.chance(0.8);
      const payDay = paid ? addCalendarDays(outcome, r.int(3, 12)) : addWorkingDaysOn(cal, deadline, 1);
      if (payDay <= AS_OF) {
        pay.state = paid ? 'met' : 'missed';
        Object.assign(c, { status: paid ? 'paid' : 'not_paid', paid_after_order: paid, amount_recovered_fen: paid ? amount : 0, workers_paid: paid ? workers : 0 });
        ev(paid ? 'paid' : 'not_paid', payDay, '', null);
        if (!paid && forceListable) c.mass_incident = mass || r.chance(0.3);
        const closeDay = addWorkingDaysOn(cal, payDay, r.int(2, 20));
        if (paid) close(closeDay, 'paid_in_full', amount, workers, '');
        else close(closeDay, r.pick(['referred_police', 'penalty_imposed']), 0, 0, '逾期未支付，依法处理');
      }
    }
    if (c.decided_on && (c.paid_after_order === false || c.mass_incident)) decided.push({ province_code: province, id });
    cases.push(c);
  }

  // Deadlines still open at the end of 2020: the warnings and escalations the daily check would have recorded.
  const caseOf = new Map(cases.map((c) => [c.id as string, c]));
  for (const d of deadlines) {
    if (d.state !== 'open') continue;
    const c = caseOf.get(d.case_id as string)!;
    const evAt = (kind: string, day: string) => events.push({ province_code: d.province_code, id: newId(), case_id: d.case_id, at: at(day), on_date: day, kind, region_code: c.region_code, actor_name: SYSTEM_ACTOR.name, note: '', data: JSON.stringify({ deadline: d.kind, dueOn: d.due_on }), dedupe_key: `${kind}:${d.kind}:${d.due_on}` });
    if ((d.warn_on as string) <= AS_OF) { d.warned_on = d.warn_on; evAt('deadline_warning', d.warn_on as string); c.deadline_state = 'warning'; }
    const esc = addCalendarDays(d.due_on as string, 1);
    if (esc <= AS_OF) { d.escalated_on = esc; evAt('deadline_escalated', esc); c.deadline_state = 'overdue'; }
  }

  await ctx.db.transaction().execute(async (trx) => {
    for (const part of chunks(cases)) await trx.insertInto('arrears_case').values(part as never).execute();
    for (const part of chunks(clues)) await trx.insertInto('arrears_clue').values(part as never).execute();
    for (const part of chunks(events)) await trx.insertInto('arrears_case_event').values(part as never).execute();
    for (const part of chunks(deadlines)) await trx.insertInto('arrears_deadline').values(part as never).execute();
    if (transfers.length) await trx.insertInto('arrears_transfer').values(transfers as never).execute();
    if (supervisions.length) await trx.insertInto('arrears_supervision').values(supervisions as never).execute();
    // Decided cases that may meet the listing criteria go to the blacklist as they would have at the time.
    for (const d of decided) await onCaseDecided(trx, d.province_code, d.id, { userId: null, name: 'demo' });
  });
  const closed = cases.filter((c) => c.status === 'closed');
  const recovered = closed.reduce((s, c) => s + Number(c.amount_recovered_fen ?? 0), 0);
  return `${clues.length} complaints, ${cases.length} cases (${closed.length} closed, ¥${Math.round(recovered / 100).toLocaleString('en')} recovered), ${transfers.length} transfers, ${supervisions.length} supervised, ${decided.length} sent to the blacklist check; demo query code ${DEMO_QUERY_CODE}`;
}
