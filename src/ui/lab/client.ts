// The one module that talks to the worker. Requests get ids and promises; a worker that
// throws, dies or stops answering is replaced by a fresh one rebuilt from the last accepted
// log, and whoever asked is told.

import type { RequestBody, RequestId, ResponseFor, WorkerRequest, WorkerResponse, WorldView } from '../../protocol/messages.ts';

export interface WorkerLike {
  postMessage(msg: WorkerRequest): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent<WorkerResponse>) => void) | null;
  onerror: ((ev: ErrorEvent) => void) | null;
}

export class WorkerRestarted extends Error {}

/**
 * a request that never ran because of someone else: it was waiting when another request
 * stopped the worker, or it came while the world could not be rebuilt. Whoever asked may
 * offer it again; a request that was itself stopped rejects with WorkerRestarted.
 */
export class NotRun extends WorkerRestarted {}

interface Pending {
  readonly type: RequestBody['type'];
  resolve: (r: WorkerResponse) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface ClientOptions {
  /** how long any request may take before the worker is stopped and rebuilt */
  readonly timeoutMs?: number;
  /** a tighter (or looser) budget for some kinds of request */
  readonly budgets?: Partial<Record<RequestBody['type'], number>>;
  readonly heartbeatMs?: number;
  /** told after a restart, with why and the rebuilt world */
  readonly onRestart?: (reason: string, view: WorldView) => void;
  /** told when the rebuild after a restart itself failed (ran past its budget, crashed) */
  readonly onRestartFailed?: (reason: string, why: string) => void;
}

export class LabClient {
  private worker: WorkerLike;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private lastLog: readonly string[] = [];
  private readonly timeoutMs: number;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private restarting = false;
  /** why the last rebuild failed: the worker holds no world until a rebuild succeeds */
  private broken: string | null = null;
  private readonly budgets: Partial<Record<RequestBody['type'], number>>;
  restarts = 0;

  constructor(
    private readonly make: () => WorkerLike,
    private readonly opts: ClientOptions = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.budgets = { ...opts.budgets };
    this.worker = this.spawn();
    if (opts.heartbeatMs) {
      this.heartbeat = setInterval(() => {
        if (this.pending.size === 0) this.request({ type: 'ping' }).catch(() => undefined);
      }, opts.heartbeatMs);
    }
  }

  /** the log the world was last seen to hold: what a restart rebuilds */
  rememberLog(log: readonly string[]): void {
    this.lastLog = log;
  }

  private spawn(): WorkerLike {
    const w = this.make();
    w.onmessage = (ev) => this.receive(ev.data);
    w.onerror = (ev) => {
      ev.preventDefault?.();
      void this.restart(`the simulation crashed (${ev.message || 'worker error'})`);
    };
    return w;
  }

  private receive(msg: WorkerResponse): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    clearTimeout(p.timer);
    if (msg.type === 'failed') {
      p.reject(new Error(msg.message));
      // a failed request may have left the world half-changed: rebuild it
      void this.restart(`the simulation hit an internal error (${msg.message})`);
    } else {
      p.resolve(msg);
    }
  }

  /** the budget of one kind of request (null: back to the default) */
  setBudget(type: RequestBody['type'], ms: number | null): void {
    if (ms === null) delete this.budgets[type];
    else this.budgets[type] = ms;
  }

  /**
   * The watchdog: a request that runs past its budget is stopped (the worker is terminated,
   * the only way to stop a synchronous computation) and reported; the world is rebuilt.
   */
  request<B extends RequestBody>(body: B, budgetMs?: number): Promise<ResponseFor[B['type']]> {
    // the last rebuild failed: try it again before anything that needs the world
    if (this.broken !== null && body.type !== 'reset' && body.type !== 'ping') {
      const why = this.broken;
      return this.restart(`the last rebuild failed (${why})`).then((ok) => {
        if (!ok) throw new NotRun(`The simulation could not be rebuilt (${this.broken ?? why}); this did not run.`);
        return this.send(body, budgetMs);
      });
    }
    return this.send(body, budgetMs);
  }

  private send<B extends RequestBody>(body: B, budgetMs?: number): Promise<ResponseFor[B['type']]> {
    const id = this.nextId++ as RequestId;
    const msg = { ...body, id } as WorkerRequest;
    const budget = budgetMs ?? this.budgets[body.type as RequestBody['type']];
    return new Promise<ResponseFor[B['type']]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        const why =
          budget === undefined
            ? 'the simulation stopped answering'
            : `the ${body.type} request ran past its budget of ${budget.toLocaleString('en-US')} ms and was stopped`;
        reject(new WorkerRestarted(`${why[0]!.toUpperCase()}${why.slice(1)}.`));
        void this.restart(why);
      }, budget ?? this.timeoutMs);
      const done = (r: WorkerResponse) => {
        // a whole log replayed: the world is whole again, whatever a failed rebuild left
        if (body.type === 'reset') this.broken = null;
        (resolve as (r: WorkerResponse) => void)(r);
      };
      this.pending.set(id, { type: body.type, resolve: done, reject, timer });
      this.worker.postMessage(msg);
    });
  }

  /**
   * replace the worker with a fresh one holding the last good log. Never rejects: true when the
   * world was rebuilt; false when the rebuild itself failed, which onRestartFailed is told (the
   * next request tries again) or when a restart was already under way.
   */
  async restart(reason: string): Promise<boolean> {
    if (this.restarting) return false;
    this.restarting = true;
    try {
      this.replaceWorker(`Restarted: ${reason}.`);
      this.restarts++;
      let view: WorldView;
      try {
        view = (await this.send({ type: 'reset', log: this.lastLog })).view;
      } catch (e) {
        const why = (e instanceof Error ? e.message : String(e)).replace(/\.$/, '');
        this.broken = why;
        // stop the rebuild; whatever was queued behind it did not run
        this.replaceWorker(`The simulation could not be rebuilt (${why}); this did not run.`);
        this.opts.onRestartFailed?.(reason, why);
        return false;
      }
      this.broken = null;
      this.opts.onRestart?.(reason, view);
      return true;
    } finally {
      this.restarting = false;
    }
  }

  /** true while the worker holds no world because the last rebuild failed */
  get needsRebuild(): boolean {
    return this.broken !== null;
  }

  /** stop the worker, tell whoever waits on it that their request did not run, start a new one */
  private replaceWorker(message: string): void {
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.terminate();
    for (const [, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new NotRun(message));
    }
    this.pending.clear();
    this.worker = this.spawn();
  }

  /** the kinds of request the worker holds now, oldest first (tests wait on it) */
  inFlight(): RequestBody['type'][] {
    return [...this.pending.values()].map((p) => p.type);
  }

  /** for tests: the worker stops answering */
  debugWorker(): WorkerLike {
    return this.worker;
  }

  dispose(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.worker.terminate();
  }
}
