// The command interpreter: one line of the scenario dialect in, what Linux prints out.
// A refused line changes nothing; no input makes it throw.

import { nstatCommand } from './snmp-files.ts';
import type { Netns } from '../core/netns.ts';
import type { Task } from '../core/ip/tcp-sock.ts';
import { World, type WorldOptions } from '../core/world.ts';
import { dockerCommand, dockerdCommand } from './docker.ts';
import { dmesgCommand, journalctlCommand } from './dmesg.ts';
import { dnsmasqCommand } from './dnsmasq.ts';
import { echoCommand, printfCommand } from './echo.ts';
import { catCommand, hostnameCommand, lsCommand, openForWrite, readFile, teeCommand, writeFile } from './files.ts';
import { parseHeredoc } from './heredoc.ts';
import { ifconfigCommand } from './ifconfig.ts';
import { arpCommand, netstatCommand, routeCommand } from './net-tools.ts';
import { ssCommand } from './ss.ts';
import { killTask, ncCommand } from './nc.ts';
import { NcForeground } from './nc-foreground.ts';
import { helpText, PIPE_FILTERS } from './help.ts';
import { iptablesCommand, iptablesSave } from './iptables.ts';
import { iptablesRestore } from './iptables-restore.ts';
import { invalidNetnsName, ipCommand, nsMissing } from './ip.ts';
import { LexError } from './lex.ts';
import { type AndOr, LAST_STATUS, parseCommandLine, type Pipeline, type SimpleCommand } from './operators.ts';
import { FILTERS, filterCommand } from './text-filters.ts';
import { ipvsadmCommand } from './ipvsadm.ts';
import { bridgeCommand, brctlCommand, httpServer, sysctlCommand } from './misc.ts';
import { conntrackCommand } from './conntrack.ts';
import { curlCommand, pingCommand, recorderPing, recorderTraceroute, tracerouteCommand, type ProbeRecord } from './probes.ts';
import { RecorderPacing } from './pacing.ts';
import { CmdError, ok, type ExecResult } from './result.ts';
import { type CaptureFiles, MemoryFiles, tcpdumpCommand } from './tcpdump/tcpdump.ts';
import type { LiveJob } from './live-job.ts';
import { isShowCommand } from './show-record.ts';
import { ServerJob } from './server-job.ts';
import { type Job, JobTable } from './jobs.ts';

export interface ShellResult extends ExecResult {
  /** what the line was, as the conformance records see it */
  readonly kind: 'empty' | 'setup' | 'probe' | 'server';
  /** for probes: the conformance record (without its line number) */
  readonly record?: ProbeRecord;
  /** the namespace the line ran in */
  readonly ns: string;
  /** a capture the line started runs on (tcpdump): its job's serial (see Shell.jobs) */
  readonly job?: number;
}

export const MAX_LINE = 4096;
/** the largest here-document a line may carry: a ruleset of 100,000 rules */
export const MAX_HEREDOC = 16 * 1024 * 1024;

const SHOW_VERBS = new Set(['show', 'list', 'lst', 'ls', 'get', 'sh', 'l', 'li', 'lis']);

/** commands known to change nothing (a conservative list: anything else counts as a change) */
function readOnly(argv: string[]): boolean {
  const [cmd, ...a] = argv;
  if (cmd !== undefined && FILTERS.includes(cmd)) return true;
  switch (cmd) {
    case undefined:
    case 'true':
    case 'false':
    case ':':
    case 'sleep':
    case 'ls':
    case 'hostname':
    case 'help':
    case 'netstat':
    case 'jobs':
    case 'wait':
    case 'ss':
      return true;
    case 'arp':
      return !a.some((x) => ['-s', '-d', '-f', '--set', '--delete', '--file'].includes(x));
    case 'route':
      return a.every((x) => x.startsWith('-'));
    case 'ifconfig':
      return a.filter((x) => !x.startsWith('-')).length <= 1;
    case 'echo':
    case 'printf':
    case 'cat':
      return true;
    case 'ip': {
      const rest = a.filter((x, i) => !x.startsWith('-') && !(i > 0 && (a[i - 1] === '-n' || a[i - 1] === '-netns')));
      return rest.length <= 1 || SHOW_VERBS.has(rest[1]!);
    }
    case 'iptables':
      return a.some((x) => x === '-L' || x === '-S' || x === '--list' || x === '--list-rules' || /^-[nvx]*L[nvx]*$/.test(x));
    case 'iptables-save':
    case 'tcpdump':
    case 'journalctl':
      return true;
    case 'dmesg':
      return !a.some((x) => /^-[a-zA-Z]*[cC]/.test(x) || x === '--clear' || x === '--read-clear');
    case 'conntrack':
      return a[0] === undefined || a[0] === '-L' || a[0] === '--dump' || a[0] === '-C' || a[0] === '-S';
    case 'bridge':
      return a[1] === undefined || a[1] === 'show';
    case 'brctl':
      return a[0] === undefined || a[0] === 'show';
    case 'sysctl':
      return !a.some((x) => x === '-w' || x.includes('='));
    case 'docker':
      return (
        ['ps', 'inspect', 'explain', 'version', 'info', 'node'].includes(a[0] ?? '') ||
        (a[0] === 'network' && ['ls', 'list', 'inspect'].includes(a[1] ?? '')) ||
        (a[0] === 'swarm' && a[1] === 'join-token')
      );
    default:
      return false;
  }
}

