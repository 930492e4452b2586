// docker as a command of the dialect: what it expands to, that the expansion is what the
// kernel recordings were made from, that the docker form gives the recorded probes, and that
// a refused docker command leaves the world exactly as it was.

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../core/snapshot.ts';
import { expandDocker, expandScript } from './docker.ts';
import { DOCKER_SCENARIOS } from './docker/scenarios.ts';
import { logicalLines } from './lex.ts';
import { replayScenario } from './replay.ts';
import { Shell } from './shell.ts';

const ROOT = new URL('../../conformance/', import.meta.url);

function build(lines: string[], sh = new Shell()): Shell {
  for (const l of lines) {
    const r = sh.exec(l);
    expect(r.status, `${l}: ${r.stderr}`).toBe(0);
  }
  return sh;
}

const ISP = [
  'ip netns add isp',
  'ip link add eth0 type veth peer name up0 netns isp',
  'ip addr add 198.51.100.20/24 dev eth0',
  'ip link set eth0 up',
  'ip -n isp addr add 198.51.100.1/24 dev up0',
  'ip -n isp link set up0 up',
  'ip route add default via 198.51.100.1',
];

describe('docker run on the default bridge', () => {
  it('expands into the daemon start, the veth pair, the DNAT and the server, in that order', () => {
    const sh = new Shell();
    const lines = expandDocker(sh.world, sh.world.root, ['run', '-d', '--name', 'web', '-p', '8080:80', 'nginx']);
    expect(lines.slice(0, 2)).toEqual(['sysctl -w net.ipv4.ip_forward=1', 'iptables -P FORWARD DROP']);
    expect(lines).toContain('ip link add docker0 type bridge');
    expect(lines).toContain('ip addr add 172.17.0.1/16 dev docker0');
    const veth = lines.find((l) => l.startsWith('ip link add veth'))!;
    // a random MAC since Docker 28 (unicast, locally administered), no longer 02:42 and the address
    const mac = lines.find((l) => l.startsWith('ip -n web link set eth0 address '))!;
    expect(mac).toMatch(/ address [0-9a-f][26ae](:[0-9a-f]{2}){5}$/);
    expect(mac).not.toMatch(/ 02:42:/);
    expect(veth).toMatch(/^ip link add veth[0-9a-f]{7} type veth peer name eth0 netns web$/);
    expect(lines.slice(lines.indexOf('ip netns add web'))).toEqual([
      'ip netns add web',
      veth,
      `ip link set ${veth.split(' ')[3]} master docker0`,
      `ip link set ${veth.split(' ')[3]} up`,
      mac,
      'ip -n web addr add 172.17.0.2/16 dev eth0',
      'ip -n web link set eth0 up',
      'ip -n web link set lo up',
      'ip -n web route add default via 172.17.0.1',
      // filterDirectAccess (Docker 28.2 and later): the container's address is the bridge's only
      'iptables -t raw -A PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP',
      'iptables -t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80',
      'iptables -I DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT',
      // the userland proxy (on by default) listens on the host port
      '# docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 172.17.0.2 -container-port 80',
      'ip netns exec web python3 -m http.server 80 &',
    ]);
    // explaining changes nothing
    expect(sh.world.ns('web')).toBeUndefined();
    expect(sh.exec('docker explain run -d --name web -p 8080:80 nginx').stdout).toBe(lines.join('\n') + '\n');
  });

  it('prints the container id, and curl from outside reaches nginx with the client address the kernel recorded', () => {
    const sh = build(ISP);
    const r = sh.exec('docker run -d --name web -p 8080:80 nginx');
    expect(r.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(r.stderr).toBe('');
    // 05-docker-bridge.sh:50 recorded the same: the server sees the isp's own address
    expect(sh.exec('ip netns exec isp curl http://198.51.100.20:8080/').record).toMatchObject({
      result: 'ok',
      http_code: 200,
      client: '198.51.100.1',
    });
    expect(sh.exec('ip netns exec isp curl http://198.51.100.20:8081/').record).toMatchObject({ result: 'refused' });
    expect(sh.exec('docker ps').stdout).toMatch(/nginx .* 0\.0\.0\.0:8080->80\/tcp +web\n$/);
  });

  it('--debug prints every primitive on stderr', () => {
    const sh = new Shell();
    const r = sh.exec('docker --debug run -d --name box alpine');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('+ ip netns add box\n');
    expect(r.stderr).toContain('+ ip -n box route add default via 172.17.0.1\n');
  });

  it('removing what was made takes every rule back out: rm -f, network disconnect, network rm', () => {
    const sh = build(['dockerd &']);
    const fresh = sh.exec('iptables-save').stdout;
    build(
      [
        'docker network create -o com.docker.network.bridge.name=bridge1 --subnet 192.0.2.0/24 --gateway 192.0.2.1 bridge1',
        'docker network create -o com.docker.network.bridge.enable_icc=false --subnet 198.51.100.0/24 bridge2',
        'docker run -d --network bridge1 -p 8080:80 -p 127.0.0.1:8081:81 --name c1 busybox sleep infinity',
        'docker run -d --network bridge2 -p 8082:80 --name c2 busybox sleep infinity',
        'docker network connect bridge2 c1',
      ],
      sh,
    );
    const raw = () => sh.exec('iptables -t raw -S PREROUTING').stdout;
    // one DROP per endpoint on a nat network (c1 on both), one per port published on loopback
    expect(raw()).toMatch(
      /^-P PREROUTING ACCEPT\n-A PREROUTING -d 192\.0\.2\.2\/32 ! -i bridge1 -j DROP\n-A PREROUTING -d 127\.0\.0\.1\/32 ! -i lo -p tcp -m tcp --dport 8081 -j DROP\n-A PREROUTING -d 198\.51\.100\.2\/32 ! -i br-[0-9a-f]{12} -j DROP\n-A PREROUTING -d 198\.51\.100\.3\/32 ! -i br-[0-9a-f]{12} -j DROP\n$/,
    );
    build(['docker network disconnect bridge2 c1'], sh);
    expect(raw()).not.toMatch(/198\.51\.100\.3/);
    build(['docker rm -f c1 c2', 'docker network rm bridge1 bridge2'], sh);
    expect(sh.exec('iptables-save').stdout).toBe(fresh);
  });

  it('programs several published ports in PortBindingReq order: container port, then tcp before udp', () => {
    const sh = build(['docker run -d -p 8080:80 -p 5353:53/udp -p 5354:53 --name c1 busybox sleep infinity']);
    expect(sh.exec('iptables -t nat -S DOCKER').stdout).toBe(`-N DOCKER
-A DOCKER ! -i docker0 -p tcp -m tcp --dport 5354 -j DNAT --to-destination 172.17.0.2:53
-A DOCKER ! -i docker0 -p udp -m udp --dport 5353 -j DNAT --to-destination 172.17.0.2:53
-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
`);
    // the filter ACCEPTs are inserted at the top, so they read the other way round
    expect(sh.exec('iptables -S DOCKER').stdout.split('\n').slice(1, 4)).toEqual([
      '-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT',
      '-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p udp -m udp --dport 53 -j ACCEPT',
      '-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 53 -j ACCEPT',
    ]);
  });

  it('reads -p as the docker CLI does: ranges pair port for port, the long form, -P for what the image exposes', () => {
    const sh = build([
      'docker run -d -p 8080-8081:80-81 --name c1 busybox sleep infinity',
      'docker run -d --publish published=9090,target=90,protocol=udp --name c2 busybox sleep infinity',
      'docker run -d -P --name c3 nginx',
    ]);
    expect(sh.exec('iptables -t nat -S DOCKER').stdout).toBe(`-N DOCKER
-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8081 -j DNAT --to-destination 172.17.0.2:81
-A DOCKER ! -i docker0 -p udp -m udp --dport 9090 -j DNAT --to-destination 172.17.0.3:90
-A DOCKER ! -i docker0 -p tcp -m tcp --dport 32768 -j DNAT --to-destination 172.17.0.4:80
`);
    for (const [line, msg] of [
      ['docker run -d -p [::]:8083:80 busybox sleep infinity', /IPv6 host addresses are not modelled/],
      [
        'docker run -d -p 8080-8082:80-81 busybox sleep infinity',
        /^docker: invalid ranges specified for container and host Ports: 80-81 and 8080-8082\n\nRun 'docker run --help' for more information\n$/,
      ],
      ['docker run -d -p 8080:80/ftp busybox sleep infinity', /^docker: invalid proto: ftp\n\n/],
    ] as const) {
      const r = sh.exec(line);
      expect(r.status, line).toBe(125);
      expect(r.stderr, line).toMatch(msg);
    }
  });

  it('does not close FORWARD when forwarding was already on (setupIPForwarding)', () => {
    const sh = build(['sysctl -w net.ipv4.ip_forward=1', 'docker run -d --name box alpine sleep infinity']);
    expect(sh.exec('iptables -S FORWARD').stdout.split('\n')[0]).toBe('-P FORWARD ACCEPT');
  });
});

describe('addresses, names and modes', () => {
  it('hands out addresses in order from .2, honours --ip, --ip-range and --aux-address', () => {
    const sh = build([
      'docker network create --subnet 10.9.0.0/24 --ip-range 10.9.0.128/25 --aux-address router=10.9.0.129 net9',
      'docker run -d --name aa --network net9 alpine sleep infinity',
      'docker run -d --name bb --network net9 --ip 10.9.0.7 alpine sleep infinity',
      'docker run -d --name cc --network net9 alpine sleep infinity',
    ]);
    const ip = (ns: string) => sh.exec(`ip -n ${ns} addr show dev eth0`).stdout.match(/inet (\S+)/)![1];
    expect([ip('aa'), ip('bb'), ip('cc')]).toEqual(['10.9.0.128/24', '10.9.0.7/24', '10.9.0.130/24']);
    const dflt = build(['docker run -d --name d1 alpine sleep infinity', 'docker run -d --name d2 alpine sleep infinity']);
    expect(dflt.exec('ip -n d2 addr show dev eth0').stdout).toContain('inet 172.17.0.3/16');
  });

  it('user networks get the next default pool, 172.18.0.0/16 first', () => {
    const sh = build([
      'docker network create n1',
      'docker network create n2',
      'docker run -d --name x1 --network n2 alpine sleep infinity',
    ]);
    expect(sh.exec('ip -n x1 route').stdout).toContain('default via 172.19.0.1 dev eth0');
    expect(sh.exec('docker network inspect n1').stdout).toContain('"Subnet": "172.18.0.0/16"');
  });

  it('resolves container names on a user network (docker exec), not on the default bridge', () => {
    const sh = build([
      'docker network create app',
      'docker run -d --name web --network app nginx',
      'docker run -d --name cli --network app alpine sleep infinity',
      'docker run -d --name old alpine sleep infinity',
      'docker run -d --name old2 nginx',
    ]);
    const r = sh.exec('docker exec cli curl http://web/');
    expect(r.status).toBe(0);
    expect(sh.world.servedClient).toBe('172.18.0.3');
    expect(sh.exec('docker exec cli ping -c 1 web').stdout).toContain('64 bytes from 172.18.0.2');
    const bad = sh.exec('docker exec old curl http://old2/');
    expect(bad.status).toBe(6);
    expect(bad.stderr).toContain('Could not resolve host: old2');
  });

  it('host runs the server in the host, none has only lo, container: shares the namespace', () => {
    const sh = build([
      'docker run -d --name hw --network host nginx',
      'docker run -d --name sealed --network none alpine sleep infinity',
      'docker run -d --name app alpine sleep infinity',
      'docker run -d --name side --network container:app nginx',
    ]);
    expect(sh.world.root.listeners.map((l) => l.port)).toEqual([80]);
    expect(
      sh.world
        .ns('sealed')!
        .deviceList()
        .map((d) => d.name),
    ).toEqual(['lo']);
    expect(sh.world.ns('side')).toBeUndefined();
    expect(sh.world.ns('app')!.listeners.map((l) => l.port)).toEqual([80]);
    expect(sh.exec('docker run --network host -p 80:80 -d --name hw2 alpine sleep infinity').stderr).toContain(
      'Published ports are discarded',
    );
  });

  it('macvlan containers are sub-interfaces of the parent; ipvlan ones share its MAC', () => {
    const sh = build([
      'ip link add eth0 type dummy',
      'ip link add eth1 type dummy',
      'ip link set eth0 up',
      'ip link set eth1 up',
      'docker network create -d macvlan --subnet 192.168.5.0/24 -o parent=eth0 -o macvlan_mode=private mv',
      'docker network create -d ipvlan --subnet 192.168.6.0/24 -o parent=eth1 -o ipvlan_mode=l3 iv',
      'docker run -d --name m1 --network mv alpine sleep infinity',
      'docker run -d --name i1 --network iv alpine sleep infinity',
    ]);
    const m1 = sh.world.ns('m1')!.dev('eth0')!;
    expect(m1.kind).toBe('macvlan');
    expect(m1.macvlanMode).toBe('private');
    expect(m1.lower?.name).toBe('eth0');
    const i1 = sh.world.ns('i1')!.dev('eth0')!;
    expect(i1.kind).toBe('ipvlan');
    expect(i1.mac).toBe(sh.world.root.dev('eth1')!.mac);
    expect(sh.exec('ip -n i1 route').stdout).toContain('default dev eth0');
    expect(sh.exec('ip -n m1 route').stdout).toContain('default via 192.168.5.1');
  });

  it('rm -f and network rm take away exactly what run and create made', () => {
    const sh = build(['docker run -d --name keep alpine sleep infinity']);
    const before = fingerprint(sh.world);
    build(
      [
        'docker network create --subnet 10.7.0.0/24 tmp',
        'docker run -d --name w7 --network tmp -p 8087:80 nginx',
        'docker network connect bridge w7',
      ],
      sh,
    );
    build(['docker rm -f w7', 'docker network rm tmp'], sh);
    expect(fingerprint(sh.world)).toBe(before);
  });

  it('any namespace can play a host: its own daemon, its own docker0', () => {
    const sh = build([
      'ip netns add h1',
      'ip netns exec h1 docker run -d --name c1 -p 8080:80 nginx',
      'docker run -d --name c2 alpine sleep infinity',
    ]);
    expect(sh.world.ns('h1')!.dev('docker0')!.kind).toBe('bridge');
    expect(sh.world.root.dev('docker0')!.kind).toBe('bridge');
    expect(sh.exec('ip netns exec h1 docker ps').stdout).toMatch(/c1\n$/);
    expect(sh.exec('docker ps').stdout).toMatch(/c2\n$/);
    // a named namespace is made from the top: inside `ip netns exec h1` its name would live only
    // in that command's mount namespace (55-docker-overlay was first recorded that way, and failed)
    const c3 = sh.exec('ip netns exec h1 docker explain run -d --name c3 alpine').stdout.split('\n');
    expect(c3[0]).toBe('ip netns add c3');
    expect(c3[1]).toMatch(/^ip netns exec h1 ip link add veth[0-9a-f]{7} type veth peer name eth0 netns c3$/);
    // two daemons, two IPAMs: both first containers are 172.17.0.2, each behind its own docker0
    expect(sh.exec('ip -n c1 addr show dev eth0').stdout).toContain('inet 172.17.0.2/16');
    expect(sh.exec('ip -n c2 addr show dev eth0').stdout).toContain('inet 172.17.0.2/16');
    expect(sh.exec('ip netns exec c1 curl http://127.0.0.1/').record).toMatchObject({ result: 'ok' });
  });

  it('the same docker lines build the same world (the lab replays its log)', () => {
    const lines = [
      'docker network create front',
      'docker run -d --name a1 --network front -p 80:80 nginx',
      'docker run -d alpine sleep infinity',
      'docker network connect bridge a1',
    ];
    expect(fingerprint(build(lines).world)).toBe(fingerprint(build(lines).world));
  });
});

describe('a refused docker command changes nothing', () => {
  const cases: Array<[string, string[], string, RegExp]> = [
    [
      'a taken name',
      ['docker run -d --name web alpine sleep infinity'],
      'docker run -d --name web nginx',
      /Conflict\. The container name "\/web" is already in use/,
    ],
    ['an unknown network', [], 'docker run -d --name x1 --network nope alpine sleep infinity', /network nope not found/],
    ['--ip on the default bridge', [], 'docker run -d --name x1 --ip 172.17.0.9 alpine sleep infinity', /user defined networks only/],
    [
      'a taken address',
      ['docker network create --subnet 10.1.0.0/24 n', 'docker run -d --name aa --network n alpine sleep infinity'],
      'docker run -d --name bb --network n --ip 10.1.0.2 alpine sleep infinity',
      /Address already in use/,
    ],
    [
      'a missing macvlan parent',
      [],
      'docker network create -d macvlan --subnet 10.2.0.0/24 -o parent=eth9 mv',
      /parent interface was not found/,
    ],
    [
      'an overlapping subnet',
      ['docker network create --subnet 10.3.0.0/16 a3'],
      'docker network create --subnet 10.3.1.0/24 b3',
      /Pool overlaps/,
    ],
    [
      'a network in use',
      ['docker network create n4', 'docker run -d --name aa --network n4 alpine sleep infinity'],
      'docker network rm n4',
      /has active endpoints/,
    ],
    ['overlay without swarm', [], 'docker network create -d overlay ov', /not a swarm manager/],
    // the kernel refuses a primitive halfway: everything before it is undone
    [
      'a host device called docker0',
      ['ip link add docker0 type dummy'],
      'docker run -d --name web -p 8080:80 nginx',
      /ip link add docker0 type bridge: RTNETLINK answers: File exists/,
    ],
  ];
  for (const [what, setup, line, msg] of cases) {
    it(what, () => {
      const sh = build([...ISP, ...setup]);
      const before = fingerprint(sh.world);
      const r = sh.exec(line);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(msg);
      expect(fingerprint(sh.world)).toBe(before);
      // and the daemon did not remember it either
      expect(sh.exec('docker ps -q').stdout.split('\n').filter(Boolean).length).toBe(
        setup.filter((l) => l.startsWith('docker run')).length,
      );
    });
  }
});

/** probes docker-proxy answers (the host's loopback, a container to the host's address): the proxy connects from the bridge's address */
const PROXIED: Record<string, Record<string, Record<string, unknown>>> = {
  '150-docker29-default-bridge': {
    'root http://127.0.0.1:8080/': {
      kind: 'curl',
      ns: 'root',
      url: 'http://127.0.0.1:8080/',
      result: 'ok',
      http_code: 200,
      client: '172.17.0.1',
    },
    'client http://198.51.100.20:8080/': {
      kind: 'curl',
      ns: 'client',
      url: 'http://198.51.100.20:8080/',
      result: 'ok',
      http_code: 200,
      client: '172.17.0.1',
    },
  },
  '151-docker29-user-bridges': {
    'peer http://198.51.100.20:8080/': {
      kind: 'curl',
      ns: 'peer',
      url: 'http://198.51.100.20:8080/',
      result: 'ok',
      http_code: 200,
      client: '10.51.1.1',
    },
  },
};

describe('conformance: the docker form of each 15x-docker29 scenario', () => {
  for (const [name, text] of Object.entries(DOCKER_SCENARIOS)) {
    it(`${name}: the scenario is the expansion of its docker form`, () => {
      const sh = readFileSync(new URL(`scenarios/${name}.sh`, ROOT), 'utf8');
      expect(sh).toBe(expandScript(text));
    });
    const rec = new URL(`recorded/${name}.jsonl`, ROOT);
    it.skipIf(!existsSync(rec))(`${name}: the docker commands give the probes the kernel recorded`, () => {
      const want = readFileSync(rec, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          const { line: _line, ...r } = JSON.parse(l) as Record<string, unknown>;
          return r;
        });
      const got = replayScenario(text).map((l) => {
        const { line: _line, ...r } = JSON.parse(l) as Record<string, unknown>;
        return r;
      });
      // the docker form has no refused lines; the recording of its expansion must not either
      expect(want.filter((r) => r.kind === 'error')).toEqual([]);
      // docker-proxy is a process, not a kernel object: the recording of the expansion has none,
      // so the probes it answers on a real host are the ones listed here; every other probe is the kernel's
      const proxied = PROXIED[name] ?? {};
      const kernel = want.map((r) => proxied[`${r.ns} ${r.url}`] ?? r);
      // the servers' output (log records) is compared where show lines are, not here
      const probes = (rs: Array<Record<string, unknown>>) => rs.filter((r) => r.kind !== 'log');
      expect(probes(got).map(({ cmd: _c, stderr: _s, ...r }) => r)).toEqual(probes(kernel));
      expect(logicalLines(text).length).toBeGreaterThan(0);
    });
  }
});

