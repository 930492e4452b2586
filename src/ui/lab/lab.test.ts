import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkerRequest, WorkerResponse } from '../../protocol/messages.ts';
import { LabHost } from '../../worker/dispatch.ts';
import { LabClient, type WorkerLike } from './client.ts';
import { Lab } from './lab.ts';
import { createLabStore } from './store.ts';

/**
 * an in-process worker that, like the real one, answers one message after another; a request
 * of a held kind keeps it busy (and everything behind it waiting) until released
 */
class SerialWorker implements WorkerLike {
  static made: SerialWorker[] = [];
  static hold = new Set<string>();
  host = new LabHost();
  inbox: WorkerRequest[] = [];
  seen: string[] = [];
  busy = false;
  terminated = false;
  onmessage: ((ev: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  constructor() {
    SerialWorker.made.push(this);
  }
  postMessage(msg: WorkerRequest): void {
    this.inbox.push(msg);
    this.pump();
  }
  private pump(): void {
    while (!this.busy && this.inbox.length && !this.terminated) {
      const msg = this.inbox.shift()!;
      this.seen.push(msg.type);
      if (SerialWorker.hold.has(msg.type)) {
        this.busy = true;
        this.held = msg;
        return;
      }
      this.answer(msg);
    }
  }
  private held: WorkerRequest | null = null;
  private answer(msg: WorkerRequest): void {
    const res = this.host.handle(msg);
    queueMicrotask(() => this.onmessage?.({ data: res } as MessageEvent<WorkerResponse>));
  }
  release(): void {
    const m = this.held;
    this.held = null;
    this.busy = false;
    if (m) this.answer(m);
    this.pump();
  }
  terminate(): void {
    this.terminated = true;
  }
}

afterEach(() => {
  SerialWorker.made = [];
  SerialWorker.hold.clear();
  vi.useRealTimers();
});

/** the queue drained, under fake timers */
async function settled(lab: Lab): Promise<void> {
  const idle = lab.idle();
  await vi.advanceTimersByTimeAsync(1000);
  await idle;
}

function makeLab(budgets: Partial<Record<'matrix' | 'exec' | 'reset', number>> = {}) {
  const store = createLabStore();
  const lab = new Lab(store, (events) => new LabClient(() => new SerialWorker(), { timeoutMs: 10_000, budgets, ...events }));
  return { lab, store, worker: () => SerialWorker.made[SerialWorker.made.length - 1]! };
}

describe('the lab queue', () => {
  it('sends a line typed while the matrix is computed only after it: one request at a time', async () => {
    const { lab, worker } = makeLab();
    await lab.start();
    SerialWorker.hold.add('matrix');
    const matrix = lab.matrix();
    const typed = lab.terminal('ip netns add a', 'root');
    await new Promise((r) => setTimeout(r, 5));
    // the line waits in the lab's queue, not in the worker behind the matrix
    expect(worker().seen).toEqual(['reset', 'matrix']);
    SerialWorker.hold.clear();
    worker().release();
    expect((await matrix)?.namespaces).toEqual(['root']);
    expect((await typed).ok).toBe(true);
    expect(worker().seen).toEqual(['reset', 'matrix', 'exec']);
  });

  it('skips a matrix gone stale before its turn', async () => {
    const { lab, worker } = makeLab();
    await lab.start();
    expect(await lab.matrix(() => true)).toBeNull();
    expect(worker().seen).toEqual(['reset']);
  });

  it('runs a line typed during a matrix that its watchdog stops, on the rebuilt lab', async () => {
    vi.useFakeTimers();
    const { lab, store } = makeLab({ matrix: 100 });
    await lab.edit('Add', ['ip netns add a']);
    SerialWorker.hold.add('matrix');
    const matrix = lab.matrix();
    const typed = lab.terminal('ip netns add b', 'root');
    const stopped = expect(matrix).rejects.toThrow(/matrix request ran past its budget of 100 ms/);
    await vi.advanceTimersByTimeAsync(101);
    await stopped;
    const r = await typed;
    expect(r.ok).toBe(true);
    await settled(lab);
    expect(store.getState().snapshot.namespaces.map((n) => n.name)).toEqual(['root', 'a', 'b']);
    expect(store.getState().notices.map((n) => n.text)).toEqual([expect.stringMatching(/restarted because the matrix request ran past/)]);
  });

  it('keeps the lab, says so, and reports the line as not run when the rebuild is too slow', async () => {
    vi.useFakeTimers();
    const { lab, store } = makeLab({ matrix: 100, reset: 50 });
    await lab.edit('Add', ['ip netns add a']);
    SerialWorker.hold.add('matrix');
    SerialWorker.hold.add('reset');
    const matrix = lab.matrix().catch(() => null);
    const typed = lab.terminal('ip netns add b', 'root');
    await vi.advanceTimersByTimeAsync(101);
    await matrix;
    await vi.advanceTimersByTimeAsync(51);
    const r = await typed;
    expect(r).toMatchObject({ ok: false, notRun: true });
    expect(store.getState().notices.map((n) => n.text)).toEqual([
      expect.stringMatching(/rebuilding your topology failed: the reset request ran past its budget of 50 ms.*Your lab is kept/),
    ]);
    // an edit from the canvas meanwhile is named as not run, never dropped in silence
    SerialWorker.hold.delete('matrix');
    const edit = lab.edit('Add namespace', ['ip netns add c']);
    await vi.advanceTimersByTimeAsync(51);
    expect(await edit).toMatchObject({ ok: false, notRun: true });
    expect(
      store
        .getState()
        .notices.map((n) => n.text)
        .at(-1),
    ).toMatch(/^Add namespace did not run: The simulation could not be rebuilt/);
    // the drawing still shows the lab; the next command rebuilds and runs
    expect(store.getState().snapshot.namespaces.map((n) => n.name)).toEqual(['root', 'a']);
    SerialWorker.hold.clear();
    const again = lab.terminal('ip netns add b', 'root');
    await vi.advanceTimersByTimeAsync(10);
    expect((await again).ok).toBe(true);
    await settled(lab);
    expect(store.getState().snapshot.namespaces.map((n) => n.name)).toEqual(['root', 'a', 'b']);
  });
});
