import { Type, type Static } from '@sinclair/typebox';
import { ArticleRef, ListOf, ref, stringEnum } from './common.js';
import { ListQuery } from './query.js';

export const SearchTypes = ['article', 'recommendation', 'quotation'] as const;
export type SearchType = (typeof SearchTypes)[number];

/** The `q` parameter, shared by /v1/search and the lists it filters. */
export const SearchText = Type.String({
  minLength: 1,
  maxLength: 500,
  description:
    'Full-text query: words (all must match), "exact phrases", prefix* , OR between alternatives, ' +
    '-word to exclude. Case and diacritics are ignored; other punctuation only separates words.',
  examples: ['border technology', '"International Crisis Group"', 'taliban -afghan', 'border* OR crossings'],
});

export const Span = Type.Object(
  {
    start: Type.Integer({ minimum: 0 }),
    end: Type.Integer({ minimum: 0 }),
  },
  { $id: 'Span', description: 'Code-point offsets into the article body.' },
);

export const SearchHit = Type.Object(
  {
    type: stringEnum(SearchTypes, 'What matched.'),
    id: Type.String({ description: 'The id of the article, recommendation or quotation.' }),
    article: ref(ArticleRef),
    title: Type.String({ description: 'The headline, the recommendation statement or the quoted claim.' }),
    snippet: Type.String({
      description:
        'The best-matching passage (up to 24 words with the most distinct matched terms) of the article body, or of ' +
        "the recommendation's or quotation's evidence, with up to two more passages for matched terms that stand " +
        'far from it, in text order; of the headline, statement or claim when only that matched. HTML-escaped, ' +
        "each match wrapped in <mark></mark>, '…' where the text is cut.",
    }),
    span: Type.Union([ref(Span), Type.Null()], {
      description:
        'Where the first marked word of the snippet stands in the article body, in code points. When only the ' +
        'headline matched, null for an article; for a recommendation or quotation whose statement or claim alone ' +
        'matched, its whole evidence.',
    }),
    score: Type.Number({ description: 'Relevance (bm25, higher is better); hits are ordered by it.' }),
  },
  {
    $id: 'SearchHit',
    examples: [
      {
        type: 'recommendation',
        id: '2026-01-10-anti-terrorism-fight.r6',
        article: { id: '2026-01-10-anti-terrorism-fight', headline: 'Anti-terrorism fight', datePublished: '2026-01-10' },
        title: 'Improve border controls through technology, intelligence-sharing and regulated crossings.',
        snippet:
          '<mark>Border</mark> controls should improve through <mark>technology</mark>, intelligence-sharing and ' +
          'regulated crossings, not ad hoc closures that damage livelihoods',
        span: { start: 2285, end: 2291 },
        score: 4.1,
      },
    ],
  },
);

export const SearchResults = ListOf(SearchHit, 'SearchResults', 'A page of search hits, best first.');

export const SearchQuery = Type.Composite(
  [
    Type.Object({
      q: SearchText,
      type: Type.Optional(stringEnum(SearchTypes, 'Only hits of this type.')),
    }),
    ListQuery,
  ],
  { additionalProperties: false },
);

export type SearchHit = Static<typeof SearchHit>;
export type SearchQuery = Static<typeof SearchQuery>;

export const searchSchemas = [Span, SearchHit, SearchResults];
