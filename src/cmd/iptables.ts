// iptables(8) for the filter and nat tables, as iptables-nft 1.8.9 parses, checks and prints.

import { formatIpv4, type Ipv4, maskOf, maskToPlen, parseInetAton, parseIpv4, parseMac, strtoul0 } from '../core/addr.ts';
import type { Netns } from '../core/netns.ts';
import { formatRuleSpec, formatTarget } from '../core/netfilter/format.ts';
import { HL_DIP, HL_DPT, HL_INVERT, HL_SIP, HL_SPT, hashlimitSync } from '../core/netfilter/hashlimit.ts';
import { recentPrune } from '../core/netfilter/recent.ts';
import { LOG_FLAG_BITS } from '../core/netfilter/log.ts';
import {
  TABLE_HOOKS,
  TABLE_NAMES,
  TCP_FLAG_BITS,
  type AddrMatch,
  type AddrType,
  type TcpFlagsMatch,
  type Chain,
  type CtState,
  type Hook,
  type IfaceMatch,
  type IpRange,
  type Match,
  type NatRange,
  type PortMatch,
  type RejectWith,
  type Rule,
  type Table,
  type TableName,
  type Target,
  type XtAction,
  type XtTest,
} from '../core/netfilter/rule.ts';
import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP } from '../core/packet.ts';
import { ctime } from './clock-text.ts';
import { CmdError, ok, type ExecResult } from './result.ts';
import { ipaddrToName } from './netdb.ts';
import { portToService, serviceToPort } from './services.ts';
import { type XtExt, type XtOpts, xtFinal, xtListText, xtParseOpt } from './xt.ts';
import { PROTOCOLS } from './protocols.ts';
import { type HlRate, XT_MATCHES } from './xt-matches.ts';
// /proc/net/ipt_hashlimit/NAME, readable once a rule makes the table
import './proc-hashlimit.ts';
import { rateestNames } from './xt-matches-misc.ts';
import { markOf, XT_TARGETS } from './xt-targets.ts';
import { netmapOf } from './xt-targets-misc.ts';

const V = 'iptables v1.8.9 (nf_tables)';
const TRY = "Try `iptables -h' or 'iptables --help' for more information.";
const BUILTIN_TARGETS = ['ACCEPT', 'DROP', 'RETURN', 'LOG', 'REJECT', 'MASQUERADE', 'SNAT', 'DNAT', 'REDIRECT'];
const REJECTS: RejectWith[] = [
  'icmp-net-unreachable',
  'icmp-host-unreachable',
  'icmp-port-unreachable',
  'icmp-proto-unreachable',
  'icmp-net-prohibited',
  'icmp-host-prohibited',
  'icmp-admin-prohibited',
  'tcp-reset',
];
const REJECT_ALIASES: Record<string, RejectWith> = {
  'net-unreach': 'icmp-net-unreachable',
  'host-unreach': 'icmp-host-unreachable',
  'port-unreach': 'icmp-port-unreachable',
  'proto-unreach': 'icmp-proto-unreachable',
  'net-prohib': 'icmp-net-prohibited',
  'host-prohib': 'icmp-host-prohibited',
  'admin-prohib': 'icmp-admin-prohibited',
  'tcp-rst': 'tcp-reset',
};
/** syslog's level names as libxt_LOG reads them */
const SYSLOG_LEVELS: Readonly<Record<string, number>> = {
  emerg: 0,
  panic: 0,
  alert: 1,
  crit: 2,
  err: 3,
  error: 3,
  warn: 4,
  warning: 4,
  notice: 5,
  info: 6,
  debug: 7,
};
/** libxt_LOG's flags, in the order it prints them */
export const LOG_FLAGS = ['--log-tcp-sequence', '--log-tcp-options', '--log-ip-options', '--log-uid', '--log-macdecode'];
/** the NAT targets' flags, in the order libxt_NAT / MASQUERADE / REDIRECT print them */
const NAT_FLAGS = ['--random', '--random-fully', '--persistent'];
const NO_ARG_OPTS = [...LOG_FLAGS, ...NAT_FLAGS];
/** the options of the targets this file reads itself */
const TARGET_OPTS: Readonly<Record<string, readonly string[]>> = {
  REJECT: ['--reject-with'],
  LOG: ['--log-prefix', '--log-level', ...LOG_FLAGS],
  SNAT: ['--to-source', '--to', '--random', '--random-fully', '--persistent'],
  DNAT: ['--to-destination', '--to', '--random', '--persistent'],
  MASQUERADE: ['--to-ports', '--random', '--random-fully'],
  REDIRECT: ['--to-ports', '--random'],
};
const CT_STATES: CtState[] = ['NEW', 'ESTABLISHED', 'RELATED', 'INVALID', 'UNTRACKED', 'SNAT', 'DNAT'];
const ADDR_TYPES: AddrType[] = ['UNSPEC', 'UNICAST', 'LOCAL', 'BROADCAST', 'ANYCAST', 'MULTICAST', 'BLACKHOLE', 'UNREACHABLE', 'PROHIBIT'];

function usage(msg: string): CmdError {
  return new CmdError(`${V}: ${msg}\n${TRY}`, 2);
}

/** libxt_icmp's names (and aliases): type, code (null: any code) */
const ICMP_TYPES: ReadonlyArray<readonly [string, number, number | null]> = [
  ['any', -1, null],
  ['echo-reply', 0, null],
  ['pong', 0, null],
  ['destination-unreachable', 3, null],
  ['network-unreachable', 3, 0],
  ['host-unreachable', 3, 1],
  ['protocol-unreachable', 3, 2],
  ['port-unreachable', 3, 3],
  ['fragmentation-needed', 3, 4],
  ['source-route-failed', 3, 5],
  ['network-unknown', 3, 6],
  ['host-unknown', 3, 7],
  ['network-prohibited', 3, 9],
  ['host-prohibited', 3, 10],
  ['TOS-network-unreachable', 3, 11],
  ['TOS-host-unreachable', 3, 12],
  ['communication-prohibited', 3, 13],
  ['host-precedence-violation', 3, 14],
  ['precedence-cutoff', 3, 15],
  ['source-quench', 4, null],
  ['redirect', 5, null],
  ['network-redirect', 5, 0],
  ['host-redirect', 5, 1],
  ['TOS-network-redirect', 5, 2],
  ['TOS-host-redirect', 5, 3],
  ['echo-request', 8, null],
  ['ping', 8, null],
  ['router-advertisement', 9, null],
  ['router-solicitation', 10, null],
  ['time-exceeded', 11, null],
  ['ttl-exceeded', 11, null],
  ['ttl-zero-during-transit', 11, 0],
  ['ttl-zero-during-reassembly', 11, 1],
  ['parameter-problem', 12, null],
  ['ip-header-bad', 12, 0],
  ['required-option-missing', 12, 1],
  ['timestamp-request', 13, null],
  ['timestamp-reply', 14, null],
  ['address-mask-request', 17, null],
  ['address-mask-reply', 18, null],
];

/** libxt_icmp parse_icmp: a name or its unambiguous prefix (any case), or TYPE[/CODE] up to 255 */
function parseIcmpType(t: string): { type: number; code: number | null } {
  const hits = ICMP_TYPES.filter(([n]) => n.toLowerCase().startsWith(t.toLowerCase()));
  const exact = hits.find(([n]) => n.toLowerCase() === t.toLowerCase());
  if (exact || hits.length === 1) {
    const [, type, code] = exact ?? hits[0]!;
    return { type, code };
  }
  if (hits.length > 1) throw usage(`Ambiguous ICMP type \`${t}': \`${hits[0]![0]}' or \`${hits[1]![0]}'?`);
  const slash = t.indexOf('/');
  const type = strtoui(slash < 0 ? t : t.slice(0, slash), 255);
  const code = slash < 0 ? null : strtoui(t.slice(slash + 1), 255);
  if (type === null || (slash >= 0 && code === null)) throw usage(`Invalid ICMP type \`${t}'`);
  return { type, code };
}

/** libxt_tcp: FLAG[,FLAG…] of FIN SYN RST PSH ACK URG ALL NONE, any case */
function parseTcpFlags(v: string | undefined): number {
  if (v === undefined) throw usage('--tcp-flags requires two args.');
  let bits = 0;
  for (const f of v.split(',')) {
    const u = f.toUpperCase();
    if (u === 'ALL') {
      bits |= 0x3f;
      continue;
    }
    if (u === 'NONE') continue;
    const hit = TCP_FLAG_BITS.find(([n]) => n === u);
    if (!hit) throw usage(`Unknown TCP flag \`${f}'`);
    bits |= hit[1];
  }
  return bits;
}

/** xtables_strtoui(s, NULL, …, 0, max): the whole string in C notation, no minus sign */
function strtoui(v: string, max: number): number | null {
  if (/^\s*-/.test(v)) return null;
  const r = strtoul0(v);
  return r && r.end === v.length && r.value <= max ? r.value : null;
}

/**
 * a port in C notation or a service name: getservbyname for that protocol (multiport), or
 * xtables_getportbyname, which asks getaddrinfo for any protocol (tcp/udp ports, NAT ports)
 */
function parsePort(v: string, proto?: 'tcp' | 'udp'): number {
  const n = strtoui(v, 65535) ?? (proto ? serviceToPort(v, proto) : (serviceToPort(v, 'tcp') ?? serviceToPort(v, 'udp')));
  if (n === null) throw usage(`invalid port/service \`${v}' specified`);
  return n;
}

/** libxt_tcp / libxt_udp: PORT, LO:HI, :HI, LO: */
function parsePortRange(v: string | undefined, neg: boolean, kind: 'tcp' | 'udp' = 'tcp'): PortMatch {
  if (v === undefined) throw usage('option requires an argument');
  const c = v.indexOf(':');
  if (c < 0) {
    const p = parsePort(v);
    return { lo: p, hi: p, neg };
  }
  const a = v.slice(0, c);
  const b = v.slice(c + 1);
  const lo = a === '' ? 0 : parsePort(a);
  const hi = b === '' ? 65535 : parsePort(b);
  // libxt_udp takes a reversed range as it is (it never matches); libxt_tcp refuses it
  if (lo > hi && kind === 'tcp') throw usage('invalid portrange (min > max)');
  return { lo, hi, neg };
}

/** libxt_multiport: PORT or LO:HI with LO < HI, both given */
function parseMultiPort(v: string, proto: 'tcp' | 'udp'): PortMatch {
  const c = v.indexOf(':');
  if (c < 0) {
    const p = parsePort(v, proto);
    return { lo: p, hi: p, neg: false };
  }
  const lo = parsePort(v.slice(0, c), proto);
  const hi = parsePort(v.slice(c + 1), proto);
  if (lo >= hi) throw usage('invalid portrange specified');
  return { lo, hi, neg: false };
}

/** xtables_numeric_to_ipaddr: exactly four parts, each 0..255 in C notation */
function numericToIpaddr(v: string): number | null {
  const parts = v.split('.');
  if (parts.length !== 4) return null;
  let a = 0;
  for (const p of parts) {
    const n = strtoui(p, 255);
    if (n === null) return null;
    a = a * 256 + n;
  }
  return a >>> 0;
}

/**
 * xtables_ipparse_any: ADDR[/MASK]. ADDR is four numeric parts or, failing that, what
 * getaddrinfo reads (inet_aton's shorter forms); MASK a dotted mask of any shape or 0..32.
 */
