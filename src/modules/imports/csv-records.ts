import { AppError } from '../../platform/errors.ts';

/** The longest record accepted; a longer one (an unclosed quote, a binary file) is refused at once. */
export const MAX_RECORD_CHARS = 64 * 1024;

/**
 * Text from a byte stream in UTF-8 or GB18030 (the superset of GBK, what Excel writes in China).
 * UTF-8 is assumed until a byte sequence is not valid UTF-8: if everything before it was ASCII
 * (identical in both), the file is read as GB18030 from there; if UTF-8 text came before, the file
 * mixes encodings and is refused with CSV_ENCODING rather than stored as replacement characters.
 */
export async function* decodeText(source: AsyncIterable<Buffer | string>, onEncoding?: (e: 'utf-8' | 'gb18030') => void): AsyncGenerator<string> {
  let utf8: TextDecoder | null = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let gb: TextDecoder | null = null;
  let sawNonAscii = false;
  let prevTail: Uint8Array = new Uint8Array(0); // bytes ≥ 0x80 at the end of the previous chunk, still held by the UTF-8 decoder
  let offset = 0;
  for await (const chunk of source) {
    if (typeof chunk === 'string') { yield chunk; continue; }
    if (gb) { yield gb.decode(chunk, { stream: true }); offset += chunk.length; continue; }
    try {
      const text = utf8!.decode(chunk, { stream: true });
      if (!sawNonAscii && /[^\u0000-\u007f]/.test(text)) sawNonAscii = true;
      yield text;
    } catch {
      if (sawNonAscii || startsWithUtf8Char(prevTail, chunk)) {
        throw new AppError('CSV_ENCODING', `The file is not valid UTF-8 (near byte ${offset}) and mixes encodings: save it as UTF-8 or as GB18030/GBK throughout`);
      }
      utf8 = null;
      gb = new TextDecoder('gb18030');
      onEncoding?.('gb18030');
      const joined = new Uint8Array(prevTail.length + chunk.length);
      joined.set(prevTail);
      joined.set(chunk, prevTail.length);
      yield gb.decode(joined, { stream: true });
    }
    let i = chunk.length;
    while (i > 0 && chunk.length - i < 3 && chunk[i - 1] >= 0x80) i--;
    prevTail = chunk.subarray(i);
    offset += chunk.length;
  }
  if (gb) { yield gb.decode(); return; }
  try {
    yield utf8!.decode();
    onEncoding?.('utf-8');
  } catch {
    throw new AppError('CSV_ENCODING', 'The file ends inside a UTF-8 character: save it as UTF-8 or as GB18030/GBK');
  }
}

/** Whether the first non-ASCII character of (tail + chunk) is a well-formed UTF-8 sequence. */
function startsWithUtf8Char(tail: Uint8Array, chunk: Uint8Array): boolean {
  const bytes = tail.length ? Buffer.concat([tail, chunk]) : chunk;
  const i = bytes.findIndex((b) => b >= 0x80);
  if (i < 0) return false;
  const lead = bytes[i];
  const len = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 && lead <= 0xdf ? 2 : 0;
  if (!len || i + len > bytes.length) return false;
  for (let k = 1; k < len; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return false;
  return true;
}

const tooLong = (record: number) =>
  new AppError('CSV_RECORD_TOO_LONG', `Record ${record} of the CSV file is longer than ${MAX_RECORD_CHARS} characters (an unclosed quote, or not a CSV file)`);

/**
 * RFC 4180 records from a byte stream (UTF-8, or GB18030/GBK detected: see decodeText), as arrays
 * of trimmed fields. Lines without a quote take a plain split (the common case, and most of the
 * import's parsing time); quoted fields may hold commas, doubled quotes and line breaks. A BOM is
 * dropped; blank lines are skipped. A record over MAX_RECORD_CHARS is refused as soon as it passes it.
 */
export async function* csvRecords(source: AsyncIterable<Buffer | string>, opts: { onEncoding?: (e: 'utf-8' | 'gb18030') => void } = {}): AsyncGenerator<string[]> {
  let carry = '';
  let first = true;
  let n = 0;
  for await (const decoded of decodeText(source, opts.onEncoding)) {
    let text = carry + decoded;
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
      if (nl - start > MAX_RECORD_CHARS) throw tooLong(n + 1);
      if (line.includes('"') && !quotesBalanced(line)) {
        const end = findRecordEnd(text, start);
        if (end < 0) break;
        line = text.slice(start, end);
        start = end + 1;
      } else {
        start = nl + 1;
      }
      n++;
      const rec = parseLine(line.endsWith('\r') ? line.slice(0, -1) : line);
      if (rec) yield rec;
    }
    carry = text.slice(start);
    if (carry.length > MAX_RECORD_CHARS) throw tooLong(n + 1);
  }
  if (carry.trim()) {
    if (carry.length > MAX_RECORD_CHARS) throw tooLong(n + 1);
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

/**
 * The index of the newline that ends the record starting at `start`, outside quotes; -1 if not yet
 * seen. Scans at most MAX_RECORD_CHARS, so an unclosed quote costs one bounded scan, not the file.
 */
function findRecordEnd(text: string, start: number): number {
  let inQuotes = false;
  const stop = Math.min(text.length, start + MAX_RECORD_CHARS + 1);
  for (let i = start; i < stop; i++) {
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
