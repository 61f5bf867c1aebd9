// The other representations of an article (application/ld+json, application/anno+json) and of
// the lists (text/csv), for the OpenAPI document, with examples rendered from the seed editorial.
import { Type } from '@sinclair/typebox';
import { articleAnnotations } from '../formats/annotations.js';
import { actorTable, quotationTable, recommendationTable, toCsv } from '../formats/csv.js';
import { articleJsonLd } from '../formats/json-ld.js';
import { ArticleKind, IsoDate, IsoDateTime, Slug, ref } from './common.js';
import { examples } from './examples.js';
import type { Actor } from './actors.js';
import type { Article } from './articles.js';
import type { Quotation } from './quotations.js';
import type { Recommendation } from './recommendations.js';

/** An example (deeply readonly, `as const`) as the API type it is an instance of, for the renderers. */
const asApiShape = <T>(example: unknown) => structuredClone(example) as T;

/**
 * The seed editorial with one part of each kind and no body, so the examples stay short (a served
 * document has every part, and its `text`, prefixes and suffixes).
 */
const abridged = asApiShape<Article>({
  ...examples.article,
  actors: [examples.articleActor],
  recommendations: [examples.recommendation],
  quotations: [examples.quotation],
});

const Node = (type: string[], description: string) =>
  Type.Object(
    {
      '@type': Type.String({ enum: type }),
      '@id': Type.String({ description: 'Relative IRI of the API resource.' }),
      identifier: Slug,
      name: Type.String(),
    },
    { description },
  );

const JsonLdActor = Node(['Country', 'Organization', 'GovernmentOrganization', 'Person'], 'An actor of the piece: its API resource, id and name.');

export const ArticleJsonLd = Type.Object(
  {
    '@context': Type.Literal('https://schema.org/'),
    '@type': Type.Literal('OpinionNewsArticle'),
    '@id': Type.String({ description: 'Relative IRI: resolve it against the URL the document came from.' }),
    identifier: Slug,
    headline: Type.String(),
    genre: ArticleKind,
    datePublished: IsoDate,
    dateCreated: IsoDateTime,
    dateModified: IsoDateTime,
    inLanguage: Type.String({ description: 'BCP 47 language tag.' }),
    wordCount: Type.Integer(),
    keywords: Type.Array(Slug, { description: 'The topics.' }),
    publisher: Type.Object({ '@type': Type.Literal('NewsMediaOrganization'), identifier: Slug, name: Type.String() }),
    author: Type.Optional(
      Type.Object(
        {
          '@type': Type.String({ enum: ['Person', 'NewsMediaOrganization'] }),
          identifier: Type.Optional(Slug),
          name: Type.String(),
        },
        { description: 'The byline, or the publication for an unsigned editorial; absent for an unsigned op-ed or column.' },
      ),
    ),
    url: Type.Optional(Type.String({ description: 'Where the piece was published.' })),
    about: Type.Array(JsonLdActor, { description: 'Actors the piece is about (role `subject`).' }),
    mentions: Type.Array(JsonLdActor, { description: 'Every other actor the piece discusses.' }),
    citation: Type.Array(
      Type.Object({
        '@type': Type.Literal('CreativeWork'),
        '@id': Type.String(),
        author: Node(['Thing'], 'The cited source.'),
        abstract: Type.String({ description: 'The claim the piece attributes to the source.' }),
      }),
      { description: 'One per quotation.' },
    ),
    text: Type.Optional(Type.String({ description: 'The full text (always present in a served document).' })),
  },
  {
    $id: 'ArticleJsonLd',
    description:
      'The article as a schema.org OpinionNewsArticle (JSON-LD, `Accept: application/ld+json`). Identifiers are relative IRIs.',
  },
);

/** The examples are abridged: one part of each kind, without the body's text. */
export const jsonLdRepresentation = { schema: ref(ArticleJsonLd), example: articleJsonLd(abridged) };

const Selectors = Type.Array(
  Type.Union([
    Type.Object(
      {
        type: Type.Literal('TextQuoteSelector'),
        exact: Type.String(),
        prefix: Type.Optional(Type.String({ description: 'Up to 32 code points before `exact`.' })),
        suffix: Type.Optional(Type.String({ description: 'Up to 32 code points after `exact`.' })),
      },
      { description: 'The words, and the words around them.' },
    ),
    Type.Object(
      {
        type: Type.Literal('TextPositionSelector'),
        start: Type.Integer({ minimum: 0 }),
        end: Type.Integer({ minimum: 0 }),
      },
      { description: 'Code-point offsets in the article body, as `evidence` has them.' },
    ),
  ]),
  { minItems: 2, maxItems: 2 },
);

const AnnotationBody = Type.Union([
  Type.Object({
    type: Type.Literal('TextualBody'),
    value: Type.String(),
    purpose: Type.String({ enum: ['describing', 'classifying', 'tagging'] }),
    format: Type.Literal('text/plain'),
    language: Type.String(),
  }),
  Type.Object({
    type: Type.Literal('SpecificResource'),
    source: Type.String({ description: 'Relative IRI of an actor or source.' }),
    purpose: Type.String({ enum: ['linking', 'identifying'] }),
  }),
]);

export const Annotation = Type.Object(
  {
    id: Type.String({ description: 'Relative IRI: the recommendation, the quotation, or the mention.' }),
    type: Type.Literal('Annotation'),
    motivation: Type.String({ enum: ['describing', 'identifying'] }),
    body: Type.Array(AnnotationBody),
    target: Type.Object({ source: Type.String({ description: 'Relative IRI of the article.' }), selector: Selectors }),
  },
  {
    $id: 'Annotation',
    description:
      'A W3C Web Annotation: a recommendation (its statement, strength and addressee), a quotation (its claim and source) or an ' +
      'actor mention (the actor), targeting its exact words in the article body.',
  },
);

export const AnnotationCollection = Type.Object(
  {
    '@context': Type.Literal('http://www.w3.org/ns/anno.jsonld'),
    id: Type.String(),
    type: Type.Literal('AnnotationCollection'),
    label: Type.String(),
    total: Type.Integer({ minimum: 0 }),
    first: Type.Object({
      id: Type.String(),
      type: Type.Literal('AnnotationPage'),
      startIndex: Type.Literal(0),
      items: Type.Array(ref(Annotation)),
    }),
  },
  {
    $id: 'AnnotationCollection',
    description:
      'Every recommendation, quotation and actor mention of the article as W3C Web Annotations, in one embedded page ' +
      '(`Accept: application/anno+json`).',
  },
);

export const annotationRepresentation = { schema: ref(AnnotationCollection), example: articleAnnotations(abridged) };

const csvText = (description: string, example: string) => ({ schema: Type.String({ description }), example });

/** text/csv bodies: a string to OpenAPI, with the seed's rows as the example. */
export const csvRepresentations = {
  recommendations: csvText(
    'One row per recommendation (RFC 4180, UTF-8, header row; several values in a cell joined by "; ").',
    toCsv(recommendationTable, [asApiShape<Recommendation>(examples.recommendation)]),
  ),
  quotations: csvText('One row per quotation (RFC 4180, UTF-8, header row).', toCsv(quotationTable, [asApiShape<Quotation>(examples.quotation)])),
  actors: csvText(
    'One row per actor (RFC 4180, UTF-8, header row; aliases joined by "; ").',
    toCsv(actorTable, [asApiShape<Actor>(examples.actor)]),
  ),
};

export const formatSchemas = [ArticleJsonLd, Annotation, AnnotationCollection];
