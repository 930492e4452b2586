// docker swarm and overlay networks: refusals in Docker's words that change nothing, the
// peers Docker programs on the other hosts, and what leaving takes away.

import { describe, expect, it } from 'vitest';
import { fingerprint } from '../core/snapshot.ts';
import { Shell } from './shell.ts';

const LAN = [
  'ip netns add host1',
  'ip netns add host2',
  'ip netns add host3',
  'ip link add lan type bridge',
  'ip link set lan up',
  'ip link add p1 type veth peer name eth0 netns host1',
  'ip link add p2 type veth peer name eth0 netns host2',
  'ip link add p3 type veth peer name eth0 netns host3',
  'ip link set p1 master lan',
  'ip link set p2 master lan',
  'ip link set p3 master lan',
  'ip link set p1 up',
  'ip link set p2 up',
  'ip link set p3 up',
  'ip -n host1 addr add 192.168.60.11/24 dev eth0',
  'ip -n host2 addr add 192.168.60.12/24 dev eth0',
  'ip -n host3 addr add 192.168.60.13/24 dev eth0',
  'ip -n host1 link set eth0 up',
  'ip -n host2 link set eth0 up',
  'ip -n host3 link set eth0 up',
];

function build(lines: readonly string[], sh = new Shell()): Shell {
  for (const l of lines) {
    const r = sh.exec(l);
    expect(r.status, `${l}: ${r.stderr}`).toBe(0);
  }
  return sh;
}

/** a three-host swarm (host1 manager) with an attachable overlay network `ov` */
function swarm(): Shell {
  const sh = build(LAN);
  build(['ip netns exec host1 docker swarm init --advertise-addr 192.168.60.11'], sh);
  const token = sh.exec('ip netns exec host1 docker swarm join-token -q worker').stdout.trim();
  expect(token).toMatch(/^SWMTKN-1-[a-z0-9]{50}-[a-z0-9]{25}$/);
  build(
    [
      `ip netns exec host2 docker swarm join --token ${token} 192.168.60.11:2377`,
      `ip netns exec host3 docker swarm join --token ${token} 192.168.60.11:2377`,
      'ip netns exec host1 docker network create -d overlay --attachable --subnet 10.0.9.0/24 ov',
    ],
    sh,
  );
  return sh;
}

/** the sandbox namespace of an overlay network on a host (`1-<network id>`), if it has one */
function sandboxOf(sh: Shell, host: string, net = 'ov'): string | undefined {
  const id = sh.exec(`ip netns exec host1 docker network inspect -f '{{.Id}}' ${net}`).stdout.trim();
  expect(id).toMatch(/^[a-z0-9]{25}$/);
  return sh.world.allNs().find((n) => n.label === `1-${id.slice(0, 10)}.${host}`)?.label;
}

function refused(sh: Shell, line: string, message: RegExp): void {
  const before = fingerprint(sh.world);
  const r = sh.exec(line);
  expect(r.status, line).not.toBe(0);
  expect(r.stderr).toMatch(message);
  expect(fingerprint(sh.world), `${line} changed the world`).toBe(before);
}

describe('docker swarm', () => {
  it('refuses what Docker refuses, and changes nothing', () => {
    const sh = build(LAN);
    refused(sh, 'ip netns exec host1 docker network create -d overlay ov', /not a swarm manager/);
    refused(sh, 'ip netns exec host2 docker swarm join --token SWMTKN-1-x 192.168.60.11:2377', /connection refused/);
    refused(sh, 'ip netns exec host2 docker swarm join --token SWMTKN-1-x 10.99.0.1:2377', /network is unreachable/);
    build(['ip netns exec host1 docker swarm init'], sh);
    refused(sh, 'ip netns exec host1 docker swarm init', /already part of a swarm/);
    refused(sh, 'ip netns exec host2 docker swarm join --token SWMTKN-1-x 192.168.60.11:2377', /valid join token/);
    refused(sh, 'ip netns exec host1 docker swarm leave', /Use `--force`/);
    refused(sh, 'ip netns exec host2 docker node ls', /not a swarm manager/);
  });

  it('init picks the only address, and asks when there are several', () => {
    const sh = build(LAN);
    build(
      [
        'ip link add extra type veth peer name x2 netns host2',
        'ip link set extra netns host1',
        'ip -n host1 addr add 10.1.1.1/24 dev extra',
      ],
      sh,
    );
    refused(
      sh,
      'ip netns exec host1 docker swarm init',
      /multiple addresses on different interfaces \(192\.168\.60\.11 on eth0 and 10\.1\.1\.1 on extra\)/,
    );
    expect(sh.exec('ip netns exec host1 docker swarm init --advertise-addr eth0').stdout).toContain('192.168.60.11:2377');
  });

  it('a worker cannot create an overlay network; a manager lists its nodes', () => {
    const sh = swarm();
    refused(sh, 'ip netns exec host2 docker network create -d overlay ov2', /from a worker node/);
    const ls = sh.exec('ip netns exec host1 docker node ls').stdout;
    expect(ls.split('\n').filter((l) => /Ready/.test(l))).toHaveLength(3);
    expect(ls).toMatch(/\*\s+host1\s+Ready\s+Active\s+Leader/);
  });
});

