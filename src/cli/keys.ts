// npm run keys -- create --name NAME --scope write [--scope read]
//                  list
//                  revoke NAME
// The new key is printed alone on the last line of stdout, once; only its hash is stored.
import { parseArgs } from 'node:util';
import { KeyError, type Scope } from '../shared/keys.js';
import { runCli, withStore } from './run.js';

const USAGE = `usage: npm run keys -- create --name NAME --scope write [--scope read]
       npm run keys -- list
       npm run keys -- revoke NAME`;

runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' }, scope: { type: 'string', multiple: true } },
  });
  const [command, ...rest] = positionals;
  // Only `create` may start a new database; list and revoke refuse a mistyped DATABASE_PATH.
  await withStore(async (store, databasePath) => {
    if (command === 'create' && values.name && rest.length === 0) {
      const key = await store.createKey(values.name, (values.scope ?? []) as Scope[]);
      console.log(`Created key '${values.name}' with scope ${(values.scope ?? []).join(', ')} in ${databasePath}.`);
      console.log('Store it now: it is shown only this once.');
      console.log(key);
    } else if (command === 'list' && rest.length === 0) {
      const keys = await store.listKeys();
      if (keys.length === 0) console.log('no keys');
      for (const k of keys) {
        const state = k.revokedAt ? `revoked ${k.revokedAt}` : 'active';
        console.log(`${k.name}\t${k.scopes.join(',')}\t${state}\tcreated ${k.createdAt}\tlast used ${k.lastUsedAt ?? 'never'}`);
      }
    } else if (command === 'revoke' && rest.length === 1) {
      await store.revokeKey(rest[0]!);
      console.log(`revoked '${rest[0]}'`);
    } else {
      throw new KeyError(USAGE);
    }
  }, { mustExist: command !== 'create' });
});