function parseAddrMatch(v: string, neg: boolean): AddrMatch {
  const slash = v.indexOf('/');
  const host = slash < 0 ? v : v.slice(0, slash);
  const addr = numericToIpaddr(host) ?? parseInetAton(host);
  if (addr === null) throw usage(`host/network \`${host}' not found`);
  let mask = 0xffffffff;
  if (slash >= 0) {
    const m = v.slice(slash + 1);
    const dotted = numericToIpaddr(m);
    const bits = dotted === null ? strtoui(m, 32) : null;
    if (dotted === null && bits === null) throw usage(`invalid mask \`${m}' specified`);
    mask = dotted ?? maskOf(bits!);
  }
  const plen = maskToPlen(mask);
  const net = (addr & mask) >>> 0;
  return plen >= 0 ? { addr: net, plen, neg } : { addr: net, plen: 32, neg, mask };
}

/** -i / -o NAME: at most 15 characters; a bare `+` matches every interface and is dropped */
function ifaceArg(name: string, neg: boolean): IfaceMatch | null {
  if (name.length > 15) throw usage(`interface name \`${name}' must be shorter than IFNAMSIZ (15)`);
  return name === '+' && !neg ? null : { name, neg };
}

/** rules the kernel's checkentry refuses (RULE_APPEND failed (Invalid argument)), found while parsing, with the errno's message */
const kernelRefuses = new WeakMap<object, string>();
/** the hooks a parsed rule's options allow in a base chain (checkentry's tests of the hook) */
const optionHooks = new WeakMap<object, readonly Hook[]>();
/** the rate estimators a parsed rule's rateest matches name */
const rateestUses = new WeakMap<object, readonly string[]>();

/** the protocol matches -p loads by itself (tcp, udp and icmp are read in parseRule) */
const PROTO_MATCH: Readonly<Record<number, string>> = { 132: 'sctp', 33: 'dccp', 50: 'esp', 51: 'ah' };

/** an extension loaded with -m or -j: its options as given so far */
interface XtInst {
  readonly kind: 'xtinst';
  readonly ext: XtExt;
  readonly opts: XtOpts;
}

/** the conntrack match with only --ctstate is the one the lab simulates; others print exactly */
function buildXtMatch(m: XtInst, ctx: Parameters<typeof xtFinal>[2]): Match {
  xtFinal(m.ext, m.opts, ctx);
  const st = m.opts.get('ctstate');
  if (m.ext.name === 'conntrack' && st && m.opts.size === 1) return { kind: 'conntrack', states: st.v as CtState[], neg: st.neg };
  const mk = m.ext.name === 'mark' ? m.opts.get('mark') : undefined;
  if (mk) {
    const [value, mask] = mk.v as [number, number];
    return { kind: 'mark', value, mask, neg: mk.neg };
  }
  const test = xtTestOf(m.ext.name, m.opts);
  const list = xtListText(m.ext, m.opts, ctx);
  return { kind: 'xt', name: m.ext.name, save: m.ext.save(m.opts, ctx), ...(list ? { list } : {}), ...(test ? { test } : {}) };
}

/** what the lab simulates of a match extension's options (see XtTest) */
function xtTestOf(name: string, o: XtOpts): XtTest | null {
  switch (name) {
    case 'iprange': {
      const side = (k: string): IpRange | undefined => {
        const r = o.get(k);
        if (!r) return undefined;
        const [lo, hi] = r.v as [number, number];
        return { lo: lo as Ipv4, hi: hi as Ipv4, neg: r.neg };
      };
      const src = side('src-range');
      const dst = side('dst-range');
      return { t: 'iprange', ...(src ? { src } : {}), ...(dst ? { dst } : {}) };
    }
    case 'limit': {
      // add_nft_limit: the rate in the largest unit that still reads as a whole number
      const avg = (o.get('limit')?.v as number | undefined) ?? Math.floor((10000 * 3600) / 3);
      const burst = (o.get('limit-burst')?.v as number | undefined) || 5;
      const mult = [10000 * 86400, 10000 * 3600, 10000 * 60, 10000];
      let i = 1;
      for (; i < mult.length; i++) if (avg > mult[i]! || Math.floor(mult[i]! / avg) < mult[i]! % avg) break;
      const rate = Math.floor(mult[i - 1]! / avg);
      const cost = Math.floor(((mult[i - 1]! / 10000) * 1e9) / rate);
      return { t: 'limit', cost, max: cost * burst, bucket: { tokens: 0, last: null } };
    }
    case 'statistic': {
      if (o.get('mode')?.v === 'nth') {
        // libxt_statistic starts the counter at (every - 1) - packet: --packet 0 matches the first
        const e = o.get('every')!;
        const every = e.v as number;
        const packet = (o.get('packet')?.v as number | undefined) ?? 0;
        return { t: 'statistic-nth', every, neg: e.neg, state: { count: every - 1 - packet } };
      }
      const pr = o.get('probability')!;
      return { t: 'statistic-random', probability: pr.v as number, neg: pr.neg };
    }
    case 'connlimit': {
      const upto = o.has('connlimit-upto');
      const plen = (o.get('connlimit-mask')?.v as number | undefined) ?? 32;
      return {
        t: 'connlimit',
        limit: o.get(upto ? 'connlimit-upto' : 'connlimit-above')!.v as number,
        upto,
        mask: plen === 0 ? 0 : (0xffffffff << (32 - plen)) >>> 0,
        daddr: o.has('connlimit-daddr'),
        lists: new Map(),
      };
    }
    case 'hashlimit': {
      // packets only: a byte rate and --hashlimit-rate-match are printed exactly and flagged as not simulated
      const above = o.get('hashlimit-above');
      const rate = (above ?? o.get('hashlimit-upto'))!.v as HlRate;
      if (rate.bytes || o.has('hashlimit-rate-match')) return null;
      const modes = (o.get('hashlimit-mode')?.v as string[] | undefined) ?? [];
      const bit: Record<string, number> = { dstip: HL_DIP, dstport: HL_DPT, srcip: HL_SIP, srcport: HL_SPT };
      let mode = above ? HL_INVERT : 0;
      for (const m of modes) mode |= bit[m] ?? 0;
      const num = (k: string, d: number) => (o.get(k)?.v as number | undefined) ?? d;
      return {
        t: 'hashlimit',
        name: o.get('hashlimit-name')!.v as string,
        cfg: {
          mode,
          avg: rate.period,
          burst: (o.get('hashlimit-burst')?.v as { n?: number } | undefined)?.n ?? 5,
          srcmask: num('hashlimit-srcmask', 32),
          dstmask: num('hashlimit-dstmask', 32),
          // libxt_hashlimit: entries live one unit of the rate (a second for N/sec) unless told
          expire: num('hashlimit-htable-expire', rate.mult * 1000),
          gcInterval: num('hashlimit-htable-gcinterval', 1000),
          size: num('hashlimit-htable-size', 0),
          max: num('hashlimit-htable-max', 0),
        },
      };
    }
    case 'recent': {
      const op = (['set', 'rcheck', 'update', 'remove'] as const).find((k) => o.has(k))!;
      const mask = o.get('mask')?.v as string | undefined;
      return {
        t: 'recent',
        op,
        neg: o.get(op)!.neg,
        name: (o.get('name')?.v as string | undefined) ?? 'DEFAULT',
        side: o.has('rdest') ? 'dst' : 'src',
        mask: mask === undefined ? 0xffffffff : parseIpv4(mask.split('/')[0]!)!,
        seconds: (o.get('seconds')?.v as number | undefined) ?? 0,
        hitcount: (o.get('hitcount')?.v as number | undefined) ?? 0,
        reap: o.has('reap'),
        rttl: o.has('rttl'),
      };
    }
    case 'ipvs':
      return { t: 'ipvs', neg: o.get('ipvs')!.neg };
    case 'length': {
      const l = o.get('length')!;
      const [lo, hi] = l.v as [number, number];
      return { t: 'length', lo, hi, neg: l.neg };
    }
    case 'string': {
      const k = o.get('string') ?? o.get('hex-string')!;
      return {
        t: 'string',
        pattern: k.v as number[],
        from: (o.get('from')?.v as number | undefined) ?? 0,
        to: (o.get('to')?.v as number | undefined) ?? 65535,
        icase: o.has('icase'),
        neg: k.neg,
      };
    }
    case 'connmark': {
      const c = o.get('mark')!;
      const [value, mask] = c.v as [number, number];
      return { t: 'connmark', value, mask, neg: c.neg };
    }
    case 'tos': {
      const t = o.get('tos')!;
      const [value, mask] = t.v as [number, number];
      return { t: 'tos', value: value & mask, mask, neg: t.neg };
    }
    case 'dscp': {
      const d = o.get('dscp') ?? o.get('dscp-class')!;
      return { t: 'tos', value: (d.v as number) << 2, mask: 0xfc, neg: d.neg };
    }
    case 'ecn': {
      const ip = o.get('ecn-ip-ect');
      const ece = o.get('ecn-tcp-ece');
      const cwr = o.get('ecn-tcp-cwr');
      return {
        t: 'ecn',
        ...(ip ? { ip: { value: ip.v as number, neg: ip.neg } } : {}),
        ...(ece ? { ece: !ece.neg } : {}),
        ...(cwr ? { cwr: !cwr.neg } : {}),
      };
    }
    case 'owner': {
      const range = (k: string) => {
        const r = o.get(k);
        if (!r) return {};
        const [lo, hi] = r.v as [number, number];
        return { [k === 'uid-owner' ? 'uid' : 'gid']: { lo, hi, neg: r.neg } };
      };
      const s = o.get('socket-exists');
      return { t: 'owner', ...range('uid-owner'), ...range('gid-owner'), ...(s ? { socket: { neg: s.neg } } : {}) };
    }
    case 'mac': {
      const m = o.get('mac-source')!;
      return { t: 'mac', mac: parseMac(m.v as string)!, neg: m.neg };
    }
    case 'pkttype': {
      const t = o.get('pkt-type')!;
      return { t: 'pkttype', type: t.v as Extract<XtTest, { t: 'pkttype' }>['type'], neg: t.neg };
    }
    case 'policy':
      // no IPsec in the lab: no packet has a policy, which is what --pol none asks for
      return { t: 'const', hit: o.get('pol')?.v === 'none' };
    case 'realm': {
      // no route in the lab has a realm: every packet's realm is 0
      const r = o.get('realm')!;
      const [id, mask] = r.v as [number, number];
      return { t: 'const', hit: ((0 & mask) === id) !== r.neg };
    }
    case 'tcpmss': {
      const m = o.get('mss')!;
      const [lo, hi] = m.v as [number, number];
      return { t: 'tcpmss', lo, hi, neg: m.neg };
    }
    case 'ttl':
      for (const op of ['eq', 'lt', 'gt'] as const) {
        const t = o.get(`ttl-${op}`);
        if (t) return { t: 'ttl', op: op === 'eq' && t.neg ? 'ne' : op, value: t.v as number };
      }
      return null;
    default:
      return null;
  }
}

