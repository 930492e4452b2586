// iptables' match extensions (iptables-extensions(8)) as libxt_* parse, check and print them:
// each an option table for ./xt.ts and a save function giving the form `iptables -S` prints.

import { formatIpv4, parseIpv4, parseMac } from '../core/addr.ts';
import { ipaddrToName } from './netdb.ts';
import { serviceToPort } from './services.ts';
import { XT_MATCHES_MISC } from './xt-matches-misc.ts';
import { hex, neg, type OptSpec, saveString, strtoui, val, type XtExt, type XtOpts, xtError } from './xt.ts';

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
/** tos_symbol_names: the names libxt_tos prints, in its order */
const TOS_SYMBOLS: ReadonlyArray<readonly [string, number]> = [
  ['Minimize-Delay', 0x10],
  ['Maximize-Throughput', 0x08],
  ['Maximize-Reliability', 0x04],
  ['Minimize-Cost', 0x02],
  ['Normal-Service', 0x00],
];

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
          const n = strtoui(v, 255) ?? (v.toLowerCase() === 'all' ? 0 : PROTO_NUMS[v.toLowerCase()]);
          if (n === undefined || n === null) throw xtError(`unknown protocol "${v}" specified`);
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
  // conntrack_dump: each option in this order, its negation before its name
  print: (o, _ctx, numeric) => {
    let s = '';
    const pre = (k: string) => `${o.get(k)!.neg ? ' !' : ''} ${k}`;
    const st = val<string[]>(o, 'ctstate');
    if (st) s += `${pre('ctstate')} ${st.join(',')}`;
    const pr = val<number>(o, 'ctproto');
    if (pr !== undefined) s += `${pre('ctproto')} ${pr}`;
    for (const k of ['ctorigsrc', 'ctorigdst', 'ctreplsrc', 'ctrepldst']) {
      const a = val<string>(o, k);
      if (a === undefined) continue;
      // conntrack_dump_addr: `anywhere` for 0.0.0.0 whatever its mask, else the name and the mask
      const [host, plen] = a.split('/');
      const n = parseIpv4(host!)!;
      s += `${pre(k)} ${numeric ? a : n === 0 ? 'anywhere' : `${ipaddrToName(n) ?? host}${plen !== undefined ? `/${plen}` : ''}`}`;
    }
    for (const k of ['ctorigsrcport', 'ctorigdstport', 'ctreplsrcport', 'ctrepldstport']) {
      const r = val<[number, number]>(o, k);
      if (r) s += `${pre(k)} ${range(r)}`;
    }
    const ss = val<string[]>(o, 'ctstatus');
    if (ss) {
      const bits = ss.filter((x) => x !== 'NONE');
      s += `${pre('ctstatus')} ${bits.length ? bits.join(',') : 'NONE'}`;
    }
    const e = val<[number, number]>(o, 'ctexpire');
    if (e) s += `${pre('ctexpire')} ${range(e)}`;
    const d = val<string>(o, 'ctdir');
    if (d) s += ` ctdir ${d}`;
    return s;
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
  // connmark_mt_print, then xtables_print_mark_mask's own leading space
  print: (o) => ` connmark match ${o.get('mark')!.neg ? '!' : ''} ${markMask(val(o, 'mark')!)}`,
};

const length: XtExt = {
  name: 'length',
  opts: [opt('length', { t: 'range', max: 65535 }, { inv: true, mand: true })],
  save: (o) => `${neg(o, 'length')}--length ${range(val(o, 'length')!)}`,
  print: (o) => ` length ${o.get('length')!.neg ? '!' : ''}${range(val(o, 'length')!)}`,
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
  // iprange_mt4_print: the source range, then the destination range, always as numbers
  print: (o) =>
    (
      [
        ['src-range', 'source'],
        ['dst-range', 'destination'],
      ] as const
    )
      .filter(([k]) => o.has(k))
      .map(([k, what]) => {
        const [lo, hi] = val<[number, number]>(o, k)!;
        return ` ${what} IP range${o.get(k)!.neg ? ' !' : ''} ${formatIpv4(lo as never)}-${formatIpv4(hi as never)}`;
      })
      .join(''),
};

const mac: XtExt = {
  name: 'mac',
  // a packet has a MAC header only on its way in (xt_mac's hook mask)
  hooks: ['PREROUTING', 'INPUT', 'FORWARD'],
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
  print: (o) => ` MAC ${o.get('mac-source')!.neg ? '! ' : ''}${val<string>(o, 'mac-source')}`,
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
  print: (o) => ` PKTTYPE ${o.get('pkt-type')!.neg ? '!' : ''}= ${val<string>(o, 'pkt-type')}`,
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
  // ttl_print: the comparison the mode stands for
  print: (o) => {
    const k = ['ttl-eq', 'ttl-lt', 'ttl-gt'].find((x) => o.has(x))!;
    const op = k === 'ttl-eq' ? (o.get(k)!.neg ? '!=' : '==') : k === 'ttl-lt' ? '<' : '>';
    return ` TTL match TTL ${op} ${val<number>(o, k)}`;
  },
};

