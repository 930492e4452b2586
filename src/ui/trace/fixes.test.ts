// Drop explanations that teach: each diagnosis names the real cause, and the fix it offers,
// run exactly as "Apply fix" runs it, makes the same probe succeed.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logicalLines } from '../../cmd/lex.ts';
import { Shell } from '../../cmd/shell.ts';
import type { TraceEvent } from '../../core/trace.ts';
import { finalDrop, fixLines } from './model.ts';

// a host routing ns1 (behind br0) out of eth0 to an ISP that owns 203.0.113.5
const LAN = [
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
];
const MASQ = 'iptables -t nat -A POSTROUTING -s 192.168.1.0/24 ! -o br0 -j MASQUERADE';

// a second namespace on br0, bridged traffic through iptables
const BRIDGED = [
  'ip netns add ns2',
  'ip link add veth-ns2 type veth peer name veth-ns2-br',
  'ip link set veth-ns2 netns ns2',
  'ip -n ns2 addr add 192.168.1.2/24 dev veth-ns2',
  'ip -n ns2 link set veth-ns2 up',
  'ip link set veth-ns2-br up',
  'ip link set veth-ns2-br master br0',
  'sysctl -w net.bridge.bridge-nf-call-iptables=1',
];

// 04: a host whose eth0 is on a LAN, containers with macvlan children of eth0 (up to the fix)
function macvlanLan(): string[] {
  const file = join(import.meta.dirname, '..', '..', '..', 'conformance', 'scenarios', '04-macvlan-modes.sh');
  const lines = logicalLines(readFileSync(file, 'utf8'))
    .map((l) => l.text)
    .filter((l) => !/\bping\b/.test(l));
  return lines.slice(
    0,
    lines.findIndex((l) => l.includes('macvlan_host')),
  );
}

const PRIVATE_MODE = [
  'ip netns add c3',
  'ip -n host link add mv3 link eth0 type macvlan mode private',
  'ip -n host link set mv3 netns c3',
  'ip -n c3 addr add 192.168.100.13/24 dev mv3',
  'ip -n c3 link set mv3 up',
];

function probe(shell: Shell, line: string, ns: string): { ok: boolean; events: TraceEvent[] } {
  const events: TraceEvent[] = [];
  const off = shell.world.onTrace((e) => events.push(e));
  const r = shell.exec(line, ns);
  off();
  const result = r.record?.['result'];
  return { ok: result === 'reply' || result === 'ok', events };
}

interface Case {
  readonly name: string;
  readonly setup: readonly string[];
  readonly probe: string;
  readonly ns: string;
  readonly code: string;
  /** what the reason must name */
  readonly reason: RegExp;
  /** the lines Apply fix runs, in order; null: no fix to run */
  readonly fix: readonly string[] | null;
  /** read the first drop with this code rather than the last drop of the trace */
  readonly firstDrop?: boolean;
  /** and what the fix must leave as it was */
  readonly after?: (shell: Shell) => void;
}

