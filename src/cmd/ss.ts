// ss (iproute2 6.1, misc/ss.c) for the lab's TCP and UDP sockets: the listeners of a namespace
// (python3 -m http.server, dnsmasq, docker-proxy, nc) and the TCP connections past their
// handshake (ESTAB while nc holds one, TIME-WAIT on the side that closed first); -p names the
// process holding each. Columns as render() lays them out
// when stdout is not a terminal (render_calc_width's compact output): each column as wide as
// its widest field plus its left delimiter, addresses right-aligned before their `:`.

import { ssSummary } from './snmp-files.ts';
import { formatIpv4, type Ipv4 } from '../core/addr.ts';
import { acceptQueue, recvQueue, type Task, type TcpState } from '../core/ip/tcp-sock.ts';
import type { Listener, Netns } from '../core/netns.ts';
import { CmdError, type ExecResult, ok } from './result.ts';
import { portToService } from './services.ts';
import { parseSockFilter } from './ss-filter.ts';

/** the socket states of include/net/tcp_states.h, in ss's order (bit i = state i) */
const SS_ESTABLISHED = 1;
const SS_SYN_RECV = 3;
const SS_TIME_WAIT = 6;
const SS_CLOSE = 7;
const SS_LISTEN = 10;
const SS_MAX = 12;
const SS_ALL = (1 << SS_MAX) - 1;
const SS_CONN = SS_ALL & ~((1 << SS_LISTEN) | (1 << SS_CLOSE) | (1 << SS_TIME_WAIT) | (1 << SS_SYN_RECV));
const bit = (s: number) => 1 << s;

/** sstate_namel: the names `state` and `exclude` take */
const STATE_NAMES = [
  'UNKNOWN',
  'established',
  'syn-sent',
  'syn-recv',
  'fin-wait-1',
  'fin-wait-2',
  'time-wait',
  'unconnected',
  'close-wait',
  'last-ack',
  'listening',
  'closing',
];

/** scan_state */
function scanState(s: string): number {
  const l = s.toLowerCase();
  if (l === 'close' || l === 'closed') return bit(SS_CLOSE);
  if (l === 'syn-rcv') return bit(SS_SYN_RECV);
  if (l === 'established') return bit(SS_ESTABLISHED);
  if (l === 'all') return SS_ALL;
  if (l === 'connected') return SS_ALL & ~(bit(SS_CLOSE) | bit(SS_LISTEN));
  if (l === 'synchronized') return SS_ALL & ~(bit(SS_CLOSE) | bit(SS_LISTEN) | bit(2));
  if (l === 'bucket') return bit(SS_SYN_RECV) | bit(SS_TIME_WAIT);
  if (l === 'big') return SS_ALL & ~(bit(SS_SYN_RECV) | bit(SS_TIME_WAIT));
  const i = STATE_NAMES.indexOf(l);
  if (i > 0) return bit(i);
  throw new CmdError(`ss: wrong state name: ${s}`, 255);
}

/** the listen(2) backlog each server asks for: ss prints it as a listener's Send-Q */
function backlog(l: Listener): number {
  // socketserver's request_queue_size; Go's net.Listen takes net.core.somaxconn (4096)
  if (l.what === 'docker-proxy') return 4096;
  // netcat's listen(s, 1)
  if (l.owner?.task.comm === 'nc') return 1;
  return 5;
}

const LONG: Record<string, string> = {
  '--tcp': 't',
  '--udp': 'u',
  '--listening': 'l',
  '--all': 'a',
  '--numeric': 'n',
  '--ipv4': '4',
  '--ipv6': '6',
  '--no-header': 'H',
  '--processes': 'p',
};

/** the states of a connection past its handshake, as ss names them (sstate_name), by bit */
const CONN_STATES: Record<TcpState, [number, string]> = {
  ESTABLISHED: [SS_ESTABLISHED, 'ESTAB'],
  FIN_WAIT1: [4, 'FIN-WAIT-1'],
  FIN_WAIT2: [5, 'FIN-WAIT-2'],
  TIME_WAIT: [SS_TIME_WAIT, 'TIME-WAIT'],
  CLOSE_WAIT: [8, 'CLOSE-WAIT'],
  LAST_ACK: [9, 'LAST-ACK'],
};

