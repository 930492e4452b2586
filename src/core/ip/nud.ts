// Neighbour unreachability detection: the timers of the neighbour state machine
// (neigh_timer_handler) on the virtual clock. What an entry shows after a ping:
//
//   asker:    INCOMPLETE ─ARP reply→ REACHABLE ─reachable_time→ STALE
//   replier:  (learnt from the request) STALE ─its reply sent→ DELAY ─delay_first_probe_time→
//             PROBE (unicast ARP) ─answer→ REACHABLE ─reachable_time→ STALE
//   nobody:   INCOMPLETE for mcast_solicit × retrans_time, then FAILED
//
// reachable_time is random in [base/2, 3·base/2) (neigh_rand_reach_time); the draws come from
// a random source of the world's own, so every run of a scenario is the same.

import { type Ipv4, MAC_BROADCAST } from '../addr.ts';
import type { Device } from '../device.ts';
import { devXmit } from '../link/xmit.ts';
import type { NeighEntry, Netns } from '../netns.ts';
import { ETH_P_ARP } from '../packet.ts';
import type { World } from '../world.ts';
import { selectSourceAddr } from './addrsel.ts';

/** net.ipv4.neigh.DEV.* a new device has, for the keys that time the state machine */
const NUD_DEFAULTS = {
  base_reachable_time_ms: 30000,
  delay_first_probe_time: 5,
  retrans_time_ms: 1000,
  mcast_solicit: 3,
  ucast_solicit: 3,
} as const;

/** the net.ipv4.neigh.DEV keys whose values the state machine follows */
export const NUD_KEYS: ReadonlySet<string> = new Set(Object.keys(NUD_DEFAULTS));

function parm(ns: Netns, dev: Device, key: keyof typeof NUD_DEFAULTS): number {
  return ns.sysctl.neighDev.get(dev.id)?.get(key) ?? NUD_DEFAULTS[key];
}

function delayProbeMs(n: NeighEntry): number {
  return parm(n.dev.ns, n.dev, 'delay_first_probe_time') * 1000;
}

/**
 * neigh_parms.reachable_time: drawn by neigh_rand_reach_time from base_reachable_time_ms, once
 * per device, and again when the base changes (as a write of the sysctl redraws it).
 */
const reachableTimes = new WeakMap<Device, { base: number; ms: number }>();

function reachableMs(dev: Device): number {
  const base = parm(dev.ns, dev, 'base_reachable_time_ms');
  const had = reachableTimes.get(dev);
  if (had && had.base === base) return had.ms;
  const ms = base === 0 ? 0 : Math.floor(base / 2 + ((dev.ns.world.nudRng.next() >>> 0) / 2 ** 32) * base);
  reachableTimes.set(dev, { base, ms });
  return ms;
}

/** the neighbour answered (ARP reply, or an ARP request that confirms it): REACHABLE from now */
export function nudConfirmed(w: World, n: NeighEntry): void {
  const now = w.clock.now();
  n.state = 'REACHABLE';
  n.confirmed = now;
  n.timerAt = now + reachableMs(n.dev);
  n.probes = 0;
}

/** neigh_event_send: a packet goes out through a STALE entry: wait delay_first_probe_time for a confirmation */
export function nudUsed(w: World, n: NeighEntry): void {
  const now = w.clock.now();
  n.used = now;
  if (n.state === 'STALE') {
    n.state = 'DELAY';
    n.timerAt = now + delayProbeMs(n);
  }
}

/** a resolution started (INCOMPLETE): it fails after mcast_solicit requests, retrans_time apart */
export function nudResolving(w: World, n: NeighEntry, sip: Ipv4): void {
  n.timerAt = w.clock.now() + parm(n.dev.ns, n.dev, 'retrans_time_ms');
  n.probes = 1;
  n.solicitSrc = sip;
}

