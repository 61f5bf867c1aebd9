// The committed OpenAPI document (kept equal to the served one by tests/openapi.test.ts) passes
// both linters with zero errors, under the rulesets in openapi/: Redocly's `recommended` and
// Spectral's `spectral:oas`, each made stricter where the API promises more (problem+json for
// every error, 304 on every GET, valid examples, no unused components). The same commands are
// `npm run lint:openapi`. Neither tool needs the network: telemetry and update checks are off.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';

const bin = (name: string) => join(projectRoot, 'node_modules', '.bin', name);
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };

function run(command: string, args: string[]) {
  const result = spawnSync(bin(command), args, { cwd: projectRoot, env, encoding: 'utf8', timeout: 90_000 });
  if (result.error) throw result.error;
  return result;
}

describe('the committed OpenAPI document under the linters', () => {
  it('has no Redocly error (recommended, made stricter in openapi/redocly.yaml)', () => {
    const { status, stdout, stderr } = run('redocly', ['lint', '--config', 'openapi/redocly.yaml', '--format', 'json', 'openapi/openapi.json']);
    const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: Array<{ ruleId: string; severity: string; message: string }> };
    const errors = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message}`);
    expect(errors, stderr).toEqual([]);
    expect(report.totals.errors).toBe(0);
    expect(status, stderr).toBe(0);
  }, 120_000);

  it('has no Spectral error (spectral:oas, made stricter in openapi/.spectral.yaml)', () => {
    const { status, stdout, stderr } = run('spectral', ['lint', '--fail-severity', 'error', '--ruleset', 'openapi/.spectral.yaml', '--format', 'json', 'openapi/openapi.json']);
    // Spectral prints nothing parseable when the ruleset itself is broken; show what it said.
    const problems = JSON.parse(stdout || 'null') as Array<{ code: string; severity: number; message: string; path: string[] }> | null;
    expect(problems, stderr).not.toBeNull();
    const errors = problems!.filter((p) => p.severity === 0).map((p) => `${p.code} at ${p.path.join('.')}: ${p.message}`);
    expect(errors, stderr).toEqual([]);
    expect(status, stderr).toBe(0);
  }, 120_000);
});
