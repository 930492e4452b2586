// The capture view's state as the page keeps it, driven against the worker's host in Node:
// rows arrive once and in order, a reply amends its request's row, a refused filter leaves the
// list as it was, Stop keeps what was taken, Close forgets the tab.

import { afterEach, describe, expect, it } from 'vitest';
import { readCapture } from '../../core/capture/pcapng.ts';
import type { RequestBody, RequestId, ResponseFor } from '../../protocol/messages.ts';
import { LabHost } from '../../worker/dispatch.ts';
import { Captures, fileName } from './captures.ts';
import { traceFileName } from './download.ts';

let id = 1;
function setup(): { host: LabHost; captures: Captures; run: (line: string, ns: string | null) => void } {
  const host = new LabHost();
  const run = (line: string, ns: string | null) => {
    const r = host.handle({ type: 'exec', id: id++ as RequestId, lines: [{ line, ns }], atomic: false, trace: false });
    if (r.type !== 'exec') throw new Error(JSON.stringify(r));
  };
  for (const l of [
    'ip netns add a',
    'ip netns add b',
    'ip link add va type veth peer name vb',
    'ip link set va netns a',
    'ip link set vb netns b',
    'ip -n a addr add 10.1.0.1/24 dev va',
    'ip -n b addr add 10.1.0.2/24 dev vb',
    'ip -n a link set va up',
    'ip -n b link set vb up',
  ])
    run(l, null);
  const captures = new Captures({
    request: <B extends RequestBody>(body: B) =>
      Promise.resolve(host.handle({ ...body, id: id++ as RequestId } as never) as ResponseFor[B['type']]),
  });
  open.push(captures);
  return { host, captures, run };
}

const open: Captures[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.dispose();
});

describe('the capture view’s tabs', () => {
  it('lists what crosses the device, each row once, the request amended by its reply', async () => {
    const { captures, run } = setup();
    expect(await captures.start('a', 'va')).toBe(true);
    run('ping -c 1 10.1.0.2', 'a');
    await captures.read();
    run('ping -c 1 10.1.0.2', 'a');
    await captures.read();
    await captures.read();
    const tab = captures.store.getState().tabs[0]!;
    expect(tab.packets.map((p) => `${p.no} ${p.protocol} ${p.info}`)).toEqual([
      '1 ARP Who has 10.1.0.2? Tell 10.1.0.1',
      '2 ARP 10.1.0.2 is at ' + tab.packets[1]!.info.split(' is at ')[1],
      expect.stringMatching(/^3 ICMP Echo \(ping\) request .* \(reply in 4\)$/),
      expect.stringMatching(/^4 ICMP Echo \(ping\) reply .* \(request in 3\)$/),
      expect.stringMatching(/^5 ICMP Echo \(ping\) request .* \(reply in 6\)$/),
      expect.stringMatching(/^6 ICMP Echo \(ping\) reply .* \(request in 5\)$/),
    ]);
  });

  it('a second Capture on the same device shows its tab; a device that is down is refused in tcpdump’s words', async () => {
    const { captures, run } = setup();
    await captures.start('a', 'va');
    await captures.start('b', 'vb');
    await captures.start('a', 'va');
    const s = captures.store.getState();
    expect(s.tabs.map((t) => `${t.view.ns}/${t.view.dev}`)).toEqual(['a/va', 'b/vb']);
    expect(s.active).toBe(s.tabs[0]!.view.id);
    run('ip link set lo down', 'a');
    expect(await captures.start('a', 'lo')).toBe(false);
    expect(captures.store.getState().error).toBe('lo: That device is not up');
  });

  it('a refused filter keeps the rows shown and says why; a good one hides the others', async () => {
    const { captures, run } = setup();
    await captures.start('a', 'va');
    run('ping -c 1 10.1.0.2', 'a');
    await captures.read();
    const cap = captures.store.getState().tabs[0]!.view.id;
    await captures.filter(cap, 'arp');
    const shown = () =>
      captures.store
        .getState()
        .tabs[0]!.packets.filter((p) => p.pass)
        .map((p) => p.no);
    expect(shown()).toEqual([1, 2]);
    await captures.filter(cap, 'host');
    expect(captures.store.getState().tabs[0]!.filterError).toMatch(/^tcpdump: /);
    expect(captures.store.getState().tabs[0]!.view.filter).toBe('arp');
    expect(shown()).toEqual([1, 2]);
    await captures.filter(cap, 'not arp');
    expect(captures.store.getState().tabs[0]!.filterError).toBeNull();
    expect(shown()).toEqual([3, 4]);
  });

  it('Stop keeps what was taken and takes no more; Clear empties; Close forgets the tab', async () => {
    const { captures, run } = setup();
    await captures.start('a', 'va');
    const cap = captures.store.getState().tabs[0]!.view.id;
    run('ping -c 1 10.1.0.2', 'a');
    await captures.control(cap, 'stop');
    run('ping -c 1 10.1.0.2', 'a');
    await captures.read();
    let tab = captures.store.getState().tabs[0]!;
    expect(tab.view.running).toBe(false);
    expect(tab.packets).toHaveLength(4);
    await captures.control(cap, 'clear');
    tab = captures.store.getState().tabs[0]!;
    expect(tab.packets).toEqual([]);
    await captures.control(cap, 'close');
    expect(captures.store.getState()).toMatchObject({ tabs: [], active: null });
  });

  it('Save as .pcapng holds every open capture, one interface each, with every packet taken', async () => {
    const { captures, run } = setup();
    await captures.start('a', 'va');
    await captures.start('b', 'vb');
    run('ping -c 1 10.1.0.2', 'a');
    const r = await captures.save();
    const file = readCapture(r.bytes);
    expect(file.interfaces).toEqual([
      { name: 'a/va', linktype: 1 },
      { name: 'b/vb', linktype: 1 },
    ]);
    // each frame leaves one end before it reaches the other: request a → b, reply b → a
    expect(file.packets.map((p) => p.iface)).toEqual([0, 1, 1, 0, 0, 1, 1, 0]);
    expect(r.packets).toBe(8);
    expect(fileName(captures.store.getState().tabs)).toBe('a-va+b-vb.pcapng');
    expect(traceFileName('ns1', 'ping -c 1 203.0.113.5')).toBe('trace-ns1-ping-c-1-203.0.113.5.pcapng');
  });
});
