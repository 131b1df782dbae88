/**
 * The case table: one row per asylum case (a main applicant with dependants), stored as columns
 * of typed arrays so the hot loop reads numbers, never objects. Rows are only ever appended; a
 * case's row index is its id, and the engine's events carry that id.
 */

/** Where a case is. Stocks are counted from these; every case is in exactly one stage. */
export const Stage = {
  awaitingDecision: 1,
  awaitingAppeal: 2,
  awaitingReturn: 3,
  /** In the hands of returns staff: removal under way (cannot depart voluntarily any more). */
  returning: 4,
  limbo: 5,
  granted: 6,
  withdrawn: 7,
  returned: 8,
  departed: 9,
  absconded: 10,
  /** An inadmissible small-boat arrival held for third-country removal (claim not decided). */
  heldForRemoval: 11,
  /** Third-country removal under way. */
  removingThirdCountry: 12,
  /** A small-boat arrival held for return to the EU under a returns deal. */
  euReturnPending: 13,
  /** Left the model after an outcome its pack routes nowhere (no appeals or returns stage). */
  left: 14,
} as const;
export type StageCode = (typeof Stage)[keyof typeof Stage];

/** Outcomes of an initial decision, in the order of the cumulative outcome tables. */
export const Outcome = { grant: 0, refuse: 1, withdraw: 2, inadmissible: 3 } as const;

/** Arrival routes of asylum claims (drawn by the arrivals stage). */
export const ROUTES = ['smallBoat', 'otherClaims'] as const;
/** Route code of EU quota admissions that claim asylum (after the drawn routes). */
export const ROUTE_EU_QUOTA = 2;
export type RouteName = (typeof ROUTES)[number];

export class CaseTable {
  count = 0;
  /** Day the claim was lodged (days from start; negative for the snapshot). */
  arrival: Float64Array;
  /** Calendar month of the claim, as an offset from the start month (negative before it). */
  arrivalMonth: Int16Array;
  /** People in the case: the main applicant plus dependants. */
  people: Uint8Array;
  /** Index in NATIONALITIES (nationalities.ts). */
  nationality: Uint8Array;
  route: Uint8Array;
  stage: Uint8Array;
  /** 1 while the case's people are in asylum support. */
  supported: Uint8Array;
  /** Outcome of the initial decision (Outcome), drawn when a decision-maker takes the case up. */
  outcome: Uint8Array;

  constructor(initialCapacity: number) {
    const n = Math.max(16, Math.ceil(initialCapacity));
    this.arrival = new Float64Array(n);
    this.arrivalMonth = new Int16Array(n);
    this.people = new Uint8Array(n);
    this.nationality = new Uint8Array(n);
    this.route = new Uint8Array(n);
    this.stage = new Uint8Array(n);
    this.supported = new Uint8Array(n);
    this.outcome = new Uint8Array(n);
  }

  get capacity(): number {
    return this.arrival.length;
  }

  /**
   * Empties the table, keeping its arrays, so the next replication in this thread need not
   * allocate (and the collector need not free) megabytes of columns. add() writes every column of
   * a row, so old rows beyond `count` are never read.
   */
  clear(): this {
    this.count = 0;
    return this;
  }

  add(arrival: number, arrivalMonth: number, people: number, nationality: number, route: number): number {
    if (this.count === this.arrival.length) this.grow();
    const id = this.count++;
    this.arrival[id] = arrival;
    this.arrivalMonth[id] = arrivalMonth;
    this.people[id] = people;
    this.nationality[id] = nationality;
    this.route[id] = route;
    this.stage[id] = 0;
    this.supported[id] = 0;
    this.outcome[id] = 0;
    return id;
  }

  /** Doubling growth keeps appends amortised O(1); it happens a handful of times per run at most. */
  private grow(): void {
    const n = this.arrival.length * 2;
    const widen = <T extends Float64Array | Int16Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.arrival = widen(this.arrival, (k) => new Float64Array(k));
    this.arrivalMonth = widen(this.arrivalMonth, (k) => new Int16Array(k));
    this.people = widen(this.people, (k) => new Uint8Array(k));
    this.nationality = widen(this.nationality, (k) => new Uint8Array(k));
    this.route = widen(this.route, (k) => new Uint8Array(k));
    this.stage = widen(this.stage, (k) => new Uint8Array(k));
    this.supported = widen(this.supported, (k) => new Uint8Array(k));
    this.outcome = widen(this.outcome, (k) => new Uint8Array(k));
  }
}
