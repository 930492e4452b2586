// iptables' match extensions (iptables-extensions(8)) as libxt_* parse, check and print them:
// each an option table for ./xt.ts and a save function giving the form `iptables -S` prints.

import { formatIpv4, parseMac } from '../core/addr.ts';
import { hex, neg, type OptSpec, saveString, strtoui, val, type XtExt, xtError } from './xt.ts';

const u = (max: number | bigint, min?: number) => ({ t: 'uint', max, ...(min !== undefined ? { min } : {}) }) as const;
const none = { t: 'none' } as const;
const opt = (name: string, type: OptSpec['type'], flags: Omit<OptSpec, 'name' | 'type'> = {}): OptSpec => ({ name, type, ...flags });

/** XTTYPE_MARKMASK32 as mark / connmark print it: VALUE, or VALUE/MASK when the mask is not all ones */
function markMask([v, m]: [number, number]): string {
  return m === 0xffffffff ? hex(v) : `${hex(v)}/${hex(m)}`;
}

function range([lo, hi]: [number | bigint, number | bigint]): string {
  return lo === hi ? String(lo) : `${lo}:${hi}`;
}

/** the ToS names of libxt_tos / libxt_TOS: value/0x3f */
const TOS_NAMES: Readonly<Record<string, number>> = {
  'minimize-delay': 0x10,
  'maximize-throughput': 0x08,
  'maximize-reliability': 0x04,
  'minimize-cost': 0x02,
  'normal-service': 0x00,
};

/** XTTYPE_TOSMASK: VALUE[/MASK] (mask 0xff) or a symbolic name (mask 0x3f) */
export function parseTosMask(v: string): [number, number] {
  const name = TOS_NAMES[v.toLowerCase()];
  if (name !== undefined) return [name, 0x3f];
  const slash = v.indexOf('/');
  const a = strtoui(slash < 0 ? v : v.slice(0, slash), 255);
  const b = slash < 0 ? 0xff : strtoui(v.slice(slash + 1), 255);
  if (a === null || b === null) throw xtError(`Symbolic name "${v}" is unknown`);
  return [a, b];
}

/** the DiffServ class names (xt_dscp's class_to_dscp) */
const DSCP_CLASSES: Readonly<Record<string, number>> = {
  CS0: 0x00,
  CS1: 0x08,
  CS2: 0x10,
  CS3: 0x18,
  CS4: 0x20,
  CS5: 0x28,
  CS6: 0x30,
  CS7: 0x38,
  BE: 0x00,
  AF11: 0x0a,
  AF12: 0x0c,
  AF13: 0x0e,
  AF21: 0x12,
  AF22: 0x14,
  AF23: 0x16,
  AF31: 0x1a,
  AF32: 0x1c,
  AF33: 0x1e,
  AF41: 0x22,
  AF42: 0x24,
  AF43: 0x26,
  EF: 0x2e,
};

export function parseDscpClass(v: string): number {
  const c = DSCP_CLASSES[v.toUpperCase()];
  if (c === undefined) throw xtError(`Invalid DSCP value \`${v}'\n`);
  return c;
}

export function dscpHex(n: number): string {
  return `0x${n.toString(16).padStart(2, '0')}`;
}

/** libxt_conntrack's state and status names, in the order it prints them */
const CT_STATE_ORDER = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'];
const CT_STATUS_ORDER = ['EXPECTED', 'SEEN_REPLY', 'ASSURED', 'CONFIRMED'];

function nameList(v: string, known: readonly string[], what: string): string[] {
  const out = new Set<string>();
  for (const s of v.split(',')) {
    const up = s.toUpperCase();
    if (!known.includes(up)) throw xtError(`Bad ${what} "${s}"`);
    out.add(up);
  }
  return known.filter((k) => out.has(k));
}

/** an address with an optional mask as libxt_conntrack reads and prints it */
function ctAddr(v: string): string {
  const [host = '', mask] = v.split('/');
  const a = /^\d+\.\d+\.\d+\.\d+$/.test(host) ? host.split('.').map(Number) : null;
  if (!a || a.some((x) => x > 255)) throw xtError(`host/network \`${host}' not found`);
  const addr = (((a[0]! << 24) | (a[1]! << 16) | (a[2]! << 8) | a[3]!) >>> 0) as number;
  let plen = 32;
  if (mask !== undefined) {
    const n = strtoui(mask, 32);
    if (n === null) throw xtError(`invalid mask \`${mask}' specified`);
    plen = n;
  }
  const m = plen === 0 ? 0 : (0xffffffff << (32 - plen)) >>> 0;
  const net = formatIpv4(((addr & m) >>> 0) as never);
  return plen === 32 ? net : `${net}/${plen}`;
}

