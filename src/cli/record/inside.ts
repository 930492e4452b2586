// The half of `netlab record` that runs inside the private network + mount namespace made by
// `unshare --net --mount --fork` (see ../record.ts). It plays a scenario line by line on
// the real kernel and prints one JSON object per probe line and per refused setup line.
//
// Usage (never by hand): node [loader] inside.ts SCENARIO.sh
//
// Nothing here may run outside that namespace: the entry re-checks that the namespace it
// finds is empty before it touches anything.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ETC_RESOLV } from '../../cmd/files.ts';
import { readScenarioFile } from '../io.ts';
import {
  changesLinks,
  classify,
  escapeRisk,
  inNs,
  logicalLines,
  ncListenPort,
  serverPort,
  shellSplit,
  ShellSyntaxError,
  splitNs,
  type Step,
} from './script.ts';
import {
  observeCurl,
  observePing,
  observeTraceroute,
  lastLine,
  planCurl,
  planPing,
  planTraceroute,
  pyJson,
  type Record_,
} from './observe.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const HTTP_PROBE = join(HERE, 'http_probe.py');
/**
 * The interpreter of the curl probe and of `python3 -m http.server`: the system's own when there is
 * one. A version manager's shim (pyenv) can take seconds to start on a loaded machine, and
 * every second a probe takes moves the kernel's timers (neighbour states, conntrack) on
 * before the next show line; a replay spends only the recorder's waits.
 */
const PYTHON = process.env['NETLAB_PYTHON'] ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

/** Carrier comes up asynchronously (linkwatch, up to ~1 s) after a link is added or set. */
const LINK_SETTLE_S = 1.2;
/** Routers rate-limit ICMP errors per peer (about one a second): rest between probes. */
const PROBE_GAP_S = Number.parseFloat(process.env['NETLAB_PROBE_GAP'] ?? '1.5');

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function run(argv: readonly string[], timeoutS = 30, env?: NodeJS.ProcessEnv): Ran {
  const r = spawnSync(argv[0]!, argv.slice(1), {
    encoding: 'utf8',
    timeout: timeoutS * 1000,
    maxBuffer: 64 * 1024 * 1024,
    ...(env ? { env } : {}),
  });
  if (r.error) {
    const why = (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' ? `timed out after ${timeoutS} s` : r.error.message;
    throw new Error(`${argv.join(' ')}: ${why}`);
  }
  return { code: r.status ?? 128, stdout: r.stdout, stderr: r.stderr };
}

const now = (): number => performance.now() / 1000;
const sleep = (s: number): Promise<void> => new Promise((res) => setTimeout(res, Math.max(0, s) * 1000));

// Probes parse English output: pin the locale for them (setup lines run as written).
const PROBE_ENV: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', LANG: 'C' };

function probe(ns: string, argv: readonly string[]): Record_ {
  switch (argv[0]) {
    case 'ping': {
      const p = planPing(argv);
      const r = run(inNs(ns, p.command), 30, PROBE_ENV);
      return observePing(ns, p.dst, r.stdout, r.stderr);
    }
    case 'traceroute': {
      const p = planTraceroute(argv);
      const r = run(inNs(ns, p.command), 60, PROBE_ENV);
      return observeTraceroute(ns, p.dst, r.stdout, r.stderr);
    }
    default: {
      const url = planCurl(argv);
      const r = run(inNs(ns, [PYTHON, HTTP_PROBE, url]), 30, PROBE_ENV);
      return observeCurl(ns, url, r.stdout, r.stderr);
    }
  }
}

async function waitListening(ns: string, port: number, deadlineS = 3): Promise<void> {
  const needle = ':' + port.toString(16).toUpperCase().padStart(4, '0') + ' ';
  const t0 = now();
  while (now() - t0 < deadlineS) {
    const r = run(inNs(ns, ['cat', '/proc/net/tcp']));
    if (r.stdout.includes(needle)) return;
    await sleep(0.05);
  }
}

/** Refuse to run anywhere but a namespace we just made: only `lo` may exist. */
function assertFreshNamespace(): void {
  // The outer recorder tells us which namespace it ran in; we must be somewhere else.
  const outer = process.env['NETLAB_RECORD_OUTER_NETNS'];
  if (!outer || readlinkSync('/proc/self/ns/net') === outer) {
    throw new Error('refusing to record outside a namespace made by `netlab record`');
  }
  const r = run(['ip', '-o', 'link', 'show']);
  const devs = r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(':')[1]?.trim().split('@')[0]);
  if (devs.length !== 1 || devs[0] !== 'lo') {
    throw new Error(`refusing to record: this network namespace is not empty (${devs.join(', ')})`);
  }
}

