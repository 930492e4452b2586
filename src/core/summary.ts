// One-line packet descriptions for traces, in tcpdump's spirit.

import { formatIpv4, formatMac } from './addr.ts';
import type { Frame, Ipv4Packet } from './packet.ts';
import type { PacketSummary } from './trace.ts';

const ICMP_NAMES: Record<number, string> = { 0: 'echo reply', 3: 'destination unreachable', 8: 'echo request', 11: 'time exceeded' };
const UNREACH: Record<number, string> = {
  0: 'net unreachable',
  1: 'host unreachable',
  2: 'protocol unreachable',
  3: 'port unreachable',
  9: 'net prohibited',
  10: 'host prohibited',
  13: 'administratively prohibited',
};

export function icmpText(type: number, code: number): string {
  if (type === 3) return UNREACH[code] ?? `unreachable code ${code}`;
  if (type === 11) return code === 0 ? 'time to live exceeded' : 'fragment reassembly time exceeded';
  return ICMP_NAMES[type] ?? `type ${type}`;
}

export function summarize(p: Ipv4Packet): PacketSummary {
  const src = formatIpv4(p.src);
  const dst = formatIpv4(p.dst);
  let text: string;
  let proto = 'ip';
  let sport: number | undefined;
  let dport: number | undefined;
  let inner: PacketSummary | undefined;
  if (p.icmp) {
    proto = 'icmp';
    text = `ICMP ${icmpText(p.icmp.type, p.icmp.code)} ${src} > ${dst}` + (p.icmp.inner ? '' : ` id ${p.icmp.id} seq ${p.icmp.seq}`);
    if (p.icmp.inner) inner = summarize(p.icmp.inner);
  } else if (p.tcp) {
    proto = 'tcp';
    sport = p.tcp.sport;
    dport = p.tcp.dport;
    const f = p.tcp.flags;
    const flags = (f.syn ? 'S' : '') + (f.fin ? 'F' : '') + (f.rst ? 'R' : '') + (p.tcp.data ? 'P' : '') + (f.ack ? '.' : '');
    text = `TCP ${src}:${sport} > ${dst}:${dport} [${flags}]` + (p.tcp.data ? ` ${p.tcp.data.split('\r\n')[0]}` : '');
  } else if (p.udp) {
    proto = 'udp';
    sport = p.udp.sport;
    dport = p.udp.dport;
    text = `UDP ${src}:${sport} > ${dst}:${dport}` + (p.udp.vxlan ? ` VXLAN vni ${p.udp.vxlan.vni}` : '');
    if (p.udp.vxlan) inner = summarizeFrame(p.udp.vxlan.frame);
  } else {
    text = `IP ${src} > ${dst} proto ${p.proto}`;
  }
  return {
    text: `${text} ttl ${p.ttl}`,
    src,
    dst,
    proto,
    ttl: p.ttl,
    ...(sport !== undefined ? { sport } : {}),
    ...(dport !== undefined ? { dport } : {}),
    ...(inner ? { inner } : {}),
  };
}

export function summarizeFrame(f: Frame): PacketSummary {
  const macs = { macSrc: formatMac(f.src), macDst: formatMac(f.dst) };
  if (f.arp) {
    const a = f.arp;
    const text =
      a.op === 1 ? `ARP who-has ${formatIpv4(a.tpa)} tell ${formatIpv4(a.spa)}` : `ARP ${formatIpv4(a.spa)} is-at ${formatMac(a.sha)}`;
    return { text, proto: 'arp', src: formatIpv4(a.spa), dst: formatIpv4(a.tpa), ...macs };
  }
  if (f.ip) return { ...summarize(f.ip), ...macs };
  return { text: `ethertype 0x${f.type.toString(16)}`, ...macs };
}
