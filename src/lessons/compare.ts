// The comparison view's labs: Docker's seven network modes (host, bridge, none, container:,
// macvlan, ipvlan, overlay), each with nginx and one curl to it, from a client on the LAN or,
// for the overlay, from a container on the other host. Each is built on its own scratch world;
// `answers` is what the mode does with that curl (none is cut off by design).

import type { CompareLab } from '../protocol/messages.ts';

/** the host's eth0 on a LAN (a bridge "lan" in the root namespace plays the switch), a client "ext" on it */
function lanHost(): string[] {
  return [
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
    'ip -n dockerhost route add default via 192.168.100.1',
    'ip -n ext addr add 192.168.100.10/24 dev eth0',
    'ip -n ext link set eth0 up',
  ];
}

const D = 'ip netns exec dockerhost docker';

/** a second Docker host on the LAN, for the overlay */
const SECOND_HOST = [
  'ip netns add dockerhost2',
  'ip link add sw-dockerhost2 type veth peer name eth0 netns dockerhost2',
  'ip link set sw-dockerhost2 master lan',
  'ip link set sw-dockerhost2 up',
  'ip -n dockerhost2 addr add 192.168.100.3/24 dev eth0',
  'ip -n dockerhost2 link set eth0 up',
];

export const COMPARE_LABS: readonly CompareLab[] = [
  {
    id: 'host',
    title: 'Host network',
    setup: [...lanHost(), `${D} run -d --name web --network host nginx`],
    curl: 'ip netns exec ext curl http://192.168.100.2/',
    answers: true,
  },
  {
    id: 'bridge',
    title: 'Bridge, port 80 published',
    setup: [...lanHost(), `${D} run -d --name web -p 80:80 nginx`],
    curl: 'ip netns exec ext curl http://192.168.100.2/',
    answers: true,
  },
  {
    id: 'none',
    title: 'No network',
    setup: [...lanHost(), `${D} run -d --name web --network none nginx`],
    curl: 'ip netns exec ext curl http://192.168.100.2/',
    answers: false,
  },
  {
    id: 'container',
    title: "Another container's network",
    setup: [...lanHost(), `${D} run -d --name app -p 80:80 alpine sleep infinity`, `${D} run -d --name web --network container:app nginx`],
    curl: 'ip netns exec ext curl http://192.168.100.2/',
    answers: true,
  },
  {
    id: 'macvlan',
    title: 'macvlan (bridge mode)',
    setup: [
      ...lanHost(),
      `${D} network create -d macvlan --subnet 192.168.100.0/24 --gateway 192.168.100.1 -o parent=eth0 lan`,
      `${D} run -d --name web --network lan --ip 192.168.100.50 nginx`,
    ],
    curl: 'ip netns exec ext curl http://192.168.100.50/',
    answers: true,
  },
  {
    id: 'ipvlan',
    title: 'ipvlan (l2 mode)',
    setup: [
      ...lanHost(),
      `${D} network create -d ipvlan --subnet 192.168.100.0/24 --gateway 192.168.100.1 -o parent=eth0 -o ipvlan_mode=l2 lan`,
      `${D} run -d --name web --network lan --ip 192.168.100.50 nginx`,
    ],
    curl: 'ip netns exec ext curl http://192.168.100.50/',
    answers: true,
  },
  {
    id: 'overlay',
    title: 'Overlay across two hosts',
    setup: [
      ...lanHost(),
      ...SECOND_HOST,
      `${D} swarm init --advertise-addr 192.168.100.2`,
      // the join token the manager above prints (`docker swarm join-token worker -q`)
      'ip netns exec dockerhost2 docker swarm join --token SWMTKN-1-trb48qyde3td6wffcn3f8ej4e64tbav46uxc6jrug1xogsa7um-zt4od3mf982z0f92xhgs48nt4 192.168.100.2:2377',
      `${D} network create -d overlay --attachable ov`,
      `${D} run -d --name web --network ov nginx`,
      'ip netns exec dockerhost2 docker run -d --name client --network ov alpine sleep infinity',
    ],
    curl: 'ip netns exec client curl http://10.0.1.2/',
    answers: true,
  },
];