// Link kinds of the scenario dialect and the kernel option each needs. A kernel built
// without one answers "Unknown device type": that is a fact about this build, not about
// Linux, so the recorder stops instead of writing it down as a refusal.
const LINK_KINDS: Readonly<Record<string, string>> = {
  veth: 'CONFIG_VETH',
  bridge: 'CONFIG_BRIDGE',
  dummy: 'CONFIG_DUMMY',
  macvlan: 'CONFIG_MACVLAN',
  ipvlan: 'CONFIG_IPVLAN',
  vxlan: 'CONFIG_VXLAN',
};

function missingKernelFeature(argv: readonly string[], stderr: string): string | undefined {
  if (!stderr.includes('Unknown device type')) return undefined;
  const i = argv.indexOf('type');
  const kind = i >= 0 ? argv[i + 1] : undefined;
  if (!kind || !(kind in LINK_KINDS)) return undefined;
  return `this kernel has no \`type ${kind}\` links (built without ${LINK_KINDS[kind]})`;
}

/**
 * The simulator models IPv4 only: every namespace of a recording runs with IPv6 disabled, so
 * that no link-local address, router solicitation or MLD report shows up in what it prints.
 */
function disableIpv6(ns: string): void {
  const keys = ['net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1'];
  const r = run(inNs(ns, ['sysctl', '-q', '-w', ...keys]));
  if (r.code !== 0) throw new Error(`cannot disable IPv6 in ${ns}: ${r.stderr.trim()}`);
}

/** the namespace `ip netns add NAME` made, if ARGV is that */
function addedNetns(argv: readonly string[]): string | undefined {
  const [ns, rest] = splitNs(argv);
  if (ns !== 'root' || rest[0] !== 'ip') return undefined;
  const w = rest.slice(1).filter((x) => !x.startsWith('-'));
  return w[0] === 'netns' && w[1] === 'add' && w[2] !== undefined ? w[2] : undefined;
}

function print(rec: Record_): void {
  process.stdout.write(pyJson(rec) + '\n');
}

