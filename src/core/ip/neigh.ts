// The neighbour layer: ARP resolution, the neighbour table, and ARP replies (arp_process).

import { formatIpv4, formatMac, inPrefix, ipMcMac, isMulticast, MAC_BROADCAST, type Ipv4, type Mac } from '../addr.ts';
import { type Device, ifaPrefix, ifaScope } from '../device.ts';
import { devXmit } from '../link/xmit.ts';
import type { NeighEntry, Netns } from '../netns.ts';
import { ETH_P_ARP, ETH_P_IP, type Frame, type Ipv4Packet } from '../packet.ts';
import { summarizeFrame } from '../summary.ts';
import { selectSourceAddr } from './addrsel.ts';
import { drop } from './drop.ts';
import { macvlanIsolation } from './explain.ts';
import type { Route } from './fib.ts';
import { nudConfirmed, nudResolving, nudStale, nudUsed } from './nud.ts';
import { routeInput, routeOutput } from './route-io.ts';

function findNeigh(ns: Netns, dev: Device, ip: Ipv4): NeighEntry | undefined {
  return ns.neigh.find((n) => n.dev === dev && n.ip === ip);
}

/** NUD_VALID: an entry whose MAC can be used now */
export function neighUsable(n: NeighEntry): boolean {
  return n.mac !== null && n.state !== 'INCOMPLETE' && n.state !== 'FAILED';
}

/** NUD_PERMANENT | NUD_NOARP: set by an administrator, never touched by ARP */
export function neighAdmin(n: NeighEntry): boolean {
  return n.state === 'PERMANENT' || n.state === 'NOARP';
}

function sendIp(dev: Device, mac: Mac, p: Ipv4Packet): void {
  devXmit(dev, { src: dev.mac, dst: mac, type: ETH_P_IP, ip: p });
}

/** neigh_output: send to the next hop's MAC, resolving it with ARP first */
export function neighOutput(ns: Netns, dev: Device, nexthop: Ipv4, p: Ipv4Packet, broadcast: boolean): void {
  if (dev.kind === 'loopback' || (dev.noarp() && !dev.arpOff)) return sendIp(dev, dev.mac, p);
  if (broadcast) return sendIp(dev, MAC_BROADCAST, p);
  // arp_constructor: a multicast next hop is NOARP, its MAC mapped from the group
  if (isMulticast(nexthop)) return sendIp(dev, ipMcMac(nexthop), p);
  const w = ns.world;
  let n = findNeigh(ns, dev, nexthop);
  if (n && n.mac !== null && neighUsable(n)) {
    nudUsed(w, n);
    return sendIp(dev, n.mac, p);
  }
  if (dev.arpOff) {
    // arp_constructor on an IFF_NOARP device: a NOARP entry carrying the device's own MAC
    // (frames the neighbour then takes for another host's); entries set by hand still count
    if (!n) ns.neigh.push({ ip: nexthop, dev, mac: dev.mac, state: 'NOARP', updated: w.clock.now() });
    return sendIp(dev, dev.mac, p);
  }
  if (!n) {
    n = { ip: nexthop, dev, mac: null, state: 'INCOMPLETE', updated: w.clock.now() };
    ns.neigh.push(n);
  }
  const waiting = ns.arpQueue.get(n);
  if (waiting) {
    waiting.push(p);
    return;
  }
  n.state = 'INCOMPLETE';
  const sip = arpSolicitSource(ns, dev, nexthop, p.src);
  nudResolving(w, n, sip);
  ns.arpQueue.set(n, [p]);
  w.arpPending.add(ns);
  const req: Frame = { src: dev.mac, dst: MAC_BROADCAST, type: ETH_P_ARP, arp: { op: 1, sha: dev.mac, spa: sip, tha: 0, tpa: nexthop } };
  if (w.tracing())
    w.emit({
      type: 'arp',
      t: w.clock.now(),
      ns: ns.label,
      dev: dev.name,
      pkt: summarizeFrame(req),
      op: 'request',
      ip: formatIpv4(nexthop),
    });
  devXmit(dev, req);
}

/**
 * arp_solicit's sender address, as arp_announce (the larger of conf.all and the device's)
 * says: 0 the packet's own source when it is ours, 1 that source only when one of the
 * device's subnets holds both it and the target (inet_addr_onlink), 2 never; any other value
 * is the switch's default, 0. Otherwise the device's best address for the target.
 */
function arpSolicitSource(ns: Netns, dev: Device, target: Ipv4, saddr: Ipv4): Ipv4 {
  const announce = ns.conf(dev, 'arp_announce');
  const own = saddr !== 0 && ns.isLocalAddr(saddr);
  const onlink = (): boolean => dev.addrs.some((x) => inPrefix(target, ifaPrefix(x), x.plen) && inPrefix(saddr, ifaPrefix(x), x.plen));
  if (own && announce !== 2 && (announce !== 1 || onlink())) return saddr;
  return selectSourceAddr(ns, dev, target, 'link') ?? 0;
}

