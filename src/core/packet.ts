// Frame and packet formats as plain data. The simulator moves structured headers rather than
// bytes: every field the kernel's decisions read is here, and a trace can show any of them.

import { type Ipv4, type Mac, isMulticastMac } from './addr.ts';
import type { DnsMessage } from './dns.ts';
import { dnsLength } from './dns-wire.ts';

export const ETH_P_IP = 0x0800;
export const ETH_P_ARP = 0x0806;

export const IPPROTO_ICMP = 1;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;

export const ICMP_ECHOREPLY = 0;
export const ICMP_DEST_UNREACH = 3;
export const ICMP_REDIRECT = 5;
export const ICMP_ECHO = 8;
export const ICMP_TIME_EXCEEDED = 11;

// ICMP_DEST_UNREACH codes
export const ICMP_NET_UNREACH = 0;
export const ICMP_HOST_UNREACH = 1;
export const ICMP_PROT_UNREACH = 2;
export const ICMP_PORT_UNREACH = 3;
export const ICMP_NET_ANO = 9;
export const ICMP_HOST_ANO = 10;
export const ICMP_PKT_FILTERED = 13;

export interface ArpPacket {
  readonly op: 1 | 2; // request, reply
  readonly sha: Mac;
  readonly spa: Ipv4;
  readonly tha: Mac;
  readonly tpa: Ipv4;
}

export interface IcmpHeader {
  readonly type: number;
  readonly code: number;
  /** echo identifier and sequence */
  readonly id: number;
  readonly seq: number;
  /** for errors: the offending packet's header (and first bytes: its ports) */
  readonly inner?: Ipv4Packet;
  /** ICMP redirect: the better next hop */
  readonly gw?: Ipv4;
  /** fragmentation needed: the next hop's MTU */
  readonly mtu?: number;
}

export interface TcpFlags {
  readonly syn: boolean;
  readonly ack: boolean;
  readonly rst: boolean;
  readonly fin: boolean;
}

export interface TcpHeader {
  readonly sport: number;
  readonly dport: number;
  readonly flags: TcpFlags;
  readonly data?: string;
  /**
   * the receive window its sender offers, in bytes before window scaling (absent: a client's
   * 64240, 44 segments of 1460); a SYN carries it as is, later segments scaled down
   */
  readonly window?: number;
  /**
   * the sender's initial sequence number, and the peer's as the sender learnt it from its SYN:
   * sequence numbers count from them, the same on both sides of a NAT (absent: derived from
   * the addresses and ports the segment has where it is seen)
   */
  readonly isn?: number;
  readonly peerIsn?: number;
  /** the sequence and acknowledgement numbers, when the sender keeps them (absent: a capture derives them) */
  readonly seq?: number;
  readonly ack?: number;
  /** the MSS option, on a SYN (absent: none) */
  readonly mss?: number;
}

/** the sequence space a segment takes: its bytes, and one each for SYN and FIN */
export function tcpSegLen(t: TcpHeader): number {
  return (t.data ? new TextEncoder().encode(t.data).length : 0) + (t.flags.syn ? 1 : 0) + (t.flags.fin ? 1 : 0);
}

/** the receive window a connecting socket offers on a 1500-byte link: 44 MSS of 1460 */
export const TCP_CONNECT_WINDOW = 64240;
/** what an accepting socket offers: 45 MSS of 1448 (its MSS less the timestamp option) */
export const TCP_ACCEPT_WINDOW = 65160;

export interface UdpHeader {
  readonly sport: number;
  readonly dport: number;
  /** VXLAN: the encapsulated frame */
  readonly vxlan?: { readonly vni: number; readonly frame: Frame };
  /** a DNS message (to or from port 53) */
  readonly dns?: DnsMessage;
}

export interface Ipv4Packet {
  readonly src: Ipv4;
  readonly dst: Ipv4;
  readonly ttl: number;
  readonly proto: number;
  readonly id: number;
  readonly icmp?: IcmpHeader;
  readonly tcp?: TcpHeader;
  readonly udp?: UdpHeader;
  /** the firewall mark (skb->mark): set by MARK, read by -m mark; 0 when absent */
  readonly mark?: number;
  /** CT --notrack in the raw table marked it untracked (IP_CT_UNTRACKED): conntrack passes it by */
  readonly untracked?: boolean;
  /** skb->ipvs_property: IPVS sent it on to a real server (what `-m ipvs --ipvs` matches) */
  readonly ipvs?: boolean;
  /** the datagram's total length when it matters (ping -s, VXLAN); absent: small, fits any MTU */
  readonly len?: number;
  /** the largest fragment on the wire, once fragmented on the way (absent: the whole datagram) */
  readonly frag?: number;
  /** IP_DF: routers must not fragment it */
  readonly df?: boolean;
  /** the TOS byte (DSCP in the top six bits, ECN in the low two); 0 when absent */
  readonly tos?: number;
  /** the source MAC of the frame it arrived in (the MAC header -m mac reads); absent when sent here */
  readonly macSrc?: Mac;
  /** the destination MAC of that frame (what LOG prints in MAC=); absent when sent here */
  readonly macDst?: Mac;
  /** skb->pkt_type of a received frame sent to a group: broadcast or multicast (absent: to this host) */
  readonly pktType?: 'broadcast' | 'multicast';
  /**
   * the socket that sent it from this namespace (skb->sk, what -m owner reads): a process's
   * (the lab's processes are all root) or one of the kernel's own (ICMP, resets); absent once
   * it has left the namespace that made it, and for forwarded packets
   */
  readonly sk?: 'process' | 'kernel';
  /**
   * CHECKSUM_PARTIAL: a local socket's TCP or UDP segment whose checksum the device would
   * finish (veth, bridge and loopback offload it, so nobody ever does): the field holds only
   * the pseudo-header's sum, which is what a capture reads (tcpdump -v: "incorrect")
   */
  readonly csumPartial?: boolean;
}

