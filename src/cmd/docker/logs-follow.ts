// docker logs -f: the CLI prints the log the daemon has, then each line the container's
// process writes as it writes it, stdout and stderr each to its own stream, until the
// container stops (the daemon closes the stream: the CLI exits 0) or Ctrl+C.

import type { LiveJob } from '../live-job.ts';
import type { ExecResult } from '../result.ts';
import type { Container } from './engine.ts';
import { isRunning } from './expand.ts';
import type { LogLine } from './logs.ts';

export class LogFollow implements LiveJob {
  origin = 'root';
  serial = 0;
  background = false;
  /** the log lines already printed */
  private seen: number;
  private ended = false;
  private reported = false;

  constructor(
    readonly cmd: string,
    private readonly ct: Container,
    /** the whole log up to the clock's now, as this docker logs prints it (-t, --details) */
    private readonly read: () => readonly LogLine[],
  ) {
    this.seen = read().length;
  }

  get running(): boolean {
    return !this.ended && isRunning(this.ct);
  }

  get over(): boolean {
    return this.reported;
  }

  collect(): ExecResult {
    // what the process wrote before it ended is printed before the stream closes
    const done = !this.running;
    const logs = this.read();
    let stdout = '';
    let stderr = '';
    for (const l of logs.slice(this.seen)) {
      if (l.stream === 'stdout') stdout += l.text;
      else stderr += l.text;
    }
    this.seen = logs.length;
    if (done) {
      this.ended = true;
      this.reported = true;
    }
    return { stdout, stderr, status: 0 };
  }

  /**
   * SIGINT: the CLI cancels its context and exits 130 without printing anything (docker/cli
   * cmd/docker/docker.go); it was not killed by the signal, so bash adds no newline after ^C
   */
  interrupt(): ExecResult {
    this.ended = true;
    return this.collect();
  }
}
