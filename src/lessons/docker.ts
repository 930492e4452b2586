// The Docker lessons: the four classic modes side by side, macvlan (its modes, the host that
// cannot reach its containers, the macvlan_host fix), ipvlan l2/l3, an overlay across two
// hosts, and why a published port slips past INPUT.

import { all, curled, dev, dnatted, hasAddr, ns, pinged, seenAs, why } from './checks.ts';
import type { Lesson } from './types.ts';

const ZH_000 = {
  title: 'Docker 网络模式模拟验证（Host、Bridge、Macvlan）',
  en: "Docker's network modes, simulated (host, bridge, macvlan)",
  source: 'seeds/000',
};
const ZH_001 = { title: 'docker网络说明', en: 'Docker networking explained', source: 'seeds/001' };
const ZH_002 = { title: '容器网络实现', en: 'How container networking is built', source: 'seeds/002' };
const ZH_003 = { title: '再说docker及云中的网络连接', en: 'More on Docker and networking in the cloud', source: 'seeds/003' };

/** "isp" plays the outside world; the host's eth0 is 198.51.100.20 (as in scenarios 50-52) */
export const ISP = [
  'ip netns add isp',
  'ip link add eth0 type veth peer name up0 netns isp',
  'ip addr add 198.51.100.20/24 dev eth0',
  'ip link set eth0 up',
  'ip -n isp addr add 198.51.100.1/24 dev up0',
  'ip -n isp link set up0 up',
  'ip route add default via 198.51.100.1',
];

export const dockerModesLesson: Lesson = {
  id: 'docker-modes',
  title: "Docker's host, bridge, none and container modes",
  summary: 'Four `docker run --network` modes on one host, and what each builds in the kernel.',
  credits: [ZH_001, ZH_000],
  setup: ISP,
  steps: [
    {
      title: 'bridge: a namespace, a veth pair, docker0',
      body: [
        "The default mode. On its first start the daemon makes docker0 (172.17.0.1/16), turns on ip_forward, sets FORWARD's policy to DROP and adds its chains: FORWARD jumps to DOCKER-USER, then DOCKER-FORWARD, which jumps to DOCKER-CT, DOCKER-INTERNAL and DOCKER-BRIDGE. Each container gets its own namespace and a veth pair whose host end is a port of docker0.",
        '`-p 8080:80` adds one DNAT in the nat DOCKER chain and an ACCEPT for port 80 in the filter DOCKER chain. Open the Docker tab to see the primitive commands each line expands to.',
        "It also starts docker-proxy on port 8080 of the host. The DNAT skips loopback (`! -d 127.0.0.0/8` in OUTPUT) and what comes from docker0 itself (`! -i docker0`), so `curl localhost:8080` on the host, or a container curling the host's address, is answered by the proxy, and nginx sees the proxy's own connection from 172.17.0.1. `docker port web` lists the bindings; `dockerd --userland-proxy=false &` before the first docker command replaces the proxy with rules (route_localnet on the bridge, hairpin MASQUERADE).",
      ],
      commands: ['docker run -d --name web -p 8080:80 nginx'],
      claims: [
        {
          says: "`curl localhost:8080` on the host, or a container curling the host's address, is answered by the proxy, and nginx sees the proxy's own connection from 172.17.0.1",
          line: 'curl http://localhost:8080/',
          expect: { client: '172.17.0.1' },
        },
      ],
      task: {
        goal: "isp gets the page at http://198.51.100.20:8080/ and nginx sees isp's address 198.51.100.1.",
        probes: ['ip netns exec isp curl http://198.51.100.20:8080/'],
        check: ({ outcomes }) =>
          all(
            [curled(outcomes[0]), `curl from isp fails: ${why(outcomes[0])}.`],
            [seenAs(outcomes[0]) === '198.51.100.1', `nginx saw ${seenAs(outcomes[0]) ?? 'nothing'}.`],
          ),
        hint: 'docker run -d --name web -p 8080:80 nginx',
      },
    },
    {
      title: 'host: no namespace at all',
      body: [
        "With `--network host` the container's processes use the host's own stack: no veth, no address of its own, no NAT. Its server listens on the host's addresses directly; `-p` would mean nothing.",
      ],
      commands: ['docker run -d --name hostweb --network host httpd'],
      task: {
        goal: 'isp gets a page at http://198.51.100.20/ (port 80 of the host itself), with no DNAT on the way.',
        probes: ['ip netns exec isp curl http://198.51.100.20/'],
        check: ({ outcomes }) =>
          all(
            [curled(outcomes[0]), `curl to the host's port 80 fails: ${why(outcomes[0])}.`],
            [!dnatted(outcomes[0]), 'The request was DNATed: that is a published port, not host mode.'],
          ),
        hint: 'docker run -d --name hostweb --network host httpd',
      },
    },
    {
      title: 'none: only loopback',
      body: ['`--network none` gives the container a namespace with nothing but lo. Useful for batch jobs that must not talk to anyone.'],
      commands: ['docker run -d --name alone --network none alpine sleep infinity'],
      claims: [
        {
          says: 'must not talk to anyone',
          line: 'ip netns exec alone ping -c 1 198.51.100.1',
          expect: { stderr: 'Network is unreachable' },
        },
      ],
      task: {
        goal: 'A container "alone" exists whose namespace has only a loopback device.',
        probes: [],
        check: ({ snapshot }) => {
          const n = ns(snapshot, 'alone');
          return all(
            [!!n, 'There is no container namespace "alone".'],
            [!!n && n.devices.every((d) => d.kind === 'loopback'), '"alone" has devices other than lo.'],
          );
        },
        hint: 'docker run -d --name alone --network none alpine sleep infinity',
      },
    },
    {
      title: "container: share another container's namespace",
      body: [
        "`--network container:web` joins web's namespace: same interfaces, same address, same localhost. This is how a Kubernetes pod's containers share one network.",
        'No new device is created at all; `docker exec sidecar curl http://127.0.0.1/` reaches nginx through lo.',
      ],
      commands: [
        'docker run -d --name sidecar --network container:web alpine sleep infinity',
        'docker exec sidecar curl http://127.0.0.1/',
      ],
      claims: [
        {
          says: '`docker exec sidecar curl http://127.0.0.1/` reaches nginx through lo',
          line: 'docker exec sidecar curl -s http://127.0.0.1/',
          expect: { stdout: '<title>Welcome to nginx!</title>' },
        },
      ],
      task: {
        goal: "sidecar runs in web's namespace and reaches nginx on 127.0.0.1.",
        probes: ['docker exec sidecar curl -s http://127.0.0.1/', 'docker inspect sidecar'],
        check: ({ outcomes }) =>
          all(
            [outcomes[1]?.status === 0, 'There is no container "sidecar".'],
            [outcomes[1]?.stdout.includes('"NetworkMode": "container:web"') ?? false, "sidecar does not share web's namespace."],
            [outcomes[0]?.status === 0 && outcomes[0].stdout.length > 0, `curl inside sidecar fails: ${why(outcomes[0])}.`],
          ),
        hint: 'docker run -d --name sidecar --network container:web alpine sleep infinity',
      },
    },
  ],
};

