// What runs at each hook of one namespace, in the kernel's priority order (raw -300,
// conntrack -200, mangle -150, nat DNAT -100, filter 0, security 50, nat SNAT 100, confirm last):
//   PREROUTING:  raw -> conntrack -> mangle -> nat (DNAT)
//   OUTPUT:      raw -> conntrack -> mangle -> nat (DNAT) -> filter -> security
//   FORWARD:     mangle -> filter -> security
//   INPUT:       mangle -> filter -> security -> nat (SNAT) -> conntrack confirm
//   POSTROUTING: mangle -> nat (SNAT, MASQUERADE) -> conntrack confirm

import { formatIpv4, type Ipv4 } from '../addr.ts';
import type { Device } from '../device.ts';
import type { Netns } from '../netns.ts';
import { ICMP_ECHO, type Ipv4Packet, ipLength, isIcmpError } from '../packet.ts';
import { summarize } from '../summary.ts';
import { describeTuple, relatedTuple, tupleOf, type CtInfo } from './conntrack.ts';
import { evalTable, type Decision } from './eval.ts';
import { applyBinding, chooseBinding, manipOf, natPacket, natRelatedIcmp } from './nat.ts';
import { type Chain, type Hook, notSimulated, type Rule, type TableName } from './rule.ts';
import { formatRuleSpec } from './format.ts';

export interface HookResult {
  readonly pkt: Ipv4Packet;
  /** null = accepted */
  readonly decision: Decision | null;
}

function label(ns: Netns): string {
  return ns.label;
}

/** the extensions whose checkentry loads conntrack in the namespace (nf_ct_netns_get) */
const CT_MATCHES: ReadonlySet<string> = new Set([
  'conntrack',
  'state',
  'connmark',
  'connlimit',
  'connbytes',
  'helper',
  'connlabel',
  'cluster',
]);
const CT_TARGETS: ReadonlySet<string> = new Set(['CONNMARK', 'CT', 'NOTRACK', 'CONNSECMARK']);

function usesConntrack(r: Rule): boolean {
  return (
    r.matches.some((m) => CT_MATCHES.has(m.kind === 'xt' ? m.name : m.kind)) || (r.target.kind === 'XT' && CT_TARGETS.has(r.target.name))
  );
}

/**
 * Conntrack runs in a namespace only while its ruleset needs it (nf_ct_netns_get): a rule in the
 * nat table, or one using a connection (conntrack, state, connmark, CONNMARK …). Until then nothing is tracked and `conntrack -L` is
 * empty, as on the kernel. Cached per world generation (every accepted command bumps it).
 */
export function conntrackActive(ns: Netns): boolean {
  const g = ns.world.generation;
  if (ns.ctActiveGen === g) return ns.ctActive;
  // IPVS keeps its connections in conntrack (net.ipv4.vs.conntrack=1)
  let active = (ns.ipvs?.length ?? 0) > 0;
  for (const c of ns.tables.nat.chains.values())
    if (c.rules.length) {
      active = true;
      break;
    }
  if (!active) {
    outer: for (const t of [ns.tables.filter, ns.tables.mangle, ns.tables.security, ns.tables.raw])
      for (const c of t.chains.values()) {
        for (const r of c.rules)
          if (usesConntrack(r)) {
            active = true;
            break outer;
          }
      }
  }
  ns.ctActive = active;
  ns.ctActiveGen = g;
  return active;
}

