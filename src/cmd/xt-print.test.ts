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
  [
    '-m time --timestart 01:00 --timestop 02:00',
    '           0    --  0.0.0.0/0            0.0.0.0/0            TIME from 01:00:00 to 02:00:00 UTC',
    '           all  --  anywhere             anywhere             TIME from 01:00:00 to 02:00:00 UTC',
  ],
  [
    '-m time --monthdays 11,12,13,21,22,23,31',
    '           0    --  0.0.0.0/0            0.0.0.0/0            TIME on 11st,12nd,13rd,21st,22nd,23rd,31st UTC',
    '           all  --  anywhere             anywhere             TIME on 11st,12nd,13rd,21st,22nd,23rd,31st UTC',
  ],
  [
    '-m time ! --weekdays Mon --contiguous --timestart 23:00 --timestop 01:00',
    '           0    --  0.0.0.0/0            0.0.0.0/0            TIME from 23:00:00 to 01:00:00 on Tue,Wed,Thu,Fri,Sat,Sun UTC contiguous',
    '           all  --  anywhere             anywhere             TIME from 23:00:00 to 01:00:00 on Tue,Wed,Thu,Fri,Sat,Sun UTC contiguous',
  ],
  [
    '-m time --datestart 2001-02-03',
    '           0    --  0.0.0.0/0            0.0.0.0/0            TIME starting from 2001-02-03 00:00:00 UTC',
    '           all  --  anywhere             anywhere             TIME starting from 2001-02-03 00:00:00 UTC',
  ],
  [
    '-m time --datestop 2001-02-03 --kerneltz',
    '           0    --  0.0.0.0/0            0.0.0.0/0            TIME until date 2001-02-03 00:00:00',
    '           all  --  anywhere             anywhere             TIME until date 2001-02-03 00:00:00',
  ],
  [
    '-m time ! --monthdays 1',
    '           0    --  0.0.0.0/0            0.0.0.0/0            TIME on 2nd,3rd,4th,5th,6th,7th,8th,9th,10th,11st,12nd,13rd,14th,15th,16th,17th,18th,19th,20th,21st,22nd,23rd,24th,25th,26th,27th,28th,29th,30th,31st UTC',
    '           all  --  anywhere             anywhere             TIME on 2nd,3rd,4th,5th,6th,7th,8th,9th,10th,11st,12nd,13rd,14th,15th,16th,17th,18th,19th,20th,21st,22nd,23rd,24th,25th,26th,27th,28th,29th,30th,31st UTC',
  ],
  [
    '-m time --utc',
    '           0    --  0.0.0.0/0            0.0.0.0/0            TIME UTC',
    '           all  --  anywhere             anywhere             TIME UTC',
  ],
  [
    '-m time --datestop 1970-01-01T00:00:00',
    '           0    --  0.0.0.0/0            0.0.0.0/0            TIME until date UTC',
    '           all  --  anywhere             anywhere             TIME until date UTC',
  ],
  [
    '-m time --datestart 1970-01-01T00:00:00 --monthdays ""',
    '           0    --  0.0.0.0/0            0.0.0.0/0            TIME on  UTC',
    '           all  --  anywhere             anywhere             TIME on  UTC',
  ],
  [
    '-m time --weekdays 1,7 --datestart 2038-01-19T03:14:07 --datestop 2038-01-19T03:14:07',
    '           0    --  0.0.0.0/0            0.0.0.0/0            TIME on Mon,Sun starting from 2038-01-19 03:14:07 UTC',
    '           all  --  anywhere             anywhere             TIME on Mon,Sun starting from 2038-01-19 03:14:07 UTC',
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
