import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { testContext } from '../helpers/context.ts';
import { loadDemo } from '../../src/modules/demo/demo.service.ts';
import { buildApp } from '../../src/app.ts';
import { ensureWebBuild } from '../../src/cli/web-build.ts';

/**
 * Browser tests drive Debian's Chromium through playwright-core (no browser is ever
 * downloaded). Without Chromium they skip, except under CI, where they fail instead.
 */
export const CHROMIUM = process.env.HRSS_CHROMIUM ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
export const MUST_RUN = !!process.env.CI;
export const SKIP_BROWSER = !HAVE_CHROMIUM && !MUST_RUN;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = path.join(ROOT, 'test-output', 'screenshots');
export const DEMO_PASSWORD = 'hrss-demo-2020';

export type Served = Awaited<ReturnType<typeof serveConsole>>;

/** hrss in-process on a fresh PGlite with a small demo, serving the built console. */
export async function serveConsole() {
  if (!HAVE_CHROMIUM) throw new Error(`Chromium not found at ${CHROMIUM}: browser tests cannot run (CI requires them; apt-get install chromium)`);
  await ensureWebBuild();
  const ctx = await testContext();
  await loadDemo(ctx, { scale: 0.05 });
  // Each test logs in afresh; the login limit (10 a minute by default) would throttle the suite.
  ctx.config.HRSS_LOGIN_RATE_PER_MINUTE = 1000;
  const app = await buildApp(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    ctx, app, browser,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await browser.close().catch(() => {});
      await app.close();
      await ctx.close();
    },
  };
}

export interface Session { context: BrowserContext; page: Page; errors: string[] }

/** A fresh browser context (no cookies, no localStorage), optionally phone-sized, in Chinese by default. */
export async function openPage(s: Served, opts: { viewport?: { width: number; height: number }; locale?: 'zh-CN' | 'en' } = {}): Promise<Session> {
  const context = await s.browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 800 }, baseURL: s.baseUrl, acceptDownloads: true, locale: 'zh-CN' });
  if (opts.locale) await context.addInitScript((l) => { if (!localStorage.getItem('hrss.locale')) localStorage.setItem('hrss.locale', l); }, opts.locale);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // The 4xx responses the tests provoke are expected (the browser logs each as a failed resource).
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  page.setDefaultTimeout(15_000);
  return { context, page, errors };
}

export async function login(s: Served, username: string, opts: Parameters<typeof openPage>[1] = {}): Promise<Session> {
  const session = await openPage(s, opts);
  const { page } = session;
  await page.goto('/login');
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/console(\/|$)/);
  return session;
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(300); // let charts and transitions settle
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/**
 * Picks an option of an open Ant Design select. A click that lands while the list is still
 * animating open can leave it open (and covering the dialog's buttons): click again until closed.
 */
export async function chooseOption(page: Page, text: string): Promise<void> {
  const visibleOptions = page.locator('.ant-select-item-option').filter({ visible: true });
  for (let attempt = 0; attempt < 4; attempt++) {
    const option = visibleOptions.filter({ hasText: text }).first();
    if (attempt === 0) await option.waitFor({ state: 'visible' });
    else if (!(await option.count())) return; // closed: the previous click took
    await option.click();
    try {
      await visibleOptions.first().waitFor({ state: 'hidden', timeout: 2000 });
      return;
    } catch {
      /* still open: try again */
    }
  }
  throw new Error(`the select did not close after choosing ${text}`);
}

/**
 * The frame of a browser test file: serves the console with the demo before the tests, closes
 * every browser session after, and leaves a screenshot of where a failing test stood. Call it
 * inside describe(); `onServed` receives the server.
 */
export function browserSuite(name: string, onServed: (s: Served) => void) {
  let served: Served | undefined;
  const shots: string[] = [];
  const sessions: Session[] = [];
  beforeAll(async () => { served = await serveConsole(); onServed(served); }, 300_000);
  afterAll(async () => {
    for (const x of sessions) await x.context.close().catch(() => {});
    await served?.close();
    if (HAVE_CHROMIUM) console.log(`${name} screenshots (${shots.length}) in ${SCREENSHOTS}`);
  });
  afterEach(async (c) => {
    const last = sessions[sessions.length - 1];
    if (c.task.result?.state === 'fail' && last) shots.push(await screenshot(last.page, `failed-${name}-${c.task.name.replace(/\W+/g, '-').slice(0, 50)}`, true).catch(() => ''));
  });
  return {
    shots,
    track: (x: Session) => { sessions.push(x); return x; },
    noErrors: (x: Session) => expect(x.errors, x.errors.join('\n')).toEqual([]),
  };
}

