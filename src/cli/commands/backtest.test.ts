import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BacktestReport } from '../../server/backtest.js';
import { tempDir, testServer } from '../../server/test-support.js';
import { cli, expectBadInput } from '../test-support/cli.js';

describe('asylum-sim backtest', () => {
  it('prints with --json what GET /api/backtest answers (less the calibration summary the server adds)', async () => {
    const tmp = tempDir();
    const server = await testServer(join(tmp.dir, 'backtest.sqlite'));
    try {
      const res = await server.api('/api/backtest?replications=2&seed=11');
      expect(res.status).toBe(200);
      const { calibration, ...fromApi } = (await res.json()) as BacktestReport;
      expect(calibration).not.toBeUndefined();
      const fromCli = await cli(['backtest', '--json', '--replications', '2', '--seed', '11']);
      expect(fromCli.code).toBe(0);
      expect(fromApi).toEqual(JSON.parse(fromCli.stdout));
    } finally {
      await server.close();
      tmp.remove();
    }
  }, 60_000);

  it('prints {series: {NAME: {mape, periods: [{period, observed, p5, p50, p95}]}}} with --json', async () => {
    const r = await cli(['backtest', '--from', '2022-01-01', '--to', '2022-12-31', '--replications', '2', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const backlog = j.series.awaiting_initial_decision_people;
    expect(backlog.periods.map((p: { period: string }) => p.period)).toEqual(['2022-03-31', '2022-06-30', '2022-09-30', '2022-12-31']);
    for (const p of backlog.periods) {
      expect(p.p5).toBeLessThanOrEqual(p.p50);
      expect(p.p50).toBeLessThanOrEqual(p.p95);
      expect(typeof p.observed).toBe('number');
    }
    expect(typeof backlog.mape).toBe('number');
    // Coverage is a share of the 4 scored quarter ends; the interval score is at least the band's mean width.
    expect([0, 0.25, 0.5, 0.75, 1]).toContain(backlog.coverage);
    const width = backlog.periods.reduce((a: number, p: { p5: number; p95: number }) => a + p.p95 - p.p5, 0) / 4;
    expect(backlog.intervalScore).toBeGreaterThanOrEqual(width - 1e-6);
    expect(typeof backlog.intervalScoreRelative).toBe('number');
    expect(j.series.initial_decisions_people_quarter.periods).toHaveLength(4);
    expect(j.dataVersion).toMatch(/^[0-9a-f]{12}$/);
  });

  it('writes a CSV and a chart per series with --out, and runs past mid-2023 on a further data file alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backtest-'));
    const newer = join(dir, 'newer.csv');
    const src = 'https://www.gov.uk/government/statistics/immigration-system-statistics-year-ending-december-2025';
    writeFileSync(
      newer,
      [
        'series,period,value,unit,source,note,vintage',
        `claims_people_quarter,2023Q3,24000,people,${src},test release,revised`,
        `initial_decisions_people_quarter,2023Q3,30000,people,${src},test release,revised`,
        `initial_grants_people_quarter,2023Q3,15000,people,${src},test release,revised`,
        `initial_refusals_people_quarter,2023Q3,5000,people,${src},test release,revised`,
        `initial_withdrawals_people_quarter,2023Q3,10000,people,${src},test release,revised`,
        `awaiting_initial_decision_people,2023-09-30,165000,people,${src},test release,revised`,
      ].join('\n') + '\n',
    );
    const out = join(dir, 'out');
    const r = await cli(['backtest', '--from', '2023-01-01', '--to', '2023-09-30', '--replications', '2', '--data', newer, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2023-09-30/);
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['backtest.csv', 'backtest.json', 'awaiting_initial_decision_people.svg']));
    expect(readFileSync(join(out, 'backtest.csv'), 'utf8')).toMatch(/awaiting_initial_decision_people,awaitingDecisionPeople,2023-09-30,165000,/);
  });

  it('runs from a rolling origin: calibrates on the record to it (progress on stderr), scores only the periods after it, and names the origin', async () => {
    const r = await cli(['backtest', '--from', '2019-07-01', '--origin', '2020-06-30', '--to', '2020-12-31', '--iterations', '1', '--replications', '2', '--uncertainty', 'stochastic', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Calibrating on the record to 2020-06-30 \(at most 1 iterations of 2 replications\)… calibrated in \d+ s; running from 2020-07-01\n$/);
    const j = JSON.parse(r.stdout);
    expect(j.origin.date).toBe('2020-06-30');
    expect(j.origin.calibration).toMatchObject({ from: '2019-07-01', to: '2020-06-30', maxIterations: 1 });
    expect(j.uncertainty).toBe('stochastic');
    expect(j.parameterSpread).toBe('none');
    for (const s of Object.values(j.series) as { periods: { period: string }[] }[]) for (const p of s.periods) expect(p.period > '2020-06-30' || /^2020Q[34]$/.test(p.period), p.period).toBe(true);
    const text = await cli(['backtest', '--from', '2019-07-01', '--origin', '2020-06-30', '--to', '2020-12-31', '--iterations', '1', '--replications', '2']);
    expect(text.stdout).toContain('(rolling origin 2020-06-30)');
    expect(text.stdout).toMatch(/Rolling origin 2020-06-30: calibrated on the record to 2020-06-30 only \(2019-07-01 to 2020-06-30, scored from 2019-01-01\), loss [\d.]+ → [\d.]+ after 1 iteration/);
    expect(text.stdout).toMatch(/Band P5–P95: replications differ in their random events and in the calibrated parameters/);
  }, 120_000);

  it('names the missing input when the record does not reach --to', async () => {
    expectBadInput(await cli(['backtest', '--to', '2023-09-30']), /claims_people_quarter for 2023Q3.*--data/);
  });

  it('refuses bad flags naming the flag, the value and what is allowed', async () => {
    expectBadInput(await cli(['backtest', '--from', '2018-02-01']), /--from: got "2018-02-01"; the first day of a quarter/);
    expectBadInput(await cli(['backtest', '--to', 'June']), /--to: got "June"; a date YYYY-MM-DD/);
    expectBadInput(await cli(['backtest', '--replications', '0']), /--replications: got "0"; an integer from 1 to 200/);
    expectBadInput(await cli(['backtest', '--data', '/no/such/file.csv']), /no\/such\/file\.csv/);
    expectBadInput(await cli(['calibrate', '--iterations', '1000']), /--iterations: got "1000"; an integer from 1 to 100/);
    expectBadInput(await cli(['backtest', '--uncertainty', 'chance']), /--uncertainty: got "chance"; one of stochastic, parameters, both/);
    expectBadInput(await cli(['backtest', '--origin', '2021-06-15']), /--origin: got "2021-06-15"; the last day of a quarter, e.g. 2021-06-30/);
    expectBadInput(await cli(['backtest', '--origin', '2023-06-30']), /--origin: got "2023-06-30"; a quarter's last day after 2019-01-01 .* before --to \(2023-06-30\)/);
    expectBadInput(await cli(['backtest', '--iterations', '3']), /--iterations: got "3"; only with --origin/);
  });
});
