/**
 * The dashboard: loads the built-in scenarios and the parameter declarations, then shows the
 * scenario page (#/), the comparison (#/compare), the claims ledger (#/claims) or the backtest (#/backtest). Any failure shows a message, never a blank page.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { adoptToken, api, type Builtin, type Limits, type ParameterInfo } from './api.js';
import { BacktestPage } from './backtest.js';
import { backtestSettingsOf } from './backtest-settings.js';
import { ClaimsPage } from './claims.js';
import { ComparePage } from './compare.js';
import { DEFAULT_DRAFT, draftFromQuery, draftQuery, flatten, runBody, type Draft } from './draft.js';
import { RunFeed } from './run-feed.js';
import { RunPage } from './run-page.js';
import './style.css';

type Route = 'run' | 'compare' | 'claims' | 'backtest';

function parseHash(): { route: Route; params: URLSearchParams } {
  const hash = window.location.hash.replace(/^#/, '');
  const [path, query = ''] = hash.split('?');
  const route: Route = path === '/compare' ? 'compare' : path === '/claims' ? 'claims' : path === '/backtest' ? 'backtest' : 'run';
  return { route, params: new URLSearchParams(query) };
}

/** The draft an address names inline (?s=) or the default; undefined for a saved id (?id=). */
function addressDraft(params: URLSearchParams): Draft | undefined {
  return draftFromQuery(params) ?? (params.get('id') ? undefined : DEFAULT_DRAFT);
}

/** The draft of a saved scenario's address (?id=). */
async function savedDraft(params: URLSearchParams, parameters: readonly ParameterInfo[]): Promise<Draft> {
  const id = params.get('id') ?? '';
  const saved = await api.saved(id);
  const base = saved.overrides.extends;
  if (typeof base !== 'string') throw new Error(`saved scenario ${id} does not start from a built-in scenario; run it with the API ({ "saved": "${id}" })`);
  const num = (key: string, fallback: number) => (params.has(key) && Number.isInteger(Number(params.get(key))) ? Number(params.get(key)) : fallback);
  return {
    base,
    edits: flatten(saved.overrides, new Set(parameters.map((p) => p.path))),
    replications: num('r', DEFAULT_DRAFT.replications),
    seed: num('seed', DEFAULT_DRAFT.seed),
    uncertainty: params.get('u') ?? DEFAULT_DRAFT.uncertainty,
  };
}

interface Loaded {
  builtins: Builtin[];
  parameters: ParameterInfo[];
  limits: Limits;
  draft: Draft;
  firstRun?: RunFeed;
}

function App() {
  const [route, setRoute] = useState<Route>(parseHash().route);
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState('');

  useEffect(() => {
    const { route: first, params } = parseHash();
    const early = addressDraft(params);
    // The scenario page's run starts now, alongside loading what the page needs to show itself.
    const firstRun = early && first === 'run' ? new RunFeed(runBody(early)) : undefined;
    (async () => {
      const [builtins, { parameters, limits }] = await Promise.all([api.scenarios(), api.parameters()]);
      setLoaded({ builtins, parameters, limits, draft: early ?? (await savedDraft(params, parameters)), ...(firstRun ? { firstRun } : {}) });
    })().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    const onHash = () => setRoute(parseHash().route);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const setDraft = (draft: Draft) => {
    setLoaded((l) => l && { ...l, draft });
    // Keep the address in step, so reloading or copying it shows this scenario.
    if (route === 'run' || route === 'compare') history.replaceState(null, '', `#/${route === 'compare' ? 'compare' : ''}?${draftQuery(draft)}`);
  };
  const query = loaded ? `?${draftQuery(loaded.draft)}` : '';

  return (
    <>
      <header>
        <h1>asylum-sim</h1>
        <nav aria-label="Views">
          <a href={`#/${query}`} aria-current={route === 'run' ? 'page' : undefined}>
            Scenario
          </a>
          <a href={`#/compare${query}`} aria-current={route === 'compare' ? 'page' : undefined} data-testid="nav-compare">
            Compare
          </a>
          <a href="#/claims" aria-current={route === 'claims' ? 'page' : undefined} data-testid="nav-claims">
            Claims
          </a>
          <a href="#/backtest" aria-current={route === 'backtest' ? 'page' : undefined} data-testid="nav-backtest">
            Backtest
          </a>
        </nav>
      </header>
      {error && (
        <p class="error" role="alert" data-testid="error">
          {error}
        </p>
      )}
      {!loaded && !error && <p class="loading">Loading scenarios and parameters…</p>}
      {loaded && route === 'run' && <RunPage builtins={loaded.builtins} parameters={loaded.parameters} limits={loaded.limits} draft={loaded.draft} setDraft={setDraft} firstRun={loaded.firstRun} />}
      {loaded && route === 'compare' && <ComparePage builtins={loaded.builtins} draft={loaded.draft} />}
      {route === 'claims' && <ClaimsPage replications={Number(parseHash().params.get('r')) || undefined} />}
      {route === 'backtest' && <BacktestPage initial={backtestSettingsOf(parseHash().params)} />}
      <footer>
        Simulated with asylum-sim: bands are P5–P95 across replications; hover a parameter for its unit, range and source.
      </footer>
    </>
  );
}

window.addEventListener('error', (e) => {
  const box = document.getElementById('app');
  if (box && !box.hasChildNodes()) box.textContent = `The dashboard failed to start: ${e.message}`;
});

adoptToken();
try {
  const root = document.getElementById('app')!;
  root.textContent = '';
  render(<App />, root);
} catch (e) {
  document.getElementById('app')!.textContent = `The dashboard failed to start: ${e instanceof Error ? e.message : String(e)}`;
}
