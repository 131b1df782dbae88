/**
 * The `asylum-sim` command line: commander wiring, and the one place where every error becomes an
 * exit code and a one-line message. Exit codes: 0 ok, 1 the run failed, 2 bad input (flags,
 * commands, scenarios, files). No stack traces unless ASYLUM_SIM_DEBUG=1.
 */
import { Command, CommanderError } from 'commander';
import { InputError } from '../model/errors.js';
import type { Backend } from './backend.js';
import { runCommand, DEFAULT_REPLICATIONS, DEFAULT_SEED, DEFAULT_UNCERTAINTY, MAX_WORKERS, type RunFlags } from './commands/run.js';
import { DEFAULT_LOCK_MS, workerCommand, type WorkerFlags } from './commands/worker.js';
import { UNCERTAINTY } from '../model/uncertainty.js';
import { listCommand, showCommand, validateCommand } from './commands/scenarios.js';
import { optimiseCommand, DEFAULT_OPT_REPLICATIONS, DEFAULT_PROBABILITY, DEFAULT_STEPS, type OptimiseFlags } from './commands/optimise.js';
import { sensitivityCommand, DEFAULT_KPI, DEFAULT_SAMPLES, METHODS, type SensitivityFlags } from './commands/sensitivity.js';
import { serveCommand, DEFAULT_HOST, DEFAULT_PORT, type ServeFlags } from './commands/serve.js';
import { compareCommand } from './commands/compare.js';
import type { BacktestFlags, CalibrateFlags } from './commands/backtest.js';
import { claimsCommand, CLAIMS_DEFAULT_REPLICATIONS, CLAIMS_DEFAULT_SEED, type ClaimsFlags } from './commands/claims.js';
import { processIo, type Io } from './io.js';
import { LIMITS } from '../model/limits.js';
import { formatCount } from '../experiment/format.js';
import { packageVersion } from '../experiment/version.js';
import { DEFAULT_PACK, packNames } from '../pack/load.js';

export const EXIT_OK = 0;
export const EXIT_RUN_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

const REDIS_HELP = "send replications to the Redis job queue at this URL, redis://[:password@]host[:port][/db] or rediss:// for TLS, instead of this machine's threads (default: $ASYLUM_SIM_REDIS; start workers with `asylum-sim worker`)";

/** A commander usage error, with the command it happened in (to say what is allowed there). */
class UsageError extends Error {
  constructor(
    readonly error: CommanderError,
    readonly command: Command,
  ) {
    super(error.message);
  }
}

function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Commander's message on one line, plus what is allowed. */
function usageMessage({ error, command }: UsageError): string {
  const text = error.message
    .replace(/^error: /, '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ')
    .replace('(Did you mean', '(did you mean')
    .replace(/\.$/, '');
  switch (error.code) {
    case 'commander.unknownOption': {
      const options = [...command.options.map((o) => o.long ?? o.flags), '--help'];
      return `${text}; allowed: ${options.join(', ')}`;
    }
    case 'commander.unknownCommand':
      return `${text}; allowed: ${command.commands.map((c) => c.name()).join(', ')}`;
    default:
      return `${text}; usage: ${commandPath(command)} ${command.usage()}`;
  }
}

function configure(cmd: Command, io: Io): Command {
  return cmd
    .exitOverride((err) => {
      throw new UsageError(err, cmd);
    })
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => {} })
    .showSuggestionAfterError(true);
}

/** `--pack NAME` on the commands that run a pack's model (checked when the backend is made). */
const PACK_HELP = `the country pack, a folder of packs/: ${packNames().join(', ')}`;

