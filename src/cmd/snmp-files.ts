// The files the kernel shows a namespace's SNMP counters in, and the tools that read them:
// /proc/net/snmp (snmp_seq_show), /proc/net/netstat (netstat_seq_show), /proc/net/sockstat
// (sockstat_seq_show), `netstat -s` (net-tools 2.10's statistics.c over the first two) and
// `ss -s` (iproute2 6.1's print_summary over sockstat and CurrEstab). The counters are
// core/ip/snmp-mib.ts's.

import type { Netns } from '../core/netns.ts';
import {
  ICMP_FIELDS,
  IP_FIELDS,
  IPEXT_FIELDS,
  icmpValue,
  MPTCPEXT_FIELDS,
  TCP_FIELDS,
  TCPEXT_FIELDS,
  UDP_FIELDS,
} from '../core/ip/snmp-mib.ts';
import type { World } from '../core/world.ts';
import { CmdError } from './result.ts';

type Row = readonly [string, readonly string[], readonly number[]];

/** tcp_in_window states a socket counts in CurrEstab: ESTABLISHED and CLOSE-WAIT */
function currEstab(ns: Netns): number {
  return ns.tcpSocks.filter((s) => s.state === 'ESTABLISHED' || s.state === 'CLOSE_WAIT').length;
}

function snmpRows(ns: Netns): Row[] {
  const m = ns.mib;
  const ip = IP_FIELDS.map((f) =>
    f === 'Forwarding' ? (ns.sysctl.ipForward ? 1 : 2) : f === 'DefaultTTL' ? ns.defaultTtl() : (m.ip.get(f) ?? 0),
  );
  const icmp = ICMP_FIELDS.map((f) => icmpValue(m, f));
  const msgs: Array<[string, number]> = [
    ...[...m.icmpIn].sort((a, b) => a[0] - b[0]).map(([t, v]): [string, number] => [`InType${t}`, v]),
    ...[...m.icmpOut].sort((a, b) => a[0] - b[0]).map(([t, v]): [string, number] => [`OutType${t}`, v]),
  ].filter(([, v]) => v > 0);
  const tcp = TCP_FIELDS.map((f) =>
    f === 'RtoAlgorithm'
      ? 1
      : f === 'RtoMin'
        ? 200
        : f === 'RtoMax'
          ? 120000
          : f === 'MaxConn'
            ? -1
            : f === 'CurrEstab'
              ? currEstab(ns)
              : (m.tcp.get(f) ?? 0),
  );
  const udp = UDP_FIELDS.map((f) => m.udp.get(f) ?? 0);
  const rows: Row[] = [
    ['Ip', IP_FIELDS, ip],
    ['Icmp', ICMP_FIELDS, icmp],
  ];
  // icmpmsg_put: the types seen, 16 to a pair of lines
  for (let i = 0; i < msgs.length; i += 16) {
    const chunk = msgs.slice(i, i + 16);
    rows.push(['IcmpMsg', chunk.map((x) => x[0]), chunk.map((x) => x[1])]);
  }
  rows.push(['Tcp', TCP_FIELDS, tcp], ['Udp', UDP_FIELDS, udp], ['UdpLite', UDP_FIELDS, UDP_FIELDS.map(() => 0)]);
  return rows;
}

function netstatRows(ns: Netns): Row[] {
  const m = ns.mib;
  return [
    ['TcpExt', TCPEXT_FIELDS, TCPEXT_FIELDS.map((f) => m.tcpExt.get(f) ?? 0)],
    ['IpExt', IPEXT_FIELDS, IPEXT_FIELDS.map((f) => m.ipExt.get(f) ?? 0)],
    ['MPTcpExt', MPTCPEXT_FIELDS, MPTCPEXT_FIELDS.map(() => 0)],
  ];
}

function render(rows: readonly Row[]): string {
  return rows.map(([t, names, vals]) => `${t}: ${names.join(' ')}\n${t}: ${vals.join(' ')}\n`).join('');
}

interface SockCounts {
  /** sockets: used (sock_inuse_get: every socket of the namespace) */
  readonly used: number;
  readonly tcp4: number;
  readonly tcp6: number;
  readonly tw: number;
  readonly udp4: number;
  readonly udp6: number;
}

/** the namespace's sockets: listeners (an AF_INET6 one when bound to `::`) and connections not in TIME-WAIT */
function sockCounts(ns: Netns): SockCounts {
  const live = ns.tcpSocks.filter((s) => s.state !== 'TIME_WAIT').length;
  const tl = ns.listeners.filter((l) => l.proto === 'tcp');
  const ul = ns.listeners.filter((l) => l.proto === 'udp');
  const tcp6 = tl.filter((l) => l.mapped).length;
  const udp6 = ul.filter((l) => l.mapped).length;
  return {
    used: tl.length + ul.length + live,
    tcp4: tl.length - tcp6 + live,
    tcp6,
    tw: ns.tcpSocks.length - live,
    udp4: ul.length - udp6,
    udp6,
  };
}

