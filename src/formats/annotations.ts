// application/anno+json: an article's data as a W3C Web Annotation collection (Web Annotation
// Data Model, W3C Recommendation 2017): one annotation per recommendation, quotation and actor
// mention, each targeting the article's body with a TextQuoteSelector (the exact words, with up to
// 32 code points of context either side) and a TextPositionSelector (code-point offsets, as
// `evidence` has them). Tools such as annotators and reading apps can anchor them as they are.
// Identifiers are relative IRIs, resolved against the URL the collection was fetched from.
import type { Article } from '../schemas/articles.js';

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
const CONTEXT_LENGTH = 32;

interface Anchor {
  exact: string;
  start: number;
  end: number;
}

type Body =
  | { type: 'TextualBody'; value: string; purpose: string; format: 'text/plain'; language: string }
  | { type: 'SpecificResource'; source: string; purpose: string };

/** The two selectors of an anchor; prefix and suffix when the body is there to take them from. */
function selectors(anchor: Anchor, codePoints: string[] | undefined) {
  const quote = {
    type: 'TextQuoteSelector' as const,
    exact: anchor.exact,
    ...(codePoints
      ? {
          prefix: codePoints.slice(Math.max(0, anchor.start - CONTEXT_LENGTH), anchor.start).join(''),
          suffix: codePoints.slice(anchor.end, anchor.end + CONTEXT_LENGTH).join(''),
        }
      : {}),
  };
  return [quote, { type: 'TextPositionSelector' as const, start: anchor.start, end: anchor.end }];
}

/**
 * The article's recommendations (by priority), quotations (in text order) and actor mentions (by
 * actor, in text order) as one AnnotationCollection with its single page embedded. The caller
 * passes the article with every part included.
 */
export function articleAnnotations(article: Article) {
  const source = `/v1/articles/${article.id}`;
  const codePoints = article.body === undefined ? undefined : Array.from(article.body);
  const text = (value: string, purpose: string): Body => ({ type: 'TextualBody', value, purpose, format: 'text/plain', language: article.language });
  const link = (to: string, purpose: string): Body => ({ type: 'SpecificResource', source: to, purpose });
  const annotation = (id: string, motivation: string, body: Body[], anchor: Anchor) => ({
    id,
    type: 'Annotation' as const,
    motivation,
    body,
    target: { source, selector: selectors(anchor, codePoints) },
  });

  const items = [
    ...(article.recommendations ?? []).map((r) =>
      annotation(
        `/v1/recommendations/${r.id}`,
        'describing',
        [text(r.statement, 'describing'), text(r.strength, 'classifying'), link(`/v1/actors/${r.addressee.id}`, 'linking')],
        r.evidence,
      ),
    ),
    ...(article.quotations ?? []).map((q) =>
      annotation(`/v1/quotations/${q.id}`, 'describing', [text(q.claim, 'describing'), link(`/v1/sources/${q.source.id}`, 'linking')], q.evidence),
    ),
    ...(article.actors ?? []).flatMap((a) =>
      a.mentions.map((m, i) =>
        annotation(`${source}/actors#${a.id}.m${i + 1}`, 'identifying', [link(`/v1/actors/${a.id}`, 'identifying'), text(a.name, 'tagging')], m),
      ),
    ),
  ];
  return {
    '@context': ANNOTATION_CONTEXT,
    id: source,
    type: 'AnnotationCollection' as const,
    label: `Recommendations, quotations and actor mentions in "${article.headline}" (${article.publication.name}, ${article.datePublished})`,
    total: items.length,
    first: { id: `${source}#annotations`, type: 'AnnotationPage' as const, startIndex: 0, items },
  };
}

export type ArticleAnnotations = ReturnType<typeof articleAnnotations>;
