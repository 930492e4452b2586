// The Linux bridge: MAC learning, flooding, hairpin, local delivery to the bridge device, and
// br_netfilter handing bridged IPv4 to iptables when net.bridge.bridge-nf-call-iptables=1.

import { formatMac, isMulticastMac } from '../addr.ts';
import { promiscByTap, tapRcv } from '../capture/tap.ts';
import type { Device, PortState } from '../device.ts';
import { drop, rawDrop } from '../ip/drop.ts';
import { ipRcv } from '../ip/input.ts';
import { refusedAt } from '../ip/output.ts';
import type { CtInfo } from '../netfilter/conntrack.ts';
import { conntrackConfirm, conntrackIn, filterHook, natHook, rawHook } from '../netfilter/hooks.ts';
import { type Frame, type Ipv4Packet, wireLen, withRx } from '../packet.ts';
import { summarizeFrame } from '../summary.ts';
import { countRx } from './stats.ts';
import { devXmit, stackReceive } from './xmit.ts';

function fdbEvent(br: Device, action: 'learn' | 'forward' | 'flood' | 'local' | 'drop', f: Frame, port?: Device): void {
  const w = br.ns.world;
  if (!w.tracing()) return;
  w.emit({
    type: 'fdb',
    t: w.clock.now(),
    ns: br.ns.label,
    dev: br.name,
    pkt: summarizeFrame(f),
    action,
    mac: formatMac(action === 'learn' ? f.src : f.dst),
    ...(port ? { port: port.name } : {}),
  });
}

/**
 * The STP state of a port as the kernel holds it: disabled while the port or the bridge is
 * not running; with STP on (stp_state) a port just enabled is listening, and stays so for
 * twice the forward delay (30 s), longer than any scenario; without STP it forwards, unless
 * a state was set by hand since its link last changed.
 */
export function portState(p: Device): PortState {
  const br = p.master;
  if (!br || !br.up || !p.operUp()) return 'disabled';
  if (br.stpState) return 'listening';
  return p.portStateSet ?? 'forwarding';
}

/** should_deliver: the port forwards, and isolation does not forbid it */
function shouldDeliver(p: Device, inPort: Device | null): boolean {
  if (portState(p) !== 'forwarding') return false;
  return !(inPort?.isolated && p.isolated);
}

/** br_handle_frame: a frame arrives on a port */
export function bridgeInput(br: Device, port: Device, f: Frame): void {
  const ns = br.ns;
  if (!br.up)
    return drop(
      ns,
      port,
      f,
      'bridge-down',
      `${br.name} is down: its ports forward nothing`,
      `${ns.name ? `ip -n ${ns.name} ` : 'ip '}link set ${br.name} up`,
    );
  // br_handle_frame / br_handle_frame_finish: only a learning or forwarding port takes
  // frames in, and a learning port only learns from them
  const state = portState(port);
  if (state !== 'forwarding' && state !== 'learning')
    return drop(ns, port, f, 'bridge-port-state', `${br.name} port ${port.name} is ${state}: it passes no frames`);
  const now = ns.world.clock.now();
  if (!isMulticastMac(f.src) && port.learning) {
    const e = br.fdb.get(f.src);
    if (!e || (!e.local && !e.static && e.port !== port)) {
      br.fdb.set(f.src, { port, local: false, updated: now });
      fdbEvent(br, 'learn', f, port);
    } else if (!e.local && !e.static) e.updated = now;
  }
  if (state === 'learning') return;
  const multicast = isMulticastMac(f.dst);
  const e = multicast ? undefined : br.fdb.get(f.dst);
  const brnf = f.ip !== undefined && ns.sysctl.bridgeNfCallIptables;
  let ci: CtInfo | null = null;
  let pkt: Ipv4Packet | undefined = f.ip && brnf ? withRx(f.ip, f) : f.ip;
  if (brnf && pkt) {
    // br_nf_pre_routing: PREROUTING with the bridge as the input device
    const phys = { physIn: port, physOut: null };
    const raw = rawHook(ns, 'PREROUTING', pkt, br, null, phys);
    if (raw.decision) return rawDrop(ns, br, pkt, 'PREROUTING', raw.decision);
    ci = conntrackIn(ns, raw.pkt);
    const nat = natHook(ns, 'PREROUTING', raw.pkt, ci, br, null, null, phys);
    if (nat.decision) return drop(ns, br, pkt, 'nat-drop', `dropped in the ${nat.decision.table ?? 'nat'} table PREROUTING chain`);
    if (nat.pkt.dst !== pkt.dst) {
      // DNAT on bridged traffic: the packet is routed instead (br_nf_pre_routing_finish)
      const routed = nat.pkt;
      ns.world.defer(() => {
        if (ns.world.taps) tapRcv(br, { ...f, ip: routed });
        ipRcv(br, routed, { prerouted: true, ct: ci });
      });
      return;
    }
    pkt = nat.pkt;
  }
  const frame: Frame = pkt && pkt !== f.ip ? { ...f, ip: pkt } : f;
  if (multicast) {
    fdbEvent(br, 'flood', f, port);
    flood(br, port, frame, brnf, ci);
    fdbEvent(br, 'local', f);
    ns.world.defer(() => deliverUp(br, frame, brnf, ci));
    return;
  }
  if (e?.local) {
    fdbEvent(br, 'local', f);
    ns.world.defer(() => deliverUp(br, frame, brnf, ci));
    return;
  }
  if (e) {
    if (e.port === port && !port.hairpin) {
      fdbEvent(br, 'drop', f, port);
      return drop(
        ns,
        port,
        f,
        'hairpin-off',
        `${br.name} would send the frame back out ${port.name}, where it came from (hairpin off)`,
        `bridge link set dev ${port.name} hairpin on`,
      );
    }
    if (!shouldDeliver(e.port, port)) {
      fdbEvent(br, 'drop', f, e.port);
      return drop(
        ns,
        port,
        f,
        e.port.isolated && port.isolated ? 'bridge-port-isolated' : 'bridge-port-state',
        e.port.isolated && port.isolated
          ? `${port.name} and ${e.port.name} are both isolated ports of ${br.name}: they never forward to each other`
          : `${br.name} port ${e.port.name} is ${portState(e.port)}: it passes no frames`,
      );
    }
    fdbEvent(br, 'forward', f, e.port);
    forward(br, port, e.port, frame, brnf, ci);
    passUpPromisc(br, frame);
    return;
  }
  fdbEvent(br, 'flood', f, port);
  flood(br, port, frame, brnf, ci, true);
  passUpPromisc(br, frame);
}

