import { pyStrip, splitLines } from './script.ts';

// Turning what ping, traceroute and the HTTP probe printed into the observation records of
// the conformance format. Pure functions over captured output, so they are unit-tested
// without a kernel.

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
export type Record_ = { [k: string]: Json };

/** Serialise like Python's json.dumps defaults (", " and ": ", ASCII only), so our
 * recordings are byte-for-byte comparable with the reference recorder's. */
export function pyJson(v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : JSON.stringify(v);
  if (typeof v === 'string') {
    return JSON.stringify(v).replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  }
  if (Array.isArray(v)) return '[' + v.map(pyJson).join(', ') + ']';
  return (
    '{' +
    Object.entries(v)
      .map(([k, x]) => pyJson(k) + ': ' + pyJson(x))
      .join(', ') +
    '}'
  );
}

/** Value of FLAG (its first occurrence), if it has one. */
export function optValue(argv: readonly string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : undefined;
}

/** Non-option words after argv[0]; options in `takesValue` swallow the next word. */
export function positional(argv: readonly string[], takesValue: ReadonlySet<string>): string[] {
  const out: string[] = [];
  let skip = false;
  for (const a of argv.slice(1)) {
    if (skip) {
      skip = false;
      continue;
    }
    if (a.startsWith('-')) {
      skip = takesValue.has(a);
      continue;
    }
    out.push(a);
  }
  return out;
}

export class ProbeSyntaxError extends Error {}

function lastOf(xs: readonly string[], what: string): string {
  const x = xs[xs.length - 1];
  if (x === undefined) throw new ProbeSyntaxError(`no ${what} on the probe line`);
  return x;
}

/** The last line of the stripped text, as the reference recorder takes it. */
export function lastLine(s: string): string {
  const lines = splitLines(pyStrip(s));
  return lines[lines.length - 1] ?? '';
}

// ---- ping -------------------------------------------------------------------------------

const PING_VALUE_FLAGS = new Set(['-c', '-W', '-t', '-I', '-i', '-s', '-w', '-M']);

/** iputils' wording of each ICMP error → the record's `icmp` name. */
export const ICMP_NAMES: Readonly<Record<string, string>> = {
  'Destination Host Unreachable': 'host-unreachable',
  'Destination Net Unreachable': 'net-unreachable',
  'Destination Port Unreachable': 'port-unreachable',
  'Destination Protocol Unreachable': 'protocol-unreachable',
  'Time to live exceeded': 'ttl-exceeded',
  'Packet filtered': 'admin-prohibited',
  'Destination Net Prohibited': 'net-prohibited',
  'Destination Host Prohibited': 'host-prohibited',
};

export interface PingPlan {
  dst: string;
  /** The command actually run: fixed count and wait, the scenario's -t / -I / -s / -M kept. */
  command: string[];
}

export function planPing(argv: readonly string[]): PingPlan {
  const dst = lastOf(positional(argv, PING_VALUE_FLAGS), 'destination');
  const command = ['ping', '-n', '-c', '1', '-W', '1'];
  for (const f of ['-t', '-I', '-s', '-M']) {
    const v = optValue(argv, f);
    if (v) command.push(f, v);
  }
  command.push(dst);
  return { dst, command };
}

export function observePing(ns: string, dst: string, stdout: string, stderr: string): Record_ {
  const base: Record_ = { kind: 'ping', ns, dst };
  let m = /bytes from ([\d.]+): icmp_seq=\d+ ttl=(\d+)/.exec(stdout);
  if (m) return { ...base, result: 'reply', from: m[1]!, ttl: Number.parseInt(m[2]!, 10) };
  m = /From ([\d.]+)(?: icmp_seq=\d+)? Frag needed and DF set \(mtu = (\d+)\)/.exec(stdout);
  if (m) return { ...base, result: 'icmp-error', from: m[1]!, icmp: 'frag-needed', mtu: Number.parseInt(m[2]!, 10) };
  m = /From ([\d.]+)(?: icmp_seq=\d+)? (.+)/.exec(stdout);
  if (m) {
    const what = m[2]!.trim();
    return { ...base, result: 'icmp-error', from: m[1]!, icmp: ICMP_NAMES[what] ?? what };
  }
  m = /local error: message too long, mtu=(\d+)/.exec(stderr);
  if (m) return { ...base, result: 'local-error', error: 'message-too-long', mtu: Number.parseInt(m[1]!, 10) };
  if (stderr.includes('Network is unreachable')) return { ...base, result: 'local-error', error: 'network-unreachable' };
  if (stderr.includes('Operation not permitted')) return { ...base, result: 'local-error', error: 'operation-not-permitted' };
  if (stderr.trim()) return { ...base, result: 'local-error', error: lastLine(stderr) };
  return { ...base, result: 'timeout' };
}

// ---- traceroute -------------------------------------------------------------------------

const TRACEROUTE_VALUE_FLAGS = new Set(['-m', '-q', '-w', '-i', '-s', '-f', '-p']);

export function planTraceroute(argv: readonly string[]): PingPlan {
  const dst = lastOf(positional(argv, TRACEROUTE_VALUE_FLAGS), 'destination');
  const max = optValue(argv, '-m') || '8';
  return { dst, command: ['traceroute', '-n', '-q', '1', '-w', '1', '-m', max, dst] };
}

export function observeTraceroute(ns: string, dst: string, stdout: string, stderr: string): Record_ {
  const hops: string[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^\s*\d+\s+(.*)$/.exec(line);
    if (!m) continue;
    const rest = m[1]!.trim();
    if (rest.startsWith('*')) {
      hops.push('*');
      continue;
    }
    const addr = rest.split(/\s+/)[0]!;
    const flag = /!(\w+)/u.exec(rest);
    hops.push(addr + (flag ? '!' + flag[1]! : ''));
  }
  const rec: Record_ = { kind: 'traceroute', ns, dst, hops };
  if (hops.length === 0 && stderr.trim()) rec['error'] = lastLine(stderr);
  return rec;
}

// ---- curl -------------------------------------------------------------------------------

export function planCurl(argv: readonly string[]): string {
  return lastOf(
    argv.slice(1).filter((a) => !a.startsWith('-')),
    'URL',
  );
}

/** The HTTP probe prints one JSON object (result, then http_code/client or error). */
export function observeCurl(ns: string, url: string, stdout: string, stderr: string): Record_ {
  const line = stdout.trim().split('\n').pop() ?? '';
  let out: Record_;
  try {
    out = JSON.parse(line) as Record_;
  } catch {
    out = { result: 'error', error: lastLine(stderr) || 'http probe printed nothing' };
  }
  return { kind: 'curl', ns, url, ...out };
}
