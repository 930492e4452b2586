// The page <-> worker protocol: types only. Every message is plain data (it crosses
// structured clone), a discriminated union keyed by `type`; requests carry an id that the
// matching response echoes.

import type { WorldSnapshot } from '../core/snapshot.ts';
import type { MatrixCell } from '../core/matrix.ts';
import type { PingOutcome } from '../core/probe.ts';
import type { TraceEvent } from '../core/trace.ts';
import type { Amend, HeaderField } from '../core/capture/dissect.ts';

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
  /**
   * the line started a live job that runs on (tcpdump, docker logs -f, nc -l): its job. Without `&` the terminal
   * waits on it (its lines come in `jobs`) until its count or Ctrl+C (a `job` request)
   */
  readonly job?: number;
  /** the line opened a shell in a container: the terminal talks to it until `exit` */
  readonly enter?: { readonly prompt: string; readonly prefix: string; readonly onExit: string | null };
  /** when each piece of the output was printed on the virtual clock: a terminal shows it as it comes */
  readonly timeline?: OutputTimeline;
}

/**
 * a command's output over time (src/cmd/timeline.ts builds it): pieces with the ms after the
 * start they are printed at, when it exits, and what SIGINT makes it print from each moment on
 */
export interface OutputTimeline {
  readonly parts: readonly { readonly at: number; readonly stdout: string; readonly stderr: string }[];
  readonly end: number;
  readonly onInterrupt: readonly { readonly at: number; readonly text: string }[];
}

/** what a running capture printed since it last reported, for the terminal that started it */
export interface JobOutput {
  /** the namespace of the terminal that started it ("root": the host's) */
  readonly terminal: string;
  readonly job: number;
  readonly stdout: string;
  readonly stderr: string;
  /** false: it has ended (its count reached, or interrupted) and this is its last report */
  readonly running: boolean;
}

export type WorkerRequest =
  /** run lines in order; atomic: on the first refused line undo the lines before it */
  | {
      readonly type: 'exec';
      readonly id: RequestId;
      readonly lines: readonly LineInput[];
      readonly atomic: boolean;
      readonly trace: boolean;
    }
  /** a terminal's capture: what it printed meanwhile; with `interrupt`, SIGINT first (Ctrl+C) */
  | { readonly type: 'job'; readonly id: RequestId; readonly job: number; readonly interrupt: boolean }
  /** start again from an empty world and replay an accepted log (undo, restart, import) */
  | { readonly type: 'reset'; readonly id: RequestId; readonly log: readonly string[] }
  /** run a script on a scratch world, leaving the real one alone: validates imports */
  | { readonly type: 'trial'; readonly id: RequestId; readonly lines: readonly string[] }
  | { readonly type: 'ping'; readonly id: RequestId }
  /** every namespace pings every other one's first address; the world's conntrack is left as it was */
  | { readonly type: 'matrix'; readonly id: RequestId }
  /** one matrix cell again, with its trace (same rules as the matrix: an analysis, not an action) */
  | { readonly type: 'cellTrace'; readonly id: RequestId; readonly from: string; readonly dst: string }
  /** run lines on a copy of the world (rebuilt from its log): lesson checks; the lab is untouched */
  | { readonly type: 'probe'; readonly id: RequestId; readonly lines: readonly LineInput[] }
  /** what the Docker daemons of the world remember (networks, containers) */
  | { readonly type: 'docker'; readonly id: RequestId }
  /** the same curl under several network modes, each on its own scratch world */
  | { readonly type: 'compare'; readonly id: RequestId; readonly labs: readonly CompareLab[] }
  /** the topology as docker-compose.yml or a containerlab .clab.yml */
  | { readonly type: 'export'; readonly id: RequestId; readonly format: 'compose' | 'clab' }
  /** open a packet socket on a device of a namespace ("root" for the host), as Wireshark does */
  | { readonly type: 'captureStart'; readonly id: RequestId; readonly ns: string; readonly dev: string }
  /** the packets of each capture from the given number on (packets already held are not sent again) */
  | { readonly type: 'captureRead'; readonly id: RequestId; readonly from: readonly { capture: number; from: number }[] }
  /** a display filter in the pcap-filter language: which packets pass (a bad one changes nothing) */
  | { readonly type: 'captureFilter'; readonly id: RequestId; readonly capture: number; readonly expr: string }
  | { readonly type: 'captureControl'; readonly id: RequestId; readonly capture: number; readonly action: 'stop' | 'clear' | 'close' }
  /** the packets of these captures as one pcapng file */
  | { readonly type: 'captureSave'; readonly id: RequestId; readonly captures: readonly number[] };

