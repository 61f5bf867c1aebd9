// npm run export -- [--out FILE] : every article as an ingest document, one per line (NDJSON),
// to FILE or stdout. `npm run import` reads it back.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { migrateDatabase, openDatabase } from '../../db/client.js';
import { loadConfig } from '../config.js';
import { articleIds, exportArticle } from '../ingest/export.js';
import { runCli } from './run.js';

runCli(async () => {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const { databasePath } = loadConfig();
  const connection = openDatabase(databasePath);
  const out = values.out ? createWriteStream(values.out) : process.stdout;
  try {
    migrateDatabase(connection);
    let count = 0;
    for (const id of articleIds(connection.db)) {
      const doc = exportArticle(connection.db, id);
      if (!doc) continue; // deleted while exporting
      if (!out.write(`${JSON.stringify(doc)}\n`)) await once(out, 'drain');
      count++;
    }
    if (values.out) {
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    }
    console.error(`exported ${count} article(s) from ${databasePath}${values.out ? ` to ${values.out}` : ''}`);
  } finally {
    connection.sqlite.close();
  }
});
