// Real processes for black-box tests (and the soak): the server as `npm start` runs it, and the
// CLI commands, on a database file of the caller's choosing. They run the compiled dist/, as npm
// start does (no transpiling at each start); tests/global-setup.ts builds it once before any test.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';

/** The compiled entry point of `src/<entry>.ts`. */
const compiled = (entry: string) => join(projectRoot, 'dist', 'src', `${entry}.js`);

export interface ServerProcess {
  child: ChildProcess;
  /** The base URL once the server listens; rejects if the process exits first. */
  listening: Promise<string>;
  /** The exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Everything the process printed so far, stdout and stderr interleaved. */
  output(): string;
}

/** The environment that turns the per-client budgets off (load shedding stays on). */
export const NO_RATE_LIMITS_ENV = { RATE_LIMIT_READS: '0', RATE_LIMIT_WRITES: '0', RATE_LIMIT_AUTH_FAILURES: '0' };

/** The environment that turns rate limits and load shedding off, as NO_LIMITS does for testApp. */
export const NO_LIMITS_ENV = {
  ...NO_RATE_LIMITS_ENV,
  MAX_EVENT_LOOP_DELAY_MS: '0',
  MAX_HEAP_USED_MB: '0',
  MAX_RSS_MB: '0',
};

/** Starts the server (dist/src/server.js) on a free port of 127.0.0.1. `env` overrides the environment. */
export function startServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, [compiled('server')], {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let base: string | undefined;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      // A busy server logs every request: keep the last MiB, and stop looking once it listens.
      output = (output + chunk.toString()).slice(-1024 * 1024);
      base ??= output.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
      if (base) resolve(base);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`server exited: ${output}`)));
  });
  listening.catch(() => undefined); // a test that expects an early exit does not await it
  return { child, listening, exited, output: () => output };
}

export interface CliProcess {
  child: ChildProcess;
  /** Resolves when the process has ended and its output is read: its exit code, or the signal that killed it. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  /** Everything printed so far, stdout and stderr interleaved. */
  output(): string;
}

/** Starts the command `src/cli/<script>.ts` (compiled) without waiting for it, so a test can work (or kill it) meanwhile. */
export function startCli(script: string, args: string[], env: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, [compiled(`cli/${script}`), ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let output = '';
  child.stdout.on('data', (c: Buffer) => ((stdout += c.toString()), (output += c.toString())));
  child.stderr.on('data', (c: Buffer) => ((stderr += c.toString()), (output += c.toString())));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done, output: () => output };
}

/** Runs the command `src/cli/<script>.ts` (compiled) to completion. */
export function runCli(script: string, args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [compiled(`cli/${script}`), ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
