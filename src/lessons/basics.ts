// The namespace lessons: a veth pair; a bridge with a gateway, NAT and a published port;
// two hosts joined by static routes.

import { all, curled, dev, ns, pinged, replyTtl, seenAs, why } from './checks.ts';
import type { Lesson } from './types.ts';

const ZH_002 = { title: '容器网络实现', en: 'How container networking is built', source: 'seeds/002' };
const ZH_000 = {
  title: 'Docker 网络模式模拟验证（Host、Bridge、Macvlan）',
  en: "Docker's network modes, simulated (host, bridge, macvlan)",
  source: 'seeds/000',
};

export const vethLesson: Lesson = {
  id: 'veth',
  title: 'A veth pair between two namespaces',
  summary: 'Two network namespaces, one virtual cable between them, and the first ping.',
  credits: [ZH_002],
  setup: [],
  steps: [
    {
      title: 'Two empty namespaces',
      body: [
        'A network namespace is a separate copy of the network stack: its own devices, addresses, routes and iptables. A container is, for the network, exactly this.',
        'Make two of them. Each starts with only a loopback device, down.',
      ],
      commands: ['ip netns add ns1', 'ip netns add ns2'],
      claims: [
        {
          says: 'Each starts with only a loopback device, down.',
          line: 'ip -n ns1 link show',
          expect: { stdout: '1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN' },
        },
      ],
      task: {
        goal: 'Namespaces ns1 and ns2 exist.',
        probes: [],
        check: ({ snapshot }) =>
          all([!!ns(snapshot, 'ns1'), 'There is no namespace ns1 yet.'], [!!ns(snapshot, 'ns2'), 'There is no namespace ns2 yet.']),
        hint: 'ip netns add NAME',
      },
    },
    {
      title: 'A virtual cable',
      body: [
        'A veth pair is two devices joined back to back: a frame sent into one comes out of the other. Create the pair in the host, then move one end into each namespace.',
      ],
      commands: ['ip link add veth1 type veth peer name veth2', 'ip link set veth1 netns ns1', 'ip link set veth2 netns ns2'],
      task: {
        goal: 'veth1 is in ns1 and its peer veth2 is in ns2.',
        probes: [],
        check: ({ snapshot }) => {
          const d = dev(snapshot, 'ns1', 'veth1');
          return all(
            [!!d, 'ns1 has no device veth1.'],
            [d?.peer?.ns === 'ns2' && d.peer.name === 'veth2', "veth1's peer is not veth2 in ns2."],
          );
        },
        hint: '`ip link set DEV netns NS` moves a device; it disappears from the host.',
      },
    },
    {
      title: 'Addresses, up, ping',
      body: [
        'Give each end an address on the same /24 and bring both up. The kernel adds a route for the subnet by itself (proto kernel), so no route is needed.',
      ],
      commands: [
        'ip -n ns1 addr add 10.0.0.1/24 dev veth1',
        'ip -n ns2 addr add 10.0.0.2/24 dev veth2',
        'ip -n ns1 link set veth1 up',
        'ip -n ns2 link set veth2 up',
      ],
      claims: [
        {
          says: 'The kernel adds a route for the subnet by itself (proto kernel)',
          line: 'ip -n ns1 route show',
          expect: { stdout: '10.0.0.0/24 dev veth1 proto kernel scope link src 10.0.0.1' },
        },
      ],
      task: {
        goal: 'ns1 pings 10.0.0.2.',
        probes: ['ip netns exec ns1 ping -c 1 10.0.0.2'],
        check: ({ outcomes }) => all([pinged(outcomes[0]), `The ping from ns1 fails: ${why(outcomes[0])}.`]),
        hint: 'Both ends must be up (`ip -n ns1 link set veth1 up`), and each needs an address in 10.0.0.0/24.',
      },
    },
  ],
};

const ISP_02 = [
  'ip netns add isp',
  'ip link add eth0 type veth peer name up0 netns isp',
  'ip addr add 172.16.16.141/24 dev eth0',
  'ip link set eth0 up',
  'ip -n isp addr add 172.16.16.1/24 dev up0',
  'ip -n isp addr add 203.0.113.5/32 dev lo',
  'ip -n isp link set up0 up',
  'ip -n isp link set lo up',
  'ip route add default via 172.16.16.1',
];

