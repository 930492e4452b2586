import { describe, expect, it } from 'vitest';
import { classify, escapeRisk } from './script.ts';

describe('capture lines in the recorder', () => {
  it('the recorder reads `tcpdump … &` as a capture, in its namespace', () => {
    const s = classify({ line: 3, text: 'ip netns exec r tcpdump -n -e -l -i in0 &' });
    expect(s).toMatchObject({ kind: 'capture', ns: 'r', argv: ['tcpdump', '-n', '-e', '-l', '-i', 'in0'] });
  });

  it('a capture line may not read or write files', () => {
    expect(escapeRisk(['tcpdump', '-i', 'eth0', '-w', '/tmp/x'])).toMatch(/reads or writes files/);
    expect(escapeRisk(['tcpdump', '-nr', 'x'])).toMatch(/reads or writes files/);
    expect(escapeRisk(['tcpdump', '-n', '-e', '-i', 'eth0'])).toBeUndefined();
  });
});
