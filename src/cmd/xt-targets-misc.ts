// The rest of iptables' target extensions, as libxt_* / libipt_* parse, check and print them:
// rate estimators, hash marks, ECN rewriting, 1:1 prefix NAT, security marks, idle timers,
// SYNPROXY, TCP option stripping, packet duplication, transparent proxying and tracing.

import { formatIpv4, maskToPlen } from '../core/addr.ts';
import { ipaddrToName } from './netdb.ts';
import { serviceToPort } from './services.ts';
import { parseHostMask, parsePlenMask, strtod } from './xt-matches-misc.ts';
import type { XtTargetExt } from './xt-targets.ts';
import { hex, type OptSpec, strtoui, val, type XtOpts, xtError } from './xt.ts';

const u = (max: number | bigint, min?: number) => ({ t: 'uint', max, ...(min !== undefined ? { min } : {}) }) as const;
const none = { t: 'none' } as const;
const opt = (name: string, type: OptSpec['type'], flags: Omit<OptSpec, 'name' | 'type'> = {}): OptSpec => ({ name, type, ...flags });
const hexw = (n: number, w: number) => `0x${(n >>> 0).toString(16).padStart(w, '0')}`;
const tcpOnly = (_o: XtOpts, ctx: { proto: number; protoNeg: boolean }) => ctx.proto === 6 && !ctx.protoNeg;

// ---- RATEEST --------------------------------------------------------------------------------

/** RATEEST_get_time: microseconds from a number with an optional s / ms / us unit */
function usOf(what: string) {
  return (v: string) => {
    const d = strtod(v);
    const bad = () => xtError(`RATEEST: bad ${what} value "${v}"`);
    if (!d) throw bad();
    const unit = d.rest.toLowerCase();
    let t = d.v;
    if (['s', 'sec', 'secs'].includes(unit)) t *= 1e6;
    else if (['ms', 'msec', 'msecs'].includes(unit)) t *= 1e3;
    else if (!['', 'us', 'usec', 'usecs'].includes(unit)) throw bad();
    return Number.isFinite(t) ? Math.trunc(t) >>> 0 : 0;
  };
}

/** RATEEST_final_check: the interval as a power of two of 250 ms, the averaging as its log */
function rateestParams(o: XtOpts): { interval: number; ewmaLog: number } {
  const us = val<number>(o, 'rateest-interval') ?? 0;
  const ewma = val<number>(o, 'rateest-ewmalog') ?? 0;
  let interval = 0;
  for (; interval <= 5; interval++) if (us <= 2 ** interval * 250000) break;
  if (interval > 5) throw xtError('RATEEST: interval value is too large');
  let ewmaLog = 1;
  for (; ewmaLog < 32; ewmaLog++) {
    const w = 1 - 1 / 2 ** ewmaLog;
    if (us / -Math.log(w) > ewma) break;
  }
  ewmaLog--;
  if (ewmaLog === 0 || ewmaLog >= 31) throw xtError('RATEEST: ewmalog value is out of range');
  return { interval: interval - 2, ewmaLog };
}

/** RATEEST_print_time */
function timeText(us: number): string {
  if (us >= 1e6) return `${(us / 1e6).toFixed(1)}s`;
  if (us >= 1e3) return `${(us / 1e3).toFixed(1)}ms`;
  return `${us}us`;
}

const RATEEST: XtTargetExt = {
  name: 'RATEEST',
  opts: [
    opt('rateest-name', { t: 'string', put: 16 }, { mand: true }),
    opt('rateest-interval', { t: 'custom', parse: usOf('interval') }, { mand: true }),
    opt('rateest-ewmalog', { t: 'custom', parse: usOf('ewmalog') }, { mand: true }),
  ],
  check: (o) => {
    rateestParams(o);
  },
  save: (o) => {
    const { interval, ewmaLog } = rateestParams(o);
    const iv = (1e6 * 2 ** (interval + 2)) / 4;
    const ew = (iv * 2 ** ewmaLog) % 2 ** 32;
    return `--rateest-name ${val<string>(o, 'rateest-name')} --rateest-interval ${timeText(iv)} --rateest-ewmalog ${timeText(ew)}`;
  },
  // RATEEST_print: the saved options without their `--rateest-` (and no target name)
  print: (o, ctx) => ` ${RATEEST.save(o, ctx).replace(/(^| )--rateest-/g, '$1')}`,
};

// ---- HMARK ----------------------------------------------------------------------------------

