// Revisions: every version an article was served in, kept for reproducible citation.
import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, ListOf, ref } from './common.js';
import { ListQuery } from './query.js';
import { examples } from './examples.js';

const PartCounts = Type.Object(
  {
    added: Type.Integer({ minimum: 0, description: 'Parts (by id) in this revision and not in the previous one.' }),
    removed: Type.Integer({ minimum: 0, description: 'Parts in the previous revision and not in this one.' }),
    changed: Type.Integer({ minimum: 0, description: 'Parts in both whose served document differs.' }),
  },
  { $id: 'PartCounts', description: 'How many parts of one kind a revision added, removed and changed.' },
);

export const RevisionChanges = Type.Object(
  {
    body: Type.Boolean({ description: 'The body text differs from the previous revision (true in a first revision).' }),
    actors: ref(PartCounts),
    recommendations: ref(PartCounts),
    quotations: ref(PartCounts),
  },
  { $id: 'RevisionChanges', description: 'What a revision changed from the one before it.' },
);

export const ArticleRevision = Type.Object(
  {
    revision: Type.Integer({ minimum: 1, description: 'Its number: `?revision=N` on the article and its parts reads it.' }),
    updatedAt: IsoDateTime,
    recordedAt: Type.String({
      format: 'date-time',
      description:
        'When this revision was written. A revision made because an actor, source or publication the article shows was ' +
        'renamed keeps the previous updatedAt and contentHash.',
    }),
    contentHash: Type.String({
      pattern: '^[0-9a-f]{64}$',
      description: "SHA-256 (hex) of the article's canonical ingest document in this revision: equal hashes, equal content.",
    }),
    changes: ref(RevisionChanges),
  },
  {
    $id: 'ArticleRevision',
    description: 'One stored version of an article.',
    examples: [examples.revision],
  },
);

export const ArticleRevisionList = ListOf(ArticleRevision, 'ArticleRevisionList', 'A page of an article\'s revisions, oldest first.');

export const RevisionNumber = Type.Integer({
  minimum: 1,
  maximum: 2147483647,
  description:
    'Read this revision of the article, exactly as it was served then (anchors valid against that revision\'s body), even ' +
    'after the article was replaced or deleted. Absent: the current article.',
});

export const RevisionListQuery = Type.Object(ListQuery.properties, { additionalProperties: false });

export type RevisionChanges = Static<typeof RevisionChanges>;
export type ArticleRevision = Static<typeof ArticleRevision>;

export const revisionSchemas = [PartCounts, RevisionChanges, ArticleRevision, ArticleRevisionList];
