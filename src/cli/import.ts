// npm run import -- PATH... : .json files, .ndjson files and directories of them.
// Each document is validated and written atomically; failures are reported with file and line
// and do not stop the rest. Exit code 1 when anything failed.
import { importPaths } from '../ingest/import.js';
import { progressReporter } from './progress.js';
import { runCli, runWithStore } from './run.js';


const paths = process.argv.slice(2);
if (paths.length === 0) runCli(() => {
  throw new Error('usage: npm run import -- PATH... (.json, .ndjson or directories)');
});
else runWithStore(async (store, databasePath) => {
    const reporter = progressReporter(Boolean(process.stderr.isTTY));
    const started = Date.now();
    const summary = await importPaths(store, paths, {
      start: (total) => reporter.start(total),
      document: (done, result) => reporter.step(done, 'message' in result ? `${result.file}:${result.line}: ${result.message}` : undefined),
    });
    reporter.finish();
    const seconds = (Date.now() - started) / 1000;
    const ok = summary.created + summary.replaced + summary.unchanged;
    console.log(
      `imported ${ok} of ${summary.total} document(s) into ${databasePath}: ${summary.created} created, ` +
        `${summary.replaced} replaced, ${summary.unchanged} unchanged, ${summary.failed.length} failed ` +
        `(${seconds.toFixed(1)} s, ${(summary.total / Math.max(seconds, 0.001)).toFixed(0)} docs/s)`,
    );
    if (summary.failed.length) process.exitCode = 1;
});
