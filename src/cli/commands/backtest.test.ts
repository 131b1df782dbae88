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

  it('names the missing input when the record does not reach --to', async () => {
    expectBadInput(await cli(['backtest', '--to', '2023-09-30']), /claims_people_quarter for 2023Q3.*--data/);
  });

  it('refuses bad flags naming the flag, the value and what is allowed', async () => {
    expectBadInput(await cli(['backtest', '--from', '2018-02-01']), /--from: got "2018-02-01"; the first day of a quarter/);
    expectBadInput(await cli(['backtest', '--to', 'June']), /--to: got "June"; a date YYYY-MM-DD/);
    expectBadInput(await cli(['backtest', '--replications', '0']), /--replications: got "0"; an integer from 1 to 200/);
    expectBadInput(await cli(['backtest', '--data', '/no/such/file.csv']), /no\/such\/file\.csv/);
    expectBadInput(await cli(['calibrate', '--iterations', '1000']), /--iterations: got "1000"; an integer from 1 to 100/);
  });
});