const THREE_ON_A_BRIDGE = [
  'ip netns add ns1',
  'ip netns add ns2',
  'ip netns add ns3',
  'ip link add virtual-bridge type bridge',
  'ip link set virtual-bridge up',
  ...[1, 2, 3].flatMap((i) => [
    `ip link add veth-ns${i} type veth peer name veth-ns${i}-br`,
    `ip link set veth-ns${i} netns ns${i}`,
    `ip -n ns${i} addr add 192.168.1.${i}/24 dev veth-ns${i}`,
    `ip -n ns${i} link set veth-ns${i} up`,
    `ip -n ns${i} link set lo up`,
    `ip link set veth-ns${i}-br up`,
    `ip link set veth-ns${i}-br master virtual-bridge`,
  ]),
];

export const bridgeNatLesson: Lesson = {
  id: 'bridge-nat',
  title: 'A bridge, a gateway, NAT and a published port',
  summary:
    'Three namespaces on a Linux bridge reach the internet through the host, and the world reaches a server inside one of them: what docker0 does, by hand.',
  credits: [ZH_002],
  setup: [...ISP_02, ...THREE_ON_A_BRIDGE],
  steps: [
    {
      title: 'Three namespaces on a bridge',
      body: [
        'The lab starts with ns1, ns2 and ns3, each joined by a veth pair to `virtual-bridge` in the host, all in 192.168.1.0/24. A bridge is a switch: it learns MAC addresses and forwards frames between its ports.',
        'The host reaches the internet through eth0 (172.16.16.141); "isp" plays the internet, with 203.0.113.5 behind it.',
      ],
      commands: ['ip netns exec ns1 ping -c 1 192.168.1.2'],
      task: {
        goal: 'ns1 pings ns2 across the bridge.',
        probes: ['ip netns exec ns1 ping -c 1 192.168.1.2'],
        check: ({ outcomes }) => all([pinged(outcomes[0]), `ns1 cannot reach 192.168.1.2: ${why(outcomes[0])}.`]),
        hint: 'Every veth end must be up and the host ends must be ports of virtual-bridge.',
      },
    },
    {
      title: 'The bridge becomes the gateway',
      body: [
        '`ping 203.0.113.5` from ns1 says "Network is unreachable": ns1 has no route out of 192.168.1.0/24. Give the bridge itself an address, which makes the host a member of that subnet, and point each namespace\'s default route at it.',
        'Then let the host forward between its interfaces: `net.ipv4.ip_forward=1`.',
      ],
      commands: [
        'ip addr add 192.168.1.254/24 dev virtual-bridge',
        'ip netns exec ns1 ip route add default via 192.168.1.254',
        'ip netns exec ns2 ip route add default via 192.168.1.254',
        'ip netns exec ns3 ip route add default via 192.168.1.254',
        'sysctl -w net.ipv4.ip_forward=1',
      ],
      claims: [
        {
          says: '`ping 203.0.113.5` from ns1 says "Network is unreachable"',
          line: 'ip netns exec ns1 ping -c 1 203.0.113.5',
          expect: { stderr: 'Network is unreachable' },
          before: true,
        },
      ],
      task: {
        goal: "ns1 pings the host's outside address 172.16.16.141.",
        probes: ['ip netns exec ns1 ping -c 1 172.16.16.141'],
        check: ({ snapshot, outcomes }) =>
          all(
            [!!ns(snapshot, 'ns1')?.routes.some((r) => r.dst === '0.0.0.0/0'), 'ns1 has no default route.'],
            [pinged(outcomes[0]), `ns1 cannot reach 172.16.16.141: ${why(outcomes[0])}.`],
          ),
        hint: 'The gateway must be an address of the host on the bridge (192.168.1.254).',
      },
    },
    {
      title: 'MASQUERADE: the way back',
      body: [
        'With forwarding on, the ping to 203.0.113.5 leaves the host, but its source is still 192.168.1.1: the internet has no route back to a private address, so the reply never comes.',
        "MASQUERADE rewrites the source to the address of the outgoing interface at POSTROUTING, and conntrack undoes it on the reply. This is Docker's `-s 172.17.0.0/16 ! -o docker0 -j MASQUERADE`.",
      ],
      commands: ['iptables -t nat -A POSTROUTING -s 192.168.1.0/24 ! -o virtual-bridge -j MASQUERADE'],
      claims: [
        {
          says: 'the internet has no route back to a private address, so the reply never comes',
          line: 'ip netns exec ns1 ping -c 1 203.0.113.5',
          expect: 'no-reply',
          before: true,
        },
        {
          says: 'MASQUERADE rewrites the source to the address of the outgoing interface',
          line: 'ip netns exec ns1 ping -c 1 203.0.113.5',
          expect: 'reply',
        },
      ],
      task: {
        goal: 'ns1 reaches 203.0.113.5 and the server sees 172.16.16.141.',
        probes: ['ip netns exec isp python3 -m http.server --bind 203.0.113.5 80 &', 'ip netns exec ns1 curl http://203.0.113.5/'],
        check: ({ outcomes }) =>
          all(
            [curled(outcomes[1]), `curl from ns1 to 203.0.113.5 fails: ${why(outcomes[1])}.`],
            [
              seenAs(outcomes[1]) === '172.16.16.141',
              `The server saw ${seenAs(outcomes[1]) ?? 'nobody'}, not the host's address 172.16.16.141.`,
            ],
          ),
        hint: "The rule belongs in the nat table's POSTROUTING chain; leave traffic that stays on the bridge alone (`! -o virtual-bridge`).",
      },
    },
    {
      title: 'Publishing a port: DNAT',
      body: [
        "Now the other way: a server in ns1 on port 80, reachable from the internet at the host's address. DNAT at PREROUTING rewrites the destination before routing, so the packet is then forwarded to ns1.",
        'Packets the host sends itself never pass PREROUTING, so a second DNAT in OUTPUT makes `curl 172.16.16.141` work from the host too. Docker writes these as `-m addrtype --dst-type LOCAL -j DOCKER`.',
      ],
      commands: [
        'ip netns exec ns1 python3 -m http.server --bind 192.168.1.1 80 &',
        'iptables -t nat -A PREROUTING -d 172.16.16.141 -p tcp -m tcp --dport 80 -j DNAT --to-destination 192.168.1.1:80',
        'iptables -t nat -A OUTPUT -d 172.16.16.141 -p tcp -m tcp --dport 80 -j DNAT --to-destination 192.168.1.1:80',
      ],
      claims: [
        {
          says: 'a second DNAT in OUTPUT makes `curl 172.16.16.141` work from the host too',
          line: 'curl http://172.16.16.141/',
          expect: 'reply',
        },
      ],
      task: {
        goal: "isp gets ns1's page at http://172.16.16.141/, and the server sees isp's own address 172.16.16.1.",
        probes: ['ip netns exec isp curl http://172.16.16.141/', 'curl http://172.16.16.141/'],
        check: ({ outcomes }) =>
          all(
            [curled(outcomes[0]), `curl from isp fails: ${why(outcomes[0])}.`],
            [
              seenAs(outcomes[0]) === '172.16.16.1',
              `The server saw ${seenAs(outcomes[0]) ?? 'nobody'}; a DNAT keeps the client's address.`,
            ],
            [curled(outcomes[1]), `curl from the host itself fails: ${why(outcomes[1])} (OUTPUT needs its own DNAT).`],
          ),
        hint: 'A server must listen in ns1 (`python3 -m http.server --bind 192.168.1.1 80 &`), and the DNAT goes in nat PREROUTING.',
      },
    },
  ],
};

