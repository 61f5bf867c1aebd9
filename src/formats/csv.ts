// text/csv for spreadsheets (RFC 4180): a header row, CRLF line ends, every field quoted when it
// holds a comma, a quote or a line break, UTF-8. Lists become one row per item, with the columns a
// journalist sorts and filters on; several values in one cell are joined with "; ".
import type { Actor } from '../schemas/actors.js';
import type { Quotation } from '../schemas/quotations.js';
import type { Recommendation } from '../schemas/recommendations.js';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';

type Cell = string | number | null;

/**
 * One field. A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is
 * prefixed with an apostrophe (OWASP's advice against CSV injection): the words come from
 * articles and their writers, and a journalist opens the file in Excel or Sheets.
 */
function field(value: Cell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const joined = (values: readonly string[]) => values.join('; ');

export interface CsvTable<T> {
  columns: ReadonlyArray<readonly [name: string, value: (item: T) => Cell]>;
}

/** The table as RFC 4180 text: the header row, then a row per item, each ended by CRLF. */
export function toCsv<T>(table: CsvTable<T>, items: readonly T[]): string {
  const rows = [table.columns.map(([name]) => field(name)).join(',')];
  for (const item of items) rows.push(table.columns.map(([, value]) => field(value(item))).join(','));
  return `${rows.join('\r\n')}\r\n`;
}

export const recommendationTable: CsvTable<Recommendation> = {
  columns: [
    ['id', (r) => r.id],
    ['date_published', (r) => r.article.datePublished],
    ['article_id', (r) => r.article.id],
    ['article_headline', (r) => r.article.headline],
    ['addressee_id', (r) => r.addressee.id],
    ['addressee', (r) => r.addressee.name],
    ['strength', (r) => r.strength],
    ['priority', (r) => r.priority],
    ['domain', (r) => r.domain],
    ['statement', (r) => r.statement],
    ['instruments', (r) => joined(r.instruments)],
    ['partners', (r) => joined(r.partners.map((p) => p.name))],
    ['against', (r) => joined(r.against)],
    ['evidence', (r) => r.evidence.exact],
    ['evidence_start', (r) => r.evidence.start],
    ['evidence_end', (r) => r.evidence.end],
  ],
};

export const quotationTable: CsvTable<Quotation> = {
  columns: [
    ['id', (q) => q.id],
    ['date_published', (q) => q.article.datePublished],
    ['article_id', (q) => q.article.id],
    ['article_headline', (q) => q.article.headline],
    ['source_id', (q) => q.source.id],
    ['source', (q) => q.source.name],
    ['kind', (q) => q.kind],
    ['verb', (q) => q.verb],
    ['claim', (q) => q.claim],
    ['evidence', (q) => q.evidence.exact],
    ['evidence_start', (q) => q.evidence.start],
    ['evidence_end', (q) => q.evidence.end],
  ],
};

export const actorTable: CsvTable<Actor> = {
  columns: [
    ['id', (a) => a.id],
    ['name', (a) => a.name],
    ['type', (a) => a.type],
    ['description', (a) => a.description],
    ['aliases', (a) => joined(a.aliases)],
    ['article_count', (a) => a.articleCount],
    ['recommendation_count', (a) => a.recommendationCount],
    ['created_at', (a) => a.createdAt],
    ['updated_at', (a) => a.updatedAt],
  ],
};
