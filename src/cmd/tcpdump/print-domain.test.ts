import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Shell } from '../shell.ts';
import { MemoryFiles } from './tcpdump.ts';

const KERNEL = join(import.meta.dirname, 'kernel');

/** the lab's tcpdump reading a file: its lines without timestamps */
function read(file: Uint8Array, flags: string): string[] {
  const sh = new Shell();
  const files = new MemoryFiles();
  sh.files = files;
  files.files.set('/k.pcap', file);
  const r = sh.exec(`tcpdump -n ${flags} -r /k.pcap`);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => l.replace(/^\d\d:\d\d:\d\d\.\d{6} /, ''));
}

describe('tcpdump’s DNS printer', () => {
  const pcap = new Uint8Array(readFileSync(join(KERNEL, 'dns.pcap')));
  for (const v of ['', '-v', '-vv', '-vvv'])
    it(`prints a kernel's DNS capture as tcpdump 4.99.3 does with -n ${v}`, () => {
      const want = readFileSync(join(KERNEL, `dns-n${v}.txt`), 'utf8')
        .split('\n')
        .filter(Boolean);
      expect(read(pcap, v)).toEqual(want);
    });

  it('prints the lab’s own exchange as it prints the kernel’s: query, answer, refusal', () => {
    const sh = new Shell();
    for (const l of [
      'ip netns add srv',
      'ip netns add cli',
      'ip link add v0 netns srv type veth peer name v1 netns cli',
      'ip -n srv addr add 10.0.0.1/24 dev v0',
      'ip -n srv link set v0 up',
      'ip -n cli addr add 10.0.0.2/24 dev v1',
      'ip -n cli link set v1 up',
      'ip netns exec srv dnsmasq -k --no-resolv --address=/example.com/10.0.0.9 &',
      'echo nameserver 10.0.0.1 > /etc/resolv.conf',
    ])
      expect(sh.exec(l).status, l).toBe(0);
    expect(sh.exec('ip netns exec cli tcpdump -n -vvv -l -i v1 udp &').status).toBe(0);
    sh.exec('ip netns exec cli ping -c 1 example.com');
    const [r] = sh.interruptJobs();
    const lines = r!.result.stdout.split('\n').filter((l) => l.startsWith('    '));
    expect(
      lines.map((l) => l.replace(/\.(3[2-9]|[45]\d|60)\d{3}\b/g, '.PORT').replace(/-> 0x[0-9a-f]{4}!\] \d+/, '-> 0x????!] ID')),
    ).toEqual([
      '    10.0.0.2.PORT > 10.0.0.1.53: [bad udp cksum 0x1439 -> 0x????!] ID+ A? example.com. (29)',
      '    10.0.0.2.PORT > 10.0.0.1.53: [bad udp cksum 0x1439 -> 0x????!] ID+ AAAA? example.com. (29)',
      '    10.0.0.1.53 > 10.0.0.2.PORT: [bad udp cksum 0x1449 -> 0x????!] ID* q: A? example.com. 1/0/0 example.com. [0s] A 10.0.0.9 (45)',
      '    10.0.0.1.53 > 10.0.0.2.PORT: [bad udp cksum 0x1439 -> 0x????!] ID Refused q: AAAA? example.com. 0/0/0 (29)',
    ]);
  });
});
