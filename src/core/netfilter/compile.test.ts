// The compiled, indexed walk (./eval.ts over ./compile.ts) must decide exactly as the plain
// reading of ipt_do_table: every rule in order, jumps, gotos, RETURN, policies and counters.
// Random rulesets are drawn from a few addresses, names and protocols so that indexed and
// unindexed rules interleave and collide; each packet's decision and every counter afterwards
// must be the same.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Device } from '../device.ts';
import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, type Ipv4Packet } from '../packet.ts';
import { World } from '../world.ts';
import { compileTable } from './compile.ts';
import { type Decision, evalTable, type HookCtx, ipLength, ruleHit } from './eval.ts';
import type { Chain, Hook, Rule, Table, Target } from './rule.ts';
import type { Netns } from '../netns.ts';

/** the reference: try every rule of the chain in order (the walk before compilation) */
function referenceEval(ns: Netns, t: Table, p: Ipv4Packet, ctx: HookCtx): Decision {
  const base = t.chains.get(ctx.hook);
  if (!base) return { target: { kind: 'ACCEPT' }, chain: ctx.hook, ruleNum: null, rule: null, pkt: p };
  const len = ipLength(p);
  const stack: Array<{ chain: Chain; i: number }> = [];
  let chain = base;
  let i = 0;
  for (;;) {
    if (i < chain.rules.length) {
      const r = chain.rules[i]!;
      i++;
      if (!ruleHit(ns, r, p, ctx)) continue;
      r.pkts++;
      r.bytes += len;
      const tg = r.target;
      if (tg.kind === 'NONE' || tg.kind === 'LOG') continue;
      if (tg.kind === 'JUMP' || tg.kind === 'GOTO') {
        const next = t.chains.get(tg.chain);
        if (!next) continue;
        if (tg.kind === 'JUMP') stack.push({ chain, i });
        chain = next;
        i = 0;
        continue;
      }
      if (tg.kind !== 'RETURN') return { target: tg, chain: chain.name, ruleNum: i, rule: r, pkt: p };
    }
    const back = stack.pop();
    if (!back) {
      base.pkts++;
      base.bytes += len;
      return { target: { kind: base.policy ?? 'ACCEPT' }, chain: base.name, ruleNum: null, rule: null, pkt: p };
    }
    chain = back.chain;
    i = back.i;
  }
}

// a few values of each field, so that rules and packets meet often
const ADDRS = [0x0a000001, 0x0a000002, 0x0a000102, 0xc0a80001, 0x0a0a0a0a];
const NAMES = ['eth0', 'eth1', 'veth7'];
const PATTERNS = ['eth0', 'eth1', 'veth7', 'veth+', 'eth+'];
const HOOKS: Hook[] = ['INPUT', 'FORWARD', 'OUTPUT'];
const USER = ['U0', 'U1', 'U2', 'U3'];

const addrMatch = fc.record({
  addr: fc.constantFrom(...ADDRS),
  plen: fc.constantFrom(32, 32, 32, 24, 16, 8, 0),
  neg: fc.constantFrom(false, false, false, false, true),
});
const maybe = <T>(a: fc.Arbitrary<T>, pNull: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: Math.round(pNull * 10), arbitrary: fc.constant(null) }, { weight: Math.round((1 - pNull) * 10), arbitrary: a });

/** a target for a rule in chain number `level` (built-ins are -1): jumps only go deeper, as the commands insist */
function targetArb(level: number): fc.Arbitrary<Target> {
  const deeper = USER.slice(level + 1);
  const plain: fc.Arbitrary<Target>[] = [
    fc.constantFrom<Target>(
      { kind: 'ACCEPT' },
      { kind: 'DROP' },
      { kind: 'RETURN' },
      { kind: 'NONE' },
      { kind: 'LOG', prefix: null },
      { kind: 'REJECT', with: 'icmp-port-unreachable' },
    ),
  ];
  if (deeper.length)
    plain.push(fc.record({ kind: fc.constantFrom<'JUMP' | 'GOTO'>('JUMP', 'JUMP', 'GOTO'), chain: fc.constantFrom(...deeper, 'MISSING') }));
  return fc.oneof(...plain);
}