const LAN = [
  'ip link add lan type bridge',
  'ip link set lan up',
  'ip netns add dockerhost',
  'ip netns add ext',
  'ip link add sw-dockerhost type veth peer name eth0 netns dockerhost',
  'ip link add sw-ext type veth peer name eth0 netns ext',
  'ip link set sw-dockerhost master lan',
  'ip link set sw-ext master lan',
  'ip link set sw-dockerhost up',
  'ip link set sw-ext up',
  'ip -n dockerhost addr add 192.168.100.2/24 dev eth0',
  'ip -n dockerhost link set eth0 up',
  'ip -n ext addr add 192.168.100.10/24 dev eth0',
  'ip -n ext link set eth0 up',
];

function sub(kind: 'macvlan' | 'ipvlan', mode: string, name: string, into: string, addr: string): string[] {
  return [
    `ip -n dockerhost link add ${name} link eth0 type ${kind} mode ${mode}`,
    `ip -n dockerhost link set ${name} netns ${into}`,
    `ip -n ${into} addr add ${addr} dev ${name}`,
    `ip -n ${into} link set ${name} up`,
  ];
}

export const macvlanLesson: Lesson = {
  id: 'macvlan',
  title: 'macvlan: four modes, and the host that cannot reach its container',
  summary:
    'Containers with their own MAC on the LAN: bridge, private, VEPA and passthru, why the host is cut off from them, and the macvlan_host fix.',
  credits: [ZH_001, ZH_003, ZH_000],
  setup: [...LAN, 'ip netns add c1', 'ip netns add c2'],
  steps: [
    {
      title: 'bridge mode: containers straight on the LAN',
      body: [
        'The host\'s NIC eth0 sits on a LAN (the bridge "lan" plays the switch); ext is another machine there. A macvlan sub-interface of eth0 has its own MAC, so to the LAN it looks like one more machine: no bridge, no NAT.',
        'Make one for c1 and one for c2 in bridge mode (sub-interfaces of the same parent talk to each other directly) and give them LAN addresses.',
      ],
      commands: [
        ...sub('macvlan', 'bridge', 'mv1', 'c1', '192.168.100.11/24'),
        ...sub('macvlan', 'bridge', 'mv2', 'c2', '192.168.100.12/24'),
      ],
      task: {
        goal: 'c1 pings c2 (192.168.100.12) and ext (192.168.100.10).',
        probes: ['ip netns exec c1 ping -c 1 192.168.100.12', 'ip netns exec c1 ping -c 1 192.168.100.10'],
        check: ({ outcomes }) =>
          all(
            [pinged(outcomes[0]), `c1 cannot reach c2: ${why(outcomes[0])}.`],
            [pinged(outcomes[1]), `c1 cannot reach ext: ${why(outcomes[1])}.`],
          ),
        hint: 'ip -n dockerhost link add mv1 link eth0 type macvlan mode bridge; then move it into c1, address it, bring it up.',
      },
    },
    {
      title: 'The host cannot reach its own container',
      body: [
        'Try `ip netns exec dockerhost ping -c 1 192.168.100.11`. It fails, although ext, a different machine, gets through. A macvlan never hands frames between a sub-interface and its parent: frames from eth0 go out to the wire, and the switch will not send them back in on the same port.',
      ],
      commands: ['ip netns exec dockerhost ping -c 1 192.168.100.11'],
      claims: [
        { says: 'It fails', line: 'ip netns exec dockerhost ping -c 1 192.168.100.11', expect: 'no-reply' },
        { says: 'although ext, a different machine, gets through', line: 'ip netns exec ext ping -c 1 192.168.100.11', expect: 'reply' },
      ],
      task: {
        goal: "See it: the host's ping to c1 gets no answer while ext's does.",
        probes: ['ip netns exec dockerhost ping -c 1 192.168.100.11', 'ip netns exec ext ping -c 1 192.168.100.11'],
        check: ({ snapshot, outcomes }) =>
          all(
            [hasAddr(snapshot, 'c1', '192.168.100.11'), 'c1 has no address 192.168.100.11 yet (step 1).'],
            [pinged(outcomes[1]), 'ext cannot reach c1 either: finish step 1 first.'],
            [!pinged(outcomes[0]) || !!dev(snapshot, 'dockerhost', 'macvlan_host'), 'The host reaches c1 already?'],
          ),
        hint: 'Nothing to build: run the ping from the host namespace and compare with ext.',
      },
    },
    {
      title: 'The fix: a macvlan for the host',
      body: [
        "Give the host a macvlan of its own on eth0 (macvlan_host, bridge mode) with a spare LAN address, and route the container's address through it. Host and container are now two sub-interfaces of one parent, which bridge mode connects.",
      ],
      commands: [
        'ip -n dockerhost link add macvlan_host link eth0 type macvlan mode bridge',
        'ip -n dockerhost addr add 192.168.100.233/24 dev macvlan_host',
        'ip -n dockerhost link set macvlan_host up',
        'ip -n dockerhost route add 192.168.100.11 dev macvlan_host',
      ],
      claims: [
        {
          says: 'Host and container are now two sub-interfaces of one parent',
          line: 'ip netns exec dockerhost ping -c 1 192.168.100.11',
          expect: 'reply',
        },
      ],
      task: {
        goal: 'The host pings c1, and c1 pings the host at 192.168.100.233.',
        probes: ['ip netns exec dockerhost ping -c 1 192.168.100.11', 'ip netns exec c1 ping -c 1 192.168.100.233'],
        check: ({ outcomes }) =>
          all(
            [pinged(outcomes[0]), `The host still cannot reach c1: ${why(outcomes[0])}.`],
            [pinged(outcomes[1]), `c1 cannot reach 192.168.100.233: ${why(outcomes[1])}.`],
          ),
        hint: 'The route must send 192.168.100.11 out of macvlan_host, not eth0.',
      },
    },
    {
      title: 'private mode: nobody talks to a sibling',
      body: [
        'In private mode a sub-interface may reach the LAN but never another sub-interface of the same parent, not even through the switch.',
      ],
      commands: [
        'ip netns add c3',
        'ip netns add c4',
        ...sub('macvlan', 'private', 'mv3', 'c3', '192.168.100.13/24'),
        ...sub('macvlan', 'private', 'mv4', 'c4', '192.168.100.14/24'),
      ],
      claims: [
        {
          says: 'never another sub-interface of the same parent, not even through the switch',
          line: 'ip netns exec c3 ping -c 1 192.168.100.14',
          expect: 'no-reply',
        },
        { says: 'a sub-interface may reach the LAN', line: 'ip netns exec c3 ping -c 1 192.168.100.10', expect: 'reply' },
      ],
      task: {
        goal: 'c3 reaches ext but not c4.',
        probes: ['ip netns exec c3 ping -c 1 192.168.100.10', 'ip netns exec c3 ping -c 1 192.168.100.14'],
        check: ({ snapshot, outcomes }) =>
          all(
            [dev(snapshot, 'c4', 'mv4')?.mode === 'private', 'c4 has no private-mode mv4.'],
            [pinged(outcomes[0]), `c3 cannot reach ext: ${why(outcomes[0])}.`],
            [!pinged(outcomes[1]), 'c3 reaches c4: they are not both in private mode.'],
          ),
        hint: 'mode private, on both.',
      },
    },
    {
      title: 'VEPA: siblings meet through the switch',
      body: [
        'In VEPA mode every frame goes out to the switch, even one for a sibling. A switch normally never sends a frame back out of the port it came in on, so siblings are cut off until that port turns on hairpin (reflective relay).',
      ],
      commands: [
        'ip netns add c5',
        'ip netns add c6',
        ...sub('macvlan', 'vepa', 'mv5', 'c5', '192.168.100.15/24'),
        ...sub('macvlan', 'vepa', 'mv6', 'c6', '192.168.100.16/24'),
        'bridge link set dev sw-dockerhost hairpin on',
      ],
      claims: [
        {
          says: 'siblings are cut off until that port turns on hairpin',
          line: 'ip netns exec c5 ping -c 1 192.168.100.16',
          expect: 'reply',
        },
      ],
      task: {
        goal: 'c5 pings c6 through the switch (hairpin on the switch port sw-dockerhost).',
        probes: ['ip netns exec c5 ping -c 1 192.168.100.16'],
        check: ({ snapshot, outcomes }) =>
          all(
            [dev(snapshot, 'c5', 'mv5')?.mode === 'vepa', 'c5 has no vepa-mode mv5.'],
            [!!dev(snapshot, 'root', 'sw-dockerhost')?.hairpin, 'The switch port sw-dockerhost does not reflect frames (hairpin off).'],
            [pinged(outcomes[0]), `c5 cannot reach c6: ${why(outcomes[0])}.`],
          ),
        hint: 'bridge link set dev sw-dockerhost hairpin on (in the host namespace that plays the switch).',
      },
    },
    {
      title: 'passthru: the parent to itself',
      body: [
        'passthru hands the whole parent to one sub-interface: it can only be made on a parent with no other macvlan. Try it on this eth0: the kernel refuses it with `RTNETLINK answers: Invalid argument` (EINVAL), since macvlan_host, mv1 and the others are children of eth0, even those moved into other namespaces.',
        'A refused command changes nothing: the lab stays as it was, and the next step goes on from there.',
      ],
      commands: ['ip -n dockerhost link add mvp link eth0 type macvlan mode passthru'],
      claims: [
        {
          says: 'the kernel refuses it with `RTNETLINK answers: Invalid argument`',
          line: 'ip -n dockerhost link add mvp link eth0 type macvlan mode passthru',
          expect: { stderr: 'RTNETLINK answers: Invalid argument' },
        },
      ],
      refused: true,
      task: {
        goal: 'See that passthru is refused on a parent that already has macvlans.',
        probes: ['ip -n dockerhost link add mvp link eth0 type macvlan mode passthru'],
        check: ({ outcomes }) =>
          all([(outcomes[0]?.status ?? 0) !== 0, 'The kernel accepted a passthru macvlan: does eth0 still have its other macvlans?']),
        hint: 'Just run the line: its refusal is the lesson.',
      },
    },
    {
      title: 'The same with Docker',
      body: [
        "`docker network create -d macvlan -o parent=eth0` is this lesson in one line: on `docker run` Docker makes the sub-interface on eth0, moves it into the container's namespace and sets the MAC and address. It adds no iptables rules and no NAT, and the host still cannot reach the container.",
        "In this lab the host did reach it, but only through step 5's hairpin: the switch port sw-dockerhost reflects the host's own frames back in, to web. Turn hairpin off (the last command) and the host is cut off again; a route through macvlan_host, as in step 3, is the real fix.",
        'The network itself creates no device until a container joins it, yet the lab remembers it (undo, reload and links replay it).',
      ],
      commands: [
        'ip netns exec dockerhost docker network create -d macvlan --subnet 192.168.100.0/24 --gateway 192.168.100.1 -o parent=eth0 lan100',
        'ip netns exec dockerhost docker run -d --name web --network lan100 --ip 192.168.100.50 nginx',
        'bridge link set dev sw-dockerhost hairpin off',
      ],
      claims: [
        {
          says: 'It adds no iptables rules and no NAT',
          line: 'ip netns exec ext curl http://192.168.100.50/',
          expect: { client: '192.168.100.10' },
        },
        {
          says: 'the host still cannot reach the container',
          line: 'ip netns exec dockerhost curl http://192.168.100.50/',
          expect: 'no-reply',
        },
      ],
      task: {
        goal: "ext gets nginx's page at http://192.168.100.50/ and nginx sees 192.168.100.10.",
        probes: ['ip netns exec ext curl http://192.168.100.50/'],
        check: ({ outcomes }) =>
          all(
            [curled(outcomes[0]), `curl from ext fails: ${why(outcomes[0])}.`],
            [seenAs(outcomes[0]) === '192.168.100.10', `nginx saw ${seenAs(outcomes[0]) ?? 'nothing'}: no NAT should be on the way.`],
          ),
        hint: 'Run docker inside the namespace that plays the host: `ip netns exec dockerhost docker …`.',
      },
    },
  ],
};

