// A scenario file run line by line: the conformance records (replay) or the terminal
// transcript a person would see (run).

import { logicalLines } from './lex.ts';
import { Shell } from './shell.ts';

export function replayScenario(text: string, shell = new Shell()): string[] {
  const out: string[] = [];
  for (const { line, text: cmd } of logicalLines(text)) {
    const r = shell.exec(cmd);
    if (r.kind === 'probe' && r.record) {
      out.push(JSON.stringify({ line, ...r.record }));
    } else if (r.status !== 0) {
      const lines = r.stderr.trim().split('\n');
      out.push(JSON.stringify({ line, kind: 'error', cmd, stderr: lines[lines.length - 1] ?? '' }));
    }
  }
  return out;
}

export function runScenario(text: string, shell = new Shell()): string {
  let out = '';
  for (const { text: cmd } of logicalLines(text)) {
    const r = shell.exec(cmd);
    const prompt = r.ns === 'root' ? 'root@netlab:~#' : `root@${r.ns}:~#`;
    out += `${prompt} ${cmd}\n${r.stdout}${r.stderr}`;
  }
  return out;
}
