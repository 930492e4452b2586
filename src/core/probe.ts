// The probes a learner runs: ping, traceroute, curl. Each sends real packets through the
// simulated stack, runs the world until nothing moves, and reports what the program would.

import { ipInc, tcpExtInc, tcpInc, tcpOutCount, tcpSynRetransCount, udpInc } from './ip/snmp-mib.ts';
import { formatIpv4, type Ipv4 } from './addr.ts';
import type { Device } from './device.ts';
import { RT_TABLE_LOCAL } from './ip/fib.ts';
import { isnOf } from './capture/wire.ts';
import { ipId } from './ip/icmp.ts';
import { failPendingArp } from './ip/neigh.ts';
import { ipLocalOut } from './ip/output.ts';
import { ARP_FAILURE_MS, waitSynSent, waitsForArp } from './ip/tcp-syn-sent.ts';
import { mtuLocked, type OutErrno, routeMtu, routeOutput, withAdvMss } from './ip/route-io.ts';
import type { Netns, ProbeSocket } from './netns.ts';
import {
  ICMP_DEST_UNREACH,
  ICMP_ECHO,
  ICMP_REDIRECT,
  ICMP_TIME_EXCEEDED,
  IPPROTO_ICMP,
  IPPROTO_TCP,
  TCP_CONNECT_WINDOW,
  tcpSegLen,
  IPPROTO_UDP,
  type Ipv4Packet,
} from './packet.ts';
import type { World } from './world.ts';

export const ICMP_RESULT_NAMES: Record<string, string> = {
  '3/0': 'net-unreachable',
  '3/1': 'host-unreachable',
  '3/2': 'protocol-unreachable',
  '3/3': 'port-unreachable',
  '3/4': 'frag-needed',
  '3/9': 'net-prohibited',
  '3/10': 'host-prohibited',
  '3/13': 'admin-prohibited',
  '11/0': 'ttl-exceeded',
};

export type PingOutcome =
  | { readonly result: 'reply'; readonly from: string; readonly ttl: number }
  | { readonly result: 'icmp-error'; readonly from: string; readonly icmp: string; readonly mtu?: number }
  | { readonly result: 'local-error'; readonly error: 'network-unreachable' | 'operation-not-permitted' | string; readonly mtu?: number }
  | { readonly result: 'timeout' };

export type CurlOutcome =
  | {
      readonly result: 'ok';
      readonly http_code: number;
      readonly client: string;
      readonly body: string;
      /** the response's bytes: status line, headers, body */
      readonly response: string;
      /** the local port the connection was made from */
      readonly sport: number;
    }
  | { readonly result: 'refused' | 'no-route' | 'net-unreachable' | 'operation-not-permitted' | 'error' }
  /**
   * connected: the handshake was made and the request sent, and no answer came (a frozen server);
   * gaveUp: no handshake, and the kernel gave up first (tcp_syn_retries: connect() ETIMEDOUT)
   */
  | { readonly result: 'timeout'; readonly connected?: true; readonly gaveUp?: true };

export interface PingOpts {
  readonly ttl?: number;
  /** -s: bytes of data after the ICMP header (56 unless given) */
  readonly size?: number;
  /** -M: path MTU discovery: do (DF, never fragment), dont (no DF), want (the default: DF while it fits) */
  readonly pmtudisc?: 'do' | 'dont' | 'want';
  /** -I: a device name or a source address */
  readonly iface?: string;
  /** -W in milliseconds: how long ping goes on resending an echo the device had no room for */
  readonly lingerMs?: number;
}

/** iputils' pinger: an echo refused with ENOBUFS is sent again every 500 ms while lingertime lasts */
const NORES_INTERVAL_MS = 500;

export function settle(w: World): void {
  w.run();
  if (w.arpPending.size) {
    for (const ns of w.arpPending) if (ns.arpQueue.size) failPendingArp(ns);
    w.arpPending.clear();
    w.run();
  }
}

