import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ref } from '../../schemas/common.js';
import { notFound } from '../../shared/errors.js';
import { NoQuery } from '../../schemas/query.js';
import { NOT_MODIFIED, problems, READ_ERRORS, READ_ONE_ERRORS, sendJsonText, sendPage } from '../../shared/responses.js';
import { Quotation, QuotationList, QuotationListQuery, QuotationParams } from '../../schemas/quotations.js';

const quotationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/quotations',
    {
      schema: {
        operationId: 'listQuotations',
        summary: 'List quotations',
        description: 'Claims attributed to sources across articles, newest articles first, then in text order.',
        tags: ['quotations'],
        querystring: QuotationListQuery,
        response: { 200: ref(QuotationList), ...NOT_MODIFIED, ...problems(...READ_ERRORS) },
      },
    },
    async (request, reply) => sendPage(reply, await app.store.listQuotations(request.query)),
  );

  app.get(
    '/quotations/:quotationId',
    {
      // One stored document by its key: as cheap as the response cache would be.
      config: { responseCache: false },
      schema: {
        operationId: 'getQuotation',
        summary: 'Get one quotation',
        description: 'A claim attributed to a source, with its article and the evidence anchoring it in the body.',
        tags: ['quotations'],
        params: QuotationParams,
        querystring: NoQuery,
        response: { 200: ref(Quotation), ...NOT_MODIFIED, ...problems(...READ_ONE_ERRORS) },
      },
    },
    async (request, reply) => {
      const json = await app.store.quotationJson(request.params.quotationId);
      if (!json) throw notFound('quotation', request.params.quotationId);
      return sendJsonText(reply, json);
    },
  );
};

export default quotationRoutes;
