/**
 * The scenario page: editor on one side, settings and results on the other. The draft lives in
 * the address (#/?s=…), so a reload or a shared link shows the same scenario; "Save" stores it on
 * the server and gives a short link (#/?id=…).
 */
import { useEffect, useState } from 'preact/hooks';
import { api, runJob, type Builtin, type Limits, type ParameterInfo, type Summary } from './api.js';
import { saveBlob, summaryCsv } from './download.js';
import { runBody, scenarioDocument, type Draft } from './draft.js';
import { Editor } from './editor.js';
import { Progress } from './progress.js';
import { KpiStrip, ResultCharts } from './results.js';

interface Props {
  readonly builtins: readonly Builtin[];
  readonly parameters: readonly ParameterInfo[];
  readonly limits: Limits;
  readonly draft: Draft;
  readonly setDraft: (d: Draft) => void;
}

export function RunPage({ builtins, parameters, limits, draft, setDraft }: Props) {
  const [resolved, setResolved] = useState<Record<string, unknown>>();
  const [summary, setSummary] = useState<Summary>();
  const [progress, setProgress] = useState<[number, number] | null>(null);
  const [error, setError] = useState('');
  const [link, setLink] = useState('');

  useEffect(() => {
    api.resolve(draft.base).then((r) => setResolved(r.scenario), (e: Error) => setError(e.message));
  }, [draft.base]);

  const run = async (d: Draft = draft) => {
    setError('');
    setProgress([0, d.replications]);
    try {
      const { result } = await runJob<Summary>(runBody(d), (done, total) => setProgress([done, total]));
      setSummary(result);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setProgress(null);
    }
  };
  // The first view runs at once (the server started this run when it began, so it is usually cached).
  useEffect(() => void run(), []);

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
          <button type="button" class="primary" data-testid="run" onClick={() => run()} disabled={progress !== null}>
            Run
          </button>
          <button type="button" data-testid="save" onClick={save}>
            Save &amp; share
          </button>
          <button type="button" data-testid="download-csv" disabled={!summary} onClick={() => summary && saveBlob(new Blob([summaryCsv(summary)], { type: 'text/csv' }), `${summary.scenario}-monthly.csv`)}>
            CSV
          </button>
        </div>
        {link && (
          <p class="share">
            Link: <a href={link} data-testid="share-link">{link}</a>
          </p>
        )}
        {progress && <Progress done={progress[0]} total={progress[1]} />}
        {error && (
          <p class="error" role="alert" data-testid="error">
            {error}
          </p>
        )}
        {summary && (
          <div data-testid="results">
            <h2 class="result-title">
              {summary.title} <span class="meta">· {summary.replications} replications · seed {summary.seed} · uncertainty: {summary.uncertainty} · {summary.version}</span>
            </h2>
            <KpiStrip summary={summary} />
            <ResultCharts summary={summary} />
          </div>
        )}
      </section>
    </main>
  );
}
