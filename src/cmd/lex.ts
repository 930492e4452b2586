// Shell lines as the scenario dialect writes them: logical lines (trailing backslash joins,
// `#` comments), words split like a POSIX shell (quotes, backslashes), a trailing `&`.

export interface LogicalLine {
  /** 1-based number of the first physical line */
  readonly line: number;
  readonly text: string;
}

export function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let buf = '';
  let start: number | null = null;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.replace(/\s+$/, '');
    if (start === null) start = i + 1;
    if (line.endsWith('\\')) {
      buf += line.slice(0, -1) + ' ';
      return;
    }
    buf += line;
    // as the recorder reads a scenario: a `#` after whitespace ends the line, quotes or not
    const stripped = buf.replace(/(^|\s)#.*$/u, '').trim();
    if (stripped) out.push({ line: start, text: stripped });
    buf = '';
    start = null;
  });
  if (buf.trim() && start !== null) {
    const rest = buf.replace(/(^|\s)#.*$/u, '').trim();
    if (rest) out.push({ line: start, text: rest });
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
    if (c === '\\') { i++; continue; }
    if (c === "'" || c === '"') { q = c; continue; }
    if (c === '#' && (i === 0 || /\s/.test(s[i - 1]!))) return s.slice(0, i);
  }
  return s;
}

export class LexError extends Error {}

/** split into words; throws LexError on an unterminated quote */
export function splitWords(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      if (has) { out.push(cur); cur = ''; has = false; }
      i++;
      continue;
    }
    has = true;
    if (c === "'") {
      const j = s.indexOf("'", i + 1);
      if (j < 0) throw new LexError('unexpected EOF while looking for matching `\'\'');
      cur += s.slice(i + 1, j);
      i = j + 1;
      continue;
    }
    if (c === '"') {
      i++;
      let closed = false;
      while (i < s.length) {
        const d = s[i]!;
        if (d === '"') { closed = true; i++; break; }
        if (d === '\\' && i + 1 < s.length && '"\\$`'.includes(s[i + 1]!)) { cur += s[i + 1]; i += 2; continue; }
        cur += d;
        i++;
      }
      if (!closed) throw new LexError('unexpected EOF while looking for matching `"\'');
      continue;
    }
    if (c === '\\' && i + 1 < s.length) { cur += s[i + 1]; i += 2; continue; }
    cur += c;
    i++;
  }
  if (has) out.push(cur);
  return out;
}
