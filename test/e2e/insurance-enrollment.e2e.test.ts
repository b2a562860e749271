import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import dayjs from 'dayjs';
import { sql } from 'kysely';
import { SKIP_BROWSER, login, serveConsole, type Served, type Session } from './harness.ts';
import { monthBounds } from '../../src/modules/insurance/enrollment/coverage.ts';

/** The employer's monthly wage declaration in the console: the form, a correction-free save, and a CSV with a bad row. */
describe.skipIf(SKIP_BROWSER)('insurance wage declaration (browser)', () => {
  let s: Served;
  let x: Session | null = null;
  beforeAll(async () => { s = await serveConsole(); }, 300_000);
  afterAll(async () => {
    await x?.context.close().catch(() => {});
    await s?.close();
  });

  test('employer declares the month’s wages in the form and by CSV; bad rows are reported, good rows kept', async () => {
    x = await login(s, 'employer.demo');
    const { page } = x;
    await page.goto('/console/insurance/declarations');
    const rows = page.getByTestId('declare-sheet').locator('.ant-table-row');
    await rows.first().waitFor();
    const period = dayjs().subtract(1, 'month').format('YYYY-MM');
    const employerId = (await s.ctx.db.selectFrom('app_user').select('subject_id').where('username', '=', 'employer.demo').executeTakeFirstOrThrow()).subject_id!;

    await rows.first().locator('input').fill('8000');
    await page.getByTestId('declare-save').click();
    await expect.poll(() => rows.first().innerText()).toContain('8,000.00');
    const saved = await s.ctx.db.selectFrom('insurance_declaration').select(['wage_fen', 'declared_by', 'source'])
      .where('employer_id', '=', employerId).where('period', '=', period).where('superseded_by', 'is', null).execute();
    expect(saved).toEqual([{ wage_fen: 800_000, declared_by: 'employer.demo', source: 'api' }]);

    // A CSV with one good row (an insured employee of the month) and one bad wage.
    const { first, last } = monthBounds(period);
    const employee = await sql<{ id_number: string }>`select p.id_number from insurance_enrollment e join person p on p.id = e.person_id
      where e.employer_id = ${employerId} and e.category = 'employee' and e.started_on <= ${last}::date and (e.ended_on is null or e.ended_on > ${first}::date) limit 1`.execute(s.ctx.db);
    const csv = `id_number,wage_fen\n${employee.rows[0].id_number},912300\n${employee.rows[0].id_number.slice(0, 17)}0,-5\n`;
    await page.locator('input[type=file]').setInputFiles({ name: 'wages.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const result = page.getByTestId('declare-csv-result');
    await result.waitFor();
    await expect.poll(() => result.innerText()).toMatch(/共 2 行：申报成功 1 行，有误 1 行/);
    expect(await result.innerText()).toContain('NEGATIVE_WAGE');
    await expect.poll(() => page.getByTestId('declare-sheet').innerText()).toContain('9,123.00');
    expect(x.errors).toEqual([]);
  }, 120_000);
});
