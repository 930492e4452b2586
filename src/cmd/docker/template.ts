// `docker inspect -f TEMPLATE`: the part of Go's text/template that inspect formats use, run
// over the inspect JSON as the docker CLI does (missingkey=error on the raw object): field
// chains, `range` (maps in key order), `$k, $v :=` in a range, parenthesised pipelines, and the
// functions json, index and println. What the template does that netlab does not model is
// refused by name; Go's own errors keep Go's words and positions.

import { readDockerFlags } from './cli-flags-model.ts';
import { DockerError } from './expand.ts';

/** a JSON value as the docker CLI decodes it */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * What the lab knows of the object it formats: the paths (from the top, "." separated, `*`
 * for any key) whose keys are all present, so a missing key there is Go's "map has no entry";
 * elsewhere a missing key is a field netlab does not model. Typed maps (Networks) give a nil
 * endpoint for a missing key, printed "<nil>", as the typed first pass prints it.
 */
export interface Shape {
  readonly complete: readonly string[];
  readonly typedMaps: readonly string[];
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipe: Cmd[]; pos: number }
  | { kind: 'range'; pipe: Cmd[]; vars: string[]; body: Node[]; pos: number };

/** one command of a pipeline: a function and its arguments, or a lone operand */
interface Cmd {
  readonly args: Operand[];
}

type Operand =
  | { kind: 'field'; base: 'dot' | string | Cmd[]; chain: string[]; pos: number; text: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'ident'; name: string; pos: number };

const FUNCS = new Set(['json', 'index', 'println']);
/** Go's builtins and the docker CLI's template functions netlab does not model */
const KNOWN = new Set([
  'and',
  'call',
  'html',
  'js',
  'len',
  'not',
  'or',
  'print',
  'printf',
  'urlquery',
  'eq',
  'ge',
  'gt',
  'le',
  'lt',
  'ne',
  'slice',
  'split',
  'join',
  'title',
  'lower',
  'upper',
  'pad',
  'truncate',
]);

const parseError = (m: string): DockerError => new DockerError(`template parsing error: template: :${m}`, 64);
const notModelled = (what: string): DockerError => new DockerError(`netlab: docker inspect -f: ${what} is not modelled yet`, 1);

// ---- parsing -------------------------------------------------------------------------------

interface Action {
  readonly body: string;
  /** offset of the action's body in the template */
  readonly at: number;
}

function split(tpl: string): Array<string | Action> {
  const out: Array<string | Action> = [];
  let i = 0;
  while (i < tpl.length) {
    const open = tpl.indexOf('{{', i);
    if (open < 0) {
      out.push(tpl.slice(i));
      break;
    }
    let text = tpl.slice(i, open);
    let at = open + 2;
    if (tpl.startsWith('- ', at)) {
      text = text.replace(/\s+$/, '');
      at += 2;
    }
    const close = tpl.indexOf('}}', at);
    if (close < 0) throw parseError(`${lineOf(tpl, open)}: unclosed action`);
    let end = close;
    let next = close + 2;
    if (tpl[close - 1] === '-' && tpl[close - 2] === ' ') end = close - 2;
    out.push(text);
    out.push({ body: tpl.slice(at, end), at });
    if (end !== close) {
      const rest = tpl.slice(next);
      next += rest.length - rest.replace(/^\s+/, '').length;
    }
    i = next;
  }
  return out.filter((x) => x !== '');
}

function lineOf(tpl: string, pos: number): number {
  return 1 + (tpl.slice(0, pos).match(/\n/g)?.length ?? 0);
}

interface Token {
  readonly t: string;
  readonly pos: number;
}

function lex(body: string, at: number, tpl: string): Token[] {
  const out: Token[] = [];
  const re =
    /\s+|"(?:[^"\\]|\\.)*"|`[^`]*`|:=|[(),|]|\$[A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*|(?:\.[A-Za-z0-9_]+)+|\.|-?\d+|[A-Za-z_][A-Za-z0-9_]*/y;
  let i = 0;
  while (i < body.length) {
    re.lastIndex = i;
    const m = re.exec(body);
    if (!m) throw parseError(`${lineOf(tpl, at + i)}: unexpected "${body[i]}" in command`);
    if (!/^\s/.test(m[0])) out.push({ t: m[0], pos: at + i });
    i = re.lastIndex;
  }
  return out;
}

