import fs from 'node:fs';
import path from 'node:path';
import { REFERENCE_DIR } from '../reference/reference.service.ts';
import type { ModuleDataLoader } from '../reference/module-data.ts';

interface HolidayFile {
  year: number;
  sources: { title: string; number: string }[];
  holidays: { name: string; from: string; to: string }[];
  workdays: { name: string; day: string }[];
}

export interface CalendarRow { day: string; kind: 'holiday' | 'workday'; name: string; source: string }

/** The rows of one year's file: every day of each holiday span, and each adjusted workday. */
export function calendarRows(file: HolidayFile): CalendarRow[] {
  const source = file.sources.map((s) => s.number).join('; ');
  const rows: CalendarRow[] = [];
  for (const h of file.holidays) {
    for (let ms = Date.parse(`${h.from}T00:00:00Z`); ms <= Date.parse(`${h.to}T00:00:00Z`); ms += 86_400_000) {
      rows.push({ day: new Date(ms).toISOString().slice(0, 10), kind: 'holiday', name: h.name, source });
    }
  }
  for (const w of file.workdays) rows.push({ day: w.day, kind: 'workday', name: w.name, source });
  return rows;
}

export function readHolidayFiles(dir = path.join(REFERENCE_DIR, 'holidays')): HolidayFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => /^\d{4}\.json$/.test(f)).sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as HolidayFile);
}

/** Loads reference/holidays/*.json (the working-day calendar). See ModuleDataLoader for overwrite. */
export const loadHolidayCalendar: ModuleDataLoader = async (db, opts) => {
  const rows = readHolidayFiles().flatMap(calendarRows);
  if (rows.length === 0) return;
  await db.transaction().execute(async (trx) => {
    const q = trx.insertInto('holiday_calendar').values(rows);
    await (opts.overwrite
      ? q.onConflict((oc) => oc.column('day').doUpdateSet((eb) => ({ kind: eb.ref('excluded.kind'), name: eb.ref('excluded.name'), source: eb.ref('excluded.source') })))
      : q.onConflict((oc) => oc.column('day').doNothing())).execute();
  });
};
