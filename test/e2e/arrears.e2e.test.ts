import { describe, expect, test } from 'vitest';
import { makeIdNumber } from '../../src/modules/demo/demo.generator.ts';
import { browserSuite, SKIP_BROWSER, login, openPage, screenshot, type Served } from './harness.ts';

/**
 * Wage-arrears complaints in the console (issue 5), end to end: a worker files a complaint on the
 * public site with evidence, follows it with the tracking number and code, and the Shenzhen
 * labour inspector finds it in the office's inbox and accepts it.
 */
describe.skipIf(SKIP_BROWSER)('wage-arrears complaints (browser)', () => {
  let s: Served;
  const { shots, track, noErrors } = browserSuite('arrears', (x) => { s = x; });
  const employer = `浏览器测试建筑劳务有限公司${Date.now() % 100000}`;
  let trackingNo = '';
  let queryCode = '';

  test('public: file a complaint with evidence from the home page, then follow it with the tracking number and code', async () => {
    const x = track(await openPage(s));
    const { page } = x;
    await page.goto('/');
    await page.getByTestId('complaint-new').click();
    await page.waitForURL(/\/complaints\/new$/);
    await page.locator('#complainantName').fill('赵工人');
    await page.locator('#complainantIdNumber').fill(makeIdNumber('510105', '1985-06-15', 123));
    await page.locator('#complainantPhone').fill('13912345678');
    await page.locator('#employerName').fill(employer);
    await page.locator('#project').fill('南山区某住宅项目');
    await page.locator('#regionCode').click();
    await page.locator('.ant-cascader-menu-item', { hasText: '广东省' }).click();
    await page.locator('.ant-cascader-menu-item', { hasText: '深圳市' }).click();
    await page.keyboard.press('Escape');
    await page.locator('#workers').fill('8');
    await page.locator('#amountYuan').fill('64000');
    await page.locator('#monthsUnpaid').fill('3');
    await page.locator('#description').fill('项目完工后拖欠 8 人三个月工资 & 未结算');
    await page.locator('input[type=file]').setInputFiles({ name: '工资表.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]) });
    await page.getByTestId('submit-complaint').click();
    await page.getByTestId('complaint-receipt').waitFor();
    trackingNo = (await page.getByTestId('tracking-no').textContent())!.trim();
    queryCode = (await page.getByTestId('query-code').textContent())!.trim();
    expect(trackingNo).toMatch(/^XS\d{8}[0-9A-Z]{8}$/);
    shots.push(await screenshot(page, 'arrears-01-receipt'));

    await page.getByRole('button', { name: '查询进度' }).click();
    await page.waitForURL(/\/complaints\/track/);
    await page.locator('#code').fill(queryCode);
    await page.getByRole('button', { name: '查 询' }).or(page.getByRole('button', { name: '查询' })).first().click();
    await page.getByTestId('track-result').waitFor();
    expect(await page.getByTestId('track-result').textContent()).toContain('已登记');
    expect(await page.getByTestId('track-result').textContent()).not.toContain('赵工人');
    noErrors(x);
  });

  test('the Shenzhen inspector finds the complaint in the office inbox and accepts it; the timeline shows both steps', async () => {
    const x = track(await login(s, 'sz.inspector'));
    const { page } = x;
    await page.goto('/console/arrears/cases');
    await page.getByTestId('case-search').locator('input').fill(employer);
    await page.getByTestId('case-search').locator('input').press('Enter');
    const row = page.getByTestId('case-table').locator('.ant-table-row', { hasText: employer });
    await row.waitFor();
    await row.locator('a').first().click();
    await page.waitForURL(/\/console\/arrears\/cases\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('case-clues').textContent()).toContain('工资表.png');
    // Text from the public is shown as text.
    expect(await page.getByTestId('case-clues').textContent()).toContain('& 未结算');
    await page.getByTestId('act-accept').click();
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await page.getByTestId('case-status').getByText('已立案').waitFor();
    const timeline = await page.getByTestId('case-timeline').textContent();
    expect(timeline).toContain('收到投诉');
    expect(timeline).toContain('立案');
    shots.push(await screenshot(page, 'arrears-02-case', true));
    noErrors(x);

    const pub = track(await openPage(s));
    await pub.page.goto(`/complaints/track?no=${trackingNo}`);
    await pub.page.locator('#code').fill(queryCode);
    await pub.page.locator('#code').press('Enter');
    await pub.page.getByTestId('track-result').getByText('已立案').waitFor();
  });
});