const CASES: readonly Case[] = [
  {
    name: 'FORWARD policy DROP: the narrow rule for this in/out pair, and the conntrack rule for the replies',
    setup: [...LAN, MASQ, 'iptables -P FORWARD DROP'],
    probe: 'ping -c 1 203.0.113.5',
    ns: 'ns1',
    code: 'filtered',
    reason: /FORWARD policy DROP/,
    fix: ['iptables -I FORWARD -i br0 -o eth0 -j ACCEPT', 'iptables -I FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT'],
    after: (shell) => expect(shell.exec('iptables -S FORWARD').stdout).toMatch(/^-P FORWARD DROP$/m),
  },
  {
    name: 'FORWARD policy DROP with a return rule already there: the narrow rule alone',
    setup: [...LAN, MASQ, 'iptables -P FORWARD DROP', 'iptables -A FORWARD -o br0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT'],
    probe: 'ping -c 1 203.0.113.5',
    ns: 'ns1',
    code: 'filtered',
    reason: /FORWARD policy DROP/,
    fix: ['iptables -I FORWARD -i br0 -o eth0 -j ACCEPT'],
  },
  {
    name: 'FORWARD policy DROP on bridged traffic: in and out by the bridge, one rule covers both ways',
    setup: [...LAN, ...BRIDGED, 'iptables -P FORWARD DROP'],
    probe: 'ping -c 1 192.168.1.2',
    ns: 'ns1',
    code: 'filtered',
    reason: /bridge-nf-call-iptables=1/,
    fix: ['iptables -I FORWARD -i br0 -o br0 -j ACCEPT'],
  },
  {
    name: 'a private source forwarded without NAT: the far end has no route back; MASQUERADE on the router',
    setup: LAN,
    probe: 'ping -c 1 203.0.113.5',
    ns: 'ns1',
    code: 'no-route',
    reason: /192\.168\.1\.1 is a private address, and root forwarded it out of eth0 without source NAT/,
    fix: ['iptables -t nat -A POSTROUTING -s 192.168.1.0/24 -o eth0 -j MASQUERADE'],
  },
  {
    name: 'the reply dies on its way, at a router with no route to the private source: the same NAT named',
    setup: [
      ...LAN,
      'ip netns add core',
      'ip -n isp link add down0 type veth peer name up1 netns core',
      'ip -n isp addr add 198.51.100.1/24 dev down0',
      'ip -n isp link set down0 up',
      'ip -n core addr add 198.51.100.2/24 dev up1',
      'ip -n core link set up1 up',
      'ip -n isp route add default via 198.51.100.2',
      'ip netns exec core sysctl -w net.ipv4.ip_forward=1',
      'ip -n core route add 203.0.113.0/24 via 198.51.100.1',
    ],
    // the last drop is isp's: the net unreachable core sends back finds no socket there
    firstDrop: true,
    probe: 'ping -c 1 203.0.113.5',
    ns: 'ns1',
    code: 'no-route',
    reason: /in core: 192\.168\.1\.1 is a private address, and root forwarded it out of eth0 without source NAT/,
    fix: ['iptables -t nat -A POSTROUTING -s 192.168.1.0/24 -o eth0 -j MASQUERADE'],
  },
  {
    name: 'the same for TCP: the answer to a curl has no route back',
    setup: [...LAN, 'ip netns exec isp python3 -m http.server 80 &'],
    probe: 'curl -s -m 2 http://203.0.113.5/',
    ns: 'ns1',
    code: 'no-route',
    reason: /without source NAT \(no MASQUERADE\)/,
    fix: ['iptables -t nat -A POSTROUTING -s 192.168.1.0/24 -o eth0 -j MASQUERADE'],
  },
  {
    name: 'a macvlan parent cannot reach its child: a macvlan of its own on the parent, and a route',
    setup: macvlanLan(),
    probe: 'ping -c 1 192.168.100.11',
    ns: 'host',
    code: 'no-arp-reply',
    reason: /mv1 \(in c1\) is a macvlan child of eth0, and a macvlan child and its parent cannot talk directly/,
    fix: [
      'ip netns exec host ip link add macvlan_host link eth0 type macvlan mode bridge',
      'ip netns exec host ip addr add 192.168.100.254/24 dev macvlan_host',
      'ip netns exec host ip link set macvlan_host up',
      'ip netns exec host ip route add 192.168.100.11 dev macvlan_host',
    ],
  },
  {
    name: 'a macvlan child cannot reach its parent: the same fix, run in the parent’s namespace',
    setup: macvlanLan(),
    probe: 'ping -c 1 192.168.100.2',
    ns: 'c1',
    code: 'no-arp-reply',
    reason: /mv1 is a macvlan child of eth0 \(in host\)/,
    fix: [
      'ip netns exec host ip link add macvlan_host link eth0 type macvlan mode bridge',
      'ip netns exec host ip addr add 192.168.100.254/24 dev macvlan_host',
      'ip netns exec host ip link set macvlan_host up',
      'ip netns exec host ip route add 192.168.100.11 dev macvlan_host',
    ],
  },
  {
    name: 'a macvlan parent in the host namespace: the fix runs on the host, not where the packet died',
    setup: [
      'ip netns add wire9',
      'ip link add p0 type veth peer name p1 netns wire9',
      'ip -n wire9 link set p1 up',
      'ip link set p0 up',
      'ip addr add 192.168.50.2/24 dev p0',
      'ip netns add c9',
      'ip link add mv9 link p0 type macvlan mode bridge',
      'ip link set mv9 netns c9',
      'ip -n c9 addr add 192.168.50.11/24 dev mv9',
      'ip -n c9 link set mv9 up',
    ],
    probe: 'ping -c 1 192.168.50.2',
    ns: 'c9',
    code: 'no-arp-reply',
    reason: /mv9 is a macvlan child of p0 \(in root\)/,
    fix: [
      'ip link add macvlan_host link p0 type macvlan mode bridge',
      'ip addr add 192.168.50.254/24 dev macvlan_host',
      'ip link set macvlan_host up',
      'ip route add 192.168.50.11 dev macvlan_host',
    ],
  },
  {
    name: "Docker's FORWARD policy DROP: named, and the ACCEPT goes in DOCKER-USER as Docker documents",
    // dockerd sets the policy when it turns ip_forward on itself: it starts before the LAN does
    setup: ['docker run -d --name web nginx', ...LAN, MASQ],
    probe: 'ping -c 1 203.0.113.5',
    ns: 'ns1',
    code: 'filtered',
    reason: /Docker set FORWARD's policy to DROP when it started: .* DOCKER-USER/,
    fix: [
      'iptables -I DOCKER-USER -i br0 -o eth0 -j ACCEPT',
      'iptables -I DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    ],
    after: (shell) => expect(shell.exec('iptables -S FORWARD').stdout).toMatch(/^-P FORWARD DROP$/m),
  },
  {
    name: 'rp_filter strict on asymmetric routes: loose mode on that device only, not rp_filter off everywhere',
    setup: [
      'ip netns add h',
      'ip netns add r',
      'ip link add ha type veth peer name ra netns r',
      'ip link add hb type veth peer name rb netns r',
      'ip netns exec r sysctl -w net.ipv4.conf.all.rp_filter=1',
      'ip link set ha netns h',
      'ip link set hb netns h',
      'ip -n h addr add 10.1.0.2/24 dev ha',
      'ip -n h addr add 10.2.0.2/24 dev hb',
      'ip -n h addr add 10.9.0.1/32 dev lo',
      'ip -n h link set ha up',
      'ip -n h link set hb up',
      'ip -n h link set lo up',
      'ip -n r addr add 10.1.0.1/24 dev ra',
      'ip -n r addr add 10.2.0.1/24 dev rb',
      'ip -n r link set ra up',
      'ip -n r link set rb up',
      // the way to 10.9.0.1 is through hb; h sends from it through ha
      'ip -n r route add 10.9.0.1 via 10.2.0.2',
    ],
    probe: 'ping -c 1 -I 10.9.0.1 10.1.0.1',
    ns: 'h',
    // the first to die is h's ARP request, which asks from 10.9.0.1 too
    firstDrop: true,
    code: 'rp-filter',
    reason: /rp_filter=1 \(strict\): the route back to 10\.9\.0\.1 leaves by rb, not ra \(asymmetric routing\)/,
    fix: ['ip netns exec r sysctl -w net.ipv4.conf.ra.rp_filter=2'],
    after: (shell) =>
      expect(shell.exec('ip netns exec r sysctl net.ipv4.conf.all.rp_filter').stdout).toBe('net.ipv4.conf.all.rp_filter = 1\n'),
  },
  {
    name: 'a private-mode child: the rule is named, and no bridge-mode fix is offered',
    setup: [...macvlanLan(), ...PRIVATE_MODE],
    probe: 'ping -c 1 192.168.100.13',
    ns: 'host',
    code: 'no-arp-reply',
    reason: /private-mode child/,
    fix: null,
  },
];

describe('drop explanations name the cause, and their fix makes the probe pass', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const shell = new Shell();
      for (const l of c.setup) expect(shell.exec(l).status, l).toBe(0);
      const before = probe(shell, c.probe, c.ns);
      expect(before.ok).toBe(false);
      const drop = c.firstDrop
        ? before.events.find((e): e is Extract<TraceEvent, { type: 'drop' }> => e.type === 'drop' && e.code === c.code)!
        : finalDrop(before.events)!;
      expect(drop.code).toBe(c.code);
      expect(drop.reason).toMatch(c.reason);
      const lines = fixLines(drop);
      expect(lines).toEqual(c.fix);
      if (!lines) return;
      for (const l of lines) expect(shell.exec(l).status, l).toBe(0);
      expect(probe(shell, c.probe, c.ns).ok).toBe(true);
      c.after?.(shell);
    });
  }

  it('the Internet node answers nothing to a private source: the missing MASQUERADE is named, and fixes it', async () => {
    const { addInternet } = await import('../lab/internet.ts');
    const { snapshot } = await import('../../core/snapshot.ts');
    const shell = new Shell();
    const plan = addInternet(snapshot(shell.world));
    if ('error' in plan) throw new Error(plan.error);
    for (const l of [...plan.lines, ...LAN.slice(9)]) expect(shell.exec(l).status, l).toBe(0);
    // ns1 behind br0 as in LAN, without LAN's own ISP: the Internet's uplink is the host's eth0
    const before = probe(shell, 'ping -c 1 8.8.8.8', 'ns1');
    expect(before.ok).toBe(false);
    const drop = before.events.find((e): e is Extract<TraceEvent, { type: 'drop' }> => e.type === 'drop' && e.code === 'no-route')!;
    expect(drop.reason, drop.reason).toMatch(
      /in internet1: 192\.168\.1\.1 is a private address, and root forwarded it out of eth0 without source NAT/,
    );
    const lines = fixLines(drop)!;
    expect(lines).toEqual(['iptables -t nat -A POSTROUTING -s 192.168.1.0/24 -o eth0 -j MASQUERADE']);
    for (const l of lines) expect(shell.exec(l).status, l).toBe(0);
    expect(probe(shell, 'ping -c 1 8.8.8.8', 'ns1').ok).toBe(true);
  });

  it('a private destination with no route back still asks for the route, not NAT', () => {
    const shell = new Shell();
    const lines = [
      ...LAN,
      'ip -n isp addr add 10.9.0.1/24 dev lo',
      // the far end is private too: a routed internal network, where a static route is the fix
    ];
    for (const l of lines) expect(shell.exec(l).status, l).toBe(0);
    const { events } = probe(shell, 'ping -c 1 10.9.0.1', 'ns1');
    const drop = finalDrop(events)!;
    expect(drop.code).toBe('no-route');
    expect(drop.reason).not.toMatch(/NAT/);
    expect(drop.fix).toMatch(/ip route add default via <gateway>/);
  });
});
