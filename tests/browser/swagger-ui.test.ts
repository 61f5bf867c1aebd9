// Swagger UI in a real browser: Debian's chromium, driven by playwright-core, against the real app
// listening on a free port with its helmet Content-Security-Policy. Nothing leaves 127.0.0.1.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { SEED_ID, testApp } from '../helpers/app.js';
import { chromiumMissing, launchChromium, watchPage } from './chromium.js';

const SCREENSHOTS = join(projectRoot, 'test-results', 'swagger-ui');
// Swagger UI renders lazily and the machine is shared: wait generously for each element.
const UI_TIMEOUT = 30_000;

interface Operation {
  method: string;
  path: string;
  operationId: string;
  tags: string[];
}

const missing = chromiumMissing('Swagger UI browser test');

let base: string;
let spec: { tags: Array<{ name: string }>; paths: Record<string, Record<string, { operationId: string; tags: string[] }>> };
let operations: Operation[];
let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
let page: Page;
/** Whatever the browser complained about, or tried to fetch from elsewhere, during one test. */
let problems: string[];

beforeAll(async () => {
  if (missing) return;
  const app = await testApp();
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  spec = await (await fetch(`${base}/openapi.json`)).json();
  operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, operationId: op.operationId, tags: op.tags })),
  );

  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium('swagger-ui', base, (problem) => problems.push(problem));
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  if (missing) return;
  problems = [];
  page = await browser!.context.newPage();
  await watchPage(page, (problem) => problems.push(problem));
  const res = await page.goto(`${base}/docs`);
  expect(res?.ok(), 'GET /docs').toBe(true);
  expect(res?.headers()['content-security-policy'], 'the app sends a CSP').toBeTruthy();
  await page.locator('.swagger-ui .information-container .title').waitFor({ timeout: UI_TIMEOUT });
}, 2 * UI_TIMEOUT);

afterEach(async () => {
  if (missing) return;
  await page.close();
  // Under the app's CSP, Swagger UI must run without a single complaint.
  expect(problems).toEqual([]);
}, UI_TIMEOUT);

/** The operation's block under one of its tags, as Swagger UI's deep links name it. */
const opblock = (tag: string, operationId: string) => page.locator(`#operations-${tag}-${operationId}`);

/** Expands an operation, presses "Try it out", lets `fill` set parameters, presses Execute. */
async function tryItOut(block: Locator, fill: (block: Locator) => Promise<void> = async () => undefined) {
  await block.locator('.opblock-summary-control').click();
  await block.locator('.try-out__btn').click({ timeout: UI_TIMEOUT });
  await fill(block);
  await block.locator('.execute').click();
  const live = block.locator('.live-responses-table');
  await live.locator('tr.response .response-col_status').first().waitFor({ timeout: UI_TIMEOUT });
  return {
    status: (await live.locator('tr.response .response-col_status').first().innerText()).trim(),
    requestUrl: (await block.locator('.request-url pre').innerText()).trim(),
    curl: await block.locator('.curl-command').innerText(),
    // The body as shown, parsed: proves the UI displays the whole JSON document.
    body: JSON.parse(await live.locator('tr.response .response-col_description .highlight-code pre').first().innerText()),
  };
}

describe.skipIf(missing)('Swagger UI at /docs, in chromium', () => {
  it('shows every tag and every operation of the served OpenAPI document', async () => {
    await expect(page.title()).resolves.toMatch(/swagger/i);
    expect((await page.locator('.swagger-ui .info .title').innerText()).trim()).toMatch(/^Editorial Data API/);

    const shownTags = await page.locator('.opblock-tag-section h3.opblock-tag').evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-tag')),
    );
    expect(shownTags.sort()).toEqual(spec.tags.map((t) => t.name).sort());

    // An operation with two tags is listed under both, like in the document.
    for (const op of operations) {
      for (const tag of op.tags) {
        const block = opblock(tag, op.operationId);
        await expect(block.count(), `${op.method} ${op.path} under ${tag}`).resolves.toBe(1);
        expect((await block.locator('.opblock-summary-method').innerText()).trim()).toBe(op.method);
        expect(await block.locator('.opblock-summary-path').getAttribute('data-path')).toBe(op.path);
        expect((await block.locator('.opblock-summary-operation-id').innerText()).trim()).toBe(op.operationId);
      }
    }
    const listed = operations.reduce((n, op) => n + op.tags.length, 0);
    await expect(page.locator('.opblock').count()).resolves.toBe(listed);
    expect(operations.length).toBeGreaterThanOrEqual(20);

    await page.screenshot({ path: join(SCREENSHOTS, 'docs.png'), fullPage: true });
  }, 90_000);

  it('runs "Try it out" on GET /v1/articles and shows the seed article', async () => {
    const block = opblock('articles', 'listArticles');
    const shown = await tryItOut(block);

    expect(shown.status).toBe('200');
    // One click sends the documented example and defaults, which find the seed editorial.
    const url = new URL(shown.requestUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${base}/v1/articles`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: 'border technology', sort: '-datePublished', limit: '20' });
    expect(shown.body.data.map((a: { id: string }) => a.id)).toContain(SEED_ID);
    expect(shown.body.page).toMatchObject({ limit: 20, nextCursor: null });
    // What the UI shows is what the API answers.
    expect(shown.body).toEqual(await (await fetch(shown.requestUrl)).json());

    await block.screenshot({ path: join(SCREENSHOTS, 'articles-try-it-out.png') });
  }, 90_000);

  it('runs "Try it out" on GET /v1/recommendations with filters and shows only what matches', async () => {
    const block = opblock('recommendations', 'listRecommendations');
    const shown = await tryItOut(block, async (b) => {
      // The example search text is prefilled; empty, only the filters narrow the list.
      await b.locator('tr[data-param-name="q"] input').fill('');
      await b.locator('tr[data-param-name="addressee"] input').fill('pakistan');
      await b.locator('tr[data-param-name="strength"] select').selectOption('should');
    });

    expect(shown.status).toBe('200');
    const url = new URL(shown.requestUrl);
    expect(url.pathname).toBe('/v1/recommendations');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      addressee: 'pakistan',
      strength: 'should',
      sort: '-datePublished',
      limit: '20',
    });
    expect(shown.curl).toContain('strength=should');

    const items: Array<{ id: string; strength: string; addressee: { id: string } }> = shown.body.data;
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item).toMatchObject({ strength: 'should', addressee: { id: 'pakistan' } });
    // The filter removed something: the seed has recommendations of other strengths.
    const all = await (await fetch(`${base}/v1/recommendations?limit=100`)).json();
    expect(shown.body.page.total).toBeLessThan(all.page.total);
    expect(items.map((r) => r.id).sort()).toEqual(
      all.data.filter((r: { strength: string }) => r.strength === 'should').map((r: { id: string }) => r.id).sort(),
    );

    await block.screenshot({ path: join(SCREENSHOTS, 'recommendations-filter.png') });
  }, 90_000);
});
