// The worker's state and how it answers each request. No postMessage here, so tests run it
// in Node directly.

import { parseIpv4 } from '../core/addr.ts';
import { reachabilityMatrix, asAnalysis } from '../core/matrix.ts';
import { pingOnce } from '../core/probe.ts';
import { snapshot, type WorldSnapshot } from '../core/snapshot.ts';
import type { PingOutcome } from '../core/probe.ts';
import type { TraceEvent } from '../core/trace.ts';
import { toScript } from '../cmd/script.ts';
import { needsShell } from '../cmd/operators.ts';
import { Shell } from '../cmd/shell.ts';
import { terminalText } from '../cmd/result.ts';
import type { JobOutput, LineInput, LineOutcome, TrialRefusal, WorkerRequest, WorkerResponse, WorldView } from '../protocol/messages.ts';
import { CaptureSessions, TraceCapture } from './captures.ts';
import { compareLabs, dockerState, exportText, isDockerMutation, probeOnCopy } from './scratch.ts';

/** the topology part of a snapshot: what a command log must reproduce (no caches, no counters) */
export function topologyKey(s: WorldSnapshot): string {
  return JSON.stringify(
    s.namespaces.map((n) => ({
      ...n,
      neigh: undefined,
      conntrack: undefined,
      devices: n.devices.map((d) => ({ ...d, carrier: undefined })),
      iptables: {
        filter: n.iptables.filter.chains.map((c) => [c.name, c.policy, c.rules]),
        nat: n.iptables.nat.chains.map((c) => [c.name, c.policy, c.rules]),
        raw: n.iptables.raw.chains.map((c) => [c.name, c.policy, c.rules]),
      },
    })),
  );
}

/** a line as the root namespace would run it, so the log replays without terminals */
export function rootLine(line: string, ns: string | null): string {
  if (ns === null) return line;
  // a pipeline, a list or a redirection is the terminal's shell's, inside NS: a shell runs it there
  if (!line.includes('\n') && needsShell(line)) return `ip netns exec ${ns} bash -c '${line.replaceAll("'", "'\\''")}'`;
  return `ip netns exec ${ns} ${line}`;
}

// a storm moves 10,000 frames per probe: keep its first events (and the storm itself) only
const MAX_TRACE = 1500;

export class LabHost {
  private shell = new Shell();
  private log: string[] = [];
  private readonly captures = new CaptureSessions();

  handle(req: WorkerRequest): WorkerResponse {
    try {
      switch (req.type) {
        case 'exec':
          return { type: 'exec', id: req.id, ...this.exec(req.lines, req.atomic, req.trace) };
        case 'job':
          return { type: 'job', id: req.id, output: this.job(req.job, req.interrupt) };
        case 'reset': {
          const refused = this.reset(req.log);
          return { type: 'reset', id: req.id, view: this.view(), refused };
        }
        case 'trial': {
          const scratch = new Shell();
          const refused = runAll(scratch, req.lines);
          return { type: 'trial', id: req.id, refused, script: toScript(snapshot(scratch.world)) };
        }
        case 'ping':
          return { type: 'pong', id: req.id };
        case 'matrix': {
          const t0 = performance.now();
          const cells = reachabilityMatrix(this.shell.world);
          return {
            type: 'matrix',
            id: req.id,
            cells,
            namespaces: this.shell.world.allNs().map((n) => n.label),
            ms: performance.now() - t0,
          };
        }
        case 'cellTrace':
          return { type: 'cellTrace', id: req.id, ...this.cellTrace(req.from, req.dst) };
        case 'probe':
          return { type: 'probe', id: req.id, outcomes: probeOnCopy(this.log, req.lines) };
        case 'docker':
          return { type: 'docker', id: req.id, daemons: dockerState(this.shell) };
        case 'compare':
          return { type: 'compare', id: req.id, rows: compareLabs(req.labs) };
        case 'export':
          return { type: 'export', id: req.id, text: exportText(this.shell, req.format) };
        case 'captureStart':
          return { type: 'captureStart', id: req.id, ...this.captures.start(this.shell.world, req.ns, req.dev) };
        case 'captureRead':
          return { type: 'captureRead', id: req.id, batches: this.captures.read(req.from) };
        case 'captureFilter':
          return { type: 'captureFilter', id: req.id, ...this.captures.filter(req.capture, req.expr) };
        case 'captureControl':
          return { type: 'captureControl', id: req.id, capture: this.captures.control(req.capture, req.action) };
        case 'captureSave':
          return { type: 'captureSave', id: req.id, ...this.captures.save(req.captures) };
      }
    } catch (e) {
      return { type: 'failed', id: req.id, message: e instanceof Error ? e.message : String(e) };
    }
  }