describe('overlay networks', () => {
  it('nothing in the kernel until a container joins; then a sandbox with br0 and vxlan0 on that host only', () => {
    const sh = swarm();
    expect(['host1', 'host2', 'host3'].map((h) => sandboxOf(sh, h))).toEqual([undefined, undefined, undefined]);
    build(['ip netns exec host1 docker run -d --name web --network ov nginx'], sh);
    expect(['host1', 'host2', 'host3'].map((h) => sandboxOf(sh, h) !== undefined)).toEqual([true, false, false]);
    const sb = sh.world.ns(sandboxOf(sh, 'host1')!)!;
    const vx = sb.dev('vxlan0')!;
    expect(vx.vxlan).toMatchObject({ vni: 4097, dstport: 4789, proxy: true, learning: true });
    // the tunnel's socket stays in the host that made it
    expect(vx.vxlan!.underlay).toBe(sh.world.ns('host1'));
    expect(vx.master?.name).toBe('br0');
    expect(sh.exec(`ip -n ${sb.label} addr show br0`).stdout).toContain('10.0.9.1/24');
    expect(sh.exec('ip -n web route').stdout).toBe(
      // 172.18.0.2 is the ingress sandbox's
      'default via 172.18.0.1 dev eth1 \n10.0.9.0/24 dev eth0 proto kernel scope link src 10.0.9.2 \n172.18.0.0/16 dev eth1 proto kernel scope link src 172.18.0.3 \n',
    );
  });

  it('a container on another host: each sandbox gets a permanent neighbour and an FDB entry for the other', () => {
    const sh = swarm();
    build(
      [
        'ip netns exec host1 docker run -d --name web --network ov nginx',
        'ip netns exec host2 docker run -d --name c2 --network ov alpine sleep infinity',
      ],
      sh,
    );
    const sb1 = sandboxOf(sh, 'host1')!;
    const sb2 = sandboxOf(sh, 'host2')!;
    expect(sh.exec(`ip -n ${sb1} neigh`).stdout).toContain('10.0.9.3 dev vxlan0 lladdr 02:42:0a:00:09:03 PERMANENT');
    expect(sh.exec(`ip netns exec ${sb1} bridge fdb show dev vxlan0`).stdout).toContain(
      '02:42:0a:00:09:03 dst 192.168.60.12 self permanent',
    );
    expect(sh.exec(`ip -n ${sb2} neigh`).stdout).toContain('10.0.9.2 dev vxlan0 lladdr 02:42:0a:00:09:02 PERMANENT');
    expect(sh.exec(`ip netns exec ${sb2} bridge fdb show dev vxlan0`).stdout).toContain(
      '02:42:0a:00:09:02 dst 192.168.60.11 self permanent',
    );
    // the ping crosses the LAN inside UDP, and the names resolve across hosts
    expect(sh.exec('ip netns exec c2 ping -c 1 10.0.9.2').stdout).toContain('1 received');
    expect(sh.exec('ip netns exec host2 docker exec c2 curl http://web/').stdout).toContain('<title>Welcome to nginx!</title>');
    expect(sh.world.servedClient).toBe('10.0.9.3');
    // a third host's sandbox is made when it needs one, with both peers in it
    build(['ip netns exec host3 docker run -d --name c3 --network ov alpine sleep infinity'], sh);
    const sb3 = sandboxOf(sh, 'host3')!;
    const n3 = sh.exec(`ip -n ${sb3} neigh`).stdout;
    expect(n3).toContain('10.0.9.2 dev vxlan0');
    expect(n3).toContain('10.0.9.3 dev vxlan0');
    expect(sh.exec('ip netns exec c3 ping -c 1 10.0.9.3').stdout).toContain('1 received');
  });

  it("addresses are the swarm's: one taken on another host is refused, and nothing changes", () => {
    const sh = swarm();
    build(['ip netns exec host1 docker run -d --name web --network ov nginx'], sh);
    refused(sh, 'ip netns exec host2 docker run -d --name c2 --network ov --ip 10.0.9.2 alpine sleep infinity', /Address already in use/);
    build(['ip netns exec host1 docker network create -d overlay --subnet 10.0.8.0/24 closed'], sh);
    refused(sh, 'ip netns exec host2 docker run -d --name c2 --network closed alpine sleep infinity', /not manually attachable/);
  });

  it('the last container to leave a host takes its sandbox; the other hosts forget it', () => {
    const sh = swarm();
    build(
      [
        'ip netns exec host1 docker run -d --name web --network ov nginx',
        'ip netns exec host2 docker run -d --name c2 --network ov alpine sleep infinity',
      ],
      sh,
    );
    const sb1 = sandboxOf(sh, 'host1')!;
    build(['ip netns exec host2 docker rm -f c2'], sh);
    expect(sandboxOf(sh, 'host2')).toBeUndefined();
    expect(sh.world.allNs().some((n) => n.label === 'c2')).toBe(false);
    expect(sh.exec(`ip -n ${sb1} neigh`).stdout).not.toContain('10.0.9.3');
    expect(sh.exec(`ip netns exec ${sb1} bridge fdb show dev vxlan0`).stdout).not.toContain('02:42:0a:00:09:03');
    refused(sh, 'ip netns exec host1 docker network rm ov', /active endpoints/);
    const sb1Gone = sb1;
    build(['ip netns exec host1 docker rm -f web', 'ip netns exec host1 docker network rm ov'], sh);
    expect(sh.world.ns(sb1Gone)).toBeUndefined();
    // what stays is the swarm's ingress network
    expect(
      sh
        .exec('ip netns exec host1 docker network ls')
        .stdout.split('\n')
        .filter((l) => l.includes('overlay')),
    ).toEqual([expect.stringMatching(/ ingress +overlay +swarm$/)]);
  });
});

