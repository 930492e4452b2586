// dmesg and journalctl -k reading what -j LOG wrote: util-linux 2.38's and systemd 252's formats
// and refusals (checked on Debian 12), and nf_log_all_netns, the key only the root namespace has.

import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';

/** a host (root) and a namespace `b` behind a veth, with LOG on b's INPUT and on the root's OUTPUT */
function lab(): Shell {
  const sh = new Shell();
  for (const l of [
    'ip netns add b',
    'ip link add va type veth peer name vb netns b',
    'ip addr add 10.9.0.1/24 dev va',
    'ip -n b addr add 10.9.0.2/24 dev vb',
    'ip link set va up',
    'ip -n b link set vb up',
    'iptables -A OUTPUT -p icmp -j LOG --log-prefix "HOST: "',
    'ip netns exec b iptables -A INPUT -p icmp -j LOG --log-prefix "B: " --log-level info',
  ]) {
    const r = sh.exec(l);
    if (r.status !== 0) throw new Error(`${l}: ${r.stderr}`);
  }
  return sh;
}

const lines = (s: string) => s.split('\n').filter(Boolean);

describe('dmesg', () => {
  it('shows the root namespace LOG lines with their uptime; a child namespace logs nothing while its counter rises', () => {
    const sh = lab();
    sh.exec('sleep 12');
    sh.exec('ping -c 1 10.9.0.2');
    const out = lines(sh.exec('dmesg').stdout);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(
      /^\[ {3}12\.\d{6}\] HOST: IN= OUT=va SRC=10\.9\.0\.1 DST=10\.9\.0\.2 LEN=84 .* PROTO=ICMP TYPE=8 CODE=0 ID=\d+ SEQ=1 $/,
    );
    expect(sh.exec('ip netns exec b iptables -L INPUT -v -n -x').stdout).toMatch(/\n {7}1 {7}84 LOG /);
    // the same buffer from inside the namespace
    expect(sh.exec('ip netns exec b dmesg').stdout).toBe(sh.exec('dmesg').stdout);
  });

  it('nf_log_all_netns exists in the root namespace only, takes 0 or 1, and lets every namespace log', () => {
    const sh = lab();
    expect(sh.exec('ip netns exec b sysctl net.netfilter.nf_log_all_netns').stderr).toBe(
      'sysctl: cannot stat /proc/sys/net/netfilter/nf_log_all_netns: No such file or directory\n',
    );
    expect(sh.exec('sysctl net.netfilter.nf_log_all_netns').stdout).toBe('net.netfilter.nf_log_all_netns = 0\n');
    expect(sh.exec('sysctl -w net.netfilter.nf_log_all_netns=2').stderr).toBe(
      'sysctl: setting key "net.netfilter.nf_log_all_netns": Invalid argument\n',
    );
    expect(sh.exec('sysctl -w net.netfilter.nf_log_all_netns=1').status).toBe(0);
    sh.exec('ping -c 1 10.9.0.2');
    const out = lines(sh.exec('dmesg -t').stdout);
    expect(out.map((l) => l.slice(0, 16))).toEqual(['HOST: IN= OUT=va', 'B: IN=vb OUT= MA']);
  });

  it('-l keeps the levels named, -x and -r show the level, -T the time of day, -c and -C clear', () => {
    const sh = lab();
    sh.exec('sysctl -w net.netfilter.nf_log_all_netns=1');
    sh.exec('sleep 3600');
    sh.exec('sleep 61');
    sh.exec('ping -c 1 10.9.0.2');
    expect(lines(sh.exec('dmesg -l info').stdout)).toHaveLength(1);
    expect(lines(sh.exec('dmesg --level=warn,6').stdout)).toHaveLength(2);
    expect(sh.exec('dmesg -l notice').stdout).toBe('');
    expect(sh.exec('dmesg -x').stdout).toMatch(/^kern {2}:warn {2}: \[ 3661\.\d{6}\] HOST: .*\nkern {2}:info {2}: \[ 3661\.\d{6}\] B: /);
    expect(sh.exec('dmesg -r').stdout).toMatch(/^<4>\[ 3661\.\d{6}\] HOST: .*\n<6>\[ 3661\.\d{6}\] B: /);
    expect(sh.exec('dmesg -T').stdout).toMatch(/^\[Thu Jan {2}1 01:01:01 1970\] HOST: /);
    expect(lines(sh.exec('dmesg -c').stdout)).toHaveLength(2);
    expect(sh.exec('dmesg').stdout).toBe('');
    sh.exec('ping -c 1 10.9.0.2');
    expect(sh.exec('dmesg -C').stdout).toBe('');
    expect(sh.exec('dmesg').stdout).toBe('');
  });

  it('refuses as util-linux does, and names what it does not model', () => {
    const sh = lab();
    expect(sh.exec('dmesg -l foo').stderr).toBe("dmesg: unknown level 'foo'\n");
    expect(sh.exec('dmesg --bogus').stderr).toBe("dmesg: unrecognized option '--bogus'\nTry 'dmesg --help' for more information.\n");
    expect(sh.exec('dmesg -z').stderr).toBe("dmesg: invalid option -- 'z'\nTry 'dmesg --help' for more information.\n");
    const w = sh.exec('dmesg -w');
    expect(w.status).toBe(1);
    expect(w.stderr).toMatch(/^netlab: dmesg -w is not modelled/);
  });
});

