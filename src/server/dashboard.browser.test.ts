/**
 * The dashboard end to end, in Debian's Chromium through playwright-core: load the page, pick a
 * built-in scenario, change the number of caseworkers, run and see the chart change, download the
 * CSV, save and reopen by link, compare two scenarios, open the claims ledger and the backtest. One replication per run keeps it quick;
 * one run of four shows partial results (the first replications) before the whole run.
 *
 * Runs when /usr/bin/chromium exists; skipped (with the reason printed) otherwise, except under
 * CI=true, where a missing browser fails: .ci/run installs it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DASHBOARD_DEFAULTS } from './dashboard-defaults.js';
import { webRoot } from './server.js';
import { tempDir, testServer } from './test-support.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const inCi = process.env.CI === 'true' || process.env.CI === '1';

if (!hasChromium && !inCi) console.warn(`dashboard browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

describe('browser tests need Chromium in CI', () => {
  it.runIf(inCi)('Chromium is installed', () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing; .ci/run installs it with apt-get`).toBe(true);
  });
});

/**
 * The page's document, inside functions that run in the page. This file is type-checked for Node,
 * without the DOM's types; waits are functions, not strings, because the page's CSP forbids eval,
 * and they are serialised into the page, so each names the document itself.
 */
interface PageElement {
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
}
type PageGlobal = { document: { querySelector(s: string): PageElement | null } };

/** The #/?s= address of a draft (the page's own encoding, see web/src/draft.ts). */
function draftUrl(base: string, draft: Record<string, unknown>): string {
  const json = JSON.stringify({ base: 'status-quo-2023', edits: {}, seed: 1, uncertainty: 'both', ...draft });
  return `${base}#/?s=${Buffer.from(json).toString('base64url')}`;
}

