// A scenario file run line by line: the conformance records (replay) or the terminal
// transcript a person would see (run). Both come one command at a time, so a caller can print
// each as it is made instead of holding the whole output.

import { LexError, logicalLines, splitWords } from './lex.ts';
import { Shell } from './shell.ts';
import { terminalText } from './result.ts';
import type { ServerJob } from './server-job.ts';
import type { LiveJob } from './live-job.ts';
import { showLine } from './show-record.ts';

/** the show line's namespace, if CMD is one (what it prints is recorded too) */
function showNs(cmd: string): string | null {
  try {
    return showLine(splitWords(cmd.trim().replace(/&$/, '')))?.ns ?? null;
  } catch (e) {
    if (e instanceof LexError) return null;
    throw e;
  }
}

/** a curl line: its exit status is recorded with what it printed, not as a refusal */
function isCurl(cmd: string): boolean {
  try {
    // curl and nc: their exit status is part of what they show, no refused setup
    const c = showLine(splitWords(cmd.trim()))?.argv[0];
    return c === 'curl' || c === 'nc' || c === 'netcat';
  } catch (e) {
    if (e instanceof LexError) return false;
    throw e;
  }
}

/** each conformance record as a JSON line, as its command finishes */
export function* replayRecords(text: string, shell = new Shell()): Generator<string> {
  shell.recorderProbes = true;
  shell.stdinIsTerminal = false;
  const captureLines = new Map<LiveJob, { line: number; ns: string; cmd: string }>();
  const serverLines = new Map<ServerJob, { line: number; cmd: string }>();
  for (const { line, text: cmd } of logicalLines(text)) {
    const r = shell.exec(cmd);
    if (r.kind === 'probe' && r.record) {
      yield JSON.stringify({ line, ...r.record });
    } else if (r.status !== 0 && !isCurl(cmd)) {
      const lines = r.stderr.trim().split('\n');
      yield JSON.stringify({ line, kind: 'error', cmd, stderr: lines[lines.length - 1] ?? '' });
    }
    const ns = r.kind === 'setup' ? showNs(cmd) : null;
    if (ns !== null)
      yield JSON.stringify({
        line,
        kind: 'show',
        ns,
        cmd,
        stdout: r.stdout,
        stderr: r.stderr,
        ...(isCurl(cmd) ? { status: r.status } : {}),
      });
    for (const j of shell.jobs) if (!captureLines.has(j)) captureLines.set(j, { line, ns: r.ns, cmd });
    for (const j of shell.servers) if (!serverLines.has(j)) serverLines.set(j, { line, cmd: cmd.trim().replace(/\s*&$/, '') });
  }
  // the captures are interrupted once every probe has run, and what each printed is recorded
  for (const { job, result } of shell.interruptJobs()) {
    const at = captureLines.get(job);
    if (at) yield JSON.stringify({ line: at.line, kind: 'capture', ns: at.ns, cmd: at.cmd, stdout: result.stdout });
  }
  // then the servers are stopped: what each printed, and its request log
  for (const [j, at] of serverLines)
    yield JSON.stringify({ line: at.line, kind: 'log', ns: j.ns, cmd: at.cmd, stdout: j.stdout, stderr: j.stderr });
}

export function replayScenario(text: string, shell = new Shell()): string[] {
  return [...replayRecords(text, shell)];
}

/** each command's prompt, command line and output, as it finishes */
export function* runTranscript(text: string, shell = new Shell()): Generator<string> {
  // a script's lines read no terminal
  shell.stdinIsTerminal = false;
  for (const { text: cmd } of logicalLines(text)) {
    const r = shell.exec(cmd);
    const prompt = r.ns === 'root' ? 'root@netlab:~#' : `root@${r.ns}:~#`;
    yield `${prompt} ${cmd}\n${terminalText(r)}${shell.collectJobs()}`;
  }
  // the script ends: its background captures are interrupted and report
  for (const { result } of shell.interruptJobs()) yield result.stdout + result.stderr;
}

export function runScenario(text: string, shell = new Shell()): string {
  return [...runTranscript(text, shell)].join('');
}