/** nf_conntrack_in: find or start the connection this packet belongs to */
export function conntrackIn(ns: Netns, p: Ipv4Packet): CtInfo | null {
  if (p.untracked || !conntrackActive(ns)) return null;
  const now = ns.world.clock.now();
  const t = tupleOf(p);
  if (t) {
    const hit = ns.conntrack.find(t);
    if (hit) {
      const e = hit.entry;
      // nf_conntrack_tcp_packet: a reset before any reply was seen (a refused connect) ends the
      // connection at once (nf_ct_kill): `conntrack -L` lists no CLOSE entry for it. The packet
      // still carries the entry, so NAT undoes its translation.
      if (p.tcp?.flags.rst && !e.seenReply && e.confirmed) {
        ns.conntrack.remove(e);
        const info: CtInfo = { entry: e, dir: hit.dir, state: hit.dir === 'reply' ? 'ESTABLISHED' : 'NEW' };
        traceCt(ns, p, info, false);
        return info;
      }
      // nf_conntrack_udp_packet: traffic after a reply was seen, and once the first two seconds
      // are over, makes a stream (ASSURED); the packet that is the first reply does not count.
      // An ICMP echo is never assured.
      if (p.udp && e.seenReply && now > e.udpStreamTs) e.assured = true;
      // a SYN sent again while nothing has answered leaves SYN_SENT's timeout counting from
      // the first (measured: 119, 116, 113 s left at 0.5, 3.5, 6.5 s of retransmissions)
      const resentSyn = p.tcp?.flags.syn && !p.tcp.flags.ack && hit.dir === 'orig' && e.tcpState === 'SYN_SENT' && !e.seenReply;
      if (hit.dir === 'reply' && !e.seenReply) e.seenReply = true;
      if (p.tcp) updateTcpState(e, hit.dir, p);
      if (!resentSyn) ns.conntrack.refresh(e, now);
      const info: CtInfo = { entry: e, dir: hit.dir, state: e.seenReply ? 'ESTABLISHED' : 'NEW' };
      traceCt(ns, p, info, false);
      return info;
    }
    // no connection: only what can open one starts one; anything else is INVALID
    if (!canOpen(p)) return null;
    const e = ns.conntrack.create(t);
    e.udpStreamTs = now + 2000;
    const info: CtInfo = { entry: e, dir: 'orig', state: 'NEW' };
    traceCt(ns, p, info, true);
    return info;
  }
  const rt = relatedTuple(p);
  if (rt) {
    const hit = ns.conntrack.find(rt);
    if (hit) {
      const info: CtInfo = { entry: hit.entry, dir: hit.dir, state: 'RELATED' };
      traceCt(ns, p, info, false);
      return info;
    }
  }
  return null;
}

/**
 * icmp_new / tcp_new: an ICMP echo request opens a connection but a lone echo reply does
 * not; a TCP SYN does, and so does a bare ACK (nf_conntrack_tcp_loose picks up a connection
 * midstream), but a SYN-ACK, RST or FIN with nothing before it is invalid. UDP always opens.
 */
function canOpen(p: Ipv4Packet): boolean {
  if (p.icmp) return p.icmp.type === ICMP_ECHO;
  if (p.tcp) {
    const f = p.tcp.flags;
    if (f.rst || f.fin) return false;
    return f.syn ? !f.ack : f.ack;
  }
  return true;
}

function updateTcpState(e: CtInfo['entry'], dir: 'orig' | 'reply', p: Ipv4Packet): void {
  const f = p.tcp!.flags;
  if (f.rst) {
    e.tcpState = 'CLOSE';
    return;
  }
  if (f.syn && f.ack && dir === 'reply') {
    e.tcpState = 'SYN_RECV';
    return;
  }
  if (f.fin) {
    e.tcpState =
      e.tcpState === 'ESTABLISHED' ? 'FIN_WAIT' : e.tcpState === 'FIN_WAIT' || e.tcpState === 'CLOSE_WAIT' ? 'LAST_ACK' : e.tcpState;
    return;
  }
  if (f.ack) {
    if (e.tcpState === 'SYN_RECV' && dir === 'orig') {
      e.tcpState = 'ESTABLISHED';
      e.assured = true;
    } else if (e.tcpState === 'LAST_ACK') e.tcpState = 'TIME_WAIT';
    // the FIN acknowledged by its peer (tcp_conntracks: sFW + ACK -> sCW, either direction)
    else if (e.tcpState === 'FIN_WAIT') e.tcpState = 'CLOSE_WAIT';
  }
}

function traceCt(ns: Netns, p: Ipv4Packet, ci: CtInfo, created: boolean): void {
  if (!ns.world.tracing()) return;
  ns.world.emit({
    type: 'conntrack',
    t: ns.world.clock.now(),
    ns: label(ns),
    pkt: summarize(p),
    state: ci.state,
    entry: describeTuple(ci.entry.orig),
    created,
  });
}

