// The ingest document: the one shape that POST, PUT, the seed files and the import command take.
import { Type, type Static } from '@sinclair/typebox';
import {
  ActorRole,
  ActorType,
  ArticleKind,
  IsoDate,
  PartId,
  Portrayal,
  ProvenanceMethod,
  QuotationKind,
  Slug,
  SourceType,
  Strength,
  ref,
} from './common.js';
import { INDUS_OP_ED } from './ingest.examples.js';

const Text = (description: string, maxLength = 2000) => Type.String({ minLength: 1, maxLength, description });

export const EvidenceInput = Type.Object(
  {
    exact: Text('The exact words as they stand in `body`.'),
    prefix: Type.Optional(
      Type.String({ minLength: 1, maxLength: 500, description: 'Text just before `exact`, when `exact` occurs more than once.' }),
    ),
    suffix: Type.Optional(
      Type.String({ minLength: 1, maxLength: 500, description: 'Text just after `exact`, when `exact` occurs more than once.' }),
    ),
  },
  {
    $id: 'EvidenceInput',
    additionalProperties: false,
    description:
      'An anchor as a writer sends it: the server finds the offsets and refuses (422) an `exact` ' +
      'that is missing from the body or occurs more than once without a disambiguating prefix/suffix.',
  },
);

export const ProvenanceInput = Type.Object(
  {
    method: ProvenanceMethod,
    rule: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'The reader rule that proposed the datum (assisted only).' }),
    ),
    confidence: Type.Optional(
      Type.Number({ minimum: 0, maximum: 1, description: 'How sure the reader was, 0 to 1 (assisted only).' }),
    ),
    reviewed: Type.Boolean({ description: 'True once an analyst has confirmed the datum.' }),
  },
  {
    $id: 'ProvenanceInput',
    additionalProperties: false,
    description:
      'Who read the datum off the text and whether an analyst has confirmed it. Absent, the datum is an ' +
      "analyst's, reviewed (`{ \"method\": \"analyst\", \"reviewed\": true }`). `rule` and `confidence` belong to " +
      "assisted data only: an analyst's datum that carries them is refused (422). POST /v1/analyze drafts " +
      'every datum as assisted, not reviewed; an analyst who confirms one sets `reviewed` to true (PUT).',
    examples: [{ method: 'assisted', rule: 'modal-should', confidence: 0.86, reviewed: false }],
  },
);

const provenanceField = Type.Optional(ref(ProvenanceInput));

export const ActorInput = Type.Object(
  {
    id: Slug,
    name: Text('The canonical name.', 200),
    type: ActorType,
    description: Type.Optional(Type.Union([Text('What the actor is.', 1000), Type.Null()])),
    aliases: Type.Optional(
      Type.Array(Text('Another name the text may use.', 200), {
        maxItems: 50,
        uniqueItems: true,
        description: 'Other names; merged (never duplicated) into the registry entry.',
      }),
    ),
    roles: Type.Array(ActorRole, { minItems: 1, uniqueItems: true }),
    portrayal: Portrayal,
    provenance: provenanceField,
    mentions: Type.Optional(
      Type.Array(ref(EvidenceInput), {
        maxItems: 500,
        description:
          'Where the text names the actor. When absent the server finds its name and aliases as whole words: ' +
          'an acronym (two or more capitals and digits, e.g. WHO, TTP, G20) only in its own case, so "WHO" does not ' +
          'find "who"; any other name in any case, except that a capitalised word after its first must be capitalised ' +
          'in the text ("World Bank" finds "WORLD BANK", not "world bank"; "Farmers" finds "farmers"). List the ' +
          'mentions of an actor whose one-word name is also a common noun.',
      }),
    ),
    update: Type.Optional(
      Type.Boolean({
        description:
          'Set to true to change the name, type or description of an actor that already exists. ' +
          'Without it a document that disagrees with the registry is refused (422).',
      }),
    ),
  },
  { $id: 'ActorInput', additionalProperties: false },
);

