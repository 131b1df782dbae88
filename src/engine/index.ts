/**
 * The engine: a domain-free discrete-event kernel. Seeded random streams (rng), distributions
 * that know their moments, an integer-coded event calendar, the clock and event loop
 * (simulation), and multi-server queueing stations with time-varying capacity.
 */
export { Rng, streamRng } from './rng.js';
export {
  type Distribution,
  Deterministic,
  Uniform,
  Exponential,
  Gamma,
  Lognormal,
  Normal,
  Poisson,
  Binomial,
  Categorical,
  Triangular,
  Pert,
} from './distributions.js';
export {
  exponential,
  standardExponential,
  poisson,
  binomial,
  gamma,
  beta,
  standardNormal,
  logFactorial,
} from './sampling.js';
export { sortedUniforms } from './sorted-uniforms.js';
export { type Calendar, before, ReferenceCalendar } from './calendar.js';
export { HeapCalendar } from './heap-calendar.js';
export { CalendarQueue } from './calendar-queue.js';
export { type FailedEvent, type Handler, type Reusable, type SimulationOptions, Simulation, PRIORITY_CAPACITY } from './simulation.js';
export {
  type Discipline,
  type CapacitySchedule,
  type StationOptions,
  type StationStats,
  Station,
  CAPACITY_FALL_POLICY,
} from './station.js';
