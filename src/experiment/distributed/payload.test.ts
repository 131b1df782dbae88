/**
 * What crosses Redis: results come back bit for bit (NaN and Infinity KPIs included), and a job's
 * scenario is checked as a scenario file is, and must be complete.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/errors.js';
import { KPIS, SERIES } from '../../model/result.js';
import { simulate } from '../../model/simulate.js';
import { baselineScenario, loadScenario } from '../../scenarios/catalogue.js';
import { decodeResult, encodeResult, parseBatchJob, parseJobScenario } from './payload.js';
import { parseScenarioText } from '../../scenarios/parse.js';

const scenario = loadScenario('labour-plan-2023', { horizonMonths: 4 });

describe('a result through Redis', () => {
  it('decodes to exactly the result that was encoded', () => {
    const result = simulate(scenario, { seed: 3, replication: 1, uncertainty: 'both' });
    const back = decodeResult(encodeResult(result));
    expect(back.months).toEqual(result.months);
    for (const s of SERIES) expect(Buffer.from(back.series[s].buffer).equals(Buffer.from(result.series[s].buffer)), s).toBe(true);
    for (const k of KPIS) expect(Object.is(back.kpis[k], result.kpis[k]), k).toBe(true);
    expect(back.costByFinancialYear).toEqual(result.costByFinancialYear);
  });

  it('keeps NaN and Infinity KPIs (not reached, not defined)', () => {
    const result = simulate(scenario, { seed: 3, replication: 0, uncertainty: 'both' });
    const odd = { ...result, kpis: { ...result.kpis, backlogPeopleAt24m: Number.NaN, monthsUntilHotelsEmpty: Number.POSITIVE_INFINITY } };
    const back = decodeResult(encodeResult(odd));
    expect(back.kpis.backlogPeopleAt24m).toBeNaN();
    expect(back.kpis.monthsUntilHotelsEmpty).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("a job's scenario", () => {
  it('is the resolved scenario the client sent', () => {
    expect(parseJobScenario(JSON.stringify(scenario), baselineScenario(), parseScenarioText)).toEqual(scenario);
  });

  it('is refused when a parameter is missing: the worker never fills in its own defaults', () => {
    const { decisions, ...rest } = scenario;
    void decisions;
    expect(() => parseJobScenario(JSON.stringify(rest), baselineScenario(), parseScenarioText)).toThrow(/^job\.scenario: decisions\.\w+: got nothing; a resolved scenario gives every parameter/);
  });

  it('is refused past the limits, with the file checks and the model LIMITS', () => {
    const long = { ...scenario, horizonMonths: 10_000 };
    expect(() => parseJobScenario(JSON.stringify(long), baselineScenario(), parseScenarioText)).toThrow('horizonMonths: got 10000');
    expect(() => parseJobScenario('{"name":"a","name":"b"}', baselineScenario(), parseScenarioText)).toThrow(InputError);
    expect(() => parseJobScenario(`{"name":"a","extends":"status-quo-2023"}`, baselineScenario(), parseScenarioText)).toThrow(/extends|got nothing/);
  });
});

describe('a batch job', () => {
  const job = { runId: 'abcdefgh-1', version: 'v', scenario: '{}', seed: 1, uncertainty: 'both', tasks: [[0, 0]] };
  it('is data of a fixed shape', () => {
    expect(parseBatchJob(job)).toEqual(job);
  });
  it.each([
    [{ ...job, tasks: [[0, 5_000]] }, 'job.tasks.0.1'],
    [{ ...job, tasks: [] }, 'job.tasks'],
    [{ ...job, uncertainty: 'all' }, 'job.uncertainty'],
    [{ ...job, runId: '../../etc' }, 'job.runId'],
    [{ ...job, module: './evil.js' }, 'job'],
  ])('is refused when a field is out of bounds (%#)', (data, field) => {
    expect(() => parseBatchJob(data)).toThrow(new RegExp(`^${field.replace(/\./g, '\\.')}: got `));
  });
});
