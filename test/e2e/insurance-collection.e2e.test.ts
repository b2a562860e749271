import { describe, expect, test } from 'vitest';
import { browserSuite, SKIP_BROWSER, chooseOption, login, screenshot, type Served } from './harness.ts';

/**
 * Collection and the fund ledger in the console (issue 4): the fund accounts page with its charts,
 * where the ministry posts a fiscal subsidy and sees it in the report; the employer's own statement.
 */
describe.skipIf(SKIP_BROWSER)('insurance collection (browser)', () => {
  let s: Served;
  const { shots, track, noErrors } = browserSuite('collection', (x) => { s = x; });

  test('fund accounts: from the menu, totals, charts by scheme, province and month; a fiscal subsidy posted through the form shows in the report', async () => {
    const x = track(await login(s, 'ministry'));
    const { page } = x;
    await page.getByRole('menuitem', { name: '基金收支' }).click();
    await page.waitForURL(/\/console\/insurance\/fund$/);
    await page.getByTestId('fund-totals').waitFor();
    const income = async () => (await page.getByTestId('fund-totals').locator('.ant-statistic').nth(1).locator('.ant-statistic-content').textContent()) ?? '';
    const before = await income();
    for (const id of ['fund-scheme-chart', 'fund-province-chart', 'fund-monthly-chart']) await page.getByTestId(id).locator('canvas').waitFor();

    // 1,234,567.89 yuan of central subsidy to Guangdong's employee pension fund.
    const form = page.locator('form').filter({ hasText: '收入类型' });
    await page.getByTestId('post-province').click();
    await page.keyboard.type('广东');
    await chooseOption(page, '广东');
    await form.getByLabel('金额（元）').fill('1234567.89');
    await form.getByLabel('记账日期').click();
    await page.keyboard.type('2020-09-30');
    await page.keyboard.press('Enter');
    await form.getByLabel('摘要').fill('中央调剂补助');
    await page.getByTestId('post-submit').click();
    await page.getByText('已入账').waitFor();
    await expect.poll(income).not.toBe(before);
    await expect.poll(async () => (await page.getByTestId('fund-table').textContent()) ?? '').toContain('广东');
    shots.push(await screenshot(page, 'collection-01-fund', true));
    noErrors(x);
  });

  test('employer statement: the demo employer sees its own months, dues, relief and payments', async () => {
    const x = track(await login(s, 'employer.demo'));
    const { page } = x;
    await page.getByRole('menuitem', { name: '单位缴费对账单' }).click();
    await page.waitForURL(/\/console\/insurance\/statement$/);
    await page.getByTestId('statement-employer').waitFor();
    await page.getByTestId('statement-totals').waitFor();
    expect(await page.getByTestId('statement-lines').textContent()).toBeTruthy();
    shots.push(await screenshot(page, 'collection-02-statement', true));
    noErrors(x);
  });
});
