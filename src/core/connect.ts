// connect(2) for a process that keeps its socket (nc): a TCP handshake through the real packet
// path whose socket then stays in the namespace's table ESTABLISHED, and a connected UDP
// socket's first datagram. The errno is the kernel's: the route's at connect(), or the one an
// ICMP error in SYN-SENT sets (icmp_err_convert), or ETIMEDOUT when nothing answers.

import { tcpExtInc, tcpInc, tcpOutCount, tcpSynRetransCount, udpInc } from './ip/snmp-mib.ts';
import type { Ipv4 } from './addr.ts';
import { isnOf } from './capture/wire.ts';
import { ipId } from './ip/icmp.ts';
import { ipLocalOut } from './ip/output.ts';
import { routeOutput, withAdvMss } from './ip/route-io.ts';
import { establish, type Task, type TcpSock } from './ip/tcp-sock.ts';
import { ARP_FAILURE_MS, type SynSentWait, waitSynSent, waitsForArp } from './ip/tcp-syn-sent.ts';
import type { Netns, ProbeSocket } from './netns.ts';
import { ICMP_REDIRECT, IPPROTO_TCP, IPPROTO_UDP, type Ipv4Packet, TCP_CONNECT_WINDOW } from './packet.ts';
import { anyToLocal, anyUnreachable, settle } from './probe.ts';
import type { World } from './world.ts';

export type ConnectErrno =
  | 'ECONNREFUSED'
  | 'ENETUNREACH'
  | 'EHOSTUNREACH'
  | 'EACCES'
  | 'EINVAL'
  | 'ETIMEDOUT'
  | 'EADDRNOTAVAIL'
  | 'EADDRINUSE';

/** strerror() of each errno, as nc prints it */
export const STRERROR: Record<ConnectErrno | 'EINPROGRESS', string> = {
  ECONNREFUSED: 'Connection refused',
  ENETUNREACH: 'Network is unreachable',
  EHOSTUNREACH: 'No route to host',
  EACCES: 'Permission denied',
  EINVAL: 'Invalid argument',
  ETIMEDOUT: 'Connection timed out',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  EADDRINUSE: 'Address already in use',
  EINPROGRESS: 'Operation now in progress',
};

/** icmp_err_convert for destination unreachable, by code; time exceeded is EHOSTUNREACH */
const UNREACH_ERRNO: readonly ConnectErrno[] = [
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ECONNREFUSED', // protocol unreachable is ENOPROTOOPT; no probe here meets it
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EHOSTUNREACH',
];

export type ConnectOutcome =
  | { readonly ok: true; readonly sock: TcpSock }
  /** timedOut: the caller's own timeout (-w) ran out first */
  | { readonly ok: false; readonly errno: ConnectErrno; readonly timedOut?: boolean };

export interface ConnectOpts {
  /** bind(): the source address */
  readonly src?: Ipv4 | undefined;
  /** bind(): the source port */
  readonly sport?: number | undefined;
  /** how long the caller waits for the handshake (nc -w), in ms */
  readonly timeoutMs?: number | undefined;
  readonly owner?: { readonly task: Task; readonly fd: number } | undefined;
}

/** bind() checks: the address must be local (ip_nonlocal_bind=0), the port free */
function bindError(ns: Netns, proto: 'tcp' | 'udp', o: ConnectOpts): ConnectErrno | null {
  if (o.src !== undefined && o.src !== 0 && !ns.isLocalAddr(o.src)) return 'EADDRNOTAVAIL';
  if (o.sport !== undefined) {
    const inUse =
      ns.listeners.some((l) => l.proto === proto && l.port === o.sport) ||
      (proto === 'tcp' && ns.tcpSocks.some((s) => s.local.port === o.sport && s.state !== 'TIME_WAIT'));
    if (inUse) return 'EADDRINUSE';
  }
  return null;
}

