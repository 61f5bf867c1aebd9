// The analyst's workbench: a page served by the API itself at /workbench (a new editorial) and
// /workbench/{articleId} (an existing article). Its scripts are the browser modules of
// src/workbench/, compiled by the app's own build (tsc -b src) into dist/src/workbench/; the page
// and its stylesheet are below. It runs under the app's Content-Security-Policy: scripts from this
// server only, no inline script, nothing from another host. Not part of the OpenAPI document.
import type { FastifyPluginAsync } from 'fastify';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../../paths.js';
import { HttpProblem } from '../../shared/errors.js';
import { WORKBENCH_CSS, WORKBENCH_HTML } from './page.js';

/** Where the build puts the page's scripts (the same place whether the app runs from src or dist). */
export const WORKBENCH_SCRIPTS = join(projectRoot, 'dist', 'src', 'workbench');

const SCRIPT_NAME = /^[a-z][a-z-]*\.js$/;

const workbenchRoutes: FastifyPluginAsync = async (app) => {
  const page = async (_request: unknown, reply: import('fastify').FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(WORKBENCH_HTML);

  app.get('/workbench', { schema: { hide: true } }, page);
  app.get('/workbench/:articleId', { schema: { hide: true } }, page);

  app.get('/workbench/assets/workbench.css', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(WORKBENCH_CSS),
  );

  app.get<{ Params: { name: string } }>('/workbench/assets/:name', { schema: { hide: true } }, async (request, reply) => {
    const { name } = request.params;
    if (!SCRIPT_NAME.test(name)) throw new HttpProblem(404, `The workbench has no asset '${name}'.`);
    let text: string;
    try {
      text = await readFile(join(WORKBENCH_SCRIPTS, name), 'utf8');
    } catch {
      throw new HttpProblem(404, `The workbench has no script '${name}' (the page's scripts are built by \`npm run build\`).`);
    }
    return reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(text);
  });
};

export default workbenchRoutes;
