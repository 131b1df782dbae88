/**
 * The benchmark runner: `npm run bench` (a readable table) or `npm run bench -- --json` (one JSON
 * object per benchmark per line). Options: `--runs N` timed runs after one warm-up run (default
 * 5), `--only NAME`. Each benchmark reports the median wall seconds of the timed runs and, when it
 * reports events, events per second at that median (and per CPU second, which a busy machine
 * disturbs less); other figures come from the median run.
 */
import { benchmarks } from './registry.js';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function main(args: string[]): void {
  const json = args.includes('--json');
  const runs = Number(option(args, '--runs') ?? 5);
  const only = option(args, '--only');
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`--runs must be an integer >= 1, got ${runs}`);
  for (const bench of benchmarks) {
    if (only && bench.name !== only) continue;
    // Long benchmarks cap their own repetitions (and skip the warm-up: they warm up within).
    const n = Math.min(runs, bench.maxRuns ?? runs);
    if (bench.maxRuns === undefined) bench.run(); // warm-up
    const results: Record<string, number | string>[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < n; i++) {
      const before = process.cpuUsage();
      results.push(bench.run());
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1e6);
    }
    const seconds = results.map((r) => Number(r.seconds));
    const med = median(seconds);
    const at = results[seconds.indexOf(med)] ?? results[0]!;
    const row: Record<string, number | string> = { name: bench.name, runs: n, ...at, seconds: med };
    if (typeof at.events === 'number' && med > 0) {
      row.eventsPerSecond = Math.round(at.events / med);
      // On a shared machine wall time includes time spent descheduled; CPU time does not.
      row.eventsPerCpuSecond = Math.round(at.events / median(cpu));
    }
    row.secondsMin = Math.min(...seconds);
    if (typeof at.events === 'number') row.eventsPerSecondBest = Math.round(at.events / row.secondsMin);
    row.secondsMax = Math.max(...seconds);
    row.cpuSecondsMedian = median(cpu);
    if (json) console.log(JSON.stringify(row));
    else {
      console.log(`\n${bench.name}`);
      for (const [k, v] of Object.entries(row)) {
        if (k === 'name') continue;
        const shown = typeof v === 'number' ? (Number.isInteger(v) ? v.toLocaleString('en-GB') : v.toFixed(4)) : v;
        console.log(`  ${k.padEnd(20)} ${shown}`);
      }
    }
  }
}

main(process.argv.slice(2));
