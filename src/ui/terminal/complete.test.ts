import { describe, expect, it } from 'vitest';
import { snapshot } from '../../core/snapshot.ts';
import { Shell } from '../../cmd/shell.ts';
import { complete } from './complete.ts';

describe('completion in a line with operators', () => {
  const sh = new Shell();
  sh.exec('ip netns add blue');
  const w = snapshot(sh.world);

  it('offers the filters the lab runs after a pipe', () => {
    expect(complete('ip a | gr', 'root', w)).toEqual({ from: 7, candidates: ['grep'] });
    expect(complete('ip r |', 'root', w).candidates).toContain('head');
    expect(complete('ip r | ', 'root', w).candidates).not.toContain('ip');
  });

  it('offers commands after ; && || and completes their words as at the start of a line', () => {
    expect(complete('ip a && ipt', 'root', w)).toEqual({ from: 8, candidates: ['iptables'] });
    expect(complete('ip a; ip netns exec bl', 'root', w)).toEqual({ from: 20, candidates: ['blue'] });
  });

  it('takes a quoted | as part of a word', () => {
    expect(complete("echo 'a|b' ip", 'root', w).candidates).not.toContain('grep');
  });
});