export const ipvlanLesson: Lesson = {
  id: 'ipvlan',
  title: 'ipvlan l2 and l3',
  summary: "Sub-interfaces that share the parent's MAC: l2 switches between them, l3 routes.",
  credits: [ZH_001],
  note: "The simulator models ipvlan; the kernel that recorded this lab's conformance corpus could not create ipvlan devices, so this lesson has no kernel recording behind it.",
  setup: [...LAN, 'ip netns add c1', 'ip netns add c2'],
  steps: [
    {
      title: 'l2: one MAC, many addresses',
      body: [
        "An ipvlan sub-interface has its parent's MAC. In l2 mode it behaves like macvlan bridge mode otherwise: siblings reach each other, the LAN sees one MAC with several IP addresses (good for switches that limit MACs per port, or Wi-Fi).",
      ],
      commands: [...sub('ipvlan', 'l2', 'ipv1', 'c1', '192.168.100.21/24'), ...sub('ipvlan', 'l2', 'ipv2', 'c2', '192.168.100.22/24')],
      claims: [{ says: 'siblings reach each other', line: 'ip netns exec c1 ping -c 1 192.168.100.22', expect: 'reply' }],
      task: {
        goal: "c1 pings c2 and ext, and ipv1 carries eth0's MAC.",
        probes: ['ip netns exec c1 ping -c 1 192.168.100.22', 'ip netns exec c1 ping -c 1 192.168.100.10'],
        check: ({ snapshot, outcomes }) =>
          all(
            [dev(snapshot, 'c1', 'ipv1')?.kind === 'ipvlan', 'c1 has no ipvlan ipv1.'],
            [dev(snapshot, 'c1', 'ipv1')?.mac === dev(snapshot, 'dockerhost', 'eth0')?.mac, "ipv1 does not share eth0's MAC."],
            [pinged(outcomes[0]), `c1 cannot reach c2: ${why(outcomes[0])}.`],
            [pinged(outcomes[1]), `c1 cannot reach ext: ${why(outcomes[1])}.`],
          ),
        hint: 'ip -n dockerhost link add ipv1 link eth0 type ipvlan mode l2',
      },
    },
    {
      title: 'l3: the parent routes',
      body: [
        "In l3 mode the parent acts as a router between its sub-interfaces: no broadcast, no ARP between them, so they can sit in different subnets. A route that points at the device is enough (Docker's ipvlan l3 gives containers `default dev eth0`, no gateway).",
      ],
      commands: [
        'ip netns add c3',
        'ip netns add c4',
        ...sub('ipvlan', 'l3', 'ipv3', 'c3', '10.30.1.3/24'),
        ...sub('ipvlan', 'l3', 'ipv4', 'c4', '10.30.2.4/24'),
        'ip -n c3 route add default dev ipv3',
        'ip -n c4 route add default dev ipv4',
      ],
      claims: [{ says: 'so they can sit in different subnets', line: 'ip netns exec c3 ping -c 1 10.30.2.4', expect: 'reply' }],
      task: {
        goal: 'c3 (10.30.1.3) pings c4 (10.30.2.4), across two subnets, with no router namespace.',
        probes: ['ip netns exec c3 ping -c 1 10.30.2.4'],
        check: ({ snapshot, outcomes }) =>
          all(
            [dev(snapshot, 'c3', 'ipv3')?.mode === 'l3', 'c3 has no l3-mode ipv3.'],
            [pinged(outcomes[0]), `c3 cannot reach c4: ${why(outcomes[0])}.`],
          ),
        hint: 'Both sub-interfaces in mode l3, each with `route add default dev IFACE`.',
      },
    },
  ],
};

