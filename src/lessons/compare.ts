// The comparison view's four labs: the same curl, from an outside machine to the same nginx,
// under host, bridge, macvlan and ipvlan. Each is built on its own scratch world.

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

export const COMPARE_LABS: readonly CompareLab[] = [
  {
    id: 'host',
    title: '--network host',
    setup: [...lanHost(), `${D} run -d --name web --network host nginx`],
    curl: 'ip netns exec ext curl http://192.168.100.2/',
  },
  {
    id: 'bridge',
    title: 'bridge, -p 80:80',
    setup: [...lanHost(), `${D} run -d --name web -p 80:80 nginx`],
    curl: 'ip netns exec ext curl http://192.168.100.2/',
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
  },
  {
    id: 'ipvlan',
    title: 'ipvlan (l2)',
    setup: [
      ...lanHost(),
      `${D} network create -d ipvlan --subnet 192.168.100.0/24 --gateway 192.168.100.1 -o parent=eth0 -o ipvlan_mode=l2 lan`,
      `${D} run -d --name web --network lan --ip 192.168.100.50 nginx`,
    ],
    curl: 'ip netns exec ext curl http://192.168.100.50/',
  },
];
