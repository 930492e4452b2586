// The page <-> worker protocol: types only. Every message is plain data (it crosses
// structured clone), a discriminated union keyed by `type`; requests carry an id that the
// matching response echoes.

import type { WorldSnapshot } from '../core/snapshot.ts';
import type { MatrixCell } from '../core/matrix.ts';
import type { PingOutcome } from '../core/probe.ts';
import type { TraceEvent } from '../core/trace.ts';

export type RequestId = number & { readonly __brand: 'RequestId' };

/** one dialect line and the namespace a terminal is attached to (null: the root namespace) */
export interface LineInput {
  readonly line: string;
  readonly ns: string | null;
}

export interface LineOutcome {
  readonly line: string;
  readonly ns: string;
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
  readonly kind: 'empty' | 'setup' | 'probe' | 'server';
  /** the line changed the topology and belongs in the command log */
  readonly accepted: boolean;
  readonly record?: Readonly<Record<string, unknown>>;
}

export type WorkerRequest =
  /** run lines in order; atomic: on the first refused line undo the lines before it */
  | { readonly type: 'exec'; readonly id: RequestId; readonly lines: readonly LineInput[]; readonly atomic: boolean; readonly trace: boolean }
  /** start again from an empty world and replay an accepted log (undo, restart, import) */
  | { readonly type: 'reset'; readonly id: RequestId; readonly log: readonly string[] }
  /** run a script on a scratch world, leaving the real one alone: validates imports */
  | { readonly type: 'trial'; readonly id: RequestId; readonly lines: readonly string[] }
  | { readonly type: 'ping'; readonly id: RequestId }
  /** every namespace pings every other one's first address; the world's conntrack is left as it was */
  | { readonly type: 'matrix'; readonly id: RequestId }
  /** one matrix cell again, with its trace (same rules as the matrix: an analysis, not an action) */
  | { readonly type: 'cellTrace'; readonly id: RequestId; readonly from: string; readonly dst: string };

export interface WorldView {
  readonly snapshot: WorldSnapshot;
  /** toScript(snapshot) */
  readonly script: string;
  /** the accepted log the world was built from, in order */
  readonly log: readonly string[];
}

export type WorkerResponse =
  | { readonly type: 'exec'; readonly id: RequestId; readonly outcomes: readonly LineOutcome[]; readonly rolledBack: boolean; readonly view: WorldView; readonly trace: readonly TraceEvent[] }
  | { readonly type: 'reset'; readonly id: RequestId; readonly view: WorldView; readonly refused: readonly TrialRefusal[] }
  | { readonly type: 'trial'; readonly id: RequestId; readonly refused: readonly TrialRefusal[]; readonly script: string }
  | { readonly type: 'pong'; readonly id: RequestId }
  | { readonly type: 'matrix'; readonly id: RequestId; readonly cells: readonly MatrixCell[]; readonly namespaces: readonly string[]; readonly ms: number }
  | { readonly type: 'cellTrace'; readonly id: RequestId; readonly outcome: PingOutcome | null; readonly trace: readonly TraceEvent[] }
  /** the request could not be served (a bug, not a refused command) */
  | { readonly type: 'failed'; readonly id: RequestId; readonly message: string };

export interface TrialRefusal {
  /** 0-based index into the lines sent */
  readonly index: number;
  readonly line: string;
  readonly message: string;
}

/** which response answers which request */
export interface ResponseFor {
  readonly exec: Extract<WorkerResponse, { type: 'exec' }>;
  readonly reset: Extract<WorkerResponse, { type: 'reset' }>;
  readonly trial: Extract<WorkerResponse, { type: 'trial' }>;
  readonly ping: Extract<WorkerResponse, { type: 'pong' }>;
  readonly matrix: Extract<WorkerResponse, { type: 'matrix' }>;
  readonly cellTrace: Extract<WorkerResponse, { type: 'cellTrace' }>;
}

/** a request without its id: the client adds one */
export type RequestBody = WorkerRequest extends infer R ? (R extends { id: RequestId } ? Omit<R, 'id'> : never) : never;