function parse(tpl: string): Node[] {
  const root: Node[] = [];
  const stack: Array<{ node: Extract<Node, { kind: 'range' }> | null; body: Node[] }> = [{ node: null, body: root }];
  for (const part of split(tpl)) {
    const top = stack[stack.length - 1]!;
    if (typeof part === 'string') {
      top.body.push({ kind: 'text', text: part });
      continue;
    }
    const toks = lex(part.body, part.at, tpl);
    const first = toks[0]?.t;
    if (first === undefined) throw parseError(`${lineOf(tpl, part.at)}: missing value for command`);
    if (first === 'end') {
      if (!top.node) throw parseError(`${lineOf(tpl, part.at)}: unexpected {{end}}`);
      stack.pop();
      continue;
    }
    if (first === 'range') {
      let rest = toks.slice(1);
      const vars: string[] = [];
      const assign = rest.findIndex((x) => x.t === ':=');
      if (assign >= 0) {
        for (const v of rest.slice(0, assign)) if (v.t !== ',') vars.push(v.t);
        if (!vars.length || vars.length > 2 || !vars.every((v) => /^\$\w+$/.test(v))) throw notModelled(`{{${part.body}}}`);
        rest = rest.slice(assign + 1);
      }
      const node: Extract<Node, { kind: 'range' }> = { kind: 'range', pipe: pipeline(rest, tpl), vars, body: [], pos: toks[0]!.pos };
      top.body.push(node);
      stack.push({ node, body: node.body });
      continue;
    }
    if (
      ['if', 'with', 'else', 'define', 'template', 'block', 'break', 'continue'].includes(first) ||
      toks.some((x) => x.t === ':=' || x.t === '=')
    )
      throw notModelled(`{{${part.body.trim()}}}`);
    top.body.push({ kind: 'action', pipe: pipeline(toks, tpl), pos: toks[0]!.pos });
  }
  if (stack.length > 1) throw parseError(`${lineOf(tpl, tpl.length)}: unexpected EOF`);
  return root;
}

function pipeline(toks: Token[], tpl: string): Cmd[] {
  const cmds: Cmd[] = [];
  let i = 0;
  const operand = (): Operand => {
    const k = toks[i]!;
    i++;
    if (k.t === '(') {
      const start = i;
      let depth = 1;
      while (i < toks.length && depth) {
        if (toks[i]!.t === '(') depth++;
        if (toks[i]!.t === ')') depth--;
        i++;
      }
      if (depth) throw parseError(`${lineOf(tpl, k.pos)}: unclosed left paren`);
      const inner = pipeline(toks.slice(start, i - 1), tpl);
      // a field chain right after the parenthesis: (index .X "k").IPAddress
      const next = toks[i];
      if (next && /^\./.test(next.t) && next.pos === toks[i - 1]!.pos + 1) {
        i++;
        return { kind: 'field', base: inner, chain: next.t.split('.').slice(1), pos: next.pos, text: next.t };
      }
      return { kind: 'field', base: inner, chain: [], pos: k.pos, text: '' };
    }
    if (k.t.startsWith('"')) return { kind: 'string', value: JSON.parse(k.t) as string };
    if (k.t.startsWith('`')) return { kind: 'string', value: k.t.slice(1, -1) };
    if (/^-?\d+$/.test(k.t)) return { kind: 'number', value: Number(k.t) };
    if (k.t === '.') return { kind: 'field', base: 'dot', chain: [], pos: k.pos, text: '.' };
    if (k.t.startsWith('.')) {
      const chain = k.t.split('.').slice(1);
      // text/template places a chain of fields at its second field
      return { kind: 'field', base: 'dot', chain, pos: k.pos + (chain.length > 1 ? chain[0]!.length + 1 : 0), text: k.t };
    }
    if (k.t.startsWith('$')) {
      const [v, ...chain] = k.t.split('.');
      return { kind: 'field', base: v!, chain, pos: k.pos + (chain.length ? v!.length : 0), text: k.t };
    }
    if (/^[A-Za-z_]/.test(k.t)) {
      if (k.t === 'nil' || k.t === 'true' || k.t === 'false') throw notModelled(k.t);
      if (!FUNCS.has(k.t)) {
        if (KNOWN.has(k.t)) throw notModelled(`the function ${k.t}`);
        throw parseError(`${lineOf(tpl, k.pos)}: function "${k.t}" not defined`);
      }
      return { kind: 'ident', name: k.t, pos: k.pos };
    }
    throw parseError(`${lineOf(tpl, k.pos)}: unexpected "${k.t}" in command`);
  };
  let cur: Operand[] = [];
  while (i < toks.length) {
    if (toks[i]!.t === '|') {
      if (!cur.length) throw parseError(`${lineOf(tpl, toks[i]!.pos)}: missing value for command`);
      cmds.push({ args: cur });
      cur = [];
      i++;
      continue;
    }
    cur.push(operand());
  }
  if (!cur.length) throw parseError(`${lineOf(tpl, toks[0]?.pos ?? 0)}: missing value for command`);
  cmds.push({ args: cur });
  return cmds;
}

// ---- execution -----------------------------------------------------------------------------

/** a value and the path it was reached by (for the lab's shape) */
interface Val {
  readonly v: Json | undefined;
  readonly path: string;
  /** a typed map's missing entry: a nil pointer */
  readonly nil?: boolean;
}

