// What the browser tests share: Debian's chromium (installed by the project's script when missing,
// or a clear reason to skip), a headless context that may talk to the app only, and a page that
// reports every console error, page error and Content-Security-Policy violation.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { projectRoot } from '../../src/paths.js';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * A newcomer's machine may lack chromium: install it with the project's script. When that cannot
 * be done (no root), the reason `test` is skipped, printed once; CI (.ci/run) installs chromium first.
 */
export function chromiumMissing(test: string): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const script = join(projectRoot, 'tests', 'browser', 'install-chromium.sh');
  const result = spawnSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status === 0 && existsSync(CHROMIUM)) return undefined;
  const reason =
    `SKIPPED the ${test}: it needs Debian's chromium at ${CHROMIUM}, which is missing and could ` +
    `not be installed (run \`npm run browser:install\` as root or with sudo):\n${result.stdout}${result.stderr}`;
  console.warn(reason);
  return reason;
}

/** A headless chromium whose pages may only talk to `base`: anything else is refused and reported. */
export async function launchChromium(name: string, base: string, report: (problem: string) => void): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), `${name}-chromium-`));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  await context.route(
    (url) => url.origin !== base,
    (route) => {
      report(`request outside the app: ${route.request().method()} ${route.request().url()}`);
      return route.abort('blockedbyclient');
    },
  );
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Reports what the page complains about: console errors (but those `expected` allows), page errors, CSP violations. */
export async function watchPage(page: Page, report: (problem: string) => void, expected: (consoleError: string) => boolean = () => false) {
  page.on('console', (message) => {
    if (message.type() === 'error' && !expected(message.text())) report(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => report(`page error: ${error.message}`));
  // Chromium names the directive and the blocked resource in the event; the console text is vaguer.
  await page.exposeFunction('reportCspViolation', (violation: string) => report(`CSP violation: ${violation}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const reportCsp = (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation;
      reportCsp(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile}:${e.lineNumber} (${e.disposition})`);
    });
  });
}
