// Querystring pieces that every list shares.
import { Type } from '@sinclair/typebox';
import { ProvenanceMethod } from './common.js';

export const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Page size (1-100).' })),
  cursor: Type.Optional(
    Type.String({ minLength: 1, maxLength: 1000, description: "The previous page's `page.nextCursor`." }),
  ),
});

export const DateRangeQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date', description: 'Published on or after this date (ISO 8601).' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'Published on or before this date (ISO 8601).' })),
});

/** For operations without query parameters: anything sent is refused rather than ignored. */
export const NoQuery = Type.Object({}, { additionalProperties: false });

/** Filters on provenance, shared by the lists of recommendations and quotations. */
export const ProvenanceQuery = Type.Object({
  reviewed: Type.Optional(
    Type.Boolean({ description: '`true`: only data an analyst has confirmed; `false`: only data awaiting review.' }),
  ),
  method: Type.Optional(ProvenanceMethod),
});

/**
 * The request headers every GET honours: a conditional read (304), and read-your-writes across
 * nodes (the plugins that act on them check them first; declared here for the document).
 */
export const ReadHeaders = Type.Object({
  'if-none-match': Type.Optional(
    Type.String({ description: 'ETags you hold (or `*`): 304 without a body when one is the current ETag of the representation asked for.' }),
  ),
  'min-data-version': Type.Optional(
    Type.String({
      pattern: '^[0-9]{1,18}$',
      description: 'A Data-Version a write answered: this read shows at least that write (PostgreSQL with replicas; SQLite always does).',
    }),
  ),
});