function program(io: Io, backend: (pack?: string) => Promise<Backend>, setCode: (code: number) => void): Command {
  const root = configure(new Command('asylum-sim'), io)
    .description('Simulate the UK asylum system: backlog, waits, accommodation and cost, with uncertainty.')
    .version(packageVersion(), '-V, --version', 'print the version');

  configure(root.command('run'), io)
    .description('run replications of a scenario and summarise KPIs and monthly series')
    .argument('<scenario|file>', 'a built-in scenario name or a YAML/JSON scenario file')
    .option('--replications <n>', `replications, 1 to ${formatCount(LIMITS.maxReplications)}`, String(DEFAULT_REPLICATIONS))
    .option('--seed <s>', 'base random seed, a non-negative integer', String(DEFAULT_SEED))
    .option('--uncertainty <kind>', `what replications vary: ${UNCERTAINTY.join(', ')}`, DEFAULT_UNCERTAINTY)
    .option('--months <m>', `horizon in months, 1 to ${LIMITS.maxHorizonMonths} (default: the scenario's)`)
    .option('--out <dir>', 'write summary.json, monthly and per-replication CSV/JSON/Arrow files into this directory')
    .option('--json', 'print the summary JSON on stdout (and nothing else there)')
    .option('--workers <n>', 'threads running replications, 1 = this thread (default: every core)')
    .option('--redis <url>', REDIS_HELP)
    .option('--pack <name>', PACK_HELP, DEFAULT_PACK)
    .action(async (target: string, flags: RunFlags & PackFlag) => {
      setCode(await runCommand(await backend(flags.pack), io, target, flags));
    });

  configure(root.command('compare'), io)
    .description('run two scenarios on common random numbers; KPIs of A, B and the paired difference B − A with bands')
    .argument('<A>', 'a built-in scenario name or a YAML/JSON scenario file')
    .argument('<B>', 'a built-in scenario name or a YAML/JSON scenario file')
    .option('--replications <n>', `replications, 1 to ${formatCount(LIMITS.maxReplications)}`, String(DEFAULT_REPLICATIONS))
    .option('--seed <s>', 'base random seed, a non-negative integer', String(DEFAULT_SEED))
    .option('--uncertainty <kind>', `what replications vary: ${UNCERTAINTY.join(', ')}`, DEFAULT_UNCERTAINTY)
    .option('--months <m>', `horizon in months, 1 to ${LIMITS.maxHorizonMonths} (default: the shorter scenario's)`)
    .option('--out <dir>', 'write comparison.json and comparison-monthly.csv into this directory')
    .option('--json', 'print the comparison JSON on stdout (and nothing else there)')
    .option('--workers <n>', 'threads running replications, 1 = this thread (default: every core)')
    .option('--redis <url>', REDIS_HELP)
    .option('--pack <name>', PACK_HELP, DEFAULT_PACK)
    .action(async (a: string, b: string, flags: RunFlags & PackFlag) => {
      setCode(await compareCommand(await backend(flags.pack), io, a, b, flags));
    });

  configure(root.command('claims'), io)
    .description("check a pack's claims ledger (the UK's: every number in the seed article): inputs with sources, result and verdict")
    .option('--replications <n>', `replications of the claims' projection, 1 to ${formatCount(LIMITS.maxReplications)}`, String(CLAIMS_DEFAULT_REPLICATIONS))
    .option('--seed <s>', 'base random seed of the projection, a non-negative integer', String(CLAIMS_DEFAULT_SEED))
    .option('--uncertainty <kind>', `what the projection's replications vary: ${UNCERTAINTY.join(', ')}`, DEFAULT_UNCERTAINTY)
    .option('--base <scenario>', "the scenario whose parameters the claims read and the projection starts from (default: the one the pack's claims.yaml names)")
    .option('--json', 'print { claims: [...] } on stdout (and nothing else there)')
    .option('--workers <n>', 'threads running the projection, 1 = this thread (default: every core)')
    .option('--pack <name>', PACK_HELP, DEFAULT_PACK)
    .action(async (flags: ClaimsFlags & PackFlag) => {
      setCode(await claimsCommand(await backend(flags.pack), io, flags));
    });

  const scenarios = configure(root.command('scenarios'), io).description('list, show and validate scenarios');
  configure(scenarios.command('list'), io)
    .description('list the built-in scenarios')
    .option('--pack <name>', PACK_HELP, DEFAULT_PACK)
    .action(async (flags: PackFlag) => setCode(listCommand(await backend(flags.pack), io)));
  configure(scenarios.command('show'), io)
    .description('print a built-in scenario, resolved, with units, ranges and sources')
    .argument('<name>', 'a built-in scenario name')
    .option('--pack <name>', PACK_HELP, DEFAULT_PACK)
    .action(async (name: string, flags: PackFlag) => setCode(showCommand(await backend(flags.pack), io, name)));
  configure(scenarios.command('validate'), io)
    .description('check a scenario file without running it')
    .argument('<file>', 'a YAML or JSON scenario file')
    .option('--pack <name>', PACK_HELP, DEFAULT_PACK)
    .action(async (file: string, flags: PackFlag) => setCode(validateCommand(await backend(flags.pack), io, file)));

  configure(root.command('serve'), io)
    .description('serve the dashboard and its JSON API (prints the URL; Ctrl-C stops)')
    .option('--port <p>', 'port to listen on (0 = any free port)', String(DEFAULT_PORT))
    .option('--host <h>', 'address to bind; anything but loopback needs a token', DEFAULT_HOST)
    .option('--db <file>', 'SQLite store (default: $XDG_DATA_HOME/asylum-sim/asylum-sim.sqlite)')
    .option('--token <t>', 'token that write requests must send (default: $ASYLUM_SIM_TOKEN)')
    .option('--redis <url>', REDIS_HELP)
    .action(async (flags: ServeFlags) => setCode(await serveCommand(io, flags)));

  configure(root.command('worker'), io)
    .description('take replications from the Redis job queue and run them on this machine\'s threads, until Ctrl-C')
    .option('--redis <url>', 'the job queue: redis://[:password@]host[:port][/db] or rediss:// for TLS (default: $ASYLUM_SIM_REDIS)')
    .option('--concurrency <n>', `jobs run at once, each on its own thread, 1 to ${MAX_WORKERS} (default: every core)`)
    .option('--lock-ms <ms>', 'how long a job stays claimed without a sign of life: a killed worker\'s jobs go back to the queue after about this', String(DEFAULT_LOCK_MS))
    .action(async (flags: WorkerFlags) => {
      setCode(await workerCommand(io, flags));
    });

  configure(root.command('sensitivity'), io)
    .description('which uncertain parameters move a KPI most: one-at-a-time tornado or Sobol indices')
    .argument('<scenario|file>', 'a built-in scenario name or a YAML/JSON scenario file')
    .option('--kpi <name>', `the KPI to rank parameters by (default: ${DEFAULT_KPI})`)
    .option('--method <m>', `${METHODS.join(' or ')}: tornado over each range, or Sobol first-order and total indices`, 'oat')
    .option('--samples <n>', `Sobol base sample size N; the model runs N × (parameters + 2) times`, String(DEFAULT_SAMPLES))
    .option('--replications <n>', 'replications averaged at every point, 1 to 100 (common random numbers)', '1')
    .option('--seed <s>', 'base random seed, a non-negative integer', String(DEFAULT_SEED))
    .option('--months <m>', `horizon in months, 1 to ${LIMITS.maxHorizonMonths} (default: the scenario's)`)
    .option('--workers <n>', 'threads running the model, 1 = this thread (default: every core)')
    .option('--redis <url>', REDIS_HELP)
    .option('--out <dir>', 'write sensitivity.json and tornado.csv/.svg or sobol.csv into this directory')
    .option('--json', 'print the result JSON on stdout (and nothing else there)')
    .option('--pack <name>', PACK_HELP, DEFAULT_PACK)
    .action(async (target: string, flags: SensitivityFlags & PackFlag) => {
      setCode(await sensitivityCommand(await backend(flags.pack), io, target, flags));
    });

  const collect = (value: string, previous: string[] = []) => [...previous, value];
  // The window and data flags of backtest and calibrate.
  const history = (cmd: Command) =>
    cmd
      .option('--from <date>', 'first day of a quarter to start on, in the observed state of the day before', '2018-01-01')
      .option('--to <date>', 'last day of a quarter to run to', '2023-06-30')
      .option('--data <file>', 'a further data file in the tidy format (a newer release: its inputs drive the run, its figures are compared); repeat for more', collect)
      .option('--seed <s>', 'base random seed, a non-negative integer', '1')
      .option('--pack <name>', `${PACK_HELP} (one with a calibration map, packs/NAME/calibration.yaml, and data)`, DEFAULT_PACK);
  history(configure(root.command('backtest'), io))
    .description('the model over the past from the observed state, beside the official record: band, error and MAPE per series')
    .option('--replications <n>', 'replications for the band, 1 to 200', '20')
    .option('--uncertainty <u>', 'what replications differ in: stochastic (random events), parameters (the calibrated parameters, from their standard errors) or both', 'both')
    .option('--origin <date>', "last day of a quarter: calibrate on the record to it, run on from the day after with the record's inputs, score only the periods after it")
    .option('--iterations <n>', 'with --origin: most Levenberg–Marquardt iterations of its calibration, 1 to 100 (default 8)')
    .option('--out <dir>', 'write backtest.csv, backtest-series.csv, backtest.json and an SVG chart per series into this directory')
    .option('--json', 'print {series: {NAME: {mape, periods: [...]}}} on stdout (and nothing else there)')
    .action(async (flags: BacktestFlags) => {
      const { backtestCommand } = await import('./commands/backtest.js');
      setCode(await backtestCommand(io, flags));
    });

  history(configure(root.command('calibrate'), io))
    .description('estimate the parameters the record does not give (productivity by year, support, dispersal) and write packs/uk/data/calibration.json')
    .option('--replications <n>', 'replications per evaluation of the loss, 1 to 20 (same seeds each time)', '2')
    .option('--iterations <n>', 'most Levenberg–Marquardt iterations, 1 to 100', '8')
    .option('--output <file>', 'where to write the calibration record (default: packs/uk/data/calibration.json, which the baseline reads)')
    .option('--dry-run', 'print the estimates without writing them')
    .option('--json', 'print the calibration record on stdout (and nothing else there)')
    .action(async (flags: CalibrateFlags) => {
      const { calibrateCommand } = await import('./commands/backtest.js');
      setCode(await calibrateCommand(io, flags));
    });

  configure(root.command('optimise'), io)
    .description('the cheapest mix of levers that meets a target with a stated probability')
    .argument('<scenario|file>', 'a built-in scenario name or a YAML/JSON scenario file')
    .option('--target <t>', 'e.g. "awaitingDecisionPeople<=50000 by 2025-03" (a series by a month) or "meanWaitFirstDecisionDays<=180" (a KPI)')
    .option('--levers <list>', 'comma-separated: decisions.headcount, appeals.determinationsPerMonth, returns.enforcedPerMonth, accommodation.dispersalPlaces, accommodation.largeSitePlaces')
    .option('--budget <amount>', 'most a plan may cost over the months to the target, in whole units of the pack\'s currency (pounds for the UK)')
    .option('--probability <p>', 'required probability of meeting the target', String(DEFAULT_PROBABILITY))
    .option('--replications <n>', 'replications per plan, 1 to 1,000 (common random numbers)', String(DEFAULT_OPT_REPLICATIONS))
    .option('--seed <s>', 'base random seed, a non-negative integer', String(DEFAULT_SEED))
    .option('--uncertainty <kind>', `what replications vary: ${UNCERTAINTY.join(', ')}`, DEFAULT_UNCERTAINTY)
    .option('--steps <n>', 'grid steps per lever (a step is about 10% of its level), 1 to 10', String(DEFAULT_STEPS))
    .option('--workers <n>', 'threads running the model, 1 = this thread (default: every core)')
    .option('--redis <url>', REDIS_HELP)
    .option('--json', 'print the result JSON on stdout (and nothing else there)')
    .option('--pack <name>', `${PACK_HELP} (its levers: those of the stages it runs, priced by its costs stage)`, DEFAULT_PACK)
    .action(async (target: string, flags: OptimiseFlags & PackFlag) => {
      setCode(await optimiseCommand(await backend(flags.pack), io, target, flags));
    });

  return root;
}