/** what ping's connect() prints for a route that refuses it (unreachable, prohibit, blackhole) */
function errnoToPing(e: OutErrno): PingOutcome {
  return e === 'ENETUNREACH'
    ? { result: 'local-error', error: 'network-unreachable' }
    : e === 'EHOSTUNREACH'
      ? { result: 'local-error', error: 'ping: connect: No route to host' }
      : // iputils reads EACCES from connect() as a broadcast address pinged without -b
        e === 'EACCES'
        ? { result: 'local-error', error: 'ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules' }
        : { result: 'local-error', error: 'ping: connect: Invalid argument' };
}

/** connect(2) that found no route: ENETUNREACH counts OutNoRoutes (ip4_datagram_connect, tcp_v4_connect) */
function noRoute<E extends string>(ns: Netns, errno: E): E {
  if (errno === 'ENETUNREACH') ipInc(ns.mib, 'OutNoRoutes');
  return errno;
}

/** traceroute's connect() error text */
const TRACE_ERRNO: Record<OutErrno, string> = {
  ENETUNREACH: 'connect: Network is unreachable',
  EHOSTUNREACH: 'connect: No route to host',
  EACCES: 'connect: Permission denied',
  EINVAL: 'connect: Invalid argument',
};

function resolveIface(ns: Netns, iface: string | undefined): { dev: Device | null; src: Ipv4 | null } | null {
  if (iface === undefined) return { dev: null, src: null };
  const dev = ns.dev(iface);
  if (dev) return { dev, src: null };
  const parts = iface.split('.');
  if (parts.length === 4 && parts.every((p) => /^\d+$/.test(p))) {
    const src = parts.reduce((a, p) => a * 256 + Number(p), 0);
    return { dev: null, src };
  }
  return null;
}

/** one echo request, as `ping -c 1 -W 1` sees it */
/** ip_route_output for 0.0.0.0: the source address, else 127.0.0.1, through lo */
export function anyToLocal(dst: Ipv4, src: Ipv4 | null): Ipv4 {
  return dst === 0 ? (src ?? 0x7f000001) : dst;
}

/** 0.0.0.0 with no source to stand for it is sent through lo itself: lo down is ENETUNREACH */
export function anyUnreachable(ns: Netns, dst: Ipv4, src: Ipv4 | null): boolean {
  return dst === 0 && src === null && !ns.loopback().up;
}