/** the --hmark-tuple names (matched by prefix, any case) and the option each stands for */
const HMARK_TUPLE: ReadonlyArray<readonly [string, string]> = [
  ['ct', 'hmark-tuple-ct'],
  ['src', 'hmark-src-prefix'],
  ['dst', 'hmark-dst-prefix'],
  ['sport', 'hmark-sport-mask'],
  ['dport', 'hmark-dport-mask'],
  ['proto', 'hmark-proto-mask'],
  ['spi', 'hmark-spi-mask'],
];
const HMARK_ALL_ONES: Readonly<Record<string, number>> = {
  'hmark-src-prefix': 0xffffffff,
  'hmark-dst-prefix': 0xffffffff,
  'hmark-sport-mask': 0xffff,
  'hmark-dport-mask': 0xffff,
  'hmark-proto-mask': 0xffff,
  'hmark-spi-mask': 0xffffffff,
  'hmark-tuple-ct': 1,
};

function hmarkTuple(v: string): string[] {
  const out: string[] = [];
  let arg = v;
  for (let comma = arg.indexOf(','); comma >= 0; comma = arg.indexOf(',')) {
    const t = arg.slice(0, comma);
    const hit = comma > 0 ? HMARK_TUPLE.find(([n]) => n.startsWith(t.toLowerCase())) : undefined;
    if (!hit) throw xtError(`Bad type "${arg}"`);
    out.push(hit[1]);
    arg = arg.slice(comma + 1);
  }
  if (arg === '') throw xtError('"--hmark-tuple" requires a list of types with no spaces, e.g. src,dst,sport,dport,proto');
  const hit = HMARK_TUPLE.find(([n]) => n.startsWith(arg.toLowerCase()));
  if (!hit) throw xtError(`Bad type "${arg}"`);
  out.push(hit[1]);
  return out;
}

const plenMask = (name: string) => (v: string) => parsePlenMask(v, 'HMARK', name);

const HMARK_PKT = ['hmark-src-prefix', 'hmark-dst-prefix', 'hmark-spi-mask', 'hmark-sport-mask', 'hmark-dport-mask', 'hmark-proto-mask'];
const HMARK_SET = ['hmark-sport', 'hmark-dport', 'hmark-spi'];

const HMARK: XtTargetExt = {
  name: 'HMARK',
  opts: [
    opt('hmark-tuple', { t: 'custom', parse: hmarkTuple }),
    opt('hmark-src-prefix', { t: 'custom', parse: plenMask('hmark-src-prefix') }),
    opt('hmark-dst-prefix', { t: 'custom', parse: plenMask('hmark-dst-prefix') }),
    opt('hmark-sport-mask', u(65535)),
    opt('hmark-dport-mask', u(65535)),
    opt('hmark-spi-mask', u(0xffffffff)),
    opt('hmark-sport', u(65535)),
    opt('hmark-dport', u(65535)),
    opt('hmark-spi', u(0xffffffff)),
    opt('hmark-proto-mask', u(65535)),
    opt('hmark-rnd', u(0xffffffff)),
    opt('hmark-mod', u(0xffffffff, 1), { mand: true }),
    opt('hmark-offset', u(0xffffffff)),
  ],
  // hmark_parse: each tuple name sets its mask to all ones, as if given
  parse: (name, o) => {
    if (name !== 'hmark-tuple') return;
    for (const k of val<string[]>(o, 'hmark-tuple')!) o.set(k, { v: HMARK_ALL_ONES[k], neg: false });
  },
  check: (o) => {
    if (!o.has('hmark-mod')) throw xtError('--hmark-mod is mandatory');
    if (!o.has('hmark-rnd')) throw xtError('--hmark-rnd is mandatory');
    if (o.has('hmark-spi-mask') && (o.has('hmark-sport-mask') || o.has('hmark-dport-mask')))
      throw xtError('you cannot use --hmark-spi-mask and --hmark-?port-mask,at the same time');
    if (![...HMARK_PKT, ...HMARK_SET, 'hmark-tuple-ct'].some((k) => o.has(k))) throw xtError('you have to specify --hmark-tuple at least');
  },
  // hmark_tg_check: an SPI to set excludes ports to set
  kernelOk: (o) => !(o.has('hmark-spi') && (o.has('hmark-sport') || o.has('hmark-dport'))),
  save: (o) => {
    const p: string[] = [];
    const plen = (m: number) => maskToPlen(m);
    if (o.has('hmark-src-prefix')) p.push(`--hmark-src-prefix ${plen(val<number>(o, 'hmark-src-prefix')!)}`);
    if (o.has('hmark-dst-prefix')) p.push(`--hmark-dst-prefix ${plen(val<number>(o, 'hmark-dst-prefix')!)}`);
    const widths: ReadonlyArray<readonly [string, number]> = [
      ['hmark-sport-mask', 4],
      ['hmark-dport-mask', 4],
      ['hmark-spi-mask', 8],
      ['hmark-sport', 4],
      ['hmark-dport', 4],
      ['hmark-spi', 8],
      ['hmark-proto-mask', 2],
      ['hmark-rnd', 8],
    ];
    for (const [k, w] of widths) if (o.has(k)) p.push(`--${k} ${hexw(val<number>(o, k)!, w)}`);
    p.push(`--hmark-mod ${val<number>(o, 'hmark-mod')}`);
    if (o.has('hmark-offset')) p.push(`--hmark-offset ${val<number>(o, 'hmark-offset')}`);
    if (o.has('hmark-tuple-ct')) p.push('--hmark-tuple ct');
    return p.join(' ');
  },
  // HMARK_ip4_print, then HMARK_print: each field whose flag is set, by flag, each with a space after
  print: (o) => {
    let out = ' HMARK ';
    if (o.has('hmark-mod')) out += `mod ${val<number>(o, 'hmark-mod')} `;
    if (o.has('hmark-offset')) out += `+ ${hex(val<number>(o, 'hmark-offset')!)} `;
    if (o.has('hmark-tuple-ct')) out += 'ct, ';
    if (o.has('hmark-src-prefix')) out += `src-prefix ${maskToPlen(val<number>(o, 'hmark-src-prefix')!)} `;
    if (o.has('hmark-dst-prefix')) out += `dst-prefix ${maskToPlen(val<number>(o, 'hmark-dst-prefix')!)} `;
    for (const k of ['sport-mask', 'dport-mask', 'spi-mask', 'sport', 'dport', 'spi', 'proto-mask', 'rnd'])
      if (o.has(`hmark-${k}`)) out += `${k} ${hex(val<number>(o, `hmark-${k}`)!)} `;
    return out;
  },
};

