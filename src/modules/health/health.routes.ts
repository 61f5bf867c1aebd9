import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ref } from '../../schemas/common.js';
import { Health } from '../../schemas/health.js';
import { NoQuery } from '../../schemas/query.js';
import { NOT_MODIFIED, unbudgetedProblems } from '../../shared/responses.js';

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        operationId: 'getHealth',
        summary: 'Liveness and database check',
        description:
          'Answers 200 when the server runs and its database answers a query; 503 otherwise (or while the server ' +
          'sheds load). It is not rate-limited and spends no client budget, so the health checks of every node ' +
          'behind one proxy keep working while a client floods the API.',
        tags: ['health'],
        querystring: NoQuery,
        response: { 200: ref(Health), ...NOT_MODIFIED, ...unbudgetedProblems(400, 503) },
      },
      // Outside the read budget (the limits plugin skips routes whose rateLimit is false).
      config: { rateLimit: false },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      try {
        await app.store.health();
      } catch (err) {
        app.log.error({ err }, 'health check: database failed');
        return reply.problem(503, 'The database does not answer.');
      }
      return { status: 'ok' as const, database: 'ok' as const };
    },
  );
};

export default healthRoutes;
