// npm run revisions -- purge ARTICLE_ID
// Deletes every stored revision of a deleted article: after it, `?revision=N` and the revision list
// of that article answer 404 and citations of it no longer resolve. An explicit operator act, like
// revoking a key; refused while the article exists (delete it through the API first).
import { runWithStore } from './run.js';

const USAGE = 'usage: npm run revisions -- purge ARTICLE_ID';

runWithStore(
  async (store, where) => {
    const [command, id, ...rest] = process.argv.slice(2);
    if (command !== 'purge' || !id || rest.length) throw new Error(USAGE);
    const purged = await store.purgeRevisions(id);
    if (purged === 0) throw new Error(`The article '${id}' has no stored revisions in ${where}: nothing to purge.`);
    console.log(`purged ${purged} revision${purged === 1 ? '' : 's'} of '${id}' from ${where}`);
  },
  { mustExist: true },
);
