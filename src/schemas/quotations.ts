import { Type, type Static } from '@sinclair/typebox';
import { ArticleRef, Evidence, ListOf, PartId, Provenance, QuotationKind, SlugOf, SourceRef, ref, stringEnum } from './common.js';
import { examples } from './examples.js';
import { SearchText } from './search.js';
import { DateRangeQuery, ListQuery, ProvenanceQuery } from './query.js';

export const Quotation = Type.Object(
  {
    id: PartId,
    article: ref(ArticleRef),
    source: ref(SourceRef),
    kind: QuotationKind,
    verb: Type.String({ description: 'The reporting verb as the text uses it.' }),
    claim: Type.String({ description: 'What the text attributes to the source, normalised.' }),
    evidence: ref(Evidence),
    provenance: ref(Provenance),
  },
  { $id: 'Quotation', description: 'One claim an article attributes to a source.', examples: [examples.quotation] },
);

export const QuotationList = ListOf(Quotation, 'QuotationList', 'A page of quotations.');

export const QuotationSorts = ['-datePublished', 'datePublished'] as const;

export const QuotationListQuery = Type.Composite(
  [
    Type.Object({
      q: Type.Optional(SearchText),
      source: Type.Optional(SlugOf('Source id.')),
      article: Type.Optional(SlugOf('Article id.')),
      kind: Type.Optional(QuotationKind),
      sort: Type.Optional(
        stringEnum(QuotationSorts, 'Newest articles first (then in text order), or oldest first.', {
          default: '-datePublished',
        }),
      ),
    }),
    ProvenanceQuery,
    DateRangeQuery,
    ListQuery,
  ],
  { additionalProperties: false },
);

export const QuotationParams = Type.Object({ quotationId: PartId }, { additionalProperties: false });

export type Quotation = Static<typeof Quotation>;
export type QuotationListQuery = Static<typeof QuotationListQuery>;

export const quotationSchemas = [Quotation, QuotationList];
