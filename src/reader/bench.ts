// Speed of the assisted reader, in process.
//
//   npx tsx src/reader/bench.ts [--runs 300]
//
// p50/p99 over the dev editorials (about 3,000 characters each), read in turn after a warm-up;
// then a 1 MiB text (refused at once: longer than an ingest body may be) and a 400,000-character
// text under a 2-second deadline (read, or stopped with ReaderTimeout, within the budget).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../paths.js';
import { ReaderInputTooLarge, ReaderTimeout } from './errors.js';
import { readEditorial } from './reader.js';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > -1 ? Number(process.argv[runsArg + 1]) : 300;
const dir = join(projectRoot, 'src', 'reader', 'eval', 'dev');
const texts = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(join(dir, f), 'utf8'));
if (!texts.length) throw new Error(`no texts in ${dir}`);

for (let i = 0; i < 20; i++) readEditorial({ body: texts[i % texts.length]!, home: 'kenya' });
// Wall time, and the process's CPU time (user + system), which a machine shared with other work
// inflates far less than wall time.
const wall: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const body = texts[i % texts.length]!;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  readEditorial({ body, home: 'kenya' });
  wall.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
const meanChars = Math.round(texts.reduce((n, t) => n + t.length, 0) / texts.length);
const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
  return `p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`;
};
console.log(`${RUNS} runs over ${texts.length} texts (mean ${meanChars} chars)`);
console.log(`  wall: ${summary(wall)}`);
console.log(`  cpu:  ${summary(cpu)}`);

function big(chars: number): string {
  let out = '';
  for (let i = 0; out.length < chars; i++) out += `${texts[i % texts.length]}\n\n`;
  return out.slice(0, chars);
}

for (const [label, chars, budget] of [
  ['1 MiB', 1 << 20, 2000],
  ['400,000 chars', 400_000, 2000],
] as const) {
  const body = big(chars);
  const t0 = performance.now();
  let outcome: string;
  try {
    const r = readEditorial({ body, home: 'kenya' }, { deadline: Date.now() + budget });
    outcome = `read: ${r.recommendations.length} recommendations, ${r.quotations.length} quotations`;
  } catch (err) {
    if (err instanceof ReaderTimeout || err instanceof ReaderInputTooLarge) outcome = `${err.name}: ${err.message}`;
    else throw err;
  }
  console.log(`${label} under a ${budget} ms deadline: ${(performance.now() - t0).toFixed(0)} ms; ${outcome}`);
}
