// Query parameters that take a comma-separated list of known words (OpenAPI style form, explode
// false: `include=body,actors`). The query string parser sees one string; this hook makes it the
// array the schema declares (an array of an enum, so clients and fuzzers know every word) before
// validation, keeping what the API has always accepted: spaces around words, empty items, a word
// twice, the parameter repeated; and refusing an unknown word with a 400 that names it.
import type { FastifyRequest } from 'fastify';
import { HttpProblem } from './errors.js';

/** The longest list text accepted, as the parameter's schema once said with maxLength. */
const MAX_LENGTH = 100;

export function commaList(name: string, allowed: readonly string[]) {
  return async (request: FastifyRequest) => {
    const query = request.query as Record<string, unknown>;
    const raw = query[name];
    if (raw === undefined) return;
    const texts = Array.isArray(raw) ? raw : [raw];
    if (texts.some((t) => typeof t !== 'string')) return; // the schema refuses it
    const text = (texts as string[]).join(',');
    if (text.length > MAX_LENGTH) {
      throw new HttpProblem(400, `Invalid query parameter: '${name}' must NOT have more than ${MAX_LENGTH} characters.`, [
        { path: `/${name}`, message: `must NOT have more than ${MAX_LENGTH} characters` },
      ]);
    }
    const words = text.split(',').map((w) => w.trim()).filter(Boolean);
    const unknown = words.filter((w) => !allowed.includes(w));
    if (unknown.length) {
      throw new HttpProblem(
        400,
        `Invalid query parameter '${name}': unknown part(s) ${unknown.map((u) => `'${u}'`).join(', ')}; allowed: ${allowed.join(', ')}.`,
        [{ path: `/${name}`, message: `must be a comma-separated list of: ${allowed.join(', ')}` }],
      );
    }
    query[name] = words;
  };
}
