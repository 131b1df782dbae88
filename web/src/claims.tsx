/**
 * The claims ledger as a page: each claim of the seed article with its verdict, result, reasoning,
 * the computation and every input with its source. The ledger's projection (status quo against
 * status quo plus 1,000 caseworkers) runs as a cached comparison job first, with progress.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, runJob } from './api.js';
import { Progress } from './progress.js';

interface ClaimInput {
  name: string;
  value: number | null;
  unit: string;
  series?: string;
  period?: string;
  scenario?: string;
  source: string;
}
interface Claim {
  id: string;
  speaker: string;
  kind: string;
  statement: string;
  claimed: string;
  result: { value: number; unit: string; text: string };
  verdict: string;
  reasoning: string;
  assumptions: string[];
  computation: string;
  inputs: ClaimInput[];
  details?: { label: string; value: number; unit: string; note?: string }[];
}

function Source({ text }: { text: string }) {
  return /^https?:\/\//.test(text) ? (
    <a href={text} rel="noreferrer noopener" target="_blank">
      {new URL(text).hostname}
    </a>
  ) : (
    <>{text}</>
  );
}

function ClaimCard({ c, n }: { c: Claim; n: number }) {
  return (
    <article class="claim" data-testid={`claim-${c.id}`}>
      <h2>
        {n}. {c.statement} <span class={`verdict verdict-${c.verdict.replace(/\s+/g, '-')}`}>{c.verdict}</span>
      </h2>
      <p class="claim-meta">
        {c.speaker} · {c.kind} · claimed: {c.claimed}
      </p>
      <p>
        <strong>Result:</strong> {c.result.text}
      </p>
      <p>
        <strong>Why:</strong> {c.reasoning}
      </p>
      <details>
        <summary>Computation and sources</summary>
        <p>
          <strong>Computation:</strong> {c.computation}
        </p>
        <table class="inputs">
          <thead>
            <tr>
              <th scope="col">Input</th>
              <th scope="col">Value</th>
              <th scope="col">Where from</th>
            </tr>
          </thead>
          <tbody>
            {c.inputs.map((i) => (
              <tr key={i.name}>
                <td>{i.name}</td>
                <td>
                  {i.value === null ? 'not within horizon' : i.value.toLocaleString('en-GB', { maximumFractionDigits: 4 })} {i.unit}
                </td>
                <td>
                  {[i.series && `${i.series} ${i.period ?? ''}`, i.scenario].filter(Boolean).join('; ')} <Source text={i.source} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <strong>Depends on:</strong> {c.assumptions.join('; ')}
        </p>
        {c.details && (
          <ul>
            {c.details.slice(0, 12).map((d) => (
              <li key={d.label}>
                {d.label}: {Math.round(d.value).toLocaleString('en-GB')} {d.unit}
                {d.note ? ` (${d.note})` : ''}
              </li>
            ))}
          </ul>
        )}
      </details>
    </article>
  );
}

/** `replications` overrides the ledger's default (#/claims?r=N), e.g. for a quick look. */
export function ClaimsPage({ replications }: { replications?: number }) {
  const [claims, setClaims] = useState<Claim[]>();
  const [progress, setProgress] = useState<[number, number] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    (async () => {
      const projection = await api.projection();
      const body = replications ? { ...projection, replications } : projection;
      setProgress([0, body.replications]);
      const { runId } = await runJob(body, (d, t) => setProgress([d, t]));
      setProgress(null);
      setClaims((await api.claims(runId)).claims as Claim[]);
    })().catch((e: unknown) => {
      setProgress(null);
      setError(e instanceof Error ? e.message : String(e));
    });
  }, []);
  return (
    <main class="claims" data-testid="claims-page">
      <p class="hint">Every quantitative claim of the seed article, checked from official figures or a model projection (status quo against status quo plus 1,000 caseworkers, on common random numbers).</p>
      {progress && <Progress done={progress[0]} total={progress[1]} />}
      {error && (
        <p class="error" role="alert" data-testid="error">
          {error}
        </p>
      )}
      {claims?.map((c, i) => <ClaimCard key={c.id} c={c} n={i + 1} />)}
    </main>
  );
}
