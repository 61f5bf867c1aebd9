// Reads editorials in a worker thread, one at a time, each within a time budget. A read that
// outlasts its budget is stopped by terminating the worker (a fresh one takes the next read), so
// no text can hold the server's event loop or the worker for longer than the budget.
import { Worker } from 'node:worker_threads';
import type { ReaderInput, Reading } from './types.js';

interface Task {
  id: number;
  input: ReaderInput;
  timeoutMs: number;
  resolve: (reading: Reading) => void;
  reject: (err: Error) => void;
}

/** Too many reads waiting: the caller answers 503 rather than queueing without end. */
export class ReaderBusy extends Error {
  override name = 'ReaderBusy';
}

// From dist/ the worker is JavaScript. From source (tests, tsx) it is TypeScript: a bootstrap
// registers tsx's loader in the worker first (tsx is a development dependency).
const fromSource = import.meta.url.endsWith('.ts');
const workerFile = new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url);
const newWorker = () =>
  fromSource
    ? new Worker(
        `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerFile.href)}); })`,
        { eval: true },
      )
    : new Worker(workerFile);

export class ReaderPool {
  private worker: Worker | undefined;
  /** Whether the current worker has loaded the reader: reads are timed from then on. */
  private ready = false;
  private queue: Task[] = [];
  private running: Task | undefined;
  private timer: NodeJS.Timeout | undefined;
  private nextId = 1;

  constructor(private readonly maxWaiting = 16) {}

  /** Reads `input` within `timeoutMs` of starting, after the reads ahead of it. */
  read(input: ReaderInput, timeoutMs: number): Promise<Reading> {
    if (this.queue.length >= this.maxWaiting) return Promise.reject(new ReaderBusy('too many texts are waiting to be read'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, input, timeoutMs, resolve, reject });
      this.next();
    });
  }

  async close(): Promise<void> {
    for (const task of this.queue.splice(0)) task.reject(new ReaderBusy('the server is shutting down'));
    clearTimeout(this.timer);
    await this.worker?.terminate();
    this.worker = undefined;
  }

  private spawn(): Worker {
    const worker = newWorker();
    worker.unref();
    this.ready = false;
    worker.on('message', (message: { ready?: true; id: number; reading?: Reading; error?: { name: string; message: string } }) => {
      if (message.ready) {
        this.ready = true;
        return this.next();
      }
      const task = this.running;
      if (!task || task.id !== message.id) return;
      this.finish();
      // The reader's refusals keep their names (ReaderTimeout, ReaderInputTooLarge) across the thread.
      if (message.reading) task.resolve(message.reading);
      else task.reject(Object.assign(new Error(message.error?.message ?? 'the reader failed'), { name: message.error?.name ?? 'Error' }));
    });
    worker.on('error', (err) => {
      const task = this.running;
      this.worker = undefined;
      this.finish();
      task?.reject(err);
    });
    return worker;
  }

  private finish() {
    clearTimeout(this.timer);
    this.running = undefined;
    queueMicrotask(() => this.next());
  }

  private next() {
    if (this.running || this.queue.length === 0) return;
    // A new worker loads the reader first; the read starts (and is timed) once it is ready.
    this.worker ??= this.spawn();
    if (!this.ready) return;
    const task = this.queue.shift()!;
    this.running = task;
    // The reader checks the deadline itself between paragraphs; the timer is the backstop for a
    // stage that does not return in time: the worker is terminated and replaced.
    this.timer = setTimeout(() => {
      const stuck = this.worker;
      this.worker = undefined;
      void stuck?.terminate();
      this.finish();
      task.reject(Object.assign(new Error(`the text was not read within ${task.timeoutMs} ms`), { name: 'ReaderTimeout' }));
    }, task.timeoutMs + 50);
    this.worker.postMessage({ id: task.id, input: task.input, deadline: Date.now() + task.timeoutMs });
  }
}
