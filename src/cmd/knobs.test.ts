// The audit of every knob the command language accepts (conformance/KNOBS.md): each word a
// parser compares its arguments with, and each sysctl key it knows, has a row saying what it
// does here (modelled, refused, warned, cosmetic, ignored, internal) and on what evidence. A
// new option added to a parser without a row fails here.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONF_DEFAULTS, IPV4_KEYS } from '../core/netns.ts';

const root = join(import.meta.dirname, '..', '..');
const knobs = readFileSync(join(root, 'conformance', 'KNOBS.md'), 'utf8');

const VERDICTS = ['modelled', 'refused', 'warned', 'cosmetic', 'ignored', 'internal'] as const;

interface Row {
  readonly words: string[];
  readonly verdict: string;
  readonly evidence: string;
}

/** `## \`src/cmd/FILE.ts\`` sections, each with its table rows */
function sections(): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  let current: Row[] | null = null;
  for (const line of knobs.split('\n')) {
    const h = /^## .*`(src\/cmd\/[a-z-]+\.ts|sysctl keys)`/.exec(line);
    if (h) {
      current = [];
      out.set(h[1]!, current);
      continue;
    }
    if (line.startsWith('## ')) current = null;
    if (!current || !line.startsWith('|') || /^\|\s*-/.test(line) || /^\|\s*option/.test(line)) continue;
    const cells = line.split('|').map((c) => c.trim());
    const words = [...(cells[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    current.push({ words, verdict: cells[3] ?? '', evidence: cells[4] ?? '' });
  }
  return out;
}

/** the literal words a parser compares its arguments with */
function parserWords(file: string): Set<string> {
  const src = readFileSync(join(root, file), 'utf8');
  const words = new Set<string>();
  const patterns = [/(?:===|!==) '([^']*)'/g, /\bis\([a-zA-Z0-9[\]]+, '([^']+)'/g, /\bopt\(args, '([^']+)'\)/g, /\.includes\('([^']+)'\)/g];
  for (const re of patterns) for (const m of src.matchAll(re)) words.add(m[1]!);
  // probe option sets: positional(args, new Set(['-c', …]))
  for (const m of src.matchAll(/new Set\(\[([^\]]*)\]\)/g)) for (const w of m[1]!.matchAll(/'([^']+)'/g)) words.add(w[1]!);
  return words;
}

const PARSERS = ['src/cmd/ip.ts', 'src/cmd/misc.ts', 'src/cmd/probes.ts'];

describe('the knob audit (conformance/KNOBS.md)', () => {
  const secs = sections();

  for (const file of PARSERS) {
    it(`has a row for every word ${file} accepts`, () => {
      const rows = secs.get(file);
      expect(rows, `a section for ${file}`).toBeDefined();
      // a sysctl key named in a parser (a set of keys it treats apart) is covered by its sysctl row
      const covered = new Set([...rows!, ...(secs.get('sysctl keys') ?? [])].flatMap((r) => r.words));
      const missing = [...parserWords(file)].filter((w) => w !== '' && !covered.has(w)).sort();
      expect(missing, `words ${file} compares with but KNOBS.md does not list`).toEqual([]);
    });
  }

  it('has a row for every sysctl key the lab knows', () => {
    const rows = secs.get('sysctl keys');
    expect(rows).toBeDefined();
    const covered = new Set(rows!.flatMap((r) => r.words));
    const keys = [
      ...Object.keys(CONF_DEFAULTS),
      ...Object.keys(IPV4_KEYS),
      'forwarding',
      'rp_filter',
      'ip_forward',
      'bridge-nf-call-iptables',
    ];
    expect(keys.filter((k) => !covered.has(k)).sort()).toEqual([]);
  });

  it('gives every row a verdict and evidence, and the scenarios it cites exist', () => {
    const all = [...secs.values()].flat();
    expect(all.length).toBeGreaterThan(60);
    for (const r of all) {
      expect(VERDICTS, `verdict of ${r.words.join(' ')}`).toContain(r.verdict);
      expect(r.evidence.length, `evidence for ${r.words.join(' ')}`).toBeGreaterThan(3);
      for (const m of r.evidence.matchAll(/\b(\d{2,3}-[a-z0-9-]+)\.sh\b/g)) {
        expect(existsSync(join(root, 'conformance', 'scenarios', `${m[1]}.sh`)), `${m[1]}.sh cited for ${r.words.join(' ')}`).toBe(true);
      }
    }
  });

  it('names what each warned or ignored knob lacks', () => {
    for (const r of [...secs.values()].flat()) {
      if (r.verdict === 'ignored' || r.verdict === 'warned')
        expect(r.evidence, r.words.join(' ')).toMatch(/not modelled|no effect|not simulated/);
    }
  });
});
