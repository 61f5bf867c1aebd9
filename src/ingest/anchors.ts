// Evidence anchors: finding `exact` in a body and expressing where it stands in code points.
import type { EvidenceInput } from '../schemas/ingest.js';

export interface Span {
  start: number;
  end: number;
}

/** Converts UTF-16 indexes (what String methods use) to code-point offsets (what the API serves). */
export class CodePoints {
  /** Absent when the body has no astral characters and both counts agree. */
  private readonly before?: Uint32Array;

  constructor(readonly text: string) {
    if (!/[\uD800-\uDFFF]/.test(text)) return;
    // before[i] = how many code points precede UTF-16 index i
    const before = new Uint32Array(text.length + 1);
    let count = 0;
    for (let i = 0; i < text.length; i++) {
      before[i] = count;
      const unit = text.charCodeAt(i);
      const pairStart = unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length;
      if (!(pairStart && isLowSurrogate(text.charCodeAt(i + 1)))) count++;
    }
    before[text.length] = count;
    this.before = before;
  }

  offset(utf16Index: number): number {
    return this.before ? this.before[utf16Index]! : utf16Index;
  }

  span(utf16Start: number, utf16End: number): Span {
    return { start: this.offset(utf16Start), end: this.offset(utf16End) };
  }
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

export type AnchorResult = { ok: true; span: Span } | { ok: false; message: string };

/**
 * Finds the one place where an anchor's `exact` stands in the body, narrowed by prefix/suffix when given.
 * Missing and ambiguous anchors are refused with a message that says which.
 */
export function resolveAnchor(points: CodePoints, { exact, prefix, suffix }: EvidenceInput): AnchorResult {
  const body = points.text;
  const all: number[] = [];
  for (let i = body.indexOf(exact); i !== -1; i = body.indexOf(exact, i + 1)) all.push(i);
  const hits = all.filter(
    (i) =>
      (prefix === undefined || body.slice(Math.max(0, i - prefix.length), i) === prefix) &&
      (suffix === undefined || body.slice(i + exact.length, i + exact.length + suffix.length) === suffix),
  );
  const quoted = JSON.stringify(exact.length > 80 ? `${exact.slice(0, 77)}...` : exact);
  if (hits.length === 1) {
    const at = hits[0]!;
    return { ok: true, span: points.span(at, at + exact.length) };
  }
  if (all.length === 0) return { ok: false, message: `${quoted} does not occur in the body` };
  const where = all.slice(0, 5).map((i) => points.offset(i)).join(', ');
  if (hits.length === 0) {
    return {
      ok: false,
      message: `${quoted} occurs ${all.length} time(s) (at code point ${where}) but never with the given prefix/suffix`,
    };
  }
  return {
    ok: false,
    message: `${quoted} occurs ${hits.length} times (at code points ${where}${hits.length > 5 ? ', ...' : ''}); add a prefix or suffix that singles one out`,
  };
}