export async function playScenario(path: string): Promise<void> {
  assertFreshNamespace();
  // A private /run/netns: `ip netns add` pins namespaces there, and none may leak out. It is
  // made on a private tmpfs over /run (this mount namespace only), never on the host's own /run.
  // A private /run always: a daemon the scenario starts (dnsmasq) writes its pid file there.
  {
    const run_ = run(['mount', '-t', 'tmpfs', 'none', '/run']);
    if (run_.code !== 0) throw new Error(`cannot mount a private /run: ${run_.stderr.trim()}`);
    mkdirSync('/run/netns');
  }
  // /etc/resolv.conf as the lab's host has it until a scenario writes one (no name server): a
  // private file bound over the machine's, in this mount namespace only, so that
  // `echo nameserver … > /etc/resolv.conf` writes the recording's and never the machine's
  const etc = mkdtempSync(join(tmpdir(), 'netlab-etc-'));
  writeFileSync(join(etc, 'resolv.conf'), ETC_RESOLV);
  const bound = run(['mount', '--bind', join(etc, 'resolv.conf'), '/etc/resolv.conf']);
  if (bound.code !== 0) throw new Error(`cannot bind a private /etc/resolv.conf: ${bound.stderr.trim()}`);
  const mounted = run(['mount', '-t', 'tmpfs', 'none', '/run/netns']);
  if (mounted.code !== 0) throw new Error(`cannot mount a private /run/netns: ${mounted.stderr.trim()}`);
  // sysfs shows the devices of the namespace that mounted it: a fresh one over /sys (this
  // mount namespace only, as `ip netns exec` does) makes /sys/class/net the recording's
  const sys = run(['mount', '-t', 'sysfs', 'sysfs', '/sys']);
  if (sys.code !== 0) throw new Error(`cannot mount a private /sys: ${sys.stderr.trim()}`);
  disableIpv6('root');
  const lo = run(['ip', 'link', 'set', 'lo', 'up']);
  if (lo.code !== 0) throw new Error(`cannot bring lo up: ${lo.stderr.trim()}`);

  const servers: Server[] = [];
  // the servers serve an empty directory (the lab models no files): a fresh one of their own
  const docroot = mkdtempSync(join(tmpdir(), 'netlab-http-'));
  const captures: Array<{ step: Step & { kind: 'capture' }; proc: ChildProcess; out: string[]; started: boolean }> = [];
  const killServers = (): void => {
    for (const s of servers) if (s.proc.exitCode === null) s.proc.kill('SIGKILL');
  };
  process.on('exit', killServers);
  const daemons: ChildProcess[] = [];
  let lastLinkChange = 0;
  let lastProbe = 0;
  try {
    for (const l of logicalLines(readScenarioFile(path))) {
      let step: Step;
      try {
        step = classify(l);
      } catch (e) {
        if (!(e instanceof ShellSyntaxError)) throw e;
        throw new Error(`line ${l.line}: ${e.message}: ${l.text}`);
      }
      // Defence in depth: the outer recorder has already refused such files.
      const risk = escapeRisk(shellSplit(step.text));
      if (risk) throw new Error(`line ${step.line}: ${risk}`);
      if (step.kind === 'server') {
        servers.push(startServer(step, docroot));
        const port = step.cmd ? ncListenPort(step.cmd) : serverPort(step.args);
        if (port !== null) await waitListening(step.ns, port);
        // a connecting nc: until its connection is up (or refused)
        else await sleep(0.5);
        continue;
      }
      if (step.kind === 'capture') {
        captures.push(await startCapture(step));
        continue;
      }
      if (step.kind === 'probe') {
        await sleep(lastLinkChange + LINK_SETTLE_S - now());
        await sleep(lastProbe + PROBE_GAP_S - now());
        const logged = servers.map((s) => s.requests());
        const obs = probe(step.ns, step.argv);
        // the address the server saw is the first field of the line it logs for the request
        // (an IPv4 peer of a dual-stack server is logged as ::ffff:a.b.c.d: the address is the IPv4 one)
        if (obs['kind'] === 'curl' && obs['result'] === 'ok')
          obs['client'] = (await servedClient(servers, logged))?.replace(/^::ffff:(?=\d+\.)/, '') ?? null;
        lastProbe = now();
        print({ line: step.line, ...obs });
        continue;
      }
      if (step.kind === 'show') {
        // what a settled kernel prints (carrier and operstate follow a link change asynchronously)
        await sleep(lastLinkChange + LINK_SETTLE_S - now());
        // run directly, not through bash: nothing of a shell's start-up may reach its output
        const r = run(step.argv, 30, PROBE_ENV);
        // curl's and nc's exit status is part of what they show (7, 28, 22; 1): no refusal of a setup line
        const curl = ['curl', 'nc', 'netcat'].includes(splitNs(step.argv)[1][0] ?? '');
        if (r.code !== 0 && !curl) print({ line: step.line, kind: 'error', cmd: step.text, stderr: lastLine(r.stderr) });
        print({
          line: step.line,
          kind: 'show',
          ns: step.ns,
          cmd: step.text,
          stdout: r.stdout,
          stderr: r.stderr,
          ...(curl ? { status: r.code } : {}),
        });
        continue;
      }
      if (l.text.endsWith('&')) {
        // a daemon in the background (dnsmasq -k): it runs until every probe and capture is done
        daemons.push(await startDaemon(step.argv));
        continue;
      }
      const r = run(['bash', '-c', step.text]);
      if (changesLinks(step.text)) lastLinkChange = now();
      const added = r.code === 0 ? addedNetns(step.argv) : undefined;
      if (added) disableIpv6(added);
      if (r.code !== 0) {
        const err = r.stderr.trim();
        const last = lastLine(r.stderr);
        const missing = missingKernelFeature(step.argv, err);
        if (missing) throw new Error(`line ${step.line}: ${missing}; a recording made here would be false`);
        print({ line: step.line, kind: 'error', cmd: step.text, stderr: last });
      }
    }
    // every probe has run: the captures are interrupted (as Ctrl+C would) and report
    for (const c of captures) {
      if (!c.started) continue;
      await stopCapture(c.proc);
      print({ line: c.step.line, kind: 'capture', ns: c.step.ns, cmd: c.step.text, stdout: c.out.join('') });
    }
    for (const d of daemons) await stopServer(d);
    // then the servers are stopped (as `kill %N` would): what each printed, its request log
    for (const s of servers) {
      await stopServer(s.proc);
      print({ line: s.step.line, kind: 'log', ns: s.step.ns, cmd: s.step.text, stdout: s.out.join(''), stderr: s.err.join('') });
    }
  } finally {
    for (const d of daemons) if (d.exitCode === null) d.kill('SIGKILL');
    for (const c of captures) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
    killServers();
  }
}

