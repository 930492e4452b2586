// The rest of iptables' match extensions, as libxt_* / libipt_* parse, check and print them:
// rate estimators, cgroups, connection labels, sockets, IPsec policy, ECN bits, route realms,
// bridge ports, IPComp, cluster, OS fingerprints and reverse-path filtering. Each is an option
// table for ./xt.ts with the form `iptables -S` prints; what the lab simulates of them is in
// ./iptables.ts (xtTestOf).

import { formatIpv4, maskToPlen, parseInetAton } from '../core/addr.ts';
import type { Hook } from '../core/netfilter/rule.ts';
import { PROTOCOLS } from './protocols.ts';
import { CmdError } from './result.ts';
import { hex, neg, type OptSpec, saveString, strtoui, val, type XtExt, type XtOpts, xtError } from './xt.ts';

const u = (max: number | bigint, min?: number) => ({ t: 'uint', max, ...(min !== undefined ? { min } : {}) }) as const;
const none = { t: 'none' } as const;
const opt = (name: string, type: OptSpec['type'], flags: Omit<OptSpec, 'name' | 'type'> = {}): OptSpec => ({ name, type, ...flags });
const hex8 = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

/** strtod's leading decimal number: its value and the rest of the text, or null when none */
export function strtod(s: string): { v: number; rest: string } | null {
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?inf(?:inity)?|[+-]?nan)/i.exec(s);
  if (!m) return null;
  const t = m[1]!.toLowerCase().replace(/inf(inity)?/, 'Infinity');
  return { v: t.includes('nan') ? Number.NaN : Number(t), rest: s.slice(m[0].length) };
}

/** a C double converted to a 32-bit unsigned field */
const toU32 = (d: number) => (Number.isFinite(d) ? Math.trunc(d) >>> 0 : 0);

/** getaddrinfo's numeric IPv4 forms (inet_aton), and the one name every /etc/hosts has */
function parseHost(v: string): number {
  const addr = v === 'localhost' ? 0x7f000001 : parseInetAton(v);
  if (addr === null) throw xtError('getaddrinfo: Name or service not known\n');
  return addr;
}

/**
 * XTTYPE_PLENMASK for IPv4: a prefix length 0-32, else an address read as a mask (a prefix
 * when contiguous, all ones when not)
 */
export function parsePlenMask(m: string, ext: string, name: string): number {
  const plen = strtoui(m, 32);
  if (plen !== null) return plen === 0 ? 0 : (0xffffffff << (32 - plen)) >>> 0;
  const dotted = parseInetAton(m);
  if (dotted === null) throw xtError(`${ext}: bad value for option "--${name}", neither a valid network mask nor valid CIDR (0-32).\n`);
  return maskToPlen(dotted) >= 0 ? dotted : 0xffffffff;
}

/** XTTYPE_HOST / XTTYPE_HOSTMASK for IPv4: an address, then (with a mask) an optional /plen or /mask */
export function parseHostMask(v: string, ext: string, name: string, withMask = true): { addr: number; mask: number } {
  const slash = withMask ? v.indexOf('/') : -1;
  const addr = parseHost(slash < 0 ? v : v.slice(0, slash));
  return { addr, mask: slash < 0 ? 0xffffffff : parsePlenMask(v.slice(slash + 1), ext, name) };
}

/** xtables_ipmask_to_numeric: nothing for /32, /N for a prefix, /A.B.C.D for any other mask */
export function maskText(mask: number): string {
  if (mask === 0xffffffff) return '';
  const p = maskToPlen(mask);
  return p >= 0 ? `/${p}` : `/${formatIpv4(mask as never)}`;
}

// ---- rateest ------------------------------------------------------------------------------

/** the rate units of libxt_rateest (from iproute2), as multiples of a bit per second */
const RATE_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['bit', 1],
  ['kibit', 1024],
  ['kbit', 1000],
  ['mibit', 1024 * 1024],
  ['mbit', 1e6],
  ['gibit', 1024 ** 3],
  ['gbit', 1e9],
  ['tibit', 1024 ** 4],
  ['tbit', 1e12],
  ['bps', 8],
  ['kibps', 8 * 1024],
  ['kbps', 8000],
  ['mibps', 8 * 1024 * 1024],
  ['mbps', 8e6],
  ['gibps', 8 * 1024 ** 3],
  ['gbps', 8e9],
  ['tibps', 8 * 1024 ** 4],
  ['tbps', 8e12],
];

/** rateest_get_rate: a rate in bytes per second (a bare number is bits per second) */
function rateOf(v: string): number {
  const d = strtod(v);
  const bad = () => xtError(`rateest: could not parse rate \`${v}'`);
  if (!d) throw bad();
  if (d.rest === '') return toU32(d.v / 8);
  const unit = RATE_UNITS.find(([n]) => n === d.rest.toLowerCase());
  if (!unit) throw bad();
  return toU32((d.v * unit[1]) / 8);
}

function ppsOf(v: string): number {
  const n = strtoui(v, 0xffffffff);
  if (n === null) throw xtError(`rateest: could not parse pps \`${v}'`);
  return n;
}

const rateName = (v: string) => v.slice(0, 15);
const RATEEST_MODES = ['rateest-eq', 'rateest-lt', 'rateest-gt'];

function rateestOpt(name: string, key: string, type: OptSpec['type'], what: string, inv = false): OptSpec {
  return opt(name, type, {
    key,
    ...(inv ? { inv: true } : { noinv: `rateest: ${what} can't be inverted` }),
    once: RATEEST_MODES.includes(key) ? "rateest: can't specify lt/gt/eq twice" : `rateest: can't specify --${key} twice`,
  });
}

