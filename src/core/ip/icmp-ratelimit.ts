// The limits on the ICMP messages a namespace sends (net/ipv4/icmp.c, inetpeer.c, route.c of
// Linux 6.12 and later), on the virtual clock:
//
//   icmp_ratemask    the types that are limited at all (default 0x1818: destination
//                    unreachable, source quench, time exceeded, parameter problem); echo
//                    replies are not, nor "fragmentation needed" (path MTU discovery)
//   global bucket    icmp_global_allow: a namespace's credit of icmp_msgs_burst messages,
//                    refilled icmp_msgs_per_sec a second (no sooner than every 20 ms); each
//                    message sent takes 0, 1 or 2 credits at random (icmp_global_consume)
//   per destination  inet_peer_xrlim_allow: every address errors go to has a bucket of
//                    XRLIM_BURST_FACTOR (6) × icmp_ratelimit ms, filling a token a ms; a message
//                    costs icmp_ratelimit (1000 ms): six at once, then one a second
//   ip_error         a router's "no route" errors first pay ip_rt_error_cost (1 s) from the same
//                    peer's tokens, capped at ip_rt_error_burst (5 s): each costs two tokens
//
// Nothing is limited on loopback: neither the global credit for a packet that came in by it,
// nor the per-destination one for an error that leaves by it.

import type { Ipv4 } from '../addr.ts';
import type { Netns } from '../netns.ts';
import { ICMP_DEST_UNREACH } from '../packet.ts';

/** inet_peer's rate_tokens and rate_last, in ms of the virtual clock */
interface InetPeer {
  tokens: number;
  last: number;
}

interface IcmpLimits {
  /** net->ipv4.peers: one per destination address */
  readonly peers: Map<Ipv4, InetPeer>;
  /** net->ipv4.icmp_global_credit and icmp_global_stamp */
  credit: number;
  stamp: number;
  /** get_random_u32_below's stand-in: a generator of the namespace's own, so the world's stays as it was */
  seed: number;
}

export const XRLIM_BURST_FACTOR = 6;
/** ip_rt_error_cost and ip_rt_error_burst (HZ and 5 * HZ) */
const IP_RT_ERROR_COST_MS = 1000;
const IP_RT_ERROR_BURST_MS = 5000;
/** icmp_global_allow refills no more often than HZ / 50 */
const GLOBAL_REFILL_MIN_MS = 20;
/** inet_getpeer: a new peer's rate_last lies a minute back, so its bucket starts full */
const NEW_PEER_AGE_MS = 60_000;
const ICMP_FRAG_NEEDED = 4;
const NR_ICMP_TYPES = 18;

const state = new WeakMap<Netns, IcmpLimits>();

function limitsOf(ns: Netns): IcmpLimits {
  let s = state.get(ns);
  if (!s) {
    // the first message finds the credit empty and a stamp long past: it refills to the burst
    s = { peers: new Map(), credit: 0, stamp: Number.NEGATIVE_INFINITY, seed: 0x2545f491 };
    state.set(ns, s);
  }
  return s;
}

function peerOf(s: IcmpLimits, addr: Ipv4, now: number): InetPeer {
  const p = s.peers.get(addr);
  if (p) return p;
  const fresh = { tokens: 0, last: now - NEW_PEER_AGE_MS };
  s.peers.set(addr, fresh);
  return fresh;
}

/** icmpv4_mask_allow: a type the limits leave alone */
export function icmpMaskAllow(ns: Netns, type: number, code: number): boolean {
  if (type > NR_ICMP_TYPES) return true;
  if (type === ICMP_DEST_UNREACH && code === ICMP_FRAG_NEEDED) return true;
  return ((1 << type) & ns.ipv4('icmp_ratemask')) === 0;
}

/** icmp_global_allow: whether the namespace has credit left, refilling it first when empty */
export function icmpGlobalAllow(ns: Netns, now: number): boolean {
  const s = limitsOf(ns);
  if (s.credit > 0) return true;
  const delta = Math.min(now - s.stamp, 1000);
  if (delta < GLOBAL_REFILL_MIN_MS) return false;
  const incr = Math.floor((ns.ipv4('icmp_msgs_per_sec') * delta) / 1000);
  if (!incr) return false;
  s.stamp = now;
  s.credit = Math.min(s.credit + incr, ns.ipv4('icmp_msgs_burst'));
  return true;
}

/** icmp_global_consume: a message sent takes 0, 1 or 2 credits (the credit may go below zero) */
function icmpGlobalConsume(s: IcmpLimits): void {
  // xorshift32: a reproducible stand-in for get_random_u32_below(3)
  let x = s.seed;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  s.seed = x >>> 0;
  s.credit -= s.seed % 3;
}

/** inet_peer_xrlim_allow: the destination's bucket pays one message of `timeout` ms */
function xrlimAllow(p: InetPeer, now: number, timeout: number): boolean {
  let token = p.tokens + (now - p.last);
  p.last = now;
  if (token > XRLIM_BURST_FACTOR * timeout) token = XRLIM_BURST_FACTOR * timeout;
  let rc = false;
  if (token >= timeout) {
    token -= timeout;
    rc = true;
  }
  p.tokens = token;
  return rc;
}

/**
 * icmpv4_xrlim_allow, after the global check: the destination's bucket for a limited type
 * (unless the error leaves by loopback); a message allowed consumes global credit
 */
export function icmpv4XrlimAllow(ns: Netns, daddr: Ipv4, type: number, code: number, viaLoopback: boolean, now: number): boolean {
  if (icmpMaskAllow(ns, type, code)) return true;
  const s = limitsOf(ns);
  const rc = viaLoopback || xrlimAllow(peerOf(s, daddr, now), now, ns.ipv4('icmp_ratelimit'));
  if (rc) icmpGlobalConsume(s);
  return rc;
}

/** ip_error's own bucket on the sender's peer: whether a router's "unreachable" may be sent at all */
export function ipErrorAllow(ns: Netns, saddr: Ipv4, now: number): boolean {
  const p = peerOf(limitsOf(ns), saddr, now);
  p.tokens = Math.min(p.tokens + (now - p.last), IP_RT_ERROR_BURST_MS);
  p.last = now;
  if (p.tokens < IP_RT_ERROR_COST_MS) return false;
  p.tokens -= IP_RT_ERROR_COST_MS;
  return true;
}
