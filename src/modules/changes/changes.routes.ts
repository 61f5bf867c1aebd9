// GET /v1/changes: the change feed, as keyset pages (JSON) or, with Accept: text/event-stream, as
// Server-Sent Events that resume from Last-Event-ID. A stream pushes the changes written after it
// began, from this node or any other (it watches the store's data version, which every write on
// any node moves), sends a heartbeat comment when idle, lives a bounded time (the client's
// EventSource reconnects with Last-Event-ID) and ends when the server shuts down.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServerResponse } from 'node:http';
import { Change, ChangeList, ChangeListQuery } from '../../schemas/changes.js';
import { ref } from '../../schemas/common.js';
import { HttpProblem } from '../../shared/errors.js';
import { MediaTypes } from '../../shared/negotiation.js';
import { NOT_MODIFIED, problems, READ_ERRORS } from '../../shared/responses.js';
import { finiteParameter } from '../../shared/pagination.js';
import type { Store } from '../../store/store.js';

export interface ChangeStreamOptions {
  /** How often open streams look for new writes (the store's data version), in ms. */
  pollMs: number;
  /** A comment line after this long without an event, so proxies keep the connection, in ms. */
  heartbeatMs: number;
  /** A stream ends after this long (the client reconnects with Last-Event-ID), in ms. */
  lifetimeMs: number;
}

/** The largest seq a feed can reach (a 32-bit integer column on both engines). */
const MAX_SEQ = 2147483647;

export const DEFAULT_CHANGE_STREAM: ChangeStreamOptions = { pollMs: 500, heartbeatMs: 15_000, lifetimeMs: 300_000 };

const EventStreamHeaders = Type.Object({
  'last-event-id': Type.Optional(
    Type.String({
      pattern: '^[0-9]{1,10}$',
      description: 'With `Accept: text/event-stream`: the `id` (seq) of the last event received; the stream resumes after it (and `since` is ignored).',
    }),
  ),
});

const EVENT_STREAM_DESCRIPTION =
  'Server-Sent Events, one per change: `id: <seq>`, `event: change`, `data: <Change as JSON>`; first a `retry: 1000` line, ' +
  'and a `: heartbeat` comment when nothing happened for a while. The stream ends after a few minutes or on shutdown; ' +
  'EventSource reconnects and sends Last-Event-ID.';

/** One open event stream: it writes every change after `last`, in order, one batch at a time. */
class Stream {
  private busy = false;
  private again = false;
  private lastWrite = Date.now();
  closed = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly store: Store,
    private last: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Writes what the feed holds after the last change sent; called again while it runs, it runs once more. */
  pump(): void {
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    void (async () => {
      try {
        do {
          this.again = false;
          for (;;) {
            const page = await this.store.listChanges({ since: this.last, limit: 100 });
            if (this.closed || page.data.length === 0) break;
            for (const change of page.data) this.send(`id: ${change.seq}\nevent: change\ndata: ${JSON.stringify(change)}\n\n`);
            this.last = page.data[page.data.length - 1]!.seq;
            if (page.page.nextCursor === null) break;
          }
        } while (this.again && !this.closed);
      } catch (err) {
        this.onError(err);
        this.end();
      } finally {
        this.busy = false;
      }
    })();
  }

  send(text: string): void {
    if (this.closed) return;
    this.lastWrite = Date.now();
    this.res.write(text);
  }

  heartbeat(heartbeatMs: number): void {
    if (Date.now() - this.lastWrite >= heartbeatMs) this.send(': heartbeat\n\n');
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.res.end();
  }
}

const changeRoutes: FastifyPluginAsyncTypebox<{ stream?: Partial<ChangeStreamOptions> }> = async (app, options) => {
  const { pollMs, heartbeatMs, lifetimeMs } = { ...DEFAULT_CHANGE_STREAM, ...options.stream };
  const streams = new Set<Stream>();
  let version: string | undefined;
  let timer: NodeJS.Timeout | undefined;

  // One watcher for every stream of this node: when the data version moves, each stream reads on.
  const watch = async () => {
    try {
      const now = await app.store.dataVersion();
      if (now !== version) {
        version = now;
        for (const stream of streams) stream.pump();
      }
      for (const stream of streams) stream.heartbeat(heartbeatMs);
    } catch (err) {
      app.log.error({ err }, 'change stream: reading the data version failed');
    }
  };
  const startWatching = () => {
    if (timer) return;
    timer = setInterval(() => void watch(), pollMs);
    timer.unref();
  };
  const stopWatching = () => {
    if (streams.size || !timer) return;
    clearInterval(timer);
    timer = undefined;
    version = undefined;
  };

  // Streams never finish by themselves: end them first, so the server's graceful close does not wait.
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
  });

  app.get(
    '/changes',
    {
      schema: {
        operationId: 'listChanges',
        summary: 'Follow every write',
        description:
          'The change feed: every article, actor and source that a write created, changed or deleted, in commit order ' +
          '(`seq`). Start with `since=0` and apply each change: an `upsert` means GET the entity again, a `delete` that ' +
          'it is gone. Then ask again with `since` = the last seq you applied (or follow `page.nextCursor`). The feed ' +
          "keeps each entity's latest change only (compacted), deletes included, so `since=0` always rebuilds the whole " +
          'data set and no consumer ever falls too far behind. With `Accept: text/event-stream` the same changes come as ' +
          'Server-Sent Events, and new ones are pushed as they are written.',
        tags: ['changes'],
        querystring: ChangeListQuery,
        headers: EventStreamHeaders,
        response: {
          200: {
            description: 'Changes after `since`, oldest first.',
            content: {
              'application/json': { schema: ref(ChangeList) },
              'text/event-stream': { schema: Type.String({ description: EVENT_STREAM_DESCRIPTION, examples: [`id: 1\nevent: change\ndata: ${JSON.stringify((Change.examples as unknown[])[0])}\n\n`] }) },
            },
          },
          ...NOT_MODIFIED,
          ...problems(...READ_ERRORS),
        },
      },
    },
    async (request, reply) => {
      finiteParameter(request.query.since, 'since');
      if (request.representation !== MediaTypes.eventStream) return app.store.listChanges(request.query);

      const lastEventId = request.headers['last-event-id'];
      const since = lastEventId !== undefined ? Number(lastEventId) : (request.query.since ?? 0);
      if (since > MAX_SEQ) {
        throw new HttpProblem(400, `Last-Event-ID ${lastEventId} is past any seq (at most ${MAX_SEQ}).`, [{ path: '/last-event-id', message: `must be at most ${MAX_SEQ}` }]);
      }
      if (request.query.cursor !== undefined) {
        throw new HttpProblem(400, "A change stream starts at `since` (or Last-Event-ID), not at a page's cursor.", [
          { path: '/cursor', message: 'not allowed with Accept: text/event-stream' },
        ]);
      }
      // The headers the hooks set (CORS, rate limits, security) go out with the stream's own.
      const headers = { ...reply.getHeaders(), 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' };
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, headers as Record<string, string>);
      const stream = new Stream(res, app.store, since, (err) => request.log.error({ err }, 'change stream failed'));
      streams.add(stream);
      stream.send('retry: 1000\n\n');
      const lifetime = setTimeout(() => stream.end(), lifetimeMs);
      const forget = () => {
        clearTimeout(lifetime);
        stream.closed = true;
        streams.delete(stream);
        stopWatching();
      };
      res.once('close', forget);
      res.once('finish', forget);
      startWatching();
      stream.pump();
    },
  );
};

export default changeRoutes;