interface PackFlag {
  readonly pack?: string;
}

async function modelBackend(pack?: string): Promise<Backend> {
  const { createModelBackend } = await import('./model-backend.js');
  return createModelBackend(pack);
}

/**
 * Run the CLI. `argv` is in process.argv form (node, script, then the arguments). Never throws:
 * every outcome is an exit code, with messages on `io`.
 */
export async function main(
  argv: readonly string[],
  io: Io = processIo(),
  backend: (pack?: string) => Promise<Backend> = modelBackend,
): Promise<number> {
  const debug = io.env.ASYLUM_SIM_DEBUG === '1';
  const stack = (e: unknown) => {
    if (debug && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
  };
  let code = EXIT_OK;
  try {
    await program(io, backend, (c) => (code = c)).parseAsync([...argv], { from: 'node' });
    return code;
  } catch (e) {
    stack(e);
    if (e instanceof UsageError) {
      const c = e.error.code;
      if (c === 'commander.helpDisplayed' || c === 'commander.version') return EXIT_OK;
      if (c !== 'commander.help') io.err(`asylum-sim: ${usageMessage(e)}\n`);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof InputError) {
      io.err(`asylum-sim: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.err(`asylum-sim: run failed: ${message.split('\n')[0]}${debug ? '' : ' (set ASYLUM_SIM_DEBUG=1 for details)'}\n`);
    return EXIT_RUN_FAILED;
  }
}
