// Reading a scenario file the way the kernel recorder does: logical lines (a trailing
// backslash continues, `#` after whitespace starts a comment), POSIX shell words, and the
// `ip netns exec NS` prefix. Pure functions, no I/O, so replay and record can agree.

// One reader for record and replay: the simulator's own (src/cmd/lex.ts) reads a scenario
// exactly as the Python reference recorder does, so line numbers always agree.
import { pyStrip, type LogicalLine } from '../../cmd/lex.ts';
import { isCaptureCommand } from '../../cmd/capture-record.ts';
import { isShowCommand } from '../../cmd/show-record.ts';
export { logicalLines, pyRstrip, pyStrip, splitLines, type LogicalLine } from '../../cmd/lex.ts';

export class ShellSyntaxError extends Error {}

/** POSIX word splitting as Python's shlex.split (no comments, quotes, backslashes). */
export function shellSplit(s: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (c === '\\') {
      if (i + 1 >= s.length) throw new ShellSyntaxError('No escaped character');
      word += s[i + 1];
      inWord = true;
      i += 2;
    } else if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError('No closing quotation');
      word += s.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= s.length) throw new ShellSyntaxError('No closing quotation');
        const d = s[i]!;
        if (d === '"') break;
        if (d === '\\') {
          if (i + 1 >= s.length) throw new ShellSyntaxError('No closing quotation');
          const e = s[i + 1]!;
          // inside double quotes a backslash only escapes `"` and itself
          word += e === '"' || e === '\\' ? e : '\\' + e;
          i += 2;
          continue;
        }
        word += d;
        i++;
      }
      inWord = true;
      i++;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** `ip netns exec NS CMD…` → [NS, CMD…]; anything else runs in the root namespace. */
export function splitNs(argv: readonly string[]): [string, string[]] {
  if (argv[0] === 'ip' && argv[1] === 'netns' && argv[2] === 'exec' && argv.length > 4) {
    return [argv[3]!, argv.slice(4)];
  }
  return ['root', [...argv]];
}

export function inNs(ns: string, argv: readonly string[]): string[] {
  return ns === 'root' ? [...argv] : ['ip', 'netns', 'exec', ns, ...argv];
}

/** A scenario line, classified the way the recorder treats it. */
export type Step =
  /** a background server: python3 -m http.server ARGS, or CMD (nc … &) run as written */
  | { kind: 'server'; line: number; text: string; ns: string; args: string[]; cmd?: string[] }
  | { kind: 'probe'; line: number; text: string; ns: string; argv: string[] }
  /** a command that only prints: its stdout and stderr are recorded */
  | { kind: 'show'; line: number; text: string; ns: string; argv: string[] }
  /** `tcpdump … &`: a capture running from here to the end, its output recorded then */
  | { kind: 'capture'; line: number; text: string; ns: string; argv: string[] }
  | { kind: 'setup'; line: number; text: string; argv: string[] };

export const PROBE_COMMANDS = ['ping', 'traceroute', 'curl'] as const;

export function classify(l: LogicalLine): Step {
  let text = l.text;
  const background = text.endsWith('&');
  if (background) text = pyStrip(text.slice(0, -1));
  const argv = shellSplit(text);
  const [ns, rest] = splitNs(argv);
  // nc in the background: a listener, or a connection it holds, until the scenario ends
  if (background && (rest[0] === 'nc' || rest[0] === 'netcat'))
    return { kind: 'server', line: l.line, text, ns, args: rest.slice(1), cmd: rest };
  if (rest[0] === 'python3' && rest[1] === '-m' && rest[2] === 'http.server') {
    return { kind: 'server', line: l.line, text, ns, args: rest.slice(3) };
  }
  if (rest.length > 0 && (PROBE_COMMANDS as readonly string[]).includes(rest[0]!) && !isShowCommand(rest)) {
    return { kind: 'probe', line: l.line, text, ns, argv: rest };
  }
  if (isCaptureCommand(rest)) return { kind: 'capture', line: l.line, text, ns, argv: rest };
  if (isShowCommand(rest)) return { kind: 'show', line: l.line, text, ns, argv };
  return { kind: 'setup', line: l.line, text, argv };
}

