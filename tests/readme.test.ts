// The README's commands, as a reader runs them: every shell block of its "Examples" and "Writing"
// sections (import and export included), in order, in one bash session from the project root,
// against a real server on a fresh temporary database. Only the address (the server listens on a
// free port) and the export file (kept out of the checkout) are substituted.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/paths.js';
import { INDUS_OP_ED } from '../src/schemas/ingest.examples.js';
import { NO_LIMITS_ENV, startServer } from './helpers/server.js';

const README = readFileSync(join(projectRoot, 'README.md'), 'utf8');

/** The text of a `## ` section (its `###` subsections included), by the start of its title. */
function section(title: string): string {
  const start = README.indexOf(`\n## ${title}`);
  if (start === -1) throw new Error(`README has no section "${title}"`);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end === -1 ? undefined : end);
}

interface Command {
  text: string;
  /** The status the comment above it documents (the first 3-digit code in it), else 200. */
  status: number;
}

/** The commands of a section's ```sh blocks: continuation lines joined, comments set aside. */
function commands(markdown: string): Command[] {
  const found: Command[] = [];
  for (const [, block] of markdown.matchAll(/```sh\n([\s\S]*?)```/g)) {
    let status = 200;
    let comment: string | undefined; // the comment lines read since the last command
    let pending = '';
    for (const line of block!.split('\n')) {
      if (!pending && line.trim().startsWith('#')) {
        comment = `${comment ?? ''}${line}\n`;
        status = Number(comment.match(/\b[1-5]\d\d\b/)?.[0] ?? 200);
        continue;
      }
      if (!pending && !line.trim()) continue;
      comment = undefined;
      pending += `${line}\n`;
      if (!line.endsWith('\\')) {
        found.push({ text: pending.trimEnd(), status });
        pending = '';
      }
    }
  }
  return found;
}

const dir = mkdtempSync(join(tmpdir(), 'editorial-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the README', () => {
  const list = [...commands(section('Examples')), ...commands(section('Writing'))];

  it('points only at files inside the repository, and they exist', () => {
    expect(README).not.toMatch(/\.\.\/\w/);
    const paths = [...README.matchAll(/`((?:db|examples|openapi|src|tests|migrations)\/[\w./-]*)`/g)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThan(5);
    // The database is created on first start, git-ignored.
    for (const path of paths.filter((p) => !p.endsWith('.sqlite'))) expect(existsSync(join(projectRoot, path)), path).toBe(true);
  });

  it('ships the example documents it sends: the Swagger UI example and its correction', () => {
    const example = JSON.parse(readFileSync(join(projectRoot, 'examples', 'water-is-not-a-weapon.json'), 'utf8'));
    expect(example).toEqual(INDUS_OP_ED);
    const corrected = JSON.parse(readFileSync(join(projectRoot, 'examples', 'water-is-not-a-weapon.corrected.json'), 'utf8'));
    expect(corrected.headline).toBe(example.headline);
    expect(corrected.body).not.toBe(example.body);
    const files = list.flatMap((c) => [...c.text.matchAll(/@(\S+\.json)/g)].map((m) => m[1]!));
    // The document is checked first (dryRun), then created, then corrected.
    expect(files).toEqual(['examples/water-is-not-a-weapon.json', 'examples/water-is-not-a-weapon.json', 'examples/water-is-not-a-weapon.corrected.json']);
    for (const file of files) expect(existsSync(join(projectRoot, file)), file).toBe(true);
  });

  it('runs every command of "Examples" and "Writing" as written, in order, each exiting 0 with the documented status', async () => {
    expect(list.length).toBeGreaterThan(15);
    const env = { ...NO_LIMITS_ENV, DATABASE_PATH: join(dir, 'readme.sqlite') };
    const server = startServer(env);
    try {
      const base = await server.listening;
      // curl reports each answer's status after its output, so commands are checked unchanged.
      const script = [
        `curl() { command curl -w '\\n@@status %{http_code}\\n' "$@"; }`,
        ...list.flatMap((c, i) => [
          `echo '@@begin ${i}'`,
          c.text.replaceAll('http://127.0.0.1:3000', base).replaceAll('all.ndjson', join(dir, 'all.ndjson')),
          `echo "@@end ${i} $?"`,
        ]),
      ].join('\n');
      const run = spawnSync('bash', ['-c', script], {
        cwd: projectRoot,
        env: { ...process.env, ...env, npm_config_update_notifier: 'false' },
        encoding: 'utf8',
        timeout: 100_000,
      });
      expect(run.status, run.stderr).toBe(0);
      list.forEach((command, i) => {
        const output = run.stdout.split(`@@begin ${i}\n`)[1]?.split(`@@end ${i} `);
        expect(output, `${command.text}\n${run.stderr}`).toHaveLength(2);
        const [printed, rest] = output as [string, string];
        expect(Number(rest.split('\n')[0]), `exit code of: ${command.text}\n${printed}\n${run.stderr}`).toBe(0);
        const statuses = [...printed.matchAll(/@@status (\d{3})/g)].map((m) => Number(m[1]));
        // A curl whose output is captured or piped shows no status; the next command uses what it read.
        if (/^curl /.test(command.text) && !command.text.includes('|')) {
          expect(statuses, `${command.text}\n${printed}`).toEqual([command.status]);
        }
      });
      // What the commands did: the correction landed, then the delete and the re-import.
      const article = await fetch(`${base}/v1/articles/2026-02-03-water-is-not-a-weapon?include=body`);
      expect(article.status).toBe(200);
      expect((await article.json()).body).toContain('a third of the water'); // re-imported from the example
      expect(run.stdout).toMatch(/news-desk\twrite\tactive/);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 120_000);
});
