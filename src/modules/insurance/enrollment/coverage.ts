import { sql, type RawBuilder } from 'kysely';

/**
 * "Insured on D" for an enrollment row aliased `alias`: started on or before D, not ended by D
 * (ended_on is exclusive: a transfer's old enrollment ends on the day the new one starts), and
 * not inside a suspension (resumed_on exclusive too). One predicate for lists and statistics.
 */
export function insuredOn(alias: string, date: string): RawBuilder<boolean> {
  const e = sql.raw(alias);
  return sql<boolean>`(${e}.started_on <= ${date}::date and (${e}.ended_on is null or ${date}::date < ${e}.ended_on)
    and not exists (select 1 from insurance_enrollment_suspension s
      where s.province_code = ${e}.province_code and s.enrollment_id = ${e}.id
        and s.suspended_from <= ${date}::date and (s.resumed_on is null or ${date}::date < s.resumed_on)))`;
}

/** Whole years of age on a date, from a birth date (both 'YYYY-MM-DD'). */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** First and last day of a month 'YYYY-MM'. */
export function monthBounds(period: string): { first: string; last: string } {
  const [y, m] = period.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${period}-01`, last: `${period}-${String(last).padStart(2, '0')}` };
}
