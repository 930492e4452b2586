import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';

function lab(): Shell {
  const sh = new Shell();
  for (const l of [
    'ip netns add a',
    'ip -n a link set lo up',
    'ip netns exec a python3 -m http.server 8000 &',
    'ip netns exec a python3 -m http.server --bind 127.0.0.1 80 &',
  ])
    expect(sh.exec(l).status, l).toBe(0);
  return sh;
}

describe('ss', () => {
  it('lists an http.server as a LISTEN socket with its backlog as Send-Q, columns as wide as their widest field', () => {
    const out = lab().exec('ip netns exec a ss -tln').stdout;
    expect(out).toBe(
      'State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n' +
        'LISTEN 0      5            0.0.0.0:8000      0.0.0.0:*          \n' +
        'LISTEN 0      5          127.0.0.1:80        0.0.0.0:*          \n',
    );
  });

  it('names a port by its service unless -n, which widens the port column', () => {
    const out = lab().exec('ip netns exec a ss -tl').stdout;
    expect(out).toContain('127.0.0.1:http      0.0.0.0:*');
    expect(out).toContain('0.0.0.0:8000      0.0.0.0:*');
    expect(lab().exec('ip netns exec a ss -tua').stdout.split('\n')[0]).toBe(
      'Netid State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess',
    );
  });

  it('drops the State column for a single state, and lists no listener without -l or -a', () => {
    const sh = lab();
    expect(sh.exec('ip netns exec a ss -tn state listening').stdout.split('\n')[1]).toBe(
      '0      5            0.0.0.0:8000      0.0.0.0:*          ',
    );
    expect(sh.exec('ip netns exec a ss -tn').stdout).toBe('State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n');
    expect(sh.exec('ip netns exec a ss -tn exclude listening').stdout).toBe(
      'State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n',
    );
    expect(sh.exec('ip netns exec a ss -Htln').stdout).toBe(
      'LISTEN 0      5        0.0.0.0:8000 0.0.0.0:*\nLISTEN 0      5      127.0.0.1:80   0.0.0.0:*\n',
    );
  });

  it('lists a UDP server as UNCONN with the Netid column once both tables are asked for, UDP first', () => {
    const sh = lab();
    expect(sh.exec('ip netns exec a dnsmasq --no-resolv --address=/db.lab/10.53.0.9 &').status).toBe(0);
    expect(sh.exec('ip netns exec a ss -uln').stdout).toBe(
      'State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n' +
        'UNCONN 0      0            0.0.0.0:53        0.0.0.0:*          \n',
    );
    const both = sh.exec('ip netns exec a ss -tua').stdout.split('\n');
    expect(both[0]).toBe('Netid State  Recv-Q Send-Q Local Address:Port   Peer Address:PortProcess');
    expect(both[1]).toBe('udp   UNCONN 0      0            0.0.0.0:domain      0.0.0.0:*          ');
    expect(both[2]?.startsWith('tcp   LISTEN 0      5')).toBe(true);
  });

  it('-p names the process holding each socket: the PID bash printed for its job, its descriptor', () => {
    const sh = new Shell();
    sh.exec('ip link set lo up');
    const job = sh.exec('python3 -m http.server 8000 &').stdout.split('\n')[0]!;
    const pid = job.split(' ')[1];
    const out = sh.exec('ss -tlnp').stdout;
    const row = `LISTEN 0      5            0.0.0.0:8000      0.0.0.0:*    users:(("python3",pid=${pid},fd=3))`;
    // the Process column as wide as its field, which ss prints after a space
    expect(out).toBe(`${'State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess'.padEnd(row.length)}\n${row}\n`);
    // once the job is killed the socket is gone with it
    sh.exec('kill %1');
    expect(sh.exec('ss -tlnp').stdout).not.toContain('python3');
  });

  it('lists only the namespace it runs in', () => {
    expect(lab().exec('ss -tuln').stdout).toBe('Netid State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n');
  });

  it('refuses what it does not model, and a state it does not know, in its own words', () => {
    const sh = lab();
    const bad = sh.exec('ss -tn state nosuch');
    expect(bad.stderr).toBe('ss: wrong state name: nosuch\n');
    expect(bad.status).toBe(255);
    expect(sh.exec('ss -x').stderr).toMatch(/^netlab: ss -x is not modelled/);
    expect(sh.exec('ss -tn sport = :80').status).toBe(0);
    expect(sh.exec('ss -tn sport ~ :80').stderr).toMatch(/^netlab: ss filter sport ~ :80 is not modelled/);
    expect(sh.exec('ss -tn dst 10.0.0.0/40').stderr).toMatch(/^netlab: ss filter dst 10.0.0.0\/40 is not modelled/);
    expect(sh.exec('ss').status).toBe(1);
  });

  it('keeps the sockets a filter expression selects: ports by number or service, addresses by prefix', () => {
    const sh = lab();
    const local = (f: string) =>
      sh
        .exec(`ip netns exec a ss -Htln ${f}`)
        .stdout.split('\n')
        .filter(Boolean)
        .map((l) => l.split(/\s+/)[3]);
    expect(local('sport = :80')).toEqual(['127.0.0.1:80']);
    expect(local('sport eq :http')).toEqual(['127.0.0.1:80']);
    expect(local('sport gt :80')).toEqual(['0.0.0.0:8000']);
    expect(local('src 127.0.0.0/8')).toEqual(['127.0.0.1:80']);
    expect(local('src 127.0.0.1:8000')).toEqual([]);
    expect(local('not sport = :80')).toEqual(['0.0.0.0:8000']);
    expect(local("'( sport = :80 or sport = :8000 ) and src 0.0.0.0'")).toEqual(['0.0.0.0:8000']);
    // a listener's peer is 0.0.0.0:0
    expect(local('dport = :80')).toEqual([]);
  });
});
