import { describe, expect, it } from 'vitest';
import { replayScenario } from '../../cmd/replay.ts';
import { toScript } from '../../cmd/script.ts';
import { Shell } from '../../cmd/shell.ts';
import { snapshot } from '../../core/snapshot.ts';
import { addInternet } from './internet.ts';

/** the Internet dropped on an empty lab, and a namespace behind the host */
function lab(opts: { nat: boolean }): Shell {
  const sh = new Shell();
  const p = addInternet(snapshot(sh.world));
  if ('error' in p) throw new Error(p.error);
  for (const l of p.lines) expect(sh.exec(l).stderr, l).toBe('');
  for (const l of [
    'ip netns add ns1',
    'ip link add veth0 type veth peer name eth0 netns ns1',
    'ip addr add 10.0.0.1/24 dev veth0',
    'ip link set veth0 up',
    'ip -n ns1 addr add 10.0.0.2/24 dev eth0',
    'ip -n ns1 link set eth0 up',
    'ip -n ns1 link set lo up',
    'ip -n ns1 route add default via 10.0.0.1',
    'sysctl -w net.ipv4.ip_forward=1',
    ...(opts.nat ? ['iptables -t nat -A POSTROUTING -s 10.0.0.0/24 -o eth0 -j MASQUERADE'] : []),
  ])
    expect(sh.exec(l).stderr, l).toBe('');
  return sh;
}

describe('the Internet node', () => {
  it('gives the host an uplink in a documentation range, a default route via the ISP and a resolver', () => {
    const sh = lab({ nat: false });
    expect(sh.exec('ip addr show dev eth0').stdout).toContain('inet 203.0.113.2/30');
    expect(sh.exec('ip route show').stdout).toContain('default via 203.0.113.1 dev eth0');
    expect(sh.exec('cat /etc/resolv.conf').stdout).toBe('nameserver 192.0.2.53\n');
    // the Internet itself: a local default route (AnyIP), the way back to the ISP longer
    expect(sh.exec('ip -n internet1 route show').stdout).toContain('local default dev lo scope host');
  });

  it('answers ping, HTTP and DNS for any public address from a namespace behind NAT', () => {
    const sh = lab({ nat: true });
    for (const dst of ['8.8.8.8', '1.1.1.1', '93.184.215.14']) {
      const r = sh.exec(`ip netns exec ns1 ping -c1 ${dst}`);
      expect(r.stdout, dst).toContain(`64 bytes from ${dst}: icmp_seq=1 ttl=61`);
    }
    const curl = sh.exec('ip netns exec ns1 curl http://example.com');
    expect(curl.status).toBe(0);
    // the server sees the host's public address: MASQUERADE rewrote the source
    expect(curl.stdout).toContain('<title>Directory listing for /</title>');
    expect(sh.world.servedClient).toBe('203.0.113.2');
    expect(sh.exec('ip netns exec ns1 ping -c1 dns.google').stdout).toContain('PING dns.google (8.8.8.8) 56(84) bytes of data.');
    expect(sh.exec('ip netns exec ns1 ping -c1 one.one.one.one').stdout).toContain('64 bytes from 1.1.1.1');
  });

  it('refuses 443 as curl says it, and names it cannot resolve fail as getaddrinfo does', () => {
    const sh = lab({ nat: true });
    const r = sh.exec('ip netns exec ns1 curl https://example.com/');
    expect(r.stderr).toBe("curl: (7) Failed to connect to example.com port 443 after 0 ms: Couldn't connect to server\n");
    // the resolver refuses a name it holds no record for: EAI_AGAIN
    expect(sh.exec('ip netns exec ns1 ping -c1 nosuch.test').stderr).toBe('ping: nosuch.test: Temporary failure in name resolution\n');
    expect(sh.exec('ip netns exec ns1 curl http://nosuch.test/').stderr).toBe('curl: (6) Could not resolve host: nosuch.test\n');
  });

  it('shows the ISP routers as hops on the way', () => {
    const sh = lab({ nat: true });
    const r = sh.exec('ip netns exec ns1 traceroute -n 8.8.8.8');
    const hops = r.stdout
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((l) => l.trim().split(/\s+/)[1]);
    expect(hops).toEqual(['10.0.0.1', '203.0.113.1', '198.51.100.1', '8.8.8.8']);
  });

  it('without NAT nothing comes back, not even DNS: the Internet has no route to a private address', () => {
    const sh = lab({ nat: false });
    expect(sh.exec('ip netns exec ns1 ping -c1 8.8.8.8').stdout).toContain('0 received');
    expect(sh.exec('ip netns exec ns1 curl http://example.com').stderr).toBe('curl: (6) Could not resolve host: example.com\n');
    // the host itself has a public address: it needs no NAT
    expect(sh.exec('ping -c1 8.8.8.8').stdout).toContain('1 received');
    expect(sh.exec('curl http://example.com').stdout).toContain('<title>Directory listing for /</title>');
    expect(sh.world.servedClient).toBe('203.0.113.2');
  });

  it('survives an export: the script rebuilds the uplink, the AnyIP route, the servers and resolv.conf', () => {
    const sh = lab({ nat: true });
    const script = toScript(snapshot(sh.world));
    expect(script).toContain('route add local default dev lo');
    expect(script).toContain("cat > /etc/resolv.conf <<'EOF'\nnameserver 192.0.2.53\nEOF");
    const rebuilt = new Shell();
    expect(replayScenario(script, rebuilt).filter((r) => r.includes('"error"'))).toEqual([]);
    expect(rebuilt.exec('ip netns exec ns1 curl http://example.com').stdout).toContain('<title>Directory listing for /</title>');
    expect(rebuilt.world.servedClient).toBe('203.0.113.2');
    expect(rebuilt.exec('ip netns exec ns1 ping -c1 1.1.1.1').stdout).toContain('1 received');
  });
});