  /**
   * one matrix cell with its trace. Like the matrix it is an analysis: the conntrack entries
   * the probe creates are taken back, so the learner's tables stay as they were.
   */
  private cellTrace(from: string, dst: string): { outcome: PingOutcome | null; trace: TraceEvent[]; pcapng?: Uint8Array } {
    const w = this.shell.world;
    const ns = from === 'root' ? w.root : w.ns(from);
    const ip = parseIpv4(dst);
    if (!ns || ip === null) return { outcome: null, trace: [] };
    const events: TraceEvent[] = [];
    const off = w.onTrace((e) => {
      if (events.length < MAX_TRACE || e.type === 'storm') events.push(e);
    });
    const tap = new TraceCapture(w, MAX_TRACE);
    let outcome: PingOutcome | null;
    let pcapng: Uint8Array | null;
    try {
      outcome = asAnalysis(w, () => pingOnce(w, ns, ip, 1, 0xfeed));
    } finally {
      off();
      pcapng = tap.finish();
    }
    return { outcome, trace: events, ...(pcapng ? { pcapng } : {}) };
  }

  private view(): WorldView {
    const s = snapshot(this.shell.world);
    return { snapshot: s, script: toScript(s), log: [...this.log] };
  }

  /** replay a log from an empty world; lines the kernel refuses are left out of the new log */
  private reset(log: readonly string[]): TrialRefusal[] {
    this.shell = new Shell();
    this.log = [];
    const refused: TrialRefusal[] = [];
    log.forEach((line, index) => {
      const r = this.shell.exec(line);
      // a line that failed after it changed the world (a list's earlier commands, sysctl -w of
      // several keys) replays to the same world: it stays in the log
      if (r.status === 0 || r.kind === 'probe' || r.partial) {
        if (r.kind !== 'probe') this.log.push(line);
      } else refused.push({ index, line, message: lastLine(r.stderr) });
    });
    // the open captures follow onto the rebuilt world (the replay itself is not captured)
    this.captures.rebind(this.shell.world);
    return refused;
  }

