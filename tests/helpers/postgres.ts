// Databases for the PostgreSQL tests, on the server named by TEST_DATABASE_URL (for example
// postgres://postgres@127.0.0.1:5432/test; that database is only used to create and drop others).
//
// Migrating takes a few hundred milliseconds, so a run migrates once: the first test file to need a
// database builds a template, `eda_template_<hash of the migration files>`, and every test file
// then gets its own copy, `CREATE DATABASE eda_t_<random> TEMPLATE ...`, in a few tens of
// milliseconds. The template is built under an advisory lock, so parallel vitest workers (and
// parallel runs) build it once; it is built under a temporary name and renamed when complete, so
// an interrupted build never leaves a half-migrated template behind. A change to any migration
// changes the hash and so the template.
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { migratePostgres, readPostgresMigrations } from '../../db/client.postgres.js';

/** The server the PostgreSQL tests use, or undefined: they are skipped. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

export const SKIP_MESSAGE = 'PostgreSQL tests skipped: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)';

/** Another advisory lock than the migrator's: held on the maintenance database while building. */
const TEMPLATE_LOCK_ID = 0x4544415f544d504cn; // 'EDA_TMPL'

export interface TestDatabase {
  /** The URL of the new database. */
  url: string;
  name: string;
  /** Drops it, disconnecting whoever is still connected. */
  drop(): Promise<void>;
}

/** TEST_DATABASE_URL with another database name. */
export function databaseUrl(name: string, base = requireUrl()): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

function requireUrl(): string {
  if (!TEST_DATABASE_URL) throw new Error(SKIP_MESSAGE);
  return TEST_DATABASE_URL;
}

/** The template's name for the current migration files. */
export function templateName(): string {
  const hash = createHash('sha256');
  for (const m of readPostgresMigrations()) hash.update(`${m.tag}\0${m.folderMillis}\0${m.hash}\n`);
  return `eda_template_${hash.digest('hex').slice(0, 16)}`;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Runs `fn` with a client on the maintenance database (TEST_DATABASE_URL). */
async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: requireUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function exists(client: pg.Client, name: string): Promise<boolean> {
  return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
}

let template: Promise<string> | undefined;

/** The migrated template for this run: built by the first caller on this server, reused after. */
export function ensureTemplate(): Promise<string> {
  return (template ??= buildTemplate().catch((err) => {
    template = undefined;
    throw err;
  }));
}

async function buildTemplate(): Promise<string> {
  const name = templateName();
  await withAdmin(async (admin) => {
    await admin.query('SELECT pg_advisory_lock($1::bigint)', [TEMPLATE_LOCK_ID.toString()]);
    try {
      if (await exists(admin, name)) return;
      const building = `${name}_build`;
      await admin.query(`DROP DATABASE IF EXISTS ${ident(building)} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${ident(building)}`);
      await migratePostgres(databaseUrl(building)); // its own pool, ended before the rename
      await admin.query(`ALTER DATABASE ${ident(building)} RENAME TO ${ident(name)}`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1::bigint)', [TEMPLATE_LOCK_ID.toString()]);
    }
  });
  return name;
}

const randomName = (prefix: string) => `${prefix}${randomBytes(6).toString('hex')}`;

async function create(name: string, from?: string): Promise<TestDatabase> {
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${ident(name)}${from ? ` TEMPLATE ${ident(from)}` : ''}`));
  let dropped: Promise<void> | undefined;
  return {
    name,
    url: databaseUrl(name),
    drop: () =>
      (dropped ??= withAdmin(async (admin) => {
        await admin.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
      })),
  };
}

/** A migrated database of its own for one test file: drop() it in afterAll. */
export async function createTestDatabase(): Promise<TestDatabase> {
  return create(randomName('eda_t_'), await ensureTemplate());
}

/** An empty database (no migrations), for tests of the migrator itself. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  return create(randomName('eda_e_'));
}
