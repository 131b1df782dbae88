/**
 * `asylum-sim sensitivity <scenario|file>`: which uncertain parameters move a KPI most.
 * `--method oat` (default) prints a tornado table (every parameter at the low and high end of its
 * plausible range, the others at the scenario's values); `--method sobol` prints first-order and
 * total Sobol indices for the main KPIs and `--kpi`. `--out DIR` writes sensitivity.json plus
 * tornado.csv and tornado.svg (oat) or sobol.csv (sobol). Flags are checked before any work.
 */
import Table from 'cli-table3';
import { columnsCsv } from '../../experiment/exports.js';
import { MAIN_KPIS, oneAtATime, sobolAnalysis, type OneAtATime, type SobolResult } from '../../experiment/sensitivity.js';
import { rangeText, tornadoSvg } from '../../experiment/tornado-svg.js';
import { LIMITS } from '../../model/limits.js';
import { KPIS, type KpiName } from '../../model/result.js';
import type { Scenario } from '../../model/schema.js';
import type { Simulator } from '../../experiment/jobs.js';
import type { Backend } from '../backend.js';
import { parseChoiceInput, parseIntegerInput } from '../../experiment/input.js';
import { KPI_LABELS } from '../format.js';
import { formatValue } from '../../experiment/format.js';
import type { Io } from '../io.js';
import { prepareOutDir, writeOutFiles } from '../../experiment/out-dir.js';
import { progressBar } from '../progress.js';
import { DEFAULT_SEED, parseWorkersFlag, queueFor, simulatorFor } from './run.js';

export const METHODS = ['oat', 'sobol'] as const;
export const DEFAULT_KPI: KpiName = 'backlogPeopleEnd';
/** Base sample size N of the Saltelli design (the model runs N·(k + 2) times). */
export const DEFAULT_SAMPLES = 16;
export const MAX_SAMPLES = 4096;
/** Rows the terminal table shows (files hold every parameter). */
const TABLE_ROWS = 15;

export interface SensitivityFlags {
  readonly kpi?: string;
  readonly method?: string;
  readonly samples?: string;
  readonly replications?: string;
  readonly seed?: string;
  readonly months?: string;
  readonly workers?: string;
  readonly redis?: string;
  readonly out?: string;
  readonly json?: boolean;
}

export function sensitivitySettings(flags: SensitivityFlags) {
  return {
    kpi: parseChoiceInput('--kpi', flags.kpi, KPIS, DEFAULT_KPI),
    method: parseChoiceInput('--method', flags.method, METHODS, 'oat'),
    samples: parseIntegerInput('--samples', flags.samples, { min: 2, max: MAX_SAMPLES }, DEFAULT_SAMPLES),
    replications: parseIntegerInput('--replications', flags.replications, { min: 1, max: 100 }, 1),
    seed: parseIntegerInput('--seed', flags.seed, { min: 0, max: Number.MAX_SAFE_INTEGER }, DEFAULT_SEED),
    months:
      flags.months === undefined ? undefined : parseIntegerInput('--months', flags.months, { min: 1, max: LIMITS.maxHorizonMonths }),
    workers: parseWorkersFlag(flags.workers),
    out: flags.out,
    json: flags.json === true,
  };
}

const round = (x: number | null, d = 4) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

function tornadoColumns(t: OneAtATime) {
  return {
    names: ['parameter', 'varies', 'low', 'high', `${t.kpi}_at_low`, `${t.kpi}_at_high`, 'swing'],
    values: [
      t.bars.map((b) => b.parameter.path),
      t.bars.map((b) => b.parameter.varies),
      t.bars.map((b) => b.parameter.low),
      t.bars.map((b) => b.parameter.high),
      t.bars.map((b) => b.atLow),
      t.bars.map((b) => b.atHigh),
      t.bars.map((b) => b.swing),
    ],
  };
}

function sobolColumns(r: SobolResult, kpis: readonly KpiName[]) {
  const names = ['parameter', ...kpis.flatMap((k) => [`${k}_first`, `${k}_total`])];
  const values = [r.parameters.map((p) => p.path)];
  for (const k of kpis) {
    const ix = r.indices[k];
    values.push(r.parameters.map((_, i) => round(ix ? (ix.first[i] as number) : null)) as never);
    values.push(r.parameters.map((_, i) => round(ix ? (ix.total[i] as number) : null)) as never);
  }
  return { names, values };
}

