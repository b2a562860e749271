import { idCheckCharacter } from '../persons/id-number.ts';
import { creditCheckCharacter, orgCodeCheckCharacter } from '../employers/credit-code.ts';

/** Deterministic pseudo-random numbers (mulberry32): the same seed builds the same demo. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof rng>;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉飞鑫宇浩然晨阳欣怡子涵梓轩雨婷佳琪思远建国志强海燕文博晓东俊杰丹丹';
const ORG_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export function personName(r: Rng): string {
  const given = r.chance(0.6) ? r.pick([...GIVEN]) + r.pick([...GIVEN]) : r.pick([...GIVEN]);
  return r.pick([...SURNAMES]) + given;
}

/** A valid ID number (GB 11643) for an address code and birth date; sex by the sequence's parity. */
export function makeIdNumber(addressCode: string, birth: string, seq: number): string {
  const first17 = `${addressCode}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

/** A valid unified social credit code (GB 32100) registered by market regulation (9) as an enterprise (1). */
export function makeCreditCode(r: Rng, divisionCode: string, entityType = '1'): string {
  let org = '';
  for (let i = 0; i < 8; i++) org += r.pick([...ORG_ALPHABET.slice(0, 10), ...'ABCDEFGHJKLMNPQRTUWXY']);
  const first17 = `9${entityType}${divisionCode}${org}${orgCodeCheckCharacter(org)}`;
  return first17 + creditCheckCharacter(first17);
}

export function birthDate(r: Rng, fromYear: number, toYear: number): string {
  const y = r.int(fromYear, toYear);
  const m = r.int(1, 12);
  const d = r.int(1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export const COMPANY_WORDS = ['华兴', '宏达', '鑫源', '恒通', '中瑞', '新星', '安泰', '金鹏', '永盛', '天成', '博远', '广信', '东方', '长江', '南粤', '北辰', '锦程', '海纳', '汇丰', '众诚'];
export const COMPANY_KINDS = ['科技有限公司', '建筑工程有限公司', '制造有限公司', '物流有限公司', '餐饮管理有限公司', '商贸有限公司', '电子有限公司', '物业服务有限公司', '家政服务有限公司', '劳务有限公司'];