const PROTO_NUMS: Readonly<Record<string, number>> = {
  tcp: 6,
  udp: 17,
  icmp: 1,
  sctp: 132,
  dccp: 33,
  udplite: 136,
  gre: 47,
  esp: 50,
  ah: 51,
};

const conntrack: XtExt = {
  name: 'conntrack',
  opts: [
    opt('ctstate', { t: 'custom', parse: (v) => nameList(v, CT_STATE_ORDER, 'ctstate') }, { inv: true }),
    opt(
      'ctproto',
      {
        t: 'custom',
        parse: (v) => {
          const n = strtoui(v, 255) ?? PROTO_NUMS[v.toLowerCase()];
          if (n === undefined || n === null) throw xtError(`unknown protocol "${v}" specified`);
          if (n === 0) throw xtError('conntrack: Cannot match on protocol 0');
          return n;
        },
      },
      { inv: true },
    ),
    opt('ctorigsrc', { t: 'custom', parse: ctAddr }, { inv: true }),
    opt('ctorigdst', { t: 'custom', parse: ctAddr }, { inv: true }),
    opt('ctreplsrc', { t: 'custom', parse: ctAddr }, { inv: true }),
    opt('ctrepldst', { t: 'custom', parse: ctAddr }, { inv: true }),
    opt('ctorigsrcport', { t: 'range', max: 65535 }, { inv: true }),
    opt('ctorigdstport', { t: 'range', max: 65535 }, { inv: true }),
    opt('ctreplsrcport', { t: 'range', max: 65535 }, { inv: true }),
    opt('ctrepldstport', { t: 'range', max: 65535 }, { inv: true }),
    opt('ctstatus', { t: 'custom', parse: (v) => nameList(v, ['NONE', ...CT_STATUS_ORDER], 'ctstatus') }, { inv: true }),
    opt('ctexpire', { t: 'range', max: 4294967295 }, { inv: true }),
    opt('ctdir', {
      t: 'custom',
      parse: (v) => {
        if (v.toUpperCase() !== 'ORIGINAL' && v.toUpperCase() !== 'REPLY') throw xtError(`Unknown --ctdir "${v}"`);
        return v.toUpperCase();
      },
    }),
  ],
  check: (o) => {
    if (o.size === 0) throw xtError('conntrack: At least one option is required');
  },
  save: (o) => {
    const p: string[] = [];
    const st = val<string[]>(o, 'ctstate');
    if (st) p.push(`${neg(o, 'ctstate')}--ctstate ${st.join(',')}`);
    const pr = val<number>(o, 'ctproto');
    if (pr !== undefined) p.push(`${neg(o, 'ctproto')}--ctproto ${pr}`);
    for (const k of ['ctorigsrc', 'ctorigdst', 'ctreplsrc', 'ctrepldst']) {
      const a = val<string>(o, k);
      if (a !== undefined) p.push(`${neg(o, k)}--${k} ${a}`);
    }
    for (const k of ['ctorigsrcport', 'ctorigdstport', 'ctreplsrcport', 'ctrepldstport']) {
      const r = val<[number, number]>(o, k);
      if (r) p.push(`${neg(o, k)}--${k} ${range(r)}`);
    }
    const ss = val<string[]>(o, 'ctstatus');
    if (ss) {
      const bits = ss.filter((s) => s !== 'NONE');
      p.push(`${neg(o, 'ctstatus')}--ctstatus ${bits.length ? bits.join(',') : 'NONE'}`);
    }
    const e = val<[number, number]>(o, 'ctexpire');
    if (e) p.push(`${neg(o, 'ctexpire')}--ctexpire ${range(e)}`);
    const d = val<string>(o, 'ctdir');
    if (d) p.push(`--ctdir ${d}`);
    return p.join(' ');
  },
};

/** the printed name of a conntrack state set, in libxt_conntrack's order */
export function ctStateOrder(states: readonly string[]): string[] {
  return CT_STATE_ORDER.filter((s) => states.includes(s));
}

const mark: XtExt = {
  name: 'mark',
  opts: [opt('mark', { t: 'markmask' }, { inv: true, mand: true })],
  save: (o) => `${neg(o, 'mark')}--mark ${markMask(val(o, 'mark')!)}`,
};

const connmark: XtExt = {
  name: 'connmark',
  opts: [opt('mark', { t: 'markmask' }, { inv: true, mand: true })],
  save: (o) => `${neg(o, 'mark')}--mark ${markMask(val(o, 'mark')!)}`,
};

const length: XtExt = {
  name: 'length',
  opts: [opt('length', { t: 'range', max: 65535 }, { inv: true, mand: true })],
  save: (o) => `${neg(o, 'length')}--length ${range(val(o, 'length')!)}`,
};