/** -p: the process holding the socket, as ss's user_ent_hash prints it */
export function users(owner: { readonly task: Task; readonly fd: number } | undefined): string {
  if (!owner?.task.alive) return '';
  return `users:(("${owner.task.comm}",pid=${owner.task.pid},fd=${owner.fd}))`;
}

interface Column {
  readonly header: string;
  readonly right: boolean;
  readonly delim: string;
}

const COLUMNS: readonly Column[] = [
  { header: 'Netid', right: false, delim: '' },
  { header: 'State', right: false, delim: ' ' },
  { header: 'Recv-Q', right: false, delim: ' ' },
  { header: 'Send-Q', right: false, delim: ' ' },
  { header: 'Local Address:', right: true, delim: ' ' },
  { header: 'Port', right: false, delim: '' },
  { header: 'Peer Address:', right: true, delim: ' ' },
  { header: 'Port', right: false, delim: '' },
  { header: 'Process', right: false, delim: '' },
];

/** render(): rows of fields (one per enabled column) laid out as ss lays out its buffer */
function render(enabled: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = enabled.map((c, i) => {
    const max = Math.max(...rows.map((r) => r[i]!.length));
    return i > 0 && max > 0 ? max + c.delim.length : max;
  });
  let out = '';
  for (const r of rows) {
    let line = '';
    r.forEach((field, i) => {
      const c = enabled[i]!;
      const delim = i > 0 ? c.delim : '';
      const printed = delim.length;
      line += delim;
      if (c.right) line += ' '.repeat(Math.max(0, widths[i]! - field.length - printed)) + field;
      else line += field + ' '.repeat(Math.max(0, widths[i]! - printed - field.length));
    });
    out += `${line}\n`;
  }
  return out;
}

/**
 * ss [-t] [-u] [-l|-a] [-n] [-4|-6] [-H] [state STATE | exclude STATE]…: the namespace's TCP
 * and UDP sockets
 */
