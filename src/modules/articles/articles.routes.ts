import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ArticleActorList } from '../../schemas/actors.js';
import { notFound } from '../../shared/errors.js';
import { commaList } from '../../shared/comma-lists.js';
import { MediaTypes } from '../../shared/negotiation.js';
import { articleAnnotations } from '../../formats/annotations.js';
import { articleJsonLd } from '../../formats/json-ld.js';
import { annotationRepresentation, jsonLdRepresentation } from '../../schemas/formats.js';
import { ListQuery, ReadHeaders } from '../../schemas/query.js';
import { problems, READ_ERRORS, READ_ONE_ERRORS, readResponses, sendJsonAs, sendJsonText, sendPage } from '../../shared/responses.js';
import { QuotationList, QuotationListQuery } from '../../schemas/quotations.js';
import { RecommendationList, RecommendationListQuery } from '../../schemas/recommendations.js';
import {
  Article,
  ArticleIncludes,
  ArticleList,
  ArticleListQuery,
  ArticleParams,
  ArticleQuery,
  type ArticleInclude,
} from '../../schemas/articles.js';

/** The other representations always describe the whole article. */
const ALL_PARTS: ReadonlySet<ArticleInclude> = new Set(ArticleIncludes);

const articleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const requireArticle = async (id: string) => {
    if (!await app.store.articleExists(id)) throw notFound('article', id);
  };

  app.get(
    '/articles',
    {
      schema: {
        operationId: 'listArticles',
        summary: 'List articles',
        description: 'Articles without bodies or parts, newest first by default. Filters combine with AND.',
        tags: ['articles'],
        querystring: ArticleListQuery,
        headers: ReadHeaders,
        response: { ...readResponses(ArticleList), ...problems(...READ_ERRORS) },
      },
    },
    async (request, reply) => sendPage(reply, await app.store.listArticles(request.query)),
  );

  app.get(
    '/articles/:articleId',
    {
      // One stored document by its key: as cheap as the response cache would be.
      config: { responseCache: false },
      preValidation: commaList('include', ArticleIncludes),
      schema: {
        operationId: 'getArticle',
        summary: 'Get one article',
        description:
          'The article and its counts. `include=body,actors,recommendations,quotations` embeds the full text ' +
          'and every part (recommendations by priority, quotations in text order). By `Accept`: ' +
          '`application/ld+json` answers a schema.org OpinionNewsArticle, `application/anno+json` (or ' +
          '`application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"`) a W3C Web Annotation collection of ' +
          'its recommendations, quotations and actor mentions; both always describe the whole article.',
        tags: ['articles'],
        params: ArticleParams,
        querystring: ArticleQuery,
        headers: ReadHeaders,
        response: {
          ...readResponses(Article, {
            [MediaTypes.jsonLd]: jsonLdRepresentation,
            [MediaTypes.annotations]: annotationRepresentation,
          }),
          ...problems(...READ_ONE_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const { articleId } = request.params;
      if (request.representation === MediaTypes.jsonLd || request.representation === MediaTypes.annotations) {
        const json = await app.store.articleJson(articleId, ALL_PARTS);
        if (!json) throw notFound('article', articleId);
        const article = JSON.parse(json) as Article;
        const render = request.representation === MediaTypes.jsonLd ? articleJsonLd : articleAnnotations;
        return sendJsonAs(reply, request.representation, render(article));
      }
      const json = await app.store.articleJson(articleId, new Set(request.query.include));
      if (!json) throw notFound('article', articleId);
      // Served as the exact text that writes compare If-Match against.
      return sendJsonText(reply, json);
    },
  );

  app.get(
    '/articles/:articleId/actors',
    {
      schema: {
        operationId: 'listArticleActors',
        summary: "List an article's actors",
        description: 'Each actor with its roles, portrayal and mentions in this article, in the order the article lists them.',
        tags: ['articles', 'actors'],
        params: ArticleParams,
        querystring: Type.Object(ListQuery.properties, { additionalProperties: false }),
        headers: ReadHeaders,
        response: { ...readResponses(ArticleActorList), ...problems(...READ_ONE_ERRORS) },
      },
    },
    async (request) => {
      await requireArticle(request.params.articleId);
      return await app.store.listArticleActors(request.params.articleId, request.query);
    },
  );

  app.get(
    '/articles/:articleId/recommendations',
    {
      schema: {
        operationId: 'listArticleRecommendations',
        summary: "List an article's recommendations",
        description: 'By priority (1 first) by default; the same filters as /v1/recommendations.',
        tags: ['articles', 'recommendations'],
        params: ArticleParams,
        querystring: Type.Omit(RecommendationListQuery, ['article'], { additionalProperties: false }),
        headers: ReadHeaders,
        response: { ...readResponses(RecommendationList), ...problems(...READ_ONE_ERRORS) },
      },
    },
    async (request, reply) => {
      await requireArticle(request.params.articleId);
      return sendPage(reply, await app.store.listRecommendations({ ...request.query, article: request.params.articleId }));
    },
  );

  app.get(
    '/articles/:articleId/quotations',
    {
      schema: {
        operationId: 'listArticleQuotations',
        summary: "List an article's quotations",
        description: 'In text order; the same filters as /v1/quotations.',
        tags: ['articles', 'quotations'],
        params: ArticleParams,
        querystring: Type.Omit(QuotationListQuery, ['article'], { additionalProperties: false }),
        headers: ReadHeaders,
        response: { ...readResponses(QuotationList), ...problems(...READ_ONE_ERRORS) },
      },
    },
    async (request, reply) => {
      await requireArticle(request.params.articleId);
      return sendPage(reply, await app.store.listQuotations({ ...request.query, article: request.params.articleId }));
    },
  );
};

export default articleRoutes;
