// What a command prints over time. A probe runs whole on the virtual clock (the world cannot
// pause half-way through a command), and keeps, beside its output, the virtual time each piece
// of it was printed at and what SIGINT would have made it print at each moment. A terminal
// plays the pieces back at those times (real time = virtual time) and, on Ctrl+C, stops there
// and prints what the tool prints when interrupted (ping its statistics so far). A script and
// `netlab run` read only the whole output and never wait.

/** a piece of the output, printed AT ms after the command started */
export interface TimedText {
  readonly at: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** what the tool prints on SIGINT when it comes at or after AT (and before the next one's AT) */
export interface InterruptText {
  readonly at: number;
  readonly text: string;
}

export interface Timeline {
  /** the whole output in order; their texts joined are the command's stdout and stderr */
  readonly parts: readonly TimedText[];
  /** ms after the start at which the command exits */
  readonly end: number;
  /** what SIGINT makes it print, by when it comes; none before the first: it just ends */
  readonly onInterrupt: readonly InterruptText[];
}

interface Mark {
  readonly at: number;
  readonly out: number;
  readonly err: number;
}

/**
 * builds a Timeline as a command appends to its stdout and stderr: `printed` after each thing
 * it prints, `interruptible` whenever what SIGINT would print changes
 */
export class TimelineBuilder {
  private readonly t0: number;
  private readonly marks: Mark[] = [];
  private readonly stops: InterruptText[] = [];

  constructor(private readonly clock: { now(): number }) {
    this.t0 = clock.now();
  }

  private get at(): number {
    return Math.max(0, this.clock.now() - this.t0);
  }

  /** all of STDOUT and STDERR (as they stand now) has been printed by now */
  printed(stdout: string, stderr: string): void {
    this.marks.push({ at: this.at, out: stdout.length, err: stderr.length });
  }

  /** all of STDOUT and STDERR was printed AT ms after the start (a tool that computed its times itself) */
  printedAt(at: number, stdout: string, stderr: string): void {
    this.marks.push({ at: Math.max(0, at), out: stdout.length, err: stderr.length });
  }

  /** from now on SIGINT makes the tool print TEXT (after the terminal's ^C) */
  interruptible(text: string): void {
    const at = this.at;
    const last = this.stops[this.stops.length - 1];
    if (last && last.at === at) this.stops[this.stops.length - 1] = { at, text };
    else this.stops.push({ at, text });
  }

  /** the command's whole output; what came after the last mark is printed at the end, END ms on the clock */
  finish(stdout: string, stderr: string, end = this.clock.now()): Timeline {
    const endAt = Math.max(0, end - this.t0);
    const parts: TimedText[] = [];
    let out = 0;
    let err = 0;
    for (const m of [...this.marks, { at: endAt, out: stdout.length, err: stderr.length }]) {
      const o = stdout.slice(out, Math.max(out, m.out));
      const e = stderr.slice(err, Math.max(err, m.err));
      out = Math.max(out, m.out);
      err = Math.max(err, m.err);
      if (!o && !e) continue;
      const at = Math.min(m.at, endAt);
      const prev = parts[parts.length - 1];
      if (prev && prev.at === at) parts[parts.length - 1] = { at, stdout: prev.stdout + o, stderr: prev.stderr + e };
      else parts.push({ at, stdout: o, stderr: e });
    }
    return { parts, end: endAt, onInterrupt: this.stops.filter((s) => s.at < endAt) };
  }
}
