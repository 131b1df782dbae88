/**
 * Event kinds of the UK model, and the same-time rules. The engine orders events by
 * (time, priority, insertion); the model uses these priorities at equal times:
 *   engine capacity changes (PRIORITY_CAPACITY) < month end (-1) < everything else (0).
 * So a month's stocks are read before the first event of the next month, and station capacity for
 * a month is in place before that month's work.
 */
export const Kind = {
  /** Start of a day: arrivals of the day, accommodation capacity of the day. entity = day. */
  day: 0,
  /** End of a month: stocks are observed. entity = month index. */
  monthEnd: 1,
  decisionDone: 2,
  appealDone: 3,
  returnDone: 4,
  /** A case waiting for return, or in limbo, departs voluntarily or absconds. */
  departure: 5,
  /** An EU-deal case's return to the EU is due. */
  euReturn: 6,
  thirdCountryDone: 7,
  /** A refused case's appeal reaches the tribunal, after the time taken to lodge it. */
  appealLodged: 8,
} as const;
export type KindName = keyof typeof Kind;

/** The name of an event kind (for messages), or undefined if the model has no such kind. */
export function kindName(kind: number): KindName | undefined {
  return (Object.keys(Kind) as KindName[]).find((k) => Kind[k] === kind);
}

export const PRIORITY_MONTH_END = -1;
