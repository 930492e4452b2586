// The option machinery of libxtables (xtables_option_parse / xtables_options_fcheck) for the
// iptables extensions: each extension declares its options with a type and flags, and the
// generic code gives iptables' own messages for a bad value, a repeated option, a negation the
// option does not allow, a missing mandatory option and options that exclude each other.
// The extensions themselves live in ./xt-matches.ts and ./xt-targets.ts.

import { CmdError } from './result.ts';
import { strtoul0 } from '../core/addr.ts';
import type { Hook } from '../core/netfilter/rule.ts';

const V = 'iptables v1.8.9 (nf_tables)';
const TRY = "Try `iptables -h' or 'iptables --help' for more information.";

export function xtError(msg: string): CmdError {
  return new CmdError(`${V}: ${msg}\n${TRY}`, 2);
}

/** how an option's argument is read (XTTYPE_*) */
export type OptType =
  | { readonly t: 'none' }
  /** XTTYPE_UINT8/16/32/64: one number in C notation */
  | { readonly t: 'uint'; readonly min?: number; readonly max: number | bigint }
  /** XTTYPE_UINT*RC: N or N:M (a missing end is the type's bound) */
  | { readonly t: 'range'; readonly max: number | bigint; readonly sep?: string }
  /** XTTYPE_MARKMASK32: VALUE[/MASK] */
  | { readonly t: 'markmask' }
  /** XTTYPE_STRING, at most `max` characters; with `put`, cut to fit a field of that size */
  | { readonly t: 'string'; readonly max?: number; readonly put?: number }
  /** anything else: the extension reads the text itself (and throws iptables' message) */
  | { readonly t: 'custom'; readonly parse: (v: string, ext: string) => unknown }
  /**
   * an argument old-style extensions take only when the next word is no option (libxt_rateest's
   * rates): absent, the value is `none`
   */
  | { readonly t: 'optarg'; readonly parse: (v: string, ext: string) => unknown; readonly none: unknown }
  /** two words (libxt_sctp's --chunk-types): `missing` when the second is absent or an option */
  | { readonly t: 'custom2'; readonly parse: (a: string, b: string) => unknown; readonly missing: string };

export interface OptSpec {
  /** without the leading dashes */
  readonly name: string;
  readonly type: OptType;
  /** XTOPT_INVERT: `! --opt` allowed */
  readonly inv?: boolean;
  /** XTOPT_MAND */
  readonly mand?: boolean;
  /** XTOPT_MULTI: may be given more than once */
  readonly multi?: boolean;
  /** options that cannot be used together with this one */
  readonly excl?: readonly string[];
  /** options this one needs */
  readonly also?: readonly string[];
  /** an old-style extension's own message for a repeated option (instead of libxtables') */
  readonly once?: string;
  /** an old-style extension's own message for an inverted option it does not allow */
  readonly noinv?: string;
  /** the name the value is kept under, when two option names set the same thing (aliases) */
  readonly key?: string;
}

export interface OptVal {
  readonly v: unknown;
  readonly neg: boolean;
}

/** what the options of one extension instance were given, in the order given */
export type XtOpts = Map<string, OptVal>;

export interface XtContext {
  /** the rule's `-p`, as a number (0: none or all) and whether it is negated */
  readonly proto: number;
  readonly protoNeg: boolean;
  readonly table: string;
  /** whether the kernel has ip_vs loaded (xt_ipvs needs it) */
  readonly ipvs: boolean;
}

