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
  /** The name's words as written, for the case rule. */
  words: string[];
}

/** A word of two or more characters, all capital letters and digits, with a letter: WHO, TTP, G20. */
const ACRONYM = /^(?=.*\p{L})[\p{Lu}\p{N}]{2,}$/u;
const CAPITAL = /^[\p{Lu}\p{Lt}]/u;

/**
 * Whether the text's words keep the case the name insists on: a word of the name that is an
 * acronym must stand exactly so ("WHO" is not "who" or "Who"); any other capitalised word of the
 * name after its first must start with a capital in the text ("World Bank" is not "world bank",
 * "Crisis Group" not "crisis group"). Everything else, the first word included, may take any case,
 * so sentence-initial and headline capitals ("PAKISTAN’S", "Farmers") still match.
 */
function keepsCase(nameWords: readonly string[], textWords: readonly string[]): boolean {
  return nameWords.every((word, i) => {
    const text = textWords[i];
    if (text === undefined) return false;
    if (ACRONYM.test(word)) return text === word;
    return i === 0 || !CAPITAL.test(word) || CAPITAL.test(text);
  });
}

/**
 * One pass over the words of the text, looking each up among the first words of every actor's
 * names. Matches are bounded by non-letters, so "Pakistan" finds "PAKISTAN’S" but not
 * "Pakistani", and "Crisis Group" is not found in "Crisis Groupthink". Case: an acronym (a word of
 * two or more capitals and digits with at least one letter: WHO, TTP, G20) matches only as
 * written, so the alias "WHO" does not find "who"; other words match without case, except that a
 * capitalised word after a name's first must be capitalised in the text ("World Bank" finds
 * "World Bank" and "WORLD BANK", not "world bank"; "Farmers" finds "farmers"). A single ordinary
 * word that is also a common noun ("Turkey") cannot be told apart by case: list such an actor's
 * mentions in the document. Matches never overlap: the leftmost wins, and at one position the
 * longest ("Afghan Taliban" over "Afghan"). A name two actors share counts for the first actor
 * that lists it.
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
      list.push({ name, actorId, words: raw.trim().match(WORD) ?? [] });
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
    for (const { name, actorId, words } of candidates) {
      const end = at + name.length;
      const exact = text.slice(at, end);
      if (exact.toLocaleLowerCase() !== name || (end < text.length && WORD_CHAR.test(text[end]!))) continue;
      if (!keepsCase(words, exact.match(WORD) ?? [])) continue;
      found.push({ actorId, exact, ...points.span(at, end) });
      consumedTo = end;
      break;
    }
  }
  return found;
}
