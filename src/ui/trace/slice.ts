// The trace slice of the store: the probes recorded so far and the player's position.
// Reducers are plain functions of the state, tested without a browser.

import type { TraceEvent } from '../../core/trace.ts';
import type { LineOutcome } from '../../protocol/messages.ts';
import { summarize, type ProbeTrace } from './model.ts';

export interface TraceSlice {
  /** the most recent probes, newest last */
  readonly traces: readonly ProbeTrace[];
  /** the trace the player shows */
  readonly traceId: number | null;
  /** the event the player stands on */
  readonly traceStep: number;
  readonly tracePlaying: boolean;
  /** steps per second */
  readonly traceSpeed: number;
}

export const MAX_TRACES = 20;

export const initialTraceSlice: TraceSlice = { traces: [], traceId: null, traceStep: 0, tracePlaying: false, traceSpeed: 2 };

let nextTraceId = 1;

/** a probe ran: keep its trace and show it from the first event */
export function recordTrace(
  s: TraceSlice,
  line: string,
  ns: string,
  events: readonly TraceEvent[],
  outcome: LineOutcome | undefined,
  source: ProbeTrace['source'],
  pcapng?: Uint8Array,
): Partial<TraceSlice> {
  if (!outcome || outcome.kind !== 'probe') return {};
  const { ok, summary } = summarize(events, outcome.record, outcome.stderr);
  const t: ProbeTrace = { id: nextTraceId++, line, ns, events, ok, summary, source, ...(pcapng ? { pcapng } : {}) };
  return { traces: [...s.traces, t].slice(-MAX_TRACES), traceId: t.id, traceStep: 0, tracePlaying: events.length > 0 };
}

/** a trace computed elsewhere (a matrix cell) */
export function showTrace(s: TraceSlice, t: Omit<ProbeTrace, 'id'>): Partial<TraceSlice> {
  const full: ProbeTrace = { ...t, id: nextTraceId++ };
  return { traces: [...s.traces, full].slice(-MAX_TRACES), traceId: full.id, traceStep: 0, tracePlaying: t.events.length > 0 };
}

export function currentTrace(s: TraceSlice): ProbeTrace | null {
  if (s.traceId === null) return null;
  return s.traces.find((t) => t.id === s.traceId) ?? null;
}

export function stepTo(s: TraceSlice, step: number): Partial<TraceSlice> {
  const t = currentTrace(s);
  if (!t || t.events.length === 0) return {};
  const n = Math.max(0, Math.min(t.events.length - 1, step));
  return { traceStep: n, tracePlaying: s.tracePlaying && n < t.events.length - 1 };
}

/** one step back or forward, as the arrow keys and the player's buttons do: the player stops */
export function stepBy(s: TraceSlice, delta: number): Partial<TraceSlice> {
  return { ...stepTo(s, s.traceStep + delta), tracePlaying: false };
}

/**
 * another lab was opened: its traces name namespaces and devices of a world that is gone (or,
 * worse, of one that reuses their names), so the player forgets them
 */
export function forgetTraces(): Partial<TraceSlice> {
  return { traces: [], traceId: null, traceStep: 0, tracePlaying: false };
}
