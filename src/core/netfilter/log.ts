// The LOG target's line in the kernel log, as nf_log_syslog writes it (nf_log_ip_packet):
// the prefix, IN= OUT= (PHYSIN= PHYSOUT= under br_netfilter), the MAC header of a received
// frame, then the IPv4 header and its transport header read from the datagram's bytes, one
// level into the packet an ICMP error quotes. Outside the machine's first namespace nothing is
// written unless net.netfilter.nf_log_all_netns is set (nf_log_allowed: "Guard against
// containers flooding syslog").

import { formatIpv4, formatMac, type Mac } from '../addr.ts';
import { ipv4Bytes } from '../capture/wire.ts';
import type { Device } from '../device.ts';
import type { LogLevel } from '../kmsg.ts';
import type { Netns } from '../netns.ts';
import type { Ipv4Packet } from '../packet.ts';
import type { HookCtx } from './match.ts';

/** xt_LOG's logflags */
export const NF_LOG_TCPSEQ = 0x01;
export const NF_LOG_TCPOPT = 0x02;
export const NF_LOG_IPOPT = 0x04;
export const NF_LOG_UID = 0x08;
export const NF_LOG_MACDECODE = 0x20;

/** iptables' LOG options and the flag each sets */
export const LOG_FLAG_BITS: Readonly<Record<string, number>> = {
  '--log-tcp-sequence': NF_LOG_TCPSEQ,
  '--log-tcp-options': NF_LOG_TCPOPT,
  '--log-ip-options': NF_LOG_IPOPT,
  '--log-uid': NF_LOG_UID,
  '--log-macdecode': NF_LOG_MACDECODE,
};

export interface LogInfo {
  readonly prefix: string;
  readonly level: LogLevel;
  readonly logflags: number;
}

/** nf_log_allowed: the first namespace always; the others only with nf_log_all_netns */
export function nfLogAllowed(ns: Netns): boolean {
  return ns === ns.world.root || ns.world.nfLogAllNetns;
}

const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');
const be16 = (b: Uint8Array, o: number): number => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
const be32 = (b: Uint8Array, o: number): number => be16(b, o) * 65536 + be16(b, o + 2);
const ip4 = (b: Uint8Array, o: number): string => formatIpv4(be32(b, o));

/** the bytes the header dump reads: the datagram as sent, with the TOS byte the packet carries */
function datagram(ns: Netns, p: Ipv4Packet): Uint8Array {
  const taps = ns.world.taps;
  const b = ipv4Bytes(p, taps ? { tcpSeq: taps.tcpSeq } : {});
  b[1] = (p.tos ?? 0) & 0xff;
  const inner = p.icmp?.inner;
  // the quoted datagram's TOS too: it starts after the outer IP header and the ICMP header
  if (inner && b.length > 29) b[29] = (inner.tos ?? 0) & 0xff;
  return b;
}

/** ICMP types whose message must hold this many bytes after the ICMP type (required_len) */
const ICMP_REQUIRED: Readonly<Record<number, number>> = { 0: 4, 3: 28, 4: 28, 5: 28, 8: 4, 11: 28, 12: 28, 13: 20, 14: 20, 17: 12, 18: 12 };
const NR_ICMP_TYPES = 18;

function tcpHeader(b: Uint8Array, off: number, fragment: boolean, logflags: number): string {
  let s = 'PROTO=TCP ';
  if (fragment) return s;
  if (b.length - off < 20) return `${s}INCOMPLETE [${b.length - off} bytes] `;
  s += `SPT=${be16(b, off)} DPT=${be16(b, off + 2)} `;
  if (logflags & NF_LOG_TCPSEQ) s += `SEQ=${be32(b, off + 4)} ACK=${be32(b, off + 8)} `;
  s += `WINDOW=${be16(b, off + 14)} `;
  // TCP_RESERVED_BITS (0x0E000000 of the flag word, AE being the fourth) shifted right by 22
  s += `RES=0x${(((b[off + 12] ?? 0) & 0x0e) << 2).toString(16).padStart(2, '0')} `;
  const fl = b[off + 13] ?? 0;
  const ae = (b[off + 12] ?? 0) & 0x01;
  if (ae) s += 'AE ';
  for (const [bit, name] of [
    [0x80, 'CWR'],
    [0x40, 'ECE'],
    [0x20, 'URG'],
    [0x10, 'ACK'],
    [0x08, 'PSH'],
    [0x04, 'RST'],
    [0x02, 'SYN'],
    [0x01, 'FIN'],
  ] as const)
    if (fl & bit) s += `${name} `;
  s += `URGP=${be16(b, off + 18)} `;
  const doff = ((b[off + 12] ?? 0) >> 4) * 4;
  if (logflags & NF_LOG_TCPOPT && doff > 20) {
    if (b.length - off < doff) return `${s}OPT (TRUNCATED)`;
    s += 'OPT (';
    for (let i = off + 20; i < off + doff; i++) s += hex2(b[i]!);
    s += ') ';
  }
  return s;
}

function udpHeader(b: Uint8Array, off: number, fragment: boolean): string {
  const s = 'PROTO=UDP ';
  if (fragment) return s;
  if (b.length - off < 8) return `${s}INCOMPLETE [${b.length - off} bytes] `;
  return `${s}SPT=${be16(b, off)} DPT=${be16(b, off + 2)} LEN=${be16(b, off + 4)} `;
}

