// Installs what the lab needs, only when it is missing: npm packages (npm ci) and,
// with --browser, Debian's chromium for the browser tests. Safe to run every time.
import { existsSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';

const run = (cmd) => execSync(cmd, { stdio: 'inherit' });
const lock = 'package-lock.json';
const stamp = 'node_modules/.package-lock.json';
if (!existsSync(stamp) || statSync(lock).mtimeMs > statSync(stamp).mtimeMs) {
  console.error('netlab: installing npm packages (npm ci)…');
  run('npm ci --no-audit --no-fund');
}
if (process.argv.includes('--browser') && !existsSync('/usr/bin/chromium')) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = root ? '' : 'sudo ';
  console.error('netlab: installing Debian chromium for the browser tests…');
  run(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`);
}
