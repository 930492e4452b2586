// The TCP sockets a connection leaves in a namespace's socket table once its handshake is
// done: ESTABLISHED while both ends hold it, the closing states of RFC 793 as FINs cross, and
// TIME-WAIT for TCP_TIMEWAIT_LEN (60 s on the virtual clock) on the side that closed first.
// ss and netstat list them; a process that holds one (nc) is its owner.

import { tcpExtInc, tcpInc, tcpOutCount } from './snmp-mib.ts';
import { formatIpv4, type Ipv4 } from '../addr.ts';
import { IPPROTO_TCP, type Ipv4Packet, TCP_ACCEPT_WINDOW, TCP_CONNECT_WINDOW, tcpSegLen } from '../packet.ts';
import type { Listener, Netns, ProbeSocket } from '../netns.ts';
import { ipId } from './icmp.ts';
import { ipLocalOut } from './output.ts';
import { routeOutput, withAdvMss } from './route-io.ts';

/** include/net/tcp.h: how long a socket stays in TIME-WAIT */
export const TCP_TIMEWAIT_LEN_MS = 60_000;

/** the states of include/net/tcp_states.h a held connection passes through */
export type TcpState = 'ESTABLISHED' | 'FIN_WAIT1' | 'FIN_WAIT2' | 'TIME_WAIT' | 'CLOSE_WAIT' | 'LAST_ACK';

/** a process (task) that holds sockets: its command name and PID, as ss -p and netstat -p show them */
export interface Task {
  readonly comm: string;
  readonly pid: number;
  /** it still runs; it exits when its last connection closes (nc without -k) */
  alive: boolean;
  /** what it writes to its stderr (nc -v), a line each */
  readonly log: string[];
  /** it exits once the connection it serves is over (nc without -k) */
  readonly exitsWithConnection: boolean;
}

export interface TcpSock {
  readonly local: { readonly addr: Ipv4; readonly port: number };
  readonly remote: { readonly addr: Ipv4; readonly port: number };
  state: TcpState;
  /** TIME-WAIT: the virtual time it ends */
  until?: number;
  /** the process and descriptor that hold it; none once the process closed it */
  owner?: { readonly task: Task; readonly fd: number } | undefined;
  /** the socket's end of the packet path while it takes segments */
  sk?: ProbeSocket;
  /** sequence numbers: initial, next to send, next expected */
  readonly isn: number;
  readonly peerIsn: number;
  sndNxt: number;
  rcvNxt: number;
  /** the accepting end (its segments offer the accepting socket's window) */
  readonly passive: boolean;
  /** the owner closes its end when the peer's FIN comes (nc reads EOF and exits) */
  readonly closeOnEof: boolean;
}

type Flags = { syn: boolean; ack: boolean; rst: boolean; fin: boolean };

function send(ns: Netns, s: TcpSock, flags: Flags): void {
  const p: Ipv4Packet = {
    src: s.local.addr,
    dst: s.remote.addr,
    ttl: ns.defaultTtl(),
    proto: IPPROTO_TCP,
    id: ipId(),
    df: true,
    csumPartial: true,
    tcp: {
      sport: s.local.port,
      dport: s.remote.port,
      flags,
      window: s.passive ? TCP_ACCEPT_WINDOW : TCP_CONNECT_WINDOW,
      isn: s.isn,
      peerIsn: s.peerIsn,
      seq: s.sndNxt,
      ack: s.rcvNxt,
    },
    sk: 'process',
  };
  s.sndNxt = (s.sndNxt + tcpSegLen(p.tcp!)) >>> 0;
  const rt = routeOutput(ns, s.remote.addr, s.local.addr, null);
  if (!rt.ok) return;
  tcpOutCount(ns.mib, flags.rst);
  ipLocalOut(ns, withAdvMss(ns, rt, p), rt, null);
}

function unhook(ns: Netns, s: TcpSock): void {
  if (s.sk) ns.sockets = ns.sockets.filter((x) => x !== s.sk);
  delete s.sk;
}

/** the socket is gone (CLOSED): its owner exits if that was its last connection */
function destroy(ns: Netns, s: TcpSock): void {
  unhook(ns, s);
  ns.tcpSocks = ns.tcpSocks.filter((x) => x !== s);
  release(ns, s);
}

function release(ns: Netns, s: TcpSock): void {
  const task = s.owner?.task;
  s.owner = undefined;
  if (!task?.alive) return;
  const world = ns.world;
  const holds = [...world.allNs()].some((n) => n.tcpSocks.some((x) => x.owner?.task === task));
  if (holds) return;
  if (task.exitsWithConnection) return taskExit(world.allNs(), task);
  // nc -k accepts the next connection its backlog holds, and serves it as the first
  const next = ns.tcpSocks.find(
    (x) => x.passive && !x.owner && x.state !== 'TIME_WAIT' && ns.listeners.some((l) => l.owner?.task === task && l.port === x.local.port),
  );
  if (!next) return;
  next.owner = { task, fd: 4 };
  const l = ns.listeners.find((x) => x.owner?.task === task && x.port === next.local.port);
  if (l?.holds?.verbose) task.log.push(reportSock(next.remote.addr, next.remote.port, l.holds.numeric));
  if (next.state === 'CLOSE_WAIT' && next.closeOnEof) close(ns, next);
}

/**
 * netcat's report_sock for an accepted connection: the peer by name unless -n. The lab's
 * namespaces reach no name server: only loopback has a name (localhost, from /etc/hosts).
 */
