// The controller: every action a person takes goes through here, becomes dialect lines, is
// run by the worker, and the store is updated from what the worker reports back. Operations
// run one after another (a queue), so a fast double click cannot interleave two edits.

import type { JobOutput, LineInput, LineOutcome, ResponseFor, TrialRefusal, WorldView } from '../../protocol/messages.ts';
import type { TraceEvent } from '../../core/trace.ts';
import { DocumentError, type LabDocument, type LayoutMeta, type Positions, type Role } from '../doc/document.ts';
import { deriveGraph } from '../graph/derive.ts';
import { layoutGraph } from '../graph/layout.ts';
import { type ClientOptions, type LabClient, NotRun, WorkerRestarted } from './client.ts';
import { ask } from './confirm.ts';
import { t } from '../i18n/i18n.ts';
import { type Drawing, type Edit, logOf, pushEdit, redo, replaceAll, undo } from './history.ts';
import { addNotice, appendTerminal, hasUnsavedWork, type LabStore, type LabState } from './store.ts';
import { forgetTraces, recordTrace } from '../trace/slice.ts';
import type { ProbeTrace } from '../trace/model.ts';

/**
 * a lab replaced by another (a file, a link, a lesson, a replacing import): the probes of the
 * old one and the wires they lit would be drawn over the new one, so they go
 */
const ANOTHER_LAB: Partial<LabState> = { ...forgetTraces(), lit: [] };

export interface EditResult {
  readonly ok: boolean;
  readonly message: string | null;
  readonly outcomes: readonly LineOutcome[];
  /** the lines never ran (the simulation restarted around them, or could not be rebuilt): offer them again */
  readonly notRun?: boolean;
}