/**
 * /proc/net/sockstat. `alloc`, `orphan` and the `mem` pages are the machine's (tcp_sockets_allocated,
 * tcp_orphan_count and the protocols' memory are global, not per namespace): the lab, a machine
 * of its own, counts its own sockets there and no pages.
 */
function procSockstat(ns: Netns): string {
  const s = sockCounts(ns);
  return (
    `sockets: used ${s.used}\n` +
    `TCP: inuse ${s.tcp4} orphan 0 tw ${s.tw} alloc ${s.tcp4 + s.tcp6} mem 0\n` +
    `UDP: inuse ${s.udp4} mem 0\nUDPLITE: inuse 0\nRAW: inuse 0\nFRAG: inuse 0 memory 0\n`
  );
}

/** a file provider (files.ts): /proc/net/snmp, /proc/net/netstat, /proc/net/sockstat */
export function snmpFiles(_w: World, ns: Netns, path: string): string | null {
  if (path === '/proc/net/snmp') return render(snmpRows(ns));
  if (path === '/proc/net/netstat') return render(netstatRows(ns));
  if (path === '/proc/net/sockstat') return procSockstat(ns);
  return null;
}

// ---- netstat -s ------------------------------------------------------------------------------

/** net-tools 2.10's texts: a plain number is always printed, `opt` only when not zero */
type Entry =
  | { readonly text: string; readonly opt?: true }
  | { readonly hist: 'in' | 'out'; readonly text: string }
  | { readonly skip: true };

const IP_TAB: Record<string, Entry> = {
  Forwarding: { text: 'Forwarding: %' },
  DefaultTTL: { skip: true },
  InReceives: { text: '% total packets received' },
  InHdrErrors: { text: '% with invalid headers', opt: true },
  InAddrErrors: { text: '% with invalid addresses', opt: true },
  ForwDatagrams: { text: '% forwarded' },
  InUnknownProtos: { text: '% with unknown protocol', opt: true },
  InDiscards: { text: '% incoming packets discarded' },
  InDelivers: { text: '% incoming packets delivered' },
  OutRequests: { text: '% requests sent out' },
  OutDiscards: { text: '% outgoing packets dropped', opt: true },
  OutNoRoutes: { text: '% dropped because of missing route', opt: true },
  ReasmTimeout: { text: '% fragments dropped after timeout', opt: true },
  ReasmReqds: { text: '% reassemblies required', opt: true },
  ReasmOKs: { text: '% packets reassembled ok', opt: true },
  ReasmFails: { text: '% packet reassemblies failed', opt: true },
  FragOKs: { text: '% fragments received ok', opt: true },
  FragFails: { text: '% fragments failed', opt: true },
  FragCreates: { text: '% fragments created', opt: true },
};

const ICMP_TAB: Record<string, Entry> = {
  InMsgs: { text: '% ICMP messages received' },
  InErrors: { text: '% input ICMP message failed' },
  InDestUnreachs: { hist: 'in', text: 'destination unreachable: %' },
  InTimeExcds: { hist: 'in', text: 'timeout in transit: %' },
  InParmProbs: { hist: 'in', text: 'wrong parameters: %' },
  InSrcQuenchs: { hist: 'in', text: 'source quenches: %' },
  InRedirects: { hist: 'in', text: 'redirects: %' },
  InEchos: { hist: 'in', text: 'echo requests: %' },
  InEchoReps: { hist: 'in', text: 'echo replies: %' },
  InTimestamps: { hist: 'in', text: 'timestamp request: %' },
  InTimestampReps: { hist: 'in', text: 'timestamp reply: %' },
  InAddrMasks: { hist: 'in', text: 'address mask request: %' },
  InAddrMaskReps: { hist: 'in', text: 'address mask replies: %' },
  OutMsgs: { text: '% ICMP messages sent' },
  OutErrors: { text: '% ICMP messages failed' },
  OutDestUnreachs: { hist: 'out', text: 'destination unreachable: %' },
  OutTimeExcds: { hist: 'out', text: 'time exceeded: %' },
  OutParmProbs: { hist: 'out', text: 'wrong parameters: %' },
  OutSrcQuenchs: { hist: 'out', text: 'source quench: %' },
  OutRedirects: { hist: 'out', text: 'redirect: %' },
  OutEchos: { hist: 'out', text: 'echo requests: %' },
  OutEchoReps: { hist: 'out', text: 'echo replies: %' },
  OutTimestamps: { hist: 'out', text: 'timestamp requests: %' },
  OutTimestampReps: { hist: 'out', text: 'timestamp replies: %' },
  OutAddrMasks: { hist: 'out', text: 'address mask requests: %' },
  OutAddrMaskReps: { hist: 'out', text: 'address mask replies: %' },
};

