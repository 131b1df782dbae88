/**
 * Where the CLI writes. main() takes an Io so tests can run commands in-process and capture
 * stdout and stderr; the default writes to the process's streams.
 */
export interface Io {
  /** Write to stdout (results: tables, JSON). */
  out(text: string): void;
  /** Write to stderr (messages, errors). */
  err(text: string): void;
  /** The terminal behind stderr, when there is one: progress bars draw on it. */
  readonly errTty: NodeJS.WriteStream | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
}

let pipeGuarded = false;

/** The process's streams. A closed pipe on stdout (`asylum-sim run x --json | head`) is not an error. */
export function processIo(): Io {
  if (!pipeGuarded) {
    pipeGuarded = true;
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
  }
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    errTty: process.stderr.isTTY ? process.stderr : undefined,
    env: process.env,
  };
}

/** An Io that records everything, for tests and for embedding. */
export interface CapturedIo extends Io {
  readonly stdout: string;
  readonly stderr: string;
}

export function captureIo(env: Record<string, string | undefined> = {}): CapturedIo {
  let stdout = '';
  let stderr = '';
  return {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    errTty: undefined,
    env,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
  };
}
