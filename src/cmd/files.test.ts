import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';

function lab(): Shell {
  const sh = new Shell();
  for (const l of [
    'ip netns add a',
    'ip link add v0 type veth peer name v1 netns a',
    'ip addr add 10.0.0.1/24 dev v0',
    'ip link set v0 up',
    'ip -n a addr add 10.0.0.2/24 dev v1',
    'ip -n a addr add 10.0.1.2/24 dev v1',
    'ip -n a link set v1 up',
  ])
    expect(sh.exec(l).status, l).toBe(0);
  return sh;
}

describe('/proc/sys/net through cat and echo', () => {
  it('reads a sysctl as its file and writes it with echo >', () => {
    const sh = lab();
    expect(sh.exec('cat /proc/sys/net/ipv4/ip_forward').stdout).toBe('0\n');
    expect(sh.exec('echo 1 > /proc/sys/net/ipv4/ip_forward').status).toBe(0);
    expect(sh.exec('sysctl net.ipv4.ip_forward').stdout).toBe('net.ipv4.ip_forward = 1\n');
    expect(sh.exec('ip netns exec a cat /proc/sys/net/ipv4/ip_forward').stdout).toBe('0\n');
    expect(sh.exec('echo 2 >/proc/sys/net/ipv4/conf/v0/rp_filter').status).toBe(0);
    expect(sh.exec('cat /proc/sys/net/ipv4/conf/v0/rp_filter').stdout).toBe('2\n');
  });

  it('opens the file in the shell own namespace, as bash does before ip netns exec runs', () => {
    const sh = lab();
    expect(sh.exec('ip netns exec a echo 1 > /proc/sys/net/ipv4/ip_forward').status).toBe(0);
    expect(sh.exec('cat /proc/sys/net/ipv4/ip_forward').stdout).toBe('1\n');
    expect(sh.exec('ip netns exec a cat /proc/sys/net/ipv4/ip_forward').stdout).toBe('0\n');
    expect(sh.exec('ip netns exec a echo 2 > /proc/sys/net/ipv4/conf/v1/rp_filter').stderr).toBe(
      'bash: /proc/sys/net/ipv4/conf/v1/rp_filter: No such file or directory\n',
    );
  });

  it('refuses what the kernel refuses, and changes nothing', () => {
    const sh = lab();
    const bad = sh.exec('echo yes > /proc/sys/net/ipv4/ip_forward');
    expect(bad.stderr).toBe('bash: echo: write error: Invalid argument\n');
    expect(bad.status).toBe(1);
    expect(sh.exec('echo 1 > /proc/sys/net/ipv4/nosuch').stderr).toBe('bash: /proc/sys/net/ipv4/nosuch: No such file or directory\n');
    expect(sh.exec('cat /proc/sys/net/ipv4/ip_forward').stdout).toBe('0\n');
    const missing = sh.exec('cat /proc/sys/net/ipv4/nosuch /etc/hostname');
    expect(missing.stdout).toBe('netlab\n');
    expect(missing.stderr).toBe('cat: /proc/sys/net/ipv4/nosuch: No such file or directory\n');
    expect(missing.status).toBe(1);
  });
});

describe('ls, hostname and the host files', () => {
  it('lists the namespace devices in /sys/class/net, sorted', () => {
    const sh = lab();
    expect(sh.exec('ls /sys/class/net').stdout).toBe('lo  v0\n');
    expect(sh.exec('ip netns exec a ls -1 /sys/class/net/').stdout).toBe('lo\nv1\n');
    expect(sh.exec('ls /nosuch').stderr).toBe("ls: cannot access '/nosuch': No such file or directory\n");
  });

  it('prints one name a line when its output is not a terminal (a replay, as the recorder runs it), columns with -C', () => {
    const sh = lab();
    sh.recorderProbes = true;
    expect(sh.exec('ls /sys/class/net').stdout).toBe('lo\nv0\n');
    expect(sh.exec('ls -C /sys/class/net').stdout).toBe('lo  v0\n');
  });

  it('fills ls columns down first when the names do not fit one line', () => {
    const sh = new Shell();
    for (let i = 0; i < 12; i++) sh.exec(`ip link add dummy-device-${i} type dummy`);
    const lines = sh.exec('ls /sys/class/net').stdout.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    expect(lines[0]!.startsWith('dummy-device-0 ')).toBe(true);
    expect(lines[1]!.startsWith('dummy-device-1 ')).toBe(true);
  });

  it('prints every address but loopback for hostname -I', () => {
    const sh = lab();
    expect(sh.exec('ip netns exec a hostname -I').stdout).toBe('10.0.0.2 10.0.1.2 \n');
    expect(sh.exec('hostname').stdout).toBe('netlab\n');
  });

  it('serves /etc/hosts as Debian writes it for the host', () => {
    expect(new Shell().exec('cat /etc/hosts').stdout).toMatch(/^127\.0\.0\.1\tlocalhost\n127\.0\.1\.1\tnetlab\n/);
  });
});
