// PostgreSQL connections and migrations: the counterpart of db/client.ts for
// DATABASE_URL=postgres://... Migrations are drizzle-kit's (migrations/postgres/, generated from
// db/schema.postgres.ts) and are recorded in drizzle's own table, drizzle.__drizzle_migrations,
// so `drizzle-kit migrate` and this migrator agree on what is applied.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { withReplicas } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { projectRoot } from '../src/paths.js';
import * as schema from './schema.postgres.js';

export type PgDb = NodePgDatabase<typeof schema>;

export const postgresMigrationsFolder = join(projectRoot, 'migrations', 'postgres');

/** Where applied migrations are recorded: drizzle's defaults for PostgreSQL. */
export const MIGRATIONS_SCHEMA = 'drizzle';
export const MIGRATIONS_TABLE = '__drizzle_migrations';

/**
 * The session-level advisory lock that serializes migrations ('EDA_MIGR' as a bigint). Advisory
 * locks are per database, so nodes migrating different databases do not wait for each other.
 */
export const MIGRATION_LOCK_ID = 0x4544415f4d494752n;

export interface PostgresOptions {
  /** Read replicas: when given, `db` sends reads to them (round robin) and writes to the primary. */
  replicaUrls?: string[];
  /** Connections per pool (the primary's, and each replica's). Default 10, node-postgres's. */
  max?: number;
  /** Idle-client errors (a server restart, a failover). Default: written to stderr. */
  onError?: (err: Error, pool: 'primary' | 'replica') => void;
}

export interface PostgresConnection {
  /** The primary's pool: migrations, advisory locks, raw SQL that writes. */
  pool: pg.Pool;
  /** One pool per replica URL, in order; empty without replicas. */
  replicaPools: pg.Pool[];
  /** Reads go to a replica when there are any (drizzle's withReplicas), writes to the primary. */
  db: PgDb;
  /** Always the primary: reads that must see the caller's own writes. */
  primary: PgDb;
  /**
   * Each replica alone, in order (empty without replicas). `db` routes only select builders to a
   * replica; db.execute() and db.transaction() go to the primary. A read-only transaction meant
   * for a replica (a search's one snapshot) is begun on one of these.
   */
  replicas: PgDb[];
  /** Ends every pool. */
  close(): Promise<void>;
}

function newPool(connectionString: string, max: number | undefined, onError: (err: Error) => void): pg.Pool {
  const pool = new pg.Pool({ connectionString, ...(max !== undefined ? { max } : {}) });
  // Without a listener, an idle client's error (the server restarting) would crash the process.
  pool.on('error', onError);
  return pool;
}

/** Opens pools on the primary (and replicas), without touching the database yet. */
export function openPostgres(url: string, options: PostgresOptions = {}): PostgresConnection {
  const onError =
    options.onError ?? ((err, which) => process.stderr.write(`postgres (${which}): idle client error: ${err.message}\n`));
  const pool = newPool(url, options.max, (err) => onError(err, 'primary'));
  const replicaPools = (options.replicaUrls ?? []).map((u) => newPool(u, options.max, (err) => onError(err, 'replica')));
  const primary = drizzle(pool, { schema });
  const replicas = replicaPools.map((p) => drizzle(p, { schema }));
  const [first, ...rest] = replicas;
  const db: PgDb = first ? withReplicas(primary, [first, ...rest]) : primary;
  let closing: Promise<void> | undefined;
  return {
    pool,
    replicaPools,
    db,
    primary,
    replicas,
    close: () => (closing ??= Promise.all([pool, ...replicaPools].map((p) => p.end())).then(() => undefined)),
  };
}

/** One migration file as the migrator sees it. */
export interface MigrationFile {
  /** The journal's tag, the file name without .sql: `0001_search`. */
  tag: string;
  /** The journal's `when`, recorded as `created_at`: the order and identity of a migration. */
  folderMillis: number;
  /** sha256 of the file, hex, as drizzle records it. */
  hash: string;
  /** The statements, split at drizzle-kit's breakpoints. */
  sql: string[];
}

/** The migrations of a folder in journal order, with their tags (drizzle's reader omits them). */
export function readPostgresMigrations(migrationsFolder = postgresMigrationsFolder): MigrationFile[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: Array<{ tag: string; when: number }>;
  };
  return readMigrationFiles({ migrationsFolder }).map((m, i) => {
    const entry = journal.entries[i]!;
    return { tag: entry.tag, folderMillis: m.folderMillis, hash: m.hash, sql: m.sql };
  });
}

