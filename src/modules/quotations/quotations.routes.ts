import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ref } from '../common/common.schemas.js';
import { notFound } from '../common/errors.js';
import { NoQuery } from '../common/query.schemas.js';
import { NOT_MODIFIED, problems, READ_ERRORS, READ_ONE_ERRORS, sendJsonText, sendPage } from '../common/responses.js';
import { listQuotations, quotationJson } from './quotations.repository.js';
import { Quotation, QuotationList, QuotationListQuery, QuotationParams } from './quotations.schemas.js';

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
    async (request, reply) => sendPage(reply, listQuotations(app.db, request.query)),
  );

  app.get(
    '/quotations/:quotationId',
    {
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
      const json = quotationJson(app.db, request.params.quotationId);
      if (!json) throw notFound('quotation', request.params.quotationId);
      return sendJsonText(reply, json);
    },
  );
};

export default quotationRoutes;
