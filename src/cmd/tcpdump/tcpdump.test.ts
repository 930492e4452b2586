import { describe, expect, it } from 'vitest';
import { Shell } from '../shell.ts';
import { MemoryFiles } from './tcpdump.ts';

const BRIDGE = [
  'ip netns add a',
  'ip netns add b',
  'ip link add br0 type bridge',
  'ip link set br0 up',
  'ip link add va type veth peer name eth0 netns a',
  'ip link add vb type veth peer name eth0 netns b',
  'ip link set va master br0 up',
  'ip link set vb master br0 up',
  'ip -n a addr add 10.0.0.1/24 dev eth0',
  'ip -n a link set eth0 up',
  'ip -n b addr add 10.0.0.2/24 dev eth0',
  'ip -n b link set eth0 up',
  'ip addr add 10.0.0.254/24 dev br0',
];

function lab(): Shell {
  const sh = new Shell();
  for (const l of BRIDGE) expect(sh.exec(l).status, l).toBe(0);
  return sh;
}

/** run a capture around some lines; its stdout lines without timestamps, and its stderr */
function capture(sh: Shell, cmd: string, lines: string[], ns: string | null = null): { out: string[]; err: string } {
  const start = sh.exec(`${cmd} &`, ns);
  expect(start.status, start.stderr).toBe(0);
  for (const l of lines) sh.exec(l);
  const [r] = sh.interruptJobs();
  return {
    out: r!.result.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.replace(/^\d\d:\d\d:\d\d\.\d{6} /, '')),
    err: start.stderr + r!.result.stderr,
  };
}

const mac = (sh: Shell, ns: string | null, dev: string): string => /link\/ether (\S+)/.exec(sh.exec(`ip link show ${dev}`, ns).stdout)![1]!;

describe('tcpdump on a bridge port', () => {
  it('shows the ARP exchange and the echo with -n -e, as tcpdump prints them', () => {
    const sh = lab();
    const a = mac(sh, 'a', 'eth0');
    const b = mac(sh, 'b', 'eth0');
    const { out, err } = capture(sh, 'tcpdump -n -e -l -i va', ['ip netns exec a ping -c 1 10.0.0.2']);
    expect(out[0]).toBe(`${a} > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 10.0.0.2 tell 10.0.0.1, length 28`);
    expect(out[1]).toBe(`${b} > ${a}, ethertype ARP (0x0806), length 42: Reply 10.0.0.2 is-at ${b}, length 28`);
    expect(out[2]).toMatch(
      new RegExp(
        `^${a} > ${b}, ethertype IPv4 \\(0x0800\\), length 98: 10\\.0\\.0\\.1 > 10\\.0\\.0\\.2: ICMP echo request, id \\d+, seq 1, length 64$`,
      ),
    );
    expect(out[3]).toMatch(/10\.0\.0\.2 > 10\.0\.0\.1: ICMP echo reply, id \d+, seq 1, length 64$/);
    expect(out).toHaveLength(4);
    expect(err).toBe(
      'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on va, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n4 packets captured\n4 packets received by filter\n0 packets dropped by kernel\n',
    );
  });

  it('the bridge device sees its ports’ traffic while a capture holds it promiscuous, and not with -p', () => {
    const sh = lab();
    sh.exec('ip netns exec a ping -c 1 10.0.0.2');
    const promisc = capture(sh, 'tcpdump -n -i br0', ['ip netns exec a ping -c 1 10.0.0.2']).out;
    expect(promisc.map((l) => l.replace(/id \d+/, 'id N'))).toEqual([
      'IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id N, seq 1, length 64',
      'IP 10.0.0.2 > 10.0.0.1: ICMP echo reply, id N, seq 1, length 64',
    ]);
    expect(capture(sh, 'tcpdump -p -n -i br0', ['ip netns exec a ping -c 1 10.0.0.2']).out).toEqual([]);
  });

  it('-i any prints each device and direction, cooked', () => {
    const sh = lab();
    const { out, err } = capture(sh, 'tcpdump -n -i any arp', ['ip netns exec a ping -c 1 10.0.0.254']);
    expect(out).toEqual([
      'va    B   ARP, Request who-has 10.0.0.254 tell 10.0.0.1, length 28',
      'vb    Out ARP, Request who-has 10.0.0.254 tell 10.0.0.1, length 28',
      'br0   B   ARP, Request who-has 10.0.0.254 tell 10.0.0.1, length 28',
      `br0   Out ARP, Reply 10.0.0.254 is-at ${mac(sh, null, 'br0')}, length 28`,
      `va    Out ARP, Reply 10.0.0.254 is-at ${mac(sh, null, 'br0')}, length 28`,
    ]);
    expect(err).toMatch(/^tcpdump: data link type LINUX_SLL2\n.*\nlistening on any, link-type LINUX_SLL2 \(Linux cooked v2\)/);
  });

  it('-c stops after N packets and reports without being interrupted', () => {
    const sh = lab();
    sh.exec('ip netns exec a tcpdump -n -c 2 -i eth0 icmp &');
    sh.exec('ip netns exec a ping -c 3 10.0.0.2');
    const out = sh.collectJobs();
    expect(out.match(/ICMP echo/g)).toHaveLength(2);
    expect(out.endsWith('2 packets captured\n2 packets received by filter\n0 packets dropped by kernel\n')).toBe(true);
    expect(sh.jobs).toHaveLength(0);
  });
});

