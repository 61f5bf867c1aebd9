// The shapes of the assisted reader's request and answer: candidates with their confidence and
// the rule that produced them, and the draft ingest document built from the confident ones.
import { Type, type Static } from '@sinclair/typebox';
import {
  ActorRole,
  ActorType,
  Evidence,
  IsoDate,
  Portrayal,
  QuotationKind,
  Slug,
  SourceType,
  Strength,
  ref,
} from '../schemas/common.js';
import { IngestDocument, PublicationInput } from '../schemas/ingest.js';

const Confidence = Type.Number({ minimum: 0, maximum: 1, description: 'How sure the reader is, from 0 to 1.' });
const Rule = Type.String({ description: 'The rule that produced the candidate, for review and tuning.' });

/** Evidence with the offsets the reader found and the context an ingest anchor needs when `exact` repeats. */
export const CandidateEvidence = Type.Composite(
  [
    Type.Omit(Evidence, []),
    Type.Object({
      prefix: Type.Optional(Type.String({ minLength: 1, description: 'Shortest text before `exact` that singles it out.' })),
      suffix: Type.Optional(Type.String({ minLength: 1, description: 'Shortest text after `exact` that singles it out.' })),
    }),
  ],
  { description: 'Where the candidate stands in the text, and the context an ingest anchor needs when `exact` repeats.' },
);

export const AnalyzeRequest = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: 500_000, description: 'The editorial text.' }),
    headline: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    // As the draft's ingest document takes it: a name of 1 to 200 characters, so the draft is always valid.
    publication: Type.Optional(ref(PublicationInput)),
    datePublished: Type.Optional(IsoDate),
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}(?:-[A-Z]{2})?$' })),
    home: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        pattern: "^[\\p{L}\\p{N}][\\p{L}\\p{N} .'’-]*$",
        description: "The paper's home state (actor id or country name): who implicit advice is addressed to.",
      }),
    ),
  },
  { $id: 'AnalyzeRequest', additionalProperties: false },
);

export const ActorCandidate = Type.Object(
  {
    id: Slug,
    name: Type.String({ minLength: 1 }),
    type: ActorType,
    aliases: Type.Array(Type.String()),
    roles: Type.Array(ActorRole, { minItems: 1 }),
    portrayal: Portrayal,
    confidence: Confidence,
    rule: Rule,
    evidence: Type.Optional(CandidateEvidence),
  },
  {
    $id: 'ActorCandidate',
    description:
      'An actor the text names or refers to; evidence is its first mention, absent for an actor the text only ' +
      "implies (the paper's home state, to which passive advice is addressed).",
  },
);

export const AddresseeAlternative = Type.Object({ addressee: Slug, confidence: Confidence, rule: Rule });

export const RecommendationCandidate = Type.Object(
  {
    evidence: CandidateEvidence,
    addressee: Slug,
    alternatives: Type.Optional(Type.Array(AddresseeAlternative)),
    strength: Strength,
    priority: Type.Integer({ minimum: 1, description: 'Suggested rank: what the text stresses first, then by strength, then in order.' }),
    statement: Type.String({ minLength: 1 }),
    domain: Slug,
    instruments: Type.Array(Type.String()),
    partners: Type.Array(Slug),
    against: Type.Array(Type.String()),
    confidence: Confidence,
    rule: Rule,
  },
  { $id: 'RecommendationCandidate', description: 'What the paper itself urges, whom, and how strongly.' },
);

export const QuotationCandidate = Type.Object(
  {
    evidence: CandidateEvidence,
    source: Type.Object({ id: Slug, name: Type.String({ minLength: 1 }), type: SourceType, actor: Type.Optional(Slug) }),
    kind: QuotationKind,
    verb: Type.String({ minLength: 1 }),
    claim: Type.String({ minLength: 1 }),
    confidence: Confidence,
    rule: Rule,
  },
  { $id: 'QuotationCandidate', description: 'Words the text attributes to someone else.' },
);

export const Analysis = Type.Object(
  {
    draft: ref(IngestDocument),
    candidates: Type.Object({
      actors: Type.Array(ref(ActorCandidate)),
      recommendations: Type.Array(ref(RecommendationCandidate)),
      quotations: Type.Array(ref(QuotationCandidate)),
    }),
    warnings: Type.Array(Type.String()),
  },
  {
    $id: 'Analysis',
    description: 'A draft ingest document for an analyst to review, with every candidate the reader considered.',
  },
);

export const readerSchemas = [AnalyzeRequest, ActorCandidate, RecommendationCandidate, QuotationCandidate, Analysis];

export type AnalyzeRequest = Static<typeof AnalyzeRequest>;
export type ActorCandidate = Static<typeof ActorCandidate>;
export type RecommendationCandidate = Static<typeof RecommendationCandidate>;
export type QuotationCandidate = Static<typeof QuotationCandidate>;
export type Analysis = Static<typeof Analysis>;
