// The capture view's captures, driven through the worker's requests as the page sends them:
// what the packet list shows, the display filter, and the file Save as .pcapng downloads,
// checked with tshark (its columns must be the list's, row for row).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCapture } from '../core/capture/pcapng.ts';
import type { CapturePacket, RequestBody, RequestId, ResponseFor } from '../protocol/messages.ts';
import { LabHost } from './dispatch.ts';

let id = 1;
function ask<B extends RequestBody>(h: LabHost, body: B): ResponseFor[B['type']] {
  const r = h.handle({ ...body, id: id++ as RequestId } as never);
  if (r.type === 'failed') throw new Error(r.message);
  return r as ResponseFor[B['type']];
}

function run(h: LabHost, lines: string[], ns: string | null = null): void {
  const r = ask(h, { type: 'exec', lines: lines.map((line) => ({ line, ns })), atomic: false, trace: false });
  for (const o of r.outcomes) if (o.status !== 0 && o.kind !== 'probe') throw new Error(`${o.line}: ${o.stderr}`);
}

/** a namespace on a bridge, the host routes it out through MASQUERADE to a namespace beyond */
function natLab(): LabHost {
  const h = new LabHost();
  run(h, [
    'ip netns add outside',
    'ip link add wan0 type veth peer name up0 netns outside',
    'ip addr add 198.51.100.2/24 dev wan0',
    'ip link set wan0 up',
    'ip -n outside addr add 198.51.100.1/24 dev up0',
    'ip -n outside link set up0 up',
    'ip netns add inside',
    'ip link add lan type bridge',
    'ip link set lan up',
    'ip addr add 10.9.0.1/24 dev lan',
    'ip link add v-in type veth peer name v-br',
    'ip link set v-in netns inside',
    'ip link set v-br master lan',
    'ip link set v-br up',
    'ip -n inside addr add 10.9.0.2/24 dev v-in',
    'ip -n inside link set v-in up',
    'ip -n inside route add default via 10.9.0.1',
    'sysctl -w net.ipv4.ip_forward=1',
    'iptables -t nat -A POSTROUTING -s 10.9.0.0/24 -o wan0 -j MASQUERADE',
  ]);
  return h;
}

function start(h: LabHost, ns: string, dev: string): number {
  const r = ask(h, { type: 'captureStart', ns, dev });
  expect(r.error).toBeNull();
  return r.capture!.id;
}

function rows(h: LabHost, capture: number): CapturePacket[] {
  return ask(h, { type: 'captureRead', from: [{ capture, from: 0 }] }).batches[0]!.packets as CapturePacket[];
}

const line = (p: CapturePacket) => `${p.src} ${p.dst} ${p.protocol} ${p.info}`;

