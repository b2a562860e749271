import { describe, expect, it } from 'vitest';
import { MAX_RECORD_CHARS, csvRecords } from './csv-records.ts';
import { gbk } from '../../../test/helpers/fixtures.ts';
import { csvFile } from '../../platform/csv-writer.ts';

async function all(chunks: (string | Buffer)[]) {
  const out: string[][] = [];
  for await (const r of csvRecords((async function* () { yield* chunks; })())) out.push(r);
  return out;
}

describe('CSV records (RFC 4180)', () => {
  it('splits plain lines, trims, skips blanks, drops the BOM, accepts CRLF', async () => {
    expect(await all(['\ufeffa, b ,c\r\n\r\n1,2,3\n'])).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
  });

  it('handles quotes, doubled quotes, commas and line breaks inside quotes', async () => {
    expect(await all(['x,"a, ""b""",y\n"multi\nline",2\n'])).toEqual([['x', 'a, "b"', 'y'], ['multi\nline', '2']]);
  });

  it('joins records and multi-byte characters split across chunks', async () => {
    const bytes = Buffer.from('名字,"甲\n乙"\n最后,一行');
    const parts = [bytes.subarray(0, 4), bytes.subarray(4, 11), bytes.subarray(11)];
    expect(await all(parts)).toEqual([['名字', '甲\n乙'], ['最后', '一行']]);
  });

  it('refuses a file that ends inside a quote', async () => {
    await expect(all(['a,"never closed\n'])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});


describe('CSV encodings and limits', () => {
  it('the reader reads back what the writer wrote', async () => {
    const text = csvFile(['name', 'note'], [['张三', 'a, "b"\nc'], ['李四', '']]);
    expect(text.startsWith('\ufeffname,note\n')).toBe(true);
    const out: string[][] = [];
    for await (const r of csvRecords((async function* () { yield Buffer.from(text); })())) out.push(r);
    expect(out).toEqual([['name', 'note'], ['张三', 'a, "b"\nc'], ['李四', '']]);
  });


  it('the GBK table is right (checked by the platform decoder)', () => {
    expect(new TextDecoder('gb18030').decode(gbk('张三,李四,王五'))).toBe('张三,李四,王五');
  });

  it('reads GB18030/GBK (what Excel writes in China), detected from the bytes, also when split mid-character', async () => {
    const bytes = gbk('name,id\n张三,1\n李四,2\n王五,3\n');
    let seen = '';
    const out: string[][] = [];
    const chunks = [bytes.subarray(0, 9), bytes.subarray(9, 14), bytes.subarray(14)];
    for await (const r of csvRecords((async function* () { yield* chunks; })(), { onEncoding: (e) => { seen = e; } })) out.push(r);
    expect(out).toEqual([['name', 'id'], ['张三', '1'], ['李四', '2'], ['王五', '3']]);
    expect(seen).toBe('gb18030');
  });

  it('refuses a file that mixes UTF-8 and GBK instead of storing replacement characters', async () => {
    const mixed = Buffer.concat([Buffer.from('name\n名字\n'), gbk('张三\n')]);
    await expect(all([mixed])).rejects.toMatchObject({ code: 'CSV_ENCODING' });
  });

  it('refuses an over-long record as soon as it passes the limit, without reading the rest', async () => {
    let chunksRead = 0;
    const endless = (async function* () {
      yield Buffer.from('a,b\n"never closed');
      for (;;) { chunksRead++; yield Buffer.alloc(16 * 1024, 0x78); }
    })();
    await expect(all0(endless)).rejects.toMatchObject({ code: 'CSV_RECORD_TOO_LONG' });
    expect(chunksRead).toBeLessThanOrEqual(Math.ceil(MAX_RECORD_CHARS / (16 * 1024)) + 1);
    // One long line without quotes as well.
    await expect(all(['x'.repeat(MAX_RECORD_CHARS + 10) + '\n'])).rejects.toMatchObject({ code: 'CSV_RECORD_TOO_LONG' });
  });
});

async function all0(source: AsyncIterable<Buffer>) {
  const out: string[][] = [];
  for await (const r of csvRecords(source)) out.push(r);
  return out;
}