describe.skipIf(!hasChromium)('the dashboard in Chromium', () => {
  const tmp = tempDir();
  let server: Awaited<ReturnType<typeof testServer>>;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(join(webRoot(), 'index.html'))) throw new Error('web/dist is not built: run `npm run build` (npm test does)');
    server = await testServer(join(tmp.dir, 'browser.sqlite'), { web: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    tmp.remove();
  });

  const median = (page: Page) => page.getAttribute('[data-testid=results] [data-testid=chart-backlog-people]', 'data-last-median').then(Number);
  const resultTitle = (page: Page) => page.textContent('[data-testid=results] h2');
  async function runAndWait(page: Page, title: string) {
    await page.click('[data-testid=run]');
    await page.waitForFunction((t) => {
        const doc = (globalThis as unknown as PageGlobal).document;
        return !doc.querySelector('[data-testid=progress]') && doc.querySelector('[data-testid=results] h2')?.textContent?.startsWith(t);
      }, title, { timeout: 120_000 });
  }

  it('picks a scenario, changes caseworkers, runs, downloads CSV, saves, reopens, compares and opens the claims', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));

    // Load: the default scenario's results appear.
    await page.goto(draftUrl(server.url, { replications: 1 }));
    await page.waitForSelector('[data-testid=results]', { timeout: 120_000 });
    expect(await resultTitle(page)).toContain('Status quo');
    expect(await page.inputValue('[data-testid=scenario-picker]')).toBe(DASHBOARD_DEFAULTS.scenario);

    // Pick labour-plan-2023 and run it.
    await page.selectOption('[data-testid=scenario-picker]', 'labour-plan-2023');
    const labourTitle = (await page.textContent('[data-testid=scenario-picker] option:checked'))!.trim();
    await runAndWait(page, labourTitle);
    const before = await median(page);
    const chartBefore = await page.innerHTML('[data-testid=results] [data-testid=chart-backlog-people] .plot');

    // Far fewer caseworkers: the backlog chart changes, and ends higher.
    const headcount = page.locator('[data-testid="param-decisions.headcount"] input');
    await headcount.fill('300');
    await headcount.press('Tab');
    await page.waitForSelector('[data-testid="param-decisions.headcount"].edited');
    await page.click('[data-testid=run]');
    await page.waitForFunction((m) => Number((globalThis as unknown as PageGlobal).document.querySelector('[data-testid=results] [data-testid=chart-backlog-people]')?.getAttribute('data-last-median')) !== m, before, { timeout: 120_000 });
    const after = await median(page);
    expect(after).toBeGreaterThan(before);
    expect(await page.innerHTML('[data-testid=results] [data-testid=chart-backlog-people] .plot')).not.toBe(chartBefore);

    // CSV: one row per month, the CLI's monthly.csv columns.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-csv]')]);
    const csv = readFileSync((await download.path())!, 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/^month,awaitingDecisionCases_mean,/);
    expect(csv).toHaveLength(61);

    // Save and reopen by the short link: the same scenario and the same results.
    await page.click('[data-testid=save]');
    const link = (await page.getAttribute('[data-testid=share-link]', 'href'))!;
    expect(link).toMatch(/#\/\?id=[0-9a-f]{10}/);
    const reopened = await browser.newPage({ viewport: { width: 390, height: 844 } });
    reopened.on('pageerror', (e) => failures.push(e.message));
    await reopened.goto(link);
    await reopened.waitForSelector('[data-testid=results]', { timeout: 120_000 });
    expect(await reopened.inputValue('[data-testid=scenario-picker]')).toBe('labour-plan-2023');
    expect(await reopened.inputValue('[data-testid="param-decisions.headcount"] input')).toBe('300');
    expect(await median(reopened)).toBe(after);
    await reopened.close();

    // Compare status quo (A) with the edited plan (B).
    await page.click('[data-testid=nav-compare]');
    await page.selectOption('[data-testid=compare-a]', 'status-quo-2023');
    await page.selectOption('[data-testid=compare-b]', '@draft');
    await page.click('[data-testid=compare-run]');
    await page.waitForSelector('[data-testid=compare-table]', { timeout: 120_000 });
    const table = (await page.textContent('[data-testid=compare-table]'))!;
    expect(table).toContain('Status quo');
    expect(table).toContain('B − A');
    expect(await page.locator('[data-testid=chart-diff-backlog-people] svg').count()).toBeGreaterThan(0);

    // The claims ledger: every claim with its verdict and its inputs (one replication of the projection).
    await page.goto(`${server.url}#/claims?r=1`);
    await page.waitForSelector('[data-testid^=claim-]', { timeout: 120_000 });
    expect(await page.locator('[data-testid^=claim-]').count()).toBeGreaterThan(3);
    expect(await page.textContent('[data-testid=claims-page]')).toMatch(/caseworkers/);

    expect(failures).toEqual([]);
    await page.close();
  }, 300_000);

  it('shows the first replications as partial results, labelled as such, then the whole run', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    // A run of 4 not made before: the page sees at least one replication done before the last.
    await page.goto(draftUrl(server.url, { replications: 4, seed: 404 }));
    await page.waitForSelector('[data-testid=results][data-partial] [data-testid=chart-backlog-people] svg', { timeout: 120_000 });
    const label = (await page.textContent('[data-testid=results] [data-testid=partial]'))!;
    expect(label).toMatch(/^[123] of 4 replications, refining…$/);
    expect(await page.getAttribute('[data-testid=results]', 'data-partial')).toBe(label);
    expect(await page.isDisabled('[data-testid=download-csv]')).toBe(true);
    expect(await page.locator('[data-testid=progress]').count()).toBe(1);

    await page.waitForSelector('[data-testid=results]:not([data-partial])', { timeout: 120_000 });
    expect(await resultTitle(page)).toContain('· 4 replications · seed 404');
    expect(await page.locator('[data-testid=partial]').count()).toBe(0);
    expect(await page.locator('[data-testid=progress]').count()).toBe(0);
    expect(await page.isDisabled('[data-testid=download-csv]')).toBe(false);
    expect(failures).toEqual([]);
    await page.close();
  }, 180_000);

  it('shows the backtest: the backlog beside the record, and the MAPE table with its CSV; refused settings as a message', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    // Settings the server refuses: its message, naming the field, in place of the charts.
    await page.goto(`${server.url}#/backtest?replications=0`);
    await page.waitForSelector('[data-testid=backtest-page] [data-testid=error]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid=backtest-page] [data-testid=error]')).toMatch(/^replications: /);
    // Corrected from the keyboard: the backtest runs, and the address carries its settings.
    await page.fill('[data-testid=backtest-replications]', '2');
    await page.press('[data-testid=backtest-replications]', 'Enter');
    expect(await page.getAttribute('[data-testid=nav-backtest]', 'aria-current')).toBe('page');
    const backlog = '[data-testid=chart-backtest-awaiting_initial_decision_people]';
    await page.waitForSelector(`${backlog} svg`, { timeout: 120_000 });
    expect(await page.textContent(`${backlog} .chart-title`)).toMatch(/^People awaiting an initial decision: MAPE \d+\.\d% \(target \d+\.\d%\)/);
    // The record as dots beside the model's band and median.
    expect(await page.locator(`${backlog} svg circle`).count()).toBeGreaterThan(4);
    expect(await page.textContent('[data-testid=backtest-results] h2')).toContain('2 replications');
    const row = (await page.textContent('[data-testid=backtest-table] tr[data-series=awaiting_initial_decision_people]'))!;
    expect(row).toMatch(/People awaiting an initial decision.*\d+ of \d+.*\d+\.\d%/);
    // Beside the MAPE: the band's coverage and its interval score relative to the record, both as percentages.
    const scoreCells = '[data-testid=backtest-table] tr[data-series=awaiting_initial_decision_people]';
    expect(await page.textContent(`${scoreCells} td[data-score=coverage]`)).toMatch(/^\d+\.\d%$/);
    expect(await page.textContent(`${scoreCells} td[data-score=interval]`)).toMatch(/^\d+\.\d% \S+$/);
    expect(await page.locator('[data-testid=backtest-derived] li').count()).toBeGreaterThan(0);
    // The band says what it includes: by default, chance and the calibrated parameters' spread.
    expect(await page.textContent('[data-testid=backtest-uncertainty]')).toMatch(/^replications differ in their random events and in (the calibrated parameters|every uncertain parameter)/);
    expect(await page.locator('[data-testid=progress]').count()).toBe(0);
    expect(await page.locator('[data-testid=backtest-page] [data-testid=error]').count()).toBe(0);
    expect(new URL(page.url()).hash).toBe('#/backtest?replications=2');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=backtest-csv]')]);
    const csv = readFileSync((await download.path())!, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('series,label,unit,scored_periods,periods,mape,target,met,coverage,interval_score,interval_score_relative');
    expect(csv.some((line) => line.startsWith('awaiting_initial_decision_people,'))).toBe(true);
    expect(failures).toEqual([]);
    await page.close();
  }, 180_000);

  it('shows an error message, not a blank page, when the server refuses a run', async () => {
    const page = await browser.newPage();
    await page.goto(draftUrl(server.url, { replications: 1, edits: { 'decisions.productivity': -3 } }));
    await page.waitForSelector('[data-testid=error]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid=error]')).toContain('decisions.productivity');
    await page.close();
  }, 120_000);
});
