import { AppError } from '../../platform/errors.ts';
import type { ReportInput } from './labour.rules.ts';

const COLUMNS = ['occupation_code', 'demand', 'seekers', 'comment'] as const;
const TOTAL_ROW = /^(TOTAL|合计)$/i;
const COLUMN_OF: Record<string, string> = { occupationCode: 'occupation_code', demand: 'demand', seekers: 'seekers' };

/**
 * A report from CSV records (header first): occupation_code,demand,seekers[,comment], one row per
 * occupation and a row TOTAL (or 合计) with the totals. Values stay strings: the same validation
 * rules as the JSON API judge them. Field names point at the file: row.<line>.<column>.
 */
export function parseReportCsv(records: string[][]): { input: ReportInput; fieldName: (f: string) => string } {
  const [header, ...rows] = records;
  const cols = (header ?? []).map((h) => h.trim().toLowerCase());
  if (cols[0] !== COLUMNS[0] || cols[1] !== COLUMNS[1] || cols[2] !== COLUMNS[2] || (cols.length > 3 && cols[3] !== COLUMNS[3]) || cols.length > 4) {
    throw new AppError('VALIDATION_FAILED', `The CSV header must be ${COLUMNS.join(',')} (comment optional)`,
      [{ field: 'file', code: 'BAD_HEADER', message: `expected ${COLUMNS.join(',')}, got ${cols.join(',') || '(empty file)'}` }]);
  }
  const lineNos: number[] = [];
  let totals: { demand: unknown; seekers: unknown } = { demand: undefined, seekers: undefined };
  let totalLine: number | null = null;
  const lines: ReportInput['lines'] = [];
  rows.forEach((r, i) => {
    const fileLine = i + 2; // the header is line 1
    if (TOTAL_ROW.test(r[0] ?? '')) {
      totals = { demand: r[1] ?? '', seekers: r[2] ?? '' };
      totalLine = fileLine;
      return;
    }
    lines.push({ occupationCode: r[0] ?? '', demand: r[1] ?? '', seekers: r[2] ?? '', comment: r[3] || null });
    lineNos.push(fileLine);
  });
  const fieldName = (f: string) => {
    const line = /^lines\.(\d+)\.(\w+)$/.exec(f);
    if (line) return `row.${lineNos[Number(line[1])]}.${COLUMN_OF[line[2]] ?? line[2]}`;
    const total = /^totals\.(\w+)$/.exec(f);
    if (total) return totalLine === null ? `row.TOTAL.${total[1]}` : `row.${totalLine}.${total[1]}`;
    return f;
  };
  return { input: { totals, lines }, fieldName };
}
