import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_DOC_BYTES, MAX_DOC_TEXT } from './document.ts';
import { extractCommands } from './paste.ts';

describe('commands out of pasted text', () => {
  it('keeps a plain script as it is', () => {
    expect(extractCommands('ip netns add a\n# a comment\nip link add x \\\ntype dummy\n').lines).toEqual([
      'ip netns add a',
      'ip link add x type dummy',
    ]);
  });

  it('strips prompts, unrolls for loops, skips output and prose, backgrounds servers', () => {
    const text = [
      'root@test-1:~# for i in 1 2 3; do',
      'ip netns add ns$i',
      'ip link add veth-ns$i type veth peer name veth-ns${i}-br',
      'done',
      'root@test-1:~# ip netns list',
      'ns1',
      '$ sudo brctl addbr br0',
      'bridge 设置 IP,并将其作为子 Namespace 的默认网关:',
      'root@test-1:~# ip netns exec ns1 python3 -m http.server --bind 192.168.1.1 80',
      'for j in {1..2}; do ip netns add x$j; done',
    ].join('\n');
    const ex = extractCommands(text);
    expect(ex.lines).toEqual([
      'ip netns add ns1',
      'ip link add veth-ns1 type veth peer name veth-ns1-br',
      'ip netns add ns2',
      'ip link add veth-ns2 type veth peer name veth-ns2-br',
      'ip netns add ns3',
      'ip link add veth-ns3 type veth peer name veth-ns3-br',
      'ip netns list',
      'brctl addbr br0',
      'ip netns exec ns1 python3 -m http.server --bind 192.168.1.1 80 &',
      'ip netns add x1',
      'ip netns add x2',
    ]);
    expect(ex.skipped).toBe(2);
  });

  it('finds the bridge/NAT article commands', () => {
    const ex = extractCommands(readFileSync('e2e/fixtures/bridge-nat-article.txt', 'utf8'));
    expect(ex.lines).toContain('brctl addif virtual-bridge veth-ns3-br');
    expect(ex.lines).toContain('iptables -t nat -A POSTROUTING -s 192.168.1.0/24 ! -o virtual-bridge -j MASQUERADE');
  });

  it('refuses more than the lab size limit', () => {
    expect(() => extractCommands('x'.repeat(MAX_DOC_BYTES + 1))).toThrow(MAX_DOC_TEXT);
  });
});

describe('a pasted here-document', () => {
  it('stays one command with its lines, as a terminal transcript shows them too', () => {
    const ex = extractCommands(
      "$ ip netns add fw\n$ iptables-restore <<'EOF'\n> *filter\n> -A INPUT -j DROP\n> COMMIT\n> EOF\n$ ip netns add after\n",
    );
    expect(ex.lines).toEqual(['ip netns add fw', "iptables-restore <<'EOF'\n*filter\n-A INPUT -j DROP\nCOMMIT\nEOF", 'ip netns add after']);
    expect(ex.skipped).toBe(0);
  });
});
