// A throwaway PostgreSQL primary, and optionally a streaming replica of it, for tests of
// replication and failover-shaped behaviour. Each runs from a temp dir on a free port with trust
// authentication on 127.0.0.1, fsync off (nothing here needs to survive a crash), and is
// stopped and removed by stop(). Needs the server binaries (/usr/lib/postgresql/<ver>/bin); as
// root, initdb and the servers run as the `postgres` OS user (initdb refuses root).
import { execFile } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The newest installed server's bin directory, or undefined. */
export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

export const PG_BIN = findPostgresBin();

export const CLUSTER_SKIP_MESSAGE = 'PostgreSQL cluster tests skipped: no /usr/lib/postgresql/*/bin/initdb';

export interface Node {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  dataDir: string;
}

export interface Cluster {
  primary: Node;
  /** Present when started with { replica: true }. */
  replica?: Node;
  /** Milliseconds from the start to each server accepting connections. */
  timings: { primaryMs: number; replicaMs?: number };
  /** Stops both servers (immediate shutdown) and removes their directories. */
  stop(): Promise<void>;
}

/** A port nothing listens on right now (the kernel's choice for port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a server binary, as the postgres OS user when we are root. */
async function pgBin(bin: string, name: string, args: string[]): Promise<string> {
  const file = join(bin, name);
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  try {
    const { stdout } = await run(cmd, argv, { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${name} ${args.join(' ')} failed: ${e.stderr || e.message}`, { cause: err });
  }
}

/** Gives a directory to the server user (postgres) when we are root. */
async function giveToServerUser(dir: string): Promise<string> {
  if (isRoot()) {
    const { stdout: uid } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(uid.trim()), Number(gid.trim()));
  }
  return dir;
}

const nodeUrl = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres`;

/** Settings for a fast, disposable server on `port`; its socket goes in its own directory. */
function configure(dataDir: string, port: number, socketDir: string) {
  appendFileSync(
    join(dataDir, 'postgresql.conf'),
    [
      '',
      '# tests/helpers/pg-cluster.ts',
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${socketDir}'`,
      'fsync = off', // synchronous_commit stays on: walsenders send only flushed WAL (async commit lags ~200 ms)
      'full_page_writes = off',
      'wal_level = replica',
      'max_wal_senders = 4',
      'hot_standby = on',
      'shared_buffers = 16MB',
      'max_connections = 30',
      "logging_collector = off",
      '',
    ].join('\n'),
  );
}

async function startServer(bin: string, dataDir: string): Promise<void> {
  await pgBin(bin, 'pg_ctl', ['-D', dataDir, '-l', join(dataDir, 'server.log'), '-w', '-t', '60', 'start']);
}

/**
 * Starts a primary (and with `replica: true` a streaming replica made by pg_basebackup -R).
 * Call stop() in afterAll; a failed start stops what did start.
 */
export async function startCluster(options: { replica?: boolean } = {}): Promise<Cluster> {
  const bin = PG_BIN;
  if (!bin) throw new Error(CLUSTER_SKIP_MESSAGE);
  const root = await giveToServerUser(mkdtempSync(join(tmpdir(), 'eda-pg-')));
  const started: string[] = [];
  const stop = async () => {
    for (const dataDir of started.reverse()) {
      await pgBin(bin, 'pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    }
    started.length = 0;
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const t0 = performance.now();
    const primaryDir = join(root, 'primary');
    const sockets = root; // the servers' Unix sockets: .s.PGSQL.<port>, one per port
    await pgBin(bin, 'initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--no-sync', '--no-instructions', '-E', 'UTF8', '--locale=C.UTF-8']);
    const primaryPort = await freePort();
    configure(primaryDir, primaryPort, sockets);
    appendFileSync(join(primaryDir, 'pg_hba.conf'), `\nhost replication all 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 trust\n`);
    await startServer(bin, primaryDir);
    started.push(primaryDir);
    const primaryMs = performance.now() - t0;
    const primary: Node = { port: primaryPort, url: nodeUrl(primaryPort), dataDir: primaryDir };
    if (!options.replica) return { primary, timings: { primaryMs }, stop };

    const t1 = performance.now();
    const replicaDir = join(root, 'replica');
    await pgBin(bin, 'pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
    const replicaPort = await freePort();
    configure(replicaDir, replicaPort, sockets); // later lines win: the replica's own port
    await startServer(bin, replicaDir);
    started.push(replicaDir);
    const replica: Node = { port: replicaPort, url: nodeUrl(replicaPort), dataDir: replicaDir };
    return { primary, replica, timings: { primaryMs, replicaMs: performance.now() - t1 }, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
