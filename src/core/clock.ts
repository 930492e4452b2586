// Virtual time. The core never reads a wall clock: the host (CLI, worker, tests) owns a Clock
// and advances it, so every run and every trace is reproducible.

export class Clock {
  private nowMs: number;
  constructor(startMs = 0) {
    this.nowMs = startMs;
  }
  now(): number {
    return this.nowMs;
  }
  advance(ms: number): void {
    if (ms > 0) this.nowMs += ms;
  }
}
