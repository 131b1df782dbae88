/**
 * Test and benchmark helper: the built command (`node bin/asylum-sim.js`, loading dist/) as child processes, for
 * tests that must kill, interrupt or wait on them: a finished run's exit code and output, and
 * long-running processes (workers, servers) with a way to wait for a line of their output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from '../calibration/data-files.js';

/** The package root, from src/ under tests and from dist/src/ in benchmarks. */
export const root = findPackageRoot(import.meta.url);
export const bin = join(root, 'bin', 'asylum-sim.js');
export const built = existsSync(join(root, 'dist', 'src', 'cli', 'main.js'));

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Running {
  readonly child: ChildProcess;
  /** Everything printed so far. */
  output(): string;
  /** Resolves when the output matches `pattern` `times` times (rejects if the process ends first). */
  waitFor(pattern: RegExp, times?: number): Promise<void>;
  /** Resolves when the process has ended. */
  readonly finished: Promise<Finished>;
}

/** Start the command; `wrapper` runs it under another program (e.g. ['/usr/bin/time', '-f', '…']). */
export function startCli(args: readonly string[], env: Record<string, string> = {}, wrapper: readonly string[] = []): Running {
  const command = [...wrapper, process.execPath, bin, ...args];
  const child = spawn(command[0], command.slice(1), { cwd: root, env: { ...process.env, ASYLUM_SIM_DEBUG: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((f) => f());
  child.stdout?.on('data', (d: Buffer) => ((stdout += d.toString()), notify()));
  child.stderr?.on('data', (d: Buffer) => ((stderr += d.toString()), notify()));
  const finished = new Promise<Finished>((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  finished.then(notify, notify);
  const output = () => stdout + stderr;
  return {
    child,
    output,
    finished,
    waitFor: (pattern, times = 1) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          const count = (output().match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`)) ?? []).length;
          if (count >= times) {
            listeners.delete(check);
            resolve();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            listeners.delete(check);
            reject(new Error(`the process ended before printing ${pattern} (${times}×):\n${output()}`));
          }
        };
        listeners.add(check);
        check();
      }),
  };
}

/** Run the command to its end. */
export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<Finished> {
  return startCli(args, env).finished;
}
