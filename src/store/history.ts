// The history every write leaves, the same on every engine: what changed between two revisions of
// an article, and which actors and sources a write touches (their documents or counts move), so
// the change feed names every entity whose GET answers differently afterwards. Each engine reads
// and writes the rows its own way, inside the write transaction, and decides here.
import type { RevisionChanges } from '../schemas/revisions.js';
import { HttpProblem } from '../shared/errors.js';

/** What a revision stores besides its summary: the parts a diff compares. */
export interface RevisionParts {
  body: string;
  actors: string;
  recommendations: string;
  quotations: string;
}

/** Counts of parts (by id) added, removed and changed between two JSON arrays of documents. */
function diffParts(previous: string | undefined, next: string) {
  const byId = (json: string) => new Map((JSON.parse(json) as Array<{ id: string }>).map((item) => [item.id, JSON.stringify(item)]));
  const before = previous === undefined ? new Map<string, string>() : byId(previous);
  const after = byId(next);
  let added = 0;
  let changed = 0;
  for (const [id, json] of after) {
    const old = before.get(id);
    if (old === undefined) added++;
    else if (old !== json) changed++;
  }
  const removed = [...before.keys()].filter((id) => !after.has(id)).length;
  return { added, removed, changed };
}

/** What a new revision changes from the previous one (everything is added in a first revision). */
export function revisionChanges(previous: RevisionParts | undefined, next: RevisionParts): RevisionChanges {
  return {
    body: previous === undefined || previous.body !== next.body,
    actors: diffParts(previous?.actors, next.actors),
    recommendations: diffParts(previous?.recommendations, next.recommendations),
    quotations: diffParts(previous?.quotations, next.quotations),
  };
}

/** The actors and sources whose served documents an article's write or delete can change. */
export interface Touched {
  /** Linked to the article or addressed by its recommendations: their counts follow it. */
  actors: string[];
  /** Quoted in the article: their quotation counts follow it. */
  sources: string[];
}

export const union = (...lists: ReadonlyArray<readonly string[]>): string[] => [...new Set(lists.flat())].sort();

/** Revisions are purged only once the article is gone: the current one is what GET serves. */
export const purgeRefused = (id: string) =>
  new HttpProblem(409, `The article '${id}' still exists: delete it first (DELETE /v1/articles/${id}); only a deleted article's revisions can be purged.`);
