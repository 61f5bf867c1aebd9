import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableName } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../db/client.js';
import * as schema from '../../db/schema.js';
import { mergeAliases } from '../../src/ingest/rules.js';
import { IngestError, validateIngestDocument } from '../../src/ingest/validate.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { IngestDocument } from '../../src/schemas/ingest.js';
import { getJson, rowCount, SEED_ID, testApp } from '../helpers/app.js';
import { indusOpEd, syntheticArticle } from '../helpers/fixtures.js';

const app = await testApp();

async function rowCounts() {
  const tables = {
    articles: schema.articles,
    publications: schema.publications,
    actors: schema.actors,
    articleActors: schema.articleActors,
    mentions: schema.actorMentions,
    recommendations: schema.recommendations,
    partners: schema.recommendationPartners,
    sources: schema.sources,
    quotations: schema.quotations,
    topics: schema.articleTopics,
  };
  return Object.fromEntries(
    await Promise.all(Object.entries(tables).map(async ([name, table]) => [name, await rowCount(app, getTableName(table))])),
  );
}

async function refusal(doc: unknown, mode: 'create' | 'replace' | 'upsert' = 'create'): Promise<IngestError> {
  try {
    await app.store.writeArticle(validateIngestDocument(doc), mode);
  } catch (err) {
    if (err instanceof IngestError) return err;
    throw err;
  }
  throw new Error('the document was accepted');
}

describe('ingest: structural validation', () => {
  it('refuses unknown fields with a 400 that names them', async () => {
    const err = await refusal({ ...indusOpEd(), colour: 'blue' });
    expect(err.status).toBe(400);
    expect(err.errors).toContainEqual({ path: '/colour', message: "unknown field 'colour'" });
  });

  it('refuses a missing required field and a bad enum value with JSON Pointer paths', async () => {
    const { headline: _h, ...doc } = indusOpEd();
    const bad = { ...doc, recommendations: [{ ...indusOpEd().recommendations[0]!, strength: 'ought' }] };
    const err = await refusal(bad);
    expect(err.status).toBe(400);
    expect(err.errors).toContainEqual({ path: '/headline', message: "missing required field 'headline'" });
    expect(err.errors).toContainEqual({ path: '/recommendations/0/strength', message: 'must be one of: must, should, could' });
  });
});

describe('ingest: rules checked against the body and the registry', () => {
  it('refuses an evidence phrase missing from the body, pointing at the field, and writes nothing', async () => {
    const before = await rowCounts();
    const doc = indusOpEd();
    doc.recommendations[2]!.evidence = { exact: 'Provincial governments must nationalise the canals' };
    const err = await refusal(doc);
    expect(err.status).toBe(422);
    expect(err.errors).toEqual([
      { path: '/recommendations/2/evidence/exact', message: '"Provincial governments must nationalise the canals" does not occur in the body' },
    ]);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses an ambiguous phrase unless a prefix or suffix singles it out', async () => {
    const doc = indusOpEd({ id: 'ambiguous' });
    doc.recommendations[1]!.evidence = { exact: 'India' };
    const err = await refusal(doc);
    expect(err.status).toBe(422);
    expect(err.errors[0]!.path).toBe('/recommendations/1/evidence/exact');
    expect(err.errors[0]!.message).toMatch(/occurs 2 times/);

    const fixed = indusOpEd({ id: 'prefix-suffix-ok' });
    fixed.recommendations[1]!.evidence = { exact: 'India', suffix: ', for its part' };
    await app.store.writeArticle(validateIngestDocument(fixed), 'create');
  });

  it('refuses an addressee, partner or source actor that is neither listed nor known', async () => {
    const doc = indusOpEd({ id: 'unknown-actors' });
    doc.recommendations[0]!.addressee = 'atlantis';
    doc.recommendations[0]!.partners = ['lemuria'];
    doc.quotations[0]!.source = { id: 'unknown-source', name: 'Unknown', type: 'organization', actor: 'mu' };
    const err = await refusal(doc);
    expect(err.status).toBe(422);
    expect(err.errors.map((e) => e.path)).toEqual([
      '/recommendations/0/addressee',
      '/recommendations/0/partners/0',
      '/quotations/0/source/actor',
    ]);
    expect(err.errors[0]!.message).toContain("actor 'atlantis' is neither listed");
  });

  it('refuses duplicate priorities and duplicate actor ids', async () => {
    const doc = indusOpEd({ id: 'duplicates' });
    doc.recommendations[1]!.priority = 1;
    doc.actors.push({ ...doc.actors[0]! });
    const err = await refusal(doc);
    expect(err.errors.map((e) => e.path).sort()).toEqual(['/actors/6/id', '/recommendations/1/priority']);
  });

  it('refuses a third bad recommendation atomically: no article, actor, source or mention is left behind', async () => {
    const before = await rowCounts();
    const doc = syntheticArticle(900);
    doc.actors.push({ id: 'brand-new-actor', name: 'Brand New Actor', type: 'group', roles: ['mentioned'], portrayal: 'neutral' });
    doc.quotations[0]!.source = { id: 'brand-new-source', name: 'Brand New Source', type: 'person' };
    doc.recommendations.push({ ...doc.recommendations[0]!, priority: 3, evidence: { exact: 'not in the text at all' } });
    expect((await refusal(doc)).status).toBe(422);
    expect(await rowCounts()).toEqual(before);
  });

  it('answers 409 for an id that exists in create mode', async () => {
    const err = await refusal({ ...indusOpEd(), id: SEED_ID });
    expect(err.status).toBe(409);
    expect(err.detail).toContain(SEED_ID);
  });

  it('refuses to rename or retype a known actor unless the document says update', async () => {
    const doc = indusOpEd({ id: 'renames-pakistan' });
    doc.actors[0] = { ...doc.actors[0]!, name: 'Islamic Republic of Pakistan', type: 'group' };
    const err = await refusal(doc);
    expect(err.status).toBe(422);
    expect(err.errors[0]).toMatchObject({ path: '/actors/0' });
    expect(err.errors[0]!.message).toContain("name 'Pakistan' -> 'Islamic Republic of Pakistan'");
    expect(err.errors[0]!.message).toContain('"update": true');
  });
});

