// xt_hashlimit (revision 3, what iptables 1.8.9 uses): a token bucket per flow, the flow being
// the fields --hashlimit-mode names (source and destination address under their masks, ports),
// kept in a table named by --hashlimit-name that every rule of the namespace naming it shares.
// An entry starts with `burst` packets' worth of credit, earns credit with time (per jiffy,
// HZ=1000 on the recording kernel) up to that cap, and a packet that finds `cost` takes it and
// is under the limit. An entry idle for --hashlimit-htable-expire ms goes at the garbage
// collector's next run (every --hashlimit-htable-gcinterval ms), so the next packet of its flow
// finds a full bucket again. A table with --hashlimit-htable-max entries takes no new flow: the
// packet is dropped where it stands ("max count of N reached"). /proc/net/ipt_hashlimit/NAME
// prints each entry as dl_seq_print does, in the kernel's credit units.

import { formatIpv4 } from '../addr.ts';
import type { Netns } from '../netns.ts';
import type { Ipv4Packet } from '../packet.ts';
import type { HookCtx } from './match.ts';
import type { XtTest } from './rule.ts';

type HashlimitTest = Extract<XtTest, { t: 'hashlimit' }>;
export type HashlimitCfg = HashlimitTest['cfg'];

/** XT_HASHLIMIT_* mode bits */
export const HL_DIP = 0x01;
export const HL_DPT = 0x02;
export const HL_SIP = 0x04;
export const HL_SPT = 0x08;
export const HL_INVERT = 0x10;

const HZ = 1000n;
/** CREDITS_PER_JIFFY: the largest power of two below 2^64 / (HZ * 86400) */
const CREDITS_PER_JIFFY = 1n << 37n;
/** user2credits for revision 2 and 3: HZ * CREDITS_PER_JIFFY / XT_HASHLIMIT_SCALE_v2, whole, times the user value */
const CREDITS_PER_USEC = (HZ * CREDITS_PER_JIFFY) / 1_000_000n;

interface Entry {
  readonly src: number;
  readonly dst: number;
  readonly sport: number;
  readonly dport: number;
  /** virtual ms */
  expires: number;
  prev: number;
  credit: bigint;
  readonly cap: bigint;
  readonly cost: bigint;
}

interface Htable {
  /** the configuration of the rule that made the table (later rules of that name share it as it is) */
  readonly cfg: HashlimitCfg;
  /** when it was made: the garbage collector runs every gcInterval from then */
  readonly created: number;
  readonly entries: Map<string, Entry>;
}

type Tables = Netns['tables'];
const htables = new WeakMap<Tables, Map<string, Htable>>();

/**
 * after a change to the rules: a rule naming a table that does not exist makes it (with the
 * rule's configuration, as hashlimit_mt_check does), and the tables no rule names any more go
 */
export function hashlimitSync(tables: Tables, now: number): void {
  let names = htables.get(tables);
  const used = new Set<string>();
  for (const t of Object.values(tables))
    for (const c of t.chains.values())
      for (const r of c.rules)
        for (const m of r.matches) {
          if (m.kind !== 'xt' || m.test?.t !== 'hashlimit') continue;
          const x = m.test;
          used.add(x.name);
          if (!names) {
            names = new Map();
            htables.set(tables, names);
          }
          if (!names.has(x.name)) names.set(x.name, { cfg: x.cfg, created: now, entries: new Map() });
        }
  if (names) for (const n of [...names.keys()]) if (!used.has(n)) names.delete(n);
}

/** htable_selective_cleanup at the garbage collector's runs up to now: entries past their expiry go */
function collect(t: Htable, now: number): void {
  const gc = Math.max(1, t.cfg.gcInterval);
  // the last run at or before now
  const lastRun = t.created + Math.floor((now - t.created) / gc) * gc;
  for (const [k, e] of t.entries) {
    // the first run at or after its expiry
    const run = t.created + Math.ceil((e.expires - t.created) / gc) * gc;
    if (run <= lastRun) t.entries.delete(k);
  }
}

