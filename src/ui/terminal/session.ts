// One namespace's shell as a line editor over a character stream: prompt, editing keys,
// history (up / down), tab completion, `ping` without -c streaming one reply a second
// until Ctrl+C, as iputils does, output that came over time (ping -c, traceroute, curl) played
// at its pace, and live jobs (tcpdump, docker logs -f, nc -l) waited on in the foreground. It knows nothing of xterm: it reads the bytes xterm's
// onData hands it and writes text back through `write`, so it is tested in Node.

import { heredocStart } from '../../cmd/heredoc.ts';
import type { OutputTimeline } from '../../protocol/messages.ts';
import { commonPrefix, type Completion } from './complete.ts';

export interface Outcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
  /** the line started a capture that runs on (tcpdump) */
  readonly job?: number;
  /** the line opened a shell in a container (docker exec -it C sh): lines go to it until `exit` */
  readonly enter?: NestedShell;
  /** when each piece of its output was printed on the virtual clock (ping -c, traceroute) */
  readonly timeline?: OutputTimeline;
}

/**
 * a container's shell the terminal talks to: its prompt, the prefix of each line, the line its
 * exit runs (with the shell's exit status appended)
 */
export interface NestedShell {
  readonly prompt: string;
  readonly prefix: string;
  readonly onExit: string | null;
}

/** what a running capture printed since it last reported; `running` false: it ended */
export interface JobNews {
  readonly job: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly running: boolean;
}

export interface SessionHost {
  /** raw output for the terminal (already safe) */
  write(s: string): void;
  /** run one dialect line in this namespace; `record` false: do not keep its trace */
  run(line: string, record: boolean): Promise<readonly Outcome[]>;
  /** run configuring lines of a paste together: one outcome per line, in order */
  runBatch?(lines: readonly string[]): Promise<readonly Outcome[]>;
  complete(before: string): Completion;
  clear(): void;
  /** the streaming ping waits one (virtual) second between echoes */
  sleep(ms: number): Promise<void>;
  /** a capture this terminal started: its news, or with `interrupt` its end; null: it is gone */
  job?(serial: number, interrupt: boolean): Promise<JobNews | null>;
}

/**
 * anything that came from a name a person typed may hold control characters: show them the
 * way `ls` does (as ?) instead of letting the terminal interpret them. Newlines become CRLF.
 */
export function sanitize(s: string): string {
  // a CR before a newline ends the line as a terminal shows it (HTTP's header lines, `curl -i`);
  // any other CR would move the cursor back over what was printed, so it is shown as ?
  // eslint-disable-next-line no-control-regex
  return s
    .replace(/\r\n/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?')
    .replace(/\n/g, '\r\n');
}

export function promptFor(ns: string): string {
  return `root@${ns === 'root' ? 'host' : ns}:~# `;
}

/** ping's options that take a value (iputils' getopt string) */
const PING_VALUED = new Set('TFNceiIlmMpQsStwW');

/** `ping DST` with neither -c nor -w (nor -h) runs until interrupted; options may be joined (`-nc3`) */
export function isStreamingPing(line: string): boolean {
  // a pipe, a list or a redirection reads what ping prints: the shell runs that line whole
  if (/[|;&<>]/.test(line)) return false;
  const w = line.trim().split(/\s+/);
  if (w[0] !== 'ping' || w.length < 2) return false;
  for (let i = 1; i < w.length; i++) {
    const a = w[i]!;
    if (a === '--') break;
    if (!a.startsWith('-') || a === '-') continue;
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (c === 'c' || c === 'w' || c === 'h') return false;
      if (PING_VALUED.has(c)) {
        if (j === a.length - 1) i++;
        break;
      }
    }
  }
  return true;
}

/** iputils' %ld.%03ld of microseconds */
function ms3(us: number): string {
  return `${Math.floor(us / 1000)}.${String(Math.round(us) % 1000).padStart(3, '0')}`;
}

