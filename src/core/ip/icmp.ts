// ICMP: echo replies, errors the stack sends (icmp_send), and the REJECT target's answers.

import { formatIpv4, inPrefix, isMulticastOrBroadcast, type Ipv4 } from '../addr.ts';
import { type Device, ifaPrefix } from '../device.ts';
import { RT_TABLE_LOCAL } from './fib.ts';
import type { Netns } from '../netns.ts';
import type { CtInfo } from '../netfilter/conntrack.ts';
import type { RejectWith } from '../netfilter/rule.ts';
import {
  ICMP_DEST_UNREACH,
  ICMP_ECHO,
  ICMP_ECHOREPLY,
  ICMP_REDIRECT,
  IPPROTO_ICMP,
  IPPROTO_TCP,
  isIcmpError,
  type Ipv4Packet,
} from '../packet.ts';
import { icmpText, summarize } from '../summary.ts';
import { drop } from './drop.ts';
import { icmpGlobalAllow, icmpMaskAllow, icmpv4XrlimAllow } from './icmp-ratelimit.ts';
import { missingNat } from './explain.ts';
import { neighEventSend, neighValid } from './neigh.ts';
import { ipLocalOut } from './output.ts';
import { selectSourceAddr } from './addrsel.ts';
import { routeOutput, updatePmtu } from './route-io.ts';
import { socketFor } from './transport.ts';
import { icmpInCount, icmpInc } from './snmp-mib.ts';

export const REJECT_CODES: Record<Exclude<RejectWith, 'tcp-reset'>, number> = {
  'icmp-net-unreachable': 0,
  'icmp-host-unreachable': 1,
  'icmp-proto-unreachable': 2,
  'icmp-port-unreachable': 3,
  'icmp-net-prohibited': 9,
  'icmp-host-prohibited': 10,
  'icmp-admin-prohibited': 13,
};

let nextIpId = 1;
export function ipId(): number {
  nextIpId = (nextIpId + 1) & 0xffff;
  return nextIpId;
}

/**
 * __icmp_send: an error about `orig`, back to its sender. `iif` is the device a received
 * packet came in by (null for one this namespace sent). `ci` is the connection `orig` belongs
 * to, confirmed or not: the error is attached to it as RELATED (nf_ct_attach), so NAT
 * rewrites it on the way out even when `orig` died before its connection was confirmed.
 */
export function icmpSend(
  ns: Netns,
  orig: Ipv4Packet,
  type: number,
  code: number,
  gw?: Ipv4,
  iif: Device | null = null,
  ci: CtInfo | null = null,
  mtu?: number,
): void {
  if (isIcmpError(orig) || isMulticastOrBroadcast(orig.dst) || orig.src === 0) return;
  const w = ns.world;
  // the error comes from the address the packet was sent to when that is ours; else, with
  // icmp_errors_use_inbound_ifaddr, from the incoming device's address (inet_select_addr);
  // else from the address of the route back to the sender
  const saddr = ns.isLocalAddr(orig.dst)
    ? orig.dst
    : iif && ns.ipv4('icmp_errors_use_inbound_ifaddr')
      ? selectSourceAddr(ns, iif, orig.src, 'link')
      : null;
  // the namespace's credit first (not for what came in by loopback), then the sender's bucket
  const now = w.clock.now();
  const limited = !icmpMaskAllow(ns, type, code);
  if (limited && iif?.kind !== 'loopback' && !icmpGlobalAllow(ns, now)) {
    icmpInc(ns.mib, 'OutRateLimitGlobal');
    return drop(ns, null, orig, 'icmp-ratelimit', `ICMP ${icmpText(type, code)} not sent: icmp_msgs_per_sec / icmp_msgs_burst spent`);
  }
  const rt = routeOutput(ns, orig.src, saddr, null);
  if (!rt.ok) return drop(ns, null, orig, 'no-route', `cannot send ICMP ${icmpText(type, code)}: no route back to the sender`);
  if (limited && !icmpv4XrlimAllow(ns, orig.src, type, code, rt.dev.kind === 'loopback', now)) {
    icmpInc(ns.mib, 'OutRateLimitHost');
    return drop(
      ns,
      null,
      orig,
      'icmp-ratelimit',
      `ICMP ${icmpText(type, code)} to ${formatIpv4(orig.src)} not sent: icmp_ratelimit allows 6 at once, then one each ${ns.ipv4('icmp_ratelimit')} ms`,
    );
  }
  const err: Ipv4Packet = {
    src: rt.src,
    dst: orig.src,
    ttl: ns.defaultTtl(),
    proto: IPPROTO_ICMP,
    id: ipId(),
    icmp: { type, code, id: 0, seq: 0, inner: orig, ...(gw !== undefined ? { gw } : {}), ...(mtu !== undefined ? { mtu } : {}) },
    // __icmp_send: the offender's TOS bits under precedence internetwork control (0xc0)
    tos: ((orig.tos ?? 0) & 0x1e) | 0xc0,
    sk: 'kernel',
  };
  if (w.tracing())
    w.emit({ type: 'icmp', t: w.clock.now(), ns: ns.label, pkt: summarize(err), what: `sends ICMP ${icmpText(type, code)}` });
  const attached: CtInfo | null = ci ? { entry: ci.entry, dir: ci.dir === 'orig' ? 'reply' : 'orig', state: 'RELATED' } : null;
  ipLocalOut(ns, err, rt, null, attached);
}