/** what the lab does of a target extension's options (see XtAction) */
function xtActionOf(name: string, o: XtOpts): XtAction | null {
  if (name === 'NOTRACK' || (name === 'CT' && o.has('notrack'))) return { t: 'notrack' };
  if (name === 'CONNMARK') {
    const mask = o.get('mask')?.v as number | undefined;
    const nfmask = (o.get('nfmask')?.v as number | undefined) ?? mask ?? 0xffffffff;
    const ctmask = (o.get('ctmask')?.v as number | undefined) ?? mask ?? 0xffffffff;
    if (o.has('save-mark')) return { t: 'connmark', op: 'save', value: 0, ctmask, nfmask };
    if (o.has('restore-mark')) return { t: 'connmark', op: 'restore', value: 0, ctmask, nfmask };
    const [value, m] = markOf(o)!;
    return { t: 'connmark', op: 'set', value, ctmask: m, nfmask };
  }
  if (name === 'TOS') {
    const s = o.get('set-tos')?.v as [number, number] | undefined;
    const a = o.get('and-tos')?.v as number | undefined;
    const r = o.get('or-tos')?.v as number | undefined;
    const x = o.get('xor-tos')?.v as number | undefined;
    const [value, mask] = s ?? (a !== undefined ? [0, ~a & 0xff] : r !== undefined ? [r, r] : [x!, 0]);
    return { t: 'tos', value, mask };
  }
  if (name === 'DSCP') {
    const d = (o.get('set-dscp')?.v ?? o.get('set-dscp-class')?.v) as number;
    return { t: 'tos', value: d << 2, mask: 0xfc };
  }
  if (name === 'ECN') {
    // the TCP bits only as far as the lab's segments go: they never carry ECE or CWR, so only
    // clearing them is exact
    const ece = o.get('ecn-tcp-ece')?.v as number | undefined;
    const cwr = o.get('ecn-tcp-cwr')?.v as number | undefined;
    if (ece === 1 || cwr === 1) return null;
    const ect = o.get('ecn-ip-ect')?.v as number | undefined;
    // --ecn-tcp-remove given after --ecn-ip-ect drops it (ECN_parse sets the operation anew)
    const keys = [...o.keys()];
    const ipLost = keys.indexOf('ecn-tcp-remove') > keys.indexOf('ecn-ip-ect');
    return ect === undefined || ipLost ? { t: 'tos', value: 0, mask: 0 } : { t: 'tos', value: ect, mask: 3 };
  }
  if (name === 'NFQUEUE') {
    const [first, last] = (o.get('queue-balance')?.v as [number, number] | undefined) ?? [
      (o.get('queue-num')?.v as number | undefined) ?? 0,
      (o.get('queue-num')?.v as number | undefined) ?? 0,
    ];
    return { t: 'nfqueue', first, last, bypass: o.has('queue-bypass') };
  }
  if (name === 'NFLOG') return { t: 'nflog', group: (o.get('nflog-group')?.v as number | undefined) ?? 0 };
  if (name === 'NETMAP') {
    const { net, mask } = netmapOf(o);
    return { t: 'netmap', net, mask };
  }
  if (name === 'TCPMSS') return { t: 'tcpmss', set: (o.get('set-mss')?.v as number | undefined) ?? null };
  if (name === 'TTL')
    for (const op of ['set', 'inc', 'dec'] as const) {
      const v = o.get(`ttl-${op}`);
      if (v) return { t: 'ttl', op, value: v.v as number };
    }
  return null;
}

interface Parsed {
  rule: Rule;
  /** `-s A,B -d C,D` stands for one rule per source and destination, in that order (counters at zero) */
  rules: Rule[];
}

function parseRule(args: string[], table: TableName): Parsed {
  let srcs: AddrMatch[] = [];
  let dsts: AddrMatch[] = [];
  const once = new Set<string>();
  /** iptables allows -s -d -i -o -p -j once each */
  const single = (flag: string): void => {
    if (once.has(flag)) throw usage(`multiple ${flag} flags not allowed`);
    once.add(flag);
  };
  let iif: Rule['iif'] = null;
  let oif: Rule['oif'] = null;
  let proto: Rule['proto'] = null;
  /** the matches in the order given; an extension instance is built into its Match at the end */
  const matches: Array<Match | XtInst> = [];
  /** the extension instances loaded with -m, in load order (options go to the first that has them) */
  const xtLoaded: XtInst[] = [];
  /** the lab's own matches loaded with -m, and how many of their options were given */
  const ownLoaded: Array<{ name: string; n: number }> = [];
  const ownOpt = (name: string) => {
    for (let j = ownLoaded.length - 1; j >= 0; j--)
      if (ownLoaded[j]!.name === name) {
        ownLoaded[j]!.n++;
        return;
      }
  };
  let xtTarget: XtInst | null = null;
  let target: Target = { kind: 'NONE' };
  let targetName: string | null = null;
  let currentMatch: string | null = null;
  let neg = false;
  /** the protocols with ports multiport knows: tcp, udp, udplite, sctp, dccp */
  const tcpudp = () => proto && !proto.neg && [IPPROTO_TCP, IPPROTO_UDP, 136, 132, 33].includes(proto.num);
  let portMatch: { kind: 'tcp' | 'udp'; sport?: PortMatch; dport?: PortMatch; flags?: TcpFlagsMatch; invertedWhole?: boolean } | null =
    null;
  const flushPort = () => {
    if (portMatch) {
      const { invertedWhole, ...m } = portMatch;
      if (!invertedWhole || m.sport || m.dport || m.flags) matches.push(m);
      portMatch = null;
    }
  };
  const tOpts: Record<string, string> = {};
  // one `take` for the whole line, not a closure per word: a restored ruleset parses 100,000 lines
  let i = 0;
  const take = (): string => {
    const v = args[i + 1];
    if (v === undefined) throw usage(`option "${args[i]!}" requires an argument`);
    i++;
    return v;
  };
  const peek = (): string | undefined => args[i + 1];
  /** an option of a loaded extension (the target's first, then the matches in load order) */
  let lastNeg = false;
  const xtClaims = (k: string): boolean => {
    if (!k.startsWith('--')) return false;
    const name = k.slice(2);
    // a new -m completes the matches before it: their options end there
    const current = currentMatch === null ? xtLoaded[xtLoaded.length - 1] : undefined;
    for (const inst of [xtTarget, current]) {
      if (!inst) continue;
      const spec = inst.ext.opts.find((o) => o.name === name);
      if (!spec) continue;
      xtParseOpt(inst.ext, inst.opts, spec, lastNeg, take, peek);
      return true;
    }
    // an option no loaded match knows loads the match named after -p (as -p tcp loads tcp)
    const implicit = proto && !proto.neg ? XT_MATCHES.get(PROTO_MATCH[proto.num] ?? '') : undefined;
    const spec = implicit?.opts.find((o) => o.name === name);
    if (implicit && spec) {
      const inst: XtInst = { kind: 'xtinst', ext: implicit, opts: new Map() };
      xtLoaded.push(inst);
      matches.push(inst);
      currentMatch = null;
      xtParseOpt(implicit, inst.opts, spec, lastNeg, take, peek);
      return true;
    }
    return false;
  };
  for (; i < args.length; i++) {
    const k = args[i]!;
    if (k === '!') {
      neg = true;
      continue;
    }
    const wasNeg = neg;
    lastNeg = wasNeg;
    neg = false;
    switch (k) {
      case '-s':
      case '--source':
      case '--src':
        single('-s');
        srcs = take()
          .split(',')
          .map((x) => parseAddrMatch(x, wasNeg));
        continue;
      case '-d':
      case '--destination':
      case '--dst':
        single('-d');
        dsts = take()
          .split(',')
          .map((x) => parseAddrMatch(x, wasNeg));
        continue;
      case '-i':
      case '--in-interface':
        single('-i');
        iif = ifaceArg(take(), wasNeg);
        continue;
      case '-o':
      case '--out-interface':
        single('-o');
        oif = ifaceArg(take(), wasNeg);
        continue;
      case '-p':
      case '--protocol': {
        single('-p');
        // lower-cased by iptables; a number (C notation) or a name from /etc/protocols
        const p = take().toLowerCase();
        const num = strtoui(p, 255) ?? PROTOCOLS[p] ?? -1;
        if (num < 0) throw usage(`unknown protocol "${p}" specified`);
        if (num === 0 && wasNeg) throw usage('rule would never match protocol');
        proto = num === 0 ? null : { num, neg: wasNeg };
        continue;
      }
      case '-m':
      case '--match': {
        flushPort();
        const m = take();
        const x = XT_MATCHES.get(m);
        if (x) {
          const inst: XtInst = { kind: 'xtinst', ext: x, opts: new Map() };
          xtLoaded.push(inst);
          matches.push(inst);
          currentMatch = null;
          continue;
        }
        if (!['tcp', 'udp', 'icmp', 'state', 'addrtype', 'multiport', 'comment'].includes(m)) {
          throw new CmdError(`${V}: Couldn't load match \`${m}':No such file or directory\n\n${TRY}`, 2);
        }
        currentMatch = m;
        ownLoaded.push({ name: m, n: 0 });
        if (m === 'tcp' || m === 'udp') portMatch = { kind: m };
        continue;
      }
      case '--sport':
      case '--source-port':
      case '--dport':
      case '--destination-port':
      case '--syn':
      case '--tcp-flags': {
        if (!portMatch) {
          // -p tcp / -p udp loads its match implicitly, whatever -m came before (even `! -p tcp`:
          // iptables-nft takes the rule, and it can never match)
          if (!(proto && (proto.num === IPPROTO_TCP || proto.num === IPPROTO_UDP))) {
            if (xtClaims(k)) continue;
            throw usage(`unknown option "${k}"`);
          }
          portMatch = { kind: proto.num === IPPROTO_TCP ? 'tcp' : 'udp' };
          currentMatch = portMatch.kind;
        }
        if (k === '--syn' || k === '--tcp-flags') {
          if (portMatch.kind !== 'tcp') throw usage(`unknown option "${k}"`);
          if (portMatch.flags) throw usage("Only one of `--syn' or `--tcp-flags' allowed");
          if (k === '--syn') portMatch.flags = { mask: 0x17, comp: 0x02, neg: wasNeg };
          else {
            const mask = parseTcpFlags(take());
            const comp = parseTcpFlags(args[++i]);
            portMatch.flags = { mask, comp, neg: wasNeg };
          }
          continue;
        }
        const isSrc = k === '--sport' || k === '--source-port';
        if (isSrc ? portMatch.sport : portMatch.dport) throw usage(`Only one \`${isSrc ? '--source-port' : '--destination-port'}' allowed`);
        const r = parsePortRange(take(), wasNeg, portMatch.kind);
        // iptables-nft gives the kernel nothing for ! 0:65535: the rule matches any port, and a
        // tcp or udp match left with nothing else is gone from the rule
        if (r.neg && r.lo === 0 && r.hi === 65535) portMatch.invertedWhole = true;
        else if (isSrc) portMatch.sport = r;
        else portMatch.dport = r;
        continue;
      }
      case '--icmp-type': {
        if (!proto || proto.num !== IPPROTO_ICMP) {
          if (xtClaims(k)) continue;
          throw usage(`unknown option "${k}"`);
        }
        ownOpt('icmp');
        const t = take();
        const { type, code } = parseIcmpType(t);
        matches.push({ kind: 'icmp', icmpType: type, icmpCode: code, neg: wasNeg, typeName: t });
        continue;
      }
      case '--state': {
        if (currentMatch !== 'state') {
          if (xtClaims(k)) continue;
          throw usage(`unknown option "${k}"`);
        }
        ownOpt('state');
        const states = take()
          .split(',')
          .map((s) => s.toUpperCase());
        // the state match knows no SNAT / DNAT: those are conntrack's
        const known: CtState[] = CT_STATES.filter((x) => x !== 'SNAT' && x !== 'DNAT');
        for (const s of states) if (!known.includes(s as CtState)) throw usage(`Bad state "${s}"`);
        matches.push({ kind: 'state', states: states as CtState[], neg: wasNeg });
        continue;
      }
      case '--limit-iface-in':
      case '--limit-iface-out': {
        if (currentMatch !== 'addrtype') {
          if (xtClaims(k)) continue;
          throw usage(`unknown option "${k}"`);
        }
        const last = matches[matches.length - 1];
        const dir = k === '--limit-iface-in' ? 'in' : 'out';
        if (last?.kind !== 'addrtype') matches.push({ kind: 'addrtype', limitIface: dir });
        else if (last.limitIface === dir) throw usage(`addrtype: option "${k}" can only be used once.\n`);
        else if (last.limitIface) throw usage('addrtype: option "--limit-iface-in" cannot be used together with "--limit-iface-out".\n');
        else matches[matches.length - 1] = { ...last, limitIface: dir };
        continue;
      }
      case '--dst-type':
      case '--src-type': {
        if (currentMatch !== 'addrtype') {
          if (xtClaims(k)) continue;
          throw usage(`unknown option "${k}"`);
        }
        ownOpt('addrtype');
        const t = take().toUpperCase() as AddrType;
        if (!ADDR_TYPES.includes(t)) throw usage(`addrtype: unknown type "${t}"`);
        const last = matches[matches.length - 1];
        const side = k === '--dst-type' ? 'dst' : 'src';
        if (last && last.kind === 'addrtype' && !last[side]) matches[matches.length - 1] = { ...last, [side]: { type: t, neg: wasNeg } };
        else matches.push({ kind: 'addrtype', [side]: { type: t, neg: wasNeg } });
        continue;
      }
      case '--dports':
      case '--sports':
      case '--ports':
      case '--destination-ports':
      case '--source-ports': {
        if (currentMatch !== 'multiport') {
          if (xtClaims(k)) continue;
          throw usage(`unknown option "${k}"`);
        }
        ownOpt('multiport');
        if (!tcpudp()) throw usage("multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'");
        const pname = proto!.num === IPPROTO_UDP || proto!.num === 136 ? 'udp' : 'tcp';
        const list = take()
          .split(',')
          .map((p) => parseMultiPort(p, pname));
        if (list.length + list.filter((p) => p.lo !== p.hi).length > 15) throw usage('too many ports specified');
        const which = k.startsWith('--d') ? 'dports' : k.startsWith('--s') ? 'sports' : 'ports';
        matches.push({ kind: 'multiport', which, ports: list, neg: wasNeg });
        continue;
      }
      case '--comment': {
        if (currentMatch !== 'comment') {
          if (xtClaims(k)) continue;
          throw usage(`unknown option "${k}"`);
        }
        if (ownLoaded.some((l) => l.name === 'comment' && l.n > 0) && ownLoaded[ownLoaded.length - 1]!.n > 0)
          throw usage('comment: option "--comment" can only be used once.\n');
        ownOpt('comment');
        // iptables-nft keeps the first 255 characters (XT_MAX_COMMENT_LEN with its NUL)
        matches.push({ kind: 'comment', text: take().slice(0, 255) });
        continue;
      }
      case '-j':
      case '--jump':
      case '-g':
      case '--goto': {
        single('-j');
        flushPort();
        targetName = take();
        currentMatch = null;
        const xt = XT_TARGETS.get(targetName);
        if (xt) xtTarget = { kind: 'xtinst', ext: xt, opts: new Map() };
        if (k === '-g' || k === '--goto') tOpts['goto'] = '1';
        continue;
      }
      case '--reject-with':
      case '--to-ports':
      case '--to-source':
      case '--to-destination':
      case '--log-prefix':
      case '--to':
      case '--log-level':
      case '--random':
      case '--persistent':
      case '--random-fully':
      case '--log-tcp-sequence':
      case '--log-tcp-options':
      case '--log-ip-options':
      case '--log-uid':
      case '--log-macdecode': {
        // a target's options exist only once that target is loaded with -j
        if (targetName === null || !TARGET_OPTS[targetName]?.includes(k)) {
          if (xtClaims(k)) continue;
          throw usage(`unknown option "${k}"`);
        }
        const key = k === '--to' ? (targetName === 'SNAT' ? '--to-source' : '--to-destination') : k;
        if (tOpts[key] !== undefined) throw usage(`${targetName}: option "${key}" can only be used once.\n`);
        if (wasNeg) throw usage(`${targetName}: option "${key}" cannot be inverted.\n`);
        tOpts[key] = NO_ARG_OPTS.includes(k) ? '' : take();
        continue;
      }
      default:
        if (xtClaims(k)) continue;
        throw usage(`unknown option "${k}"`);
    }
  }
  flushPort();
  const ctx = { proto: proto?.num ?? 0, protoNeg: proto?.neg ?? false, table, ipvs: kernelIpvs };
  for (const l of ownLoaded) {
    if (l.n > 0) continue;
    if (l.name === 'icmp' || l.name === 'state' || l.name === 'comment') {
      const o = l.name === 'icmp' ? 'icmp-type' : l.name;
      throw usage(`${l.name}: option "--${o}" must be specified\n`);
    }
    if (l.name === 'addrtype') throw usage('addrtype: you must specify --src-type or --dst-type');
    if (l.name === 'multiport') throw usage('multiport expection an option');
  }
  for (const m of matches)
    if (m.kind === 'tcp' || m.kind === 'udp') {
      const num = m.kind === 'tcp' ? IPPROTO_TCP : IPPROTO_UDP;
      if (!proto || proto.num !== num) throw usage(`${m.kind.toUpperCase()} match requires '-p ${m.kind}'`);
    }
  const built: Match[] = matches.map((m) => (m.kind === 'xtinst' ? buildXtMatch(m, ctx) : m));
  // userspace checks all come before what the kernel says
  if (xtTarget) xtFinal(xtTarget.ext, xtTarget.opts, ctx);
  let refused: string | null = null;
  for (const m of [...xtLoaded, ...(xtTarget ? [xtTarget] : [])]) {
    const ok = m.ext.table !== undefined && m.ext.table !== table ? false : (m.ext.kernelOk?.(m.opts, ctx) ?? true);
    if (ok !== true) refused ??= ok === false ? 'Invalid argument' : ok;
  }
  if (xtTarget) {
    const x = XT_TARGETS.get(xtTarget.ext.name)!;
    const xm = x.name === 'MARK' ? markOf(xtTarget.opts) : null;
    const act = xtActionOf(x.name, xtTarget.opts);
    const list = xtListText(x, xtTarget.opts, ctx);
    target = xm
      ? { kind: 'MARK', value: xm[0], mask: xm[1] }
      : {
          kind: 'XT',
          name: x.name,
          save: x.save(xtTarget.opts, ctx),
          ...(list ? { list } : {}),
          verdict: x.verdict?.(xtTarget.opts) ?? 'continue',
          ...(act ? { act } : {}),
        };
  } else if (targetName !== null) target = buildTarget(targetName, tOpts, proto, table);
  const rules: Parsed['rules'] = [];
  for (const src of srcs.length ? srcs : [null]) {
    for (const dst of dsts.length ? dsts : [null]) rules.push({ src, dst, iif, oif, proto, matches: built, target, pkts: 0, bytes: 0 });
  }
  if (refused !== null) for (const r of rules) kernelRefuses.set(r, refused);
  // hooks that depend on the options given (xt_policy's direction, xt_physdev's output port)
  let hooks: readonly Hook[] | null = null;
  for (const m of xtTarget ? [...xtLoaded, xtTarget] : xtLoaded) {
    const hs = m.ext.hooksOf?.(m.opts);
    if (hs) hooks = hooks ? hooks.filter((h) => hs.includes(h)) : hs;
  }
  if (hooks) for (const r of rules) optionHooks.set(r, hooks);
  const estimators = xtLoaded.flatMap((m) => (m.ext.name === 'rateest' ? rateestNames(m.opts) : []));
  if (estimators.length) for (const r of rules) rateestUses.set(r, estimators);
  return { rule: rules[0]!, rules };
}

