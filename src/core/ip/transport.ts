// TCP and UDP just deep enough for the probes: listening servers answer a handshake and one
// GET, closed ports answer RST or ICMP port unreachable, VXLAN sockets take their UDP.

import { tcpInc, tcpOutCount, udpInc } from './snmp-mib.ts';
import { formatIpv4, type Ipv4 } from '../addr.ts';
import type { Device } from '../device.ts';
import { isnOf } from '../capture/wire.ts';
import { vxlanRcv } from '../link/vxlan.ts';
import type { Listener, Netns, ProbeSocket } from '../netns.ts';
import { answerQuery, type DnsZone, RCODE_NAMES } from '../dns.ts';
import {
  ICMP_DEST_UNREACH,
  ICMP_PORT_UNREACH,
  IPPROTO_TCP,
  IPPROTO_UDP,
  type Ipv4Packet,
  TCP_ACCEPT_WINDOW,
  TCP_CONNECT_WINDOW,
  tcpSegLen,
} from '../packet.ts';
import { type HttpAnswer, serveRequest } from '../http-server.ts';
import { nginxServe } from '../nginx.ts';
import { httpdServe } from '../apache-httpd.ts';
import { summarize } from '../summary.ts';
import { drop } from './drop.ts';
import { missingNat } from './explain.ts';
import { icmpSend, ipId } from './icmp.ts';
import { ipLocalOut } from './output.ts';
import { routeOutput, withAdvMss } from './route-io.ts';
import { establish, reportSock, timeWait } from './tcp-sock.ts';

/** the socket that sent `inner` (the packet quoted in an ICMP error) */
export function socketFor(ns: Netns, inner: Ipv4Packet): ProbeSocket | undefined {
  if (inner.icmp) return ns.sockets.find((s) => s.proto === 'icmp' && s.port === inner.icmp!.id);
  if (inner.tcp)
    return ns.sockets.find(
      (s) =>
        s.proto === 'tcp' &&
        s.port === inner.tcp!.sport &&
        (!s.remote || (s.remote.addr === inner.dst && s.remote.port === inner.tcp!.dport)),
    );
  if (inner.udp) return ns.sockets.find((s) => s.proto === 'udp' && s.port === inner.udp!.sport);
  return undefined;
}

function sendTcp(ns: Netns, p: Ipv4Packet): void {
  const rt = routeOutput(ns, p.dst, p.src, null);
  if (!rt.ok) {
    const nat = missingNat(ns, p, 'the answer');
    if (nat) return drop(ns, null, p, 'no-route', nat.reason, nat.fix, nat.fixNs);
    return drop(ns, null, p, 'no-route', `no route back to ${formatIpv4(p.dst)} in ${ns.label}`);
  }
  tcpOutCount(ns.mib, p.tcp?.flags.rst ?? false);
  ipLocalOut(ns, withAdvMss(ns, rt, p), rt, null);
}

/** connections the server closed first (it answers the client's FIN with an ACK alone), by client address:port */
const serverClosed = new WeakMap<Listener, Set<string>>();
function closedFirst(l: Listener): Set<string> {
  const s = serverClosed.get(l) ?? new Set<string>();
  serverClosed.set(l, s);
  return s;
}

/** docker-proxy's connections by client address:port: what it does with the client's FIN (false: it has closed already) */
const relays = new WeakMap<Netns, Map<string, (clientFin: Reply) => boolean>>();

/** the answer of the listener's HTTP server, write by write, its output logged where it goes */
function httpAnswer(l: Listener, data: string, client: string, now: number): { writes: readonly string[]; close: boolean } {
  if (l.http) {
    l.accepted = (l.accepted ?? 0) + 1;
    const a = l.http === 'nginx' ? nginxServe(data, client, now, l.accepted, l.worker) : httpdServe(data, client, now);
    l.output?.push(...a.output);
    return a;
  }
  const a: HttpAnswer = serveRequest(data, l.mapped ? `::ffff:${client}` : client, now);
  l.log?.push(...a.log);
  // http.server writes its headers (flushed by end_headers) and its body in two writes
  const cut = a.response.indexOf('\r\n\r\n');
  const head = cut < 0 ? a.response : a.response.slice(0, cut + 4);
  const body = a.response.slice(head.length);
  return { writes: body ? [head, body] : [head], close: true };
}

