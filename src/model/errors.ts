/**
 * Errors that cross layers. An InputError is the user's to fix (a scenario field, a CLI flag, an
 * HTTP body): it names the field, the value and what is allowed, and the CLI maps it to exit 2
 * and the server to HTTP 400, never with a stack trace. A RunError happens during a run and says
 * where (stage, case, day).
 */
export interface InputProblem {
  /** Dotted path of the offending field (`decisions.headcount[2].value`), or a flag. */
  readonly field: string;
  /** The offending value, rendered short for a message. */
  readonly value: string;
  /** What is allowed instead. */
  readonly allowed: string;
}

export class InputError extends Error {
  readonly problems: readonly InputProblem[];
  constructor(problems: InputProblem | readonly InputProblem[], context?: string) {
    const list = Array.isArray(problems) ? (problems as readonly InputProblem[]) : [problems as InputProblem];
    const first = list[0];
    const head = first ? `${first.field}: got ${first.value}; ${first.allowed}` : 'invalid input';
    const more = list.length > 1 ? ` (and ${list.length - 1} more problem${list.length > 2 ? 's' : ''})` : '';
    super(`${context ? `${context}: ` : ''}${head}${more}`);
    this.name = 'InputError';
    this.problems = list;
  }
}

/** Render any value briefly for an error message (never the whole of a huge input). */
export function showValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (value === undefined) text = 'nothing';
  else if (typeof value === 'number' && !Number.isFinite(value)) text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A failure during a run: the stage, the case (a row of the case table; -1 if none) and the date. */
export class RunError extends Error {
  constructor(
    readonly stage: string,
    readonly caseId: number,
    readonly day: number,
    readonly date: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${stage}: ${caseId >= 0 ? `case ${caseId} ` : ''}on ${date} (day ${day.toFixed(2)}): ${message}`, options);
    this.name = 'RunError';
  }
}