describe('docker network connect / disconnect with an overlay network', () => {
  it('a container with a way out already gets no docker_gwbridge leg; disconnect takes the overlay leg away', () => {
    const sh = swarm();
    build(
      [
        'ip netns exec host1 docker run -d --name web --network ov nginx',
        'ip netns exec host2 docker run -d --name c2 alpine sleep infinity',
        'ip netns exec host2 docker network connect ov c2',
      ],
      sh,
    );
    const names = sh.world
      .ns('c2')!
      .deviceList()
      .map((d) => d.name);
    expect(names).toEqual(['lo', 'eth0', 'eth1']);
    expect(sh.exec('ip -n c2 route').stdout).toContain('default via 172.17.0.1 dev eth0');
    expect(sh.exec('ip netns exec c2 ping -c 1 10.0.9.2').stdout).toContain('1 received');
    build(['ip netns exec host2 docker network disconnect ov c2'], sh);
    expect(
      sh.world
        .ns('c2')!
        .deviceList()
        .map((d) => d.name),
    ).toEqual(['lo', 'eth0']);
    expect(sandboxOf(sh, 'host2')).toBeUndefined();
    expect(sh.exec('ip netns exec web ping -c 1 10.0.9.3').stdout).toContain('0 received');
  });
});

describe('published ports of a container on an overlay network', () => {
  it("are its docker_gwbridge leg's: DNAT to that address, reached from another host, gone with the container", () => {
    const sh = swarm();
    build(['ip netns exec host1 docker run -d --name web --network ov -p 8080:80 nginx'], sh);
    const gw = sh.exec('ip netns exec web ip -br -4 addr show eth1').stdout.split(/\s+/)[2]!.split('/')[0]!;
    expect(gw).toMatch(/^172\.18\.0\.\d+$/);
    const nat = sh.exec('ip netns exec host1 iptables -t nat -S DOCKER').stdout;
    expect(nat).toContain(`-A DOCKER ! -i docker_gwbridge -p tcp -m tcp --dport 8080 -j DNAT --to-destination ${gw}:80`);
    expect(sh.exec('ip netns exec host1 iptables -S DOCKER').stdout).toContain(
      `-A DOCKER -d ${gw}/32 ! -i docker_gwbridge -o docker_gwbridge -p tcp -m tcp --dport 80 -j ACCEPT`,
    );
    // host2 reaches it on host1's address; nginx sees host2
    expect(sh.exec('ip netns exec host2 curl http://192.168.60.11:8080/').record).toMatchObject({ result: 'ok', client: '192.168.60.12' });
    expect(sh.exec('ip netns exec host1 docker port web').stdout).toBe('80/tcp -> 0.0.0.0:8080\n');
    build(['ip netns exec host1 docker rm -f web'], sh);
    expect(sh.exec('ip netns exec host1 iptables -t nat -S DOCKER').stdout).not.toContain('8080');
    expect(sh.exec('ip netns exec host1 iptables -t raw -S').stdout).not.toContain(gw);
  });

  it('go when the overlay network is disconnected, with the leg they were on', () => {
    const sh = swarm();
    build(['ip netns exec host1 docker run -d --name web --network ov -p 8080:80 nginx'], sh);
    const before = sh.exec('ip netns exec host1 iptables-save').stdout;
    expect(before).toContain('--dport 8080');
    expect(before).toContain('-A PREROUTING -d 172.18.0.3/32 ! -i docker_gwbridge -j DROP');
    build(['ip netns exec host1 docker network disconnect ov web'], sh);
    const after = sh.exec('ip netns exec host1 iptables-save').stdout;
    expect(after).not.toContain('--dport 8080');
    expect(after).not.toContain('-A PREROUTING -d 172.18.0.3/32');
    expect(sh.exec('ip netns exec host1 docker port web').stdout).toBe('');
  });
});

