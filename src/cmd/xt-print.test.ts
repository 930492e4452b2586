// What `iptables -L` prints for the extensions' options beyond what iptables' own .t rules try:
// each line as iptables 1.8.9 (nf_tables) printed it on Linux 6.18, with -n and with names.

import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';

/** a rule's options, and its line in `iptables -L -n` and in `iptables -L` */
const CASES: ReadonlyArray<readonly [string, string, string]> = [
  [
    '-j HMARK --hmark-tuple src,sport --hmark-sport 0x10 --hmark-dport 5 --hmark-rnd 1 --hmark-mod 3',
    'HMARK      0    --  0.0.0.0/0            0.0.0.0/0            HMARK mod 3 src-prefix 32 sport-mask 0xffff sport 0x10 dport 0x5 rnd 0x1 ',
    'HMARK      all  --  anywhere             anywhere             HMARK mod 3 src-prefix 32 sport-mask 0xffff sport 0x10 dport 0x5 rnd 0x1 ',
  ],
  [
    '-j HMARK --hmark-tuple spi --hmark-spi 0x10 --hmark-rnd 1 --hmark-mod 3 --hmark-src-prefix 24',
    'HMARK      0    --  0.0.0.0/0            0.0.0.0/0            HMARK mod 3 src-prefix 24 spi-mask 0xffffffff spi 0x10 rnd 0x1 ',
    'HMARK      all  --  anywhere             anywhere             HMARK mod 3 src-prefix 24 spi-mask 0xffffffff spi 0x10 rnd 0x1 ',
  ],
  [
    '-j RATEEST --rateest-name X --rateest-interval 1s --rateest-ewmalog 8s',
    'RATEEST    0    --  0.0.0.0/0            0.0.0.0/0            name X interval 1.0s ewmalog 8.0s',
    'RATEEST    all  --  anywhere             anywhere             name X interval 1.0s ewmalog 8.0s',
  ],
  [
    '-m bpf --bytecode "1,6 0 0 0"',
    '           0    --  0.0.0.0/0            0.0.0.0/0           match bpf 6 0 0 0\0',
    '           all  --  anywhere             anywhere            match bpf 6 0 0 0\0',
  ],
  [
    '-m cluster ! --cluster-local-nodemask 5 --cluster-total-nodes 4 --cluster-hash-seed 1',
    '           0    --  0.0.0.0/0            0.0.0.0/0            cluster !node_mask=0x00000005 total_nodes=4 hash_seed=0x00000001',
    '           all  --  anywhere             anywhere             cluster !node_mask=0x00000005 total_nodes=4 hash_seed=0x00000001',
  ],
  [
    '-p tcp -m osf ! --genre Windows --ttl 1',
    '           6    --  0.0.0.0/0            0.0.0.0/0            OS fingerprint match ! Windows',
    '           tcp  --  anywhere             anywhere             OS fingerprint match ! Windows',
  ],
];

describe('iptables -L prints each extension as its print function does', () => {
  it.each(CASES)('%s', (args, numeric, named) => {
    const sh = new Shell();
    expect(sh.exec(`iptables -A INPUT ${args}`).stderr).toBe('');
    const listed = (flags: string) => sh.exec(`iptables -L INPUT${flags}`).stdout.split('\n').slice(2);
    expect(listed(' -n')).toEqual([numeric, '']);
    expect(listed('')).toEqual([named, '']);
  });
});
