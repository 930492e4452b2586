// ping, traceroute and curl as commands: their arguments, what they print, and the
// conformance record of each (the JSON the kernel recorder prints for the same line).

import { formatIpv4, parseInetAton, parseIpv4 } from '../core/addr.ts';
import type { Netns } from '../core/netns.ts';
import { routeOutput } from '../core/ip/route-io.ts';
import { curl, pingOnce, traceroute, type PingOutcome } from '../core/probe.ts';
import { resolveName } from '../core/resolver.ts';
import type { World } from '../core/world.ts';
import { containerLookup } from './docker.ts';
import { PROBE_GAP_MS } from './pacing.ts';
import { ms3, type PingArgs, parsePingArgs, rttLine, rttMicros } from './ping-args.ts';
import { type CurlRun, curlTerminal } from './curl.ts';
import { CmdError, type ExecResult } from './result.ts';
import { parseTracerouteArgs, type TracerouteArgs } from './traceroute-args.ts';
import { TimelineBuilder } from './timeline.ts';

export type ProbeRecord = Record<string, unknown> & { kind: string };

export interface ProbeResult extends ExecResult {
  readonly record: ProbeRecord;
}

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

/** what getaddrinfo(3) gives back: an address, or EAI_NONAME / EAI_AGAIN */
type Lookup = { readonly addr: number } | { readonly eai: 'NONAME' | 'AGAIN' };

/**
 * an address as getaddrinfo (ping, traceroute) and curl's URL parser read it (inet_aton:
 * "10.1" is 10.0.0.1, "010" octal, "0x0a" hex); else /etc/hosts (localhost), a container name
 * Docker's embedded DNS would answer for this namespace, or a DNS query to the name servers of
 * /etc/resolv.conf, sent from this namespace
 */
function resolveHost(w: World, ns: Netns, text: string): Lookup {
  const ip = parseInetAton(text);
  if (ip !== null) return { addr: ip };
  if (text === 'localhost') return { addr: 0x7f000001 };
  // in a container: its /etc/hosts, then its resolv.conf's servers (Docker's embedded DNS)
  const r = containerLookup(w, ns, text) ?? resolveName(w, ns, text, w.etc.get('/etc/resolv.conf'));
  if (r.kind === 'ok') return { addr: r.addrs[0]! };
  return { eai: r.kind === 'nxdomain' ? 'NONAME' : 'AGAIN' };
}

const EAI_TEXT = { NONAME: 'Name or service not known', AGAIN: 'Temporary failure in name resolution' } as const;