describe('tcpdump filters', () => {
  const cases: Array<[string, number]> = [
    ['arp', 2],
    ['icmp', 2],
    ['host 10.0.0.2', 4],
    ['src host 10.0.0.1', 2],
    ['dst 10.0.0.1 and icmp', 1],
    ['not arp', 2],
    ['arp or (icmp and src 10.0.0.2)', 3],
    ['net 10.0.0.0/24', 4],
    ['icmp[icmptype] == icmp-echo', 1],
    ['ip[8] = 64 and icmp', 2],
    ['tcp', 0],
    ['udp port 4789', 0],
    ['ether broadcast', 1],
    ['less 60', 2],
    ['host 10.0.0.1 and 10.0.0.2', 4],
  ];
  it.each(cases)('%s', (expr, n) => {
    const sh = lab();
    // quoted, as a shell needs its parentheses
    expect(capture(sh, `tcpdump -n -i va '${expr}'`, ['ip netns exec a ping -c 1 10.0.0.2']).out).toHaveLength(n);
  });

  it('reads TCP flags: tcp[tcpflags] & tcp-syn != 0', () => {
    const sh = lab();
    sh.exec('ip netns exec b python3 -m http.server 80 &');
    const syn = capture(sh, "tcpdump -n -i va 'tcp[tcpflags] & tcp-syn != 0'", ['ip netns exec a curl http://10.0.0.2/']).out;
    expect(syn.map((l) => / Flags \[(\S+)\]/.exec(l)?.[1])).toEqual(['S', 'S.']);
    expect(syn[0]).toMatch(
      /^IP 10\.0\.0\.1\.\d+ > 10\.0\.0\.2\.80: Flags \[S\], seq \d+, win 64240, options \[mss 1460,sackOK,TS val \d+ ecr 0,nop,wscale 10\], length 0$/,
    );
  });

  const errors: Array<[string, string]> = [
    ['hst 1.2.3.4', "tcpdump: can't parse filter expression: syntax error"],
    ['(tcp', "tcpdump: can't parse filter expression: syntax error"],
    ['tcp and', "tcpdump: can't parse filter expression: syntax error"],
    ['port 99999', 'tcpdump: illegal port number 99999 > 65535'],
    ['port foo', "tcpdump: unknown port 'foo'"],
    ['host 1.2.3.4.5', "tcpdump: unknown host '1.2.3.4.5'"],
    ['net 10.0.0.1/8', 'tcpdump: non-network bits set in "10.0.0.1/8"'],
    ['net 10.0.0.0/33', 'tcpdump: mask length must be <= 32'],
    ['ether host zz', "tcpdump: unknown ether host 'zz'"],
    ['tcp host 1.2.3.4', "tcpdump: 'tcp' modifier applied to host"],
    ['icmp port 5', "tcpdump: illegal qualifier of 'port'"],
    ['tcp[100:3] = 1', 'tcpdump: data size must be 1, 2, or 4'],
  ];
  it.each(errors)('refuses %s', (expr, msg) => {
    const sh = lab();
    const r = sh.exec(`tcpdump -i va '${expr}'`);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${msg}\n`);
    expect(sh.jobs).toHaveLength(0);
  });

  it('refuses what tcpdump refuses on the command line', () => {
    const sh = lab();
    expect(sh.exec('tcpdump -i nosuch').stderr).toBe('tcpdump: nosuch: No such device exists\n(No such device exists)\n');
    expect(sh.exec('tcpdump -i va -c 0').stderr).toBe('tcpdump: invalid packet count 0\n');
    expect(sh.exec('tcpdump -k').stderr).toMatch(/^tcpdump: invalid option -- 'k'\ntcpdump version 4\.99\.3\n/);
    expect(sh.exec('tcpdump -i any ether host 02:00:00:00:00:01').stderr).toBe(
      'tcpdump: ethernet addresses supported only on ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel\n',
    );
    expect(sh.exec('tcpdump -r /nope.pcap').stderr).toBe('tcpdump: /nope.pcap: No such file or directory\n');
  });
});

describe('tcpdump -w and -r', () => {
  it('reads back what it wrote, line for line', () => {
    const sh = lab();
    const live = capture(sh, 'tcpdump -n -e -i va', ['ip netns exec a ping -c 1 10.0.0.2']).out;
    const sh2 = lab();
    const w = capture(sh2, 'tcpdump -n -e -i va -w /tmp/va.pcapng', ['ip netns exec a ping -c 1 10.0.0.2']);
    expect(w.out).toEqual([]);
    const r = sh2.exec('tcpdump -n -e -r /tmp/va.pcapng');
    expect(r.stderr).toBe('reading from file /tmp/va.pcapng, link-type EN10MB (Ethernet), snapshot length 262144\n');
    const back = r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.replace(/^\S+ /, ''));
    const norm = (ls: string[], sh: Shell): string[] =>
      ls.map((l) =>
        l
          .replace(new RegExp(mac(sh, 'a', 'eth0'), 'g'), 'A')
          .replace(new RegExp(mac(sh, 'b', 'eth0'), 'g'), 'B')
          .replace(/id \d+/, 'id N'),
      );
    expect(norm(back, sh2)).toEqual(norm(live, sh));
    expect(sh2.exec('tcpdump -n -r /tmp/va.pcapng arp').stdout.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('-w writes classic pcap as libpcap does (magic a1b2c3d4, version 2.4, snap length, link type), Ethernet or cooked v2', () => {
    const sh = lab();
    const files = new MemoryFiles();
    sh.files = files;
    capture(sh, 'tcpdump -i va -w /e.pcap', ['ip netns exec a ping -c 1 10.0.0.2']);
    capture(sh, 'tcpdump -i any -w /any.pcap icmp', ['ip netns exec a ping -c 1 10.0.0.2']);
    for (const [path, linktype, frames] of [
      ['/e.pcap', 1, 4],
      ['/any.pcap', 276, 4],
    ] as const) {
      const b = files.files.get(path)!;
      const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
      expect([v.getUint32(0, true), v.getUint16(4, true), v.getUint16(6, true)]).toEqual([0xa1b2c3d4, 2, 4]);
      expect([v.getUint32(16, true), v.getUint32(20, true)]).toEqual([262144, linktype]);
      let n = 0;
      for (let o = 24; o < b.length; o += 16 + v.getUint32(o + 8, true)) n++;
      expect(n, path).toBe(frames);
    }
    // read back as it was written
    const r = sh.exec('tcpdump -n -r /any.pcap');
    expect(r.stderr).toBe(
      'reading from file /any.pcap, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144\nWarning: interface names might be incorrect\n',
    );
    expect(r.stdout.match(/ICMP echo/g)).toHaveLength(4);
  });
});

describe('checksums a device finishes', () => {
  const SERVE = ['ip netns exec b python3 -m http.server --bind 10.0.0.2 8000 &'];

  it('-v shows a local TCP segment with only the pseudo-header sum, as offload leaves it; a file holds the finished one', () => {
    const sh = lab();
    for (const l of SERVE) expect(sh.exec(l).status).toBe(0);
    const live = capture(sh, 'tcpdump -n -v -i va tcp', ['ip netns exec a curl http://10.0.0.2:8000/']).out.filter((l) =>
      l.includes('cksum'),
    );
    // 10.0.0.1 + 10.0.0.2 + proto 6 + a 40-byte SYN: 0x0a00+0x0001+0x0a00+0x0002+6+40
    expect(live[0]).toMatch(/Flags \[S\], cksum 0x1431 \(incorrect -> 0x[0-9a-f]{4}\), seq/);
    expect(live.every((l) => /\(incorrect -> 0x[0-9a-f]{4}\)/.test(l))).toBe(true);
    const sh2 = lab();
    for (const l of SERVE) sh2.exec(l);
    capture(sh2, 'tcpdump -n -i va -w /t.pcapng tcp', ['ip netns exec a curl http://10.0.0.2:8000/']);
    const back = sh2
      .exec('tcpdump -n -v -r /t.pcapng')
      .stdout.split('\n')
      .filter((l) => l.includes('cksum'));
    expect(back).toHaveLength(live.length);
    expect(back.every((l) => /cksum 0x[0-9a-f]{4} \(correct\)/.test(l))).toBe(true);
  });

  it('a whole connection: handshake, request, its quick ACK, headers and body each ACKed, then FIN from the server first', () => {
    const sh = lab();
    for (const l of SERVE) sh.exec(l);
    const out = capture(sh, 'tcpdump -n -i va tcp', ['ip netns exec a curl http://10.0.0.2:8000/']).out;
    const cli = /^IP 10\.0\.0\.1\.\d+ > 10\.0\.0\.2\.8000: /;
    const srv = /^IP 10\.0\.0\.2\.8000 > 10\.0\.0\.1\.\d+: /;
    const shape = out.map((l) => `${cli.test(l) ? 'c' : srv.test(l) ? 's' : '?'} ${/Flags \[([^\]]+)\]/.exec(l)?.[1]}`);
    expect(shape).toEqual(['c S', 's S.', 'c .', 'c P.', 's .', 's P.', 'c .', 's P.', 'c .', 's F.', 'c F.', 's .']);
    // curl's request, then http.server's headers (flushed by end_headers), then its body
    const req = Number(/length (\d+)$/.exec(out[3]!)?.[1]);
    const head = Number(/length (\d+)$/.exec(out[5]!)?.[1]);
    const body = Number(/length (\d+)$/.exec(out[7]!)?.[1]);
    expect(out[3]).toMatch(new RegExp(`seq 1:${1 + req}, ack 1, win 63, options \\[nop,nop,TS val \\d+ ecr \\d+\\], length ${req}$`));
    expect(out[4]).toMatch(new RegExp(`ack ${1 + req}, win 64, `));
    expect(out[5]).toMatch(new RegExp(`seq 1:${1 + head}, ack ${1 + req}, win 64, `));
    expect(out[6]).toMatch(new RegExp(`ack ${1 + head}, win 63, `));
    expect(out[7]).toMatch(new RegExp(`seq ${1 + head}:${1 + head + body}, ack ${1 + req}, win 64, `));
    expect(out[8]).toMatch(new RegExp(`ack ${1 + head + body}, win 63, `));
    expect(out[9]).toMatch(new RegExp(`Flags \\[F\\.\\], seq ${1 + head + body}, ack ${1 + req}, win 64`));
    expect(out[10]).toMatch(new RegExp(`Flags \\[F\\.\\], seq ${1 + req}, ack ${2 + head + body}, win 63`));
    expect(out[11]).toMatch(new RegExp(`Flags \\[\\.\\], ack ${2 + req}, win 64`));
  });

  it('-vv checks a UDP checksum (bad when left to the device), -v does not', () => {
    const sh = lab();
    const v = capture(sh, 'tcpdump -n -v -i va udp', ['ip netns exec a traceroute -n -m 1 10.0.0.2']).out;
    expect(v[1]).toMatch(/^ {4}10\.0\.0\.1\.\d+ > 10\.0\.0\.2\.33434: UDP, length 32$/);
    const vv = capture(lab(), 'tcpdump -n -vv -i va udp', ['ip netns exec a traceroute -n -m 1 10.0.0.2']).out;
    // 0x0a00+0x0001+0x0a00+0x0002+17+40
    expect(vv[1]).toMatch(/^ {4}10\.0\.0\.1\.\d+ > 10\.0\.0\.2\.33434: \[bad udp cksum 0x143c -> 0x[0-9a-f]{4}!\] UDP, length 32$/);
  });
});
