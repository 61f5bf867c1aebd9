// The operations commands run the same way in a checkout and in the runtime image (production
// dependencies only, no tsx), and every production dependency supports the Node the image runs.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../src/paths.js';

const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
  engines: { node: string };
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

describe('the npm scripts of the runtime image', () => {
  it('run the compiled server and commands through scripts/dist.mjs, which needs no dev dependency', () => {
    for (const [script, entry] of Object.entries({
      start: 'src/server.js',
      'db:migrate': 'src/cli/migrate.js',
      'db:seed': 'src/cli/seed.js',
      keys: 'src/cli/keys.js',
      import: 'src/cli/import.js',
      export: 'src/cli/export.js',
      backup: 'src/cli/backup.js',
      restore: 'src/cli/restore.js',
    })) {
      expect(pkg.scripts[script], script).toBe(`node scripts/dist.mjs ${entry}`);
    }
    const helper = readFileSync(join(projectRoot, 'scripts', 'dist.mjs'), 'utf8');
    const imports = [...helper.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    for (const name of imports) expect(name, 'the helper runs where only production dependencies are').toMatch(/^node:/);
    const dockerfile = readFileSync(join(projectRoot, 'Dockerfile'), 'utf8');
    expect(dockerfile.slice(dockerfile.lastIndexOf('FROM '))).toContain('COPY scripts ./scripts');
  });
});

describe('production dependencies', () => {
  it('all support Node 20 (engines), as package.json promises', () => {
    const semver = createRequire(import.meta.url)('semver') as { satisfies(v: string, range: string): boolean };
    expect(pkg.engines.node).toBe('>=20');
    const dirs = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: projectRoot, encoding: 'utf8' })
      .trim()
      .split('\n')
      .slice(1);
    expect(dirs.length).toBeGreaterThan(50);
    const refused: string[] = [];
    for (const dir of new Set(dirs)) {
      const { name, version, engines } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      for (const node of ['20.0.0', '20.19.0']) {
        if (engines?.node && !semver.satisfies(node, engines.node)) refused.push(`${name}@${version} (node ${engines.node}) refuses ${node}`);
      }
    }
    // better-sqlite3 says "20.x || 22.x ...": fine from 20.0.
    expect(refused).toEqual([]);
  }, 60_000);
});
