// Finding actor mentions: every whole-word occurrence of an actor's name or aliases.
import type { CodePoints, Span } from './anchors.js';

export interface FoundMention extends Span {
  actorId: string;
  exact: string;
}

const WORD = /[\p{L}\p{N}_]+/gu;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

interface Candidate {
  name: string;
  actorId: string;
}

/**
 * One pass over the words of the text, looking each up among the first words of every actor's
 * names. Matches are case-insensitive and bounded by non-letters, so "Pakistan" finds
 * "PAKISTAN’S" but not "Pakistani". Matches never overlap: the leftmost wins, and at one position
 * the longest ("Afghan Taliban" over "Afghan"). A name two actors share counts for the first
 * actor that lists it.
 */
export function findMentions(points: CodePoints, terms: Map<string, string[]>): FoundMention[] {
  const byFirstWord = new Map<string, Candidate[]>();
  const seen = new Set<string>();
  for (const [actorId, names] of terms) {
    for (const raw of names) {
      const name = raw.trim().toLocaleLowerCase();
      const first = name.match(WORD)?.[0];
      if (!name || !first || !name.startsWith(first) || seen.has(name)) continue;
      seen.add(name);
      const list = byFirstWord.get(first) ?? [];
      list.push({ name, actorId });
      byFirstWord.set(first, list);
    }
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.name.length - a.name.length);

  const text = points.text;
  const found: FoundMention[] = [];
  let consumedTo = 0;
  for (const word of text.matchAll(WORD)) {
    const at = word.index;
    if (at < consumedTo) continue;
    const candidates = byFirstWord.get(word[0].toLocaleLowerCase());
    if (!candidates) continue;
    for (const { name, actorId } of candidates) {
      const end = at + name.length;
      const exact = text.slice(at, end);
      if (exact.toLocaleLowerCase() !== name || (end < text.length && WORD_CHAR.test(text[end]!))) continue;
      found.push({ actorId, exact, ...points.span(at, end) });
      consumedTo = end;
      break;
    }
  }
  return found;
}
