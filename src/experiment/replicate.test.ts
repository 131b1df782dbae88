import { describe, expect, it } from 'vitest';
import { simulate } from '../model/simulate.js';
import { loadScenario } from '../scenarios/catalogue.js';
import { runReplications } from './replicate.js';
import { SummaryAccumulator, summaryToJson } from './summary.js';

describe('runReplications on the UK model', () => {
  const scenario = loadScenario('status-quo-2023', { horizonMonths: 3 });

  it('is reproducible and equals a summary of the same replications added in reverse', () => {
    const options = { replications: 3, seed: 11, uncertainty: 'both', version: 'test' } as const;
    const a = summaryToJson(runReplications(scenario, options));
    expect(summaryToJson(runReplications(scenario, options))).toBe(a);
    const acc = new SummaryAccumulator({ scenario: scenario.name, title: scenario.title, seed: 11, replications: 3, uncertainty: 'both', version: 'test' });
    for (const r of [2, 1, 0]) acc.add(r, simulate(scenario, { seed: 11, replication: r, uncertainty: 'both' }));
    expect(summaryToJson(acc.finish())).toBe(a);
    expect(JSON.parse(a).months.map((m: { month: string }) => m.month)).toEqual(['2023-07', '2023-08', '2023-09']);
  });
});