export function pingOnce(w: World, ns: Netns, dst0: Ipv4, seq: number, id: number, opts: PingOpts = {}): PingOutcome {
  w.beginRun();
  const bind = resolveIface(ns, opts.iface);
  if (!bind) return { result: 'local-error', error: 'unknown-iface' };
  if (anyUnreachable(ns, dst0, bind.src)) return errnoToPing('ENETUNREACH');
  const dst = anyToLocal(dst0, bind.src);
  if (bind.src !== null) {
    // bind(): only an address of the local table (ip_nonlocal_bind=0)
    const r = ns.fib.lookup(bind.src);
    if (!r || r.table !== RT_TABLE_LOCAL || (r.type !== 'local' && r.type !== 'broadcast')) {
      return { result: 'local-error', error: 'ping: bind: Cannot assign requested address' };
    }
  }
  const rt = routeOutput(ns, dst, bind.src, bind.dev);
  if (!rt.ok) return errnoToPing(noRoute(ns, rt.errno));
  // connect() to a broadcast address without SO_BROADCAST (ping -b) is EACCES
  if (rt.broadcast) return errnoToPing('EACCES');
  let got: PingOutcome | null = null;
  const sock: ProbeSocket = {
    proto: 'icmp',
    port: id,
    onPacket(p) {
      if (!got && p.icmp?.seq === seq) got = { result: 'reply', from: formatIpv4(p.src), ttl: p.ttl };
    },
    onError(p) {
      if (got || !p.icmp) return;
      // iputils prints a redirect ("From R: icmp_seq=1 Redirect Host(New nexthop: G)") and keeps
      // waiting for the reply; the recorder's "From ADDR icmp_seq" pattern never takes that line
      if (p.icmp.type === ICMP_REDIRECT) return;
      got = {
        result: 'icmp-error',
        from: formatIpv4(p.src),
        icmp: ICMP_RESULT_NAMES[`${p.icmp.type}/${p.icmp.code}`] ?? `icmp-${p.icmp.type}-${p.icmp.code}`,
        ...(p.icmp.mtu !== undefined ? { mtu: p.icmp.mtu } : {}),
      };
    },
  };
  // the route's MTU: a learnt path MTU, else the device's (lo's for a local destination),
  // never more than IP_MAX_MTU
  const len = 28 + (opts.size ?? 56);
  const disc = opts.pmtudisc ?? 'want';
  const mtu = Math.min(65535, routeMtu(ns, rt, dst));
  // raw_sendmsg: an ICMP message over 65535 bytes is EMSGSIZE at once, and ping says nothing
  if (len - 20 > 65535) return { result: 'timeout' };
  // ip_append_data: with DF (do) nothing larger than the MTU is sent; without, nothing
  // larger than IP_MAX_MTU (EMSGSIZE, on the socket's error queue with the MTU)
  if ((disc === 'do' && len > mtu) || len > 65535) return { result: 'local-error', error: 'message-too-long', mtu };
  ns.sockets.push(sock);
  const pkt: Ipv4Packet = {
    src: rt.src,
    dst,
    ttl: opts.ttl ?? ns.defaultTtl(),
    proto: IPPROTO_ICMP,
    id: ipId(),
    icmp: { type: ICMP_ECHO, code: 0, id, seq },
    sk: 'process',
    len,
    // want: DF only on what fits, and not when the route's MTU is locked (ip_dont_fragment);
    // bigger is fragmented here, without DF
    df: disc === 'do' || (disc === 'want' && len <= mtu && !mtuLocked(ns, rt, dst)),
  };
  w.xmitNobufs = false;
  let r = ipLocalOut(ns, pkt, rt, bind.dev);
  const nobufs = w.xmitNobufs;
  // the device's queue had no room: ping sends the echo again (no output) until
  // oom_count * 500 ms reaches its linger time, then reports the error
  for (let oom = 1; w.xmitNobufs && oom * NORES_INTERVAL_MS < (opts.lingerMs ?? 0); oom++) {
    settle(w);
    w.clock.advance(NORES_INTERVAL_MS);
    w.xmitNobufs = false;
    r = ipLocalOut(ns, { ...pkt, id: ipId() }, rt, bind.dev);
  }
  try {
    settle(w);
  } finally {
    ns.sockets = ns.sockets.filter((s) => s !== sock);
  }
  if (got) return got;
  if (nobufs) return { result: 'local-error', error: 'ping: sendmsg: No buffer space available' };
  // ping reports a netfilter drop of its own packet (EPERM) only through what comes back
  if (r !== 'ok' && r !== 'EPERM') return errnoToPing(r);
  return { result: 'timeout' };
}

/**
 * How traceroute 2.1 waits for its probes (-w MAX,HERE,NEAR and -N squeries): an unanswered
 * probe is given up after MAX, or at once (HERE or NEAR times a round trip, milliseconds in
 * the lab) when a probe of its hop (HERE) or a later probe (NEAR) was answered; a factor 0
 * turns its check off. At most `sim` probes are in flight.
 */
export interface TraceWait {
  readonly maxMs: number;
  readonly here: number;
  readonly near: number;
  readonly sim: number;
}

/** traceroute's defaults: -w 5,3,10 -N 16 */
export const TRACE_WAIT: TraceWait = { maxMs: 5000, here: 3, near: 10, sim: 16 };

export interface TraceHop {
  readonly addr: string | null;
  /** '!H', '!N', '!X', '!P', … or '' */
  readonly flag: string;
  readonly final: boolean;
}

const TR_FLAGS: Record<number, string> = { 0: '!N', 1: '!H', 2: '!P', 3: '', 9: '!X', 10: '!X', 13: '!X', 4: '!F', 5: '!S' };

/**
 * traceroute's UDP probes: `probes` per TTL (destination ports 33434 upwards, one per probe),
 * TTL 1 up to `maxHops`, stopping at the TTL whose answer is final. `hops` holds each TTL's
 * first probe (the conformance record), `all` every probe.
 */
