// nc as Debian 12's netcat-openbsd 1.219: a listener that accepts a connection and holds it
// (nc -l [-k]), a connection held open (nc HOST PORT &), and the scan (-z). Its messages are
// netcat.c's: `Connection to H P port [tcp/SERVICE] succeeded!` with -v, `nc: connect to H port
// P (tcp) failed: ERROR` with -v, `nc: missing port number`, the usage text. The lab's
// terminal passes nothing typed to a running command, so nc's data (stdin, a here-document)
// is refused rather than pretended; what nc holds shows in ss, netstat and conntrack.

import { formatIpv4, type Ipv4, parseIpv4 } from '../core/addr.ts';
import { type ConnectErrno, STRERROR, tcpConnect, udpProbe } from '../core/connect.ts';
import { close, type Task, taskExit } from '../core/ip/tcp-sock.ts';
import type { Netns } from '../core/netns.ts';
import type { World } from '../core/world.ts';
import { CmdError, type ExecResult } from './result.ts';
import { portToService, serviceToPort } from './services.ts';

export const NC_USAGE = `usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]
\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]
\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]
\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]
\t  [destination] [port]`;

const NC_HELP = `OpenBSD netcat (Debian patchlevel 1.219-1)
${NC_USAGE}
\tCommand Summary:
\t\t-4\t\tUse IPv4
\t\t-6\t\tUse IPv6
\t\t-b\t\tAllow broadcast
\t\t-C\t\tSend CRLF as line-ending
\t\t-D\t\tEnable the debug socket option
\t\t-d\t\tDetach from stdin
\t\t-F\t\tPass socket fd
\t\t-h\t\tThis help text
\t\t-I length\tTCP receive buffer length
\t\t-i interval\tDelay interval for lines sent, ports scanned
\t\t-k\t\tKeep inbound sockets open for multiple connects
\t\t-l\t\tListen mode, for inbound connects
\t\t-M ttl\t\tOutgoing TTL / Hop Limit
\t\t-m minttl\tMinimum incoming TTL / Hop Limit
\t\t-N\t\tShutdown the network socket after EOF on stdin
\t\t-n\t\tSuppress name/port resolutions
\t\t-O length\tTCP send buffer length
\t\t-P proxyuser\tUsername for proxy authentication
\t\t-p port\t\tSpecify local port for remote connects
\t\t-q secs\t\tquit after EOF on stdin and delay of secs
\t\t-r\t\tRandomize remote ports
\t\t-S\t\tEnable the TCP MD5 signature option
\t\t-s sourceaddr\tLocal source address
\t\t-T keyword\tTOS value
\t\t-t\t\tAnswer TELNET negotiation
\t\t-U\t\tUse UNIX domain socket
\t\t-u\t\tUDP mode
\t\t-V rtable\tSpecify alternate routing table
\t\t-v\t\tVerbose
\t\t-W recvlimit\tTerminate after receiving a number of packets
\t\t-w timeout\tTimeout for connects and final net reads
\t\t-X proto\tProxy protocol: "4", "5" (SOCKS) or "connect"
\t\t-x addr[:port]\tSpecify proxy address and port
\t\t-Z\t\tDCCP mode
\t\t-z\t\tZero-I/O mode [used for scanning]
\tPort numbers can be individual or ranges: lo-hi [inclusive]
`;

/** getopt's string of netcat.c: the letters it knows, `:` after those taking a value */
const OPTSTRING = '46bCDdFhI:i:klM:m:NnO:P:p:q:rSs:T:tUuV:vW:w:X:x:Zz';
/** the options the lab gives their effect; the others are refused in the lab's words */
const MODELLED = new Set(['4', 'h', 'k', 'l', 'n', 'p', 's', 'u', 'v', 'w', 'z']);

export interface NcOpts {
  listen: boolean;
  keep: boolean;
  numeric: boolean;
  udp: boolean;
  verbose: boolean;
  zero: boolean;
  help: boolean;
  /** -w in seconds */
  timeout?: number;
  sport?: string;
  source?: string;
  args: string[];
}

