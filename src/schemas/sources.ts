import { Type, type Static } from '@sinclair/typebox';
import { ActorRef, IsoDateTime, ListOf, Slug, SourceType, ref } from './common.js';
import { examples } from './examples.js';
import { ListQuery } from './query.js';

export const Source = Type.Object(
  {
    id: Slug,
    name: Type.String(),
    type: SourceType,
    description: Type.Union([Type.String(), Type.Null()]),
    actor: Type.Union([ref(ActorRef), Type.Null()], { description: 'The actor this source is, if any.' }),
    quotationCount: Type.Integer({ description: 'Claims attributed to this source across articles.' }),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  },
  { $id: 'Source', description: 'Someone or something an article cites.', examples: [examples.source] },
);

export const SourceList = ListOf(Source, 'SourceList', 'A page of sources.');

export const SourceListQuery = Type.Composite([Type.Object({ type: Type.Optional(SourceType) }), ListQuery], {
  additionalProperties: false,
});

export const SourceParams = Type.Object({ sourceId: Slug }, { additionalProperties: false });

export type Source = Static<typeof Source>;
export type SourceListQuery = Static<typeof SourceListQuery>;

export const sourceSchemas = [Source, SourceList];