describe('internal networks and shared parents (Docker 29)', () => {
  it('--internal: no default route in the container, DOCKER-INTERNAL drops what leaves the subnet', () => {
    const sh = build([
      ...ISP,
      'docker network create --internal -o com.docker.network.bridge.name=brint --subnet 192.0.2.0/24 int1',
      'docker run -d --name ca --network int1 alpine sleep infinity',
      'docker run -d --name cb --network int1 nginx',
    ]);
    expect(sh.exec('ip -n ca route').stdout).toBe('192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.2 \n');
    expect(sh.exec('ip netns exec ca curl http://192.0.2.3/').record).toMatchObject({ result: 'ok' });
    // with routes both ways and FORWARD open, only the DOCKER-INTERNAL rules keep it in
    build(
      ['ip -n ca route add default via 192.0.2.1', 'ip -n isp route add 192.0.2.0/24 via 198.51.100.20', 'iptables -P FORWARD ACCEPT'],
      sh,
    );
    expect(sh.exec('ip netns exec ca ping -c 1 198.51.100.1').record).toMatchObject({ result: 'timeout' });
    expect(sh.exec('iptables -S DOCKER-INTERNAL').stdout).toBe(
      '-N DOCKER-INTERNAL\n-A DOCKER-INTERNAL ! -s 192.0.2.0/24 -o brint -j DROP\n-A DOCKER-INTERNAL ! -d 192.0.2.0/24 -i brint -j DROP\n',
    );
    build(['iptables -F DOCKER-INTERNAL'], sh);
    expect(sh.exec('ip netns exec ca ping -c 1 198.51.100.1').record).toMatchObject({ result: 'reply' });
  });

  it('macvlan networks may share a parent, except in passthru; ipvlan ones may not; no parent means internal', () => {
    const sh = build([
      ...ISP,
      'docker network create -d macvlan --subnet 192.168.54.0/24 -o parent=eth0 lan1',
      'docker network create -d macvlan --subnet 192.168.55.0/24 -o parent=eth0 lan2',
      'docker network create -d macvlan --subnet 192.168.56.0/24 lonely',
      'docker run -d --name mv --network lonely alpine sleep infinity',
    ]);
    const id = (n: string) => JSON.parse(sh.exec(`docker network inspect ${n}`).stdout)[0].Id as string;
    const pt = sh.exec('docker network create -d macvlan --subnet 192.168.57.0/24 -o parent=eth0 -o macvlan_mode=passthru pt');
    expect(pt.stderr).toContain(`cannot use mode passthru, macvlan network ${id('lan1')} is already using parent interface eth0`);
    build(['docker network create -d ipvlan --subnet 192.168.58.0/24 -o parent=eth0 ipv1'], sh);
    const ipv2 = sh.exec('docker network create -d ipvlan --subnet 192.168.59.0/24 -o parent=eth0 ipv2');
    expect(ipv2.stderr).toContain(`network dm-${id('ipv1').slice(0, 12)} is already using parent interface eth0`);
    expect(sh.exec('ip -n mv route').stdout).not.toMatch(/default/);
  });
});