/** rateest_print_rate: bits per second, in Mbit / Kbit / bit */
function rateText(bytes: number): string {
  const t = bytes * 8;
  if (t >= 1e9) return `${(t / 1e6).toFixed(0)}Mbit`;
  if (t >= 1e6) return `${(t / 1e3).toFixed(0)}Kbit`;
  return `${t.toFixed(0)}bit`;
}

/** the estimators a rateest match names (the kernel looks each up when the rule is added) */
export function rateestNames(o: XtOpts): string[] {
  const names = [val<string>(o, 'rateest1') ?? ''];
  if (o.has('rateest2')) names.push(val<string>(o, 'rateest2')!);
  return names;
}

const rateest: XtExt = {
  name: 'rateest',
  opts: [
    rateestOpt('rateest1', 'rateest1', { t: 'custom', parse: rateName }, 'rateest'),
    rateestOpt('rateest', 'rateest1', { t: 'custom', parse: rateName }, 'rateest'),
    rateestOpt('rateest2', 'rateest2', { t: 'custom', parse: rateName }, 'rateest'),
    rateestOpt('rateest-bps1', 'rateest-bps1', { t: 'optarg', parse: rateOf, none: 0 }, 'rateest-bps'),
    rateestOpt('rateest-pps1', 'rateest-pps1', { t: 'optarg', parse: ppsOf, none: 0 }, 'rateest-pps'),
    rateestOpt('rateest-bps2', 'rateest-bps2', { t: 'optarg', parse: rateOf, none: 0 }, 'rateest-bps'),
    rateestOpt('rateest-pps2', 'rateest-pps2', { t: 'optarg', parse: ppsOf, none: 0 }, 'rateest-pps'),
    rateestOpt('rateest-bps', 'rateest-bps2', { t: 'optarg', parse: rateOf, none: 0 }, 'rateest-bps'),
    rateestOpt('rateest-pps', 'rateest-pps2', { t: 'optarg', parse: ppsOf, none: 0 }, 'rateest-pps'),
    rateestOpt('rateest-delta', 'rateest-delta', none, 'rateest-delta'),
    rateestOpt('rateest-lt', 'rateest-lt', none, '', true),
    rateestOpt('rateest-gt', 'rateest-gt', none, '', true),
    rateestOpt('rateest-eq', 'rateest-eq', none, '', true),
  ],
  // xt_rateest_mt_checkentry: bps or pps, and a comparison
  kernelOk: (o) =>
    (o.has('rateest-bps1') || o.has('rateest-bps2') || o.has('rateest-pps1') || o.has('rateest-pps2')) &&
    RATEEST_MODES.some((m) => o.has(m)),
  save: (o) => {
    const delta = o.has('rateest-delta');
    const rel = o.has('rateest2');
    const abs = !rel;
    // the last comparison given is the mode; any of them inverted inverts it
    const mode = [...o.keys()].filter((k) => RATEEST_MODES.includes(k)).pop();
    const inv = RATEEST_MODES.some((m) => o.get(m)?.neg);
    const modeText = `${inv ? '! ' : ''}--${mode ?? 'rateest-eq'}`;
    const p: string[] = [];
    const rates = (what: 'bps' | 'pps', text: (n: number) => string) => {
      if (!o.has(`rateest-${what}1`) && !o.has(`rateest-${what}2`)) return;
      const r1 = val<number>(o, `rateest-${what}1`) ?? 0;
      const r2 = val<number>(o, `rateest-${what}2`) ?? 0;
      if (delta) p.push(`--rateest-${what}1 ${text(r1)}`, modeText, `--rateest-${what}2`);
      else p.push(modeText, `--rateest-${what}`);
      if (abs || delta) p[p.length - 1] += ` ${text(r2)}`;
    };
    if (delta) p.push('--rateest-delta');
    p.push(`--${rel ? 'rateest1' : 'rateest'} ${val<string>(o, 'rateest1') ?? ''}`);
    rates('bps', rateText);
    rates('pps', String);
    if (rel) p.push(`--rateest2 ${val<string>(o, 'rateest2')}`);
    return p.join(' ');
  },
  // rateest_print: rates in bytes per second with -n, else as rateest_print_rate writes them
  print: (o, _ctx, numeric) => {
    const delta = o.has('rateest-delta');
    const rel = o.has('rateest2');
    const mode = [...o.keys()].filter((k) => RATEEST_MODES.includes(k)).pop() ?? 'rateest-eq';
    const m = `${RATEEST_MODES.some((k) => o.get(k)?.neg) ? ' !' : ''} ${mode.slice('rateest-'.length)}`;
    const bps = (k: string) => {
      const n = val<number>(o, k) ?? 0;
      return ` ${numeric ? n : rateText(n)}`;
    };
    const pps = (k: string) => ` ${val<number>(o, k) ?? 0}`;
    const hasBps = o.has('rateest-bps1') || o.has('rateest-bps2');
    const hasPps = o.has('rateest-pps1') || o.has('rateest-pps2');
    let s = ` rateest match ${val<string>(o, 'rateest1') ?? ''}${delta ? ' delta' : ''}`;
    if (hasBps) s += ` bps${delta ? bps('rateest-bps1') : ''}${rel ? '' : bps('rateest-bps2') + m}`;
    if (hasPps) s += ` pps${delta ? pps('rateest-pps1') : ''}${rel ? '' : m + pps('rateest-pps2')}`;
    if (rel) {
      s += `${m} ${val<string>(o, 'rateest2')}`;
      if (hasBps) s += ` bps${delta ? bps('rateest-bps2') : ''}`;
      if (hasPps) s += ` pps${delta ? pps('rateest-pps2') : ''}`;
    }
    return s;
  },
};

