// A probe's trace as the player shows it: which way each packet goes, where on the canvas
// each event happens, what a person reads about it, and whether a drop's fix can be run as
// a command. Plain functions of the core's events and the derived graph; no React.

import type { PacketSummary, TraceEvent } from '../../core/trace.ts';
import type { GraphModel } from '../graph/model.ts';

/** one recorded probe: the line that ran it and every event the kernel emitted */
export interface ProbeTrace {
  readonly id: number;
  readonly line: string;
  /** the namespace the probe ran in ("root" for the host) */
  readonly ns: string;
  readonly events: readonly TraceEvent[];
  /** one line: "reply", "timeout", the drop reason … */
  readonly summary: string;
  readonly ok: boolean;
  /** where the probe came from: a terminal line, the canvas action, a matrix cell */
  readonly source: 'terminal' | 'action' | 'matrix' | 'fix';
  /** its packets on every device they crossed, as a pcapng file (Save as .pcapng) */
  readonly pcapng?: Uint8Array;
}

export type Direction = 'request' | 'reply' | 'arp';

/**
 * which way a packet goes. The core may say so (`dir`); otherwise the first IP packet of the
 * trace is the request, and a packet whose source port is the request's destination port (or
 * an ICMP reply or error) travels back.
 */
export function directions(events: readonly TraceEvent[]): Direction[] {
  let reqDport: number | undefined;
  let reqDst: string | undefined;
  for (const e of events) {
    if (e.pkt && e.pkt.proto !== 'arp' && e.pkt.src) {
      reqDport = e.pkt.dport;
      reqDst = e.pkt.dst;
      break;
    }
  }
  return events.map((e): Direction => {
    if (e.dir) return e.dir;
    const p = e.pkt;
    if (!p) return 'request';
    if (p.proto === 'arp' || /^ARP\b/.test(p.text)) return 'arp';
    if (/^ICMP (echo reply|.*unreachable|time exceeded|.*prohibited)/i.test(p.text)) return 'reply';
    if (/^ICMP echo request/i.test(p.text)) return 'request';
    if (reqDport !== undefined) {
      if (p.dport === reqDport) return 'request';
      if (p.sport === reqDport) return 'reply';
    }
    if (reqDst !== undefined && p.src === reqDst) return 'reply';
    return 'request';
  });
}

/** the node and port of the canvas that draws (ns, dev) */
export interface Place {
  readonly node: string;
  readonly port: string | null;
}

export interface EventPlace {
  readonly at: Place | null;
  /** an edge the packet crosses at this step, and whether it goes from the edge's target to its source */
  readonly edge: { readonly id: string; readonly reverse: boolean } | null;
  /** where a transmit arrives (the peer of a veth), when the canvas draws it */
  readonly to: Place | null;
}

export function placeIndex(g: GraphModel): {
  place(ns: string, dev?: string): Place | null;
  edge(a: Place | null, b: Place | null): { id: string; reverse: boolean } | null;
  lowerEdge(ns: string, dev: string): string | null;
  vxlanEdge(ns: string, dev: string): string | null;
} {
  const ports = new Map<string, Place>();
  const nsNode = new Map<string, string>();
  for (const n of g.nodes) {
    if (n.kind !== 'bridge' && !nsNode.has(n.ns)) nsNode.set(n.ns, n.id);
    if (n.kind === 'bridge' && n.bridge) ports.set(`${n.ns}\u0000${n.bridge.name}`, { node: n.id, port: null });
    for (const p of n.ports) ports.set(`${n.ns}\u0000${p.name}`, { node: n.id, port: p.name });
  }
  const edges = new Map<string, { id: string; reverse: boolean }>();
  const lower = new Map<string, string>();
  const vx = new Map<string, string>();
  for (const e of g.edges) {
    const k = `${e.source}\u0000${e.sourcePort}\u0001${e.target}\u0000${e.targetPort}`;
    const r = `${e.target}\u0000${e.targetPort}\u0001${e.source}\u0000${e.sourcePort}`;
    edges.set(k, { id: e.id, reverse: false });
    if (!edges.has(r)) edges.set(r, { id: e.id, reverse: true });
    if (e.kind === 'lower') lower.set(`${e.target}\u0000${e.targetPort}`, e.id);
    if (e.kind === 'vxlan') {
      vx.set(`${e.source}\u0000${e.sourcePort}`, e.id);
      vx.set(`${e.target}\u0000${e.targetPort}`, e.id);
    }
  }
  const place = (ns: string, dev?: string): Place | null => {
    if (dev) {
      const p = ports.get(`${ns}\u0000${dev}`);
      if (p) return p;
    }
    const n = nsNode.get(ns);
    return n ? { node: n, port: null } : null;
  };
  return {
    place,
    edge: (a, b) => (a && b && a.port && b.port ? (edges.get(`${a.node}\u0000${a.port}\u0001${b.node}\u0000${b.port}`) ?? null) : null),
    lowerEdge: (ns, dev) => {
      const p = place(ns, dev);
      return p?.port ? (lower.get(`${p.node}\u0000${p.port}`) ?? null) : null;
    },
    vxlanEdge: (ns, dev) => {
      const p = place(ns, dev);
      return p?.port ? (vx.get(`${p.node}\u0000${p.port}`) ?? null) : null;
    },
  };
}