const TCP_TAB: Record<string, Entry> = {
  RtoAlgorithm: { skip: true },
  RtoMin: { skip: true },
  RtoMax: { skip: true },
  MaxConn: { skip: true },
  ActiveOpens: { text: '% active connection openings' },
  PassiveOpens: { text: '% passive connection openings' },
  AttemptFails: { text: '% failed connection attempts' },
  EstabResets: { text: '% connection resets received' },
  CurrEstab: { text: '% connections established' },
  InSegs: { text: '% segments received' },
  OutSegs: { text: '% segments sent out' },
  RetransSegs: { text: '% segments retransmitted' },
  InErrs: { text: '% bad segments received' },
  OutRsts: { text: '% resets sent' },
};

const UDP_TAB: Record<string, Entry> = {
  InDatagrams: { text: '% packets received' },
  NoPorts: { text: '% packets to unknown port received' },
  InErrors: { text: '% packet receive errors' },
  OutDatagrams: { text: '% packets sent' },
  RcvbufErrors: { text: '% receive buffer errors' },
  SndbufErrors: { text: '% send buffer errors' },
};

/** the TcpExt entries net-tools names that the lab can count; any other is printed by its field name */
const TCPEXT_TAB: Record<string, Entry> = {
  TW: { text: '% TCP sockets finished time wait in fast timer', opt: true },
  TCPHPHits: { text: '% packet headers predicted' },
};

const TABS: Record<string, Record<string, Entry>> = { Ip: IP_TAB, Icmp: ICMP_TAB, Tcp: TCP_TAB, Udp: UDP_TAB, TcpExt: TCPEXT_TAB };

/** net-tools' printval over one table: an unknown field shows as `Name: N` when not zero */
function printSection([title, names, vals]: Row): string {
  let out = `${title}:\n`;
  const tab = TABS[title];
  let state: 'none' | 'in' | 'out' = 'none';
  names.forEach((name, i) => {
    const v = vals[i] ?? 0;
    if (title === 'IcmpMsg') {
      out += `        ${name}: ${v}\n`;
      return;
    }
    const e = tab?.[name];
    if (!e) {
      if (v !== 0) {
        out += `    ${name}: ${v}\n`;
        state = 'none';
      }
      return;
    }
    if ('skip' in e) return;
    if ('hist' in e) {
      if (state !== e.hist) out += `    ICMP ${e.hist === 'in' ? 'input' : 'output'} histogram:\n`;
      state = e.hist;
      if (v > 0) out += `        ${e.text.replace('%', String(v))}\n`;
      return;
    }
    state = 'none';
    if (e.opt && v === 0) return;
    out += `    ${e.text.replace('%', String(v))}\n`;
  });
  return out;
}

/** netstat -s: /proc/net/snmp, then /proc/net/netstat, a section per line pair (IcmpMsg's pairs merged) */
export function netstatStatistics(ns: Netns): string {
  const rows = snmpRows(ns);
  const msgNames = rows.filter((r) => r[0] === 'IcmpMsg').flatMap((r) => r[1]);
  const msgVals = rows.filter((r) => r[0] === 'IcmpMsg').flatMap((r) => r[2]);
  const merged: Row[] = [];
  for (const r of rows) {
    if (r[0] !== 'IcmpMsg') merged.push(r);
    else if (!merged.some((x) => x[0] === 'IcmpMsg')) merged.push(['IcmpMsg', msgNames, msgVals]);
  }
  return [...merged, ...netstatRows(ns)].map(printSection).join('');
}

// ---- ss -s -----------------------------------------------------------------------------------

/** ss -s (iproute2 6.1 print_summary): sockstat's counts, CurrEstab, and sockstat6 for IPv6 */
export function ssSummary(ns: Netns): string {
  const s = sockCounts(ns);
  const alloc = s.tcp4 + s.tcp6;
  const hashed = s.tcp4 + s.tcp6;
  const row = (name: string, v4: number, v6: number) =>
    `${name}\t  ${String(v4 + v6).padEnd(9)} ${String(v4).padEnd(9)} ${String(v6).padEnd(9)}\n`;
  return (
    `Total: ${s.used}\n` +
    `TCP:   ${alloc + s.tw} (estab ${currEstab(ns)}, closed ${alloc - (hashed - s.tw)}, orphaned 0, timewait ${s.tw})\n\n` +
    'Transport Total     IP        IPv6\n' +
    row('RAW', 0, 0) +
    row('UDP', s.udp4, s.udp6) +
    row('TCP', s.tcp4, s.tcp6) +
    row('INET', s.tcp4 + s.udp4, s.tcp6 + s.udp6) +
    row('FRAG', 0, 0) +
    '\n'
  );
}

/**
 * nstat (iproute2 6.1) prints the counters as deltas since its history file (/tmp/.nstat.uUID,
 * the user's, across namespaces) was written, with rates over wall-clock time: not modelled.
 */
export function nstatCommand(args: readonly string[]): never {
  throw new CmdError(
    `netlab: nstat${args.length ? ` ${args.join(' ')}` : ''} is not modelled (it prints differences from a history file kept between runs): cat /proc/net/snmp, cat /proc/net/netstat or netstat -s show the same counters`,
    1,
  );
}
