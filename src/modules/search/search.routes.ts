import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ReadHeaders } from '../../schemas/query.js';
import { problems, readResponses, READ_ERRORS } from '../../shared/responses.js';
import { SearchQuery, SearchResults } from '../../schemas/search.js';

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
          'stands in the article body. A malformed query is a 400, never an error of the server. Ranking and ' +
          'paging cover the 1,000 most recently added matches of each type (`page.total` counts the hits you can ' +
          'reach); a query that matches more is broad: add words, a phrase or `type` to narrow it.',
        tags: ['search'],
        querystring: SearchQuery,
        headers: ReadHeaders,
        response: { ...readResponses(SearchResults), ...problems(...READ_ERRORS) },
      },
    },
    async (request) => app.store.search(request.query),
  );
};

export default searchRoutes;