describe('network-scoped aliases', () => {
  it('--network-alias and network connect --alias are names on that network only, shown in inspect', () => {
    const sh = build([
      'docker network create --subnet 10.9.0.0/24 front',
      'docker network create --subnet 10.8.0.0/24 back',
      'docker run -d --name web --network front --network-alias www nginx',
      'docker network connect --alias db back web',
      'docker run -d --name ca --network front alpine sleep infinity',
      'docker run -d --name cb --network back alpine sleep infinity',
    ]);
    expect(sh.exec('docker exec ca curl -s http://www/').stdout).toContain('<title>Welcome to nginx!</title>');
    expect(sh.world.servedClient).toBe('10.9.0.3');
    expect(sh.exec('docker exec cb curl -s http://db/').stdout).toContain('<title>Welcome to nginx!</title>');
    expect(sh.world.servedClient).toBe('10.8.0.3');
    // each alias belongs to its network: cb shares no network where web is "www"
    expect(sh.exec('docker exec cb curl -s http://www/').status).not.toBe(0);
    expect(sh.exec('docker exec ca curl -s http://db/').status).not.toBe(0);
    expect(
      sh.exec("docker inspect -f '{{json .NetworkSettings.Networks.front.Aliases}} {{json .NetworkSettings.Networks.back.Aliases}}' web")
        .stdout,
    ).toBe('["www"] ["db"]\n');
    const names = JSON.parse(sh.exec("docker inspect -f '{{json .NetworkSettings.Networks.front.DNSNames}}' web").stdout);
    expect(names).toEqual(['web', 'www', expect.stringMatching(/^[0-9a-f]{12}$/)]);
  });

  it('are refused on the default bridge and the other built-in modes, and nothing is made', () => {
    for (const line of [
      'docker run -d --network-alias x alpine sleep infinity',
      'docker run -d --network host --network-alias x alpine sleep infinity',
    ]) {
      const sh = new Shell();
      const before = fingerprint(sh.world);
      const r = sh.exec(line);
      expect(r.status, line).toBe(125);
      expect(r.stderr).toBe(
        "docker: Error response from daemon: invalid endpoint settings:\nnetwork-scoped aliases are only supported for user-defined networks\n\nRun 'docker run --help' for more information\n",
      );
      expect(fingerprint(sh.world), line).toBe(before);
    }
    const sh = build(['docker run -d --name c1 alpine sleep infinity', 'docker network create n1', 'docker network disconnect bridge c1']);
    expect(sh.exec('docker network connect --alias x bridge c1').stderr).toBe(
      'Error response from daemon: invalid endpoint settings:\nnetwork-scoped aliases are only supported for user-defined networks\n',
    );
  });
});