export function pingCommand(w: World, ns: Netns, args: string[], gapMs = PROBE_GAP_MS): ProbeResult {
  // a ping that gives up before sending: its last stderr line is the record's error
  const refuse = (dstText: string, stderr: string, status = 2): ProbeResult => {
    const lines = stderr.trim().split('\n');
    const error = lines[lines.length - 1] ?? '';
    return {
      stdout: '',
      stderr: `${stderr}\n`,
      status,
      record: { kind: 'ping', ns: ns.label, dst: dstText, result: 'local-error', error },
    };
  };
  let a: PingArgs;
  try {
    a = parsePingArgs(args);
  } catch (e) {
    if (e instanceof CmdError) return refuse(args[args.length - 1] ?? '', e.message, e.status);
    throw e;
  }
  const dstText = a.dst;
  if (dstText === undefined) throw new CmdError('ping: usage error: Destination address required', 1);
  const { ttl, iface } = a;
  if (ttl === 0) return refuse(dstText, `${a.warnings}ping: cannot set unicast time-to-live: Invalid argument`);
  const found = resolveHost(w, ns, dstText);
  if ('eai' in found) return refuse(dstText, `${a.warnings}ping: ${dstText}: ${EAI_TEXT[found.eai]}`);
  const dst = found.addr;
  // without -c the terminal streams one echo a second until Ctrl+C; a script line sends one,
  // and -w alone sends as many as fit before the deadline
  const fit =
    a.deadline !== undefined && a.deadline > 0 ? Math.max(1, Math.floor((a.deadline * 1000) / Math.max(a.intervalMs, 1))) : undefined;
  const count = Math.min(100, a.count ?? fit ?? 1, fit ?? Number.POSITIVE_INFINITY);
  if (iface !== undefined && !ns.dev(iface) && parseIpv4(iface) === null)
    return refuse(dstText, `${a.warnings}ping: SO_BINDTODEVICE ${iface}: No such device`);
  const id = w.rng.next() >>> 16 || 1;
  const results: PingOutcome[] = [];
  const rtts: number[] = [];
  const storms = new Set<string>();
  // below 16 data bytes there is no room for the send time: no times, no rtt line
  const timed = a.size >= 16;
  // -I ADDR: `from ADDR :`; -I DEV: `from SRC DEV:`, the source the route through DEV picks
  let from = '';
  if (iface !== undefined && parseIpv4(iface) !== null) from = ` from ${iface} :`;
  else if (iface !== undefined) {
    const dev = ns.dev(iface);
    const rt = dev ? routeOutput(ns, dst, null, dev) : null;
    if (rt?.ok) from = ` from ${formatIpv4(rt.src)} ${iface}:`;
  }
  let stdout = `PING ${dstText} (${formatIpv4(dst)})${from} ${a.size}(${a.size + 28}) bytes of data.\n`;
  let stderr = a.warnings;
  // each line as it is printed, and the statistics SIGINT would print at each moment
  const timeline = new TimelineBuilder(w.clock);
  timeline.printed(stdout, stderr);
  const interruptible = (): void => {
    const n = results.length;
    const received = results.filter((r) => r.result === 'reply').length;
    const errors = results.filter((r) => r.result === 'icmp-error').length;
    timeline.interruptible(statistics(dstText, n, received, errors, (n - 1) * a.intervalMs + (n - 1), timed ? rtts : []));
  };
  for (let seq = 1; seq <= count; seq++) {
    const r = pingOnce(w, ns, dst, seq, id, {
      ...(ttl !== undefined ? { ttl } : {}),
      ...(iface !== undefined ? { iface } : {}),
      size: a.size,
      ...(a.pmtudisc !== undefined ? { pmtudisc: a.pmtudisc } : {}),
      lingerMs: a.lingerMs,
    });
    results.push(r);
    stderr += stormNote(w, storms);
    if (r.result === 'reply') {
      const us = rttMicros(w.clock.now(), id, seq);
      rtts.push(us);
      if (!a.quiet) stdout += `${a.size + 8} bytes from ${r.from}: icmp_seq=${seq} ttl=${r.ttl}${timed ? ` time=${ms3(us)} ms` : ''}\n`;
    } else if (r.result === 'icmp-error') {
      if (!a.quiet)
        stdout += `From ${r.from} icmp_seq=${seq} ${r.icmp === 'frag-needed' ? `Frag needed and DF set (mtu = ${r.mtu})` : (ICMP_TEXT[r.icmp] ?? r.icmp)}\n`;
    } else if (r.result === 'local-error' && r.error === 'message-too-long')
      stderr += `ping: local error: message too long, mtu=${r.mtu}\n`;
    else if (r.result === 'local-error') {
      if (r.error === 'network-unreachable') {
        stderr = `${a.warnings}ping: connect: Network is unreachable\n`;
        break;
      }
      if (r.error.startsWith('ping: ')) {
        stderr = `${a.warnings}${r.error}\n`;
        break;
      }
      stderr += `ping: sendmsg: ${r.error === 'operation-not-permitted' ? 'Operation not permitted' : r.error}\n`;
    }
    timeline.printed(stdout, stderr);
    interruptible();
    // the next echo leaves one interval (-i) after this one, answered or not; after the last,
    // ping waits for its answer: -W seconds (10 unless given) when none comes
    // (or, with -w, until the deadline)
    const linger = a.deadline ? Math.min(a.lingerMs, Math.max(0, a.deadline * 1000 - (count - 1) * a.intervalMs)) : a.lingerMs;
    w.clock.advance(seq < count ? Math.max(1, a.intervalMs) : r.result === 'timeout' ? linger : 1);
  }
  const end = w.clock.now();
  w.clock.advance(gapMs);
  const first = results[0]!;
  const received = results.filter((r) => r.result === 'reply').length;
  const errors = results.filter((r) => r.result === 'icmp-error').length;
  // a connect() failure ends ping before it sends anything: no statistics
  const connectFailed = first.result === 'local-error' && (first.error === 'network-unreachable' || first.error.startsWith('ping: '));
  if (connectFailed) {
    // iputils prints only the connect() error: no header, no statistics
    stdout = '';
  } else {
    const n = results.length;
    stdout += statistics(dstText, n, received, errors, (n - 1) * a.intervalMs + (n - 1), timed ? rtts : []);
  }
  // with a deadline, ping fails unless every echo it was asked for came back
  const short = a.deadline !== undefined && a.count !== undefined && received < a.count;
  const status = received && !short ? 0 : connectFailed ? 2 : 1;
  const record: ProbeRecord = { kind: 'ping', ns: ns.label, dst: dstText, ...first };
  if (connectFailed) return { stdout, stderr, status, record };
  return { stdout, stderr, status, record, timeline: timeline.finish(stdout, stderr, end) };
}

