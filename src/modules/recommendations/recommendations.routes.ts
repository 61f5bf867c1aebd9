import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ref } from '../../schemas/common.js';
import { notFound } from '../../shared/errors.js';
import { NoQuery } from '../../schemas/query.js';
import { NOT_MODIFIED, problems, READ_ERRORS, READ_ONE_ERRORS, sendJsonText, sendPage } from '../../shared/responses.js';
import {
  Recommendation,
  RecommendationList,
  RecommendationListQuery,
  RecommendationParams,
} from '../../schemas/recommendations.js';

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
    async (request, reply) => sendPage(reply, await app.store.listRecommendations(request.query)),
  );

  app.get(
    '/recommendations/:recommendationId',
    {
      // One stored document by its key: as cheap as the response cache would be.
      config: { responseCache: false },
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
      const json = await app.store.recommendationJson(request.params.recommendationId);
      if (!json) throw notFound('recommendation', request.params.recommendationId);
      return sendJsonText(reply, json);
    },
  );
};

export default recommendationRoutes;