/** `symbol`: the pack's currency, for a money KPI. */
function tornadoTable(t: OneAtATime, symbol?: string): string {
  const unit = KPI_LABELS[t.kpi].unit;
  const value = (x: number | null) => formatValue(x, unit, symbol);
  const table = new Table({ head: ['Parameter', 'Range', 'KPI at low', 'KPI at high', 'Swing'], style: { head: [], border: [] } });
  for (const b of t.bars.slice(0, TABLE_ROWS)) {
    table.push([b.parameter.path, rangeText(b.parameter), value(b.atLow), value(b.atHigh), value(b.swing)]);
  }
  return `${KPI_LABELS[t.kpi].label} (${t.kpi}), base ${value(t.base)}; one parameter at a time:\n${table.toString()}\n`;
}

function sobolTable(r: SobolResult, kpis: readonly KpiName[], by: KpiName): string {
  const order = r.parameters.map((_, i) => i).sort((a, b) => (r.indices[by]?.total[b] ?? 0) - (r.indices[by]?.total[a] ?? 0));
  const table = new Table({ head: ['Parameter', ...kpis.map((k) => `${k}\nS1 / ST`)], style: { head: [], border: [] } });
  for (const i of order.slice(0, TABLE_ROWS)) {
    table.push([r.parameters[i]!.path, ...kpis.map((k) => (r.indices[k] ? `${r.indices[k]!.first[i]!.toFixed(2)} / ${r.indices[k]!.total[i]!.toFixed(2)}` : 'n/a'))]);
  }
  return `Sobol indices (first order S1 / total ST), N = ${r.samples}, sorted by ST of ${by}:\n${table.toString()}\n`;
}

export async function sensitivityCommand(backend: Backend, io: Io, target: string, flags: SensitivityFlags): Promise<number> {
  const s = sensitivitySettings(flags);
  const queue = queueFor(flags.redis, io);
  const scenario = backend.loadScenario(target, s.months === undefined ? undefined : { horizonMonths: s.months }) as unknown as Scenario;
  if (s.out !== undefined) prepareOutDir(s.out);
  const progress = progressBar(io, `${scenario.name} ${s.method}`);
  const simulator = (await simulatorFor(backend, s.workers, queue)) as unknown as Simulator;
  const options = { replications: s.replications, seed: s.seed, onProgress: (d: number, t: number) => progress.update(d, t) };
  const files: [string, string][] = [];
  let json: unknown;
  let text: string;
  try {
    if (s.method === 'oat') {
      const t = (await oneAtATime(simulator, scenario, options)).tornado(s.kpi);
      json = { scenario: scenario.name, method: 'oat', kpi: s.kpi, seed: s.seed, replications: s.replications, base: t.base, bars: t.bars };
      text = tornadoTable(t, backend.money?.symbol);
      files.push(['tornado.csv', columnsCsv(tornadoColumns(t))]);
      files.push(['tornado.svg', tornadoSvg(t, { title: `${scenario.title}: ${KPI_LABELS[s.kpi].label}` })]);
    } else {
      const kpis = MAIN_KPIS.includes(s.kpi) ? MAIN_KPIS : [s.kpi, ...MAIN_KPIS];
      const r = await sobolAnalysis(simulator, scenario, { ...options, samples: s.samples });
      const indices = Object.fromEntries(kpis.map((k) => [k, r.indices[k]]));
      json = { scenario: scenario.name, method: 'sobol', samples: s.samples, seed: s.seed, replications: s.replications, parameters: r.parameters, indices };
      text = sobolTable(r, kpis, s.kpi);
      files.push(['sobol.csv', columnsCsv(sobolColumns(r, kpis))]);
    }
  } finally {
    progress.stop();
    await simulator.close();
  }
  const jsonText = `${JSON.stringify(json, null, 2)}\n`;
  io.out(s.json ? jsonText : text);
  if (s.out !== undefined) {
    const paths = writeOutFiles(s.out, [['sensitivity.json', jsonText], ...files]);
    (s.json ? io.err : io.out)(`${s.json ? '' : '\n'}Wrote ${paths.join(', ')}\n`);
  }
  return 0;
}