/** a probe in a namespace that does not exist (or cannot be named) still is a probe: it fails before sending */
function missingNsProbe(w: World, name: string, argv: string[], refusal = nsMissing(name, w)): ShellResult | null {
  const msg = refusal.message;
  const last = [...argv].reverse().find((a) => !a.startsWith('-')) ?? '';
  const base = { stdout: '', stderr: msg + '\n', status: 1, kind: 'probe' as const, ns: name };
  switch (argv[0]) {
    case 'ping':
      return { ...base, record: { kind: 'ping', ns: name, dst: last, result: 'local-error', error: msg } };
    case 'traceroute':
      return {
        ...base,
        record: {
          kind: 'traceroute',
          ns: name,
          dst: argv.slice(1).find((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a)) ?? last,
          hops: [],
          error: msg,
        },
      };
    case 'curl':
      return { ...base, record: { kind: 'curl', ns: name, url: last, result: 'error' } };
    default:
      return null;
  }
}

/** a refused line as the terminal shows it: the message, and nothing changed */
function refusal(e: unknown, label: string): ShellResult {
  const fail = (stderr: string, status: number): ShellResult => ({ stdout: '', stderr, status, kind: 'setup', ns: label });
  if (e instanceof CmdError) return fail(`${e.message}\n`, e.status || 1);
  if (e instanceof LexError) return fail(e.message.startsWith('netlab:') ? `${e.message}\n` : `bash: ${e.message}\n`, 2);
  if (e instanceof RangeError) return fail(`netlab: ${e.message}\n`, 1);
  throw e;
}

/** the commands a pipe may feed here: the text filters and the commands that read their standard input */

/** the command a simple command runs, past any `ip netns exec NS` */
function commandName(words: readonly string[]): string | undefined {
  let i = 0;
  while (words[i] === 'ip' && words[i + 1] === 'netns' && words[i + 2] === 'exec') i += 4;
  return words[i];
}

/**
 * a command that prints on until it ends or Ctrl+C (tcpdump, docker logs -f, nc -l): the
 * terminal follows its output, which no pipe, redirection or later command of a list reads
 */
function runsOn(words: readonly string[]): string | null {
  let i = 0;
  while (words[i] === 'ip' && words[i + 1] === 'netns' && words[i + 2] === 'exec') i += 4;
  const [name, ...rest] = words.slice(i);
  if (name === 'tcpdump' && !rest.some((a) => /^-[a-zA-Z]*r/.test(a))) return 'tcpdump';
  if (name === 'docker' && rest[0] === 'logs' && rest.some((a) => a === '--follow' || /^-[a-z]*f/.test(a))) return 'docker logs -f';
  // ping with neither a count nor a deadline pings until Ctrl+C
  if (name === 'ping' && !rest.some((a) => /^-[a-zA-Z]*[cwh]/.test(a))) return 'ping without -c';
  if ((name === 'nc' || name === 'netcat') && rest.some((a) => /^-[a-zA-Z]*l/.test(a))) return 'nc -l';
  return null;
}