const tos: XtExt = {
  name: 'tos',
  opts: [opt('tos', { t: 'custom', parse: parseTosMask }, { inv: true, mand: true })],
  save: (o) => {
    const [v, m] = val<[number, number]>(o, 'tos')!;
    return `${neg(o, 'tos')}--tos ${dscpHex(v)}/${dscpHex(m)}`;
  }, // tos_mt_print: a symbolic name under the mask 0x3f unless -n, else value/mask, both glued to `match`
  print: (o, _ctx, numeric) => {
    const [v, m] = val<[number, number]>(o, 'tos')!;
    const name = numeric || m !== 0x3f ? undefined : TOS_SYMBOLS.find(([, n]) => n === v)?.[0];
    return ` tos match${o.get('tos')!.neg ? '!' : ''}${name !== undefined ? ` ${name}` : `${dscpHex(v)}/${dscpHex(m)}`}`;
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
  print: (o) => {
    const k = o.has('dscp') ? 'dscp' : 'dscp-class';
    return ` DSCP match ${o.get(k)!.neg ? '!' : ''}${dscpHex(val<number>(o, k)!)}`;
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

function parseRate(v: string, scale = XT_LIMIT_SCALE): number {
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
  const r = Math.floor((scale * mult) / n);
  if (r === 0) throw xtError(`Rate too fast "${v}"\n`);
  return r;
}

/** libxt_limit print_rate: the largest unit that still reads as a whole number of packets */
export function formatRate(period: number, scale = XT_LIMIT_SCALE): string {
  return rateUnit(period, scale).text;
}

/** print_rate: the rate's text and the seconds of the unit it is printed in */
function rateUnit(period: number, scale: number): { text: string; secs: number } {
  const rates = [...LIMIT_UNITS].reverse().map(([, secs, short]) => [scale * secs, short, secs] as const);
  let i = 1;
  for (; i < rates.length; i++) {
    const mult = rates[i]![0];
    if (period > mult || Math.floor(mult / period) < mult % period) break;
  }
  const [mult, short, secs] = rates[i - 1]!;
  return { text: `${Math.floor(mult / period)}/${short}`, secs };
}

const limit: XtExt = {
  name: 'limit',
  opts: [opt('limit', { t: 'custom', parse: (v) => parseRate(v) }), opt('limit-burst', u(10000))],
  save: (o) => {
    const p = [`--limit ${formatRate(val<number>(o, 'limit') ?? Math.floor((XT_LIMIT_SCALE * 3600) / 3))}`];
    const b = val<number>(o, 'limit-burst');
    if (b !== undefined && b !== 5) p.push(`--limit-burst ${b}`);
    return p.join(' ');
  },
  print: (o) =>
    ` limit: avg ${formatRate(val<number>(o, 'limit') ?? Math.floor((XT_LIMIT_SCALE * 3600) / 3))} burst ${val<number>(o, 'limit-burst') ?? 5}`,
};

const helper: XtExt = {
  name: 'helper',
  opts: [opt('helper', { t: 'string', max: 29 }, { inv: true, mand: true })],
  save: (o) => `${neg(o, 'helper')}--helper ${saveString(val<string>(o, 'helper')!)}`,
  print: (o) => ` helper match ${o.get('helper')!.neg ? '! ' : ''}"${val<string>(o, 'helper')}"`,
};

const quota: XtExt = {
  name: 'quota',
  opts: [opt('quota', u(18446744073709551615n), { inv: true, mand: true })],
  save: (o) => `${neg(o, 'quota')}--quota ${val<bigint>(o, 'quota')}`,
  // quota_print: the bytes left, never the negation
  print: (o) => ` quota: ${val<bigint>(o, 'quota')} bytes`,
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
  print: (o) => ` tcpmss match ${o.get('mss')!.neg ? '!' : ''}${range(val(o, 'mss')!)}`,
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
  }, // owner_mt_print: socket, UID, GID, supplementary groups; a single id by its name unless -n
  print: (o, _ctx, numeric) => {
    let s = '';
    const item = (k: string, label: string) => {
      const x = o.get(k);
      if (x) s += `${x.neg ? ' !' : ''} ${label}`;
      return x;
    };
    item('socket-exists', 'owner socket exists');
    for (const [k, label] of [
      ['uid-owner', 'owner UID match'],
      ['gid-owner', 'owner GID match'],
    ] as const) {
      if (!item(k, label)) continue;
      const [lo, hi] = val<[number, number]>(o, k)!;
      // the lab's only user and group is root (id 0)
      s += lo !== hi ? ` ${lo}-${hi}` : !numeric && lo === 0 ? ' root' : ` ${lo}`;
    }
    item('suppl-groups', 'incl. suppl. groups');
    return s;
  },
};

/** hashlimit's rate: packets N/unit (as limit, scaled by 1000000) or bytes N[b|kb|mb]/s */
const HL_SCALE = 1_000_000;
/** a rate in packets keeps the seconds of its unit (`mult`): the entries' default lifetime */
export type HlRate =
  | { readonly bytes: true; readonly n: number }
  | { readonly bytes: false; readonly period: number; readonly mult: number };
function parseHlRate(v: string): HlRate {
  const b = /^(\d+)(b|kb|mb)\/s$/.exec(v);
  if (b) return { bytes: true, n: Number(b[1]) * (b[2] === 'mb' ? 1 << 20 : b[2] === 'kb' ? 1 << 10 : 1) };
  const unit = v.includes('/') ? v.slice(v.indexOf('/') + 1) : '';
  const mult = unit ? (LIMIT_UNITS.find(([name]) => name.startsWith(unit))?.[1] ?? 1) : 1;
  return { bytes: false, period: parseRate(v, HL_SCALE), mult };
}
function bytesText(n: number): string {
  return n % (1 << 20) === 0 ? `${n / (1 << 20)}mb` : n % (1 << 10) === 0 ? `${n / (1 << 10)}kb` : `${n}b`;
}
/** XT_HASHLIMIT_BYTE_EXPIRE / _BURST: the seconds a byte-rate entry lives, without and with a burst */
const HL_BYTE_EXPIRE = 15;
const HL_BYTE_EXPIRE_BURST = 60;
/** XT_HASHLIMIT_GCINTERVAL, ms */
const HL_GCINTERVAL = 1000;
const HL_MODES = ['srcip', 'srcport', 'dstip', 'dstport'];
const hashlimit: XtExt = {
  name: 'hashlimit',
  opts: [
    opt('hashlimit-upto', { t: 'custom', parse: parseHlRate }, { excl: ['hashlimit-above'] }),
    opt('hashlimit-above', { t: 'custom', parse: parseHlRate }, { excl: ['hashlimit-upto'] }),
    opt('hashlimit-burst', {
      t: 'custom',
      parse: (v) => {
        const b = /^(\d+)(b|kb|mb)?$/.exec(v);
        if (!b) throw xtError(`hashlimit: bad value for option "--hashlimit-burst", or out of range (1-10000).\n`);
        return b[2] ? { bytes: Number(b[1]) * (b[2] === 'mb' ? 1 << 20 : b[2] === 'kb' ? 1 << 10 : 1) } : { n: Number(b[1]) };
      },
    }),
    opt('hashlimit-mode', {
      t: 'custom',
      parse: (v) => {
        const ms = v.split(',');
        for (const m of ms) if (!HL_MODES.includes(m)) throw xtError(`hashlimit: bad value for option "--hashlimit-mode".\n`);
        return HL_MODES.filter((m) => ms.includes(m));
      },
    }),
    opt('hashlimit-name', { t: 'string', max: 255 }, { mand: true }),
    opt('hashlimit-htable-size', u(0xffffffff)),
    opt('hashlimit-htable-max', u(0xffffffff)),
    opt('hashlimit-htable-gcinterval', u(0xffffffff)),
    opt('hashlimit-htable-expire', u(0xffffffff)),
    opt('hashlimit-srcmask', u(32)),
    opt('hashlimit-dstmask', u(32)),
    opt('hashlimit-rate-match', none),
    opt('hashlimit-rate-interval', u(0xffffffff, 1)),
  ],
  check: (o) => {
    if (!o.has('hashlimit-upto') && !o.has('hashlimit-above')) throw xtError('You have to specify --hashlimit');
  },
  save: (o) => {
    const which = o.has('hashlimit-above') ? 'hashlimit-above' : 'hashlimit-upto';
    const r = val<HlRate>(o, which)!;
    const p = [`--${which} ${r.bytes ? `${bytesText(r.n)}/s` : formatRate(r.period, HL_SCALE)}`];
    const b = val<{ n?: number; bytes?: number }>(o, 'hashlimit-burst');
    if (b?.bytes !== undefined) p.push(`--hashlimit-burst ${bytesText(b.bytes)}`);
    else if (!r.bytes) p.push(`--hashlimit-burst ${b?.n ?? 5}`);
    const m = val<string[]>(o, 'hashlimit-mode');
    if (m?.length) p.push(`--hashlimit-mode ${m.join(',')}`);
    p.push(`--hashlimit-name ${val<string>(o, 'hashlimit-name')}`);
    for (const k of ['htable-size', 'htable-max', 'htable-gcinterval', 'htable-expire', 'srcmask', 'dstmask']) {
      const v = val<number>(o, `hashlimit-${k}`);
      if (v !== undefined) p.push(`--hashlimit-${k} ${v}`);
    }
    if (o.has('hashlimit-rate-match')) p.push('--hashlimit-rate-match');
    const iv = val<number>(o, 'hashlimit-rate-interval');
    if (iv !== undefined) p.push(`--hashlimit-rate-interval ${iv}`);
    return p.join(' ');
  },
  // hashlimit_mt_print (revision 3): the rate over --hashlimit-rate-interval; defaults left out
  print: (o) => {
    const above = o.has('hashlimit-above');
    const r = val<HlRate>(o, above ? 'hashlimit-above' : 'hashlimit-upto')!;
    const b = val<{ n?: number; bytes?: number }>(o, 'hashlimit-burst');
    const iv = val<number>(o, 'hashlimit-rate-interval') ?? 1;
    let s = ` limit: ${above ? 'above' : 'up to'}`;
    // the default lifetime of an entry, in ms: what print_rate / print_bytes return
    let quantum: number;
    let expire: number;
    if (r.bytes) {
      s += ` ${bytesText(r.n)}/s`;
      if (b?.bytes !== undefined) s += ` burst ${bytesText(b.bytes)}`;
      quantum = (b?.bytes !== undefined ? HL_BYTE_EXPIRE_BURST : HL_BYTE_EXPIRE) * 1000;
      expire = quantum;
    } else {
      const u = rateUnit(r.period * iv, HL_SCALE);
      s += ` ${u.text} burst ${b?.n ?? 5}`;
      quantum = u.secs * 1000;
      expire = r.mult * 1000;
    }
    const m = val<string[]>(o, 'hashlimit-mode');
    if (m?.length) s += ` mode ${m.join('-')}`;
    const num = (k: string) => val<number>(o, `hashlimit-${k}`);
    if (num('htable-size')) s += ` htable-size ${num('htable-size')}`;
    if (num('htable-max')) s += ` htable-max ${num('htable-max')}`;
    const gc = num('htable-gcinterval') ?? HL_GCINTERVAL;
    if (gc !== HL_GCINTERVAL) s += ` htable-gcinterval ${gc}`;
    expire = num('htable-expire') ?? expire;
    if (expire !== quantum) s += ` htable-expire ${expire}`;
    for (const k of ['srcmask', 'dstmask']) {
      const v = num(k) ?? 32;
      if (v !== 32) s += ` ${k} ${v}`;
    }
    if (o.has('hashlimit-rate-match')) s += ` rate-match${iv !== 1 ? ` rate-interval ${iv}` : ''}`;
    return s;
  },
};

const connlimit: XtExt = {
  name: 'connlimit',
  opts: [
    opt('connlimit-upto', u(0xffffffff), { excl: ['connlimit-above'] }),
    opt('connlimit-above', u(0xffffffff), { excl: ['connlimit-upto'] }),
    opt('connlimit-mask', u(32)),
    opt('connlimit-saddr', none, { excl: ['connlimit-daddr'] }),
    opt('connlimit-daddr', none, { excl: ['connlimit-saddr'] }),
  ],
  check: (o) => {
    if (!o.has('connlimit-upto') && !o.has('connlimit-above')) throw xtError('You must specify "--connlimit-above" or "--connlimit-upto".');
  },
  save: (o) => {
    const k = o.has('connlimit-above') ? 'connlimit-above' : 'connlimit-upto';
    return `--${k} ${val<number>(o, k)} --connlimit-mask ${val<number>(o, 'connlimit-mask') ?? 32} --connlimit-${o.has('connlimit-daddr') ? 'daddr' : 'saddr'}`;
  },
  // connlimit_print4: --connlimit-upto is the inverted --connlimit-above
  print: (o) => {
    const upto = o.has('connlimit-upto');
    const n = val<number>(o, upto ? 'connlimit-upto' : 'connlimit-above');
    return ` #conn ${o.has('connlimit-daddr') ? 'dst' : 'src'}/${val<number>(o, 'connlimit-mask') ?? 32} ${upto ? '<=' : '>'} ${n}`;
  },
};

const RECENT_OPS = ['set', 'rcheck', 'update', 'remove'];
const recent: XtExt = {
  name: 'recent',
  opts: [
    ...RECENT_OPS.map((k) => opt(k, none, { inv: true, excl: RECENT_OPS.filter((x) => x !== k) })),
    opt('seconds', u(0xffffffff, 1)),
    opt('reap', none, { also: ['seconds'] }),
    opt('hitcount', u(0xffffffff, 1)),
    opt('rttl', none, { excl: ['set', 'remove'] }),
    opt('name', { t: 'string', max: 199 }),
    opt('rsource', none, { excl: ['rdest'] }),
    opt('rdest', none, { excl: ['rsource'] }),
    opt('mask', { t: 'custom', parse: (v) => ctAddr(v) }),
  ],
  check: (o) => {
    if (!RECENT_OPS.some((k) => o.has(k))) throw xtError("recent: you must specify one of `--set', `--rcheck' `--update' or `--remove'");
  },
  // recent_mt_check: a hit count below XT_RECENT_MAX_NSTAMPS (65536)
  kernelOk: (o) => (val<number>(o, 'hitcount') ?? 0) < 65536,
  save: (o) => {
    const op = RECENT_OPS.find((k) => o.has(k))!;
    const p = [`${neg(o, op)}--${op}`];
    const sec = val<number>(o, 'seconds');
    if (sec !== undefined) p.push(`--seconds ${sec}`);
    if (o.has('reap')) p.push('--reap');
    const hc = val<number>(o, 'hitcount');
    if (hc !== undefined) p.push(`--hitcount ${hc}`);
    if (o.has('rttl')) p.push('--rttl');
    p.push(`--name ${val<string>(o, 'name') ?? 'DEFAULT'}`);
    p.push(`--mask ${val<string>(o, 'mask') ?? '255.255.255.255'}`);
    p.push(o.has('rdest') ? '--rdest' : '--rsource');
    return p.join(' ');
  },
  // recent_print: the operation in capitals, then what it was given, the mask as an address
  print: (o) => {
    const op = RECENT_OPS.find((k) => o.has(k))!;
    const names: Record<string, string> = { set: 'SET', rcheck: 'CHECK', update: 'UPDATE', remove: 'REMOVE' };
    let s = `${o.get(op)!.neg ? ' !' : ''} recent: ${names[op]}`;
    const sec = val<number>(o, 'seconds');
    if (sec) s += ` seconds: ${sec}`;
    if (o.has('reap')) s += ' reap';
    const hc = val<number>(o, 'hitcount');
    if (hc) s += ` hit_count: ${hc}`;
    if (o.has('rttl')) s += ' TTL-Match';
    s += ` name: ${val<string>(o, 'name') ?? 'DEFAULT'} side: ${o.has('rdest') ? 'dest' : 'source'}`;
    return `${s} mask: ${(val<string>(o, 'mask') ?? '255.255.255.255').split('/')[0]}`;
  },
};

/** esp / ah: an SPI range; the whole range says nothing and is not printed */
function spiMatch(name: 'esp' | 'ah', proto: number): XtExt {
  const o = `${name}spi`;
  return {
    name,
    opts: [opt(o, { t: 'range', max: 4294967295 }, { inv: true })],
    kernelOk: (_o, ctx) => ctx.proto === proto && !ctx.protoNeg,
    save: (x) => {
      const r = val<[number, number]>(x, o);
      // the whole range says nothing, inverted or not: iptables-nft keeps neither
      if (!r || (r[0] === 0 && r[1] === 4294967295)) return '';
      return `${neg(x, o)}--${o} ${range(r)}`;
    },
    // libipt_ah prints ` ah ` and its spis without a space; libxt_esp ` esp` and ` spi…`
    print: (x) => {
      const [lo, hi] = val<[number, number]>(x, o) ?? [0, 4294967295];
      const inv = x.get(o)?.neg ?? false;
      const spis =
        lo !== 0 || hi !== 4294967295 || inv ? (lo === hi ? `spi:${inv ? '!' : ''}${lo}` : `spis:${inv ? '!' : ''}${lo}:${hi}`) : '';
      return name === 'ah' ? ` ah ${spis}` : ` esp${spis ? ` ${spis}` : ''}`;
    },
  };
}

const statistic: XtExt = {
  name: 'statistic',
  opts: [
    opt(
      'mode',
      {
        t: 'custom',
        parse: (v) => {
          if (v !== 'random' && v !== 'nth') throw xtError(`Bad mode "${v}"`);
          return v;
        },
      },
      { mand: true },
    ),
    opt(
      'probability',
      {
        t: 'custom',
        parse: (v) => {
          const f = Number(v);
          if (!/^[0-9.]+$/.test(v) || !(f >= 0 && f <= 1))
            throw xtError('statistic: bad value for option "--probability", or out of range (0-1).\n');
          return Math.round(0x80000000 * f);
        },
      },
      { inv: true },
    ),
    opt('every', u(0xffffffff, 1), { inv: true, also: ['packet'] }),
    opt('packet', u(0xffffffff)),
  ],
  check: (o) => {
    const mode = val<string>(o, 'mode') ?? 'random';
    if (mode === 'random' && !o.has('probability')) throw xtError('--probability must be specified when using random mode');
    if (mode === 'nth' && !o.has('every') && !o.has('packet')) throw xtError('--every and --packet must be specified when using nth mode');
    const every = val<number>(o, 'every');
    const packet = val<number>(o, 'packet');
    // every is kept as n - 1 (0 when not given)
    if ((packet ?? 0) > (every !== undefined ? every - 1 : 0)) throw xtError('the --packet p must be 0 <= p <= n-1');
  },
  save: (o) => {
    if (val<string>(o, 'mode') === 'nth')
      return `--mode nth ${neg(o, 'every')}--every ${val<number>(o, 'every')} --packet ${val<number>(o, 'packet') ?? 0}`;
    return `--mode random ${neg(o, 'probability')}--probability ${(val<number>(o, 'probability')! / 0x80000000).toFixed(11)}`;
  },
  // statistic_print: the saved options without their dashes
  print: (o, ctx) => ` statistic ${statistic.save(o, ctx).replace(/--/g, '')}`,
};

/** a port or LO:HI of a protocol match (missing ends are 0 and 65535), names as getservbyname reads them */
function portRange(v: string, reversedOk = false): [number, number] {
  const one = (x: string, dflt: number) => {
    if (x === '') return dflt;
    const n = strtoui(x, 65535) ?? serviceToPort(x, 'tcp');
    if (n === null) throw xtError(`invalid port/service \`${x}' specified`);
    return n;
  };
  const c = v.indexOf(':');
  if (c < 0) {
    const p = one(v, 0);
    return [p, p];
  }
  const lo = one(v.slice(0, c), 0);
  const hi = one(v.slice(c + 1), 65535);
  if (lo > hi && !reversedOk) throw xtError('invalid portrange (min > max)');
  return [lo, hi];
}

function portsSave(o: XtOpts): string[] {
  const p: string[] = [];
  for (const k of ['sport', 'dport']) {
    const r = val<[number, number]>(o, k);
    if (r) p.push(`${neg(o, k)}--${k} ${range(r)}`);
  }
  return p;
}

/**
 * libxt_sctp / libxt_dccp print_ports: `spt:N` or `spts:LO:HI`, `!` after the colon; a whole
 * range not inverted prints nothing. Always numbers: /etc/services names no sctp or dccp port.
 */
function printPorts(name: string, [lo, hi]: [number, number], inv: boolean): string {
  if (lo === 0 && hi === 0xffff && !inv) return '';
  return lo === hi ? ` ${name}:${inv ? '!' : ''}${lo}` : ` ${name}s:${inv ? '!' : ''}${lo}:${hi}`;
}

/** sctp and dccp: ports (--source-port / --destination-port are the long names) */
const portOpts = [
  // libxt_dccp takes a reversed range as it is (it never matches)
  opt('sport', { t: 'custom', parse: (v) => portRange(v, true) }, { inv: true }),
  opt('dport', { t: 'custom', parse: (v) => portRange(v, true) }, { inv: true }),
];

/** libxt_sctp's chunk names: type number and the flag letters by bit (7 … 0) */
const SCTP_CHUNKS: ReadonlyArray<readonly [string, number, string]> = [
  ['DATA', 0, '----IUBE'],
  ['INIT', 1, '--------'],
  ['INIT_ACK', 2, '--------'],
  ['SACK', 3, '--------'],
  ['HEARTBEAT', 4, '--------'],
  ['HEARTBEAT_ACK', 5, '--------'],
  ['ABORT', 6, '-------T'],
  ['SHUTDOWN', 7, '--------'],
  ['SHUTDOWN_ACK', 8, '--------'],
  ['ERROR', 9, '--------'],
  ['COOKIE_ECHO', 10, '--------'],
  ['COOKIE_ACK', 11, '--------'],
  ['ECN_ECNE', 12, '--------'],
  ['ECN_CWR', 13, '--------'],
  ['SHUTDOWN_COMPLETE', 14, '-------T'],
  ['I_DATA', 64, '----IUBE'],
  ['RE_CONFIG', 130, '--------'],
  ['PAD', 132, '--------'],
  ['ASCONF', 193, '--------'],
  ['ASCONF_ACK', 128, '--------'],
  ['FORWARD_TSN', 192, '--------'],
  ['I_FORWARD_TSN', 194, '--------'],
];

interface SctpChunks {
  readonly how: 'any' | 'all' | 'only';
  /** 'ALL', 'NONE' or the chunk types set */
  readonly types: 'ALL' | 'NONE' | ReadonlySet<number>;
  /** flag value and mask, keyed as libxt_sctp keys them: by the chunk's index in SCTP_CHUNKS */
  readonly flags: ReadonlyMap<number, { flag: number; mask: number }>;
}

/** parse_sctp_chunks: ANY|ALL|ONLY, then ALL, NONE or NAME[:FLAGS],… */
function sctpChunks(how: string, list: string): SctpChunks {
  const h = how.toLowerCase();
  if (h !== 'any' && h !== 'all' && h !== 'only') throw xtError('Match type has to be one of "ALL", "ANY" or "ONLY"');
  const up = list.toUpperCase();
  if (up === 'ALL' || up === 'NONE') return { how: h, types: up, flags: new Map() };
  const types = new Set<number>();
  const flags = new Map<number, { flag: number; mask: number }>();
  for (const item of list.split(',').filter(Boolean)) {
    const c = item.indexOf(':');
    const name = c < 0 ? item : item.slice(0, c);
    const idx = SCTP_CHUNKS.findIndex(([n]) => n === name.toUpperCase());
    if (idx < 0) throw xtError(`Unknown sctp chunk \`${name}'`);
    const [, type, valid] = SCTP_CHUNKS[idx]!;
    types.add(type);
    if (c < 0) continue;
    for (const ch of item.slice(c + 1)) {
      const pos = valid.indexOf(ch.toUpperCase());
      if (pos < 0) throw xtError(`Invalid flags for chunk type ${idx}`);
      const bit = 1 << (7 - pos);
      let f = flags.get(idx);
      if (!f) {
        if (flags.size === 4)
          throw xtError(
            'Number of chunk types with flags exceeds currently allowed limit. Increasing this limit involves changing IPT_NUM_SCTP_FLAGS and recompiling both the kernel space and user space modules',
          );
        f = { flag: 0, mask: 0 };
        flags.set(idx, f);
      }
      f.mask |= bit;
      if (ch !== ch.toLowerCase()) f.flag |= bit;
    }
  }
  return { how: h, types, flags };
}

/**
 * print_chunks: the types in number order (as 0x%04X when numeric); flags where the index
 * libxt_sctp keyed them by is that number
 */
function sctpChunksText(c: SctpChunks, numeric = false): string {
  if (typeof c.types === 'string') return `${c.how} ${c.types}`;
  const out: string[] = [];
  for (const t of [...c.types].sort((a, b) => a - b)) {
    let s = numeric ? `0x${t.toString(16).toUpperCase().padStart(4, '0')}` : SCTP_CHUNKS.find(([, n]) => n === t)![0];
    const f = c.flags.get(t);
    if (f?.mask) {
      const valid = SCTP_CHUNKS[t]![2];
      s += ':';
      for (let b = 7; b >= 0; b--) if (f.mask & (1 << b)) s += f.flag & (1 << b) ? valid[7 - b] : valid[7 - b]!.toLowerCase();
    }
    out.push(s);
  }
  return `${c.how} ${out.length ? out.join(',') : 'NONE'}`;
}

const sctp: XtExt = {
  name: 'sctp',
  opts: [
    opt('sport', { t: 'custom', parse: (v) => portRange(v) }, { inv: true, once: "Only one `--source-port' allowed" }),
    opt('dport', { t: 'custom', parse: (v) => portRange(v) }, { inv: true, once: "Only one `--destination-port' allowed" }),
    opt(
      'chunk-types',
      { t: 'custom2', parse: sctpChunks, missing: '--chunk-types requires two args' },
      { inv: true, once: "Only one `--chunk-types' allowed" },
    ),
  ],
  kernelOk: (_o, ctx) => ctx.proto === 132 && !ctx.protoNeg,
  // sctp_save prints every option given, a whole port range too
  save: (o) => {
    const p: string[] = [];
    for (const k of ['sport', 'dport']) {
      const r = val<[number, number]>(o, k);
      if (r) p.push(`${neg(o, k)}--${k} ${range(r)}`);
    }
    const c = val<SctpChunks>(o, 'chunk-types');
    if (c) p.push(`${neg(o, 'chunk-types')}--chunk-types ${sctpChunksText(c)}`);
    return p.join(' ');
  },
  // sctp_print: ports as numbers (no sctp service in /etc/services), a whole range left out
  print: (o, _ctx, numeric) => {
    let s = ' sctp';
    for (const [k, n] of [
      ['sport', 'spt'],
      ['dport', 'dpt'],
    ] as const) {
      const r = val<[number, number]>(o, k);
      if (r) s += printPorts(n, r, o.get(k)!.neg);
    }
    const c = val<SctpChunks>(o, 'chunk-types');
    if (c) s += `${o.get('chunk-types')!.neg ? ' !' : ''} ${sctpChunksText(c, numeric)}`;
    return s;
  },
};

const DCCP_TYPES = ['REQUEST', 'RESPONSE', 'DATA', 'ACK', 'DATAACK', 'CLOSEREQ', 'CLOSE', 'RESET', 'SYNC', 'SYNCACK', 'INVALID'];
const dccp: XtExt = {
  name: 'dccp',
  opts: [
    ...portOpts,
    opt('dccp-types', { t: 'custom', parse: (v) => nameList(v, DCCP_TYPES, 'dccp type') }, { inv: true }),
    opt('dccp-option', u(255, 1), { inv: true }),
  ],
  kernelOk: (_o, ctx) => ctx.proto === 33 && !ctx.protoNeg,
  save: (o) => {
    const p = portsSave(o);
    const t = val<string[]>(o, 'dccp-types');
    if (t) p.push(`${neg(o, 'dccp-types')}--dccp-types ${t.join(',')}`);
    const op = val<number>(o, 'dccp-option');
    if (op !== undefined) p.push(`${neg(o, 'dccp-option')}--dccp-option ${op}`);
    return p.join(' ');
  },
  print: (o, _ctx, numeric) => {
    let s = ' dccp';
    for (const [k, n] of [
      ['sport', 'spt'],
      ['dport', 'dpt'],
    ] as const) {
      const r = val<[number, number]>(o, k);
      if (r) s += printPorts(n, r, o.get(k)!.neg);
    }
    const t = val<string[]>(o, 'dccp-types');
    if (t) {
      // print_types: INVALID also sets the bits of types 11-15, printed as numbers with -n
      const bits = t.map((n) => DCCP_TYPES.indexOf(n));
      if (t.includes('INVALID')) bits.push(11, 12, 13, 14, 15);
      s += `${neg(o, 'dccp-types') ? ' !' : ''} ${numeric ? bits.join(',') : t.join(',')}`;
    }
    const op = o.get('dccp-option');
    if (op && (op.v !== 0 || op.neg)) s += ` option=${op.neg ? '!' : ''}${op.v}`;
    return s;
  },
};

const CONNBYTES_MODES = ['packets', 'bytes', 'avgpkt'];
const CONNBYTES_DIRS = ['original', 'reply', 'both'];
const connbytes: XtExt = {
  name: 'connbytes',
  opts: [
    opt(
      'connbytes',
      {
        t: 'custom',
        // connbytes_parse: FROM alone runs to the end of the counter; FROM:TO needs FROM <= TO
        parse: (v) => {
          const m = /^(\d*)(?::(\d*))?$/.exec(v);
          const max = 18446744073709551615n;
          const from = m?.[1] ? BigInt(m[1]) : 0n;
          const to = m?.[2] ? BigInt(m[2]) : max;
          if (!m || from > max || to > max || (m[1] === '' && m[2] === undefined))
            throw xtError(`connbytes: bad value for option "--connbytes" near "${v}", or out of range (0-${max}).\n`);
          if (m[2] !== undefined && from > to) throw xtError(`${from} should be less than ${to}`);
          return [from, to];
        },
      },
      { inv: true, mand: true },
    ),
    opt(
      'connbytes-mode',
      {
        t: 'custom',
        parse: (v) => {
          if (!CONNBYTES_MODES.includes(v)) throw xtError(`Unknown --connbytes-mode \`${v}'`);
          return v;
        },
      },
      { mand: true },
    ),
    opt(
      'connbytes-dir',
      {
        t: 'custom',
        parse: (v) => {
          if (!CONNBYTES_DIRS.includes(v)) throw xtError(`Unknown --connbytes-dir \`${v}'`);
          return v;
        },
      },
      { mand: true },
    ),
  ],
  save: (o) => {
    const [from, to] = val<[bigint, bigint]>(o, 'connbytes')!;
    const range = `${from}${to && to < 18446744073709551615n ? `:${to}` : ''}`;
    return `${neg(o, 'connbytes')}--connbytes ${range} --connbytes-mode ${val<string>(o, 'connbytes-mode')} --connbytes-dir ${val<string>(o, 'connbytes-dir')}`;
  },
  // connbytes_print: print_from_to over the range as kept (a negated one is kept reversed)
  print: (o) => {
    const [lo, hi] = val<[bigint, bigint]>(o, 'connbytes')!;
    const [kf, kt] = o.get('connbytes')!.neg ? [hi, lo] : [lo, hi];
    const [from, to] = kf > kt ? [kt, kf] : [kf, kt];
    const r = `${kf > kt ? ' !' : ''} connbytes ${from}${to && to < 18446744073709551615n ? `:${to}` : ''}`;
    return `${r} connbytes mode ${val<string>(o, 'connbytes-mode')} connbytes direction ${val<string>(o, 'connbytes-dir')}`;
  },
};

const cpu: XtExt = {
  name: 'cpu',
  opts: [opt('cpu', u(0xffffffff), { inv: true, mand: true })],
  save: (o) => `${neg(o, 'cpu')}--cpu ${val<number>(o, 'cpu')}`,
  print: (o) => ` cpu ${neg(o, 'cpu')}${val<number>(o, 'cpu')}`,
};

/** libxt_string parse_string: the text's bytes, at most 128 */
function stringPattern(v: string): number[] {
  const b = [...new TextEncoder().encode(v)];
  if (b.length > 128) throw xtError(`STRING too long "${v}"`);
  return b;
}

/** libxt_string parse_hex_string: text with |hex| blocks and \\-escaped literals, as it reads them */
function hexPattern(s: string): number[] {
  const c = [...new TextEncoder().encode(s)];
  const ch = (k: number) => (k < c.length ? String.fromCharCode(c[k]!) : '\0');
  if (c.length === 0) throw xtError('STRING must contain at least one char');
  const out: number[] = [];
  let i = 0;
  let hex = false;
  let literal = false;
  while (i < c.length) {
    if (out.length >= 128) throw xtError(`STRING too long "${s}"`);
    if (ch(i) === '\\' && !hex) literal = true;
    else if (ch(i) === '\\') throw xtError('Cannot include literals in hex data');
    else if (ch(i) === '|') {
      if (hex) hex = false;
      else {
        hex = true;
        while (ch(i + 1) === ' ') i++;
      }
      if (i + 1 >= c.length) break;
      i++;
    }
    if (literal) {
      if (i + 1 >= c.length) throw xtError('Bad literal placement at end of string');
      out.push(c[i + 1]!);
      i += 2;
      literal = false;
    } else if (hex) {
      if (i + 1 >= c.length) throw xtError('Odd number of hex digits');
      if (i + 2 >= c.length) throw xtError('Invalid hex block');
      for (const k of [i, i + 1]) if (!/[0-9a-fA-F]/.test(ch(k))) throw xtError(`Invalid hex char '${ch(k)}'`);
      out.push(Number.parseInt(ch(i) + ch(i + 1), 16));
      i += ch(i + 2) === ' ' ? 3 : 2;
    } else {
      out.push(c[i]!);
      i++;
    }
  }
  return out;
}

/** string_save: printable text in quotes (with \\ before " and \\), anything else as one |hex| block */
function patternText(b: readonly number[]): string {
  if (b.some((x) => x < 0x20 || x > 0x7e) || b[b.length - 1] === 0x5c)
    return `--hex-string "|${b.map((x) => x.toString(16).padStart(2, '0')).join('')}|"`;
  return `--string "${b.map((x) => (x === 0x22 || x === 0x5c ? '\\' : '') + String.fromCharCode(x)).join('')}"`;
}

const string: XtExt = {
  name: 'string',
  opts: [
    opt('from', u(65535)),
    opt('to', u(65535)),
    opt('algo', { t: 'string' }, { mand: true }),
    opt('string', { t: 'custom', parse: stringPattern }, { inv: true, excl: ['hex-string'] }),
    opt('hex-string', { t: 'custom', parse: hexPattern }, { inv: true, excl: ['string'] }),
    opt('icase', none),
  ],
  check: (o) => {
    if (!o.has('string') && !o.has('hex-string')) throw xtError("STRING match: You must specify `--string' or `--hex-string'");
  },
  // xt_string's checkentry: the search algorithm must exist (bm, kmp; fsm is refused), from <= to,
  // and the pattern must not be empty
  kernelOk: (o) => {
    const algo = (val<string>(o, 'algo') ?? '').slice(0, 15);
    if (algo !== 'bm' && algo !== 'kmp' && algo !== 'fsm') return 'No such file or directory';
    const pat = val<number[]>(o, 'string') ?? val<number[]>(o, 'hex-string') ?? [];
    return algo !== 'fsm' && (val<number>(o, 'from') ?? 0) <= (val<number>(o, 'to') ?? 65535) && pat.length > 0;
  },
  save: (o) => {
    const k = o.has('string') ? 'string' : 'hex-string';
    const p = [`${neg(o, k)}${patternText(val<number[]>(o, k)!)}`, `--algo ${(val<string>(o, 'algo') ?? '').slice(0, 15)}`];
    const from = val<number>(o, 'from') ?? 0;
    if (from !== 0) p.push(`--from ${from}`);
    const to = val<number>(o, 'to') ?? 65535;
    if (to !== 65535) p.push(`--to ${to}`);
    if (o.has('icase')) p.push('--icase');
    return p.join(' ');
  },
  // string_print: the pattern as string_save writes it, without the option's name
  print: (o) => {
    const k = o.has('string') ? 'string' : 'hex-string';
    const pat = patternText(val<number[]>(o, k)!).replace(/^--[a-z-]+ /, '');
    let s = ` STRING match ${o.get(k)!.neg ? '!' : ''} ${pat} ALGO name ${(val<string>(o, 'algo') ?? '').slice(0, 15)}`;
    const from = val<number>(o, 'from') ?? 0;
    if (from !== 0) s += ` FROM ${from}`;
    const to = val<number>(o, 'to') ?? 65535;
    if (to !== 65535) s += ` TO ${to}`;
    return o.has('icase') ? `${s} ICASE` : s;
  },
};

/** strtoul base 10 (or 0) over the text's leading digits: the value and the rest */
function leadNum(t: string, base0 = false): [number, string] {
  const m = (base0 ? /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/ : /^[0-9]+/).exec(t);
  if (!m) return [0, t];
  const v =
    base0 && /^0[xX]/.test(m[0])
      ? Number.parseInt(m[0], 16)
      : base0 && m[0].length > 1 && m[0].startsWith('0')
        ? Number.parseInt(m[0], 8)
        : Number(m[0]);
  return [v, t.slice(m[0].length)];
}

/** libxt_time time_parse_date: YYYY[-MM[-DD[Thh[:mm[:ss]]]]] in UTC, years 1970 to 2038 (mktime normalises) */
function timeDate(v: string): number {
  const bad = () => xtError(`Invalid date "${v}" specified. Should be YYYY[-MM[-DD[Thh[:mm[:ss]]]]]`);
  const f = [0, 1, 1, 0, 0, 0];
  const seps = ['-', '-', 'T', ':', ':', ''];
  const max = [2038, 12, 31, 23, 59, 59];
  let rest = v;
  for (let k = 0; k < 6; k++) {
    const [n, e] = leadNum(rest);
    f[k] = n;
    if ((e !== '' && e[0] !== seps[k]) || (k === 5 && e !== '') || n > max[k]! || (k === 0 && n < 1970)) throw bad();
    if (e === '') break;
    rest = e.slice(1);
  }
  return Date.UTC(f[0]!, f[1]! - 1, f[2]!, f[3]!, f[4]!, f[5]!) / 1000;
}

/** time_parse_minutes: hh:mm[:ss] as seconds of the day (the message quotes where reading stopped) */
function timeOfDay(v: string): number {
  let [h, e] = leadNum(v);
  const bad = (at: string) => xtError(`invalid time "${at}" specified, should be hh:mm[:ss] format and within the boundaries`);
  if (e[0] !== ':' || h > 23) throw bad(v);
  let at = e.slice(1);
  const [m, e2] = leadNum(at);
  if ((e2 !== '' && e2[0] !== ':') || m > 59) throw bad(at);
  let sec = 0;
  if (e2 !== '') {
    at = e2.slice(1);
    [sec, e] = leadNum(at);
    if (e !== '' || sec > 59) throw bad(at);
  }
  h = h * 3600;
  return h + 60 * m + sec;
}

/** my_strseg: the comma-separated items, each cut to size - 1 characters */
function segs(v: string, size: number): string[] {
  return v === '' ? [] : v.split(',').map((x) => x.slice(0, size - 1));
}

const WEEK_DAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const ALL_MONTHDAYS = 0xfffffffe;
const ALL_WEEKDAYS = 0xfe;
const hms = (t: number) => [Math.floor(t / 3600), Math.floor(t / 60) % 60, t % 60].map((x) => String(x).padStart(2, '0')).join(':');

const time: XtExt = {
  name: 'time',
  opts: [
    opt('datestart', { t: 'custom', parse: timeDate }),
    opt('datestop', { t: 'custom', parse: timeDate }),
    opt('timestart', { t: 'custom', parse: timeOfDay }),
    opt('timestop', { t: 'custom', parse: timeOfDay }),
    opt('contiguous', none),
    opt(
      'weekdays',
      {
        t: 'custom',
        parse: (v) => {
          let mask = 0;
          for (const d of segs(v, 4)) {
            const [n, e] = leadNum(d, true);
            if (e === '') {
              if (n === 0) throw xtError('No, the week does NOT begin with Sunday.');
              mask |= 1 << n;
              continue;
            }
            let ok = false;
            for (let i = 1; i < WEEK_DAYS.length; i++)
              if (d.slice(0, 2) === WEEK_DAYS[i]!.slice(0, 2)) {
                mask |= 1 << i;
                ok = true;
              }
            if (!ok) throw xtError(`${d} is not a valid day specifier`);
          }
          return mask >>> 0;
        },
      },
      { inv: true },
    ),
    opt(
      'monthdays',
      {
        t: 'custom',
        parse: (v) => {
          let mask = 0;
          for (const d of segs(v, 3)) {
            const [n, e] = leadNum(d, true);
            if (e !== '' || n > 31) throw xtError(`${d} is not a valid day for --monthdays`);
            mask |= 1 << n;
          }
          return mask >>> 0;
        },
      },
      { inv: true },
    ),
    opt('localtz', none, { excl: ['utc'] }),
    opt('utc', none, { excl: ['localtz', 'kerneltz'] }),
    opt('kerneltz', none, { excl: ['utc'] }),
  ],
  check: (o) => {
    if (o.has('contiguous') && (val<number>(o, 'timestart') ?? 0) < (val<number>(o, 'timestop') ?? 86399))
      throw xtError('time: --contiguous only makes sense when stoptime is smaller than starttime');
  },
  // time_save, piece by piece (an empty --monthdays list keeps its two spaces); --datestop is
  // always printed, as iptables compares the default (INT_MAX) with LONG_MAX
  save: (o) => {
    let out = '';
    const start = val<number>(o, 'timestart') ?? 0;
    const stop = val<number>(o, 'timestop') ?? 86399;
    if (start !== 0 || stop !== 86399) out += ` --timestart ${hms(start)} --timestop ${hms(stop)}`;
    const mdMask = dayMask(o, 'monthdays', ALL_MONTHDAYS);
    if (mdMask !== ALL_MONTHDAYS) {
      const days: number[] = [];
      for (let i = 1; i <= 31; i++) if (mdMask & (2 ** i)) days.push(i);
      out += ` --monthdays ${days.join(',')}`;
    }
    const wdMask = dayMask(o, 'weekdays', ALL_WEEKDAYS);
    if (wdMask !== ALL_WEEKDAYS) {
      const days: string[] = [];
      for (let i = 1; i <= 7; i++) if (wdMask & (1 << i)) days.push(WEEK_DAYS[i]!);
      out += ` --weekdays ${days.join(',')}`;
    }
    const date = (t: number) => new Date(t * 1000).toISOString().slice(0, 19);
    const ds = val<number>(o, 'datestart') ?? 0;
    if (ds !== 0) out += ` --datestart ${date(ds)}`;
    const de = val<number>(o, 'datestop') ?? 0x7fffffff;
    if (de !== 0) out += ` --datestop ${date(de)}`;
    if (o.has('localtz') || o.has('kerneltz')) out += ' --kerneltz';
    if (o.has('contiguous')) out += ' --contiguous';
    return out.slice(1);
  },
  // time_print: each part that is not its default; time_print_date prints nothing for date 0,
  // and the stop date is compared with INT_MAX here (unlike in time_save)
  print: (o) => {
    let out = ' TIME';
    const start = val<number>(o, 'timestart') ?? 0;
    const stop = val<number>(o, 'timestop') ?? 86399;
    if (start !== 0 || stop !== 86399) out += ` from ${hms(start)} to ${hms(stop)}`;
    const wdMask = dayMask(o, 'weekdays', ALL_WEEKDAYS);
    if (wdMask !== ALL_WEEKDAYS) {
      const days: string[] = [];
      for (let i = 1; i <= 7; i++) if (wdMask & (1 << i)) days.push(WEEK_DAYS[i]!);
      out += ` on ${days.join(',')}`;
    }
    const mdMask = dayMask(o, 'monthdays', ALL_MONTHDAYS);
    if (mdMask !== ALL_MONTHDAYS) {
      const days: string[] = [];
      // the suffix is by the last digit alone: 11st, 12nd, 13rd
      for (let i = 1; i <= 31; i++) if (mdMask & (2 ** i)) days.push(`${i}${['th', 'st', 'nd', 'rd'][i % 10] ?? 'th'}`);
      out += ` on ${days.join(',')}`;
    }
    const date = (t: number) => (t === 0 ? '' : ` ${new Date(t * 1000).toISOString().slice(0, 19).replace('T', ' ')}`);
    const ds = val<number>(o, 'datestart') ?? 0;
    if (ds !== 0) out += ` starting from${date(ds)}`;
    const de = val<number>(o, 'datestop') ?? 0x7fffffff;
    if (de !== 0x7fffffff) out += ` until date${date(de)}`;
    if (!o.has('localtz') && !o.has('kerneltz')) out += ' UTC';
    if (o.has('contiguous')) out += ' contiguous';
    return out;
  },
};

/** a day mask as given, inverted over all days by `!` */
function dayMask(o: XtOpts, name: string, all: number): number {
  const d = o.get(name);
  return d ? ((d.v as number) ^ (d.neg ? all : 0)) >>> 0 : all;
}

/**
 * libxt_ipvs: whether IPVS sent the packet (skb->ipvs_property). Its --vaddr, --vport, --vdir,
 * --vmethod, --vproto and --vportctl (the IPVS connection's details) are not modelled.
 */
const ipvs: XtExt = {
  name: 'ipvs',
  opts: [opt('ipvs', none, { inv: true, mand: true })],
  // xt_ipvs needs ip_vs: until IPVS is in use, the kernel has no such match
  kernelOk: (_o, ctx) => ctx.ipvs || 'No such file or directory',
  save: (o) => `${neg(o, 'ipvs')}--ipvs`,
};

/** the match extensions this lab knows beyond the ones src/cmd/iptables.ts reads itself */
export const XT_MATCHES: ReadonlyMap<string, XtExt> = new Map(
  [
    conntrack,
    mark,
    connmark,
    length,
    iprange,
    mac,
    pkttype,
    ttl,
    tos,
    dscp,
    limit,
    helper,
    quota,
    tcpmss,
    owner,
    hashlimit,
    connlimit,
    recent,
    spiMatch('esp', 50),
    spiMatch('ah', 51),
    statistic,
    sctp,
    dccp,
    connbytes,
    cpu,
    string,
    time,
    ipvs,
    ...XT_MATCHES_MISC,
  ].map((x) => [x.name, x]),
);