function ipRange(v: string): [number, number] {
  const [a, b] = v.split('-');
  const ip = (s: string | undefined) => {
    const m = s !== undefined && /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
    if (!m || m.slice(1).some((x) => Number(x) > 255)) throw xtError(`iprange match: Bad IP address "${s ?? ''}"`);
    return ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
  };
  const lo = ip(a);
  return [lo, b === undefined ? lo : ip(b)];
}

const iprange: XtExt = {
  name: 'iprange',
  opts: [
    opt('src-range', { t: 'custom', parse: ipRange }, { inv: true }),
    opt('dst-range', { t: 'custom', parse: ipRange }, { inv: true }),
  ],
  check: (o) => {
    if (o.size === 0) throw xtError("iprange match: You must specify `--src-range' or `--dst-range'");
  },
  save: (o) =>
    ['src-range', 'dst-range']
      .filter((k) => o.has(k))
      .map((k) => {
        const [lo, hi] = val<[number, number]>(o, k)!;
        return `${neg(o, k)}--${k} ${formatIpv4(lo as never)}-${formatIpv4(hi as never)}`;
      })
      .join(' '),
};

const mac: XtExt = {
  name: 'mac',
  opts: [
    opt(
      'mac-source',
      {
        t: 'custom',
        parse: (v) => {
          if (!/^[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}$/.test(v) || !parseMac(v)) throw xtError('Invalid MAC address specified.');
          return v
            .split(':')
            .map((x) => x.toLowerCase().padStart(2, '0'))
            .join(':');
        },
      },
      { inv: true, mand: true },
    ),
  ],
  save: (o) => `${neg(o, 'mac-source')}--mac-source ${val<string>(o, 'mac-source')}`,
};

const PKT_TYPES = ['unicast', 'broadcast', 'multicast', 'host', 'otherhost', 'outgoing', 'loopback'];
const pkttype: XtExt = {
  name: 'pkttype',
  opts: [
    opt(
      'pkt-type',
      {
        t: 'custom',
        parse: (v) => {
          const t = v.toLowerCase();
          if (!PKT_TYPES.includes(t)) throw xtError(`Bad packet type '${v}'`);
          // host is unicast and otherhost/outgoing/loopback are printed by their own names
          return t === 'host' ? 'unicast' : t;
        },
      },
      { inv: true, mand: true },
    ),
  ],
  save: (o) => `${neg(o, 'pkt-type')}--pkt-type ${val<string>(o, 'pkt-type')}`,
};

const ttl: XtExt = {
  name: 'ttl',
  opts: [
    opt('ttl-eq', u(255), { inv: true, excl: ['ttl-lt', 'ttl-gt'] }),
    opt('ttl-lt', u(255), { excl: ['ttl-eq', 'ttl-gt'] }),
    opt('ttl-gt', u(255), { excl: ['ttl-eq', 'ttl-lt'] }),
  ],
  check: (o) => {
    if (o.size === 0) throw xtError("TTL match: You must specify one of `--ttl-eq', `--ttl-lt', `--ttl-gt'");
  },
  save: (o) => {
    for (const k of ['ttl-eq', 'ttl-lt', 'ttl-gt']) if (o.has(k)) return `${neg(o, k)}--${k} ${val<number>(o, k)}`;
    return '';
  },
};

const tos: XtExt = {
  name: 'tos',
  opts: [opt('tos', { t: 'custom', parse: parseTosMask }, { inv: true, mand: true })],
  save: (o) => {
    const [v, m] = val<[number, number]>(o, 'tos')!;
    return `${neg(o, 'tos')}--tos ${dscpHex(v)}/${dscpHex(m)}`;
  },
};

const dscp: XtExt = {
  name: 'dscp',
  opts: [
    opt('dscp', u(63), { inv: true, excl: ['dscp-class'] }),
    opt('dscp-class', { t: 'custom', parse: parseDscpClass }, { inv: true, excl: ['dscp'] }),
  ],
  check: (o) => {
    if (o.size === 0) throw xtError('DSCP match: Parameter --dscp is required');
  },
  save: (o) => {
    const k = o.has('dscp') ? 'dscp' : 'dscp-class';
    return `${neg(o, k)}--dscp ${dscpHex(val<number>(o, k)!)}`;
  },
};

/** libxt_limit's rate: N[/second|minute|hour|day] (any prefix of the unit) */
const LIMIT_UNITS: ReadonlyArray<readonly [string, number, string]> = [
  ['second', 1, 'sec'],
  ['minute', 60, 'min'],
  ['hour', 3600, 'hour'],
  ['day', 86400, 'day'],
];
const XT_LIMIT_SCALE = 10000;

