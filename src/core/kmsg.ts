// The kernel's log buffer (printk's ring): one per machine, whatever namespace wrote to it, read
// by dmesg and journalctl -k. Each record keeps the virtual time it was written at (the
// machine's uptime: the clock starts at boot) and its syslog level; the oldest records make
// room for new ones once the buffer is full, as the ring's do.

/** syslog levels (KERN_EMERG … KERN_DEBUG), by the names dmesg and journalctl give them */
export const LOG_LEVELS = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'] as const;
export type LogLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface KmsgRecord {
  /** microseconds since boot */
  readonly usec: number;
  readonly level: LogLevel;
  /** the text, without its newline */
  readonly text: string;
  /** the record's number in the ring (what /dev/kmsg calls its sequence number) */
  readonly seq: number;
}

/** the ring's size: CONFIG_LOG_BUF_SHIFT=17 (128 KiB), counted in text */
export const LOG_BUF_LEN = 1 << 17;

export class KernelLog {
  private records: KmsgRecord[] = [];
  private head = 0;
  private bytes = 0;
  private nextSeq = 0;
  /** the first record `dmesg -c` has not read and cleared yet (syslog's clear_seq) */
  private clearSeq = 0;

  /** printk: one line at LEVEL, stamped with the virtual time in milliseconds */
  printk(level: LogLevel, text: string, nowMs: number): void {
    const r: KmsgRecord = { usec: Math.round(nowMs * 1000), level, text, seq: this.nextSeq++ };
    this.records.push(r);
    this.bytes += text.length;
    while (this.bytes > LOG_BUF_LEN && this.head < this.records.length - 1) {
      this.bytes -= this.records[this.head]!.text.length;
      this.head++;
    }
    // drop the overwritten records now and then rather than shift on every write
    if (this.head > 1024 && this.head * 2 > this.records.length) {
      this.records = this.records.slice(this.head);
      this.head = 0;
    }
  }

  /** what dmesg reads: the records since the last clear, oldest first */
  read(): KmsgRecord[] {
    const out: KmsgRecord[] = [];
    for (let i = this.head; i < this.records.length; i++) {
      const r = this.records[i]!;
      if (r.seq >= this.clearSeq) out.push(r);
    }
    return out;
  }

  /** SYSLOG_ACTION_CLEAR (dmesg -C, and -c after reading): a later read starts after the newest record */
  clear(): void {
    this.clearSeq = this.nextSeq;
  }

  /** every record still in the ring, cleared or not (what the journal took in) */
  all(): KmsgRecord[] {
    return this.records.slice(this.head);
  }
}
