// Keeps the FTS5 indexes in step with the tables they index. External-content FTS tables need
// the old text to delete an entry, so each write unindexes before it changes or deletes rows
// and indexes after it inserts them. Only the ingest module calls these.
import type { Db } from '../../../db/client.js';
import { prepared } from './statements.js';

/** Each article-owned index: its FTS table, the content table and the indexed columns. */
const ARTICLE_INDEXES = [
  { fts: 'articles_fts', table: 'articles', columns: ['headline', 'body'], key: 'id' },
  { fts: 'recommendations_fts', table: 'recommendations', columns: ['statement', 'evidence_exact'], key: 'article_id' },
  { fts: 'quotations_fts', table: 'quotations', columns: ['claim', 'evidence_exact'], key: 'article_id' },
];
const ACTOR_INDEX = { fts: 'actors_fts', table: 'actors', columns: ['name', 'aliases', 'description'], key: 'id' };

type Index = (typeof ARTICLE_INDEXES)[number];

function add(tx: Db, index: Index, value: string) {
  const cols = index.columns.join(', ');
  prepared(tx, `INSERT INTO ${index.fts}(rowid, ${cols}) SELECT seq, ${cols} FROM ${index.table} WHERE ${index.key} = ?`).run(value);
}

function remove(tx: Db, index: Index, value: string) {
  const cols = index.columns.join(', ');
  prepared(
    tx,
    `INSERT INTO ${index.fts}(${index.fts}, rowid, ${cols}) SELECT 'delete', seq, ${cols} FROM ${index.table} WHERE ${index.key} = ?`,
  ).run(value);
}

/** Indexes an article, its recommendations and its quotations, after they are inserted. */
export function indexArticle(tx: Db, articleId: string) {
  for (const index of ARTICLE_INDEXES) add(tx, index, articleId);
}

/** Removes an article and its parts from the indexes, before they are deleted. */
export function unindexArticle(tx: Db, articleId: string) {
  for (const index of ARTICLE_INDEXES) remove(tx, index, articleId);
}

export const indexActor = (tx: Db, actorId: string) => add(tx, ACTOR_INDEX, actorId);
export const unindexActor = (tx: Db, actorId: string) => remove(tx, ACTOR_INDEX, actorId);
