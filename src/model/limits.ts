/**
 * Documented limits that keep one run bounded on a shared machine. The CLI and the server check
 * requests against these before any work starts; the server may apply lower ones of its own.
 */
export const LIMITS = {
  /** Longest horizon, in months (20 years). */
  maxHorizonMonths: 240,
  /**
   * Most replications in one run or comparison. Summaries keep every replication's monthly values
   * for exact quantiles: at the longest horizon that is about 40 series × 240 months × 8 bytes
   * = 77 KB per replication, so this limit bounds a summary near 400 MB.
   */
  maxReplications: 5_000,
  /** Most cases one replication may create (snapshot plus expected arrivals, with headroom). */
  maxCasesPerReplication: 5_000_000,
  /** Largest number of people in any single stock or yearly flow parameter. */
  maxPopulation: 10_000_000,
} as const;