interface Server {
  readonly step: Step & { kind: 'server' };
  readonly proc: ChildProcess;
  readonly out: string[];
  readonly err: string[];
  /** the requests it has logged so far */
  requests(): number;
  /** the client of its request log's line N (0-based) */
  client(n: number): string | undefined;
}

const REQUEST_LOG = /^(\S+) - - \[[^\]]*\] "/;

/**
 * `python3 -m http.server ARGS` in the background, in DOCROOT, its stdout and stderr kept. Its
 * stdout unbuffered, as Python's is on a terminal (line-buffered): `Serving HTTP on …` comes first.
 */
function startServer(step: Step & { kind: 'server' }, docroot: string): Server {
  const argv = inNs(step.ns, step.cmd ?? [PYTHON, '-m', 'http.server', ...step.args]);
  const proc = spawn(argv[0]!, argv.slice(1), {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: docroot,
    env: { ...PROBE_ENV, PYTHONUNBUFFERED: '1' },
  });
  const out: string[] = [];
  const err: string[] = [];
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => out.push(d));
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => err.push(d));
  const lines = (): string[] =>
    err
      .join('')
      .split('\n')
      .filter((l) => REQUEST_LOG.test(l) && !/\] code \d+, message /.test(l));
  return {
    step,
    proc,
    out,
    err,
    requests: () => lines().length,
    client: (n) => REQUEST_LOG.exec(lines()[n] ?? '')?.[1],
  };
}

/** the client of the first request a server logged beyond LOGGED (its count before the probe), once its line comes */
async function servedClient(servers: readonly Server[], logged: readonly number[]): Promise<string | null> {
  const t0 = now();
  while (now() - t0 < 1) {
    for (const [i, s] of servers.entries()) {
      const before = logged[i] ?? 0;
      if (s.requests() > before) return s.client(before) ?? null;
    }
    await sleep(0.02);
  }
  return null;
}

async function stopServer(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  const done = new Promise<void>((res) => proc.once('close', () => res()));
  proc.kill('SIGTERM');
  await Promise.race([done, sleep(5)]);
}

/**
 * a setup line run with `&`: its command itself (no shell between, so that the signal that
 * stops it reaches it), given half a second to bind its sockets
 */
async function startDaemon(argv: readonly string[]): Promise<ChildProcess> {
  const proc = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'ignore', 'ignore'], env: PROBE_ENV });
  await sleep(0.5);
  return proc;
}

/** start `tcpdump …` in the background, line-buffered, and wait until it listens */
async function startCapture(
  step: Step & { kind: 'capture' },
): Promise<{ step: Step & { kind: 'capture' }; proc: ChildProcess; out: string[]; started: boolean }> {
  const argv = step.argv.includes('-l') ? step.argv : [step.argv[0]!, '-l', ...step.argv.slice(1)];
  const full = inNs(step.ns, argv);
  const proc = spawn(full[0]!, full.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: PROBE_ENV });
  const out: string[] = [];
  let err = '';
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => out.push(d));
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  const t0 = now();
  while (now() - t0 < 5 && proc.exitCode === null && !/listening on /.test(err)) await sleep(0.02);
  // a capture that could not start (no such device, a bad filter) records nothing, as a background job
  return { step, proc, out, started: /listening on /.test(err) };
}

async function stopCapture(proc: ChildProcess): Promise<void> {
  // let the last packets reach tcpdump's socket, then interrupt it and wait for its report
  await sleep(0.3);
  const done = new Promise<void>((res) => proc.once('close', () => res()));
  proc.kill('SIGINT');
  await Promise.race([done, sleep(5)]);
}

const scenario = process.argv[2];
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && scenario) {
  playScenario(scenario).then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`netlab record: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