export function traceroute(
  w: World,
  ns: Netns,
  dst0: Ipv4,
  maxHops: number,
  probes = 1,
  wait: TraceWait = TRACE_WAIT,
): { hops: TraceHop[]; all: TraceHop[][]; at: number[]; error: string | null } {
  const hops: TraceHop[] = [];
  const all: TraceHop[][] = [];
  /** the virtual time each row is printed at: when its last probe is answered or given up */
  const at: number[] = [];
  const done = (error: string | null) => ({ hops, all, at, error });
  if (anyUnreachable(ns, dst0, null)) return done(TRACE_ERRNO.ENETUNREACH);
  const dst = anyToLocal(dst0, null);
  // traceroute 2.1 keeps up to 16 probes in flight (-N): it sends every probe of the window
  // that starts at the first one not yet printed, all at once, and the window moves on as
  // probes are answered or expire. Probes sent together reach routers together, which is
  // what their ICMP rate limits see; those beyond the last hop reach the destination too.
  const total = maxHops * probes;
  const sent: Array<{ at: number; hop: TraceHop | null } | undefined> = [];
  let end = total;
  let start = 0;
  let answered = 0;
  const sendProbe = (n: number): string | null => {
    w.beginRun();
    const rt = routeOutput(ns, dst, null, null);
    if (!rt.ok) return TRACE_ERRNO[noRoute(ns, rt.errno)];
    if (rt.broadcast) return TRACE_ERRNO.EACCES;
    const sport = w.ephemeralPort();
    const at = w.clock.now();
    const probe: { at: number; hop: TraceHop | null } = { at, hop: null };
    const sock: ProbeSocket = {
      proto: 'udp',
      port: sport,
      onPacket() {},
      onError(p) {
        if (probe.hop || !p.icmp) return;
        const from = formatIpv4(p.src);
        if (p.icmp.type === ICMP_TIME_EXCEEDED) probe.hop = { addr: from, flag: '', final: false };
        else if (p.icmp.type === ICMP_DEST_UNREACH)
          probe.hop = { addr: from, flag: TR_FLAGS[p.icmp.code] ?? `!<${p.icmp.code}>`, final: true };
      },
    };
    ns.sockets.push(sock);
    const pkt: Ipv4Packet = {
      src: rt.src,
      dst,
      ttl: Math.floor(n / probes) + 1,
      proto: IPPROTO_UDP,
      id: ipId(),
      udp: { sport, dport: 33434 + n },
      sk: 'process',
      csumPartial: true,
    };
    const r = ipLocalOut(ns, pkt, rt, null);
    if (r !== 'EPERM') udpInc(ns.mib, 'OutDatagrams');
    try {
      settle(w);
    } finally {
      ns.sockets = ns.sockets.filter((s) => s !== sock);
    }
    sent[n] = probe;
    if (r === 'EPERM') return 'send: Operation not permitted';
    if (!probe.hop && r !== 'ok') return r;
    return null;
  };
  while (start < end) {
    for (let n = start; n < Math.min(total, start + Math.max(1, wait.sim)); n++) {
      if (sent[n]) continue;
      const error = sendProbe(n);
      if (error !== null) {
        // the hops before the one that failed to send are printed; it ends the run
        for (let i = hops.length * probes; i + probes <= Math.floor(n / probes) * probes; i += probes) pushRow(i);
        return done(error);
      }
      if (sent[n]!.hop) answered++;
      if (sent[n]!.hop?.final) end = Math.min(end, (Math.floor(n / probes) + 1) * probes);
    }
    // answers come at once; a probe nobody answered is given up after the wait (-w MAX), at
    // once when HERE or NEAR lets traceroute stop waiting for it
    const first = sent[start]!;
    w.clock.advance(answered);
    answered = 0;
    if (!first.hop && !givenUpEarly(start)) w.clock.advance(first.at + wait.maxMs - w.clock.now());
    while (start < end && sent[start] && (sent[start]!.hop || givenUpEarly(start) || w.clock.now() >= sent[start]!.at + wait.maxMs)) {
      start++;
      if (start % probes === 0) pushRow(start - probes);
    }
  }
  return done(null);

  /** get_timeout(): an answer from probe I's hop (HERE) or from a later probe (NEAR) */
  function givenUpEarly(i: number): boolean {
    const first = i - (i % probes);
    if (wait.here > 0 && sent.slice(first, first + probes).some((p) => p?.hop)) return true;
    return wait.near > 0 && sent.slice(i + 1).some((p) => p?.hop);
  }

  function pushRow(i: number): void {
    const row = sent.slice(i, i + probes).map((p) => p?.hop ?? { addr: null, flag: '', final: false });
    hops.push(row[0]!);
    all.push(row);
    at.push(w.clock.now());
  }
}