/** dump_ipv4_packet: the header at `off` of `b`; `outer` for the packet itself (not one an ICMP error quotes) */
function ipv4Dump(b: Uint8Array, off: number, logflags: number, outer: boolean, p: Ipv4Packet): string {
  if (b.length - off < 20) return 'TRUNCATED';
  const tos = b[off + 1]!;
  const fragOff = be16(b, off + 6);
  const ihl = (b[off]! & 0x0f) * 4;
  const proto = b[off + 9]!;
  let s = `SRC=${ip4(b, off + 12)} DST=${ip4(b, off + 16)} `;
  s += `LEN=${be16(b, off + 2)} TOS=0x${hex2(tos & 0x1e)} PREC=0x${hex2(tos & 0xe0)} TTL=${b[off + 8]} ID=${be16(b, off + 4)} `;
  if (fragOff & 0x8000) s += 'CE ';
  if (fragOff & 0x4000) s += 'DF ';
  if (fragOff & 0x2000) s += 'MF ';
  if (fragOff & 0x1fff) s += `FRAG:${fragOff & 0x1fff} `;
  if (logflags & NF_LOG_IPOPT && ihl > 20) {
    s += 'OPT (';
    for (let i = off + 20; i < off + ihl; i++) s += hex2(b[i] ?? 0);
    s += ') ';
  }
  const fragment = (fragOff & 0x1fff) !== 0;
  const t = off + ihl;
  switch (proto) {
    case 6: {
      const tcp = tcpHeader(b, t, fragment, logflags);
      s += tcp;
      // an incomplete header ends the line there
      if (tcp.includes('INCOMPLETE') || tcp.endsWith('(TRUNCATED)')) return s;
      break;
    }
    case 17: {
      const udp = udpHeader(b, t, fragment);
      s += udp;
      if (udp.includes('INCOMPLETE')) return s;
      break;
    }
    case 1:
      s += icmpDump(b, off, t, fragment, logflags, outer, p);
      break;
    default:
      s += `PROTO=${proto} `;
  }
  if (outer) {
    // a process's socket in this namespace carries its owner (every process in the lab is root);
    // the kernel's own sockets and a listener's SYN-ACK (a request socket) have no file
    if (logflags & NF_LOG_UID && p.sk === 'process' && !(p.tcp?.flags.syn && p.tcp.flags.ack)) s += 'UID=0 GID=0 ';
    if (p.mark) s += `MARK=0x${(p.mark >>> 0).toString(16)} `;
  }
  return s;
}

function icmpDump(b: Uint8Array, ipOff: number, t: number, fragment: boolean, logflags: number, outer: boolean, p: Ipv4Packet): string {
  let s = 'PROTO=ICMP ';
  if (fragment) return s;
  const avail = b.length - t;
  if (avail < 8) return `${s}INCOMPLETE [${avail} bytes] `;
  const type = b[t]!;
  const code = b[t + 1]!;
  s += `TYPE=${type} CODE=${code} `;
  const need = type <= NR_ICMP_TYPES ? ICMP_REQUIRED[type] : undefined;
  if (need !== undefined && avail < need) return `${s}INCOMPLETE [${avail} bytes] `;
  switch (type) {
    case 0:
    case 8:
      return `${s}ID=${be16(b, t + 4)} SEQ=${be16(b, t + 6)} `;
    case 12:
      return `${s}PARAMETER=${b[t + 4]} `;
    case 3:
    case 4:
    case 5:
    case 11:
      // a redirect names its gateway; each error quotes the datagram, one level deep only
      if (type === 5) s += `GATEWAY=${ip4(b, t + 4)} `;
      if (outer && ipOff === 0) s += `[${ipv4Dump(b, t + 8, logflags, false, p)}] `;
      if (type === 3 && code === 4) s += `MTU=${be16(b, t + 6)} `;
      return s;
    default:
      return s;
  }
}

/** dump_mac_header for a frame received on `dev`: MACSRC= MACDST= MACPROTO= with --log-macdecode, else MAC= and the header's bytes */
function macHeader(dev: Device, p: Ipv4Packet, logflags: number): string {
  const dst: Mac = p.macDst ?? dev.mac;
  const src: Mac = p.macSrc ?? 0;
  // every device the lab has is an Ethernet-type one (ARPHRD_ETHER, a 14-byte header; lo's is zeros)
  if (logflags & NF_LOG_MACDECODE) return `MACSRC=${formatMac(src)} MACDST=${formatMac(dst)} MACPROTO=0800 `;
  return `MAC=${formatMac(dst)}:${formatMac(src)}:08:00 `;
}

/** the line LOG writes for packet `p` at the hook `ctx` describes (the level goes apart, to printk) */
export function nfLogLine(ns: Netns, info: LogInfo, p: Ipv4Packet, ctx: HookCtx): string {
  const { oif } = ctx;
  // OUTPUT and POSTROUTING run with no input device, whatever the packet came in by
  const iif = ctx.hook === 'OUTPUT' || ctx.hook === 'POSTROUTING' ? null : ctx.iif;
  let s = `${info.prefix}IN=${iif?.name ?? ''} OUT=${oif?.name ?? ''} `;
  if (ctx.physIn && ctx.physIn !== iif) s += `PHYSIN=${ctx.physIn.name} `;
  if (ctx.physOut && ctx.physOut !== oif) s += `PHYSOUT=${ctx.physOut.name} `;
  if (iif) s += macHeader(iif, p, info.logflags);
  return s + ipv4Dump(datagram(ns, p), 0, info.logflags, true, p);
}

/** nf_log_packet for the LOG target: a line in the machine's kernel log, where the namespace may write one */
export function nfLogPacket(ns: Netns, info: LogInfo, p: Ipv4Packet, ctx: HookCtx): void {
  if (!nfLogAllowed(ns)) return;
  ns.world.kmsg.printk(info.level, nfLogLine(ns, info, p, ctx), ns.world.clock.now());
}
