import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { zhCN } from '../../web/src/i18n/zh-CN.ts';
import { en } from '../../web/src/i18n/en.ts';
import { formatDate, formatDateTime, formatFen, formatMonth, formatNumber, latestEventDate } from '../../web/src/i18n/format.ts';

const WEB_SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/src');

describe('console dictionaries', () => {
  test('every key exists in both languages, with the same placeholders, and none is empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [key, zh] of Object.entries(zhCN)) {
      const other = en[key as keyof typeof en];
      expect(zh.trim(), key).not.toBe('');
      expect(other.trim(), key).not.toBe('');
      const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(vars(other), key).toEqual(vars(zh));
    }
  });

  test('the Chinese texts are Chinese and the English ones have no Chinese', () => {
    // Keys whose text is the other language on purpose: the language switch names the language it switches to.
    const crossing = new Set(['header.switchLanguage']);
    for (const [key, text] of Object.entries(en)) {
      if (!crossing.has(key)) expect(text, key).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  test('every key the pages use exists (t(\'…\') calls with a literal key)', () => {
    const files: string[] = [];
    const walk = (d: string) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else if (/\.tsx?$/.test(e.name)) files.push(p); } };
    walk(WEB_SRC);
    const used = new Set<string>();
    for (const f of files) for (const m of fs.readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([\w.]+)'/g)) used.add(m[1]);
    expect(used.size).toBeGreaterThan(100);
    for (const k of used) expect(zhCN, k).toHaveProperty([k]);
  });
});

describe('locale formatting', () => {
  test('amounts are stored in fen and shown in yuan with separators, exactly', () => {
    expect(formatFen('zh-CN', 123456789)).toBe('¥1,234,567.89');
    expect(formatFen('en', 123456789)).toBe('CN¥1,234,567.89');
    expect(formatFen('zh-CN', 5)).toBe('¥0.05');
    expect(formatFen('zh-CN', -150)).toBe('-¥1.50');
    expect(formatFen('zh-CN', 0)).toBe('¥0.00');
    // Beyond 2^53 the integer digits are kept: no floating point on the way.
    expect(formatFen('zh-CN', 123456789012345678901n)).toBe('¥1,234,567,890,123,456,789.01');
    expect(formatFen('zh-CN', null)).toBe('—');
  });

  test('dates, instants, months and counts follow the language', () => {
    expect(formatDate('zh-CN', '1990-05-17')).toBe('1990年5月17日');
    expect(formatDate('en', '1990-05-17')).toBe('17 May 1990');
    expect(formatDateTime('zh-CN', '2020-03-01T06:05:00Z')).toBe('2020年3月1日 14:05');
    expect(formatDateTime('en', '2020-03-01T06:05:00Z')).toBe('1 Mar 2020, 14:05');
    expect(formatMonth('zh-CN', '2020-03')).toBe('2020年3月');
    expect(formatMonth('en', '2020-03')).toBe('Mar 2020');
    expect(formatNumber('zh-CN', 1234567)).toBe('1,234,567');
    expect(formatNumber('en', null)).toBe('—');
  });

  test('the latest event date is today in China, as the API checks it', () => {
    expect(latestEventDate(new Date('2020-03-01T20:00:00Z'))).toBe('2020-03-02'); // 04:00 on 2 March in China
    expect(latestEventDate(new Date('2020-03-01T10:00:00Z'))).toBe('2020-03-01');
  });
});
