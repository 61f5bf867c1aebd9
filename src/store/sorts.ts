// The sort orders of every list, for every engine: a name (carried in the cursor) and the key
// columns, by their property names in db/schema.ts, last key unique. A cursor issued by one engine
// therefore pages the same list on the other.
import type { ArticleListQuery } from '../schemas/articles.js';
import type { QuotationListQuery } from '../schemas/quotations.js';
import type { RecommendationListQuery } from '../schemas/recommendations.js';

export interface SortSpec<Key extends string = string> {
  name: string;
  keys: ReadonlyArray<{ key: Key; desc?: boolean }>;
}

const spec = <Key extends string>(name: string, ...keys: Array<Key | `-${Key}`>): SortSpec<Key> => ({
  name,
  keys: keys.map((k) => (k.startsWith('-') ? { key: k.slice(1) as Key, desc: true } : { key: k as Key })),
});

export const ARTICLE_SORTS = {
  '-datePublished': spec('articles:-datePublished', '-datePublished', '-id'),
  datePublished: spec('articles:datePublished', 'datePublished', 'id'),
  headline: spec('articles:headline', 'headline', 'id'),
} satisfies Record<NonNullable<ArticleListQuery['sort']>, SortSpec>;

export const RECOMMENDATION_SORTS = {
  '-datePublished': spec('recommendations:-datePublished', '-datePublished', 'articleId', 'priority', 'id'),
  datePublished: spec('recommendations:datePublished', 'datePublished', 'articleId', 'priority', 'id'),
  priority: spec('recommendations:priority', 'priority', '-datePublished', 'id'),
} satisfies Record<NonNullable<RecommendationListQuery['sort']>, SortSpec>;

export const QUOTATION_SORTS = {
  '-datePublished': spec('quotations:-datePublished', '-datePublished', 'articleId', 'evidenceStart', 'id'),
  datePublished: spec('quotations:datePublished', 'datePublished', 'articleId', 'evidenceStart', 'id'),
} satisfies Record<NonNullable<QuotationListQuery['sort']>, SortSpec>;

export const ACTORS_BY_NAME = spec('actors:name', 'name', 'id');
export const SOURCES_BY_NAME = spec('sources:name', 'name', 'id');
/** An article's actors in the order the document lists them. */
export const ARTICLE_ACTORS_IN_ORDER = spec('article-actors:ordinal', 'ordinal', 'actorId');
/** The change feed, in commit order. */
export const CHANGES_IN_ORDER = spec('changes:seq', 'seq');
/** An article's revisions, oldest first. */
export const REVISIONS_IN_ORDER = spec('revisions:revision', 'revision');
