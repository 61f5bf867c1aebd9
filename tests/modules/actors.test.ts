// GET /v1/actors, /v1/actors/{id} and what is addressed to an actor or where it appears.
import { describe, expect, it } from 'vitest';
import { expectProblem, getJson, ids, ingest, SEED_ID, testApp } from '../helpers/app.js';
import { indusOpEd, syntheticArticle } from '../helpers/fixtures.js';

const app = await testApp();
/** An app left as the seed made it. */
const seedOnly = await testApp();
const INDUS_ID = '2026-02-03-water-is-not-a-weapon';
// 0: pakistan -> china, 1: india -> iran, 2: china -> united-nations, 3: iran -> pakistan, 4: united-nations -> india
const SYNTHETIC = [0, 1, 2, 3, 4].map(syntheticArticle);
const synId = (i: number) => SYNTHETIC[i]!.id!;
await ingest(app, indusOpEd(), ...SYNTHETIC);

const SEED_ACTORS = [
  'pakistan',
  'afghan-taliban',
  'afghanistan',
  'ttp',
  'afghanistan-based-militant-groups',
  'pakistan-armed-forces',
  'pakistan-police',
  'civilians',
  'international-crisis-group',
  'different-quarters-within-pakistan',
  'pakistani-stakeholders',
  'china',
  'gulf-states',
  'central-asian-states',
];
const INDUS_NEW_ACTORS = ['india', 'world-bank', 'permanent-court-of-arbitration', 'pakistani-provincial-governments', 'farmers'];
const ALL_ACTORS = [...SEED_ACTORS, ...INDUS_NEW_ACTORS, 'iran', 'united-nations'];

describe('GET /v1/actors', () => {
  it('lists the whole registry by name, with the list envelope', async () => {
    const { status, body } = await getJson(app, '/v1/actors?limit=100');
    expect(status).toBe(200);
    expect(body.page).toEqual({ limit: 100, nextCursor: null, total: ALL_ACTORS.length });
    expect(new Set(ids(body))).toEqual(new Set(ALL_ACTORS));
    const names = body.data.map((a: { name: string }) => a.name);
    expect(names).toEqual([...names].sort());
  });

  it('shows each actor with its aliases and counts', async () => {
    const { body } = await getJson(app, '/v1/actors?limit=100');
    for (const actor of body.data) {
      expect(actor).toEqual({
        id: expect.any(String),
        name: expect.any(String),
        type: expect.any(String),
        description: actor.description === null ? null : expect.any(String),
        aliases: expect.any(Array),
        articleCount: expect.any(Number),
        recommendationCount: expect.any(Number),
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
    }
    const ttp = body.data.find((a: { id: string }) => a.id === 'ttp');
    expect(ttp).toMatchObject({ name: 'Tehreek-e-Taliban Pakistan', type: 'armed-group', aliases: ['TTP', 'Pakistani Taliban'] });
  });

  it('lists the 14 seed actors before anything else is added', async () => {
    const { body } = await getJson(seedOnly, '/v1/actors?limit=100');
    expect(body.page.total).toBe(14);
    expect(new Set(ids(body))).toEqual(new Set(SEED_ACTORS));
  });

  it('filters by type', async () => {
    const { body: states } = await getJson(app, '/v1/actors?type=state');
    expect(new Set(ids(states))).toEqual(new Set(['pakistan', 'afghanistan', 'china', 'india', 'iran']));
    expect(states.page.total).toBe(5);
    expect(states.data.every((a: { type: string }) => a.type === 'state')).toBe(true);

    const { body: armed } = await getJson(app, '/v1/actors?type=armed-group');
    expect(new Set(ids(armed))).toEqual(new Set(['afghan-taliban', 'ttp']));

    const { body: orgs } = await getJson(app, '/v1/actors?type=organization');
    expect(new Set(ids(orgs))).toEqual(
      new Set(['international-crisis-group', 'world-bank', 'permanent-court-of-arbitration', 'united-nations']),
    );
  });

  it('gives an empty list for a type no actor has', async () => {
    const { status, body } = await getJson(app, '/v1/actors?type=person');
    expect(status).toBe(200);
    expect(body).toEqual({ data: [], page: { limit: 20, nextCursor: null, total: 0 } });
  });

  it.each([['limit=0'], ['limit=101'], ['limit=abc'], ['type=bogus'], ['bogus=1'], ['cursor=garbage']])(
    '400 problem+json for %s',
    async (query) => {
      await expectProblem(app, `/v1/actors?${query}`, 400);
    },
  );
});

describe('GET /v1/actors/{actorId}', () => {
  it('returns an actor with its aliases and description', async () => {
    const { status, body } = await getJson(app, '/v1/actors/pakistan');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: 'pakistan',
      name: 'Pakistan',
      type: 'state',
      description: 'The Islamic Republic of Pakistan, its government and state institutions.',
      aliases: ['Islamabad', 'Pakistani state'],
    });
  });

  it('returns the same actor as the list does', async () => {
    const { body: list } = await getJson(app, '/v1/actors?limit=100');
    for (const id of ['china', 'india', 'farmers']) {
      const { body } = await getJson(app, `/v1/actors/${id}`);
      expect(body).toEqual(list.data.find((a: { id: string }) => a.id === id));
    }
  });

  it('counts the articles that discuss the actor', async () => {
    // seed, op-ed, synthetic 0 (addressee) and 3 (partner)
    expect((await getJson(app, '/v1/actors/pakistan')).body.articleCount).toBe(4);
    expect((await getJson(app, '/v1/actors/india')).body.articleCount).toBe(3);
    expect((await getJson(app, '/v1/actors/ttp')).body.articleCount).toBe(1);
  });

  it('counts the recommendations addressed to the actor', async () => {
    // 8 in the seed, 2 in the op-ed, synthetic 0 (r1) and 3 (r2)
    expect((await getJson(app, '/v1/actors/pakistan')).body.recommendationCount).toBe(12);
    // op-ed r2, synthetic 1 (r1) and 4 (r2)
    expect((await getJson(app, '/v1/actors/india')).body.recommendationCount).toBe(3);
    expect((await getJson(app, '/v1/actors/ttp')).body.recommendationCount).toBe(0);
  });

  it('404 problem+json for an unknown actor', async () => {
    const problem = await expectProblem(app, '/v1/actors/no-such-actor', 404);
    expect(problem.detail).toContain('no-such-actor');
  });

  it('400 problem+json for a malformed actor id', async () => {
    await expectProblem(app, '/v1/actors/Not_A_Slug', 400);
  });

  it('400 problem+json for an unknown query parameter', async () => {
    await expectProblem(app, '/v1/actors/pakistan?bogus=1', 400);
  });
});

