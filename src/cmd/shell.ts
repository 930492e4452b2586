// The command interpreter: one line of the scenario dialect in, what Linux prints out.
// A refused line changes nothing; no input makes it throw.

import { nstatCommand } from './snmp-files.ts';
import type { Netns } from '../core/netns.ts';
import type { Task } from '../core/ip/tcp-sock.ts';
import { World, type WorldOptions } from '../core/world.ts';
import { dockerCommand, dockerdCommand } from './docker.ts';
import { dmesgCommand, journalctlCommand } from './dmesg.ts';
import { dnsmasqCommand } from './dnsmasq.ts';
import { catCommand, hostnameCommand, lsCommand, teeCommand, writeFile } from './files.ts';
import { parseHeredoc } from './heredoc.ts';
import { ifconfigCommand } from './ifconfig.ts';
import { arpCommand, netstatCommand, routeCommand } from './net-tools.ts';
import { ssCommand } from './ss.ts';
import { killTask, ncCommand } from './nc.ts';
import { NcForeground } from './nc-foreground.ts';
import { helpText } from './help.ts';
import { iptablesCommand, iptablesSave } from './iptables.ts';
import { iptablesRestore } from './iptables-restore.ts';
import { invalidNetnsName, ipCommand, nsMissing } from './ip.ts';
import { LexError, splitWords, stripComment } from './lex.ts';
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
  switch (cmd) {
    case undefined:
    case 'true':
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
    case 'cat':
      return !a.some((x) => x.startsWith('>'));
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

/** `… > FILE`, `… >> FILE`, `… >FILE` at the end of a line: the command, and the file */
function splitRedirect(argv: string[]): { argv: string[]; path: string; append: boolean } | null {
  const at = argv.findIndex((x) => x === '>' || x === '>>' || /^>>?[^>]/.test(x));
  if (at < 0) return null;
  const op = argv[at]!;
  const joined = op.replace(/^>>?/, '');
  const path = joined || argv[at + 1];
  if (path === undefined) throw new CmdError("bash: syntax error near unexpected token `newline'", 2);
  if (argv.length > at + (joined ? 1 : 2)) throw new CmdError('netlab: one redirection, at the end of the line (CMD … > FILE)', 2);
  return { argv: argv.slice(0, at), path, append: op.startsWith('>>') };
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
      // a line with a here-document: the command, and the text its standard input reads
      let stdin: string | null = null;
      let warning = '';
      if (line.includes('\n')) {
        if (line.length > MAX_HEREDOC)
          throw new CmdError(`bash: here-document too long (${line.length} characters, at most ${MAX_HEREDOC})`, 2);
        const h = parseHeredoc(line);
        if (h.stdin === null) throw new CmdError('netlab: one command per line (a here-document, <<WORD, may follow it)', 2);
        line = h.command;
        stdin = h.stdin;
        warning = h.warning ? `${h.warning}\n` : '';
      }
      if (line.length > MAX_LINE) throw new CmdError(`bash: line too long (${line.length} characters, at most ${MAX_LINE})`, 2);
      let text = stripComment(line).trim();
      if (!text) return { ...ok(), kind: 'empty', ns: label };
      let background = false;
      if (text.endsWith('&') && !text.endsWith('&&')) {
        background = true;
        text = text.slice(0, -1).trim();
      }
      let argv = splitWords(text);
      // `CMD … 2>/dev/null`: what the command writes to stderr is gone (a server's request log too)
      const quiet =
        argv.length > 1 &&
        (argv[argv.length - 1] === '2>/dev/null' || (argv[argv.length - 2] === '2>' && argv[argv.length - 1] === '/dev/null'));
      if (quiet) argv = argv.slice(0, argv[argv.length - 1] === '2>/dev/null' ? -1 : -2);
      // `CMD … > FILE`: bash opens FILE itself, in its own namespace, before `ip netns exec` runs
      const redirect = splitRedirect(argv);
      if (redirect) argv = redirect.argv;
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
      if (redirect && !['echo', 'cat'].includes(argv[0] ?? ''))
        throw new CmdError('netlab: a redirection (> FILE) is modelled for echo and cat only', 2);
      const listening = new Set(ns.listeners);
      const capturing = new Set(this.jobs);
      const servers = this.servers.length;
      let r = this.dispatch(ns, argv, background, ns !== base, stdin, base);
      if (quiet) {
        r = { ...r, stderr: '' };
        for (const job of this.servers.slice(servers)) job.quiet = true;
      }
      // a terminal's background line is a job of bash's: `[N] PID` now, its end noticed later
      if (background && !this.recorderProbes) r = { ...r, stdout: this.startJob(text, ns, listening, capturing, r) + r.stdout };
      // bash's notices of ended jobs come before its next prompt: after all this line printed
      if (!this.recorderProbes) {
        for (const [job, task] of this.taskJobs) {
          if (task.alive) continue;
          if (job.state === 'Running') job.state = 'Done';
          this.taskJobs.delete(job);
        }
        const notices = this.jobTable.notices();
        r = r.stderr ? { ...r, stderr: r.stderr + notices } : { ...r, stdout: r.stdout + notices };
      }
      if (redirect && r.status === 0) r = { ...r, ...writeFile(base, redirect.path, r.stdout, redirect.append), kind: 'setup' };
      if (this.recorderProbes) this.pacing.done(this.world.clock.now(), pace, text);
      // what the kernel's timers did while the command ran (a probe's waits move the clock)
      this.world.expireState();
      if ((r.status === 0 || r.partial) && (r.kind === 'setup' || r.kind === 'server') && (redirect !== null || !readOnly(argv)))
        this.world.generation++;
      return { ...r, stderr: warning + r.stderr, ns: ns.label };
    } catch (e) {
      if (e instanceof CmdError) return { stdout: '', stderr: e.message + '\n', status: e.status || 1, kind: 'setup', ns: label };
      if (e instanceof LexError) return { stdout: '', stderr: `bash: ${e.message}\n`, status: 2, kind: 'setup', ns: label };
      if (e instanceof RangeError) return { stdout: '', stderr: `netlab: ${e.message}\n`, status: 1, kind: 'setup', ns: label };
      throw e;
    }
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
      case 'echo':
        return setup(ok(args.join(' ') + '\n'));
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
      default:
        throw new CmdError(`bash: ${cmd}: command not found\nnetlab: \`help\` lists the commands this lab understands`, 127);
    }
  }
}
