// backup and restore on PostgreSQL hand the work to the PostgreSQL client tools: pg_dump
// (custom format) and pg_restore. They must be on PATH, of the server's major version or newer.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readSync } from 'node:fs';
import { withoutPassword } from './run.js';

/** The database URL without its password, and the password in PGPASSWORD (not on a command line). */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const env = { ...process.env };
  if (parsed.password) {
    env.PGPASSWORD = decodeURIComponent(parsed.password);
    parsed.password = '';
  }
  return { dbname: parsed.toString(), env };
}

/**
 * Runs pg_dump or pg_restore against `url` with `args` (the URL goes in --dbname); its messages go to
 * stderr as they come. Rejects with a message naming the tool when it is missing or fails.
 */
export function runPgTool(tool: 'pg_dump' | 'pg_restore', url: string, args: string[]): Promise<void> {
  const { dbname, env } = connection(url);
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [`--dbname=${dbname}`, ...args], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (err: NodeJS.ErrnoException) => {
      reject(
        new Error(
          err.code === 'ENOENT'
            ? `${tool} was not found on PATH: on PostgreSQL (DATABASE_URL) this command runs ${tool}; install the PostgreSQL client tools ` +
                `of the server's major version or newer (Debian: apt-get install postgresql-client) and retry`
            : `${tool} could not be started: ${err.message}`,
        ),
      );
    });
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${tool} failed (${signal ?? `exit code ${code}`}) on ${withoutPassword(url)}; its messages are above`));
    });
  });
}

/** Whether `file` starts as pg_dump's custom-format archives do ("PGDMP"). */
export function isCustomArchive(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(5);
    return readSync(fd, head, 0, 5, 0) === 5 && head.toString('latin1') === 'PGDMP';
  } finally {
    closeSync(fd);
  }
}