/** NUD_VALID: the neighbour's MAC is known */
export function neighValid(ns: Netns, dev: Device, ip: Ipv4): boolean {
  const n = findNeigh(ns, dev, ip);
  return n !== undefined && neighUsable(n);
}

/** neigh_event_send with nothing queued: start resolving `ip` on `dev` */
export function neighEventSend(ns: Netns, dev: Device, ip: Ipv4): void {
  if (dev.noarp()) return;
  const w = ns.world;
  let n = findNeigh(ns, dev, ip);
  if (n && (n.mac !== null || ns.arpQueue.has(n))) return;
  if (!n) {
    n = { ip, dev, mac: null, state: 'INCOMPLETE', updated: w.clock.now() };
    ns.neigh.push(n);
  }
  n.state = 'INCOMPLETE';
  const sip = selectSourceAddr(ns, dev, ip, 'link') ?? 0;
  nudResolving(w, n, sip);
  ns.arpQueue.set(n, []);
  w.arpPending.add(ns);
  const req: Frame = { src: dev.mac, dst: MAC_BROADCAST, type: ETH_P_ARP, arp: { op: 1, sha: dev.mac, spa: sip, tha: 0, tpa: ip } };
  if (w.tracing())
    w.emit({ type: 'arp', t: w.clock.now(), ns: ns.label, dev: dev.name, pkt: summarizeFrame(req), op: 'request', ip: formatIpv4(ip) });
  devXmit(dev, req);
}

function resolved(ns: Netns, n: NeighEntry, mac: Mac): void {
  n.mac = mac;
  nudConfirmed(ns.world, n);
  n.updated = ns.world.clock.now();
  const waiting = ns.arpQueue.get(n);
  if (waiting) {
    ns.arpQueue.delete(n);
    if (ns.world.tracing())
      ns.world.emit({
        type: 'arp',
        t: ns.world.clock.now(),
        ns: ns.label,
        dev: n.dev.name,
        op: 'resolved',
        ip: formatIpv4(n.ip),
        mac: formatMac(mac),
      });
    for (const p of waiting) sendIp(n.dev, mac, p);
  }
}

/**
 * No answer came: what waited is dropped. The entry stays INCOMPLETE until the kernel's
 * resolution would give up (mcast_solicit requests, retrans_time apart), then FAILED (nud.ts).
 */
export function failPendingArp(ns: Netns): void {
  for (const [n, waiting] of ns.arpQueue) {
    if (ns.world.tracing())
      ns.world.emit({ type: 'arp', t: ns.world.clock.now(), ns: ns.label, dev: n.dev.name, op: 'failed', ip: formatIpv4(n.ip) });
    // a macvlan parent and its own child: name that rule rather than a generic silence
    const mv = waiting.length > 0 && ns.world.tracing() ? macvlanIsolation(ns, n.dev, n.ip) : null;
    for (const p of waiting) {
      if (mv) drop(ns, n.dev, p, 'no-arp-reply', mv.reason, mv.fix, mv.fixNs);
      else
        drop(
          ns,
          n.dev,
          p,
          'no-arp-reply',
          `nobody answered ARP for ${formatIpv4(n.ip)} on ${n.dev.name} in ${ns.label} (the neighbour entry FAILED)`,
          'check that the next hop is up, on the same layer-2 segment, and owns that address',
        );
    }
  }
  ns.arpQueue.clear();
  // a FAILED entry stays in the table (until garbage collection, long after a probe): a later
  // `ip neigh add` of that address finds it there
}

/** arp_ignore: whether this device keeps quiet about a local address (no reply, nothing learnt) */
function arpIgnore(ns: Netns, dev: Device, sip: Ipv4, tip: Ipv4): boolean {
  switch (ns.conf(dev, 'arp_ignore')) {
    case 0:
      return false;
    // 1: only for addresses configured on the incoming device; 2: and the asker in that subnet
    case 1:
      return !dev.addrs.some((x) => x.addr === tip);
    case 2:
      return !dev.addrs.some((x) => x.addr === tip && inPrefix(sip, ifaPrefix(x), x.plen));
    // 3: not for an address of host scope, on whatever device (inet_confirm_addr, RT_SCOPE_LINK)
    case 3:
      return !ns.deviceList().some((d) => d.addrs.some((x) => x.addr === tip && ifaScope(x) <= 253));
    case 8:
      return true;
    // 4-7 are reserved, and larger values unknown: answered as with 0
    default:
      return false;
  }
}

/**
 * arp_filter (conf.all or the device's): keep quiet unless the route back to the asker, from
 * the address asked for, leaves by this device
 */