/** the statistics ping prints when interrupted; `rtts` are the echoes' times in microseconds */
export function pingSummary(dst: string, sent: number, received: number, errors: number, rtts: readonly number[] = []): string {
  const loss = sent ? Math.round(100 - (received * 100) / sent) : 0;
  const time = Math.max(0, (sent - 1) * 1000 + sent);
  let out = `\n--- ${dst} ping statistics ---\n${sent} packets transmitted, ${received} received, ${errors ? `+${errors} errors, ` : ''}${loss}% packet loss, time ${time}ms\n`;
  if (received && rtts.length) {
    const avg = rtts.reduce((a, b) => a + b, 0) / rtts.length;
    const mdev = Math.sqrt(Math.max(0, rtts.reduce((a, b) => a + b * b, 0) / rtts.length - avg * avg));
    out += `rtt min/avg/max/mdev = ${ms3(Math.min(...rtts))}/${ms3(Math.round(avg))}/${ms3(Math.max(...rtts))}/${ms3(Math.round(mdev))} ms\n`;
  } else out += '\n';
  return out;
}

/**
 * the line did not run: the simulation was restarted before or while running it (or could not
 * be rebuilt). The session puts it back on the input line for the person to run again.
 */
export class LineNotRun extends Error {}

/** how many commands a stretch of typed-ahead text holds (blank lines are not commands) */
export function pendingLines(text: string): number {
  let n = 0;
  for (const l of text.split(/\r\n|\r|\n/)) if (l.trim()) n++;
  return n;
}

/** what the shell says after Ctrl+C threw away lines of a paste that had not run yet */
export function skippedNote(n: number): string {
  return `netlab: stopped; ${n.toLocaleString('en-US')} pasted ${n === 1 ? 'line was' : 'lines were'} not run\n`;
}

/** at most this many pasted lines run as one request (Ctrl+C stops a paste between requests) */
export const MAX_BATCH = 250;

/**
 * a line that only configures (ip, iptables, bridge, brctl, sysctl, not `ip netns exec`): it
 * sends no packet and prints no trace, so it may run in a batch with its neighbours
 */
