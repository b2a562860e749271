import { StringDecoder } from 'node:string_decoder';
import { AppError } from '../../platform/errors.ts';

const MAX_RECORD_CHARS = 64 * 1024;

/**
 * RFC 4180 records from a byte stream, as arrays of trimmed fields. Lines without a quote take a
 * plain split (the common case, and most of the import's parsing time); quoted fields may hold
 * commas, doubled quotes and line breaks. A UTF-8 BOM is dropped; blank lines are skipped.
 */
export async function* csvRecords(source: AsyncIterable<Buffer | string>): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let first = true;
  for await (const chunk of source) {
    let text = carry + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (first && text.length) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      let line = text.slice(start, nl);
      // A quoted field may span lines: wait for its closing quote.
      if (line.includes('"') && !quotesBalanced(line)) {
        const end = findRecordEnd(text, start);
        if (end < 0) break;
        line = text.slice(start, end);
        start = end + 1;
      } else {
        start = nl + 1;
      }
      const rec = parseLine(line.endsWith('\r') ? line.slice(0, -1) : line);
      if (rec) yield rec;
    }
    carry = text.slice(start);
    if (carry.length > MAX_RECORD_CHARS) throw new AppError('VALIDATION_FAILED', `A CSV record is longer than ${MAX_RECORD_CHARS} characters (unclosed quote?)`);
  }
  carry += decoder.end();
  if (carry.trim()) {
    if (carry.includes('"') && !quotesBalanced(carry)) throw new AppError('VALIDATION_FAILED', 'The file ends inside a quoted field');
    const rec = parseLine(carry.endsWith('\r') ? carry.slice(0, -1) : carry);
    if (rec) yield rec;
  }
}

function quotesBalanced(s: string): boolean {
  let n = 0;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) n++;
  return n % 2 === 0;
}

/** The index of the newline that ends the record starting at `start`, outside quotes; -1 if not yet seen. */
function findRecordEnd(text: string, start: number): number {
  let inQuotes = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (c === 10 && !inQuotes) return i;
  }
  return -1;
}

function parseLine(line: string): string[] | null {
  if (!line.trim()) return null;
  if (!line.includes('"')) return line.split(',').map((f) => f.trim());
  const out: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < line.length) {
    const c = line[i];
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false;
      } else field += c;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === ',') {
      out.push(field.trim());
      field = '';
    } else field += c;
    i++;
  }
  out.push(field.trim());
  return out;
}