export interface CurlTarget {
  readonly host: Ipv4;
  readonly port: number;
  readonly path: string;
  readonly hostText: string;
  /** the request's bytes (curl's own); the recorder's HTTP/1.0 GET unless given */
  readonly request?: string;
}

const CURL_ICMP: Record<string, CurlOutcome['result']> = {
  '3/0': 'net-unreachable',
  '3/1': 'no-route',
  '3/2': 'error',
  '3/3': 'refused',
  '3/9': 'net-unreachable',
  '3/10': 'no-route',
  '3/13': 'no-route',
  '11/0': 'no-route',
};

/**
 * RESPONSE is whole and the server keeps the connection: HTTP/1.1 without `Connection: close`,
 * its body as long as Content-Length says (none for HEAD, 204, 304).
 */
function keptWhole(response: string, request: string): boolean {
  const cut = response.indexOf('\r\n\r\n');
  if (cut < 0) return false;
  const lines = response.slice(0, cut).split('\r\n');
  if (!lines[0]?.startsWith('HTTP/1.1 ')) return false;
  const field = (name: string): string | undefined =>
    lines
      .slice(1)
      .find((l) => l.toLowerCase().startsWith(`${name}:`))
      ?.slice(name.length + 1)
      .trim();
  if (field('connection')?.toLowerCase() === 'close') return false;
  const code = Number(lines[0].split(' ')[1]);
  if (request.startsWith('HEAD ') || code === 204 || code === 304) return true;
  const length = field('content-length');
  return length !== undefined && new TextEncoder().encode(response.slice(cut + 4)).length >= Number(length);
}

/**
 * One HTTP GET. Until the handshake completes the SYN is sent again on the retransmission
 * timer; CONNECT_TIMEOUT_MS is curl's own limit on that wait (none: the kernel's). When the
 * connect fails the clock stands where it failed.
 */