/** inet_pton: four decimal parts, no leading zeros (what libxt_NAT reads) */
function inetPton(v: string): number | null {
  return /^(0|[1-9]\d{0,2})(\.(0|[1-9]\d{0,2})){3}$/.test(v) ? parseIpv4(v) : null;
}

function parseNatRange(v: string, withPort: boolean, withBase = false): NatRange {
  const [ips, portText] = v.split(':');
  // DNAT's PORTS/BASE: the base port may be a service name
  const slash = withBase && portText !== undefined ? portText.indexOf('/') : -1;
  const ports = slash >= 0 ? portText!.slice(0, slash) : portText;
  const baseText = slash >= 0 ? portText!.slice(slash + 1) : undefined;
  const base = baseText !== undefined ? parsePort(baseText) : undefined;
  if (base === 0) throw usage(`Port \`${baseText}' not valid\n`);
  // libxt_NAT: `:PORT` alone maps the port only (no NF_NAT_RANGE_MAP_IPS)
  if (ips === '' && ports !== undefined) {
    const r = parseNatRange(`0.0.0.0:${portText}`, withPort, withBase);
    return { ...r, noIps: true };
  }
  const [lo, hi] = (ips ?? '').split('-');
  const l = inetPton(lo ?? '');
  const h = hi !== undefined ? inetPton(hi) : l;
  if (l === null || h === null) throw usage(`Bad IP address "${ips}"`);
  let portLo: number | null = null;
  let portHi: number | null = null;
  if (ports !== undefined) {
    if (!withPort) throw usage('Need TCP, UDP, SCTP or DCCP with port specification');
    // libxt_NAT parse_ports: a number (then maybe -MAX), else the whole text is a service name
    const m = /^([^-]+)-(.*)$/.exec(ports);
    if (m && strtoui(m[1]!, 65535) !== null) {
      portLo = strtoui(m[1]!, 65535)!;
      portHi = parsePort(m[2]!);
    } else {
      portLo = parsePort(ports);
      portHi = portLo;
    }
    if (portHi < portLo) throw usage(`Port range \`${ports}' is invalid`);
  }
  return { lo: l, hi: h, portLo, portHi, ...(base !== undefined ? { base } : {}) };
}

/**
 * libxt_REDIRECT / libxt_MASQUERADE parse_ports: a port or service name for the whole text, or
 * LO-HI of numbers (`10-ssh` is refused: only a whole text may be a name); no `/BASE` shift
 */
function parseToPorts(v: string | undefined, withProto: boolean): { lo: number; hi: number } | null {
  if (v === undefined) return null;
  if (!withProto) throw usage('Need TCP, UDP, SCTP or DCCP with port specification');
  if (v.includes('/')) throw usage('Shifted portmap ranges not supported with this kernel');
  const whole = strtoui(v, 65535) ?? serviceToPort(v, 'tcp') ?? serviceToPort(v, 'udp');
  if (whole !== null) return { lo: whole, hi: whole };
  const dash = v.indexOf('-');
  const lo = dash < 0 ? null : strtoui(v.slice(0, dash), 65535);
  if (lo === null) throw usage(`Port \`${v}' not valid\n`);
  const hi = strtoui(v.slice(dash + 1), 65535);
  if (hi === null) throw usage(`Port \`${v.slice(dash + 1)}' not valid\n`);
  if (hi < lo) throw usage(`Port range \`${v}' is invalid\n`);
  return { lo, hi };
}

function natFlagsOf(o: Record<string, string>): { flags?: string[] } {
  const flags = NAT_FLAGS.filter((f) => o[f] !== undefined);
  return flags.length ? { flags } : {};
}