/** the statistics iputils prints as it ends (its count, its deadline, or SIGINT); RTTS in µs */
function statistics(dst: string, n: number, received: number, errors: number, timeMs: number, rtts: readonly number[]): string {
  const loss = n ? Math.round(100 - (received * 100) / n) : 0;
  let s = `\n--- ${dst} ping statistics ---\n${n} packets transmitted, ${received} received, ${errors ? `+${errors} errors, ` : ''}${loss}% packet loss, time ${Math.max(0, timeMs)}ms\n`;
  // iputils ends with a newline of its own after the rtt line, which it leaves out without replies (or times)
  s += received && rtts.length ? rttLine(rtts) : '\n';
  return s;
}

/** the recorder's ping: `ping -n -c 1 -W 1`, keeping -t, -I, -s and -M as given */
export function recorderPing(args: readonly string[]): string[] {
  const pos = positional([...args], new Set(['-c', '-W', '-t', '-I', '-i', '-s', '-w', '-M']));
  const out = ['-n', '-c', '1', '-W', '1'];
  for (const f of ['-t', '-I', '-s', '-M']) {
    const v = opt([...args], f);
    if (v) out.push(f, v);
  }
  const dst = pos[pos.length - 1];
  return dst === undefined ? out : [...out, dst];
}

/** the recorder's traceroute: `traceroute -n -q 1 -w 1 -m MAX DST`, MAX 8 unless given */
export function recorderTraceroute(args: readonly string[]): string[] {
  const pos = positional([...args], new Set(['-m', '-q', '-w', '-i', '-s', '-f', '-p']));
  const dst = pos[pos.length - 1];
  const out = ['-n', '-q', '1', '-w', '1', '-m', opt([...args], '-m') || '8'];
  return dst === undefined ? out : [...out, dst];
}

export function tracerouteCommand(w: World, ns: Netns, args: string[], gapMs = PROBE_GAP_MS): ProbeResult {
  // a traceroute that gives up before sending: no hops, its last stderr line as the error
  const refuse = (dstText: string, stderr: string, status = 2): ProbeResult => {
    const lines = stderr.trim().split('\n');
    const error = lines[lines.length - 1] ?? '';
    return { stdout: '', stderr: `${stderr}\n`, status, record: { kind: 'traceroute', ns: ns.label, dst: dstText, hops: [], error } };
  };
  let a: TracerouteArgs;
  try {
    a = parseTracerouteArgs(args);
  } catch (e) {
    if (e instanceof CmdError && args.length > 0) return refuse(args[args.length - 1]!, e.message, e.status);
    throw e;
  }
  const dstText = a.host;
  const found = resolveHost(w, ns, dstText);
  if ('eai' in found)
    return refuse(
      dstText,
      `${dstText}: ${EAI_TEXT[found.eai]}\nCannot handle "host" cmdline arg \`${dstText}' on position 1 (argc ${a.hostArgc})`,
    );
  const dst = found.addr;
  const t0 = w.clock.now();
  const { hops, all, at, error } = traceroute(w, ns, dst, a.max, a.probes, a.wait);
  const storm = stormNote(w, new Set());
  const end = w.clock.now();
  w.clock.advance(gapMs);
  const id = dst >>> 0;
  let stdout = `traceroute to ${dstText} (${formatIpv4(dst)}), ${a.max} hops max, ${a.packetlen} byte packets\n`;
  // each hop's line is printed when its probes are answered or given up (-w, -q, -N)
  const timeline = new TimelineBuilder({ now: () => t0 });
  timeline.printed(stdout, '');
  all.forEach((row, i) => {
    stdout += `${String(i + 1).padStart(2)} `;
    let last: string | null = null;
    row.forEach((h, k) => {
      if (h.addr === null) {
        stdout += ' *';
        return;
      }
      if (h.addr !== last) stdout += a.numeric ? ` ${h.addr}` : ` ${h.addr === '127.0.0.1' ? 'localhost' : h.addr} (${h.addr})`;
      last = h.addr;
      // a hop further away answers a little later
      const us = rttMicros(w.clock.now(), id, i * 16 + k) + i * 20;
      stdout += `  ${ms3(us)} ms${h.flag ? ` ${h.flag}` : ''}`;
    });
    stdout += '\n';
    timeline.printedAt((at[i] ?? end) - t0, stdout, '');
  });
  const record: ProbeRecord = {
    kind: 'traceroute',
    ns: ns.label,
    dst: dstText,
    hops: hops.map((h) => (h.addr === null ? '*' : h.addr + h.flag)),
  };
  if (error && hops.length === 0) return { stdout: '', stderr: `${error}\n`, status: 1, record: { ...record, error } };
  return { stdout, stderr: storm, status: 0, record, timeline: timeline.finish(stdout, storm, end) };
}

/**
 * The URL as the recorder's GET reads it (Python's urlsplit): any scheme, the port or 80
 * (":0" too), the host as getaddrinfo reads it. A bad port or an unknown host throws.
 */
