// A table compiled for evaluation: each rule's matches become one closure, built once when the
// ruleset changes, and a long chain is indexed by one cheap field (source or destination
// prefix, input or output interface, protocol) so a packet only visits the rules that can
// match it. The candidates are still visited in rule order, so first-match order, jumps,
// RETURN and counters are exactly those of walking every rule (./eval.ts's ruleHit).

import { maskOf } from '../addr.ts';
import type { Netns } from '../netns.ts';
import type { Ipv4Packet } from '../packet.ts';
import { type HookCtx, matchHit } from './match.ts';
import type { Chain, IfaceMatch, Rule, Table } from './rule.ts';

export type Pred = (ns: Netns, p: Ipv4Packet, ctx: HookCtx) => boolean;

/** what a rule does once it matched */
export const Verdict = {
  /** LOG, no target: count and go on */
  Continue: 0,
  Jump: 1,
  Goto: 2,
  Return: 3,
  /** ACCEPT, DROP, REJECT, the NAT targets: the packet's fate is decided */
  Terminal: 4,
} as const;
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

export interface CompiledRule {
  readonly rule: Rule;
  readonly hit: Pred;
  readonly verdict: Verdict;
  /** the chain a JUMP or GOTO enters; null when it does not exist (the rule then counts and goes on) */
  target: CompiledChain | null;
}

/** the field a chain is indexed by, and the candidates for each of its values */
type ChainIndex =
  | {
      readonly field: 'src' | 'dst';
      /** one map per prefix length in use, longest first: network -> rule numbers (0-based, ascending) */
      readonly byPlen: ReadonlyArray<{ readonly mask: number; readonly map: Map<number, Int32Array> }>;
    }
  | { readonly field: 'iif' | 'oif'; readonly map: Map<string, Int32Array> }
  | { readonly field: 'proto'; readonly map: Map<number, Int32Array> };

export interface CompiledChain {
  readonly chain: Chain;
  readonly rules: readonly CompiledRule[];
  /** the rules no index excludes (every rule when the chain is not indexed), ascending */
  readonly wild: Int32Array;
  readonly index: ChainIndex | null;
}

export interface CompiledTable {
  readonly rev: number;
  readonly chains: Map<string, CompiledChain>;
  /** what the compiled form was built from: a change not announced through `rev` still shows */
  readonly stamp: ReadonlyArray<readonly [Chain, readonly Rule[], number]>;
}

/** below this many rules a chain is walked as it is: an index would cost more than it saves */
const INDEX_MIN_RULES = 16;

const ALWAYS: Pred = () => true;

function ifacePred(m: IfaceMatch, which: 'iif' | 'oif'): Pred {
  const { neg } = m;
  if (m.name.endsWith('+')) {
    const pre = m.name.slice(0, -1);
    return (_ns, _p, ctx) => (ctx[which]?.name ?? '').startsWith(pre) !== neg;
  }
  const name = m.name;
  return (_ns, _p, ctx) => ((ctx[which]?.name ?? '') === name) !== neg;
}

/** one closure for all of a rule's matches, in ruleHit's order */
export function compileRule(r: Rule): Pred {
  const checks: Pred[] = [];
  for (const [a, side] of [
    [r.src, 'src'],
    [r.dst, 'dst'],
  ] as const) {
    if (!a) continue;
    const neg = a.neg;
    const m = a.mask !== undefined ? a.mask : maskOf(a.plen);
    const net = a.mask !== undefined ? a.addr : (a.addr & m) >>> 0;
    checks.push(side === 'src' ? (_ns, p) => ((p.src & m) >>> 0 === net) !== neg : (_ns, p) => ((p.dst & m) >>> 0 === net) !== neg);
  }
  if (r.iif) checks.push(ifacePred(r.iif, 'iif'));
  if (r.oif) checks.push(ifacePred(r.oif, 'oif'));
  if (r.proto) {
    const { num, neg } = r.proto;
    checks.push((_ns, p) => (p.proto === num) !== neg);
  }
  for (const m of r.matches) if (m.kind !== 'comment' && (m.kind !== 'xt' || m.test)) checks.push((ns, p, ctx) => matchHit(ns, m, p, ctx));
  switch (checks.length) {
    case 0:
      return ALWAYS;
    case 1:
      return checks[0]!;
    case 2: {
      const [a, b] = checks as [Pred, Pred];
      return (ns, p, ctx) => a(ns, p, ctx) && b(ns, p, ctx);
    }
    case 3: {
      const [a, b, c] = checks as [Pred, Pred, Pred];
      return (ns, p, ctx) => a(ns, p, ctx) && b(ns, p, ctx) && c(ns, p, ctx);
    }
    default:
      return (ns, p, ctx) => {
        for (const c of checks) if (!c(ns, p, ctx)) return false;
        return true;
      };
  }
}

function verdictOf(r: Rule): Verdict {
  switch (r.target.kind) {
    case 'NONE':
    case 'LOG':
    case 'MARK':
      return Verdict.Continue;
    case 'XT':
      return r.target.verdict === 'continue' ? Verdict.Continue : Verdict.Terminal;
    case 'JUMP':
      return Verdict.Jump;
    case 'GOTO':
      return Verdict.Goto;
    case 'RETURN':
      return Verdict.Return;
    default:
      return Verdict.Terminal;
  }
}

