// The workbench's page and scripts as the API serves them (the browser test drives them): HTML at
// /workbench and /workbench/{articleId}, its stylesheet, its compiled modules, under the app's CSP.
import { beforeAll, describe, expect, it } from 'vitest';
import { checkProblem, testApp } from '../helpers/app.js';

const app = await testApp();
// Ready first (the reader's worker warms up): a loaded machine may take seconds.
beforeAll(() => app.ready(), 60_000);

describe('GET /workbench', () => {
  it.each(['/workbench', '/workbench/', '/workbench/2026-01-10-anti-terrorism-fight'])('%s serves the page under the CSP', async (url) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/default-src 'self'/);
    // No inline script: the only script is the module served beside it; nothing from another host.
    expect(res.body).toContain('<script type="module" src="/workbench/assets/app.js"></script>');
    expect(res.body.match(/<script/g)).toHaveLength(1);
    expect(res.body).not.toMatch(/https?:\/\//);
    expect(res.body).not.toMatch(/ on[a-z]+=/);
  });

  it('serves every module the page imports, compiled, and its stylesheet', async () => {
    const seen = new Set<string>();
    const visit = async (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      const res = await app.inject(`/workbench/assets/${name}`);
      expect(res.statusCode, name).toBe(200);
      expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(res.body, `${name} is compiled JavaScript`).not.toMatch(/^import type|: string\b/m);
      for (const [, dep] of res.body.matchAll(/^import [^;]*? from '\.\/([a-z-]+\.js)';$/gm)) await visit(dep!);
    };
    await visit('app.js');
    expect([...seen].sort()).toEqual(['anchors.js', 'api.js', 'app.js', 'dom.js', 'model.js', 'provenance.js']);
    const css = await app.inject('/workbench/assets/workbench.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toContain(':focus-visible');
  });

  it('answers a problem for an asset it does not have', async () => {
    for (const url of ['/workbench/assets/nothing.js', '/workbench/assets/..%2Fapp.js', '/workbench/assets/app.ts']) {
      const problem = checkProblem(await app.inject(url), 404);
      expect(problem.detail).toMatch(/no (asset|script)/);
    }
  });

  it('is not an API operation: the OpenAPI document does not list it', async () => {
    const spec = (await app.inject('/openapi.json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(spec.paths).filter((p) => p.startsWith('/workbench'))).toEqual([]);
  });
});