type Field = 'src' | 'dst' | 'iif' | 'oif' | 'proto';
const FIELDS: Field[] = ['src', 'dst', 'iif', 'oif', 'proto'];

/** a rule; the chain's `dense` field is nearly always set, so that each field gets indexed */
function ruleArb(level: number, dense: Field | null): fc.Arbitrary<Omit<Rule, 'pkts' | 'bytes'>> {
  const absent = (f: Field, usual: number) => (f === dense ? 0.1 : usual);
  const iface = fc.record({ name: fc.constantFrom(...PATTERNS), neg: fc.constantFrom(false, false, false, true) });
  return fc.record({
    src: maybe(addrMatch, absent('src', 0.6)),
    dst: maybe(addrMatch, absent('dst', 0.7)),
    iif: maybe(iface, absent('iif', 0.7)),
    oif: maybe(iface, absent('oif', 0.8)),
    proto: maybe(
      fc.record({ num: fc.constantFrom(IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP), neg: fc.constantFrom(false, false, false, true) }),
      absent('proto', 0.6),
    ),
    matches: fc.constantFrom<Rule['matches']>(
      [],
      [],
      [{ kind: 'tcp', dport: { lo: 80, hi: 80, neg: false } }],
      [{ kind: 'conntrack', states: ['ESTABLISHED'], neg: false }],
      [{ kind: 'comment', text: 'x' }],
    ),
    target: targetArb(level),
  });
}

// short chains are walked as they are; long ones (16 rules and more) get an index
const chainRules = (level: number) =>
  fc
    .option(fc.constantFrom(...FIELDS), { nil: null })
    .chain((dense) =>
      fc.oneof(
        fc.array(ruleArb(level, dense), { minLength: 0, maxLength: 6 }),
        fc.array(ruleArb(level, dense), { minLength: 16, maxLength: 40 }),
        fc.array(ruleArb(level, dense), { minLength: 16, maxLength: 40 }),
      ),
    );

const tableArb = fc.record({
  builtins: fc.tuple(chainRules(-1), chainRules(-1), chainRules(-1)),
  user: fc.tuple(chainRules(0), chainRules(1), chainRules(2), chainRules(3)),
  policies: fc.tuple(...HOOKS.map(() => fc.constantFrom<'ACCEPT' | 'DROP'>('ACCEPT', 'DROP'))),
});

type TableSpec = typeof tableArb extends fc.Arbitrary<infer S> ? S : never;

function build(spec: TableSpec): Table {
  const chains = new Map<string, Chain>();
  const mk = (rs: ReadonlyArray<Omit<Rule, 'pkts' | 'bytes'>>): Rule[] => rs.map((r) => ({ ...r, pkts: 0, bytes: 0 }));
  HOOKS.forEach((h, i) => {
    chains.set(h, { name: h, policy: spec.policies[i]!, rules: mk(spec.builtins[i]!), pkts: 0, bytes: 0 });
  });
  USER.forEach((u, i) => {
    chains.set(u, { name: u, policy: null, rules: mk(spec.user[i]!), pkts: 0, bytes: 0 });
  });
  return { name: 'filter', chains, rev: 0 };
}

const packetArb = fc.record({
  src: fc.oneof(fc.constantFrom(...ADDRS), fc.integer({ min: 0, max: 0xffffffff })),
  dst: fc.oneof(fc.constantFrom(...ADDRS), fc.integer({ min: 0, max: 0xffffffff })),
  proto: fc.constantFrom(IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, 47),
  port: fc.constantFrom(80, 443),
  hook: fc.constantFrom(...HOOKS),
  iif: fc.option(fc.constantFrom(...NAMES), { nil: null }),
  oif: fc.option(fc.constantFrom(...NAMES), { nil: null }),
  ct: fc.constantFrom<HookCtx['ctState']>('NEW', 'ESTABLISHED', 'INVALID'),
});

