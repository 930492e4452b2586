// -m hashlimit on the virtual clock, and /proc/net/ipt_hashlimit/NAME in the kernel's credit
// units (the numbers below were read on Linux 6.18, HZ=1000, after the same rules and pings).

import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';

function host(rules: string[]): Shell {
  const sh = new Shell();
  for (const l of ['ip link set lo up', ...rules]) {
    const r = sh.exec(l);
    if (r.status !== 0) throw new Error(`${l}: ${r.stderr}`);
  }
  return sh;
}

const received = (out: string) => Number(/(\d+) received/.exec(out)?.[1]);
const ECHO = 'iptables -A INPUT -p icmp --icmp-type echo-request';

describe('hashlimit', () => {
  it('a flood at five packets a second meets a 2/sec bucket of 3: 6 of 10 answered, as on the kernel', () => {
    const sh = host([
      `${ECHO} -m hashlimit --hashlimit-upto 2/sec --hashlimit-burst 3 --hashlimit-mode srcip,dstip --hashlimit-name HL -j ACCEPT`,
      `${ECHO} -j DROP`,
    ]);
    expect(received(sh.exec('ping -c 10 -i 0.2 127.0.0.1').stdout)).toBe(6);
  });

  it('/proc/net/ipt_hashlimit/NAME: seconds left, the flow, credit, cap and cost in credits (HZ * 2^37 / 10^6 per microsecond)', () => {
    const sh = host([`iptables -A INPUT -p icmp -m hashlimit --hashlimit-upto 1/min --hashlimit-name B3`]);
    // the table exists from the rule on, empty until a packet makes an entry
    expect(sh.exec('cat /proc/net/ipt_hashlimit/B3')).toMatchObject({ stdout: '', status: 0 });
    sh.exec('ping -c 1 127.0.0.1');
    const line = sh.exec('cat /proc/net/ipt_hashlimit/B3').stdout;
    // no mode: every packet is one flow; entries live one unit of the rate (a minute) when not told
    expect(line).toMatch(/^5\d 0\.0\.0\.0:0->0\.0\.0\.0:0 \d+ 41231685900000000 8246337180000000\n$/);
    const [, , credit] = line.trim().split(' ');
    // the request and the reply both took their cost from a full bucket, and time gave some back
    expect(BigInt(credit!)).toBeGreaterThan(41231685900000000n - 2n * 8246337180000000n);
    expect(sh.exec('cat /proc/net/ipt_hashlimit/NONE').stderr).toBe('cat: /proc/net/ipt_hashlimit/NONE: No such file or directory\n');
    sh.exec('iptables -F INPUT');
    expect(sh.exec('cat /proc/net/ipt_hashlimit/B3').status).toBe(1);
  });

  it('the masks make the flow: two sources under --hashlimit-srcmask 24 share a bucket, under 32 each has its own', () => {
    for (const [mask, second] of [
      ['24', 0],
      ['32', 1],
    ] as const) {
      const sh = host([
        'ip addr add 10.7.0.1/24 dev lo',
        'ip addr add 10.7.0.2/24 dev lo',
        `${ECHO} -m hashlimit --hashlimit-upto 1/hour --hashlimit-burst 1 --hashlimit-mode srcip --hashlimit-srcmask ${mask} --hashlimit-name M -j ACCEPT`,
        `${ECHO} -j DROP`,
      ]);
      expect(received(sh.exec('ping -c 1 -I 10.7.0.1 10.7.0.1').stdout)).toBe(1);
      expect(received(sh.exec('ping -c 1 -I 10.7.0.2 10.7.0.2').stdout)).toBe(second);
    }
  });

  it('--hashlimit-above matches past the limit; an idle entry goes after its expiry and the flow starts full', () => {
    const sh = host([
      `${ECHO} -m hashlimit --hashlimit-above 1/hour --hashlimit-burst 1 --hashlimit-htable-expire 3000 --hashlimit-name A -j DROP`,
    ]);
    expect(received(sh.exec('ping -c 1 127.0.0.1').stdout)).toBe(1);
    // an unanswered ping -W 1 takes 2.5 s here: the entry, refreshed by every packet, is still there
    expect(received(sh.exec('ping -c 1 -W 1 127.0.0.1').stdout)).toBe(0);
    expect(received(sh.exec('ping -c 1 -W 1 127.0.0.1').stdout)).toBe(0);
    sh.exec('sleep 4');
    expect(received(sh.exec('ping -c 1 127.0.0.1').stdout)).toBe(1);
  });

  it('a full table takes no new flow: the packet is dropped and the kernel log says why', () => {
    const sh = host([
      'ip addr add 10.7.0.1/24 dev lo',
      `${ECHO} -m hashlimit --hashlimit-upto 1/min --hashlimit-mode srcip,dstip --hashlimit-htable-max 1 --hashlimit-name F -j ACCEPT`,
    ]);
    expect(received(sh.exec('ping -c 1 127.0.0.1').stdout)).toBe(1);
    expect(received(sh.exec('ping -c 1 10.7.0.1').stdout)).toBe(0);
    expect(sh.exec('dmesg -t').stdout).toBe('xt_hashlimit: max count of 1 reached\n');
  });
});
