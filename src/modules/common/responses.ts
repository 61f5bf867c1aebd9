// Response declarations shared by routes, so each route lists every status it can send.
import { Problem, ref } from './common.schemas.js';

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid parameters (unknown parameter, bad value, bad cursor).',
  404: 'No resource has that id.',
  405: 'Method not allowed on this path.',
  500: 'A bug: the server failed. Logged.',
};

/** problem+json responses for the given status codes. */
export function problems(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem',
        content: { 'application/problem+json': { schema: ref(Problem) } },
      },
    ]),
  );
}

export const READ_ERRORS = [400, 500];
export const READ_ONE_ERRORS = [400, 404, 500];
