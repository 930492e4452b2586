// iptables' target extensions (iptables-extensions(8)) beyond the ones src/cmd/iptables.ts reads
// itself, as libxt_* parse, check and print them. Which of them end a chain is in `verdict`.

import { hex, type OptSpec, saveString, strtoui, val, type XtExt, type XtOpts, xtError } from './xt.ts';
import { dscpHex, parseDscpClass, parseTosMask } from './xt-matches.ts';
import { XT_TARGETS_MISC } from './xt-targets-misc.ts';
import { HOOKS } from '../core/netfilter/rule.ts';

const u = (max: number | bigint, min?: number) => ({ t: 'uint', max, ...(min !== undefined ? { min } : {}) }) as const;
const none = { t: 'none' } as const;
const opt = (name: string, type: OptSpec['type'], flags: Omit<OptSpec, 'name' | 'type'> = {}): OptSpec => ({ name, type, ...flags });

export interface XtTargetExt extends XtExt {
  /** whether the packet's walk ends at this target (given its options) */
  readonly verdict?: (o: XtOpts) => 'continue' | 'drop' | 'accept';
}

const markOps = ['set-xmark', 'set-mark', 'and-mark', 'or-mark', 'xor-mark'];
const others = (k: string, all: readonly string[]) => all.filter((x) => x !== k);

/** MARK / CONNMARK --set-xmark VALUE/MASK from any of the five ways to write it */
export function markOf(o: XtOpts): [number, number] | null {
  const sx = val<[number, number]>(o, 'set-xmark');
  if (sx) return sx;
  const s = val<[number, number]>(o, 'set-mark');
  if (s) return [s[0], (s[1] | s[0]) >>> 0];
  const a = val<number>(o, 'and-mark');
  if (a !== undefined) return [0, ~a >>> 0];
  const r = val<number>(o, 'or-mark');
  if (r !== undefined) return [r, r];
  const x = val<number>(o, 'xor-mark');
  if (x !== undefined) return [x, 0];
  return null;
}

const MARK: XtTargetExt = {
  name: 'MARK',
  opts: [
    opt('set-xmark', { t: 'markmask' }, { excl: others('set-xmark', markOps) }),
    opt('set-mark', { t: 'markmask' }, { excl: others('set-mark', markOps) }),
    opt('and-mark', u(0xffffffff), { excl: others('and-mark', markOps) }),
    opt('or-mark', u(0xffffffff), { excl: others('or-mark', markOps) }),
    opt('xor-mark', u(0xffffffff), { excl: others('xor-mark', markOps) }),
  ],
  check: (o) => {
    if (o.size === 0) throw xtError('MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required');
  },
  save: (o) => {
    const [v, m] = markOf(o)!;
    return `--set-xmark ${hex(v)}/${hex(m)}`;
  },
};

