// Quoted passages: “double curly”, "straight double" and ‘single curly’ quotation marks. A
// closing ’ is told from an apostrophe by what follows it (not a letter).

export interface QuotedPassage {
  /** UTF-16 offsets of the words inside the marks. */
  start: number;
  end: number;
  /** Offsets including the marks. */
  outerStart: number;
  outerEnd: number;
  /** Whitespace-separated words inside. */
  words: number;
}

export function quotedPassages(body: string): QuotedPassage[] {
  const out: QuotedPassage[] = [];
  const re = /“([^”]{1,3000})”|"([^"\n]{1,3000})"|(?<![\p{L}\p{N}])‘((?:[^’‘\n]|’(?=\p{L}))+)’(?![\p{L}\p{N}])/gu;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const inner = m[1] ?? m[2] ?? m[3] ?? '';
    const start = m.index + 1;
    out.push({
      start,
      end: start + inner.length,
      outerStart: m.index,
      outerEnd: m.index + m[0].length,
      words: inner.trim().split(/\s+/).filter(Boolean).length,
    });
  }
  return out;
}

/** [start, end) of every quoted passage, marks included. */
export function quotedRegions(body: string): Array<[number, number]> {
  return quotedPassages(body).map((q) => [q.outerStart, q.outerEnd]);
}
