import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ref } from '../common/common.schemas.js';
import { notFound } from '../common/errors.js';
import { NoQuery } from '../common/query.schemas.js';
import { NOT_MODIFIED, problems, READ_ERRORS, READ_ONE_ERRORS } from '../common/responses.js';
import { getSource, listSources } from './sources.repository.js';
import { Source, SourceList, SourceListQuery, SourceParams } from './sources.schemas.js';

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
    async (request) => listSources(app.db, request.query),
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
      const found = getSource(app.db, request.params.sourceId);
      if (!found) throw notFound('source', request.params.sourceId);
      return found;
    },
  );
};

export default sourceRoutes;