export const overlayLesson: Lesson = {
  id: 'overlay',
  title: 'An overlay across two hosts with VXLAN',
  summary:
    "Two containers in one subnet on two hosts: their frames travel inside UDP between the hosts (what Docker's overlay driver and Flannel's vxlan backend do).",
  credits: [ZH_003],
  note: "The first two steps build the VXLAN plumbing with ip commands; the last one has Docker's overlay driver build it, in a swarm.",
  setup: [
    'ip link add lan type bridge',
    'ip link set lan up',
    'ip netns add h1',
    'ip netns add h2',
    'ip link add p1 type veth peer name eth0 netns h1',
    'ip link add p2 type veth peer name eth0 netns h2',
    'ip link set p1 master lan',
    'ip link set p2 master lan',
    'ip link set p1 up',
    'ip link set p2 up',
    'ip -n h1 addr add 192.168.50.1/24 dev eth0',
    'ip -n h2 addr add 192.168.50.2/24 dev eth0',
    'ip -n h1 link set eth0 up',
    'ip -n h2 link set eth0 up',
    'ip -n h1 link add br0 type bridge',
    'ip -n h2 link add br0 type bridge',
    'ip -n h1 link set br0 up',
    'ip -n h2 link set br0 up',
    'ip netns add c1',
    'ip netns add c2',
    'ip -n h1 link add veth1 type veth peer name eth0 netns c1',
    'ip -n h2 link add veth2 type veth peer name eth0 netns c2',
    'ip -n h1 link set veth1 master br0',
    'ip -n h2 link set veth2 master br0',
    'ip -n h1 link set veth1 up',
    'ip -n h2 link set veth2 up',
    'ip -n c1 addr add 10.0.0.1/24 dev eth0',
    'ip -n c2 addr add 10.0.0.2/24 dev eth0',
    'ip -n c1 link set eth0 up',
    'ip -n c2 link set eth0 up',
  ],
  steps: [
    {
      title: 'One subnet, two hosts',
      body: [
        'c1 (10.0.0.1) hangs off br0 on h1, c2 (10.0.0.2) off br0 on h2. They are in one subnet, so c1 ARPs for c2 directly, but no wire joins the two bridges: the hosts only share the underlay LAN 192.168.50.0/24.',
      ],
      commands: ['ip netns exec c1 ping -c 1 10.0.0.2'],
      claims: [{ says: 'no wire joins the two bridges', line: 'ip netns exec c1 ping -c 1 10.0.0.2', expect: 'no-reply' }],
      task: {
        goal: "See it: c1's ping to c2 (10.0.0.2) gets no answer, while each host reaches the other over the LAN.",
        probes: ['ip netns exec c1 ping -c 1 10.0.0.2', 'ip netns exec h1 ping -c 1 192.168.50.2'],
        check: ({ outcomes }) =>
          all(
            [!pinged(outcomes[0]), 'c1 already reaches c2: is a tunnel joining the bridges?'],
            [pinged(outcomes[1]), `h1 cannot reach h2 on the LAN: ${why(outcomes[1])}.`],
          ),
        hint: 'Nothing to build: run the ping from c1.',
      },
    },
    {
      title: 'A VXLAN tunnel between the bridges',
      body: [
        'A vxlan device wraps each Ethernet frame in UDP (port 4789) addressed to the other host. Put one on each host, with the same VNI and the other host as remote, and make it a port of br0: the two bridges become one layer-2 segment.',
      ],
      commands: [
        'ip -n h1 link add vxlan42 type vxlan id 42 dstport 4789 remote 192.168.50.2 dev eth0',
        'ip -n h2 link add vxlan42 type vxlan id 42 dstport 4789 remote 192.168.50.1 dev eth0',
        'ip -n h1 link set vxlan42 master br0',
        'ip -n h2 link set vxlan42 master br0',
        'ip -n h1 link set vxlan42 up',
        'ip -n h2 link set vxlan42 up',
      ],
      claims: [{ says: 'the two bridges become one layer-2 segment', line: 'ip netns exec c1 ping -c 1 10.0.0.2', expect: 'reply' }],
      task: {
        goal: 'c1 pings c2 through the tunnel.',
        probes: ['ip netns exec c1 ping -c 1 10.0.0.2'],
        check: ({ snapshot, outcomes }) =>
          all(
            [
              dev(snapshot, 'h1', 'vxlan42')?.master === 'br0' && dev(snapshot, 'h2', 'vxlan42')?.master === 'br0',
              'Each host needs a vxlan device that is a port of its br0.',
            ],
            [pinged(outcomes[0]), `c1 cannot reach c2: ${why(outcomes[0])}.`],
            [outcomes[0]?.path.some((p) => p === 'h1:eth0') ?? false, 'The ping did not cross the underlay (h1:eth0).'],
          ),
        hint: "Same VNI on both ends; remote is the other host's underlay address.",
      },
    },
    {
      title: "Docker's overlay driver does the same, with a control plane",
      body: [
        'Make h1 a swarm manager and h2 a worker, create an attachable overlay network on the manager, and run a container on each host. Then open the Docker tab or run `ip netns list`.',
        "On each host that has a container on the network, Docker made a sandbox namespace `1-<network id>.<host>` holding a bridge br0 (the gateway 10.0.1.1) and a VXLAN device vxlan0 (VNI 4097, UDP 4789). vxlan0 was created in the host and moved in, so its UDP socket stays in the host: the tunnel rides the hosts' LAN, as yours did.",
        "There is no `remote`: vxlan0 has `proxy` on and sends no ARP at all. Docker's control plane writes, on every node, a permanent neighbour (`ip neigh replace 10.0.1.3 lladdr 02:42:0a:00:01:03 dev vxlan0 nud permanent`) and an FDB entry (`bridge fdb replace 02:42:0a:00:01:03 dev vxlan0 dst 192.168.50.2`) per remote container; `docker --debug run …` prints them. Each container also gets eth1 on docker_gwbridge for its way out.",
      ],
      commands: [
        'ip netns exec h1 docker swarm init --advertise-addr 192.168.50.1',
        'ip netns exec h2 docker swarm join --token SWMTKN-1-nw7mmzjlirhyjepwpaxis2w0tz6208s7hcykc3lj7y3i7if10g-knw4x903aue5001civkx9z0ms 192.168.50.1:2377',
        'ip netns exec h1 docker network create -d overlay --attachable ov',
        'ip netns exec h1 docker run -d --name web --network ov nginx',
        'ip netns exec h2 docker run -d --name client --network ov alpine sleep infinity',
      ],
      claims: [
        {
          says: 'Each container also gets eth1 on docker_gwbridge for its way out.',
          line: 'ip -n client link show eth1',
          expect: { stdout: 'eth1@' },
        },
      ],
      task: {
        goal: "client (on h2) gets nginx's page from web (on h1) over the overlay, and web sees client's overlay address 10.0.1.3.",
        probes: ['ip netns exec client curl http://10.0.1.2/'],
        check: ({ snapshot, outcomes }) =>
          all(
            [
              snapshot.namespaces.some(
                (n) =>
                  n.name.startsWith('1-') && n.name.endsWith('.h2') && n.neigh.some((x) => x.ip === '10.0.1.2' && x.state === 'PERMANENT'),
              ),
              'h2 has no overlay sandbox that knows web (10.0.1.2): run a container on the overlay network on both hosts.',
            ],
            [curled(outcomes[0]), `client cannot reach web: ${why(outcomes[0])}.`],
            [seenAs(outcomes[0]) === '10.0.1.3', `web saw ${seenAs(outcomes[0]) ?? 'nothing'}, not client's overlay address 10.0.1.3.`],
            [outcomes[0]?.path.some((p) => p === 'h2:eth0') ?? false, "The request did not cross the hosts' LAN (h2:eth0)."],
          ),
        hint: 'Run the five commands in order: the join token is the one `docker swarm init` printed.',
      },
    },
  ],
};

