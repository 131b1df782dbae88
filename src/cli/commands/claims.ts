/**
 * `asylum-sim claims`: the claims ledger of a pack (its claims.yaml; the UK's checks the seed
 * article). Record and arithmetic claims are checked from the pack's data and the base scenario's
 * parameters; when the file asks for a projection, the model runs it (the base scenario against
 * the base with the file's overrides, on common random numbers). A pack without a ledger is
 * refused. The default is a readable page; `--json` prints `{ claims: [...] }` and nothing else on
 * stdout.
 */
import { compareOn, type Comparison } from '../../experiment/compare.js';
import { buildLedger, ledgerToJson, type Ledger } from '../../claims/ledger.js';
import { projectionOverrides, variantOf } from '../../claims/projection.js';
import type { Claim, ClaimInput } from '../../claims/types.js';
import { LIMITS } from '../../model/limits.js';
import type { Backend } from '../backend.js';
import { parseChoiceInput, parseIntegerInput } from '../../experiment/input.js';
import { formatCount } from '../../experiment/format.js';
import { wrap } from '../format.js';
import type { Io } from '../io.js';
import { progressBar } from '../progress.js';
import { parseWorkersFlag, simulatorFor } from './run.js';
import { UNCERTAINTY } from '../../model/uncertainty.js';

/** Fewer than `run`: the page needs the projection's direction and band, and runs two scenarios. */
export const CLAIMS_DEFAULT_REPLICATIONS = 10;
export const CLAIMS_DEFAULT_SEED = 1;

export interface ClaimsFlags {
  readonly replications?: string;
  readonly seed?: string;
  readonly uncertainty?: string;
  /** The base scenario (default: the one the claims file names). */
  readonly base?: string;
  readonly json?: boolean;
  readonly workers?: string;
}

const WIDTH = 96;

function inputLine(i: ClaimInput): string {
  const value = Number.isFinite(i.value) ? i.value.toLocaleString('en-GB', { maximumFractionDigits: 4 }) : 'not within horizon';
  const where = [i.series && `${i.series} ${i.period}${i.vintage && i.vintage !== 'as-published' ? ` (${i.vintage})` : ''}`, i.scenario].filter(Boolean).join('; ');
  return `  - ${i.name}: ${value} ${i.unit}${where ? ` [${where}]` : ''} — ${i.source}`;
}

function indent(text: string, prefix: string): string[] {
  return wrap(text, WIDTH - prefix.length).map((l) => `${prefix}${l}`);
}

function claimPage(c: Claim, n: number): string[] {
  return [
    `${n}. ${c.id} — ${c.verdict.toUpperCase()} (${c.kind})`,
    ...indent(`Claim (${c.speaker}): ${c.statement}`, '   '),
    ...indent(`Result: ${c.result.text}`, '   '),
    ...indent(`Why: ${c.reasoning}`, '   '),
    ...indent(`Computation: ${c.computation}`, '   '),
    '   Inputs:',
    ...c.inputs.map((i) => `   ${inputLine(i)}`),
    ...indent(`Depends on: ${c.assumptions.join('; ')}`, '   '),
    ...detailLines(c),
  ];
}

/** At most DETAILS alternatives on the page; --json has them all. */
const DETAILS = 10;

function detailLines(c: Claim): string[] {
  if (!c.details || c.details.length === 0) return [];
  const shown = c.details.slice(0, DETAILS).map((d) => `     - ${d.label}: ${formatCount(d.value)} ${d.unit}${d.note ? ` (${d.note})` : ''}`);
  const rest = c.details.length - shown.length;
  return ['   Alternatives:', ...shown, ...(rest > 0 ? [`     … and ${rest} more (see --json)`] : [])];
}

/** One line per claim: number, id, kind and verdict, then the claimed figure. */
function summaryLines(ledger: Ledger): string[] {
  const idWidth = Math.max(...ledger.claims.map((c) => c.id.length));
  const verdictWidth = Math.max(...ledger.claims.map((c) => c.verdict.length));
  return ledger.claims.map((c, i) => `${String(i + 1).padStart(2)}. ${c.id.padEnd(idWidth)}  ${c.verdict.padEnd(verdictWidth)}  ${c.kind.padEnd(10)}  claimed: ${c.claimed}`);
}

/** The terminal page: a summary line per claim, then one block per claim. */
export function ledgerPage(ledger: Ledger, header: string): string {
  const lines = [header, '', ...summaryLines(ledger), ''];
  ledger.claims.forEach((c, i) => lines.push(...claimPage(c, i + 1), ''));
  return `${lines.join('\n')}`;
}

export async function claimsCommand(backend: Backend, io: Io, flags: ClaimsFlags): Promise<number> {
  const replications = parseIntegerInput('--replications', flags.replications, { min: 1, max: LIMITS.maxReplications }, CLAIMS_DEFAULT_REPLICATIONS);
  const seed = parseIntegerInput('--seed', flags.seed, { min: 0, max: Number.MAX_SAFE_INTEGER }, CLAIMS_DEFAULT_SEED);
  const uncertainty = parseChoiceInput('--uncertainty', flags.uncertainty, UNCERTAINTY, 'both');
  const workers = parseWorkersFlag(flags.workers);
  const file = backend.claimsFile();
  const data = backend.officialData();
  const spec = file.projection;
  const a = backend.loadScenario(flags.base ?? file.base);
  let projection: Comparison | undefined;
  if (spec) {
    const variant = variantOf(spec, a);
    const b = backend.deriveScenario(a, (start) => projectionOverrides(spec, start), variant.name, variant.title);
    const progress = progressBar(io, 'claims: projection');
    const simulator = await simulatorFor(backend, Math.min(workers, 2 * replications));
    try {
      projection = await compareOn(simulator, a, b, {
        replications,
        seed,
        uncertainty,
        version: backend.version,
        onProgress: (done, total) => progress.update(done, total),
      });
    } finally {
      progress.stop();
      await simulator.close();
    }
  }
  const ledger = buildLedger(file, { data, base: a, parameters: backend.packParameters(), symbol: backend.money?.symbol ?? '£', ...(projection ? { projection } : {}) });
  if (flags.json === true) io.out(ledgerToJson(ledger));
  else {
    const run = projection ? `projection: ${replications} replications, seed ${seed}, ${uncertainty} uncertainty; ` : '';
    const header = `Claims ledger: ${file.title} (${ledger.claims.length} claims; ${run}asylum-sim ${backend.version})`;
    io.out(`${ledgerPage(ledger, header)}\n`);
  }
  return 0;
}