const connmarkOps = ['set-xmark', 'set-mark', 'and-mark', 'or-mark', 'xor-mark', 'save-mark', 'restore-mark'];
const CONNMARK: XtTargetExt = {
  name: 'CONNMARK',
  opts: [
    ...connmarkOps.map((k) =>
      opt(k, k.startsWith('set-') ? { t: 'markmask' } : k === 'save-mark' || k === 'restore-mark' ? none : u(0xffffffff), {
        excl: others(k, connmarkOps),
      }),
    ),
    opt('nfmask', u(0xffffffff), { excl: ['mask'] }),
    opt('ctmask', u(0xffffffff), { excl: ['mask'] }),
    opt('mask', u(0xffffffff), { excl: ['nfmask', 'ctmask'] }),
  ],
  check: (o) => {
    if (!connmarkOps.some((k) => o.has(k))) throw xtError('CONNMARK target: No operation specified');
  },
  save: (o) => {
    const mask = val<number>(o, 'mask');
    const nf = val<number>(o, 'nfmask') ?? mask ?? 0xffffffff;
    const ct = val<number>(o, 'ctmask') ?? mask ?? 0xffffffff;
    if (o.has('save-mark')) return `--save-mark --nfmask ${hex(nf)} --ctmask ${hex(ct)}`;
    if (o.has('restore-mark')) return `--restore-mark --nfmask ${hex(nf)} --ctmask ${hex(ct)}`;
    const [v, m] = markOf(o)!;
    return `--set-xmark ${hex(v)}/${hex(m)}`;
  },
  // connmark_tg_print: the operation the mode and masks stand for
  print: (o) => {
    const mask = val<number>(o, 'mask');
    const nf = val<number>(o, 'nfmask') ?? mask ?? 0xffffffff;
    const ct = val<number>(o, 'ctmask') ?? mask ?? 0xffffffff;
    const all = nf === 0xffffffff && ct === 0xffffffff;
    if (o.has('save-mark'))
      return all ? ' CONNMARK save' : nf === ct ? ` CONNMARK save mask ${hex(nf)}` : ` CONNMARK save nfmask ${hex(nf)} ctmask ~${hex(ct)}`;
    if (o.has('restore-mark'))
      return all
        ? ' CONNMARK restore'
        : nf === ct
          ? ` CONNMARK restore mask ${hex(ct)}`
          : ` CONNMARK restore ctmask ${hex(ct)} nfmask ~${hex(nf)}`;
    const [v, m] = markOf(o)!;
    if (v === 0) return ` CONNMARK and ${hex(~m >>> 0)}`;
    if (v === m) return ` CONNMARK or ${hex(v)}`;
    if (m === 0) return ` CONNMARK xor ${hex(v)}`;
    if (m === 0xffffffff) return ` CONNMARK set ${hex(v)}`;
    return ` CONNMARK xset ${hex(v)}/${hex(m)}`;
  },
};

const tosOps = ['set-tos', 'and-tos', 'or-tos', 'xor-tos'];
const TOS: XtTargetExt = {
  name: 'TOS',
  table: 'mangle',
  opts: [
    opt('set-tos', { t: 'custom', parse: parseTosMask }, { excl: others('set-tos', tosOps) }),
    opt('and-tos', u(255), { excl: others('and-tos', tosOps) }),
    opt('or-tos', u(255), { excl: others('or-tos', tosOps) }),
    opt('xor-tos', u(255), { excl: others('xor-tos', tosOps) }),
  ],
  check: (o) => {
    if (o.size === 0) throw xtError('TOS: An action is required');
  },
  save: (o) => {
    const [v, m] = tosValueMask(o);
    return `--set-tos ${dscpHex(v)}/${dscpHex(m)}`;
  },
  // tos_tg_print_v1: a symbolic name under the mask 0x3f, else the operation value/mask stands for
  print: (o, _ctx, numeric) => {
    const [v, m] = tosValueMask(o);
    const sym = TOS_SYMBOLS.find(([x]) => x === v);
    if (numeric) return ` TOS set ${dscpHex(v)}/${dscpHex(m)}`;
    if (m === 0x3f && sym) return `  TOS set${sym[1]}`;
    if (v === 0) return ` TOS and ${dscpHex(~m & 0xff)}`;
    if (v === m) return ` TOS or ${dscpHex(v)}`;
    if (m === 0) return ` TOS xor ${dscpHex(v)}`;
    return ` TOS set ${dscpHex(v)}/${dscpHex(m)}`;
  },
};

/** tos_values.c's names, in its order */
const TOS_SYMBOLS: ReadonlyArray<readonly [number, string]> = [
  [0x10, 'Minimize-Delay'],
  [0x08, 'Maximize-Throughput'],
  [0x04, 'Maximize-Reliability'],
  [0x02, 'Minimize-Cost'],
  [0x00, 'Normal-Service'],
];

/** the value and mask each TOS option stands for (xt_tos_target_info) */
function tosValueMask(o: XtOpts): [number, number] {
  const s = val<[number, number]>(o, 'set-tos');
  const a = val<number>(o, 'and-tos');
  const r = val<number>(o, 'or-tos');
  const x = val<number>(o, 'xor-tos');
  if (s) return s;
  if (a !== undefined) return [0, ~a & 0xff];
  if (r !== undefined) return [r, r];
  return [x!, 0];
}