describe('ingest: writing', () => {
  it('derives the id from date and headline, finds mentions and merges aliases without duplicates', async () => {
    const result = await app.store.writeArticle(validateIngestDocument(indusOpEd()), 'create');
    expect(result).toMatchObject({ id: '2026-02-03-water-is-not-a-weapon', outcome: 'created' });

    const { body: article } = await getJson(app, `/v1/articles/${result.id}?include=actors,recommendations,quotations`);
    expect(article.counts).toEqual({ actors: 6, recommendations: 4, quotations: 3 });
    const india = article.actors.find((a: { id: string }) => a.id === 'india');
    expect(india.mentions.map((m: { exact: string }) => m.exact)).toEqual(['New Delhi', 'India', 'India']);
    // Pakistan's seed aliases (Islamabad, Pakistani state) are not repeated by this document's "Islamabad".
    const { body: pakistan } = await getJson(app, '/v1/actors/pakistan');
    expect(pakistan.aliases).toEqual(['Islamabad', 'Pakistani state']);
    expect(pakistan.articleCount).toBe(3); // seed, prefix-suffix-ok, this one
    expect(pakistan.name).toBe('Pakistan');
  });

  it('leaves an identical document unchanged on upsert and rewrites a changed one, keeping createdAt', async () => {
    const doc = syntheticArticle(7);
    expect((await app.store.writeArticle(doc, 'upsert', { now: '2026-03-01T00:00:00.000Z' })).outcome).toBe('created');
    expect((await app.store.writeArticle(doc, 'upsert', { now: '2026-03-02T00:00:00.000Z' })).outcome).toBe('unchanged');
    const changed: IngestDocument = { ...doc, headline: 'A corrected headline' };
    expect((await app.store.writeArticle(changed, 'upsert', { now: '2026-03-03T00:00:00.000Z' })).outcome).toBe('replaced');
    const { body } = await getJson(app, `/v1/articles/${doc.id}`);
    expect(body).toMatchObject({ headline: 'A corrected headline', createdAt: '2026-03-01T00:00:00.000Z', updatedAt: '2026-03-03T00:00:00.000Z' });
  });

  it('renames a known actor when the document sends update: true', async () => {
    const doc = syntheticArticle(11);
    doc.actors[0] = { ...doc.actors[0]!, name: `${doc.actors[0]!.name} (renamed)`, update: true };
    await app.store.writeArticle(doc, 'create');
    const { body } = await getJson(app, `/v1/actors/${doc.actors[0].id}`);
    expect(body.name).toBe(doc.actors[0].name);
  });

  it('links a known actor that a recommendation names without listing it', async () => {
    const doc = syntheticArticle(13);
    doc.recommendations[0]!.partners = ['afghan-taliban'];
    await app.store.writeArticle(doc, 'create');
    const { body } = await getJson(app, `/v1/articles/${doc.id}/actors`);
    expect(body.data.find((a: { id: string }) => a.id === 'afghan-taliban')).toMatchObject({
      roles: ['partner'],
      portrayal: 'neutral',
      mentions: [],
    });
  });

  it('refuses a recommendation id that belongs to another article', async () => {
    const doc = syntheticArticle(14);
    doc.recommendations[0]!.id = `${SEED_ID}.r1`;
    const err = await refusal(doc);
    expect(err.errors).toContainEqual({ path: '/recommendations/0/id', message: `id '${SEED_ID}.r1' belongs to article '${SEED_ID}'` });
  });
});

