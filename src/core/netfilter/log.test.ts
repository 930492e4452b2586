// The LOG target's line against nf_log_syslog.c's format strings (Linux 6.x): the fields, their
// order and spacing, the one level into an ICMP error's quoted packet, and who may write at all.

import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../addr.ts';
import type { Device } from '../device.ts';
import type { Ipv4Packet } from '../packet.ts';
import { World } from '../world.ts';
import { NF_LOG_MACDECODE, NF_LOG_TCPOPT, NF_LOG_TCPSEQ, NF_LOG_UID, nfLogLine, nfLogPacket } from './log.ts';
import type { HookCtx } from './match.ts';

const ip = (s: string) => parseIpv4(s)!;
const info = (logflags = 0, prefix = '') => ({ prefix, level: 4 as const, logflags });

function setup() {
  const w = new World();
  const ns = w.addNetns('r');
  const eth0 = w.createDevice(ns, 'eth0', 'veth', 0x0200000000aa);
  const eth1 = w.createDevice(ns, 'eth1', 'veth', 0x0200000000bb);
  return { w, ns, eth0, eth1 };
}

const ctx = (hook: HookCtx['hook'], iif: Device | null, oif: Device | null, extra: Partial<HookCtx> = {}): HookCtx => ({
  hook,
  iif,
  oif,
  ctState: 'NEW',
  ...extra,
});

const echo: Ipv4Packet = {
  src: ip('10.0.0.1'),
  dst: ip('10.0.1.2'),
  ttl: 63,
  proto: 1,
  id: 4660,
  df: true,
  icmp: { type: 8, code: 0, id: 77, seq: 3 },
  macSrc: 0x0200000000cc,
  macDst: 0x0200000000aa,
};

