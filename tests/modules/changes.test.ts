// The change feed (GET /v1/changes) and revisions under a random workload through the real API:
// creates, replacements that rename actors, sources and publications (which revise other articles),
// and deletes. A consumer that follows the feed from 0 while the writes go on, and another that
// replays it from 0 into an empty mirror afterwards, end with exactly what every GET answers; every
// revision served during the run reads back byte for byte.
import { describe, expect, it, vi } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import type { IngestDocument } from '../../src/schemas/ingest.js';
import { sliceCodePoints } from '../helpers/text.js';
import { ENGINE, checkProblem, getJson, testApp, walk } from '../helpers/app.js';
import { random, syntheticArticle } from '../helpers/fixtures.js';


/** Writes in the workload; FEED_REPLAY_WRITES=3000 for the figure in the report. */
const WRITES = Number(process.env.FEED_REPLAY_WRITES ?? (ENGINE === 'postgres' ? 150 : 400));
vi.setConfig({ testTimeout: Math.max(600_000, WRITES * 500) });
const ARTICLES = 40;
const INCLUDE_ALL = 'include=body,actors,recommendations,quotations';

const app = await testApp({ changeStream: { pollMs: 20, heartbeatMs: 150, lifetimeMs: 3000 } });
const key = await app.store.createKey('feed-writer', ['write']);
const auth = { authorization: `Bearer ${key}` };

interface Change {
  seq: number;
  type: 'article' | 'actor' | 'source';
  id: string;
  action: 'upsert' | 'delete';
  at: string;
  revision: number | null;
}

const urlOf = (c: Pick<Change, 'type' | 'id'>) =>
  c.type === 'article' ? `/v1/articles/${c.id}?${INCLUDE_ALL}` : `/v1/${c.type === 'actor' ? 'actors' : 'sources'}/${c.id}`;

/** A consumer: a mirror of every entity's GET, kept by applying the feed from `since`. */
class Consumer {
  mirror = new Map<string, string>();
  since = 0;
  applied = 0;

  constructor(private readonly app: App) {}

  async catchUp(limit = 50): Promise<void> {
    for (;;) {
      const { status, body } = await getJson<{ data: Change[]; page: { nextCursor: string | null } }>(this.app, `/v1/changes?since=${this.since}&limit=${limit}`);
      expect(status).toBe(200);
      for (const change of body.data) {
        expect(change.seq).toBeGreaterThan(this.since);
        await this.apply(change);
        this.since = change.seq;
      }
      if (body.page.nextCursor === null) return;
    }
  }

  async apply(change: Change): Promise<void> {
    this.applied++;
    const key = `${change.type}/${change.id}`;
    if (change.action === 'delete') return void this.mirror.delete(key);
    const res = await this.app.inject(urlOf(change));
    // Deleted since this page was read: its tombstone comes later in the feed.
    if (res.statusCode === 404) return void this.mirror.delete(key);
    expect(res.statusCode).toBe(200);
    this.mirror.set(key, res.body);
  }
}

/** Every entity the API serves now, by the same keys, with the bytes of its GET. */
async function everything(app: App): Promise<Map<string, string>> {
  const all = new Map<string, string>();
  for (const type of ['article', 'actor', 'source'] as const) {
    for (const id of await walk(app, `/v1/${type}s`, 100)) {
      const res = await app.inject(urlOf({ type, id }));
      expect(res.statusCode).toBe(200);
      all.set(`${type}/${id}`, res.body);
    }
  }
  return all;
}

function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k));
}