describe('docker network prune', () => {
  it('-f removes the custom networks no container uses, with their rules, and names them', () => {
    const sh = build(['dockerd &']);
    const fresh = sh.exec('iptables-save').stdout;
    build(
      [
        'docker network create --subnet 10.9.0.0/24 n1',
        'docker network create --subnet 10.8.0.0/24 n2',
        'docker network create --subnet 10.7.0.0/24 n3',
        'docker run -d --name web --network n2 nginx',
      ],
      sh,
    );
    expect(sh.exec('docker network prune -f')).toMatchObject({ status: 0, stdout: 'Deleted Networks:\nn1\nn3\n\n' });
    expect(sh.exec('docker network ls -q').stdout.trim().split('\n')).toHaveLength(4);
    expect(sh.exec('docker network prune -f').stdout).toBe('');
    build(['docker rm -f web', 'docker network prune -f'], sh);
    expect(sh.exec('iptables-save').stdout).toBe(fresh);
  });

  it('without -f it would ask; the lab cannot answer, so it is refused and nothing goes', () => {
    const sh = build(['docker network create n1']);
    const before = fingerprint(sh.world);
    const r = sh.exec('docker network prune');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/add -f/);
    expect(fingerprint(sh.world)).toBe(before);
  });
});

describe("the container's gateway, as Docker ranks its endpoints", () => {
  it('moves to a connected network whose name sorts first, with the published ports, and back when it is disconnected', () => {
    const sh = build([
      ...ISP,
      'docker network create --subnet 10.20.0.0/24 zeta',
      'docker network create --subnet 10.10.0.0/24 alpha',
      'docker run -d --name web --network zeta -p 8080:80 nginx',
    ]);
    const route = () =>
      sh
        .exec('ip -n web route')
        .stdout.split('\n')
        .filter((l) => l.startsWith('default'))
        .join('\n');
    const dnat = () => sh.exec('iptables -t nat -S DOCKER').stdout.match(/--to-destination (\S+)/g);
    expect(route()).toBe('default via 10.20.0.1 dev eth0 ');
    expect(dnat()).toEqual(['--to-destination 10.20.0.2:80']);
    build(['docker network connect alpha web'], sh);
    expect(route()).toBe('default via 10.10.0.1 dev eth1 ');
    expect(dnat()).toEqual(['--to-destination 10.10.0.2:80']);
    expect(sh.exec('ip netns exec isp curl http://198.51.100.20:8080/').record).toMatchObject({ result: 'ok', client: '198.51.100.1' });
    build(['docker network disconnect alpha web'], sh);
    expect(route()).toBe('default via 10.20.0.1 dev eth0 ');
    expect(dnat()).toEqual(['--to-destination 10.20.0.2:80']);
    expect(sh.exec('ip netns exec isp curl http://198.51.100.20:8080/').record).toMatchObject({ result: 'ok', client: '198.51.100.1' });
  });

  it('stays where it is when the connected network sorts later or is internal', () => {
    const sh = build([
      'docker network create --subnet 10.10.0.0/24 alpha',
      'docker network create --internal --subnet 10.5.0.0/24 aaa',
      'docker network create --subnet 10.20.0.0/24 zeta',
      'docker run -d --name web --network alpha alpine sleep infinity',
      'docker network connect zeta web',
      'docker network connect aaa web',
    ]);
    expect(
      sh
        .exec('ip -n web route')
        .stdout.split('\n')
        .filter((l) => l.startsWith('default')),
    ).toEqual(['default via 10.10.0.1 dev eth0 ']);
  });
});
