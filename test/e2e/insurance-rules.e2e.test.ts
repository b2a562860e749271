import { describe, expect, test } from 'vitest';
import { browserSuite, SKIP_BROWSER, chooseOption, login, screenshot, type Served } from './harness.ts';

/** Insurance parameters and monthly assessment runs in the console, on the demo (whose step assessed 2019–2020). */
describe.skipIf(SKIP_BROWSER)('insurance parameters and assessment (browser)', () => {
  let s: Served;
  const { shots, track } = browserSuite('insurance-rules', (x) => { s = x; });

  test('a province officer browses parameters, reads a history and adds a dated value for the province', async () => {
    const x = track(await login(s, 'gd.officer'));
    const { page } = x;
    await page.getByTestId('nav-insurance-parameters').click();
    await page.waitForURL(/\/console\/insurance\/parameters$/);
    await page.locator('#param-key-filter').click();
    await page.locator('#param-key-filter').fill('rate.unemployment.empl');
    await chooseOption(page, 'rate.unemployment.employer');
    const rows = page.getByTestId('parameters').locator('.ant-table-row');
    await expect.poll(async () => (await rows.allTextContents()).join('|')).toContain('0.0048');
    await rows.filter({ hasText: '0.0048' }).getByRole('button').click();
    await page.getByTestId('param-history').locator('.ant-table-row').first().waitFor();
    shots.push(await screenshot(page, 'insurance-rules-01-history'));
    await page.keyboard.press('Escape');

    await page.getByTestId('param-new').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#parameter_key').click();
    await dialog.locator('#parameter_key').fill('rate.unemployment.empl');
    await chooseOption(page, 'rate.unemployment.employer');
    await dialog.locator('#parameter_effectiveFrom').fill('2022-01-01');
    await dialog.locator('#parameter_value').fill('0.0032');
    await dialog.locator('#parameter_source').fill('粤人社规 (e2e)');
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(async () => (await rows.allTextContents()).join('|')).toContain('0.0032');
    expect(x.errors).toEqual([]);
  });

  test('the officer reruns a month: nothing new is written and the totals show the relief', async () => {
    const x = track(await login(s, 'gd.officer'));
    const { page } = x;
    await page.getByTestId('nav-insurance-assessment-runs').click();
    await page.waitForURL(/\/console\/insurance\/assessment-runs$/);
    await page.getByTestId('runs').locator('.ant-table-row').first().waitFor();
    await page.locator('#run_period').fill('2020-03');
    await page.getByTestId('run-start').click();
    const totals = page.getByTestId('run-totals');
    await totals.locator('.ant-table-row').first().waitFor();
    await expect.poll(async () => (await page.getByTestId('runs').locator('.ant-table-row').filter({ hasText: '2020年3月' }).first().textContent()) ?? '').toContain('已完成');
    const run = await s.ctx.db.selectFrom('insurance_assessment_run').selectAll().where('province_code', '=', '44').where('period', '=', '2020-03').executeTakeFirstOrThrow();
    expect([run.status, Number(run.rows_written)]).toEqual(['done', 0]); // the demo had assessed the month already
    expect(await totals.textContent()).toContain('职工基本养老保险');
    expect(await totals.textContent()).toMatch(/单位缴费减免合计：[¥￥]?[1-9]/);
    shots.push(await screenshot(page, 'insurance-rules-02-runs', true));
    expect(x.errors).toEqual([]);
  });
});