/** where each event happens on the canvas: the device, and the wire a transmit crosses */
export function placeEvents(events: readonly TraceEvent[], g: GraphModel): EventPlace[] {
  const idx = placeIndex(g);
  // an event without a device (conntrack, NAT) happens where the packet last was in that namespace
  const lastDev = new Map<string, string>();
  return events.map((e): EventPlace => {
    const dev = e.dev ?? lastDev.get(e.ns);
    if (e.dev) lastDev.set(e.ns, e.dev);
    const at = idx.place(e.ns, dev);
    if (e.type === 'xmit') {
      if (e.to) {
        const to = idx.place(e.to.ns, e.to.dev);
        return { at, edge: idx.edge(at, to), to };
      }
      // a macvlan / ipvlan child sends through its parent: the "lower" edge, child to parent
      const low = e.dev ? idx.lowerEdge(e.ns, e.dev) : null;
      if (low) return { at, edge: { id: low, reverse: true }, to: null };
    }
    if (e.type === 'rcv' && e.dev) {
      const low = idx.lowerEdge(e.ns, e.dev);
      if (low) return { at, edge: { id: low, reverse: false }, to: null };
    }
    if (e.type === 'vxlan' && e.dev) {
      const vx = idx.vxlanEdge(e.ns, e.dev);
      if (vx) return { at, edge: { id: vx, reverse: false }, to: null };
    }
    return { at, edge: null, to: null };
  });
}

/** the last drop of a trace: why the packet died */
export function finalDrop(events: readonly TraceEvent[]): Extract<TraceEvent, { type: 'drop' }> | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type === 'drop') return e;
  }
  return null;
}

/** the events that end a probe badly; a reply that arrives makes the earlier drops side-notes */
export function probeDied(t: ProbeTrace): boolean {
  return !t.ok && finalDrop(t.events) !== null;
}

const COMMANDS = new Set(['ip', 'iptables', 'sysctl', 'bridge', 'brctl', 'conntrack', 'docker']);