/** the key a rule can be indexed by for a field, or null when the rule could match any value */
function keyOf(r: Rule, field: ChainIndex['field']): string | number | null {
  switch (field) {
    case 'src':
    case 'dst': {
      const a = r[field];
      // a negated match, a non-prefix netmask or /0 says nothing about one value
      if (!a || a.neg || a.mask !== undefined || a.plen === 0) return null;
      return a.plen;
    }
    case 'iif':
    case 'oif': {
      const m = r[field];
      return m && !m.neg && !m.name.endsWith('+') ? m.name : null;
    }
    case 'proto':
      return r.proto && !r.proto.neg ? r.proto.num : null;
  }
}

const FIELDS: ReadonlyArray<ChainIndex['field']> = ['src', 'dst', 'iif', 'oif', 'proto'];

function pushTo<K>(m: Map<K, number[]>, k: K, i: number): void {
  const l = m.get(k);
  if (l) l.push(i);
  else m.set(k, [i]);
}

function frozen<K>(m: Map<K, number[]>): Map<K, Int32Array> {
  const out = new Map<K, Int32Array>();
  for (const [k, l] of m) out.set(k, Int32Array.from(l));
  return out;
}

/** index a chain by the field that the most of its rules pin down */
function indexChain(rules: readonly Rule[]): { wild: Int32Array; index: ChainIndex | null } {
  const all = () => Int32Array.from(rules.keys());
  if (rules.length < INDEX_MIN_RULES) return { wild: all(), index: null };
  let best: ChainIndex['field'] | null = null;
  let bestCount = 0;
  for (const f of FIELDS) {
    let n = 0;
    for (const r of rules) if (keyOf(r, f) !== null) n++;
    if (n > bestCount) {
      best = f;
      bestCount = n;
    }
  }
  // an index pays when it leaves most rules out of most walks
  if (best === null || bestCount * 2 < rules.length) return { wild: all(), index: null };
  const wild: number[] = [];
  if (best === 'src' || best === 'dst') {
    const byPlen = new Map<number, Map<number, number[]>>();
    for (const [i, r] of rules.entries()) {
      const a = r[best];
      if (keyOf(r, best) === null || !a) {
        wild.push(i);
        continue;
      }
      let m = byPlen.get(a.plen);
      if (!m) {
        m = new Map();
        byPlen.set(a.plen, m);
      }
      pushTo(m, (a.addr & maskOf(a.plen)) >>> 0, i);
    }
    const groups = [...byPlen].sort((x, y) => y[0] - x[0]).map(([plen, m]) => ({ mask: maskOf(plen), map: frozen(m) }));
    return { wild: Int32Array.from(wild), index: { field: best, byPlen: groups } };
  }
  const m = new Map<string | number, number[]>();
  for (const [i, r] of rules.entries()) {
    const k = keyOf(r, best);
    if (k === null) wild.push(i);
    else pushTo(m, k, i);
  }
  const map = frozen(m);
  return {
    wild: Int32Array.from(wild),
    index: best === 'proto' ? { field: best, map: map as Map<number, Int32Array> } : { field: best, map: map as Map<string, Int32Array> },
  };
}

export function compileTable(t: Table): CompiledTable {
  const chains = new Map<string, CompiledChain>();
  const stamp: Array<readonly [Chain, readonly Rule[], number]> = [];
  for (const [name, c] of t.chains) {
    const rules = c.rules.map((rule): CompiledRule => ({ rule, hit: compileRule(rule), verdict: verdictOf(rule), target: null }));
    chains.set(name, { chain: c, rules, ...indexChain(c.rules) });
    stamp.push([c, c.rules, c.rules.length]);
  }
  for (const cc of chains.values())
    for (const r of cc.rules) {
      const tg = r.rule.target;
      if (tg.kind === 'JUMP' || tg.kind === 'GOTO') r.target = chains.get(tg.chain) ?? null;
    }
  return { rev: t.rev, chains, stamp };
}

function fresh(t: Table, c: CompiledTable): boolean {
  if (c.rev !== t.rev || c.stamp.length !== t.chains.size) return false;
  let i = 0;
  for (const ch of t.chains.values()) {
    const s = c.stamp[i++]!;
    if (s[0] !== ch || s[1] !== ch.rules || s[2] !== ch.rules.length) return false;
  }
  return true;
}

const compiled = new WeakMap<Table, CompiledTable>();

/** the table's compiled form, rebuilt only when its rules changed */
export function compiledTable(t: Table): CompiledTable {
  const c = compiled.get(t);
  if (c && fresh(t, c)) return c;
  const n = compileTable(t);
  compiled.set(t, n);
  return n;
}

/** the rule numbers (0-based) of a chain that this packet could match, as ascending lists */
export function candidates(cc: CompiledChain, p: Ipv4Packet, ctx: HookCtx): Int32Array[] {
  const ix = cc.index;
  const lists = [cc.wild];
  if (!ix) return lists;
  switch (ix.field) {
    case 'src':
    case 'dst': {
      const a = ix.field === 'src' ? p.src : p.dst;
      for (const g of ix.byPlen) {
        const l = g.map.get((a & g.mask) >>> 0);
        if (l) lists.push(l);
      }
      return lists;
    }
    case 'iif':
    case 'oif': {
      const l = ix.map.get(ctx[ix.field]?.name ?? '');
      if (l) lists.push(l);
      return lists;
    }
    case 'proto': {
      const l = ix.map.get(p.proto);
      if (l) lists.push(l);
      return lists;
    }
  }
}
