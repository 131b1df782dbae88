/** Test helper: the baseline scenario (official figures of the UK pack), with optional overrides. */
import { loadOfficialData } from '../calibration/data-files.js';
import { countryOf } from '../scenarios/catalogue.js';
import { loadPack } from '../pack/load.js';
import { defaultsOf } from '../pack/parameter-facts.js';
import { baselineParameters } from '../model/resolve.js';
import { applyOverrides, type Scenario, type ScenarioOverrides } from '../model/schema.js';

let cached: Scenario | undefined;

export function baseline(): Scenario {
  cached ??= {
    name: 'baseline',
    title: 'Baseline',
    description: '',
    start: '2023-07-01',
    horizonMonths: 60,
    country: countryOf(loadPack('uk')),
    ...baselineParameters(defaultsOf(loadPack('uk').parameters), loadOfficialData(), '2023-07-01'),
  };
  return cached;
}

/** The baseline with overrides applied (validated as a scenario file would be). */
export function scenarioWith(over: Omit<ScenarioOverrides, 'name'> & { name?: string }): Scenario {
  return applyOverrides(baseline(), { name: 'test', ...over } as ScenarioOverrides, 'test');
}