const DSCP: XtTargetExt = {
  name: 'DSCP',
  table: 'mangle',
  opts: [
    opt('set-dscp', u(63), { excl: ['set-dscp-class'] }),
    opt('set-dscp-class', { t: 'custom', parse: parseDscpClass }, { excl: ['set-dscp'] }),
  ],
  check: (o) => {
    if (o.size === 0) throw xtError('DSCP target: Parameter --set-dscp is required');
  },
  save: (o) => `--set-dscp ${dscpHex(val<number>(o, 'set-dscp') ?? val<number>(o, 'set-dscp-class')!)}`,
  print: (o) => ` DSCP set ${dscpHex(val<number>(o, 'set-dscp') ?? val<number>(o, 'set-dscp-class')!)}`,
};

const TTL: XtTargetExt = {
  name: 'TTL',
  table: 'mangle',
  opts: [
    opt('ttl-set', u(255), { excl: ['ttl-dec', 'ttl-inc'] }),
    opt('ttl-dec', u(255, 1), { excl: ['ttl-set', 'ttl-inc'] }),
    opt('ttl-inc', u(255, 1), { excl: ['ttl-set', 'ttl-dec'] }),
  ],
  check: (o) => {
    if (o.size === 0) throw xtError('TTL: You must specify an action');
  },
  save: (o) => {
    for (const k of ['ttl-set', 'ttl-dec', 'ttl-inc']) if (o.has(k)) return `--${k} ${val<number>(o, k)}`;
    return '';
  },
  print: (o) => {
    const k = ['ttl-set', 'ttl-dec', 'ttl-inc'].find((x) => o.has(x))!;
    return ` TTL ${k === 'ttl-set' ? 'set to' : k === 'ttl-dec' ? 'decrement by' : 'increment by'} ${val<number>(o, k)}`;
  },
};

const NFLOG: XtTargetExt = {
  name: 'NFLOG',
  opts: [
    opt('nflog-group', u(65535)),
    opt('nflog-prefix', { t: 'string' }),
    opt('nflog-range', u(0xffffffff)),
    opt('nflog-size', u(0xffffffff)),
    opt('nflog-threshold', u(65535)),
  ],
  save: (o) => {
    const p: string[] = [];
    const pre = val<string>(o, 'nflog-prefix');
    if (pre) p.push(`--nflog-prefix ${saveString(pre)}`);
    const g = val<number>(o, 'nflog-group');
    if (g) p.push(`--nflog-group ${g}`);
    const sz = val<number>(o, 'nflog-size');
    if (sz !== undefined) p.push(`--nflog-size ${sz}`);
    const t = val<number>(o, 'nflog-threshold');
    if (t) p.push(`--nflog-threshold ${t}`);
    return p.join(' ');
  },
  // nflog_print with an empty prefix: the saved options without their dashes
  print: (o, ctx) => {
    const t = NFLOG.save(o, ctx);
    return t ? ` ${t.replace(/(^| )--nflog-/g, '$1nflog-')}` : '';
  },
};

const NFQUEUE: XtTargetExt = {
  name: 'NFQUEUE',
  opts: [
    opt('queue-num', u(65535), { excl: ['queue-balance'] }),
    opt(
      'queue-balance',
      {
        t: 'custom',
        // NFQUEUE_parse: FIRST:LAST, FIRST below LAST
        parse: (v) => {
          const m = /^(\d*):(\d*)$/.exec(v);
          const a = m ? (m[1] ? strtoui(m[1], 65535) : 0) : null;
          const b = m ? (m[2] ? strtoui(m[2], 65535) : 65535) : null;
          if (a === null || b === null) throw xtError(`Bad range "${v}"`);
          if (a >= b) throw xtError(`${a} should be less than ${b}`);
          return [a, b];
        },
      },
      { excl: ['queue-num'] },
    ),
    opt('queue-bypass', none),
    opt('queue-cpu-fanout', none),
  ],
  save: (o) => {
    const b = val<[number, number]>(o, 'queue-balance');
    const p = [b ? `--queue-balance ${b[0]}:${b[1]}` : `--queue-num ${val<number>(o, 'queue-num') ?? 0}`];
    if (o.has('queue-bypass')) p.push('--queue-bypass');
    if (o.has('queue-cpu-fanout')) p.push('--queue-cpu-fanout');
    return p.join(' ');
  },
  // NFQUEUE_print_v3: the saved options without their `--queue-`
  print: (o, ctx) => ` NFQUEUE ${NFQUEUE.save(o, ctx).replace(/(^| )--queue-/g, '$1')}`,
  // queue numbers are 16 bits: a balance over all 65536 queues overflows the count
  kernelOk: (o) => {
    const b = val<[number, number]>(o, 'queue-balance');
    return !b || b[1] - b[0] < 65535;
  },
  // no program listens on a queue in the lab: the kernel drops, unless told to bypass
  verdict: (o) => (o.has('queue-bypass') ? 'accept' : 'drop'),
};

