// A typed client for the Editorial Data API: openapi-fetch over the types that openapi-typescript
// generates from the served OpenAPI document (schema.d.ts: `npm run client:generate`, never edited
// by hand). Every path, parameter, body and response is typed from the document, so a change to
// the API that breaks a caller fails its type-check.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, paths };
/** The API's shapes by component name: `Schemas['Article']`, `Schemas['Recommendation']`... */
export type Schemas = components['schemas'];

export interface EditorialClientOptions {
  /** An API key with the `write` scope, sent as a bearer token; reads need none. */
  apiKey?: string;
  /** Another fetch (a test double, an instrumented one); the global fetch by default. */
  fetch?: typeof globalThis.fetch;
}

/**
 * A client for the API at `baseUrl` (`http://127.0.0.1:3000`). List parameters such as `include`
 * are sent the way the document says (style form, explode false: `include=body,actors`).
 */
export function createEditorialClient(baseUrl: string, { apiKey, fetch }: EditorialClientOptions = {}) {
  // Responses are typed as their application/json form; ask for another with `headers: { accept }`
  // and `parseAs: 'text'` (CSV) or read it as the JSON it is (JSON-LD, Web Annotation).
  const client = createClient<paths, 'application/json'>({
    baseUrl,
    querySerializer: { array: { style: 'form', explode: false } },
    ...(fetch ? { fetch } : {}),
  });
  if (apiKey !== undefined) {
    const auth: Middleware = {
      onRequest({ request }) {
        request.headers.set('authorization', `Bearer ${apiKey}`);
        return request;
      },
    };
    client.use(auth);
  }
  return client;
}

export type EditorialClient = ReturnType<typeof createEditorialClient>;
