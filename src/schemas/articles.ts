import { Type, type Static } from '@sinclair/typebox';
import {
  ArticleKind,
  IsoDate,
  IsoDateTime,
  ListOf,
  PublicationRef,
  Slug,
  SlugOf,
  ref,
  stringEnum,
} from './common.js';
import { examples } from './examples.js';
import { SearchText } from './search.js';
import { DateRangeQuery, ListQuery } from './query.js';
import { ArticleActor } from './actors.js';
import { RevisionNumber } from './revisions.js';
import { Quotation } from './quotations.js';
import { Recommendation } from './recommendations.js';

export const ArticleIncludes = ['body', 'actors', 'recommendations', 'quotations'] as const;
export type ArticleInclude = (typeof ArticleIncludes)[number];

export const Article = Type.Object(
  {
    id: Slug,
    headline: Type.String(),
    kind: ArticleKind,
    publication: ref(PublicationRef),
    author: Type.Union([Type.String(), Type.Null()]),
    datePublished: IsoDate,
    language: Type.String({ description: 'BCP 47 language tag.' }),
    url: Type.Union([Type.String(), Type.Null()]),
    wordCount: Type.Integer({ description: 'Whitespace-separated tokens in the body, as `wc -w` counts them.' }),
    topics: Type.Array(Slug),
    counts: Type.Object({
      actors: Type.Integer(),
      recommendations: Type.Integer(),
      quotations: Type.Integer(),
    }),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    revision: Type.Integer({
      minimum: 1,
      description:
        'This version of the article: 1 when first written, one more with each PUT (and each rename of an actor, source ' +
        'or publication it shows). `?revision=N` reads an earlier one; /v1/articles/{articleId}/revisions lists them.',
    }),
    body: Type.Optional(Type.String({ description: 'The full text; present with `include=body`.' })),
    actors: Type.Optional(Type.Array(ref(ArticleActor), { description: 'Present with `include=actors`.' })),
    recommendations: Type.Optional(
      Type.Array(ref(Recommendation), { description: 'Present with `include=recommendations`, by priority.' }),
    ),
    quotations: Type.Optional(Type.Array(ref(Quotation), { description: 'Present with `include=quotations`, in text order.' })),
  },
  { $id: 'Article', description: 'One opinion piece, with its parts embedded on request.', examples: [examples.article] },
);

export const ArticleList = ListOf(Article, 'ArticleList', 'A page of articles (without bodies or parts).');

export const ArticleSorts = ['-datePublished', 'datePublished', 'headline'] as const;

export const ArticleListQuery = Type.Composite(
  [
    Type.Object({
      q: Type.Optional(SearchText),
      publication: Type.Optional(SlugOf('Publication id, e.g. `dawn`.')),
      kind: Type.Optional(ArticleKind),
      topic: Type.Optional(SlugOf('Topic slug, e.g. `counter-terrorism`.')),
      actor: Type.Optional(SlugOf('Only articles that discuss this actor.')),
      sort: Type.Optional(stringEnum(ArticleSorts, 'Newest first (default), oldest first, or by headline.', { default: '-datePublished' })),
    }),
    DateRangeQuery,
    ListQuery,
  ],
  { additionalProperties: false },
);

export const ArticleParams = Type.Object({ articleId: SlugOf('The article id.') }, { additionalProperties: false });

export const ArticleQuery = Type.Object(
  {
    include: Type.Optional(
      Type.Array(stringEnum(ArticleIncludes, 'A part to embed.'), {
        description:
          `Parts to embed, comma-separated: ${ArticleIncludes.join(', ')} (at most 100 characters). ` +
          'For application/json only: the other representations always have every part.',
        examples: [['body', 'actors', 'recommendations', 'quotations']],
      }),
    ),
    revision: Type.Optional(RevisionNumber),
  },
  // OpenAPI: an array in the query as one comma-separated value (include=body,actors).
  { additionalProperties: false, style: 'form', explode: false },
);

export type Article = Static<typeof Article>;
export type ArticleListQuery = Static<typeof ArticleListQuery>;

export const articleSchemas = [Article, ArticleList];