/** The workload: PUTs (creating or replacing, sometimes renaming what they name) and DELETEs. */
async function workload(writes: number, onServed: (id: string, revision: number, plain: string, full: string) => void, between: () => Promise<void>) {
  const next = random(20260110);
  const actorNames = new Map<string, string>();
  const sourceNames = new Map<string, string>();
  const publicationNames = new Map<string, string>();
  const live = new Set<string>();
  let renames = 0;
  let deletes = 0;
  for (let w = 0; w < writes; w++) {
    const i = Math.floor(next() * ARTICLES);
    const base = syntheticArticle(i);
    const id = base.id!;
    if (live.has(id) && next() < 0.15) {
      const res = await app.inject({ method: 'DELETE', url: `/v1/articles/${id}`, headers: auth });
      expect(res.statusCode).toBe(204);
      live.delete(id);
      deletes++;
    } else {
      const doc: IngestDocument = structuredClone(base);
      doc.headline = `${doc.headline} v${w}`;
      for (const actor of doc.actors) {
        actor.name = actorNames.get(actor.id) ?? actor.name;
        if (next() < 0.05) {
          actor.name = `${actor.name.split(' #')[0]} #${w}`;
          actor.update = true;
          renames++;
        }
      }
      for (const q of doc.quotations) {
        q.source.name = sourceNames.get(q.source.id) ?? q.source.name;
        if (next() < 0.05) {
          q.source.name = `${q.source.name.split(' #')[0]} #${w}`;
          q.source.update = true;
        }
      }
      doc.publication.name = publicationNames.get(doc.publication.id) ?? doc.publication.name;
      if (next() < 0.03) doc.publication.name = `${doc.publication.name.split(' #')[0]} #${w}`;
      if (next() < 0.3) doc.quotations = [];
      if (next() < 0.3) doc.recommendations = doc.recommendations.slice(0, 1);
      const res = await app.inject({ method: 'PUT', url: `/v1/articles/${id}`, headers: auth, payload: doc });
      expect(res.statusCode, res.body).toBeOneOf([200, 201]);
      for (const actor of doc.actors) actorNames.set(actor.id, actor.name);
      for (const q of doc.quotations) sourceNames.set(q.source.id, q.source.name);
      publicationNames.set(doc.publication.id, doc.publication.name);
      live.add(id);
      const revision = Number(res.headers.revision);
      expect(JSON.parse(res.body).revision).toBe(revision);
      const full = await app.inject(`/v1/articles/${id}?${INCLUDE_ALL}`);
      expect(full.headers.revision).toBe(String(revision));
      onServed(id, revision, res.body, full.body);
    }
    if (w % 37 === 0) await between();
  }
  return { renames, deletes };
}

/** A synthetic article naming its actors and sources as the registry now does (the workload renames them). */
async function current(i: number): Promise<IngestDocument> {
  const doc = syntheticArticle(i);
  for (const actor of doc.actors) {
    const { status, body } = await getJson(app, `/v1/actors/${actor.id}`);
    if (status === 200) actor.name = body.name;
  }
  for (const q of doc.quotations) {
    const { status, body } = await getJson(app, `/v1/sources/${q.source.id}`);
    if (status === 200) q.source.name = body.name;
  }
  return doc;
}

