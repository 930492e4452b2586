// Runs the Playwright tests against Debian's chromium (/usr/bin/chromium); never downloads a
// browser. Exits with Playwright's status.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('/usr/bin/chromium')) {
  console.error('e2e: /usr/bin/chromium is missing; run `node scripts/setup.mjs --browser` (apt-get install chromium).');
  process.exit(1);
}
const r = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', PLAYWRIGHT_BROWSERS_PATH: process.env.PLAYWRIGHT_BROWSERS_PATH ?? '0' },
});
process.exit(r.status ?? 1);
