/**
 * The stages a pack runs, and what follows each outcome, as data (packs/<name>/pack.yaml): a claim
 * lodged or held as inadmissible on arrival, a decision's grant, refusal, withdrawal or inadmissibility, an appeal allowed or its rights
 * exhausted, a case removed, removed to a third country or departed from the returns pool, each
 * hands the case to the next stages in order — as Ciw routes customers — instead of a stage
 * calling the next one by name. buildRoutes() turns the table into functions once per
 * replication, so the hot loop only walks a short array.
 */
import { z } from 'zod';
import { Stage } from './cases.js';
import { InputError } from './errors.js';
import { Series } from './observe.js';
import type { World } from './world.js';

/** Every stage of the model, in the order simulate() builds them; also its parameter groups. */
export const STAGES = ['snapshot', 'arrivals', 'safeRoutes', 'euDeal', 'accommodation', 'decisions', 'appeals', 'returns', 'costs'] as const;
export type StageName = (typeof STAGES)[number];
/** Stages every pack runs: claims arrive and are decided. */
export const REQUIRED_STAGES: readonly StageName[] = ['arrivals', 'decisions'];

/** Where a case can go next, and the stage that must run for it. */
export const HANDOFFS = {
  /** The refusal may be appealed (appeals decides whether it is, and when it reaches the tribunal). */
  appeal: 'appeals',
  /** Appeal rights exhausted: the returns pool (or limbo). */
  return: 'returns',
  supportAfterGrant: 'accommodation',
  supportAfterWithdrawal: 'accommodation',
  supportAfterRefusal: 'accommodation',
  /** Support ends at once (the case has left the country or lost contact). */
  supportEndsNow: 'accommodation',
  /** The case leaves the model: the pack runs no stage after this outcome. */
  leave: 'arrivals',
  /** A claim lodged: support while it waits (those who ask for it, from the support share). */
  support: 'accommodation',
  /** A claim lodged: the initial-decision queue. */
  decide: 'decisions',
  /** A small-boat claim held as inadmissible: the third-country removal pool. */
  hold: 'returns',
} as const satisfies Record<string, StageName>;
export type Handoff = keyof typeof HANDOFFS;

/** Handoffs after a decision or an appeal (a claim's first steps are not among them). */
const OUTCOME_HANDOFFS = ['appeal', 'return', 'supportAfterGrant', 'supportAfterWithdrawal', 'supportAfterRefusal', 'supportEndsNow', 'leave'] as const satisfies readonly Handoff[];
const handoffs = z.array(z.enum(OUTCOME_HANDOFFS)).max(8);
/** Steps a claim takes when lodged, or when held; each at most once. */
const claimSteps = <T extends Handoff>(steps: readonly [T, ...T[]]) =>
  z
    .array(z.enum(steps))
    .max(steps.length)
    .refine((s) => new Set(s).size === s.length, 'each step once');
/**
 * A case that leaves the returns pool has left the country or lost contact: the returns stage has
 * counted its exit, so only its support can follow (a `leave` would count the exit twice).
 */
const afterReturn = z.array(z.enum(['supportEndsNow'])).max(1);

export const routingSchema = z.strictObject({
  /** A claim lodged (arrivals, EU quota admissions); one held as inadmissible on arrival. */
  claim: z.strictObject({ lodged: claimSteps(['support', 'decide']), heldInadmissible: claimSteps(['support', 'hold']) }),
  decision: z.strictObject({ grant: handoffs, refuse: handoffs, withdraw: handoffs, inadmissible: handoffs }),
  appeal: z.strictObject({ allowed: handoffs, exhausted: handoffs }),
  /** Removed by returns staff; removed to a third country; departed voluntarily or absconded. */
  return: z.strictObject({ removed: afterReturn, removedToThirdCountry: afterReturn, departed: afterReturn }),
});
export type Routing = z.infer<typeof routingSchema>;

export const stagesSchema = z
  .array(z.enum(STAGES))
  .refine((s) => REQUIRED_STAGES.every((r) => s.includes(r)), `at least ${REQUIRED_STAGES.join(' and ')}`)
  .refine((s) => new Set(s).size === s.length, 'each stage once')
  .refine((s) => !s.includes('snapshot') || ['accommodation', 'appeals', 'returns'].every((r) => s.includes(r as StageName)), 'snapshot only with accommodation, appeals and returns (it seeds them)');

