// Bearer-key authorization for writes. Reads stay open. Runs in onRequest, before the body is
// read, so an unauthorized client learns nothing about its payload. Refused keys spend the
// client's failed-authentication budget (see the limits plugin).
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../shared/errors.js';
import type { Scope } from '../shared/keys.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** An onRequest hook that admits only requests with a valid key holding one of `scopes`. */
    requireScope(...scopes: Scope[]): (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

const REALM = 'Bearer realm="editorial-data-api"';

export default fp(
  async (app) => {
    app.decorate('requireScope', (...wanted: Scope[]) => async (request: FastifyRequest) => {
      const header = request.headers.authorization;
      if (!header) {
        throw new HttpProblem(401, 'This operation needs an API key: send Authorization: Bearer <key>.', undefined, {
          'www-authenticate': REALM,
        });
      }
      await app.checkAuthBudget(request);
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      const scopes = match ? await app.store.verifyKey(match[1]!) : undefined;
      if (!scopes) {
        await app.authFailed(request);
        throw new HttpProblem(401, 'The API key is malformed, unknown or revoked.', undefined, {
          'www-authenticate': `${REALM}, error="invalid_token"`,
        });
      }
      if (!wanted.some((scope) => scopes.includes(scope))) {
        await app.authFailed(request);
        const scope = wanted.join(' ');
        throw new HttpProblem(403, `This API key lacks the '${wanted.join("' or '")}' scope.`, undefined, {
          'www-authenticate': `${REALM}, error="insufficient_scope", scope="${scope}"`,
        });
      }
    });
  },
  { name: 'auth', dependencies: ['db', 'limits'] },
);
