// What a checked document becomes as rows, the same on every engine: the article and all its
// parts as the insert models of db/schema.ts (db/schema-check.ts keeps PostgreSQL's equal).
import type {
  actorMentions,
  articleActors,
  articles,
  articleTopics,
  quotations,
  recommendationPartners,
  recommendations,
} from '../../db/schema.js';
import { countWords, type AnchoredPart, type Plan } from '../ingest/rules.js';
import { DEFAULT_PROVENANCE } from '../schemas/common.js';
import type { IngestDocument, ProvenanceInput } from '../schemas/ingest.js';

export interface ArticleInsert {
  article: typeof articles.$inferInsert;
  topics: Array<typeof articleTopics.$inferInsert>;
  links: Array<typeof articleActors.$inferInsert>;
  mentions: Array<typeof actorMentions.$inferInsert>;
  recommendations: Array<typeof recommendations.$inferInsert>;
  partners: Array<typeof recommendationPartners.$inferInsert>;
  quotations: Array<typeof quotations.$inferInsert>;
}

const evidenceColumns = ({ span, evidence }: AnchoredPart) => ({
  evidenceExact: evidence.exact,
  evidencePrefix: evidence.prefix ?? null,
  evidenceSuffix: evidence.suffix ?? null,
  evidenceStart: span.start,
  evidenceEnd: span.end,
});

/** A datum's provenance as columns; none given is an analyst's, reviewed. */
const provenanceColumns = (provenance: ProvenanceInput = DEFAULT_PROVENANCE) => ({
  provenanceMethod: provenance.method,
  provenanceRule: provenance.rule ?? null,
  provenanceConfidence: provenance.confidence ?? null,
  provenanceReviewed: provenance.reviewed,
});

export function articleInsert(
  id: string,
  doc: IngestDocument,
  plan: Plan,
  meta: { contentHash: string; createdAt: string; updatedAt: string; revision: number },
): ArticleInsert {
  return {
    article: {
      id,
      headline: doc.headline,
      kind: doc.kind,
      publicationId: doc.publication.id,
      author: doc.author,
      datePublished: doc.datePublished,
      language: doc.language,
      url: doc.url,
      body: doc.body,
      wordCount: countWords(doc.body),
      contentHash: meta.contentHash,
      createdAt: meta.createdAt,
      updatedAt: meta.updatedAt,
      revision: meta.revision,
    },
    topics: doc.topics.map((topic, ordinal) => ({ articleId: id, topic, ordinal })),
    links: plan.links.map((l, ordinal) => ({
      articleId: id,
      actorId: l.actorId,
      ordinal,
      roles: l.roles,
      portrayal: l.portrayal,
      ...provenanceColumns(l.provenance),
    })),
    mentions: plan.links.flatMap((l) =>
      l.mentions.map((m) => ({ articleId: id, actorId: l.actorId, exact: m.exact, start: m.start, end: m.end })),
    ),
    recommendations: doc.recommendations.map((r, ordinal) => ({
      id: plan.recommendationIds[ordinal]!,
      articleId: id,
      datePublished: doc.datePublished,
      ordinal,
      addresseeId: r.addressee,
      statement: r.statement,
      strength: r.strength,
      priority: r.priority,
      domain: r.domain,
      instruments: r.instruments ?? [],
      against: r.against ?? [],
      ...evidenceColumns(plan.recommendationSpans[ordinal]!),
      ...provenanceColumns(r.provenance),
    })),
    partners: doc.recommendations.flatMap((r, ordinal) =>
      (r.partners ?? []).map((actorId, i) => ({ recommendationId: plan.recommendationIds[ordinal]!, actorId, ordinal: i })),
    ),
    quotations: doc.quotations.map((q, ordinal) => ({
      id: plan.quotationIds[ordinal]!,
      articleId: id,
      datePublished: doc.datePublished,
      ordinal,
      sourceId: q.source.id,
      kind: q.kind,
      verb: q.verb,
      claim: q.claim,
      ...evidenceColumns(plan.quotationSpans[ordinal]!),
      ...provenanceColumns(q.provenance),
    })),
  };
}