/** the REJECT target: an ICMP error, or a TCP reset related to the rejected packet */
export function sendReject(ns: Netns, p: Ipv4Packet, how: RejectWith, _hook: string, ci: CtInfo | null, iif: Device | null = null): void {
  if (how !== 'tcp-reset') return icmpSend(ns, p, ICMP_DEST_UNREACH, REJECT_CODES[how], undefined, iif);
  if (p.proto !== IPPROTO_TCP || !p.tcp || p.tcp.flags.rst) return;
  const rst: Ipv4Packet = {
    src: p.dst,
    dst: p.src,
    ttl: ns.defaultTtl(),
    proto: IPPROTO_TCP,
    id: ipId(),
    tcp: { sport: p.tcp.dport, dport: p.tcp.sport, flags: { syn: false, ack: p.tcp.flags.syn, rst: true, fin: false } },
    sk: 'kernel',
  };
  const rt = routeOutput(ns, rst.dst, null, null);
  if (!rt.ok) return;
  const attached: CtInfo | null = ci ? { entry: ci.entry, dir: ci.dir === 'orig' ? 'reply' : 'orig', state: 'RELATED' } : null;
  ipLocalOut(ns, rst, { ...rt, src: rst.src }, null, attached);
}

/**
 * __ip_do_redirect: the gateway we used tells us a better one on the same link. Taken only
 * from the current gateway, when accept_redirects allows, and only once the new gateway's
 * MAC is known: a first redirect merely starts ARP for it (neigh_event_send).
 */
function ipDoRedirect(ns: Netns, dev: Device, p: Ipv4Packet): void {
  const ic = p.icmp!;
  const inner = ic.inner!;
  const newGw = ic.gw;
  if (newGw === undefined || ic.code > 3) return;
  const r = ns.fib.lookup(inner.dst);
  if (!r || r.type !== 'unicast' || !r.dev) return;
  const curGw = ns.nexthopFor(r, inner.dst);
  if (r.gw === null && !ns.fnhe.get(r)?.has(inner.dst)) return;
  if (curGw !== p.src) return;
  const rx = ns.forwarding(dev) ? ns.confAnd(dev, 'accept_redirects') : ns.conf(dev, 'accept_redirects') !== 0;
  if (newGw === p.src || !rx || isMulticastOrBroadcast(newGw) || newGw === 0) return;
  if (ns.conf(dev, 'shared_media')) {
    // inet_addr_type: the new gateway must not be one of our own (local table) addresses
    const t = ns.fib.lookup(newGw);
    if (t && t.table === RT_TABLE_LOCAL) return;
  } else if (!dev.addrs.some((a) => inPrefix(newGw, ifaPrefix(a), a.plen) && inPrefix(p.src, ifaPrefix(a), a.plen))) {
    return;
  }
  if (!neighValid(ns, r.dev, newGw)) {
    neighEventSend(ns, r.dev, newGw);
    return;
  }
  let m = ns.fnhe.get(r);
  if (!m) ns.fnhe.set(r, (m = new Map()));
  ns.hasFnhe = true;
  m.set(inner.dst, newGw);
  const w = ns.world;
  if (w.tracing())
    w.emit({
      type: 'icmp',
      t: w.clock.now(),
      ns: ns.label,
      pkt: summarize(p),
      what: `takes the redirect: ${formatIpv4(inner.dst)} now via ${formatIpv4(newGw)}`,
    });
}

