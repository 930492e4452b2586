// A command line as bash parses it: words (quotes and backslashes as in lex.ts), redirections
// (`>`, `>>`, `<`, `2>`, `2>&1`, `&>`, `<<WORD`, `<<<WORD`) and the control operators that join
// commands into pipelines (`|`, `!`) and lists (`&&`, `||`, `;`, `&`). Syntax errors carry
// bash's own words; what the shell then runs is in shell.ts.

import { LexError } from './lex.ts';

/** `$?` where bash expands it (outside single quotes): the shell puts the last status in its place */
export const LAST_STATUS = '\uE000';

export type RedirOp = '>' | '>>' | '<' | '>&' | '<&' | '&>' | '&>>' | '<<' | '<<<';

export interface Redirection {
  /** the file descriptor redirected (1 for `>`, 0 for `<`); `&>` redirects 1 and 2 */
  readonly fd: number;
  readonly op: RedirOp;
  /** the file (or, for >& and <&, the descriptor; for <<, the here-document's word) */
  readonly target: string;
}

export interface SimpleCommand {
  readonly words: readonly string[];
  readonly redirs: readonly Redirection[];
  /** the command's text as typed (for a job's name) */
  readonly text: string;
}

export interface Pipeline {
  /** `! PIPELINE`: the status inverted */
  readonly negate: boolean;
  readonly commands: readonly SimpleCommand[];
}

export interface AndOr {
  readonly first: Pipeline;
  readonly rest: ReadonlyArray<{ readonly op: '&&' | '||'; readonly pipeline: Pipeline }>;
  /** ended by `&`: run as a background job */
  readonly background: boolean;
  readonly text: string;
}

type Token =
  | { readonly t: 'word'; readonly v: string; readonly plain: boolean; readonly at: number; readonly end: number }
  | { readonly t: 'op'; readonly v: string; readonly at: number; readonly end: number };

const CONTROL = ['&&', '||', ';;', '|&', ';', '&', '|', '(', ')'];
const REDIRECT = ['<<<', '<<-', '&>>', '>>', '<<', '>&', '<&', '&>', '>|', '<>', '>', '<'];

/** the longest operator first: `&>` is not `&` then `>` */
const OPERATORS = [...CONTROL, ...REDIRECT].sort((a, b) => b.length - a.length);

function isBlank(c: string): boolean {
  return /\s/.test(c);
}

/** the tokens of a line: words with their quoting removed, and operators */
function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (isBlank(c)) {
      i++;
      continue;
    }
    // a comment: a `#` that starts a word
    if (c === '#') break;
    const op = OPERATORS.find((o) => s.startsWith(o, i));
    if (op) {
      out.push({ t: 'op', v: op, at: i, end: i + op.length });
      i += op.length;
      continue;
    }
    const at = i;
    let cur = '';
    let plain = true;
    while (i < s.length) {
      const d = s[i]!;
      if (isBlank(d) || '|&;<>()'.includes(d)) break;
      if (d === "'") {
        plain = false;
        const j = s.indexOf("'", i + 1);
        if (j < 0) throw new LexError("unexpected EOF while looking for matching `''");
        cur += s.slice(i + 1, j);
        i = j + 1;
        continue;
      }
      if (d === '"') {
        plain = false;
        i++;
        let closed = false;
        while (i < s.length) {
          const e = s[i]!;
          if (e === '"') {
            closed = true;
            i++;
            break;
          }
          if (e === '\\' && i + 1 < s.length && '"\\$`'.includes(s[i + 1]!)) {
            cur += s[i + 1];
            i += 2;
            continue;
          }
          if (e === '$' && s[i + 1] === '?') {
            cur += LAST_STATUS;
            i += 2;
            continue;
          }
          cur += e;
          i++;
        }
        if (!closed) throw new LexError('unexpected EOF while looking for matching `"\'');
        continue;
      }
      if (d === '\\' && i + 1 < s.length) {
        plain = false;
        cur += s[i + 1];
        i += 2;
        continue;
      }
      if (d === '$' && s[i + 1] === '?') {
        cur += LAST_STATUS;
        i += 2;
        continue;
      }
      cur += d;
      i++;
    }
    out.push({ t: 'word', v: cur, plain, at, end: i });
  }
  return out;
}

function unexpected(tok: Token | undefined): LexError {
  return tok === undefined
    ? new LexError('syntax error: unexpected end of file')
    : new LexError(`syntax error near unexpected token \`${tok.v}'`);
}