const CLASSIFY: XtTargetExt = {
  name: 'CLASSIFY',
  table: 'mangle',
  hooks: ['FORWARD', 'OUTPUT', 'POSTROUTING'],
  opts: [
    opt(
      'set-class',
      {
        t: 'custom',
        parse: (v) => {
          const m = /^([0-9a-fA-F]{1,4}):([0-9a-fA-F]{1,4})$/.exec(v);
          if (!m) throw xtError(`CLASSIFY: Bad class value "${v}"`);
          return [Number.parseInt(m[1]!, 16), Number.parseInt(m[2]!, 16)];
        },
      },
      { mand: true },
    ),
  ],
  save: (o) => {
    const [a, b] = val<[number, number]>(o, 'set-class')!;
    return `--set-class ${a.toString(16).padStart(4, '0')}:${b.toString(16).padStart(4, '0')}`;
  },
  print: (o) => {
    const [a, b] = val<[number, number]>(o, 'set-class')!;
    return ` CLASSIFY set ${a.toString(16)}:${b.toString(16)}`;
  },
};

const TCPMSS: XtTargetExt = {
  name: 'TCPMSS',
  kernelOk: (_o, ctx) => ctx.proto === 6 && !ctx.protoNeg,
  // tcpmss_tg4_check: path-MTU clamping only in the hooks where the packet has its route
  hooksOf: (o) => (o.has('clamp-mss-to-pmtu') ? ['FORWARD', 'OUTPUT', 'POSTROUTING'] : HOOKS),
  opts: [opt('set-mss', u(65535), { excl: ['clamp-mss-to-pmtu'] }), opt('clamp-mss-to-pmtu', none, { excl: ['set-mss'] })],
  check: (o) => {
    if (o.size === 0) throw xtError('TCPMSS target: At least one parameter is required');
  },
  save: (o) => (o.has('set-mss') ? `--set-mss ${val<number>(o, 'set-mss')}` : '--clamp-mss-to-pmtu'),
  print: (o) => (o.has('set-mss') ? ` TCPMSS set ${val<number>(o, 'set-mss')}` : ' TCPMSS clamp to PMTU'),
};

const AUDIT: XtTargetExt = {
  name: 'AUDIT',
  opts: [
    opt(
      'type',
      {
        t: 'custom',
        parse: (v) => {
          if (!['accept', 'drop', 'reject'].includes(v)) throw xtError(`Bad action type value "${v}"`);
          return v;
        },
      },
      { mand: true },
    ),
  ],
  save: (o) => `--type ${val<string>(o, 'type')}`,
  print: (o) => ` AUDIT ${val<string>(o, 'type')}`,
};

const CHECKSUM: XtTargetExt = {
  name: 'CHECKSUM',
  table: 'mangle',
  opts: [opt('checksum-fill', none, { mand: true })],
  save: () => '--checksum-fill',
  print: () => ' CHECKSUM fill',
};

