import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../core/trace.ts';
import { currentTrace, forgetTraces, initialTraceSlice, showTrace, stepBy, type TraceSlice } from './slice.ts';

const ev = (t: number): TraceEvent => ({ type: 'rcv', t, ns: 'ns1', dev: 'eth0' });

function playing(n: number): TraceSlice {
  const s = { ...initialTraceSlice };
  return {
    ...s,
    ...showTrace(s, {
      line: 'ping -c 1 10.0.0.2',
      ns: 'ns1',
      events: [0, 1, 2, 3].slice(0, n).map(ev),
      ok: true,
      summary: 'reply',
      source: 'terminal',
    }),
  };
}

describe('the arrow keys step through the trace', () => {
  it('forward and back, within the trace, and stop the player', () => {
    let s = playing(3);
    expect(s.tracePlaying).toBe(true);
    s = { ...s, ...stepBy(s, 1) };
    expect([s.traceStep, s.tracePlaying]).toEqual([1, false]);
    s = { ...s, ...stepBy(s, 1) };
    s = { ...s, ...stepBy(s, 1) };
    expect(s.traceStep).toBe(2);
    s = { ...s, ...stepBy(s, -1) };
    s = { ...s, ...stepBy(s, -1) };
    s = { ...s, ...stepBy(s, -1) };
    expect(s.traceStep).toBe(0);
  });
});

describe('another lab', () => {
  it('forgets the probes of the old one and keeps the speed a person chose', () => {
    const s = { ...playing(2), traceSpeed: 8 };
    const after = { ...s, ...forgetTraces() };
    expect(currentTrace(after)).toBeNull();
    expect(after.traces).toEqual([]);
    expect(after.tracePlaying).toBe(false);
    expect(after.traceSpeed).toBe(8);
  });
});