const usage = (): CmdError => new CmdError(NC_USAGE, 1);

export function parseNcArgs(argv: readonly string[]): NcOpts {
  const o: NcOpts = { listen: false, keep: false, numeric: false, udp: false, verbose: false, zero: false, help: false, args: [] };
  // glibc getopt permutes: options may follow the operands
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      o.args.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      o.args.push(a);
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const c = a[k]!;
      const at = OPTSTRING.indexOf(c);
      if (at < 0 || c === ':') throw new CmdError(`nc: invalid option -- '${c}'\n${NC_USAGE}`, 1);
      let value: string | undefined;
      if (OPTSTRING[at + 1] === ':') {
        value = a.slice(k + 1) || argv[++i];
        if (value === undefined) throw new CmdError(`nc: option requires an argument -- '${c}'\n${NC_USAGE}`, 1);
        k = a.length;
      }
      if (!MODELLED.has(c))
        throw new CmdError(
          `netlab: nc -${c} is not modelled (nc [-4klnuvz] [-p PORT] [-s ADDR] [-w SECS] [HOST] PORT: listeners, connections and scans)`,
          1,
        );
      if (c === 'k') o.keep = true;
      else if (c === 'l') o.listen = true;
      else if (c === 'n') o.numeric = true;
      else if (c === 'u') o.udp = true;
      else if (c === 'v') o.verbose = true;
      else if (c === 'z') o.zero = true;
      else if (c === 'h') o.help = true;
      else if (c === 'p') o.sport = value!;
      else if (c === 's') o.source = value!;
      else if (c === 'w') {
        const v = value!;
        if (!/^-?\d+$/.test(v)) throw new CmdError(`nc: timeout invalid: ${v}`, 1);
        const n = Number(v);
        if (n < 0) throw new CmdError(`nc: timeout too small: ${v}`, 1);
        if (n > Math.floor(2147483647 / 1000)) throw new CmdError(`nc: timeout too large: ${v}`, 1);
        o.timeout = n;
      }
    }
  }
  return o;
}

/** one port operand: N, LO-HI (either order, scanned upwards), or a service name */
function portList(spec: string, proto: 'tcp' | 'udp'): number[] {
  const num = (s: string): number => {
    if (!/^-?\d+$/.test(s)) throw new CmdError(`nc: port number invalid: ${s}`, 1);
    const n = Number(s);
    if (n < 1) throw new CmdError(`nc: port number too small: ${s}`, 1);
    if (n > 65535) throw new CmdError(`nc: port number too large: ${s}`, 1);
    return n;
  };
  // a range only when it starts with a digit: http-alt is a service's name
  const dash = spec.indexOf('-');
  if (dash > 0 && /^\d/.test(spec)) {
    const lo = num(spec.slice(0, dash));
    const hi = num(spec.slice(dash + 1));
    const [a, b] = lo <= hi ? [lo, hi] : [hi, lo];
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  }
  const named = /^\d/.test(spec) ? null : serviceToPort(spec, proto);
  return [named ?? num(spec)];
}

/** getaddrinfo for a host operand: an address, or localhost; the lab's namespaces reach no resolver */
function hostAddr(host: string, port: string): Ipv4 {
  if (host === 'localhost') return 0x7f000001;
  const a = /^\d+\.\d+\.\d+\.\d+$/.test(host) ? parseIpv4(host) : null;
  if (a === null) throw new CmdError(`nc: getaddrinfo for host "${host}" port ${port}: Temporary failure in name resolution`, 1);
  return a;
}

export interface NcRun {
  readonly result: ExecResult;
  /** the process left running (a listener, a held connection) */
  readonly task: Task | null;
}

/**
 * nc ARGS in NS. BACKGROUND: run as `nc … &`, the only way the lab's terminal can leave it
 * holding a socket; PID: the process id it runs as.
 */
