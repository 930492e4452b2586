import { describe, expect, it } from 'vitest';
import { parseIpv4, parseMac } from '../addr.ts';
import {
  ETH_P_ARP,
  ETH_P_IP,
  type Frame,
  ICMP_DEST_UNREACH,
  ICMP_ECHO,
  IPPROTO_ICMP,
  IPPROTO_TCP,
  IPPROTO_UDP,
  type Ipv4Packet,
} from '../packet.ts';
import { LINKTYPE_ETHERNET, readCapture, writePcapng } from './pcapng.ts';
import { frameBytes, inetChecksum } from './wire.ts';

const A = parseMac('02:00:00:00:00:01')!;
const B = parseMac('02:00:00:00:00:02')!;
const ip = (s: string): number => parseIpv4(s)!;

const base = { src: parseIpv4('10.0.0.1')!, dst: parseIpv4('10.0.0.2')!, ttl: 64, id: 7, df: true };
const echo: Ipv4Packet = {
  src: ip('10.0.0.1'),
  dst: ip('10.0.0.2'),
  ttl: 64,
  proto: IPPROTO_ICMP,
  id: 7,
  df: true,
  icmp: { type: ICMP_ECHO, code: 0, id: 0x1234, seq: 1 },
};
const eth = (p: Ipv4Packet): Frame => ({ src: A, dst: B, type: ETH_P_IP, ip: p });
/** sum of a transport segment with its pseudo header: 0 when the checksum is right */
function transportSum(b: Uint8Array, proto: number): number {
  const l4 = b.subarray(34);
  const pseudo = (b[26]! << 8) + b[27]! + (b[28]! << 8) + b[29]! + (b[30]! << 8) + b[31]! + (b[32]! << 8) + b[33]! + proto + l4.length;
  return inetChecksum(l4, 0, l4.length, pseudo);
}

describe('frame bytes', () => {
  it('an echo request is 98 bytes with valid IP and ICMP checksums and ping’s payload', () => {
    const [b] = frameBytes(eth(echo));
    expect(b!.length).toBe(98);
    expect(inetChecksum(b!, 14, 34)).toBe(0);
    expect(inetChecksum(b!, 34, 98)).toBe(0);
    expect(b![20]).toBe(0x40); // DF
    expect([...b!.subarray(58, 62)]).toEqual([0x10, 0x11, 0x12, 0x13]);
  });

  it('an ARP request is 42 bytes', () => {
    const f: Frame = {
      src: A,
      dst: 0xffffffffffff,
      type: ETH_P_ARP,
      arp: { op: 1, sha: A, spa: ip('10.0.0.1'), tha: 0, tpa: ip('10.0.0.2') },
    };
    const [b] = frameBytes(f);
    expect(b!.length).toBe(42);
    expect([...b!.subarray(12, 14)]).toEqual([8, 6]);
  });

  it('TCP and UDP checksums cover the pseudo header', () => {
    const syn: Ipv4Packet = {
      ...base,
      proto: IPPROTO_TCP,
      tcp: { sport: 40000, dport: 80, flags: { syn: true, ack: false, rst: false, fin: false } },
    };
    const [t] = frameBytes(eth(syn));
    expect(t!.length).toBe(74);
    expect(transportSum(t!, IPPROTO_TCP)).toBe(0);
    const udp: Ipv4Packet = { ...base, proto: IPPROTO_UDP, udp: { sport: 40000, dport: 33434 } };
    const [u] = frameBytes(eth(udp));
    expect(u!.length).toBe(74);
    expect(transportSum(u!, IPPROTO_UDP)).toBe(0);
  });

  it('an ICMP error quotes the offending datagram', () => {
    const err: Ipv4Packet = {
      ...echo,
      src: ip('10.0.0.254'),
      dst: ip('10.0.0.1'),
      df: false,
      icmp: { type: ICMP_DEST_UNREACH, code: 3, id: 0, seq: 0, inner: echo },
    };
    const [b] = frameBytes(eth(err));
    expect(b!.length).toBe(14 + 20 + 8 + 84);
    expect(inetChecksum(b!, 34, b!.length)).toBe(0);
    expect(b![42]).toBe(0x45);
  });

  it('a VXLAN packet carries the inner frame after an 8-byte header with the VNI', () => {
    const outer: Ipv4Packet = {
      ...base,
      proto: IPPROTO_UDP,
      udp: { sport: 50000, dport: 4789, vxlan: { vni: 42, frame: eth(echo) } },
    };
    const [b] = frameBytes(eth(outer));
    expect(b!.length).toBe(14 + 20 + 8 + 8 + 98);
    expect([...b!.subarray(42, 50)]).toEqual([8, 0, 0, 0, 0, 0, 42, 0]);
  });

  it('a fragmented datagram crosses the link as fragments', () => {
    const big: Ipv4Packet = { ...echo, len: 3000, frag: 1500, df: false };
    const parts = frameBytes(eth(big));
    expect(parts.map((p) => p.length - 14)).toEqual([1500, 1500, 40]);
    expect(parts.every((p) => inetChecksum(p, 14, 34) === 0)).toBe(true);
  });
});

describe('pcapng', () => {
  it('reads back what it writes', () => {
    const data = frameBytes(eth(echo))[0]!;
    const file = writePcapng({
      interfaces: [{ name: 'veth0', linktype: LINKTYPE_ETHERNET }],
      packets: [{ iface: 0, tsUs: 1_500_000, data, dir: 'out' }],
    });
    const back = readCapture(file);
    expect(back.interfaces).toEqual([{ name: 'veth0', linktype: LINKTYPE_ETHERNET }]);
    expect(back.packets[0]!.tsUs).toBe(1_500_000);
    expect(back.packets[0]!.dir).toBe('out');
    expect([...back.packets[0]!.data]).toEqual([...data]);
  });
});
