// ipvlan: sub-interfaces that share their parent's MAC and are told apart by IP address.
//   l2  - ARP works; frames between siblings stay inside, the rest leaves by the parent
//   l3 / l3s - no ARP; the parent's namespace routes what leaves (its routing and netfilter)

import { isMulticastMac } from '../addr.ts';
import type { Device } from '../device.ts';
import { drop } from '../ip/drop.ts';
import { ipLocalOut } from '../ip/output.ts';
import { routeOutput } from '../ip/route-io.ts';
import type { Frame } from '../packet.ts';
import { countRx, countTx } from './stats.ts';
import { devXmit, stackReceive } from './xmit.ts';

function slaveFor(lower: Device, f: Frame): Device | undefined {
  const ip = f.ip ? f.ip.dst : f.arp ? f.arp.tpa : null;
  if (ip === null) return undefined;
  return lower.uppers.find((c) => c.kind === 'ipvlan' && c.addrs.some((a) => a.addr === ip));
}

function deliver(dev: Device, f: Frame): void {
  if (!dev.up) return;
  countRx(dev, f, true, true);
  dev.ns.world.defer(() => stackReceive(dev, f, true));
}

export function ipvlanXmit(dev: Device, f: Frame): void {
  const lower = dev.lower;
  if (!lower || !lower.operUp()) {
    dev.stats.txDropped++;
    return drop(dev.ns, dev, f, 'no-carrier', `${dev.name}'s parent ${lower?.name ?? ''} is down`);
  }
  countTx(dev, f);
  if (dev.ipvlanMode === 'l2') {
    if (isMulticastMac(f.dst)) {
      for (const c of lower.uppers) if (c !== dev && c.kind === 'ipvlan') deliver(c, f);
      return devXmit(lower, f);
    }
    if (f.dst === lower.mac) {
      const s = slaveFor(lower, f);
      if (s) return deliver(s, f);
      // for the parent itself
      return lower.ns.world.defer(() => stackReceive(lower, f, true));
    }
    return devXmit(lower, f);
  }
  if (!f.ip) return;
  const s = slaveFor(lower, f);
  if (s && s !== dev) return deliver(s, { ...f, dst: s.mac });
  // l3: routed in the parent's namespace, out of the parent
  const ns = lower.ns;
  const rt = routeOutput(ns, f.ip.dst, f.ip.src, lower);
  if (!rt.ok) return drop(ns, lower, f.ip, 'no-route', `ipvlan ${dev.ipvlanMode}: no route in ${ns.label} out of ${lower.name}`);
  ipLocalOut(ns, f.ip, { ...rt, src: f.ip.src }, lower);
}

/** ipvlan_handle_frame on the parent */
export function ipvlanHandleFrame(lower: Device, f: Frame): boolean {
  const kids = lower.uppers.filter((c) => c.kind === 'ipvlan');
  if (kids.length === 0) return false;
  const mode = kids[0]!.ipvlanMode;
  if (mode === 'l2' && isMulticastMac(f.dst)) {
    for (const c of kids) deliver(c, f);
    return false;
  }
  if (mode === 'l2' && f.dst !== lower.mac) return false;
  const s = slaveFor(lower, f);
  if (!s) return false;
  deliver(s, f);
  return true;
}