/** The port `python3 -m http.server [--bind ADDR] [PORT]` listens on. */
export function serverPort(args: readonly string[]): number {
  const p = args.find((a) => /^\d+$/.test(a));
  return p === undefined ? 8000 : Number.parseInt(p, 10);
}

/** The TCP port `nc -l …` listens on (-p PORT, or its last operand); null for a connecting nc or nc -u */
export function ncListenPort(cmd: readonly string[]): number | null {
  const flags = cmd.slice(1).filter((a) => a.startsWith('-'));
  if (!flags.some((f) => /^-[^-]*l/.test(f)) || flags.some((f) => /^-[^-]*u/.test(f))) return null;
  const p = cmd.indexOf('-p');
  const last = p >= 0 ? cmd[p + 1] : [...cmd].reverse().find((a) => /^\d+$/.test(a));
  return last !== undefined && /^\d+$/.test(last) ? Number(last) : null;
}

/** Setup lines after which the kernel raises carrier asynchronously. */
export { changesLinks } from '../../cmd/pacing.ts';

/**
 * Why a scenario line could reach outside the namespaces the recorder made, if it could.
 * `netns 1` names the namespace of PID 1 (the machine's own), a value with a slash is a
 * path to any namespace file, and nsenter / unshare / `ip netns attach|set` escape by
 * design. The dialect only ever names namespaces the scenario created.
 */
export function escapeRisk(argv: readonly string[]): string | undefined {
  const tools = new Set(['nsenter', 'unshare', 'chroot', 'mount', 'umount', 'setns']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (tools.has(a)) return `\`${a}\` is not part of the scenario dialect`;
    // a capture is recorded from what tcpdump prints: it reads and writes no files, runs no command
    if (a === 'tcpdump') {
      const bad = argv.slice(i + 1).find((b) => /^-[^-]*[wrFzZCGWVE]/.test(b));
      if (bad) return `\`tcpdump ${bad}\` reads or writes files or runs commands: a capture line only prints`;
    }
    if (a === 'ip' && argv[i + 1] === 'netns' && ['attach', 'set', 'identify', 'pids'].includes(argv[i + 2] ?? '')) {
      return `\`ip netns ${argv[i + 2]}\` can reach namespaces outside the recording`;
    }
    if ((a === 'netns' || a === '-n' || a === '-netns' || a === '--netns') && next !== undefined) {
      if (/^\d+$/.test(next)) return `\`${a} ${next}\` names the namespace of a process, not one the scenario made`;
      if (next.includes('/')) return `\`${a} ${next}\` names a namespace by path`;
    }
    // sysctl: only network keys, which are per namespace; no loading of files
    if (a === 'sysctl') {
      for (const b of argv.slice(i + 1)) {
        if (b === '-p' || b.startsWith('--load') || b === '--system') return `\`sysctl ${b}\` loads settings from files`;
        if (b.includes('=') && !b.startsWith('net.')) return `\`sysctl ${b}\` is not a network setting of the namespace`;
      }
    }
    // /proc/sys/net/… is the network namespace's own (of the process that opens it: bash,
    // inside the recording), a file at a time, no `..`; anything else under /proc or /run is not
    // /proc/net/dev, snmp, netstat, sockstat too: the counters of the reading process's namespace, read only
    const ownNet =
      (/^>{0,2}\/proc\/sys\/net\/[a-z0-9_./-]*$/i.test(a) || /^\/proc\/net\/(dev|snmp|netstat|sockstat)$/.test(a)) && !a.includes('..');
    // /etc: only resolv.conf, which the recorder binds to a private file of its own
    const path = a.replace(/^>+/, '');
    if (path.startsWith('/etc/') && path !== '/etc/resolv.conf') return `the path ${a} is the machine's own file`;
    if (!ownNet && (a.replace(/^>+/, '').startsWith('/proc/') || a.startsWith('/run/') || a.startsWith('/var/run/'))) {
      return `the path ${a} may reach outside the recording`;
    }
  }
  return undefined;
}