/** connect() on a TCP socket: the handshake, and the socket ESTABLISHED when it completes */
export function tcpConnect(w: World, ns: Netns, dst0: Ipv4, port: number, o: ConnectOpts = {}): ConnectOutcome {
  w.beginRun();
  const bad = bindError(ns, 'tcp', o);
  if (bad) return { ok: false, errno: bad };
  const bound = o.src !== undefined && o.src !== 0 ? o.src : null;
  if (anyUnreachable(ns, dst0, bound)) return { ok: false, errno: 'ENETUNREACH' };
  const dst = anyToLocal(dst0, bound);
  const rt = routeOutput(ns, dst, bound, null);
  if (!rt.ok) return { ok: false, errno: rt.errno as ConnectErrno };
  if (rt.broadcast || dst >>> 28 === 0xe) return { ok: false, errno: 'ENETUNREACH' };
  const src = bound ?? rt.src;
  const sport = o.sport ?? w.ephemeralPort();
  const isn = isnOf(src, sport, dst, port);
  let result: ConnectOutcome | null = null;
  const sock: ProbeSocket = {
    proto: 'tcp',
    port: sport,
    remote: { addr: dst, port },
    onPacket(p) {
      const t = p.tcp;
      if (result || !t) return;
      if (t.flags.rst) {
        tcpInc(ns.mib, 'AttemptFails');
        result = { ok: false, errno: 'ECONNREFUSED' };
        return;
      }
      if (!t.flags.syn || !t.flags.ack) return;
      // the SYN-ACK acknowledges the SYN: the first segment delivered (tcp_ack in SYN-SENT)
      tcpExtInc(ns.mib, 'TCPDelivered');
      ns.sockets = ns.sockets.filter((s) => s !== sock);
      const est = establish(ns, {
        local: { addr: src, port: sport },
        remote: { addr: dst, port },
        isn,
        peerIsn: t.isn ?? 0,
        sndNxt: (isn + 1) >>> 0,
        rcvNxt: ((t.seq ?? 0) + 1) >>> 0,
        passive: false,
        closeOnEof: true,
        ...(o.owner ? { owner: o.owner } : {}),
      });
      result = { ok: true, sock: est };
      // the handshake's last ACK
      send({ syn: false, ack: true, rst: false, fin: false }, (isn + 1) >>> 0, est.rcvNxt);
    },
    onError(p) {
      // tcp_v4_err: in SYN-SENT any ICMP error ends the connect (a redirect only updates the route)
      if (result || !p.icmp || p.icmp.type === ICMP_REDIRECT) return;
      tcpInc(ns.mib, 'AttemptFails');
      const errno = p.icmp.type === 3 ? (UNREACH_ERRNO[p.icmp.code] ?? 'EHOSTUNREACH') : 'EHOSTUNREACH';
      result = { ok: false, errno };
    },
  };
  let synsSent = 0;
  const send = (flags: { syn: boolean; ack: boolean; rst: boolean; fin: boolean }, seq: number, ack: number): void => {
    const p: Ipv4Packet = {
      src,
      dst,
      ttl: ns.defaultTtl(),
      proto: IPPROTO_TCP,
      id: ipId(),
      df: true,
      csumPartial: true,
      tcp: { sport, dport: port, flags, window: TCP_CONNECT_WINDOW, isn, seq, ack },
      sk: 'process',
    };
    const r2 = routeOutput(ns, dst, src, null);
    if (!r2.ok) return;
    if (flags.syn && synsSent++ > 0) tcpSynRetransCount(ns.mib);
    else {
      if (flags.syn) tcpInc(ns.mib, 'ActiveOpens');
      tcpOutCount(ns.mib, flags.rst);
    }
    ipLocalOut(ns, withAdvMss(ns, r2, p), r2, null);
  };
  ns.sockets.push(sock);
  try {
    send({ syn: true, ack: false, rst: false, fin: false }, isn, 0);
    settle(w);
  } finally {
    ns.sockets = ns.sockets.filter((s) => s !== sock);
  }
  if (result) return result;
  const waited = o.timeoutMs !== undefined && o.timeoutMs > 0 ? o.timeoutMs : Number.POSITIVE_INFINITY;
  if (waitsForArp(ns, rt.dev, rt.nexthop)) {
    w.clock.advance(Math.min(waited, ARP_FAILURE_MS));
    return waited > ARP_FAILURE_MS ? { ok: false, errno: 'EHOSTUNREACH' } : { ok: false, errno: 'ETIMEDOUT', timedOut: true };
  }
  // nothing answered: the SYN again on the retransmission timer, until the caller's timeout
  // or the kernel's own after tcp_syn_retries
  ns.sockets.push(sock);
  let wait: SynSentWait;
  try {
    wait = waitSynSent(
      w,
      ns,
      o.timeoutMs,
      () => {
        send({ syn: true, ack: false, rst: false, fin: false }, isn, 0);
        settle(w);
      },
      () => result !== null,
    );
  } finally {
    ns.sockets = ns.sockets.filter((s) => s !== sock);
  }
  if (result) return result;
  return { ok: false, errno: 'ETIMEDOUT', ...(wait.gaveUp ? {} : { timedOut: true }) };
}

/**
 * A connected UDP socket's datagram (nc -u -z writes one byte): refused when an ICMP port
 * unreachable comes back before the next write, as the kernel then reports ECONNREFUSED.
 */
export function udpProbe(w: World, ns: Netns, dst0: Ipv4, port: number, o: ConnectOpts = {}): ConnectErrno | null {
  w.beginRun();
  const bad = bindError(ns, 'udp', o);
  if (bad) return bad;
  const bound = o.src !== undefined && o.src !== 0 ? o.src : null;
  if (anyUnreachable(ns, dst0, bound)) return 'ENETUNREACH';
  const dst = anyToLocal(dst0, bound);
  const rt = routeOutput(ns, dst, bound, null);
  if (!rt.ok) return rt.errno as ConnectErrno;
  const src = bound ?? rt.src;
  const sport = o.sport ?? w.ephemeralPort();
  let refused: ConnectErrno | null = null;
  const sock: ProbeSocket = {
    proto: 'udp',
    port: sport,
    remote: { addr: dst, port },
    onPacket() {},
    onError(p) {
      if (p.icmp?.type === 3) refused = UNREACH_ERRNO[p.icmp.code] ?? 'EHOSTUNREACH';
    },
  };
  ns.sockets.push(sock);
  try {
    const p: Ipv4Packet = { src, dst, ttl: ns.defaultTtl(), proto: IPPROTO_UDP, id: ipId(), len: 29, udp: { sport, dport: port } };
    if (ipLocalOut(ns, p, rt, null) !== 'EPERM') udpInc(ns.mib, 'OutDatagrams');
    settle(w);
  } finally {
    ns.sockets = ns.sockets.filter((s) => s !== sock);
  }
  return refused;
}
