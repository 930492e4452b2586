// Commands out of pasted text: a script, or an article's code blocks with their shell
// prompts, simple `for` loops and the output lines in between. Only dialect commands are
// kept; the rest is counted so the person knows what was left out.

import { heredocStart } from '../../cmd/heredoc.ts';
import { logicalLines } from '../../cmd/lex.ts';
import { MAX_DOC_BYTES, MAX_DOC_TEXT } from './document.ts';

export const COMMANDS = new Set([
  'ip',
  'iptables',
  'iptables-save',
  'iptables-restore',
  'sysctl',
  'bridge',
  'brctl',
  'conntrack',
  'python3',
  'python',
  'ping',
  'traceroute',
  'curl',
  'echo',
  'sleep',
  'true',
]);

export interface Extracted {
  readonly lines: string[];
  /** non-empty lines that were not commands (prose, output) */
  readonly skipped: number;
  /** loops unrolled, servers sent to the background */
  readonly notes: string[];
}

const PROMPT = /^(?:\[?[\w.-]+@[\w.-]+(?::[^\s#$]*)?\]?\s*[#$]|\$|>)\s*/;

function expandRange(words: string): string[] {
  const m = /^\{(\d+)\.\.(\d+)\}$/.exec(words.trim());
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (Math.abs(b - a) > 256) return [];
    const out: string[] = [];
    for (let i = a; a <= b ? i <= b : i >= b; i += a <= b ? 1 : -1) out.push(String(i));
    return out;
  }
  return words.trim().split(/\s+/).filter(Boolean);
}

function substitute(line: string, v: string, value: string): string {
  return line.replace(new RegExp(`\\$\\{${v}\\}|\\$${v}(?![A-Za-z0-9_])`, 'g'), value);
}

export function extractCommands(text: string): Extracted {
  if (text.length > MAX_DOC_BYTES) throw new RangeError(`The pasted text is larger than ${MAX_DOC_TEXT}.`);
  const notes: string[] = [];
  let skipped = 0;
  const out: string[] = [];
  // without quotes, runs of blanks (from joined continuation lines) mean nothing
  const tidy = (l: string): string => (/['"]/.test(l) ? l : l.replace(/\s+/g, ' '));
  const raw = logicalLines(text, { heredocs: false }).map((l) =>
    tidy(
      l.text
        .replace(PROMPT, '')
        .replace(/^sudo\s+/, '')
        .trim(),
    ),
  );
  let i = 0;
  const keep = (line: string): void => {
    const first = line.split(/\s+/)[0] ?? '';
    // commands are ASCII: a line with other letters is prose that starts with a command's name
    if (!COMMANDS.has(first) || /[^\x00-\x7f]/.test(line)) {
      skipped++;
      return;
    }
    if (/(^|\s)-m\s+http\.server(\s|$)/.test(line) && !/&\s*$/.test(line)) {
      line = `${line} &`;
      notes.push(`ran "${line.slice(0, 60)}" in the background`);
    }
    out.push(line);
  };
  while (i < raw.length) {
    const line = raw[i]!;
    const loop = /^for\s+([A-Za-z_]\w*)\s+in\s+(.+?)\s*;\s*do\s*(.*)$/.exec(line);
    if (loop) {
      const [, v, list, firstBody] = loop as unknown as [string, string, string, string];
      const body: string[] = [];
      if (firstBody.trim()) body.push(firstBody.replace(/;\s*done\s*$/, '').trim());
      let closed = /;\s*done\s*$/.test(firstBody);
      i++;
      while (!closed && i < raw.length) {
        const b = raw[i]!;
        i++;
        if (/^done\s*;?$/.test(b)) {
          closed = true;
          break;
        }
        body.push(b.replace(/;\s*$/, ''));
      }
      const values = expandRange(list);
      for (const value of values) for (const b of body.flatMap((x) => x.split(/\s*;\s*/))) if (b) keep(substitute(b, v, value));
      notes.push(`unrolled a loop over ${v} = ${values.join(' ')}`);
      continue;
    }
    // a here-document (iptables-restore <<EOF …) stays with its command, line for line
    const here = heredocStart(line);
    if (here && COMMANDS.has(line.split(/\s+/)[0] ?? '')) {
      const part = [line];
      for (i++; i < raw.length; ) {
        const b = raw[i++]!;
        part.push(b);
        if (b === here.word) break;
      }
      out.push(part.join('\n'));
      continue;
    }
    keep(line);
    i++;
  }
  return { lines: out, skipped, notes };
}