/** what one frame of this packet carries at most: a fragment or the whole datagram */
export function wireLen(p: Ipv4Packet): number {
  return p.frag ?? p.len ?? 0;
}

export interface Frame {
  readonly src: Mac;
  readonly dst: Mac;
  readonly type: number;
  readonly arp?: ArpPacket;
  readonly ip?: Ipv4Packet;
}

/**
 * The packet again with the fields a hop may change. Built field by field, in one place, so every
 * copy has one shape (a spread of differently shaped packets is slow on the forwarding path) and
 * a field added to Ipv4Packet is carried by every copy.
 */
function repack(
  p: Ipv4Packet,
  ttl: number,
  mark: number | undefined,
  macSrc: Ipv4Packet['macSrc'],
  macDst: Ipv4Packet['macDst'],
  pktType: Ipv4Packet['pktType'],
  sk: Ipv4Packet['sk'],
): Ipv4Packet {
  return {
    src: p.src,
    dst: p.dst,
    ttl,
    proto: p.proto,
    id: p.id,
    icmp: p.icmp,
    tcp: p.tcp,
    udp: p.udp,
    mark,
    untracked: p.untracked,
    len: p.len,
    frag: p.frag,
    df: p.df,
    tos: p.tos,
    macSrc,
    macDst,
    pktType,
    sk,
    csumPartial: p.csumPartial,
  } as Ipv4Packet;
}

/** the same packet with another TTL */
export function withTtl(p: Ipv4Packet, ttl: number): Ipv4Packet {
  return repack(p, ttl, p.mark, p.macSrc, p.macDst, p.pktType, p.sk);
}

/** the packet as it comes out of a received frame: with the frame's source MAC and packet type, and no socket */
export function withRx(p: Ipv4Packet, f: Frame): Ipv4Packet {
  const pktType = f.dst === 0xffffffffffff ? 'broadcast' : isMulticastMac(f.dst) ? 'multicast' : undefined;
  return repack(p, p.ttl, p.mark, f.src, f.dst, pktType, undefined);
}

/** the same packet with another firewall mark */
export function withMark(p: Ipv4Packet, mark: number): Ipv4Packet {
  return repack(p, p.ttl, mark, p.macSrc, p.macDst, p.pktType, p.sk);
}

/** the bytes of a string in UTF-8 (a TCP segment's data), without encoding it */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/**
 * the IP total length of a packet (iph->tot_len): what counters count and -m length reads. A
 * segment carries the options the lab's segments have: a SYN's MSS, SACK-permitted, timestamps
 * and window scale (20 bytes); timestamps alone after it (12); none on a reset.
 */
export function ipLength(p: Ipv4Packet): number {
  if (p.len !== undefined) return p.len;
  if (p.icmp) return p.icmp.inner ? 28 + Math.min(548, ipLength(p.icmp.inner)) : 84;
  const t = p.tcp;
  if (t) return 40 + (t.flags.rst ? 0 : t.flags.syn ? 20 : 12) + (t.data ? utf8Length(t.data) : 0);
  if (p.udp) return p.udp.vxlan ? 50 + 98 : p.udp.dns ? 28 + dnsLength(p.udp.dns) : 60;
  return 20;
}

export function isIcmpError(p: Ipv4Packet): boolean {
  return (
    p.proto === IPPROTO_ICMP &&
    p.icmp !== undefined &&
    (p.icmp.type === ICMP_DEST_UNREACH ||
      p.icmp.type === ICMP_TIME_EXCEEDED ||
      p.icmp.type === 4 ||
      p.icmp.type === 5 ||
      p.icmp.type === 12)
  );
}

export function ports(p: Ipv4Packet): { sport: number; dport: number } | null {
  if (p.tcp) return { sport: p.tcp.sport, dport: p.tcp.dport };
  if (p.udp) return { sport: p.udp.sport, dport: p.udp.dport };
  return null;
}

export function protoName(proto: number): string {
  return proto === IPPROTO_TCP ? 'tcp' : proto === IPPROTO_UDP ? 'udp' : proto === IPPROTO_ICMP ? 'icmp' : String(proto);
}
