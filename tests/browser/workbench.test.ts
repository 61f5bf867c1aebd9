// The analyst's workbench end to end in a real browser: Debian's chromium, driven by playwright-core,
// against the real app listening on a free port with its helmet Content-Security-Policy. From an
// editorial the app has never seen (tests/browser/fixtures/lake-editorial.txt, written for this
// project) to a published article: the assisted reading, decisions by mouse and by keyboard, an
// addressee corrected from the registry, a recommendation added by selecting words, the server's
// own checks (422) as the analyst works, publishing, a conflict (412) and an overwrite. axe-core
// (injected from node_modules, no network) checks the page. Screenshots: test-results/workbench/.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { testApp } from '../helpers/app.js';
import { chromiumMissing, launchChromium, watchPage } from './chromium.js';
import { sliceCodePoints } from '../helpers/text.js';

const SCREENSHOTS = join(projectRoot, 'test-results', 'workbench');
// The page waits on the reader and on the server's checks; the machine is shared: wait generously.
const UI_TIMEOUT = 30_000;
const TEXT = readFileSync(join(projectRoot, 'tests', 'browser', 'fixtures', 'lake-editorial.txt'), 'utf8');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const missing = chromiumMissing('workbench browser test');

interface Part {
  id: string;
  evidence: { exact: string; start: number; end: number };
  provenance?: unknown;
}
interface Rec extends Part {
  addressee: { id: string };
  strength: string;
  priority: number;
  statement: string;
}
interface Quote extends Part {
  source: { id: string };
}
interface ArticleRead {
  id: string;
  headline: string;
  body: string;
  actors: Array<{ id: string; name: string; roles: string[]; mentions: Part['evidence'][]; provenance?: unknown }>;
  recommendations: Rec[];
  quotations: Quote[];
}

let base: string;
let writeKey: string;
let spec: { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
let page: Page;
const problems: string[] = [];

/**
 * THE provenance switch: the one place this test asserts provenance. On when the served OpenAPI
 * document says the ingest document takes `provenance` (the provenance branch merged); until then
 * the API refuses the field, the page does not send it, and stored parts carry none.
 */
function expectProvenance(part: { provenance?: unknown }, expected: { method: 'analyst' | 'assisted'; reviewed: boolean; rule?: boolean }, what: string) {
  const takes = ['RecommendationInput', 'QuotationInput', 'ActorInput'].every((s) => !!spec.components.schemas[s]?.properties.provenance);
  if (!takes) {
    expect(part.provenance, `${what}: no provenance before the API takes it`).toBeUndefined();
    return;
  }
  expect(part.provenance, what).toMatchObject({ method: expected.method, reviewed: expected.reviewed });
  if (expected.rule) expect(part.provenance, what).toMatchObject({ rule: expect.any(String), confidence: expect.any(Number) });
}

const api = async <T>(path: string) => {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, etag: res.headers.get('etag'), body: (res.ok ? await res.json() : undefined) as T };
};

/** Every anchor of an article names its exact words in its body (code points). */
function expectAnchorsExact(article: ArticleRead) {
  const check = (e: Part['evidence'], what: string) => expect(sliceCodePoints(article.body, e.start, e.end), what).toBe(e.exact);
  for (const r of article.recommendations) check(r.evidence, r.id);
  for (const q of article.quotations) check(q.evidence, q.id);
  for (const a of article.actors) for (const m of a.mentions) check(m, `${a.id} mention`);
}

async function axe(label: string) {
  // Through the DevTools protocol: the page's CSP (rightly) refuses an injected inline script.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const r = await run.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `axe on ${label}`).toEqual([]);
  return result;
}

/** The review item whose text contains all of `texts`. */
const item = (...texts: string[]) => texts.reduce<Locator>((loc, t) => loc.filter({ hasText: t }), page.locator('#items .item'));