function arpFilter(ns: Netns, dev: Device, sip: Ipv4, tip: Ipv4): boolean {
  if (!ns.conf(dev, 'arp_filter')) return false;
  const rt = routeOutput(ns, sip, tip, null);
  return !rt.ok || rt.dev !== dev;
}

/**
 * arp_fwd_proxy and arp_fwd_pvlan: a request for an address this namespace would forward to
 * (a unicast route, forwarding on the incoming device) is answered when proxy_arp is on
 * (conf.all or the device's) and the route leaves by another device, or when proxy_arp_pvlan
 * is on (conf.all or the device's, as Linux 6.18 reads it) and the route leaves by the same
 * device (not for a self probe).
 */
function proxyArp(ns: Netns, dev: Device, r: Route, sip: Ipv4, tip: Ipv4): boolean {
  if (r.type !== 'unicast') return false;
  if (r.dev !== dev) return ns.conf(dev, 'proxy_arp') !== 0;
  return sip !== tip && ns.conf(dev, 'proxy_arp_pvlan') !== 0;
}

/**
 * neigh_update(NUD_STALE, OVERRIDE): an entry that holds a usable address keeps its state when
 * the address is the same; otherwise it takes the new address, STALE.
 */
function learnStale(n: NeighEntry, mac: Mac): void {
  if (n.mac === mac && neighUsable(n)) return;
  n.mac = mac;
  nudStale(n);
}

/** neigh_event_ns: the asker's address is learnt (stale) from its request */
function learnAsker(ns: Netns, dev: Device, sip: Ipv4, sha: Mac): void {
  let n = findNeigh(ns, dev, sip);
  if (!n) {
    n = { ip: sip, dev, mac: sha, state: 'STALE', updated: ns.world.clock.now() };
    ns.neigh.push(n);
  }
  if (neighAdmin(n)) return;
  if (ns.arpQueue.has(n)) resolved(ns, n, sha);
  else learnStale(n, sha);
}

export function arpRcv(dev: Device, f: Frame): void {
  const ns = dev.ns;
  const a = f.arp;
  if (!a || dev.noarp()) return;
  const w = ns.world;
  if (a.spa === 0) return;
  if (a.op === 1) {
    const d = routeInput(ns, dev, a.spa, a.tpa);
    if (
      d.kind === 'local' &&
      !d.broadcast &&
      ns.isLocalAddr(a.tpa) &&
      !arpIgnore(ns, dev, a.spa, a.tpa) &&
      !arpFilter(ns, dev, a.spa, a.tpa)
    ) {
      // neigh_event_ns: learn the asker, then answer from this device's MAC
      let n = findNeigh(ns, dev, a.spa);
      if (!n) {
        n = { ip: a.spa, dev, mac: a.sha, state: 'STALE', updated: w.clock.now() };
        ns.neigh.push(n);
      }
      if (neighAdmin(n)) {
        /* set by hand: kept */
      } else if (ns.arpQueue.has(n)) resolved(ns, n, a.sha);
      else learnStale(n, a.sha);
      const reply: Frame = { src: dev.mac, dst: a.sha, type: ETH_P_ARP, arp: { op: 2, sha: dev.mac, spa: a.tpa, tha: a.sha, tpa: a.spa } };
      if (w.tracing())
        w.emit({
          type: 'arp',
          t: w.clock.now(),
          ns: ns.label,
          dev: dev.name,
          pkt: summarizeFrame(reply),
          op: 'reply',
          ip: formatIpv4(a.tpa),
          mac: formatMac(dev.mac),
        });
      devXmit(dev, reply);
      return;
    }
    if (d.kind === 'forward' && proxyArp(ns, dev, d.route, a.spa, a.tpa)) {
      // arp_process: answered for a host this namespace routes to, with this device's MAC
      learnAsker(ns, dev, a.spa, a.sha);
      const reply: Frame = { src: dev.mac, dst: a.sha, type: ETH_P_ARP, arp: { op: 2, sha: dev.mac, spa: a.tpa, tha: a.sha, tpa: a.spa } };
      if (w.tracing())
        w.emit({
          type: 'arp',
          t: w.clock.now(),
          ns: ns.label,
          dev: dev.name,
          pkt: summarizeFrame(reply),
          op: 'reply',
          ip: formatIpv4(a.tpa),
          mac: formatMac(dev.mac),
        });
      devXmit(dev, reply);
      return;
    }
    if (d.kind === 'drop' && ns.isLocalAddr(a.tpa)) drop(ns, dev, f, d.code, `ARP request not answered: ${d.reason}`, d.fix);
  }
  const n = findNeigh(ns, dev, a.spa);
  if (n && !neighAdmin(n)) resolved(ns, n, a.sha);
}