/** Every handoff of the table goes to a stage the pack runs; otherwise the problems, by field. */
export function routingProblems(stages: readonly StageName[], routing: Routing): { field: string; value: string; allowed: string }[] {
  const out: { field: string; value: string; allowed: string }[] = [];
  for (const [from, table] of Object.entries(routing)) {
    for (const [outcome, steps] of Object.entries(table as Record<string, readonly Handoff[]>)) {
      steps.forEach((h, i) => {
        if (!stages.includes(HANDOFFS[h])) out.push({ field: `routing.${from}.${outcome}[${i}]`, value: h, allowed: `a handoff to a stage the pack runs (${HANDOFFS[h]} is not in stages)` });
      });
    }
  }
  if (routing.appeal.allowed.length + routing.appeal.exhausted.length > 0 && !stages.includes('appeals')) {
    out.push({ field: 'routing.appeal', value: 'handoffs', allowed: 'none when the pack runs no appeals stage' });
  }
  // A lodged claim must reach the decision queue, else it waits for ever; a held one the removal
  // pool, which only the returns stage (the one that holds claims) has.
  const c = routing.claim;
  if (!c.lodged.includes('decide')) out.push({ field: 'routing.claim.lodged', value: c.lodged.join(', ') || 'nothing', allowed: 'a list with decide (the claim joins the decision queue)' });
  if (stages.includes('returns') && !c.heldInadmissible.includes('hold')) {
    out.push({ field: 'routing.claim.heldInadmissible', value: c.heldInadmissible.join(', ') || 'nothing', allowed: 'a list with hold (the returns stage holds inadmissible claims for removal)' });
  }
  if (!stages.includes('returns') && c.heldInadmissible.length > 0) {
    out.push({ field: 'routing.claim.heldInadmissible', value: 'handoffs', allowed: 'none when the pack runs no returns stage (no claim is held)' });
  }
  const r = routing.return;
  if (r.removed.length + r.removedToThirdCountry.length + r.departed.length > 0 && !stages.includes('returns')) {
    out.push({ field: 'routing.return', value: 'handoffs', allowed: 'none when the pack runs no returns stage' });
  }
  return out;
}

export type Next = (id: number) => void;

/** The routing table as functions: claim.*, decision[outcome code], appeal.allowed, appeal.exhausted, return.*. */
export interface Routes {
  readonly lodged: readonly Next[];
  readonly heldInadmissible: readonly Next[];
  readonly decision: readonly (readonly Next[])[];
  readonly allowed: readonly Next[];
  readonly exhausted: readonly Next[];
  readonly removed: readonly Next[];
  readonly removedToThirdCountry: readonly Next[];
  readonly departed: readonly Next[];
}

/** The accommodation stage's end of support after each outcome handed to it. */
const SUPPORT_END = { supportAfterGrant: 'leaveAfterGrant', supportAfterWithdrawal: 'leaveAfterWithdrawal', supportAfterRefusal: 'leaveAfterRefusal' } as const;

function next(w: World, h: Handoff): Next {
  const missing = (): never => {
    throw new InputError({ field: 'country.routing', value: h, allowed: `a handoff to a stage the pack runs (${HANDOFFS[h]} is not built)` });
  };
  switch (h) {
    case 'appeal': {
      const appeals = w.appeals ?? missing();
      return (id) => appeals.refused(id);
    }
    case 'return': {
      const returns = w.returns ?? missing();
      return (id) => returns.enter(id);
    }
    case 'supportAfterGrant':
    case 'supportAfterWithdrawal':
    case 'supportAfterRefusal': {
      const accommodation = w.accommodation ?? missing();
      const end = SUPPORT_END[h];
      return (id) => accommodation[end](id);
    }
    case 'supportEndsNow': {
      const accommodation = w.accommodation ?? missing();
      return (id) => accommodation.leave(id);
    }
    case 'support': {
      const accommodation = w.accommodation ?? missing();
      return (id) => accommodation.claimLodged(id);
    }
    case 'decide': {
      const decisions = w.decisions;
      return (id) => decisions.enqueue(id, false);
    }
    case 'hold': {
      const returns = w.returns ?? missing();
      return (id) => returns.hold(id);
    }
    case 'leave':
      return (id) => {
        w.cases.stage[id] = Stage.left;
        w.obs.add(Series.exitsPeople, w.cases.people[id]);
      };
  }
}

/** The routing table of the world's country, bound to its stages. */
export function buildRoutes(w: World, routing: Routing): Routes {
  const bind = (steps: readonly Handoff[]) => steps.map((h) => next(w, h));
  const d = routing.decision;
  // Indexed by the Outcome codes of cases.ts: grant 0, refuse 1, withdraw 2, inadmissible 3.
  const r = routing.return;
  return {
    lodged: bind(routing.claim.lodged),
    heldInadmissible: bind(routing.claim.heldInadmissible),
    decision: [bind(d.grant), bind(d.refuse), bind(d.withdraw), bind(d.inadmissible)],
    allowed: bind(routing.appeal.allowed),
    exhausted: bind(routing.appeal.exhausted),
    removed: bind(r.removed),
    removedToThirdCountry: bind(r.removedToThirdCountry),
    departed: bind(r.departed),
  };
}