// ---- cgroup (revision 2) ------------------------------------------------------------------

const cgroup: XtExt = {
  name: 'cgroup',
  opts: [opt('path', { t: 'string', put: 4096 }, { inv: true }), opt('cgroup', u(0xffffffff), { inv: true })],
  // cgroup_mt_check_v2: a path or a class id, not both; the lab's only cgroup is the root
  kernelOk: (o) => o.has('path') !== o.has('cgroup') && (!o.has('path') || /^\/*$/.test(val<string>(o, 'path')!)),
  save: (o) => {
    const p: string[] = [];
    if (o.has('path')) p.push(`${neg(o, 'path')}--path ${saveString(val<string>(o, 'path')!)}`);
    if (o.has('cgroup')) p.push(`${neg(o, 'cgroup')}--cgroup ${val<number>(o, 'cgroup')}`);
    return p.join(' ');
  },
  print: (o) => {
    let s = ' cgroup';
    if (o.has('path')) s += ` ${neg(o, 'path')}${val<string>(o, 'path')}`;
    if (o.has('cgroup')) s += ` ${neg(o, 'cgroup')}${val<number>(o, 'cgroup')}`;
    return s;
  },
};

// ---- connlabel ------------------------------------------------------------------------------

/** the highest connection label bit (XT_CONNLABEL_MAXBIT) */
export const CONNLABEL_MAXBIT = 127;

const connlabel: XtExt = {
  name: 'connlabel',
  opts: [
    opt(
      'label',
      {
        t: 'custom',
        // connlabel_value_parse: strtoul over the whole text, kept in an int; names need
        // /etc/xtables/connlabel.conf, which the lab (like a fresh system) does not have
        parse: (v) => {
          const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.exec(v);
          const n = m ? Number(BigInt(m[2]!.replace(/^0([0-7])/, '0o$1')) & 0xffffffffn) | 0 : -1;
          const bit = m?.[1] === '-' && n !== 0 ? -1 : n;
          if (v === '' || bit < 0)
            throw new CmdError(
              `Warning: cannot open /etc/xtables/connlabel.conf: No such file or directory\n${xtError(`label '${v}' not found or invalid value`).message}`,
              2,
            );
          return bit;
        },
      },
      { inv: true, mand: true },
    ),
    opt('set', none),
  ],
  // connlabel_mt_check: bits 0..127
  kernelOk: (o) => (val<number>(o, 'label')! > CONNLABEL_MAXBIT ? 'Numerical result out of range' : true),
  save: (o) => `${neg(o, 'label')}--label "${val<number>(o, 'label')}"${o.has('set') ? ' --set' : ''}`,
  // connlabel_mt_print: the bit by number (no /etc/xtables/connlabel.conf names it)
  print: (o) => ` connlabel${o.get('label')!.neg ? ' !' : ''} ${val<number>(o, 'label')}${o.has('set') ? ' set' : ''}`,
};

// ---- socket (revision 3) --------------------------------------------------------------------

const socket: XtExt = {
  name: 'socket',
  hooks: ['PREROUTING', 'INPUT'],
  opts: [opt('transparent', none), opt('nowildcard', none), opt('restore-skmark', none)],
  save: (o) =>
    ['transparent', 'nowildcard', 'restore-skmark']
      .filter((k) => o.has(k))
      .map((k) => `--${k}`)
      .join(' '),
  // socket_mt_print: `socket` and the saved options
  print: (o, ctx) => ` socket${o.size ? ` ${socket.save(o, ctx)}` : ''}`,
};

// ---- policy ---------------------------------------------------------------------------------

interface PolicyElem {
  reqid?: { v: number; neg: boolean };
  spi?: { v: number; neg: boolean };
  proto?: { v: number; neg: boolean };
  mode?: { v: 'transport' | 'tunnel'; neg: boolean };
  tdst?: { v: { addr: number; mask: number }; neg: boolean };
  tsrc?: { v: { addr: number; mask: number }; neg: boolean };
}

const POLICY_PROTO_NAMES: Readonly<Record<number, string>> = { 51: 'ah', 50: 'esp', 108: 'ipcomp' };
const POLICY_ELEM_KEYS: Readonly<Record<string, keyof PolicyElem>> = {
  reqid: 'reqid',
  spi: 'spi',
  proto: 'proto',
  mode: 'mode',
  'tunnel-dst': 'tdst',
  'tunnel-src': 'tsrc',
};
/** the policy elements given so far (the last one still open), kept beside the options */
const ELEMS = '#elems';
const elems = (o: XtOpts) => (o.get(ELEMS)?.v as PolicyElem[] | undefined) ?? [];

/** xt_policy's direction: in for the input hooks, out for the output ones (FORWARD takes both) */
export function policyIn(o: XtOpts): boolean {
  return val<string>(o, 'dir') === 'in';
}

const policy: XtExt = {
  name: 'policy',
  opts: [
    opt('dir', {
      t: 'custom',
      parse: (v) => {
        if (v !== 'in' && v !== 'out') throw xtError(`policy_match: invalid dir "${v}"`);
        return v;
      },
    }),
    opt('pol', {
      t: 'custom',
      parse: (v) => {
        if (v !== 'none' && v !== 'ipsec') throw xtError(`policy match: invalid policy "${v}"`);
        return v;
      },
    }),
    opt('strict', none),
    opt('reqid', u(0xffffffff), { multi: true, inv: true }),
    opt('spi', u(0xffffffff), { multi: true, inv: true }),
    opt('tunnel-src', { t: 'custom', parse: (v, e) => parseHostMask(v, e, 'tunnel-src') }, { multi: true, inv: true }),
    opt('tunnel-dst', { t: 'custom', parse: (v, e) => parseHostMask(v, e, 'tunnel-dst') }, { multi: true, inv: true }),
    opt(
      'proto',
      {
        t: 'custom',
        parse: (v) => {
          const n = strtoui(v, 255) ?? PROTOCOLS[v] ?? null;
          if (n === null) throw xtError(`unknown protocol "${v}" specified`);
          if (![50, 51, 108].includes(n)) throw xtError('policy match: protocol must be ah/esp/ipcomp');
          return n;
        },
      },
      { multi: true, inv: true },
    ),
    opt(
      'mode',
      {
        t: 'custom',
        parse: (v) => {
          if (v !== 'transport' && v !== 'tunnel') throw xtError(`policy match: invalid mode "${v}"`);
          return v;
        },
      },
      { multi: true, inv: true },
    ),
    opt('next', none, { multi: true, also: ['strict'] }),
  ],
  // policy_parse: each element option fills the open element once; --next opens the next one
  parse: (name, o) => {
    const list = elems(o);
    if (list.length === 0) list.push({});
    if (name === 'next') {
      if (list.length === 4) throw xtError('policy match: maximum policy depth reached');
      list.push({});
    } else {
      const k = POLICY_ELEM_KEYS[name];
      if (k) {
        const e = list[list.length - 1]!;
        if (e[k]) throw xtError(`policy match: double --${name} option`);
        (e as Record<string, unknown>)[k] = o.get(name);
      }
    }
    o.set(ELEMS, { v: list, neg: false });
  },
  check: (o) => {
    if (!o.has('dir')) throw xtError('policy match: neither --dir in nor --dir out specified');
    const strict = o.has('strict');
    const list = elems(o);
    if (val<string>(o, 'pol') === 'none') {
      if (strict) throw xtError('policy match: policy none but --strict given');
      if (list.length > 1) throw xtError('policy match: policy none but policy given');
      return;
    }
    const all = list.length ? list : [{}];
    all.forEach((e: PolicyElem, i) => {
      if (strict && !(e.reqid || e.spi || e.tsrc || e.tdst || e.proto || e.mode))
        throw xtError(
          `policy match: empty policy element ${i}. --strict is in effect, but at least one of reqid, spi, tunnel-src, tunnel-dst, proto or mode is required.`,
        );
      const mode = e.mode?.v;
      if ((e.tsrc || e.tdst) && ((mode === 'tunnel' && e.mode!.neg) || ((mode === undefined || mode === 'transport') && !e.mode?.neg)))
        throw xtError('policy match: --tunnel-src/--tunnel-dst is only valid in tunnel mode');
    });
  },
  hooksOf: (o): Hook[] => (policyIn(o) ? ['PREROUTING', 'INPUT', 'FORWARD'] : ['FORWARD', 'OUTPUT', 'POSTROUTING']),
  save: (o) => {
    const p = [`--dir ${val<string>(o, 'dir')}`, `--pol ${val<string>(o, 'pol') === 'none' ? 'none' : 'ipsec'}`];
    if (o.has('strict')) p.push('--strict');
    if (val<string>(o, 'pol') === 'none') return p.join(' ');
    const list = elems(o).length ? elems(o) : [{} as PolicyElem];
    list.forEach((e, i) => {
      const inv = (x?: { neg: boolean }) => (x?.neg ? '! ' : '');
      if (e.reqid) p.push(`${inv(e.reqid)}--reqid ${e.reqid.v}`);
      if (e.spi) p.push(`${inv(e.spi)}--spi ${hex(e.spi.v)}`);
      if (e.proto) p.push(`${inv(e.proto)}--proto ${POLICY_PROTO_NAMES[e.proto.v] ?? e.proto.v}`);
      if (e.mode) p.push(`${inv(e.mode)}--mode ${e.mode.v}`);
      if (e.tdst) p.push(`${inv(e.tdst)}--tunnel-dst ${formatIpv4(e.tdst.v.addr as never)}${maskText(e.tdst.v.mask)}`);
      if (e.tsrc) p.push(`${inv(e.tsrc)}--tunnel-src ${formatIpv4(e.tsrc.v.addr as never)}${maskText(e.tsrc.v.mask)}`);
      if (i + 1 < list.length) p.push('--next');
    });
    return p.join(' ');
  },
  // policy4_print: the flags, then each element (numbered when there are several), the
  // protocol by number with -n
  print: (o, _ctx, numeric) => {
    let s = ` policy match dir ${val<string>(o, 'dir')} pol ${val<string>(o, 'pol') === 'none' ? 'none' : 'ipsec'}`;
    if (o.has('strict')) s += ' strict';
    if (val<string>(o, 'pol') === 'none') return s;
    const list = elems(o).length ? elems(o) : [{} as PolicyElem];
    list.forEach((e, i) => {
      const inv = (x?: { neg: boolean }) => (x?.neg ? ' !' : '');
      if (list.length > 1) s += ` [${i}]`;
      if (e.reqid) s += `${inv(e.reqid)} reqid ${e.reqid.v}`;
      if (e.spi) s += `${inv(e.spi)} spi ${hex(e.spi.v)}`;
      if (e.proto) s += `${inv(e.proto)} proto ${numeric ? e.proto.v : (POLICY_PROTO_NAMES[e.proto.v] ?? e.proto.v)}`;
      if (e.mode) s += `${inv(e.mode)} mode ${e.mode.v}`;
      if (e.tdst) s += `${inv(e.tdst)} tunnel-dst ${formatIpv4(e.tdst.v.addr as never)}${maskText(e.tdst.v.mask)}`;
      if (e.tsrc) s += `${inv(e.tsrc)} tunnel-src ${formatIpv4(e.tsrc.v.addr as never)}${maskText(e.tsrc.v.mask)}`;
    });
    return s;
  },
};

// ---- ecn ------------------------------------------------------------------------------------

const ecn: XtExt = {
  name: 'ecn',
  opts: [opt('ecn-tcp-cwr', none, { inv: true }), opt('ecn-tcp-ece', none, { inv: true }), opt('ecn-ip-ect', u(3), { inv: true })],
  check: (o) => {
    if (o.size === 0) throw xtError('ECN match: some option required');
  },
  // ecn_mt_check: the TCP bits only for -p tcp
  kernelOk: (o, ctx) => !(o.has('ecn-tcp-cwr') || o.has('ecn-tcp-ece')) || (ctx.proto === 6 && !ctx.protoNeg),
  save: (o) => {
    const p: string[] = [];
    if (o.has('ecn-tcp-ece')) p.push(`${neg(o, 'ecn-tcp-ece')}--ecn-tcp-ece`);
    if (o.has('ecn-tcp-cwr')) p.push(`${neg(o, 'ecn-tcp-cwr')}--ecn-tcp-cwr`);
    if (o.has('ecn-ip-ect')) p.push(`${neg(o, 'ecn-ip-ect')}--ecn-ip-ect ${val<number>(o, 'ecn-ip-ect')}`);
    return p.join(' ');
  },
  // ecn_print: ECE, CWR, then the IP codepoint, each with its own negation
  print: (o) => {
    let s = ' ECN match';
    const n = (k: string) => (o.get(k)!.neg ? '!' : '');
    if (o.has('ecn-tcp-ece')) s += ` ${n('ecn-tcp-ece')}ECE`;
    if (o.has('ecn-tcp-cwr')) s += ` ${n('ecn-tcp-cwr')}CWR`;
    if (o.has('ecn-ip-ect')) s += ` ${n('ecn-ip-ect')}ECT=${val<number>(o, 'ecn-ip-ect')}`;
    return s;
  },
};

// ---- realm ----------------------------------------------------------------------------------

/** /etc/iproute2/rt_realms as iproute2 ships it: only 0 has a name */
const REALM_NAMES: Readonly<Record<string, number>> = { cosmos: 0 };

/** xtables_parse_val_mask with the realm names: VALUE[/MASK] or a name */
function parseRealm(v: string): [number, number] {
  const byName = () => {
    const n = REALM_NAMES[v];
    if (n === undefined) throw xtError(`realm: could not map name ${v} to an integer value for option "--realm".\n`);
    return [n, 0xffffffff] as [number, number];
  };
  const m = /^\s*(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)(.*)$/.exec(v);
  const id = m ? strtoui(m[1]!, 0xffffffff) : null;
  if (!m || id === null) return byName();
  if (m[2] === '') return [id, 0xffffffff];
  if (!m[2]!.startsWith('/')) return byName();
  const mm = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)(.*)$/.exec(m[2]!.slice(1));
  const mask = mm ? strtoui(mm[1]!, 0xffffffff) : null;
  if (!mm || mask === null) throw xtError('realm: bad integer value for option "--realm", or out of range.\n');
  if (mm[2] !== '') throw xtError('realm: trailing garbage after value for option "--realm".\n');
  return [id, mask];
}

const realm: XtExt = {
  name: 'realm',
  hooks: ['INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  opts: [opt('realm', { t: 'custom', parse: parseRealm }, { inv: true, mand: true })],
  save: (o) => {
    const [id, mask] = val<[number, number]>(o, 'realm')!;
    const name = Object.entries(REALM_NAMES).find(([, n]) => n === id)?.[0];
    const text = mask !== 0xffffffff ? `${hex(id)}/${hex(mask)}` : (name ?? hex(id));
    return `${neg(o, 'realm')}--realm ${text}`;
  },
  // realm_print: xtables_print_val_mask, a name from the realms table unless -n
  print: (o, _ctx, numeric) => {
    const [id, mask] = val<[number, number]>(o, 'realm')!;
    const name = numeric ? undefined : Object.entries(REALM_NAMES).find(([, n]) => n === id)?.[0];
    return `${o.get('realm')!.neg ? ' !' : ''} realm ${mask !== 0xffffffff ? `${hex(id)}/${hex(mask)}` : (name ?? hex(id))}`;
  },
};

// ---- physdev --------------------------------------------------------------------------------

/** xtables_parse_interface's length check */
function ifaceName(v: string): string {
  if (v.length >= 16) throw xtError(`interface name \`${v}' must be shorter than IFNAMSIZ (15)`);
  return v;
}

const physdev: XtExt = {
  name: 'physdev',
  opts: [
    opt('physdev-in', { t: 'custom', parse: ifaceName }, { inv: true }),
    opt('physdev-out', { t: 'custom', parse: ifaceName }, { inv: true }),
    opt('physdev-is-in', none, { inv: true }),
    opt('physdev-is-out', none, { inv: true }),
    opt('physdev-is-bridged', none, { inv: true }),
  ],
  check: (o) => {
    if (o.size === 0) throw xtError('PHYSDEV: no physdev option specified');
  },
  // physdev_mt_check: the output port is known in OUTPUT only for bridged packets
  hooksOf: (o): Hook[] => {
    const out = o.has('physdev-out') || o.has('physdev-is-out');
    const bridged = o.has('physdev-is-bridged') && !o.get('physdev-is-bridged')!.neg;
    return out && !bridged
      ? ['PREROUTING', 'INPUT', 'FORWARD', 'POSTROUTING']
      : ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'];
  },
  save: (o) => {
    const p: string[] = [];
    if (o.has('physdev-is-in')) p.push(`${neg(o, 'physdev-is-in')}--physdev-is-in`);
    if (o.has('physdev-in')) p.push(`${neg(o, 'physdev-in')}--physdev-in ${val<string>(o, 'physdev-in')}`);
    if (o.has('physdev-is-out')) p.push(`${neg(o, 'physdev-is-out')}--physdev-is-out`);
    if (o.has('physdev-out')) p.push(`${neg(o, 'physdev-out')}--physdev-out ${val<string>(o, 'physdev-out')}`);
    if (o.has('physdev-is-bridged')) p.push(`${neg(o, 'physdev-is-bridged')}--physdev-is-bridged`);
    return p.join(' ');
  },
  // physdev_mt_print: the saved options, dashes kept
  print: (o, ctx) => ` PHYSDEV match ${physdev.save(o, ctx)}`,
};

// ---- ipcomp ---------------------------------------------------------------------------------

const ipcomp: XtExt = {
  name: 'ipcomp',
  opts: [opt('ipcompspi', { t: 'range', max: 4294967295 }, { inv: true }), opt('compres', none)],
  kernelOk: (_o, ctx) => ctx.proto === 108 && !ctx.protoNeg,
  save: (o) => {
    // no --ipcompspi leaves both ends at 0 (libxt_ipcomp has no init), printed as SPI 0
    const r = val<[number, number]>(o, 'ipcompspi') ?? [0, 0];
    const p: string[] = [];
    // the whole range says nothing, inverted or not: iptables-nft keeps neither
    if (!(r[0] === 0 && r[1] === 4294967295)) p.push(`${neg(o, 'ipcompspi')}--ipcompspi ${r[0] === r[1] ? r[0] : `${r[0]}:${r[1]}`}`);
    if (o.has('compres')) p.push('--compres');
    return p.join(' ');
  },
  // comp_print: the SPI (a whole range says nothing), then `reserved`
  print: (o) => {
    const [lo, hi] = val<[number, number]>(o, 'ipcompspi') ?? [0, 0];
    const inv = o.get('ipcompspi')?.neg ? '!' : '';
    const spis = lo !== 0 || hi !== 4294967295 || inv ? (lo === hi ? `spi:${inv}${lo}` : `spis:${inv}${lo}:${hi}`) : '';
    return ` comp ${spis}${o.has('compres') ? ' reserved' : ''}`;
  },
};

// ---- cluster --------------------------------------------------------------------------------

const cluster: XtExt = {
  name: 'cluster',
  opts: [
    opt('cluster-total-nodes', u(32, 1), { mand: true }),
    opt('cluster-local-node', u(32, 1), { inv: true, excl: ['cluster-local-nodemask'] }),
    opt('cluster-local-nodemask', u(32, 1), { inv: true, excl: ['cluster-local-node'] }),
    opt('cluster-hash-seed', u(0xffffffff), { mand: true }),
  ],
  check: (o) => {
    const total = val<number>(o, 'cluster-total-nodes');
    const node = val<number>(o, 'cluster-local-node');
    const mask = nodeMask(o);
    const seed = o.has('cluster-hash-seed');
    if (total !== undefined && node !== undefined && seed) {
      if (mask >= 2 ** total) throw xtError("cluster match: `--cluster-local-node' must be <= `--cluster-total-nodes'");
      return;
    }
    if (total !== undefined && o.has('cluster-local-nodemask') && seed) {
      if (mask >= 2 ** total) throw xtError("cluster match: `--cluster-local-nodemask' too big for `--cluster-total-nodes'");
      return;
    }
    if (node === undefined && !o.has('cluster-local-nodemask'))
      throw xtError("cluster match: `--cluster-local-node' or`--cluster-local-nodemask' is missing");
  },
  save: (o) => {
    const inv = o.get('cluster-local-node')?.neg || o.get('cluster-local-nodemask')?.neg;
    return `${inv ? '! ' : ''}--cluster-local-nodemask ${hex8(nodeMask(o))} --cluster-total-nodes ${val<number>(o, 'cluster-total-nodes')} --cluster-hash-seed ${hex8(val<number>(o, 'cluster-hash-seed')!)}`;
  },
  // cluster_print: the mask (`!` glued to it when inverted), the node count and the seed
  print: (o) => {
    const inv = o.get('cluster-local-node')?.neg || o.get('cluster-local-nodemask')?.neg;
    return ` cluster ${inv ? '!' : ''}node_mask=${hex8(nodeMask(o))} total_nodes=${val<number>(o, 'cluster-total-nodes')} hash_seed=${hex8(val<number>(o, 'cluster-hash-seed')!)}`;
  },
};

function nodeMask(o: XtOpts): number {
  const node = val<number>(o, 'cluster-local-node');
  return node !== undefined ? 2 ** (node - 1) : (val<number>(o, 'cluster-local-nodemask') ?? 0);
}

// ---- osf ------------------------------------------------------------------------------------

const osf: XtExt = {
  name: 'osf',
  hooks: ['PREROUTING', 'INPUT', 'FORWARD'],
  opts: [opt('genre', { t: 'string', put: 32 }, { inv: true, mand: true }), opt('ttl', u(2)), opt('log', u(2))],
  kernelOk: (_o, ctx) => ctx.proto === 6 && !ctx.protoNeg,
  save: (o) => {
    const p = [`${neg(o, 'genre')}--genre ${val<string>(o, 'genre')}`];
    if (o.has('ttl')) p.push(`--ttl ${val<number>(o, 'ttl')}`);
    if (o.has('log')) p.push(`--log ${val<number>(o, 'log')}`);
    return p.join(' ');
  },
  // osf_print: the genre only (not the TTL check or the logging)
  print: (o) => ` OS fingerprint match ${o.get('genre')?.neg ? '! ' : ''}${val<string>(o, 'genre')}`,
};

// ---- rpfilter -------------------------------------------------------------------------------

const RPFILTER_FLAGS = ['loose', 'validmark', 'accept-local', 'invert'];
const rpfilter: XtExt = {
  name: 'rpfilter',
  hooks: ['PREROUTING'],
  opts: RPFILTER_FLAGS.map((k) => opt(k, none)),
  // rpfilter_check: the raw and mangle tables only
  kernelOk: (_o, ctx) => ctx.table === 'raw' || ctx.table === 'mangle',
  save: (o) =>
    RPFILTER_FLAGS.filter((k) => o.has(k))
      .map((k) => `--${k}`)
      .join(' '),
  print: (o) =>
    ` rpfilter${RPFILTER_FLAGS.filter((k) => o.has(k))
      .map((k) => ` ${k}`)
      .join('')}`,
};

// ---- bpf (revision 1) -----------------------------------------------------------------------

/** the classic BPF instructions the kernel takes (bpf_check_classic's codes) */
const BPF_CODES = new Set([
  0x00, 0x20, 0x28, 0x30, 0x40, 0x48, 0x50, 0x60, 0x80, 0x01, 0x61, 0x81, 0xb1, 0x02, 0x03, 0x04, 0x0c, 0x14, 0x1c, 0x24, 0x2c, 0x34, 0x3c,
  0x94, 0x9c, 0x44, 0x4c, 0x54, 0x5c, 0xa4, 0xac, 0x64, 0x6c, 0x74, 0x7c, 0x84, 0x05, 0x15, 0x1d, 0x25, 0x2d, 0x35, 0x3d, 0x45, 0x4d, 0x06,
  0x16, 0x07, 0x87,
]);
type BpfInsn = readonly [number, number, number, number];

/** sscanf's %u family: optional space and sign, decimal digits, wrapped to the field's width */
function scanUint(s: string, bits: number): { v: number; rest: string } | null {
  const m = /^\s*([+-]?)(\d+)/.exec(s);
  if (!m) return null;
  const mod = 2n ** BigInt(bits);
  let v = BigInt(m[2]!) % mod;
  if (m[1] === '-') v = (mod - v) % mod;
  return { v: Number(v), rest: s.slice(m[0].length) };
}

/** bpf_parse_string: LEN,CODE JT JF K,… (at most 64 instructions) */
function bpfProgram(v: string): BpfInsn[] {
  const head = scanUint(v, 16);
  if (!head?.rest.startsWith(',')) throw xtError('bpf: error parsing program length');
  const len = head.v;
  if (!len) throw xtError('bpf: illegal zero length program');
  if (len > 64) throw xtError('bpf: number of instructions exceeds maximum');
  const out: BpfInsn[] = [];
  let at = v.indexOf(',');
  while (at >= 0 && at + 1 < v.length) {
    const token = v.slice(at + 1);
    if (out.length >= len) throw xtError('bpf: real program length exceeds the encoded length parameter');
    const code = scanUint(token, 16);
    const jt = code && scanUint(code.rest, 8);
    const jf = jt && scanUint(jt.rest, 8);
    const k = jf && scanUint(jf.rest, 32);
    if (!k) throw xtError(`bpf: error at instr ${out.length}`);
    out.push([code!.v, jt!.v, jf!.v, k.v]);
    at = v.indexOf(',', at + 1);
  }
  if (out.length !== len) throw xtError('bpf: parsed program length is less than the encoded length parameter');
  return out;
}

/** bpf_check_classic: known codes, jumps inside the program, no division by a constant 0, a return last */
function bpfValid(prog: readonly BpfInsn[]): boolean {
  const n = prog.length;
  for (let pc = 0; pc < n; pc++) {
    const [code, jt, jf, k] = prog[pc]!;
    if (!BPF_CODES.has(code)) return false;
    if ((code === 0x34 || code === 0x94) && k === 0) return false;
    if ((code === 0x64 || code === 0x74) && k >= 32) return false;
    if ([0x60, 0x61, 0x02, 0x03].includes(code) && k >= 16) return false;
    if (code === 0x05 && k >= n - pc - 1) return false;
    if ((code & 7) === 5 && code !== 0x05 && (pc + jt + 1 >= n || pc + jf + 1 >= n)) return false;
  }
  const last = prog[n - 1]![0];
  if (last !== 0x06 && last !== 0x16) return false;
  // check_load_and_stores: a scratch word is read only after every path to it stored it
  const masks = new Array<number>(n).fill(0xffff);
  let memvalid = 0;
  for (let pc = 0; pc < n; pc++) {
    const [code, jt, jf, k] = prog[pc]!;
    memvalid &= masks[pc]!;
    if (code === 0x02 || code === 0x03) memvalid |= 1 << k;
    else if ((code === 0x60 || code === 0x61) && !(memvalid & (1 << k))) return false;
    else if (code === 0x05) {
      masks[pc + 1 + k]! &= memvalid;
      memvalid = 0xffff;
    } else if ((code & 7) === 5) {
      masks[pc + 1 + jt]! &= memvalid;
      masks[pc + 1 + jf]! &= memvalid;
      memvalid = 0xffff;
    }
  }
  return true;
}

const bpf: XtExt = {
  name: 'bpf',
  opts: [
    opt('bytecode', { t: 'custom', parse: bpfProgram }),
    opt('object-pinned', {
      t: 'custom',
      // the lab pins no BPF objects
      parse: () => {
        throw xtError('bpf: failed to get bpf object');
      },
    }),
  ],
  check: (o) => {
    if (o.has('bytecode') === o.has('object-pinned')) throw xtError('bpf: one of --bytecode or --pinned is required');
  },
  kernelOk: (o) => bpfValid(val<BpfInsn[]>(o, 'bytecode')!),
  save: (o) => {
    const prog = val<BpfInsn[]>(o, 'bytecode')!;
    return `--bytecode "${prog.length},${prog.map((i) => i.join(' ')).join(',')}"`;
  },
  // bpf_print_v1: no leading space, and bpf_print_code ends the last instruction with a NUL byte
  print: (o) =>
    `match bpf ${val<BpfInsn[]>(o, 'bytecode')!
      .map((i) => i.join(' '))
      .join(',')}\0`,
};

// ---- u32 ------------------------------------------------------------------------------------

interface U32Test {
  /** the location: numbers joined by & << >> @ (the first has none) */
  readonly loc: ReadonlyArray<{ readonly op: string; readonly n: number }>;
  readonly values: ReadonlyArray<readonly [number, number]>;
}

/** u32_parse: tests LOCATION=RANGES joined by &&, with libxt_u32's messages and limits (10 of each) */
function u32Tests(arg: string): U32Test[] {
  const tests: U32Test[] = [];
  let loc: Array<{ op: string; n: number }> = [];
  let values: Array<[number, number]> = [];
  let i = 0;
  let state = 0;
  const err = (m: string) => xtError(`u32: at char ${i}: ${m}`);
  const num = (): number => {
    const m = /^\s*(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(arg.slice(i));
    const v = m ? Number(BigInt(m[1]!.replace(/^0([0-7])/, '0o$1'))) : Number.NaN;
    if (!m || !(v <= 0xffffffff)) throw err('not a number or out of range');
    i += m[0].length;
    return v;
  };
  for (;;) {
    while (/\s/.test(arg[i] ?? '')) i++;
    if (i >= arg.length) {
      if (state === 0) throw xtError('u32: abrupt end of input after location specifier');
      if (values.length === 0) throw xtError('u32: test ended with no value specified');
      tests.push({ loc, values });
      if (tests.length > 10) throw err('too many "&&"s');
      return tests;
    }
    if (state === 0) {
      if (arg[i] === '=') {
        if (loc.length === 0) throw err('location spec missing');
        i++;
        state = 1;
        continue;
      }
      let op = '';
      if (loc.length) {
        const c = arg[i];
        if (c === '<' || c === '>') {
          if (arg[++i] !== c) throw err(`a second '${c}' was expected`);
          op = c + c;
        } else if (c === '&' || c === '@') op = c;
        else throw err('operator expected');
        i++;
      }
      loc.push({ op, n: num() });
      if (loc.length > 10) throw err('too many operators');
    } else if (arg[i] === '&') {
      if (arg[++i] !== '&') throw err("a second '&' was expected");
      if (values.length === 0) throw err('value spec missing');
      tests.push({ loc, values });
      if (tests.length > 10) throw err('too many "&&"s');
      i++;
      state = 0;
      loc = [];
      values = [];
    } else {
      if (values.length) {
        if (arg[i] !== ',') throw err('expected "," or "&&"');
        i++;
      }
      const lo = num();
      while (/\s/.test(arg[i] ?? '')) i++;
      let hi = lo;
      if (arg[i] === ':') {
        i++;
        hi = num();
      }
      values.push([lo, hi]);
      if (values.length > 10) throw err('too many ","s');
    }
  }
}

const u32: XtExt = {
  name: 'u32',
  opts: [opt('u32', { t: 'custom', parse: u32Tests }, { inv: true, mand: true })],
  save: (o) => {
    const text = val<U32Test[]>(o, 'u32')!
      .map(
        (t) =>
          `${t.loc.map((l) => `${l.op}${hex(l.n)}`).join('')}=${t.values.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}:${hex(b)}`)).join(',')}`,
      )
      .join('&&');
    return `${neg(o, 'u32')}--u32 "${text}"`;
  },
  print: (o, ctx) => ` u32${o.get('u32')!.neg ? ' !' : ''} ${u32.save(o, ctx).replace(/^(! )?--u32 /, '')}`,
};

/** the match extensions of this file */
export const XT_MATCHES_MISC: readonly XtExt[] = [
  bpf,
  u32,
  rateest,
  cgroup,
  connlabel,
  socket,
  policy,
  ecn,
  realm,
  physdev,
  ipcomp,
  cluster,
  osf,
  rpfilter,
];
