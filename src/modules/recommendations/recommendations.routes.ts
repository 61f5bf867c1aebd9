import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ref } from '../common/common.schemas.js';
import { notFound } from '../common/errors.js';
import { NoQuery } from '../common/query.schemas.js';
import { NOT_MODIFIED, problems, READ_ERRORS, READ_ONE_ERRORS, sendJsonText, sendPage } from '../common/responses.js';
import { listRecommendations, recommendationJson } from './recommendations.repository.js';
import {
  Recommendation,
  RecommendationList,
  RecommendationListQuery,
  RecommendationParams,
} from './recommendations.schemas.js';

const recommendationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/recommendations',
    {
      schema: {
        operationId: 'listRecommendations',
        summary: 'List recommendations',
        description: 'Recommendations across articles. Filters combine with AND; an unknown actor or article id matches nothing.',
        tags: ['recommendations'],
        querystring: RecommendationListQuery,
        response: { 200: ref(RecommendationList), ...NOT_MODIFIED, ...problems(...READ_ERRORS) },
      },
    },
    async (request, reply) => sendPage(reply, listRecommendations(app.db, request.query)),
  );

  app.get(
    '/recommendations/:recommendationId',
    {
      schema: {
        operationId: 'getRecommendation',
        summary: 'Get one recommendation',
        description: 'A recommendation with its addressee, partners, article and the evidence anchoring it in the body.',
        tags: ['recommendations'],
        params: RecommendationParams,
        querystring: NoQuery,
        response: { 200: ref(Recommendation), ...NOT_MODIFIED, ...problems(...READ_ONE_ERRORS) },
      },
    },
    async (request, reply) => {
      const json = recommendationJson(app.db, request.params.recommendationId);
      if (!json) throw notFound('recommendation', request.params.recommendationId);
      return sendJsonText(reply, json);
    },
  );
};

export default recommendationRoutes;
