// ping, traceroute and curl as commands: their arguments, what they print, and the
// conformance record of each (the JSON the kernel recorder prints for the same line).

import { formatIpv4, parseInetAton, parseIpv4 } from '../core/addr.ts';
import type { Netns } from '../core/netns.ts';
import { curl, pingOnce, traceroute, type PingOutcome } from '../core/probe.ts';
import type { World } from '../core/world.ts';
import { resolveContainerName } from './docker.ts';
import { CmdError, type ExecResult } from './result.ts';

export type ProbeRecord = Record<string, unknown> & { kind: string };

export interface ProbeResult extends ExecResult {
  readonly record: ProbeRecord;
}

/** the settle time between probes the recorder keeps (ICMP rate limits refill) */
export const PROBE_GAP_MS = 1500;

function stormNote(w: World, seen: Set<string>): string {
  const loop = w.lastStorm;
  if (!loop) return '';
  const text = loop.join(' → ');
  if (seen.has(text)) return '';
  seen.add(text);
  return `netlab: broadcast storm: frames circulate ${text} (a layer-2 loop and no STP); the probe was stopped after ${w.hopBudget.toLocaleString('en-US')} frames\n`;
}

function positional(args: string[], takesValue: Set<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-') && a.length > 1) {
      if (takesValue.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

function opt(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

const ICMP_TEXT: Record<string, string> = {
  'host-unreachable': 'Destination Host Unreachable',
  'net-unreachable': 'Destination Net Unreachable',
  'port-unreachable': 'Destination Port Unreachable',
  'protocol-unreachable': 'Destination Protocol Unreachable',
  'ttl-exceeded': 'Time to live exceeded',
  'admin-prohibited': 'Packet filtered',
  'net-prohibited': 'Destination Net Prohibited',
  'host-prohibited': 'Destination Host Prohibited',
};

/**
 * an address as getaddrinfo (ping, traceroute) and curl's URL parser read it (inet_aton:
 * "10.1" is 10.0.0.1, "010" octal, "0x0a" hex), or a container name Docker's embedded DNS
 * would answer for this namespace
 */
function resolveHost(w: World, ns: Netns, text: string): number | null {
  const ip = parseInetAton(text);
  if (ip !== null) return ip;
  // /etc/hosts; any other name needs DNS, which no recording namespace can reach
  if (text === 'localhost') return 0x7f000001;
  const named = resolveContainerName(w, ns.label, text);
  return named === null ? null : parseIpv4(named);
}

export function pingCommand(w: World, ns: Netns, args: string[]): ProbeResult {
  const pos = positional(args, new Set(['-c', '-W', '-t', '-I', '-i', '-s', '-w', '-M']));
  const dstText = pos[pos.length - 1];
  if (dstText === undefined) throw new CmdError('ping: usage error: Destination address required', 1);
  // a ping that gives up before sending: its last stderr line is the record's error
  const refuse = (error: string, status = 2): ProbeResult => ({
    stdout: '',
    stderr: error + '\n',
    status,
    record: { kind: 'ping', ns: ns.label, dst: dstText, result: 'local-error', error },
  });
  const ttlText = opt(args, '-t');
  let ttl: number | undefined;
  if (ttlText !== undefined) {
    // iputils' strtol_or_err(…, 0, 255); the kernel refuses IP_TTL 0
    if (!/^\s*[+-]?\d+$/.test(ttlText)) return refuse(`ping: invalid argument: '${ttlText}'`, 1);
    ttl = Number(ttlText);
    if (ttl < 0 || ttl > 255) return refuse(`ping: invalid argument: '${ttlText}': out of range: 0 <= value <= 255`, 1);
    if (ttl === 0) return refuse('ping: cannot set unicast time-to-live: Invalid argument');
  }
  const sizeText = opt(args, '-s');
  if (sizeText !== undefined && !/^-?\d+$/.test(sizeText)) return refuse(`ping: invalid argument: '${sizeText}'`, 1);
  if (sizeText !== undefined && (Number(sizeText) < 0 || Number(sizeText) > 2147483647))
    return refuse(`ping: invalid argument: '${sizeText}': out of range: 0 <= value <= 2147483647`, 1);
  const size = sizeText === undefined ? 56 : Number(sizeText);
  const pmtu = opt(args, '-M');
  // this iputils knows no `probe`
  if (pmtu !== undefined && pmtu !== 'do' && pmtu !== 'dont' && pmtu !== 'want') return refuse('ping: invalid -M argument: ' + pmtu, 2);
  const dst = resolveHost(w, ns, dstText);
  if (dst === null) return refuse(`ping: ${dstText}: Temporary failure in name resolution`);
  const count = Math.max(1, Math.min(100, Number(opt(args, '-c') ?? '1') || 1));
  const iface = opt(args, '-I');
  if (iface !== undefined && !ns.dev(iface) && parseIpv4(iface) === null) {
    const error = `ping: SO_BINDTODEVICE ${iface}: No such device`;
    return {
      stdout: '',
      stderr: error + '\n',
      status: 2,
      record: { kind: 'ping', ns: ns.label, dst: dstText, result: 'local-error', error },
    };
  }
  const id = w.rng.next() >>> 16 || 1;
  const results: PingOutcome[] = [];
  const storms = new Set<string>();
  let stdout = `PING ${dstText} (${dstText}) ${size}(${size + 28}) bytes of data.\n`;
  let stderr = '';
  for (let seq = 1; seq <= count; seq++) {
    const r = pingOnce(w, ns, dst, seq, id, {
      ...(ttl !== undefined ? { ttl } : {}),
      ...(iface !== undefined ? { iface } : {}),
      size,
      ...(pmtu !== undefined ? { pmtudisc: pmtu } : {}),
    });
    results.push(r);
    stderr += stormNote(w, storms);
    if (r.result === 'reply') stdout += `${size + 8} bytes from ${r.from}: icmp_seq=${seq} ttl=${r.ttl} time=0.050 ms\n`;
    else if (r.result === 'icmp-error')
      stdout += `From ${r.from} icmp_seq=${seq} ${r.icmp === 'frag-needed' ? `Frag needed and DF set (mtu = ${r.mtu})` : (ICMP_TEXT[r.icmp] ?? r.icmp)}\n`;
    else if (r.result === 'local-error' && r.error === 'message-too-long') stderr += `ping: local error: message too long, mtu=${r.mtu}\n`;
    else if (r.result === 'local-error') {
      if (r.error === 'network-unreachable') {
        stderr = 'ping: connect: Network is unreachable\n';
        break;
      }
      if (r.error.startsWith('ping: ')) {
        stderr = `${r.error}\n`;
        break;
      }
      stderr += `ping: sendmsg: ${r.error === 'operation-not-permitted' ? 'Operation not permitted' : r.error}\n`;
    }
    w.clock.advance(r.result === 'timeout' ? 1000 : 1);
  }
  w.clock.advance(PROBE_GAP_MS);
  const first = results[0]!;
  const received = results.filter((r) => r.result === 'reply').length;
  const errors = results.filter((r) => r.result === 'icmp-error').length;
  // a connect() failure ends ping before it sends anything: no statistics
  const connectFailed = first.result === 'local-error' && (first.error === 'network-unreachable' || first.error.startsWith('ping: '));
  if (connectFailed) {
    // iputils prints only the connect() error: no header, no statistics
    stdout = '';
  } else {
    stdout += `\n--- ${dstText} ping statistics ---\n${results.length} packets transmitted, ${received} received, ${errors ? `+${errors} errors, ` : ''}${Math.round(100 - (received * 100) / results.length)}% packet loss, time ${(results.length - 1) * 1000}ms\n`;
    if (received) stdout += 'rtt min/avg/max/mdev = 0.050/0.050/0.050/0.000 ms\n';
  }
  const status = received ? 0 : connectFailed ? 2 : 1;
  return { stdout, stderr, status, record: { kind: 'ping', ns: ns.label, dst: dstText, ...first } };
}

export function tracerouteCommand(w: World, ns: Netns, args: string[]): ProbeResult {
  const pos = positional(args, new Set(['-m', '-q', '-w', '-i', '-s', '-f', '-p', '-N']));
  const dstText = pos[0];
  if (dstText === undefined) throw new CmdError('Specify "host" missing argument.', 2);
  // a traceroute that gives up before sending: no hops, its last stderr line as the error
  const refuse = (error: string): ProbeResult => ({
    stdout: '',
    stderr: error + '\n',
    status: 2,
    record: { kind: 'traceroute', ns: ns.label, dst: dstText, hops: [], error },
  });
  const maxText = opt(args, '-m') ?? '8';
  if (!/^\d+$/.test(maxText)) return refuse(`Cannot handle \`-m' option with arg \`${maxText}' (argc 2)`);
  const max = Number(maxText);
  if (max > 255) return refuse('max hops cannot be more than 255');
  if (max < 1) return refuse('first hop out of range');
  const dst = resolveHost(w, ns, dstText);
  if (dst === null) return refuse(`Cannot handle "host" cmdline arg \`${dstText}' on position 1 (argc 8)`);
  const { hops, error } = traceroute(w, ns, dst, max);
  const storm = stormNote(w, new Set());
  w.clock.advance(PROBE_GAP_MS);
  let stdout = `traceroute to ${dstText} (${dstText}), ${max} hops max, 60 byte packets\n`;
  hops.forEach((h, i) => {
    stdout += `${String(i + 1).padStart(2)}  ${h.addr === null ? '*' : `${h.addr}  0.050 ms${h.flag ? ' ' + h.flag : ''}`}\n`;
  });
  const record: ProbeRecord = {
    kind: 'traceroute',
    ns: ns.label,
    dst: dstText,
    hops: hops.map((h) => (h.addr === null ? '*' : h.addr + h.flag)),
  };
  if (error && hops.length === 0) return { stdout: '', stderr: `${error}\n`, status: 1, record: { ...record, error } };
  return { stdout, stderr: storm, status: 0, record };
}

/**
 * The URL as the recorder's GET reads it (Python's urlsplit): any scheme, the port or 80
 * (":0" too), the host as getaddrinfo reads it. A bad port or an unknown host throws.
 */
export function parseUrl(
  u: string,
  resolve: (name: string) => number | null = parseIpv4,
): { host: number; hostText: string; port: number; path: string } {
  const m = /^(?:([\w+.-]+):\/\/)?([^/:?#]*)(?::([^/?#]*))?([^?#]*)/.exec(u);
  if (!m || !m[2]) throw new CmdError(`curl: (3) URL using bad/illegal format or missing URL`, 3);
  const hostText = m[2].toLowerCase();
  if (m[3] !== undefined && m[3] !== '' && !/^\d+$/.test(m[3]))
    throw new CmdError(`curl: (3) URL using bad/illegal format or missing URL`, 3);
  const port = m[3] ? Number(m[3]) || 80 : 80;
  if (port > 65535) throw new CmdError(`curl: (3) URL using bad/illegal format or missing URL`, 3);
  const host = resolve(hostText);
  if (host === null) throw new CmdError(`curl: (6) Could not resolve host: ${hostText}`, 6);
  return { host, hostText, port, path: m[4] || '/' };
}

export function curlCommand(w: World, ns: Netns, args: string[]): ProbeResult {
  const url = [...args].reverse().find((a) => !a.startsWith('-'));
  if (url === undefined) throw new CmdError(`curl: try 'curl --help' or 'curl --manual' for more information`, 2);
  let t: ReturnType<typeof parseUrl>;
  try {
    t = parseUrl(url, (name) => resolveHost(w, ns, name));
  } catch (e) {
    // the recorder's GET never connects: a probe record of its own, not a refused line
    if (!(e instanceof CmdError)) throw e;
    return { stdout: '', stderr: e.message + '\n', status: e.status, record: { kind: 'curl', ns: ns.label, url, result: 'error' } };
  }
  const r = curl(w, ns, t);
  const storm = stormNote(w, new Set());
  w.clock.advance(PROBE_GAP_MS + (r.result === 'timeout' ? 2000 : 0));
  const record: ProbeRecord =
    r.result === 'ok'
      ? { kind: 'curl', ns: ns.label, url, result: 'ok', http_code: r.http_code, client: r.client }
      : { kind: 'curl', ns: ns.label, url, result: r.result };
  const verbose = args.includes('-v');
  const host = formatIpv4(t.host);
  if (r.result === 'ok') {
    const v = verbose
      ? `*   Trying ${host}:${t.port}...\n* Connected to ${host} (${host}) port ${t.port}\n> GET ${t.path} HTTP/1.1\n> Host: ${t.hostText}${t.port !== 80 ? `:${t.port}` : ''}\n> User-Agent: curl/7.88.1\n> Accept: */*\n>\n< HTTP/1.0 ${r.http_code} OK\n<\n`
      : '';
    return { stdout: r.body, stderr: v + storm, status: 0, record };
  }
  const why: Record<string, [number, string]> = {
    refused: [7, 'Connection refused'],
    'no-route': [7, 'No route to host'],
    'net-unreachable': [7, 'Network is unreachable'],
    'operation-not-permitted': [7, 'Operation not permitted'],
    timeout: [28, 'Timeout was reached'],
    error: [7, 'Could not connect to server'],
  };
  const [code, text] = why[r.result] ?? [7, r.result];
  return {
    stdout: '',
    stderr: storm + `curl: (${code}) Failed to connect to ${host} port ${t.port} after ${r.result === 'timeout' ? 2001 : 0} ms: ${text}\n`,
    status: code,
    record,
  };
}
