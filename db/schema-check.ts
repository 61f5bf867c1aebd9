// Compile-time parity of the two storage models: `tsc --noEmit` fails here when db/schema.ts
// (SQLite) and db/schema.postgres.ts (PostgreSQL) disagree on the set of exported tables, a
// table's SQL name, a column's property or SQL name, or the TypeScript type of any row as read
// (InferSelectModel) or written (InferInsertModel). Keys, foreign keys and indexes are compared
// at run time by tests/postgres/schema-parity.test.ts. Nothing here runs.
import type { InferInsertModel, InferSelectModel, Table } from 'drizzle-orm';
import type * as sqlite from './schema.js';
import type * as pg from './schema.postgres.js';

/** Exactly equal types (not just mutually assignable: `any` and optional-vs-undefined differ). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** The exported names of a schema module that are tables. */
type TableNames<S> = { [K in keyof S]: S[K] extends Table ? K : never }[keyof S];

type SqliteSchema = typeof sqlite;
type PgSchema = typeof pg;
type Tables = TableNames<SqliteSchema> & TableNames<PgSchema>;

/** A table's column properties mapped to their SQL names. */
type ColumnNames<T extends Table> = { [K in keyof T['_']['columns']]: T['_']['columns'][K]['_']['name'] };

/** Per table: true when every check holds, else the name of the first failing check. */
type Parity<K extends Tables> =
  Equal<SqliteSchema[K]['_']['name'], PgSchema[K]['_']['name']> extends false
    ? 'table name differs'
    : Equal<ColumnNames<SqliteSchema[K]>, ColumnNames<PgSchema[K]>> extends false
      ? 'column names differ'
      : Equal<InferSelectModel<SqliteSchema[K]>, InferSelectModel<PgSchema[K]>> extends false
        ? 'select types differ'
        : Equal<InferInsertModel<SqliteSchema[K]>, InferInsertModel<PgSchema[K]>> extends false
          ? 'insert types differ'
          : true;

type AllParity = { [K in Tables]: Parity<K> };

// The same tables on both sides.
const _sameTables: Equal<TableNames<SqliteSchema>, TableNames<PgSchema>> = true;
// Every table agrees; on failure the error names the table and the check, e.g.
// "Type '"select types differ"' is not assignable to type 'true'" under `articles`.
const _tablesAgree: { [K in Tables]: true } = {} as AllParity;

// Self-test of the checker: a difference must be caught, not waved through.
const _catchesNullability: Equal<{ a: string | null }, { a: string }> = false;
const _catchesOptional: Equal<{ a?: string }, { a: string | undefined }> = false;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the self-test is about `any`
const _catchesAny: Equal<{ a: any }, { a: string }> = false;

export type { AllParity };
void [_sameTables, _tablesAgree, _catchesNullability, _catchesOptional, _catchesAny];