/** what the lab cannot run is refused for the whole line, before any of it runs */
function checkList(lists: readonly AndOr[]): void {
  const commands = lists.flatMap((l) => [l.first, ...l.rest.map((r) => r.pipeline)]).flatMap((p) => p.commands);
  for (const c of commands) {
    const name = runsOn(c.words);
    if (name && (commands.length > 1 || c.redirs.some((r) => r.op !== '<' && r.op !== '<<' && r.op !== '<<<')))
      throw new CmdError(
        `netlab: ${name} prints until it ends or Ctrl+C, and the lab's terminal follows it only as a line of its own: not in a pipeline, a list or with a redirection`,
        2,
      );
  }
  for (const list of lists) {
    const pipelines = [list.first, ...list.rest.map((r) => r.pipeline)];
    if (list.background && pipelines.some((p) => p.commands.length > 1 || p.negate || pipelines.length > 1))
      throw new CmdError('netlab: only a single command runs in the background here (CMD &), not a pipeline or an && / || list', 2);
    for (const p of pipelines)
      for (const c of p.commands.slice(1)) {
        const name = commandName(c.words);
        if (name === undefined || PIPE_FILTERS.includes(name)) continue;
        if (name === 'nc' || name === 'netcat')
          throw new CmdError(
            "netlab: a pipe into nc is not modelled: the lab's nc carries no data (nc -z probes, nc HOST PORT & holds a connection, nc -l PORT & listens)",
            2,
          );
        throw new CmdError(`netlab: a pipe into ${name} is not modelled: after | the lab runs ${PIPE_FILTERS.join(', ')}`, 2);
      }
  }
}

/** the command a line runs, past any `ip netns exec NS` */
function argv0(text: string): string {
  const w = text.split(/\s+/);
  let i = 0;
  while (w[i] === 'ip' && w[i + 1] === 'netns' && w[i + 2] === 'exec') i += 4;
  return w[i] ?? '';
}

/** how the recorder paces a line: probes and show lines wait for the kernel to settle */
function paceKind(argv: readonly string[], background: boolean): 'probe' | 'show' | 'other' {
  if (background) return 'other';
  if (isShowCommand(argv)) return 'show';
  return argv[0] === 'ping' || argv[0] === 'traceroute' || argv[0] === 'curl' ? 'probe' : 'other';
}

export class Shell {
  readonly world: World;
  /**
   * Probes as the conformance recorder runs them (`ping -n -c 1 -W 1`, `traceroute -n -q 1 -w 1
   * -m 8`, keeping only the flags it keeps), so a replay's records compare with a recording.
   * Off in a terminal, where ping and traceroute read their whole command line.
   */
  recorderProbes = false;
  /**
   * Whether the lines' stdin is a terminal: the lab's terminal is one (a script pasted into it
   * too, as into a real one); a script run by `netlab run` or replayed is not (docker run -it refuses).
   */
  stdinIsTerminal = true;
  /** where tcpdump -w writes and -r reads */
  files: CaptureFiles = new MemoryFiles();
  /** live captures (tcpdump) and followed logs (docker logs -f) still running or not yet reported, oldest first */
  readonly jobs: LiveJob[] = [];
  private jobSerial = 0;
  /** servers started in the background (python3 -m http.server &), oldest first */
  readonly servers: ServerJob[] = [];
  /** a terminal's background jobs (`CMD &`), as bash numbers them */
  /** each terminal's bash numbers its own jobs (by the namespace it runs in, "root" the host's); PIDs are shared */
  private readonly jobTables = new Map<string, JobTable>();
  private readonly pids = { next: 1000 };
  /** the terminal the line being run was typed in */
  private terminal = 'root';
  get jobTable(): JobTable {
    let t = this.jobTables.get(this.terminal);
    if (!t) {
      t = new JobTable(this.pids);
      this.jobTables.set(this.terminal, t);
    }
    return t;
  }
  /** the process a background line left running (nc), for its job */
  private startedTask: Task | null = null;
  /** `$?`: the status of the last pipeline the shell ran */
  private lastStatus = 0;
  /** the `[N] PID` a background command's job printed, for bash's terminal whatever the command's redirections */
  private pendingJob = '';
  /** the jobs whose process the lab runs (nc): they end when it exits */
  private readonly taskJobs = new Map<Job, Task>();
  /** the bash job of each background capture started alone on its line */
  private readonly captureJobs = new Map<LiveJob, Job>();
  /** with recorderProbes: the virtual time the recorder's waits take (see pacing.ts) */
  private readonly pacing = new RecorderPacing();

  constructor(world?: World, opts: WorldOptions = {}) {
    this.world = world ?? new World(opts);
  }

  /**
   * what the running captures printed since the last call (and the counts of those that
   * ended): all of them, or those a terminal attached to ORIGIN started
   */
  collectJobs(origin?: string): string {
    let s = '';
    for (const j of this.servers) if (origin === undefined || j.origin === origin) s += j.collect();
    for (const j of this.jobs) {
      if (origin !== undefined && j.origin !== origin) continue;
      const r = j.collect();
      s += r.stdout + r.stderr;
    }
    this.pruneJobs();
    return s;
  }

  /** interrupt every capture (Ctrl+C, or a script's end): what each printed, then its counts */
  interruptJobs(): Array<{ job: LiveJob; result: ExecResult }> {
    const out = this.jobs.map((job) => ({ job, result: job.interrupt() }));
    this.jobs.length = 0;
    return out;
  }