/**
 * fib_compute_spec_dst for an echo to a broadcast or multicast address: the preferred source
 * of the route back to the asker, else the receiving device's address for it
 */
function specDst(ns: Netns, dev: Device, asker: Ipv4): Ipv4 {
  const rt = routeOutput(ns, asker, null, null);
  return rt.ok ? rt.src : (selectSourceAddr(ns, dev, asker, 'global') ?? 0);
}

export function icmpRcv(ns: Netns, dev: Device, p: Ipv4Packet, broadcast: boolean): void {
  const ic = p.icmp;
  if (!ic) return;
  icmpInCount(ns.mib, ic.type);
  const w = ns.world;
  if (ic.type === ICMP_ECHO) {
    if (ns.ipv4('icmp_echo_ignore_all') || (broadcast && ns.ipv4('icmp_echo_ignore_broadcasts'))) return;
    const reply: Ipv4Packet = {
      src: broadcast ? specDst(ns, dev, p.src) : p.dst,
      dst: p.src,
      ttl: ns.defaultTtl(),
      proto: IPPROTO_ICMP,
      id: ipId(),
      icmp: { type: ICMP_ECHOREPLY, code: 0, id: ic.id, seq: ic.seq },
      // icmp_reply answers with the request's TOS byte
      ...(p.tos ? { tos: p.tos } : {}),
      sk: 'kernel',
      // the same data back; the kernel's replies never set DF (its ICMP socket is PMTUDISC_DONT)
      ...(p.len !== undefined ? { len: p.len } : {}),
    };
    if (w.tracing())
      w.emit({ type: 'deliver', t: w.clock.now(), ns: ns.label, dev: dev.name, pkt: summarize(p), what: 'echo request answered' });
    const rt = routeOutput(ns, reply.dst, reply.src, null);
    if (!rt.ok) {
      const nat = missingNat(ns, reply, 'the echo reply');
      if (nat) return drop(ns, null, reply, 'no-route', nat.reason, nat.fix, nat.fixNs);
      return drop(
        ns,
        null,
        reply,
        'no-route',
        `the echo reply has no route back to ${summarize(reply).dst} in ${ns.label}`,
        `${ns.name ? `ip netns exec ${ns.name} ` : ''}ip route add default via <gateway>`,
      );
    }
    ipLocalOut(ns, reply, rt, null);
    return;
  }
  if (ic.type === ICMP_ECHOREPLY) {
    const sk = ns.sockets.find((s) => s.proto === 'icmp' && s.port === ic.id);
    if (sk) sk.onPacket(p, dev);
    else drop(ns, dev, p, 'no-socket', 'echo reply for no waiting ping');
    return;
  }
  if (ic.type === ICMP_REDIRECT && ic.inner) ipDoRedirect(ns, dev, p);
  // icmp_err → ipv4_update_pmtu: fragmentation needed teaches the path MTU to the inner
  // packet's destination
  if (ic.type === ICMP_DEST_UNREACH && ic.code === 4 && ic.mtu !== undefined && ic.inner) updatePmtu(ns, ic.inner.dst, ic.mtu);
  if (ic.inner) {
    const sk = socketFor(ns, ic.inner);
    if (sk) sk.onError(p);
    else drop(ns, dev, p, 'no-socket', 'ICMP error for no socket of this namespace');
  }
}