export function batchable(line: string): boolean {
  if (/[;&|`$<>\\]/.test(line)) return false;
  const w = line.split(/\s+/);
  if (!['ip', 'iptables', 'iptables-save', 'bridge', 'brctl', 'sysctl'].includes(w[0]!)) return false;
  return !(w[0] === 'ip' && w.some((x, i) => x === 'exec' && i > 1 && w.slice(1, i).includes('netns')));
}

/** a line bash runs in the background (`CMD &`, not `a && b`) */
export function isBackground(line: string): boolean {
  return /(^|[^&])&\s*$/.test(line);
}

/** how often a terminal waiting on its capture asks after it (its lines also come unasked) */
const JOB_POLL_MS = 1000;

/** a command played over time checks for Ctrl+C this often */
const PLAY_STEP_MS = 100;

/** a streaming ping stops by itself after this many echoes (an hour, as if -c 3600) */
const MAX_STREAM = 3600;

export class TermSession {
  private buf = '';
  private cur = 0;
  private hist: string[] = [];
  private hpos = 0;
  /** the line being edited before walking up the history */
  private draft = '';
  private busy = false;
  private interrupted = false;
  /** the running line already printed its own ^C (a streaming ping's statistics follow it) */
  private caretShown = false;
  /** lines of a paste thrown away by Ctrl+C, told when the running line ends */
  private skipped = 0;
  private typeahead = '';
  private disposed = false;
  /** a here-document being typed (or pasted): its command line, the lines so far, and its end word */
  private here: { readonly word: string; readonly dash: boolean; readonly lines: string[] } | null = null;
  /** the capture this terminal waits on (tcpdump without &) until its count or Ctrl+C */
  private fg: { readonly job: number; readonly end: () => void; stopping: boolean } | null = null;
  readonly prompt: string;
  /** the shells opened in containers, innermost last (each line typed goes to the innermost) */
  private nested: NestedShell[] = [];
  /** the status of the last command each container shell ran (its `exit` without N) */
  private readonly nestedStatus = new Map<NestedShell, number>();

  constructor(
    private readonly host: SessionHost,
    readonly ns: string,
  ) {
    this.prompt = sanitize(promptFor(ns));
  }

  /** the terminal went away: a running ping stops, a capture it waits on is interrupted */
  dispose(): void {
    this.disposed = true;
    const fg = this.fg;
    if (fg) {
      this.fg = null;
      void this.host.job?.(fg.job, true);
      fg.end();
    }
  }

  start(): void {
    this.host.write(this.shellPrompt);
  }

  get line(): string {
    return this.buf;
  }

  get running(): boolean {
    return this.busy;
  }

  history(): readonly string[] {
    return this.hist;
  }

  /** bytes from the keyboard (or a paste) */
  input(typed: string): void {
    let data = typed;
    if (this.busy) {
      const cut = data.lastIndexOf('\x03');
      if (cut < 0) {
        this.typeahead += data;
        return;
      }
      // Ctrl+C: as the tty flushes its input on SIGINT, what was pasted or typed ahead and has
      // not run yet is thrown away (and counted); what is typed after the ^C is kept
      this.interrupted = true;
      this.skipped += pendingLines(this.typeahead + data.slice(0, cut).replaceAll('\x03', ''));
      this.typeahead = data.slice(cut + 1);
      if (this.fg) void this.stopForeground();
      return;
    }
    let i = 0;
    while (i < data.length && !this.busy) {
      const rest = data.slice(i);
      const seq = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])/.exec(rest);
      if (seq) {
        this.key(seq[0]);
        i += seq[0].length;
        continue;
      }
      // a run of printable text (most of a paste) is taken in one go, not a character at a time
      const run = /^[^\x00-\x1f\x7f]+/.exec(rest);
      if (run) {
        this.insert(run[0]);
        i += run[0].length;
        continue;
      }
      const ch = rest[0]!;
      i++;
      if (ch === '\r' || ch === '\n') {
        if (ch === '\n' && data[i - 2] === '\r') continue;
        // what follows is typed ahead of this line: a paste's next lines may run with it
        this.typeahead = data.slice(ch === '\r' && data[i] === '\n' ? i + 1 : i);
        this.enter();
        if (this.busy) return;
        data = this.typeahead;
        this.typeahead = '';
        i = 0;
      } else this.key(ch);
    }
    if (i < data.length) this.typeahead += data.slice(i);
  }

  private key(k: string): void {
    switch (k) {
      case '\t':
        this.tab();
        break;
      case '\x7f':
      case '\b':
        if (this.cur > 0) {
          this.buf = this.buf.slice(0, this.cur - 1) + this.buf.slice(this.cur);
          this.cur--;
          this.redraw();
        }
        break;
      case '\x1b[3~':
        if (this.cur < this.buf.length) {
          this.buf = this.buf.slice(0, this.cur) + this.buf.slice(this.cur + 1);
          this.redraw();
        }
        break;
      case '\x1b[A':
        this.walk(-1);
        break;
      case '\x1b[B':
        this.walk(1);
        break;
      case '\x1b[C':
        if (this.cur < this.buf.length) {
          this.cur++;
          this.host.write('\x1b[C');
        }
        break;
      case '\x1b[D':
        if (this.cur > 0) {
          this.cur--;
          this.host.write('\x1b[D');
        }
        break;
      case '\x1b[H':
      case '\x1bOH':
      case '\x01':
        this.cur = 0;
        this.redraw();
        break;
      case '\x1b[F':
      case '\x1bOF':
      case '\x05':
        this.cur = this.buf.length;
        this.redraw();
        break;
      case '\x03':
        // Ctrl+C also abandons a here-document being typed
        this.here = null;
        this.host.write('^C\r\n' + this.shellPrompt);
        this.buf = '';
        this.cur = 0;
        this.hpos = this.hist.length;
        break;
      case '\x04':
        // Ctrl+D on an empty line: a container's shell reads end of file and exits with its last
        // command's status (bash says `exit`); the host's shell stays (the terminal is the lab's)
        if (this.buf || this.here || !this.nested.length) break;
        this.host.write(this.shellPrompt.startsWith('root@') ? 'exit\r\n' : '\r\n');
        void this.execute('exit');
        break;
      case '\x15':
        this.buf = this.buf.slice(this.cur);
        this.cur = 0;
        this.redraw();
        break;
      case '\x0b':
        this.buf = this.buf.slice(0, this.cur);
        this.redraw();
        break;
      case '\x0c':
        this.host.clear();
        this.redraw();
        break;
      default:
        // printable text only: a pasted escape sequence is not the terminal's to interpret
        if (k.length === 1 && k >= ' ' && k !== '\x7f') this.insert(k);
    }
  }

  /** printable text typed at the cursor */
  private insert(text: string): void {
    this.buf = this.buf.slice(0, this.cur) + text + this.buf.slice(this.cur);
    this.cur += text.length;
    if (this.cur === this.buf.length) this.host.write(text);
    else this.redraw();
  }

  /** the prompt of the line being typed: bash's PS2, "> ", inside a here-document */
  private get promptNow(): string {
    return this.here ? '> ' : this.shellPrompt;
  }

  private redraw(): void {
    const back = this.buf.length - this.cur;
    this.host.write(`\r\x1b[K${this.promptNow}${sanitize(this.buf)}${back ? `\x1b[${back}D` : ''}`);
  }

  private walk(d: number): void {
    if (!this.hist.length) return;
    if (this.hpos === this.hist.length) this.draft = this.buf;
    const next = Math.max(0, Math.min(this.hist.length, this.hpos + d));
    if (next === this.hpos) return;
    this.hpos = next;
    this.buf = next === this.hist.length ? this.draft : this.hist[next]!;
    this.cur = this.buf.length;
    this.redraw();
  }

  private tab(): void {
    const before = this.buf.slice(0, this.cur);
    const { from, candidates } = this.host.complete(before);
    if (!candidates.length) return;
    const word = before.slice(from);
    const insert = (s: string) => {
      this.buf = this.buf.slice(0, this.cur) + s + this.buf.slice(this.cur);
      this.cur += s.length;
    };
    if (candidates.length === 1) {
      const c = candidates[0]!;
      insert(c.slice(word.length) + (c.endsWith('=') || c.endsWith('/') ? '' : ' '));
      this.redraw();
      return;
    }
    const common = commonPrefix(candidates);
    if (common.length > word.length) {
      insert(common.slice(word.length));
      this.redraw();
      return;
    }
    // nothing more in common: list what could come next, as bash does on a second Tab
    this.host.write('\r\n' + sanitize(columns(candidates)) + '\r\n');
    this.redraw();
  }

  private enter(): void {
    const typed = this.buf;
    const line = typed.trim();
    this.host.write('\r\n');
    this.buf = '';
    this.cur = 0;
    const here = this.here;
    if (here) {
      // a line of the document, or its end word: then the command runs with it
      here.lines.push(typed);
      if ((here.dash ? typed.replace(/^\t+/, '') : typed) !== here.word) {
        this.host.write('> ');
        return;
      }
      this.here = null;
      const whole = here.lines.join('\n');
      if (this.hist[this.hist.length - 1] !== whole) this.hist.push(whole);
      this.hpos = this.hist.length;
      void this.execute(whole);
      return;
    }
    // a here-document recalled from the history is whole already
    const start = line && !line.includes('\n') ? heredocStart(line) : null;
    if (start) {
      this.here = { ...start, lines: [line] };
      this.host.write('> ');
      return;
    }
    if (!line) {
      this.host.write(this.shellPrompt);
      return;
    }
    if (this.hist[this.hist.length - 1] !== line) this.hist.push(line);
    this.hpos = this.hist.length;
    this.draft = '';
    void this.execute(line);
  }

  private async execute(line: string): Promise<void> {
    this.busy = true;
    this.interrupted = false;
    this.caretShown = false;
    this.skipped = 0;
    let notRun = false;
    try {
      const inner = this.nested[this.nested.length - 1];
      const batch = inner ? null : this.takeBatch(line);
      if (inner && line !== 'clear') await this.nestedLine(inner, line);
      else if (batch) await this.runBatch(batch);
      else if (line === 'clear') this.host.clear();
      else if (line === 'history') this.host.write(sanitize(this.hist.map((h, i) => `${String(i + 1).padStart(5)}  ${h}\n`).join('')));
      else if (isStreamingPing(line)) await this.streamPing(line);
      else {
        const outs = await this.host.run(line, true);
        await this.show(outs);
        this.enterFrom(outs);
        const job = outs.find((o) => o.job !== undefined)?.job;
        if (job !== undefined && this.host.job && !isBackground(line)) await this.foreground(job);
      }
    } catch (e) {
      notRun = e instanceof LineNotRun;
      this.host.write(sanitize(`netlab: ${e instanceof Error ? e.message : String(e)}\n`));
    } finally {
      this.busy = false;
      if (notRun) {
        // the rest of a paste would run on a world that lost this line: it stops here too
        this.skipped += pendingLines(this.typeahead);
        this.typeahead = '';
      }
      // the line ran to its end (a command cannot be stopped half-way); ^C then the prompt
      if (this.interrupted && !this.caretShown) this.host.write('^C\r\n');
      if (this.skipped) this.host.write(sanitize(skippedNote(this.skipped)));
      this.skipped = 0;
      this.host.write(this.shellPrompt);
      if (notRun) {
        // offered again, not run: Enter runs it once the simulation answers
        this.buf = line;
        this.cur = line.length;
        this.host.write(sanitize(line));
      }
      const more = this.typeahead;
      this.typeahead = '';
      if (more) this.input(more);
    }
  }

  /**
   * the line about to run and the complete configuring lines typed ahead of it (a paste),
   * when there are any: they run as one request
   */
  private takeBatch(line: string): string[] | null {
    if (!this.host.runBatch || !batchable(line)) return null;
    const lines = [line];
    let rest = this.typeahead;
    while (lines.length < MAX_BATCH) {
      const m = /^([^\r\n]*)(\r\n|\r|\n)/.exec(rest);
      // eslint-disable-next-line no-control-regex
      if (!m || /[\x00-\x1f\x7f]/.test(m[1]!)) break;
      const next = m[1]!.trim();
      if (!next || !batchable(next)) break;
      lines.push(next);
      rest = rest.slice(m[0].length);
    }
    if (lines.length < 2) return null;
    this.typeahead = rest;
    for (const l of lines.slice(1)) if (this.hist[this.hist.length - 1] !== l) this.hist.push(l);
    this.hpos = this.hist.length;
    return lines;
  }

  /** a batch's lines printed as a shell prints them one after another: prompt, line, output */
  private async runBatch(lines: readonly string[]): Promise<void> {
    let outs: readonly Outcome[];
    try {
      outs = await this.host.runBatch!(lines);
    } catch (e) {
      // none of them ran: the first is offered again, the rest counted with the paste
      if (e instanceof LineNotRun) this.skipped += lines.length - 1;
      throw e;
    }
    let text = '';
    lines.forEach((l, i) => {
      if (i > 0) text += `${this.shellPrompt}${sanitize(l)}\r\n`;
      const o = outs[i];
      if (o) text += sanitize(o.stdout) + sanitize(o.stderr);
    });
    this.host.write(text);
  }

  /** the prompt of the shell the terminal talks to: the innermost container's, else the host's */
  get shellPrompt(): string {
    const inner = this.nested[this.nested.length - 1];
    return inner ? sanitize(inner.prompt) : this.prompt;
  }

  /** a line typed in a container's shell: `exit [N]` leaves it, anything else runs there */
  private async nestedLine(inner: NestedShell, line: string): Promise<void> {
    const exit = /^exit(?:\s+(\d+))?$/.exec(line);
    if (exit) {
      // sh's exit: N modulo 256, without N the status of the last command
      await this.leaveNested(exit[1] === undefined ? null : Number(exit[1]) & 255);
      return;
    }
    const outs = await this.host.run(`${inner.prefix} ${line}`, true);
    await this.show(outs);
    this.nestedStatus.set(inner, outs[outs.length - 1]?.status ?? 0);
    this.enterFrom(outs);
  }

  /**
   * the innermost container shell ends with STATUS (null: its last command's): what its end
   * does runs with that status (the container of `docker run -it` is Exited, a --rm one goes);
   * that line's own output is not the shell's
   */
  private async leaveNested(status: number | null): Promise<void> {
    const inner = this.nested.pop();
    if (!inner) return;
    const code = status ?? this.nestedStatus.get(inner) ?? 0;
    this.nestedStatus.delete(inner);
    if (inner.onExit) await this.host.run(`${inner.onExit} ${code}`, true);
  }

  /** a line that opened a shell in a container: the terminal now talks to it */
  private enterFrom(outcomes: readonly Outcome[]): void {
    for (const o of outcomes) if (o.enter) this.nested.push(o.enter);
  }

  /**
   * a command's output as it was printed: each piece at its time on the virtual clock (real
   * time = virtual time), unless lines were pasted after it (a script does not wait). Ctrl+C
   * stops it there: what the tool prints on SIGINT follows the ^C (ping's statistics so far).
   */
  private async show(outcomes: readonly Outcome[]): Promise<void> {
    const timed = outcomes.length === 1 ? outcomes[0]! : null;
    const t = timed?.timeline;
    if (!timed || !t || pendingLines(this.typeahead) > 0) {
      this.print(outcomes);
      return;
    }
    const out = t.parts.map((p) => p.stdout).join('');
    const err = t.parts.map((p) => p.stderr).join('');
    // the shell added to it (a job's notice, a background capture's lines): those come at its end
    if (!timed.stdout.startsWith(out) || !timed.stderr.startsWith(err)) {
      this.print(outcomes);
      return;
    }
    let now = 0;
    const until = async (at: number): Promise<boolean> => {
      while (now < at && !this.interrupted && !this.disposed) {
        const step = Math.min(PLAY_STEP_MS, at - now);
        await this.host.sleep(step);
        now += step;
      }
      return !this.interrupted && !this.disposed;
    };
    for (const p of t.parts) {
      if (!(await until(p.at))) return this.interruptedAt(t, now);
      this.host.write(sanitize(p.stdout) + sanitize(p.stderr));
    }
    if (!(await until(t.end))) return this.interruptedAt(t, now);
    this.host.write(sanitize(timed.stdout.slice(out.length)) + sanitize(timed.stderr.slice(err.length)));
  }

  /** Ctrl+C AT ms into a command played over time: ^C, then what the tool prints on SIGINT then */
  private interruptedAt(t: OutputTimeline, at: number): void {
    if (this.disposed) return;
    let text: string | null = null;
    for (const s of t.onInterrupt) if (s.at <= at) text = s.text;
    // a tool that prints nothing on SIGINT: bash's newline after the ^C (in execute's end)
    if (text === null) return;
    this.caretShown = true;
    this.host.write('^C' + sanitize(text));
  }

  private print(outcomes: readonly Outcome[]): void {
    for (const o of outcomes) {
      if (o.stdout) this.host.write(sanitize(o.stdout));
      if (o.stderr) this.host.write(sanitize(o.stderr));
    }
  }

  /**
   * wait on a capture as bash waits on a foreground job: its lines as they come (jobNews),
   * until it reaches its count or Ctrl+C interrupts it
   */
  private async foreground(job: number): Promise<void> {
    const ended = new Promise<void>((resolve) => {
      this.fg = { job, end: resolve, stopping: false };
    });
    if (this.interrupted || this.disposed) void this.stopForeground();
    // its lines come with every other terminal's command; asking now and then also learns of
    // a world rebuilt without it
    const poll = async (): Promise<void> => {
      while (this.fg?.job === job && !this.fg.stopping) {
        await this.host.sleep(JOB_POLL_MS);
        if (this.fg?.job !== job || this.fg.stopping) return;
        const news = await this.host.job!(job, false);
        // lines it took are printed even when Ctrl+C came meanwhile (they precede the ^C)
        if (this.fg?.job !== job) return;
        if (news) this.jobNews(news);
        else if (!this.fg.stopping) this.endForeground();
      }
    };
    void poll();
    await ended;
  }

  /** SIGINT: the capture prints a newline (it may have been cut mid-line), then its counts */
  private async stopForeground(): Promise<void> {
    const fg = this.fg;
    if (!fg || fg.stopping) return;
    fg.stopping = true;
    const last = await this.host.job!(fg.job, true);
    if (this.fg !== fg) return;
    this.host.write('^C');
    this.caretShown = true;
    if (last) this.host.write(sanitize(last.stdout) + sanitize(last.stderr));
    this.endForeground();
  }

  private endForeground(): void {
    const fg = this.fg;
    this.fg = null;
    fg?.end();
  }

  /** a capture this terminal started printed something (or ended) */
  jobNews(news: JobNews): void {
    const text = sanitize(news.stdout) + sanitize(news.stderr);
    if (this.fg?.job === news.job) {
      this.host.write(text);
      if (!news.running && !this.fg.stopping) this.endForeground();
      return;
    }
    if (!text) return;
    // a background job's lines: above the line being typed, which is drawn again below them
    if (this.busy) this.host.write(text);
    else
      this.host.write(
        `\r\x1b[K${text}${this.promptNow}${sanitize(this.buf)}${this.buf.length > this.cur ? `\x1b[${this.buf.length - this.cur}D` : ''}`,
      );
  }

  /** put text on the input line for a person to finish (a fix with a blank in it) */
  prefill(text: string): void {
    if (this.busy) return;
    this.buf = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
    this.cur = this.buf.length;
    this.redraw();
  }

  /** a line someone else ran here (the canvas's ping action, a fix): shown as if typed */
  external(line: string, outcomes: readonly Outcome[]): void {
    const keep = this.buf;
    this.host.write(`\r\x1b[K${this.shellPrompt}${sanitize(line)}\r\n`);
    this.print(outcomes);
    this.host.write(this.shellPrompt + sanitize(keep));
    this.cur = keep.length;
  }

  /**
   * ping until Ctrl+C: one `ping -c 1` a second, renumbered, then iputils' summary. Each echo
   * waits for its reply at most until the next is due (`-W 1`): a running ping sends every
   * second whether answered or not, so a silent host costs a second of the lab's clock, not
   * the 10 s a lone `ping -c 1` waits. A -W the person typed comes after and wins.
   */
  private async streamPing(line: string): Promise<void> {
    const args = line.trim().split(/\s+/).slice(1);
    const dst = args[args.length - 1]!;
    const once = `ping -c 1 -W 1 ${args.join(' ')}`;
    let sent = 0;
    let received = 0;
    let errors = 0;
    const rtts: number[] = [];
    for (let seq = 1; !this.interrupted && !this.disposed && seq <= MAX_STREAM; seq++) {
      const [o] = await this.host.run(once, seq === 1);
      if (!o) break;
      const lines = o.stdout.split('\n');
      if (seq === 1 && lines[0]?.startsWith('PING ')) this.host.write(sanitize(lines[0] + '\n'));
      // connect() failed: ping stops before sending anything, without statistics
      if (!/ ping statistics ---/.test(o.stdout)) {
        if (seq !== 1 || !lines[0]?.startsWith('PING ')) this.host.write(sanitize(o.stdout));
        this.host.write(sanitize(o.stderr));
        return;
      }
      sent++;
      for (const l of lines) {
        if (/^\d+ bytes from /.test(l)) {
          received++;
          const t = / time=(\d+)\.(\d+) ms/.exec(l);
          if (t) rtts.push(Number(t[1]) * 1000 + Number(t[2]));
          this.host.write(sanitize(l.replace(/icmp_seq=\d+/, `icmp_seq=${seq}`) + '\n'));
        } else if (/^From /.test(l)) {
          errors++;
          this.host.write(sanitize(l.replace(/icmp_seq=\d+/, `icmp_seq=${seq}`) + '\n'));
        }
      }
      if (o.stderr) this.host.write(sanitize(o.stderr));
      for (let waited = 0; waited < 1000 && !this.interrupted; waited += 100) await this.host.sleep(100);
    }
    this.caretShown = true;
    this.host.write('^C' + sanitize(pingSummary(dst, sent, received, errors, rtts)));
  }
}

/** candidates in columns, as bash lists them */
export function columns(xs: readonly string[], width = 100): string {
  const w = Math.max(...xs.map((x) => x.length)) + 2;
  const per = Math.max(1, Math.floor(width / w));
  const rows: string[] = [];
  for (let i = 0; i < xs.length; i += per)
    rows.push(
      xs
        .slice(i, i + per)
        .map((x) => x.padEnd(w))
        .join('')
        .trimEnd(),
    );
  return rows.join('\n');
}