  /**
   * what every capture printed since the last call, with whether it still runs; the ones that
   * ended are reported once (with their counts) and then forgotten
   */
  drainJobs(): Array<{ job: LiveJob; result: ExecResult; running: boolean }> {
    const out = this.jobs.map((job) => ({ job, result: job.collect(), running: job.running }));
    for (const o of out) if (!o.running) this.captureEnded(o.job);
    this.pruneJobs();
    return out;
  }

  /** SIGINT to one capture (Ctrl+C in its terminal): what it printed, then its counts; null when there is no such job */
  interruptJob(serial: number): ExecResult | null {
    const i = this.jobs.findIndex((j) => j.serial === serial);
    if (i < 0) return null;
    const r = this.jobs[i]!.interrupt();
    this.jobs.splice(i, 1);
    return r;
  }

  /** the job a background line started: what stops it is what it added (listeners, captures) */
  private startJob(text: string, ns: Netns, listening: Set<unknown>, capturing: Set<unknown>, r: ExecResult): string {
    const listeners = ns.listeners.filter((l) => !listening.has(l));
    const captures = this.jobs.filter((j) => !capturing.has(j));
    const task = this.startedTask;
    this.startedTask = null;
    const running = listeners.length > 0 || captures.length > 0 || argv0(text) === 'dockerd' || task?.alive === true;
    // a server that could not start exits 1; a command that simply ran is Done
    const ended = running ? null : r.stderr !== '' || r.status !== 0 ? `Exit ${r.status || 1}` : 'Done';
    const stop = task
      ? (): string => {
          killTask(this.world, task);
          return '';
        }
      : listeners.length || captures.length
        ? (): string => {
            ns.listeners = ns.listeners.filter((l) => !listeners.includes(l));
            let out = '';
            for (const c of captures) {
              const i = this.jobs.indexOf(c);
              if (i < 0) continue;
              this.jobs.splice(i, 1);
              const res = c.interrupt();
              out += res.stdout + res.stderr;
            }
            this.world.generation++;
            return out;
          }
        : null;
    const job = this.jobTable.start(text, stop, ended);
    if (task) this.taskJobs.set(job, task);
    if (!listeners.length && captures.length === 1) this.captureJobs.set(captures[0]!, job);
    return `[${job.n}] ${job.pid}\n`;
  }

  /** a background capture that ended by itself (its -c count): its job is Done, as bash then says */
  private captureEnded(capture: LiveJob): void {
    const job = this.captureJobs.get(capture);
    if (!job) return;
    this.captureJobs.delete(capture);
    if (job.state === 'Running') job.state = 'Done';
  }

  private pruneJobs(): void {
    for (let i = this.jobs.length - 1; i >= 0; i--) if (this.jobs[i]!.over) this.jobs.splice(i, 1);
  }

  /** run one logical line; `nsName` is the namespace a terminal is attached to */
  exec(line: string, nsName: string | null = null): ShellResult {
    // a line may run others (docker exec): the outer line's terminal is back when they end
    const outer = this.terminal;
    this.terminal = nsName ?? 'root';
    try {
      return this.execLine(line, nsName);
    } finally {
      this.terminal = outer;
    }
  }