function buildTarget(name: string, o: Record<string, string>, proto: Rule['proto'], _table: TableName): Target {
  const ported = proto !== null && !proto.neg && (proto.num === IPPROTO_TCP || proto.num === IPPROTO_UDP);
  switch (name) {
    case 'ACCEPT':
    case 'DROP':
    case 'RETURN':
      // iptables' own check, before the kernel sees the rule (any command that names a target)
      if (name === 'DROP' && _table === 'nat')
        throw usage('\nThe "nat" table is not intended for filtering, the use of DROP is therefore inhibited.\n');
      return { kind: name };
    case 'LOG': {
      // a syslog level: 0..7 or its name
      const lvl = o['--log-level'];
      const level = lvl === undefined ? 4 : /^[0-7]$/.test(lvl) ? Number(lvl) : SYSLOG_LEVELS[lvl.toLowerCase()];
      if (level === undefined) throw usage(`log level "${lvl}" unknown\n`);
      const prefix = o['--log-prefix'] ?? null;
      if (prefix !== null && prefix.length > 29) throw usage('Maximum prefix length 29 for --log-prefix');
      const flags = LOG_FLAGS.filter((f) => o[f] !== undefined);
      return { kind: 'LOG', prefix, ...(level !== 4 ? { level } : {}), ...(flags.length ? { flags } : {}) };
    }
    case 'REJECT': {
      const w = o['--reject-with'] ?? 'icmp-port-unreachable';
      const r = REJECTS.includes(w as RejectWith) ? (w as RejectWith) : REJECT_ALIASES[w];
      if (!r) throw usage(`unknown reject type "${w}"`);
      if (r === 'tcp-reset' && !(proto && proto.num === IPPROTO_TCP && !proto.neg)) {
        throw new CmdError(`${V}: RULE_APPEND failed (Invalid argument): rule in chain`, 4);
      }
      return { kind: 'REJECT', with: r };
    }
    // --to-ports wants some -p; iptables-nft does not insist on tcp or udp here
    case 'MASQUERADE':
      return { kind: 'MASQUERADE', ports: parseToPorts(o['--to-ports'], proto !== null), ...natFlagsOf(o) };
    case 'REDIRECT':
      return { kind: 'REDIRECT', ports: parseToPorts(o['--to-ports'], proto !== null), ...natFlagsOf(o) };
    case 'SNAT':
    case 'DNAT': {
      const opt = name === 'SNAT' ? '--to-source' : '--to-destination';
      const v = o[opt];
      if (v === undefined) throw usage(`${name}: option "${opt}" must be specified\n`);
      return { kind: name, to: parseNatRange(v, ported, name === 'DNAT'), ...natFlagsOf(o) };
    }
    default:
      return { kind: o['goto'] ? 'GOTO' : 'JUMP', chain: name };
  }
}

/** targets that only some hooks allow; checked against every built-in chain that can reach it */
function allowedHooks(t: Target, table: TableName): readonly Hook[] | null {
  switch (t.kind) {
    case 'DNAT':
    case 'REDIRECT':
      return table === 'nat' ? ['PREROUTING', 'OUTPUT'] : [];
    case 'SNAT':
      return table === 'nat' ? ['POSTROUTING', 'INPUT'] : [];
    case 'MASQUERADE':
      return table === 'nat' ? ['POSTROUTING'] : [];
    case 'REJECT':
      return table === 'filter' ? ['INPUT', 'FORWARD', 'OUTPUT'] : [];
    default:
      return null;
  }
}

/** the hooks every extension of the rule allows (the kernel's hook masks), or null for all */
function xtHooks(r: Omit<Rule, 'pkts' | 'bytes'>): readonly Hook[] | null {
  let out: readonly Hook[] | null = null;
  // most rules use the lab's own matches and targets only: nothing to intersect
  if (r.target.kind !== 'XT' && !r.matches.some((m) => m.kind === 'xt')) return null;
  const exts = [
    ...r.matches.flatMap((m) => (m.kind === 'xt' ? [XT_MATCHES.get(m.name)] : [])),
    ...(r.target.kind === 'XT' ? [XT_TARGETS.get(r.target.name)] : []),
  ];
  for (const x of exts) if (x?.hooks) out = out ? out.filter((h) => x.hooks!.includes(h)) : x.hooks;
  return out;
}

/** the built-in chains from which `chain` can be reached */
function reachingHooks(t: Table, chain: string): Set<Hook> {
  const out = new Set<Hook>();
  const c0 = t.chains.get(chain);
  if (c0 && c0.policy !== null) {
    out.add(chain as Hook);
    return out;
  }
  // who jumps to whom, built once per question
  const callers = new Map<string, Set<string>>();
  for (const [n, ch] of t.chains) {
    for (const r of ch.rules) {
      if (r.target.kind !== 'JUMP' && r.target.kind !== 'GOTO') continue;
      let s = callers.get(r.target.chain);
      if (!s) callers.set(r.target.chain, (s = new Set()));
      s.add(n);
    }
  }
  const seen = new Set<string>([chain]);
  const todo = [chain];
  while (todo.length) {
    const name = todo.pop()!;
    const c = t.chains.get(name);
    if (c && c.policy !== null) out.add(name as Hook);
    for (const from of callers.get(name) ?? [])
      if (!seen.has(from)) {
        seen.add(from);
        todo.push(from);
      }
  }
  return out;
}

/** a jump cycle among the chains reachable from `start` */
function hasCycleFrom(t: Table, start: string): boolean {
  const state = new Map<string, 1 | 2>();
  const visit = (name: string): boolean => {
    const s = state.get(name);
    if (s === 1) return true;
    if (s === 2) return false;
    state.set(name, 1);
    const c = t.chains.get(name);
    for (const r of c?.rules ?? []) {
      if ((r.target.kind === 'JUMP' || r.target.kind === 'GOTO') && visit(r.target.chain)) return true;
    }
    state.set(name, 2);
    return false;
  };
  return visit(start);
}

const MAX_JUMP_DEPTH = 15;

/** the jumps and gotos of a chain's rules: the chains they lead to */
function jumpTargets(c: Chain | undefined): string[] {
  return (c?.rules ?? []).flatMap((r) => (r.target.kind === 'JUMP' || r.target.kind === 'GOTO' ? [r.target.chain] : []));
}

/** the most nested jumps a walk can take below `chain` (0 when it jumps nowhere) */
function depthBelow(t: Table, chain: string, memo = new Map<string, number>()): number {
  const m = memo.get(chain);
  if (m !== undefined) return m;
  memo.set(chain, 0); // a loop is refused elsewhere; this only keeps the walk finite
  let d = 0;
  for (const to of jumpTargets(t.chains.get(chain))) d = Math.max(d, 1 + depthBelow(t, to, memo));
  memo.set(chain, d);
  return d;
}

/** how deep `chain` sits below the base chains that reach it at most (0 for a base chain), or null when none does */
function depthFromBase(t: Table, chain: string): number | null {
  const callers = new Map<string, string[]>();
  for (const [n, c] of t.chains) for (const to of jumpTargets(c)) callers.set(to, [...(callers.get(to) ?? []), n]);
  const memo = new Map<string, number | null>();
  const up = (name: string): number | null => {
    if (memo.has(name)) return memo.get(name)!;
    memo.set(name, null);
    const c = t.chains.get(name);
    let best: number | null = c && c.policy !== null ? 0 : null;
    for (const from of callers.get(name) ?? []) {
      const d = up(from);
      if (d !== null && (best === null || d + 1 > best)) best = d + 1;
    }
    memo.set(name, best);
    return best;
  };
  return up(chain);
}

function jumpsTo(t: Table, from: string, to: string, seen = new Set<string>()): boolean {
  if (from === to) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  const c = t.chains.get(from);
  if (!c) return false;
  return c.rules.some((r) => (r.target.kind === 'JUMP' || r.target.kind === 'GOTO') && jumpsTo(t, r.target.chain, to, seen));
}

/** the rate estimators RATEEST rules keep in the namespace: name → the parameters they print */
function estimators(tables: Iterable<Table>): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of tables)
    for (const c of t.chains.values())
      for (const r of c.rules)
        if (r.target.kind === 'XT' && r.target.name === 'RATEEST') {
          const [, name = '', ...params] = r.target.save.split(' ');
          out.set(name, params.join(' '));
        }
  return out;
}

function checkRule(tables: Iterable<Table>, t: Table, chainName: string, r: Omit<Rule, 'pkts' | 'bytes'>, verb: string): void {
  const tg = r.target;
  const failed = (why: string) => new CmdError(`${V}:  ${verb} failed (${why}): rule in chain ${chainName}`, 4);
  if (tg.kind === 'JUMP' || tg.kind === 'GOTO') {
    if (BUILTIN_TARGETS.includes(tg.chain) || !t.chains.has(tg.chain)) {
      throw new CmdError(`${V}: Chain '${tg.chain}' does not exist\n${TRY}`, 2);
    }
    if (t.chains.get(tg.chain)!.policy !== null) throw failed('Operation not supported');
    // nf_tables checks loops only for chains a base chain can reach
    if (reachingHooks(t, chainName).size > 0 && (jumpsTo(t, tg.chain, chainName) || hasCycleFrom(t, tg.chain)))
      throw failed('Too many links');
    // nf_tables follows at most 15 nested jumps or gotos from a base chain (NFT_JUMP_STACK_SIZE)
    const above = depthFromBase(t, chainName);
    if (above !== null && above + 1 + depthBelow(t, tg.chain) > MAX_JUMP_DEPTH) throw failed('Too many links');
  }
  const refused = kernelRefuses.get(r);
  if (refused !== undefined) throw failed(refused);
  // xt_rateest looks its estimators up by name; RATEEST shares one only with the same parameters
  const uses = rateestUses.get(r);
  const est = uses || (tg.kind === 'XT' && tg.name === 'RATEEST') ? estimators(tables) : null;
  if (est && tg.kind === 'XT' && tg.name === 'RATEEST') {
    const [, name = '', ...params] = tg.save.split(' ');
    const have = est.get(name);
    if (have !== undefined && have !== params.join(' ')) throw failed('Invalid argument');
  }
  if (est && uses?.some((n) => !est.has(n))) throw failed('No such file or directory');
  // checkentry's own hook tests see the hook of a base chain only: in a user chain nf_tables
  // checks the extensions' fixed hook masks alone
  const own = optionHooks.get(r);
  if (own && t.chains.get(chainName)?.policy !== null && !own.includes(chainName as Hook)) throw failed('Invalid argument');
  const allowed = allowedHooks(tg, t.name) ?? xtHooks(r);
  if (allowed) {
    if (allowed.length === 0) throw failed('Invalid argument');
    for (const h of reachingHooks(t, chainName)) if (!allowed.includes(h)) throw failed('Invalid argument');
  }
  // iptables checks the interface options against the chain named on the command line only
  if (r.iif && (chainName === 'OUTPUT' || chainName === 'POSTROUTING'))
    throw new CmdError(`${V}: Can't use -i with ${chainName}\n${TRY}`, 2);
  if (r.oif && (chainName === 'PREROUTING' || chainName === 'INPUT')) throw new CmdError(`${V}: Can't use -o with ${chainName}\n${TRY}`, 2);
}

function fmtNum(n: number, exact: boolean): string {
  if (exact || n < 100000) return String(n);
  const units = ['K', 'M', 'G', 'T'];
  let v = n;
  let u = -1;
  while (v >= 10000 && u < units.length - 1) {
    v = Math.floor(v / 1000);
    u++;
  }
  return `${v}${u >= 0 ? units[u] : ''}`;
}

