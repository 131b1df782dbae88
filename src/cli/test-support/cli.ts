/**
 * Running the CLI in-process for tests: its exit code and what it wrote, and the shape every
 * bad-input outcome must have.
 */
import { expect } from 'vitest';
import type { Backend } from '../backend.js';
import { captureIo } from '../io.js';
import { main } from '../main.js';
import { fakeBackend } from './fake-backend.js';

export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `asylum-sim …args` on the fake backend (or the real model with `backend: 'model'`). */
export async function cli(args: readonly string[], options: { env?: Record<string, string>; backend?: 'fake' | 'model' } = {}): Promise<CliOutcome> {
  const io = captureIo(options.env ?? {});
  const backend: (() => Promise<Backend>) | undefined = options.backend === 'model' ? undefined : async () => fakeBackend();
  const code = await main(['node', 'asylum-sim', ...args], io, backend);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** A bad-input outcome: exit 2, nothing on stdout, exactly one line on stderr matching `pattern`, no stack. */
export function expectBadInput(r: CliOutcome, pattern: RegExp = /^asylum-sim: /): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/at .*\.(js|ts):\d+/);
}
