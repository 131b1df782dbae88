/**
 * Compare two scenarios on common random numbers: both fans overlaid, the paired difference
 * B − A as its own fan, and the KPIs of A, B and B − A with their bands.
 */
import { useState } from 'preact/hooks';
import { runJob, type Builtin, type Comparison } from './api.js';
import { FanChart } from './charts.js';
import { fmtMoney, fmtNumber } from './format.js';
import { CHARTS, fanRows } from './results.js';
import { Progress } from './progress.js';
import type { Draft } from './draft.js';
import { scenarioDocument } from './draft.js';

type Stats = { mean: number | null; p5: number | null; p50: number | null; p95: number | null };
type Paired = { a: Stats; b: Stats; diff: Stats };

const KPI_ROWS: [string, string, 'n' | 'gbp' | 'months'][] = [
  ['backlogPeopleAt12m', 'Awaiting a decision at 12 months (people)', 'n'],
  ['backlogPeopleAt24m', 'Awaiting a decision at 24 months (people)', 'n'],
  ['backlogPeopleEnd', 'Awaiting a decision at the end (people)', 'n'],
  ['monthsUntilBacklogBelowThreshold', 'Months until the backlog is below the threshold', 'months'],
  ['hotelPeopleAt24m', 'People in hotels at 24 months', 'n'],
  ['monthsUntilHotelsEmpty', 'Months until hotels are empty', 'months'],
  ['totalCostGbp', 'Total cost', 'gbp'],
];

function show(s: Stats, kind: 'n' | 'gbp' | 'months'): string {
  const f = (x: number | null) => (x === null ? 'beyond horizon' : kind === 'gbp' ? fmtMoney(x) : fmtNumber(x));
  return `${f(s.p50)} (${f(s.p5)} – ${f(s.p95)})`;
}

interface Props {
  readonly builtins: readonly Builtin[];
  readonly draft: Draft;
}

export function ComparePage({ builtins, draft }: Props) {
  const edited = Object.keys(draft.edits).length > 0;
  const options = [...(edited ? [{ name: '@draft', title: `Your edited scenario (from ${draft.base})` }] : []), ...builtins];
  const [a, setA] = useState(builtins.some((b) => b.name === 'status-quo-2023') ? 'status-quo-2023' : builtins[0]?.name ?? '');
  const [b, setB] = useState(edited ? '@draft' : draft.base !== a ? draft.base : builtins.find((x) => x.name !== a)?.name ?? a);
  const [progress, setProgress] = useState<[number, number] | null>(null);
  const [error, setError] = useState('');
  const [result, setResult] = useState<Comparison | null>(null);
  const doc = (name: string) => (name === '@draft' ? scenarioDocument(draft) : name);

  const run = async () => {
    setError('');
    setProgress([0, draft.replications]);
    try {
      const { result } = await runJob<Comparison>({ a: doc(a), b: doc(b), replications: draft.replications, seed: draft.seed, uncertainty: draft.uncertainty }, (d, t) => setProgress([d, t]));
      setResult(result);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setProgress(null);
    }
  };

  const side = (which: 'a' | 'b' | 'diff') => (cell: unknown) => (cell as Paired)[which];
  return (
    <main class="compare">
      <section class="compare-pickers" aria-label="Scenarios to compare">
        {(
          [
            ['A', a, setA],
            ['B', b, setB],
          ] as const
        ).map(([label, value, set]) => (
          <label key={label}>
            {label}{' '}
            <select data-testid={`compare-${label.toLowerCase()}`} value={value} onChange={(e) => set((e.target as HTMLSelectElement).value)}>
              {options.map((o) => (
                <option key={o.name} value={o.name}>{o.title}</option>
              ))}
            </select>
          </label>
        ))}
        <button type="button" class="primary" data-testid="compare-run" onClick={run} disabled={progress !== null}>
          Compare
        </button>
        <span class="hint">{draft.replications} replications, seed {draft.seed}, common random numbers</span>
      </section>
      {progress && <Progress done={progress[0]} total={progress[1]} />}
      {error && <p class="error" role="alert">{error}</p>}
      {result && (
        <>
          <table class="compare-table" data-testid="compare-table">
            <caption>Median (P5 – P95). B − A is paired replication by replication.</caption>
            <thead>
              <tr>
                <th scope="col">KPI</th>
                <th scope="col">A: {result.a.title}</th>
                <th scope="col">B: {result.b.title}</th>
                <th scope="col">B − A</th>
              </tr>
            </thead>
            <tbody>
              {KPI_ROWS.map(([key, label, kind]) => {
                const k = (result.kpis as unknown as Record<string, Paired>)[key];
                return (
                  <tr key={key}>
                    <th scope="row">{label}</th>
                    <td>{show(k.a, kind)}</td>
                    <td>{show(k.b, kind)}</td>
                    <td>{show(k.diff, kind)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <section class="charts">
            {CHARTS.map((c) => (
              <FanChart
                key={c.id}
                id={`compare-${c.id}`}
                title={c.title}
                unit={c.unit}
                layers={[
                  { label: `A: ${result.a.title}`, rows: fanRows(result.months, c.series, side('a')) },
                  { label: `B: ${result.b.title}`, rows: fanRows(result.months, c.series, side('b')) },
                ]}
              />
            ))}
            {CHARTS.slice(0, 1).concat(CHARTS.filter((c) => c.id === 'hotels' || c.id === 'cost')).map((c) => (
              <FanChart key={`diff-${c.id}`} id={`diff-${c.id}`} title={`Difference B − A: ${c.title.toLowerCase()}`} unit={c.unit} layers={[{ label: 'B − A', rows: fanRows(result.months, c.series, side('diff')) }]} />
            ))}
          </section>
        </>
      )}
    </main>
  );
}
