/**
 * One run as the scenario page shows it: its progress, the partial summary of the replications
 * done so far (so the charts appear after the first replication, labelled as partial), then its
 * result or its error. It starts when made; a page that subscribes later gets the state so far —
 * the first view's run starts before the page has loaded the parameters it needs to show itself.
 */
import { runJob, type Summary } from './api.js';
import type { runBody } from './draft.js';

export interface RunState {
  readonly running: boolean;
  readonly done: number;
  readonly total: number;
  /** The summary of `partial.replications` replications, while the run goes. */
  readonly partial?: Summary;
  readonly result?: Summary;
  readonly error?: string;
}

export type RunBody = ReturnType<typeof runBody>;

export class RunFeed {
  private state: RunState;
  private listener: ((s: RunState) => void) | undefined;

  constructor(readonly body: RunBody) {
    this.state = { running: true, done: 0, total: body.replications };
    runJob<Summary>(
      body,
      (done, total) => this.update({ done, total }),
      undefined,
      (partial) => this.update({ partial }),
    ).then(
      ({ result }) => this.update({ running: false, result, partial: undefined }),
      (e: unknown) => this.update({ running: false, error: e instanceof Error ? e.message : String(e) }),
    );
  }

  /** Whether this run is the one `body` asks for. */
  answers(body: RunBody): boolean {
    return JSON.stringify(body) === JSON.stringify(this.body);
  }

  /** Call `listener` with the state now and at every change; returns the unsubscribe. */
  watch(listener: (s: RunState) => void): () => void {
    this.listener = listener;
    listener(this.state);
    return () => {
      if (this.listener === listener) this.listener = undefined;
    };
  }

  private update(change: Partial<RunState>): void {
    this.state = { ...this.state, ...change };
    this.listener?.(this.state);
  }
}

/** How a partial summary is labelled: "2 of 5 replications, refining…". */
export function partialLabel(done: number, total: number): string {
  return `${done} of ${total} replications, refining…`;
}
