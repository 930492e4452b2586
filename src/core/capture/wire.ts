// The bytes of a frame on the wire: Ethernet II, ARP, IPv4 (fragmented when the packet was),
// ICMP, TCP, UDP, VXLAN and DNS (dns-wire.ts), with the checksums the kernel computes. The simulator moves
// structured headers (packet.ts); a capture turns each one into what a packet socket reads.
// Fields the structured packet does not hold take the value Linux gives them: ping's payload
// (a timeval, then bytes counting up from 0x10), traceroute's (0x40, 0x41, …), TCP's options
// and windows of a fresh connection on a 1500-byte link.

import {
  ETH_P_ARP,
  ETH_P_IP,
  type Frame,
  ICMP_DEST_UNREACH,
  ICMP_ECHO,
  ICMP_ECHOREPLY,
  ICMP_REDIRECT,
  IPPROTO_TCP,
  IPPROTO_UDP,
  type Ipv4Packet,
  ipLength,
  TCP_ACCEPT_WINDOW,
  TCP_CONNECT_WINDOW,
  type TcpHeader,
} from '../packet.ts';
import { dnsBytes } from '../dns-wire.ts';

/** the sequence numbers a TCP segment carries (the structured packet has none) */
export interface TcpSeq {
  readonly seq: number;
  readonly ack: number;
}

export interface WireContext {
  /** sequence numbers for a TCP segment; absent: derived from its ports alone */
  readonly tcpSeq?: (p: Ipv4Packet, t: TcpHeader) => TcpSeq;
}

class Writer {
  readonly b: Uint8Array;
  private o = 0;
  constructor(n: number) {
    this.b = new Uint8Array(n);
  }
  get pos(): number {
    return this.o;
  }
  u8(v: number): this {
    this.b[this.o++] = v & 0xff;
    return this;
  }
  u16(v: number): this {
    return this.u8(v >>> 8).u8(v);
  }
  u32(v: number): this {
    return this.u16(v >>> 16).u16(v & 0xffff);
  }
  mac(m: number): this {
    for (let i = 5; i >= 0; i--) this.u8(Math.floor(m / 2 ** (8 * i)));
    return this;
  }
  bytes(a: Uint8Array): this {
    this.b.set(a, this.o);
    this.o += a.length;
    return this;
  }
}

