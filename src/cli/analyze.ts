// npm run analyze -- PATH... [--publication ID] [--home ACTOR] [--out FILE|DIR]
// The assisted reader from the command line: each .txt file (or every .txt file of a folder) read
// into a draft ingest document, reconciled with the registry of the configured database. One file
// writes its draft to --out (or stdout); several write NAME.draft.json into the --out folder (or
// beside each text). A progress bar on a terminal. Exit code 1 when any text could not be read.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { candidateNames, readEditorial, toDraft, type ReaderInput } from '../reader/index.js';
import { progressReporter } from './progress.js';
import { runWithStore } from './run.js';

const USAGE = 'usage: npm run analyze -- FILE.txt|DIR... [--publication ID] [--home ACTOR] [--out FILE|DIR] [--timeout MS]';

function textsUnder(paths: string[]): string[] {
  return paths.flatMap((path) => {
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path)
      .filter((f) => extname(f) === '.txt')
      .sort()
      .map((f) => join(path, f));
  });
}

runWithStore(async (store) => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { publication: { type: 'string' }, home: { type: 'string' }, out: { type: 'string' }, timeout: { type: 'string' } },
  });
  if (positionals.length === 0) throw new Error(USAGE);
  const files = textsUnder(positionals);
  if (files.length === 0) throw new Error(`no .txt file under ${positionals.join(', ')}`);
  const timeoutMs = Number(values.timeout ?? 10_000);
  const single = files.length === 1 && !statSync(positionals[0]!).isDirectory();
  if (!single && values.out) mkdirSync(values.out, { recursive: true });
  const reporter = progressReporter(Boolean(process.stderr.isTTY), 'reading');
  reporter.start(files.length);
  let failed = 0;
  for (const [i, file] of files.entries()) {
    let error: string | undefined;
    try {
      const input: ReaderInput = {
        body: readFileSync(file, 'utf8'),
        ...(values.publication ? { publication: { id: values.publication, name: values.publication } } : {}),
        ...(values.home ? { home: values.home } : {}),
      };
      const reading = readEditorial(input, { deadline: Date.now() + timeoutMs });
      const { draft, warnings } = toDraft(reading, input, await store.actorsNamed(candidateNames(reading)));
      const json = `${JSON.stringify(draft, null, 2)}\n`;
      if (single && !values.out) process.stdout.write(json);
      else {
        const target = single ? values.out! : join(values.out ?? dirname(file), `${basename(file, '.txt')}.draft.json`);
        writeFileSync(target, json);
      }
      for (const warning of warnings) console.error(`warning ${file}: ${warning}`);
    } catch (err) {
      failed++;
      error = `${file}: ${err instanceof Error ? err.message : String(err)}`;
    }
    reporter.step(i + 1, error);
  }
  reporter.finish();
  console.error(`read ${files.length - failed} of ${files.length} text(s)`);
  if (failed) process.exitCode = 1;
});
