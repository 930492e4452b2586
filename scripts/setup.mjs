// Installs what the lab needs, only when it is missing: npm packages (npm ci); with
// --browser, Debian's chromium for the browser tests; with --tshark, Debian's tshark, which
// checks the capture files the lab writes. Safe to run every time.
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
if (process.argv.includes('--tshark') && !existsSync('/usr/bin/tshark')) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = root ? '' : 'sudo ';
  console.error('netlab: installing Debian tshark for the capture-file tests…');
  // wireshark-common asks whether non-root users may capture: no (nothing here captures)
  run(`echo 'wireshark-common wireshark-common/install-setuid boolean false' | ${sudo}debconf-set-selections`);
  run(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tshark`);
}
