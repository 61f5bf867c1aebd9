// POST /v1/analyze: the assisted reader. Raw text in, a draft ingest document out, every candidate
// anchored to its words, reconciled with the actor registry. The text is read in a worker thread
// within a time budget, so no text can hold the event loop; reading has a request budget of its own.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { candidateNames, toDraft } from '../../reader/draft.js';
import { ReaderBusy, ReaderPool } from '../../reader/pool.js';
import { Analysis, AnalyzeRequest } from '../../reader/reader.schemas.js';
import { ref } from '../../schemas/common.js';
import { ANALYSIS_EXAMPLE, ANALYZE_REQUEST_EXAMPLE } from './analyze.examples.js';
import { NoQuery } from '../../schemas/query.js';
import { strictValidatorCompiler } from '../../ingest/validate.js';
import { HttpProblem } from '../../shared/errors.js';
import { problems } from '../../shared/responses.js';

export interface AnalyzeOptions {
  /** How long one text may take to read, in ms; past it the request is refused (422). */
  timeoutMs: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes as UTF-8 text, or a 400 that says they are not. */
function decode(body: Buffer): string {
  try {
    return utf8.decode(body);
  } catch {
    throw new HttpProblem(400, 'The request body is not valid UTF-8 text.');
  }
}

const analyzeRoutes: FastifyPluginAsyncTypebox<AnalyzeOptions> = async (app, { timeoutMs }) => {
  // The reader (its language model: about 55 MB of memory) loads in its worker on the first text, not at
  // start: a node that is never asked to analyze neither waits for it nor keeps it in memory.
  const pool = new ReaderPool();
  app.addHook('onClose', () => pool.close());

  // A plain-text editorial is accepted as it is (UTF-8 only); JSON is checked for UTF-8 too,
  // rather than read with replacement characters.
  app.addContentTypeParser('text/plain', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    const charset = /charset=([^;]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.trim().toLowerCase();
    if (charset && charset !== 'utf-8' && charset !== 'utf8') {
      return done(new HttpProblem(415, `The text must be UTF-8; it was sent as ${charset}.`), undefined);
    }
    try {
      done(null, { body: decode(body) });
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body: Buffer, done) => {
    try {
      const text = decode(body);
      if (text.trim() === '') throw new HttpProblem(400, 'The request body is empty: send a JSON object with the text in `body`.');
      done(null, JSON.parse(text));
    } catch (err) {
      done(err instanceof HttpProblem ? err : new HttpProblem(400, `The request body is not valid JSON: ${(err as Error).message}.`), undefined);
    }
  });

  app.post(
    '/analyze',
    {
      onRequest: app.requireScope('read', 'write'),
      config: { budget: 'analyses' },
      // No coercion, no defaults: `"home": false` is a 400, as in an ingest document.
      validatorCompiler: strictValidatorCompiler,
      schema: {
        operationId: 'analyzeText',
        summary: 'Read an editorial: a draft for an analyst to review',
        description:
          'The assisted reader proposes a reading of a raw editorial: its actors, its recommendations (addressee, ' +
          'strength, statement, domain, instruments, partners) and its quotations (source, kind, verb, claim), each ' +
          'anchored to its exact words, with a confidence (0-1), the rule that produced it and, for an addressee, the ' +
          'alternatives it weighed. `draft` holds the candidates of confidence 0.5 or more as an ingest document that ' +
          'POST /v1/articles accepts as it is; actors the registry already knows keep their id and name. Send JSON, ' +
          'or the text alone as `text/plain; charset=utf-8`. Needs an API key (either scope) and has its own request ' +
          "budget. The reader's rules are for English. Nothing is stored.",
        tags: ['analyze'],
        security: [{ bearerAuth: [] }],
        querystring: NoQuery,
        // The components stay as the reader defines them; the operation shows the seed editorial
        // read as its examples (analyze.examples.ts), which OpenAPI puts beside a $ref only through allOf.
        body: Type.Unsafe<AnalyzeRequest>({ allOf: [ref(AnalyzeRequest)], examples: [ANALYZE_REQUEST_EXAMPLE] }),
        response: {
          200: Type.Unsafe<Analysis>({
            allOf: [ref(Analysis)],
            description: Analysis.description,
            examples: [ANALYSIS_EXAMPLE],
          }),
          ...problems(400, 401, 403, 413, 415, 422, 500, 503),
        },
      },
    },
    async (request) => {
      const input = request.body;
      if (input.language && !/^en\b/.test(input.language)) {
        throw new HttpProblem(422, `The reader reads English only; this text is '${input.language}'.`, [
          { path: '/language', message: 'only en is supported' },
        ]);
      }
      if (!/\p{L}{2,}/u.test(input.body)) {
        throw new HttpProblem(422, 'The text has no sentences to read: it holds no words.', [{ path: '/body', message: 'no words' }]);
      }
      let reading;
      try {
        reading = await pool.read(input, timeoutMs);
      } catch (err) {
        if (err instanceof ReaderBusy) {
          throw new HttpProblem(503, `The reader is busy (${err.message}); retry in a few seconds.`, undefined, { 'retry-after': '5' });
        }
        const name = (err as Error).name;
        if (name === 'ReaderTimeout') {
          throw new HttpProblem(422, `The text could not be read within the time budget (${timeoutMs} ms): split it or shorten it.`, [
            { path: '/body', message: 'too long or too complex to read in time' },
          ]);
        }
        if (name === 'ReaderInputTooLarge') {
          throw new HttpProblem(413, (err as Error).message);
        }
        throw err;
      }
      const known = await app.store.actorsNamed(candidateNames(reading));
      return toDraft(reading, input, known);
    },
  );
};

export default analyzeRoutes;
