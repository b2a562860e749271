import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { notifyUsers } from '../../src/modules/notifications/notifications.service.ts';
import { browserSuite, SKIP_BROWSER, chooseOption, login, openPage, screenshot, type Served } from './harness.ts';

/**
 * Labour-market monitoring in the console (issue 6), end to end: the public ranking, the
 * reporter's form with its live checks, and the ministry's board, review and publication. The
 * tests run in order on one server: the reporter's 2021Q1 report is the one the ministry accepts.
 */
describe.skipIf(SKIP_BROWSER)('labour-market monitoring (browser)', () => {
  let s: Served;
  const { shots, track, noErrors } = browserSuite('labour', (x) => { s = x; });

  // The published 2020Q4 top 10 (rules-2020.md §6), which the demo reproduces.
  const TOP10 = ['4-01-02-01', '4-09-08-01', '4-07-05-01', '4-01-02-03', '4-03-02-05', '4-10-01-06', '4-07-02-03', '6-18-01-01', '4-06-02-01', '6-18-02-04'];

  test('public ranking: linked from the home page, 2020Q4 top 10 with 营销员 first, major-group chart, CSV; phone-sized', async () => {
    const x = track(await openPage(s));
    const { page } = x;
    await page.goto('/');
    await page.getByTestId('shortage-card').getByText('2020年第四季度', { exact: false }).waitFor();
    await page.getByTestId('shortage-link').click();
    await page.waitForURL(/\/labour\/ranking\/2020Q4$/);
    const rows = page.getByTestId('ranking-table').locator('.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.first().textContent()).toContain('营销员');
    const codes = await rows.evaluateAll((els) => els.slice(0, 10).map((e) => e.querySelectorAll('td')[2]?.textContent));
    expect(codes).toEqual(TOP10);
    await page.getByTestId('breakdown-chart').locator('canvas').waitFor();
    expect(await page.getByTestId('ranking-totals').textContent()).toContain('比上季度');
    expect(await page.getByTestId('entries').textContent()).toMatch(/\d-\d{2}-\d{2}-\d{2}/);
    shots.push(await screenshot(page, 'labour-01-ranking', true));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toBe('ranking-2020Q4.csv');
    expect(csv).toContain('营销员');
    expect(await page.getByTestId('download-xlsx').getAttribute('href')).toBe('/api/public/labour/rankings/2020Q4/ranking.xlsx');

    // Another quarter from the list.
    await page.getByTestId('ranking-quarter').click();
    await chooseOption(page, '2020年第三季度');
    await page.waitForURL(/\/labour\/ranking\/2020Q3$/);
    await page.getByTestId('ranking-meta').getByText('2020年第三季度', { exact: false }).waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/labour/ranking/2020Q4');
    await rows.first().waitFor();
    await page.getByTestId('breakdown-chart').locator('canvas').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    shots.push(await screenshot(page, 'labour-02-ranking-phone', true));
    await page.getByTestId('breakdown-chart').scrollIntoViewIfNeeded();
    shots.push(await screenshot(page, 'labour-02b-ranking-phone-chart'));
    await page.getByTestId('ranking-table').scrollIntoViewIfNeeded();
    shots.push(await screenshot(page, 'labour-02c-ranking-phone-table'));

    // English and elderly mode: the chrome follows, the figures stay.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'The 100 occupations most short of workers' }).waitFor();
    await page.getByTestId('elderly-switch').click();
    await page.getByTestId('breakdown-chart').locator('canvas').waitFor();
    const heads = await page.locator('th').allTextContents();
    expect(heads.join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
    shots.push(await screenshot(page, 'labour-02d-ranking-english-elderly', true));
    noErrors(x);
  });

  test('reporter: a bad line is flagged at once, fixed; a value far from history asks for a comment; submitted', async () => {
    const x = track(await login(s, 'sz.reporter'));
    const { page } = x;
    await page.waitForURL(/\/console\/labour\/reports$/);
    await page.getByTestId('fill-2021Q1').click();
    await page.waitForURL(/\/console\/labour\/reports\/2021Q1$/);

    // Figures like last quarter's (no warning), from the agency's 2020Q4 report.
    const last = await page.evaluate(async () => {
      const list = await (await fetch('/api/labour/reports?quarter=2020Q4')).json() as { items: { id: string }[] };
      return (await (await fetch(`/api/labour/reports/${list.items[0].id}`)).json()) as { lines: { occupationCode: string; demand: number; seekers: number }[] };
    });
    const fig = (code: string) => last.lines.find((l) => l.occupationCode === code)!;
    const pick = async (i: number, name: string) => {
      await page.locator(`#f-lines-${i}-occupationCode`).click();
      await page.locator(`#f-lines-${i}-occupationCode`).fill(name);
      // Each line's list stays in the page when closed: the open one is the visible one.
      await chooseOption(page, name);
    };

    await page.locator('#f-totals-demand').fill('30000');
    await page.locator('#f-totals-seekers').fill('20000');
    await pick(0, '营销员');
    await page.locator('#f-lines-0-demand').fill(String(fig('4-01-02-01').demand));
    await page.locator('#f-lines-0-seekers').fill(String(fig('4-01-02-01').seekers));

    // A second line with the same occupation and a negative count: both flagged while typing.
    await page.getByTestId('add-line').click();
    await pick(1, '营销员');
    await page.getByTestId('f-lines-1-occupationCode-help').getByText('该职业已在第 1 行填报').waitFor();
    await page.locator('#f-lines-1-demand').fill('-5');
    await page.getByTestId('f-lines-1-demand-help').getByText('须为非负整数').waitFor();
    await page.getByTestId('problem-count').waitFor();
    shots.push(await screenshot(page, 'labour-03-report-live-errors', true));

    // Fixed.
    await pick(1, '保洁员');
    await page.locator('#f-lines-1-demand').fill(String(fig('4-09-08-01').demand));
    await page.locator('#f-lines-1-seekers').fill(String(fig('4-09-08-01').seekers));
    expect(await page.getByTestId('f-lines-1-occupationCode-help').count()).toBe(0);
    expect(await page.getByTestId('f-lines-1-demand-help').count()).toBe(0);

    // A third line ten times its history: the API warns, the form asks for a comment before submitting.
    await page.getByTestId('add-line').click();
    await pick(2, '保安员');
    await page.locator('#f-lines-2-demand').fill(String(fig('4-07-05-01').demand * 10));
    await page.locator('#f-lines-2-seekers').fill(String(fig('4-07-05-01').seekers));
    expect(await page.getByTestId('problem-count').count()).toBe(0);
    await page.getByTestId('submit-report').click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.getByText('有 1 个数值与历史数据相差较大').filter({ visible: true }).waitFor();
    await page.getByTestId('f-lines-2-demand-help').getByText('相差较大，请在备注中说明原因', { exact: false }).waitFor();
    shots.push(await screenshot(page, 'labour-04-report-warning', true));
    await confirm.getByRole('button', { name: '去填写说明' }).click();
    await page.locator('#f-lines-2-comment').fill('新开大型物流园区集中招聘保安');
    await page.getByTestId('submit-report').click();
    await page.getByText('报表已报送。').waitFor();
    await page.getByTestId('report-status').first().getByText('已报送待审核').waitFor();
    expect(await page.getByTestId('report-history').textContent()).toContain('报送');
    expect(await page.getByTestId('report-lines').textContent()).toContain('新开大型物流园区集中招聘保安');
    shots.push(await screenshot(page, 'labour-05-report-submitted', true));
    noErrors(x);
  });

  test('ministry: completeness board, reminders, review and accept, ranking preview, publish with confirmation', async () => {
    const x = track(await login(s, 'ministry'));
    const { page } = x;
    await page.getByTestId('nav-labour-board').click();
    await page.waitForURL(/\/console\/labour\/board$/);
    const totals = page.getByTestId('board-totals');
    await totals.getByText('102').first().waitFor();
    expect(await page.getByTestId('province-table').locator('.ant-table-row').count()).toBeGreaterThanOrEqual(31);
    await page.getByTestId('board-filter').getByText('待审核 1').click();
    await page.getByTestId('agency-table').locator('.ant-table-row', { hasText: '深圳市公共就业服务中心' }).waitFor();
    shots.push(await screenshot(page, 'labour-06-board', true));

    await page.getByTestId('send-reminders').click();
    await page.getByText('已向 101 个机构发送催报提醒。').waitFor();

    await page.getByTestId('open-report-440300').click();
    await page.waitForURL(/\/console\/labour\/board\/reports\/[0-9a-f-]{36}$/);
    await page.getByTestId('report-lines').getByText('新开大型物流园区集中招聘保安').waitFor();
    await page.getByTestId('accept-report').click();
    await page.getByRole('dialog').locator('.ant-btn-primary').click();
    await page.getByTestId('report-status').first().getByText('已审核通过').waitFor();
    shots.push(await screenshot(page, 'labour-07-review-accepted', true));

    await page.goBack();
    await page.getByTestId('load-preview').click();
    await page.getByTestId('ranking-preview').getByTestId('ranking-table').locator('.ant-table-row').first().waitFor();
    await page.getByTestId('publish').click();
    const dialog = page.locator('.ant-modal-confirm');
    await dialog.getByText('102 个监测机构中有 1 个的报表已审核通过', { exact: false }).filter({ visible: true }).waitFor();
    shots.push(await screenshot(page, 'labour-08-publish-confirm'));
    await dialog.getByRole('button', { name: '发布排行' }).click();
    await page.getByText('排行已发布', { exact: false }).first().waitFor();
    const published = await page.evaluate(() => fetch('/api/public/labour/rankings').then((r) => r.json())) as { items: { quarter: string }[] };
    expect(published.items[0].quarter).toBe('2021Q1');
    noErrors(x);
  });

  test('ministry opens and closes a quarter; a province registers a monitoring agency', async () => {
    const m = track(await login(s, 'ministry'));
    await m.page.goto('/console/labour/board');
    await m.page.getByTestId('open-quarter').click();
    const dlg = m.page.getByRole('dialog');
    await dlg.locator('#quarter_quarter').fill('2021Q3');
    await dlg.locator('#quarter_dueOn').click();
    await m.page.keyboard.type('2021-10-15');
    await m.page.keyboard.press('Enter');
    await dlg.locator('.ant-btn-primary').click();
    await m.page.getByText('2021年第三季度 已开放报送').waitFor();
    await m.page.waitForURL(/quarter=2021Q3/);
    await m.page.getByTestId('close-quarter').click();
    await m.page.locator('.ant-modal-confirm').getByRole('button', { name: '关闭本季度' }).click();
    await m.page.getByText('已关闭，锁定报表 0 份').waitFor();
    noErrors(m);

    const g = track(await login(s, 'gd.officer'));
    await g.page.getByTestId('nav-labour-agencies').click();
    await g.page.getByTestId('agencies').getByText('深圳市公共就业服务中心').waitFor();
    await g.page.getByTestId('agency-new').click();
    const form = g.page.getByRole('dialog');
    await form.locator('.ant-cascader').click();
    await g.page.locator('.ant-cascader-menu-item', { hasText: '广东省' }).click();
    await g.page.locator('.ant-cascader-menu-item', { hasText: '云浮市' }).click();
    await g.page.keyboard.press('Escape');
    await form.locator('#agency_name').fill('云浮市公共就业服务中心');
    await form.locator('#agency_monitoredFrom').fill('2021Q1');
    await form.locator('.ant-btn-primary').click();
    await g.page.getByTestId('agencies').getByText('云浮市公共就业服务中心').waitFor();
    shots.push(await screenshot(g.page, 'labour-09-agencies', true));
    noErrors(g);
  });

  test('a reporter sees a reminder in the header inbox and opens the report from it', async () => {
    const reporter = await s.ctx.db.selectFrom('app_user').select('id').where('username', '=', 'sz.reporter').executeTakeFirstOrThrow();
    await notifyUsers(s.ctx.db, [reporter.id], { kind: 'labour.reminder', params: { quarter: '2021Q1', dueOn: '2021-04-15' }, link: '/console/labour/reports/2021Q1' });
    const x = track(await login(s, 'sz.reporter'));
    const bell = x.page.getByTestId('notification-bell');
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('消息，1 条未读');
    await bell.click();
    await x.page.getByTestId('notifications').getByText('催报：请在 2021年4月15日 前报送2021年第一季度的缺工监测报表').waitFor();
    shots.push(await screenshot(x.page, 'labour-10-inbox'));
    await x.page.getByTestId('notification').first().click();
    await x.page.waitForURL(/\/console\/labour\/reports\/2021Q1$/);
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('消息，0 条未读');
    noErrors(x);
  });
});