/** the netip.Addr fields of an endpoint: their zero value prints as "invalid IP" */
/** the fields that are Go maps of strings (printed map[k:v]); other objects are structs */
const STRING_MAPS: ReadonlySet<string> = new Set(['Labels']);

const ADDR_FIELDS = new Set(['Gateway', 'IPAddress', 'IPv6Gateway', 'GlobalIPv6Address']);

class Exec {
  private out = '';
  constructor(
    private readonly tpl: string,
    private readonly shape: Shape,
  ) {}

  run(nodes: Node[], dot: Val, vars: Map<string, Val>): string {
    for (const n of nodes) {
      if (n.kind === 'text') this.out += n.text;
      else if (n.kind === 'action') this.out += this.print(this.pipe(n.pipe, dot, vars));
      else {
        const over = this.pipe(n.pipe, dot, vars);
        const v = over.v;
        const items: Array<[Json, Val]> = [];
        if (Array.isArray(v)) for (const [k, x] of v.entries()) items.push([k, { v: x, path: `${over.path}.*` }]);
        else if (v !== null && typeof v === 'object')
          for (const k of Object.keys(v).sort()) items.push([k, { v: v[k], path: `${over.path}.*` }]);
        else if (v !== null && v !== undefined) throw this.errAt(n.pos, 'range', `range can't iterate over ${goText(v)}`);
        for (const [k, x] of items) {
          const inner = new Map(vars);
          if (n.vars.length === 1) inner.set(n.vars[0]!, x);
          if (n.vars.length === 2) {
            inner.set(n.vars[0]!, { v: k, path: '' });
            inner.set(n.vars[1]!, x);
          }
          this.run(n.body, x, inner);
        }
      }
    }
    return this.out;
  }

  private print(x: Val): string {
    if (x.nil) return '<nil>';
    const v = x.v;
    if (typeof v === 'string') return v === '' && ADDR_FIELDS.has(x.path.split('.').pop()!) ? 'invalid IP' : v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    // fmt's %v of a []string and of a map[string]string (keys sorted)
    const scalar = (y: Json) => typeof y === 'string' || typeof y === 'number' || typeof y === 'boolean';
    if (Array.isArray(v) && v.every(scalar)) return `[${v.map(String).join(' ')}]`;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && STRING_MAPS.has(x.path.split('.').pop()!))
      return `map[${Object.keys(v)
        .sort()
        .map((k) => `${k}:${String(v[k])}`)
        .join(' ')}]`;
    throw notModelled(
      `printing ${v === null || v === undefined ? 'an empty value' : Array.isArray(v) ? 'a list' : 'an object'} (${x.path || '.'}) without json`,
    );
  }

  private pipe(cmds: Cmd[], dot: Val, vars: Map<string, Val>): Val {
    let prev: Val | null = null;
    for (const c of cmds) prev = this.cmd(c, dot, vars, prev);
    return prev!;
  }

  private cmd(c: Cmd, dot: Val, vars: Map<string, Val>, piped: Val | null): Val {
    const [head, ...rest] = c.args;
    if (head!.kind === 'ident') {
      const args = rest.map((a) => this.operand(a, dot, vars));
      if (piped) args.push(piped);
      return this.call(head!.name, args, head!.pos);
    }
    if (rest.length || piped) throw notModelled('arguments to a value');
    return this.operand(head!, dot, vars);
  }

  private call(name: string, args: Val[], pos: number): Val {
    if (name === 'json') {
      if (args.length !== 1) throw this.errAt(pos, name, `wrong number of args for json: want 1 got ${args.length}`);
      const a = args[0]!;
      return { v: a.nil ? 'null' : JSON.stringify(a.v ?? null), path: '' };
    }
    if (name === 'println') return { v: `${args.map((a) => this.print(a)).join(' ')}\n`, path: '' };
    // index
    if (!args.length) throw this.errAt(pos, name, 'wrong number of args for index: want at least 1 got 0');
    let cur = args[0]!;
    for (const k of args.slice(1)) {
      const v = cur.v;
      if (v !== null && typeof v === 'object' && !Array.isArray(v) && typeof k.v === 'string') {
        const typed = this.shape.typedMaps.includes(cur.path);
        cur =
          k.v in v ? { v: v[k.v], path: `${cur.path}.*` } : typed ? { v: null, path: `${cur.path}.*`, nil: true } : { v: null, path: '' };
      } else if (Array.isArray(v) && typeof k.v === 'number') {
        if (k.v < 0 || k.v >= v.length) throw this.errAt(pos, name, `error calling index: index out of range: ${k.v}`);
        cur = { v: v[k.v]!, path: `${cur.path}.*` };
      } else throw notModelled('this use of index');
    }
    return cur;
  }

  private operand(o: Operand, dot: Val, vars: Map<string, Val>): Val {
    if (o.kind === 'string') return { v: o.value, path: '' };
    if (o.kind === 'number') return { v: o.value, path: '' };
    if (o.kind === 'ident') return this.call(o.name, [], o.pos);
    let cur: Val;
    if (o.base === 'dot') cur = dot;
    else if (typeof o.base === 'string') {
      const v = vars.get(o.base);
      if (!v) throw parseError(`${lineOf(this.tpl, o.pos)}: undefined variable "${o.base}"`);
      cur = v;
    } else cur = this.pipe(o.base, dot, vars);
    for (const f of o.chain) {
      const v = cur.v;
      const ctx = o.text.length > 20 ? `${o.text.slice(0, 20)}...` : o.text;
      if (cur.nil) throw this.errAt(o.pos, ctx, `nil pointer evaluating *network.EndpointSettings.${f}`);
      if (v === null || v === undefined) throw this.errAt(o.pos, ctx, `nil pointer evaluating interface {}.${f}`);
      if (typeof v !== 'object' || Array.isArray(v))
        throw this.errAt(o.pos, ctx, `can't evaluate field ${f} in type ${Array.isArray(v) ? '[]interface {}' : goType(v)}`);
      const path = `${cur.path}.${this.shape.typedMaps.includes(cur.path) ? '*' : f}`;
      if (!(f in v)) {
        if (this.shape.typedMaps.includes(cur.path) && f === o.chain[o.chain.length - 1]) {
          cur = { v: null, path, nil: true };
          continue;
        }
        if (!this.complete(cur.path)) throw notModelled(`the field ${o.text}`);
        throw this.errAt(o.pos, ctx, `map has no entry for key "${f}"`);
      }
      cur = { v: v[f]!, path };
    }
    return cur;
  }

  private complete(path: string): boolean {
    return this.shape.complete.some((p) => p === path || path.startsWith(`${p}.`));
  }

  private errAt(pos: number, ctx: string, m: string): DockerError {
    const before = this.tpl.slice(0, pos);
    const nl = before.lastIndexOf('\n');
    const col = nl < 0 ? pos : pos - (nl + 1);
    return new DockerError(`template parsing error: template: :${lineOf(this.tpl, pos)}:${col}: executing "" at <${ctx}>: ${m}`, 1);
  }
}