  private execLine(line: string, nsName: string | null): ShellResult {
    const base: Netns | undefined = nsName === null ? this.world.root : this.world.ns(nsName);
    const label = base?.label ?? nsName ?? 'root';
    try {
      if (!base) throw nsMissing(nsName ?? '');
      // a line with a here-document: the command line, and the text its `<<WORD` reads
      let heredoc: string | null = null;
      let warning = '';
      if (line.includes('\n')) {
        if (line.length > MAX_HEREDOC)
          throw new CmdError(`bash: here-document too long (${line.length} characters, at most ${MAX_HEREDOC})`, 2);
        const h = parseHeredoc(line);
        if (h.stdin === null) throw new CmdError('netlab: one command per line (a here-document, <<WORD, may follow it)', 2);
        line = line.slice(0, line.indexOf('\n'));
        heredoc = h.stdin;
        warning = h.warning ? `${h.warning}\n` : '';
      }
      if (line.length > MAX_LINE) throw new CmdError(`bash: line too long (${line.length} characters, at most ${MAX_LINE})`, 2);
      const lists = parseCommandLine(line);
      if (lists.length === 0) return { ...ok(), kind: 'empty', ns: label };
      checkList(lists);
      const generation = this.world.generation;
      // what the earlier commands printed, in the order the terminal shows it
      let shown = '';
      let r: ShellResult | null = null;
      let ran = 0;
      const single = lists.length === 1 && lists[0]!.rest.length === 0 && lists[0]!.first.commands.length === 1;
      for (const list of lists) {
        const run = (p: Pipeline): void => {
          ran++;
          if (r) shown += r.stdout + r.stderr;
          r = this.runPipeline(p, base, heredoc, list.background, list.text);
        };
        run(list.first);
        for (const { op, pipeline } of list.rest) if ((op === '&&') === (this.lastStatus === 0)) run(pipeline);
      }
      let out: ShellResult = r!;
      if (!single) {
        const { record: _, ...rest } = out;
        // a list that changed the world counts as a change (the worker logs it) even when it ends
        // with a probe; one that failed at its end keeps what its earlier commands did (probes too)
        const changed = this.world.generation !== generation;
        const kind = out.kind === 'empty' || (out.kind === 'probe' && changed) ? 'setup' : out.kind;
        out = { ...rest, stdout: shown + out.stdout, kind };
        if (out.status !== 0 && (changed || ran > 1)) out = { ...out, partial: true };
      } else if (out.status !== 0 && this.world.generation !== generation) {
        // it failed and still changed the world: `! CMD` of a CMD that succeeded, a redirection's
        // file opened before its command failed. The change stays (the worker logs the line)
        out = { ...out, partial: true };
      }
      // bash's notices of ended jobs come before its next prompt: after all this line printed
      if (!this.recorderProbes) {
        for (const [job, task] of this.taskJobs) {
          if (task.alive) continue;
          if (job.state === 'Running') job.state = 'Done';
          this.taskJobs.delete(job);
        }
        const notices = this.jobTable.notices();
        out = out.stderr ? { ...out, stderr: out.stderr + notices } : { ...out, stdout: out.stdout + notices };
      }
      return { ...out, stderr: warning + out.stderr };
    } catch (e) {
      const r = refusal(e, label);
      this.lastStatus = r.status;
      return r;
    }
  }

  /** `A | B | C`: each command reads what the one before it printed; the status is the last one's */
  private runPipeline(p: Pipeline, base: Netns, heredoc: string | null, background: boolean, text: string): ShellResult {
    let piped: string | null = null;
    let errors = '';
    let r: ShellResult | null = null;
    p.commands.forEach((c, i) => {
      if (r) errors += r.stderr;
      try {
        r = this.runCommand(c, base, i === 0 ? null : (piped ?? ''), heredoc, background, text);
      } catch (e) {
        r = refusal(e, base.label);
      }
      piped = r.stdout;
    });
    const last: ShellResult = r!;
    this.lastStatus = p.negate ? (last.status === 0 ? 1 : 0) : last.status;
    return { ...last, stderr: errors + last.stderr, status: this.lastStatus };
  }

