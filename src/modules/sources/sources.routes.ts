import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notFound } from '../../shared/errors.js';
import { NoQuery, ReadHeaders } from '../../schemas/query.js';
import { problems, readResponses, READ_ERRORS, READ_ONE_ERRORS } from '../../shared/responses.js';
import { Source, SourceList, SourceListQuery, SourceParams } from '../../schemas/sources.js';

const sourceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/sources',
    {
      schema: {
        operationId: 'listSources',
        summary: 'List cited sources',
        description: 'Sources by name, each with how many claims the articles attribute to it.',
        tags: ['sources'],
        querystring: SourceListQuery,
        headers: ReadHeaders,
        response: { ...readResponses(SourceList), ...problems(...READ_ERRORS) },
      },
    },
    async (request) => app.store.listSources(request.query),
  );

  app.get(
    '/sources/:sourceId',
    {
      schema: {
        operationId: 'getSource',
        summary: 'Get one source',
        description: 'A cited source, the actor it is (if any) and how many claims the articles attribute to it.',
        tags: ['sources'],
        params: SourceParams,
        querystring: NoQuery,
        headers: ReadHeaders,
        response: { ...readResponses(Source), ...problems(...READ_ONE_ERRORS) },
      },
    },
    async (request) => {
      const found = await app.store.getSource(request.params.sourceId);
      if (!found) throw notFound('source', request.params.sourceId);
      return found;
    },
  );
};

export default sourceRoutes;
