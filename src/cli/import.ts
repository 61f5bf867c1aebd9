// npm run import -- PATH... : .json files, .ndjson files and directories of them.
// Each document is validated and written atomically; failures are reported with file and line
// and do not stop the rest. Exit code 1 when anything failed.
import { importPaths, type ImportFailure } from '../ingest/import.js';
import type { IngestResult } from '../store/store.js';
import { runCli, runWithStore } from './run.js';

const formatSeconds = (s: number) =>
  !Number.isFinite(s) ? '?' : s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${s.toFixed(0)}s`;

/** A progress bar on a terminal, plain lines (at most every 2 s) otherwise; both on stderr. */
function progressReporter(tty: boolean) {
  const started = Date.now();
  let total = 0;
  let lastDraw = 0;
  const status = (done: number) => {
    const elapsed = (Date.now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? (total - done) / rate : Infinity;
    const pct = total ? Math.floor((done / total) * 100) : 100;
    return { pct, text: `${done}/${total} (${pct}%) ${rate.toFixed(0)} docs/s ETA ${formatSeconds(eta)}` };
  };
  const draw = (done: number) => {
    const { pct, text } = status(done);
    const width = 30;
    const filled = Math.round((pct / 100) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}\x1b[K`);
  };
  return {
    start(n: number) {
      total = n;
      if (tty) draw(0);
      else console.error(`importing ${n} document(s)`);
    },
    document(done: number, result: IngestResult | ImportFailure) {
      if ('message' in result) {
        if (tty) process.stderr.write('\r\x1b[K');
        console.error(`error ${result.file}:${result.line}: ${result.message}`);
      }
      const now = Date.now();
      if (tty && (now - lastDraw > 100 || done === total)) {
        draw(done);
        lastDraw = now;
      } else if (!tty && (now - lastDraw > 2000 || done === total)) {
        console.error(`progress ${status(done).text}`);
        lastDraw = now;
      }
    },
    finish() {
      if (tty) process.stderr.write('\n');
    },
  };
}

const paths = process.argv.slice(2);
if (paths.length === 0) runCli(() => {
  throw new Error('usage: npm run import -- PATH... (.json, .ndjson or directories)');
});
else runWithStore(async (store, databasePath) => {
    const reporter = progressReporter(Boolean(process.stderr.isTTY));
    const started = Date.now();
    const summary = await importPaths(store, paths, reporter);
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
