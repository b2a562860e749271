import { Readable } from 'node:stream';
import { CompiledQuery, sql } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import { SYSTEM_ACTOR, writeAudit } from '../../platform/audit.ts';
import { newId } from '../../platform/ids.ts';
import { runImport } from '../imports/imports.service.ts';
import { createUser } from '../users/users.service.ts';
import { loadLabourMarketDemo } from '../labour/labour.demo.ts';
import { loadEnrollmentDemo } from '../insurance/enrollment/demo.ts';
import { loadAssessmentDemo } from '../insurance/rules/demo.ts';
import { loadCollectionDemo } from '../insurance/collection/demo.ts';
import { loadArrearsDemo } from '../arrears/demo.ts';
import { loadBlacklistDemo } from '../blacklist/demo.ts';
import { COMPANY_KINDS, COMPANY_WORDS, birthDate, makeCreditCode, makeIdNumber, personName, rng } from './demo.generator.ts';
import { csvLine } from '../../platform/csv-writer.ts';

/** The demo's provinces: two municipalities, Hubei (its own 2020 relief), the coast and a source of migrant labour. */
const DEMO_PROVINCES = ['11', '31', '33', '42', '44', '51'];
const BASE_PERSONS = 20_000;
const BASE_EMPLOYERS = 1_000;
export const DEMO_PASSWORD = 'hrss-demo-2020';

export interface DemoUser { username: string; role: string; regionCode: string; note: string }

// The demo's CSV goes back through the import: machine input, so no formula guard.
const demoLine = (xs: (string | number | boolean)[]) => csvLine(xs, { guard: false }).slice(0, -1);

export async function demoLoaded(ctx: AppContext): Promise<boolean> {
  return !!(await ctx.db.selectFrom('app_user').select('id').where('username', '=', 'ministry').executeTakeFirst());
}

/**
 * Builds the deterministic demo data set: persons and employers go through the CSV import (the
 * same validation as any upload), then employment histories, unemployment registrations and a
 * user for every role. `scale` 1 ≈ 20,000 persons and 1,000 employers.
 */
