// application/ld+json: an article as a schema.org OpinionNewsArticle, for tools that read
// schema.org (search engines, news aggregators, knowledge graphs). Identifiers are relative IRIs
// (`/v1/...`), which JSON-LD resolves against the URL the document was fetched from: the answer is
// the same bytes whatever host or proxy served it, so it can be cached and its ETag kept.
import type { ArticleActor } from '../schemas/actors.js';
import type { Article } from '../schemas/articles.js';
import type { ActorType } from '../schemas/common.js';
import type { Static } from '@sinclair/typebox';

/** The context every consumer of schema.org knows; nothing here fetches it. */
export const SCHEMA_ORG_CONTEXT = 'https://schema.org/';

const ACTOR_TYPES: Record<Static<typeof ActorType>, string> = {
  state: 'Country',
  'armed-group': 'Organization',
  organization: 'Organization',
  institution: 'GovernmentOrganization',
  person: 'Person',
  group: 'Organization',
};

const actorNode = (actor: Pick<ArticleActor, 'id' | 'name' | 'type'>) => ({
  '@type': ACTOR_TYPES[actor.type],
  '@id': `/v1/actors/${actor.id}`,
  identifier: actor.id,
  name: actor.name,
});

/**
 * The article as schema.org sees it. Actors the piece is about (role `subject`) are `about`, the
 * others `mentions`; each quotation is a `citation`: a claim (`abstract`) made by its source
 * (`author`). `text` is the body; the caller passes the article with every part included.
 */
export function articleJsonLd(article: Article) {
  const publisher = {
    '@type': 'NewsMediaOrganization',
    identifier: article.publication.id,
    name: article.publication.name,
  };
  const actors = article.actors ?? [];
  return {
    '@context': SCHEMA_ORG_CONTEXT,
    '@type': 'OpinionNewsArticle',
    '@id': `/v1/articles/${article.id}`,
    identifier: article.id,
    headline: article.headline,
    genre: article.kind,
    datePublished: article.datePublished,
    dateCreated: article.createdAt,
    dateModified: article.updatedAt,
    inLanguage: article.language,
    wordCount: article.wordCount,
    keywords: article.topics,
    publisher,
    // An editorial speaks for the paper; an op-ed or column without a byline names nobody.
    ...(article.author !== null
      ? { author: { '@type': 'Person', name: article.author } }
      : article.kind === 'editorial'
        ? { author: publisher }
        : {}),
    ...(article.url !== null ? { url: article.url } : {}),
    about: actors.filter((a) => a.roles.includes('subject')).map(actorNode),
    mentions: actors.filter((a) => !a.roles.includes('subject')).map(actorNode),
    citation: (article.quotations ?? []).map((q) => ({
      '@type': 'CreativeWork',
      '@id': `/v1/quotations/${q.id}`,
      author: { '@type': 'Thing', '@id': `/v1/sources/${q.source.id}`, identifier: q.source.id, name: q.source.name },
      abstract: q.claim,
    })),
    ...(article.body !== undefined ? { text: article.body } : {}),
  };
}

export type ArticleJsonLd = ReturnType<typeof articleJsonLd>;
