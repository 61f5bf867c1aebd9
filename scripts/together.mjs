// Runs npm scripts at the same time and fails when any fails: `node scripts/together.mjs typecheck lint`.
// npm test starts with the type check and the lint this way, so the two use both cores of a small
// machine rather than one after the other. Each script's output is printed whole when it ends.
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
if (!names.length) {
  console.error('usage: node scripts/together.mjs SCRIPT [SCRIPT...]   (npm script names)');
  process.exit(2);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const results = await Promise.all(
  names.map(
    (name) =>
      new Promise((resolve) => {
        const child = spawn(npm, ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        child.on('close', (code, signal) => {
          const ok = code === 0;
          process.stdout.write(`${ok ? 'ok' : 'FAILED'}: npm run ${name}${ok ? '' : ` (${signal ?? `exit code ${code}`})`}\n${output}`);
          resolve(ok);
        });
        child.on('error', (error) => {
          process.stdout.write(`FAILED: npm run ${name}: ${error.message}\n`);
          resolve(false);
        });
      }),
  ),
);
process.exit(results.every(Boolean) ? 0 : 1);
