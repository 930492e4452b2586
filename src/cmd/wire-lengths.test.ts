// Device counters (core/link/stats.ts) count each frame's bytes from its headers, never by
// building them. Every frame a scenario's replay counts on any device must have exactly the
// length of the bytes a capture of it holds (core/capture/wire.ts): Ethernet, ARP, IPv4 and
// its fragments, ICMP echoes and errors quoting a datagram, TCP with its options and data, UDP
// probes and DNS, VXLAN with its inner frame.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { frameBytes } from '../core/capture/wire.ts';
import type { Frame } from '../core/packet.ts';
import { replayScenario } from './replay.ts';

const counted = new Set<Frame>();

vi.mock('../core/link/stats.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../core/link/stats.ts')>();
  return {
    ...real,
    countTx: (...a: Parameters<typeof real.countTx>) => {
      counted.add(a[1]);
      real.countTx(...a);
    },
    countRx: (...a: Parameters<typeof real.countRx>) => {
      counted.add(a[1]);
      real.countRx(...a);
    },
  };
});

const { wireLengths } = await import('../core/link/stats.ts');

const root = join(import.meta.dirname, '..', '..', 'conformance', 'scenarios');
const scenarios = readdirSync(root)
  .filter((f) => f.endsWith('.sh'))
  .sort();

/** what kind of frame it is, to show that the corpus holds every kind */
function kindOf(f: Frame): string {
  if (f.arp) return 'arp';
  const p = f.ip;
  if (!p) return 'other';
  const frag = p.frag !== undefined && frameBytes(f).length > 1 ? '+frag' : '';
  if (p.icmp) return (p.icmp.inner ? 'icmp-error' : 'icmp') + frag;
  if (p.tcp) return (p.tcp.data ? 'tcp-data' : p.tcp.flags.syn ? 'tcp-syn' : p.tcp.flags.rst ? 'tcp-rst' : 'tcp') + frag;
  if (p.udp) return (p.udp.vxlan ? 'vxlan' : p.udp.dns ? 'dns' : 'udp') + frag;
  return `ip${frag}`;
}

describe('device counters count the bytes a capture holds', () => {
  it('for every frame of every scenario', () => {
    const kinds = new Set<string>();
    let frames = 0;
    const wrong: string[] = [];
    for (const name of scenarios) {
      counted.clear();
      replayScenario(readFileSync(join(root, name), 'utf8'));
      for (const f of counted) {
        frames++;
        kinds.add(kindOf(f));
        const built = frameBytes(f).map((b) => b.length);
        const computed = [...wireLengths(f)];
        if (JSON.stringify(built) !== JSON.stringify(computed) && wrong.length < 10)
          wrong.push(`${name} ${kindOf(f)}: counted ${computed.join(',')}, built ${built.join(',')}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(frames).toBeGreaterThan(1000);
    for (const k of ['arp', 'icmp', 'icmp+frag', 'icmp-error', 'tcp-syn', 'tcp-data', 'tcp-rst', 'udp', 'vxlan'])
      expect(kinds, k).toContain(k);
  });
});
