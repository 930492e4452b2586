// A server started in the background (`python3 -m http.server … &`): what it printed on
// start, and its request log (stderr) as it grows. A terminal shows the log lines in the
// terminal that started it, after the command that made the server log them; a replay
// records everything it printed once the script is over (a `log` record).

import type { Listener } from '../core/netns.ts';

export class ServerJob {
  /** the namespace of the terminal that started it: its output appears there */
  origin = 'root';
  /** started with `2>/dev/null`: its request log goes nowhere */
  quiet = false;
  private printed = 0;

  constructor(
    /** the command line, as typed */
    readonly cmd: string,
    /** the namespace it runs in */
    readonly ns: string,
    /** what it printed to stdout when it started */
    readonly stdout: string,
    /** what it printed to stderr when it failed to start, or null while it serves */
    private readonly failure: string | null,
    /** what keeps its log: the server's listener, or the process (nc) */
    private readonly listener: Pick<Listener, 'log'> | null,
  ) {}

  /** everything it wrote to stderr so far */
  get stderr(): string {
    if (this.quiet) return '';
    if (this.failure !== null) return this.failure;
    const log = this.listener?.log ?? [];
    return log.map((l) => `${l}\n`).join('');
  }

  /** the log lines written since the last call */
  collect(): string {
    const log = this.listener?.log ?? [];
    const fresh = log.slice(this.printed);
    this.printed = log.length;
    return this.quiet ? '' : fresh.map((l) => `${l}\n`).join('');
  }
}
