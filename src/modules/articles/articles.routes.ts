import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ArticleActorList } from '../../schemas/actors.js';
import { HttpProblem, notFound } from '../../shared/errors.js';
import { commaList } from '../../shared/comma-lists.js';
import { MediaTypes } from '../../shared/negotiation.js';
import { articleAnnotations } from '../../formats/annotations.js';
import { articleJsonLd } from '../../formats/json-ld.js';
import { annotationRepresentation, jsonLdRepresentation } from '../../schemas/formats.js';
import { ListQuery, ReadHeaders } from '../../schemas/query.js';
import { problems, READ_ERRORS, READ_ONE_ERRORS, readResponses, REVISION_HEADER, sendArticle, sendJsonAs, sendJsonText, sendPage } from '../../shared/responses.js';
import type { FastifyReply } from 'fastify';
import { decodeCursor, encodeCursor, finiteParameter, pageLimit, toPage, type Page, type PageQuery } from '../../shared/pagination.js';
import { spliceArticle } from '../../store/documents.js';
import { ArticleRevisionList, RevisionListQuery, RevisionNumber } from '../../schemas/revisions.js';
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

/** The whole article's JSON (live or a revision's) in another representation: JSON-LD or Web Annotations. */
function renderOther(reply: FastifyReply, representation: string, json: Buffer) {
  const render = representation === MediaTypes.jsonLd ? articleJsonLd : articleAnnotations;
  return sendJsonAs(reply, representation, render(JSON.parse(json.toString()) as Article));
}

/** With `revision`, a part list is the revision's as stored: only paging (and the default sort) combine with it. */
function onlyPaging(query: Record<string, unknown>, defaultSort: string) {
  const others = Object.keys(query).filter((k) => !['revision', 'limit', 'cursor'].includes(k) && !(k === 'sort' && query[k] === defaultSort));
  if (others.length) {
    throw new HttpProblem(400, `'revision' serves the parts of that revision as they were, in their order; it combines only with limit and cursor, not ${others.map((k) => `'${k}'`).join(', ')}.`, [
      { path: `/${others[0]}`, message: 'not allowed with revision' },
    ]);
  }
}

/** A page of a stored JSON array of documents (a revision's parts), by position: a revision never changes. */
function pageOfStored(json: string, q: PageQuery, name: string): Page<string> {
  const items = (JSON.parse(json) as unknown[]).map((item) => JSON.stringify(item));
  const limit = pageLimit(q.limit);
  const start = q.cursor ? Number(decodeCursor(q.cursor, name, ['number'])[0]) : 0;
  return toPage(items.slice(start, start + limit + 1), limit, items.length, () => encodeCursor(name, [start + limit]));
}

const articleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** The article's current revision (in the Revision header); 404 when it does not exist. */
  const requireArticle = async (id: string, reply: FastifyReply) => {
    const revision = await app.store.articleRevision(id);
    if (revision === undefined) throw await articleGone(id);
    reply.header('revision', revision);
  };

  /** 404, saying where a deleted article's revisions are when it has some. */
  const articleGone = async (id: string) =>
    (await app.store.listRevisions(id, { limit: 1 }))
      ? new HttpProblem(404, `The article '${id}' was deleted. Its revisions stay readable: GET /v1/articles/${id}/revisions, then ?revision=N.`)
      : notFound('article', id);

  /** A stored revision, or a 404 that says which revisions exist. */
  const storedRevision = async (id: string, revision: number, reply: FastifyReply) => {
    finiteParameter(revision, 'revision');
    const stored = await app.store.storedRevision(id, revision);
    if (!stored) {
      throw new HttpProblem(
        404,
        (await app.store.listRevisions(id, { limit: 1 }))
          ? `The article '${id}' has no revision ${revision}; GET /v1/articles/${id}/revisions lists those it has.`
          : `No article has the id '${id}', and none had: there are no revisions of it.`,
      );
    }
    reply.header('revision', revision);
    return stored;
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
          ...readResponses(
            Article,
            { [MediaTypes.jsonLd]: jsonLdRepresentation, [MediaTypes.annotations]: annotationRepresentation },
            { description: 'The article (with `revision`; with `?revision=N`, that revision as it was served then).', headers: REVISION_HEADER },
          ),
          ...problems(...READ_ONE_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const { articleId } = request.params;
      const { representation } = request;
      const other = representation === MediaTypes.jsonLd || representation === MediaTypes.annotations ? representation : undefined;
      const revision = finiteParameter(request.query.revision, 'revision');
      if (revision !== undefined) {
        const stored = await storedRevision(articleId, revision, reply);
        const json = spliceArticle(stored.summary, stored, other ? ALL_PARTS : new Set(request.query.include));
        return other ? renderOther(reply, other, json) : sendJsonText(reply, json);
      }
      if (other) {
        const article = await app.store.articleJson(articleId, ALL_PARTS);
        if (!article) throw await articleGone(articleId);
        return renderOther(reply.header('revision', article.revision), other, article.json);
      }
      const article = await app.store.articleJson(articleId, new Set(request.query.include));
      if (!article) throw await articleGone(articleId);
      // With the ETag that writes compare If-Match against.
      return sendArticle(reply, article);
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
        response: {
          ...readResponses(ArticleActorList, {}, { description: "The article's actors, as its current revision shows them.", headers: REVISION_HEADER }),
          ...problems(...READ_ONE_ERRORS),
        },
      },
    },
    async (request, reply) => {
      await requireArticle(request.params.articleId, reply);
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
        querystring: Type.Object({ ...Type.Omit(RecommendationListQuery, ['article']).properties, revision: Type.Optional(RevisionNumber) }, {
          additionalProperties: false,
        }),
        headers: ReadHeaders,
        response: {
          ...readResponses(RecommendationList, {}, { description: "The article's recommendations; with `revision`, that revision's.", headers: REVISION_HEADER }),
          ...problems(...READ_ONE_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const { articleId } = request.params;
      const { revision, ...query } = request.query;
      if (revision !== undefined) {
        onlyPaging(request.query, '-datePublished');
        const stored = await storedRevision(articleId, revision, reply);
        return sendPage(reply, pageOfStored(stored.recommendations, query, `revision-recommendations:${revision}`));
      }
      await requireArticle(articleId, reply);
      return sendPage(reply, await app.store.listRecommendations({ ...query, article: articleId }));
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
        querystring: Type.Object({ ...Type.Omit(QuotationListQuery, ['article']).properties, revision: Type.Optional(RevisionNumber) }, {
          additionalProperties: false,
        }),
        headers: ReadHeaders,
        response: {
          ...readResponses(QuotationList, {}, { description: "The article's quotations; with `revision`, that revision's.", headers: REVISION_HEADER }),
          ...problems(...READ_ONE_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const { articleId } = request.params;
      const { revision, ...query } = request.query;
      if (revision !== undefined) {
        onlyPaging(request.query, '-datePublished');
        const stored = await storedRevision(articleId, revision, reply);
        return sendPage(reply, pageOfStored(stored.quotations, query, `revision-quotations:${revision}`));
      }
      await requireArticle(articleId, reply);
      return sendPage(reply, await app.store.listQuotations({ ...query, article: articleId }));
    },

  );

  app.get(
    '/articles/:articleId/revisions',
    {
      schema: {
        operationId: 'listArticleRevisions',
        summary: "List an article's revisions",
        description:
          'Every version the article was served in, oldest first: its number, updatedAt, content hash and what it changed ' +
          '(parts added, removed, changed). A PUT makes a new revision, and so does a rename of an actor, source or ' +
          'publication the article shows. A deleted article keeps its revisions (read each with `?revision=N`) until an ' +
          'operator purges them (`npm run revisions -- purge ID`).',
        tags: ['articles', 'revisions'],
        params: ArticleParams,
        querystring: RevisionListQuery,
        headers: ReadHeaders,
        response: { ...readResponses(ArticleRevisionList), ...problems(...READ_ONE_ERRORS) },
      },
    },
    async (request) => {
      const page = await app.store.listRevisions(request.params.articleId, request.query);
      if (!page) throw new HttpProblem(404, `No article has the id '${request.params.articleId}', and none had: there are no revisions of it.`);
      return page;
    },
  );
};

export default articleRoutes;
