// Proactive content negotiation (RFC 9110 §12.5.1): which of the media types a route offers the
// client's Accept header prefers. One function, used by the negotiation plugin for every GET.
import { HttpProblem } from './errors.js';

/** The media types the API can serve as a 200, each a representation of the same resource. */
export const MediaTypes = {
  json: 'application/json',
  jsonLd: 'application/ld+json',
  annotations: 'application/anno+json',
  csv: 'text/csv',
  eventStream: 'text/event-stream',
} as const;
export type MediaType = (typeof MediaTypes)[keyof typeof MediaTypes];

/**
 * The W3C Web Annotation Protocol's way of asking for annotations as plain JSON-LD: a client that
 * sends `application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"` gets application/anno+json.
 */
const ANNOTATION_PROFILE = 'http://www.w3.org/ns/anno.jsonld';

interface MediaRange {
  type: string;
  subtype: string;
  profile?: string;
  q: number;
  /** Position in the header, for ties. */
  index: number;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

/** The ranges of an Accept header; malformed entries are skipped, as RFC 9110 lets a server do. */
export function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  header.split(',').forEach((entry, index) => {
    const [range = '', ...params] = entry.split(';').map((s) => s.trim());
    const [type, subtype, extra] = range.toLowerCase().split('/');
    if (!type || !subtype || extra !== undefined || !TOKEN.test(type) || !TOKEN.test(subtype)) return;
    if (type === '*' && subtype !== '*') return;
    let q = 1;
    let profile: string | undefined;
    for (const param of params) {
      const eq = param.indexOf('=');
      if (eq < 0) continue;
      const name = param.slice(0, eq).trim().toLowerCase();
      const value = param.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
      if (name === 'q') {
        // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ); anything else voids the range
        if (!/^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value)) return;
        q = Number(value);
        break; // what follows q= are accept-ext parameters, not the media type's
      }
      if (name === 'profile') profile = value;
    }
    ranges.push({ type, subtype, q, index, ...(profile !== undefined ? { profile } : {}) });
  });
  return ranges;
}

/** How specifically a range names a media type: -1 when it does not match it at all. */
function specificity(range: MediaRange, mediaType: string): number {
  const [type, subtype] = mediaType.split('/') as [string, string];
  if (range.type === '*') return 0;
  if (range.type !== type) return -1;
  if (range.subtype === '*') return 1;
  if (range.profile === ANNOTATION_PROFILE && range.subtype === 'ld+json') return mediaType === MediaTypes.annotations ? 3 : -1;
  if (range.subtype !== subtype) return -1;
  return range.profile !== undefined ? -1 : 2;
}

/**
 * The offered media type the Accept header prefers: the highest q, then the one named most
 * specifically, then the one the client listed first, then the server's order (`offered[0]` is
 * the default). No header, or one without a single well-formed range, accepts anything.
 * Undefined when every offer is refused (q=0 or not named): the caller answers 406.
 */
export function negotiate<T extends string>(accept: string | undefined, offered: readonly T[]): T | undefined {
  const ranges = accept === undefined ? [] : parseAccept(accept);
  if (ranges.length === 0) return offered[0];
  let best: { offer: T; q: number; specificity: number; index: number } | undefined;
  for (const offer of offered) {
    // The most specific range that matches an offer sets its quality.
    let match: { q: number; specificity: number; index: number } | undefined;
    for (const range of ranges) {
      const s = specificity(range, offer);
      if (s < 0) continue;
      if (!match || s > match.specificity) match = { q: range.q, specificity: s, index: range.index };
    }
    if (!match || match.q === 0) continue;
    if (
      !best ||
      match.q > best.q ||
      (match.q === best.q && (match.specificity > best.specificity || (match.specificity === best.specificity && match.index < best.index)))
    ) {
      best = { offer, ...match };
    }
  }
  return best?.offer;
}

/** 406 problem+json naming what the resource is offered as. */
export function notAcceptable(accept: string, offered: readonly string[]): HttpProblem {
  return new HttpProblem(
    406,
    `This resource is offered as ${offered.join(', ')}; the Accept header '${accept.slice(0, 200)}' allows none of them.`,
    [{ path: '/headers/accept', message: `must allow one of: ${offered.join(', ')}` }],
  );
}