describe('actor counts', () => {
  it('articleCount agrees with /v1/actors/{id}/articles for every actor', async () => {
    const { body } = await getJson(app, '/v1/actors?limit=100');
    expect(body.data).toHaveLength(ALL_ACTORS.length);
    for (const actor of body.data) {
      const { status, body: articles } = await getJson(app, `/v1/actors/${actor.id}/articles?limit=100`);
      expect(status, actor.id).toBe(200);
      expect(actor.articleCount, `${actor.id} articleCount`).toBe(articles.page.total);
      expect(actor.articleCount, `${actor.id} articleCount`).toBe(articles.data.length);
    }
  });

  it('recommendationCount agrees with /v1/actors/{id}/recommendations for every actor', async () => {
    const { body } = await getJson(app, '/v1/actors?limit=100');
    expect(body.data).toHaveLength(ALL_ACTORS.length);
    let addressed = 0;
    for (const actor of body.data) {
      const { status, body: recs } = await getJson(app, `/v1/actors/${actor.id}/recommendations?limit=100`);
      expect(status, actor.id).toBe(200);
      expect(actor.recommendationCount, `${actor.id} recommendationCount`).toBe(recs.page.total);
      expect(actor.recommendationCount, `${actor.id} recommendationCount`).toBe(recs.data.length);
      addressed += recs.page.total;
    }
    // every recommendation has exactly one addressee: 8 seed + 4 op-ed + 2 per synthetic article
    expect(addressed).toBe(8 + 4 + 2 * SYNTHETIC.length);
  });
});

