// A bridge port's STP path cost, as `bridge link` and `ip -d link` print it.

import type { Device } from '../core/device.ts';

/**
 * The port's path cost as br_add_if sets it (port_cost): from the link speed ethtool reports,
 * 10 Gb/s (a veth, or a macvlan on one) costs 2; a device without a speed costs 100.
 */
export function portCost(d: Device): number {
  if (d.kind === 'veth') return 2;
  if ((d.kind === 'macvlan' || d.kind === 'ipvlan') && d.lower) return portCost(d.lower);
  return 100;
}
