// Revisions: a PUT keeps the previous version, served byte for byte with ?revision=N on the article
// and its recommendation and quotation lists; every article response says its revision; a rename
// elsewhere revises the articles that show it; a DELETE keeps the revisions readable.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { examples } from '../../src/schemas/examples.js';
import { SEED_ID, checkProblem, getJson, testApp } from '../helpers/app.js';
import { indusOpEd } from '../helpers/fixtures.js';

const app = await testApp();
const key = await app.store.createKey('reviser', ['write']);
const auth = { authorization: `Bearer ${key}` };
const ID = '2026-02-03-water-is-not-a-weapon';
const PATH = `/v1/articles/${ID}`;
const INCLUDE_ALL = 'include=body,actors,recommendations,quotations';
const corrected = JSON.parse(readFileSync(join(projectRoot, 'examples', 'water-is-not-a-weapon.corrected.json'), 'utf8'));

/** What a client reads of the article now: the bodies it would cite. */
async function snapshot() {
  const urls = [PATH, `${PATH}?${INCLUDE_ALL}`, `${PATH}/recommendations`, `${PATH}/quotations`, `${PATH}/recommendations?limit=1`];
  return Promise.all(urls.map(async (url) => (await app.inject(url)).body));
}

describe('revisions', () => {
  it('a PUT keeps the previous version: ?revision=N serves it byte for byte, on the article and its part lists', async () => {
    const created = await app.inject({ method: 'POST', url: '/v1/articles', headers: auth, payload: indusOpEd() });
    expect(created.statusCode).toBe(201);
    expect(created.headers.revision).toBe('1');
    const first = await snapshot();

    const replaced = await app.inject({ method: 'PUT', url: PATH, headers: auth, payload: corrected });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.headers.revision).toBe('2');
    expect(JSON.parse(replaced.body).revision).toBe(2);
    const second = await snapshot();
    expect(second[1]).not.toBe(first[1]);

    const asOf = (revision: number) =>
      Promise.all(
        [PATH, `${PATH}?${INCLUDE_ALL}`, `${PATH}/recommendations`, `${PATH}/quotations`, `${PATH}/recommendations?limit=1`].map(async (url) => {
          const res = await app.inject(`${url}${url.includes('?') ? '&' : '?'}revision=${revision}`);
          expect(res.statusCode, url).toBe(200);
          expect(res.headers.revision, url).toBe(String(revision));
          return res.body;
        }),
      );
    // Except the part lists' cursors (a revision pages by position), the very bytes served then.
    const withoutCursor = (body: string) => body.replace(/"nextCursor":"[^"]*"/, '"nextCursor":"…"');
    expect((await asOf(1)).map(withoutCursor)).toEqual(first.map(withoutCursor));
    expect((await asOf(2)).map(withoutCursor)).toEqual(second.map(withoutCursor));

    // Anchors of revision 1 are valid against revision 1's body.
    const old = JSON.parse((await asOf(1))[1]!);
    for (const part of [...old.recommendations, ...old.quotations]) {
      expect(Array.from(old.body as string).slice(part.evidence.start, part.evidence.end).join('')).toBe(part.evidence.exact);
    }

    // Paging a revision's list reaches every part once.
    const seen: string[] = [];
    let url = `${PATH}/recommendations?revision=1&limit=1`;
    for (;;) {
      const { body } = await getJson(app, url);
      seen.push(...body.data.map((r: { id: string }) => r.id));
      if (!body.page.nextCursor) break;
      url = `${PATH}/recommendations?revision=1&limit=1&cursor=${body.page.nextCursor}`;
    }
    expect(seen).toEqual(old.recommendations.map((r: { id: string }) => r.id));
  });

  it('lists revisions with their hash and what each changed', async () => {
    const { status, body } = await getJson(app, `${PATH}/revisions`);
    expect(status).toBe(200);
    expect(body.data.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);
    const [first, second] = body.data;
    expect(first.changes).toEqual({
      body: true,
      actors: { added: indusOpEd().actors.length, removed: 0, changed: 0 },
      recommendations: { added: indusOpEd().recommendations.length, removed: 0, changed: 0 },
      quotations: { added: indusOpEd().quotations.length, removed: 0, changed: 0 },
    });
    expect(second.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(second.contentHash).not.toBe(first.contentHash);
    expect(second.changes.body).toBe(true);
    expect(second.updatedAt > first.updatedAt).toBe(true);
  });

  it("shows the seed's revision as the OpenAPI example says, and every article response names its revision", async () => {
    const { body } = await getJson(app, `/v1/articles/${SEED_ID}/revisions`);
    const fix = (r: Record<string, unknown>) => ({ ...r, updatedAt: 'T', recordedAt: 'T' });
    expect(fix(body.data[0])).toEqual(fix(examples.revision));
    for (const url of [`/v1/articles/${SEED_ID}`, `/v1/articles/${SEED_ID}/recommendations`, `/v1/articles/${SEED_ID}/quotations`, `/v1/articles/${SEED_ID}/actors`]) {
      // Twice: the second answer comes from the response cache, which must keep the header.
      for (let i = 0; i < 2; i++) expect((await app.inject(url)).headers.revision, url).toBe('1');
    }
  });

  it('renaming an actor in another article revises the articles that show it (same content hash, actors changed)', async () => {
    const before = await getJson(app, `/v1/articles/${SEED_ID}/revisions`);
    const doc = indusOpEd({ id: 'renaming-pakistan', headline: 'Renaming Pakistan' });
    doc.actors = doc.actors.map((a) => (a.id === 'pakistan' ? { ...a, name: 'Islamic Republic of Pakistan', update: true } : a));
    const res = await app.inject({ method: 'POST', url: '/v1/articles', headers: auth, payload: doc });
    expect(res.statusCode, res.body).toBe(201);
    const { body } = await getJson(app, `/v1/articles/${SEED_ID}/revisions`);
    expect(body.data).toHaveLength(before.body.data.length + 1);
    const last = body.data.at(-1);
    expect(last.contentHash).toBe(body.data.at(-2).contentHash);
    expect(last.updatedAt).toBe(body.data.at(-2).updatedAt);
    expect(last.changes.body).toBe(false);
    expect(last.changes.actors.changed).toBeGreaterThan(0);
    const now = await app.inject(`/v1/articles/${SEED_ID}?include=actors`);
    expect(now.headers.revision).toBe(String(last.revision));
    expect(now.body).toContain('Islamic Republic of Pakistan');
    expect((await app.inject(`/v1/articles/${SEED_ID}?include=actors&revision=1`)).body).not.toContain('Islamic Republic of Pakistan');
  });

  it('a DELETE keeps the revisions readable; a new article of that id continues their numbering', async () => {
    const last = (await getJson(app, `${PATH}?${INCLUDE_ALL}`)).res.body;
    const revisions = (await getJson(app, `${PATH}/revisions`)).body.data.length;
    expect((await app.inject({ method: 'DELETE', url: PATH, headers: auth })).statusCode).toBe(204);
    const gone = checkProblem(await app.inject(PATH), 404);
    expect(gone.detail).toContain(`/v1/articles/${ID}/revisions`);
    expect((await getJson(app, `${PATH}/revisions`)).body.data).toHaveLength(revisions);
    expect((await app.inject(`${PATH}?revision=${revisions}&${INCLUDE_ALL}`)).body).toBe(last);
    checkProblem(await app.inject(`${PATH}/recommendations`), 404);
    expect((await app.inject(`${PATH}/recommendations?revision=2`)).statusCode).toBe(200);

    const doc = indusOpEd();
    doc.actors = doc.actors.map((a) => (a.id === 'pakistan' ? { ...a, name: 'Islamic Republic of Pakistan' } : a));
    const again = await app.inject({ method: 'POST', url: '/v1/articles', headers: auth, payload: doc });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.headers.revision).toBe(String(revisions + 1));
  });

  it('answers 404 for a revision that does not exist and 400 for a revision with filters', async () => {
    expect(checkProblem(await app.inject(`/v1/articles/${SEED_ID}?revision=99`), 404).detail).toContain('has no revision 99');
    expect(checkProblem(await app.inject('/v1/articles/no-such-article/revisions'), 404).detail).toContain('none had');
    checkProblem(await app.inject('/v1/articles/no-such-article?revision=1'), 404);
    checkProblem(await app.inject(`/v1/articles/${SEED_ID}?revision=0`), 400);
    expect(checkProblem(await app.inject(`/v1/articles/${SEED_ID}/recommendations?revision=1&strength=must`), 400).detail).toContain("'strength'");
    checkProblem(await app.inject(`/v1/articles/${SEED_ID}/quotations?revision=1&cursor=bm9wZQ`), 400);
  });
});