describe("swarm's routing mesh: the ingress network, its sandbox and services", () => {
  it('every node gets the ingress sandbox: eth0 on ingress (MTU 1450), eth1 on docker_gwbridge with the way out', () => {
    const sh = swarm();
    expect(sh.exec('ip netns exec host1 docker network ls').stdout).toMatch(/ ingress +overlay +swarm\n/);
    expect(sh.exec('ip -n ingress_sbox.host1 -br -4 addr').stdout).toMatch(
      /^eth0@\S+ +UP +10\.0\.0\.2\/24 \neth1@\S+ +UP +172\.18\.0\.2\/16 \n$/m,
    );
    expect(sh.exec('ip -n ingress_sbox.host2 -br -4 addr show eth0').stdout).toContain('10.0.0.3/24');
    expect(sh.exec('ip -n ingress_sbox.host1 route').stdout).toMatch(/^default via 172\.18\.0\.1 dev eth1 \n/);
    expect(sh.world.ns('ingress_sbox.host1')!.dev('eth0')!.mtu).toBe(1450);
    // the overlay's bridge has the VXLAN device's MTU from the start
    const sb = sandboxOf(sh, 'host1', 'ingress')!;
    expect(sh.world.ns(sb)!.dev('br0')!.mtu).toBe(1450);
    // the sandboxes reach each other across the hosts' LAN
    expect(sh.exec('ip netns exec ingress_sbox.host2 ping -c 1 10.0.0.2').stdout).toContain('1 received');
  });

  it('docker service create -p: DOCKER-INGRESS on the host, the REDIRECT in the task; service rm takes them', () => {
    const sh = swarm();
    build(['ip netns exec host1 docker service create --name web -p 8080:80 nginx'], sh);
    const ls = sh.exec('ip netns exec host1 docker service ls').stdout.split('\n');
    expect(ls[1]).toMatch(/^[a-z0-9]{12} +web +replicated +1\/1 +nginx:latest +\*:8080->80\/tcp$/);
    const nat = sh.exec('ip netns exec host1 iptables -t nat -S DOCKER-INGRESS').stdout;
    expect(nat).toBe(
      '-N DOCKER-INGRESS\n-A DOCKER-INGRESS -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.18.0.2:8080\n-A DOCKER-INGRESS -j RETURN\n',
    );
    const name = sh.world.allNs().find((n) => n.label.startsWith('web.1.'))!.label;
    expect(name).toMatch(/^web\.1\.[a-z0-9]{25}$/);
    expect(sh.exec(`ip netns exec ${name} iptables -t nat -S PREROUTING`).stdout).toContain(
      // the three nodes' sandboxes have .2 to .4, the service's VIP .5, its task .6
      '-A PREROUTING -d 10.0.0.6/32 -p tcp -m tcp --dport 8080 -j REDIRECT --to-ports 80',
    );
    refused(sh, `ip netns exec host1 docker rm -f ${name}`, /task of service web/);
    refused(sh, 'ip netns exec host1 docker service create --name web2 -p 8080:81 nginx', /port '8080' is already in use by service 'web'/);
    refused(sh, 'ip netns exec host1 docker service create --replicas 3 nginx', /--replicas 3 is not modelled/);
    refused(sh, 'ip netns exec host2 docker service create nginx', /Worker nodes can't be used/);
    refused(sh, 'ip netns exec host1 docker swarm leave --force', /service web still runs/);
    build(['ip netns exec host1 docker service rm web'], sh);
    expect(sh.world.ns(name)).toBeUndefined();
    expect(sh.exec('ip netns exec host1 iptables -t nat -S DOCKER-INGRESS').stdout).toBe(
      '-N DOCKER-INGRESS\n-A DOCKER-INGRESS -j RETURN\n',
    );
    expect(sh.exec('ip netns exec host1 iptables -S DOCKER-INGRESS').stdout).toBe('-N DOCKER-INGRESS\n-A DOCKER-INGRESS -j RETURN\n');
    expect(sh.exec('ip -n ingress_sbox.host1 -br -4 addr show eth0').stdout).not.toContain('/32');
  });

  it("a published port answers on every node: through that node's ingress sandbox and IPVS to the task", () => {
    const sh = swarm();
    build(['ip netns exec host1 docker service create --name web -p 8080:80 nginx', 'ip -n host1 link set lo up'], sh);
    // the host itself (127.0.0.1 too: route_localnet on docker_gwbridge); the server sees the ingress sandbox
    expect(sh.exec('ip netns exec host1 curl http://127.0.0.1:8080/').record).toMatchObject({ result: 'ok', client: '10.0.0.2' });
    // another node's address: its own sandbox (10.0.0.3) sends over the overlay to the task on host1
    expect(sh.exec('ip netns exec host1 curl http://192.168.60.12:8080/').record).toMatchObject({ result: 'ok', client: '10.0.0.3' });
    expect(sh.exec('ip netns exec host3 curl http://192.168.60.11:8080/').record).toMatchObject({ result: 'ok', client: '10.0.0.2' });
    // a port no service publishes is the host's own: refused
    expect(sh.exec('ip netns exec host3 curl http://192.168.60.12:8081/').record).toMatchObject({ result: 'refused' });
    const ipvs = sh.exec('ip netns exec ingress_sbox.host2 ipvsadm -Ln').stdout;
    expect(ipvs).toContain('FWM  256 rr\n  -> 10.0.0.6:0                   Masq    1      ');
    expect(sh.exec('ip netns exec ingress_sbox.host2 iptables -t nat -S POSTROUTING').stdout).toContain(
      '-A POSTROUTING -d 10.0.0.0/24 -m ipvs --ipvs -j SNAT --to-source 10.0.0.3',
    );
    build(['ip netns exec host1 docker service rm web'], sh);
    expect(sh.exec('ip netns exec host3 curl http://192.168.60.12:8080/').record).toMatchObject({ result: 'refused' });
    expect(sh.exec('ip netns exec ingress_sbox.host2 ipvsadm -Ln').stdout).not.toContain('FWM');
  });

  it('leaving the swarm takes the ingress sandbox; the other nodes forget it', () => {
    const sh = swarm();
    const sb1 = sandboxOf(sh, 'host1', 'ingress')!;
    build(['ip netns exec host2 docker swarm leave'], sh);
    expect(sh.world.ns('ingress_sbox.host2')).toBeUndefined();
    expect(sh.exec(`ip -n ${sb1} neigh`).stdout).not.toContain('10.0.0.3 ');
    expect(sh.world.ns('ingress_sbox.host1')).toBeDefined();
  });
});
