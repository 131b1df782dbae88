/**
 * The dashboard's client for the server's JSON API (src/server/app.ts). Errors come back as
 * ApiError with the server's one-line message, so the page can show it instead of going blank.
 * A token (for a server bound beyond loopback) arrives once as ?token= in the URL and is kept in
 * this tab's session storage.
 */
import type { Summary } from '../../src/experiment/summary.js';
import type { Comparison } from '../../src/experiment/compare.js';
import type { BacktestResult } from '../../src/calibration/fit.js';
import type { ParameterInfo } from '../../src/server/parameter-view.js';

export type { Summary, Comparison, ParameterInfo };

/** GET /api/backtest: the CLI's `backtest --json` and the calibration's summary (src/server/backtest.ts). */
export interface Backtest extends BacktestResult {
  /** Inputs the record lacks and how they were filled in. */
  readonly derived: readonly { readonly field: string; readonly value: number; readonly how: string }[];
  readonly calibration: {
    readonly dataVersion: string;
    /** Calibrated on the data this backtest read. */
    readonly current: boolean;
    readonly window: { readonly from: string; readonly to: string; readonly scoreFrom: string };
    readonly loss: { readonly start: number; readonly end: number };
    readonly freeParameters: number;
    readonly estimates: readonly { readonly name: string; readonly path: string; readonly date?: string; readonly value: number; readonly description: string }[];
  } | null;
}

export interface Builtin {
  readonly name: string;
  readonly title: string;
  readonly summary: string;
}

export interface Limits {
  readonly maxReplications: number;
  readonly maxHorizonMonths: number;
}

export class ApiError extends Error {}

const TOKEN_KEY = 'asylum-sim-token';

/** Take a ?token= from the address into session storage, and out of the address bar. */
export function adoptToken(): void {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.toString());
  }
}

async function call<T>(path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, { method: body === undefined ? 'GET' : 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError('the server does not answer: is `asylum-sim serve` still running?');
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ApiError(`the server answered ${res.status} with something that is not JSON`);
  }
  if (!res.ok) throw new ApiError((data as { error?: string }).error ?? `the server answered ${res.status}`);
  return data as T;
}

export const api = {
  scenarios: () => call<Builtin[]>('/api/scenarios'),
  parameters: () => call<{ parameters: ParameterInfo[]; limits: Limits }>('/api/parameters'),
  resolve: (scenario: unknown) => call<{ scenario: Record<string, unknown> }>('/api/validate', { scenario }),
  save: (scenario: unknown) => call<{ id: string }>('/api/scenarios', { scenario }),
  saved: (id: string) => call<{ id: string; overrides: Record<string, unknown> }>(`/api/scenarios/${encodeURIComponent(id)}`),
  projection: () => call<{ replications: number } & Record<string, unknown>>('/api/claims/projection'),
  claims: (runId: string) => call<{ claims: unknown[] }>(`/api/claims/${encodeURIComponent(runId)}`),
  run: (id: string) => call<Summary & Comparison>(`/api/runs/${encodeURIComponent(id)}`),
  backtest: (settings: { replications?: string; seed?: string; uncertainty?: string; origin?: string }) => call<Backtest>(`/api/backtest?${new URLSearchParams(Object.entries(settings).filter(([, v]) => v))}`),
};

interface JobView {
  job: string | null;
  status: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  /** Counts the job's changes; asking with ?after= waits on the server for the next one. */
  revision?: number;
  /** Replications in the job's partial summary, when it has one. */
  partial?: number;
  runId?: string;
  error?: string;
}

/**
 * Start a run (or comparison) as a job, report progress while it goes, and resolve with the
 * stored result and its id. A request the store already holds answers at once. With `onPartial`,
 * each newer partial summary (the replications done so far) is fetched and handed over as it
 * appears. Between answers the server holds the question until the job changes, so nothing
 * waits on a polling interval.
 */
export async function runJob<T>(
  body: unknown,
  onProgress: (done: number, total: number) => void,
  signal?: { cancelled: boolean },
  onPartial?: (partial: T) => void,
): Promise<{ result: T; runId: string }> {
  let view = await call<JobView>('/api/jobs', body);
  let shown = 0;
  while (view.status === 'running') {
    onProgress(view.done, view.total);
    if (onPartial && view.partial !== undefined && view.partial > shown) {
      shown = view.partial;
      try {
        onPartial(await call<T>(`/api/jobs/${view.job}/partial`));
      } catch (e) {
        // The run may have ended in between (its partial summary goes with it): the next answer says so.
        if (!(e instanceof ApiError)) throw e;
      }
    }
    if (signal?.cancelled) throw new ApiError('cancelled');
    if (view.revision === undefined) await new Promise((r) => setTimeout(r, 250));
    view = await call<JobView>(`/api/jobs/${view.job}${view.revision === undefined ? '' : `?after=${view.revision}`}`);
  }
  if (view.status === 'failed' || !view.runId) throw new ApiError(view.error ?? 'the run failed');
  onProgress(view.total, view.total);
  return { result: (await api.run(view.runId)) as T, runId: view.runId };
}