describe('journalctl -k', () => {
  it("prints Debian 12's short format with the host name, keeps what dmesg -C cleared, and -n the last lines", () => {
    const sh = lab();
    expect(sh.exec('journalctl -k').stdout).toBe('-- No entries --\n');
    sh.exec('sleep 75');
    sh.exec('ping -c 1 10.9.0.2');
    sh.exec('ping -c 1 10.9.0.2');
    sh.exec('dmesg -C');
    const out = lines(sh.exec('journalctl -k --no-pager').stdout);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/^Jan 01 00:01:15 netlab kernel: HOST: IN= OUT=va SRC=10\.9\.0\.1 /);
    expect(lines(sh.exec('journalctl -k -n 1').stdout)).toEqual([out[1]]);
    expect(sh.exec('journalctl -k -o short-monotonic -n 1').stdout).toMatch(/^\[ {3}7\d\.\d{6}\] netlab kernel: HOST: /);
    expect(sh.exec('journalctl -k -o cat -n 1').stdout).toMatch(/^HOST: IN= OUT=va /);
  });

  it('refuses -f (the terminal runs one command at a time) and unknown options', () => {
    const sh = lab();
    const f = sh.exec('journalctl -k -f');
    expect(f.status).toBe(1);
    expect(f.stderr).toMatch(/journalctl -f \(follow\) is not modelled/);
    expect(sh.exec('journalctl --bogus').stderr).toBe("journalctl: unrecognized option '--bogus'\n");
  });
});

describe('iptables -L for LOG', () => {
  it('prints the LOG flags as the sum of the --log-* options with -n, by name without, and -x counters as iptables does', () => {
    const sh = new Shell();
    sh.exec('iptables -A INPUT -p tcp --syn -j LOG --log-tcp-sequence --log-tcp-options --log-macdecode');
    const out = sh.exec('iptables -L INPUT -v -n -x').stdout;
    expect(out).toContain('\n    pkts      bytes target     prot opt in     out     source               destination         \n');
    expect(out).toContain(
      '\n       0        0 LOG        6    --  *      *       0.0.0.0/0            0.0.0.0/0            tcp flags:0x17/0x02 LOG flags 35 level 4\n',
    );
    // without -n, LOG_print names the level and each flag
    expect(sh.exec('iptables -L INPUT').stdout).toContain(
      'tcp flags:FIN,SYN,RST,ACK/SYN LOG level warn tcp-sequence tcp-options macdecode\n',
    );
  });
});