describe('the change feed and revisions under a random workload', () => {
  it(`a consumer following the feed, and one replaying it from 0, end with every GET's answer (${WRITES} writes)`, async () => {
    const following = new Consumer(app);
    await following.catchUp();
    const served = new Map<string, { plain: string; full: string }>();
    const started = Date.now();
    const { renames, deletes } = await workload(
      WRITES,
      (id, revision, plain, full) => served.set(`${id}@${revision}`, { plain, full }),
      () => following.catchUp(),
    );
    await following.catchUp();
    const truth = await everything(app);
    const replay = new Consumer(app);
    await replay.catchUp(100);

    const followingDiffs = differences(following.mirror, truth);
    const replayDiffs = differences(replay.mirror, truth);
    console.log(
      `change feed: ${WRITES} writes (${deletes} deletes, ${renames} actor renames) in ${Date.now() - started} ms; ` +
        `${truth.size} entities; follower applied ${following.applied} changes, ${followingDiffs.length} differences; ` +
        `replay from 0 applied ${replay.applied}, ${replayDiffs.length} differences`,
    );
    expect(followingDiffs).toEqual([]);
    expect(replayDiffs).toEqual([]);
    // Compacted: one change per entity ever seen, so a replay is no longer than the data (plus tombstones).
    const { body: tail } = await getJson(app, '/v1/changes?limit=1');
    expect(tail.page.total).toBe(replay.applied);

    // Every revision served during the run reads back byte for byte, with anchors valid against its body.
    let checked = 0;
    for (const [key, { plain, full }] of served) {
      const [id, revision] = key.split('@') as [string, string];
      const asWas = await app.inject(`/v1/articles/${id}?revision=${revision}&${INCLUDE_ALL}`);
      expect(asWas.statusCode).toBe(200);
      expect(asWas.body).toBe(full);
      expect(asWas.headers.revision).toBe(revision);
      expect((await app.inject(`/v1/articles/${id}?revision=${revision}`)).body).toBe(plain);
      const article = JSON.parse(full);
      for (const part of [...article.recommendations, ...article.quotations]) {
        expect(sliceCodePoints(article.body, part.evidence.start, part.evidence.end)).toBe(part.evidence.exact);
      }
      checked++;
    }
    console.log(`revisions: ${checked} served revisions read back byte-identical`);
    expect(checked).toBeGreaterThan(WRITES / 2);
  });

  it('lists changes in seq order, keyset-paged, with a tombstone for a delete that keeps its last revision', async () => {
    const doc = await current(900);
    expect((await app.inject({ method: 'PUT', url: `/v1/articles/${doc.id}`, headers: auth, payload: doc })).statusCode).toBe(201);
    expect((await app.inject({ method: 'PUT', url: `/v1/articles/${doc.id}`, headers: auth, payload: { ...doc, headline: 'Renamed' } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: `/v1/articles/${doc.id}`, headers: auth })).statusCode).toBe(204);

    const seqs: number[] = [];
    let url = '/v1/changes?limit=7';
    for (;;) {
      const { body } = await getJson(app, url);
      seqs.push(...body.data.map((c: Change) => c.seq));
      if (!body.page.nextCursor) break;
      url = `/v1/changes?limit=7&cursor=${body.page.nextCursor}`;
    }
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    const { body } = await getJson(app, `/v1/changes?since=${seqs.at(-1)! - 10}&limit=100`);
    const tombstone = body.data.find((c: Change) => c.id === doc.id);
    expect(tombstone).toMatchObject({ type: 'article', action: 'delete', revision: 2 });
    // The actors and sources it named are upserted after it: their counts changed.
    expect(body.data.filter((c: Change) => c.seq > tombstone.seq && c.type !== 'article').length).toBeGreaterThan(0);

    checkProblem(await app.inject('/v1/changes?since=-1'), 400);
    checkProblem(await app.inject('/v1/changes?cursor=bm9wZQ'), 400);
  });

  it('streams changes as Server-Sent Events: from Last-Event-ID, new writes pushed, heartbeats, a bounded lifetime', async () => {
    const { body } = await getJson(app, '/v1/changes?limit=1');
    const { body: all } = await getJson(app, `/v1/changes?limit=100&since=${Math.max(0, body.page.total - 3)}`);
    const last = (all.data as Change[]).at(-1)!.seq;
    const stream = app.inject({ url: '/v1/changes', headers: { accept: 'text/event-stream', 'last-event-id': String(last - 1) } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const doc = await current(901);
    expect((await app.inject({ method: 'PUT', url: `/v1/articles/${doc.id}`, headers: auth, payload: doc })).statusCode).toBe(201);
    const res = await stream; // ends when its lifetime (3 s here) is over
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(res.body.startsWith('retry: 1000\n\n')).toBe(true);
    expect(res.body).toContain(': heartbeat\n\n');
    const events = res.body
      .split('\n\n')
      .filter((block) => block.startsWith('id: '))
      .map((block) => {
        const [id, event, data] = block.split('\n');
        expect(event).toBe('event: change');
        return { id: Number(id!.slice(4)), change: JSON.parse(data!.slice(6)) as Change };
      });
    expect(events[0]!.id).toBe(last); // resumed right after Last-Event-ID
    expect(events.every((e, i) => e.id === e.change.seq && (i === 0 || e.id > events[i - 1]!.id))).toBe(true);
    expect(events.map((e) => e.change)).toContainEqual(expect.objectContaining({ type: 'article', id: doc.id, action: 'upsert', revision: 1 }));

    checkProblem(await app.inject({ url: '/v1/changes', headers: { accept: 'text/event-stream', 'last-event-id': 'x1' } }), 400);
  });
});

describe.skipIf(ENGINE !== 'postgres')('the change stream on PostgreSQL', () => {
  it('pushes a write made through another node (another app on the same database)', async () => {
    const url = (app.store as PostgresStore).connection.pool.options.connectionString!;
    const other = await buildApp({ databasePath: ':memory:', databaseUrl: url, changeStream: { pollMs: 20, heartbeatMs: 1000, lifetimeMs: 3000 } });
    try {
      const { body } = await getJson(app, '/v1/changes?limit=1');
      const since = (await getJson(app, `/v1/changes?limit=100&since=${Math.max(0, body.page.total - 1)}`)).body.data.at(-1)?.seq ?? 0;
      const stream = other.inject({ url: '/v1/changes', headers: { accept: 'text/event-stream', 'last-event-id': String(since) } });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const doc = await current(902);
      expect((await app.inject({ method: 'PUT', url: `/v1/articles/${doc.id}`, headers: auth, payload: doc })).statusCode).toBe(201);
      const res = await stream;
      expect(res.body).toContain(`"type":"article","id":"${doc.id}","action":"upsert"`);
    } finally {
      await other.close();
    }
  });
});
