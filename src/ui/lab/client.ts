// The one module that talks to the worker. Requests get ids and promises; a worker that
// throws, dies or stops answering is replaced by a fresh one rebuilt from the last accepted
// log, and whoever asked is told.

import type { RequestBody, RequestId, ResponseFor, WorkerRequest, WorkerResponse } from '../../protocol/messages.ts';

export interface WorkerLike {
  postMessage(msg: WorkerRequest): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent<WorkerResponse>) => void) | null;
  onerror: ((ev: ErrorEvent) => void) | null;
}

export class WorkerRestarted extends Error {}

interface Pending {
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
  /** told after a restart, with why */
  readonly onRestart?: (reason: string) => void;
}

export class LabClient {
  private worker: WorkerLike;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private lastLog: readonly string[] = [];
  private readonly timeoutMs: number;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private restarting = false;
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
      this.pending.set(id, { resolve: resolve as (r: WorkerResponse) => void, reject, timer });
      this.worker.postMessage(msg);
    });
  }

  /** replace the worker with a fresh one holding the last good log */
  async restart(reason: string): Promise<void> {
    if (this.restarting) return;
    this.restarting = true;
    try {
      this.worker.onmessage = null;
      this.worker.onerror = null;
      this.worker.terminate();
      for (const [, p] of this.pending) {
        clearTimeout(p.timer);
        p.reject(new WorkerRestarted(`Restarted: ${reason}.`));
      }
      this.pending.clear();
      this.restarts++;
      this.worker = this.spawn();
      await this.request({ type: 'reset', log: this.lastLog });
      this.opts.onRestart?.(reason);
    } finally {
      this.restarting = false;
    }
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