/** the conntrack entry enters the table once the packet has passed every hook */
export function conntrackConfirm(ns: Netns, ci: CtInfo | null, p?: Ipv4Packet): void {
  // an ICMP error about a connection that never left (a probe whose TTL ran out here) does not
  // keep it: `conntrack -L` lists no entry for it (451). REJECT's reset does (95's count).
  if (ci && !ci.entry.confirmed && !(ci.state === 'RELATED' && p && isIcmpError(p))) ns.conntrack.confirm(ci.entry, ns.world.clock.now());
}

function traceRule(ns: Netns, hook: Hook, table: string, p: Ipv4Packet, d: Decision, dev: Device | null): void {
  if (!ns.world.tracing()) return;
  const verdict =
    d.target.kind === 'REJECT' ? `REJECT --reject-with ${d.target.with}` : d.target.kind === 'XT' ? d.target.name : d.target.kind;
  ns.world.emit({
    type: 'hook',
    t: ns.world.clock.now(),
    ns: label(ns),
    ...(dev ? { dev: dev.name } : {}),
    pkt: summarize(p),
    hook,
    table,
    chain: d.chain,
    ...(d.ruleNum !== null ? { rule: d.ruleNum } : {}),
    ...(d.rule ? { ruleText: `-A ${d.chain} ${formatRuleSpec(d.rule)}`.trim(), counter: d.rule.pkts } : {}),
    ...(d.rule && notSimulated(d.rule).length ? { notSimulated: notSimulated(d.rule) } : {}),
    verdict: d.ruleNum === null ? `policy ${verdict}` : verdict,
  });
}

/** under br_netfilter: the bridge ports of a bridged frame, as the hooks' logging sees them */
export interface BridgePorts {
  readonly physIn: Device | null;
  readonly physOut: Device | null;
}

/** one table's chain at a hook (filter, mangle, security): the packet as it leaves, and the verdict when it is not ACCEPT */
function tableHook(
  ns: Netns,
  table: Exclude<TableName, 'nat'>,
  hook: Hook,
  p: Ipv4Packet,
  iif: Device | null,
  oif: Device | null,
  ci: CtInfo | null,
  phys?: BridgePorts,
): HookResult {
  const chain = ns.tables[table].chains.get(hook);
  if (!chain || (chain.rules.length === 0 && chain.policy === 'ACCEPT')) {
    if (chain) countPolicy(chain, p);
    return { pkt: p, decision: null };
  }
  const d = evalTable(ns, table, p, {
    hook,
    iif,
    oif,
    ctState: ci ? ci.state : p.untracked ? 'UNTRACKED' : 'INVALID',
    ctSnat: ci?.entry.srcNat ?? false,
    ctDnat: ci?.entry.dstNat ?? false,
    ct: ci?.entry ?? null,
    ...phys,
  });
  traceRule(ns, hook, table, p, d, hook === 'INPUT' || hook === 'PREROUTING' ? iif : oif);
  const accepted = d.target.kind === 'ACCEPT' || (d.target.kind === 'XT' && d.target.verdict === 'accept');
  return { pkt: d.pkt, decision: accepted ? null : d };
}

/** the mangle table at a hook (priority -150: after conntrack, before nat and filter) */
export function mangleHook(
  ns: Netns,
  hook: Hook,
  p: Ipv4Packet,
  iif: Device | null,
  oif: Device | null,
  ci: CtInfo | null,
  phys?: BridgePorts,
): HookResult {
  return tableHook(ns, 'mangle', hook, p, iif, oif, ci, phys);
}

/**
 * the filter table at INPUT, FORWARD or OUTPUT, then security (priority 50); at INPUT and
 * FORWARD mangle runs first (at OUTPUT it ran before nat)
 */
export function filterHook(
  ns: Netns,
  hook: Hook,
  p: Ipv4Packet,
  iif: Device | null,
  oif: Device | null,
  ci: CtInfo | null,
  phys?: BridgePorts,
): HookResult {
  let pkt = p;
  for (const table of hook === 'OUTPUT' ? (['filter', 'security'] as const) : (['mangle', 'filter', 'security'] as const)) {
    const r = tableHook(ns, table, hook, pkt, iif, oif, ci, phys);
    if (r.decision) return r;
    pkt = r.pkt;
  }
  return { pkt, decision: null };
}

