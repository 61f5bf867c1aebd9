// npm run openapi: writes the OpenAPI document the app serves to openapi/openapi.json.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../app.js';
import { projectRoot } from '../paths.js';
import { runCli } from './run.js';

export const openapiFile = join(projectRoot, 'openapi', 'openapi.json');

runCli(async () => {
  const app = await buildApp({ databasePath: ':memory:' });
  await app.ready();
  writeFileSync(openapiFile, `${JSON.stringify(app.swagger(), null, 2)}\n`);
  await app.close();
  console.log(`wrote ${openapiFile}`);
});
