// The extensions of ./xt-matches-misc.ts and ./xt-targets-misc.ts beyond what iptables' own .t
// rules try (each checked against iptables 1.8.9 on Linux 6.18): estimators looked up by name,
// hooks that depend on the options, libxtables' string quoting, and what the lab simulates.

import { describe, expect, it } from 'vitest';
import { snapshot } from '../core/snapshot.ts';
import type { TraceEvent } from '../core/trace.ts';
import { formatTraceEvent } from '../core/trace-format.ts';
import { Shell } from './shell.ts';

const RATEEST = '-j RATEEST --rateest-name RE1 --rateest-interval 250ms --rateest-ewmalog 500ms';
const failed = (why: string, chain: string) => `iptables v1.8.9 (nf_tables):  RULE_APPEND failed (${why}): rule in chain ${chain}`;

function rulesOf(sh: Shell, table = 'filter', chain = 'INPUT'): string[] {
  return sh
    .exec(`iptables -t ${table} -S ${chain}`)
    .stdout.split('\n')
    .filter((l) => l.startsWith('-A'));
}

describe('rate estimators', () => {
  it('a rateest match needs its estimator to exist, in any table, and the rule that made it', () => {
    const sh = new Shell();
    const m = 'iptables -A INPUT -m rateest --rateest RE1 --rateest-lt --rateest-bps 8bit';
    expect(sh.exec(m).stderr.trim()).toBe(failed('No such file or directory', 'INPUT'));
    sh.exec(`iptables -t mangle -A FORWARD ${RATEEST}`);
    expect(sh.exec(m).status).toBe(0);
    expect(sh.exec('iptables -A INPUT -m rateest --rateest1 RE1 --rateest-gt --rateest-pps --rateest2 RE2').stderr.trim()).toBe(
      failed('No such file or directory', 'INPUT'),
    );
  });

  it('RATEEST shares a name only with the same parameters, printed as the kernel rounds them', () => {
    const sh = new Shell();
    sh.exec(`iptables -A INPUT ${RATEEST}`);
    const other = '-j RATEEST --rateest-name RE1 --rateest-interval 1s --rateest-ewmalog 4s';
    expect(sh.exec(`iptables -A OUTPUT ${other}`).stderr.trim()).toBe(failed('Invalid argument', 'OUTPUT'));
    expect(sh.exec('iptables -A OUTPUT -j RATEEST --rateest-name RE1 --rateest-interval 0.2s --rateest-ewmalog 0.5s').status).toBe(0);
    expect(rulesOf(sh, 'filter', 'OUTPUT')).toEqual([
      '-A OUTPUT -j RATEEST --rateest-name RE1 --rateest-interval 250.0ms --rateest-ewmalog 500.0ms',
    ]);
  });

  it('a comparison without a rate, or a rate without a comparison, is the kernel’s Invalid argument', () => {
    const sh = new Shell();
    sh.exec(`iptables -A INPUT ${RATEEST}`);
    expect(sh.exec('iptables -A INPUT -m rateest --rateest RE1 --rateest-lt').stderr.trim()).toBe(failed('Invalid argument', 'INPUT'));
    expect(sh.exec('iptables -A INPUT -m rateest --rateest RE1 --rateest-bps 1').stderr.trim()).toBe(failed('Invalid argument', 'INPUT'));
  });
});

describe('hooks that depend on the options', () => {
  it.each([
    ['OUTPUT', '-m policy --dir in --pol none', false],
    ['INPUT', '-m policy --dir out --pol none', false],
    ['FORWARD', '-m policy --dir out --pol none', true],
    ['OUTPUT', '-m physdev --physdev-out eth0', false],
    ['OUTPUT', '-m physdev --physdev-out eth0 --physdev-is-bridged', true],
    ['OUTPUT', '-m mac --mac-source 00:11:22:33:44:55', false],
    ['OUTPUT', '-m socket', false],
  ])('%s %s: taken %s', (chain, rule, taken) => {
    const sh = new Shell();
    expect(sh.exec(`iptables -A ${chain} ${rule}`).status === 0).toBe(taken);
  });

  it('in a user chain only the fixed hook masks count, against every base chain that reaches it', () => {
    const sh = new Shell();
    sh.exec('iptables -N c');
    sh.exec('iptables -A OUTPUT -j c');
    expect(sh.exec('iptables -A c -m policy --dir in --pol none').status).toBe(0);
    expect(sh.exec('iptables -A c -m mac --mac-source 00:11:22:33:44:55').stderr.trim()).toBe(failed('Invalid argument', 'c'));
  });
});