export function ncCommand(
  w: World,
  ns: Netns,
  argv: readonly string[],
  background: boolean,
  pid: number,
  stdin: string | null,
  /** a terminal waits on a listener in the foreground until it exits or Ctrl+C (nc-foreground.ts) */
  waits = false,
): NcRun {
  const o = parseNcArgs(argv);
  if (o.help) return { result: { stdout: '', stderr: NC_HELP, status: 0 }, task: null };
  const proto = o.udp ? 'udp' : 'tcp';
  if (o.listen && o.zero) throw new CmdError('nc: cannot use -z and -l', 1);
  if (o.keep && !o.listen) throw new CmdError('nc: must use -l with -k', 1);
  if (stdin !== null)
    throw new CmdError(
      'netlab: nc sends no data in the lab (its standard input, a here-document or a file, is not passed to it): nc -z probes, nc … & holds a connection',
      1,
    );
  const task: Task = { comm: 'nc', pid, alive: true, log: [], exitsWithConnection: !o.keep };
  if (o.listen) return { result: listen(ns, o, task, background || waits), task: task.alive ? task : null };
  if (o.args.length === 0) throw usage();
  if (o.args.length === 1) throw new CmdError('nc: missing port number', 1);
  const host = o.args[0]!;
  const ports = o.args.slice(1).flatMap((p) => portList(p, proto));
  if (!o.zero && o.udp)
    throw new CmdError('netlab: nc -u HOST PORT sends only what is typed, which the lab passes to no running command: scan with nc -zu', 1);
  if (!o.zero && !background)
    throw new CmdError(
      'netlab: nc HOST PORT holds the connection and sends what is typed, which the lab passes to no running command: run it in the background (nc HOST PORT &) or scan with nc -z',
      1,
    );
  const sport = o.sport === undefined ? undefined : sourcePort(o.sport, proto);
  const src = o.source === undefined ? undefined : sourceAddr(o.source);
  const dst = hostAddr(host, String(ports[0]));
  if (src !== undefined && src !== 0 && !ns.isLocalAddr(src)) throw new CmdError('nc: bind failed: Cannot assign requested address', 1);
  let stderr = '';
  let status = 1;
  let held: Task | null = null;
  for (const port of ports) {
    const failed = (errno: ConnectErrno, timedOut = false): void => {
      if (o.verbose)
        stderr += timedOut
          ? `nc: connect to ${host} port ${port} (${proto}) timed out: ${STRERROR.EINPROGRESS}\n`
          : `nc: connect to ${host} port ${port} (${proto}) failed: ${STRERROR[errno]}\n`;
    };
    const succeeded = (): void => {
      status = 0;
      if (!o.verbose && !o.zero) return;
      const sv = o.numeric ? null : portToService(port, proto);
      const shown = !o.numeric && host !== formatIpv4(dst) ? ` (${formatIpv4(dst)})` : '';
      stderr += `Connection to ${host}${shown} ${port} port [${proto}/${sv ?? '*'}] succeeded!\n`;
    };
    if (o.udp) {
      const err = udpProbe(w, ns, dst, port, { src, sport });
      if (err === 'ECONNREFUSED') continue; // udptest fails quietly
      if (err) failed(err);
      else succeeded();
      continue;
    }
    const r = tcpConnect(w, ns, dst, port, {
      src,
      sport,
      timeoutMs: o.timeout === undefined ? undefined : o.timeout * 1000,
      ...(o.zero ? {} : { owner: { task, fd: 3 } }),
    });
    if (!r.ok) {
      failed(r.errno, r.timedOut ?? false);
      continue;
    }
    if (o.zero) {
      if (o.verbose) succeeded();
      else status = 0;
      close(ns, r.sock);
      w.run();
      continue;
    }
    succeeded();
    held = task;
    // without -z nc serves the first connection that succeeds
    break;
  }
  if (!held) task.alive = false;
  else task.log.push(...stderr.split('\n').filter(Boolean));
  // a failed connect is no refusal: its SYNs and ARP requests went out, and what they left
  // (neighbour entries, conntrack, sockets) stays as on the kernel
  return { result: { stdout: '', stderr: held ? '' : stderr, status, ...(status === 0 ? {} : { partial: true }) }, task: held };
}