export interface WorldView {
  readonly snapshot: WorldSnapshot;
  /** toScript(snapshot) */
  readonly script: string;
  /** the accepted log the world was built from, in order */
  readonly log: readonly string[];
}

export type WorkerResponse =
  | {
      readonly type: 'exec';
      readonly id: RequestId;
      readonly outcomes: readonly LineOutcome[];
      readonly rolledBack: boolean;
      readonly view: WorldView;
      readonly trace: readonly TraceEvent[];
      /** what the captures of other terminals (and foreground ones) printed while these lines ran */
      readonly jobs: readonly JobOutput[];
      /** a traced probe's packets on every device they crossed, as a pcapng file */
      readonly pcapng?: Uint8Array;
    }
  /** null: no such job (it ended and reported already, or the world was rebuilt without it) */
  | { readonly type: 'job'; readonly id: RequestId; readonly output: JobOutput | null }
  | { readonly type: 'reset'; readonly id: RequestId; readonly view: WorldView; readonly refused: readonly TrialRefusal[] }
  | { readonly type: 'trial'; readonly id: RequestId; readonly refused: readonly TrialRefusal[]; readonly script: string }
  | { readonly type: 'pong'; readonly id: RequestId }
  | {
      readonly type: 'matrix';
      readonly id: RequestId;
      readonly cells: readonly MatrixCell[];
      readonly namespaces: readonly string[];
      readonly ms: number;
    }
  | {
      readonly type: 'cellTrace';
      readonly id: RequestId;
      readonly outcome: PingOutcome | null;
      readonly trace: readonly TraceEvent[];
      readonly pcapng?: Uint8Array;
    }
  | { readonly type: 'probe'; readonly id: RequestId; readonly outcomes: readonly ProbeOutcome[] }
  | { readonly type: 'docker'; readonly id: RequestId; readonly daemons: readonly DockerDaemonView[] }
  | { readonly type: 'compare'; readonly id: RequestId; readonly rows: readonly CompareRow[] }
  | { readonly type: 'export'; readonly id: RequestId; readonly text: string }
  | { readonly type: 'captureStart'; readonly id: RequestId; readonly capture: CaptureView | null; readonly error: string | null }
  | { readonly type: 'captureRead'; readonly id: RequestId; readonly batches: readonly CaptureBatch[] }
  | { readonly type: 'captureFilter'; readonly id: RequestId; readonly error: string | null; readonly passing: readonly number[] }
  | { readonly type: 'captureControl'; readonly id: RequestId; readonly capture: CaptureView | null }
  | { readonly type: 'captureSave'; readonly id: RequestId; readonly bytes: Uint8Array; readonly packets: number }
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
  readonly job: Extract<WorkerResponse, { type: 'job' }>;
  readonly reset: Extract<WorkerResponse, { type: 'reset' }>;
  readonly trial: Extract<WorkerResponse, { type: 'trial' }>;
  readonly ping: Extract<WorkerResponse, { type: 'pong' }>;
  readonly matrix: Extract<WorkerResponse, { type: 'matrix' }>;
  readonly cellTrace: Extract<WorkerResponse, { type: 'cellTrace' }>;
  readonly probe: Extract<WorkerResponse, { type: 'probe' }>;
  readonly docker: Extract<WorkerResponse, { type: 'docker' }>;
  readonly compare: Extract<WorkerResponse, { type: 'compare' }>;
  readonly export: Extract<WorkerResponse, { type: 'export' }>;
  readonly captureStart: Extract<WorkerResponse, { type: 'captureStart' }>;
  readonly captureRead: Extract<WorkerResponse, { type: 'captureRead' }>;
  readonly captureFilter: Extract<WorkerResponse, { type: 'captureFilter' }>;
  readonly captureControl: Extract<WorkerResponse, { type: 'captureControl' }>;
  readonly captureSave: Extract<WorkerResponse, { type: 'captureSave' }>;
}