// ---- ECN ------------------------------------------------------------------------------------

/** ECN_parse in the order given: --ecn-tcp-remove sets both TCP bits to 0, replacing what came before */
function ecnOps(o: XtOpts): { ece?: number; cwr?: number; ect?: number } {
  let r: { ece?: number; cwr?: number; ect?: number } = {};
  for (const [k, v] of o) {
    if (k === 'ecn-tcp-remove') r = { ece: 0, cwr: 0 };
    else if (k === 'ecn-tcp-ece') r.ece = v.v as number;
    else if (k === 'ecn-tcp-cwr') r.cwr = v.v as number;
    else if (k === 'ecn-ip-ect') r.ect = v.v as number;
  }
  return r;
}

const ECN: XtTargetExt = {
  name: 'ECN',
  table: 'mangle',
  opts: [
    opt('ecn-tcp-remove', none, { excl: ['ecn-tcp-cwr', 'ecn-tcp-ece'] }),
    opt('ecn-tcp-cwr', u(1), { excl: ['ecn-tcp-remove'] }),
    opt('ecn-tcp-ece', u(1), { excl: ['ecn-tcp-remove'] }),
    opt('ecn-ip-ect', u(3)),
  ],
  check: (o) => {
    if (o.size === 0) throw xtError('ECN target: An operation is required');
  },
  // ecn_tg_check: the TCP bits only for -p tcp
  kernelOk: (o, ctx) => {
    const r = ecnOps(o);
    return (r.ece === undefined && r.cwr === undefined) || tcpOnly(o, ctx);
  },
  save: (o) => {
    const r = ecnOps(o);
    if (r.ece === 0 && r.cwr === 0 && r.ect === undefined) return '--ecn-tcp-remove';
    const p: string[] = [];
    if (r.ece !== undefined) p.push(`--ecn-tcp-ece ${r.ece}`);
    if (r.cwr !== undefined) p.push(`--ecn-tcp-cwr ${r.cwr}`);
    if (r.ect !== undefined) p.push(`--ecn-ip-ect ${r.ect}`);
    return p.join(' ');
  },
  // ECN_print: both TCP bits cleared (and nothing else) is `TCP remove`
  print: (o) => {
    const r = ecnOps(o);
    if (r.ece === 0 && r.cwr === 0 && r.ect === undefined) return ' ECN TCP remove';
    let s = ' ECN';
    if (r.ece !== undefined) s += ` ECE=${r.ece}`;
    if (r.cwr !== undefined) s += ` CWR=${r.cwr}`;
    if (r.ect !== undefined) s += ` ECT codepoint=${r.ect}`;
    return s;
  },
};

