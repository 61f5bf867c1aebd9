// The reader in a worker thread: a long or hostile text is read off the server's event loop, and a
// read past its time budget is stopped by terminating the worker (src/reader/pool.ts).
import { parentPort } from 'node:worker_threads';
import { readEditorial } from './reader.js';
import type { ReaderInput } from './types.js';

// The reader and its language model are loaded, and one short read has warmed them up: the pool
// may start timing reads.
readEditorial({ body: 'The government must act now, the council said.' });
parentPort!.postMessage({ ready: true });

parentPort!.on('message', ({ id, input, deadline }: { id: number; input: ReaderInput; deadline: number }) => {
  try {
    parentPort!.postMessage({ id, reading: readEditorial(input, { deadline }) });
  } catch (err) {
    const error = err instanceof Error ? { name: err.name, message: err.message } : { name: 'Error', message: String(err) };
    parentPort!.postMessage({ id, error });
  }
});