export const RecommendationInput = Type.Object(
  {
    id: Type.Optional(PartId),
    addressee: Slug,
    statement: Text('A short normalised statement of what should be done.', 1000),
    strength: Strength,
    priority: Type.Integer({ minimum: 1, maximum: 1000, description: 'Rank within the article; 1 = the one the text stresses most. Unique per article.' }),
    domain: Slug,
    instruments: Type.Optional(Type.Array(Text('A means the text proposes.', 300), { maxItems: 50 })),
    partners: Type.Optional(Type.Array(Slug, { maxItems: 50, uniqueItems: true })),
    against: Type.Optional(Type.Array(Text('What the text argues against.', 300), { maxItems: 50 })),
    evidence: ref(EvidenceInput),
    provenance: provenanceField,
  },
  { $id: 'RecommendationInput', additionalProperties: false },
);

export const SourceInput = Type.Object(
  {
    id: Slug,
    name: Text('The canonical name.', 300),
    type: SourceType,
    description: Type.Optional(Type.Union([Text('What the source is.', 1000), Type.Null()])),
    actor: Type.Optional(Type.Union([Slug, Type.Null()], { description: 'The actor this source is, if any.' })),
    update: Type.Optional(
      Type.Boolean({ description: 'Set to true to change the name, type, description or actor of a source that already exists.' }),
    ),
  },
  { $id: 'SourceInput', additionalProperties: false },
);

export const QuotationInput = Type.Object(
  {
    id: Type.Optional(PartId),
    source: ref(SourceInput),
    kind: QuotationKind,
    verb: Text('The reporting verb as the text uses it ("notes", "pointed out").', 100),
    claim: Text('What the text attributes to the source, normalised.', 2000),
    evidence: ref(EvidenceInput),
    provenance: provenanceField,
  },
  { $id: 'QuotationInput', additionalProperties: false },
);

export const PublicationInput = Type.Object(
  { id: Slug, name: Text('The publication name.', 200), url: Type.Optional(Type.Union([Type.String({ format: 'uri' }), Type.Null()])) },
  { $id: 'PublicationInput', additionalProperties: false },
);

export const IngestDocument = Type.Object(
  {
    id: Type.Optional(Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', minLength: 1, maxLength: 120, description:
          'Slug. When absent it is derived as `<datePublished>-<headline slug>` (at most 120 characters): the ' +
          "headline's letters and digits in lowercase ASCII (accents dropped, ß as ss), joined by hyphens. A headline " +
          'with letters or digits that have no ASCII spelling (Urdu, Arabic, Devanagari, CJK…) also gets `-h` and the ' +
          'first 8 hex digits of the SHA-256 of the headline (NFC), so two headlines of one day get two ids and one ' +
          'headline always the same: "سرحد اور حکمت عملی" of 2026-02-01 is `2026-02-01-h612b1c37`.' })),
    headline: Text('The headline.', 500),
    kind: ArticleKind,
    publication: ref(PublicationInput),
    author: Type.Union([Text('The byline.', 300), Type.Null()]),
    datePublished: IsoDate,
    language: Type.String({ pattern: '^[a-z]{2,3}(?:-[A-Z]{2})?$', description: 'BCP 47 language tag.' }),
    url: Type.Union([Type.String({ format: 'uri', maxLength: 2000 }), Type.Null()]),
    topics: Type.Array(Slug, { maxItems: 50, uniqueItems: true }),
    body: Type.String({ minLength: 1, maxLength: 500_000, description: 'The full text. Offsets count its Unicode code points.' }),
    actors: Type.Array(ref(ActorInput), { maxItems: 500 }),
    recommendations: Type.Array(ref(RecommendationInput), { maxItems: 500 }),
    quotations: Type.Array(ref(QuotationInput), { maxItems: 500 }),
  },
  {
    $id: 'IngestDocument',
    additionalProperties: false,
    description: 'An article with all its parts, as written.',
    examples: [INDUS_OP_ED],
  },
);

export type IngestDocument = Static<typeof IngestDocument>;
export type ActorInput = Static<typeof ActorInput>;
export type SourceInput = Static<typeof SourceInput>;
export type EvidenceInput = Static<typeof EvidenceInput>;
export type ProvenanceInput = Static<typeof ProvenanceInput>;

export const ingestSchemas = [EvidenceInput, ProvenanceInput, ActorInput, RecommendationInput, SourceInput, QuotationInput, PublicationInput, IngestDocument];