  private exec(
    lines: readonly LineInput[],
    atomic: boolean,
    trace: boolean,
  ): { outcomes: LineOutcome[]; rolledBack: boolean; view: WorldView; trace: TraceEvent[]; jobs: JobOutput[]; pcapng?: Uint8Array } {
    const outcomes: LineOutcome[] = [];
    const jobs = new Map<number, JobOutput>();
    const events: TraceEvent[] = [];
    const before = [...this.log];
    const off = trace
      ? this.shell.world.onTrace((e) => {
          if (events.length < MAX_TRACE || e.type === 'storm') events.push(e);
        })
      : null;
    // a traced probe's packets as each device saw them (Save as .pcapng in the trace panel)
    const tap = trace ? new TraceCapture(this.shell.world, MAX_TRACE) : null;
    let pcapng: Uint8Array | null = null;
    let rolledBack = false;
    try {
      for (const { line, ns } of lines) {
        const gen = this.shell.world.generation;
        const r = this.shell.exec(line, ns);
        let accepted = false;
        // The shell counts every accepted line that may change the world (World.generation).
        // Comparing whole-world snapshots after each line instead made a pasted batch
        // quadratic: 2,000 `ip netns add` took about a minute here. A line that changed
        // nothing (`ip link set lo up` twice) is now logged too; it replays the same.
        if ((r.status === 0 || r.partial) && (r.kind === 'setup' || r.kind === 'server')) {
          // a docker command changes the daemon's state even when no device changed
          // (`docker network create -d macvlan …`): it is replayed all the same
          if (this.shell.world.generation !== gen || isDockerMutation(line)) {
            accepted = true;
            this.log.push(rootLine(line, ns));
          }
        }
        // the terminal's background captures print what they saw meanwhile, after the command's
        // own output, and its servers their logs; the others' go to their own terminals
        const captured = this.drainJobs(ns ?? 'root', jobs) + (this.shell.servers.length ? this.shell.collectJobs(ns ?? 'root') : '');
        outcomes.push({
          line,
          ns: r.ns,
          // both streams as the terminal shows them: in the order written when the tool kept it (docker logs)
          stdout: (r.writes ? terminalText(r) : r.stdout) + captured,
          // an interactive bash says which job and process a line ended with `&` started
          stderr: r.writes ? '' : r.stderr,
          status: r.status,
          kind: r.kind,
          accepted,
          ...(r.record ? { record: r.record } : {}),
          ...(r.job !== undefined ? { job: r.job } : {}),
          ...(r.enter ? { enter: r.enter } : {}),
          ...(r.timeline ? { timeline: r.timeline } : {}),
        });
        if (atomic && r.status !== 0) {
          if (this.log.length !== before.length) this.reset(before);
          rolledBack = true;
          break;
        }
      }
    } finally {
      off?.();
      pcapng = tap?.finish() ?? null;
    }
    const probed = outcomes.some((o) => o.kind === 'probe');
    return { outcomes, rolledBack, view: this.view(), trace: events, jobs: [...jobs.values()], ...(pcapng && probed ? { pcapng } : {}) };
  }

  /**
   * every capture's new lines: those of TERMINAL's background jobs are returned (they print
   * after its command's output), the rest are merged into `into` by job, oldest first
   */
  private drainJobs(terminal: string, into: Map<number, JobOutput>): string {
    if (!this.shell.jobs.length) return '';
    let own = '';
    for (const { job, result, running } of this.shell.drainJobs()) {
      if (job.origin === terminal && job.background) {
        own += result.stdout + result.stderr;
        continue;
      }
      const was = into.get(job.serial);
      if (!was && running && !result.stdout && !result.stderr) continue;
      into.set(job.serial, {
        terminal: job.origin,
        job: job.serial,
        stdout: (was?.stdout ?? '') + result.stdout,
        stderr: (was?.stderr ?? '') + result.stderr,
        running,
      });
    }
    return own;
  }

  /** one capture's news, or its end on SIGINT */
  private job(serial: number, interrupt: boolean): JobOutput | null {
    const job = this.shell.jobs.find((j) => j.serial === serial);
    if (!job) return null;
    const r = interrupt ? this.shell.interruptJob(serial) : job.collect();
    if (!r) return null;
    const running = job.running;
    if (!running && !interrupt) this.shell.interruptJob(serial);
    return { terminal: job.origin, job: serial, stdout: r.stdout, stderr: r.stderr, running };
  }
}

function lastLine(s: string): string {
  const lines = s.trim().split('\n');
  return lines[lines.length - 1] ?? '';
}

/** run every line; report the refused ones */
export function runAll(shell: Shell, lines: readonly string[]): TrialRefusal[] {
  const refused: TrialRefusal[] = [];
  lines.forEach((line, index) => {
    const r = shell.exec(line);
    // a probe that gets no answer is a result, not a refusal
    if (r.status !== 0 && r.kind !== 'probe') refused.push({ index, line, message: lastLine(r.stderr) || `exit status ${r.status}` });
  });
  return refused;
}
