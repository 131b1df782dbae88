/**
 * `asylum-sim scenarios list | show NAME | validate FILE`: the built-in catalogue and checks of
 * scenario files. `validate` lists every problem, one per line, and exits 2 when there are any.
 */
import { InputError } from '../../model/errors.js';
import type { Backend } from '../backend.js';
import { wrap } from '../format.js';
import type { Io } from '../io.js';

/** Width the scenario list is wrapped to. */
const LIST_WIDTH = 100;

export function listCommand(backend: Backend, io: Io): number {
  const list = backend.listBuiltinScenarios();
  const width = Math.max(0, ...list.map((s) => s.name.length));
  const indent = ' '.repeat(width + 2);
  const lines = list.flatMap((s) => [
    `${s.name.padEnd(width)}  ${s.title}`,
    ...wrap(s.summary, Math.max(40, LIST_WIDTH - indent.length)).map((line) => `${indent}${line}`),
  ]);
  io.out(`${lines.join('\n')}\n`);
  return 0;
}

export function showCommand(backend: Backend, io: Io, name: string): number {
  const text = backend.showScenario(name);
  io.out(text.endsWith('\n') ? text : `${text}\n`);
  return 0;
}

export function validateCommand(backend: Backend, io: Io, file: string): number {
  try {
    const scenario = backend.validateScenarioFile(file);
    io.out(`${file}: valid scenario "${scenario.name}" (${scenario.title}), ${scenario.horizonMonths} months\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof InputError) || e.problems.length < 2) throw e;
    io.err(`asylum-sim: ${file}: ${e.problems.length} problems\n`);
    for (const p of e.problems) io.err(`  ${p.field}: got ${p.value}; ${p.allowed}\n`);
    return 2;
  }
}
