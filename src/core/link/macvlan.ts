// macvlan: sub-interfaces with their own MAC on a parent. The four modes differ only in where a
// frame from one sub-interface may go (drivers/net/macvlan.c):
//   private  - never to another sub-interface, not even when the switch reflects it
//   vepa     - always out to the switch; siblings meet only if it hairpins frames back
//   bridge   - straight to bridge-mode siblings, otherwise out
//   passthru - one sub-interface owns the parent
// The parent's own stack never sees what its sub-interfaces send: it goes to the wire.

import { isMulticastMac } from '../addr.ts';
import { tapRcv } from '../capture/tap.ts';
import type { Device, MacvlanMode } from '../device.ts';
import { drop } from '../ip/drop.ts';
import type { Frame } from '../packet.ts';
import { countRx, countTx } from './stats.ts';
import { devXmit, stackReceive } from './xmit.ts';

function trace(dev: Device, action: string): void {
  const w = dev.ns.world;
  if (w.tracing()) w.emit({ type: 'l2', t: w.clock.now(), ns: dev.ns.label, dev: dev.name, action });
}

function deliver(child: Device, f: Frame, fromSibling = false): void {
  if (!child.up) return;
  countRx(child, f, true, true);
  // macvlan_broadcast from a sibling's xmit counts skb->len + ETH_HLEN of a frame whose
  // length already holds the header: 14 bytes more than the frame
  if (fromSibling && isMulticastMac(f.dst)) child.stats.rxBytes += 14;
  child.ns.world.defer(() => stackReceive(child, f, true));
}

function broadcastTo(lower: Device, f: Frame, src: Device | null, modes: readonly MacvlanMode[], fromSibling = false): void {
  for (const c of lower.uppers) {
    if (c === src || c.kind !== 'macvlan' || !modes.includes(c.macvlanMode)) continue;
    deliver(c, f, fromSibling);
  }
}

export function macvlanXmit(dev: Device, f: Frame): void {
  const lower = dev.lower;
  if (lower?.operUp()) countTx(dev, f);
  if (!lower || !lower.operUp()) {
    dev.stats.txDropped++;
    return drop(dev.ns, dev, f, 'no-carrier', `${dev.name}'s parent ${lower?.name ?? ''} is down or has no carrier`);
  }
  if (dev.macvlanMode === 'bridge') {
    if (isMulticastMac(f.dst)) {
      broadcastTo(lower, f, dev, ['bridge'], true);
    } else {
      const dest = lower.uppers.find((c) => c.kind === 'macvlan' && c.mac === f.dst && c !== dev);
      if (dest && dest.macvlanMode === 'bridge') {
        trace(dev, `macvlan bridge mode: straight to sibling ${dest.name}`);
        // macvlan_queue_xmit: "send to lowerdev first for its network taps" (dev_forward_skb)
        if (lower.ns.world.taps) tapRcv(lower, f);
        return deliver(dest, f);
      }
    }
  }
  trace(dev, `macvlan ${dev.macvlanMode} mode: out through parent ${lower.name} to the wire`);
  devXmit(lower, f);
}

/** macvlan_handle_frame on the parent: true when a sub-interface consumed the frame */
export function macvlanHandleFrame(lower: Device, f: Frame): boolean {
  const kids = lower.uppers.filter((c) => c.kind === 'macvlan');
  if (kids.length === 0) return false;
  const passthru = kids.find((c) => c.macvlanMode === 'passthru');
  if (isMulticastMac(f.dst)) {
    const src = kids.find((c) => c.mac === f.src) ?? null;
    if (src && src.macvlanMode !== 'vepa' && src.macvlanMode !== 'bridge') {
      // our own private / passthru frame reflected back: only its sender sees it
      deliver(src, f);
      return true;
    }
    if (!src) broadcastTo(lower, f, null, ['private', 'vepa', 'bridge', 'passthru']);
    else if (src.macvlanMode === 'vepa') broadcastTo(lower, f, src, ['vepa', 'bridge']);
    else broadcastTo(lower, f, src, ['vepa']);
    return false;
  }
  const vlan = passthru ?? kids.find((c) => c.mac === f.dst);
  if (!vlan) return false;
  if (!vlan.up) {
    drop(lower.ns, vlan, f, 'link-down', `${vlan.name} is down`);
    return true;
  }
  deliver(vlan, f);
  return true;
}