describe('the capture view', () => {
  it('lists the ARP exchange and the echo before SNAT on the bridge, after it on the outer interface', () => {
    const h = natLab();
    const lan = start(h, 'root', 'lan');
    const wan = start(h, 'root', 'wan0');
    run(h, ['ping -c 1 198.51.100.1'], 'inside');
    const inside = rows(h, lan).map(line);
    expect(inside).toEqual([
      expect.stringMatching(/^\S+ ff:ff:ff:ff:ff:ff ARP Who has 10\.9\.0\.1\? Tell 10\.9\.0\.2$/),
      expect.stringMatching(/^\S+ \S+ ARP 10\.9\.0\.1 is at \S+$/),
      expect.stringMatching(/^10\.9\.0\.2 198\.51\.100\.1 ICMP Echo \(ping\) request {2}id=0x\w{4}, seq=1\/256, ttl=64 \(reply in 4\)$/),
      expect.stringMatching(/^198\.51\.100\.1 10\.9\.0\.2 ICMP Echo \(ping\) reply {4}id=0x\w{4}, seq=1\/256, ttl=63 \(request in 3\)$/),
    ]);
    const outside = rows(h, wan).map(line);
    expect(outside.filter((l) => l.includes('ICMP'))).toEqual([
      expect.stringMatching(/^198\.51\.100\.2 198\.51\.100\.1 ICMP Echo \(ping\) request .*ttl=63 \(reply in \d\)$/),
      expect.stringMatching(/^198\.51\.100\.1 198\.51\.100\.2 ICMP Echo \(ping\) reply .*ttl=64 \(request in \d\)$/),
    ]);
    // the header tree of the request as it left the router
    const req = rows(h, wan).find((p) => p.info.includes('request'))!;
    const ip = req.tree.find((f) => f.text.startsWith('Internet Protocol Version 4'))!;
    expect(ip.text).toBe('Internet Protocol Version 4, Src: 198.51.100.2, Dst: 198.51.100.1');
    expect(ip.children!.map((f) => f.text)).toContain('Time to Live: 63');
    expect(ip.children!.find((f) => f.text.startsWith('Header Checksum'))!.text).toMatch(/^Header Checksum: 0x[0-9a-f]{4} \[correct\]$/);
  });

  it('sends each packet once, and amends a request once its reply arrives', () => {
    const h = natLab();
    const lan = start(h, 'root', 'lan');
    run(h, ['ping -c 1 198.51.100.1'], 'inside');
    const first = ask(h, { type: 'captureRead', from: [{ capture: lan, from: 3 }] }).batches[0]!;
    expect(first.packets.map((p) => p.no)).toEqual([4]);
    expect(first.amends).toEqual([{ no: 3, info: ' (reply in 4)' }]);
    expect(ask(h, { type: 'captureRead', from: [{ capture: lan, from: 4 }] }).batches[0]!.amends).toEqual([]);
  });

  it('a display filter in the pcap-filter language; a bad one gets tcpdump’s message and keeps the last', () => {
    const h = natLab();
    const lan = start(h, 'root', 'lan');
    run(h, ['ping -c 1 198.51.100.1'], 'inside');
    expect(ask(h, { type: 'captureFilter', capture: lan, expr: 'icmp' })).toMatchObject({ error: null, passing: [3, 4] });
    expect(ask(h, { type: 'captureFilter', capture: lan, expr: 'icmp and (' })).toMatchObject({
      error: "tcpdump: can't parse filter expression: syntax error",
      passing: [3, 4],
    });
    // frames taken from now on are filtered by the filter in force
    run(h, ['traceroute -n 10.9.0.1'], 'inside');
    const all = rows(h, lan);
    expect(all.filter((p) => p.pass).every((p) => p.protocol === 'ICMP')).toBe(true);
    expect(all.filter((p) => p.pass).length).toBeGreaterThan(2);
    expect(all.filter((p) => !p.pass).map((p) => p.protocol)).toContain('UDP');
    expect(ask(h, { type: 'captureFilter', capture: lan, expr: '' }).passing).toHaveLength(all.length);
  });

  it('refuses a device that does not exist or is down with tcpdump’s words', () => {
    const h = natLab();
    expect(ask(h, { type: 'captureStart', ns: 'inside', dev: 'eth9' }).error).toBe('eth9: No such device exists\n(No such device exists)');
    run(h, ['ip link set wan0 down']);
    expect(ask(h, { type: 'captureStart', ns: 'root', dev: 'wan0' }).error).toBe('wan0: That device is not up');
  });

  it('a stopped capture takes nothing more; a capture follows the world through a rebuild', () => {
    const h = natLab();
    const lan = start(h, 'root', 'lan');
    const wan = start(h, 'root', 'wan0');
    ask(h, { type: 'captureControl', capture: lan, action: 'stop' });
    const log = ask(h, { type: 'exec', lines: [], atomic: true, trace: false }).view.log;
    ask(h, { type: 'reset', log });
    run(h, ['ping -c 1 198.51.100.1'], 'inside');
    expect(rows(h, lan)).toEqual([]);
    expect(rows(h, wan).some((p) => p.protocol === 'ICMP')).toBe(true);
  });
});

