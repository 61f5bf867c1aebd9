import { Type, type Static } from '@sinclair/typebox';
import {
  ActorRole,
  ActorType,
  Evidence,
  IsoDateTime,
  ListOf,
  Portrayal,
  Provenance,
  Slug,
  ref,
} from './common.js';
import { ListQuery } from './query.js';
import { examples } from './examples.js';
import { SearchText } from './search.js';

export const Actor = Type.Object(
  {
    id: Slug,
    name: Type.String(),
    type: ActorType,
    description: Type.Union([Type.String(), Type.Null()]),
    aliases: Type.Array(Type.String(), { description: 'Other names the texts use.' }),
    articleCount: Type.Integer({ description: 'Articles that discuss this actor.' }),
    recommendationCount: Type.Integer({ description: 'Recommendations addressed to this actor.' }),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  },
  { $id: 'Actor', description: 'A canonical entity shared across articles.', examples: [examples.actor] },
);

export const ArticleActor = Type.Object(
  {
    id: Slug,
    name: Type.String(),
    type: ActorType,
    roles: Type.Array(ActorRole),
    portrayal: Portrayal,
    mentions: Type.Array(ref(Evidence), { description: 'Where the text names the actor, in order.' }),
    provenance: ref(Provenance),
  },
  {
    $id: 'ArticleActor',
    description: 'An actor as one article treats it: its roles, portrayal and mentions.',
    examples: [examples.articleActor],
  },
);

export const ActorList = ListOf(Actor, 'ActorList', 'A page of actors.');
export const ArticleActorList = ListOf(ArticleActor, 'ArticleActorList', "A page of an article's actors.");

export const ActorParams = Type.Object({ actorId: Slug }, { additionalProperties: false });

export const ActorListQuery = Type.Composite(
  [
    Type.Object({
      q: Type.Optional(SearchText),
      type: Type.Optional(ActorType),
    }),
    ListQuery,
  ],
  { additionalProperties: false },
);

export type Actor = Static<typeof Actor>;
export type ArticleActor = Static<typeof ArticleActor>;
export type ActorListQuery = Static<typeof ActorListQuery>;

export const actorSchemas = [Actor, ArticleActor, ActorList, ArticleActorList];
