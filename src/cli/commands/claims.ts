/**
 * `asylum-sim claims`: the claims ledger of the seed article. Record and arithmetic claims are
 * checked from data/; the caseworker claim runs the model (the base scenario against the base plus
 * 1,000 caseworkers, on common random numbers). The default is a readable page; `--json` prints
 * `{ claims: [...] }` and nothing else on stdout.
 */
import { compareOn } from '../../experiment/compare.js';
import { buildLedger, ledgerToJson, type Ledger } from '../../claims/ledger.js';
import { BASE_SCENARIO, extraCaseworkerOverrides } from '../../claims/projection.js';
import type { Claim, ClaimInput } from '../../claims/types.js';
import { LIMITS } from '../../model/limits.js';
import { loadPack } from '../../pack/load.js';
import type { Backend } from '../backend.js';
import { parseChoiceInput, parseIntegerInput } from '../../experiment/input.js';
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
  const shown = c.details.slice(0, DETAILS).map((d) => `     - ${d.label}: ${Math.round(d.value).toLocaleString('en-GB')} ${d.unit}${d.note ? ` (${d.note})` : ''}`);
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
  const data = backend.officialData();
  const a = backend.loadScenario(flags.base ?? BASE_SCENARIO);
  const b = backend.deriveScenario(a, extraCaseworkerOverrides, `${a.name}-plus-1000-caseworkers`, `${a.title}, plus 1,000 caseworkers`);

  const progress = progressBar(io, 'claims: caseworker projection');
  const simulator = await simulatorFor(backend, Math.min(workers, 2 * replications));
  let projection;
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
  // The ledger is the UK's: its staff costs are the UK pack's parameters.
  const ledger = buildLedger(data, projection, loadPack('uk').parameters);
  if (flags.json === true) io.out(ledgerToJson(ledger));
  else {
    const header = `Claims ledger: the seed article's numbers checked (${ledger.claims.length} claims; projection: ${replications} replications, seed ${seed}, ${uncertainty} uncertainty; asylum-sim ${backend.version})`;
    io.out(`${ledgerPage(ledger, header)}\n`);
  }
  return 0;
}
