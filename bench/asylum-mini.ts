/**
 * The reference benchmark model `asylum-mini` (DESIGN.md section 7), built on the engine: Poisson
 * arrivals at 250 a day into three FIFO stations (decisions 2,500 servers, mean 9 days; appeals
 * 400, mean 5; returns 50, mean 3, deliberately overloaded), exponential service, routing by
 * fixed probabilities, horizon 3,650 days. Events are arrivals plus service completions with
 * time <= horizon. Each stage draws from its own stream, keyed by the stage's name.
 */
import { Simulation, Station, exponential, streamRng } from '../src/engine/index.js';

export const ASYLUM_MINI = {
  horizon: 3650,
  arrivalsPerDay: 250,
  decisions: { servers: 2500, meanService: 9, grant: 0.7, withdraw: 0.1 },
  appealRate: 0.75,
  appeals: { servers: 400, meanService: 5, allowed: 0.3 },
  returns: { servers: 50, meanService: 3 },
} as const;

export interface AsylumMiniResult {
  /** Events processed: arrivals and service completions with time <= horizon. */
  events: number;
  arrivals: number;
  /** Cases that left the system by the horizon. */
  left: number;
  /** Mean time in system (days) of the cases that left. */
  meanTimeInSystem: number;
  /** Cases waiting at the returns station at the horizon. */
  returnsQueue: number;
  /** Wall-clock seconds of the run (set-up included). */
  seconds: number;
}

const ARRIVAL = 0;
const DECIDED = 1;
const APPEALED = 2;
const RETURNED = 3;

export function runAsylumMini(seed: number): AsylumMiniResult {
  const started = performance.now();
  const p = ASYLUM_MINI;
  const sim = new Simulation();
  const arrivalRng = streamRng(seed, 'arrivals');
  const decisionRng = streamRng(seed, 'decisions');
  const appealRng = streamRng(seed, 'appeals');
  const returnRng = streamRng(seed, 'returns');
  const meanGap = 1 / p.arrivalsPerDay;

  const decisions = new Station(sim, {
    name: 'decisions',
    servers: p.decisions.servers,
    completionKind: DECIDED,
    serviceTime: () => exponential(decisionRng, p.decisions.meanService),
  });
  const appeals = new Station(sim, {
    name: 'appeals',
    servers: p.appeals.servers,
    completionKind: APPEALED,
    serviceTime: () => exponential(appealRng, p.appeals.meanService),
  });
  const returns = new Station(sim, {
    name: 'returns',
    servers: p.returns.servers,
    completionKind: RETURNED,
    serviceTime: () => exponential(returnRng, p.returns.meanService),
  });

  // The case table: arrival day per case id.
  let arrivedAt = new Float64Array(1 << 20);
  let arrivals = 0;
  let left = 0;
  // A double accumulator lives in a typed array: a closure-captured `let` holding a double is
  // boxed, and every update would allocate.
  const timeInSystem = new Float64Array(1);
  const leave = (entity: number): void => {
    left++;
    timeInSystem[0] += sim.now - arrivedAt[entity]!;
  };
  const pDecisionLeave = p.decisions.grant + p.decisions.withdraw;

  sim.at(exponential(arrivalRng, meanGap), ARRIVAL, 0);
  const events = sim.run(p.horizon, (kind, entity) => {
    switch (kind) {
      case ARRIVAL: {
        if (entity >= arrivedAt.length) {
          const bigger = new Float64Array(arrivedAt.length * 2);
          bigger.set(arrivedAt);
          arrivedAt = bigger;
        }
        arrivedAt[entity] = sim.now;
        arrivals++;
        decisions.arrive(entity);
        sim.at(sim.now + exponential(arrivalRng, meanGap), ARRIVAL, entity + 1);
        break;
      }
      case DECIDED: {
        decisions.complete();
        // Grant or withdraw: leave. Refused: appeal with probability appealRate, else leave.
        if (decisionRng.uniform() < pDecisionLeave || decisionRng.uniform() >= p.appealRate) leave(entity);
        else appeals.arrive(entity);
        break;
      }
      case APPEALED: {
        appeals.complete();
        if (appealRng.uniform() < p.appeals.allowed) leave(entity);
        else returns.arrive(entity);
        break;
      }
      case RETURNED: {
        returns.complete();
        leave(entity);
        break;
      }
    }
  });
  return {
    events,
    arrivals,
    left,
    meanTimeInSystem: timeInSystem[0]! / left,
    returnsQueue: returns.waiting,
    seconds: (performance.now() - started) / 1000,
  };
}
