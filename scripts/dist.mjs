// Runs a compiled entry point of dist/ (the server or a command), the same way in a checkout and
// in the Docker image: `node scripts/dist.mjs src/cli/keys.js list`.
//
// In a checkout with TypeScript installed, dist/ is rebuilt first when a source file is newer than
// the build (so `npm run keys` after an edit runs the edit). Without TypeScript (the runtime image,
// `npm ci --omit=dev`), dist/ is used as it is, and a missing build is a clear error.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/dist.mjs ENTRY [ARGS...]   (ENTRY relative to dist/, e.g. src/cli/keys.js)');
  process.exit(2);
}
const target = join(root, 'dist', entry);

/** The newest modification time of the files the build reads (0 when there are none, as in the image). */
function newestSource() {
  let newest = 0;
  /** @param {string} path */
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else if (/\.ts$/.test(path) || /tsconfig(\.base)?\.json$/.test(path)) newest = Math.max(newest, stat.mtimeMs);
  };
  for (const part of ['src', 'db', 'tsconfig.base.json']) visit(join(root, part));
  return newest;
}

function typescript() {
  try {
    return createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
}

/** When dist/ was last built: tsc -b leaves an unchanged output as it is but touches its build info. */
/** @param {string} path */
const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);
const built = mtime(target) && Math.max(mtime(target), mtime(join(root, 'dist', 'src.tsbuildinfo')));
if (newestSource() > built) {
  const tsc = typescript();
  if (tsc) {
    const result = spawnSync(process.execPath, [tsc, '-b', join(root, 'src')], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error('the build (tsc) failed: fix the errors above, or run `npm run build` to see them');
      process.exit(1);
    }
  } else if (!built) {
    console.error(`${target} is missing and TypeScript is not installed: run \`npm ci && npm run build\` first`);
    process.exit(1);
  }
}

process.argv = [process.argv[0], target, ...args];
await import(pathToFileURL(target).href);