function parseRate(v: string): number {
  const slash = v.indexOf('/');
  const n = strtoui(slash < 0 ? v : v.slice(0, slash), 0xffffffff);
  let mult = 1;
  if (slash >= 0) {
    const unit = v.slice(slash + 1);
    const hit = LIMIT_UNITS.find(([name]) => unit.length > 0 && name.startsWith(unit));
    if (!hit) throw xtError(`bad rate "${v}"'`);
    mult = hit[1];
  }
  if (n === null || n === 0) throw xtError(`bad rate "${v}"'`);
  const r = Math.floor((XT_LIMIT_SCALE * mult) / n);
  if (r === 0) throw xtError(`Rate too fast "${v}"\n`);
  return r;
}

/** libxt_limit print_rate: the largest unit that still reads as a whole number of packets */
export function formatRate(period: number): string {
  const rates = [...LIMIT_UNITS].reverse().map(([, mult, short]) => [XT_LIMIT_SCALE * mult, short] as const);
  let i = 1;
  for (; i < rates.length; i++) {
    const mult = rates[i]![0];
    if (period > mult || Math.floor(mult / period) < mult % period) break;
  }
  const [mult, short] = rates[i - 1]!;
  return `${Math.floor(mult / period)}/${short}`;
}

const limit: XtExt = {
  name: 'limit',
  opts: [opt('limit', { t: 'custom', parse: parseRate }), opt('limit-burst', u(10000))],
  save: (o) => {
    const p = [`--limit ${formatRate(val<number>(o, 'limit') ?? Math.floor((XT_LIMIT_SCALE * 3600) / 3))}`];
    const b = val<number>(o, 'limit-burst');
    if (b !== undefined && b !== 5) p.push(`--limit-burst ${b}`);
    return p.join(' ');
  },
};

const helper: XtExt = {
  name: 'helper',
  opts: [opt('helper', { t: 'string', max: 29 }, { inv: true, mand: true })],
  save: (o) => `${neg(o, 'helper')}--helper ${saveString(val<string>(o, 'helper')!)}`,
};

const quota: XtExt = {
  name: 'quota',
  opts: [opt('quota', u(18446744073709551615n), { inv: true, mand: true })],
  save: (o) => `${neg(o, 'quota')}--quota ${val<bigint>(o, 'quota')}`,
};

const tcpmss: XtExt = {
  name: 'tcpmss',
  kernelOk: (_o, ctx) => ctx.proto === 6 && !ctx.protoNeg,
  opts: [opt('mss', { t: 'range', max: 65535 }, { inv: true, mand: true })],
  parse: (_n, o) => {
    const [lo, hi] = val<[number, number]>(o, 'mss')!;
    if (lo > hi) throw xtError('tcpmss: invalid range given');
  },
  save: (o) => `${neg(o, 'mss')}--mss ${range(val(o, 'mss')!)}`,
};

/** an uid or gid: a number, a range N-M, or a name of the recording machine's passwd/group */
function ownerId(kind: 'uid' | 'gid') {
  return (v: string): [number, number] => {
    if (v === 'root') return [0, 0];
    const m = /^(\d+)(?:-(\d+))?$/.exec(v);
    if (!m) throw xtError(`owner: Bad value for "--${kind}-owner" option: "${v}"`);
    const lo = Number(m[1]);
    return [lo, m[2] !== undefined ? Number(m[2]) : lo];
  };
}

const owner: XtExt = {
  name: 'owner',
  // a packet has a socket only on its way out
  hooks: ['OUTPUT', 'POSTROUTING'],
  opts: [
    opt('uid-owner', { t: 'custom', parse: ownerId('uid') }, { inv: true }),
    opt('gid-owner', { t: 'custom', parse: ownerId('gid') }, { inv: true }),
    opt('socket-exists', none, { inv: true }),
    opt('suppl-groups', none),
  ],
  parse: (name, o) => {
    if (name === 'suppl-groups' && !o.has('gid-owner'))
      throw xtError('owner: Bad value for "--suppl-groups" option: "you need to use --gid-owner first"');
  },
  save: (o) => {
    const p: string[] = [];
    for (const k of ['uid-owner', 'gid-owner']) {
      const r = val<[number, number]>(o, k);
      if (r) p.push(`${neg(o, k)}--${k} ${r[0] === r[1] ? r[0] : `${r[0]}-${r[1]}`}`);
    }
    if (o.has('suppl-groups')) p.push('--suppl-groups');
    if (o.has('socket-exists')) p.push(`${neg(o, 'socket-exists')}--socket-exists`);
    return p.join(' ');
  },
};

/** the match extensions this lab knows beyond the ones src/cmd/iptables.ts reads itself */
export const XT_MATCHES: ReadonlyMap<string, XtExt> = new Map(
  [conntrack, mark, connmark, length, iprange, mac, pkttype, ttl, tos, dscp, limit, helper, quota, tcpmss, owner].map((x) => [x.name, x]),
);
