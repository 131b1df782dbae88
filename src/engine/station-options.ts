/**
 * A Station's options and statistics as types, and the one place they are checked: every problem
 * is a RangeError naming the station, the field, the value and what is allowed, thrown before
 * the station exists. The checked options come back normalised for station.ts.
 */

export type Discipline = 'fifo' | 'priority' | 'share';

/** A step function: `servers[i]` from `times[i]` (ascending) on; 0 before `times[0]`. */
export interface CapacitySchedule {
  times: number[];
  servers: number[];
}

export interface StationOptions {
  /** Names the station in error messages. */
  name: string;
  /** A fixed number of servers, or a schedule of server counts (integers >= 0). */
  servers: number | CapacitySchedule;
  /** Number of arrival streams (integer >= 1; default 1). */
  streams?: number;
  /**
   * Which waiting entity a freed server takes (default 'fifo'): 'fifo' the longest waiting of all
   * streams; 'priority' the longest waiting of the lowest-numbered non-empty stream; 'share' the
   * longest waiting of the non-empty stream furthest behind its weight (smallest served / share,
   * ties to the lower stream index).
   */
  discipline?: Discipline;
  /** Weights (> 0) per stream for 'share'; default all 1. */
  shares?: number[];
  /** The user event kind (integer >= 0) of this station's service completions. */
  completionKind: number;
  /** Service duration (finite, >= 0, in simulation time units) of an entity starting now. */
  serviceTime: (entity: number, stream: number) => number;
}

/**
 * What happens to work in service when capacity falls below the number busy: it finishes its
 * service undisturbed, and no new service starts until busy < servers. (No preemption.)
 */
export const CAPACITY_FALL_POLICY = 'finish-service';

export interface StationStats {
  arrivals: number;
  /** Services started (from the queue or at once). */
  starts: number;
  completions: number;
  /** Waiting entities removed by cancel(). */
  cancelled: number;
  /** Total time from arrive() to service start of those who started. */
  waitSum: number;
  /** Integral of the number waiting over time. */
  areaWaiting: number;
  /** Integral of the number in service over time. */
  areaBusy: number;
  /** Integral of the server count over time. */
  areaServers: number;
  /** Time the statistics began (construction or the last resetStats()). */
  startTime: number;
  /** Time they run to (the simulation's now when read). */
  endTime: number;
}

/** Queue disciplines as small integers for the hot path. */
export const FIFO = 0;
export const PRIORITY = 1;
export const SHARE = 2;

export interface CheckedStationOptions {
  name: string;
  streams: number;
  discipline: Discipline;
  mode: number;
  shares: Float64Array;
  completionKind: number;
  serviceTime: (entity: number, stream: number) => number;
  /** The fixed server count, or the schedule as given (checked, copied). */
  servers: number | CapacitySchedule;
}

export function checkStationOptions(options: StationOptions): CheckedStationOptions {
  const name = String(options.name);
  const bad = (field: string, value: unknown, allowed: string): never => {
    throw new RangeError(`Station ${name}: ${field} must be ${allowed}, got ${JSON.stringify(value)}`);
  };
  const streams = options.streams ?? 1;
  if (!Number.isInteger(streams) || streams < 1) bad('streams', streams, 'an integer >= 1');
  const discipline = options.discipline ?? 'fifo';
  const mode = discipline === 'fifo' ? FIFO : discipline === 'priority' ? PRIORITY : discipline === 'share' ? SHARE : -1;
  if (mode < 0) bad('discipline', discipline, "'fifo', 'priority' or 'share'");
  const shares = options.shares ?? new Array<number>(streams).fill(1);
  if (shares.length !== streams || !shares.every((w) => Number.isFinite(w) && w > 0)) {
    bad('shares', shares, `${streams} finite weights > 0 (one per stream)`);
  }
  if (options.shares && discipline !== 'share') bad('shares', shares, "given only with discipline 'share'");
  const kind = options.completionKind;
  if (!Number.isInteger(kind) || kind < 0 || kind > 0x7fffffff) bad('completionKind', kind, 'an integer >= 0');
  if (typeof options.serviceTime !== 'function') bad('serviceTime', typeof options.serviceTime, 'a function');

  const given = options.servers;
  let servers: number | CapacitySchedule;
  if (typeof given === 'number') {
    if (!isCount(given)) bad('servers', given, 'an integer >= 0');
    servers = given;
  } else {
    const { times, servers: counts } = given ?? ({} as CapacitySchedule);
    if (!Array.isArray(times) || !Array.isArray(counts) || times.length === 0 || times.length !== counts.length) {
      bad('servers', given, 'a number or { times, servers } of equal non-zero length');
    }
    for (let i = 0; i < times.length; i++) {
      if (!Number.isFinite(times[i]) || (i > 0 && !(times[i]! > times[i - 1]!))) {
        bad(`servers.times[${i}]`, times[i], 'finite and strictly ascending');
      }
      if (!isCount(counts[i]!)) bad(`servers.servers[${i}]`, counts[i], 'an integer >= 0');
    }
    servers = { times: times.slice(), servers: counts.slice() };
  }
  return {
    name,
    streams,
    discipline,
    mode,
    shares: Float64Array.from(shares),
    completionKind: kind,
    serviceTime: options.serviceTime,
    servers,
  };
}

/** A server count: an integer in [0, 2^31). */
export function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 0x7fffffff;
}
