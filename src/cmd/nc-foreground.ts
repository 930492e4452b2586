// nc -l in the foreground of a terminal: it waits for a connection and prints what its process
// writes (-v: `Connection received on …`) until it exits (its connection over, without -k) or
// Ctrl+C. The terminal waits on it as on any live job.

import type { Task } from '../core/ip/tcp-sock.ts';
import type { World } from '../core/world.ts';
import type { LiveJob } from './live-job.ts';
import { killTask } from './nc.ts';
import type { ExecResult } from './result.ts';

export class NcForeground implements LiveJob {
  origin = 'root';
  serial = 0;
  background = false;
  /** the lines of its stderr already printed */
  private printed = 0;
  private reported = false;

  constructor(
    readonly cmd: string,
    private readonly w: World,
    private readonly task: Task,
  ) {}

  get running(): boolean {
    return this.task.alive;
  }

  get over(): boolean {
    return this.reported;
  }

  collect(): ExecResult {
    const done = !this.task.alive;
    const fresh = this.task.log.slice(this.printed);
    this.printed = this.task.log.length;
    if (done) this.reported = true;
    return { stdout: '', stderr: fresh.map((l) => `${l}\n`).join(''), status: 0 };
  }

  /** SIGINT: netcat dies of it (no word; bash's newline follows the ^C); its sockets close */
  interrupt(): ExecResult {
    killTask(this.w, this.task);
    const r = this.collect();
    return { ...r, stderr: `${r.stderr}\n` };
  }
}
