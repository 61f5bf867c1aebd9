import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ArticleList, ArticleListQuery } from '../../schemas/articles.js';
import { actorTable } from '../../formats/csv.js';
import { csvRepresentations } from '../../schemas/formats.js';
import { MediaTypes } from '../../shared/negotiation.js';
import { notFound } from '../../shared/errors.js';
import { NoQuery, ReadHeaders } from '../../schemas/query.js';
import { problems, readResponses, READ_ERRORS, READ_ONE_ERRORS, sendCsvPage, sendPage } from '../../shared/responses.js';
import { RecommendationList, RecommendationListQuery } from '../../schemas/recommendations.js';
import { Actor, ActorList, ActorListQuery, ActorParams } from '../../schemas/actors.js';

const actorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const requireActor = async (id: string) => {
    if (!await app.store.actorExists(id)) throw notFound('actor', id);
  };

  app.get(
    '/actors',
    {
      schema: {
        operationId: 'listActors',
        summary: 'List actors',
        description: 'The actor registry, by name. `Accept: text/csv` answers the page as a spreadsheet, with the next page in a `Link` header.',
        tags: ['actors'],
        querystring: ActorListQuery,
        headers: ReadHeaders,
        response: { ...readResponses(ActorList, { [MediaTypes.csv]: csvRepresentations.actors }), ...problems(...READ_ERRORS) },
      },
    },
    async (request, reply) => {
      const page = await app.store.listActors(request.query);
      if (request.representation === MediaTypes.csv) return sendCsvPage(reply, actorTable, page);
      return page;
    },
  );

  app.get(
    '/actors/:actorId',
    {
      schema: {
        operationId: 'getActor',
        summary: 'Get one actor',
        description: 'An actor with its aliases, how many articles discuss it and how many recommendations address it.',
        tags: ['actors'],
        params: ActorParams,
        querystring: NoQuery,
        headers: ReadHeaders,
        response: { ...readResponses(Actor), ...problems(...READ_ONE_ERRORS) },
      },
    },
    async (request) => {
      const actor = await app.store.getActor(request.params.actorId);
      if (!actor) throw notFound('actor', request.params.actorId);
      return actor;
    },
  );

  app.get(
    '/actors/:actorId/recommendations',
    {
      schema: {
        operationId: 'listActorRecommendations',
        summary: 'List recommendations addressed to an actor',
        description: 'The same filters as /v1/recommendations, with the addressee fixed.',
        tags: ['actors', 'recommendations'],
        params: ActorParams,
        querystring: Type.Omit(RecommendationListQuery, ['addressee'], { additionalProperties: false }),
        headers: ReadHeaders,
        response: { ...readResponses(RecommendationList), ...problems(...READ_ONE_ERRORS) },
      },
    },
    async (request, reply) => {
      await requireActor(request.params.actorId);
      return sendPage(reply, await app.store.listRecommendations({ ...request.query, addressee: request.params.actorId }));
    },
  );

  app.get(
    '/actors/:actorId/articles',
    {
      schema: {
        operationId: 'listActorArticles',
        summary: 'List articles that discuss an actor',
        description: 'The same filters as /v1/articles, with the actor fixed.',
        tags: ['actors', 'articles'],
        params: ActorParams,
        querystring: Type.Omit(ArticleListQuery, ['actor'], { additionalProperties: false }),
        headers: ReadHeaders,
        response: { ...readResponses(ArticleList), ...problems(...READ_ONE_ERRORS) },
      },
    },
    async (request, reply) => {
      await requireActor(request.params.actorId);
      return sendPage(reply, await app.store.listArticles({ ...request.query, actor: request.params.actorId }));
    },
  );
};

export default actorRoutes;