function refs(t: Table, name: string): number {
  let n = 0;
  for (const c of t.chains.values())
    for (const r of c.rules) if ((r.target.kind === 'JUMP' || r.target.kind === 'GOTO') && r.target.chain === name) n++;
  return n;
}

/** print_ipv4_addresses' column: `anywhere` for /0, else xtables_ipaddr_to_anyname (or numeric) and the mask */
function addrCol(a: Rule['src'], numeric: boolean): string {
  if (!a || (a.plen === 0 && a.mask === undefined)) return numeric ? '0.0.0.0/0' : 'anywhere';
  const m = a.mask !== undefined ? `/${formatIpv4(a.mask)}` : a.plen === 32 ? '' : `/${a.plen}`;
  const name = numeric ? null : ipaddrToName(a.addr);
  return (name ?? formatIpv4(a.addr)) + m;
}

/** a port as libxt_tcp / libxt_udp print it: the service name unless -n */
function portText(port: number, proto: 'tcp' | 'udp', numeric: boolean): string {
  return (numeric ? null : portToService(port, proto)) ?? String(port);
}

function matchListText(r: Rule, numeric: boolean): string {
  const parts: string[] = [];
  for (const m of r.matches) {
    switch (m.kind) {
      case 'tcp':
      case 'udp': {
        const s: string[] = [m.kind];
        const proto = m.kind;
        const pt = (n: number) => portText(n, proto, numeric);
        const p = (x: PortMatch, n: string) =>
          `${n}${x.lo === x.hi ? '' : 's'}:${x.neg ? '!' : ''}${x.lo === x.hi ? pt(x.lo) : `${pt(x.lo)}:${pt(x.hi)}`}`;
        if (m.sport) s.push(p(m.sport, 'spt'));
        if (m.dport) s.push(p(m.dport, 'dpt'));
        // libxt_tcp's print_flags: hex with -n, else the names in tcp_flag_names' order
        if (m.kind === 'tcp' && m.flags) {
          const f = m.flags;
          const hex = (n: number) => `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;
          s.push(`flags:${f.neg ? '!' : ''}${numeric ? `${hex(f.mask)}/${hex(f.comp)}` : `${tcpFlagList(f.mask)}/${tcpFlagList(f.comp)}`}`);
        }
        parts.push(` ${s.join(' ')}`);
        break;
      }
      case 'icmp': {
        // print_icmptype: the first name for this type and code unless -n
        const name = numeric ? undefined : ICMP_TYPES.find(([, t, c]) => t === m.icmpType && c === m.icmpCode)?.[0];
        if (name !== undefined) parts.push(` icmp ${m.neg ? '!' : ''}${name}`);
        // `any` is type 255 with every code
        else
          parts.push(
            ` icmp${m.neg ? ' !' : ''}type ${m.icmpType < 0 ? 255 : m.icmpType}${m.icmpCode !== null ? ` code ${m.icmpCode}` : ''}`,
          );
        break;
      }
      case 'conntrack':
        // conntrack_dump: the negation before the option's name
        parts.push(`${m.neg ? ' !' : ''} ctstate ${m.states.join(',')}`);
        break;
      case 'state':
        parts.push(` state ${m.neg ? '! ' : ''}${m.states.join(',')}`);
        break;
      case 'addrtype': {
        const s = ['ADDRTYPE match'];
        if (m.src) s.push(`src-type ${m.src.neg ? '!' : ''}${m.src.type}`);
        if (m.dst) s.push(`dst-type ${m.dst.neg ? '!' : ''}${m.dst.type}`);
        if (m.limitIface) s.push(`limit-${m.limitIface}`);
        parts.push(` ${s.join(' ')}`);
        break;
      }
      case 'multiport': {
        // getservbyport with the rule's protocol: /etc/services names only tcp and udp ports
        const proto = r.proto?.num === IPPROTO_UDP ? 'udp' : r.proto?.num === IPPROTO_TCP ? 'tcp' : null;
        const pt = (n: number) => (proto ? portText(n, proto, numeric) : String(n));
        parts.push(
          ` multiport ${m.which} ${m.neg ? '! ' : ''}${m.ports.map((p) => (p.lo === p.hi ? pt(p.lo) : `${pt(p.lo)}:${pt(p.hi)}`)).join(',')}`,
        );
        break;
      }
      case 'comment':
        parts.push(` /* ${m.text} */`);
        break;
      case 'mark':
        parts.push(` mark match ${m.neg ? '! ' : ''}0x${m.value.toString(16)}${m.mask !== 0xffffffff ? `/0x${m.mask.toString(16)}` : ''}`);
        break;
      case 'xt':
        if (m.list) parts.push(numeric ? m.list.numeric : m.list.names);
        break;
    }
  }
  const t = r.target;
  switch (t.kind) {
    case 'REJECT':
      parts.push(` reject-with ${t.with}`);
      break;
    case 'DNAT':
    case 'SNAT': {
      const f = formatRuleSpec({ ...r, matches: [], src: null, dst: null, iif: null, oif: null, proto: null, target: { ...t, flags: [] } })
        .replace(/^-j \w+( --to-\w+ )?/, '')
        .trim();
      parts.push(`${f ? ` to:${f}` : ''}${natFlags(t.flags)}`);
      break;
    }
    case 'MASQUERADE':
      if (t.ports) parts.push(` masq ports: ${t.ports.lo}${t.ports.hi !== t.ports.lo ? `-${t.ports.hi}` : ''}`);
      parts.push(natFlags(t.flags));
      break;
    case 'REDIRECT':
      if (t.ports) parts.push(` redir ports ${t.ports.lo}${t.ports.hi !== t.ports.lo ? `-${t.ports.hi}` : ''}`);
      parts.push(natFlags(t.flags));
      break;
    case 'MARK': {
      // libxt_MARK mark_tg_print: the operation the value/mask pair stands for, in this order
      const h = (n: number) => `0x${n.toString(16)}`;
      if (t.value === 0) parts.push(` MARK and ${h(~t.mask >>> 0)}`);
      else if (t.value === t.mask) parts.push(` MARK or ${h(t.value)}`);
      else if (t.mask === 0) parts.push(` MARK xor ${h(t.value)}`);
      else if (t.mask === 0xffffffff) parts.push(` MARK set ${h(t.value)}`);
      else parts.push(` MARK xset ${h(t.value)}/${h(t.mask)}`);
      break;
    }
    case 'LOG':
      parts.push(
        numeric
          ? ` LOG flags ${logFlags(t.flags)} level ${t.level ?? 4}`
          : ` LOG level ${SYSLOG_PRIORITY[t.level ?? 4] ?? `UNKNOWN level ${t.level}`}${LOG_FLAG_NAMES.filter(
              (f) => logFlags(t.flags) & (LOG_FLAG_BITS[`--log-${f}`] ?? 0),
            )
              .map((f) => ` ${f}`)
              .join('')}`,
      );
      if (t.prefix !== null) parts.push(` prefix "${t.prefix}"`);
      break;
    case 'XT':
      if (t.list) parts.push(numeric ? t.list.numeric : t.list.names);
      break;
    default:
      break;
  }
  return parts.join('');
}

/** __NAT_print's flags after the range, in its order, without their dashes */
function natFlags(flags: readonly string[] | undefined): string {
  return NAT_FLAGS.filter((f) => flags?.includes(f))
    .map((f) => ` ${f.slice(2)}`)
    .join('');
}

/** print_tcpf: the flags set, by name, or NONE */
function tcpFlagList(flags: number): string {
  const names = (
    [
      [0x01, 'FIN'],
      [0x02, 'SYN'],
      [0x04, 'RST'],
      [0x08, 'PSH'],
      [0x10, 'ACK'],
      [0x20, 'URG'],
    ] as const
  ).flatMap(([b, n]) => (flags & b ? [n] : []));
  return names.length ? names.join(',') : 'NONE';
}

/** glibc's prioritynames, the first name of each level (libxt_LOG's priority2name) */
const SYSLOG_PRIORITY: readonly string[] = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'];
/** LOG_print's flag names, in its order */
const LOG_FLAG_NAMES = ['tcp-sequence', 'tcp-options', 'ip-options', 'uid', 'macdecode'];

/** the LOG target's logflags, as -L -v prints them */
function logFlags(flags: readonly string[] | undefined): number {
  let n = 0;
  for (const f of flags ?? []) n |= LOG_FLAG_BITS[f] ?? 0;
  return n;
}

function targetName(t: Target): string {
  if (t.kind === 'XT')
    // NOTRACK is an alias of CT (revision 1): the kernel's rule holds CT, and -L names that
    return t.name === 'NOTRACK' ? 'CT' : t.name;
  return t.kind === 'JUMP' || t.kind === 'GOTO' ? t.chain : t.kind === 'NONE' ? '' : t.kind;
}

/** xtables_chain_protos: the names iptables prints before asking getprotobynumber */
const CHAIN_PROTOS: ReadonlyMap<number, string> = new Map([
  [6, 'tcp'],
  [132, 'sctp'],
  [17, 'udp'],
  [136, 'udplite'],
  [1, 'icmp'],
  [58, 'icmpv6'],
  [50, 'esp'],
  [51, 'ah'],
  [135, 'mh'],
]);

/** proto_to_name without -n: iptables' own names, then /etc/protocols' first name, else the number */
function protoName(num: number): string {
  return CHAIN_PROTOS.get(num) ?? Object.entries(PROTOCOLS).find(([, v]) => v === num)?.[0] ?? String(num);
}

/** iptables' print_header / print_firewall, column for column */
/**
 * -L [CHAIN [RULENUM]]: a chain with its header, or (`only`, 1-based) that one rule's line alone
 * (print_firewall with no chain header), nothing when the chain has no such rule
 */
function listChain(
  t: Table,
  c: Chain,
  verbose: boolean,
  numbers: boolean,
  exact: boolean,
  numeric: boolean,
  only: number | null = null,
): string {
  let out =
    c.policy !== null
      ? // a base chain's policy counters read 0 until its policy was set (Chain.counted)
        `Chain ${c.name} (policy ${c.policy}${verbose ? ` ${fmtNum(c.counted ? c.pkts : 0, exact)} packets, ${fmtNum(c.counted ? c.bytes : 0, exact)} bytes` : ''})\n`
      : `Chain ${c.name} (${refs(t, c.name)} references)\n`;
  let head = numbers ? 'num'.padEnd(4) + ' ' : '';
  // xtables_print_num prints both counters %8llu when exact, under headers of 8 and 10 columns
  if (verbose) head += exact ? `${'pkts'.padStart(8)} ${'bytes'.padStart(10)} ` : `${'pkts'.padStart(5)} ${'bytes'.padStart(5)} `;
  head += `${'target'.padEnd(9)}  prot opt`;
  if (verbose) head += ` ${'in'.padEnd(6)} ${'out'.padEnd(6)} `;
  head += ` ${'source'.padEnd(19)}  ${'destination'.padEnd(19)} `;
  if (only === null) out += head + '\n';
  else out = '';
  c.rules.forEach((r, i) => {
    if (only !== null && i + 1 !== only) return;
    let line = numbers ? `${String(i + 1).padEnd(4)} ` : '';
    if (verbose) line += `${fmtNum(r.pkts, exact).padStart(exact ? 8 : 5)} ${fmtNum(r.bytes, exact).padStart(exact ? 8 : 5)} `;
    line += `${targetName(r.target).padEnd(9)} `;
    const pname = r.proto ? (numeric ? String(r.proto.num) : protoName(r.proto.num)) : numeric ? '0' : 'all';
    // print_rule_details: %-4s and a space, so a longer name pushes the columns right
    line += `${r.proto?.neg ? '!' : ' '}${pname.padEnd(4)} -- `;
    if (verbose) {
      const ifc = (m: Rule['iif']) => (m ? (m.neg ? '!' : '') + m.name : numeric ? '*' : 'any');
      line += ` ${ifc(r.iif).padEnd(6)} ${ifc(r.oif).padEnd(6)} `;
    }
    line += `${r.src?.neg ? '!' : ' '}${addrCol(r.src, numeric).padEnd(19)} ${r.dst?.neg ? '!' : ' '}${addrCol(r.dst, numeric).padEnd(19)} `;
    line += matchListText(r, numeric);
    out += line + '\n';
  });
  return out;
}

const COMMANDS = new Set([
  '-A',
  '--append',
  '-C',
  '--check',
  '-D',
  '--delete',
  '-I',
  '--insert',
  '-R',
  '--replace',
  '-L',
  '--list',
  '-S',
  '--list-rules',
  '-F',
  '--flush',
  '-Z',
  '--zero',
  '-N',
  '--new-chain',
  '-X',
  '--delete-chain',
  '-P',
  '--policy',
  '-E',
  '--rename-chain',
]);
const ZERO_LIST = new Set(['-L', '--list', '-S', '--list-rules', '-Z', '--zero']);
/** options whose value may look like anything */
const VALUE_OPTIONS = new Set(['--log-prefix', '--comment']);

function orderedChains(t: Table): Chain[] {
  const builtins = TABLE_HOOKS[t.name].map((h) => t.chains.get(h)!).filter(Boolean);
  const users = [...t.chains.values()].filter((c) => c.policy === null).sort((a, b) => (a.name < b.name ? -1 : 1));
  return [...builtins, ...users];
}

/** a table someone put rules, chains or a policy in */
function inUse(t: Table): boolean {
  return [...t.chains.values()].some((c) => c.policy === null || c.policy !== 'ACCEPT' || c.rules.length > 0);
}

/** iptables-save [-t TABLE]: every table (or one) as iptables-restore reads it */
export function iptablesSave(ns: Netns, args: string[]): ExecResult {
  let only: TableName | null = null;
  let counters = false;
  for (let i = 0; i < args.length; i++) {
    const k = args[i]!;
    if (k === '-t' || k === '--table') {
      const v = args[++i];
      if (!TABLE_NAMES.includes(v as TableName))
        throw new CmdError(`iptables-save v1.8.9 (nf_tables): table '${v ?? ''}' does not exist`, 1);
      only = v as TableName;
    } else if (k === '-c' || k === '--counters') counters = true;
    else throw new CmdError(`iptables-save v1.8.9 (nf_tables): unknown option "${k}"`, 1);
  }
  const when = ctime(ns.world.clock.now());
  let out = '';
  // iptables-nft's table order (enum nft_table_type): mangle, security, raw, filter, nat; nf_tables
  // holds mangle, security and raw only once a command set them up
  for (const name of ['mangle', 'security', 'raw', 'filter', 'nat'] as const) {
    if (only && only !== name) continue;
    const t = ns.tables[name];
    if ((name === 'mangle' || name === 'security' || name === 'raw') && !only && !inUse(t)) continue;
    out += `# Generated by iptables-save v1.8.9 (nf_tables) on ${when}\n*${name}\n`;
    // a base chain's policy counters (0 until its policy was set: Chain.counted), with or without -c;
    // with -c each rule's counters
    for (const c of orderedChains(t)) out += `:${c.name} ${c.policy ?? '-'} [${c.counted ? `${c.pkts}:${c.bytes}` : '0:0'}]\n`;
    for (const c of orderedChains(t))
      for (const r of c.rules) out += `${counters ? `[${r.pkts}:${r.bytes}] ` : ''}-A ${c.name} ${formatRuleSpec(r)}`.trimEnd() + '\n';
    out += `COMMIT\n# Completed on ${when}\n`;
  }
  return ok(out);
}

/** `-A CHAIN SPEC…` on a table: the rules checked first, then appended */
function appendRules(tables: Iterable<Table>, t: Table, chainName: string | undefined, spec: string[]): void {
  if (chainName === undefined) throw usage('option requires an argument');
  const c = t.chains.get(chainName);
  if (!c) throw new CmdError('iptables: No chain/target/match by that name.', 1);
  const { rules } = parseRule(spec, t.name);
  for (const rule of rules) checkRule(tables, t, c.name, rule, 'RULE_APPEND');
  for (const rule of rules) c.rules.push(rule);
  t.rev++;
}

/** the words iptablesCommand reads before the command itself (options, other commands) */
const PRE_OPTIONS = new Set([
  '-t',
  '--table',
  '-n',
  '--numeric',
  '-w',
  '--wait',
  '-v',
  '--verbose',
  '-x',
  '--exact',
  '--line-numbers',
  '-V',
  '--version',
]);

/**
 * `-A CHAIN SPEC…` as iptables-restore reads it, without the option scan of a full command
 * line when no word needs it (a restored ruleset is mostly such lines); anything else goes
 * through iptablesCommand, so both read a line the same way.
 */
/**
 * Whether the kernel the running command talks to has ip_vs loaded (World.ipvsLoaded): set for
 * the length of one command, as the rule checks read it deep in parsing.
 */
let kernelIpvs = false;

/** run `f` with the kernel's ip_vs state of this namespace's world */
export function withKernel<T>(ns: Partial<Pick<Netns, 'world'>>, f: () => T): T {
  const prev = kernelIpvs;
  kernelIpvs = ns.world?.ipvsLoaded ?? false;
  try {
    return f();
  } finally {
    kernelIpvs = prev;
  }
}

export function iptablesAppendLine(ns: Pick<Netns, 'tables'>, table: TableName, words: string[]): void {
  if (
    (words[0] === '-A' || words[0] === '--append') &&
    !words.some((w, i) => i > 0 && (PRE_OPTIONS.has(w) || COMMANDS.has(w) || /^-[nvxL]{2,}$/.test(w)))
  ) {
    appendRules(Object.values(ns.tables), ns.tables[table], words[1], words.slice(2));
    return;
  }
  iptablesCommand(ns, ['-t', table, ...words]);
}

export function iptablesCommand(ns: Pick<Netns, 'tables'> & Partial<Pick<Netns, 'world'>>, args: string[]): ExecResult {
  const r = withKernel(ns, () => iptablesRun(ns, args));
  recentPrune(ns.tables);
  hashlimitSync(ns.tables, ns.world?.clock.now() ?? 0);
  // libxt_time reads --localtz as --kerneltz, and says so as it parses the option
  if (args.includes('--localtz') && args.some((x, i) => x === 'time' && (args[i - 1] === '-m' || args[i - 1] === '--match'))) {
    const w =
      'WARNING: --localtz is being replaced by --kerneltz, since "local" is ambiguous. Note the kernel timezone has caveats - see manpage for details.\n';
    return { ...r, stderr: w + r.stderr };
  }
  return r;
}

function iptablesRun(ns: Pick<Netns, 'tables'>, args: string[]): ExecResult {
  if (args.includes('-V') || args.includes('--version')) return ok(`${V}\n`);
  let tableName: TableName = 'filter';
  const a: string[] = [];
  let verbose = false;
  let numbers = false;
  let exact = false;
  let numeric = false;
  let counters: [number, number] | null = null;
  for (let i = 0; i < args.length; i++) {
    const k = args[i]!;
    if (k === '-t' || k === '--table') {
      const v = args[++i];
      if (!TABLE_NAMES.includes(v as TableName)) {
        if (v === undefined) throw usage('option "-t" requires an argument');
        throw new CmdError(`${V}: table '${v}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.`, 3);
      }
      tableName = v as TableName;
      continue;
    }
    if (k === '-n' || k === '--numeric') {
      numeric = true;
      continue;
    }
    if (k === '-w' || k === '--wait') continue;
    if (k === '-c' || k === '--set-counters') {
      // -c PKTS BYTES: the new rule's counters (iptables reads both with strtoull)
      const pk = args[i + 1];
      const by = args[i + 2];
      if (pk === undefined || by === undefined || pk.startsWith('-') || by.startsWith('-'))
        throw usage('-c requires packet and byte counter');
      if (!/^\d+$/.test(pk)) throw usage('-c packet counter not numeric');
      if (!/^\d+$/.test(by)) throw usage('-c byte counter not numeric');
      counters = [Number(pk), Number(by)];
      i += 2;
      continue;
    }
    if (k === '-v' || k === '--verbose') {
      verbose = true;
      continue;
    }
    if (k === '-x' || k === '--exact') {
      exact = true;
      continue;
    }
    if (k === '--line-numbers') {
      numbers = true;
      continue;
    }
    if (/^-[nvxL]{2,}$/.test(k)) {
      if (k.includes('n')) numeric = true;
      if (k.includes('v')) verbose = true;
      if (k.includes('x')) exact = true;
      if (k.includes('L')) a.push('-L');
      continue;
    }
    a.push(k);
  }
  const t = ns.tables[tableName];
  const cmd = a.shift();
  if (cmd === undefined) throw usage('no command specified');
  if (counters) {
    // -c goes with the commands that make a rule, and -P (where nf_tables keeps no policy counters)
    if (!['-A', '--append', '-I', '--insert', '-R', '--replace', '-P', '--policy'].includes(cmd))
      throw usage("Illegal option `-c' with this command");
    const before = new Set<Rule>();
    for (const c of t.chains.values()) for (const r of c.rules) before.add(r);
    const r = iptablesCommandOf(ns, t, tableName, cmd, a, verbose, numbers, exact, numeric);
    const [pkts, bytes] = counters;
    for (const c of t.chains.values())
      for (const rule of c.rules)
        if (!before.has(rule)) {
          rule.pkts = pkts;
          rule.bytes = bytes;
        }
    return r;
  }
  return iptablesCommandOf(ns, t, tableName, cmd, a, verbose, numbers, exact, numeric);
}

/** one command of iptables, its options read */
function iptablesCommandOf(
  ns: Pick<Netns, 'tables'>,
  t: Table,
  tableName: TableName,
  cmd: string,
  a: string[],
  verbose: boolean,
  numbers: boolean,
  exact: boolean,
  numeric: boolean,
): ExecResult {
  // one command per call (-L and -Z go together)
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    if (VALUE_OPTIONS.has(a[i - 1] ?? '')) continue;
    if (
      COMMANDS.has(x) &&
      !(ZERO_LIST.has(cmd) && ZERO_LIST.has(x) && (cmd === '-Z' || x === '-Z' || cmd === '--zero' || x === '--zero'))
    ) {
      throw usage(`Cannot use ${x} with ${cmd}`);
    }
  }
  // -Z -L is -L -Z: list, then zero
  const listing = a.find((x) => x === '-L' || x === '--list' || x === '-S' || x === '--list-rules');
  if ((cmd === '-Z' || cmd === '--zero') && listing)
    return iptablesCommandOf(ns, t, tableName, listing, [...a.filter((x) => x !== listing), cmd], verbose, numbers, exact, numeric);
  const needChain = (name: string | undefined): Chain => {
    if (name === undefined) throw usage('option requires an argument');
    const c = t.chains.get(name);
    if (!c) throw new CmdError('iptables: No chain/target/match by that name.', 1);
    return c;
  };
  // iptables-nft 1.8.9 lists a chain it cannot find with this message (measured: -L and -S, any table)
  const listedChain = (name: string): Chain => {
    const c = t.chains.get(name);
    if (!c) throw new CmdError(`iptables v1.8.9 (nf_tables): chain \`${name}' in table \`${t.name}' is incompatible, use 'nft' tool.`, 1);
    return c;
  };
  const newRule = (spec: Omit<Rule, 'pkts' | 'bytes'>): Rule => ({ ...spec, pkts: 0, bytes: 0 });
  switch (cmd) {
    case '-A':
    case '--append':
      appendRules(Object.values(ns.tables), t, a[0], a.slice(1));
      return ok();
    case '-C':
    case '--check': {
      const c = needChain(a[0]);
      const { rules } = parseRule(a.slice(1), tableName);
      for (const rule of rules) {
        const want = formatRuleSpec(newRule(rule));
        if (!c.rules.some((r) => formatRuleSpec(r) === want))
          throw new CmdError('iptables: Bad rule (does a matching rule exist in that chain?).', 1);
      }
      return ok();
    }
    case '-I':
    case '--insert': {
      const c = needChain(a[0]);
      let pos = 1;
      let rest = a.slice(1);
      if (rest[0] !== undefined && /^\d+$/.test(rest[0])) {
        pos = Number(rest[0]);
        rest = rest.slice(1);
      }
      if (pos < 1) throw usage('Invalid rule number');
      if (pos > c.rules.length + 1) throw new CmdError('iptables: Index of insertion too big.', 1);
      const { rules } = parseRule(rest, tableName);
      for (const rule of rules) checkRule(Object.values(ns.tables), t, c.name, rule, 'RULE_INSERT');
      // each one inserted at the same position: the last address ends up first
      for (const rule of rules) c.rules.splice(pos - 1, 0, newRule(rule));
      t.rev++;
      return ok();
    }
    case '-R':
    case '--replace': {
      const c = needChain(a[0]);
      const n = a[1];
      if (n === undefined || !/^\d+$/.test(n)) throw usage('Invalid rule number');
      const { rule, rules } = parseRule(a.slice(2), tableName);
      if (rules.length > 1) throw usage('Replacement rule does not specify a unique address');
      if (Number(n) < 1 || Number(n) > c.rules.length) throw new CmdError('iptables: Index of replacement too big.', 1);
      checkRule(Object.values(ns.tables), t, c.name, rule, 'RULE_REPLACE');
      c.rules[Number(n) - 1] = newRule(rule);
      t.rev++;
      return ok();
    }
    case '-D':
    case '--delete': {
      const c = needChain(a[0]);
      const rest = a.slice(1);
      if (rest.length === 1 && /^\d+$/.test(rest[0]!)) {
        const n = Number(rest[0]);
        if (n < 1 || n > c.rules.length) throw new CmdError('iptables: Index of deletion too big.', 1);
        c.rules.splice(n - 1, 1);
        t.rev++;
        return ok();
      }
      // every rule the addresses stand for, in one transaction: one missing deletes none
      const { rules } = parseRule(rest, tableName);
      const left = [...c.rules];
      for (const rule of rules) {
        const want = formatRuleSpec(newRule(rule));
        const i = left.findIndex((r) => formatRuleSpec(r) === want);
        if (i < 0) throw new CmdError('iptables: Bad rule (does a matching rule exist in that chain?).', 1);
        left.splice(i, 1);
      }
      c.rules = left;
      t.rev++;
      return ok();
    }
    case '-F':
    case '--flush': {
      if (a[0] !== undefined) needChain(a[0]).rules = [];
      else for (const c of t.chains.values()) c.rules = [];
      t.rev++;
      return ok();
    }
    case '-Z':
    case '--zero': {
      // -Z CHAIN RULENUM zeroes that rule alone, and says nothing
      const c = a[0] !== undefined ? needChain(a[0]) : null;
      const n = a[0] !== undefined ? ruleNumber(a[1]) : null;
      if (c && n !== null) {
        // a number past the chain's end zeroes nothing, and is no error
        const r = c.rules[n - 1];
        if (r) {
          r.pkts = 0;
          r.bytes = 0;
        }
        return ok();
      }
      return ok(zeroChains(c ? [c] : orderedChains(t), verbose));
    }
    case '-N':
    case '--new-chain': {
      const name = a[0];
      if (name === undefined) throw usage('option "-N" requires an argument');
      if (name.length > 28) throw usage(`chain name \`${name}' too long (must be under 29 chars)`);
      if (name.startsWith('-') || name.startsWith('!') || BUILTIN_TARGETS.includes(name) || /\s/.test(name)) {
        throw usage(`Invalid chain name \`${name}'`);
      }
      if (t.chains.has(name)) throw new CmdError('iptables: Chain already exists.', 1);
      t.chains.set(name, { name, policy: null, rules: [], pkts: 0, bytes: 0 });
      t.rev++;
      return ok();
    }
    case '-X':
    case '--delete-chain': {
      const del = (c: Chain): void => {
        if (c.policy !== null) throw new CmdError('iptables: Cannot delete built-in chain.', 1);
        if (refs(t, c.name) > 0) throw new CmdError(`${V}:  CHAIN_USER_DEL failed (Device or resource busy): chain ${c.name}`, 1);
        if (c.rules.length) throw new CmdError(`${V}:  CHAIN_USER_DEL failed (Device or resource busy): chain ${c.name}`, 1);
      };
      if (a[0] !== undefined) {
        const c = needChain(a[0]);
        del(c);
        t.chains.delete(c.name);
        t.rev++;
        return ok();
      }
      const users = [...t.chains.values()].filter((c) => c.policy === null);
      for (const c of users) if (c.rules.length) del(c);
      const referenced = users.filter((c) =>
        [...t.chains.values()].some(
          (o) =>
            !users.includes(o) && o.rules.some((r) => (r.target.kind === 'JUMP' || r.target.kind === 'GOTO') && r.target.chain === c.name),
        ),
      );
      if (referenced.length) del(referenced[0]!);
      for (const c of users) t.chains.delete(c.name);
      t.rev++;
      return ok();
    }
    case '-P':
    case '--policy': {
      const c = needChain(a[0]);
      const p = a[1];
      if (p === undefined) throw usage('-P requires a chain and a policy');
      if (c.policy === null) throw new CmdError('iptables: Bad built-in chain name.', 1);
      if (p !== 'ACCEPT' && p !== 'DROP') throw new CmdError("iptables: Bad policy name. Run `dmesg' for more information.", 1);
      if (tableName === 'nat' && p === 'DROP') throw usage(`Bad policy name`);
      c.policy = p;
      // iptables-nft sets the policy with counters of 0: from now on the kernel counts it
      c.pkts = 0;
      c.bytes = 0;
      c.counted = true;
      t.rev++;
      return ok();
    }
    case '-L':
    case '--list': {
      // -L [CHAIN [RULENUM]] [-Z]: the listing, then (with -Z) the counters zeroed
      const zero = a.some((x) => x === '-Z' || x === '--zero');
      const rest = a.filter((x) => x !== '-Z' && x !== '--zero');
      const chosen = rest[0] !== undefined && !rest[0].startsWith('-') ? listedChain(rest[0]) : null;
      const n = chosen ? ruleNumber(rest[1]) : null;
      const cs = chosen ? [chosen] : orderedChains(t);
      const out =
        n !== null
          ? listChain(t, chosen!, verbose, numbers, exact, numeric, n)
          : cs.map((c) => listChain(t, c, verbose, numbers, exact, numeric)).join('\n');
      return ok(out + (zero ? zeroChains(cs, verbose) : ''));
    }
    case '-S':
    case '--list-rules': {
      const zero = a.some((x) => x === '-Z' || x === '--zero');
      const rest = a.filter((x) => x !== '-Z' && x !== '--zero');
      const cs = rest[0] !== undefined ? [listedChain(rest[0])] : orderedChains(t);
      const n = rest[0] !== undefined ? ruleNumber(rest[1]) : null;
      if (n !== null) {
        // -S CHAIN RULENUM: that rule alone (nothing when the chain has fewer)
        const r = cs[0]!.rules[n - 1];
        return ok((r ? ruleSpecLine(cs[0]!.name, r, verbose) : '') + (zero ? zeroChains(cs, verbose) : ''));
      }
      let out = '';
      // -v adds each rule's counters before its target, and the policy's
      for (const c of cs)
        out +=
          c.policy !== null
            ? `-P ${c.name} ${c.policy}${verbose ? ` -c ${c.counted ? `${c.pkts} ${c.bytes}` : '0 0'}` : ''}\n`
            : `-N ${c.name}\n`;
      for (const c of cs) for (const r of c.rules) out += ruleSpecLine(c.name, r, verbose);
      return ok(out + (zero ? zeroChains(cs, verbose) : ''));
    }
    case '-E':
    case '--rename-chain': {
      // iptables-nft checks only that the new name is free and the old one exists
      const [from, to, extra] = a;
      if (from === undefined || to === undefined || to.startsWith('-') || to.startsWith('!'))
        throw usage('-E requires old-chain-name and new-chain-name');
      if (extra !== undefined) throw new CmdError(`Bad argument \`${extra}'\n${TRY}`, 2);
      if (t.chains.has(to)) throw new CmdError('iptables: File exists.', 1);
      const c = t.chains.get(from);
      if (!c) throw new CmdError('iptables: No chain/target/match by that name.', 1);
      // nf_tables renames the base chain too, and leaves a table iptables can no longer list: the lab keeps built-ins
      if (c.policy !== null) throw new CmdError('iptables: Operation not supported.', 1);
      renameChain(t, from, to);
      return ok();
    }
    default:
      throw usage(`unknown option "${cmd}"`);
  }
}

/** the RULENUM after -L/-S/-Z CHAIN: none, or a number from 1 (iptables' parse_rulenumber) */
function ruleNumber(v: string | undefined): number | null {
  if (v === undefined || v.startsWith('-')) return null;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new CmdError(`${V}: Invalid rule number \`${v}'\n${TRY}`, 2);
  return Number(v);
}

/** one rule as -S prints it; -v adds its counters before its target */
function ruleSpecLine(chain: string, r: Rule, verbose: boolean): string {
  if (!verbose) return `-A ${chain} ${formatRuleSpec(r)}`.trimEnd() + '\n';
  const tg = formatTarget(r.target);
  const spec = formatRuleSpec({ ...r, target: { kind: 'NONE' } });
  return `-A ${chain} ${spec ? `${spec} ` : ''}-c ${r.pkts} ${r.bytes}${tg ? ` ${tg}` : ''}\n`;
}

/** -Z: the chains' rule and policy counters back to 0; with -v each chain is named as it goes */
function zeroChains(cs: readonly Chain[], verbose: boolean): string {
  let out = '';
  for (const c of cs) {
    c.pkts = 0;
    c.bytes = 0;
    for (const r of c.rules) {
      r.pkts = 0;
      r.bytes = 0;
    }
    if (verbose) out += `Zeroing chain \`${c.name}'\n`;
  }
  return out;
}

/** a user chain under a new name: the jumps to it follow (nf_tables jumps by handle) */
function renameChain(t: Table, from: string, to: string): void {
  const chains = new Map<string, Chain>();
  for (const [name, c] of t.chains) {
    const rules = c.rules.map((r) =>
      (r.target.kind === 'JUMP' || r.target.kind === 'GOTO') && r.target.chain === from ? { ...r, target: { ...r.target, chain: to } } : r,
    );
    const next = name === from ? { ...c, name: to, rules } : { ...c, rules };
    chains.set(next.name, next);
  }
  t.chains.clear();
  for (const [k, v] of chains) t.chains.set(k, v);
  t.rev++;
}