describe('xtables_save_string', () => {
  it('leaves letters, digits, _ and - bare and quotes anything else, escaping " \\ and \'', () => {
    const sh = new Shell();
    sh.exec('iptables -A INPUT -j NFLOG --nflog-prefix a-b_1');
    sh.exec('iptables -A INPUT -j NFLOG --nflog-prefix a.b');
    sh.exec(`iptables -A INPUT -j NFLOG --nflog-prefix "it's"`);
    sh.exec('iptables -A INPUT -m cgroup --path /');
    expect(rulesOf(sh)).toEqual([
      '-A INPUT -j NFLOG --nflog-prefix a-b_1',
      '-A INPUT -j NFLOG --nflog-prefix "a.b"',
      `-A INPUT -j NFLOG --nflog-prefix "it\\'s"`,
      '-A INPUT -m cgroup --path "/"',
    ]);
  });
});

describe('what the lab simulates of them', () => {
  it('flags only the ones it gives no effect, in the rule view and in a trace of the rule that decided', () => {
    const sh = new Shell();
    sh.exec('ip link set lo up');
    sh.exec('iptables -A OUTPUT -p icmp -m policy --dir out --pol none -m ecn --ecn-ip-ect 0 -m realm --realm 0 -j ACCEPT');
    sh.exec('iptables -A INPUT -p icmp -m cgroup --cgroup 1 -m socket -j DROP');
    const chains = snapshot(sh.world).namespaces[0]!.iptables.filter.chains;
    expect(chains.find((c) => c.name === 'OUTPUT')!.notSimulated).toEqual([[]]);
    expect(chains.find((c) => c.name === 'INPUT')!.notSimulated).toEqual([['cgroup', 'socket']]);
    const events: TraceEvent[] = [];
    const off = sh.world.onTrace((e) => events.push(e));
    expect(sh.exec('ping -c 1 -W 1 127.0.0.1').record?.['result']).toBe('timeout');
    off();
    const lines = events.filter((e) => e.type === 'hook').map(formatTraceEvent);
    expect(lines.filter((l) => l.includes('filter/INPUT')).join('\n')).toContain('(not simulated: cgroup, socket)');
    expect(lines.filter((l) => l.includes('filter/OUTPUT')).join('\n')).not.toContain('not simulated');
  });

  it('-m mac and -m pkttype read the frame the packet arrived in', () => {
    const sh = new Shell();
    sh.exec('ip netns add a');
    sh.exec('ip netns add b');
    sh.exec('ip link add va netns a address 02:00:00:00:00:0a type veth peer name vb netns b');
    sh.exec('ip -n a addr add 10.0.0.1/24 dev va');
    sh.exec('ip -n b addr add 10.0.0.2/24 dev vb');
    sh.exec('ip -n a link set va up');
    sh.exec('ip -n b link set vb up');
    const ping = () => sh.exec('ip netns exec a ping -c 1 -W 1 10.0.0.2').record?.['result'];
    sh.exec('ip netns exec b iptables -A INPUT -p icmp -m mac --mac-source 02:00:00:00:00:0A -j DROP');
    expect(ping()).toBe('timeout');
    sh.exec('ip netns exec b iptables -R INPUT 1 -p icmp -m mac ! --mac-source 02:00:00:00:00:0a -j DROP');
    expect(ping()).toBe('reply');
    sh.exec('ip netns exec b iptables -R INPUT 1 -p icmp -m pkttype --pkt-type unicast -j DROP');
    expect(ping()).toBe('timeout');
    sh.exec('ip netns exec b iptables -R INPUT 1 -p icmp -m pkttype --pkt-type broadcast -j DROP');
    expect(ping()).toBe('reply');
  });
});