/** script lines worth keeping: toScript output without its comments */
export function scriptLines(script: string): string[] {
  return script
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

export class Lab {
  private chain: Promise<unknown> = Promise.resolve();
  readonly client: LabClient;

  constructor(
    readonly store: LabStore,
    makeClient: (events: Required<Pick<ClientOptions, 'onRestart' | 'onRestartFailed'>>) => LabClient,
  ) {
    this.client = makeClient({
      // the rebuild's own answer is the world now: no second request (which a tight budget
      // could stop again), and it lands before any queued request's answer
      onRestart: (reason, view) => {
        this.store.setState((s) => addNotice(s, 'error', t('notice.restarted', { reason })));
        this.applyView(view);
      },
      // the drawing, the history and the autosave still hold the lab: nothing is lost, and the
      // next action rebuilds (no retry loop here: a rebuild that is too slow would spin)
      onRestartFailed: (reason, why) => {
        this.store.setState((s) =>
          addNotice(
            s,
            'error',
            `The simulation was restarted because ${reason}, but rebuilding your topology failed: ${why[0]!.toLowerCase()}${why.slice(1)}. Your lab is kept as drawn; your next command or edit tries the rebuild again.`,
          ),
        );
      },
    });
  }

  /**
   * resolves once the queue has stayed empty for a moment: one step of a user action may queue
   * the next a little later (an import checks a copy, then runs), and "idle" means all of it
   */
  async idle(): Promise<void> {
    // (bounded: work that keeps queueing itself must not make "idle" wait for ever)
    for (let quiet = 0, rounds = 0; quiet < 2 && rounds < 200; rounds++) {
      const c = this.chain;
      await c.then(
        () => undefined,
        () => undefined,
      );
      await new Promise((r) => setTimeout(r, 25));
      quiet = c === this.chain ? quiet + 1 : 0;
    }
  }

  private readonly jobListeners = new Set<(o: JobOutput) => void>();

  /** a running capture's lines, for the terminal that started it (tcpdump while others work) */
  onJobOutput(fn: (o: JobOutput) => void): () => void {
    this.jobListeners.add(fn);
    return () => this.jobListeners.delete(fn);
  }

  private deliverJobs(jobs: readonly JobOutput[]): void {
    for (const o of jobs) for (const fn of this.jobListeners) fn(o);
  }

  /**
   * a terminal's capture: what it printed meanwhile, or with `interrupt` its end (Ctrl+C).
   * Not queued behind edits: a terminal waiting on its capture asks while others work.
   * null: the job is gone (the world was rebuilt without it).
   */
  async job(serial: number, interrupt: boolean): Promise<JobOutput | null> {
    try {
      return (await this.client.request({ type: 'job', job: serial, interrupt })).output;
    } catch {
      return null;
    }
  }

  private get s(): LabState {
    return this.store.getState();
  }

  private set(p: Partial<LabState> | ((s: LabState) => Partial<LabState>)): void {
    this.store.setState(p);
  }

  /** run operations one at a time; a failure is reported and does not stop the queue */
  private queue<T>(op: () => Promise<T>): Promise<T> {
    const next = this.chain.then(op, op);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private applyView(view: WorldView): void {
    this.client.rememberLog(view.log);
    const positions = this.placeNew(view, this.s.positions, this.s.meta);
    this.set({ snapshot: view.snapshot, script: view.script, ready: true, positions });
  }

  /** give every node that has no position one, so later edits do not shuffle it */
  private placeNew(view: WorldView, positions: Positions, meta: LayoutMeta): Positions {
    const g = deriveGraph(view.snapshot, meta);
    const { positions: all, placed } = layoutGraph(g, positions, {}, { aspect: this.s.canvasAspect });
    if (!placed.length) return positions;
    const out: Record<string, { x: number; y: number }> = { ...positions };
    for (const id of placed) out[id] = all[id]!;
    return out;
  }

  private busy<T>(p: Promise<T>): Promise<T> {
    this.set((s) => ({ busy: s.busy + 1 }));
    return p.finally(() => this.set((s) => ({ busy: s.busy - 1 })));
  }

  start(): Promise<void> {
    return this.queue(async () => {
      const r = await this.busy(this.client.request({ type: 'reset', log: logOf(this.s.history) }));
      this.applyView(r.view);
      this.opened();
    });
  }

  /** a whole lab is on the canvas now: the canvas fits it */
  private opened(): void {
    this.set((s) => ({ opened: s.opened + 1 }));
  }

  /**
   * lay the whole drawing out afresh (what a person placed included), as one step that Undo
   * takes back
   */
  tidy(): Promise<void> {
    return this.queue(async () => {
      const before = this.s.positions;
      const g = deriveGraph(this.s.snapshot, this.s.meta);
      const { positions: after } = layoutGraph(g, {}, {}, { aspect: this.s.canvasAspect });
      this.set((s) => ({ positions: after, history: pushEdit(s.history, { label: 'Tidy up', lines: [], layout: { before, after } }) }));
      this.opened();
    });
  }

  /**
   * one edit: lines run in order, all or nothing. A refusal is shown beside `field` when
   * given (the inspector), else as a notice; nothing changes.
   */
  edit(
    label: string,
    lines: readonly string[],
    opts: { field?: string; meta?: LayoutMeta; positions?: Positions } = {},
  ): Promise<EditResult> {
    return this.queue(async () => {
      try {
        const r = await this.busy(
          this.client.request({ type: 'exec', lines: lines.map((line) => ({ line, ns: null })), atomic: true, trace: false }),
        );
        this.deliverJobs(r.jobs);
        const refused = r.outcomes.find((o) => o.status !== 0 && o.kind !== 'probe');
        if (refused) {
          const message = refused.stderr.trim().split('\n').pop() || `"${refused.line}" was refused`;
          this.set((s) => (opts.field ? { fieldError: { field: opts.field, message } } : addNotice(s, 'error', `${label}: ${message}`)));
          this.applyView(r.view);
          return { ok: false, message, outcomes: r.outcomes };
        }
        const accepted = r.outcomes.filter((o) => o.accepted);
        if (opts.meta) this.set({ meta: opts.meta });
        if (opts.positions) this.set({ positions: opts.positions });
        this.set((s) => ({
          history: pushEdit(s.history, { label, lines: r.view.log.slice(r.view.log.length - accepted.length) }),
          fieldError: null,
        }));
        this.applyView(r.view);
        return { ok: true, message: null, outcomes: r.outcomes };
      } catch (e) {
        return this.failed(label, e);
      }
    });
  }

  private failed(label: string, e: unknown): EditResult {
    const message = e instanceof Error ? e.message : String(e);
    // a restart has its own notice; an edit that never ran is named, so it is done again
    // (a terminal line says so in its terminal and is offered again there)
    if (e instanceof NotRun && label !== 'Terminal') this.set((s) => addNotice(s, 'error', `${label} did not run: ${message}`));
    else if (!(e instanceof WorkerRestarted)) this.set((s) => addNotice(s, 'error', `${label}: ${message}`));
    return { ok: false, message, outcomes: [], notRun: e instanceof NotRun };
  }

  /**
   * the reachability matrix, in its turn like every other request (a line typed meanwhile
   * waits for it instead of being lost to its watchdog). `stale` is asked when its turn comes:
   * a matrix for a topology already edited again is not computed (null).
   */
  matrix(stale: () => boolean = () => false): Promise<ResponseFor['matrix'] | null> {
    return this.queue(async () => (stale() ? null : await this.client.request({ type: 'matrix' })));
  }

  /**
   * stop a matrix being computed: the worker cannot be interrupted, so it is stopped and
   * rebuilt (what the watchdog does, sooner). A matrix still waiting its turn is dropped by
   * its caller's `stale`.
   */
  stopMatrix(): void {
    if (this.client.inFlight().includes('matrix')) void this.client.restart('you stopped the reachability matrix');
  }

  /** the trace of one matrix cell's ping, in its turn */
  cellTrace(from: string, dst: string): Promise<ResponseFor['cellTrace']> {
    return this.queue(() => this.client.request({ type: 'cellTrace', from, dst }));
  }

  /** a line typed in a terminal: printed like a shell; if it changed the topology it is an edit */
  terminal(line: string, ns: string, opts: { record?: ProbeTrace['source'] | false } = {}): Promise<EditResult> {
    return this.queue(async () => {
      try {
        const input: LineInput = { line, ns: ns === 'root' ? null : ns };
        const r = await this.busy(this.client.request({ type: 'exec', lines: [input], atomic: false, trace: true }));
        this.deliverJobs(r.jobs);
        const accepted = r.outcomes.filter((o) => o.accepted).length;
        const record = opts.record ?? 'terminal';
        this.set((s) => ({
          ...appendTerminal(s, r.outcomes, ns),
          ...(accepted
            ? { history: pushEdit(s.history, { label: `$ ${line}`, lines: r.view.log.slice(r.view.log.length - accepted) }) }
            : {}),
          lit: litEdges(r.trace),
          // every probe keeps its trace for the player
          ...(record ? recordTrace(s, line, ns, r.trace, r.outcomes[0], record, r.pcapng) : {}),
        }));
        this.applyView(r.view);
        return { ok: r.outcomes.every((o) => o.status === 0), message: null, outcomes: r.outcomes };
      } catch (e) {
        return this.failed('Terminal', e);
      }
    });
  }

  /**
   * lines pasted into a terminal that only configure (no probe among them): run as one request,
   * one snapshot and one drawing for all of them, one Undo step. Each line's output is its own.
   */
  terminalBatch(lines: readonly string[], ns: string): Promise<EditResult> {
    return this.queue(async () => {
      try {
        const inputs: LineInput[] = lines.map((line) => ({ line, ns: ns === 'root' ? null : ns }));
        const r = await this.busy(this.client.request({ type: 'exec', lines: inputs, atomic: false, trace: false }));
        this.deliverJobs(r.jobs);
        const accepted = r.outcomes.filter((o) => o.accepted).length;
        const label = lines.length > 1 ? `$ ${lines[0]} … (${lines.length} lines)` : `$ ${lines[0]}`;
        this.set((s) => ({
          ...appendTerminal(s, r.outcomes, ns),
          ...(accepted ? { history: pushEdit(s.history, { label, lines: r.view.log.slice(r.view.log.length - accepted) }) } : {}),
        }));
        this.applyView(r.view);
        return { ok: r.outcomes.every((o) => o.status === 0), message: null, outcomes: r.outcomes };
      } catch (e) {
        return this.failed('Terminal', e);
      }
    });
  }

  undo(): Promise<void> {
    return this.queue(async () => {
      const u = undo(this.s.history);
      if (!u) return;
      if (u.edit.layout && !u.edit.lines.length) {
        const { before } = u.edit.layout;
        this.set((s) => ({ history: u.history, positions: before, ...addNotice(s, 'info', `Undid: ${u.edit.label}`) }));
        this.opened();
        return;
      }
      try {
        const r = await this.busy(this.client.request({ type: 'reset', log: logOf(u.history) }));
        this.set((s) => ({
          history: u.history,
          selection: null,
          // undoing a whole new lab brings back the drawing of the one it replaced
          ...(u.edit.reset ? { ...u.edit.reset.before, ...ANOTHER_LAB } : {}),
          ...addNotice(s, 'info', `Undid: ${u.edit.label}`),
        }));
        this.applyView(r.view);
        if (u.edit.reset) this.opened();
      } catch (e) {
        this.failed('Undo', e);
      }
    });
  }

  redo(): Promise<void> {
    return this.queue(async () => {
      const u = redo(this.s.history);
      if (!u) return;
      if (u.edit.layout && !u.edit.lines.length) {
        const { after } = u.edit.layout;
        this.set((s) => ({ history: u.history, positions: after, ...addNotice(s, 'info', `Redid: ${u.edit.label}`) }));
        this.opened();
        return;
      }
      if (u.edit.reset) {
        await this.redoReset(u.history, u.edit, u.edit.reset.after);
        return;
      }
      try {
        const r = await this.busy(
          this.client.request({ type: 'exec', lines: u.edit.lines.map((line) => ({ line, ns: null })), atomic: true, trace: false }),
        );
        if (r.rolledBack) {
          this.set((s) => addNotice(s, 'error', `Redo: ${u.edit.label} was refused this time.`));
        } else {
          this.set((s) => ({ history: u.history, ...addNotice(s, 'info', `Redid: ${u.edit.label}`) }));
        }
        this.applyView(r.view);
      } catch (e) {
        this.failed('Redo', e);
      }
    });
  }

  /** redo a whole new lab: rebuilt from an empty world, with its own drawing */
  private async redoReset(history: LabState['history'], edit: Edit, after: Drawing): Promise<void> {
    try {
      const r = await this.busy(this.client.request({ type: 'reset', log: logOf(history) }));
      this.set((s) => ({ history, selection: null, ...after, ...ANOTHER_LAB, ...addNotice(s, 'info', `Redid: ${edit.label}`) }));
      this.applyView(r.view);
      this.opened();
    } catch (e) {
      this.failed('Redo', e);
    }
  }

  /**
   * before something replaces the lab: when it holds work not saved to a file or link, ask
   * (in the page's own dialog). True means go ahead.
   */
  async confirmReplace(what: string): Promise<boolean> {
    await this.idle();
    if (!hasUnsavedWork(this.s)) return true;
    return ask(this.store, {
      title: t('confirm.title'),
      text: t('confirm.text', { what }),
      confirm: t('confirm.open'),
      cancel: t('confirm.keep'),
    });
  }

  /** open a document in place of the lab, asking first when the lab holds unsaved work */
  async replaceWith(doc: LabDocument, label: string, what: string): Promise<boolean> {
    if (!(await this.confirmReplace(what))) {
      this.set((s) => addNotice(s, 'info', t('confirm.kept')));
      return false;
    }
    await this.openDocument(doc, label);
    return true;
  }

  /** the lab's work is kept elsewhere now (a file, a link): later edits count as unsaved */
  markSaved(): void {
    this.set((s) => ({ cleanDone: s.history.done }));
  }

  private drawing(): Drawing {
    return { positions: this.s.positions, meta: this.s.meta };
  }

  /** check a script on a scratch world (the real one is untouched) */
  trial(lines: readonly string[]): Promise<TrialRefusal[]> {
    return this.queue(async () => {
      const r = await this.busy(this.client.request({ type: 'trial', lines }));
      return [...r.refused];
    });
  }

  /**
   * a whole document (link, file, autosave): checked on a scratch world first; a refusal
   * throws DocumentError and the lab is left as it was.
   */
  openDocument(doc: LabDocument, label: string): Promise<void> {
    return this.queue(async () => {
      const t = await this.busy(this.client.request({ type: 'trial', lines: doc.script }));
      const bad = t.refused[0];
      if (bad) throw new DocumentError(`Refused: line ${bad.index + 1} of the topology ("${bad.line.slice(0, 80)}") fails: ${bad.message}`);
      const r = await this.busy(this.client.request({ type: 'reset', log: doc.script }));
      const history = replaceAll(this.s.history, label, r.view.log, this.drawing(), { positions: doc.positions, meta: doc.meta });
      this.set({
        history,
        cleanDone: history.done,
        meta: doc.meta,
        positions: doc.positions,
        selection: null,
        ...ANOTHER_LAB,
      });
      this.applyView(r.view);
      this.opened();
    });
  }

  /** restore an autosave: the history itself, so undo still works after a reload */
  restore(history: LabState['history'], positions: Positions, meta: LayoutMeta): Promise<void> {
    return this.queue(async () => {
      const r = await this.busy(this.client.request({ type: 'reset', log: logOf(history) }));
      if (r.refused.length)
        throw new DocumentError(`The saved lab no longer replays (line ${r.refused[0]!.index + 1}: ${r.refused[0]!.message}).`);
      this.set({ history, positions, meta, cleanDone: null, ...ANOTHER_LAB });
      this.applyView(r.view);
      this.opened();
    });
  }

  /** pasted commands: replace the lab, or run them on top of it */
  importLines(lines: readonly string[], replace: boolean): Promise<EditResult> {
    return this.queue(async () => {
      try {
        const base = replace ? [] : logOf(this.s.history);
        if (replace) await this.busy(this.client.request({ type: 'reset', log: [] }));
        const r = await this.busy(
          this.client.request({ type: 'exec', lines: lines.map((line) => ({ line, ns: null })), atomic: false, trace: false }),
        );
        const history = replace
          ? replaceAll(this.s.history, 'Import script', r.view.log, this.drawing(), { positions: {}, meta: { roles: {}, parents: {} } })
          : pushEdit(this.s.history, { label: 'Import script', lines: r.view.log.slice(base.length) });
        this.set({ history, selection: null, ...(replace ? { positions: {}, meta: { roles: {}, parents: {} }, ...ANOTHER_LAB } : {}) });
        this.applyView(r.view);
        if (replace) this.opened();
        return { ok: true, message: null, outcomes: r.outcomes };
      } catch (e) {
        return this.failed('Import', e);
      }
    });
  }

  document(): LabDocument {
    const s = this.s;
    const g = deriveGraph(s.snapshot, s.meta);
    const ids = new Set(g.nodes.map((n) => n.id));
    const positions: Record<string, { x: number; y: number }> = {};
    for (const [id, p] of Object.entries(s.positions)) if (ids.has(id)) positions[id] = p;
    const names = new Set(s.snapshot.namespaces.map((n) => n.name));
    const roles: Record<string, Role> = {};
    for (const [ns, r] of Object.entries(s.meta.roles)) if (names.has(ns)) roles[ns] = r;
    const parents: Record<string, string> = {};
    for (const [ns, h] of Object.entries(s.meta.parents)) if (names.has(ns) && ids.has(h)) parents[ns] = h;
    // the daemon's bookkeeping (networks, container names) is not in the kernel's state: a lab
    // Docker touched is kept as its command log, which replays the docker lines themselves
    const log = logOf(s.history);
    const script = log.some((l) => /^(ip netns exec \S+ )*docker\s/.test(l)) ? log : scriptLines(s.script);
    return { v: 2, script, positions, meta: { roles, parents } };
  }
}

/** the veth edges a probe's frames crossed */
export function litEdges(trace: readonly TraceEvent[]): string[] {
  const out = new Set<string>();
  for (const e of trace) {
    if (e.type === 'xmit' && e.dev) {
      out.add(`${e.ns}/${e.dev}`);
      if (e.to) out.add(`${e.to.ns}/${e.to.dev}`);
    }
  }
  return [...out];
}