function goType(v: Json): string {
  return typeof v === 'string' ? 'string' : typeof v === 'number' ? 'json.Number' : 'bool';
}

function goText(v: Json): string {
  return typeof v === 'string' ? v : String(v);
}

/** parse the template once (its errors before any object is read) */
export function compileTemplate(tpl: string): (obj: Json, shape: Shape) => string {
  const nodes = parse(tpl);
  return (obj, shape) => new Exec(tpl, shape).run(nodes, { v: obj, path: '' }, new Map());
}

/** an object inspect can show, with what the lab knows of its shape */
export interface Inspected {
  readonly obj: Json;
  readonly shape: Shape;
}

/**
 * The docker CLI's inspect: every object found, as indented JSON, compact JSON (`-f json`) or
 * through a template; the references not found, and templates that fail on an object, are
 * reported after what could be shown, with status 1.
 */
export function inspectOutput(
  refs: readonly string[],
  get: (ref: string) => Inspected,
  format: string | null,
): { stdout: string; stderr: string; status: number } {
  const run = format === null || format === '' || format === 'json' ? null : compileTemplate(format);
  const found: Json[] = [];
  const errors: string[] = [];
  let text = '';
  for (const ref of refs) {
    try {
      const x = get(ref);
      if (run) text += `${run(x.obj, x.shape)}\n`;
      else found.push(x.obj);
    } catch (e) {
      if (!(e instanceof DockerError) || e.status === 64) throw e;
      // netlab's own refusals stop the command: nothing half shown
      if (e.message.startsWith('netlab:')) throw e;
      errors.push(e.message);
    }
  }
  let stdout: string;
  if (run) stdout = text === '' ? '\n' : text;
  else if (format === 'json') stdout = `${JSON.stringify(found)}\n`;
  else stdout = found.length ? `${JSON.stringify(found, null, 4)}\n` : '[]\n';
  return { stdout, stderr: errors.map((m) => `${m}\n`).join(''), status: errors.length ? 1 : 0 };
}

/** -f/--format TEMPLATE among inspect's arguments (read as the CLI reads them); the references are the rest */
export function inspectArgs(args: readonly string[], cmd: string): { refs: string[]; format: string | null } {
  const read = readDockerFlags(cmd, args);
  if ('error' in read) throw new DockerError(read.error, read.status);
  let format: string | null = null;
  for (const f of read.flags) if (f.name === 'format') format = f.value;
  return { refs: read.args, format };
}