  /** one simple command with its redirections; PIPED: what the command before it in a pipeline printed */
  private runCommand(
    c: SimpleCommand,
    base: Netns,
    piped: string | null,
    heredoc: string | null,
    background: boolean,
    text: string,
  ): ShellResult {
    const argv = c.words.map((w) => w.replaceAll(LAST_STATUS, String(this.lastStatus)));
    // bash sets up the redirections, in its own namespace, before the command (or `ip netns exec`) runs
    let stdin = piped;
    type Sink = 'out' | 'err' | 'null' | { readonly path: string };
    const fds: Sink[] = ['out', 'out', 'err'];
    let wrote = false;
    const opened: Array<{ readonly target: string; readonly append: boolean }> = [];
    for (const rd of c.redirs) {
      const target = rd.target.replaceAll(LAST_STATUS, String(this.lastStatus));
      switch (rd.op) {
        case '<': {
          const t = readFile(this.world, base, target);
          if (t === null) throw new CmdError(`bash: ${target}: No such file or directory`, 1);
          stdin = t;
          break;
        }
        case '<<':
          stdin = heredoc ?? '';
          break;
        case '<<<':
          stdin = `${target}\n`;
          break;
        case '<&':
          throw new CmdError(`netlab: the redirection ${rd.fd}<&${target} is not modelled`, 1);
        case '>&': {
          if (target === '-' || !/^[12]$/.test(target) || (rd.fd !== 1 && rd.fd !== 2)) {
            if (/^\d+$/.test(target) && target !== '1' && target !== '2') throw new CmdError(`bash: ${target}: Bad file descriptor`, 1);
            throw new CmdError(`netlab: the redirection ${rd.fd}>&${target} is not modelled (1>&2, 2>&1)`, 1);
          }
          fds[rd.fd] = fds[Number(target)]!;
          break;
        }
        default: {
          if (rd.fd !== 1 && rd.fd !== 2) throw new CmdError(`netlab: the redirection of descriptor ${rd.fd} is not modelled (1 and 2)`, 1);
          const append = rd.op === '>>' || rd.op === '&>>';
          const sink: Sink =
            target === '/dev/null' ? 'null' : target === '/dev/stdout' ? fds[1]! : target === '/dev/stderr' ? fds[2]! : { path: target };
          if (typeof sink === 'object') {
            // checked now; truncated once the command ran (a command the lab refuses leaves the file as it was)
            openForWrite(base, target, append, false);
            opened.push({ target, append });
            wrote = true;
          }
          fds[rd.fd] = sink;
          if (rd.op === '&>' || rd.op === '&>>') fds[2] = sink;
        }
      }
    }
    let r: ShellResult;
    try {
      r = this.runArgv(argv, base, stdin, background, text, fds[2] !== 'err');
    } catch (e) {
      // what the lab does not model changes nothing, the redirections' files included
      if (e instanceof CmdError && e.message.startsWith('netlab:')) throw e;
      r = refusal(e, base.label);
    }
    for (const o of opened) openForWrite(base, o.target, o.append);
    const job = this.pendingJob;
    this.pendingJob = '';
    if (fds[1] !== 'out' || fds[2] !== 'err') {
      const streams = { out: '', err: '' };
      const who = argv[0] === 'echo' ? 'bash: echo' : (argv[0] ?? 'bash');
      const send = (sink: Sink, data: string): void => {
        if (sink === 'null' || data === '') return;
        if (sink === 'out' || sink === 'err') streams[sink] += data;
        else writeFile(base, sink.path, data, true, who);
      };
      send(fds[1]!, r.stdout);
      send(fds[2]!, r.stderr);
      r = { ...r, stdout: streams.out, stderr: streams.err, ...(wrote ? { kind: 'setup' as const } : {}) };
    }
    if (job) r = { ...r, stdout: job + r.stdout };
    if (wrote) this.world.generation++;
    return r;
  }

  /** ARGV run (past any `ip netns exec NS`); QUIET: its stderr goes nowhere a terminal shows */
  private runArgv(argv: string[], base: Netns, stdin: string | null, background: boolean, text: string, quiet: boolean): ShellResult {
    let ns = base;
    while (argv[0] === 'ip' && argv[1] === 'netns' && argv[2] === 'exec') {
      const name = argv[3];
      if (name === undefined) throw new CmdError('No netns name specified', 1);
      const invalid = invalidNetnsName(name);
      if (invalid) {
        const probe = missingNsProbe(this.world, name, argv.slice(4), invalid);
        if (probe) return probe;
        throw invalid;
      }
      const t = this.world.ns(name);
      if (!t) {
        const probe = missingNsProbe(this.world, name, argv.slice(4));
        if (probe) return probe;
        throw nsMissing(name, this.world);
      }
      if (argv.length < 5) throw new CmdError('No command specified', 1);
      ns = t;
      argv = argv.slice(4);
    }
    const pace = this.recorderProbes ? paceKind(argv, background) : 'other';
    if (pace !== 'other') {
      const now = this.world.clock.now();
      this.world.clock.advance(this.pacing.startAt(now, pace) - now);
      this.world.expireState();
    }
    const listening = new Set(ns.listeners);
    const capturing = new Set(this.jobs);
    const servers = this.servers.length;
    const r = this.dispatch(ns, argv, background, ns !== base, stdin, base);
    // what the command writes to stderr is gone (a server's request log too)
    if (quiet) for (const job of this.servers.slice(servers)) job.quiet = true;
    // a terminal's background line is a job of bash's: `[N] PID` now (bash's own, on the terminal), its end noticed later
    if (background && !this.recorderProbes) this.pendingJob = this.startJob(text, ns, listening, capturing, r);
    if (this.recorderProbes) this.pacing.done(this.world.clock.now(), pace, text);
    // what the kernel's timers did while the command ran (a probe's waits move the clock)
    this.world.expireState();
    if ((r.status === 0 || r.partial) && (r.kind === 'setup' || r.kind === 'server') && !readOnly(argv)) this.world.generation++;
    return { ...r, ns: ns.label };
  }