export async function loadDemo(ctx: AppContext, opts: { scale?: number; seed?: number; onStep?: (s: string) => void } = {}) {
  const scale = opts.scale ?? 1;
  const r = rng(opts.seed ?? 2020);
  const step = opts.onStep ?? (() => {});
  const prefectures = await ctx.db.selectFrom('division').select(['code', 'province_code']).where('level', '=', 'prefecture').where('province_code', 'in', DEMO_PROVINCES).orderBy('code').execute();
  const byProvince = new Map<string, string[]>();
  for (const d of prefectures) byProvince.set(d.province_code, [...(byProvince.get(d.province_code) ?? []), d.code]);
  const industries = (await ctx.db.selectFrom('industry').select('code').where('level', '=', 'division').execute()).map((i) => i.code);
  // Weighted towards manufacturing, construction, trade, services, as an urban registry is.
  const busyIndustries = ['13', '18', '36', '39', '47', '48', '51', '52', '54', '59', '61', '62', '65', '70', '72', '80', '82', '83', '84'].filter((c) => industries.includes(c));
  const weight: Record<string, number> = { '44': 0.3, '33': 0.15, '31': 0.15, '11': 0.12, '42': 0.13, '51': 0.15 };
  const pickProvince = () => { let x = r.next(); for (const p of DEMO_PROVINCES) { x -= weight[p]; if (x < 0) return p; } return '44'; };

  // Employers.
  const nEmployers = Math.max(20, Math.round(BASE_EMPLOYERS * scale));
  const seenCodes = new Set<string>();
  const employerLines = ['credit_code,name,legal_rep,region_code,industry_code,size_class,ownership,address'];
  for (let i = 0; i < nEmployers; i++) {
    const province = pickProvince();
    const region = r.pick(byProvince.get(province)!);
    const code = makeCreditCode(r, region);
    if (seenCodes.has(code)) continue;
    seenCodes.add(code);
    const size = r.pick(['micro', 'micro', 'small', 'small', 'small', 'medium', 'large', 'public_institution'] as const);
    const name = `${r.pick(COMPANY_WORDS)}${r.pick(COMPANY_WORDS)}${r.pick(COMPANY_KINDS)}${i}`;
    employerLines.push(demoLine([code, name, personName(r), region, r.chance(0.7) ? r.pick(busyIndustries) : r.pick(industries), size,
      size === 'public_institution' ? 'state' : r.pick(['private', 'private', 'private', 'state', 'foreign', 'hmt', 'joint', 'collective']), `${region}号街道${i}号`]));
  }
  step(`employers: ${employerLines.length - 1}`);
  await runImport(ctx, { kind: 'employers', filename: 'demo-employers.csv', source: Readable.from([employerLines.join('\n')]), principal: null, actor: SYSTEM_ACTOR });

  // Persons: Sichuan-born migrant workers live on the coast; others where they were born.
  const nPersons = Math.max(100, Math.round(BASE_PERSONS * scale));
  const seenIds = new Set<string>();
  const personLines = ['id_number,name,hukou_type,region_code,migrant_worker,registered_poor,fisherman,phone'];
  for (let i = 0; i < nPersons; i++) {
    const home = pickProvince();
    const migrant = home === '51' && r.chance(0.35);
    const live = migrant ? r.pick(['44', '33', '31']) : home;
    const addr = r.pick(byProvince.get(home)!).slice(0, 4) + String(r.int(2, 9)).padStart(2, '0');
    const id = makeIdNumber(addr, birthDate(r, 1955, 2004), r.int(0, 999));
    if (seenIds.has(id)) continue;
    seenIds.add(id);
    personLines.push(demoLine([id, personName(r), migrant || r.chance(0.25) ? 'rural' : 'urban', r.pick(byProvince.get(live)!),
      migrant, r.chance(0.03), live === '33' && r.chance(0.01), `1${r.int(30, 89)}${String(r.int(0, 99_999_999)).padStart(8, '0')}`]));
  }
  step(`persons: ${personLines.length - 1}`);
  await runImport(ctx, { kind: 'persons', filename: 'demo-persons.csv', source: Readable.from([personLines.join('\n')]), principal: null, actor: SYSTEM_ACTOR });

  await loadEmploymentHistories(ctx, r);
  step('employment histories');
  const users = await createDemoUsers(ctx);
  step(`users: ${users.length}`);
  const labour = await loadLabourMarketDemo(ctx, r);
  step(`labour market: ${labour.agencies} monitoring agencies, ${labour.reports} quarterly reports, 8 quarters published`);
  // Social insurance in order: enrollments and declarations, then assessment, then collection.
  step(`insurance enrollment: ${await loadEnrollmentDemo(ctx, r)}`);
  step(`insurance assessment: ${await loadAssessmentDemo(ctx, r)}`);
  step(`insurance collection: ${await loadCollectionDemo(ctx, r)}`);
  await pointDemoSubjectsAtInsuredRecords(ctx);
  step(`wage arrears: ${await loadArrearsDemo(ctx, r)}`);
  step(`blacklist and disclosure: ${await loadBlacklistDemo(ctx, r)}`);
  return { employers: employerLines.length - 1, persons: personLines.length - 1, users };
}