export function parseUrl(
  u: string,
  resolve: (name: string) => number | null = parseIpv4,
  schemePorts = false,
): { host: number; hostText: string; port: number; path: string } {
  const m = /^(?:([\w+.-]+):\/\/)?([^/:?#]*)(?::([^/?#]*))?([^?#]*)/.exec(u);
  if (!m || !m[2]) throw new CmdError(`curl: (3) URL using bad/illegal format or missing URL`, 3);
  const hostText = m[2].toLowerCase();
  if (m[3] !== undefined && m[3] !== '' && !/^\d+$/.test(m[3]))
    throw new CmdError(`curl: (3) URL using bad/illegal format or missing URL`, 3);
  // curl itself connects to https on 443; the recorder's GET always speaks HTTP, on 80 unless told
  const byScheme = schemePorts && m[1]?.toLowerCase() === 'https' ? 443 : 80;
  const port = m[3] ? Number(m[3]) || byScheme : byScheme;
  if (port > 65535) throw new CmdError(`curl: (3) URL using bad/illegal format or missing URL`, 3);
  const host = resolve(hostText);
  if (host === null) throw new CmdError(`curl: (6) Could not resolve host: ${hostText}`, 6);
  return { host, hostText, port, path: m[4] || '/' };
}

/**
 * curl in a terminal (TTY: stdout is the terminal), or as a script's line whose stdout is a pipe;
 * RECORDER: the conformance recorder's probe, one HTTP/1.0 GET with a 2 s connect timeout.
 */
const RECORDER_CURL_TIMEOUT_MS = 2000;

export function curlCommand(w: World, ns: Netns, args: string[], recorder = false, gapMs = PROBE_GAP_MS, tty = true): ProbeResult {
  const resolve = (name: string): number | null => {
    const found = resolveHost(w, ns, name);
    return 'addr' in found ? found.addr : null;
  };
  if (!recorder) {
    let run: CurlRun;
    try {
      run = curlTerminal(w, ns, args, resolve, tty, gapMs);
    } catch (e) {
      if (!(e instanceof CmdError)) throw e;
      const url = [...args].reverse().find((a) => !a.startsWith('-')) ?? '';
      return { stdout: '', stderr: e.message + '\n', status: e.status, record: { kind: 'curl', ns: ns.label, url, result: 'error' } };
    }
    const r = run.outcome;
    const record: ProbeRecord =
      r === null
        ? { kind: 'curl', ns: ns.label, url: run.url, result: 'error' }
        : r.result === 'ok'
          ? { kind: 'curl', ns: ns.label, url: run.url, result: 'ok', http_code: r.http_code, client: r.client }
          : { kind: 'curl', ns: ns.label, url: run.url, result: r.result };
    const storm = stormNote(w, new Set());
    // a storm's note was not written at any one moment of curl's: then it all prints at its end
    const timeline = !storm && run.timeline ? { timeline: run.timeline } : {};
    return { stdout: run.stdout, stderr: storm + run.stderr, status: run.status, record, ...timeline };
  }
  const url = [...args].reverse().find((a) => !a.startsWith('-'));
  if (url === undefined) throw new CmdError(`curl: try 'curl --help' or 'curl --manual' for more information`, 2);
  let t: ReturnType<typeof parseUrl>;
  try {
    t = parseUrl(url, resolve, false);
  } catch (e) {
    // the recorder's GET never connects: a probe record of its own, not a refused line
    if (!(e instanceof CmdError)) throw e;
    return { stdout: '', stderr: e.message + '\n', status: e.status, record: { kind: 'curl', ns: ns.label, url, result: 'error' } };
  }
  // the recorder's GET: a 2 s connect timeout, and as long for an answer once connected
  const r = curl(w, ns, t, RECORDER_CURL_TIMEOUT_MS);
  const storm = stormNote(w, new Set());
  w.clock.advance(gapMs + (r.result === 'timeout' && r.connected ? RECORDER_CURL_TIMEOUT_MS : 0));
  const record: ProbeRecord =
    r.result === 'ok'
      ? { kind: 'curl', ns: ns.label, url, result: 'ok', http_code: r.http_code, client: r.client }
      : { kind: 'curl', ns: ns.label, url, result: r.result };
  if (r.result === 'ok') return { stdout: r.body, stderr: storm, status: 0, record };
  if (r.result === 'timeout' && r.connected)
    return {
      stdout: '',
      stderr: `${storm}curl: (28) Operation timed out after 2001 milliseconds with 0 bytes received\n`,
      status: 28,
      record,
    };
  const [code, text] = r.result === 'timeout' ? [28, 'Timeout was reached'] : [7, "Couldn't connect to server"];
  return {
    stdout: '',
    stderr:
      storm + `curl: (${code}) Failed to connect to ${t.hostText} port ${t.port} after ${r.result === 'timeout' ? 2001 : 0} ms: ${text}\n`,
    status: code,
    record,
  };
}