// ---- NETMAP ---------------------------------------------------------------------------------

/** NETMAP --to: the network (address under its mask) and the mask */
export function netmapOf(o: XtOpts): { net: number; mask: number } {
  const { addr, mask } = val<{ addr: number; mask: number }>(o, 'to')!;
  return { net: (addr & mask) >>> 0, mask };
}

const NETMAP: XtTargetExt = {
  name: 'NETMAP',
  table: 'nat',
  opts: [opt('to', { t: 'custom', parse: (v, e) => parseHostMask(v, e, 'to') }, { mand: true })],
  // like SNAT and DNAT, the rule decides the connection's binding: the walk ends there
  verdict: () => 'accept',
  save: (o) => {
    const { net, mask } = netmapOf(o);
    const p = maskToPlen(mask);
    return `--to ${formatIpv4(net as never)}/${p >= 0 ? p : formatIpv4(mask as never)}`;
  },
  print: (o, ctx) => ` to:${NETMAP.save(o, ctx).slice('--to '.length)}`,
};

// ---- CONNSECMARK, IDLETIMER, SYNPROXY, TCPOPTSTRIP, TEE, TPROXY, TRACE -------------------------

const CONNSECMARK: XtTargetExt = {
  name: 'CONNSECMARK',
  opts: [opt('save', none, { excl: ['restore'] }), opt('restore', none, { excl: ['save'] })],
  check: (o) => {
    if (o.size === 0) throw xtError('CONNSECMARK target: parameter required');
  },
  kernelOk: (_o, ctx) => ctx.table === 'mangle' || ctx.table === 'security',
  save: (o) => (o.has('save') ? '--save' : '--restore'),
  print: (o) => ` CONNSECMARK ${o.has('save') ? 'save' : 'restore'}`,
};

const IDLETIMER: XtTargetExt = {
  name: 'IDLETIMER',
  opts: [opt('timeout', u(0xffffffff), { mand: true }), opt('label', { t: 'string', put: 28 }, { mand: true }), opt('alarm', none)],
  // idletimer_tg_checkentry_v1: a timeout of 1 s up to INT_MAX / 1000, a label that can name a sysfs file
  kernelOk: (o) => {
    const t = val<number>(o, 'timeout')!;
    const l = val<string>(o, 'label')!;
    return t > 0 && t < Math.floor(0x7fffffff / 1000) && l !== '' && !l.includes('/') && l !== 'power';
  },
  save: (o) => `--timeout ${val<number>(o, 'timeout')} --label ${val<string>(o, 'label')}${o.has('alarm') ? ' --alarm' : ''}`,
  print: (o) => ` timeout:${val<number>(o, 'timeout')} label:${val<string>(o, 'label')}${o.has('alarm') ? ' alarm' : ''}`,
};

const SYNPROXY: XtTargetExt = {
  name: 'SYNPROXY',
  hooks: ['INPUT', 'FORWARD'],
  opts: [opt('sack-perm', none), opt('timestamp', none), opt('wscale', u(0xffffffff)), opt('mss', u(0xffffffff)), opt('ecn', none)],
  kernelOk: tcpOnly,
  // wscale and mss land in 8- and 16-bit fields
  save: (o) => {
    const p: string[] = [];
    if (o.has('sack-perm')) p.push('--sack-perm');
    if (o.has('timestamp')) p.push('--timestamp');
    if (o.has('wscale')) p.push(`--wscale ${val<number>(o, 'wscale')! & 0xff}`);
    if (o.has('mss')) p.push(`--mss ${val<number>(o, 'mss')! & 0xffff}`);
    if (o.has('ecn')) p.push('--ecn');
    return p.join(' ');
  },
  // SYNPROXY_print: each option followed by a space
  print: (o, ctx) => ` SYNPROXY ${SYNPROXY.save(o, ctx).replace(/--/g, '')}${o.size ? ' ' : ''}`,
};

const TCP_OPTION_NAMES: ReadonlyArray<readonly [string, number]> = [
  ['wscale', 3],
  ['mss', 2],
  ['sack-permitted', 4],
  ['sack', 5],
  ['timestamp', 8],
  ['md5', 19],
];