  private dispatch(
    ns: Netns,
    argv: string[],
    background: boolean,
    insideExec: boolean,
    stdin: string | null,
    origin: Netns,
  ): Omit<ShellResult, 'ns'> {
    const w = this.world;
    const [cmd, ...args] = argv;
    const setup = (r: ExecResult): Omit<ShellResult, 'ns'> => ({ ...r, kind: 'setup' });
    switch (cmd) {
      case 'ip':
        return setup(ipCommand(w, ns, args, insideExec));
      case 'iptables':
        return setup(iptablesCommand(ns, args));
      case 'iptables-save':
        return setup(iptablesSave(ns, args));
      case 'iptables-restore':
        // the lab's terminal has no keyboard input for a running command, nor files to redirect
        if (stdin === null)
          throw new CmdError(
            "netlab: iptables-restore reads the ruleset from its standard input: give it as a here-document,\n  iptables-restore <<'EOF'\n  *filter\n  …\n  COMMIT\n  EOF",
            1,
          );
        return setup(iptablesRestore(ns, stdin, args));
      case 'sysctl':
        return setup(sysctlCommand(ns, args));
      case 'dmesg':
        return setup(dmesgCommand(w, args));
      case 'journalctl':
        return setup(journalctlCommand(w, args));
      case 'bridge': {
        // bridge -n[etns] NAME: the command runs in that namespace (any prefix of -netns)
        const k = args.findIndex((x) => /^--?n(e(t(ns?)?)?)?$/.test(x));
        if (k >= 0 && args.slice(0, k).every((x) => x.startsWith('-'))) {
          const name = args[k + 1];
          if (name === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
          const there = w.ns(name);
          if (!there) throw nsMissing(name, w);
          return setup(bridgeCommand(there, [...args.slice(0, k), ...args.slice(k + 2)]));
        }
        return setup(bridgeCommand(ns, args));
      }
      case 'brctl':
        return setup(brctlCommand(w, ns, args));
      case 'conntrack':
        return setup(conntrackCommand(ns, args));
      case 'ipvsadm':
        return setup(ipvsadmCommand(ns, args));
      case 'docker': {
        const { live, ...r } = dockerCommand(w, ns, args, this.stdinIsTerminal);
        // a scenario's replay (and the recorder) never waits on a follow: what is there is the output
        if (!live || this.recorderProbes) return setup(r);
        live.origin = origin.label;
        live.serial = ++this.jobSerial;
        live.background = background;
        this.jobs.push(live);
        return { ...r, kind: 'server', job: live.serial };
      }
      case 'dockerd':
        return setup(dockerdCommand(w, ns, args, background));
      case 'python3':
      case 'python':
        if (args[0] === '-m' && args[1] === 'http.server') {
          if (!background) throw new CmdError('netlab: run the server in the background: add " &" at the end of the line', 1);
          // a background job's failure never reaches the shell's exit status
          const cmdline = argv.join(' ');
          try {
            const r = httpServer(ns, args.slice(2));
            const listener = ns.listeners[ns.listeners.length - 1] ?? null;
            // the interpreter's process holds the listening socket (fd 3): the PID bash prints for the job
            if (listener) {
              listener.owner = { task: { comm: cmd, pid: this.pids.next, alive: true, log: [], exitsWithConnection: false }, fd: 3 };
              if (this.recorderProbes) this.pids.next++;
            }
            const job = new ServerJob(cmdline, ns.label, r.stdout, null, listener);
            job.origin = origin.label;
            this.servers.push(job);
            return { ...r, kind: 'server' };
          } catch (e) {
            if (!(e instanceof CmdError)) throw e;
            const job = new ServerJob(cmdline, ns.label, '', e.message + '\n', null);
            job.origin = origin.label;
            this.servers.push(job);
            return { stdout: '', stderr: e.message + '\n', status: 0, kind: 'server' };
          }
        }
        throw new CmdError(`${cmd}: only "python3 -m http.server [--bind ADDR] [PORT] &" runs here`, 1);
      case 'ping': {
        const r = this.recorderProbes ? pingCommand(w, ns, recorderPing(args), 0) : pingCommand(w, ns, args);
        return { ...r, kind: 'probe' };
      }
      case 'traceroute': {
        const r = this.recorderProbes ? tracerouteCommand(w, ns, recorderTraceroute(args), 0) : tracerouteCommand(w, ns, args);
        return { ...r, kind: 'probe' };
      }
      case 'curl': {
        // a curl with options in a replay is a show line: what it prints, its stdout a pipe
        if (this.recorderProbes && isShowCommand(argv)) {
          const { record: _, ...r } = curlCommand(w, ns, args, false, 0, false);
          return setup(r);
        }
        const r = curlCommand(w, ns, args, this.recorderProbes, this.recorderProbes ? 0 : undefined);
        return { ...r, kind: 'probe' };
      }
      case 'nc':
      case 'netcat': {
        // a background nc is the job's process: the PID bash prints for it
        const { result, task } = ncCommand(w, ns, args, background, this.pids.next, stdin, !background && !this.recorderProbes);
        if (!task) return setup(result);
        if (!background && !this.recorderProbes) {
          // nc -l in a terminal's foreground: it waits on it (its PID taken as bash's fork takes one)
          this.pids.next++;
          const live = new NcForeground(argv.join(' '), w, task);
          live.origin = origin.label;
          live.serial = ++this.jobSerial;
          this.jobs.push(live);
          // what it wrote as it started (-v: Listening on …) comes with the line
          return { ...result, stderr: result.stderr + live.collect().stderr, kind: 'server', job: live.serial };
        }
        if (this.recorderProbes) this.pids.next++;
        this.startedTask = task;
        const job = new ServerJob(argv.join(' '), ns.label, '', null, task);
        job.origin = origin.label;
        this.servers.push(job);
        return { ...result, kind: 'server' };
      }
      case 'dnsmasq':
        return { ...dnsmasqCommand(ns, args, background), kind: 'server' };
      case 'tee':
        return setup(teeCommand(ns, args, stdin));
      case 'tcpdump': {
        try {
          const { result, job } = tcpdumpCommand(ns, args, this.files, argv.join(' '));
          if (job) {
            job.origin = origin.label;
            job.serial = ++this.jobSerial;
            job.background = background;
            this.jobs.push(job);
            return { ...result, kind: 'server', job: job.serial };
          }
          return { ...result, kind: 'server' };
        } catch (e) {
          // a background job's failure never reaches the shell's exit status
          if (!background || !(e instanceof CmdError)) throw e;
          return { stdout: '', stderr: e.message + '\n', status: 0, kind: 'server' };
        }
      }
      case 'jobs':
        return setup(this.jobTable.list(args));
      case 'kill':
        return setup(this.jobTable.kill(args));
      case 'wait':
        return setup(this.jobTable.wait(args));
      case 'true':
      case ':':
        return setup(ok());
      case 'false':
        return setup({ stdout: '', stderr: '', status: 1 });
      case 'bash':
      case 'sh': {
        // `bash -c 'LINE'` (ip netns exec NS sh -c '…'): LINE's operators and redirections run
        // inside NS, as that shell's own are
        if (args[0] !== '-c' || args[1] === undefined || (args.length > 2 && !args[2]!.startsWith('-')))
          throw new CmdError(`netlab: ${cmd} runs here only as ${cmd} -c 'COMMAND LINE' (no interactive or script shell)`, 2);
        if (args[0] === '-c' && args.length > 2)
          throw new CmdError(`netlab: ${cmd} -c takes one COMMAND LINE here (no $0 or positional arguments)`, 2);
        const { ns: _, ...r } = this.execLine(args[1], ns.name);
        return r;
      }
      case 'echo':
        return setup(echoCommand(args));
      case 'printf':
        return setup(printfCommand(args));
      case 'cat':
        return setup(catCommand(w, ns, args, stdin));
      case 'ls':
        // a replay's show line runs with its stdout a pipe, as the recorder runs it
        return setup(lsCommand(ns, args, !this.recorderProbes));
      case 'hostname':
        return setup(hostnameCommand(ns, args));
      case 'route':
        return setup(routeCommand(ns, args));
      case 'netstat':
        return setup(netstatCommand(ns, args));
      case 'ss':
        return setup(ssCommand(ns, args));
      case 'nstat':
        return setup(nstatCommand(args));
      case 'arp':
        return setup(arpCommand(ns, args));
      case 'ifconfig':
        return setup(ifconfigCommand(w, ns, args));
      case 'help': {
        const h = helpText(args);
        return setup(h.found ? ok(h.text) : { stdout: '', stderr: h.text, status: 1 });
      }
      case 'sleep': {
        const s = Number(args[0]);
        if (!Number.isFinite(s) || s < 0) throw new CmdError(`sleep: invalid time interval '${args[0] ?? ''}'`, 1);
        w.clock.advance(Math.min(s, 3600) * 1000);
        w.expireState();
        return setup(ok());
      }
      case undefined:
        return setup(ok());
      case 'grep':
      case 'head':
      case 'tail':
      case 'wc':
      case 'sort':
      case 'uniq':
      case 'cut':
      case 'tr':
      case 'awk':
      case 'column':
        return setup(filterCommand(w, ns, cmd, args, stdin));
      default:
        throw new CmdError(`bash: ${cmd}: command not found\nnetlab: \`help\` lists the commands this lab understands`, 127);
    }
  }
}