describe('GET /v1/actors/{actorId}/recommendations', () => {
  it('lists only recommendations addressed to the actor', async () => {
    const { status, body } = await getJson(app, '/v1/actors/india/recommendations');
    expect(status).toBe(200);
    expect(new Set(ids(body))).toEqual(new Set([`${INDUS_ID}.r2`, `${synId(1)}.r1`, `${synId(4)}.r2`]));
    expect(body.data.every((r: { addressee: unknown }) => JSON.stringify(r.addressee) === '{"id":"india","name":"India"}')).toBe(
      true,
    );
  });

  it('lists all 12 addressed to pakistan across articles', async () => {
    const { body } = await getJson(app, '/v1/actors/pakistan/recommendations?limit=100');
    expect(body.page.total).toBe(12);
    const articles = new Set(body.data.map((r: { article: { id: string } }) => r.article.id));
    expect(articles).toEqual(new Set([SEED_ID, INDUS_ID, synId(0), synId(3)]));
  });

  it('shows nested references as objects', async () => {
    const { body } = await getJson(app, '/v1/actors/china/recommendations');
    const r1 = body.data.find((r: { id: string }) => r.id === `${synId(2)}.r1`);
    expect(r1.addressee).toEqual({ id: 'china', name: 'China' });
    expect(r1.partners).toEqual([{ id: 'united-nations', name: 'United Nations' }]);
    expect(r1.article).toEqual({ id: synId(2), headline: 'Synthetic editorial 002', datePublished: '2025-01-03' });
  });

  it('applies the recommendation filters', async () => {
    // the seed's four diplomacy recommendations (by priority), then synthetic 0's
    const { body: diplomacy } = await getJson(app, '/v1/actors/pakistan/recommendations?domain=diplomacy');
    expect(ids(diplomacy)).toEqual([`${SEED_ID}.r3`, `${SEED_ID}.r5`, `${SEED_ID}.r4`, `${SEED_ID}.r2`, `${synId(0)}.r1`]);
    expect(diplomacy.data.every((r: { domain: string }) => r.domain === 'diplomacy')).toBe(true);

    const { body: inOpEd } = await getJson(app, `/v1/actors/pakistan/recommendations?article=${INDUS_ID}`);
    expect(ids(inOpEd)).toEqual([`${INDUS_ID}.r1`, `${INDUS_ID}.r4`]);

    const { body: recent } = await getJson(app, '/v1/actors/pakistan/recommendations?to=2025-12-31&limit=100');
    expect(new Set(ids(recent))).toEqual(new Set([`${synId(0)}.r1`, `${synId(3)}.r2`]));
  });

  it('gives an empty list for an actor nothing is addressed to', async () => {
    const { status, body } = await getJson(app, '/v1/actors/ttp/recommendations');
    expect(status).toBe(200);
    expect(body.data).toEqual([]);
    expect(body.page.total).toBe(0);
  });

  it('refuses the addressee filter, which the path fixes', async () => {
    await expectProblem(app, '/v1/actors/pakistan/recommendations?addressee=india', 400);
  });

  it('404 problem+json for an unknown actor', async () => {
    await expectProblem(app, '/v1/actors/no-such-actor/recommendations', 404);
  });
});

describe('GET /v1/actors/{actorId}/articles', () => {
  it('lists the articles that discuss the actor, newest first', async () => {
    const { status, body } = await getJson(app, '/v1/actors/india/articles');
    expect(status).toBe(200);
    expect(ids(body)).toEqual([INDUS_ID, synId(4), synId(1)]);
    expect(body.page.total).toBe(3);
    expect(body.data[0].publication).toEqual({ id: 'the-express-tribune', name: 'The Express Tribune' });
  });

  it('does not list articles that do not discuss the actor', async () => {
    const { body } = await getJson(app, '/v1/actors/afghan-taliban/articles');
    expect(ids(body)).toEqual([SEED_ID]);
  });

  it('applies the article filters and sorts', async () => {
    const { body: oldest } = await getJson(app, '/v1/actors/india/articles?sort=datePublished');
    expect(ids(oldest)).toEqual([synId(1), synId(4), INDUS_ID]);
    const { body: recent } = await getJson(app, '/v1/actors/pakistan/articles?from=2026-01-01');
    expect(new Set(ids(recent))).toEqual(new Set([SEED_ID, INDUS_ID]));
    const { body: dawn } = await getJson(app, '/v1/actors/pakistan/articles?publication=dawn');
    expect(new Set(ids(dawn))).toEqual(new Set([SEED_ID, synId(0), synId(3)]));
  });

  it('gives an empty list for from later than to', async () => {
    const { status, body } = await getJson(app, '/v1/actors/pakistan/articles?from=2026-12-31&to=2026-01-01');
    expect(status).toBe(200);
    expect(body.data).toEqual([]);
    expect(body.page.total).toBe(0);
  });

  it('refuses the actor filter, which the path fixes', async () => {
    await expectProblem(app, '/v1/actors/pakistan/articles?actor=india', 400);
  });

  it('404 problem+json for an unknown actor', async () => {
    await expectProblem(app, '/v1/actors/no-such-actor/articles', 404);
  });
});
