// Evidence anchors as the API wants them: code-point offsets, and a prefix or suffix only when
// the exact words occur more than once (the shortest context that singles them out).
import { CodePoints } from '../ingest/anchors.js';

export interface Evidence {
  exact: string;
  start: number;
  end: number;
  prefix?: string;
  suffix?: string;
}

export class Anchorer {
  private readonly points: CodePoints;

  constructor(readonly body: string) {
    this.points = new CodePoints(body);
  }

  /** Evidence for body[start, end) in UTF-16 indexes, trimmed of spaces and closing punctuation. */
  evidence(start: number, end: number): Evidence {
    const body = this.body;
    while (start < end && /[\s,;:]/.test(body[start]!)) start++;
    while (end > start && /[\s.,;:!?]/.test(body[end - 1]!)) end--;
    const exact = body.slice(start, end);
    const span = this.points.span(start, end);
    const evidence: Evidence = { exact, start: span.start, end: span.end };
    const others: number[] = [];
    for (let i = body.indexOf(exact); i !== -1 && others.length < 50; i = body.indexOf(exact, i + 1)) if (i !== start) others.push(i);
    if (!others.length) return evidence;
    // Grow a prefix, and a suffix, until no other occurrence shares it; keep the shorter.
    const grow = (side: 'prefix' | 'suffix'): string | undefined => {
      const limit = side === 'prefix' ? start : body.length - end;
      for (let k = 1; k <= Math.min(limit, 500); k++) {
        const ctx = side === 'prefix' ? body.slice(start - k, start) : body.slice(end, end + k);
        const clash = others.some((o) =>
          side === 'prefix' ? body.slice(Math.max(0, o - k), o) === ctx : body.slice(o + exact.length, o + exact.length + k) === ctx,
        );
        if (!clash) return ctx;
      }
      return undefined;
    };
    const prefix = grow('prefix');
    const suffix = grow('suffix');
    if (prefix !== undefined && (suffix === undefined || prefix.length <= suffix.length)) evidence.prefix = prefix;
    else if (suffix !== undefined) evidence.suffix = suffix;
    return evidence;
  }
}
