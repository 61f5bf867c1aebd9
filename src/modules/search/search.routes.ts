import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ref } from '../common/common.schemas.js';
import { problems, READ_ERRORS } from '../common/responses.js';
import { search } from './search.repository.js';
import { SearchQuery, SearchResults } from './search.schemas.js';

const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/search',
    {
      schema: {
        operationId: 'search',
        summary: 'Search articles, recommendations and quotations',
        description:
          'One full-text search over article headlines and bodies, recommendation statements and evidence, and ' +
          'quotation claims and evidence, ranked by bm25. Each hit carries a highlighted snippet and where it ' +
          'stands in the article body. A malformed query is a 400, never an error of the server.',
        tags: ['search'],
        querystring: SearchQuery,
        response: { 200: ref(SearchResults), ...problems(...READ_ERRORS) },
      },
    },
    async (request) => search(app.db, request.query),
  );
};

export default searchRoutes;