/** Selects words in the body as a mouse would: the `nth` occurrence of `words`, then the selection event. */
async function selectWords(words: string, nth: number) {
  await page.evaluate(
    ([w, n]) => {
      const body = document.getElementById('body')!;
      const text = body.textContent;
      let at = -1;
      for (let k = 0; k <= n; k++) at = text.indexOf(w, at + 1);
      if (at < 0) throw new Error(`"${w}" #${n} is not in the body`);
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const len = node.textContent!.length;
        if (at >= seen && at < seen + len) range.setStart(node, at - seen);
        if (at + w.length > seen && at + w.length <= seen + len) range.setEnd(node, at + w.length - seen);
        seen += len;
      }
      const sel = document.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
    },
    [words, nth] as const,
  );
}

const activeUid = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.uid ?? null);

beforeAll(async () => {
  if (missing) return;
  const app = await testApp();
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  writeKey = await app.store.createKey('workbench-test', ['write']);
  spec = await (await fetch(`${base}/openapi.json`)).json();
  // The registry knows one actor this editorial does not name: the analyst finds it by searching.
  const registry = await fetch(`${base}/v1/articles`, {
    method: 'POST',
    headers: { authorization: `Bearer ${writeKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      headline: 'Inspectors meet in Jinja',
      kind: 'editorial',
      publication: { id: 'the-lakeside-herald', name: 'The Lakeside Herald' },
      author: null,
      datePublished: '2026-02-01',
      language: 'en',
      url: null,
      topics: [],
      body: 'The Lake Victoria Fisheries Organization met its inspectors in Jinja this week.',
      actors: [{ id: 'lake-victoria-fisheries-organization', name: 'Lake Victoria Fisheries Organization', type: 'organization', roles: ['subject'], portrayal: 'neutral' }],
      recommendations: [],
      quotations: [],
    }),
  });
  expect(registry.status).toBe(201);

  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium('workbench', base, (problem) => problems.push(problem));
  page = await browser.context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT);
  // A refused request (the 412 and 422 the test provokes) is logged by chromium as an error.
  await watchPage(page, (problem) => problems.push(problem), (text) => /status of (412|422|400)/.test(text));
  page.on('request', (request) => {
    if (request.url().includes(writeKey)) problems.push(`the key went into a URL: ${request.url()}`);
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(missing)('the workbench at /workbench, in chromium', () => {
  let articleId: string;

  it('takes a pasted editorial to a published article, every anchor exact', async () => {
    const res = await page.goto(`${base}/workbench`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    await axe('the start page');

    await page.getByLabel('Headline').fill('A lake that cannot wait');
    await page.getByLabel('Publication').fill('The Lakeside Herald');
    await page.getByLabel('Date published').fill('2026-03-14');
    await page.getByLabel(/^Text/).fill(TEXT);
    await page.getByRole('button', { name: 'Read it' }).click();
    // The key is asked once, in a dialog, and kept for the tab only.
    await page.getByRole('dialog').getByLabel('API key').fill(writeKey);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.locator('#bench').waitFor();
    expect(await page.evaluate(() => Object.keys(sessionStorage).length)).toBe(1);
    expect(await page.evaluate(() => Object.keys(localStorage).length)).toBe(0);
    await page.locator('#check-status', { hasText: 'The server accepts this document' }).waitFor();

    // Candidates are shown in the text and in the list, the least certain first and marked.
    const first = page.locator('#items .item').first();
    await expect(first.getAttribute('class')).resolves.toMatch(/is-low/);
    expect(await page.locator('#body span.hl-recommendation').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('#body span.hl-quotation').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('#body span.hl-actor').count()).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: join(SCREENSHOTS, 'candidates.png') });
    await axe('the review');

    // Keyboard: next, previous, accept, reject, edit, close; focus follows and is visible.
    const uids = await page.locator('#items .item').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.uid));
    await first.focus();
    await page.keyboard.press('j');
    expect(await activeUid()).toBe(uids[1]);
    await page.keyboard.press('ArrowDown');
    expect(await activeUid()).toBe(uids[2]);
    await page.keyboard.press('k');
    expect(await activeUid()).toBe(uids[1]);
    await page.keyboard.press('ArrowUp');
    expect(await activeUid()).toBe(uids[0]);
    await page.keyboard.press('a');
    await expect(page.locator(`[data-uid="${uids[0]}"] [data-action="accept"]`).getAttribute('aria-pressed')).resolves.toBe('true');
    expect(await activeUid()).toBe(uids[0]);
    // "People" is no actor of this editorial: reject the candidate by keyboard.
    await item('Actor · People').focus();
    await page.keyboard.press('r');
    await expect(item('Actor · People').getAttribute('class')).resolves.toMatch(/status-rejected/);
    const outline = await item('Actor · People').evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe('solid');
    await item('Recommendation', 'Kenya must publish').focus();
    await page.keyboard.press('e');
    await item('Recommendation', 'Kenya must publish').locator('.editor').waitFor();
    await page.keyboard.press('Escape');
    expect(await item('Recommendation', 'Kenya must publish').locator('.editor').count()).toBe(0);
    expect(await activeUid()).toBe(await item('Recommendation', 'Kenya must publish').getAttribute('data-uid'));

    // Accept by mouse.
    for (const [kind, words] of [['Recommendation', 'Kenya must publish'], ['Recommendation', 'Tanzania should join'], ['Quotation', 'World Bank']]) {
      await item(kind!, words!).getByRole('button', { name: 'Accept' }).click();
    }
    for (const name of ['Kenya', 'Tanzania', 'Uganda', 'World Bank', 'East African Community']) {
      await item(`Actor · ${name}`).getByRole('button', { name: 'Accept' }).click();
    }

    // Correct an addressee: "the governments" are the East African Community's, found by search.
    const governments = item('Recommendation', 'fund cold storage');
    await governments.getByRole('button', { name: 'Edit' }).click();
    await governments.getByLabel('Find an actor for the addressee').fill('east african');
    await governments.locator('button[data-actor="east-african-community"]').click();
    await expect(governments.locator('h3').innerText()).resolves.toMatch(/to East African Community/);
    await governments.hover();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOTS, 'review.png') });
    await governments.getByRole('button', { name: 'Accept' }).click();
    await item('Actor · Governments').getByRole('button', { name: 'Reject' }).click();

    // Add a recommendation by selecting words that occur twice: the anchor needs a prefix or suffix.
    expect(TEXT.split('a regional fisheries authority').length - 1).toBe(2);
    await selectWords('a regional fisheries authority', 1);
    await expect(page.locator('#selection-text').innerText()).resolves.toMatch(/a regional fisheries authority/);
    await page.getByRole('button', { name: 'Add recommendation' }).click();
    const added = page.locator('#items .item.status-accepted', { hasText: 'added or kept by you' }).filter({ hasText: 'a regional fisheries authority' });
    await added.getByLabel('Find an actor for the addressee').fill('fisheries');
    await added.locator('button[data-actor="lake-victoria-fisheries-organization"]').click();
    await added.getByLabel('Statement').fill('Set up a regional fisheries authority within a year, with its own budget and inspectors.');
    await added.getByLabel('Domain').fill('fisheries');

    // 422 as the analyst works: a priority another recommendation holds is named at the item.
    await added.getByLabel('Priority').fill('1');
    await added.locator('.errors li', { hasText: 'priority 1 is already held' }).waitFor();
    await expect(page.locator('#check-status').innerText()).resolves.toMatch(/would refuse it \(422\)/);
    // Publishing it anyway: the same 422, nothing written, focus on the item at fault.
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.locator('#publish-status', { hasText: 'Not published (422)' }).waitFor();
    expect((await api('/v1/articles/2026-03-14-a-lake-that-cannot-wait')).status).toBe(404);
    await page.screenshot({ path: join(SCREENSHOTS, 'error-422.png') });
    await added.getByLabel('Priority').fill('9');
    await page.locator('#check-status', { hasText: 'The server accepts this document' }).waitFor();
    expect(await added.locator('.errors li').count()).toBe(0);

    // The keyboard's way to select words: type them, Enter, then Tab to an Add button.
    await page.locator('#find-words').focus();
    await page.keyboard.type('three capitals');
    await page.keyboard.press('Enter');
    await expect(page.locator('#selection-text').innerText()).resolves.toMatch(/three capitals/);
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('add-mention');
    await page.keyboard.press('Enter');
    const capitals = item('Actor · three capitals');
    await capitals.locator('.editor').waitFor();
    expect(await capitals.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await capitals.getByLabel('Type', { exact: true }).selectOption('group');

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.locator('#publish-status', { hasText: 'Published' }).waitFor();
    articleId = '2026-03-14-a-lake-that-cannot-wait';
    expect(new URL(page.url()).pathname).toBe(`/workbench/${articleId}`);
    await page.screenshot({ path: join(SCREENSHOTS, 'published.png') });

    // Read it back through the API.
    const { body: article } = await api<ArticleRead>(`/v1/articles/${articleId}?include=body,actors,recommendations,quotations`);
    expect(article.body).toBe(TEXT);
    expectAnchorsExact(article);
    const recs = new Map(article.recommendations.map((r) => [r.evidence.exact.split(' ').slice(0, 3).join(' '), r]));
    expect(recs.get('Kenya must publish')).toMatchObject({ addressee: { id: 'kenya' }, strength: 'must' });
    expect(recs.get('Tanzania should join')).toMatchObject({ addressee: { id: 'tanzania' }, strength: 'should' });
    expect(recs.get('The governments should')).toMatchObject({ addressee: { id: 'east-african-community' } });
    const mine = recs.get('a regional fisheries')!;
    expect(mine).toMatchObject({
      addressee: { id: 'lake-victoria-fisheries-organization' },
      domain: 'fisheries',
      priority: 9,
      statement: 'Set up a regional fisheries authority within a year, with its own budget and inspectors.',
    });
    // The second occurrence, in the sentence the analyst selected from, not the quotation's.
    const second = Array.from(TEXT).join('').indexOf('need a regional fisheries authority') + 'need '.length;
    expect(mine.evidence).toEqual({ exact: 'a regional fisheries authority', start: Array.from(TEXT.slice(0, second)).length, end: Array.from(TEXT.slice(0, second)).length + 30 });
    expect(article.quotations.map((q) => q.source.id)).toContain('world-bank');
    const actorIds = article.actors.map((a) => a.id);
    expect(actorIds).not.toContain('people');
    expect(actorIds).not.toContain('governments');
    expect(actorIds).toEqual(expect.arrayContaining(['kenya', 'tanzania', 'east-african-community', 'lake-victoria-fisheries-organization']));

    expectProvenance(recs.get('Kenya must publish')!, { method: 'assisted', reviewed: true, rule: true }, 'an accepted candidate');
    expectProvenance(recs.get('The governments should')!, { method: 'assisted', reviewed: true, rule: true }, 'a corrected candidate');
    expectProvenance(recs.get('Uganda could share')!, { method: 'assisted', reviewed: false, rule: true }, 'an undecided candidate');
    expectProvenance(mine, { method: 'analyst', reviewed: true }, 'an added recommendation');
    expectProvenance(article.quotations.find((q) => q.source.id === 'world-bank')!, { method: 'assisted', reviewed: true, rule: true }, 'an accepted quotation');
    expectProvenance(article.actors.find((a) => a.id === 'kenya')!, { method: 'assisted', reviewed: true, rule: true }, 'an accepted actor');
    expectProvenance(article.actors.find((a) => a.id === 'lake-victoria-fisheries-organization')!, { method: 'analyst', reviewed: true }, 'an actor the analyst chose');
    const added3 = article.actors.find((a) => a.id === 'three-capitals')!;
    expect(added3).toMatchObject({ name: 'three capitals', type: 'group', roles: ['mentioned'] });
    expect(added3.mentions.map((m) => m.exact)).toEqual(['three capitals']);
    expectProvenance(added3, { method: 'analyst', reviewed: true }, 'an actor the analyst added');
    expect(problems).toEqual([]);
  }, 300_000);

  it('shows a 412 with what changed meanwhile, at publish or while checking; overwrites or reloads only when asked', async () => {
    expect(articleId, 'the first test published the article').toBeTruthy();
    await page.goto(`${base}/workbench/${articleId}`);
    await page.locator('#bench').waitFor();
    await page.locator('#check-status', { hasText: 'The server accepts this document' }).waitFor();
    await axe('an opened article');

    // Someone else corrects the headline meanwhile, through the API.
    const sent = JSON.parse(await page.locator('#preview').textContent() ?? '{}') as { headline: string };
    const current = await api(`/v1/articles/${articleId}`);
    const theirs = await fetch(`${base}/v1/articles/${articleId}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${writeKey}`, 'content-type': 'application/json', 'if-match': current.etag! },
      body: JSON.stringify({ ...sent, headline: 'The lake cannot wait any longer' }),
    });
    expect(theirs.status).toBe(200);

    // The analyst, unaware, rejects a recommendation and publishes.
    await item('Recommendation', 'Uganda could share').getByRole('button', { name: 'Reject' }).click();
    await page.getByRole('button', { name: 'Publish' }).click();
    const conflict = page.locator('#conflict');
    await conflict.waitFor();
    await expect(conflict.innerText()).resolves.toMatch(/Headline: “A lake that cannot wait” → “The lake cannot wait any longer”/);
    // Only the headline changed: that is all it lists.
    await expect(conflict.locator('#conflict-changes li').allInnerTexts()).resolves.toEqual([
      'Headline: “A lake that cannot wait” → “The lake cannot wait any longer”.',
    ]);
    await expect(page.locator('#publish-status').innerText()).resolves.toMatch(/Not published \(412\)/);
    expect((await api<ArticleRead>(`/v1/articles/${articleId}`)).body.headline).toBe('The lake cannot wait any longer');
    await page.screenshot({ path: join(SCREENSHOTS, 'conflict-412.png') });
    await axe('the conflict');

    await conflict.getByRole('button', { name: 'Overwrite with mine' }).click();
    await page.locator('#publish-status', { hasText: 'Updated' }).waitFor();
    expect(await conflict.isHidden()).toBe(true);
    const { body: article } = await api<ArticleRead>(`/v1/articles/${articleId}?include=body,actors,recommendations,quotations`);
    expect(article.headline).toBe('A lake that cannot wait');
    expect(article.recommendations.map((r) => r.evidence.exact)).not.toContain(
      'Uganda could share its patrol boats with both neighbours to stop the use of illegal nets',
    );
    expectAnchorsExact(article);

    // Once more: the server's check finds the conflict while the analyst types, before any publish,
    // and this time the analyst takes theirs.
    const again = await api(`/v1/articles/${articleId}`);
    const theirsAgain = await fetch(`${base}/v1/articles/${articleId}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${writeKey}`, 'content-type': 'application/json', 'if-match': again.etag! },
      body: JSON.stringify({ ...sent, headline: 'Theirs, again' }),
    });
    expect(theirsAgain.status).toBe(200);
    await page.locator('#meta-headline').fill('Mine, again');
    await page.locator('#check-status', { hasText: 'would refuse it (412)' }).waitFor();
    await conflict.waitFor();
    await expect(conflict.innerText()).resolves.toMatch(/Headline: “A lake that cannot wait” → “Theirs, again”/);
    await conflict.getByRole('button', { name: 'Reload theirs' }).click();
    await page.locator('#check-status', { hasText: 'The server accepts this document' }).waitFor();
    await expect(page.locator('#meta-headline').inputValue()).resolves.toBe('Theirs, again');
    expect(await conflict.isHidden()).toBe(true);
    expect((await api<ArticleRead>(`/v1/articles/${articleId}`)).body.headline).toBe('Theirs, again');

    // A laptop screen: one column, nothing wider than the window, still accessible.
    await page.setViewportSize({ width: 1024, height: 700 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    await page.screenshot({ path: join(SCREENSHOTS, 'laptop.png') });
    await axe('a laptop screen');
    expect(problems).toEqual([]);
  }, 300_000);
});