const CT_EVENTS = ['new', 'related', 'destroy', 'reply', 'assured', 'protoinfo', 'helper', 'mark', 'natseqinfo', 'secmark'];
const ctEvents = (names: readonly string[]) => (v: string) => {
  const set = new Set<string>();
  for (const t of v.split(',')) {
    if (!names.includes(t)) throw xtError(`Unknown event type "${t}"`);
    set.add(t);
  }
  return names.filter((n) => set.has(n));
};
const ctZone = (v: string) => {
  if (v.toLowerCase() === 'mark') return 'mark';
  const n = strtoui(v, 65535);
  if (n === null) throw xtError(`Cannot parse ${v} as a zone ID`);
  return n;
};
/** the conntrack helpers of the kernel's nf_conntrack_* modules, with the protocols each serves */
const CT_HELPERS: Readonly<Record<string, readonly number[]>> = {
  ftp: [6],
  irc: [6],
  sane: [6],
  pptp: [6],
  'Q.931': [6],
  sip: [6, 17],
  tftp: [17],
  amanda: [17],
  snmp: [17],
  'netbios-ns': [17],
  RAS: [17],
};

/** libxt_CT's zone: the options fold into one id and flags as ct_parse_zone_id leaves them */
function ctZoneText(o: XtOpts): string {
  let id: number | 'mark' = 0;
  let mark = false;
  let orig = false;
  let reply = false;
  for (const [k, v] of o) {
    if (k !== 'zone' && k !== 'zone-orig' && k !== 'zone-reply') continue;
    if (k === 'zone-orig') orig = true;
    if (k === 'zone-reply') reply = true;
    id = v.v as number | 'mark';
    if (id === 'mark') mark = true;
  }
  if (!mark && (id === 0 || id === 'mark')) return '';
  return `--zone${orig && !reply ? '-orig' : reply && !orig ? '-reply' : ''} ${mark ? 'mark' : id}`;
}

const CT: XtTargetExt = {
  name: 'CT',
  table: 'raw',
  opts: [
    opt('notrack', none),
    opt('helper', { t: 'string' }),
    opt('timeout', { t: 'string' }),
    opt('ctevents', { t: 'custom', parse: ctEvents(CT_EVENTS) }),
    opt('expevents', { t: 'custom', parse: ctEvents(['new']) }),
    opt('zone-orig', { t: 'custom', parse: ctZone }),
    opt('zone-reply', { t: 'custom', parse: ctZone }),
    opt('zone', { t: 'custom', parse: ctZone }),
  ],
  // xt_ct_tg_check: --notrack needs nothing more; a helper needs its protocol and module, a
  // timeout policy an nfct object (the lab has none)
  kernelOk: (o, ctx) => {
    if (o.has('notrack')) return true;
    const h = val<string>(o, 'helper');
    if (h !== undefined && (ctx.protoNeg || !CT_HELPERS[h]?.includes(ctx.proto))) return 'No such file or directory';
    return !o.has('timeout');
  },
  save: (o) => {
    const p: string[] = [];
    if (o.has('notrack')) p.push('--notrack');
    const h = val<string>(o, 'helper');
    if (h) p.push(`--helper ${h}`);
    const t = val<string>(o, 'timeout');
    if (t) p.push(`--timeout ${t}`);
    const ev = val<string[]>(o, 'ctevents');
    if (ev?.length) p.push(`--ctevents ${ev.join(',')}`);
    const ex = val<string[]>(o, 'expevents');
    if (ex?.length) p.push(`--expevents ${ex.join(',')}`);
    const z = ctZoneText(o);
    if (z) p.push(z);
    return p.join(' ');
  },
  // ct_print_v1: the saved options in the same order, without their dashes
  print: (o, ctx) => {
    const s = CT.save(o, ctx);
    return ` CT${s ? ` ${s.replace(/(^| )--/g, '$1')}` : ''}`;
  },
};

/** NOTRACK: CT --notrack under its old name, printed by that name */
const NOTRACK: XtTargetExt = { name: 'NOTRACK', table: 'raw', opts: [], save: () => '', print: () => ' NOTRACK' };

/** the target extensions this lab parses and prints beyond its own */
export const XT_TARGETS: ReadonlyMap<string, XtTargetExt> = new Map(
  [MARK, CONNMARK, TOS, DSCP, TTL, NFLOG, NFQUEUE, CLASSIFY, TCPMSS, AUDIT, CHECKSUM, CT, NOTRACK, ...XT_TARGETS_MISC].map((x) => [
    x.name,
    x,
  ]),
);