/** rateinfo_recalc: credit earned per jiffy since the last look, up to the cap */
function recalc(e: Entry, now: number): void {
  const jiffies = Math.floor(now);
  const delta = jiffies - e.prev;
  if (delta <= 0) return;
  e.prev = jiffies;
  e.credit += BigInt(delta) * CREDITS_PER_JIFFY;
  if (e.credit > e.cap) e.credit = e.cap;
}

const maskl = (a: number, plen: number): number => (plen === 0 ? 0 : (a & (0xffffffff << (32 - plen))) >>> 0);

/** the entries a table holds at most: htable-max, else 8 per bucket of htable-size (8192 buckets on a machine with memory to spare) */
function maxEntries(cfg: HashlimitCfg): number {
  return cfg.max || 8 * (cfg.size || 8192);
}

/** set when a packet met a full table: the rule's walk drops it (hotdrop) */
let hotdropped = false;

/** whether the last match asked for the packet to be dropped; asking clears it */
export function takeHotdrop(): boolean {
  const h = hotdropped;
  hotdropped = false;
  return h;
}

/** hashlimit_mt: whether the packet is within the limit (above it, with --hashlimit-above) */
export function hashlimitHit(ns: Netns, x: HashlimitTest, p: Ipv4Packet, ctx: HookCtx): boolean {
  const cfg = x.cfg;
  const now = ns.world.clock.now();
  let t = htables.get(ns.tables)?.get(x.name);
  if (!t) {
    // a rule put in place without the commands (a test's own world): its table as the kernel would have made it
    hashlimitSync(ns.tables, now);
    t = htables.get(ns.tables)?.get(x.name);
    if (!t) return !(cfg.mode & HL_INVERT);
  }
  const tcfg = t.cfg;
  collect(t, now);
  const ports = p.tcp ?? p.udp;
  const src = tcfg.mode & HL_SIP ? maskl(p.src, tcfg.srcmask) : 0;
  const dst = tcfg.mode & HL_DIP ? maskl(p.dst, tcfg.dstmask) : 0;
  const sport = tcfg.mode & HL_SPT ? (ports?.sport ?? 0) : 0;
  const dport = tcfg.mode & HL_DPT ? (ports?.dport ?? 0) : 0;
  const key = `${src}:${sport}>${dst}:${dport}`;
  let e = t.entries.get(key);
  const invert = (cfg.mode & HL_INVERT) !== 0;
  if (!e) {
    if (ctx.peek) return !invert;
    if (t.entries.size >= maxEntries(tcfg)) {
      ns.world.kmsg.printk(3, `xt_hashlimit: max count of ${maxEntries(tcfg)} reached`, now);
      hotdropped = true;
      return false;
    }
    const cost = BigInt(tcfg.avg) * CREDITS_PER_USEC;
    const cap = BigInt(tcfg.avg) * BigInt(tcfg.burst) * CREDITS_PER_USEC;
    e = { src, dst, sport, dport, expires: now + tcfg.expire, prev: Math.floor(now), credit: cap, cap, cost };
    t.entries.set(key, e);
  } else if (!ctx.peek) {
    e.expires = now + tcfg.expire;
    recalc(e, now);
  }
  if (e.credit >= e.cost) {
    if (!ctx.peek) e.credit -= e.cost;
    return !invert;
  }
  return invert;
}

/** /proc/net/ipt_hashlimit/NAME: one line per entry, null when no rule names such a table */
export function hashlimitProc(ns: Netns, name: string): string | null {
  const t = htables.get(ns.tables)?.get(name);
  if (!t) return null;
  const now = ns.world.clock.now();
  collect(t, now);
  let out = '';
  for (const e of t.entries.values()) {
    recalc(e, now);
    const left = Math.trunc((Math.floor(e.expires) - Math.floor(now)) / 1000);
    out += `${left} ${formatIpv4(e.src)}:${e.sport}->${formatIpv4(e.dst)}:${e.dport} ${e.credit} ${e.cap} ${e.cost}\n`;
  }
  return out;
}

/** the names of the namespace's tables (ls /proc/net/ipt_hashlimit) */
export function hashlimitNames(ns: Netns): string[] {
  return [...(htables.get(ns.tables)?.keys() ?? [])];
}
