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

describe('files in the recorder', () => {
  it('only /etc/resolv.conf (bound to a private copy) may be named under /etc', () => {
    expect(escapeRisk(['echo', 'nameserver', '10.0.0.1', '>', '/etc/resolv.conf'])).toBeUndefined();
    expect(escapeRisk(['echo', '10.0.0.1 x', '>>/etc/hosts'])).toMatch(/machine's own file/);
    expect(escapeRisk(['cp', 'x', '/etc/passwd'])).toMatch(/machine's own file/);
  });

  it('a daemon started with & is a setup line of its own, run in the background', () => {
    const s = classify({ line: 9, text: 'ip netns exec dns dnsmasq -k --no-resolv --address=/db.lab/10.40.0.9 &' });
    expect(s).toMatchObject({ kind: 'setup', text: 'ip netns exec dns dnsmasq -k --no-resolv --address=/db.lab/10.40.0.9' });
  });
});
