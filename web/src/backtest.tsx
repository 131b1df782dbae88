/**
 * The backtest view (#/backtest): the model run over the past from the observed state, driven by
 * the record's inputs and the calibration's estimates, set beside the official record series by
 * series — the model's P5–P95 band and median, the record as dots (hollow where a period is not
 * scored) — with each series' MAPE against its target, a table of them (also as CSV), and what the
 * run was calibrated on and had to derive. The server computes a backtest once and keeps it; the
 * address may choose the replications, seed, uncertainty and a rolling origin
 * (#/backtest?replications=50&seed=2&uncertainty=stochastic&origin=2021-06-30).
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { backtestChart } from '../../src/calibration/backtest-chart.js';
import { originText, spreadText, targetVerdict, type SeriesFit, type TargetVerdict } from '../../src/calibration/fit.js';
import { csvText } from '../../src/experiment/csv.js';
import { api, type Backtest } from './api.js';
import { ChartFrame } from './charts.js';
import { saveBlob } from './download.js';
import { BacktestSettingsForm, type BacktestSettings } from './backtest-settings.js';
import { fmtNumber } from './format.js';

/** A share as a percentage; a series with no scored period has no MAPE (NaN, which JSON carries as null). */
export function pct(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(1)}%`;
}

const SHOWN: Readonly<Record<TargetVerdict, { mark: string; text: string }>> = {
  met: { mark: '✓', text: 'met' },
  missed: { mark: '✗', text: 'not met' },
  'no target': { mark: '–', text: 'no target' },
  'not scored': { mark: '–', text: 'no scored period' },
};

/** Met, missed, or no target to meet, as the page shows it. */
function verdict(s: SeriesFit): { mark: string; text: string } {
  return SHOWN[targetVerdict(s)];
}

/**
 * One series' chart: the one `backtest --out` writes as a file (src/calibration/backtest-chart.ts),
 * on this page's document and at the figure's width. The page gives the heading and the legend.
 */
function SeriesChart({ name, s, b, later }: { name: string; s: SeriesFit; b: Backtest; later: boolean }) {
  const draw = useCallback((width: number) => backtestChart(name, s, b, { document, width, height: Math.max(200, Math.min(280, width * 0.55)), standalone: false }), [name, s, b]);
  const scored = s.periods.filter((p) => p.scored).length;
  const title = `${s.label}: MAPE ${pct(s.mape)}${s.target === undefined ? ' (no target)' : ` (target ${pct(s.target)}) ${verdict(s).mark}`}`;
  return <ChartFrame id={`backtest-${name}`} title={title} draw={draw} later={later} lastMedian={s.periods.at(-1)?.p50} note={`${s.unit} · ${scored} of ${s.periods.length} periods scored`} />;
}

const CSV_COLUMNS = ['series', 'label', 'unit', 'scored_periods', 'periods', 'mape', 'target', 'met', 'coverage', 'interval_score', 'interval_score_relative'];

/** A score that is NaN when nothing is scored (null once through JSON): empty in the CSV. */
const cellOf = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '' : x);

/** The scores table as CSV: shares as decimals (0.1 = 10%), the interval score in the series' unit, empty where there is none. */
export function mapeCsv(b: Backtest): string {
  return csvText(
    CSV_COLUMNS,
    Object.entries(b.series).map(([name, s]) => {
      const v = targetVerdict(s);
      const met = v === 'met' ? 'yes' : v === 'missed' ? 'no' : '';
      return [name, s.label, s.unit, s.periods.filter((p) => p.scored).length, s.periods.length, cellOf(s.mape), s.target ?? '', met, cellOf(s.coverage), cellOf(s.intervalScore), cellOf(s.intervalScoreRelative)];
    }),
  );
}

function MapeTable({ b }: { b: Backtest }) {
  return (
    <div class="table-scroll">
      <table class="backtest-table" data-testid="backtest-table">
        <caption>
          Over the scored periods ({b.scoreFrom} to {b.to}): the mean absolute percentage error of the model median against the record; the share of records inside the model's P5–P95
          band (about 90% for an honest band); and that band's interval score (its width plus 20 times any distance the record falls outside it; lower is better), relative to the record
        </caption>
        <thead>
          <tr>
            <th scope="col">Series</th>
            <th scope="col">Scored periods</th>
            <th scope="col">MAPE</th>
            <th scope="col">Target</th>
            <th scope="col">Met</th>
            <th scope="col">Coverage P5–P95</th>
            <th scope="col">Interval score (relative; in the unit)</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(b.series).map(([name, s]) => {
            const v = verdict(s);
            return (
              <tr key={name} data-series={name}>
                <th scope="row">
                  {s.label}
                  <span class="series-name">{name}</span>
                </th>
                <td>
                  {s.periods.filter((p) => p.scored).length} of {s.periods.length}
                </td>
                <td>{pct(s.mape)}</td>
                <td>{pct(s.target)}</td>
                <td class={`met met-${v.text.replace(/\s+/g, '-')}`}>
                  <span aria-hidden="true">{v.mark}</span> <span class="met-text">{v.text}</span>
                </td>
                <td data-score="coverage">{pct(s.coverage)}</td>
                <td data-score="interval">
                  {pct(s.intervalScoreRelative)} <span class="series-name">{fmtNumber(s.intervalScore, s.unit)}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function calibrationNote(b: Backtest): string {
  if (b.origin) return originText(b.origin);
  const c = b.calibration;
  if (!c) return 'No calibration record (packs/uk/data/calibration.json): parameters at their defaults; run asylum-sim calibrate.';
  if (!c.current) return `Calibrated on data ${c.dataVersion}; these data are ${b.dataVersion}: run asylum-sim calibrate to estimate again.`;
  return `Calibrated on these data (${c.dataVersion}): ${c.freeParameters} parameters estimated over ${c.window.from} to ${c.window.to}, loss ${c.loss.start.toFixed(4)} → ${c.loss.end.toFixed(4)}.`;
}

function Notes({ b }: { b: Backtest }) {
  return (
    <section class="backtest-notes" aria-label="How the backtest was run" data-testid="backtest-notes">
      <h2>How it was run</h2>
      <ul>
        <li>
          Window {b.from} to {b.to}; {b.origin ? `only periods after the origin ${b.origin.date} are scored` : `periods from ${b.scoreFrom} are scored, earlier ones let the starting state settle`}. {b.replications}{' '}
          replications, seed {b.seed}; the band: <span data-testid="backtest-uncertainty">{spreadText(b.uncertainty, b.parameterSpread)}</span>.
        </li>
        <li>
          {b.freeParameters} free parameters estimated from this record; data version {b.dataVersion} ({b.dataFiles.join(', ')}).
        </li>
        <li>{calibrationNote(b)}</li>
      </ul>
      <h3>Inputs derived where the record has none</h3>
      <ul data-testid="backtest-derived">
        {b.derived.map((d) => (
          <li key={d.field}>
            <code>{d.field}</code> = {Math.round(d.value * 1000) / 1000}: {d.how}
          </li>
        ))}
      </ul>
      {b.calibration && b.calibration.estimates.length > 0 && (
        <details>
          <summary>The calibration's estimates ({b.calibration.estimates.length})</summary>
          <ul>
            {b.calibration.estimates.map((e) => (
              <li key={`${e.name}-${e.date ?? ''}`} title={e.description}>
                {e.name}: {Number(e.value.toPrecision(4))} <span class="series-name">{e.path}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** While the server runs it: the time so far (outside the live region, which would read every second aloud). */
function Running({ settings }: { settings: BacktestSettings }) {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.round((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div class="progress" data-testid="progress">
      <progress aria-label="Backtest running" />
      <span role="status" aria-live="polite">
        Running the backtest{settings.replications ? ` (${settings.replications} replications)` : ''} on the server…
      </span>
      <span aria-hidden="true">{seconds} s</span>
    </div>
  );
}

export function BacktestPage({ initial }: { initial: BacktestSettings }) {
  const [settings, setSettings] = useState(initial);
  const [backtest, setBacktest] = useState<Backtest>();
  const [running, setRunning] = useState(true);
  const [error, setError] = useState('');
  useEffect(() => {
    let current = true;
    setRunning(true);
    setError('');
    api
      .backtest(settings)
      .then((b) => current && setBacktest(b))
      .catch((e: unknown) => current && setError(e instanceof Error ? e.message : String(e)))
      .finally(() => current && setRunning(false));
    return () => {
      current = false;
    };
  }, [settings]);

  const run = (s: BacktestSettings) => {
    // The address carries the settings, so reloading or sharing it shows this backtest.
    const query = new URLSearchParams(Object.entries(s).filter((e): e is [string, string] => e[1] !== undefined)).toString();
    history.replaceState(null, '', `#/backtest${query ? `?${query}` : ''}`);
    setSettings(s);
  };

  const series = backtest ? Object.entries(backtest.series) : [];
  return (
    <main class="backtest" data-testid="backtest-page">
      <p class="hint">
        The model run over the past from the observed state, driven by the record's claims, decision-maker headcount and yearly outcome rates, with the calibration's estimates: its band
        beside the official record, series by series. With an origin, the model is calibrated on the record up to it only and judged on what came after.
      </p>
      <BacktestSettingsForm settings={settings} shown={backtest} onRun={run} />
      {running && <Running settings={settings} />}
      {error && (
        <p class="error" role="alert" data-testid="error">
          {error}
        </p>
      )}
      {backtest && (
        <section data-testid="backtest-results" aria-busy={running}>
          <h2 class="result-title">
            Backtest {backtest.from} to {backtest.to}{' '}
            <span class="meta">
              · {backtest.origin ? `origin ${backtest.origin.date} · ` : ''}
              {backtest.replications} replications · seed {backtest.seed} · uncertainty {backtest.uncertainty} · data {backtest.dataVersion} · {backtest.freeParameters} free parameters
            </span>
          </h2>
          <p class="legend backtest-legend" aria-hidden="true">
            <span>
              <i class="swatch-band" /> model P5–P95
            </span>
            <span>
              <i class="swatch-line" /> model median
            </span>
            <span>
              <i class="swatch-dot" /> record, scored
            </span>
            <span>
              <i class="swatch-dot hollow" /> record, not scored ({backtest.origin ? `at or before the origin ${backtest.origin.date}` : `before ${backtest.scoreFrom}`})
            </span>
          </p>
          <div class="charts">
            {series.map(([name, s], i) => (
              <SeriesChart key={name} name={name} s={s} b={backtest} later={i > 0} />
            ))}
          </div>
          <div class="toolbar backtest-table-head">
            <h2>Scores by series</h2>
            <button type="button" onClick={() => saveBlob(new Blob([mapeCsv(backtest)], { type: 'text/csv' }), `backtest-mape-${backtest.dataVersion}.csv`)} data-testid="backtest-csv">
              Download CSV
            </button>
          </div>
          <MapeTable b={backtest} />
          <Notes b={backtest} />
        </section>
      )}
    </main>
  );
}