export const twoHostsLesson: Lesson = {
  id: 'two-hosts',
  title: 'Two hosts joined by static routes (why ttl=62)',
  summary: "Containers on two hosts talk without NAT: each host routes the other's container subnet through the LAN.",
  credits: [ZH_000],
  setup: [
    'ip link add lan type bridge',
    'ip link set lan up',
    'ip netns add host0',
    'ip netns add host1',
    'ip link add h0 type veth peer name eth0 netns host0',
    'ip link add h1 type veth peer name eth0 netns host1',
    'ip link set h0 master lan',
    'ip link set h1 master lan',
    'ip link set h0 up',
    'ip link set h1 up',
    'ip -n host0 addr add 192.168.100.2/24 dev eth0',
    'ip -n host1 addr add 192.168.100.3/24 dev eth0',
    'ip -n host0 link set eth0 up',
    'ip -n host1 link set eth0 up',
    'ip -n host0 link add br0 type bridge',
    'ip -n host1 link add br0 type bridge',
    'ip -n host0 link set br0 up',
    'ip -n host1 link set br0 up',
    'ip -n host0 addr add 10.20.1.1/24 dev br0',
    'ip -n host1 addr add 10.20.2.1/24 dev br0',
    'ip netns add ns0',
    'ip netns add ns2',
    'ip -n host0 link add veth0 type veth peer name eth0 netns ns0',
    'ip -n host1 link add veth2 type veth peer name eth0 netns ns2',
    'ip -n host0 link set veth0 master br0',
    'ip -n host1 link set veth2 master br0',
    'ip -n host0 link set veth0 up',
    'ip -n host1 link set veth2 up',
    'ip -n ns0 addr add 10.20.1.2/24 dev eth0',
    'ip -n ns2 addr add 10.20.2.2/24 dev eth0',
    'ip -n ns0 link set eth0 up',
    'ip -n ns2 link set eth0 up',
    'ip -n ns0 route add default via 10.20.1.1 dev eth0',
    'ip -n ns2 route add default via 10.20.2.1 dev eth0',
  ],
  steps: [
    {
      title: 'Two hosts, two container subnets',
      body: [
        "host0 and host1 share a LAN (192.168.100.0/24). Each has a bridge br0 with one container: ns0 (10.20.1.2) on host0, ns2 (10.20.2.2) on host1. Each container's gateway is its bridge.",
        'ns0 cannot reach ns2 yet: host0 does not forward, and it has no idea where 10.20.2.0/24 is.',
      ],
      commands: ['ip netns exec host0 sysctl -w net.ipv4.ip_forward=1', 'ip netns exec host1 sysctl -w net.ipv4.ip_forward=1'],
      claims: [{ says: 'ns0 cannot reach ns2 yet', line: 'ip netns exec ns0 ping -c 1 10.20.2.2', expect: 'no-reply', before: true }],
      task: {
        goal: 'Both hosts forward.',
        probes: [],
        check: ({ snapshot }) =>
          all(
            [!!ns(snapshot, 'host0')?.sysctl.ipForward, 'host0 does not forward (net.ipv4.ip_forward=0).'],
            [!!ns(snapshot, 'host1')?.sysctl.ipForward, 'host1 does not forward.'],
          ),
        hint: 'ip netns exec HOST sysctl -w net.ipv4.ip_forward=1',
      },
    },
    {
      title: 'A route each way',
      body: [
        "host0 must send 10.20.2.0/24 to host1's LAN address, and host1 must send 10.20.1.0/24 back to host0. With only one of the two routes, the request arrives and the reply is lost.",
      ],
      commands: [
        'ip netns exec host0 ip route add 10.20.2.0/24 via 192.168.100.3 dev eth0',
        'ip netns exec host1 ip route add 10.20.1.0/24 via 192.168.100.2 dev eth0',
      ],
      task: {
        goal: "ns0 pings ns2 (10.20.2.2), and ns2 sees ns0's own address: no NAT.",
        probes: [
          'ip netns exec ns0 ping -c 1 10.20.2.2',
          'ip netns exec ns2 python3 -m http.server 80 &',
          'ip netns exec ns0 curl http://10.20.2.2/',
        ],
        check: ({ outcomes }) =>
          all(
            [pinged(outcomes[0]), `ns0 cannot reach 10.20.2.2: ${why(outcomes[0])}.`],
            [seenAs(outcomes[2]) === '10.20.1.2', `The server in ns2 saw ${seenAs(outcomes[2]) ?? 'nothing'}, not 10.20.1.2.`],
          ),
        hint: "Each host needs a route to the other's container subnet via the other's LAN address.",
      },
    },
    {
      title: 'Why the reply shows ttl=62',
      body: [
        "Linux sends with TTL 64. Every router that forwards a packet takes one off. ns2's reply is forwarded by host1 and then by host0: 64 − 2 = 62 when it reaches ns0. traceroute shows the same two routers, then ns2.",
      ],
      commands: ['ip netns exec ns0 ping -c 1 10.20.2.2', 'ip netns exec ns0 traceroute -n 10.20.2.2'],
      claims: [{ says: '64 − 2 = 62 when it reaches ns0', line: 'ip netns exec ns0 ping -c 1 10.20.2.2', expect: { stdout: 'ttl=62' } }],
      task: {
        goal: 'The reply to ns0 arrives with ttl=62.',
        probes: ['ip netns exec ns0 ping -c 1 10.20.2.2'],
        check: ({ outcomes }) =>
          all([replyTtl(outcomes[0]) === 62, `The reply's TTL is ${replyTtl(outcomes[0]) ?? 'missing (no reply)'}, not 62.`]),
        hint: 'Two routers are on the path: host1 and host0.',
      },
    },
  ],
};
