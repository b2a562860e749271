import type { AppContext } from '../../src/platform/context.ts';
import { SYSTEM_ACTOR } from '../../src/platform/audit.ts';
import type { Principal } from '../../src/platform/auth/policy.ts';
import { createPerson } from '../../src/modules/persons/persons.service.ts';
import { createEmployer } from '../../src/modules/employers/employers.service.ts';
import { makeCreditCode, makeIdNumber, rng } from '../../src/modules/demo/demo.generator.ts';
import { makeUser } from './http.ts';

/** The operator: creates fixtures anywhere. */
export const ROOT: Principal = { id: 'root', username: 'root', displayName: 'root', role: 'ministry', regionCode: '000000', subjectProvinceCode: null, subjectId: null, scopes: ['read', 'write'] };

const r = rng(7);
let seq = 100;
export const idIn = (address: string, birth = '1985-06-15') => makeIdNumber(address, birth, seq++);
export const codeIn = (division: string) => makeCreditCode(r, division);

export async function person(ctx: AppContext, regionCode: string, extra: Partial<{ name: string; idNumber: string }> = {}) {
  return createPerson(ctx, ROOT, SYSTEM_ACTOR, {
    idNumber: extra.idNumber ?? idIn(regionCode.slice(0, 4) + '05'), name: extra.name ?? '测试人', hukouType: 'urban', regionCode,
    migrantWorker: false, registeredPoor: false, fisherman: false,
  });
}

export async function employer(ctx: AppContext, regionCode: string, name = '测试企业有限公司') {
  return createEmployer(ctx, ROOT, SYSTEM_ACTOR, {
    creditCode: codeIn(regionCode), name, legalRep: '张三', regionCode, industryCode: '13', sizeClass: 'small', ownership: 'private', address: '',
  });
}

/**
 * A small world: Shenzhen (440300) with persons and an employer, Beijing (110000) likewise, and a
 * user of every role scoped to Shenzhen or Guangdong, plus the ministry.
 */
export async function world(ctx: AppContext) {
  const szPerson = await person(ctx, '440300', { name: '深圳甲' });
  const szOther = await person(ctx, '440300', { name: '深圳乙' });
  const bjPerson = await person(ctx, '110100', { name: '北京甲' });
  const szEmployer = await employer(ctx, '440300', '深圳测试有限公司');
  const bjEmployer = await employer(ctx, '110100', '北京测试有限公司');
  const users = {
    ministry: await makeUser(ctx, 'u.ministry', 'ministry', '000000'),
    province_officer: await makeUser(ctx, 'u.gd', 'province_officer', '440000'),
    city_officer: await makeUser(ctx, 'u.sz', 'city_officer', '440300'),
    labour_inspector: await makeUser(ctx, 'u.inspector', 'labour_inspector', '440300'),
    monitoring_reporter: await makeUser(ctx, 'u.reporter', 'monitoring_reporter', '440300'),
    employer: await makeUser(ctx, 'u.employer', 'employer', '440300', szEmployer.id),
    insured: await makeUser(ctx, 'u.insured', 'insured', '440300', szPerson.id),
  };
  return { szPerson, szOther, bjPerson, szEmployer, bjEmployer, users };
}

/** GB 2312 codes (as GBK/GB18030 write them) of the few characters the encoding tests use; others pass as ASCII. */
const GBK: Record<string, number[]> = { 张: [0xd5, 0xc5], 三: [0xc8, 0xfd], 李: [0xc0, 0xee], 四: [0xcb, 0xc4], 王: [0xcd, 0xf5], 五: [0xce, 0xe5] };
export const gbk = (s: string): Buffer => Buffer.from([...s].flatMap((c) => GBK[c] ?? [c.charCodeAt(0)]));