export interface XtExt {
  readonly name: string;
  /** the hooks the kernel's extension allows (checkentry's hook mask); all when absent */
  readonly hooks?: readonly Hook[];
  /** the hooks the kernel's checkentry allows for these options (xt_policy's direction) */
  readonly hooksOf?: (o: XtOpts) => readonly Hook[];
  /** the one table the kernel's extension allows; any when absent */
  readonly table?: string;
  readonly opts: readonly OptSpec[];
  /** x6_parse: called after the generic parse of one option (e.g. ordering rules) */
  readonly parse?: (name: string, o: XtOpts, ext: string) => void;
  /** x6_fcheck: the final checks beyond mandatory/exclusive options */
  readonly check?: (o: XtOpts, ctx: XtContext) => void;
  /**
   * the kernel's checkentry beyond hooks and table: false refuses the rule (Invalid argument),
   * a text refuses it with that errno's message
   */
  readonly kernelOk?: (o: XtOpts, ctx: XtContext) => boolean | string;
  /** the option text that `iptables -S` prints after `-m NAME` / `-j NAME` */
  readonly save: (o: XtOpts, ctx: XtContext) => string;
  /**
   * the extension's `print` for `iptables -L`: the exact text, its leading spaces included,
   * with `-n` (numeric) or with names
   */
  readonly print?: (o: XtOpts, ctx: XtContext, numeric: boolean) => string;
}

/** what an extension prints in `iptables -L`, with and without -n */
export function xtListText(x: XtExt, o: XtOpts, ctx: XtContext): { readonly numeric: string; readonly names: string } | undefined {
  if (!x.print) return undefined;
  return { numeric: x.print(o, ctx, true), names: x.print(o, ctx, false) };
}

const BIG_OVER = (v: bigint, max: number | bigint) => v > BigInt(max);

