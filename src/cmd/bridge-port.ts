// A bridge port's STP view (no STP runs in the lab): its path cost and state, as `bridge link`
// and `ip -d link` print them.

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

/** the STP state of a port of a bridge without STP: forwarding while both are up with carrier */
export function portState(d: Device): 'forwarding' | 'disabled' {
  return d.master?.up && d.operUp() ? 'forwarding' : 'disabled';
}
