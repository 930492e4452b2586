// Shell lines as the scenario dialect writes them: logical lines (trailing backslash joins,
// `#` comments), words split like a POSIX shell (quotes, backslashes), a trailing `&`.

import { heredocStart } from './heredoc.ts';

/** Python's str.splitlines(): every line boundary Python knows, no trailing empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const parts = text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

// Python's str.isspace() set (for rstrip/strip), which is a little wider than JS's \s. Every
// member is a single UTF-16 unit, so one unit at a time is exact.
const PY_WS = /[\s\x1c-\x1f\x85]/;

// Stripping walks the string by hand: `/\s+$/` restarts at every blank of a long run and
// fails at a trailing word each time, which is quadratic in V8 (80,000 blanks took 13 s).
export function pyRstrip(s: string): string {
  let end = s.length;
  while (end > 0 && PY_WS.test(s[end - 1]!)) end--;
  return end === s.length ? s : s.slice(0, end);
}

export function pyStrip(s: string): string {
  const r = pyRstrip(s);
  let start = 0;
  while (start < r.length && PY_WS.test(r[start]!)) start++;
  return start === 0 ? r : r.slice(start);
}

/** cut a logical line at its first `#` that starts a word, with the blank before it */
function cutComment(s: string): string {
  for (let i = s.indexOf('#'); i >= 0; i = s.indexOf('#', i + 1)) {
    if (i === 0) return '';
    if (/\s/.test(s[i - 1]!)) return s.slice(0, i - 1);
  }
  return s;
}

export interface LogicalLine {
  /** 1-based number of the first physical line */
  readonly line: number;
  /** the command with continuations joined and any comment removed */
  readonly text: string;
}

/**
 * `heredocs: false` leaves here-documents to the caller: pasted text reads them after taking
 * the prompts off its lines
 */
export function logicalLines(text: string, opts: { readonly heredocs?: boolean } = {}): LogicalLine[] {
  const out: LogicalLine[] = [];
  let buf = '';
  let start: number | null = null;
  // a here-document being read: the lines after its command, verbatim, up to its end word
  let here: { readonly word: string; readonly dash: boolean; readonly at: number; readonly parts: string[] } | null = null;
  splitLines(text).forEach((raw, i) => {
    const n = i + 1;
    if (here) {
      here.parts.push(raw);
      if ((here.dash ? raw.replace(/^\t+/, '') : raw) === here.word) {
        out[here.at] = { line: out[here.at]!.line, text: here.parts.join('\n') };
        here = null;
      }
      return;
    }
    const line = pyRstrip(raw);
    if (start === null) start = n;
    if (line.endsWith('\\')) {
      buf += line.slice(0, -1) + ' ';
      return;
    }
    buf += line;
    const stripped = pyStrip(cutComment(buf));
    if (stripped) {
      out.push({ line: start, text: stripped });
      const h = opts.heredocs === false ? null : heredocStart(stripped);
      if (h) here = { ...h, at: out.length - 1, parts: [stripped] };
    }
    buf = '';
    start = null;
  });
  // the input ended inside a here-document: the command gets what was read (bash warns)
  if (here !== null) {
    const h: { at: number; parts: string[] } = here;
    out[h.at] = { line: out[h.at]!.line, text: h.parts.join('\n') };
  }
  return out;
}

/** a `#` at the start of a word begins a comment (outside quotes) */
export function stripComment(s: string): string {
  let q: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (q) {
      if (c === q) q = null;
      else if (c === '\\' && q === '"') i++;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      q = c;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(s[i - 1]!))) return s.slice(0, i);
  }
  return s;
}

export class LexError extends Error {}

/** split into words; throws LexError on an unterminated quote */
export function splitWords(s: string): string[] {
  // no quotes or escapes: plain words (a pasted ruleset is mostly such lines)
  if (!/['"\\]/.test(s)) {
    const t = s.trim();
    return t === '' ? [] : t.split(/\s+/);
  }
  const out: string[] = [];
  let cur = '';
  let has = false;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      if (has) {
        out.push(cur);
        cur = '';
        has = false;
      }
      i++;
      continue;
    }
    has = true;
    if (c === "'") {
      const j = s.indexOf("'", i + 1);
      if (j < 0) throw new LexError("unexpected EOF while looking for matching `''");
      cur += s.slice(i + 1, j);
      i = j + 1;
      continue;
    }
    if (c === '"') {
      i++;
      let closed = false;
      while (i < s.length) {
        const d = s[i]!;
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && i + 1 < s.length && '"\\$`'.includes(s[i + 1]!)) {
          cur += s[i + 1];
          i += 2;
          continue;
        }
        cur += d;
        i++;
      }
      if (!closed) throw new LexError('unexpected EOF while looking for matching `"\'');
      continue;
    }
    if (c === '\\' && i + 1 < s.length) {
      cur += s[i + 1];
      i += 2;
      continue;
    }
    cur += c;
    i++;
  }
  if (has) out.push(cur);
  return out;
}

/** a word as bash reads it back as that one word */
function shellQuote(w: string): string {
  return /^[A-Za-z0-9_.,:/=+@%^-]+$/.test(w) ? w : `'${w.replaceAll("'", "'\\''")}'`;
}

/**
 * A line of a lab saved before the shell read operators (document v1): its words as that shell
 * split them, quoted where bash would read one as an operator (`ip netns add <u>u` named a
 * namespace `<u>u`). That shell already took a trailing `&` and echo's or cat's `> FILE` as
 * bash does: such lines are kept as they are.
 */
export function legacyLine(line: string): string {
  if (line.includes('\n')) return line;
  let words: string[];
  try {
    words = splitWords(stripComment(line));
  } catch {
    return line;
  }
  let i = 0;
  while (words[i] === 'ip' && words[i + 1] === 'netns' && words[i + 2] === 'exec') i += 4;
  if (words[i] === 'echo' || words[i] === 'cat') return line;
  const background = words.at(-1) === '&';
  const body = background ? words.slice(0, -1) : words;
  if (!body.some((w) => /[|&;<>()]/.test(w))) return line;
  return body.map(shellQuote).join(' ') + (background ? ' &' : '');
}
