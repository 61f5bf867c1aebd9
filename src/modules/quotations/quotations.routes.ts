import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { quotationTable } from '../../formats/csv.js';
import { csvRepresentations } from '../../schemas/formats.js';
import { MediaTypes } from '../../shared/negotiation.js';
import { parsedPage } from '../../shared/pagination.js';
import { notFound } from '../../shared/errors.js';
import { NoQuery, ReadHeaders } from '../../schemas/query.js';
import { problems, readResponses, READ_ERRORS, READ_ONE_ERRORS, sendCsvPage, sendJsonText, sendPage } from '../../shared/responses.js';
import { Quotation, QuotationList, QuotationListQuery, QuotationParams } from '../../schemas/quotations.js';

const quotationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/quotations',
    {
      schema: {
        operationId: 'listQuotations',
        summary: 'List quotations',
        description:
          'Claims attributed to sources across articles, newest articles first, then in text order. ' +
          '`Accept: text/csv` answers the page as a spreadsheet, with the next page in a `Link` header.',
        tags: ['quotations'],
        querystring: QuotationListQuery,
        headers: ReadHeaders,
        response: { ...readResponses(QuotationList, { [MediaTypes.csv]: csvRepresentations.quotations }), ...problems(...READ_ERRORS) },
      },
    },
    async (request, reply) => {
      const page = await app.store.listQuotations(request.query);
      if (request.representation === MediaTypes.csv) return sendCsvPage(reply, quotationTable, parsedPage<Quotation>(page));
      return sendPage(reply, page);
    },
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
        headers: ReadHeaders,
        response: { ...readResponses(Quotation), ...problems(...READ_ONE_ERRORS) },
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
