/**
 * A failure during a run says where: the stage, the case and the simulated date. A stage method
 * is made to throw on its n-th call (a stand-in for a bug), and the error that leaves simulate()
 * must be a RunError naming that stage, the case the failing event was about and its date —
 * checked against the case and day the stage was actually handed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { smallScenario } from '../test-support/small.js';
import { epochDay, isoFromEpochDay } from './dates.js';
import { Appeals } from './appeals.js';
import { Decisions } from './decisions.js';
import { InputError, RunError } from './errors.js';
import { Observer } from './observe.js';
import { simulate } from './simulate.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Make `method` of `proto` throw `error` on its `n`-th call, recording the argument it was given. */
function failOnCall<T extends object>(proto: T, method: keyof T & string, n: number, error: unknown) {
  const seen: { arg?: number } = {};
  const original = proto[method] as (this: unknown, ...args: unknown[]) => unknown;
  let calls = 0;
  vi.spyOn(proto, method as never).mockImplementation(function (this: unknown, ...args: unknown[]) {
    if (++calls === n) {
      seen.arg = args[0] as number;
      throw error;
    }
    return original.apply(this, args);
  } as never);
  return seen;
}

describe('RunError: a failure during a run carries stage, case and date', () => {
  const scenario = smallScenario({ months: 6 });
  const options = { seed: 3, replication: 0, uncertainty: 'stochastic' } as const;

  /** The RunError the small scenario's run ends with (fails the test if it ends otherwise). */
  function runError(): RunError {
    let error: unknown;
    try {
      simulate(scenario, options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RunError);
    return error as RunError;
  }

  it('names the decision stage, the case whose decision was done and the date of that event', () => {
    const seen = failOnCall(Decisions.prototype, 'done', 50, new TypeError('queue went negative'));
    const r = runError();
    expect(r.stage).toBe('decisions');
    expect(r.caseId).toBe(seen.arg);
    expect(r.day).toBeGreaterThan(0);
    expect(r.day).toBeLessThan(6 * 31);
    expect(r.date).toBe(isoFromEpochDay(epochDay(scenario.start) + r.day));
    expect(r.cause).toBeInstanceOf(TypeError);
    expect(r.message).toBe(`decisions: case ${seen.arg} on ${r.date} (day ${r.day.toFixed(2)}): queue went negative`);
  });

  it('names the appeals stage, and the case, when an appeal reaching the tribunal (appealLodged) fails', () => {
    const seen = failOnCall(Appeals.prototype, 'lodged', 3, new RangeError('tribunal closed'));
    const r = runError();
    expect(r.stage).toBe('appeals (lodged)');
    expect(r.caseId).toBe(seen.arg);
    expect(r.message).toBe(`appeals (lodged): case ${seen.arg} on ${r.date} (day ${r.day.toFixed(2)}): tribunal closed`);
  });

  it('names the month end, with no case, when observing a month fails', () => {
    failOnCall(Observer.prototype, 'closeMonth', 2, new Error('negative stock'));
    const r = runError();
    expect(r.stage).toMatch(/^month end/);
    expect(r.caseId).toBe(-1);
    // The second month end is the first day of the third month.
    const third = new Date(`${scenario.start}T00:00:00Z`);
    third.setUTCMonth(third.getUTCMonth() + 2);
    expect(r.date).toBe(third.toISOString().slice(0, 10));
    expect(r.message).toMatch(/^month end \(observation, support\): on \d{4}-\d{2}-\d{2} \(day \d+\.00\): negative stock$/);
  });

  it('lets an InputError through unchanged, and a later run in the same thread succeeds', () => {
    const input = new InputError({ field: 'x', value: '1', allowed: 'nothing' });
    failOnCall(Decisions.prototype, 'done', 1, input);
    expect(() => simulate(scenario, options)).toThrow(input);
    vi.restoreAllMocks();
    expect(simulate(scenario, options).months).toHaveLength(6);
  });
});
