/**
 * The scenario editor: the built-in to start from, then every parameter in its group with its
 * unit; hovering (or focusing) a parameter shows its meaning, allowed values, plausible range,
 * default and source. A schedule (a value that changes on dated points) shows its latest value;
 * typing a number makes it constant from the start.
 */
import { useState } from 'preact/hooks';
import type { Builtin, ParameterInfo } from './api.js';
import { fmtNumber } from './format.js';
import { groupParameters } from './groups.js';

type Point = { date: string; value: number };

function valueAt(obj: unknown, path: string): unknown {
  let v = obj;
  for (const k of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

function describeDefault(p: ParameterInfo): string {
  if (p.kind === 'schedule' && Array.isArray(p.default)) {
    const pts = p.default as Point[];
    return pts.length === 1 ? fmtNumber(pts[0].value, p.unit) : pts.map((x) => `${x.date}: ${fmtNumber(x.value, p.unit)}`).join(', ');
  }
  return typeof p.default === 'number' ? fmtNumber(p.default, p.unit) : String(p.default);
}

export function helpText(p: ParameterInfo): string {
  const lines = [p.description];
  if (p.unitText) lines.push(`Unit: ${p.unitText}`);
  if (p.min !== undefined) lines.push(`Allowed: ${p.min.toLocaleString('en-GB')} to ${p.max!.toLocaleString('en-GB')}`);
  if (p.range) lines.push(`Plausible range: ${p.kind === 'schedule' ? `×${p.range[0]} to ×${p.range[1]} of the path` : `${p.range[0].toLocaleString('en-GB')} to ${p.range[1].toLocaleString('en-GB')}`}`);
  if (p.options) lines.push(`Options: ${p.options.join(', ')}`);
  lines.push(`Default: ${describeDefault(p)}`);
  if (p.lever) lines.push(`Policy lever (asylum-sim optimise --levers): costed by ${p.lever.cost.parameter} per ${p.lever.cost.per}`);
  lines.push(`Source: ${p.source}`);
  return lines.join('\n');
}

interface ControlProps {
  readonly p: ParameterInfo;
  readonly current: unknown;
  readonly edited: boolean;
  readonly onEdit: (path: string, value: unknown) => void;
}

function Control({ p, current, edited, onEdit }: ControlProps) {
  const id = `p-${p.path}`;
  const [error, setError] = useState('');
  const points = p.kind === 'schedule' && Array.isArray(current) ? (current as Point[]) : undefined;
  const shown = points ? points[points.length - 1]?.value : current;
  const change = (text: string) => {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v) || v < p.min! || v > p.max! || (p.integer && !Number.isInteger(v))) {
      setError(`${p.integer ? 'a whole number' : 'a number'} from ${p.min!.toLocaleString('en-GB')} to ${p.max!.toLocaleString('en-GB')}`);
      return;
    }
    setError('');
    onEdit(p.path, v);
  };
  const tail = p.path.split('.').slice(1).join(' › ');
  return (
    <div class={`param${edited ? ' edited' : ''}`} title={helpText(p)} data-testid={`param-${p.path}`}>
      <label for={id}>
        {p.label}
        {p.lever ? <span class="param-lever">lever</span> : null}
        <span class="param-path">{tail}</span>
      </label>
      <div class="param-input">
        {p.kind === 'choice' ? (
          <select id={id} value={String(current)} onChange={(e) => onEdit(p.path, (e.target as HTMLSelectElement).value)}>
            {p.options!.map((o) => (
              <option key={o} value={o}>{o}</option>
            ))}
          </select>
        ) : (
          <input
            id={id}
            type="number"
            inputMode="decimal"
            min={p.min}
            max={p.max}
            step={p.integer || (p.max ?? 0) > 100 ? 1 : 'any'}
            value={typeof shown === 'number' ? shown : ''}
            aria-describedby={`${id}-unit`}
            aria-invalid={error ? 'true' : undefined}
            onChange={(e) => change((e.target as HTMLInputElement).value)}
          />
        )}
        {p.unit && <span id={`${id}-unit`} class="unit">{p.unit}</span>}
        {edited && (
          <button type="button" class="reset" onClick={() => onEdit(p.path, undefined)} aria-label={`Reset ${p.label}`}>
            reset
          </button>
        )}
      </div>
      {points && points.length > 1 && !edited && <div class="param-note">schedule of {points.length} dated values; shown: from {points[points.length - 1].date}; a number here holds from the start</div>}
      {error && <div class="param-error" role="alert">{error}</div>}
    </div>
  );
}

interface EditorProps {
  readonly builtins: readonly Builtin[];
  readonly parameters: readonly ParameterInfo[];
  readonly base: string;
  readonly resolved: Record<string, unknown> | undefined;
  readonly edits: Readonly<Record<string, unknown>>;
  readonly onBase: (name: string) => void;
  readonly onEdit: (path: string, value: unknown) => void;
}

export function Editor({ builtins, parameters, base, resolved, edits, onBase, onEdit }: EditorProps) {
  const groups = groupParameters(parameters);
  const picked = builtins.find((b) => b.name === base);
  return (
    <section class="editor" aria-label="Scenario editor">
      <label for="scenario-picker" class="picker-label">Start from</label>
      <select id="scenario-picker" data-testid="scenario-picker" value={base} onChange={(e) => onBase((e.target as HTMLSelectElement).value)}>
        {builtins.map((b) => (
          <option key={b.name} value={b.name}>{b.title}</option>
        ))}
      </select>
      {picked && <p class="picker-summary">{picked.summary}</p>}
      {Object.keys(edits).length > 0 && <p class="edits">{Object.keys(edits).length} parameter(s) changed from {base}</p>}
      {groups.map((g, i) => (
        <details key={g.title} open={i === 0}>
          <summary>
            {g.title} <span class="count">({g.parameters.length})</span>
          </summary>
          {g.parameters.map((p) => (
            <Control key={p.path} p={p} current={p.path in edits ? edits[p.path] : valueAt(resolved, p.path)} edited={p.path in edits} onEdit={onEdit} />
          ))}
        </details>
      ))}
    </section>
  );
}
