// `ip -s link` / `ip -s -s link`: a device's counters as iproute2 6.1 prints them
// (ip/ipaddress.c, print_stats64): columns as wide as their header or their widest number.

import type { Device } from '../core/device.ts';
import type { Printer } from './print.ts';

/** size_columns: each column is as wide as its widest number, and never narrower than given */
function sizeColumns(cols: number[], ...vals: number[]): void {
  vals.forEach((v, i) => {
    const n = String(v).length;
    if (cols[i] !== undefined && n > cols[i]!) cols[i] = n;
  });
}

/** print_num without -h: right-aligned in its column, then a space */
const num = (w: number, v: number): string => `${String(v).padStart(w)} `;

/** the counters of D: `level` 1 for -s, 2 (or more) for -s -s */
export function printLinkStats(p: Printer, d: Device, level: number, afterLine: boolean): void {
  const s = d.stats;
  const rxErrors = 0;
  const carrierChanges = s.carrierChanges;
  if (p.isJson) {
    p.open('stats64');
    p.open('rx');
    p.json('bytes', s.rxBytes);
    p.json('packets', s.rxPackets);
    p.json('errors', rxErrors);
    p.json('dropped', s.rxDropped);
    p.json('over_errors', 0);
    p.json('multicast', s.multicast);
    if (level > 1) {
      p.json('length_errors', 0);
      p.json('crc_errors', 0);
      p.json('frame_errors', 0);
      p.json('fifo_errors', 0);
      p.json('missed_errors', 0);
    }
    p.close();
    p.open('tx');
    p.json('bytes', s.txBytes);
    p.json('packets', s.txPackets);
    p.json('errors', s.txErrors);
    p.json('dropped', s.txDropped);
    p.json('carrier_errors', s.txCarrierErrors);
    p.json('collisions', 0);
    if (level > 1) {
      p.json('aborted_errors', 0);
      p.json('fifo_errors', 0);
      p.json('window_errors', 0);
      p.json('heartbeat_errors', 0);
      p.json('carrier_changes', carrierChanges);
    }
    p.close();
    p.close();
    return;
  }
  const cols = [
    '*X errors:'.length,
    'packets'.length,
    'errors'.length,
    'dropped'.length,
    'heartbt'.length,
    'overrun'.length,
    'compressed'.length,
  ];
  sizeColumns(cols, s.rxBytes, s.rxPackets, rxErrors, s.rxDropped, 0, s.multicast, 0);
  sizeColumns(cols, s.txBytes, s.txPackets, s.txErrors, s.txDropped, s.txCarrierErrors, 0, 0);
  if (level > 1) {
    sizeColumns(cols, 0, 0, 0, 0, 0, 0);
    sizeColumns(cols, 0, 0, 0, 0, 0, carrierChanges);
  }
  const [c0, c1, c2, c3, c4, c5, c6] = cols as [number, number, number, number, number, number, number];
  const pad = (w: number, t: string): string => t.padStart(w);
  if (afterLine) p.nl();
  p.fp(
    `    RX: ${pad(c0 - 4, 'bytes')} ${pad(c1, 'packets')} ${pad(c2, 'errors')} ${pad(c3, 'dropped')} ${pad(c4, 'missed')} ${pad(c5, 'mcast')} ${pad(c6, '')}`,
  );
  p.nl();
  p.fp(`    ${num(c0, s.rxBytes)}${num(c1, s.rxPackets)}${num(c2, rxErrors)}${num(c3, s.rxDropped)}${num(c4, 0)}${num(c5, s.multicast)}`);
  if (level > 1) {
    p.nl();
    p.fp(`    RX errors: ${pad(c1, 'length')} ${pad(c2, 'crc')} ${pad(c3, 'frame')} ${pad(c4, 'fifo')} ${pad(c5, 'overrun')}`);
    p.nl();
    p.fp(`${''.padStart(c0 + 5)}${num(c1, 0)}${num(c2, 0)}${num(c3, 0)}${num(c4, 0)}${num(c5, 0)}`);
  }
  p.nl();
  p.fp(
    `    TX: ${pad(c0 - 4, 'bytes')} ${pad(c1, 'packets')} ${pad(c2, 'errors')} ${pad(c3, 'dropped')} ${pad(c4, 'carrier')} ${pad(c5, 'collsns')} ${pad(c6, '')}`,
  );
  p.nl();
  p.fp(
    `    ${num(c0, s.txBytes)}${num(c1, s.txPackets)}${num(c2, s.txErrors)}${num(c3, s.txDropped)}${num(c4, s.txCarrierErrors)}${num(c5, 0)}`,
  );
  if (level > 1) {
    p.nl();
    p.fp(`    TX errors: ${pad(c1, 'aborted')} ${pad(c2, 'fifo')} ${pad(c3, 'window')} ${pad(c4, 'heartbt')} ${pad(c5, 'transns')}`);
    p.nl();
    p.fp(`${''.padStart(c0 + 5)}${num(c1, 0)}${num(c2, 0)}${num(c3, 0)}${num(c4, 0)}${num(c5, carrierChanges)}`);
  }
}
