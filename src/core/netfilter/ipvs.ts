// IPVS (ip_vs), as far as the lab uses it: virtual services selected by a firewall mark,
// masquerading (NAT) to their real servers, round robin among the servers of weight > 0.
// ip_vs_remote_request4 runs at LOCAL_IN after the filter table (NF_IP_PRI_NAT_SRC - 2): a
// packet delivered to this namespace whose mark names a service is scheduled to a real
// server, its destination rewritten, and sent out again through LOCAL_OUT and POSTROUTING.
// The connection is kept in conntrack (what net.ipv4.vs.conntrack=1 asks, and what lets a
// later `-m ipvs` SNAT rule see it): its reply tuple holds the real server, so the replies
// are translated back as any DNAT's are. Not modelled: virtual services by address and port,
// the other forwarding methods (direct routing, tunnelling) and schedulers.

import type { Ipv4 } from '../addr.ts';
import type { Ipv4Packet } from '../packet.ts';
import type { CtInfo } from './conntrack.ts';
import { applyBinding, natPacket } from './nat.ts';
import type { Netns } from '../netns.ts';

export interface IpvsDest {
  readonly addr: Ipv4;
  /** 0: the packet's own destination port */
  readonly port: number;
  weight: number;
  /** connections scheduled to this server (ipvsadm's counters) */
  conns: number;
}

export interface IpvsService {
  readonly fwmark: number;
  readonly sched: 'rr';
  readonly dests: IpvsDest[];
  /** round robin: the server after the last one chosen */
  next: number;
}

/** ip_vs_rr_schedule: the next server of weight > 0, in the order they were added */
function schedule(s: IpvsService): IpvsDest | null {
  const n = s.dests.length;
  for (let k = 0; k < n; k++) {
    const i = (s.next + k) % n;
    const d = s.dests[i]!;
    if (d.weight > 0) {
      s.next = (i + 1) % n;
      return d;
    }
  }
  return null;
}

export type IpvsVerdict =
  | { readonly kind: 'none' }
  /** no server to schedule to: the kernel drops the packet */
  | { readonly kind: 'drop' }
  | { readonly kind: 'forward'; readonly pkt: Ipv4Packet };

/**
 * ip_vs_in at LOCAL_IN: a TCP or UDP packet whose mark selects a service, on its connection's
 * first packet, is bound to a real server; every packet of that connection is then rewritten
 * to it (ip_vs_nat_xmit, which also takes one from its TTL).
 */
export function ipvsLocalIn(ns: Netns, p: Ipv4Packet, ci: CtInfo | null): IpvsVerdict {
  const services = ns.ipvs;
  if (!services?.length || !ci || (!p.tcp && !p.udp)) return { kind: 'none' };
  const s = services.find((x) => x.fwmark === (p.mark ?? 0));
  if (!s) return { kind: 'none' };
  const e = ci.entry;
  if (ci.dir !== 'orig') return { kind: 'none' };
  if (!e.dstNat) {
    // a connection conntrack knew before the service existed stays as it was
    if (e.confirmed) return { kind: 'none' };
    const d = schedule(s);
    if (!d) return { kind: 'drop' };
    d.conns++;
    applyBinding(ns, e, { kind: 'DNAT', addr: d.addr, port: d.port === 0 ? null : d.port });
    e.natDoneDst = true;
  }
  const out = natPacket(ci, p, 'DST');
  return { kind: 'forward', pkt: { ...out, ttl: out.ttl - 1, ipvs: true } };
}
