import { describe, expect, it } from 'vitest';
import { Shell } from '../../cmd/shell.ts';
import { snapshot } from '../../core/snapshot.ts';
import type { TraceEvent } from '../../core/trace.ts';
import { EMPTY_META } from '../doc/document.ts';
import { deriveGraph } from '../graph/derive.ts';
import { directions, editableFix, finalDrop, fixLine, fixLines, placeEvents, runnableFix, summarize } from './model.ts';

const NAT = [
  'ip netns add isp',
  'ip link add eth0 type veth peer name up0 netns isp',
  'ip addr add 172.16.16.141/24 dev eth0',
  'ip link set eth0 up',
  'ip -n isp addr add 172.16.16.1/24 dev up0',
  'ip -n isp addr add 203.0.113.5/32 dev lo',
  'ip -n isp link set up0 up',
  'ip -n isp link set lo up',
  'ip route add default via 172.16.16.1',
  'ip netns add ns1',
  'ip link add br0 type bridge',
  'ip link set br0 up',
  'ip link add veth-ns1 type veth peer name veth-ns1-br',
  'ip link set veth-ns1 netns ns1',
  'ip -n ns1 addr add 192.168.1.1/24 dev veth-ns1',
  'ip -n ns1 link set veth-ns1 up',
  'ip link set veth-ns1-br up',
  'ip link set veth-ns1-br master br0',
  'sysctl -w net.ipv4.ip_forward=1',
  'ip addr add 192.168.1.254/24 dev br0',
  'ip netns exec ns1 ip route add default via 192.168.1.254',
  'iptables -t nat -A POSTROUTING -s 192.168.1.0/24 ! -o br0 -j MASQUERADE',
];

function traced(
  lines: string[],
  probe: string,
  ns: string,
): { shell: Shell; events: TraceEvent[]; record: Record<string, unknown> | undefined; stderr: string } {
  const shell = new Shell();
  for (const l of lines) expect(shell.exec(l).status, l).toBe(0);
  const events: TraceEvent[] = [];
  const off = shell.world.onTrace((e) => events.push(e));
  const r = shell.exec(probe, ns);
  off();
  return { shell, events, record: r.record, stderr: r.stderr };
}

describe('a traced ping through MASQUERADE', () => {
  const { shell, events, record, stderr } = traced(NAT, 'ping -c 1 203.0.113.5', 'ns1');
  const dirs = directions(events);

  it('tells requests, replies and ARP apart', () => {
    const snat = events.findIndex((e) => e.type === 'nat' && e.kind === 'SNAT');
    const dnat = events.findIndex((e) => e.type === 'nat' && e.kind === 'DNAT');
    expect(dirs[snat]).toBe('request');
    expect(dirs[dnat]).toBe('reply');
    expect(dirs[events.findIndex((e) => e.pkt?.proto === 'arp')]).toBe('arp');
  });

  it('puts every transmit on a canvas edge, in the direction the packet goes', () => {
    const g = deriveGraph(snapshot(shell.world), EMPTY_META);
    const places = placeEvents(events, g);
    events.forEach((e, i) => {
      if (e.type === 'xmit' && e.to) expect(places[i]!.edge, JSON.stringify(e)).not.toBeNull();
    });
    const first = events.findIndex((e) => e.type === 'xmit' && e.ns === 'ns1');
    const back = events.findIndex((e) => e.type === 'xmit' && e.ns === 'root' && e.to?.ns === 'ns1');
    expect(places[first]!.edge!.id).toBe(places[back]!.edge!.id);
    expect(places[first]!.edge!.reverse).not.toBe(places[back]!.edge!.reverse);
    // a NAT event has no device: it is drawn where the packet last was in that namespace
    const snat = events.findIndex((e) => e.type === 'nat');
    expect(places[snat]!.at).toEqual({ node: 'host', port: 'eth0' });
  });

  it('summarises a reply as a success', () => {
    expect(summarize(events, record, stderr)).toEqual({ ok: true, summary: 'reply' });
  });
});

describe('why it died', () => {
  it('names the FORWARD policy and offers its fix as a line to run', () => {
    const { events, record, stderr } = traced([...NAT, 'iptables -P FORWARD DROP'], 'ping -c 1 203.0.113.5', 'ns1');
    const drop = finalDrop(events)!;
    expect(drop.code).toBe('filtered');
    expect(summarize(events, record, stderr)).toEqual({ ok: false, summary: drop.reason });
    // the narrow rule for this packet's devices, and the return rule its replies need
    expect(fixLine(drop)).toBe(
      'iptables -I FORWARD -i br0 -o eth0 -j ACCEPT\niptables -I FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    );
  });

  it('runs only complete command lines; a fix with a blank goes to the terminal instead', () => {
    expect(runnableFix('ip netns exec host0 sysctl -w net.ipv4.ip_forward=1')).toBe('ip netns exec host0 sysctl -w net.ipv4.ip_forward=1');
    expect(runnableFix('ip netns exec isp ip route add default via <gateway>')).toBeNull();
    expect(editableFix('ip netns exec isp ip route add default via <gateway>')).toBe(
      'ip netns exec isp ip route add default via <gateway>',
    );
    expect(runnableFix('check that the next hop is up, on the same layer-2 segment, and owns that address')).toBeNull();
    expect(editableFix('send with a larger TTL (ping -t, traceroute -m)')).toBeNull();
    expect(runnableFix('iptables -P FORWARD ACCEPT; ip link del eth0')).toBeNull();
    // a fix of several lines runs when every line does; one blank makes it a person's job
    expect(runnableFix('ip link set a up\nsysctl -w net.ipv4.ip_forward=1')).toBe('ip link set a up\nsysctl -w net.ipv4.ip_forward=1');
    expect(runnableFix('ip link set a up\nip route add <prefix> dev a')).toBeNull();
    expect(editableFix('ip link set a up\nip route add <prefix> dev a')).toBeNull();
  });

  it('runs a fix found in a namespace in that namespace', () => {
    const drop: Extract<TraceEvent, { type: 'drop' }> = {
      type: 'drop',
      t: 0,
      ns: 'ns2',
      reason: 'x',
      code: 'filtered',
      fix: 'iptables -P INPUT ACCEPT',
    };
    expect(fixLine(drop)).toBe('ip netns exec ns2 iptables -P INPUT ACCEPT');
  });

  it('runs a fix the kernel places in another namespace there, line by line', () => {
    const base = { type: 'drop', t: 0, ns: 'c1', reason: 'x', code: 'no-arp-reply' } as const;
    expect(fixLines({ ...base, fix: 'ip link set a up\nip link set b up', fixNs: 'root' })).toEqual([
      'ip link set a up',
      'ip link set b up',
    ]);
    expect(fixLines({ ...base, fix: 'ip link set a up', fixNs: 'host' })).toEqual(['ip netns exec host ip link set a up']);
  });
});
