// Evaluation is compiled once per ruleset (src/core/netfilter/compile.ts): every command that
// changes a ruleset must be seen by the next packet, including the in-place ones.

import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';

describe('evaluation follows the commands that change a ruleset', () => {
  const cases: Array<{ what: string; lines: string[]; want: string }> = [
    {
      what: 'a rule replaced in place (-R) decides at once',
      lines: ['iptables -A INPUT -s 10.0.0.1 -j DROP', 'ping -c 1 -W 1 127.0.0.1', 'iptables -R INPUT 1 -s 127.0.0.1 -j DROP'],
      want: 'timeout',
    },
    {
      what: 'a rule inserted before the match (-I) decides first',
      lines: [
        ...Array.from({ length: 20 }, (_, i) => `iptables -A INPUT -s 10.0.${i}.1 -j ACCEPT`),
        'iptables -A INPUT -s 127.0.0.1 -j ACCEPT',
        'ping -c 1 -W 1 127.0.0.1',
        'iptables -I INPUT 3 -s 127.0.0.0/8 -j DROP',
      ],
      want: 'timeout',
    },
    {
      what: 'a deleted DROP no longer drops',
      lines: [
        ...Array.from({ length: 20 }, (_, i) => `iptables -A INPUT -s 10.0.${i}.1 -j DROP`),
        'iptables -A INPUT -s 127.0.0.1 -j DROP',
        'ping -c 1 -W 1 127.0.0.1',
        'iptables -D INPUT -s 127.0.0.1 -j DROP',
      ],
      want: 'reply',
    },
    {
      what: 'a flushed user chain no longer drops, behind a jump',
      lines: [
        'iptables -N F',
        'iptables -A INPUT -j F',
        ...Array.from({ length: 20 }, (_, i) => `iptables -A F -s 10.0.${i}.1 -j DROP`),
        'iptables -A F -i lo -j DROP',
        'ping -c 1 -W 1 127.0.0.1',
        'iptables -F F',
      ],
      want: 'reply',
    },
  ];
  it.each(cases)('$what', ({ lines, want }) => {
    const sh = new Shell();
    sh.exec('ip link set lo up');
    for (const l of lines) sh.exec(l);
    expect(sh.exec('ping -c 1 -W 1 127.0.0.1').record?.['result']).toBe(want);
  });
});
