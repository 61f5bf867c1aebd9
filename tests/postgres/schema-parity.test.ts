// What db/schema-check.ts cannot see in types: the two storage models declare the same keys,
// unique constraints, foreign keys (with the same ON DELETE) and indexes (same names and columns,
// same order). No server needed.
import { is, SQL, Table } from 'drizzle-orm';
import { getTableConfig as pgConfig, IndexedColumn, PgColumn } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteColumn, SQLiteSyncDialect, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pg from '../../db/schema.postgres.js';
import * as sqlite from '../../db/schema.js';

const sqliteDialect = new SQLiteSyncDialect();
const tables = <S extends Record<string, unknown>>(schema: S) =>
  Object.fromEntries(Object.entries(schema).filter(([, v]) => is(v, Table))) as Record<string, Table>;

const sortBy = <T>(items: T[], key: (t: T) => string) => [...items].sort((a, b) => key(a).localeCompare(key(b)));

/** An index column as `name` or `name desc`, from either dialect's representation. */
function indexColumn(c: unknown): string {
  if (is(c, SQL)) return sqliteDialect.sqlToQuery(c).sql.replace(/"/g, '').replace(/^\w+\./, '').toLowerCase();
  if (c instanceof IndexedColumn) return `${c.name}${c.indexConfig?.order === 'desc' ? ' desc' : ''}`;
  return (c as { name: string }).name;
}

/** The parts both dialects share, in one shape. */
function describeTable(config: ReturnType<typeof pgConfig> | ReturnType<typeof sqliteConfig>) {
  const columns = config.columns as Array<PgColumn | SQLiteColumn>;
  return {
    name: config.name,
    columns: columns.map((c) => ({ name: c.name, notNull: c.notNull, primary: c.primary })),
    primaryKeys: config.primaryKeys.map((pk) => pk.columns.map((c) => c.name)),
    unique: sortBy(
      columns.filter((c) => c.isUnique).map((c) => c.uniqueName ?? ''),
      (n) => n,
    ),
    foreignKeys: sortBy(
      config.foreignKeys.map((fk) => {
        const ref = fk.reference();
        return {
          columns: ref.columns.map((c) => c.name),
          table: (ref.foreignTable as unknown as { [k: symbol]: string })[Symbol.for('drizzle:Name')],
          foreignColumns: ref.foreignColumns.map((c) => c.name),
          onDelete: fk.onDelete ?? 'no action',
        };
      }),
      (f) => f.columns.join(),
    ),
    indexes: sortBy(
      config.indexes.map((i) => ({ name: i.config.name, unique: i.config.unique, columns: i.config.columns.map(indexColumn) })),
      (i) => i.name ?? '',
    ),
  };
}

describe('db/schema.postgres.ts against db/schema.ts', () => {
  const s = tables(sqlite);
  const p = tables(pg);

  it('exports the same tables', () => {
    expect(Object.keys(p).sort()).toEqual(Object.keys(s).sort());
  });

  for (const key of Object.keys(s)) {
    it(`${key}: same columns, keys, unique constraints, foreign keys and indexes`, () => {
      const lite = describeTable(sqliteConfig(s[key] as SQLiteTable));
      const post = describeTable(pgConfig(p[key] as Parameters<typeof pgConfig>[0]));
      expect(post).toEqual(lite);
      expect(post.columns.length).toBeGreaterThan(0);
    });
  }

  it('sees what it compares (a descending index column, a composite foreign key)', () => {
    const recs = describeTable(pgConfig(pg.recommendations));
    expect(recs.indexes.find((i) => i.name === 'recommendations_date_idx')?.columns).toEqual([
      'date_published desc',
      'article_id',
      'priority',
      'id',
    ]);
    expect(describeTable(sqliteConfig(sqlite.actorMentions)).foreignKeys).toEqual([
      { columns: ['article_id', 'actor_id'], table: 'article_actors', foreignColumns: ['article_id', 'actor_id'], onDelete: 'cascade' },
    ]);
  });
});
