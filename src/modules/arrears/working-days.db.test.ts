import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/helpers/context.ts';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from './working-days.ts';

// Sources (reference/holidays/*.json):
//   N2019  国办发明电〔2018〕15号 (2019 arrangement) and 国办发明电〔2019〕3号 (Labour Day 2019 changed to 1–4 May)
//   N2020  国办发明电〔2019〕16号 (2020 arrangement)
//   X2020  国办发明电〔2020〕1号 (Spring Festival 2020 extended to 2 February)
//   N2021  国办发明电〔2020〕27号;  N2022  国办发明电〔2021〕11号
describe('working days on the official holiday calendar', () => {
  let ctx: Awaited<ReturnType<typeof testContext>>;
  beforeAll(async () => { ctx = await testContext(); });
  afterAll(async () => { await ctx.close(); });

  it.each([
    ['2020-01-23', true, 'N2020: the working day before the Spring Festival'],
    ['2020-01-19', true, 'N2020: Sunday 19 January worked (调休上班)'],
    ['2020-01-31', false, 'X2020: extension adds Friday 31 January'],
    ['2020-02-01', false, 'X2020: Saturday 1 February, a workday under N2020, is off after the extension'],
    ['2020-02-03', true, 'X2020: work resumes Monday 3 February'],
    ['2020-04-26', true, 'N2020: Sunday 26 April worked for Labour Day'],
    ['2020-05-01', false, 'N2020: Labour Day 1–5 May'],
    ['2020-05-05', false, 'N2020: Labour Day 1–5 May'],
    ['2020-05-09', true, 'N2020: Saturday 9 May worked'],
    ['2020-06-28', true, 'N2020: Sunday 28 June worked for the Dragon Boat Festival'],
    ['2020-10-08', false, 'N2020: National Day and Mid-Autumn 1–8 October'],
    ['2020-10-10', true, 'N2020: Saturday 10 October worked'],
    ['2020-10-11', false, 'an ordinary Sunday'],
    ['2020-10-12', true, 'an ordinary Monday'],
    ['2019-05-03', false, 'N2019 as changed by 国办发明电〔2019〕3号: 1–4 May off'],
    ['2019-05-05', true, '国办发明电〔2019〕3号: Sunday 5 May worked'],
    ['2018-12-29', true, 'N2019: Saturday 29 December 2018 worked for New Year 2019'],
    ['2021-02-20', true, 'N2021: Saturday 20 February worked'],
    ['2022-04-02', true, 'N2022: Saturday 2 April worked for Qingming'],
    ['2022-10-09', true, 'N2022: Sunday 9 October worked'],
  ])('%s is a working day: %s (%s)', async (date, expected) => {
    expect(await isWorkingDay(ctx.db, date)).toBe(expected);
  });

  it.each([
    // from, n, expected, source
    ['2020-01-22', 1, '2020-01-23', 'N2020: Thursday before the Spring Festival'],
    ['2020-01-23', 1, '2020-02-03', 'X2020: nothing is worked from 24 January to 2 February'],
    ['2020-01-17', 1, '2020-01-19', 'N2020: Sunday 19 January is worked'],
    ['2020-04-30', 1, '2020-05-06', 'N2020: Labour Day 1–5 May'],
    ['2020-04-30', 3, '2020-05-08', 'N2020: 6, 7, 8 May'],
    ['2020-04-30', 4, '2020-05-09', 'N2020: Saturday 9 May is worked'],
    ['2020-09-25', 1, '2020-09-27', 'N2020: Sunday 27 September is worked'],
    ['2020-09-30', 1, '2020-10-09', 'N2020: 1–8 October off'],
    ['2020-09-30', 2, '2020-10-10', 'N2020: Saturday 10 October is worked'],
    ['2020-05-06', -1, '2020-04-30', 'backwards over Labour Day'],
    ['2020-06-01', 0, '2020-06-01', 'zero days'],
    // 60 working days from acceptance (劳动保障监察条例 art. 17) across the 2020 National Day week.
    ['2020-09-01', 60, '2020-11-30', 'N2020: 22 in September (incl. Sunday 27), 17 in October (9, Saturday 10, 12–30), 21 in November'],
  ])('%s + %i working days = %s (%s)', async (from, n, expected) => {
    expect(await addWorkingDays(ctx.db, from, n)).toBe(expected);
  });

  it.each([
    ['2020-01-23', '2020-02-03', 1, 'X2020'],
    ['2020-04-30', '2020-05-09', 4, 'N2020'],
    ['2020-05-09', '2020-04-30', -4, 'reversed'],
    ['2020-01-01', '2020-12-31', 249, 'N2020 + X2020: 262 weekdays − 19 weekday holidays (1 Jan; 24, 27–31 Jan; 6 Apr; 1, 4, 5 May; 25, 26 Jun; 1, 2, 5–8 Oct) + 6 worked weekend days'],
  ])('working days in (%s, %s] = %i (%s)', async (from, to, expected) => {
    expect(await workingDaysBetween(ctx.db, from, to)).toBe(expected);
  });
});
