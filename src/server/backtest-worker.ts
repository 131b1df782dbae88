/**
 * The backtest's thread (backtest.ts): runs one backtest off the HTTP thread and posts back its
 * JSON, or the first line of what went wrong. Worker threads load JavaScript only, so this file
 * always runs from the compiled dist/ copy.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { backtestReport, type BacktestMessage, type BacktestTask } from './backtest.js';

function post(message: BacktestMessage): void {
  parentPort?.postMessage(message);
}

try {
  post({ type: 'done', json: JSON.stringify(backtestReport(workerData as BacktestTask), null, 2) });
} catch (e) {
  post({ type: 'error', message: e instanceof Error ? e.message.split('\n')[0] : String(e) });
}
