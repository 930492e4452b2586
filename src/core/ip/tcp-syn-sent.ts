// SYN-SENT's retransmission timer (tcp_retransmit_timer, tcp_write_timeout): a SYN nobody
// answers is sent again when the timer fires, TCP_TIMEOUT_INIT (1 s) apart for the first
// net.ipv4.tcp_syn_linear_timeouts + 1 intervals, then doubling up to TCP_RTO_MAX; the firing
// that finds tcp_model_timeout(tcp_syn_retries) gone since the first SYN ends connect() with
// ETIMEDOUT instead. Measured on Linux 6.18 (481-tcp-syn-retries.sh, 482): with the defaults
// (6 retries, 4 linear timeouts) SYNs at 0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s and ETIMEDOUT
// at 131 s; with tcp_syn_retries=1 at 0, 1, 2 s and ETIMEDOUT at 3 s. Every copy is a whole new
// trip through the stack (netfilter, conntrack, taps), so the caller sends it; this file only
// says when.

import type { Ipv4 } from '../addr.ts';
import type { Device } from '../device.ts';
import type { Netns } from '../netns.ts';
import type { World } from '../world.ts';

/** TCP_TIMEOUT_INIT: the first retransmission timeout of a SYN */
export const TCP_TIMEOUT_INIT_MS = 1000;
/** TCP_RTO_MAX: the backoff stops doubling here */
export const TCP_RTO_MAX_MS = 120_000;

/**
 * tcp_model_timeout: how long SYN-SENT lasts for RETRIES, had every timeout doubled from
 * TCP_TIMEOUT_INIT: ((2 << retries) - 1) s while the doubling stays under TCP_RTO_MAX
 * (6 retries: 127 s), then TCP_RTO_MAX more for each further retry.
 */
export function tcpModelTimeout(retries: number): number {
  const thresh = Math.floor(Math.log2(TCP_RTO_MAX_MS / TCP_TIMEOUT_INIT_MS));
  if (retries <= thresh) return ((2 << retries) - 1) * TCP_TIMEOUT_INIT_MS;
  return ((2 << thresh) - 1) * TCP_TIMEOUT_INIT_MS + (retries - thresh) * TCP_RTO_MAX_MS;
}

/**
 * When the retransmission timer fires, counted from the first SYN: each firing before the
 * model timeout sends the SYN again, the first one at or after it gives up.
 */
export function synTimerFirings(
  retries: number,
  linearTimeouts: number,
): { readonly retransmits: readonly number[]; readonly giveUp: number } {
  const model = tcpModelTimeout(retries);
  const retransmits: number[] = [];
  let at = 0;
  for (let k = 0; ; k++) {
    at += k <= linearTimeouts ? TCP_TIMEOUT_INIT_MS : Math.min(TCP_TIMEOUT_INIT_MS * 2 ** (k - linearTimeouts), TCP_RTO_MAX_MS);
    if (at >= model) return { retransmits, giveUp: at };
    retransmits.push(at);
  }
}

export interface SynSentWait {
  /** the kernel gave up (ETIMEDOUT) before the caller's own timeout */
  readonly gaveUp: boolean;
  /** how long the connect waited, from the first SYN */
  readonly waitedMs: number;
}

/**
 * Wait in SYN-SENT on the virtual clock, from the first SYN (already sent and settled) until
 * ANSWERED says the handshake ended, the caller's LIMIT (its own connect timeout, ms) runs out,
 * or the namespace's tcp_syn_retries are spent. RETRANSMIT sends the SYN again (same port,
 * same initial sequence number) and lets the world settle. The clock stands at the end.
 */
export function waitSynSent(
  w: World,
  ns: Netns,
  limitMs: number | undefined,
  retransmit: () => void,
  answered: () => boolean,
): SynSentWait {
  const start = w.clock.now();
  const { retransmits, giveUp } = synTimerFirings(ns.ipv4('tcp_syn_retries'), ns.ipv4('tcp_syn_linear_timeouts'));
  const limit = limitMs !== undefined && limitMs > 0 ? limitMs : Number.POSITIVE_INFINITY;
  for (const at of retransmits) {
    if (at >= limit) break;
    w.clock.advance(start + at - w.clock.now());
    w.expireState();
    retransmit();
    if (answered()) return { gaveUp: false, waitedMs: at };
  }
  // curl's own timer, started before connect(), goes off first on a tie
  const gaveUp = giveUp < limit;
  const end = gaveUp ? giveUp : limit;
  w.clock.advance(start + end - w.clock.now());
  return { gaveUp, waitedMs: end };
}

/** how long ARP takes to give a neighbour up (mcast_solicit 3, retrans_time 1 s) */
export const ARP_FAILURE_MS = 3000;

/**
 * The SYN waits for a next hop that never answered ARP: once its 3 solicitations are over the
 * queued SYNs are dropped with a host unreachable to the socket (arp_error_report), which ends
 * the connect with EHOSTUNREACH. Its retransmissions join the same queue, so none is sent
 * here (they would pass OUTPUT, and go no further).
 */
export function waitsForArp(ns: Netns, dev: Device, nexthop: Ipv4): boolean {
  const hop = ns.neigh.find((n) => n.ip === nexthop && n.dev === dev);
  return hop !== undefined && (hop.state === 'FAILED' || hop.state === 'INCOMPLETE');
}
