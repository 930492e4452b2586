// dockerd's options: each one changes what the daemon makes, bad ones are refused with
// dockerd's own words and change nothing, and the first docker command starts the daemon with
// the defaults.

import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../core/snapshot.ts';
import { Shell } from '../shell.ts';

function build(lines: string[], sh = new Shell()): Shell {
  for (const l of lines) {
    const r = sh.exec(l);
    expect(r.status, `${l}: ${r.stderr}`).toBe(0);
  }
  return sh;
}

describe('dockerd [OPTIONS] &', () => {
  it('starts the daemon once: its chains and docker0, and a second start is refused as dockerd refuses it', () => {
    const sh = build(['dockerd &']);
    expect(sh.exec('iptables -S FORWARD').stdout).toBe('-P FORWARD DROP\n-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER-FORWARD\n');
    expect(sh.exec('ip -br addr show docker0').stdout).toMatch(/172\.17\.0\.1\/16/);
    const r = sh.exec('dockerd &');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^failed to start daemon, ensure docker is not running or delete \/var\/run\/docker\.pid/);
  });

  it('the first docker command starts it with the defaults, as dockerd & would', () => {
    const a = build(['dockerd &', 'docker network create --subnet 10.9.0.0/24 n1']);
    const b = build(['docker network create --subnet 10.9.0.0/24 n1']);
    expect(b.exec('iptables-save').stdout).toBe(a.exec('iptables-save').stdout);
  });

  it('--iptables=false: networks and containers, and not one rule', () => {
    const sh = build(['dockerd --iptables=false &', 'docker run -d --name web -p 8080:80 nginx']);
    expect(sh.exec('iptables-save').stdout).not.toMatch(/DOCKER|MASQUERADE|DNAT/);
    expect(sh.exec('ip -n web -br addr show eth0').stdout).toMatch(/172\.17\.0\.2\/16/);
  });

  it('--ip-forward=false leaves net.ipv4.ip_forward and FORWARD as they were', () => {
    const sh = build(['dockerd --ip-forward=false &']);
    expect(sh.exec('sysctl net.ipv4.ip_forward').stdout).toBe('net.ipv4.ip_forward = 0\n');
    expect(sh.exec('iptables -S FORWARD').stdout.split('\n')[0]).toBe('-P FORWARD ACCEPT');
  });

  it('--icc=false and --ip-masq=false shape the default bridge; user networks keep their own defaults', () => {
    const sh = build([
      'sysctl -w net.bridge.bridge-nf-call-iptables=0',
      'dockerd --icc=false --ip-masq=false &',
      'docker network create -o com.docker.network.bridge.name=br1 --subnet 10.9.0.0/24 n1',
    ]);
    const f = sh.exec('iptables -S DOCKER-FORWARD').stdout;
    expect(f).toContain('-A DOCKER-FORWARD -i docker0 -o docker0 -j DROP\n-A DOCKER-FORWARD -i docker0 ! -o docker0 -j ACCEPT\n');
    expect(f).toContain('-A DOCKER-FORWARD -i br1 -j ACCEPT\n');
    const nat = sh.exec('iptables -t nat -S POSTROUTING').stdout;
    expect(nat).not.toContain('172.17.0.0/16');
    expect(nat).toContain('-A POSTROUTING -s 10.9.0.0/24 ! -o br1 -j MASQUERADE');
    // icc=false needs br_netfilter: Docker turns bridge-nf-call-iptables on
    expect(sh.exec('sysctl net.bridge.bridge-nf-call-iptables').stdout).toBe('net.bridge.bridge-nf-call-iptables = 1\n');
  });

  it('leaves bridge-nf-call-iptables off when nothing needs it, and docker info warns about it', () => {
    const sh = build(['sysctl -w net.bridge.bridge-nf-call-iptables=0', 'docker run -d --name box alpine sleep infinity']);
    expect(sh.exec('sysctl net.bridge.bridge-nf-call-iptables').stdout).toBe('net.bridge.bridge-nf-call-iptables = 0\n');
    const info = sh.exec('docker info');
    expect(info.stdout).toContain(' Server Version: 29.7.2\n');
    expect(info.stderr).toBe('WARNING: bridge-nf-call-iptables is disabled\n');
  });

  it('--bip and --default-address-pool choose docker0 and the pools of new networks', () => {
    const sh = build(['dockerd --bip=10.66.0.1/24 --default-address-pool base=10.200.0.0/16,size=24 &', 'docker network create n1']);
    expect(sh.exec('ip -br addr show docker0').stdout).toMatch(/10\.66\.0\.1\/24/);
    expect(sh.exec('iptables -t nat -S POSTROUTING').stdout).toContain('-A POSTROUTING -s 10.66.0.0/24 ! -o docker0 -j MASQUERADE');
    expect(sh.exec('iptables -t nat -S POSTROUTING').stdout).toContain('-A POSTROUTING -s 10.200.0.0/24 ! -o br-');
    expect(sh.exec('docker info').stdout).toContain('--bip=10.66.0.1/24');
  });

  it("refuses what dockerd refuses, in dockerd's words, and starts nothing", () => {
    const cases: Array<[string, RegExp]> = [
      ['dockerd --bogus &', /^Status: unknown flag: --bogus\nSee 'dockerd --help'\., Code: 125\n$/],
      ['dockerd --icc=maybe &', /^Status: invalid argument "maybe" for "--icc" flag: strconv\.ParseBool: parsing "maybe": invalid syntax/],
      ['dockerd --firewall-backend=pf &', /^invalid firewall-backend: allowed values are "iptables" and "nftables"\n$/],
      ['dockerd --firewall-backend=nftables &', /nftables firewall backend is not modelled/],
      ['dockerd --bip 10.0.0.0/8 &', /give docker0's own address/],
      ['dockerd --bip 10.0.0.1 &', /^parse bip failed: invalid CIDR address: 10\.0\.0\.1\n$/],
      ['dockerd', /add " &"/],
    ];
    for (const [line, msg] of cases) {
      const sh = new Shell();
      const before = fingerprint(sh.world);
      const r = sh.exec(line);
      expect(r.status, line).not.toBe(0);
      expect(r.stderr, line).toMatch(msg);
      expect(fingerprint(sh.world), line).toBe(before);
      // nothing started: the next docker command still starts the default daemon
      build(['docker network create --subnet 10.9.0.0/24 n1'], sh);
      expect(sh.exec('ip -br addr show docker0').stdout).toMatch(/172\.17\.0\.1\/16/);
    }
  });
});

