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
    // The shortest prefix (or suffix) no other occurrence shares: one character longer than the
    // longest context any other occurrence has in common with this one.
    const grow = (side: 'prefix' | 'suffix'): string | undefined => {
      let need = 0;
      for (const o of others) {
        let k = 0;
        if (side === 'prefix') while (k < 500 && start - k - 1 >= 0 && o - k - 1 >= 0 && body[start - k - 1] === body[o - k - 1]) k++;
        else while (k < 500 && end + k < body.length && o + exact.length + k < body.length && body[end + k] === body[o + exact.length + k]) k++;
        need = Math.max(need, k + 1);
      }
      const limit = side === 'prefix' ? start : body.length - end;
      if (need > Math.min(limit, 500)) return undefined;
      return side === 'prefix' ? body.slice(start - need, start) : body.slice(end, end + need);
    };
    const prefix = grow('prefix');
    const suffix = grow('suffix');
    if (prefix !== undefined && (suffix === undefined || prefix.length <= suffix.length)) evidence.prefix = prefix;
    else if (suffix !== undefined) evidence.suffix = suffix;
    return evidence;
  }
}
