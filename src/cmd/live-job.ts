// A command that runs on after its line returned and prints as it goes: a live capture
// (tcpdump), a followed log (docker logs -f). The shell keeps them (Shell.jobs); a terminal
// waits on its own in the foreground until it ends or Ctrl+C interrupts it, and `netlab run`
// prints what each printed after every line, then interrupts them when the script ends.

import type { ExecResult } from './result.ts';

export interface LiveJob {
  /** the command as typed */
  readonly cmd: string;
  /** the namespace of the terminal that started it: its output appears there */
  origin: string;
  /** the shell's number for it, unique while the shell lives (the terminal signals it by this) */
  serial: number;
  /** started with `&`: the terminal it came from stays free for other commands */
  background: boolean;
  /** it has not ended yet */
  readonly running: boolean;
  /** it has ended and said so: nothing more will come from it */
  readonly over: boolean;
  /** what it printed since the last call (and what it prints as it ends, once it has) */
  collect(): ExecResult;
  /** SIGINT: it stops; what it printed since the last call, then what it prints as it ends */
  interrupt(): ExecResult;
}
