import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ref } from '../../schemas/common.js';
import { notFound } from '../../shared/errors.js';
import { NoQuery } from '../../schemas/query.js';
import { NOT_MODIFIED, problems, READ_ERRORS, READ_ONE_ERRORS } from '../../shared/responses.js';
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
        response: { 200: ref(SourceList), ...NOT_MODIFIED, ...problems(...READ_ERRORS) },
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
        response: { 200: ref(Source), ...NOT_MODIFIED, ...problems(...READ_ONE_ERRORS) },
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
