/**
 * The backtest's settings (web/src/backtest.tsx): as the address carries them
 * (#/backtest?replications=50&seed=2&uncertainty=stochastic&origin=2021-06-30) and as the form
 * above the results edits them. The page passes them to the server as typed, which checks them and
 * names a bad one.
 */
import { useState } from 'preact/hooks';
import type { Backtest } from './api.js';

export interface BacktestSettings {
  /** As typed in the address or the form; the server checks them and names a bad one. */
  readonly replications?: string;
  readonly seed?: string;
  /** stochastic, parameters or both (the server's default). */
  readonly uncertainty?: string;
  /** A quarter's last day: calibrate on the record to it and score only the periods after it. */
  readonly origin?: string;
}

const SETTINGS = ['replications', 'seed', 'uncertainty', 'origin'] as const;

/** The settings the address carries (absent ones: the server's defaults). */
export function backtestSettingsOf(params: URLSearchParams): BacktestSettings {
  return Object.fromEntries(SETTINGS.flatMap((k) => (params.get(k) !== null ? [[k, params.get(k)!]] : [])));
}

export function BacktestSettingsForm({ settings, shown, onRun }: { settings: BacktestSettings; shown?: Backtest; onRun: (s: BacktestSettings) => void }) {
  const [replications, setReplications] = useState(settings.replications ?? '');
  const [seed, setSeed] = useState(settings.seed ?? '');
  const [uncertainty, setUncertainty] = useState(settings.uncertainty ?? '');
  const [origin, setOrigin] = useState(settings.origin ?? '');
  return (
    <form
      class="toolbar"
      onSubmit={(e) => {
        e.preventDefault();
        onRun({ replications: replications.trim() || undefined, seed: seed.trim() || undefined, uncertainty: uncertainty || undefined, origin: origin.trim() || undefined });
      }}
    >
      <label>
        Replications{' '}
        <input type="number" min={1} step={1} inputMode="numeric" value={replications} placeholder={shown ? String(shown.replications) : 'default'} onInput={(e) => setReplications(e.currentTarget.value)} data-testid="backtest-replications" />
      </label>
      <label>
        Seed <input type="number" min={0} step={1} inputMode="numeric" value={seed} placeholder={shown ? String(shown.seed) : 'default'} onInput={(e) => setSeed(e.currentTarget.value)} />
      </label>
      <label>
        Uncertainty{' '}
        <select value={uncertainty} onChange={(e) => setUncertainty(e.currentTarget.value)} data-testid="backtest-uncertainty-choice">
          <option value="">both (default)</option>
          <option value="both">both: random events and parameters</option>
          <option value="parameters">parameters only</option>
          <option value="stochastic">random events only</option>
        </select>
      </label>
      <label title="A quarter's last day: calibrate on the record to it (about a minute), score only the periods after it">
        Origin{' '}
        <input type="text" inputMode="numeric" pattern="\d{4}-\d{2}-\d{2}" placeholder="none, e.g. 2021-06-30" size={12} value={origin} onInput={(e) => setOrigin(e.currentTarget.value)} data-testid="backtest-origin" />
      </label>
      <button type="submit" class="primary">
        Run backtest
      </button>
    </form>
  );
}
