// Shapes shared by every resource: vocabularies, references, evidence anchors, list envelopes
// and the RFC 9457 problem document.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** A `$ref` to a registered component that keeps the static type of the schema it names. */
export function ref<T extends TSchema>(schema: T) {
  if (!schema.$id) throw new Error('ref() needs a schema with an $id');
  return Type.Unsafe<Static<T>>(Type.Ref(schema.$id));
}

const SLUG_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
const PART_ID_PATTERN = '^[a-z0-9]+(?:[-.][a-z0-9]+)*$';

export const Slug = Type.String({ pattern: SLUG_PATTERN, minLength: 1, maxLength: 120 });
/** A slug with its own description, for parameters and filters. */
export const SlugOf = (description: string) =>
  Type.String({ pattern: SLUG_PATTERN, minLength: 1, maxLength: 120, description });
export const PartId = Type.String({ pattern: PART_ID_PATTERN, minLength: 1, maxLength: 160 });
export const IsoDate = Type.String({ format: 'date', examples: ['2026-01-10'] });
export const IsoDateTime = Type.String({ format: 'date-time' });

import {
  ActorRoles,
  ActorTypes,
  ArticleKinds,
  Portrayals,
  ProvenanceMethods,
  QuotationKinds,
  SourceTypes,
  Strengths,
} from '../../db/vocabularies.js';

export { ActorRoles, ActorTypes, ArticleKinds, Portrayals, ProvenanceMethods, QuotationKinds, SourceTypes, Strengths };

/** A string enum that keeps its literal type and shows as `enum` in OpenAPI. */
export function stringEnum<T extends readonly string[]>(values: T, description: string, options: { default?: T[number] } = {}) {
  return Type.Unsafe<T[number]>(Type.String({ enum: [...values], description, ...options }));
}

export const ArticleKind = stringEnum(ArticleKinds, 'What sort of opinion piece it is.');
export const ActorType = stringEnum(
  ActorTypes,
  'state; armed-group (militias, insurgents); organization (NGOs, think tanks, companies, ' +
    'international bodies); institution (a state body: army, police, parliament); person; ' +
    'group (a collective or unnamed set of actors: "the Gulf states", "different quarters").',
);
export const ActorRole = stringEnum(ActorRoles, 'What the actor is in this article.');
export const Portrayal = stringEnum(Portrayals, "How the article's own voice treats the actor.");
export const Strength = stringEnum(Strengths, 'The modal force of the recommendation in the text.');
export const QuotationKind = stringEnum(QuotationKinds, 'direct (quoted words) or indirect (reported speech).');
export const SourceType = stringEnum(SourceTypes, 'What kind of source is cited.');
export const ProvenanceMethod = stringEnum(
  ProvenanceMethods,
  'analyst: read off the text by a person; assisted: proposed by the assisted reader (POST /v1/analyze).',
);

export const Provenance = Type.Object(
  {
    method: ProvenanceMethod,
    rule: Type.Union([Type.String(), Type.Null()], { description: 'The reader rule that proposed an assisted datum; null for an analyst\'s.' }),
    confidence: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
      description: "How sure the reader was of an assisted datum, 0 to 1; null for an analyst's.",
    }),
    reviewed: Type.Boolean({ description: 'True once an analyst has confirmed the datum.' }),
  },
  {
    $id: 'Provenance',
    description:
      'Who read the datum off the text and whether an analyst has confirmed it. A datum written without ' +
      'provenance is an analyst\'s, reviewed.',
    examples: [{ method: 'analyst', rule: null, confidence: null, reviewed: true }],
  },
);

export type Provenance = Static<typeof Provenance>;

/** The provenance of a datum written without one: an analyst's, reviewed. */
export const DEFAULT_PROVENANCE = { method: 'analyst', reviewed: true } as const;

export const Evidence = Type.Object(
  {
    exact: Type.String({ description: 'The exact words in the body.' }),
    start: Type.Integer({ minimum: 0, description: 'Code-point offset of the first character in `body`.' }),
    end: Type.Integer({ minimum: 0, description: 'Code-point offset just past the last character.' }),
  },
  {
    $id: 'Evidence',
    description:
      'Where a datum stands in the article body (W3C TextQuoteSelector + TextPositionSelector): ' +
      '`body` sliced from `start` to `end` in Unicode code points equals `exact`.',
    examples: [{ exact: 'Border controls should improve through technology', start: 2285, end: 2334 }],
  },
);

export const ActorRef = Type.Object(
  { id: Slug, name: Type.String() },
  { $id: 'ActorRef', description: 'A reference to an actor.', examples: [{ id: 'pakistan', name: 'Pakistan' }] },
);
export const PublicationRef = Type.Object(
  { id: Slug, name: Type.String() },
  { $id: 'PublicationRef', description: 'A reference to a publication.', examples: [{ id: 'dawn', name: 'Dawn' }] },
);
export const SourceRef = Type.Object(
  { id: Slug, name: Type.String() },
  {
    $id: 'SourceRef',
    description: 'A reference to a cited source.',
    examples: [{ id: 'international-crisis-group', name: 'International Crisis Group' }],
  },
);
export const ArticleRef = Type.Object(
  { id: Slug, headline: Type.String(), datePublished: IsoDate },
  {
    $id: 'ArticleRef',
    description: 'A reference to an article.',
    examples: [{ id: '2026-01-10-anti-terrorism-fight', headline: 'Anti-terrorism fight', datePublished: '2026-01-10' }],
  },
);

export const PageInfo = Type.Object(
  {
    limit: Type.Integer({ description: 'The page size used.' }),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as `cursor` to get the next page; null on the last page.',
    }),
    total: Type.Integer({ description: 'How many items match the filters, over all pages.' }),
  },
  { $id: 'PageInfo', examples: [{ limit: 20, nextCursor: null, total: 1 }] },
);

/** The list envelope: `{ data: [...], page: {...} }`. */
export function ListOf<T extends TSchema>(item: T, $id: string, description: string) {
  return Type.Object({ data: Type.Array(ref(item)), page: ref(PageInfo) }, { $id, description });
}

export const ProblemError = Type.Object(
  {
    path: Type.String({ description: 'JSON Pointer to the offending field or parameter.' }),
    message: Type.String(),
  },
  { $id: 'ProblemError' },
);

export const Problem = Type.Object(
  {
    type: Type.String({ description: 'A URI naming the kind of problem.' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String({ description: 'What went wrong with this request, in words a person can act on.' }),
    instance: Type.String({ description: 'The request path.' }),
    errors: Type.Optional(Type.Array(ref(ProblemError))),
  },
  {
    $id: 'Problem',
    description: 'An RFC 9457 problem document, served as application/problem+json.',
    examples: [
      {
        type: 'urn:editorial-data-api:problem:not-found',
        title: 'Not Found',
        status: 404,
        detail: "No article has the id 'no-such-article'.",
        instance: '/v1/articles/no-such-article',
      },
    ],
  },
);

export const commonSchemas = [Evidence, Provenance, ActorRef, PublicationRef, SourceRef, ArticleRef, PageInfo, ProblemError, Problem];
