import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { recommendationTable } from '../../formats/csv.js';
import { csvRepresentations } from '../../schemas/formats.js';
import { MediaTypes } from '../../shared/negotiation.js';
import { parsedPage } from '../../shared/pagination.js';
import { notFound } from '../../shared/errors.js';
import { NoQuery, ReadHeaders } from '../../schemas/query.js';
import { problems, readResponses, READ_ERRORS, READ_ONE_ERRORS, sendCsvPage, sendJsonText, sendPage } from '../../shared/responses.js';
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
        description:
          'Recommendations across articles. Filters combine with AND; an unknown actor or article id matches nothing. ' +
          '`Accept: text/csv` answers the page as a spreadsheet, with the next page in a `Link` header.',
        tags: ['recommendations'],
        querystring: RecommendationListQuery,
        headers: ReadHeaders,
        response: { ...readResponses(RecommendationList, { [MediaTypes.csv]: csvRepresentations.recommendations }), ...problems(...READ_ERRORS) },
      },
    },
    async (request, reply) => {
      const page = await app.store.listRecommendations(request.query);
      if (request.representation === MediaTypes.csv) return sendCsvPage(reply, recommendationTable, parsedPage<Recommendation>(page));
      return sendPage(reply, page);
    },
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
        headers: ReadHeaders,
        response: { ...readResponses(Recommendation), ...problems(...READ_ONE_ERRORS) },
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