/** strtoull in C notation over the whole text (no sign) */
export function parseUint(text: string, max: number | bigint): bigint | null {
  if (!/^\s*(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(text)) return null;
  const t = text.trim();
  let v: bigint;
  if (/^0[xX]/.test(t)) v = BigInt(t);
  else if (t.length > 1 && t.startsWith('0')) v = BigInt(`0o${t.slice(1)}`);
  else v = BigInt(t);
  return BIG_OVER(v, max) ? null : v;
}

/** the longest leading number (C notation) of `s`: its value and the rest, as strtoul leaves them */
function leadingUint(s: string): { v: bigint; rest: string } | null {
  const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(s);
  if (!m) return null;
  const v = parseUint(m[1]!, 2n ** 64n);
  if (v === null) return null;
  return { v, rest: s.slice(m[1]!.length) };
}

function fmtMax(m: number | bigint): string {
  return String(m);
}

function parseValue(ext: string, o: OptSpec, text: string): unknown {
  const ty = o.type;
  switch (ty.t) {
    case 'none':
      return true;
    case 'uint': {
      const v = parseUint(text, ty.max);
      if (v === null || v < BigInt(ty.min ?? 0))
        throw xtError(`${ext}: bad value for option "--${o.name}", or out of range (${ty.min ?? 0}-${fmtMax(ty.max)}).\n`);
      return typeof ty.max === 'bigint' ? v : Number(v);
    }
    case 'range': {
      // xtopt_parse_mint: numbers separated by ':' (or '-'), each up to max
      const sep = ty.sep ?? ':';
      const out: bigint[] = [];
      let rest = text;
      const bad = () => xtError(`${ext}: bad value for option "--${o.name}" near "${rest}", or out of range (0-${fmtMax(ty.max)}).\n`);
      for (;;) {
        if (rest === '' || rest.startsWith(sep)) {
          out.push(out.length === 0 ? 0n : BigInt(ty.max));
        } else {
          const n = leadingUint(rest);
          if (!n || BIG_OVER(n.v, ty.max)) throw bad();
          out.push(n.v);
          rest = n.rest;
        }
        if (rest === '') break;
        if (!rest.startsWith(sep) || out.length >= 2) throw bad();
        rest = rest.slice(sep.length);
        if (rest === '') {
          out.push(BigInt(ty.max));
          break;
        }
      }
      const lo = out[0]!;
      const hi = out[1] ?? lo;
      return typeof ty.max === 'bigint' ? [lo, hi] : [Number(lo), Number(hi)];
    }
    case 'markmask': {
      const bad = () => xtError(`${ext}: bad integer value for option "--${o.name}", or out of range.\n`);
      const slash = text.indexOf('/');
      const v = parseUint(slash < 0 ? text : text.slice(0, slash), 0xffffffff);
      const m = slash < 0 ? 0xffffffffn : parseUint(text.slice(slash + 1), 0xffffffff);
      if (v === null || m === null) throw bad();
      return [Number(v), Number(m)];
    }
    case 'string':
      if (ty.max !== undefined && text.length > ty.max)
        throw xtError(`${ext}: option "--${o.name}" must be a string of at most ${ty.max} characters.`);
      return ty.put !== undefined ? text.slice(0, ty.put - 1) : text;
    case 'custom':
      return ty.parse(text, ext);
    case 'custom2':
    case 'optarg':
      throw new Error(`${ty.t} is read by xtParseOpt`);
  }
}

/**
 * one option of an extension: the value read, with iptables' checks on repetition and
 * negation. `take` reads the argument (only options with one call it).
 */
export function xtParseOpt(
  x: XtExt,
  o: XtOpts,
  spec: OptSpec,
  neg: boolean,
  take: () => string,
  peek: () => string | undefined = () => undefined,
): void {
  if (neg && !spec.inv) throw xtError(spec.noinv ?? `${x.name}: option "--${spec.name}" cannot be inverted.\n`);
  const key = spec.key ?? spec.name;
  if (o.has(key) && !spec.multi) throw xtError(spec.once ?? `${x.name}: option "--${spec.name}" can only be used once.\n`);
  const ty = spec.type;
  let v: unknown;
  if (ty.t === 'none') v = true;
  else if (ty.t === 'optarg') {
    const b = peek();
    v = b === undefined || b.startsWith('-') || b.startsWith('!') ? ty.none : ty.parse(take(), x.name);
  } else if (ty.t === 'custom2') {
    const a = take();
    const b = peek();
    if (b === undefined || b.startsWith('-') || b.startsWith('!')) throw xtError(ty.missing);
    v = ty.parse(a, take());
  } else v = parseValue(x.name, spec, take());
  o.set(key, { v, neg });
  x.parse?.(spec.name, o, x.name);
}

/** xtables_options_fcheck, then the extension's own final check */
export function xtFinal(x: XtExt, o: XtOpts, ctx: XtContext): void {
  // xtables_option_mfcall: the extension's own check comes first
  x.check?.(o, ctx);
  for (const s of x.opts) {
    const have = o.has(s.name);
    if (s.mand && !have) throw xtError(`${x.name}: option "--${s.name}" must be specified\n`);
    if (!have) continue;
    for (const e of s.excl ?? []) if (o.has(e)) throw xtError(`${x.name}: option "--${s.name}" cannot be used together with "--${e}".\n`);
    for (const a of s.also ?? []) if (!o.has(a)) throw xtError(`${x.name}: option "--${s.name}" also requires "--${a}".\n`);
  }
}

/** `[! ]--name` as save functions print a flag */
export function neg(o: XtOpts, name: string): string {
  return o.get(name)?.neg ? '! ' : '';
}

export function val<T>(o: XtOpts, name: string): T | undefined {
  return o.get(name)?.v as T | undefined;
}

export function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

/** a C-notation number the whole text, or null (xtables_strtoui) */
export function strtoui(v: string, max: number): number | null {
  if (/^\s*-/.test(v)) return null;
  const r = strtoul0(v);
  return r && r.end === v.length && r.value <= max ? r.value : null;
}

/** xtables_save_string: bare when only letters, digits, _ and -; else quoted with " \\ ' escaped */
export function saveString(s: string): string {
  return /^[A-Za-z0-9_-]+$/.test(s) ? s : `"${s.replace(/(["\\'])/g, '\\$1')}"`;
}
