// The comparator of the conformance contract: one point per kernel record, a simulator
// `error` on a line the kernel accepted costs a point too (as oracle/compare.py scores it).

export type Rec = Record<string, unknown> & { line?: number; kind?: string };

const FIELDS: Record<string, readonly string[]> = {
  ping: ['ns', 'dst', 'result', 'from', 'ttl', 'icmp', 'error'],
  traceroute: ['ns', 'dst', 'hops'],
  curl: ['ns', 'result', 'http_code', 'client'],
  error: [],
};

export interface Comparison {
  readonly matched: number;
  readonly total: number;
  readonly mismatches: string[];
}

export function parseJsonl(text: string): Map<number, Rec> {
  const out = new Map<number, Rec>();
  for (const raw of text.split('\n')) {
    const s = raw.trim();
    if (!s.startsWith('{')) continue;
    try {
      const r = JSON.parse(s) as Rec;
      if (typeof r.line === 'number' && !out.has(r.line)) out.set(r.line, r);
    } catch {
      // not a record
    }
  }
  return out;
}

export function compareRecords(expected: Map<number, Rec>, actual: Map<number, Rec>): Comparison {
  let matched = 0;
  let total = 0;
  const mismatches: string[] = [];
  for (const [line, e] of [...expected].sort((a, b) => a[0] - b[0])) {
    total++;
    const a = actual.get(line);
    if (!a || a.kind !== e.kind) {
      mismatches.push(`line ${line}: expected ${JSON.stringify(e)} got ${JSON.stringify(a ?? null)}`);
      continue;
    }
    const diffs = (FIELDS[String(e.kind)] ?? []).filter((k) => JSON.stringify(e[k]) !== JSON.stringify(a[k]));
    if (diffs.length) {
      mismatches.push(`line ${line}: ${e.kind} differs in ${diffs.join(',')}: expected ${JSON.stringify(e)} got ${JSON.stringify(a)}`);
      continue;
    }
    matched++;
  }
  for (const [line, a] of actual) {
    if (a.kind === 'error' && !expected.has(line)) {
      total++;
      mismatches.push(`line ${line}: spurious error ${JSON.stringify(a)}`);
    }
  }
  return { matched, total, mismatches };
}
