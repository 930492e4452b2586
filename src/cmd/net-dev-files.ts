// The files the kernel shows a namespace's device counters in: /proc/net/dev (dev_seq_show)
// and /sys/class/net/IF/statistics/NAME (net-sysfs.c, one number a file). Both read the
// same counters as `ip -s link` (core/link/stats.ts).

import type { Device } from '../core/device.ts';
import type { Netns } from '../core/netns.ts';
import type { World } from '../core/world.ts';

/** net-sysfs.c's statistics attributes, as `ls` lists them */
export const STATISTICS_FILES = [
  'collisions',
  'multicast',
  'rx_bytes',
  'rx_compressed',
  'rx_crc_errors',
  'rx_dropped',
  'rx_errors',
  'rx_fifo_errors',
  'rx_frame_errors',
  'rx_length_errors',
  'rx_missed_errors',
  'rx_nohandler',
  'rx_over_errors',
  'rx_packets',
  'tx_aborted_errors',
  'tx_bytes',
  'tx_carrier_errors',
  'tx_compressed',
  'tx_dropped',
  'tx_errors',
  'tx_fifo_errors',
  'tx_heartbeat_errors',
  'tx_packets',
  'tx_window_errors',
] as const;

/** one rtnl_link_stats64 field by its sysfs name (the lab's devices count no other errors) */
function statistic(d: Device, name: string): number {
  const s = d.stats;
  switch (name) {
    case 'rx_bytes':
      return s.rxBytes;
    case 'rx_packets':
      return s.rxPackets;
    case 'tx_bytes':
      return s.txBytes;
    case 'tx_packets':
      return s.txPackets;
    case 'rx_dropped':
      return s.rxDropped;
    case 'tx_dropped':
      return s.txDropped;
    case 'tx_errors':
      return s.txErrors;
    case 'tx_carrier_errors':
      return s.txCarrierErrors;
    case 'multicast':
      return s.multicast;
    default:
      return 0;
  }
}

/** /proc/net/dev: a header of two lines, then a device a line in the namespace's list order */
export function procNetDev(ns: Netns): string {
  let out =
    'Inter-|   Receive                                                |  Transmit\n' +
    ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n';
  for (const d of ns.deviceList()) {
    const s = d.stats;
    // "%6s:%8llu %7llu %4llu %4llu %4llu %5llu %10llu %9llu %8llu %7llu %4llu %4llu %4llu %5llu %7llu %10llu\n"
    const cols: [number, number][] = [
      [8, s.rxBytes],
      [7, s.rxPackets],
      [4, 0],
      [4, s.rxDropped],
      [4, 0],
      [5, 0],
      [10, 0],
      [9, s.multicast],
      [8, s.txBytes],
      [7, s.txPackets],
      [4, s.txErrors],
      [4, s.txDropped],
      [4, 0],
      [5, 0],
      [7, s.txCarrierErrors],
      [10, 0],
    ];
    out += `${d.name.padStart(6)}:${cols.map(([w, v]) => String(v).padStart(w)).join(' ')}\n`;
  }
  return out;
}

/** the entries of /sys/class/net/IF/statistics, or null when PATH is not such a directory */
export function statisticsDir(ns: Netns, path: string): string[] | null {
  const m = /^\/sys\/class\/net\/([^/]+)\/statistics$/.exec(path);
  return m && ns.dev(m[1]!) ? [...STATISTICS_FILES] : null;
}

/** a file provider (files.ts): /proc/net/dev and /sys/class/net/IF/statistics/NAME */
export function deviceCounterFiles(_w: World, ns: Netns, path: string): string | null {
  if (path === '/proc/net/dev') return procNetDev(ns);
  const m = /^\/sys\/class\/net\/([^/]+)\/statistics\/([a-z_]+)$/.exec(path);
  if (!m || !(STATISTICS_FILES as readonly string[]).includes(m[2]!)) return null;
  const d = ns.dev(m[1]!);
  return d ? `${statistic(d, m[2]!)}\n` : null;
}