/** a segment back to the sender of the one received; `after`: sequence space sent since that one's ACK */
type Reply = (flags: { syn: boolean; ack: boolean; rst: boolean; fin: boolean }, data?: string, after?: number) => Ipv4Packet;

/**
 * A userland proxy's request: a connection of its own from this namespace to the target, the
 * same request on it, and the target's answer relayed to the client. The target sees the
 * proxy's address as the client; no answer (refused, unreachable) closes the client's connection.
 */
function proxyRequest(ns: Netns, dev: Device, p: Ipv4Packet, to: { addr: Ipv4; port: number }, back: Reply): void {
  const w = ns.world;
  if (w.tracing())
    w.emit({
      type: 'deliver',
      t: w.clock.now(),
      ns: ns.label,
      dev: dev.name,
      pkt: summarize(p),
      what: `docker-proxy relays the request to ${formatIpv4(to.addr)}:${to.port}`,
    });
  const rt = routeOutput(ns, to.addr, null, null);
  if (!rt.ok) return sendTcp(ns, back({ syn: false, ack: true, rst: false, fin: true }));
  const src = rt.src;
  const sport = w.ephemeralPort();
  const request = p.tcp!.data!;
  const key = `${formatIpv4(p.src)}:${p.tcp!.sport}`;
  const done = (): void => {
    ns.sockets = ns.sockets.filter((s) => s !== sock);
    relays.get(ns)?.delete(key);
  };
  const send = (flags: { syn: boolean; ack: boolean; rst: boolean; fin: boolean }, data?: string): void => {
    const q: Ipv4Packet = {
      src,
      dst: to.addr,
      ttl: ns.defaultTtl(),
      proto: IPPROTO_TCP,
      id: ipId(),
      df: true,
      csumPartial: true,
      tcp: {
        sport,
        dport: to.port,
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
    sndNxt = (sndNxt + tcpSegLen(q.tcp!)) >>> 0;
    const r2 = routeOutput(ns, to.addr, src, null);
    if (!r2.ok) return;
    if (flags.syn) tcpInc(ns.mib, 'ActiveOpens');
    tcpOutCount(ns.mib, flags.rst);
    ipLocalOut(ns, withAdvMss(ns, r2, q), r2, null);
  };
  let closing = false;
  /** the client closed first: its FIN passed on to the target, answered once the target closes */
  let clientFin: Reply | null = null;
  /** bytes of the answer relayed to the client so far */
  let relayed = 0;
  const isn = isnOf(src, sport, to.addr, to.port);
  let peerIsn: number | undefined;
  let sndNxt = isn;
  let rcvNxt = 0;
  const sock: ProbeSocket = {
    proto: 'tcp',
    port: sport,
    remote: { addr: to.addr, port: to.port },
    onPacket(q) {
      const f = q.tcp?.flags;
      if (!f) return;
      if (q.tcp!.seq !== undefined && !f.rst) rcvNxt = (q.tcp!.seq + tcpSegLen(q.tcp!)) >>> 0;
      if (f.rst) {
        done();
        return sendTcp(ns, back({ syn: false, ack: true, rst: false, fin: true }));
      }
      if (f.syn && f.ack) {
        peerIsn = q.tcp!.isn;
        send({ syn: false, ack: true, rst: false, fin: false });
        return send({ syn: false, ack: true, rst: false, fin: false }, request);
      }
      // the answer is relayed as it comes; the target's FIN closes both connections
      if (q.tcp!.data) {
        sendTcp(ns, back({ syn: false, ack: true, rst: false, fin: false }, q.tcp!.data, relayed));
        relayed += new TextEncoder().encode(q.tcp!.data).length;
      }
      if (f.fin && clientFin) {
        send({ syn: false, ack: true, rst: false, fin: false });
        sendTcp(ns, clientFin({ syn: false, ack: true, rst: false, fin: true }));
        return done();
      }
      if (q.tcp!.data || f.fin) send({ syn: false, ack: true, rst: false, fin: f.fin });
      if (f.fin) {
        closing = true;
        sendTcp(ns, back({ syn: false, ack: true, rst: false, fin: true }, undefined, relayed));
      } else if (closing) done();
    },
    onError() {
      done();
      sendTcp(ns, back({ syn: false, ack: true, rst: false, fin: true }));
    },
  };
  ns.sockets.push(sock);
  const mine = relays.get(ns) ?? new Map<string, (clientFin: Reply) => boolean>();
  relays.set(ns, mine);
  mine.set(key, (fin) => {
    if (closing) return false;
    clientFin = fin;
    send({ syn: false, ack: true, rst: false, fin: true });
    return true;
  });
  send({ syn: true, ack: false, rst: false, fin: false });
}

export function tcpRcv(ns: Netns, dev: Device, p: Ipv4Packet): void {
  const t = p.tcp!;
  const w = ns.world;
  tcpInc(ns.mib, 'InSegs');
  const sk = ns.sockets.find(
    (s) => s.proto === 'tcp' && s.port === t.dport && (!s.remote || (s.remote.addr === p.src && s.remote.port === t.sport)),
  );
  if (sk) return sk.onPacket(p, dev);
  const l = ns.listeners.find((x) => x.proto === 'tcp' && x.port === t.dport && (x.addr === 0 || x.addr === p.dst));
  // the numbers follow from the segment answered: its ACK says where this side stands
  const mine = isnOf(p.dst, t.dport, p.src, t.sport);
  const back: Reply = (flags, data, after = 0) => ({
    src: p.dst,
    dst: p.src,
    ttl: ns.defaultTtl(),
    proto: IPPROTO_TCP,
    id: ipId(),
    df: true,
    csumPartial: true,
    tcp: {
      sport: t.dport,
      dport: t.sport,
      flags,
      window: TCP_ACCEPT_WINDOW,
      isn: mine,
      ...(t.isn !== undefined ? { peerIsn: t.isn } : {}),
      ...(t.seq !== undefined
        ? {
            seq: flags.syn ? mine : flags.rst && !t.flags.ack ? 0 : ((t.ack ?? 0) + after) >>> 0,
            ack: flags.ack ? (t.seq + tcpSegLen(t)) >>> 0 : 0,
          }
        : {}),
      ...(data !== undefined ? { data } : {}),
    },
    sk: 'process',
  });
  if (l) {
    if (t.flags.syn && !t.flags.ack) {
      if (w.tracing())
        w.emit({
          type: 'deliver',
          t: w.clock.now(),
          ns: ns.label,
          dev: dev.name,
          pkt: summarize(p),
          what: `${l.what} accepts the connection`,
        });
      return sendTcp(ns, back({ syn: true, ack: true, rst: false, fin: false }));
    }
    // the handshake's last ACK (it acknowledges the SYN-ACK alone): the connection is born
    // (tcp_create_openreq_child)
    if (t.flags.ack && !t.flags.fin && !t.flags.rst && !t.data && t.ack === (mine + 1) >>> 0) tcpInc(ns.mib, 'PassiveOpens');
    // a request is acknowledged at once (quick ACKs at the start of a connection)
    if (t.data) sendTcp(ns, back({ syn: false, ack: true, rst: false, fin: false }));
    // a frozen process reads nothing: the request waits in the socket's queue
    if (l.frozen) return t.flags.fin ? sendTcp(ns, back({ syn: false, ack: true, rst: false, fin: false })) : undefined;
    if (t.data && l.proxyTo) return proxyRequest(ns, dev, p, l.proxyTo, back);
    if (t.data) {
      if (w.tracing())
        w.emit({
          type: 'deliver',
          t: w.clock.now(),
          ns: ns.label,
          dev: dev.name,
          pkt: summarize(p),
          what: `${l.what} serves the request from ${formatIpv4(p.src)}`,
        });
      const client = formatIpv4(p.src);
      const answer = httpAnswer(l, t.data, client, w.clock.now());
      w.servedClient = client;
      const key = `${client}:${t.sport}`;
      // each write of the server leaves as a segment, acknowledged by the client before the
      // next is on the wire; a server that closes sends its FIN after the answer
      const bytes = (x: string) => new TextEncoder().encode(x).length;
      let sent = 0;
      const write = (i: number): void => {
        const seg = answer.writes[i];
        if (seg === undefined) {
          if (!answer.close) return;
          closedFirst(l).add(key);
          return sendTcp(ns, back({ syn: false, ack: true, rst: false, fin: true }, undefined, sent));
        }
        sendTcp(ns, back({ syn: false, ack: true, rst: false, fin: false }, seg, sent));
        sent += bytes(seg);
        w.afterSettle(() => write(i + 1));
      };
      sendTcp(ns, back({ syn: false, ack: true, rst: false, fin: false }, answer.writes[0], 0));
      sent = bytes(answer.writes[0] ?? '');
      w.afterSettle(() => write(1));
      return;
    }
    if (t.flags.fin) {
      const key = `${formatIpv4(p.src)}:${t.sport}`;
      // docker-proxy passes the client's FIN on to the target and closes when the target has
      if (l.proxyTo && relays.get(ns)?.get(key)?.(back)) return;
      // a server that keeps the connection (HTTP/1.1 keep-alive) closes on the client's FIN:
      // its own FIN carries the ACK; the client, which closed first, goes to TIME-WAIT
      if (l.http && !closedFirst(l).delete(key)) return sendTcp(ns, back({ syn: false, ack: true, rst: false, fin: true }));
    }
    // the handshake's last ACK to a process that holds its connections (nc -l): accepted
    if (l.holds && t.flags.ack && !t.flags.fin && !t.flags.rst && t.seq !== undefined) return accept(ns, l, p);
    // the client's FIN after the server's own: the server acknowledges it and the connection
    // is closed; the server, which closed first, keeps it in TIME-WAIT (conntrack: LAST_ACK ->
    // TIME_WAIT)
    if (t.flags.fin) {
      timeWait(ns, { addr: p.dst, port: t.dport }, { addr: p.src, port: t.sport });
      return sendTcp(ns, back({ syn: false, ack: true, rst: false, fin: false }));
    }
    return;
  }
  if (t.flags.rst) return;
  drop(ns, dev, p, 'port-closed', `nothing listens on TCP port ${t.dport} in ${ns.label}: it answers with a reset`);
  // no socket for the port: the kernel's own control socket resets
  // its checksum finished in software (ip_send_unicast_reply), DF set as on every reset
  sendTcp(ns, { ...back({ syn: false, ack: t.flags.syn, rst: true, fin: false }), sk: 'kernel', csumPartial: false });
}

/**
 * accept(2) by a process that holds each connection (nc -l): the connection is ESTABLISHED on
 * this side too. nc takes one connection and keeps listening while it serves it; another
 * client completes its handshake in the backlog, held by no process until nc -k accepts it.
 */
function accept(ns: Netns, l: Listener, p: Ipv4Packet): void {
  const t = p.tcp!;
  const task = l.owner?.task;
  const serving = task !== undefined && ns.tcpSocks.some((s) => s.owner?.task === task && s.passive);
  // nc serves one connection at a time (-k too): another waits in the backlog, held by no process
  const owner = task?.alive && !serving ? { task, fd: 4 } : undefined;
  const isn = isnOf(p.dst, t.dport, p.src, t.sport);
  establish(ns, {
    local: { addr: p.dst, port: t.dport },
    remote: { addr: p.src, port: t.sport },
    isn,
    peerIsn: t.isn ?? 0,
    sndNxt: (isn + 1) >>> 0,
    rcvNxt: t.seq!,
    passive: true,
    closeOnEof: true,
    ...(owner ? { owner } : {}),
  });
  if (owner && l.holds!.verbose) owner.task.log.push(reportSock(p.src, t.sport, l.holds!.numeric));
}

/** a name server's answer to a query, from the address the query was sent to */
function dnsServe(ns: Netns, dev: Device, p: Ipv4Packet, zone: DnsZone, what: string): void {
  const q = p.udp!.dns;
  if (!q || q.response) return;
  const a = answerQuery(zone, q);
  const w = ns.world;
  if (w.tracing())
    w.emit({
      type: 'deliver',
      t: w.clock.now(),
      ns: ns.label,
      dev: dev.name,
      pkt: summarize(p),
      what: `${what} answers ${q.qname}: ${a.rcode === 0 ? a.answers.map(formatIpv4).join(', ') || 'no address' : RCODE_NAMES[a.rcode]}`,
    });
  const reply: Ipv4Packet = {
    src: p.dst,
    dst: p.src,
    ttl: ns.defaultTtl(),
    proto: IPPROTO_UDP,
    id: ipId(),
    // a UDP socket's datagram: DF set (IP_PMTUDISC_WANT), its checksum left to the device
    df: true,
    sk: 'process',
    csumPartial: true,
    udp: { sport: p.udp!.dport, dport: p.udp!.sport, dns: a },
  };
  const rt = routeOutput(ns, reply.dst, reply.src, null);
  if (!rt.ok) {
    const nat = missingNat(ns, reply, 'the DNS answer');
    if (nat) return drop(ns, null, reply, 'no-route', nat.reason, nat.fix, nat.fixNs);
    return drop(ns, null, reply, 'no-route', `no route back to ${formatIpv4(reply.dst)} in ${ns.label}`);
  }
  if (ipLocalOut(ns, reply, rt, null) !== 'EPERM') udpInc(ns.mib, 'OutDatagrams');
}

export function udpRcv(ns: Netns, dev: Device, p: Ipv4Packet, broadcast: boolean): void {
  const u = p.udp!;
  const vxlans = ns.world.vxlans;
  for (const d of vxlans) {
    const vx = d.vxlan;
    if (!vx || vx.underlay !== ns || vx.dstport !== u.dport) continue;
    // the VXLAN socket is bound to the port only: `local` picks the source of what it sends
    if (u.vxlan && u.vxlan.vni === vx.vni) {
      udpInc(ns.mib, 'InDatagrams');
      return vxlanRcv(d, p);
    }
  }
  if ([...vxlans].some((d) => d.vxlan?.underlay === ns && d.vxlan.dstport === u.dport)) {
    // the encapsulation socket took it (udp_queue_rcv_one_skb) before vxlan_rcv found no VNI
    udpInc(ns.mib, 'InDatagrams');
    return drop(ns, dev, p, 'vxlan-vni', 'no VXLAN device with this VNI');
  }
  const sk = ns.sockets.find((s) => s.proto === 'udp' && s.port === u.dport);
  const l = ns.listeners.find((x) => x.proto === 'udp' && x.port === u.dport && (x.addr === 0 || x.addr === p.dst));
  // a socket took the datagram (udp_queue_rcv_skb); none: NoPorts, or IgnoredMulti for a broadcast
  if (sk || l?.dns || l?.holds) udpInc(ns.mib, 'InDatagrams');
  else udpInc(ns.mib, broadcast ? 'IgnoredMulti' : 'NoPorts');
  if (sk) return sk.onPacket(p, dev);
  if (l?.dns) return dnsServe(ns, dev, p, l.dns, l.what);
  // a process reading the socket (nc -lu) takes the datagram
  if (l?.holds) return;
  if (broadcast) return;
  drop(ns, dev, p, 'port-closed', `nothing listens on UDP port ${u.dport} in ${ns.label}: it answers with ICMP port unreachable`);
  icmpSend(ns, p, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH);
}
