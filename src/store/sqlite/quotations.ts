import type { Db } from '../../../db/client.js';
import * as schema from '../../../db/schema.js';
import { quotationFilters } from '../filters.js';
import { quotations } from '../../../db/schema.js';
import { paginate } from './pagination.js';
import { QUOTATION_SORTS } from '../sorts.js';
import { type Page } from '../../shared/pagination.js';
import { prepared } from './statements.js';
import { matchesText } from './search.js';
import type { QuotationListQuery } from '../../schemas/quotations.js';

/** What a list reads per quotation: its sort keys and its stored document. */
function selectList(db: Db) {
  return db
    .select({
      id: quotations.id,
      articleId: quotations.articleId,
      datePublished: quotations.datePublished,
      evidenceStart: quotations.evidenceStart,
      document: quotations.document,
    })
    .from(quotations);
}

/** Quotations as stored JSON text, in the list's order. */
export function listQuotations(db: Db, q: QuotationListQuery): Page<string> {
  return paginate(db, q, QUOTATION_SORTS[q.sort ?? '-datePublished'], (p) => quotationFilters(schema, p, matchesText(quotations, p.q)), {
    table: quotations,
    rows: (where, order, limit) => selectList(db).where(where).orderBy(...order).limit(limit),
    map: (row) => row.document!,
  });
}

export function quotationJson(db: Db, id: string): string | undefined {
  return (prepared(db, 'SELECT document FROM quotations WHERE id = ?').pluck().get(id) as string | undefined) ?? undefined;
}
