import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { actors, quotations, sources } from '../../../db/schema.js';
import { paginate } from './pagination.js';
import { SOURCES_BY_NAME } from '../sorts.js';
import { type Page } from '../../shared/pagination.js';
import type { Source, SourceListQuery } from '../../schemas/sources.js';

function select(db: Db) {
  return db
    .select({
      id: sources.id,
      name: sources.name,
      type: sources.type,
      description: sources.description,
      actorId: sources.actorId,
      actorName: actors.name,
      quotationCount: sql<number>`(SELECT count(*) FROM ${quotations} q WHERE q.source_id = "sources"."id")`,
      createdAt: sources.createdAt,
      updatedAt: sources.updatedAt,
    })
    .from(sources)
    .leftJoin(actors, eq(actors.id, sources.actorId));
}

type Row = ReturnType<ReturnType<typeof select>['all']>[number];

function toSource(r: Row): Source {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    description: r.description,
    actor: r.actorId && r.actorName !== null ? { id: r.actorId, name: r.actorName } : null,
    quotationCount: r.quotationCount,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function listSources(db: Db, q: SourceListQuery): Page<Source> {
  return paginate(db, q, SOURCES_BY_NAME, (p) => (p.type ? eq(sources.type, p.type) : undefined), {
    table: sources,
    rows: (where, order, limit) => select(db).where(where).orderBy(...order).limit(limit),
    map: toSource,
  });
}

export function getSource(db: Db, id: string): Source | undefined {
  const row = select(db).where(eq(sources.id, id)).get();
  return row && toSource(row);
}
