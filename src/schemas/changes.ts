// The change feed: every write, in commit order, for apps that keep a copy of the data.
import { Type, type Static } from '@sinclair/typebox';
import { ChangeActions, ChangeTypes } from '../../db/vocabularies.js';
import { IsoDateTime, ListOf, stringEnum } from './common.js';
import { ListQuery } from './query.js';

export const Change = Type.Object(
  {
    seq: Type.Integer({ minimum: 1, description: 'Its place in the feed: increases with every write, in commit order.' }),
    type: stringEnum(ChangeTypes, 'What changed: an article (with its recommendations, quotations and actor links), an actor or a source.'),
    id: Type.String({ description: 'The id of the article, actor or source.' }),
    action: stringEnum(
      ChangeActions,
      'upsert: GET it again (/v1/articles/{id}, /v1/actors/{id}, /v1/sources/{id}); delete: it is gone (a tombstone; ' +
        'its revisions stay readable).',
    ),
    at: IsoDateTime,
    revision: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
      description: "The article's revision after this change (for a delete, its last one); null for actors and sources.",
    }),
  },
  {
    $id: 'Change',
    description: "An entity's latest change. Older changes of the same entity are dropped from the feed (it is compacted).",
    examples: [
      { seq: 1, type: 'article', id: '2026-01-10-anti-terrorism-fight', action: 'upsert', at: '2026-01-10T08:00:00.000Z', revision: 1 },
      { seq: 2, type: 'actor', id: 'pakistan', action: 'upsert', at: '2026-01-10T08:00:00.000Z', revision: null },
    ],
  },
);

export const ChangeList = ListOf(Change, 'ChangeList', 'A page of changes in seq order.');

export const ChangeListQuery = Type.Object(
  {
    since: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 2147483647,
        default: 0,
        description: 'Only changes after this seq (the last one you applied); 0, the default, lists every entity.',
      }),
    ),
    ...ListQuery.properties,
  },
  { additionalProperties: false },
);

export type Change = Static<typeof Change>;
export type ChangeListQuery = Static<typeof ChangeListQuery>;

export const changeSchemas = [Change, ChangeList];
