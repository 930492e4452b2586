// The stub resolver a program calls through getaddrinfo(3): an A and an AAAA query over UDP to
// each name server of /etc/resolv.conf in turn, as glibc sends them. The query is a real datagram
// from this namespace, so a missing route, a firewall or a missing NAT on the way is why a
// name does not resolve.

import { ipInc, udpInc } from './ip/snmp-mib.ts';
import type { Ipv4 } from './addr.ts';
import { DNS_PORT, DNS_TYPE_A, DNS_TYPE_AAAA, type DnsMessage, type DnsQtype, canonicalName, nameservers, resolvOptions } from './dns.ts';
import { ipId } from './ip/icmp.ts';
import { failPendingArp } from './ip/neigh.ts';
import { ipLocalOut } from './ip/output.ts';
import { routeOutput } from './ip/route-io.ts';
import type { Netns, ProbeSocket } from './netns.ts';
import { IPPROTO_UDP, type Ipv4Packet } from './packet.ts';
import type { World } from './world.ts';

/** what getaddrinfo returns: the addresses, EAI_NONAME (NXDOMAIN), or EAI_AGAIN (no server answered) */
export type Resolution =
  | { readonly kind: 'ok'; readonly addrs: readonly Ipv4[] }
  | { readonly kind: 'nxdomain' }
  | { readonly kind: 'no-answer' };

/** glibc's RES_DFLRETRY: the servers are asked twice over, each in turn */
const ATTEMPTS = 2;
/** RES_TIMEOUT: seconds a query waits for its answer */
const TIMEOUT_MS = 5000;

function settle(w: World): void {
  w.run();
  if (w.arpPending.size) {
    for (const ns of w.arpPending) if (ns.arpQueue.size) failPendingArp(ns);
    w.arpPending.clear();
    w.run();
  }
}

/**
 * one exchange with one server: a query of each type in QTYPES sent together from one socket
 * (glibc's send_dg hands A and AAAA to sendmmsg at once), each with its own random id and RD
 * set; the response to the first, or null when none came (no route, dropped, ICMP error)
 */
export function queryServer(
  w: World,
  ns: Netns,
  server: Ipv4,
  qname: string,
  qtypes: readonly DnsQtype[] = [DNS_TYPE_A],
  port?: number,
  queryIds?: readonly number[],
): DnsMessage | null {
  w.beginRun();
  const rt = routeOutput(ns, server, null, null);
  if (!rt.ok) return null;
  const sport = port ?? w.ephemeralPort();
  const ids = queryIds ?? qtypes.map(() => w.rng.next() & 0xffff);
  let answer: DnsMessage | null = null;
  let refused = false;
  const sock: ProbeSocket = {
    proto: 'udp',
    port: sport,
    remote: { addr: server, port: DNS_PORT },
    onPacket(p) {
      const m = p.udp?.dns;
      if (!answer && m?.response && m.id === ids[0] && p.src === server) answer = m;
    },
    onError() {
      // ICMP port unreachable and the like: glibc gives up on this server at once
      refused = true;
    },
  };
  ns.sockets.push(sock);
  try {
    for (const [i, qtype] of qtypes.entries()) {
      const q: DnsMessage = {
        id: ids[i]!,
        response: false,
        rcode: 0,
        qname,
        rd: true,
        answers: [],
        ...(qtype === DNS_TYPE_A ? {} : { qtype }),
      };
      // a UDP socket's datagrams go with DF set (IP_PMTUDISC_WANT) and a checksum the device finishes
      const pkt: Ipv4Packet = {
        src: rt.src,
        dst: server,
        ttl: ns.defaultTtl(),
        proto: IPPROTO_UDP,
        id: ipId(),
        df: true,
        sk: 'process',
        csumPartial: true,
        udp: { sport, dport: DNS_PORT, dns: q },
      };
      if (ipLocalOut(ns, pkt, rt, null) !== 'EPERM') udpInc(ns.mib, 'OutDatagrams');
    }
    settle(w);
  } finally {
    ns.sockets = ns.sockets.filter((s) => s !== sock);
  }
  if (!answer && !refused) w.clock.advance(TIMEOUT_MS);
  return answer;
}

/**
 * getaddrinfo(NAME) with this resolv.conf: the servers in order until one answers. The queries
 * are made once (res_nmkquery) and sent again as they are, same ids, in every round
 * (__res_context_send: every server in turn, the whole round again, RES_DFLRETRY). By default
 * A and AAAA leave together from one socket, kept open between rounds; with `options
 * single-request` A goes alone, AAAA only once A is answered, and each round opens a new socket.
 */
export function resolveName(w: World, ns: Netns, name: string, resolvConf: string | undefined): Resolution {
  const qname = canonicalName(name);
  const single = resolvOptions(resolvConf).singleRequest;
  const ids = [w.rng.next() & 0xffff, w.rng.next() & 0xffff];
  const ports = new Map<Ipv4, number>();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    for (const server of nameservers(resolvConf)) {
      const port = (single ? undefined : ports.get(server)) ?? w.ephemeralPort();
      ports.set(server, port);
      const r = single
        ? queryServer(w, ns, server, qname, [DNS_TYPE_A], port, ids.slice(0, 1))
        : queryServer(w, ns, server, qname, [DNS_TYPE_A, DNS_TYPE_AAAA], port, ids);
      if (!r) continue;
      if (r.rcode === 3) return { kind: 'nxdomain' };
      if (r.rcode === 0 && r.answers.length) {
        if (single) queryServer(w, ns, server, qname, [DNS_TYPE_AAAA], port, ids.slice(1));
        return { kind: 'ok', addrs: r.answers };
      }
      // REFUSED, SERVFAIL (or an empty answer): the next server
    }
  }
  return { kind: 'no-answer' };
}

/**
 * gethostbyaddr(ADDR) as far as the lab follows it: a PTR query to each name server of
 * resolv.conf, RES_DFLRETRY (2) rounds, each from a socket connect(2)ed to the server. A server
 * the namespace has no route to fails that connect with ENETUNREACH (IpOutNoRoutes, as
 * ip4_datagram_connect counts it). python3 -m http.server asks this of the address it binds
 * (socket.getfqdn). The query to a server it can reach is not modelled.
 */
export function reverseLookupConnects(ns: Netns, resolvConf: string | undefined): void {
  for (let round = 0; round < 2; round++) {
    for (const server of nameservers(resolvConf)) {
      const rt = routeOutput(ns, server, null, null);
      if (!rt.ok && rt.errno === 'ENETUNREACH') ipInc(ns.mib, 'OutNoRoutes');
    }
  }
}