describe('ranges as iptables 1.8.9 reads and prints them', () => {
  it.each([
    ['-p tcp ! --dport 0:65535', '-A INPUT -p tcp'],
    ['-p tcp --sport 80 ! --dport :', '-A INPUT -p tcp -m tcp --sport 80'],
    ['-p udp --sport 10:5', '-A INPUT -p udp -m udp --sport 10:5'],
    ['-p dccp -m dccp --dport 4:3', '-A INPUT -p dccp -m dccp --dport 4:3'],
    ['-p esp -m esp ! --espspi :', '-A INPUT -p esp -m esp'],
    [
      '-m connbytes --connbytes 1000 --connbytes-mode packets --connbytes-dir original',
      '-A INPUT -m connbytes --connbytes 1000 --connbytes-mode packets --connbytes-dir original',
    ],
    [
      '-m connbytes --connbytes : --connbytes-mode bytes --connbytes-dir both',
      '-A INPUT -m connbytes --connbytes 0 --connbytes-mode bytes --connbytes-dir both',
    ],
    ['-j NFQUEUE --queue-balance :4', '-A INPUT -j NFQUEUE --queue-balance 0:4'],
    ['-m recent --rcheck --hitcount 65535', '-A INPUT -m recent --rcheck --hitcount 65535 --name DEFAULT --mask 255.255.255.255 --rsource'],
  ])('iptables -A INPUT %s', (rule, saved) => {
    const sh = new Shell();
    expect(sh.exec(`iptables -A INPUT ${rule}`).stderr).toBe('');
    expect(rulesOf(sh)).toEqual([saved]);
  });

  it.each([
    ['-p tcp --sport 4:3', 'invalid portrange (min > max)'],
    ['-p sctp --dport 4:3', 'invalid portrange (min > max)'],
    ['-m connbytes --connbytes 1000:0 --connbytes-mode packets --connbytes-dir original', '1000 should be less than 0'],
    ['-j NFQUEUE --queue-balance 4', 'Bad range "4"'],
    ['-j NFQUEUE --queue-balance 4:4', '4 should be less than 4'],
  ])('iptables -A INPUT %s is refused: %s', (rule, msg) => {
    const sh = new Shell();
    const r = sh.exec(`iptables -A INPUT ${rule}`);
    expect(r.stderr).toBe(`iptables v1.8.9 (nf_tables): ${msg}\nTry \`iptables -h' or 'iptables --help' for more information.\n`);
    expect(rulesOf(sh)).toEqual([]);
  });

  it('a hit count from 65536 is the kernel’s Invalid argument', () => {
    const sh = new Shell();
    expect(sh.exec('iptables -A INPUT -m recent --rcheck --hitcount 65536').stderr.trim()).toBe(failed('Invalid argument', 'INPUT'));
  });
});

describe('NFQUEUE and NFLOG, with no program reading a queue or a log group', () => {
  function pair(): { sh: Shell; ping: () => unknown; reasons: () => string[]; hooks: () => string[] } {
    const sh = new Shell();
    sh.exec('ip netns add a');
    sh.exec('ip netns add b');
    sh.exec('ip link add va netns a type veth peer name vb netns b');
    sh.exec('ip -n a addr add 10.0.0.1/24 dev va');
    sh.exec('ip -n b addr add 10.0.0.2/24 dev vb');
    sh.exec('ip -n a link set va up');
    sh.exec('ip -n b link set vb up');
    const events: TraceEvent[] = [];
    sh.world.onTrace((e) => events.push(e));
    return {
      sh,
      ping: () => sh.exec('ip netns exec a ping -c 1 -W 1 10.0.0.2').record?.['result'],
      reasons: () => events.splice(0).flatMap((e) => (e.type === 'drop' ? [e.reason] : [])),
      hooks: () => events.splice(0).flatMap((e) => (e.type === 'hook' ? [formatTraceEvent(e)] : [])),
    };
  }

  it('NFQUEUE drops and names the queue nobody listens on; --queue-bypass accepts for its table only', () => {
    const { sh, ping, reasons, hooks } = pair();
    sh.exec('ip netns exec b iptables -A INPUT -p icmp -j NFQUEUE --queue-num 3');
    expect(ping()).toBe('timeout');
    expect(hooks().join('\n')).toContain('filter/INPUT rule 1 NFQUEUE [-A INPUT -p icmp -j NFQUEUE --queue-num 3]');
    expect(ping()).toBe('timeout');
    expect(reasons()).toContain('dropped by rule 1 of INPUT (filter table): no program listens on queue 3');
    sh.exec('ip netns exec b iptables -R INPUT 1 -p icmp -j NFQUEUE --queue-balance 2:5');
    expect(ping()).toBe('timeout');
    expect(reasons()).toContain('dropped by rule 1 of INPUT (filter table): no program listens on queues 2 to 5');
    // bypassed: the rest of filter's INPUT is skipped (ACCEPT), so its DROP never sees the packet
    sh.exec('ip netns exec b iptables -R INPUT 1 -p icmp -j NFQUEUE --queue-num 3 --queue-bypass');
    sh.exec('ip netns exec b iptables -A INPUT -p icmp -j DROP');
    expect(ping()).toBe('reply');
    // ...but a later table still decides
    sh.exec('ip netns exec b iptables -F INPUT');
    sh.exec('ip netns exec b iptables -t mangle -A INPUT -p icmp -j NFQUEUE --queue-bypass');
    sh.exec('ip netns exec b iptables -A INPUT -p icmp -j DROP');
    expect(ping()).toBe('timeout');
    const rules = snapshot(sh.world).namespaces.find((n) => n.name === 'b')!.iptables.mangle.chains;
    expect(rules.find((c) => c.name === 'INPUT')!.notSimulated).toEqual([[]]);
  });

  it('a packet NFQUEUE could not queue in OUTPUT fails no send, unlike DROP', () => {
    const { sh } = pair();
    sh.exec('ip netns exec a iptables -A OUTPUT -p udp -j NFQUEUE --queue-num 7');
    const queued = sh.exec('ip netns exec a traceroute -n -q 1 -m 2 10.0.0.2').stdout;
    expect(queued).not.toContain('Operation not permitted');
    sh.exec('ip netns exec a iptables -R OUTPUT 1 -p udp -j DROP');
    const dropped = sh.exec('ip netns exec a traceroute -n -q 1 -m 2 10.0.0.2');
    expect(dropped.stdout + dropped.stderr).toContain('Operation not permitted');
  });

  it('NFLOG passes the packet on to the next rule', () => {
    const { sh, ping } = pair();
    sh.exec('ip netns exec b iptables -A INPUT -p icmp -j NFLOG --nflog-group 5');
    expect(ping()).toBe('reply');
    sh.exec('ip netns exec b iptables -A INPUT -p icmp -j DROP');
    expect(ping()).toBe('timeout');
    const rules = snapshot(sh.world).namespaces.find((n) => n.name === 'b')!.iptables.filter.chains;
    expect(rules.find((c) => c.name === 'INPUT')!.notSimulated).toEqual([[], []]);
  });
});