/** one line of the dialect: a known command, maybe inside `ip netns exec NS`, with nothing to fill in */
function runnableLine(line: string): boolean {
  // a blank to fill in, or more than one command on the line: a person should read it first
  if (/[<>;|&`$]/.test(line)) return false;
  const words = line.split(/\s+/);
  let i = 0;
  if (words[0] === 'ip' && words[1] === 'netns' && words[2] === 'exec' && words[3]) i = 4;
  return COMMANDS.has(words[i] ?? '');
}

/**
 * a fix the lab can run as one edit: command lines of the dialect (one a line) with nothing
 * left to fill in. "ip route add <prefix> via <gateway>" needs a person first (null), and so
 * does advice such as "check that the next hop is up".
 */
export function runnableFix(fix: string | undefined): string | null {
  if (!fix) return null;
  const lines = fix
    .trim()
    .split('\n')
    .map((l) => l.trim());
  return lines.every(runnableLine) ? lines.join('\n') : null;
}

/** a one-line fix that names a command but leaves a blank: prefill the terminal with it */
export function editableFix(fix: string | undefined): string | null {
  if (!fix || fix.trim().includes('\n') || runnableFix(fix)) return null;
  const w = fix.trim().split(/\s+/);
  const i = w[0] === 'ip' && w[1] === 'netns' && w[2] === 'exec' ? 4 : 0;
  return COMMANDS.has(w[i] ?? '') ? fix.trim() : null;
}

/** the headers of a packet as rows (outer first, VXLAN inner frames nested below) */
export function headerRows(p: PacketSummary): Array<{ label: string; value: string }> {
  const rows: Array<{ label: string; value: string }> = [];
  if (p.macSrc || p.macDst) rows.push({ label: 'Ethernet', value: `${p.macSrc ?? '?'} → ${p.macDst ?? '?'}` });
  if (p.proto === 'arp') {
    rows.push({ label: 'ARP', value: p.text.replace(/^ARP\s*/, '') });
    return rows;
  }
  if (p.src || p.dst)
    rows.push({ label: 'IPv4', value: `${p.src ?? '?'} → ${p.dst ?? '?'}${p.ttl !== undefined ? `  ttl ${p.ttl}` : ''}` });
  if (p.proto === 'udp' || p.proto === 'tcp') rows.push({ label: p.proto.toUpperCase(), value: `${p.sport ?? '?'} → ${p.dport ?? '?'}` });
  else if (p.proto === 'icmp')
    rows.push({
      label: 'ICMP',
      value: p.text
        .replace(/^ICMP\s*/, '')
        .replace(/\s\d+\.\d+\.\d+\.\d+ > \d+\.\d+\.\d+\.\d+/, '')
        .replace(/\s*ttl \d+$/, ''),
    });
  return rows;
}

/** a short title for the timeline */
export function eventTitle(e: TraceEvent): string {
  switch (e.type) {
    case 'xmit':
      return e.to ? `sent to ${e.to.ns === 'root' ? 'host' : e.to.ns}/${e.to.dev}` : 'sent';
    case 'rcv':
      return 'received';
    case 'route':
      return `route: ${e.route}`;
    case 'arp':
      return e.op === 'request'
        ? `ARP who-has ${e.ip}`
        : e.op === 'reply'
          ? `ARP reply ${e.ip} is-at ${e.mac ?? ''}`
          : e.op === 'resolved'
            ? `ARP resolved ${e.ip}`
            : `ARP failed for ${e.ip}`;
    case 'fdb':
      return `FDB ${e.action} ${e.mac}${e.port ? ` → ${e.port}` : ''}`;
    case 'l2':
      return e.action;
    case 'hook':
      return `${e.hook}: ${e.table}/${e.chain} ${e.rule !== undefined ? `rule ${e.rule} ` : ''}→ ${e.verdict}`;
    case 'conntrack':
      return `conntrack ${e.created ? 'new entry' : 'matched'} ${e.state}`;
    case 'nat':
      return `${e.kind} ${e.before} ⇒ ${e.after}`;
    case 'deliver':
      return `delivered: ${e.what}`;
    case 'icmp':
      return `ICMP ${e.what}`;
    case 'vxlan':
      return `VXLAN ${e.action} VNI ${e.vni}`;
    case 'drop':
      return `DROP (${e.code})`;
    case 'storm':
      return `broadcast storm: ${e.path.join(' → ')}`;
  }
}

export const nsLabel = (ns: string): string => (ns === 'root' ? 'host' : ns);

/** "ping -c 1 10.0.0.2" in ns1 → a summary of how it ended */
export function summarize(
  events: readonly TraceEvent[],
  record: Readonly<Record<string, unknown>> | undefined,
  stderr: string,
): { ok: boolean; summary: string } {
  const result = typeof record?.result === 'string' ? record.result : undefined;
  const ok = result === 'reply' || result === 'ok' || (record?.kind === 'traceroute' && !record.error);
  if (ok) return { ok: true, summary: result === 'ok' ? `HTTP ${String(record?.http_code ?? '')}`.trim() : 'reply' };
  const d = finalDrop(events);
  if (d) return { ok: false, summary: d.reason };
  const err = stderr.trim().split('\n').pop();
  return { ok: false, summary: err || result || 'no answer' };
}

/** the fix as lines the root namespace runs (a fix found in a namespace runs there) */
export function fixLines(drop: Extract<TraceEvent, { type: 'drop' }>): string[] | null {
  const fix = runnableFix(drop.fix);
  if (!fix) return null;
  // the fix runs where the kernel says (the router that lacks NAT), else where the packet died
  const ns = drop.fixNs ?? drop.ns;
  return fix.split('\n').map((l) => (ns === 'root' || /^ip netns exec /.test(l) || /^ip -n /.test(l) ? l : `ip netns exec ${ns} ${l}`));
}

/** the fix as the lines the lab runs, one a line */
export function fixLine(drop: Extract<TraceEvent, { type: 'drop' }>): string | null {
  return fixLines(drop)?.join('\n') ?? null;
}