/**
 * br_handle_frame_finish's local_rcv: a promiscuous bridge (`promisc on`, or a capture on it)
 * passes a copy of what it forwards up to its own device, whose stack drops it as another
 * host's (PACKET_OTHERHOST); the device's packet taps see it on the way.
 */
function passUpPromisc(br: Device, f: Frame): void {
  if (!br.promisc && !(br.ns.world.taps && promiscByTap(br))) return;
  countRx(br, f, false);
  tapRcv(br, f);
}

function deliverUp(br: Device, f: Frame, brnf: boolean, ci: CtInfo | null): void {
  // br_pass_frame_up
  countRx(br, f, false);
  if (f.ip && brnf) {
    if (br.ns.world.taps) tapRcv(br, f);
    return ipRcv(br, withRx(f.ip, f), { prerouted: true, ct: ci });
  }
  stackReceive(br, f, true);
}

/** br_flood: every port but the one it came in by; unknown unicast only to ports with flood on */
function flood(br: Device, inPort: Device | null, f: Frame, brnf: boolean, ci: CtInfo | null, unknownUnicast = false): void {
  for (const p of br.ports) {
    if (p === inPort && !p.hairpin) continue;
    if (!p.up) continue;
    if (unknownUnicast && !p.flood) continue;
    if (!shouldDeliver(p, inPort)) continue;
    forward(br, inPort, p, f, brnf, ci);
  }
}

/** br_forward: FORWARD and POSTROUTING for bridged IPv4 when br_netfilter is on */
function forward(br: Device, inPort: Device | null, port: Device, f: Frame, brnf: boolean, ci: CtInfo | null): void {
  const ns = br.ns;
  let frame = f;
  // br_nf_dev_queue_xmit fragments bridged IPv4 to the port's MTU (a DF packet is dropped);
  // without br_netfilter, br_dev_queue_push_xmit drops what exceeds it (is_skb_forwardable)
  if (f.ip?.len !== undefined) {
    const len = wireLen(f.ip);
    if (brnf && len > port.mtu) {
      if (f.ip.df) return drop(ns, port, f, 'mtu', `${len} bytes with DF set do not fit the MTU of ${port.name} (${port.mtu})`);
      frame = { ...f, ip: { ...f.ip, frag: port.mtu } };
    } else if (!brnf && len > port.mtu + 4)
      return drop(ns, port, f, 'mtu', `${len} bytes do not fit the MTU of ${port.name} (${port.mtu})`);
  }
  if (brnf && f.ip) {
    const phys = { physIn: inPort, physOut: port };
    const fh = filterHook(ns, 'FORWARD', f.ip, br, br, ci, phys);
    if (fh.decision) return refusedAt(ns, 'FORWARD', f.ip, fh.decision, br, ci, true);
    const nat = natHook(ns, 'POSTROUTING', fh.pkt, ci, br, br, null, phys);
    if (nat.decision) return;
    conntrackConfirm(ns, ci);
    if (nat.pkt !== f.ip)
      frame = {
        ...frame,
        ip: frame.ip === f.ip ? nat.pkt : { ...nat.pkt, ...(frame.ip?.frag !== undefined ? { frag: frame.ip.frag } : {}) },
      };
  }
  devXmit(port, frame);
}

/** br_dev_xmit: the bridge device's own stack sends a frame */
export function bridgeXmit(br: Device, f: Frame): void {
  if (isMulticastMac(f.dst)) return flood(br, null, f, false, null);
  const e = br.fdb.get(f.dst);
  if (e && !e.local) {
    fdbEvent(br, 'forward', f, e.port);
    if (!e.port.up || !shouldDeliver(e.port, null)) return;
    return devXmit(e.port, f);
  }
  if (e?.local) return;
  fdbEvent(br, 'flood', f);
  flood(br, null, f, false, null, true);
}