describe('stored documents', () => {
  it('follow a rename of an actor, a source or a publication into every article that shows it', async () => {
    const doc = syntheticArticle(30); // Pakistan addresses China here; the seed names both too
    doc.actors[0] = { ...doc.actors[0]!, name: 'Islamic Republic of Pakistan', update: true };
    doc.quotations[0]!.source = { id: 'international-crisis-group', name: 'Crisis Group (ICG)', type: 'organization', update: true };
    doc.publication = { id: 'dawn', name: 'DAWN' };
    await app.store.writeArticle(doc, 'create');

    const { body: seed } = await getJson(app, `/v1/articles/${SEED_ID}?include=actors,recommendations,quotations`);
    expect(seed.publication).toEqual({ id: 'dawn', name: 'DAWN' });
    expect(seed.actors.find((a: { id: string }) => a.id === 'pakistan').name).toBe('Islamic Republic of Pakistan');
    expect(seed.recommendations[0].addressee).toEqual({ id: 'pakistan', name: 'Islamic Republic of Pakistan' });
    expect(seed.quotations[0].source).toEqual({ id: 'international-crisis-group', name: 'Crisis Group (ICG)' });
    const { body: rec } = await getJson(app, `/v1/recommendations/${SEED_ID}.r1`);
    expect(rec.addressee.name).toBe('Islamic Republic of Pakistan');
    const { body: list } = await getJson(app, '/v1/articles?publication=dawn&limit=100');
    expect(list.data.every((a: { publication: { name: string } }) => a.publication.name === 'DAWN')).toBe(true);
  });
});

describe('mergeAliases', () => {
  it('keeps the first spelling, ignores case duplicates and the name itself', async () => {
    expect(mergeAliases('Pakistan', ['Islamabad'], ['islamabad', 'PAKISTAN', 'Pak'])).toEqual(['Islamabad', 'Pak']);
  });
});

describe('a write through the store', () => {
  it('checks its precondition and reads its answer inside the write transaction, before any other connection sees it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'editorial-written-'));
    const writer = openDatabase(join(dir, 'db.sqlite'));
    const other = openDatabase(join(dir, 'db.sqlite'));
    try {
      migrateDatabase(writer);
      const store = new SqliteStore(writer);
      other.sqlite.pragma('busy_timeout = 0');
      const doc = validateIngestDocument(syntheticArticle(1));
      let current: unknown = 'unset';
      const countElsewhere = () => other.sqlite.prepare('SELECT count(*) FROM articles WHERE id = ?').pluck().get(doc.id);
      const written = await store.writeArticle(doc, 'create', {
        precondition: (_id, json) => {
          current = json;
          // The write lock is held from here on: another connection can neither write nor see this one.
          expect(() => other.sqlite.prepare("INSERT INTO publications (id, name) VALUES ('x', 'X')").run()).toThrow(/locked|busy/);
        },
      });
      expect(current).toBeUndefined();
      expect(JSON.parse(written.article.json.toString())).toMatchObject({ id: doc.id, headline: doc.headline });
      expect(written.article).toEqual(await store.articleJson(doc.id!));
      expect(countElsewhere()).toBe(1);
    } finally {
      writer.sqlite.close();
      other.sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
