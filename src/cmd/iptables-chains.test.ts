// Chains as iptables-nft 1.8.9 on Linux keeps them (recorded on the kernel): at most 15 nested
// jumps from a base chain, renaming with -E, and what -A keeps of an over-long comment.

import { describe, expect, it } from 'vitest';
import { snapshot } from '../core/snapshot.ts';
import { Shell } from './shell.ts';

/** chains c1…cN, each jumping to the next */
function ladder(n: number): Shell {
  const sh = new Shell();
  for (let i = 1; i <= n; i++) sh.exec(`iptables -N c${i}`);
  for (let i = 1; i < n; i++) sh.exec(`iptables -A c${i} -j c${i + 1}`);
  return sh;
}

describe('nf_tables follows at most 15 nested jumps from a base chain', () => {
  it('takes a base chain reaching 15 user chains deep', () => {
    expect(ladder(15).exec('iptables -A INPUT -j c1').status).toBe(0);
  });

  it.each([
    ['-A INPUT -j c1', 'RULE_APPEND', 'INPUT'],
    ['-I INPUT -j c1', 'RULE_INSERT', 'INPUT'],
    ['-A INPUT -g c1', 'RULE_APPEND', 'INPUT'],
    ['-R OUTPUT 1 -j c1', 'RULE_REPLACE', 'OUTPUT'],
  ])('refuses 16 from the base end: %s', (rule, verb, chain) => {
    const sh = ladder(16);
    sh.exec('iptables -A OUTPUT -j ACCEPT');
    const before = sh.exec('iptables -S').stdout;
    const r = sh.exec(`iptables ${rule}`);
    expect(r.stderr).toBe(`iptables v1.8.9 (nf_tables):  ${verb} failed (Too many links): rule in chain ${chain}\n`);
    expect(sh.exec('iptables -S').stdout).toBe(before);
  });

  it('refuses 16 from the far end, and allows it where no base chain reaches', () => {
    const sh = ladder(15);
    sh.exec('iptables -N c16');
    expect(sh.exec('iptables -A c15 -j c16').status).toBe(0);
    sh.exec('iptables -F c15');
    sh.exec('iptables -A INPUT -j c1');
    expect(sh.exec('iptables -A c15 -g c16').stderr).toContain('RULE_APPEND failed (Too many links): rule in chain c15');
  });
});

describe('iptables -E renames a user chain', () => {
  it('keeps the jumps to it', () => {
    const sh = new Shell();
    sh.exec('iptables -N A');
    sh.exec('iptables -A INPUT -j A');
    expect(sh.exec('iptables -E A B').status).toBe(0);
    expect(sh.exec('iptables -S').stdout).toBe('-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n-N B\n-A INPUT -j B\n');
  });

  it.each([
    ['-E A B', 'iptables: File exists.\n'],
    ['-E nosuch X', 'iptables: No chain/target/match by that name.\n'],
    [
      '-E A',
      "iptables v1.8.9 (nf_tables): -E requires old-chain-name and new-chain-name\nTry `iptables -h' or 'iptables --help' for more information.\n",
    ],
    ['-E A C extra', "Bad argument `extra'\nTry `iptables -h' or 'iptables --help' for more information.\n"],
  ])('refuses %s as iptables does', (cmd, msg) => {
    const sh = new Shell();
    sh.exec('iptables -N A');
    sh.exec('iptables -N B');
    expect(sh.exec(`iptables ${cmd}`).stderr).toBe(msg);
    expect(sh.exec('iptables -S').stdout).toBe('-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n-N A\n-N B\n');
  });
});

describe('comments', () => {
  it('keeps the first 255 characters of a longer one, as iptables-nft does', () => {
    const sh = new Shell();
    expect(sh.exec(`iptables -A INPUT -m comment --comment ${'x'.repeat(300)}`).status).toBe(0);
    expect(sh.exec('iptables -S INPUT').stdout).toBe(`-P INPUT ACCEPT\n-A INPUT -m comment --comment ${'x'.repeat(255)}\n`);
  });
});

describe('the firewall mark', () => {
  it('set in mangle OUTPUT is read in filter OUTPUT, with its mask', () => {
    const sh = new Shell();
    sh.exec('ip link set lo up');
    sh.exec('iptables -t mangle -A OUTPUT -p icmp -j MARK --set-mark 0x11');
    sh.exec('iptables -A OUTPUT -m mark --mark 0x20/0xf0 -j DROP');
    expect(sh.exec('ping -c 1 -W 1 127.0.0.1').record?.['result']).toBe('reply');
    sh.exec('iptables -A OUTPUT -m mark --mark 0x10/0xf0 -j DROP');
    expect(sh.exec('ping -c 1 -W 1 127.0.0.1').record?.['result']).toBe('timeout');
  });

  it('is printed as --set-xmark whichever way it was written', () => {
    const sh = new Shell();
    for (const op of ['--set-mark 1', '--and-mark 0x12', '--or-mark 0x12', '--xor-mark 0x12', '--set-xmark 1/0xff'])
      sh.exec(`iptables -t mangle -A PREROUTING -j MARK ${op}`);
    expect(sh.exec('iptables -t mangle -S PREROUTING').stdout).toBe(
      [
        '-P PREROUTING ACCEPT',
        '-A PREROUTING -j MARK --set-xmark 0x1/0xffffffff',
        '-A PREROUTING -j MARK --set-xmark 0x0/0xffffffed',
        '-A PREROUTING -j MARK --set-xmark 0x12/0x12',
        '-A PREROUTING -j MARK --set-xmark 0x12/0x0',
        '-A PREROUTING -j MARK --set-xmark 0x1/0xff',
        '',
      ].join('\n'),
    );
  });
});

describe('extensions the lab does not simulate', () => {
  it('are shown as such in the rule view, and NFQUEUE (simulated) with no listener drops (accepts with --queue-bypass)', () => {
    const sh = new Shell();
    sh.exec('ip link set lo up');
    sh.exec('iptables -A OUTPUT -p icmp -m connbytes --connbytes 0:10 --connbytes-mode packets --connbytes-dir both -j NFQUEUE');
    const rules = snapshot(sh.world).namespaces[0]!.iptables.filter.chains.find((c) => c.name === 'OUTPUT')!;
    expect(rules.notSimulated[0]).toEqual(['connbytes']);
    expect(sh.exec('ping -c 1 -W 1 127.0.0.1').record?.['result']).toBe('timeout');
    sh.exec('iptables -R OUTPUT 1 -p icmp -j NFQUEUE --queue-bypass');
    sh.exec('iptables -A OUTPUT -p icmp -j DROP');
    expect(sh.exec('ping -c 1 -W 1 127.0.0.1').record?.['result']).toBe('reply');
  });

  it('are not flagged when the lab simulates them (iprange, length, ttl, limit, statistic, connlimit, recent, TTL)', () => {
    const sh = new Shell();
    sh.exec(
      'iptables -t mangle -A PREROUTING -m iprange --src-range 10.0.0.1-10.0.0.9 -m length --length 84 -m ttl --ttl-lt 9 -m limit --limit 2/s -m statistic --mode nth --every 2 --packet 0 -m connlimit --connlimit-above 9 -m recent --set -j TTL --ttl-inc 1',
    );
    sh.exec('iptables -t mangle -A PREROUTING -m cpu --cpu 0 -j TTL --ttl-set 9');
    const c = snapshot(sh.world).namespaces[0]!.iptables.mangle.chains.find((x) => x.name === 'PREROUTING')!;
    expect(c.notSimulated).toEqual([[], ['cpu']]);
  });
});