export function curl(w: World, ns: Netns, t0: CurlTarget, connectTimeoutMs?: number): CurlOutcome {
  w.beginRun();
  if (anyUnreachable(ns, t0.host, null)) return { result: 'net-unreachable' };
  const t = { ...t0, host: anyToLocal(t0.host, null) };
  const rt = routeOutput(ns, t.host, null, null);
  if (!rt.ok) {
    noRoute(ns, rt.errno);
    // EACCES (prohibit) and EINVAL (blackhole) have no name of their own in the record
    return { result: rt.errno === 'ENETUNREACH' ? 'net-unreachable' : rt.errno === 'EHOSTUNREACH' ? 'no-route' : 'error' };
  }
  // tcp_v4_connect: a broadcast or multicast route is ENETUNREACH
  if (rt.broadcast || t.host >>> 28 === 0xe) return { result: 'net-unreachable' };
  const sport = w.ephemeralPort();
  const src = rt.src;
  w.servedClient = null;
  let out: CurlOutcome | null = null;
  let received: CurlOutcome | null = null;
  let response = '';
  let established = false;
  /** curl closed first: the answer was whole on a connection the server keeps (HTTP/1.1 keep-alive) */
  let closed = false;
  const isn = isnOf(src, sport, t.host, t.port);
  let peerIsn: number | undefined;
  let sndNxt = isn;
  let rcvNxt = 0;
  let synsSent = 0;
  const send = (flags: { syn: boolean; ack: boolean; rst: boolean; fin: boolean }, data?: string): void => {
    const p: Ipv4Packet = {
      src,
      dst: t.host,
      ttl: ns.defaultTtl(),
      proto: IPPROTO_TCP,
      id: ipId(),
      // a TCP socket discovers the path MTU: DF on everything it sends
      df: true,
      csumPartial: true,
      tcp: {
        sport,
        dport: t.port,
        flags,
        window: TCP_CONNECT_WINDOW,
        isn,
        ...(peerIsn !== undefined ? { peerIsn } : {}),
        seq: sndNxt,
        ack: flags.ack ? rcvNxt : 0,
        ...(data !== undefined ? { data } : {}),
      },
      sk: 'process',
    };
    sndNxt = (sndNxt + tcpSegLen(p.tcp!)) >>> 0;
    const r2 = routeOutput(ns, t.host, src, null);
    if (!r2.ok) return;
    if (flags.syn && synsSent++ > 0) tcpSynRetransCount(ns.mib);
    else {
      if (flags.syn) tcpInc(ns.mib, 'ActiveOpens');
      tcpOutCount(ns.mib, flags.rst);
    }
    ipLocalOut(ns, withAdvMss(ns, r2, p), r2, null);
  };
  const sock: ProbeSocket = {
    proto: 'tcp',
    port: sport,
    remote: { addr: t.host, port: t.port },
    onPacket(p) {
      if (out || !p.tcp) return;
      const f = p.tcp.flags;
      if (p.tcp.seq !== undefined && !f.rst) rcvNxt = (p.tcp.seq + tcpSegLen(p.tcp)) >>> 0;
      if (f.rst) {
        // tcp_done in SYN-SENT is a failed attempt; a reset of the connection, EstabResets
        tcpInc(ns.mib, established ? 'EstabResets' : 'AttemptFails');
        if (!established) out = { result: 'refused' };
        return;
      }
      if (f.syn && f.ack && !established) {
        // the SYN-ACK acknowledges the SYN: the first segment delivered (tcp_ack in SYN-SENT)
        tcpExtInc(ns.mib, 'TCPDelivered');
        // the handshake's last ACK, then the request in a segment of its own
        established = true;
        peerIsn = p.tcp.isn;
        send({ syn: false, ack: true, rst: false, fin: false });
        send({ syn: false, ack: true, rst: false, fin: false }, t.request ?? `GET ${t.path} HTTP/1.0\r\nHost: ${t.hostText}\r\n\r\n`);
        return;
      }
      if (p.tcp.data) {
        // the answer may come in several segments (headers, then body)
        response += p.tcp.data;
        const head = response.split('\r\n\r\n')[0] ?? '';
        const code = Number(head.split(' ')[1] ?? '0');
        const body = response.slice(head.length + 4);
        const client = w.servedClient ?? '';
        received = { result: 'ok', http_code: code, client, body, response, sport };
      }
      // the answer is acknowledged; the server's FIN is answered with curl's own as it closes
      if (p.tcp.data || f.fin) send({ syn: false, ack: true, rst: false, fin: f.fin && !closed });
      // a whole answer on a kept connection: curl is done and closes it (its FIN goes first)
      if (p.tcp.data && !closed && keptWhole(response, t.request ?? '')) {
        closed = true;
        send({ syn: false, ack: true, rst: false, fin: true });
      }
      if (f.fin && received) out = received;
    },
    onError(p) {
      // tcp_v4_err takes a redirect for the route, not as an error of the connection
      if (out || established || !p.icmp || p.icmp.type === ICMP_REDIRECT) return;
      tcpInc(ns.mib, 'AttemptFails');
      out = { result: CURL_ICMP[`${p.icmp.type}/${p.icmp.code}`] ?? 'error' } as CurlOutcome;
    },
  };
  const syn = (): void => {
    sndNxt = isn;
    send({ syn: true, ack: false, rst: false, fin: false });
    settle(w);
  };
  ns.sockets.push(sock);
  let gaveUp = false;
  try {
    syn();
    if (!out && !received && !established) {
      const limit = connectTimeoutMs !== undefined && connectTimeoutMs > 0 ? connectTimeoutMs : Number.POSITIVE_INFINITY;
      if (waitsForArp(ns, rt.dev, rt.nexthop)) {
        w.clock.advance(Math.min(limit, ARP_FAILURE_MS));
        if (limit > ARP_FAILURE_MS) out = { result: 'no-route' };
      } else gaveUp = waitSynSent(w, ns, connectTimeoutMs, syn, () => out !== null || established).gaveUp;
    }
  } finally {
    ns.sockets = ns.sockets.filter((s) => s !== sock);
  }
  return (
    out ??
    received ??
    (established ? { result: 'timeout', connected: true } : gaveUp ? { result: 'timeout', gaveUp: true } : { result: 'timeout' })
  );
}
