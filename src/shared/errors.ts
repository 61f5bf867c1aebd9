import type { Static } from '@sinclair/typebox';
import type { ErrorObject } from 'ajv';
import type { ProblemError } from '../schemas/common.js';
// An HTTP problem that any layer may throw; the problems plugin renders it as RFC 9457 JSON.

/** One entry of a problem's `errors`: the schema's item, as the API documents it. */
export type FieldError = Static<typeof ProblemError>;

const TITLES: Record<number, [slug: string, title: string]> = {
  400: ['bad-request', 'Bad Request'],
  401: ['unauthorized', 'Unauthorized'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not Found'],
  405: ['method-not-allowed', 'Method Not Allowed'],
  406: ['not-acceptable', 'Not Acceptable'],
  408: ['request-timeout', 'Request Timeout'],
  409: ['conflict', 'Conflict'],
  412: ['precondition-failed', 'Precondition Failed'],
  413: ['content-too-large', 'Content Too Large'],
  414: ['uri-too-long', 'URI Too Long'],
  415: ['unsupported-media-type', 'Unsupported Media Type'],
  422: ['unprocessable-content', 'Unprocessable Content'],
  428: ['precondition-required', 'Precondition Required'],
  429: ['too-many-requests', 'Too Many Requests'],
  431: ['request-header-fields-too-large', 'Request Header Fields Too Large'],
  500: ['internal-error', 'Internal Server Error'],
  503: ['service-unavailable', 'Service Unavailable'],
};

export function problemType(status: number): { type: string; title: string } {
  const [slug, title] = TITLES[status] ?? (status >= 500 ? TITLES[500]! : TITLES[400]!);
  return { type: `urn:editorial-data-api:problem:${slug}`, title };
}

/** The RFC 9457 document for a status, a detail and the request's URL (its path is the instance). */
export function problemBody(status: number, detail: string, url: string, errors?: FieldError[]) {
  return { ...problemType(status), status, detail, instance: url.split('?')[0], ...(errors?.length ? { errors } : {}) };
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export const notFound = (what: string, id: string) => new HttpProblem(404, `No ${what} has the id '${id}'.`);

/** Turns ajv errors into `{ path, message }` with JSON Pointer paths. */
export function describeSchemaErrors(errors: ErrorObject[], root = ''): FieldError[] {
  return errors.map((e) => {
    const path = `${root}${e.instancePath}`;
    if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      return { path: `${path}/${extra}`, message: `unknown field '${extra}'` };
    }
    if (e.keyword === 'required') {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      return { path: `${path}/${missing}`, message: `missing required field '${missing}'` };
    }
    if (e.keyword === 'enum') {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.join(', ');
      return { path, message: `must be one of: ${allowed}` };
    }
    return { path, message: e.message ?? 'is invalid' };
  });
}