/** Histories: past jobs ended by resignation or contract end; most working-age persons hold a job now. */
async function loadEmploymentHistories(ctx: AppContext, r: ReturnType<typeof rng>) {
  // Resuming an interrupted demo load: histories are written once.
  if (await ctx.db.selectFrom('employment').select('id').limit(1).executeTakeFirst()) return;
  const employers = await ctx.db.selectFrom('employer').select(['province_code', 'id']).orderBy('province_code').orderBy('id').execute();
  const byProvince = new Map<string, string[]>();
  for (const e of employers) byProvince.set(e.province_code, [...(byProvince.get(e.province_code) ?? []), e.id]);
  const persons = await ctx.db.selectFrom('person').select(['province_code', 'id', 'birth_date', 'region_code']).orderBy('province_code').orderBy('id').execute();
  const emp: unknown[][] = [];
  const unemp: unknown[][] = [];
  for (const p of persons) {
    const age = 2020 - Number(p.birth_date.slice(0, 4));
    const pool = byProvince.get(p.province_code);
    if (!pool || age < 18 || age > 60) continue;
    // Month cursors (year × 12 + month − 1): jobs of 6–48 months with gaps between them, so that
    // hires and separations happen in every month of 2019–2020, as in a real registry.
    const END = 2020 * 12 + 11;
    const date = (m: number, day: number) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    let cursor = Math.max(Number(p.birth_date.slice(0, 4)) + 18, 2012) * 12 + r.int(0, 11);
    let employed = false;
    let lastEnd: number | null = null;
    while (cursor <= END) {
      const end = cursor + r.int(6, 48);
      if (end > END) {
        emp.push([p.province_code, newId(), r.pick(pool), p.province_code, p.id, date(cursor, r.int(1, 28)), null, null]);
        employed = true;
        break;
      }
      emp.push([p.province_code, newId(), r.pick(pool), p.province_code, p.id, date(cursor, 1), date(end, r.int(2, 28)), r.pick(['resigned', 'contract_ended', 'contract_ended', 'dismissed'])]);
      lastEnd = end;
      if (r.chance(0.1)) break; // leaves the labour force for now
      cursor = end + 1 + r.int(0, 8);
    }
    // About a fifth of those out of work at the end of 2020 are registered unemployed.
    if (!employed && lastEnd !== null && lastEnd >= 2019 * 12 && r.chance(0.2)) {
      unemp.push([p.province_code, newId(), p.province_code, p.id, p.region_code, date(Math.min(lastEnd + r.int(0, 1), END), 28)]);
    }
  }
  const chunk = 5000;
  for (let i = 0; i < emp.length; i += chunk) {
    const part = emp.slice(i, i + chunk);
    await ctx.db.transaction().execute(async (trx) => {
      await trx.executeQuery(CompiledQuery.raw(
        `insert into employment (province_code, id, employer_id, person_province_code, person_id, hired_on, separated_on, separation_reason)
         select * from unnest($1::char(2)[], $2::uuid[], $3::uuid[], $4::char(2)[], $5::uuid[], $6::date[], $7::date[], $8::text[])`,
        [0, 1, 2, 3, 4, 5, 6, 7].map((k) => part.map((row) => row[k]))));
      await writeAudit(trx, SYSTEM_ACTOR, { provinceCode: null, action: 'employment.demo_load', entityType: 'employment', entityId: `batch-${i / chunk}`, after: { rows: part.length } });
    });
  }
  for (let i = 0; i < unemp.length; i += chunk) {
    const part = unemp.slice(i, i + chunk);
    await ctx.db.transaction().execute(async (trx) => {
      await trx.executeQuery(CompiledQuery.raw(
        `insert into unemployment_registration (province_code, id, person_province_code, person_id, region_code, registered_on)
         select * from unnest($1::char(2)[], $2::uuid[], $3::char(2)[], $4::uuid[], $5::char(6)[], $6::date[])`,
        [0, 1, 2, 3, 4, 5].map((k) => part.map((row) => row[k]))));
      await writeAudit(trx, SYSTEM_ACTOR, { provinceCode: null, action: 'unemployment.demo_load', entityType: 'unemployment_registration', entityId: `batch-${i / chunk}`, after: { rows: part.length } });
    });
  }
}

/**
 * The demo employer and insured person should show a full record: once insurance is loaded, they
 * become a Shenzhen employee with an active pension enrollment and the largest account, and that
 * employee's employer.
 */