function packetOf(x: typeof packetArb extends fc.Arbitrary<infer P> ? P : never): { p: Ipv4Packet; ctx: HookCtx } {
  const l4 =
    x.proto === IPPROTO_TCP
      ? { tcp: { sport: 40000, dport: x.port, flags: { syn: true, ack: false, rst: false, fin: false } } }
      : x.proto === IPPROTO_UDP
        ? { udp: { sport: 40000, dport: x.port } }
        : x.proto === IPPROTO_ICMP
          ? { icmp: { type: 8, code: 0, id: 1, seq: 1 } }
          : {};
  const dev = (name: string | null) => (name === null ? null : ({ name } as Device));
  return {
    p: { src: x.src >>> 0, dst: x.dst >>> 0, ttl: 64, proto: x.proto, id: 1, ...l4 },
    ctx: { hook: x.hook, iif: dev(x.iif), oif: dev(x.oif), ctState: x.ct },
  };
}

/** what a decision says, with the deciding rule named by its place */
function view(t: Table, d: Decision): unknown {
  const c = t.chains.get(d.chain);
  return { target: d.target, chain: d.chain, ruleNum: d.ruleNum, same: d.rule === null ? null : c?.rules[(d.ruleNum ?? 0) - 1] === d.rule };
}

function counters(t: Table): unknown {
  return [...t.chains.values()].map((c) => [c.name, c.pkts, c.bytes, c.rules.map((r) => [r.pkts, r.bytes])]);
}

function clone(t: Table): Table {
  const chains = new Map<string, Chain>();
  for (const [k, c] of t.chains) chains.set(k, { ...c, rules: c.rules.map((r) => ({ ...r })) });
  return { name: t.name, chains, rev: 0 };
}

describe('compiled chains decide exactly as walking every rule', () => {
  const ns = new World().root;
  const run = (t: Table, pkts: ReadonlyArray<{ p: Ipv4Packet; ctx: HookCtx }>, fast: boolean) => {
    ns.tables.filter = t;
    return pkts.map(({ p, ctx }) => view(t, fast ? evalTable(ns, 'filter', p, ctx) : referenceEval(ns, t, p, ctx)));
  };

  it('on random rulesets: the same decision for every packet and the same counters after', () => {
    fc.assert(
      fc.property(tableArb, fc.array(packetArb, { minLength: 1, maxLength: 30 }), (spec, raw) => {
        const pkts = raw.map(packetOf);
        const a = build(spec);
        const b = clone(a);
        expect(run(a, pkts, true)).toEqual(run(b, pkts, false));
        expect(counters(a)).toEqual(counters(b));
      }),
      { numRuns: 200 },
    );
  });

  it('on random rulesets that change between packets (as commands bump the revision)', () => {
    fc.assert(
      fc.property(tableArb, tableArb, fc.array(packetArb, { minLength: 1, maxLength: 10 }), (s1, s2, raw) => {
        const pkts = raw.map(packetOf);
        const a = build(s1);
        const b = clone(a);
        run(a, pkts, true);
        run(b, pkts, false);
        // replace every rule in place, the way -R does: only the revision tells
        const next = build(s2);
        for (const t of [a, b]) {
          for (const [name, c] of next.chains) {
            const into = t.chains.get(name)!;
            const fresh = c.rules.map((r) => ({ ...r }));
            into.rules.length = 0;
            into.rules.push(...fresh);
          }
          t.rev++;
        }
        expect(run(a, pkts, true)).toEqual(run(b, pkts, false));
        expect(counters(a)).toEqual(counters(b));
      }),
      { numRuns: 60 },
    );
  });

  it('indexes long chains (so the properties above exercise the index)', () => {
    const rules = Array.from({ length: 40 }, (_, i) => ({
      src: { addr: 0x0a000000 + i, plen: 32, neg: false },
      dst: null,
      iif: null,
      oif: null,
      proto: null,
      matches: [],
      target: { kind: 'DROP' } as Target,
      pkts: 0,
      bytes: 0,
    }));
    const t: Table = {
      name: 'filter',
      chains: new Map([['INPUT', { name: 'INPUT', policy: 'ACCEPT', rules, pkts: 0, bytes: 0 }]]),
      rev: 0,
    };
    const cc = compileTable(t).chains.get('INPUT')!;
    expect(cc.index?.field).toBe('src');
    expect(cc.wild.length).toBe(0);
  });
});