describe('-m string on the bytes of the datagram', () => {
  function web(): { sh: Shell; curl: (path: string) => unknown } {
    const sh = new Shell();
    sh.exec('ip netns add a');
    sh.exec('ip netns add b');
    sh.exec('ip link add va netns a type veth peer name vb netns b');
    sh.exec('ip -n a addr add 10.0.0.1/24 dev va');
    sh.exec('ip -n b addr add 10.0.0.2/24 dev vb');
    sh.exec('ip -n a link set va up');
    sh.exec('ip -n b link set vb up');
    sh.exec('ip netns exec b python3 -m http.server 8080 &');
    return { sh, curl: (path) => sh.exec(`ip netns exec a curl http://10.0.0.2:8080${path}`).record?.['result'] };
  }
  const rule = (m: string) => `ip netns exec b iptables -R INPUT 1 -p tcp --dport 8080 -m string ${m} -j DROP`;

  it('finds the request line of an HTTP GET, in either case with --icase', () => {
    const { sh, curl } = web();
    sh.exec('ip netns exec b iptables -A INPUT -p tcp --dport 8080 -m string --string "GET /secret" --algo bm -j REJECT');
    expect(curl('/secret')).toBe('timeout');
    expect(curl('/')).toBe('ok');
    sh.exec(rule('--string "get /SECRET" --algo kmp'));
    expect(curl('/secret')).toBe('ok');
    sh.exec(rule('--string "get /SECRET" --algo kmp --icase'));
    expect(curl('/secret')).toBe('timeout');
    expect(snapshot(sh.world).namespaces.find((n) => n.name === 'b')!.iptables.filter.chains[0]!.notSimulated).toEqual([[]]);
  });

  it('counts --from and --to from the IP header, the whole pattern before --to', () => {
    const { sh, curl } = web();
    sh.exec('ip netns exec b iptables -A INPUT -p tcp --dport 8080 -m string --string "GET /" --algo bm --from 52 -j DROP');
    expect(curl('/')).toBe('timeout');
    sh.exec(rule('--string "GET /" --algo bm --from 53'));
    expect(curl('/')).toBe('ok');
    sh.exec(rule('--string "GET /" --algo bm --to 56'));
    expect(curl('/')).toBe('ok');
    sh.exec(rule('--string "GET /" --algo bm --to 57'));
    expect(curl('/')).toBe('timeout');
  });

  it('inverted, it matches the segments without the pattern (the handshake)', () => {
    const { sh, curl } = web();
    sh.exec('ip netns exec b iptables -A INPUT -p tcp --dport 8080 -m string ! --string "GET /" --algo bm -j DROP');
    expect(curl('/')).toBe('timeout');
    sh.exec(rule('--hex-string "|0d0a0d0a|" --algo bm'));
    expect(curl('/')).toBe('timeout');
    // curl's request says HTTP/1.1; no segment of it holds HTTP/2
    sh.exec(rule('--string "HTTP/2" --algo bm'));
    expect(curl('/')).toBe('ok');
    sh.exec(rule('--string "HTTP/1.1" --algo bm'));
    expect(curl('/')).toBe('timeout');
  });
});
