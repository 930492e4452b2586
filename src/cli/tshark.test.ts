// Every capture file the lab writes must open in Wireshark: tshark reads it without a word of
// warning, finds the checksums right, and lists the same packets with the same protocols as
// netlab's own reading of it. Captures are taken on every device and on "any" of every
// namespace while corpus scenarios run. `npm test` installs tshark (scripts/setup.mjs --tshark).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type PcapInterface, type PcapPacket, readCapture, writePcapng } from '../core/capture/pcapng.ts';
import { logicalLines } from '../cmd/lex.ts';
import { Shell } from '../cmd/shell.ts';
import { MemoryFiles } from '../cmd/tcpdump/tcpdump.ts';

const TSHARK = '/usr/bin/tshark';
const SCENARIOS = [
  '12-bridge-basics.sh',
  '02-bridge-nat-portmap.sh',
  '04-macvlan-modes.sh',
  '18-vxlan-underlay.sh',
  '24-reject-input-curl.sh',
  '25-reject-forward-icmp.sh',
  '73-traceroute-nat.sh',
  '400-dns-capture.sh',
];

const dir = mkdtempSync(join(tmpdir(), 'netlab-tshark-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** run a scenario with captures on every device and on any, from its first probe on */
function captures(name: string): Map<string, Uint8Array> {
  const sh = new Shell();
  const files = new MemoryFiles();
  sh.files = files;
  sh.recorderProbes = true;
  const text = readFileSync(join('conformance/scenarios', name), 'utf8');
  let started = false;
  for (const { text: line } of logicalLines(text)) {
    const probe = /(^|\s)(ping|traceroute|curl)\s/.test(line);
    if (probe && !started) {
      started = true;
      for (const ns of sh.world.allNs()) {
        const at = ns.name === null ? null : ns.name;
        sh.exec(`tcpdump -i any -w /${ns.label}-any.pcap &`, at);
        // and, as Ethernet, on the host's bridges (the lab's own busiest devices)
        if (ns.name === null)
          for (const d of ns.deviceList())
            if (d.up && d.kind === 'bridge') sh.exec(`tcpdump -i ${d.name} -w /${ns.label}-${d.name}.pcap &`, at);
      }
    }
    sh.exec(line);
  }
  sh.interruptJobs();
  return files.files;
}

/** the protocols of a frame, read from its bytes: what tshark's frame.protocols must name */
function protocols(b: Uint8Array, sll: boolean): string[] {
  const out = [sll ? 'sll' : 'eth'];
  let o = sll ? 20 : 14;
  let type = sll ? (b[0]! << 8) | b[1]! : (b[12]! << 8) | b[13]!;
  for (;;) {
    if (type === 0x0806) return [...out, 'arp'];
    if (type !== 0x0800) return out;
    out.push('ip');
    const proto = b[o + 9]!;
    const frag = ((b[o + 6]! & 0x1f) << 8) | b[o + 7]!;
    const l4 = o + (b[o]! & 0x0f) * 4;
    if (frag !== 0) return out;
    if (proto === 1) {
      // an ICMP error quotes the datagram it is about, and tshark dissects that too
      const t = b[l4]!;
      if (t !== 3 && t !== 11 && t !== 5) return [...out, 'icmp'];
      const inner = b[l4 + 8 + 9]!;
      return [...out, 'icmp', 'ip', ...(inner === 1 ? ['icmp'] : inner === 6 ? ['tcp'] : inner === 17 ? ['udp'] : [])];
    }
    if (proto === 6) return [...out, 'tcp'];
    if (proto !== 17) return out;
    out.push('udp');
    // a message from or to port 53 is DNS
    if (((b[l4]! << 8) | b[l4 + 1]!) === 53 || ((b[l4 + 2]! << 8) | b[l4 + 3]!) === 53) return [...out, 'dns'];
    if (((b[l4 + 2]! << 8) | b[l4 + 3]!) !== 4789) return out;
    out.push('vxlan', 'eth');
    o = l4 + 16 + 14;
    type = (b[o - 2]! << 8) | b[o - 1]!;
  }
}

function tshark(file: string, ...args: string[]): { stdout: string; stderr: string } {
  const r = spawnSync(
    TSHARK,
    ['-r', file, '-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE', ...args],
    {
      encoding: 'utf8',
    },
  );
  // tshark's own remark about running as root says nothing about the file
  const stderr = r.stderr
    .split('\n')
    .filter((l) => l && !l.startsWith('Running as user "root"'))
    .join('\n');
  return { stdout: r.stdout, stderr };
}

const KNOWN = new Set(['eth', 'sll', 'arp', 'ip', 'icmp', 'tcp', 'udp', 'vxlan', 'dns']);

/** check one capture file with tshark; the number of packets it holds */
function check(label: string, bytes: Uint8Array): number {
  const file = readCapture(bytes);
  if (file.packets.length === 0) return 0;
  const local = join(dir, label.replace(/\//g, '_'));
  writeFileSync(local, bytes);
  const fields = [
    'frame.protocols',
    '_ws.malformed',
    '_ws.expert.severity',
    '_ws.expert.message',
    'ip.checksum.status',
    'icmp.checksum.status',
    'tcp.checksum.status',
    'udp.checksum.status',
  ];
  const listed = tshark(local, '-T', 'fields', '-E', 'separator=/t', ...fields.flatMap((f) => ['-e', f]));
  expect(listed.stderr, label).toBe('');
  const rows = listed.stdout
    .trimEnd()
    .split('\n')
    .map((l) => l.split('\t'));
  const theirs = rows.map((r) => r[0]!.split(':').filter((p) => KNOWN.has(p)));
  const ours = file.packets.map((p) => protocols(p.data, file.interfaces[p.iface]!.linktype !== 1));
  expect(theirs, label).toEqual(ours);
  // nothing malformed, no expert remark of warning or worse (PI_WARN, 0x600000) but the
  // one a reset earns (the traffic's doing, not the file's), every checksum good (0 is bad)
  const warns = (r: string[]): number => (r[2] ? r[2].split(',').filter((x) => Number(x) >= 0x600000).length : 0);
  const rst = (r: string[]): number => (r[3]?.includes('Connection reset (RST)') ? 1 : 0);
  // a capture on `any` (or several in one file) sees each segment once per device it crosses:
  // to tshark's reassembly the same bytes again are a retransmission overlapping old data
  const again = (r: string[]): number =>
    r[3]?.includes('(suspected) retransmission') && r[3].includes('New fragment overlaps old data') ? 1 : 0;
  const faults = rows.filter(
    (r) => (r[1] && !again(r)) || warns(r) > rst(r) + again(r) || r.slice(4).some((c) => c.split(',').includes('0')),
  );
  expect(
    faults.map((r) => r.join(' ')),
    `${label}: packets tshark finds fault with`,
  ).toEqual([]);
  return file.packets.length;
}

/** every capture of a scenario in one pcapng: one interface description block per capture (tshark starts slowly) */
function merged(files: Map<string, Uint8Array>): Uint8Array {
  const interfaces: PcapInterface[] = [];
  const packets: PcapPacket[] = [];
  for (const [path, bytes] of files) {
    const f = readCapture(bytes);
    if (!f.packets.length) continue;
    const base = interfaces.length;
    interfaces.push(...f.interfaces.map((i) => ({ ...i, name: `${path.slice(1, -8)}` })));
    packets.push(...f.packets.map((p) => ({ ...p, iface: p.iface + base })));
  }
  return writePcapng({ interfaces, packets });
}

describe.skipIf(!existsSync(TSHARK))('tshark reads the captures the lab writes', () => {
  it('a file tcpdump -w wrote, as it is', () => {
    const files = captures(SCENARIOS[0]!);
    expect(check('root-any.pcap', files.get('/root-any.pcap')!)).toBeGreaterThan(0);
    expect(check('root-br0.pcap', files.get('/root-br0.pcap')!)).toBeGreaterThan(0);
  });

  it.each(SCENARIOS)('every capture of %s', (name) => {
    expect(check(`${name}.pcapng`, merged(captures(name)))).toBeGreaterThan(0);
  });
});
if (!existsSync(TSHARK))
  console.warn('tshark is not installed: run `node scripts/setup.mjs --tshark` (npm test does) to check capture files');
