// Finding actor mentions: every whole-word occurrence of an actor's name or aliases.
import type { CodePoints, Span } from './anchors.js';

export interface FoundMention extends Span {
  actorId: string;
  exact: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One pass over the text with every actor's names at once. Matches are case-insensitive and
 * bounded by non-letters, so "Pakistan" finds "PAKISTAN’S" but not "Pakistani". Matches never
 * overlap: the leftmost wins, and at one position the longest ("Afghan Taliban" over "Afghan").
 * A name two actors share counts for the first actor that lists it.
 */
export function findMentions(points: CodePoints, terms: Map<string, string[]>): FoundMention[] {
  const owner = new Map<string, string>();
  for (const [actorId, names] of terms) {
    for (const name of names) {
      const key = name.trim().toLocaleLowerCase();
      if (key && !owner.has(key)) owner.set(key, actorId);
    }
  }
  if (owner.size === 0) return [];
  const alternatives = [...owner.keys()].sort((a, b) => b.length - a.length).map(escape);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
  const found: FoundMention[] = [];
  for (const m of points.text.matchAll(pattern)) {
    const actorId = owner.get(m[0].toLocaleLowerCase());
    if (actorId) found.push({ actorId, exact: m[0], ...points.span(m.index, m.index + m[0].length) });
  }
  return found;
}