describe('docker-proxy (--userland-proxy, on by default)', () => {
  const HOST = ['ip link add eth0 type dummy', 'ip addr add 198.51.100.20/24 dev eth0', 'ip link set eth0 up'];
  const curl = (sh: Shell, line: string) => sh.exec(line).record;

  it("answers the host's loopback and a container's hairpin, connecting to the container from the bridge's address", () => {
    const sh = build([...HOST, 'docker run -d --name web -p 8080:80 nginx', 'docker run -d --name client alpine sleep infinity']);
    // no DNAT for 127/8 in OUTPUT: the proxy's own connection reaches nginx from docker0's address
    expect(curl(sh, 'curl http://127.0.0.1:8080/')).toMatchObject({ result: 'ok', http_code: 200, client: '172.17.0.1' });
    // the host's own address is DNATed in OUTPUT: the kernel keeps the host's source
    expect(curl(sh, 'curl http://198.51.100.20:8080/')).toMatchObject({ result: 'ok', client: '198.51.100.20' });
    // from docker0, DOCKER's DNAT does not apply (! -i docker0): the proxy answers
    expect(curl(sh, 'ip netns exec client curl http://198.51.100.20:8080/')).toMatchObject({ result: 'ok', client: '172.17.0.1' });
    // the proxy goes with the container
    build(['docker rm -f web'], sh);
    expect(curl(sh, 'curl http://127.0.0.1:8080/')).toMatchObject({ result: 'refused' });
  });

  it('a port published on 127.0.0.1 listens there only', () => {
    const sh = build([...HOST, 'docker run -d --name web -p 127.0.0.1:8081:80 nginx', 'docker run -d --name client alpine sleep infinity']);
    expect(curl(sh, 'curl http://127.0.0.1:8081/')).toMatchObject({ result: 'ok', client: '172.17.0.1' });
    expect(curl(sh, 'ip netns exec client curl http://198.51.100.20:8081/')).toMatchObject({ result: 'refused' });
  });

  it('--userland-proxy=false: route_localnet, hairpin NAT, and the container sees the client itself', () => {
    const sh = build([
      ...HOST,
      'dockerd --userland-proxy=false &',
      'docker run -d --name web -p 8080:80 nginx',
      'docker run -d --name client alpine sleep infinity',
    ]);
    expect(sh.exec('sysctl net.ipv4.conf.docker0.route_localnet').stdout).toBe('net.ipv4.conf.docker0.route_localnet = 1\n');
    // 127.0.0.1 is DNATed out of docker0 and masqueraded to the bridge's address
    expect(curl(sh, 'curl http://127.0.0.1:8080/')).toMatchObject({ result: 'ok', client: '172.17.0.1' });
    // a container's hairpin is DNATed on docker0: nginx sees the client container
    expect(curl(sh, 'ip netns exec client curl http://198.51.100.20:8080/')).toMatchObject({ result: 'ok', client: '172.17.0.3' });
  });
});

