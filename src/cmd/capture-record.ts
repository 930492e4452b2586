// Capture lines: a scenario line `[ip netns exec NS] tcpdump … &` starts a capture that runs
// while the rest of the scenario does; once every probe has run it is interrupted, and what
// it printed is recorded (kernel side: the real tcpdump 4.99; netlab side: its own):
//
//     {"line": N, "kind": "capture", "ns": NS, "cmd": LINE, "stdout": "..."}
//
// Compared after normalising both sides the same way: timestamps dropped, generated MACs
// renamed mac1, mac2… by first appearance (show lines' rule), ICMP echo ids, ephemeral ports
// (32768–60999), TCP's initial sequence numbers and timestamps, and with -v IP ids and TCP
// checksums replaced by placeholders.

import { normaliseShow } from './show-record.ts';

export interface CaptureRecord {
  line: number;
  kind: 'capture';
  ns: string;
  cmd: string;
  stdout: string;
  unstable?: boolean;
}

/** is ARGV (without its `ip netns exec NS`) a capture line? */
export function isCaptureCommand(argv: readonly string[]): boolean {
  return argv[0] === 'tcpdump';
}

export function normaliseCapture(out: string, keep: ReadonlySet<string>): string {
  let s = out
    .split('\n')
    .map((l) => l.replace(/^\d\d:\d\d:\d\d\.\d{6} /, ''))
    .join('\n');
  s = normaliseShow(['tcpdump'], s, keep);
  return (
    s
      .replace(/\b(id) \d+, seq/g, '$1 ID, seq')
      // addr.port: an ephemeral port
      .replace(/(\d+\.\d+\.\d+\.\d+)\.(\d+)\b/g, (all, a: string, p: string) => {
        const n = Number(p);
        return n >= 32768 && n <= 60999 ? `${a}.EPHEMERAL` : all;
      })
      .replace(/\b(seq|ack) (\d{6,})(:\d+)?/g, (_all, k: string) => `${k} ISN`)
      .replace(/TS val \d+ ecr \d+/g, 'TS val T ecr T')
      // -v: the IP id the kernel draws at random, and TCP checksums over the random ISNs
      .replace(/\(tos (0x[0-9a-f]+), ttl (\d+), id \d+,/g, '(tos $1, ttl $2, id ID,')
      .replace(/, cksum 0x[0-9a-f]{4} \(correct\)/g, ', cksum C (correct)')
      // a checksum left to the device holds the pseudo-header's sum (kept); the right one covers the ISN
      .replace(/\(incorrect -> 0x[0-9a-f]{4}\)/g, '(incorrect -> C)')
      .replace(/(\[bad udp cksum 0x[0-9a-f]{4} -> )0x[0-9a-f]{4}!\]/g, '$1C!]')
      // a DNS query's id, drawn at random by the stub resolver (and echoed by the response)
      .replace(/^(.*\.53(?: > [^:\s]+)?: (?:\[[^\]]*\] )?)\d+(?=[ +*%$|-])/gm, '$1ID')
  );
}

export function captureRecords(jsonl: string): Map<number, CaptureRecord> {
  const out = new Map<number, CaptureRecord>();
  for (const raw of jsonl.split('\n')) {
    if (!raw.startsWith('{')) continue;
    const r = JSON.parse(raw) as CaptureRecord;
    if (r.kind === 'capture') out.set(r.line, r);
  }
  return out;
}

export interface CaptureComparison {
  readonly matched: number;
  readonly total: number;
  readonly mismatches: { line: number; cmd: string; expected: string; actual: string }[];
}

export function compareCaptures(
  expected: Map<number, CaptureRecord>,
  actual: Map<number, CaptureRecord>,
  keep: ReadonlySet<string>,
): CaptureComparison {
  let matched = 0;
  let total = 0;
  const mismatches: CaptureComparison['mismatches'] = [];
  for (const [line, e] of expected) {
    if (e.unstable) continue;
    total++;
    const a = actual.get(line);
    const want = normaliseCapture(e.stdout, keep);
    const got = a ? normaliseCapture(a.stdout, keep) : '(no capture)';
    if (want === got) matched++;
    else mismatches.push({ line, cmd: e.cmd, expected: want, actual: got });
  }
  return { matched, total, mismatches };
}
