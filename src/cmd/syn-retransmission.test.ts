import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';

/** a and b on a veth pair; b drops TCP to port 81 */
function lab(): Shell {
  const sh = new Shell();
  for (const l of [
    'ip netns add a',
    'ip netns add b',
    'ip link add eth0 netns a type veth peer name eth0 netns b',
    'ip -n a addr add 10.0.0.1/24 dev eth0',
    'ip -n b addr add 10.0.0.2/24 dev eth0',
    'ip -n a link set eth0 up',
    'ip -n b link set eth0 up',
    'ip netns exec b iptables -A INPUT -p tcp --dport 81 -j DROP',
  ])
    expect(sh.exec(l).status, l).toBe(0);
  return sh;
}

/** the packets b's DROP rule counted so far */
function dropped(sh: Shell): number {
  const row = sh.exec('ip netns exec b iptables -L INPUT -n -v -x').stdout.split('\n')[2] ?? '';
  return Number(row.trim().split(/\s+/)[0]);
}

describe('a SYN nobody answers is sent again on the virtual clock', () => {
  it('curl -m 4 sends it at 0, 1, 2 and 3 s and gives up after 4 s with exit 28', () => {
    const sh = lab();
    const t0 = sh.world.clock.now();
    const r = sh.exec('ip netns exec a curl -sS -m 4 http://10.0.0.2:81/');
    expect(r).toMatchObject({ status: 28, stderr: 'curl: (28) Connection timed out after 4001 milliseconds\n' });
    expect(sh.world.clock.now() - t0).toBeGreaterThanOrEqual(4000);
    expect(dropped(sh)).toBe(4);
  });

  it('tcpdump on the far end prints every copy a second apart: the same port and sequence number', () => {
    const sh = lab();
    expect(sh.exec('ip netns exec b tcpdump -n -l -i eth0 tcp &').status).toBe(0);
    sh.exec('ip netns exec a curl -sS -m 2 http://10.0.0.2:81/');
    const [r] = sh.interruptJobs();
    const lines = r!.result.stdout.split('\n').filter((l) => l.includes('Flags [S]'));
    expect(lines).toHaveLength(2);
    const seconds = (l: string): number => {
      const [h, m, sec] = l.split(' ')[0]!.split(':').map(Number);
      return h! * 3600 + m! * 60 + sec!;
    };
    expect(seconds(lines[1]!) - seconds(lines[0]!)).toBeCloseTo(1, 3);
    const key = (l: string): string => l.replace(/^\S+ /, '').replace(/TS val \d+/, '');
    expect(key(lines[1]!)).toBe(key(lines[0]!));
  });

  it('tcp_syn_retries=1: connect() fails with ETIMEDOUT after 3 s, which curl reports as exit 28 in its own words', () => {
    const sh = lab();
    expect(sh.exec('ip netns exec a sysctl -w net.ipv4.tcp_syn_retries=1').status).toBe(0);
    const t0 = sh.world.clock.now();
    const r = sh.exec('ip netns exec a curl -sS -m 10 http://10.0.0.2:81/');
    expect(r.status).toBe(28);
    expect(r.stderr).toMatch(/^curl: \(28\) Failed to connect to 10\.0\.0\.2 port 81 after 300\d ms: Couldn't connect to server\n$/);
    // the kernel gave up long before curl's own 10 s
    expect(sh.world.clock.now() - t0).toBeLessThan(10_000);
    expect(dropped(sh)).toBe(3);
    // the other namespace keeps its own default
    expect(sh.exec('ip netns exec b sysctl net.ipv4.tcp_syn_retries').stdout).toBe('net.ipv4.tcp_syn_retries = 6\n');
  });

  it('nc -z without -w waits for the kernel: tcp_syn_retries=2 is Connection timed out after 7 s', () => {
    const sh = lab();
    sh.exec('ip netns exec a sysctl -w net.ipv4.tcp_syn_retries=2');
    const t0 = sh.world.clock.now();
    const r = sh.exec('ip netns exec a nc -zv 10.0.0.2 81');
    expect(r.stderr).toBe('nc: connect to 10.0.0.2 port 81 (tcp) failed: Connection timed out\n');
    expect(sh.world.clock.now() - t0).toBeGreaterThanOrEqual(7000);
    expect(dropped(sh)).toBe(6);
  });

  it("conntrack counts each copy as NEW and SYN_SENT's timeout from the first SYN", () => {
    const sh = lab();
    sh.exec('ip netns exec a iptables -A OUTPUT -p tcp -m conntrack --ctstate NEW -j ACCEPT');
    sh.exec('ip netns exec a curl -sS -m 6 http://10.0.0.2:81/');
    const out = sh.exec('ip netns exec a iptables -L OUTPUT -n -v -x').stdout.split('\n')[2] ?? '';
    expect(Number(out.trim().split(/\s+/)[0])).toBe(6);
    // the last SYN went at 5 s: a refreshed entry would show 115 s or more
    const ct = /^tcp +6 (\d+) SYN_SENT .*\[UNREPLIED\]/m.exec(sh.exec('ip netns exec a conntrack -L').stdout);
    expect(Number(ct?.[1])).toBeLessThanOrEqual(114);
  });

  it('refuses tcp_syn_retries outside 1..127 and changes nothing', () => {
    const sh = lab();
    for (const v of ['0', '128']) {
      const r = sh.exec(`ip netns exec a sysctl -w net.ipv4.tcp_syn_retries=${v}`);
      expect(r.stderr).toBe('sysctl: setting key "net.ipv4.tcp_syn_retries": Invalid argument\n');
    }
    expect(sh.exec('ip netns exec a sysctl net.ipv4.tcp_syn_retries').stdout).toBe('net.ipv4.tcp_syn_retries = 6\n');
  });
});
