// Lessons as typed data: what a learner reads, the lab each starts from, and the tasks, each
// checked against the simulated world (a snapshot, and probes run on a copy of the lab), never
// against the text a learner typed.

import type { WorldSnapshot } from '../core/snapshot.ts';
import type { ProbeOutcome } from '../protocol/messages.ts';

/** what a check sees: the lab as it is, and its probes' results on a copy of it */
export interface CheckInput {
  readonly snapshot: WorldSnapshot;
  /** one per line of the task's `probes`, in order */
  readonly outcomes: readonly ProbeOutcome[];
}

/** null: done; otherwise what is still missing, in a sentence */
export type Check = (r: CheckInput) => string | null;

export interface Task {
  /** what to achieve, in one sentence */
  readonly goal: string;
  /** lines run on a copy of the lab (root namespace) to check it: probes, `docker ps`… */
  readonly probes: readonly string[];
  readonly check: Check;
  readonly hint: string;
}

/**
 * A statement the step's text makes about the lab, and the line that shows it: the lesson
 * claims test runs the line after the step's commands and fails when the lab says otherwise.
 */
export interface Claim {
  /** the words of the step (its title or body) that make the statement */
  readonly says: string;
  /** a line run in the root namespace on a copy of the lab after the step's commands */
  readonly line: string;
  /**
   * what the lab does then: `reply` (ping answered, curl served), `no-reply` (the probe
   * fails), `refused` (a command exits non-zero); `stderr` / `stdout`: the text printed holds this;
   * `client`: the HTTP server saw the request come from this address (its request log's first field)
   */
  readonly expect:
    | 'reply'
    | 'no-reply'
    | 'refused'
    | { readonly stderr: string }
    | { readonly stdout: string }
    | { readonly client: string };
  /** the statement is about the lab as the step finds it, before its commands */
  readonly before?: true;
}

export interface Step {
  readonly title: string;
  /** short paragraphs; `code` spans are written in backquotes */
  readonly body: readonly string[];
  /** the commands of this step, as the learner would type them (root namespace) */
  readonly commands?: readonly string[];
  /**
   * the kernel refuses this step's commands, and the refusal is the point: they leave the lab
   * as it was, so the steps after it start without them
   */
  readonly refused?: true;
  readonly task?: Task;
  /** what the text says about the lab at the end of this step, each with the line that shows it */
  readonly claims?: readonly Claim[];
}

export interface Credit {
  /** the article's own (Chinese) title */
  readonly title: string;
  /** the title in English */
  readonly en: string;
  /** where it sits in the seeds */
  readonly source: string;
}

export interface Lesson {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly credits: readonly Credit[];
  /** the lab the lesson starts from */
  readonly setup: readonly string[];
  readonly steps: readonly Step[];
  /** a caveat shown on every step (what the kernel here could not record, …) */
  readonly note?: string;
}
