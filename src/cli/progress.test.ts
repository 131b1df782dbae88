import { describe, expect, it } from 'vitest';
import { captureIo, type CapturedIo, type Io } from './io.js';
import { LONG_RUN_MS, progressBar } from './progress.js';

function ttyIo(): { io: Io; captured: CapturedIo; written: () => string } {
  let text = '';
  const stream = { isTTY: true, columns: 100, write: (s: string) => ((text += s), true) };
  const captured = captureIo();
  const io: Io = { out: captured.out, err: captured.err, env: {}, errTty: stream as unknown as NodeJS.WriteStream };
  return { io, captured, written: () => text };
}

describe('progressBar', () => {
  it('draws nothing when stderr is not a terminal', () => {
    const io = captureIo();
    let t = 0;
    const p = progressBar(io, 'x', () => t);
    t = 10 * LONG_RUN_MS;
    p.update(1, 100);
    p.stop();
    expect(io.stderr).toBe('');
  });

  it('draws nothing for a run projected to be short', () => {
    const { io, written } = ttyIo();
    let t = 0;
    const p = progressBar(io, 'x', () => t);
    for (let i = 1; i <= 10; i++) {
      t += 10;
      p.update(i, 10);
    }
    p.stop();
    expect(written()).toBe('');
  });

  it('draws a bar on the terminal for a long run and clears it at the end', () => {
    const { io, captured, written } = ttyIo();
    let t = 0;
    const p = progressBar(io, 'status-quo', () => t);
    t = LONG_RUN_MS; // the first of 20 replications took as long as the threshold
    p.update(1, 20);
    expect(written()).toContain('status-quo');
    expect(written()).toContain('1/20 replications');
    p.stop();
    expect(captured.stderr).toBe(''); // the bar writes to the terminal, not to the captured stderr text
  });
});