/** the Internet checksum (RFC 1071) of b[from, to), with an initial partial sum */
export function inetChecksum(b: Uint8Array, from = 0, to = b.length, sum0 = 0): number {
  let sum = sum0;
  for (let i = from; i < to; i += 2) sum += (b[i]! << 8) | (i + 1 < to ? b[i + 1]! : 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function pseudoSum(p: Ipv4Packet, proto: number, len: number): number {
  return (p.src >>> 16) + (p.src & 0xffff) + (p.dst >>> 16) + (p.dst & 0xffff) + proto + len;
}

/** what a device that offloads the checksum is left in the field: the pseudo-header's sum, folded */
function partialSum(p: Ipv4Packet, proto: number, len: number): number {
  let sum = pseudoSum(p, proto, len);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

function put16(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 8) & 0xff;
  b[at + 1] = v & 0xff;
}

/** ping's payload: a struct timeval (16 bytes), then each byte its own offset */
function pingData(n: number): Uint8Array {
  const d = new Uint8Array(Math.max(0, n));
  for (let i = 16; i < d.length; i++) d[i] = i & 0xff;
  return d;
}

/**
 * the window scale a connection offers: ilog2 of the largest receive buffer less 15 (32 MiB,
 * tcp_rmem's maximum on the recording kernel's machine, gives 10); later segments advertise
 * the first window (44 segments of 1460 bytes) so scaled
 */
const WSCALE = 10;

/** a TCP segment's options: SYNs carry MSS, SACK permitted, timestamps and window scale */
function tcpOptions(t: TcpHeader, seq: TcpSeq): Uint8Array {
  if (t.flags.rst) return new Uint8Array(0);
  const w = new Writer(t.flags.syn ? 20 : 12);
  const tsval = (seq.seq >>> 3) & 0xffffffff;
  const tsecr = t.flags.ack ? (seq.ack >>> 3) & 0xffffffff : 0;
  if (t.flags.syn)
    w.u8(2)
      .u8(4)
      .u16(t.mss ?? 1460)
      .u8(4)
      .u8(2)
      .u8(8)
      .u8(10)
      .u32(tsval)
      .u32(tsecr)
      .u8(1)
      .u8(3)
      .u8(3)
      .u8(WSCALE);
  else w.u8(1).u8(1).u8(8).u8(10).u32(tsval).u32(tsecr);
  return w.b;
}

/** an initial sequence number from the flow's addresses and ports (secure_tcp_seq stands for it) */
export function isnOf(src: number, sport: number, dst: number, dport: number): number {
  let h = 0x811c9dc5;
  for (const v of [src, sport, dst, dport]) {
    h ^= v >>> 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function defaultSeq(p: Ipv4Packet, t: TcpHeader): TcpSeq {
  const mine = isnOf(p.src, t.sport, p.dst, t.dport);
  const theirs = isnOf(p.dst, t.dport, p.src, t.sport);
  if (t.flags.syn) return { seq: mine, ack: t.flags.ack ? (theirs + 1) >>> 0 : 0 };
  return { seq: (mine + 1) >>> 0, ack: (theirs + 1) >>> 0 };
}

/** the transport header and payload of a packet (what follows the IP header) */
function transportBytes(p: Ipv4Packet, ctx: WireContext): Uint8Array {
  const total = ipLength(p);
  if (p.icmp) {
    const ic = p.icmp;
    let body: Uint8Array;
    if (ic.inner) {
      // the offending datagram, as much as fits in 576 bytes (icmp_send)
      const inner = ipv4Bytes(ic.inner, ctx);
      body = inner.subarray(0, Math.min(inner.length, 548));
    } else if (ic.type === ICMP_ECHO || ic.type === ICMP_ECHOREPLY) body = pingData(total - 28);
    else body = new Uint8Array(0);
    const w = new Writer(8 + body.length);
    w.u8(ic.type).u8(ic.code).u16(0);
    if (ic.type === ICMP_ECHO || ic.type === ICMP_ECHOREPLY) w.u16(ic.id).u16(ic.seq);
    else if (ic.type === ICMP_REDIRECT) w.u32(ic.gw ?? 0);
    else if (ic.type === ICMP_DEST_UNREACH && ic.code === 4) w.u16(0).u16(ic.mtu ?? 0);
    else w.u32(0);
    w.bytes(body);
    put16(w.b, 2, inetChecksum(w.b));
    return w.b;
  }
  if (p.tcp) {
    const t = p.tcp;
    const seq = (ctx.tcpSeq ?? defaultSeq)(p, t);
    const opts = tcpOptions(t, seq);
    const data = new TextEncoder().encode(t.data ?? '');
    const len = 20 + opts.length + data.length;
    const w = new Writer(len);
    const f = t.flags;
    const flags = (f.fin ? 1 : 0) | (f.syn ? 2 : 0) | (f.rst ? 4 : 0) | (data.length ? 8 : 0) | (f.ack ? 16 : 0);
    // tcp_select_window: after the SYN the window is announced scaled, rounded up
    const wnd = t.window ?? (f.syn && f.ack ? TCP_ACCEPT_WINDOW : TCP_CONNECT_WINDOW);
    const win = f.rst ? 0 : f.syn ? wnd : Math.ceil(wnd / 2 ** WSCALE);
    w.u16(t.sport)
      .u16(t.dport)
      .u32(seq.seq)
      .u32(f.ack || !f.syn ? seq.ack : 0);
    w.u8(((20 + opts.length) / 4) << 4)
      .u8(flags)
      .u16(win)
      .u16(0)
      .u16(0);
    w.bytes(opts).bytes(data);
    put16(w.b, 16, p.csumPartial ? partialSum(p, IPPROTO_TCP, len) : inetChecksum(w.b, 0, len, pseudoSum(p, IPPROTO_TCP, len)));
    return w.b;
  }
  if (p.udp) {
    const u = p.udp;
    let payload: Uint8Array;
    if (u.vxlan) {
      const inner = frameBytes(u.vxlan.frame, ctx)[0] ?? new Uint8Array(0);
      const w = new Writer(8 + inner.length);
      w.u8(0x08)
        .u8(0)
        .u16(0)
        .u32((u.vxlan.vni << 8) >>> 0)
        .bytes(inner);
      payload = w.b;
    } else if (u.dns) payload = dnsBytes(u.dns);
    else {
      payload = new Uint8Array(Math.max(0, total - 28));
      for (let i = 0; i < payload.length; i++) payload[i] = 0x40 + (i & 0x3f);
    }
    const len = 8 + payload.length;
    const w = new Writer(len);
    w.u16(u.sport).u16(u.dport).u16(len).u16(0).bytes(payload);
    if (p.csumPartial) put16(w.b, 6, partialSum(p, IPPROTO_UDP, len));
    else {
      const c = inetChecksum(w.b, 0, len, pseudoSum(p, IPPROTO_UDP, len));
      put16(w.b, 6, c === 0 ? 0xffff : c);
    }
    return w.b;
  }
  return new Uint8Array(Math.max(0, total - 20));
}

function ipHeader(p: Ipv4Packet, totLen: number, fragOff: number, more: boolean): Uint8Array {
  const w = new Writer(20);
  const flags = (p.df ? 0x4000 : 0) | (more ? 0x2000 : 0) | (fragOff >>> 3);
  w.u8(0x45)
    .u8(p.tos ?? 0)
    .u16(totLen)
    .u16(p.id & 0xffff)
    .u16(flags)
    .u8(p.ttl)
    .u8(p.proto)
    .u16(0)
    .u32(p.src)
    .u32(p.dst);
  put16(w.b, 10, inetChecksum(w.b));
  return w.b;
}

/** the whole datagram: IP header and payload (never fragmented) */
export function ipv4Bytes(p: Ipv4Packet, ctx: WireContext = {}): Uint8Array {
  const payload = transportBytes(p, ctx);
  const w = new Writer(20 + payload.length);
  return w.bytes(ipHeader(p, 20 + payload.length, 0, false)).bytes(payload).b;
}

/** the datagram as it crosses a link: one packet, or its fragments when it was fragmented */
function ipv4Frames(p: Ipv4Packet, ctx: WireContext): Uint8Array[] {
  const payload = transportBytes(p, ctx);
  const frag = p.frag;
  if (frag === undefined || 20 + payload.length <= frag) return [ipv4Bytes(p, ctx)];
  const step = Math.max(8, ((frag - 20) >>> 3) << 3);
  const out: Uint8Array[] = [];
  for (let off = 0; off < payload.length; off += step) {
    const part = payload.subarray(off, Math.min(payload.length, off + step));
    const more = off + step < payload.length;
    const w = new Writer(20 + part.length);
    out.push(w.bytes(ipHeader({ ...p, df: false }, 20 + part.length, off, more)).bytes(part).b);
  }
  return out;
}

function arpBytes(f: Frame): Uint8Array {
  const a = f.arp!;
  return new Writer(28).u16(1).u16(ETH_P_IP).u8(6).u8(4).u16(a.op).mac(a.sha).u32(a.spa).mac(a.tha).u32(a.tpa).b;
}

/** the frame as Ethernet II bytes: more than one when its packet was fragmented on the way */
export function frameBytes(f: Frame, ctx: WireContext = {}): Uint8Array[] {
  const l3 = f.arp ? [arpBytes(f)] : f.ip ? ipv4Frames(f.ip, ctx) : [new Uint8Array(0)];
  const type = f.arp ? ETH_P_ARP : f.ip ? ETH_P_IP : f.type;
  return l3.map((body) => new Writer(14 + body.length).mac(f.dst).mac(f.src).u16(type).bytes(body).b);
}

/**
 * the checksums a device would have finished (CHECKSUM_PARTIAL) finished: what the frame
 * carries once it has left through hardware, and what a capture file holds so that Wireshark
 * finds every checksum right. IP at `at`; ICMP errors' quotes and VXLAN's inner frames too.
 * Returns a copy; the bytes given are left alone.
 */
export function finishChecksums(frame: Uint8Array, at: number): Uint8Array {
  const b = frame.slice();
  finishIp(b, at, b.length);
  return b;
}

function finishIp(b: Uint8Array, at: number, end: number): void {
  if (at + 20 > end || b[at]! >> 4 !== 4) return;
  const ihl = (b[at]! & 0x0f) * 4;
  const stop = Math.min(end, at + ((b[at + 2]! << 8) | b[at + 3]!));
  // a fragment's transport header cannot be checked alone
  if (((b[at + 6]! & 0x3f) << 8) | b[at + 7]!) return;
  const l4 = at + ihl;
  const len = stop - l4;
  const tot = (b[at + 2]! << 8) | b[at + 3]!;
  const whole = at + tot <= end;
  const pseudo =
    ((b[at + 12]! << 8) | b[at + 13]!) +
    ((b[at + 14]! << 8) | b[at + 15]!) +
    ((b[at + 16]! << 8) | b[at + 17]!) +
    ((b[at + 18]! << 8) | b[at + 19]!);
  const proto = b[at + 9]!;
  if (proto === IPPROTO_TCP && whole && len >= 20) {
    put16(b, l4 + 16, 0);
    put16(b, l4 + 16, inetChecksum(b, l4, stop, pseudo + IPPROTO_TCP + len));
  } else if (proto === IPPROTO_UDP && whole && len >= 8) {
    const dport = (b[l4 + 2]! << 8) | b[l4 + 3]!;
    if (len >= 8 + 8 + 14 && (dport === 4789 || dport === 8472) && ((b[l4 + 8 + 8 + 12]! << 8) | b[l4 + 8 + 8 + 13]!) === ETH_P_IP)
      finishIp(b, l4 + 8 + 8 + 14, stop);
    if ((b[l4 + 6]! | b[l4 + 7]!) !== 0) {
      put16(b, l4 + 6, 0);
      const c = inetChecksum(b, l4, stop, pseudo + IPPROTO_UDP + len);
      put16(b, l4 + 6, c === 0 ? 0xffff : c);
    }
  } else if (proto === 1 && len >= 8 + 20 && [3, 4, 5, 11, 12].includes(b[l4]!)) {
    // the quoted datagram as it would have been quoted after leaving through hardware
    finishIp(b, l4 + 8, stop);
    put16(b, l4 + 2, 0);
    put16(b, l4 + 2, inetChecksum(b, l4, stop));
  }
}
