import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { listArticles } from '../articles/articles.repository.js';
import { ArticleList, ArticleListQuery } from '../articles/articles.schemas.js';
import { ref } from '../common/common.schemas.js';
import { notFound } from '../common/errors.js';
import { NoQuery } from '../common/query.schemas.js';
import { NOT_MODIFIED, problems, READ_ERRORS, READ_ONE_ERRORS, sendPage } from '../common/responses.js';
import { listRecommendations } from '../recommendations/recommendations.repository.js';
import { RecommendationList, RecommendationListQuery } from '../recommendations/recommendations.schemas.js';
import { actorExists, getActor, listActors } from './actors.repository.js';
import { Actor, ActorList, ActorListQuery, ActorParams } from './actors.schemas.js';

const actorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const requireActor = (id: string) => {
    if (!actorExists(app.db, id)) throw notFound('actor', id);
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
    async (request) => listActors(app.db, request.query),
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
      const actor = getActor(app.db, request.params.actorId);
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
      requireActor(request.params.actorId);
      return sendPage(reply, listRecommendations(app.db, { ...request.query, addressee: request.params.actorId }));
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
      requireActor(request.params.actorId);
      return sendPage(reply, listArticles(app.db, { ...request.query, actor: request.params.actorId }));
    },
  );
};

export default actorRoutes;
