// What the bench scripts (run.ts, soak.ts) share: child processes (a free port, the tail of their
// output, the first 200, stopping them), readings from /proc (RSS, CPU), the statistics and
// rounding of the reports, and writing bench/results/<name>-<timestamp>.json.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { benchDir, projectRoot } from './corpus.js';

// ---------------------------------------------------------------------------------------------
// Child processes.

/** A port on 127.0.0.1 that nothing listens on (the OS picks it; the probe closes at once). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export type WithOutput<C extends ChildProcess = ChildProcess> = C & { output: () => string };

/**
 * Keeps the last 20,000 characters a child writes to stdout and stderr (servers at
 * LOG_LEVEL=info log every request), and a failure to spawn it; `onText` sees every chunk.
 */
export function keepOutput<C extends ChildProcess>(child: C, name: string, onText?: (text: string) => void): WithOutput<C> {
  let output = '';
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    onText?.(text);
    output = (output + text).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('error', (err) => {
    output += `\n[${name}: ${err.message}]`;
  });
  return Object.assign(child, { output: () => output });
}

/** Polls `url` until it answers 200; throws with the child's output when it exits or time runs out. */
export async function waitFor200(url: string, child: WithOutput, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before answering ${url}:\n${child.output()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no 200 from ${url} within ${timeoutMs} ms:\n${child.output()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves to the exit code (null when a signal ended it). */
export async function stop(child: ChildProcess, graceMs: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// /proc.

/** Resident set size in MB, from /proc/<pid>/status; null when the process is gone. */
export function rssMb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** The RSS of a process and of its children (a server's WORKERS), in MB; null when it is gone. */
export function treeRssMb(pid: number): number | null {
  const own = rssMb(pid);
  if (own === null) return null;
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // no children file: no children to add
  }
  return children.reduce((sum, child) => sum + (treeRssMb(child) ?? 0), own);
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat; null when gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in USER_HZ (100 on Linux)
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Statistics and the report.

/** The q-quantile of ascending values, interpolated between neighbours; NaN when empty. */
export const quantile = (sorted: number[], q: number) => {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
};
export const r1 = (n: number) => Math.round(n * 10) / 10;
export const r2 = (n: number) => Math.round(n * 100) / 100;
export const r3 = (n: number) => Math.round(n * 1000) / 1000;

export const pad = (s: string, n: number) => s.padEnd(n);
export const lpad = (s: string | number, n: number) => String(s).padStart(n);

/** Writes bench/results/<name>-<startedAt>.json and says so. */
export function writeResult(name: string, startedAt: Date, json: unknown): void {
  const resultsDir = join(benchDir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${name}-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\nwrote ${relative(projectRoot, file)}`);
}