describe('docker flags netlab does not model are refused, never ignored', () => {
  it.each([
    'docker run -d --domainname lab.example alpine sleep infinity',
    'docker run -d --network host --dns 1.1.1.1 alpine sleep infinity',
    'docker run -d --network host --hostname h1 alpine sleep infinity',
    'docker network ls --filter driver=bridge',
  ])('%s', (line) => {
    const sh = new Shell();
    const r = sh.exec(line);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/netlab: docker .* is not modelled yet/);
  });
});

describe('docker run in the foreground', () => {
  it('--rm with a command: the command runs in the new container, prints, gives its status, and the container is gone', () => {
    const sh = build(['docker network create --subnet 10.9.0.0/24 n1', 'docker run -d --name web --network n1 nginx']);
    const before = sh.exec('docker ps -q').stdout;
    const r = sh.exec('docker run --rm --network n1 alpine curl -s http://web/');
    // nginx sees the new container's address: the next one on n1
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('<title>Welcome to nginx!</title>');
    expect(sh.world.servedClient).toBe('10.9.0.3');
    const lost = sh.exec('docker run --rm alpine ping -c 1 -W 1 192.0.2.77');
    expect(lost.status).toBe(1);
    expect(lost.stdout).toMatch(/1 packets transmitted, 0 received, .*100% packet loss/);
    expect(sh.exec('docker ps -q').stdout).toBe(before);
    expect(sh.exec('ip netns').stdout).toMatch(/^web \(id: \d+\)\n$/);
    // the address is free again
    expect(sh.exec('docker run --rm --network n1 alpine curl -s http://web/').stdout).toContain('<title>Welcome to nginx!</title>');
    expect(sh.world.servedClient).toBe('10.9.0.3');
  });

  it('-it --rm with a shell: the container runs, and the terminal is told to open its shell', () => {
    const sh = new Shell();
    const r = sh.exec('docker run --rm -it --name box alpine');
    expect(r).toMatchObject({
      status: 0,
      stdout: '',
      enter: { prompt: '/ # ', prefix: 'docker exec box', onExit: 'docker container shell-exit box' },
    });
    expect(sh.exec('docker exec box hostname -I').stdout).toBe('172.17.0.2 \n');
    // without a terminal a shell reads nothing and ends at once; bash is not in busybox images
    expect(sh.exec('docker exec box sh')).toMatchObject({ status: 0, stdout: '' });
    expect(sh.exec('docker exec box bash').status).toBe(126);
  });

  it('-it without --rm: the shell is the process; its exit status leaves the container Exited with it, and it can be started again', () => {
    const sh = new Shell();
    const r = sh.exec('docker run -it --name box alpine sh');
    expect(r).toMatchObject({ status: 0, enter: { prefix: 'docker exec box', onExit: 'docker container shell-exit box' } });
    expect(sh.exec('docker ps').stdout).toMatch(/ "sh" +.* Up .* box\n$/);
    sh.world.clock.advance(4000);
    expect(sh.exec('docker container shell-exit box 3').status).toBe(0);
    expect(sh.exec('docker ps').stdout).not.toMatch(/box/);
    expect(sh.exec('docker ps -a').stdout).toMatch(/ "sh" +4 seconds ago +Exited \(3\) Less than a second ago +box\n$/);
    expect(sh.exec('docker inspect -f "{{.State.ExitCode}} {{.Config.OpenStdin}} {{.Config.Tty}}" box').stdout).toBe('3 true true\n');
    expect(sh.exec('ip netns').stdout).toBe('');
    // the sandbox is made again: the shell keeps its stdin open and runs
    expect(sh.exec('docker start box').stdout).toBe('box\n');
    expect(sh.exec('docker ps').stdout).toMatch(/ Up .* box\n$/);
    // -ai (or -i): this terminal is the shell's stdin again
    sh.exec('docker container shell-exit box 0');
    expect(sh.exec('docker start -ai box')).toMatchObject({
      status: 0,
      enter: { prompt: '/ # ', onExit: 'docker container shell-exit box' },
    });
    expect(sh.exec('docker start -i box')).toMatchObject({ status: 0, enter: { prefix: 'docker exec box' } });
    // a container whose process is no shell reading a terminal: -i is not modelled for it
    sh.exec('docker run -d --name web nginx');
    const web = sh.exec('docker start -ai web');
    expect(web.status).toBe(125);
    expect(web.stderr).toBe('netlab: docker start -i is not modelled yet; leave it out\n');
    expect(sh.exec('docker start -xa box').stderr).toBe("unknown shorthand flag: 'x' in -xa\nSee 'docker start --help'.\n");
  });

  it('the shell-exit form is taken only for a running container whose process is an interactive shell', () => {
    const sh = new Shell();
    sh.exec('docker run -d --name web nginx');
    sh.exec('docker run -d --name sl alpine sleep infinity');
    sh.exec('docker run -it --name box alpine');
    const before = fingerprint(sh.world);
    for (const line of [
      'docker container shell-exit web 3',
      'docker container shell-exit sl 3',
      'docker container shell-exit nobody 3',
      'docker container shell-exit box',
      'docker container shell-exit box x',
    ]) {
      const r = sh.exec(line);
      expect(r.status, line).toBe(1);
      expect(r.stderr, line).toBe("docker: 'container shell-exit' is not a docker command.\nSee 'docker --help'\n");
    }
    expect(fingerprint(sh.world)).toBe(before);
    // exit 259 is 3, as sh's exit takes its status modulo 256
    sh.exec('docker container shell-exit box 259');
    expect(sh.exec('docker wait box').stdout).toBe('3\n');
    expect(sh.exec('docker container shell-exit box 0').status).toBe(1);
  });

  it('-i alone: the shell reads the terminal as a pipe, with no prompt; -t alone never reads it and is refused', () => {
    const sh = new Shell();
    expect(sh.exec('docker run --rm -i --name box alpine')).toMatchObject({ status: 0, enter: { prompt: '', prefix: 'docker exec box' } });
    const before = fingerprint(sh.world);
    const t = sh.exec('docker run --rm -t --name tt alpine');
    expect(t.status).toBe(125);
    expect(t.stderr).toMatch(/^netlab: docker run -t without -i /);
    expect(fingerprint(sh.world)).toBe(before);
  });

  it('what netlab cannot keep or show is refused by name, and nothing is made', () => {
    for (const line of ['docker run alpine ping 172.17.0.1']) {
      const sh = new Shell();
      const before = fingerprint(sh.world);
      const r = sh.exec(line);
      expect(r.status, line).toBe(125);
      expect(r.stderr, line).toMatch(/^netlab: .*does not stream/);
      expect(fingerprint(sh.world), line).toBe(before);
    }
  });
});

