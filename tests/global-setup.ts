// Runs once before any test file: builds dist/ (tsc -b src, nothing to do when it is up to date),
// which the black-box tests start as processes and npm scripts run. Built here, once, so that test
// files running in parallel never race to rebuild it.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectRoot } from '../src/paths.js';

export default function setup(): void {
  const tsc = createRequire(join(projectRoot, 'package.json')).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-b', join(projectRoot, 'src')], { cwd: projectRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`the build (tsc -b src) failed:\n${result.stdout}${result.stderr}`);
}