/** INCOMPLETE: another broadcast request, retrans_time after the last (arp_solicit) */
function solicitAgain(n: NeighEntry): void {
  const dev = n.dev;
  devXmit(dev, {
    src: dev.mac,
    dst: MAC_BROADCAST,
    type: ETH_P_ARP,
    arp: { op: 1, sha: dev.mac, spa: n.solicitSrc ?? 0, tha: 0, tpa: n.ip },
  });
}

/** an entry learnt without confirmation (from a request it sent): STALE, no timer */
export function nudStale(n: NeighEntry): void {
  n.state = 'STALE';
  n.timerAt = null;
}

/** PROBE: one unicast ARP request to the MAC the entry holds */
function sendProbe(ns: Netns, n: NeighEntry): void {
  if (n.mac === null) return;
  const sip = selectSourceAddr(ns, n.dev, n.ip, 'link') ?? 0;
  devXmit(n.dev, { src: n.dev.mac, dst: n.mac, type: ETH_P_ARP, arp: { op: 1, sha: n.dev.mac, spa: sip, tha: 0, tpa: n.ip } });
}

/** neigh_timer_handler for one entry whose timer fired at AT */
function fire(w: World, ns: Netns, n: NeighEntry, at: number): void {
  n.timerAt = null;
  switch (n.state) {
    case 'REACHABLE': {
      // measured against the device's reachable_time as it is now
      const until = (n.confirmed ?? at) + reachableMs(n.dev);
      if (at < until) n.timerAt = until;
      else if (at <= (n.used ?? Number.NEGATIVE_INFINITY) + delayProbeMs(n)) {
        n.state = 'DELAY';
        n.timerAt = at + delayProbeMs(n);
      } else n.state = 'STALE';
      return;
    }
    case 'DELAY':
      if (at <= (n.confirmed ?? Number.NEGATIVE_INFINITY) + delayProbeMs(n)) {
        n.state = 'REACHABLE';
        n.timerAt = (n.confirmed ?? at) + reachableMs(n.dev);
        return;
      }
      n.state = 'PROBE';
      n.probes = 0;
      break;
    case 'PROBE':
      break;
    case 'INCOMPLETE':
      // the lab gives up on what waited at once (the probe's own timeout); the kernel goes on
      // asking, mcast_solicit requests retrans_time apart, and the entry says FAILED after the last
      if ((n.probes ?? 1) < parm(ns, n.dev, 'mcast_solicit')) {
        n.probes = (n.probes ?? 1) + 1;
        n.timerAt = at + parm(ns, n.dev, 'retrans_time_ms');
        solicitAgain(n);
        w.run();
        return;
      }
      if (!ns.arpQueue.has(n)) n.state = 'FAILED';
      return;
    default:
      return;
  }
  // PROBE: ucast_solicit requests, retrans_time apart, then FAILED
  if ((n.probes ?? 0) >= parm(ns, n.dev, 'ucast_solicit')) {
    n.state = 'FAILED';
    return;
  }
  n.probes = (n.probes ?? 0) + 1;
  // measured on Linux 6.18 (ip -s neigh): a probe leaves the entry just used, so with a
  // reachable_time under delay_first_probe_time REACHABLE turns DELAY again, not STALE
  n.used = at;
  n.timerAt = at + parm(ns, n.dev, 'retrans_time_ms');
  sendProbe(ns, n);
  w.run();
}

/** fire every neighbour timer due by now, earliest first */
export function nudTimers(w: World): void {
  const now = w.clock.now();
  for (let guard = 0; guard < 100_000; guard++) {
    let next: { ns: Netns; n: NeighEntry; at: number } | null = null;
    for (const ns of w.allNs())
      for (const n of ns.neigh) {
        const at = n.timerAt;
        if (at !== undefined && at !== null && at <= now && (next === null || at < next.at)) next = { ns, n, at };
      }
    if (next === null) return;
    fire(w, next.ns, next.n, next.at);
  }
}