/** A refusal to migrate: the database and the migration files disagree about the past. */
export class MigrationMismatchError extends Error {
  override name = 'MigrationMismatchError';
}

export interface MigrateOptions {
  migrationsFolder?: string;
  /** Called with each tag as it is applied (for a log line). */
  onApply?: (tag: string) => void;
}

/**
 * Applies pending migrations and returns true when the database was new (no migration had ever
 * run), which is when the caller loads the seed.
 *
 * Safe for several nodes starting at once: everything happens on one dedicated connection that
 * holds a session-level advisory lock (MIGRATION_LOCK_ID), so the first applies the migrations
 * and the others wait, then find nothing to do. The pending migrations are applied in one
 * transaction: a failure leaves the database as it was.
 *
 * Before applying anything it checks the past: every recorded migration must still exist with the
 * same sha256 (a released migration must never be edited), and no migration file may be older
 * than the newest applied one without having been applied itself (drizzle would silently skip it).
 * Either case throws MigrationMismatchError naming the migration.
 */
export async function migratePostgres(target: pg.Pool | string, options: MigrateOptions = {}): Promise<boolean> {
  const folder = options.migrationsFolder ?? postgresMigrationsFolder;
  const migrations = readPostgresMigrations(folder);
  const ownPool = typeof target === 'string' ? new pg.Pool({ connectionString: target, max: 1 }) : undefined;
  const pool = ownPool ?? (target as pg.Pool);
  try {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_ID.toString()]);
      try {
        return await migrateLocked(client, migrations, folder, options.onApply);
      } finally {
        try {
          await client.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_ID.toString()]);
        } catch (err) {
          // The session is gone (and its lock with it) or unusable: do not return it to the pool.
          broken = err as Error;
        }
      }
    } finally {
      client.release(broken);
    }
  } finally {
    await ownPool?.end();
  }
}

const table = `"${MIGRATIONS_SCHEMA}"."${MIGRATIONS_TABLE}"`;

async function migrateLocked(
  client: pg.PoolClient,
  migrations: MigrationFile[],
  folder: string,
  onApply?: (tag: string) => void,
): Promise<boolean> {
  // drizzle's own table layout (drizzle-orm/pg-core/dialect.js), so drizzle-kit can read it.
  await client.query(`CREATE SCHEMA IF NOT EXISTS "${MIGRATIONS_SCHEMA}"`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${table} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`);
  const applied = (
    await client.query<{ id: number; hash: string; created_at: string }>(
      `SELECT id, hash, created_at FROM ${table} ORDER BY created_at, id`,
    )
  ).rows.map((r) => ({ id: r.id, hash: r.hash, createdAt: Number(r.created_at) }));
  const fresh = applied.length === 0;

  const byMillis = new Map(migrations.map((m) => [m.folderMillis, m]));
  for (const row of applied) {
    const file = byMillis.get(row.createdAt);
    if (!file) {
      throw new MigrationMismatchError(
        `The database has a migration applied at ${row.createdAt} (row ${row.id} of ${table}) that is not in ${folder}: ` +
          'it was migrated by a newer or different build. Run that build, or restore a matching backup.',
      );
    }
    if (file.hash !== row.hash) {
      throw new MigrationMismatchError(
        `Migration ${file.tag} (${join(folder, `${file.tag}.sql`)}) was changed after it was applied: ` +
          `its sha256 is ${file.hash}, the database recorded ${row.hash}. A released migration must never be edited; ` +
          'restore the file and put the change in a new migration.',
      );
    }
  }
  const last = applied.at(-1)?.createdAt ?? -Infinity;
  const appliedMillis = new Set(applied.map((r) => r.createdAt));
  const skipped = migrations.find((m) => m.folderMillis < last && !appliedMillis.has(m.folderMillis));
  if (skipped) {
    throw new MigrationMismatchError(
      `Migration ${skipped.tag} is older than the newest applied migration but was never applied ` +
        '(merged out of order?): regenerate it so that it comes last.',
    );
  }

  const pending = migrations.filter((m) => m.folderMillis > last);
  if (pending.length === 0) return fresh;
  await client.query('BEGIN');
  try {
    for (const migration of pending) {
      onApply?.(migration.tag);
      for (const statement of migration.sql) {
        if (statement.trim()) await client.query(statement);
      }
      await client.query(`INSERT INTO ${table} (hash, created_at) VALUES ($1, $2)`, [migration.hash, migration.folderMillis]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return fresh;
}
