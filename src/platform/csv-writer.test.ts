import { describe, expect, it } from 'vitest';
import { copyCell, csvCell, csvFile, csvLine } from './csv-writer.ts';

describe('the CSV writer', () => {
  it('quotes a field with a quote, comma, CR or LF (RFC 4180) and nothing else', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', 'cr\rhere', '张三'])).toBe('a,"b,c","say ""hi""","two\nlines","cr\rhere",张三\n');
  });

  it('guards text that a spreadsheet would run as a formula, but not numbers', () => {
    expect(['=SUM(A1)', '+1', '-2', '@x', '\tx'].map((s) => csvCell(s))).toEqual(["'=SUM(A1)", "'+1", "'-2", "'@x", "'\tx"]);
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell('=1', { guard: false })).toBe('=1');
    expect(csvCell(null)).toBe('');
  });

  it('files for people start with a BOM and a header', () => {
    expect(csvFile(['name', 'note'], [['张三', '']])).toBe('\ufeffname,note\n张三,\n');
  });

  it('COPY fields: NULL is empty, an empty string is quoted', () => {
    expect([null, '', 'x', 'a,b'].map(copyCell)).toEqual(['', '""', 'x', '"a,b"']);
  });
});
