// Anchors in the browser: code points (the API's offsets) against UTF-16 indexes (the DOM's), and
// the evidence an ingest document needs for a span: its exact words, plus the shortest prefix or
// suffix that singles them out when they occur more than once (as src/ingest/anchors.ts reads them).

export interface Span {
  start: number;
  end: number;
}

export interface Anchor {
  exact: string;
  prefix?: string;
  suffix?: string;
}

/** Converts between UTF-16 indexes and code-point offsets of one text. */
export class Offsets {
  private readonly cpAt: number[] = [];
  private readonly unitAt: number[] = [];

  constructor(readonly text: string) {
    let cp = 0;
    for (let i = 0; i < text.length; i++) {
      this.cpAt[i] = cp;
      const unit = text.charCodeAt(i);
      const pair = unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (!pair) {
        this.unitAt[cp] = this.unitStart(i);
        cp++;
      }
    }
    this.cpAt[text.length] = cp;
    this.unitAt[cp] = text.length;
  }

  private unitStart(i: number): number {
    return i > 0 && (this.text.charCodeAt(i) & 0xfc00) === 0xdc00 && (this.text.charCodeAt(i - 1) & 0xfc00) === 0xd800 ? i - 1 : i;
  }

  codePoint(utf16: number): number {
    return this.cpAt[utf16] ?? this.cpAt[this.text.length]!;
  }

  utf16(codePoint: number): number {
    return this.unitAt[codePoint] ?? this.text.length;
  }
}

function occurrences(body: string, exact: string): number[] {
  const all: number[] = [];
  for (let i = body.indexOf(exact); i !== -1; i = body.indexOf(exact, i + 1)) all.push(i);
  return all;
}

/** The anchor of body[start, end) (UTF-16 indexes): exact, with the shortest prefix/suffix it needs. */
export function anchorOf(body: string, start: number, end: number): Anchor {
  const exact = body.slice(start, end);
  const all = occurrences(body, exact);
  if (all.length <= 1) return { exact };
  const unique = (prefix: string, suffix: string) =>
    all.filter(
      (i) => body.slice(Math.max(0, i - prefix.length), i) === prefix && body.slice(i + exact.length, i + exact.length + suffix.length) === suffix,
    ).length === 1;
  const maxBefore = Math.min(start, 500);
  const maxAfter = Math.min(body.length - end, 500);
  for (let n = 1; n <= Math.max(maxBefore, maxAfter); n++) {
    const prefix = body.slice(start - Math.min(n, maxBefore), start);
    if (n <= maxBefore && unique(prefix, '')) return { exact, prefix };
    const suffix = body.slice(end, end + Math.min(n, maxAfter));
    if (n <= maxAfter && unique('', suffix)) return { exact, suffix };
    if (unique(prefix, suffix)) return { exact, ...(prefix ? { prefix } : {}), ...(suffix ? { suffix } : {}) };
  }
  return { exact, prefix: body.slice(start - maxBefore, start), suffix: body.slice(end, end + maxAfter) };
}

/** Where an anchor stands (UTF-16 indexes), as the server finds it; undefined when missing or ambiguous. */
export function locate(body: string, anchor: Anchor): { start: number; end: number } | undefined {
  const { exact, prefix, suffix } = anchor;
  const hits = occurrences(body, exact).filter(
    (i) =>
      (prefix === undefined || body.slice(Math.max(0, i - prefix.length), i) === prefix) &&
      (suffix === undefined || body.slice(i + exact.length, i + exact.length + suffix.length) === suffix),
  );
  return hits.length === 1 ? { start: hits[0]!, end: hits[0]! + exact.length } : undefined;
}

/** A slug as the API takes it: lowercase ASCII letters and digits joined by single hyphens. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
}
