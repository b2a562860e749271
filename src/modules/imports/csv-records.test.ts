import { describe, expect, it } from 'vitest';
import { csvRecords } from './csv-records.ts';

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
