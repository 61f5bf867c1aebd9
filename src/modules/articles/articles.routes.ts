import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ArticleActorList } from '../../schemas/actors.js';
import { ref } from '../../schemas/common.js';
import { HttpProblem, notFound } from '../../shared/errors.js';
import { ListQuery } from '../../schemas/query.js';
import { NOT_MODIFIED, problems, READ_ERRORS, READ_ONE_ERRORS, sendJsonText, sendPage } from '../../shared/responses.js';
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

function parseInclude(include: string | undefined): Set<ArticleInclude> {
  const parts = (include ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  const unknown = parts.filter((p) => !(ArticleIncludes as readonly string[]).includes(p));
  if (unknown.length) {
    throw new HttpProblem(400, `Invalid query parameter 'include': unknown part(s) ${unknown.map((u) => `'${u}'`).join(', ')}; allowed: ${ArticleIncludes.join(', ')}.`, [
      { path: '/include', message: `must be a comma-separated list of: ${ArticleIncludes.join(', ')}` },
    ]);
  }
  return new Set(parts as ArticleInclude[]);
}

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
        response: { 200: ref(ArticleList), ...NOT_MODIFIED, ...problems(...READ_ERRORS) },
      },
    },
    async (request, reply) => sendPage(reply, await app.store.listArticles(request.query)),
  );

  app.get(
    '/articles/:articleId',
    {
      // One stored document by its key: as cheap as the response cache would be.
      config: { responseCache: false },
      schema: {
        operationId: 'getArticle',
        summary: 'Get one article',
        description:
          'The article and its counts. `include=body,actors,recommendations,quotations` embeds the full text ' +
          'and every part (recommendations by priority, quotations in text order).',
        tags: ['articles'],
        params: ArticleParams,
        querystring: ArticleQuery,
        response: { 200: ref(Article), ...NOT_MODIFIED, ...problems(...READ_ONE_ERRORS) },
      },
    },
    async (request, reply) => {
      const json = await app.store.articleJson(request.params.articleId, parseInclude(request.query.include));
      if (!json) throw notFound('article', request.params.articleId);
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
        response: { 200: ref(ArticleActorList), ...NOT_MODIFIED, ...problems(...READ_ONE_ERRORS) },
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
        response: { 200: ref(RecommendationList), ...NOT_MODIFIED, ...problems(...READ_ONE_ERRORS) },
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
        response: { 200: ref(QuotationList), ...NOT_MODIFIED, ...problems(...READ_ONE_ERRORS) },
      },
    },
    async (request, reply) => {
      await requireArticle(request.params.articleId);
      return sendPage(reply, await app.store.listQuotations({ ...request.query, article: request.params.articleId }));
    },
  );
};

export default articleRoutes;
