import { describe, expect, test } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/platform/audit.ts';
import { onCaseDecided } from '../../src/modules/blacklist/hooks.ts';
import { insertCase } from '../../src/modules/blacklist/test-cases.ts';
import { browserSuite, SKIP_BROWSER, login, openPage, screenshot, type Served } from './harness.ts';

/** The public blacklist and disclosure pages, and one management step (the advance notice) in the console. */
describe.skipIf(SKIP_BROWSER)('blacklist (browser)', () => {
  let s: Served;
  const { shots, track, noErrors } = browserSuite('blacklist', (x) => { s = x; });

  test('public list: current entries with masked ID numbers; the disclosure batches', async () => {
    const x = track(await openPage(s));
    const { page } = x;
    await page.goto('/blacklist');
    await page.getByRole('heading', { name: '拖欠农民工工资失信联合惩戒对象名单' }).waitFor();
    const rows = page.getByTestId('public-blacklist').locator('.ant-table-row');
    await rows.first().waitFor();
    const text = await page.getByTestId('public-blacklist').textContent();
    expect(text).toMatch(/\d{6}\*{8}\d{3}[\dX]/); // a responsible person's masked ID number
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(text).toContain('人社部令第45号');
    shots.push(await screenshot(page, 'blacklist-01-public', true));
    await page.goto('/disclosures');
    await page.getByTestId('public-disclosures').locator('.ant-card').first().waitFor();
    expect(await page.getByTestId('public-disclosures').textContent()).not.toMatch(/\d{17}[\dX]/);
    shots.push(await screenshot(page, 'blacklist-02-disclosures', true));
    noErrors(x);
  });

  test('an officer sends the advance notice on a proposal: the objection window is shown in working days', async () => {
    const c = await insertCase(s.ctx.db, { regionCode: '440300', caseNo: 'E2E-BL-0001', employerName: '深圳端到端测试建筑有限公司', decidedOn: '2021-03-01' });
    await s.ctx.db.transaction().execute((trx) => onCaseDecided(trx, c.province_code, c.id, SYSTEM_ACTOR));
    const x = track(await login(s, 'sz.officer'));
    const { page } = x;
    await page.goto('/console/blacklist');
    await page.getByTestId('entries').getByText('深圳端到端测试建筑有限公司').first().click();
    const drawer = page.getByTestId('entry-drawer');
    await drawer.getByText('拟列入').first().waitFor();
    await drawer.getByText('人社部规〔2017〕16号').first().waitFor();
    await page.getByTestId('action-notice').click();
    await page.locator('#entry-notice_noticedOn').fill('2021-03-02');
    await page.getByRole('dialog').filter({ hasText: '书面告知' }).getByRole('button', { name: /保\s*存/ }).click();
    await drawer.getByText('已告知').first().waitFor();
    await drawer.getByText('2021年3月9日').first().waitFor(); // Tue 2 March + 5 working days
    const e = await s.ctx.db.selectFrom('blacklist_entry').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect([e.status, e.noticed_on, e.objection_due]).toEqual(['noticed', '2021-03-02', '2021-03-09']);
    shots.push(await screenshot(page, 'blacklist-03-notice'));
    noErrors(x);
  });
});