describe('docker run --link on the default bridge', () => {
  it('the linked name and its alias resolve in the linking container', () => {
    const sh = build([
      'docker run -d --name web nginx',
      'docker run -d --name client --link web:db alpine sleep infinity',
      'docker run -d --name other alpine sleep infinity',
    ]);
    expect(sh.exec('docker exec client curl -s http://db/').stdout).toContain('<title>Welcome to nginx!</title>');
    expect(sh.world.servedClient).toBe('172.17.0.3');
    expect(sh.exec('docker exec client curl -s http://web/').stdout).toContain('<title>Welcome to nginx!</title>');
    expect(sh.world.servedClient).toBe('172.17.0.3');
    // the default bridge has no embedded DNS: without the link, the name is unknown
    expect(sh.exec('docker exec other curl -s http://web/').status).not.toBe(0);
    // icc is on: no rule is needed
    expect(sh.exec('iptables -S DOCKER').stdout).not.toContain('--dport 80 -j ACCEPT');
  });

  it("with --icc=false: the linked container's exposed port is let through both ways, only for the link, until it is removed", () => {
    const sh = build([
      'dockerd --icc=false &',
      'docker run -d --name web nginx',
      'docker run -d --name client --link web alpine sleep infinity',
      'docker run -d --name other alpine sleep infinity',
    ]);
    expect(sh.exec('iptables -S DOCKER').stdout).toBe(
      [
        '-N DOCKER',
        '-A DOCKER ! -i docker0 -o docker0 -j DROP',
        '-A DOCKER -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT',
        '-A DOCKER -s 172.17.0.2/32 -d 172.17.0.3/32 -i docker0 -o docker0 -p tcp -m tcp --sport 80 -j ACCEPT',
        '',
      ].join('\n'),
    );
    expect(sh.exec('ip netns exec client curl http://172.17.0.2/').record).toMatchObject({ result: 'ok', client: '172.17.0.3' });
    expect(sh.exec('ip netns exec other curl http://172.17.0.2/').record).toMatchObject({ result: 'timeout' });
    build(['docker rm -f client'], sh);
    expect(sh.exec('iptables -S DOCKER').stdout).toBe('-N DOCKER\n-A DOCKER ! -i docker0 -o docker0 -j DROP\n');
  });

  it('refuses a link to nothing, and outside the default bridge', () => {
    const sh = build(['docker network create n1']);
    expect(sh.exec('docker run -d --link nope alpine sleep infinity').stderr).toBe(
      "docker: Error response from daemon: could not get container for nope: No such container: nope\n\nRun 'docker run --help' for more information\n",
    );
    expect(sh.exec('docker run -d --network n1 --link nope alpine sleep infinity').stderr).toMatch(
      /^netlab: docker run --link outside the default bridge/,
    );
  });
});
