import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ArticleList, ArticleListQuery } from '../../schemas/articles.js';
import { ref } from '../../schemas/common.js';
import { notFound } from '../../shared/errors.js';
import { NoQuery } from '../../schemas/query.js';
import { NOT_MODIFIED, problems, READ_ERRORS, READ_ONE_ERRORS, sendPage } from '../../shared/responses.js';
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
        description: 'The actor registry, by name.',
        tags: ['actors'],
        querystring: ActorListQuery,
        response: { 200: ref(ActorList), ...NOT_MODIFIED, ...problems(...READ_ERRORS) },
      },
    },
    async (request) => app.store.listActors(request.query),
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
        response: { 200: ref(Actor), ...NOT_MODIFIED, ...problems(...READ_ONE_ERRORS) },
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
        response: { 200: ref(RecommendationList), ...NOT_MODIFIED, ...problems(...READ_ONE_ERRORS) },
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
        response: { 200: ref(ArticleList), ...NOT_MODIFIED, ...problems(...READ_ONE_ERRORS) },
      },
    },
    async (request, reply) => {
      await requireActor(request.params.actorId);
      return sendPage(reply, await app.store.listArticles({ ...request.query, actor: request.params.actorId }));
    },
  );
};

export default actorRoutes;