const TSHARK = '/usr/bin/tshark';
const dir = mkdtempSync(join(tmpdir(), 'netlab-capview-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!existsSync(TSHARK))('Save as .pcapng, read by tshark', () => {
  it('holds one interface per capture and the packets of the list, with the same columns', () => {
    const h = natLab();
    const lan = start(h, 'root', 'lan');
    const wan = start(h, 'root', 'wan0');
    run(h, ['ping -c 2 198.51.100.1', 'traceroute -n 198.51.100.1'], 'inside');
    run(h, ['python3 -m http.server 80 &'], 'outside');
    run(h, ['curl -s http://198.51.100.1/'], 'inside');
    const saved = ask(h, { type: 'captureSave', captures: [lan, wan] });
    const file = readCapture(saved.bytes);
    expect(file.interfaces).toEqual([
      { name: 'lan', linktype: 1 },
      { name: 'wan0', linktype: 1 },
    ]);
    const path = join(dir, 'saved.pcapng');
    writeFileSync(path, saved.bytes);
    const fields = [
      'frame.interface_name',
      '_ws.col.Source',
      '_ws.col.Destination',
      '_ws.col.Protocol',
      '_ws.col.Info',
      '_ws.expert.severity',
    ];
    const r = spawnSync(
      TSHARK,
      [
        '-n',
        '-r',
        path,
        '-o',
        'ip.check_checksum:TRUE',
        '-o',
        'tcp.check_checksum:TRUE',
        '-o',
        'udp.check_checksum:TRUE',
        '-T',
        'fields',
        '-E',
        'separator=/t',
        ...fields.flatMap((f) => ['-e', f]),
      ],
      { encoding: 'utf8' },
    );
    const stderr = r.stderr.split('\n').filter((l) => l && !l.startsWith('Running as user "root"'));
    expect(stderr).toEqual([]);
    const theirs = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split('\t'));
    // the list's rows in the file's order: the order the captures took them in
    const ours = [...rows(h, lan).map((p) => ({ ...p, ifname: 'lan' })), ...rows(h, wan).map((p) => ({ ...p, ifname: 'wan0' }))].sort(
      (a, b) => a.seq - b.seq,
    );
    expect(saved.packets).toBe(ours.length);
    expect(theirs.length).toBe(ours.length);
    // Wireshark's second pass finds a request's reply even in another capture of the file,
    // and names a request never answered: the list knows its own capture's only
    const own = (s: string) => s.replace(/ \((reply|request) in \d+\)$/, '').replace(/ \(no response found!\)$/, '');
    expect(theirs.map((t) => [t[0], t[1], t[2], t[3], own(t[4]!)].join(' | '))).toEqual(
      ours.map((p) => [p.ifname, p.src, p.dst, p.protocol, own(p.info)].join(' | ')),
    );
    expect(new Set(ours.map((p) => p.protocol))).toEqual(new Set(['ARP', 'ICMP', 'UDP', 'TCP', 'HTTP']));
    // no warning or error from tshark's experts on any packet (PI_WARN is 0x600000)
    expect(theirs.filter((t) => (t[5] ?? '').split(',').some((x) => Number(x) >= 0x600000))).toEqual([]);
  });

  it('a traced probe as a pcapng: each device the packets crossed is an interface, the request before and after SNAT', () => {
    const h = natLab();
    expect(ask(h, { type: 'exec', lines: [{ line: 'ip -n inside addr', ns: null }], atomic: false, trace: true }).pcapng).toBeUndefined();
    const r = ask(h, { type: 'exec', lines: [{ line: 'ping -c 1 198.51.100.1', ns: 'inside' }], atomic: false, trace: true });
    const file = readCapture(r.pcapng!);
    expect(file.interfaces.map((i) => i.name)).toEqual(['inside/v-in', 'v-br', 'lan', 'wan0', 'outside/up0']);
    const path = join(dir, 'trace.pcapng');
    writeFileSync(path, r.pcapng!);
    const out = spawnSync(
      TSHARK,
      [
        '-n',
        '-r',
        path,
        '-o',
        'ip.check_checksum:TRUE',
        '-T',
        'fields',
        '-E',
        'separator=|',
        '-e',
        'frame.interface_name',
        '-e',
        'ip.src',
        '-e',
        '_ws.col.Protocol',
        '-e',
        '_ws.expert.severity',
      ],
      { encoding: 'utf8' },
    );
    expect(out.stderr.split('\n').filter((l) => l && !l.startsWith('Running as user'))).toEqual([]);
    const rows = out.stdout.trimEnd().split('\n');
    const requests = rows.filter((l) => l.endsWith('|ICMP|')).map((l) => l.split('|').slice(0, 2).join(' '));
    // the request, then its reply, each on every device it crossed (out of one, into the next)
    expect(requests).toEqual([
      'inside/v-in 10.9.0.2',
      'v-br 10.9.0.2',
      'lan 10.9.0.2',
      'wan0 198.51.100.2',
      'outside/up0 198.51.100.2',
      'outside/up0 198.51.100.1',
      'wan0 198.51.100.1',
      'lan 198.51.100.1',
      'v-br 198.51.100.1',
      'inside/v-in 198.51.100.1',
    ]);
    expect(rows.filter((l) => l.includes('|ARP|')).length).toBeGreaterThanOrEqual(4);
  });
});
