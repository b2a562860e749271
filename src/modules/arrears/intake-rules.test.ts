import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasMarkup, normaliseKey } from './text-guard.ts';
import { attachmentDisposition, checkEvidence, safeFileName, sniff } from './attachments.ts';
import { caseKeyOf } from './clues.ts';

describe('markup in complaint text (issue 5: markup or script in text fields is refused)', () => {
  it.each([
    ['<script>alert(1)</script>', true],
    ['<img src=x onerror=alert(1)>', true],
    ['</textarea>', true],
    ['<!-- x -->', true],
    ['<?php echo 1; ?>', true],
    ['< b >粗体</ b >', true],
    ['<>', true],
    ['工资 3 < 5 个月', false],
    ['拖欠 > 3 个月', false],
    ['A&B 建筑公司 "引号" \'单引号\'', false],
    ['javascript 开发工程师', false],
  ])('%s → markup %s', (text, expected) => {
    expect(hasMarkup(text)).toBe(expected);
  });
});

describe('the same employer and project, however written, is one case', () => {
  it.each([
    ['华兴建筑工程有限公司', '南山 科技园3号地块', '华兴 建筑工程有限公司', '南山科技园 3 号地块', true],
    ['華興建築', 'A栋', '華興建築', 'Ａ栋', true], // full-width Latin (NFKC)
    ['华兴建筑工程有限公司', '南山（一期）', '华兴建筑工程有限公司', '南山一期', true],
    ['华兴建筑工程有限公司', '南山一期', '华兴建筑工程有限公司', '南山二期', false],
    ['华兴建筑工程有限公司', '', '宏达建筑工程有限公司', '', false],
  ])('%s / %s vs %s / %s → same %s', (e1, p1, e2, p2, same) => {
    const k = (e: string, p: string) => caseKeyOf({ employer: null, creditCode: null, employerName: e }, p);
    expect(k(e1, p1) === k(e2, p2)).toBe(same);
  });

  it('a registered employer is keyed by its credit code, whatever name the complainant used', () => {
    const employer = { credit_code: '91440300MA5EXAMPLE' };
    expect(caseKeyOf({ employer, creditCode: null, employerName: '华兴' }, 'x')).toBe(caseKeyOf({ employer, creditCode: null, employerName: '深圳华兴' }, 'x'));
    expect(normaliseKey(' A-B_C ')).toBe('abc');
  });
});

describe('evidence files: allow-list by content, served only as attachments', () => {
  it.each([
    [Buffer.from('%PDF-1.7\n'), 'application/pdf'],
    [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]), 'image/png'],
    [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]), 'image/jpeg'],
    [Buffer.from('<html><script>alert(1)</script>'), null],
    [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), null],
    [Buffer.from('GIF89a'), null],
    [Buffer.from('PK\u0003\u0004'), null],
  ])('%#: sniffed as %s', (content, type) => {
    expect(sniff(content)?.mediaType ?? null).toBe(type);
  });

  it('a wrong type is 415 and an oversized file 413, whatever its name says', () => {
    expect(() => checkEvidence('x.pdf', Buffer.from('<html>'))).toThrow(expect.objectContaining({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' }));
    expect(() => checkEvidence('x.pdf', Buffer.alloc(0))).toThrow(expect.objectContaining({ status: 415 }));
    expect(() => checkEvidence('x.pdf', Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(5 * 1024 * 1024)]))).toThrow(expect.objectContaining({ status: 413, code: 'PAYLOAD_TOO_LARGE' }));
  });

  it('names are harmless text; the download is an attachment with an ASCII fallback name', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\x\\工资<script>.png')).toBe('工资_script_.png');
    expect(safeFileName('a"b\r\n.pdf')).toBe('a_b__.pdf');
    expect(attachmentDisposition('0190a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5b', '工资 表.pdf', 'pdf')).toBe(`attachment; filename="evidence-0c1d2e3f4a5b.pdf"; filename*=UTF-8''%E5%B7%A5%E8%B5%84%20%E8%A1%A8.pdf`);
  });
});

describe('the console shows complaint text escaped', () => {
  it('no page of this module (nor the public home) renders raw HTML', () => {
    const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/src/pages');
    const files = [...fs.readdirSync(path.join(web, 'arrears')).map((f) => path.join(web, 'arrears', f)), path.join(web, 'public', 'PublicHome.tsx')];
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(fs.readFileSync(f, 'utf8'), f).not.toMatch(/dangerouslySetInnerHTML|innerHTML/);
  });
});
