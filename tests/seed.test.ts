import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { sliceCodePoints } from './helpers/text.js';
import { seedStore } from '../src/ingest/seed.js';
import { seedFolder } from '../src/paths.js';
import { INDUS_OP_ED } from '../src/schemas/ingest.examples.js';
import { validateIngestDocument } from '../src/ingest/validate.js';
import { openStore } from '../src/store/open.js';
import { getJson, SEED_ID, testApp, sqliteOf } from './helpers/app.js';

const app = await testApp();
const seedDoc = JSON.parse(readFileSync(join(seedFolder, `${SEED_ID}.json`), 'utf8'));
const { body: article } = await getJson(app, `/v1/articles/${SEED_ID}?include=body,actors,recommendations,quotations`);

describe('the seed editorial', () => {
  it('carries the full text without the headline or the "Published in Dawn" footer', () => {
    expect(article.body).toBe(seedDoc.body);
    expect(article.body.startsWith('PAKISTAN’S troubled relationship with Afghanistan')).toBe(true);
    expect(article.body.endsWith('The fight against terrorism demands a united stance.')).toBe(true);
    expect(article.body).not.toContain('Published in Dawn');
    expect(article).toMatchObject({
      headline: 'Anti-terrorism fight',
      kind: 'editorial',
      publication: { id: 'dawn', name: 'Dawn' },
      datePublished: '2026-01-10',
      language: 'en',
      wordCount: 432,
      counts: { actors: 14, recommendations: 8, quotations: 2 },
    });
  });

  it('anchors every recommendation, quotation and mention exactly in the body', () => {
    const anchors = [
      ...article.recommendations.map((r: any) => r.evidence),
      ...article.quotations.map((q: any) => q.evidence),
      ...article.actors.flatMap((a: any) => a.mentions),
    ];
    expect(anchors.length).toBeGreaterThan(40);
    for (const { exact, start, end } of anchors) {
      expect(sliceCodePoints(article.body, start, end)).toBe(exact);
    }
  });

  it('names every actor the text discusses, each found in the text', () => {
    const ids = article.actors.map((a: any) => a.id).sort();
    expect(ids).toEqual(
      [
        'afghan-taliban', 'afghanistan', 'afghanistan-based-militant-groups', 'central-asian-states', 'china', 'civilians',
        'different-quarters-within-pakistan', 'gulf-states', 'international-crisis-group', 'pakistan', 'pakistan-armed-forces',
        'pakistan-police', 'pakistani-stakeholders', 'ttp',
      ].sort(),
    );
    for (const actor of article.actors) expect(actor.mentions.length, actor.id).toBeGreaterThan(0);
    const byId = Object.fromEntries(article.actors.map((a: any) => [a.id, a]));
    expect(byId['afghan-taliban']).toMatchObject({ portrayal: 'critical', roles: expect.arrayContaining(['perpetrator']) });
    expect(byId.ttp.mentions.map((m: any) => m.exact)).toEqual(['TTP', 'TTP']);
    expect(byId.pakistan.roles).toContain('addressee');
  });

  it('records every recommendation with its modal strength, priority by emphasis, partners and what it argues against', () => {
    const recs = article.recommendations;
    expect(recs.map((r: any) => r.priority)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(recs[0].evidence.exact.startsWith('Most importantly')).toBe(true);
    expect(recs.every((r: any) => r.addressee.id === 'pakistan')).toBe(true);
    for (const r of recs) {
      const modal = r.evidence.exact.match(/\b(must|should|could|demands)\b/)?.[1];
      expect(modal, r.evidence.exact).toBeDefined();
      expect(r.strength).toBe(modal === 'demands' ? 'must' : modal);
    }
    const border = recs.find((r: any) => r.domain === 'border-security');
    expect(border).toMatchObject({
      strength: 'should',
      instruments: ['technology', 'intelligence-sharing', 'regulated crossings'],
      against: ['ad hoc closures that damage livelihoods'],
      evidence: { start: 2285 },
    });
    const regional = recs.find((r: any) => r.partners.length === 3);
    expect(regional.partners.map((p: any) => p.id)).toEqual(['china', 'gulf-states', 'central-asian-states']);
  });

  it('records both attributed claims with their sources and reporting verbs', () => {
    expect(article.quotations.map((q: any) => [q.source.id, q.kind, q.verb])).toEqual([
      ['international-crisis-group', 'indirect', 'notes'],
      ['different-quarters-within-pakistan', 'indirect', 'pointed out'],
    ]);
  });

  it('reloads idempotently: a second seed leaves the article unchanged', async () => {
    expect(await seedStore(app.store)).toEqual([{ id: SEED_ID, outcome: 'unchanged' }]);
    const { body: again } = await getJson(app, `/v1/articles/${SEED_ID}`);
    expect(again.updatedAt).toBe(article.updatedAt);
  });
});

describe('the Swagger example beside the seed', () => {
  it('loads in either order on an empty database: the example and the seed agree on every actor and source they share', async () => {
    for (const order of ['example first', 'seed first']) {
      const { store } = await openStore({ databasePath: ':memory:' });
      try {
        const example = () => store.writeArticle(validateIngestDocument(structuredClone(INDUS_OP_ED)), 'create');
        if (order === 'example first') {
          expect((await example()).outcome, order).toBe('created');
          expect(await seedStore(store), order).toEqual([{ id: SEED_ID, outcome: 'created' }]);
        } else {
          expect(await seedStore(store), order).toEqual([{ id: SEED_ID, outcome: 'created' }]);
          expect((await example()).outcome, order).toBe('created');
        }
        const pakistan = seedDoc.actors.find((a: { id: string }) => a.id === 'pakistan');
        expect(await store.getActor('pakistan'), order).toMatchObject({
          name: pakistan.name,
          type: pakistan.type,
          description: pakistan.description,
          aliases: pakistan.aliases,
        });
      } finally {
        await store.close();
      }
    }
  });
});

describe('first start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'editorial-seed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates and seeds a new database file, and a later start leaves existing data alone', async () => {
    const databasePath = join(dir, 'nested', 'editorial.sqlite');
    const first = await buildApp({ databasePath });
    expect((await first.inject(`/v1/articles/${SEED_ID}`)).statusCode).toBe(200);
    sqliteOf(first).prepare('DELETE FROM articles').run();
    await first.close();

    const second = await buildApp({ databasePath });
    const list = await second.inject('/v1/articles');
    expect(JSON.parse(list.body).page.total).toBe(0);
    await second.close();
  });

  it('builds the stored documents an existing database lacks when it starts', async () => {
    const databasePath = join(dir, 'documents.sqlite');
    const first = await buildApp({ databasePath });
    const before = (await first.inject(`/v1/articles/${SEED_ID}?include=actors,recommendations,quotations`)).body;
    sqliteOf(first).prepare('DELETE FROM article_documents').run();
    sqliteOf(first).prepare('UPDATE recommendations SET document = NULL').run();
    await first.close();

    const second = await buildApp({ databasePath });
    expect((await second.inject(`/v1/articles/${SEED_ID}?include=actors,recommendations,quotations`)).body).toBe(before);
    expect((await second.inject(`/v1/recommendations/${SEED_ID}.r1`)).statusCode).toBe(200);
    await second.close();
  });
});
