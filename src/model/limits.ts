/**
 * Documented limits that keep one run bounded on a shared machine. The CLI and the server check
 * requests against these before any work starts; the server may apply lower ones of its own.
 */
export const LIMITS = {
  /** Longest horizon, in months (20 years). */
  maxHorizonMonths: 240,
  /** Most replications in one run or comparison. */
  maxReplications: 10_000,
  /** Most cases one replication may create (snapshot plus expected arrivals, with headroom). */
  maxCasesPerReplication: 5_000_000,
  /** Largest number of people in any single stock or yearly flow parameter. */
  maxPopulation: 10_000_000,
} as const;
