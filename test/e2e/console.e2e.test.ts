import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { makeIdNumber } from '../../src/modules/demo/demo.generator.ts';
import { forgetAllAuth } from '../../src/platform/auth/sessions.ts';
import { HAVE_CHROMIUM, SCREENSHOTS, SKIP_BROWSER, chooseOption, login, openPage, screenshot, serveConsole, type Served, type Session } from './harness.ts';

/**
 * The web console end to end, as a person uses it: Chromium against hrss in-process with a
 * small demo. Screenshots of the main pages go to test-output/screenshots/.
 */
describe.skipIf(SKIP_BROWSER)('web console (browser)', () => {
  let s: Served;
  const shots: string[] = [];
  const sessions: Session[] = [];
  const track = (x: Session) => { sessions.push(x); return x; };

  beforeAll(async () => {
    s = await serveConsole();
  }, 300_000);

  afterAll(async () => {
    for (const x of sessions) await x.context.close().catch(() => {});
    await s?.close();
    if (HAVE_CHROMIUM) console.log(`Screenshots (${shots.length}) in ${SCREENSHOTS}`);
  });

  // A failing test leaves a picture of where it stood.
  afterEach(async (c) => {
    const last = sessions[sessions.length - 1];
    if (c.task.result?.state === 'fail' && last) {
      shots.push(await screenshot(last.page, `failed-${c.task.name.replace(/\W+/g, '-').slice(0, 60)}`, true).catch(() => ''));
    }
  });

  const noErrors = (x: Session) => expect(x.errors, x.errors.join('\n')).toEqual([]);

  test('public home: headline figures, the public lists and complaints, API docs, skip link; phone-sized', async () => {
    const x = track(await openPage(s));
    const { page } = x;
    const headline = await (await fetch(`${s.baseUrl}/api/public/headline`)).json() as { persons: number };
    await page.goto('/');
    await expect.poll(() => page.getByTestId('headline').textContent()).toContain(new Intl.NumberFormat('zh-CN').format(headline.persons));
    // The published lists and the complaint service are linked (their pages: test/e2e/arrears, blacklist, labour).
    expect(await page.getByTestId('blacklist-link').getAttribute('href')).toBe('/blacklist');
    expect(await page.getByTestId('disclosures-link').getAttribute('href')).toBe('/disclosures');
    expect(await page.getByTestId('complaint-new').getAttribute('href')).toBe('/complaints/new');
    expect(await page.getByTestId('api-docs').getAttribute('href')).toBe('/api/docs');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    // The first Tab lands on the skip link, which is visible when focused.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('skip-link');
    shots.push(await screenshot(page, '01-public-home', true));

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    await page.getByTestId('headline').getByText(new Intl.NumberFormat('zh-CN').format(headline.persons)).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    shots.push(await screenshot(page, '02-public-home-phone', true));
    noErrors(x);
  });

  test('login: a wrong password says so; the login page is usable', async () => {
    const x = track(await openPage(s));
    const { page } = x;
    await page.goto('/login');
    await page.locator('#login_username').fill('sz.officer');
    await page.locator('#login_password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await page.getByRole('alert').getByText('用户名或密码错误。').waitFor();
    shots.push(await screenshot(page, '03-login-error'));
    noErrors(x);
  });

  const MENUS: Record<string, { menu: string[]; scope: string; landing: RegExp }> = {
    ministry: { menu: ['dashboard', 'persons', 'employers', 'labour-board', 'labour-agencies', 'insurance-enrollments', 'insurance-statement', 'insurance-record', 'insurance-fund', 'insurance-parameters', 'insurance-assessment-runs', 'arrears-cases', 'arrears-supervision', 'blacklist', 'disclosures', 'audit', 'users', 'tokens'], scope: '全国', landing: /\/console\/dashboard$/ },
    'gd.officer': { menu: ['dashboard', 'persons', 'employers', 'imports', 'labour-board', 'labour-agencies', 'insurance-enrollments', 'insurance-declarations', 'insurance-collection', 'insurance-statement', 'insurance-record', 'insurance-fund', 'insurance-parameters', 'insurance-assessment-runs', 'arrears-cases', 'arrears-supervision', 'blacklist', 'disclosures', 'audit', 'users', 'tokens'], scope: '广东省', landing: /\/console\/dashboard$/ },
    'hb.officer': { menu: ['dashboard', 'persons', 'employers', 'imports', 'labour-board', 'labour-agencies', 'insurance-enrollments', 'insurance-declarations', 'insurance-collection', 'insurance-statement', 'insurance-record', 'insurance-fund', 'insurance-parameters', 'insurance-assessment-runs', 'arrears-cases', 'arrears-supervision', 'blacklist', 'disclosures', 'audit', 'users', 'tokens'], scope: '湖北省', landing: /\/console\/dashboard$/ },
    'sz.officer': { menu: ['dashboard', 'persons', 'employers', 'imports', 'labour-board', 'insurance-enrollments', 'insurance-declarations', 'insurance-collection', 'insurance-statement', 'insurance-record', 'insurance-fund', 'insurance-parameters', 'arrears-cases', 'arrears-supervision', 'blacklist', 'disclosures', 'tokens'], scope: '广东省深圳市', landing: /\/console\/dashboard$/ },
    'sz.inspector': { menu: ['dashboard', 'persons', 'employers', 'arrears-cases', 'blacklist', 'tokens'], scope: '广东省深圳市', landing: /\/console\/dashboard$/ },
    'sz.reporter': { menu: ['labour-reports', 'tokens'], scope: '广东省深圳市', landing: /\/console\/labour\/reports$/ },
    'employer.demo': { menu: ['employers', 'insurance-enrollments', 'insurance-declarations', 'insurance-statement', 'insurance-parameters', 'tokens'], scope: '广东省深圳市', landing: /\/console\/employers\/[0-9a-f-]{36}$/ },
    'insured.demo': { menu: ['persons', 'insurance-enrollments', 'insurance-declarations', 'insurance-record', 'insurance-parameters', 'tokens'], scope: '广东省深圳市', landing: /\/console\/persons\/[0-9a-f-]{36}$/ },
  };

  test.each(Object.keys(MENUS))('menu of %s shows only what the role may do, and its region', async (username) => {
    const want = MENUS[username];
    const x = track(await login(s, username));
    const { page } = x;
    await page.getByTestId('menu').waitFor();
    const keys = await page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice(4)));
    expect(keys).toEqual(want.menu);
    await expect.poll(() => page.getByTestId('scope').textContent()).toBe(want.scope);
    expect(page.url()).toMatch(want.landing);
    // A page the role may not use says so rather than failing.
    if (!want.menu.includes('audit')) {
      await page.goto('/console/audit');
      await page.getByText('无权访问').waitFor();
    }
    if (['ministry', 'sz.reporter', 'employer.demo', 'insured.demo'].includes(username)) {
      await page.goBack();
      shots.push(await screenshot(page, `04-landing-${username}`));
    }
    noErrors(x);
  });

  const newIdNumber = makeIdNumber('440305', '1990-05-17', 123);

  test('register a person: the ID number check, API field errors on the fields, then find the person', async () => {
    const x = track(await login(s, 'sz.officer'));
    const { page } = x;
    await page.getByTestId('nav-persons').click();
    await page.getByTestId('person-new').click();

    // A wrong check character is caught on the field as soon as the user leaves it.
    await page.locator('#person_idNumber').fill('440300199001011234');
    await page.locator('#person_name').click();
    await page.getByText('身份证号码校验码错误（GB 11643 MOD 11-2）').waitFor();
    await page.getByTestId('person-save').click();
    expect(page.url()).toMatch(/\/persons\/new$/);
    shots.push(await screenshot(page, '05-person-form-id-error'));

    // A problem only the API finds comes back in `fields` and lands on the named field.
    await page.locator('#person_idNumber').fill(newIdNumber);
    await page.locator('#person_name').fill('张<三>');
    await page.getByTestId('person-save').click();
    await page.locator('#person_name_help').getByText('不能包含 < 或 >').waitFor();
    expect(await page.locator('#person_idNumber_help').count()).toBe(0);
    shots.push(await screenshot(page, '06-person-form-api-field-error'));

    await page.locator('#person_name').fill('测试新人');
    await page.locator('#person_phone').fill('13800138000');
    await page.getByTestId('person-save').click();
    await page.waitForURL(/\/console\/persons\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: '测试新人' }).waitFor();
    expect(await page.getByTestId('person-identity').textContent()).toContain(newIdNumber);
    expect(await page.getByTestId('person-identity').textContent()).toContain('1990年5月17日');

    // Found by ID number in the registry search.
    await page.getByTestId('nav-persons').click();
    await page.getByTestId('person-search').fill(newIdNumber);
    await page.getByTestId('person-search').press('Enter');
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    await page.locator('.ant-table-row', { hasText: '测试新人' }).waitFor();
    shots.push(await screenshot(page, '07-person-search'));

    // The same ID number again: the API's 409 is shown on the ID number field, with a link to the record.
    await page.getByTestId('person-new').click();
    await page.locator('#person_idNumber').fill(newIdNumber);
    await page.locator('#person_name').fill('测试重复');
    await page.getByTestId('person-save').click();
    await page.locator('#person_idNumber_help').getByText('该身份证号码已登记').waitFor();
    await page.getByTestId('duplicate-link').waitFor();
    noErrors(x);
  });

  test('employment actions: hire at an employer, separation, unemployment registration and deregistration', async () => {
    const x = track(await login(s, 'sz.officer'));
    const { page } = x;
    await page.getByTestId('nav-employers').click();
    await page.locator('.ant-table-row a').first().click();
    await page.waitForURL(/\/console\/employers\/[0-9a-f-]{36}$/);
    await page.getByTestId('hire').waitFor();
    const employerName = (await page.locator('h1').textContent())!;
    expect(employerName).not.toBe('用人单位');
    await page.getByTestId('hire').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#hire_idNumber').fill(newIdNumber);
    await dialog.locator('.ant-btn-primary').click();
    await page.locator('.ant-table-row', { hasText: '测试新人' }).waitFor();
    shots.push(await screenshot(page, '08-employer-detail', true));

    await page.locator('.ant-table-row', { hasText: '测试新人' }).getByRole('link').click();
    await page.waitForURL(/\/console\/persons\//);
    await page.locator('.ant-table-row', { hasText: employerName }).getByText('在职').waitFor();
    await page.getByTestId('separate').click();
    await page.locator('#separation_reason').click();
    await chooseOption(page, '合同期满终止');
    await page.getByRole('dialog').locator('.ant-btn-primary').click();
    await page.locator('.ant-table-row', { hasText: '合同期满终止' }).waitFor();

    await page.getByTestId('register-unemployment').click();
    await page.getByRole('dialog').locator('.ant-btn-primary').click();
    await page.locator('.ant-table-row').getByText('登记中').waitFor();
    shots.push(await screenshot(page, '09-person-detail', true));
    await page.getByTestId('deregister').click();
    await page.locator('#deregistration_reason').click();
    await chooseOption(page, '已就业');
    await page.getByRole('dialog').locator('.ant-btn-primary').click();
    await page.locator('.ant-table-row', { hasText: '已就业' }).waitFor();
    noErrors(x);
  });

  test('CSV import with bad rows: result, downloadable error report; CSV export', async () => {
    const x = track(await login(s, 'sz.officer'));
    const { page } = x;
    await page.getByTestId('nav-imports').click();
    const good = makeIdNumber('440306', '1985-02-03', 457);
    const csv = [
      'id_number,name,hukou_type,region_code,migrant_worker,registered_poor,fisherman,phone',
      `${good},导入成功,urban,440300,false,false,false,13900000000`,
      '440300199001011234,校验码错,urban,440300,false,false,false,',
      `${makeIdNumber('440306', '1986-02-03', 458)},地区错,urban,999999,false,false,false,`,
      `${makeIdNumber('440306', '1987-02-03', 459)},户口错,village,440300,false,false,false,`,
    ].join('\n');
    await page.getByTestId('import-file').setInputFiles({ name: 'persons-bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-start').click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('1 行成功，3 行有错误');
    shots.push(await screenshot(page, '10-import-result', true));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-error-report').click()]);
    const report = fs.readFileSync((await download.path())!, 'utf8');
    expect(report).toContain('row,column,code,message');
    expect(report).toContain('INVALID_ID_NUMBER');
    expect(report).toContain('UNKNOWN_DIVISION');
    expect(report.trim().split('\n')).toHaveLength(4);

    await page.getByTestId('nav-persons').click();
    const [exported] = await Promise.all([page.waitForEvent('download'), page.getByTestId('person-export').click()]);
    const text = fs.readFileSync((await exported.path())!, 'utf8');
    expect(text).toContain('id_number');
    expect(text).toContain(good);
    noErrors(x);
  });

  test('dashboard: figures for the region, the China map and the monthly trend', async () => {
    const x = track(await login(s, 'gd.officer'));
    const { page } = x;
    await page.getByTestId('china-map').locator('canvas').waitFor();
    await page.getByTestId('trend-chart').locator('canvas').waitFor();
    expect(await page.getByTestId('dashboard-scope').textContent()).toContain('广东省');
    const overview = await page.evaluate(() => fetch('/api/stats/overview').then((r) => r.json())) as { totals: { persons: number } };
    expect(await page.getByTestId('dashboard-totals').textContent()).toContain(new Intl.NumberFormat('zh-CN').format(overview.totals.persons));
    shots.push(await screenshot(page, '11-dashboard-province', true));
    noErrors(x);
  });

  test('language: English beside Chinese, switchable and remembered; dates and figures follow', async () => {
    const x = track(await login(s, 'ministry'));
    const { page } = x;
    await page.getByTestId('china-map').locator('canvas').waitFor();
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('nav-persons').getByText('Persons', { exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    // No Chinese left in the chrome of the page (names of people and places are data).
    const chrome = await page.evaluate(() => [document.querySelector('[data-testid="menu"]')?.textContent, document.querySelector('h1')?.textContent,
      ...[...document.querySelectorAll('.app-header button:not([data-testid="lang-switch"]), .app-header label, .ant-card-head-title, .ant-statistic-title, th')].map((e) => e.textContent)].join(' '));
    expect(chrome).not.toMatch(/[\u4e00-\u9fff]/);
    expect(await page.getByTestId('scope').textContent()).toBe('National');
    shots.push(await screenshot(page, '12-dashboard-english', true));

    await page.getByTestId('nav-persons').click();
    await page.waitForURL(/\/console\/persons$/);
    await page.getByTestId('id-number').first().waitFor();
    expect(await page.locator('.ant-table-row').first().textContent()).toMatch(/\d{1,2} [A-Z][a-z]{2} \d{4}/); // 17 May 1990
    shots.push(await screenshot(page, '13-persons-english'));
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('nav-persons').getByText('人员信息').waitFor();
    noErrors(x);
  });

  test('elderly mode: larger type and contrast, switchable from the header and remembered', async () => {
    const x = track(await login(s, 'sz.officer'));
    const { page } = x;
    await page.getByTestId('nav-persons').click();
    await page.locator('.ant-table-row').first().waitFor();
    const before = await page.locator('.ant-table-cell').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    await page.getByTestId('elderly-switch').click();
    await expect.poll(() => page.evaluate(() => document.body.classList.contains('elderly'))).toBe(true);
    const after = await page.locator('.ant-table-cell').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(after).toBeGreaterThanOrEqual(18);
    expect(after).toBeGreaterThan(before);
    await page.reload();
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.evaluate(() => document.body.classList.contains('elderly'))).toBe(true);
    shots.push(await screenshot(page, '14-persons-elderly'));
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('trend-chart').locator('canvas').waitFor();
    shots.push(await screenshot(page, '15-dashboard-elderly', true));
    await page.getByTestId('elderly-switch').click();
    await expect.poll(() => page.evaluate(() => document.body.classList.contains('elderly'))).toBe(false);
    noErrors(x);
  });

  test('session expiry and logout send the user back to the login page with a message', async () => {
    const x = track(await login(s, 'sz.officer'));
    const { page } = x;
    await page.getByTestId('nav-persons').click();
    await page.locator('.ant-table-row').first().waitFor();
    await s.ctx.db.updateTable('session').set({ expires_at: new Date(Date.now() - 60_000) }).execute();
    forgetAllAuth(); // the server caches sessions for a few seconds
    await page.getByTestId('nav-employers').click();
    await page.waitForURL(/\/login$/);
    await page.getByTestId('login-notice').getByText('登录已过期或已失效，请重新登录。').waitFor();
    shots.push(await screenshot(page, '16-login-session-expired'));
    // Logging in again returns to where the user was.
    await page.locator('#login_username').fill('sz.officer');
    await page.locator('#login_password').fill('hrss-demo-2020');
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/console\/employers$/);

    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login$/);
    await page.getByTestId('login-notice').getByText('您已安全退出。').waitFor();
    await page.goto('/console/persons');
    await page.waitForURL(/\/login$/);
    noErrors(x);
  });

  test('audit trail, users and API tokens pages', async () => {
    const x = track(await login(s, 'gd.officer'));
    const { page } = x;
    await page.getByTestId('nav-audit').click();
    await page.locator('.ant-table-row').first().waitFor();
    shots.push(await screenshot(page, '17-audit'));
    await page.getByTestId('nav-users').click();
    await page.getByRole('cell', { name: 'sz.officer', exact: true }).first().waitFor();
    shots.push(await screenshot(page, '18-users'));
    await page.getByTestId('nav-tokens').click();
    await page.getByTestId('token-new').click();
    await page.locator('#token_name').fill('统计接口');
    await page.getByRole('dialog').locator('.ant-btn-primary').click();
    expect(await page.getByTestId('token-secret').textContent()).toMatch(/\S{20,}/);
    shots.push(await screenshot(page, '19-token-created'));
    noErrors(x);
  });
});