/** an open capture of the capture view */
export interface CaptureView {
  readonly id: number;
  /** the namespace's name, "root" for the host */
  readonly ns: string;
  readonly dev: string;
  readonly running: boolean;
  /** the display filter in force ("" for none) */
  readonly filter: string;
}

/** one captured frame as the packet list shows it */
export interface CapturePacket {
  /** Wireshark's No.: 1 for the capture's first frame, never renumbered by a filter */
  readonly no: number;
  /** virtual time, microseconds */
  readonly tsUs: number;
  /** the order the lab's captures took their frames in, across captures: a file of several keeps it */
  readonly seq: number;
  readonly dir: 'in' | 'out';
  readonly src: string;
  readonly dst: string;
  readonly protocol: string;
  readonly info: string;
  readonly tree: readonly HeaderField[];
  readonly bytes: Uint8Array;
  /** the display filter in force lets it through */
  readonly pass: boolean;
}

export interface CaptureBatch {
  readonly capture: number;
  /** false once it was stopped, or its device went away */
  readonly running: boolean;
  readonly packets: readonly CapturePacket[];
  /** text added to the Info of rows already sent ("(reply in 4)") */
  readonly amends: readonly Amend[];
}

/** a probe run on a copy of the world, with what its trace showed */
export interface ProbeOutcome extends LineOutcome {
  /** "ns:dev" the request left through, in order */
  readonly path: readonly string[];
  /** address rewrites on the request's way ("DNAT a > b ⇒ a > c (root, PREROUTING)") */
  readonly nat: readonly string[];
  /** where and why the packet was dropped, if it was */
  readonly drop: string | null;
}

export interface DockerDaemonView {
  /** the namespace that plays the Docker host ("root" for the lab's host) */
  readonly host: string;
  /** "swarm manager, advertises 192.168.60.11", or null outside a swarm */
  readonly swarm: string | null;
  readonly networks: readonly {
    name: string;
    id: string;
    driver: string;
    subnet: string | null;
    gateway: string | null;
    bridge: string | null;
    parent: string | null;
    mode: string | null;
  }[];
  readonly containers: readonly {
    name: string;
    id: string;
    image: string;
    netns: string;
    mode: string;
    endpoints: readonly { network: string; ip: string; ifname: string; hostVeth: string | null }[];
    ports: readonly string[];
    serves: number | null;
  }[];
}

/** one lab of the comparison: setup lines on a fresh world, then one curl from the root namespace */
export interface CompareLab {
  readonly id: string;
  readonly title: string;
  readonly setup: readonly string[];
  readonly curl: string;
  /** whether the mode lets this curl through (no network: it does not) */
  readonly answers: boolean;
}

export interface CompareRow extends CompareLab {
  /** setup lines the kernel refused (a bug in the lab definition) */
  readonly refused: readonly string[];
  readonly ok: boolean;
  readonly result: string;
  /** the client address the server saw */
  readonly client: string | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly path: readonly string[];
  readonly nat: readonly string[];
  readonly drop: string | null;
}

/** a request without its id: the client adds one */
export type RequestBody = WorkerRequest extends infer R ? (R extends { id: RequestId } ? Omit<R, 'id'> : never) : never;
