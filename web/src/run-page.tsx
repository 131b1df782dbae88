/**
 * The scenario page: editor on one side, settings and results on the other. The draft lives in
 * the address (#/?s=…), so a reload or a shared link shows the same scenario; "Save" stores it on
 * the server and gives a short link (#/?id=…).
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type Builtin, type Limits, type ParameterInfo, type Summary } from './api.js';
import { monthlyCsv } from '../../src/experiment/csv.js';
import { saveBlob } from './download.js';
import { runBody, scenarioDocument, type Draft } from './draft.js';
import { Editor } from './editor.js';
import { Progress } from './progress.js';
import { KpiStrip, ResultCharts } from './results.js';
import { partialLabel, RunFeed, type RunState } from './run-feed.js';

interface Props {
  readonly builtins: readonly Builtin[];
  readonly parameters: readonly ParameterInfo[];
  readonly limits: Limits;
  readonly draft: Draft;
  readonly setDraft: (d: Draft) => void;
  /** The first view's run, started before this page could be shown; used if it is this draft's. */
  readonly firstRun?: RunFeed;
}

export function RunPage({ builtins, parameters, limits, draft, setDraft, firstRun }: Props) {
  const [resolved, setResolved] = useState<Record<string, unknown>>();
  // The first view runs at once (the server started this run when it began, so it is usually
  // cached or well under way).
  const [feed, setFeed] = useState(() => (firstRun?.answers(runBody(draft)) ? firstRun : new RunFeed(runBody(draft))));
  const [state, setState] = useState<RunState>();
  // What the results show: the last result, or the partial summary of the run going now.
  const [shown, setShown] = useState<{ summary: Summary; partialOf?: number }>();
  const [error, setError] = useState('');
  const [link, setLink] = useState('');

  useEffect(() => {
    api.resolve(draft.base).then((r) => setResolved(r.scenario), (e: Error) => setError(e.message));
  }, [draft.base]);

  useEffect(
    () =>
      feed.watch((s) => {
        setState(s);
        if (s.result) setShown({ summary: s.result });
        else if (s.partial) setShown({ summary: s.partial, partialOf: s.total });
        if (s.error) setError(s.error);
      }),
    [feed],
  );
  const run = () => {
    setError('');
    setFeed(new RunFeed(runBody(draft)));
  };
  const running = state?.running ?? true;
  const summary = shown?.summary;
  const partial = shown?.partialOf !== undefined && summary ? partialLabel(summary.replications, shown.partialOf) : undefined;

  const edit = (path: string, value: unknown) => {
    const edits = { ...draft.edits };
    if (value === undefined) delete edits[path];
    else edits[path] = value;
    setDraft({ ...draft, edits });
  };
  const setting = (key: 'replications' | 'seed', text: string, max: number) => {
    const v = Number(text);
    if (Number.isInteger(v) && v >= (key === 'seed' ? 0 : 1) && v <= max) setDraft({ ...draft, [key]: v });
  };
  const save = async () => {
    setError('');
    try {
      const doc = scenarioDocument(draft);
      const { id } = typeof doc === 'string' ? { id: '' } : await api.save(doc);
      const url = new URL(window.location.href);
      url.hash = id ? `#/?id=${id}&r=${draft.replications}&seed=${draft.seed}&u=${draft.uncertainty}` : window.location.hash;
      setLink(url.toString());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <main class="run-page">
      <Editor builtins={builtins} parameters={parameters} base={draft.base} resolved={resolved} edits={draft.edits} onBase={(base) => setDraft({ ...draft, base, edits: {} })} onEdit={edit} />
      <section class="results" aria-label="Results">
        <div class="toolbar">
          <label>
            Replications{' '}
            <input type="number" min={1} max={limits.maxReplications} value={draft.replications} data-testid="replications" onChange={(e) => setting('replications', (e.target as HTMLInputElement).value, limits.maxReplications)} />
          </label>
          <label>
            Seed <input type="number" min={0} value={draft.seed} onChange={(e) => setting('seed', (e.target as HTMLInputElement).value, Number.MAX_SAFE_INTEGER)} />
          </label>
          <label>
            Uncertainty{' '}
            <select value={draft.uncertainty} onChange={(e) => setDraft({ ...draft, uncertainty: (e.target as HTMLSelectElement).value })}>
              <option value="both">both</option>
              <option value="stochastic">stochastic</option>
              <option value="parameters">parameters</option>
            </select>
          </label>
          <button type="button" class="primary" data-testid="run" onClick={run} disabled={running}>
            Run
          </button>
          <button type="button" data-testid="save" onClick={save}>
            Save &amp; share
          </button>
          <button type="button" data-testid="download-csv" disabled={!summary || partial !== undefined} onClick={() => summary && saveBlob(new Blob([monthlyCsv(summary)], { type: 'text/csv' }), `${summary.scenario}-monthly.csv`)}>
            CSV
          </button>
        </div>
        {link && (
          <p class="share">
            Link: <a href={link} data-testid="share-link">{link}</a>
          </p>
        )}
        {running && <Progress done={state?.done ?? 0} total={state?.total ?? draft.replications} />}
        {error && (
          <p class="error" role="alert" data-testid="error">
            {error}
          </p>
        )}
        {summary && (
          <div data-testid="results" data-partial={partial}>
            <h2 class="result-title">
              {summary.title}{' '}
              <span class="meta">
                · {partial ? <span class="partial" data-testid="partial">{partial}</span> : `${summary.replications} replications`} · seed {summary.seed} · uncertainty: {summary.uncertainty} · {summary.version}
              </span>
            </h2>
            <KpiStrip summary={summary} />
            <ResultCharts summary={summary} />
          </div>
        )}
      </section>
    </main>
  );
}
