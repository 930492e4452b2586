// iptables-restore reads what iptables-save prints; a refused input changes nothing.

import { describe, expect, it } from 'vitest';
import { fingerprint } from '../core/snapshot.ts';
import { iptablesRestore } from './iptables-restore.ts';
import { Shell } from './shell.ts';

const SETUP = [
  'iptables -N WEB',
  'iptables -A INPUT -i lo -j ACCEPT',
  'iptables -A INPUT -p tcp --dport 80 -j WEB',
  'iptables -A WEB -s 10.0.0.0/8 -m comment --comment "office net" -j ACCEPT',
  'iptables -A WEB -j REJECT --reject-with tcp-reset -p tcp',
  'iptables -P FORWARD DROP',
  'iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE',
];

describe('iptables-restore', () => {
  it('reads back what iptables-save printed, replacing the rules that were there', () => {
    const a = new Shell();
    for (const l of SETUP) expect(a.exec(l).status).toBe(0);
    const saved = a.exec('iptables-save').stdout;
    const b = new Shell();
    b.exec('iptables -N OLD');
    b.exec('iptables -A OUTPUT -j DROP');
    expect(iptablesRestore(b.world.root, saved).status).toBe(0);
    expect(b.exec('iptables-save').stdout).toBe(saved);
  });

  it('with --noflush keeps the rules that were there', () => {
    const sh = new Shell();
    sh.exec('iptables -A OUTPUT -d 192.0.2.1 -j DROP');
    iptablesRestore(sh.world.root, '*filter\n-A OUTPUT -d 192.0.2.2 -j DROP\nCOMMIT\n', ['--noflush']);
    expect(sh.exec('iptables -S OUTPUT').stdout).toBe(
      '-P OUTPUT ACCEPT\n-A OUTPUT -d 192.0.2.1/32 -j DROP\n-A OUTPUT -d 192.0.2.2/32 -j DROP\n',
    );
  });

  it.each([
    ['a rule naming a chain that does not exist', '*filter\n-A INPUT -j NOPE\nCOMMIT\n', 2],
    ['a table that does not exist', '*nosuch\nCOMMIT\n', 1],
    ['a missing COMMIT', '*filter\n-A INPUT -j DROP\n', 3],
    [
      'a bad rule after good ones in another table',
      '*nat\n-A POSTROUTING -j MASQUERADE\nCOMMIT\n*filter\n-A INPUT -p tcp --dport x -j DROP\nCOMMIT\n',
      5,
    ],
  ])('refuses %s at its line and changes nothing', (_what, text, line) => {
    const sh = new Shell();
    for (const l of SETUP) sh.exec(l);
    const before = fingerprint(sh.world);
    expect(() => iptablesRestore(sh.world.root, text)).toThrow(new RegExp(`(Error occurred at line: |COMMIT expected at line )${line}$`));
    expect(fingerprint(sh.world)).toBe(before);
  });
});