describe('nf_log_ip_packet', () => {
  it('a forwarded echo: IN, OUT, the MAC header as 14 bytes, the IP fields and the echo id and sequence', () => {
    const { ns, eth0, eth1 } = setup();
    expect(nfLogLine(ns, info(0, 'FWD: '), echo, ctx('FORWARD', eth0, eth1))).toBe(
      'FWD: IN=eth0 OUT=eth1 MAC=02:00:00:00:00:aa:02:00:00:00:00:cc:08:00 SRC=10.0.0.1 DST=10.0.1.2 LEN=84 ' +
        'TOS=0x00 PREC=0x00 TTL=63 ID=4660 DF PROTO=ICMP TYPE=8 CODE=0 ID=77 SEQ=3 ',
    );
  });

  it('a sent packet has no input device and no MAC; TOS splits into its TOS bits and precedence; a mark is printed in hex', () => {
    const { ns, eth1 } = setup();
    const p: Ipv4Packet = { ...echo, tos: 0xb8, mark: 0x1f, sk: 'process' };
    expect(nfLogLine(ns, info(NF_LOG_UID), p, ctx('OUTPUT', null, eth1))).toBe(
      'IN= OUT=eth1 SRC=10.0.0.1 DST=10.0.1.2 LEN=84 TOS=0x18 PREC=0xA0 TTL=63 ID=4660 DF PROTO=ICMP TYPE=8 CODE=0 ID=77 SEQ=3 ' +
        'UID=0 GID=0 MARK=0x1f ',
    );
    // the kernel's own sockets (an echo reply) carry no owner
    expect(nfLogLine(ns, info(NF_LOG_UID), { ...p, sk: 'kernel' }, ctx('OUTPUT', null, eth1))).not.toContain('UID=');
  });

  it('POSTROUTING runs with no input device even for a forwarded packet', () => {
    const { ns, eth0, eth1 } = setup();
    expect(nfLogLine(ns, info(), echo, ctx('POSTROUTING', eth0, eth1))).toMatch(/^IN= OUT=eth1 SRC=/);
  });

  it('--log-macdecode names the MAC fields; bridged frames name their ports', () => {
    const { w, ns, eth0, eth1 } = setup();
    const br = w.createDevice(ns, 'br0', 'bridge', 0x0200000000dd);
    const line = nfLogLine(ns, info(NF_LOG_MACDECODE), echo, ctx('FORWARD', br, br, { physIn: eth0, physOut: eth1 }));
    expect(line).toMatch(/^IN=br0 OUT=br0 PHYSIN=eth0 PHYSOUT=eth1 MACSRC=02:00:00:00:00:cc MACDST=02:00:00:00:00:aa MACPROTO=0800 SRC=/);
  });

  it('TCP: ports, window, reserved bits and flags in the kernel order; sequence numbers and options on request', () => {
    const { ns, eth0 } = setup();
    const syn: Ipv4Packet = {
      src: ip('10.0.0.1'),
      dst: ip('10.0.0.2'),
      ttl: 64,
      proto: 6,
      id: 1,
      df: true,
      tcp: { sport: 40000, dport: 80, flags: { syn: true, ack: false, rst: false, fin: false } },
    };
    const plain = nfLogLine(ns, info(), syn, ctx('INPUT', eth0, null));
    expect(plain).toMatch(/ PROTO=TCP SPT=40000 DPT=80 WINDOW=\d+ RES=0x00 SYN URGP=0 $/);
    const full = nfLogLine(ns, info(NF_LOG_TCPSEQ | NF_LOG_TCPOPT), syn, ctx('INPUT', eth0, null));
    // SEQ and ACK before WINDOW; the options as upper-case hex, MSS first (kind 2, length 4)
    expect(full).toMatch(/ SPT=40000 DPT=80 SEQ=\d+ ACK=0 WINDOW=\d+ RES=0x00 SYN URGP=0 OPT \(020405B4[0-9A-F]*\) $/);
  });

  it('UDP prints its own length (traceroute sends 60-byte datagrams); an ICMP error quotes the offending packet in brackets, and MTU for frag-needed', () => {
    const { ns, eth0 } = setup();
    const udp: Ipv4Packet = { src: ip('10.0.0.1'), dst: ip('10.0.1.2'), ttl: 1, proto: 17, id: 9, udp: { sport: 33434, dport: 33435 } };
    expect(nfLogLine(ns, info(), udp, ctx('INPUT', eth0, null))).toMatch(/ LEN=60 .* PROTO=UDP SPT=33434 DPT=33435 LEN=40 $/);
    const err: Ipv4Packet = {
      src: ip('10.0.0.254'),
      dst: ip('10.0.0.1'),
      ttl: 64,
      proto: 1,
      id: 5,
      icmp: { type: 3, code: 4, id: 0, seq: 0, mtu: 1400, inner: { ...echo, len: 1500 } },
    };
    expect(nfLogLine(ns, info(), err, ctx('OUTPUT', null, eth0))).toBe(
      'IN= OUT=eth0 SRC=10.0.0.254 DST=10.0.0.1 LEN=576 TOS=0x00 PREC=0x00 TTL=64 ID=5 PROTO=ICMP TYPE=3 CODE=4 ' +
        '[SRC=10.0.0.1 DST=10.0.1.2 LEN=1500 TOS=0x00 PREC=0x00 TTL=63 ID=4660 DF PROTO=ICMP TYPE=8 CODE=0 ID=77 SEQ=3 ] MTU=1400 ',
    );
  });
});

describe('nf_log_allowed', () => {
  it('only the first namespace writes, unless nf_log_all_netns is set', () => {
    const { w, ns, eth0, eth1 } = setup();
    nfLogPacket(ns, info(), echo, ctx('FORWARD', eth0, eth1));
    expect(w.kmsg.read()).toEqual([]);
    const lo = w.root.loopback();
    nfLogPacket(w.root, info(), echo, ctx('INPUT', lo, null));
    expect(w.kmsg.read().map((r) => r.text)).toHaveLength(1);
    w.nfLogAllNetns = true;
    nfLogPacket(ns, info(0, 'X '), echo, ctx('FORWARD', eth0, eth1));
    expect(w.kmsg.read().map((r) => r.text.slice(0, 11))).toEqual(['IN=lo OUT= ', 'X IN=eth0 O']);
  });
});