async function pointDemoSubjectsAtInsuredRecords(ctx: AppContext) {
  const found = await sql<{ personId: string; employerId: string }>`
    select p.id as "personId", e.employer_id as "employerId"
    from insurance_account a
    join insurance_account_entry x on x.province_code = a.province_code and x.account_id = a.id
    join person p on p.id = a.person_id
    join insurance_enrollment e on e.person_id = a.person_id and e.province_code = '44' and e.scheme = 'pension_employee'
      and e.category = 'employee' and e.status = 'active'
    join employer r on r.province_code = e.province_code and r.id = e.employer_id and r.region_code = '440300'
    where a.province_code = '44' and a.status = 'open' and p.region_code = '440300'
    group by p.id, e.employer_id
    order by sum(x.amount_fen) desc, p.id
    limit 1`.execute(ctx.db);
  const best = found.rows[0];
  if (!best?.employerId) return;
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ subject_id: best.personId, subject_province_code: '44' }).where('username', '=', 'insured.demo').execute();
    await trx.updateTable('app_user').set({ subject_id: best.employerId, subject_province_code: '44' }).where('username', '=', 'employer.demo').execute();
    await writeAudit(trx, SYSTEM_ACTOR, { provinceCode: '44', action: 'user.demo_subjects', entityType: 'app_user', entityId: 'insured.demo,employer.demo', after: best });
  });
}

async function createDemoUsers(ctx: AppContext): Promise<DemoUser[]> {
  const shenzhenEmployer = await ctx.db.selectFrom('employer').select('id').where('province_code', '=', '44').where('region_code', '=', '440300').orderBy('id').executeTakeFirst()
    ?? await ctx.db.selectFrom('employer').select('id').where('province_code', '=', '44').orderBy('id').executeTakeFirstOrThrow();
  const insured = await ctx.db.selectFrom('person').select('id').where('province_code', '=', '44').where('region_code', '=', '440300').orderBy('id').executeTakeFirst()
    ?? await ctx.db.selectFrom('person').select('id').where('province_code', '=', '44').orderBy('id').executeTakeFirstOrThrow();
  const specs = [
    { username: 'ministry', displayName: '人社部 统计员 Ministry analyst', role: 'ministry', regionCode: '000000', note: 'national, read; audit; users' },
    { username: 'gd.officer', displayName: '广东省人社厅 Guangdong officer', role: 'province_officer', regionCode: '440000', note: 'Guangdong, read/write' },
    { username: 'hb.officer', displayName: '湖北省人社厅 Hubei officer', role: 'province_officer', regionCode: '420000', note: 'Hubei, read/write' },
    { username: 'sz.officer', displayName: '深圳市人社局 Shenzhen officer', role: 'city_officer', regionCode: '440300', note: 'Shenzhen, read/write' },
    { username: 'sz.inspector', displayName: '深圳市劳动监察 Shenzhen inspector', role: 'labour_inspector', regionCode: '440300', note: 'Shenzhen, read' },
    { username: 'sz.reporter', displayName: '深圳市公共就业服务中心 Shenzhen PES reporter', role: 'monitoring_reporter', regionCode: '440300', note: 'labour-market reports' },
    { username: 'employer.demo', displayName: '示例企业 Demo employer', role: 'employer', regionCode: '440300', subjectId: shenzhenEmployer.id, note: 'one Shenzhen employer' },
    { username: 'insured.demo', displayName: '示例参保人 Demo insured person', role: 'insured', regionCode: '440300', subjectId: insured.id, note: 'one Shenzhen resident' },
  ] as const;
  for (const s of specs) {
    if (await ctx.db.selectFrom('app_user').select('id').where('username', '=', s.username).executeTakeFirst()) continue;
    await createUser(ctx, null, SYSTEM_ACTOR, { username: s.username, displayName: s.displayName, password: DEMO_PASSWORD, role: s.role, regionCode: s.regionCode, subjectId: 'subjectId' in s ? s.subjectId : undefined });
  }
  return specs.map((s) => ({ username: s.username, role: s.role, regionCode: s.regionCode, note: s.note }));
}

export const DEMO_USERS_HELP = (users: { username: string; role: string; regionCode: string }[]) =>
  users.map((u) => `  ${u.username.padEnd(14)} ${u.role.padEnd(20)} ${u.regionCode}`).join('\n') + `\n  password for all: ${DEMO_PASSWORD}`;
