// Docker's embedded DNS as libnetwork runs it: the NAT rules in the container's namespace
// (resolver_unix.go setupIptablesNAT), the query to 127.0.0.11 that they send to the server's
// port, the names it answers itself, what it forwards, and busybox's nslookup printing it.

import { describe, expect, it } from 'vitest';
import { Shell } from '../shell.ts';

function run(sh: Shell, line: string): string {
  const r = sh.exec(line);
  expect(r.status, `${line}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

/** busybox nslookup's output for NAME answered by the embedded DNS with ADDR */
function answered(name: string, addr: string): string {
  return `Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\nName:\t${name}\nAddress: ${addr}\n\nNon-authoritative answer:\n\n`;
}

describe("the embedded DNS's NAT rules in the container's namespace", () => {
  it('DOCKER_OUTPUT and DOCKER_POSTROUTING as setupIptablesNAT leaves them (tcp inserted above udp)', () => {
    const sh = new Shell();
    run(sh, 'docker network create app');
    run(sh, 'docker run -d --name cli --network app alpine sleep infinity');
    const nat = run(sh, 'ip netns exec cli iptables -t nat -S');
    const m =
      /^-P PREROUTING ACCEPT\n-P INPUT ACCEPT\n-P OUTPUT ACCEPT\n-P POSTROUTING ACCEPT\n-N DOCKER_OUTPUT\n-N DOCKER_POSTROUTING\n-A OUTPUT -d 127\.0\.0\.11\/32 -j DOCKER_OUTPUT\n-A POSTROUTING -d 127\.0\.0\.11\/32 -j DOCKER_POSTROUTING\n-A DOCKER_OUTPUT -d 127\.0\.0\.11\/32 -p tcp -m tcp --dport 53 -j DNAT --to-destination 127\.0\.0\.11:(\d+)\n-A DOCKER_OUTPUT -d 127\.0\.0\.11\/32 -p udp -m udp --dport 53 -j DNAT --to-destination 127\.0\.0\.11:(\d+)\n-A DOCKER_POSTROUTING -s 127\.0\.0\.11\/32 -p tcp -m tcp --sport (\d+) -j SNAT --to-source :53\n-A DOCKER_POSTROUTING -s 127\.0\.0\.11\/32 -p udp -m udp --sport (\d+) -j SNAT --to-source :53\n$/.exec(
        nat,
      );
    expect(m, nat).not.toBeNull();
    const [, tcp, udp, stcp, sudp] = m!.map(Number);
    expect([stcp, sudp]).toEqual([tcp, udp]);
    // ports the kernel gives a socket bound to port 0 (ip_local_port_range)
    for (const p of [tcp!, udp!]) expect(p >= 32768 && p <= 60999).toBe(true);
    // the filter table is untouched, and the host's tables have none of it
    expect(run(sh, 'ip netns exec cli iptables -S')).toBe('-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n');
    expect(run(sh, 'iptables -t nat -S')).not.toContain('DOCKER_OUTPUT');
  });

  it('the default bridge resolves no names: no rules, and busybox ping says so', () => {
    const sh = new Shell();
    run(sh, 'docker run -d --name web nginx');
    run(sh, 'docker run -d --name cli alpine sleep infinity');
    expect(run(sh, 'ip netns exec cli iptables -t nat -S')).not.toContain('DOCKER_OUTPUT');
    expect(sh.exec('docker exec cli ping -c 1 web')).toMatchObject({ stderr: "ping: bad address 'web'\n", status: 1 });
  });

  it('connecting to a user network starts the resolver; a restart makes it again', () => {
    const sh = new Shell();
    run(sh, 'docker network create app');
    run(sh, 'docker run -d --name web --network app nginx');
    run(sh, 'docker run -d --name cli alpine sleep infinity');
    run(sh, 'docker network connect app cli');
    expect(run(sh, 'ip netns exec cli iptables -t nat -S')).toContain('-N DOCKER_OUTPUT\n');
    expect(run(sh, 'docker exec cli nslookup web')).toBe(answered('web', '172.18.0.2'));
    run(sh, 'docker restart cli');
    expect(run(sh, 'ip netns exec cli iptables -t nat -S')).toContain('-N DOCKER_OUTPUT\n');
    expect(run(sh, 'docker exec cli nslookup web')).toBe(answered('web', '172.18.0.2'));
  });
});

describe('names the embedded DNS answers', () => {
  it('container names and network aliases, through the DNAT: without the rule the query finds no server', () => {
    const sh = new Shell();
    run(sh, 'docker network create app');
    run(sh, 'docker run -d --name web --network app --network-alias www nginx');
    run(sh, 'docker run -d --name cli --network app alpine sleep infinity');
    expect(run(sh, 'docker exec cli nslookup web')).toBe(answered('web', '172.18.0.2'));
    expect(run(sh, 'docker exec cli nslookup www')).toBe(answered('www', '172.18.0.2'));
    expect(run(sh, 'docker exec cli ping -c 1 www')).toMatch(/^PING www \(172\.18\.0\.2\) /);
    // the query is a datagram to 127.0.0.11:53: the DNAT takes it to the server's own port
    run(sh, 'ip netns exec cli iptables -t nat -F DOCKER_OUTPUT');
    const r = sh.exec('docker exec cli nslookup web');
    expect(r.stdout).toBe(';; connection timed out; no servers could be reached\n\n');
    expect(r.status).toBe(1);
  });

  it('a stopped container is no longer a name; names on another network are not answered', () => {
    const sh = new Shell();
    run(sh, 'docker network create app');
    run(sh, 'docker network create other');
    run(sh, 'docker run -d --name web --network app nginx');
    run(sh, 'docker run -d --name far --network other nginx');
    run(sh, 'docker run -d --name cli --network app alpine sleep infinity');
    run(sh, 'docker stop web');
    for (const name of ['web', 'far'])
      expect(run(sh, `docker exec cli nslookup ${name}`)).toBe(
        `Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n** server can't find ${name}: SERVFAIL\n\n** server can't find ${name}: SERVFAIL\n\n`,
      );
  });

  it("unknown names are forwarded to the host's servers from the host: the upstream's NXDOMAIN comes back", () => {
    const sh = new Shell();
    for (const l of [
      'ip netns add dns',
      'ip link add up0 type veth peer name eth0 netns dns',
      'ip addr add 10.53.0.2/24 dev up0',
      'ip link set up0 up',
      'ip -n dns addr add 10.53.0.1/24 dev eth0',
      'ip -n dns link set eth0 up',
      'ip -n dns link set lo up',
      'ip netns exec dns dnsmasq --no-resolv --address=/db.lab/10.53.0.9 &',
      "tee /etc/resolv.conf <<'EOF'\nnameserver 10.53.0.1\nEOF",
      'docker network create app',
      'docker run -d --name cli --network app alpine sleep infinity',
    ])
      run(sh, l);
    expect(run(sh, 'docker exec cli nslookup db.lab')).toBe(answered('db.lab', '10.53.0.9'));
    expect(run(sh, 'docker exec cli getent hosts db.lab')).toBe('10.53.0.9       db.lab\n');
    // the host reaches 10.53.0.1 on its own link; the container has no route there but needs none
    expect(run(sh, 'docker exec cli nslookup nope.example')).toContain("** server can't find nope.example: REFUSED\n");
    // a firewall on the host's way to the server stops the forward
    run(sh, 'iptables -A OUTPUT -d 10.53.0.1 -p udp --dport 53 -j DROP');
    expect(run(sh, 'docker exec cli nslookup db.lab')).toContain("** server can't find db.lab: SERVFAIL\n");
  });
});

describe('nslookup in images without busybox', () => {
  it('is not there', () => {
    const sh = new Shell();
    run(sh, 'docker network create app');
    run(sh, 'docker run -d --name web --network app nginx');
    expect(sh.exec('docker exec web nslookup web')).toMatchObject({
      status: 126,
      stderr:
        'OCI runtime exec failed: exec failed: unable to start container process: exec: "nslookup": executable file not found in $PATH: unknown\n',
    });
  });
});
