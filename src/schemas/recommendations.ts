import { Type, type Static } from '@sinclair/typebox';
import { ActorRef, ArticleRef, Evidence, ListOf, PartId, Slug, SlugOf, Provenance, Strength, ref, stringEnum } from './common.js';
import { examples } from './examples.js';
import { SearchText } from './search.js';
import { DateRangeQuery, ListQuery, ProvenanceQuery } from './query.js';

export const Recommendation = Type.Object(
  {
    id: PartId,
    article: ref(ArticleRef),
    addressee: ref(ActorRef),
    statement: Type.String({ description: 'What the piece says should be done, normalised.' }),
    strength: Strength,
    priority: Type.Integer({ minimum: 1, description: 'Rank within the article; 1 = the one the text stresses most.' }),
    domain: Slug,
    instruments: Type.Array(Type.String(), { description: 'The means the text proposes.' }),
    partners: Type.Array(ref(ActorRef), { description: 'Actors the addressee should act with.' }),
    against: Type.Array(Type.String(), { description: 'What the text argues against.' }),
    evidence: ref(Evidence),
    provenance: ref(Provenance),
  },
  {
    $id: 'Recommendation',
    description: 'What an article says someone should do, anchored in its words.',
    examples: [examples.recommendation],
  },
);

export const RecommendationList = ListOf(Recommendation, 'RecommendationList', 'A page of recommendations.');

export const RecommendationSorts = ['-datePublished', 'datePublished', 'priority'] as const;

export const RecommendationListQuery = Type.Composite(
  [
    Type.Object({
      q: Type.Optional(SearchText),
      addressee: Type.Optional(SlugOf('Actor id of the addressee.')),
      partner: Type.Optional(SlugOf('Actor id of a named partner.')),
      article: Type.Optional(SlugOf('Article id.')),
      domain: Type.Optional(SlugOf('Policy domain, e.g. `border-security`.')),
      strength: Type.Optional(Strength),
      sort: Type.Optional(
        stringEnum(
          RecommendationSorts,
          'Newest articles first (then by priority), oldest first, or by priority across articles.',
          { default: '-datePublished' },
        ),
      ),
    }),
    ProvenanceQuery,
    DateRangeQuery,
    ListQuery,
  ],
  { additionalProperties: false },
);

export const RecommendationParams = Type.Object({ recommendationId: PartId }, { additionalProperties: false });

export type Recommendation = Static<typeof Recommendation>;
export type RecommendationListQuery = Static<typeof RecommendationListQuery>;

export const recommendationSchemas = [Recommendation, RecommendationList];
