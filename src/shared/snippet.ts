// Search snippets and spans from one highlighted text, so that a hit's span is always a word its
// snippet shows marked. Engine-neutral: the engine marks every match in a column (FTS5's
// highlight()) with MARK_OPEN/MARK_CLOSE; this picks the passage to show and where it stands.

export const MARK_OPEN = '\u0001';
export const MARK_CLOSE = '\u0002';

/** How many words a snippet shows at most. */
export const SNIPPET_WORDS = 24;

export interface Passage {
  /** HTML-escaped, each match in <mark></mark>, '…' where the text is cut. */
  snippet: string;
  /** The first marked run inside the passage, in code points of the unmarked text. */
  span: { start: number; end: number };
}

interface Run {
  start: number;
  end: number;
}

const TOKEN = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The term a mark stands for, as the tokenizer folds it (case and diacritics ignored). */
const termOf = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** The text without its markers, and the marked runs as UTF-16 ranges of it. */
function unmark(marked: string): { text: string; marks: Run[] } {
  let text = '';
  const marks: Run[] = [];
  let open = -1;
  for (const part of marked.split(/([\u0001\u0002])/)) {
    if (part === MARK_OPEN) open = text.length;
    else if (part === MARK_CLOSE) {
      if (open !== -1 && text.length > open) marks.push({ start: open, end: text.length });
      open = -1;
    } else text += part;
  }
  return { text, marks };
}

/**
 * The passage of a highlighted text to show for a hit: the window of at most `words` words that
 * holds the most distinct matched terms (then the most matches, then the earliest), with its
 * matches centred; and the first match inside it. Null when nothing in the text is marked.
 */
export function passageOf(marked: string, words = SNIPPET_WORDS): Passage | null {
  const { text, marks } = unmark(marked);
  if (marks.length === 0) return null;
  const tokens = [...text.matchAll(TOKEN)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  if (tokens.length === 0) tokens.push({ start: 0, end: text.length });
  // The token each mark starts and ends in (a mark covers whole tokens); marks come in text order.
  let t = 0;
  const tokenAt = (offset: number) => {
    while (t < tokens.length - 1 && tokens[t]!.end <= offset) t++;
    return t;
  };
  const placed = marks.map((m) => {
    const first = tokenAt(m.start);
    return { first, last: tokenAt(m.end - 1), term: termOf(text.slice(m.start, m.end)) };
  });

  // Slide a window of `words` tokens starting at each mark; count its marks and distinct terms.
  let best = { from: 0, to: 0, distinct: -1, count: -1 };
  const counts = new Map<string, number>();
  let j = 0;
  placed.forEach((m, i) => {
    if (j < i) j = i; // a mark longer than the window: it starts no window of its own
    for (; j < placed.length && placed[j]!.last < m.first + words; j++) counts.set(placed[j]!.term, (counts.get(placed[j]!.term) ?? 0) + 1);
    const count = j - i;
    if (count > 0 && (counts.size > best.distinct || (counts.size === best.distinct && count > best.count))) {
      best = { from: m.first, to: Math.max(m.last, placed[j - 1]!.last), distinct: counts.size, count };
    }
    const left = (counts.get(m.term) ?? 1) - 1;
    if (j > i) left ? counts.set(m.term, left) : counts.delete(m.term);
  });

  if (best.count < 0) best = { from: placed[0]!.first, to: placed[0]!.last, distinct: 1, count: 1 };
  const spare = words - (best.to - best.from + 1);
  let first = spare > 0 ? Math.max(0, best.from - Math.floor(spare / 2)) : best.from;
  const end = spare > 0 ? Math.min(tokens.length, first + words) : best.to + 1;
  if (spare > 0) first = Math.max(0, end - words);
  const from = first === 0 ? 0 : tokens[first]!.start;
  const to = end >= tokens.length ? text.length : text.slice(0, tokens[end]!.start).trimEnd().length;

  let snippet = from > 0 ? '…' : '';
  let at = from;
  let span: Run | undefined;
  for (const m of marks) {
    if (m.end <= from || m.start >= to) continue;
    const start = Math.max(m.start, from);
    const stop = Math.min(m.end, to);
    span ??= { start, end: stop };
    snippet += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, stop))}</mark>`;
    at = stop;
  }
  snippet += escapeHtml(text.slice(at, to)) + (to < text.length ? '…' : '');
  const codePoints = (utf16: number) => Array.from(text.slice(0, utf16)).length;
  const start = codePoints(span!.start);
  return { snippet, span: { start, end: start + Array.from(text.slice(span!.start, span!.end)).length } };
}
