import { describe, expect, it } from 'vitest';
import { answerQuery, nameservers, zoneLookup } from '../core/dns.ts';
import { Shell } from './shell.ts';

/** a client namespace and a name server namespace on one veth link */
function pair(): Shell {
  const sh = new Shell();
  for (const l of [
    'ip netns add c',
    'ip netns add dns',
    'ip link add eth0 netns c type veth peer name eth0 netns dns',
    'ip -n c addr add 10.53.0.2/24 dev eth0',
    'ip -n dns addr add 10.53.0.1/24 dev eth0',
    'ip -n c link set eth0 up',
    'ip -n dns link set eth0 up',
    'ip -n dns link set lo up',
  ])
    expect(sh.exec(l).stderr, l).toBe('');
  return sh;
}

describe('DNS, as the lab answers it', () => {
  it('a zone answers a name and every name below it, and refuses the rest', () => {
    const zone = { records: new Map([['example.com', [0xc000020a]]]) };
    expect(zoneLookup(zone, 'www.Example.COM.')).toEqual([0xc000020a]);
    expect(zoneLookup(zone, 'example.org')).toBeNull();
    const q = { id: 7, response: false, rcode: 0 as const, qname: 'nosuch.test', answers: [] };
    expect(answerQuery(zone, q)).toMatchObject({ id: 7, response: true, rcode: 5 });
  });

  it('resolv.conf: at most three name servers, 127.0.0.1 when it names none', () => {
    expect(nameservers('# c\nnameserver 192.0.2.53\nsearch lab\nnameserver 8.8.8.8\nnameserver 1.1.1.1\nnameserver 9.9.9.9\n')).toEqual([
      0xc0000235, 0x08080808, 0x01010101,
    ]);
    expect(nameservers(undefined)).toEqual([0x7f000001]);
  });

  it('a name resolves through dnsmasq across the link, and only while a route reaches the server', () => {
    const sh = pair();
    expect(sh.exec('ip netns exec dns dnsmasq --no-resolv --address=/db.lab/10.53.0.9 &').status).toBe(0);
    expect(sh.exec("cat > /etc/resolv.conf <<'EOF'\nnameserver 10.53.0.1\nEOF").status).toBe(0);
    expect(sh.exec('ip netns exec c ping -c 1 db.lab').stdout).toContain('PING db.lab (10.53.0.9) 56(84) bytes of data.');
    // a name it has no record for is refused: getaddrinfo's EAI_AGAIN
    expect(sh.exec('ip netns exec c ping -c 1 other.lab').stderr).toBe('ping: other.lab: Temporary failure in name resolution\n');
    // a firewall on the way stops the name, not just the ping
    expect(sh.exec('ip netns exec dns iptables -A INPUT -p udp --dport 53 -j DROP').status).toBe(0);
    expect(sh.exec('ip netns exec c curl http://db.lab/').stderr).toBe('curl: (6) Could not resolve host: db.lab\n');
  });

  it('dnsmasq refuses what it is not told to model, in its own words or the lab’s', () => {
    const sh = pair();
    expect(sh.exec('ip netns exec dns dnsmasq --address=/a.lab/10.0.0.1 &').stderr).toMatch(/--no-resolv/);
    expect(sh.exec('ip netns exec dns dnsmasq --no-resolv --address=/a.lab/not-an-ip &').stderr).toMatch(
      /^dnsmasq: bad address .*\ndnsmasq: bad command line options: try --help\n$/,
    );
    expect(sh.exec('ip netns exec dns dnsmasq --no-resolv --cache-size=0 &').stderr).toMatch(
      /^netlab: dnsmasq --cache-size is not modelled/,
    );
    expect(sh.exec('ip netns exec dns dnsmasq --no-resolv -d').stderr).toMatch(/background/);
    expect(sh.exec('ip netns exec dns dnsmasq --no-resolv &').status).toBe(0);
    expect(sh.exec('ip netns exec dns dnsmasq --no-resolv &').stderr).toBe(
      'dnsmasq: failed to create listening socket for port 53: Address already in use\n',
    );
  });

  it('/etc/resolv.conf is read and written as cat and tee do; other files are not kept', () => {
    const sh = new Shell();
    // until one is written, the host's resolv.conf names no server
    expect(sh.exec('cat /etc/resolv.conf').stdout).not.toMatch(/nameserver/);
    expect(sh.exec("tee /etc/resolv.conf <<'EOF'\nnameserver 192.0.2.53\nEOF").stdout).toBe('nameserver 192.0.2.53\n');
    expect(sh.exec("cat >> /etc/resolv.conf <<'EOF'\nnameserver 8.8.8.8\nEOF").status).toBe(0);
    expect(sh.exec('ip netns add x').status).toBe(0);
    // a namespace without /etc/netns/NAME/resolv.conf reads the host's
    expect(sh.exec('ip netns exec x cat /etc/resolv.conf').stdout).toBe('nameserver 192.0.2.53\nnameserver 8.8.8.8\n');
    expect(sh.exec("cat > /etc/hosts <<'EOF'\n1.2.3.4 a\nEOF").stderr).toMatch(/^netlab: only .*\/etc\/resolv.conf can be written here/);
    expect(sh.exec('cat /etc/hosts').stdout).not.toMatch(/1\.2\.3\.4/);
    expect(sh.exec('cat > /etc/resolv.conf').stderr).toMatch(/here-document/);
  });
});
