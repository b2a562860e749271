/**
 * The one CSV writer. Quoting follows RFC 4180: a field with a quote, comma, CR or LF is quoted and
 * its quotes doubled. Lines end in LF (every spreadsheet and parser here reads it). Files for people
 * start with a UTF-8 BOM so that Excel opens Chinese text correctly.
 *
 * Formula guard (OWASP "CSV injection"): a text cell starting with = + - @ TAB or CR would run as a
 * formula in a spreadsheet, so it gets a leading apostrophe. Numbers are written as they are
 * (a negative amount is data, not a formula). Files meant for machines (COPY, re-import) turn the
 * guard off, since it would change the data.
 */
export const CSV_BOM = '\ufeff';

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(v: unknown, opts: { guard?: boolean } = {}): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  let s = v instanceof Date ? v.toISOString() : String(v);
  if (opts.guard !== false && FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One record, LF-terminated. */
export function csvLine(values: readonly unknown[], opts: { guard?: boolean } = {}): string {
  return values.map((v) => csvCell(v, opts)).join(',') + '\n';
}

/** A whole file for people: BOM, header, rows. */
export function csvFile(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  let out = CSV_BOM + csvLine(header);
  for (const r of rows) out += csvLine(r);
  return out;
}

/**
 * A field for PostgreSQL's `COPY … (format csv)`: null is the empty unquoted field (NULL), an empty
 * string is `""`; no formula guard (the data goes to the database as it is).
 */
export function copyCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return s === '' || NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