/** the raw table at PREROUTING or OUTPUT (priority -300): before conntrack has seen the packet */
export function rawHook(
  ns: Netns,
  hook: 'PREROUTING' | 'OUTPUT',
  p: Ipv4Packet,
  iif: Device | null,
  oif: Device | null,
  phys?: BridgePorts,
): HookResult {
  const chain = ns.tables.raw.chains.get(hook);
  if (!chain || (chain.rules.length === 0 && chain.policy === 'ACCEPT')) {
    if (chain) countPolicy(chain, p);
    return { pkt: p, decision: null };
  }
  // conntrack has not seen the packet yet: xt_conntrack finds no entry and calls it INVALID
  const d = evalTable(ns, 'raw', p, { hook, iif, oif, ctState: 'INVALID', ...phys });
  traceRule(ns, hook, 'raw', p, d, hook === 'PREROUTING' ? iif : oif);
  const accepted = d.target.kind === 'ACCEPT' || (d.target.kind === 'XT' && d.target.verdict === 'accept');
  return { pkt: d.pkt, decision: accepted ? null : d };
}

/** the nat table at a hook: the chain runs for a connection's first packet only */
export function natHook(
  ns: Netns,
  hook: Hook,
  p0: Ipv4Packet,
  ci: CtInfo | null,
  iif: Device | null,
  oif: Device | null,
  nexthop: Ipv4 | null,
  phys?: BridgePorts,
): HookResult {
  let p = p0;
  if (hook !== 'INPUT') {
    const m = mangleHook(ns, hook, p0, iif, oif, ci, phys);
    if (m.decision) return m;
    p = m.pkt;
  }
  if (!ci) return { pkt: p, decision: null };
  const m = manipOf(hook);
  if (ci.state === 'RELATED') {
    const out = natRelatedIcmp(ci, p, m);
    traceNat(ns, hook, p, out);
    return { pkt: out, decision: null };
  }
  const e = ci.entry;
  const done = m === 'SRC' ? e.natDoneSrc : e.natDoneDst;
  if (!done && ci.dir === 'orig' && !e.confirmed) {
    if (m === 'SRC') e.natDoneSrc = true;
    else e.natDoneDst = true;
    const chain = ns.tables.nat.chains.get(hook);
    if (chain && (chain.rules.length > 0 || chain.policy !== 'ACCEPT')) {
      const d = evalTable(ns, 'nat', p, { hook, iif, oif, ctState: ci.state, ct: ci.entry, ...phys });
      traceRule(ns, hook, 'nat', p, d, m === 'DST' ? iif : oif);
      if (d.target.kind === 'DROP' || (d.target.kind === 'XT' && d.target.verdict === 'drop')) return { pkt: p, decision: d };
      const choice = chooseBinding(ns, d.target, e, iif, oif, nexthop, hook);
      if (choice) applyBinding(ns, e, choice);
      else if (d.target.kind === 'MASQUERADE' || d.target.kind === 'REDIRECT')
        return { pkt: p, decision: { ...d, target: { kind: 'DROP' } } };
    } else if (chain) {
      countPolicy(chain, p);
    }
  }
  const out = natPacket(ci, p, m);
  if (out !== p) traceNat(ns, hook, p, out);
  return { pkt: out, decision: null };
}

function traceNat(ns: Netns, hook: Hook, before: Ipv4Packet, after: Ipv4Packet): void {
  if (!ns.world.tracing() || before === after) return;
  const side = (p: Ipv4Packet, s: 'src' | 'dst') => {
    const port = s === 'src' ? (p.tcp?.sport ?? p.udp?.sport) : (p.tcp?.dport ?? p.udp?.dport);
    return formatIpv4(s === 'src' ? p.src : p.dst) + (port !== undefined ? `:${port}` : '');
  };
  const kind = manipOf(hook) === 'SRC' ? 'SNAT' : 'DNAT';
  ns.world.emit({
    type: 'nat',
    t: ns.world.clock.now(),
    ns: label(ns),
    pkt: summarize(after),
    hook,
    kind,
    before: `${side(before, 'src')} > ${side(before, 'dst')}`,
    after: `${side(after, 'src')} > ${side(after, 'dst')}`,
  });
}

/** an empty chain that accepts: the packet meets the policy (its bytes matter only once counted) */
function countPolicy(chain: Chain, p: Ipv4Packet): void {
  chain.pkts++;
  if (chain.counted) chain.bytes += ipLength(p);
}