export function ssCommand(ns: Netns, args: readonly string[]): ExecResult {
  // -s: the summary of the namespace's sockets (other options beside it are not modelled)
  if (args.length === 1 && (args[0] === '-s' || args[0] === '--summary')) return { stdout: ssSummary(ns), stderr: '', status: 0 };
  let tcp = false;
  let udp = false;
  let numeric = false;
  let header = true;
  let processes = false;
  let v4 = false;
  let v6 = false;
  let states: number | null = null;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-') || a === '-') break;
    if (a === '--') {
      i++;
      break;
    }
    const letters = a.startsWith('--') ? (LONG[a] ?? null) : a.slice(1);
    if (letters === null) throw new CmdError(`netlab: ss ${a} is not modelled (ss [-t] [-u] [-l|-a] [-n] [-p] [-4] [-H] [state STATE])`, 1);
    for (const l of letters) {
      if (l === 't') tcp = true;
      else if (l === 'u') udp = true;
      else if (l === 'l') states = bit(SS_LISTEN) | bit(SS_CLOSE);
      else if (l === 'a') states = SS_ALL;
      else if (l === 'n') numeric = true;
      else if (l === '4') v4 = true;
      else if (l === '6') v6 = true;
      else if (l === 'H') header = false;
      else if (l === 'p') processes = true;
      else if (l === 's') throw new CmdError(`netlab: ss ${args.join(' ')} is not modelled (ss -s alone: the summary)`, 1);
      else
        throw new CmdError(
          `netlab: ss -${l} is not modelled (ss [-t] [-u] [-l|-a] [-n] [-p] [-4] [-H] [state STATE]: the lab's TCP and UDP sockets)`,
          1,
        );
    }
  }
  if (!tcp && !udp)
    throw new CmdError('netlab: ss without -t or -u is not modelled (the lab has TCP and UDP sockets only: ss -t, -u, -tu)', 1);
  // state and exclude: the first replaces the options' states
  let saw = false;
  for (; i < args.length; i++) {
    const a = args[i]!;
    // the rest is the filter expression
    if (a !== 'state' && a !== 'exclude' && a !== 'excl') break;
    const name = args[++i];
    if (name === undefined) throw new CmdError(`Command line is not complete. Try option "help"`, 255);
    const s = scanState(name);
    if (a === 'state') states = (saw ? (states ?? 0) : 0) | s;
    else states = (saw ? (states ?? SS_ALL) : SS_ALL) & ~s;
    saw = true;
  }
  const words = args.slice(i);
  // read before anything is printed, so a filter the lab cannot read is refused whole
  const filter = parseSockFilter(words, { tcp, udp });
  const mask = states ?? SS_CONN;
  if (mask === 0) return { stdout: '', stderr: 'ss: no socket states to show with such filter.\n', status: 0 };
  // with -6 alone no IPv4 socket is shown (the lab models no IPv6)
  const inet = v4 || !v6;
  const both = tcp && udp;
  const single = (mask & (mask - 1)) === 0;
  const enabled = COLUMNS.filter((c) => (c.header !== 'Netid' || both) && (c.header !== 'State' || !single));
  const rows: string[][] = [];
  if (header) rows.push(enabled.map((c) => c.header));
  const port = (p: number, proto: 'tcp' | 'udp') => (p === 0 ? '*' : numeric ? String(p) : (portToService(p, proto) ?? String(p)));
  // udp_show before tcp_show, as ss walks its tables
  for (const proto of ['udp', 'tcp'] as const) {
    if (!inet || (proto === 'tcp' ? !tcp : !udp)) continue;
    const state = proto === 'tcp' ? SS_LISTEN : SS_CLOSE;
    const row = (fields: Record<string, string>, localPort: number, peerPort: number | null): string[] =>
      enabled.map((c, k) => {
        if (c.header !== 'Port') return fields[c.header]!;
        return enabled[k - 1]!.header === 'Local Address:' ? port(localPort, proto) : peerPort === null ? '*' : port(peerPort, proto);
      });
    const f = filter;
    const listeners = mask & bit(state) ? ns.listeners.filter((x) => x.proto === proto) : [];
    for (const l of listeners.filter((x) => !f || f({ src: x.addr, sport: x.port, dst: 0 as Ipv4, dport: 0 }))) {
      const fields: Record<string, string> = {
        Netid: proto,
        State: proto === 'tcp' ? 'LISTEN' : 'UNCONN',
        'Recv-Q': String(proto === 'tcp' ? acceptQueue(ns, l) : 0).padEnd(6),
        'Send-Q': String(proto === 'tcp' ? backlog(l) : 0).padEnd(6),
        'Local Address:': `${formatIpv4(l.addr)}:`,
        'Peer Address:': '0.0.0.0:',
        Process: processes && l.owner?.task.alive ? ` ${users(l.owner)}` : '',
      };
      rows.push(row(fields, l.port, null));
    }
    // then the connections (the established hash), TCP only
    if (proto !== 'tcp') continue;
    for (const sk of ns.tcpSocks) {
      const [st, name] = CONN_STATES[sk.state];
      if (!(mask & bit(st))) continue;
      if (f && !f({ src: sk.local.addr, sport: sk.local.port, dst: sk.remote.addr, dport: sk.remote.port })) continue;
      const fields: Record<string, string> = {
        Netid: proto,
        State: name,
        'Recv-Q': String(recvQueue(sk)).padEnd(6),
        'Send-Q': '0'.padEnd(6),
        'Local Address:': `${formatIpv4(sk.local.addr)}:`,
        'Peer Address:': `${formatIpv4(sk.remote.addr)}:`,
        Process: processes && sk.owner?.task.alive ? ` ${users(sk.owner)}` : '',
      };
      rows.push(row(fields, sk.local.port, sk.remote.port));
    }
  }
  return ok(rows.length === 0 ? '' : render(enabled, rows));
}
