/**
 * A progress bar on stderr for long runs. It appears only when stderr is a terminal and the run
 * is projected (from the replications done so far) to take longer than LONG_RUN_MS, so short runs,
 * pipes, CI logs and tests never see it. Updates are synchronous: the replication loop blocks the
 * event loop, and cli-progress redraws from update() at most FPS times a second.
 */
import cliProgress from 'cli-progress';
import type { Io } from './io.js';

/** Runs projected to last longer than this get a bar. */
export const LONG_RUN_MS = 1500;
const FPS = 10;

export interface Progress {
  /** Report `done` of `total` units finished. */
  update(done: number, total: number): void;
  /** Remove the bar (if any); call when the work ends, also on failure. */
  stop(): void;
}

export function progressBar(io: Io, label: string, now: () => number = Date.now): Progress {
  const tty = io.errTty;
  if (!tty) return { update: () => {}, stop: () => {} };
  const started = now();
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(done, total) {
      if (!bar) {
        const elapsed = now() - started;
        if (done >= total || done === 0 || (elapsed / done) * total < LONG_RUN_MS) return;
        bar = new cliProgress.SingleBar(
          {
            stream: tty,
            fps: FPS,
            clearOnComplete: true,
            // The cursor stays visible: Ctrl-C during the (synchronous) run must leave a sane terminal.
            hideCursor: false,
            format: `${label} [{bar}] {value}/{total} replications · {percentage}% · ETA {eta_formatted}`,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done);
        return;
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