function sourcePort(spec: string, proto: 'tcp' | 'udp'): number {
  // getaddrinfo's service: a number (taken modulo 2^16, as htons does) or a service name
  if (/^\d+$/.test(spec)) return Number(spec) % 65536;
  const p = serviceToPort(spec, proto);
  if (p === null) throw new CmdError('nc: getaddrinfo: Servname not supported for ai_socktype', 1);
  return p;
}

function sourceAddr(spec: string): Ipv4 {
  const a = /^\d+\.\d+\.\d+\.\d+$/.test(spec) ? parseIpv4(spec) : spec === 'localhost' ? 0x7f000001 : null;
  if (a === null) throw new CmdError('nc: getaddrinfo: Name or service not known', 1);
  return a;
}

/** nc -l [-k] [-u] [-s ADDR] [-p PORT | [ADDR] PORT] */
function listen(ns: Netns, o: NcOpts, task: Task, background: boolean): ExecResult {
  const proto = o.udp ? 'udp' : 'tcp';
  let host: string | undefined;
  let portSpec: string;
  if (o.args.length === 0) {
    if (o.sport === undefined) throw new CmdError('nc: missing port number', 1);
    portSpec = o.sport;
  } else if (o.sport !== undefined || o.args.length > 2) throw usage();
  else if (o.args.length === 1) portSpec = o.args[0]!;
  else {
    host = o.args[0]!;
    portSpec = o.args[1]!;
  }
  if (!background)
    throw new CmdError(
      'netlab: nc -l waits for a connection and for what is typed: run it in the background (nc -l PORT &); ss -tlnp shows it listening',
      1,
    );
  const port = portList(portSpec, proto)[0]!;
  const bindText = host ?? o.source;
  // getaddrinfo(3) takes a bare number as an address (inet_aton): 8095 is 0.0.31.159
  let addr: Ipv4 = 0;
  if (bindText !== undefined) {
    const n = /^\d+$/.test(bindText) ? Number(bindText) >>> 0 : null;
    const a = n ?? (bindText === 'localhost' ? 0x7f000001 : /^\d+\.\d+\.\d+\.\d+$/.test(bindText) ? parseIpv4(bindText) : null);
    if (a === null) throw new CmdError(`nc: getaddrinfo for host "${bindText}" port ${port}: Temporary failure in name resolution`, 1);
    addr = a as Ipv4;
  }
  if (addr !== 0 && !ns.isLocalAddr(addr)) throw new CmdError('nc: Cannot assign requested address', 1);
  // netcat sets SO_REUSEPORT: another nc may listen on the same port, no other server
  const clash = ns.listeners.some(
    (l) => l.proto === proto && l.port === port && (l.addr === 0 || addr === 0 || l.addr === addr) && l.owner?.task.comm !== 'nc',
  );
  if (clash) throw new CmdError('nc: Address already in use', 1);
  ns.listeners.push({
    addr,
    port,
    proto,
    what: `nc -l${o.udp ? 'u' : ''}`,
    owner: { task, fd: 3 },
    holds: { verbose: o.verbose, keep: o.keep, numeric: o.numeric },
    argv: [
      'nc',
      `-l${o.keep ? 'k' : ''}${o.udp ? 'u' : ''}${o.verbose ? 'v' : ''}${o.numeric ? 'n' : ''}`,
      ...(addr ? [formatIpv4(addr)] : []),
      String(port),
    ],
  });
  // report_sock: the address by name unless -n; only loopback has one (localhost) in the lab
  if (o.verbose)
    task.log.push(
      o.numeric
        ? `Listening on ${formatIpv4(addr)} ${port}`
        : addr >>> 24 === 127
          ? `Listening on localhost ${port}`
          : 'nc: getnameinfo: Temporary failure in name resolution',
    );
  return { stdout: '', stderr: '', status: 0 };
}

/** the process is killed: its sockets close (their FINs go out), its listeners with it */
export function killTask(w: World, task: Task): void {
  if (!task.alive) return;
  for (const n of w.allNs()) for (const s of [...n.tcpSocks]) if (s.owner?.task === task) close(n, s);
  taskExit(w.allNs(), task);
  w.run();
}
