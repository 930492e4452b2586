// What running one command gives back, and the error a refused command raises.

import type { LiveJob } from './live-job.ts';
import type { Timeline } from './timeline.ts';

export interface ExecResult {
  readonly stdout: string;
  readonly stderr: string;
  /** exit status: 0 accepted */
  readonly status: number;
  /** refused in part: the tool went on after a failure and what it did before stays done */
  readonly partial?: boolean;
  /** an interactive shell now reads the terminal (docker exec -it C sh): the terminal enters it */
  readonly enter?: NestedShell;
  /** when each piece of the output is printed, for a terminal that shows it as it comes (timeline.ts) */
  readonly timeline?: Timeline;
  /** it runs on after the line returns and prints as it goes (docker logs -f): the shell keeps it as a job */
  readonly live?: LiveJob;
  /** the two streams write by write in the order written (docker logs): a terminal shows them so */
  readonly writes?: readonly { readonly stream: 'stdout' | 'stderr'; readonly text: string }[];
}

/**
 * What a terminal shows of R, both streams going to it: the writes in their order while they
 * still are R's streams (a result whose streams were filtered or redirected since is shown
 * stdout first), else stdout then stderr.
 */
export function terminalText(r: ExecResult): string {
  const w = r.writes;
  if (w) {
    const of = (s: 'stdout' | 'stderr') =>
      w
        .filter((x) => x.stream === s)
        .map((x) => x.text)
        .join('');
    if (of('stdout') === r.stdout && of('stderr') === r.stderr) return w.map((x) => x.text).join('');
  }
  return r.stdout + r.stderr;
}

/**
 * A shell inside a container that the terminal talks to until `exit`: its prompt, what each
 * line typed in it runs as (`docker exec C` LINE), and the line its end runs with the shell's
 * exit status appended (`docker container shell-exit C` when the shell is the container's
 * process, `docker run -it`), or null (`docker exec -it`: the container runs on).
 */
export interface NestedShell {
  readonly prompt: string;
  readonly prefix: string;
  readonly onExit: string | null;
}

/** a command the kernel (or the tool) refuses: the message is printed, nothing changes */
export class CmdError extends Error {
  readonly status: number;
  constructor(message: string, status = 2) {
    super(message);
    this.status = status;
  }
}

export function ok(stdout = '', stderr = ''): ExecResult {
  return { stdout, stderr, status: 0 };
}