/** libxt_TCPOPTSTRIP's parse_list: option names or numbers 2-255, each once */
function stripList(v: string): number[] {
  const set = new Set<number>();
  for (const a of v.split(',')) {
    let n = TCP_OPTION_NAMES.find(([name]) => name === a)?.[1] ?? 0;
    if (n === 0) {
      const x = strtoui(a, 255);
      if (x === null) throw xtError(`Bad TCP option value "${a}"`);
      n = x;
    }
    if (n < 2) throw xtError('Option value may not be 0 or 1');
    if (set.has(n)) throw xtError(`Option "${a}" already specified`);
    set.add(n);
  }
  return [...set].sort((a, b) => a - b);
}

const TCPOPTSTRIP: XtTargetExt = {
  name: 'TCPOPTSTRIP',
  table: 'mangle',
  opts: [opt('strip-options', { t: 'custom', parse: stripList })],
  kernelOk: tcpOnly,
  save: (o) => {
    const l = val<number[]>(o, 'strip-options');
    return l?.length ? `--strip-options ${l.join(',')}` : '';
  },
  // tcpoptstrip_tg_print: the options by name unless -n, nothing when none
  print: (o, _ctx, numeric) => {
    const l = val<number[]>(o, 'strip-options');
    if (!l?.length) return '';
    const name = (n: number) => (numeric ? undefined : TCP_OPTION_NAMES.find(([, x]) => x === n)?.[0]) ?? String(n);
    return ` TCPOPTSTRIP options ${l.map(name).join(',')}`;
  },
};

const TEE: XtTargetExt = {
  name: 'TEE',
  opts: [
    opt('gateway', { t: 'custom', parse: (v, e) => parseHostMask(v, e, 'gateway', false).addr }, { mand: true }),
    opt('oif', { t: 'string', put: 16 }),
  ],
  kernelOk: (o) => val<number>(o, 'gateway') !== 0,
  save: (o) => {
    const oif = val<string>(o, 'oif');
    return `--gateway ${formatIpv4(val<number>(o, 'gateway') as never)}${oif ? ` --oif ${oif}` : ''}`;
  },
  print: (o, _ctx, numeric) => {
    const gw = val<number>(o, 'gateway')!;
    const oif = val<string>(o, 'oif');
    return ` TEE gw:${(numeric ? null : ipaddrToName(gw)) ?? formatIpv4(gw as never)}${oif ? ` oif=${oif}` : ''}`;
  },
};

/** XTTYPE_PORT: a service name or a number, as getaddrinfo reads it (kept in 16 bits) */
function portOf(v: string): number {
  const n = /^\d+$/.test(v) ? Number(BigInt(v) % 65536n) : (serviceToPort(v, 'tcp') ?? serviceToPort(v, 'udp') ?? -1);
  if (n < 0) throw xtError(`Port "${v}" does not resolve to anything.\n`);
  return n;
}

const TPROXY: XtTargetExt = {
  name: 'TPROXY',
  table: 'mangle',
  hooks: ['PREROUTING'],
  opts: [
    opt('on-port', { t: 'custom', parse: portOf }, { mand: true }),
    opt('on-ip', { t: 'custom', parse: (v, e) => parseHostMask(v, e, 'on-ip', false).addr }),
    opt('tproxy-mark', { t: 'markmask' }),
  ],
  kernelOk: (_o, ctx) => (ctx.proto === 6 || ctx.proto === 17) && !ctx.protoNeg,
  save: (o) => {
    const [v, m] = val<[number, number]>(o, 'tproxy-mark') ?? [0, 0];
    return `--on-port ${val<number>(o, 'on-port')} --on-ip ${formatIpv4((val<number>(o, 'on-ip') ?? 0) as never)} --tproxy-mark ${hex(v)}/${hex(m)}`;
  },
  print: (o) => {
    const [v, m] = val<[number, number]>(o, 'tproxy-mark') ?? [0, 0];
    return ` TPROXY redirect ${formatIpv4((val<number>(o, 'on-ip') ?? 0) as never)}:${val<number>(o, 'on-port')} mark ${hex(v)}/${hex(m)}`;
  },
};

const TRACE: XtTargetExt = { name: 'TRACE', opts: [], save: () => '' };

/** the target extensions of this file */
export const XT_TARGETS_MISC: readonly XtTargetExt[] = [
  RATEEST,
  HMARK,
  ECN,
  NETMAP,
  CONNSECMARK,
  IDLETIMER,
  SYNPROXY,
  TCPOPTSTRIP,
  TEE,
  TPROXY,
  TRACE,
];