/** a line's lists (`A && B; C &`), each of pipelines of simple commands; throws LexError on bash's syntax errors */
export function parseCommandLine(s: string): AndOr[] {
  const toks = tokenize(s);
  let k = 0;
  const peek = (): Token | undefined => toks[k];

  const command = (): SimpleCommand => {
    const words: string[] = [];
    const redirs: Redirection[] = [];
    const start = peek()?.at ?? s.length;
    let end = start;
    for (;;) {
      const tok = peek();
      if (tok === undefined) break;
      if (tok.t === 'word') {
        // digits right before a redirection name the descriptor (2>, 1>&2)
        const next = toks[k + 1];
        if (
          tok.plain &&
          /^\d+$/.test(tok.v) &&
          next?.t === 'op' &&
          next.at === tok.end &&
          REDIRECT.includes(next.v) &&
          !next.v.startsWith('&')
        ) {
          k++;
          redirs.push(redirection(Number(tok.v)));
        } else {
          words.push(tok.v);
          k++;
        }
        end = tok.end;
        continue;
      }
      if (REDIRECT.includes(tok.v)) {
        redirs.push(redirection(null));
        end = toks[k - 1]!.end;
        continue;
      }
      if (tok.v === '(' || tok.v === ')') {
        if (words.length === 0 && redirs.length === 0 && tok.v === '(')
          throw new LexError('netlab: a subshell, ( … ), is not modelled: write the commands as a list (A; B or A && B)');
        throw unexpected(tok);
      }
      break;
    }
    if (words.length === 0 && redirs.length === 0) throw unexpected(peek());
    return { words, redirs, text: s.slice(start, end) };
  };

  const redirection = (fd: number | null): Redirection => {
    const op = toks[k++]!.v;
    const target = toks[k];
    if (target === undefined) throw new LexError("syntax error near unexpected token `newline'");
    if (target.t !== 'word') throw unexpected(target);
    k++;
    switch (op) {
      case '>':
      case '>|':
        return { fd: fd ?? 1, op: '>', target: target.v };
      case '>>':
        return { fd: fd ?? 1, op: '>>', target: target.v };
      case '<':
        return { fd: fd ?? 0, op: '<', target: target.v };
      case '<<':
      case '<<-':
        return { fd: fd ?? 0, op: '<<', target: target.v };
      case '<<<':
        return { fd: fd ?? 0, op: '<<<', target: target.v };
      case '>&':
        // `>&FILE` (not a descriptor) sends both outputs to FILE, as &> does
        if (fd === null && !/^(\d+|-)$/.test(target.v)) return { fd: 1, op: '&>', target: target.v };
        return { fd: fd ?? 1, op: '>&', target: target.v };
      case '<&':
        return { fd: fd ?? 0, op: '<&', target: target.v };
      case '&>':
        return { fd: 1, op: '&>', target: target.v };
      case '&>>':
        return { fd: 1, op: '&>>', target: target.v };
      default:
        throw new LexError(`netlab: the redirection ${op} is not modelled (>, >>, <, 2>, 2>&1, &>, <<WORD, <<<WORD)`);
    }
  };

  const pipeline = (): Pipeline => {
    let negate = false;
    const t = peek();
    if (t?.t === 'word' && t.plain && t.v === '!') {
      negate = true;
      k++;
    }
    const commands = [command()];
    for (;;) {
      const op = peek();
      if (op?.t !== 'op' || (op.v !== '|' && op.v !== '|&')) break;
      k++;
      // `A |& B` is `A 2>&1 | B`
      if (op.v === '|&') {
        const a = commands[commands.length - 1]!;
        commands[commands.length - 1] = { ...a, redirs: [...a.redirs, { fd: 2, op: '>&', target: '1' }] };
      }
      commands.push(command());
    }
    return { negate, commands };
  };

  const lists: AndOr[] = [];
  while (k < toks.length) {
    const start = peek()!.at;
    const first = pipeline();
    const rest: Array<{ op: '&&' | '||'; pipeline: Pipeline }> = [];
    for (;;) {
      const op = peek();
      if (op?.t !== 'op' || (op.v !== '&&' && op.v !== '||')) break;
      k++;
      rest.push({ op: op.v, pipeline: pipeline() });
    }
    const end = toks[k - 1]!.end;
    const sep = peek();
    let background = false;
    if (sep !== undefined) {
      if (sep.t !== 'op' || (sep.v !== ';' && sep.v !== '&')) throw unexpected(sep);
      background = sep.v === '&';
      k++;
    }
    lists.push({ first, rest, background, text: s.slice(start, end) });
  }
  return lists;
}

/**
 * whether LINE needs a shell of its own to run elsewhere (a pipeline, a list, a redirection, `!`):
 * `ip netns exec NS LINE` would run only its first command in NS, and its redirections outside
 */
export function needsShell(line: string): boolean {
  let lists: AndOr[];
  try {
    lists = parseCommandLine(line);
  } catch {
    return false;
  }
  if (lists.length > 1) return true;
  const [l] = lists;
  if (!l) return false;
  if (l.rest.length) return true;
  const p = l.first;
  return p.negate || p.commands.length > 1 || p.commands.some((c) => c.redirs.length > 0);
}
