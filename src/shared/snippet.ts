// Search snippets and spans from one highlighted text, so that a hit's span is always a word its
// snippet shows marked. Engine-neutral: the engine marks every match in a column (FTS5's
// highlight()) with MARK_OPEN/MARK_CLOSE; this picks the passage to show and where it stands.

export const MARK_OPEN = '\u0001';
export const MARK_CLOSE = '\u0002';
/** Splits marked text into text and marks, keeping the marks. */
const MARKS = new RegExp(`(${MARK_OPEN}|${MARK_CLOSE})`);

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
  for (const part of marked.split(MARKS)) {
    if (part === MARK_OPEN) open = text.length;
    else if (part === MARK_CLOSE) {
      if (open !== -1 && text.length > open) marks.push({ start: open, end: text.length });
      open = -1;
    } else text += part;
  }
  return { text, marks };
}

interface Placed {
  start: number;
  end: number;
  /** The tokens the mark starts and ends in (a mark covers whole tokens). */
  first: number;
  last: number;
  term: string;
}

/** The fragments a snippet joins at most, when the matched terms stand far apart. */
const MAX_FRAGMENTS = 3;

/**
 * The window of at most `words` tokens, starting at a mark of a term not yet shown, that shows
 * the most such terms (then the most of their matches, then the earliest), as a token range.
 */
function bestWindow(placed: readonly Placed[], words: number, shown: ReadonlySet<string>) {
  let best: { from: number; to: number; distinct: number; count: number } | undefined;
  placed.forEach((m, i) => {
    if (shown.has(m.term)) return;
    const terms = new Set<string>();
    let count = 0;
    let to = m.last;
    for (let j = i; j < placed.length && placed[j]!.first < m.first + words; j++) {
      const n = placed[j]!;
      if (j > i && n.last >= m.first + words) break;
      to = Math.max(to, n.last);
      if (shown.has(n.term)) continue;
      terms.add(n.term);
      count++;
    }
    if (!best || terms.size > best.distinct || (terms.size === best.distinct && count > best.count)) {
      best = { from: m.first, to, distinct: terms.size, count };
    }
  });
  return best;
}

/**
 * The passage of a highlighted text to show for a hit, and where its first match stands. The
 * passage is the window of at most `words` words that shows the most distinct matched terms (then
 * the most matches, then the earliest), with its matches centred; when matched terms stand
 * outside it, up to two more windows show them, joined in text order with '…', so every term the
 * text matched is in the snippet. Null when nothing in the text is marked.
 */
export function passageOf(marked: string, words = SNIPPET_WORDS): Passage | null {
  const { text, marks } = unmark(marked);
  if (marks.length === 0) return null;
  const tokens = [...text.matchAll(TOKEN)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  if (tokens.length === 0) tokens.push({ start: 0, end: text.length });
  // Marks come in text order, so one sweep over the tokens places them.
  let t = 0;
  const tokenAt = (offset: number) => {
    while (t < tokens.length - 1 && tokens[t]!.end <= offset) t++;
    return t;
  };
  const placed: Placed[] = marks.map((m) => {
    const first = tokenAt(m.start);
    return { ...m, first, last: tokenAt(m.end - 1), term: termOf(text.slice(m.start, m.end)) };
  });

  // Windows as token ranges [first, end), each centred on the matches it was chosen for.
  const windows: Array<{ first: number; end: number }> = [];
  const shown = new Set<string>();
  const terms = new Set(placed.map((m) => m.term));
  while (windows.length < MAX_FRAGMENTS && shown.size < terms.size) {
    const best = bestWindow(placed, words, shown)!;
    const spare = words - (best.to - best.from + 1);
    let first = spare > 0 ? Math.max(0, best.from - Math.floor(spare / 2)) : best.from;
    const end = spare > 0 ? Math.min(tokens.length, first + words) : best.to + 1;
    if (spare > 0) first = Math.max(0, end - words);
    windows.push({ first, end });
    for (const m of placed) if (m.first >= first && m.last < end) shown.add(m.term);
  }
  windows.sort((a, b) => a.first - b.first);
  const merged = windows.reduce<Array<{ first: number; end: number }>>((out, w) => {
    const last = out.at(-1);
    if (last && w.first <= last.end) last.end = Math.max(last.end, w.end);
    else out.push({ ...w });
    return out;
  }, []);

  const fragments: string[] = [];
  let span: Run | undefined;
  let k = 0; // marks before the current fragment are done
  for (const w of merged) {
    const from = w.first === 0 ? 0 : tokens[w.first]!.start;
    const to = w.end >= tokens.length ? text.length : text.slice(0, tokens[w.end]!.start).trimEnd().length;
    let fragment = from > 0 ? '…' : '';
    let at = from;
    for (; k < marks.length && marks[k]!.start < to; k++) {
      const m = marks[k]!;
      if (m.end <= from) continue;
      const start = Math.max(m.start, from);
      const stop = Math.min(m.end, to);
      span ??= { start, end: stop };
      fragment += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, stop))}</mark>`;
      at = stop;
    }
    fragments.push(fragment + escapeHtml(text.slice(at, to)) + (to < text.length ? '…' : ''));
  }
  const codePoints = (utf16: number) => Array.from(text.slice(0, utf16)).length;
  const start = codePoints(span!.start);
  return { snippet: fragments.join(' '), span: { start, end: start + Array.from(text.slice(span!.start, span!.end)).length } };
}
