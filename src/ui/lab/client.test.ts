import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkerRequest, WorkerResponse } from '../../protocol/messages.ts';
import { LabHost } from '../../worker/dispatch.ts';
import { LabClient, NotRun, WorkerRestarted, type WorkerLike } from './client.ts';

/** an in-process worker; `hang` makes it stop answering */
class FakeWorker implements WorkerLike {
  static made: FakeWorker[] = [];
  host = new LabHost();
  hang = false;
  /** kinds of request this worker never answers (a rebuild too slow for its budget) */
  static hangOn = new Set<string>();
  terminated = false;
  onmessage: ((ev: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(msg: WorkerRequest): void {
    // a worker busy with one request answers nothing after it either
    if (FakeWorker.hangOn.has(msg.type)) this.hang = true;
    if (this.hang) return;
    const res = this.host.handle(msg);
    queueMicrotask(() => this.onmessage?.({ data: res } as MessageEvent<WorkerResponse>));
  }
  terminate(): void {
    this.terminated = true;
  }
}

afterEach(() => {
  FakeWorker.made = [];
  FakeWorker.hangOn.clear();
  vi.useRealTimers();
});

describe('the worker client', () => {
  it('matches responses to requests', async () => {
    const c = new LabClient(() => new FakeWorker());
    const r = await c.request({ type: 'exec', lines: [{ line: 'ip netns add a', ns: null }], atomic: true, trace: false });
    expect(r.view.log).toEqual(['ip netns add a']);
    expect((await c.request({ type: 'ping' })).type).toBe('pong');
  });

  it('restarts a worker that stops answering from the last good log, and says so', async () => {
    vi.useFakeTimers();
    const reasons: string[] = [];
    const c = new LabClient(() => new FakeWorker(), { timeoutMs: 1000, onRestart: (r) => reasons.push(r) });
    const r = await c.request({ type: 'exec', lines: [{ line: 'ip netns add a', ns: null }], atomic: true, trace: false });
    c.rememberLog(r.view.log);
    FakeWorker.made[0]!.hang = true;
    const pending = c.request({ type: 'ping' });
    const rejected = expect(pending).rejects.toBeInstanceOf(WorkerRestarted);
    await vi.advanceTimersByTimeAsync(1001);
    await rejected;
    expect(FakeWorker.made).toHaveLength(2);
    expect(FakeWorker.made[0]!.terminated).toBe(true);
    expect(reasons).toEqual(['the simulation stopped answering']);
    const after = await c.request({ type: 'exec', lines: [], atomic: true, trace: false });
    expect(after.view.snapshot.namespaces.map((n) => n.name)).toEqual(['root', 'a']);
  });

  it('stops a request that runs past its budget, reports it, and serves the next one', async () => {
    vi.useFakeTimers();
    const reasons: string[] = [];
    const c = new LabClient(() => new FakeWorker(), { timeoutMs: 10_000, budgets: { matrix: 50 }, onRestart: (r) => reasons.push(r) });
    FakeWorker.made[0]!.hang = true;
    const slow = c.request({ type: 'matrix' });
    const rejected = expect(slow).rejects.toThrow(/matrix request ran past its budget of 50 ms/);
    await vi.advanceTimersByTimeAsync(51);
    await rejected;
    expect(FakeWorker.made[0]!.terminated).toBe(true);
    expect(reasons).toEqual(['the matrix request ran past its budget of 50 ms and was stopped']);
    // other kinds keep the default budget; a per-call budget overrides both
    expect((await c.request({ type: 'ping' })).type).toBe('pong');
    c.setBudget('matrix', null);
    FakeWorker.made[1]!.hang = true;
    const once = c.request({ type: 'ping' }, 5);
    const r2 = expect(once).rejects.toThrow(/ping request ran past its budget of 5 ms/);
    await vi.advanceTimersByTimeAsync(6);
    await r2;
    c.dispose();
  });

  it('restarts after a crash', async () => {
    const reasons: string[] = [];
    const c = new LabClient(() => new FakeWorker(), { onRestart: (r) => reasons.push(r) });
    FakeWorker.made[0]!.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
    await new Promise((r) => setTimeout(r, 10));
    expect(reasons[0]).toMatch(/crashed \(boom\)/);
    expect(FakeWorker.made).toHaveLength(2);
    c.dispose();
  });

  it('says so when the rebuild after a restart fails, never rejects unheard, and rebuilds on the next request', async () => {
    vi.useFakeTimers();
    const told: string[] = [];
    const c = new LabClient(() => new FakeWorker(), {
      timeoutMs: 10_000,
      budgets: { exec: 50, reset: 20 },
      onRestart: (r) => told.push(`restarted: ${r}`),
      onRestartFailed: (r, why) => told.push(`failed: ${r}: ${why}`),
    });
    const r = await c.request({ type: 'exec', lines: [{ line: 'ip netns add a', ns: null }], atomic: true, trace: false });
    c.rememberLog(r.view.log);
    FakeWorker.made[0]!.hang = true;
    FakeWorker.hangOn.add('reset');
    const slow = c.request({ type: 'exec', lines: [{ line: 'ip netns add b', ns: null }], atomic: true, trace: false });
    const stopped = expect(slow).rejects.toThrow(/exec request ran past its budget of 50 ms/);
    await vi.advanceTimersByTimeAsync(51);
    await stopped;
    // a line sent while the rebuild runs waits behind it, and is told it did not run
    const queued = c.request({ type: 'exec', lines: [{ line: 'ip netns add c', ns: null }], atomic: true, trace: false });
    const notRun = expect(queued).rejects.toBeInstanceOf(NotRun);
    await vi.advanceTimersByTimeAsync(21);
    await notRun;
    expect(told).toEqual([
      'failed: the exec request ran past its budget of 50 ms and was stopped: The reset request ran past its budget of 20 ms and was stopped',
    ]);
    expect(c.needsRebuild).toBe(true);
    // the next request rebuilds first, then runs on the rebuilt world
    FakeWorker.hangOn.clear();
    const next = await c.request({ type: 'exec', lines: [], atomic: true, trace: false });
    expect(next.view.snapshot.namespaces.map((n) => n.name)).toEqual(['root', 'a']);
    expect(c.needsRebuild).toBe(false);
    expect(told[1]).toMatch(/^restarted: the last rebuild failed/);
    c.dispose();
  });
});
