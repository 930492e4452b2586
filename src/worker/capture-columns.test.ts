// The capture view's columns are Wireshark's: every frame of corpus scenarios, captured on
// every device of every namespace, is listed by the view's dissector exactly as tshark lists
// it (Source, Destination, Protocol, Info; the "(reply in N)" Wireshark finds on its second
// pass aside). VXLAN, REJECT's ICMP errors and resets, macvlan, NAT and DNS among them.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Dissector } from '../core/capture/dissect.ts';
import { type PcapInterface, type PcapPacket, readCapture, writePcapng } from '../core/capture/pcapng.ts';
import { logicalLines } from '../cmd/lex.ts';
import { Shell } from '../cmd/shell.ts';
import { MemoryFiles } from '../cmd/tcpdump/tcpdump.ts';

const TSHARK = '/usr/bin/tshark';
const SCENARIOS = [
  '02-bridge-nat-portmap.sh',
  '04-macvlan-modes.sh',
  '18-vxlan-underlay.sh',
  '24-reject-input-curl.sh',
  '73-traceroute-nat.sh',
  '400-dns-capture.sh',
];

const dir = mkdtempSync(join(tmpdir(), 'netlab-columns-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** a scenario run with a capture on every device of every namespace from its first probe on: one file */
function captured(name: string): Uint8Array {
  const sh = new Shell();
  const files = new MemoryFiles();
  sh.files = files;
  sh.recorderProbes = true;
  const text = readFileSync(join('conformance/scenarios', name), 'utf8');
  let started = false;
  for (const { text: line } of logicalLines(text)) {
    if (/(^|\s)(ping|traceroute|curl)\s/.test(line) && !started) {
      started = true;
      for (const ns of sh.world.allNs())
        for (const d of ns.deviceList())
          if (d.up && d.kind !== 'loopback') sh.exec(`tcpdump -i ${d.name} -w /${ns.label}=${d.name} &`, ns.name === null ? null : ns.name);
    }
    sh.exec(line);
  }
  sh.interruptJobs();
  const interfaces: PcapInterface[] = [];
  const packets: PcapPacket[] = [];
  for (const [path, bytes] of files.files) {
    const f = readCapture(bytes);
    if (!f.packets.length) continue;
    const iface = interfaces.length;
    interfaces.push({ name: path.slice(1), linktype: 1 });
    packets.push(...f.packets.map((p) => ({ ...p, iface })));
  }
  return writePcapng({ interfaces, packets });
}

const own = (s: string) => s.replace(/ \((reply|request) in \d+\)$/, '').replace(/ \(no response found!\)$/, '');

describe.skipIf(!existsSync(TSHARK))('the capture view lists frames as Wireshark does', () => {
  it.each(SCENARIOS)('every frame of %s', (name) => {
    const bytes = captured(name);
    const file = readCapture(bytes);
    const path = join(dir, `${name}.pcapng`);
    writeFileSync(path, bytes);
    const r = spawnSync(
      TSHARK,
      [
        '-n',
        '-r',
        path,
        '-T',
        'fields',
        '-E',
        'separator=/t',
        ...['_ws.col.Source', '_ws.col.Destination', '_ws.col.Protocol', '_ws.col.Info'].flatMap((f) => ['-e', f]),
      ],
      { encoding: 'utf8' },
    );
    const theirs = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => {
        const [src, dst, proto, info] = l.split('\t');
        return `${src} > ${dst} ${proto} ${own(info ?? '')}`;
      });
    // one dissector per capture, as the view keeps one per tab
    const dissectors = new Map<number, Dissector>();
    const counts = new Map<number, number>();
    const ours = file.packets.map((p) => {
      const d = dissectors.get(p.iface) ?? new Dissector();
      dissectors.set(p.iface, d);
      const no = (counts.get(p.iface) ?? 0) + 1;
      counts.set(p.iface, no);
      const x = d.dissect(no, p.data, file.interfaces[p.iface]!.name, p.dir ?? null);
      return `${x.src} > ${x.dst} ${x.protocol} ${own(x.info)}`;
    });
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.length).toBe(theirs.length);
    // one file holds every device's capture: a segment seen again on the next device is, to
    // Wireshark's TCP analysis, a retransmission or a keep-alive (and not dissected further); those rows aside
    const again = theirs.map((l) =>
      / TCP \[TCP (Retransmission|Keep-Alive|Spurious Retransmission|Dup ACK|Out-Of-Order|Previous segment not captured|ACKed unseen segment)/.test(
        l,
      ),
    );
    expect(ours.filter((_, i) => !again[i])).toEqual(theirs.filter((_, i) => !again[i]));
  });
});
