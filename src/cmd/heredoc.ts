// Here-documents, as bash reads them: `CMD <<WORD` (or <<'WORD', <<"WORD", <<-WORD) feeds the
// lines that follow, up to a line that is WORD alone, to CMD's standard input. It is how a
// ruleset is given to `iptables-restore` in a terminal:
//
//   iptables-restore <<'EOF'
//   *filter
//   -A INPUT -s 10.0.0.0/8 -j DROP
//   COMMIT
//   EOF
//
// A terminal, a pasted script and a file are read as lines; `groupHeredocs` makes each
// here-document and its command one logical line (with newlines in it), which `parseHeredoc`
// splits again when the line runs. (The lab's shell has no variables, so a quoted and an
// unquoted WORD read the same.)

/** `<<WORD` in a command line: its operator, dash and word, and where it stands */
const OPERATOR = /<<(-?)\s*(?:'([^'\n]*)'|"([^"\n]*)"|([^\s'"<>|&;()]+))/;

export interface HereDoc {
  /** the command line without its `<<WORD` */
  readonly command: string;
  /** the here-document's text (null: the line has none) */
  readonly stdin: string | null;
  /** bash's warning when the input ended before WORD */
  readonly warning: string | null;
}

/** the WORD a line's here-document ends with, and whether leading tabs are stripped; null when the line has none */
export function heredocStart(line: string): { readonly word: string; readonly dash: boolean } | null {
  const at = unquotedOperator(line);
  if (at < 0) return null;
  const m = OPERATOR.exec(line.slice(at));
  if (!m) return null;
  return { word: m[2] ?? m[3] ?? m[4]!, dash: m[1] === '-' };
}

/** where `<<` stands outside quotes (and not as `<<<`), or -1 */
function unquotedOperator(line: string): number {
  let q: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (q) {
      if (c === q) q = null;
      else if (c === '\\' && q === '"') i++;
    } else if (c === '\\') i++;
    else if (c === "'" || c === '"') q = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return -1;
    else if (c === '<' && line[i + 1] === '<') {
      if (line[i + 2] !== '<') return i;
      i += 2; // a here-string, <<<
    }
  }
  return -1;
}

/** a logical line (command, then the document's lines, then WORD) split into the command and its input */
export function parseHeredoc(text: string): HereDoc {
  const nl = text.indexOf('\n');
  const first = nl < 0 ? text : text.slice(0, nl);
  const start = heredocStart(first);
  if (!start) return { command: text, stdin: null, warning: null };
  const at = unquotedOperator(first);
  const m = OPERATOR.exec(first.slice(at))!;
  const command = (first.slice(0, at) + first.slice(at + m[0].length)).trim();
  const body = nl < 0 ? [] : text.slice(nl + 1).split('\n');
  const lines: string[] = [];
  for (const raw of body) {
    const l = start.dash ? raw.replace(/^\t+/, '') : raw;
    if (l === start.word) return { command, stdin: lines.map((x) => `${x}\n`).join(''), warning: null };
    lines.push(l);
  }
  return {
    command,
    stdin: lines.map((x) => `${x}\n`).join(''),
    warning: `bash: warning: here-document at line 1 delimited by end-of-file (wanted \`${start.word}')`,
  };
}

/** lines as read from a terminal or a file, with each here-document joined to its command */
export function groupHeredocs(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const start = heredocStart(line);
    if (!start) {
      out.push(line);
      continue;
    }
    const part = [line];
    while (++i < lines.length) {
      part.push(lines[i]!);
      if ((start.dash ? lines[i]!.replace(/^\t+/, '') : lines[i]) === start.word) break;
    }
    out.push(part.join('\n'));
  }
  return out;
}
