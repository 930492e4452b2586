// `netlab record FILE.sh [-o OUT.jsonl]`: play a scenario on the real Linux kernel and print
// the truth the simulator must reproduce, one JSON object per probe line (and per setup
// line the kernel refused).
//
// Isolation: this process never touches the machine's network. It re-executes the player
// (record/inside.ts) under `unshare --net --mount --fork`, so every command runs in a new,
// empty network namespace that plays the root namespace, with a private tmpfs on
// /run/netns for the scenario's named namespaces. All traffic stays inside namespaces the
// scenario made; when the player exits, they all vanish.

import { spawn } from 'node:child_process';
import { accessSync, constants, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classify, escapeRisk, logicalLines, shellSplit, splitNs } from './record/script.ts';
import { mergeRuns } from './record/stability.ts';
import { readScenarioFile, ScenarioTooLarge } from './io.ts';

const USAGE = 'usage: netlab record FILE.sh [-o OUT.jsonl] [--runs N]';

/** Each tool a scenario may use, and the Debian package that ships it. */
const TOOLS: Readonly<Record<string, string>> = {
  ip: 'iproute2',
  bridge: 'iproute2',
  brctl: 'bridge-utils',
  iptables: 'iptables',
  sysctl: 'procps',
  conntrack: 'conntrack',
  ping: 'iputils-ping',
  traceroute: 'traceroute',
  python3: 'python3',
  tcpdump: 'tcpdump',
};

function onPath(cmd: string): boolean {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(resolve(dir, cmd), constants.X_OK);
      return true;
    } catch {
      // try the next directory
    }
  }
  return false;
}

/** The tools this scenario needs that this machine lacks (a missing tool would otherwise be
 * recorded as the kernel refusing the line). */
function missingTools(scenario: string): string[] {
  const need = new Set(['unshare', 'mount', 'bash', 'cat', 'ip', 'python3']);
  for (const l of logicalLines(scenario)) {
    let step: ReturnType<typeof classify>;
    try {
      step = classify(l);
    } catch {
      continue; // the player reports the syntax error with its line number
    }
    if (step.kind === 'setup' || step.kind === 'show') {
      const [, rest] = splitNs(step.argv);
      if (rest[0] && rest[0] in TOOLS) need.add(rest[0]);
    } else if (step.kind === 'capture') {
      need.add('tcpdump');
    } else if (step.kind === 'probe' && step.argv[0] !== 'curl') {
      need.add(step.argv[0]!);
    }
  }
  return [...need].filter((t) => !onPath(t)).map((t) => (TOOLS[t] ? `${t} (package ${TOOLS[t]})` : t));
}

/** Lines that could touch the machine's own namespace (see escapeRisk). */
function escapes(scenario: string): string[] {
  const out: string[] = [];
  for (const l of logicalLines(scenario)) {
    let argv: string[];
    try {
      argv = shellSplit(l.text.endsWith('&') ? l.text.slice(0, -1) : l.text);
    } catch {
      continue;
    }
    const why = escapeRisk(argv);
    if (why) out.push(`  line ${l.line}: ${why}`);
  }
  return out;
}

function fail(msg: string, code = 1): number {
  process.stderr.write(`netlab record: ${msg}\n`);
  return code;
}

export async function recordMain(args: string[]): Promise<number> {
  let file: string | undefined;
  let out: string | undefined;
  let runs = 2;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (a === '-o' || a === '--output') {
      out = args[++i];
      if (!out) return fail(`-o needs a file\n${USAGE}`, 2);
    } else if (a === '--runs') {
      runs = Number(args[++i]);
      if (!Number.isInteger(runs) || runs < 1 || runs > 5) return fail(`--runs wants 1 to 5\n${USAGE}`, 2);
    } else if (a.startsWith('-')) {
      return fail(`unknown option ${a}\n${USAGE}`, 2);
    } else if (file === undefined) {
      file = a;
    } else {
      return fail(`one scenario at a time\n${USAGE}`, 2);
    }
  }
  if (!file) return fail(USAGE, 2);

  if (process.platform !== 'linux') {
    return fail(`recording needs the real Linux kernel; this is ${process.platform}. Replay works anywhere: netlab replay FILE.sh`);
  }
  if (process.getuid?.() !== 0) {
    return fail(
      'recording needs root (it creates network namespaces); run it as root, e.g. sudo npm run --silent netlab -- record FILE.sh',
    );
  }
  let text: string;
  try {
    if (!statSync(file).isFile()) return fail(`${file} is not a file`);
    text = readScenarioFile(file);
  } catch (e) {
    return fail(e instanceof ScenarioTooLarge ? e.message : `cannot read ${file}: ${(e as Error).message}`);
  }
  const risky = escapes(text);
  if (risky.length) return fail(`refusing to record; these lines could reach outside the recording:\n${risky.join('\n')}`);
  const missing = missingTools(text);
  if (missing.length) return fail(`missing on this machine: ${missing.join(', ')}`);

  // Re-execute the player in a new network + mount namespace, with the same Node flags
  // (the TypeScript loader among them).
  const self = fileURLToPath(import.meta.url);
  const inside = resolve(self, '..', 'record', 'inside' + (self.endsWith('.js') ? '.js' : '.ts'));
  const argv = ['--net', '--mount', '--fork', process.execPath, ...process.execArgv, inside, resolve(file)];

  const recordings: string[] = [];
  for (let n = 0; n < runs; n++) {
    const r = await playOnce(argv);
    if (r.code !== 0) {
      if (out) writeFileSync(`${out}.partial`, r.out);
      return fail(`failed${out ? `; what was recorded so far is in ${out}.partial` : ''}`);
    }
    recordings.push(r.out);
  }
  const merged = mergeRuns(recordings, text);
  if (merged.differing.length) {
    process.stderr.write(
      `netlab record: warning: the recordings differ on lines ${merged.differing.join(', ')}: a probe there depends on timing; change or drop it\n`,
    );
  }
  if (merged.unstable.length) {
    process.stderr.write(
      `netlab record: show or capture lines ${merged.unstable.join(', ')} differ between recordings; marked unstable (not scored)\n`,
    );
  }
  if (out) writeFileSync(out, merged.text);
  else process.stdout.write(merged.text);
  return 0;
}

/** play the scenario once in a fresh network + mount namespace; its records as printed */
function playOnce(argv: string[]): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    const env = { ...process.env, NETLAB_RECORD_OUTER_NETNS: readlinkSync('/proc/self/ns/net') };
    const child = spawn('unshare', argv, { stdio: ['ignore', 'pipe', 'inherit'], env });
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', (e) => {
      process.stderr.write(`netlab record: cannot start unshare: ${e.message}\n`);
      done({ code: 1, out: '' });
    });
    child.on('close', (c, signal) => done({ code: c ?? (signal ? 128 : 1), out: Buffer.concat(chunks).toString('utf8') }));
  });
}
