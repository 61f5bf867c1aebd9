// Importing ingest documents from files: .json (one document), .ndjson (one per line) and
// directories of them. Documents go through the ingest module in batches, each in a savepoint of
// its own, so a bad one is reported (with file and line) and the rest still land.
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { HttpProblem } from '../shared/errors.js';
import type { IngestDocument } from '../schemas/ingest.js';
import type { IngestResult, Store } from '../store/store.js';
import { validateIngestDocument } from './validate.js';

export interface ImportFailure {
  file: string;
  line: number;
  message: string;
}

export interface ImportSummary {
  total: number;
  created: number;
  replaced: number;
  unchanged: number;
  failed: ImportFailure[];
}

export interface ImportProgress {
  /** Called once, when the number of documents is known. */
  start?(total: number): void;
  /** Called after each document. */
  document?(done: number, result: IngestResult | ImportFailure): void;
}

const SUPPORTED = new Set(['.json', '.ndjson']);

/**
 * Documents per write transaction: at most MAX_BATCH, and as many as the last batch suggests fit
 * in BATCH_MS. Other processes wait for the write lock while a batch is written (busy_timeout is
 * 5 s), so a batch is bounded by time rather than count: on a busy machine, where each document
 * takes longer, batches get smaller. A crash loses at most the batch being written, never part of
 * an article.
 */
const MAX_BATCH = 100;
const BATCH_MS = 200;

/** The files a list of paths names: files as given, directories searched recursively, sorted. */
export function collectFiles(paths: string[]): string[] {
  const files: string[] = [];
  const visit = (path: string, explicit: boolean) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry), false);
    } else if (SUPPORTED.has(extname(path))) {
      files.push(path);
    } else if (explicit) {
      throw new Error(`${path}: not a .json or .ndjson file`);
    }
  };
  for (const path of paths) visit(path, true);
  return files;
}

function lineOf(text: string, error: unknown): number {
  const position = /position (\d+)/.exec(String(error))?.[1];
  return position === undefined ? 1 : text.slice(0, Number(position)).split('\n').length;
}

function describe(error: unknown): string {
  if (error instanceof HttpProblem) {
    const fields = (error.errors ?? []).map((e) => `\n    ${e.path || '/'}: ${e.message}`).join('');
    return `${error.status} ${error.detail}${fields}`;
  }
  return error instanceof Error ? error.message : String(error);
}

async function countDocuments(file: string): Promise<number> {
  if (extname(file) === '.json') return 1;
  let count = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (line.trim()) count++;
  }
  return count;
}

/** Each document of a file with its line number (1-based); a .json file is one document. */
async function* documents(file: string): AsyncGenerator<{ line: number; text: string }> {
  if (extname(file) === '.json') {
    yield { line: 1, text: readFileSync(file, 'utf8') };
    return;
  }
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    line++;
    if (text.trim()) yield { line, text };
  }
}

/**
 * Imports every document under `paths`: new articles are created, existing ones replaced, and
 * identical ones left unchanged. Never throws for a bad document; returns what failed.
 */
export async function importPaths(store: Store, paths: string[], progress: ImportProgress = {}): Promise<ImportSummary> {
  const files = collectFiles(paths);
  let total = 0;
  for (const file of files) total += await countDocuments(file);
  progress.start?.(total);

  const summary: ImportSummary = { total, created: 0, replaced: 0, unchanged: 0, failed: [] };
  let done = 0;
  // Documents are written a batch at a time, in one transaction with a savepoint each
  // (Store.writeArticles): a refused document still fails alone, and the others land together.
  // Outcomes are reported in file order once their batch is written.
  let batch: Array<{ file: string; line: number; doc?: IngestDocument; failure?: ImportFailure }> = [];
  let batchSize = 10; // grows (or shrinks) with the time the last batch took
  const flush = async () => {
    const docs = batch.filter((b) => b.doc).map((b) => b.doc!);
    const started = performance.now();
    const written = docs.length ? await store.writeArticles(docs, 'upsert') : [];
    if (docs.length) {
      const perDocument = (performance.now() - started) / docs.length;
      batchSize = Math.max(1, Math.min(MAX_BATCH, Math.floor(BATCH_MS / Math.max(perDocument, 0.01))));
    }
    let next = 0;
    for (const entry of batch) {
      let outcome: IngestResult | ImportFailure;
      if (entry.failure) {
        outcome = entry.failure;
      } else {
        const result = written[next++]!;
        outcome = result instanceof Error ? { file: entry.file, line: entry.line, message: describe(result) } : { id: result.id, outcome: result.outcome };
      }
      if ('message' in outcome) summary.failed.push(outcome);
      else summary[outcome.outcome]++;
      progress.document?.(++done, outcome);
    }
    batch = [];
  };
  for (const file of files) {
    for await (const { line, text } of documents(file)) {
      try {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch (err) {
          throw Object.assign(new Error(`invalid JSON: ${(err as Error).message}`), { line: line + lineOf(text, err) - 1 });
        }
        batch.push({ file, line, doc: validateIngestDocument(parsed) });
      } catch (err) {
        const at = (err as { line?: number }).line ?? line;
        batch.push({ file, line, failure: { file, line: at, message: describe(err) } });
      }
      if (batch.length >= batchSize) await flush();
    }
  }
  await flush();
  return summary;
}