export const publishedPortLesson: Lesson = {
  id: 'published-port',
  title: 'Why a published port slips past INPUT',
  summary:
    'A firewall rule in INPUT does not stop `-p 8080:80`: the DNAT happens before routing, so the packet is forwarded, not delivered. DOCKER-USER is where such rules go.',
  credits: [ZH_002, ZH_000],
  setup: [...ISP, 'docker run -d --name web -p 8080:80 nginx'],
  steps: [
    {
      title: 'Block port 8080 in INPUT',
      body: [
        'nginx is published on 8080. A natural first firewall: drop TCP 8080 in INPUT. Add it, then curl from isp.',
        "It still answers. PREROUTING's DNAT (Docker's `-m addrtype --dst-type LOCAL -j DOCKER`) rewrites 198.51.100.20:8080 to 172.17.0.2:80 before the routing decision, so the packet is for another machine: it goes through FORWARD, never INPUT.",
      ],
      commands: ['iptables -A INPUT -p tcp --dport 8080 -j DROP', 'ip netns exec isp curl http://198.51.100.20:8080/'],
      claims: [{ says: 'It still answers.', line: 'ip netns exec isp curl http://198.51.100.20:8080/', expect: 'reply' }],
      task: {
        goal: 'With a DROP for 8080 in INPUT, isp still gets the page, and the request was DNATed.',
        probes: ['ip netns exec isp curl http://198.51.100.20:8080/'],
        check: ({ snapshot, outcomes }) =>
          all(
            [
              !!ns(snapshot, 'root')
                ?.iptables.filter.chains.find((c) => c.name === 'INPUT')
                ?.rules.some((r) => r.includes('8080') && r.includes('DROP')),
              'There is no DROP for port 8080 in INPUT.',
            ],
            [curled(outcomes[0]), `curl fails: ${why(outcomes[0])}.`],
            [dnatted(outcomes[0]), 'The request was not DNATed on its way.'],
          ),
        hint: 'iptables -A INPUT -p tcp --dport 8080 -j DROP',
      },
    },
    {
      title: 'DOCKER-USER: the chain Docker leaves to you',
      body: [
        "FORWARD jumps to DOCKER-USER first, before Docker's own ACCEPT rules, and Docker never rewrites it. By then the destination is the container's: match port 80 (or the original port with `-m conntrack --ctorigdstport 8080`).",
        'Insert the drop for traffic coming in on eth0 to port 80.',
      ],
      commands: ['iptables -I DOCKER-USER -i eth0 -p tcp --dport 80 -j DROP'],
      claims: [
        {
          says: "FORWARD jumps to DOCKER-USER first, before Docker's own ACCEPT rules",
          line: 'ip netns exec isp curl http://198.51.100.20:8080/',
          expect: 'no-reply',
        },
      ],
      task: {
        goal: 'isp can no longer reach the published port, and the drop happens in FORWARD.',
        probes: ['ip netns exec isp curl -m 2 http://198.51.100.20:8080/'],
        check: ({ outcomes }) =>
          all(
            [!curled(outcomes[0]), 'isp still gets the page.'],
            [
              /FORWARD|DOCKER-USER/.test(outcomes[0]?.drop ?? ''),
              `The packet was not dropped in FORWARD (${outcomes[0]?.drop ?? 'no drop seen'}).`,
            ],
          ),
        hint: 'iptables -I DOCKER-USER -i eth0 -p tcp --dport 80 -j DROP',
      },
    },
    {
      title: "Docker's chains, then and now",
      body: [
        'Many articles show Docker 27 and older: FORWARD jumping to DOCKER-ISOLATION-STAGE-1 (and -2) to keep bridge networks apart, and four rules per network in FORWARD itself. Docker 28 moved all of that out of FORWARD: it now holds only the jumps to DOCKER-USER and DOCKER-FORWARD. DOCKER-FORWARD jumps to DOCKER-CT (replies, per bridge), DOCKER-INTERNAL (--internal networks) and DOCKER-BRIDGE (to DOCKER, per bridge), then accepts what leaves a network. The DROP at the end of DOCKER for each bridge is what keeps networks apart now.',
        'Docker 28 also added the raw table: for every container on a nat network, `-t raw -A PREROUTING -d ADDR ! -i BRIDGE -j DROP` drops packets routed straight to its address before conntrack even sees them. Take the DROP of step 2 out of DOCKER-USER, give isp a route to 172.17.0.0/16 and curl the container directly: the published port is open, the address is not.',
      ],
      commands: [
        'iptables -S DOCKER-FORWARD',
        'iptables -t raw -S PREROUTING',
        'iptables -D DOCKER-USER -i eth0 -p tcp --dport 80 -j DROP',
        'ip -n isp route add 172.17.0.0/16 via 198.51.100.20',
        'ip netns exec isp curl http://172.17.0.2/',
      ],
      claims: [
        {
          says: 'the published port is open, the address is not',
          line: 'ip netns exec isp curl http://198.51.100.20:8080/',
          expect: 'reply',
        },
        { says: 'the published port is open, the address is not', line: 'ip netns exec isp curl http://172.17.0.2/', expect: 'no-reply' },
      ],
      task: {
        goal: "With a route to docker0's subnet, isp's request to the container's own address dies in the raw table.",
        probes: ['ip netns exec isp curl -m 2 http://172.17.0.2/'],
        check: ({ outcomes }) =>
          all(
            [!curled(outcomes[0]), 'isp reaches the container directly.'],
            [/raw table/.test(outcomes[0]?.drop ?? ''), `The packet was not dropped in the raw table (${why(outcomes[0])}).`],
          ),
        hint: 'ip -n isp route add 172.17.0.0/16 via 198.51.100.20',
      },
    },
  ],
};