export function reportSock(addr: Ipv4, port: number, numeric: boolean): string {
  if (numeric) return `Connection received on ${formatIpv4(addr)} ${port}`;
  if (addr >>> 24 === 127) return `Connection received on localhost ${port}`;
  return 'nc: getnameinfo: Temporary failure in name resolution';
}

/** the task has exited: its listeners close with it */
export function taskExit(all: Iterable<Netns>, task: Task): void {
  task.alive = false;
  for (const n of all) n.listeners = n.listeners.filter((l) => l.owner?.task !== task);
}

/**
 * A connection whose handshake just completed: the socket enters the table ESTABLISHED and
 * takes the peer's segments from now on.
 */
export function establish(ns: Netns, c: Omit<TcpSock, 'state' | 'sk' | 'owner'> & { owner?: TcpSock['owner'] }): TcpSock {
  const s: TcpSock = { ...c, state: 'ESTABLISHED' };
  const sk: ProbeSocket = {
    proto: 'tcp',
    port: s.local.port,
    remote: { addr: s.remote.addr, port: s.remote.port },
    onPacket(p) {
      const t = p.tcp;
      if (!t) return;
      const f = t.flags;
      // tcp_reset: an established connection reset is EstabResets (tcp_set_state to CLOSE)
      if (f.rst) {
        if (s.state === 'ESTABLISHED' || s.state === 'CLOSE_WAIT') tcpInc(ns.mib, 'EstabResets');
        return destroy(ns, s);
      }
      if (t.seq !== undefined && tcpSegLen(t) > 0) s.rcvNxt = (t.seq + tcpSegLen(t)) >>> 0;
      if (f.fin) {
        send(ns, s, { syn: false, ack: true, rst: false, fin: false });
        if (s.state === 'ESTABLISHED') {
          s.state = 'CLOSE_WAIT';
          if (s.closeOnEof && s.owner) close(ns, s);
        } else if (s.state === 'FIN_WAIT1' || s.state === 'FIN_WAIT2') {
          s.state = 'TIME_WAIT';
          tcpExtInc(ns.mib, 'TW');
          s.until = ns.world.clock.now() + TCP_TIMEWAIT_LEN_MS;
          unhook(ns, s);
          release(ns, s);
        }
        return;
      }
      if (f.ack && s.state === 'FIN_WAIT1') s.state = 'FIN_WAIT2';
      else if (f.ack && s.state === 'LAST_ACK') destroy(ns, s);
      else if (t.data) send(ns, s, { syn: false, ack: true, rst: false, fin: false });
    },
    onError() {},
  };
  s.sk = sk;
  ns.sockets.push(sk);
  ns.tcpSocks.push(s);
  return s;
}

/** close(2) on the socket: its FIN goes out (FIN-WAIT-1, or LAST-ACK after the peer's) */
export function close(ns: Netns, s: TcpSock): void {
  if (s.state !== 'ESTABLISHED' && s.state !== 'CLOSE_WAIT') return;
  s.state = s.state === 'ESTABLISHED' ? 'FIN_WAIT1' : 'LAST_ACK';
  send(ns, s, { syn: false, ack: true, rst: false, fin: true });
}

/** the closed end of a connection the stateless servers answer (http.server closes first) */
export function timeWait(ns: Netns, local: TcpSock['local'], remote: TcpSock['remote']): void {
  const now = ns.world.clock.now();
  tcpExtInc(ns.mib, 'TW');
  ns.tcpSocks = ns.tcpSocks.filter((x) => !(x.state === 'TIME_WAIT' && sameTuple(x, local, remote)));
  ns.tcpSocks.push({
    local,
    remote,
    state: 'TIME_WAIT',
    until: now + TCP_TIMEWAIT_LEN_MS,
    isn: 0,
    peerIsn: 0,
    sndNxt: 0,
    rcvNxt: 0,
    passive: true,
    closeOnEof: false,
  });
}

function sameTuple(s: TcpSock, local: TcpSock['local'], remote: TcpSock['remote']): boolean {
  return s.local.addr === local.addr && s.local.port === local.port && s.remote.addr === remote.addr && s.remote.port === remote.port;
}

/** TIME-WAIT sockets whose 60 s are over leave the table */
export function expireTimeWait(ns: Netns, now: number): void {
  if (ns.tcpSocks.some((s) => s.state === 'TIME_WAIT' && (s.until ?? 0) <= now))
    ns.tcpSocks = ns.tcpSocks.filter((s) => !(s.state === 'TIME_WAIT' && (s.until ?? 0) <= now));
}

/**
 * Recv-Q: bytes no process has read. The lab's connections carry no data, so it is the FIN of
 * a connection still in the backlog (accepted by no process), which takes one byte of sequence.
 */
export function recvQueue(s: TcpSock): number {
  return !s.owner && s.passive && (s.state === 'CLOSE_WAIT' || s.state === 'LAST_ACK') ? 1 : 0;
}

/** a listener's Recv-Q: the connections in its accept queue, which no process has accepted */
export function acceptQueue(ns: Netns, l: Listener): number {
  if (!l.holds) return 0;
  return ns.tcpSocks.filter(
    (s) =>
      s.passive &&
      !s.owner &&
      (s.state === 'ESTABLISHED' || s.state === 'CLOSE_WAIT') &&
      s.local.port === l.port &&
      (l.addr === 0 || l.addr === s.local.addr),
  ).length;
}
