// npm run export -- [--out FILE] : every article as an ingest document, one per line (NDJSON),
// to FILE or stdout. `npm run import` reads it back.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { runWithStore } from './run.js';

runWithStore(async (store, databasePath) => {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const out = values.out ? createWriteStream(values.out) : process.stdout;
  {
    let count = 0;
    for (const id of await store.articleIds()) {
      const doc = await store.exportArticle(id);
      if (!doc) continue; // deleted while exporting
      if (!out.write(`${JSON.stringify(doc)}\n`)) await once(out, 'drain');
      count++;
    }
    if (values.out) {
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    }
    console.error(`exported ${count} article(s) from ${databasePath}${values.out ? ` to ${values.out}` : ''}`);
  }
}, { mustExist: true }); // it only reads: a mistyped DATABASE_PATH is an error, not an empty export
