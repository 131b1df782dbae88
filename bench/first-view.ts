/**
 * Benchmark: the dashboard's first view, as issue 5 times it — `asylum-sim serve` on a fresh
 * store, from the moment it prints its URL until the page in Chromium shows status-quo-2023's
 * results chart. Per start it records:
 * - `urlSeconds`: process start → URL printed (not part of the issue's 3 s, shown for context);
 * - `firstViewSeconds`: URL printed → the backlog chart drawn (partial results count: the page
 *   labels them as such);
 * - `finalSeconds`: URL printed → the full default run drawn (no partial label);
 * - `warmSeconds`: the same server restarted on the same store (which now holds the run) → chart.
 * Chromium is launched once, and each start gets a fresh browser context (no cache) with a blank
 * page made before the server starts: a user's browser is already open when the URL appears.
 *
 * The load average is printed before and after: on this shared 2-core machine the figures swing
 * with other people's work. Standalone: `node dist/bench/first-view.js --starts 5`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHART = '[data-testid=results] [data-testid=chart-backlog-people] svg';
const FINAL = '[data-testid=results]:not([data-partial]) [data-testid=chart-backlog-people] svg';
const TIMEOUT_MS = 120_000;

interface Start {
  urlSeconds: number;
  firstViewSeconds: number;
  finalSeconds: number;
  warmSeconds: number;
  /** What the first view said about itself: "final" or its partial label. */
  firstViewLabel: string;
}

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** Start `asylum-sim serve` on `db`; resolves once it has printed its URL. */
function serve(db: string): Promise<{ child: ChildProcess; url: string; urlAt: number; urlSeconds: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'asylum-sim.js'), 'serve', '--port', '0', '--db', db], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const m = /asylum-sim dashboard: (http\S+)/.exec(out);
      if (m) {
        const urlAt = performance.now();
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve({ child, url: m[1]!, urlAt, urlSeconds: (urlAt - t0) / 1000 });
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.once('exit', (code) => reject(new Error(`asylum-sim serve exited (${code}) before printing its URL: ${err}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

/** A fresh context (no cache) with a blank page, ready before the server starts, as a user's browser is. */
async function blankPage(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  return { context, page: await context.newPage() };
}

/** Open `url`; seconds from `since` to the first chart and to the final one. */
async function openPage(page: Page, url: string, since: number): Promise<{ first: number; final: number; label: string }> {
  await page.goto(url);
  await page.waitForSelector(CHART, { state: 'visible', timeout: TIMEOUT_MS });
  const first = (performance.now() - since) / 1000;
  const label = (await page.getAttribute('[data-testid=results]', 'data-partial')) ?? 'final';
  await page.waitForSelector(FINAL, { state: 'visible', timeout: TIMEOUT_MS });
  return { first, final: (performance.now() - since) / 1000, label };
}

/** Start a server on `db`, open its page in a fresh context, stop it. */
async function timedStart(browser: Browser, db: string) {
  const { context, page } = await blankPage(browser);
  try {
    const server = await serve(db);
    try {
      return { urlSeconds: server.urlSeconds, ...(await openPage(page, server.url, server.urlAt)) };
    } finally {
      await stop(server.child);
    }
  } finally {
    await context.close();
  }
}

async function oneStart(browser: Browser): Promise<Start> {
  const dir = mkdtempSync(join(tmpdir(), 'asylum-sim-first-view-'));
  const db = join(dir, 'store.sqlite');
  try {
    const cold = await timedStart(browser, db);
    const warm = await timedStart(browser, db);
    return { urlSeconds: cold.urlSeconds, firstViewSeconds: cold.first, finalSeconds: cold.final, warmSeconds: warm.first, firstViewLabel: cold.label };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round = (x: number) => Math.round(x * 100) / 100;

async function measure(starts: number): Promise<Record<string, number | string>> {
  const loadBefore = loadAverage();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const runs: Start[] = [];
  try {
    for (let i = 0; i < starts; i++) runs.push(await oneStart(browser));
  } finally {
    await browser.close();
  }
  const pick = (k: keyof Omit<Start, 'firstViewLabel'>) => runs.map((r) => r[k]);
  return {
    starts,
    seconds: round(median(pick('firstViewSeconds'))),
    firstViewSecondsMedian: round(median(pick('firstViewSeconds'))),
    firstViewSecondsMax: round(Math.max(...pick('firstViewSeconds'))),
    firstViewSecondsAll: pick('firstViewSeconds').map(round).join(' '),
    firstViewLabels: runs.map((r) => r.firstViewLabel).join('; '),
    finalSecondsMedian: round(median(pick('finalSeconds'))),
    warmSecondsMedian: round(median(pick('warmSeconds'))),
    processStartToUrlSecondsMedian: round(median(pick('urlSeconds'))),
    loadAverageBefore: loadBefore,
    loadAverageAfter: loadAverage(),
  };
}

/** For the registry: `starts` cold-and-warm starts in a child process (the runner is synchronous). */
export function firstView(starts: number): Record<string, number | string> {
  const out = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--starts', String(starts)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (out.status !== 0) throw new Error(`first-view benchmark failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop() as string) as Record<string, number | string>;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--starts');
  console.log(JSON.stringify(await measure(i >= 0 ? Number(process.argv[i + 1]) : 5)));
}
