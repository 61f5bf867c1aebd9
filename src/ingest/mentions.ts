// Finding actor mentions: every whole-word occurrence of an actor's name or aliases.
import type { CodePoints, Span } from './anchors.js';

export interface FoundMention extends Span {
  actorId: string;
  exact: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Matches are case-insensitive and bounded by non-letters, so "Pakistan" finds "PAKISTAN’S" but
 * not "Pakistani". Where two terms overlap ("Afghan Taliban" and "Taliban", or an alias that
 * contains another actor's name) the longer match wins, then the earlier one.
 */
export function findMentions(points: CodePoints, terms: Map<string, string[]>): FoundMention[] {
  const candidates: Array<FoundMention & { from: number; to: number }> = [];
  for (const [actorId, names] of terms) {
    const unique = [...new Set(names.map((n) => n.trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
    if (unique.length === 0) continue;
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${unique.map(escape).join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
    for (const m of points.text.matchAll(pattern)) {
      const from = m.index;
      const to = from + m[0].length;
      candidates.push({ actorId, exact: m[0], from, to, ...points.span(from, to) });
    }
  }
  candidates.sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from);
  const kept: typeof candidates = [];
  for (const c of candidates) {
    if (!kept.some((k) => c.from < k.to && k.from < c.to)) kept.push(c);
  }
  return kept
    .sort((a, b) => a.from - b.from)
    .map(({ actorId, exact, start, end }) => ({ actorId, exact, start, end }));
}
