// docker logs as docker/cli 29.7.2 asks and the daemon answers: the container's log (each line
// its process wrote, to stdout or stderr, with the time it was written) read back in order,
// the last --tail lines of it, then those in --since … --until; -t puts the time before each
// line, --details the log's attributes (none: the lab has no --log-opt labels or env).
// The two streams come back interleaved as written: a terminal shows them so.

import { WALL_CLOCK_START_MS } from '../../core/http-server.ts';
import type { Container } from './engine.ts';
import { DockerError } from './expand.ts';

/** one line of the log: what the daemon's json-file logger keeps of a write */
export interface LogLine {
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
  /** virtual-clock ms */
  readonly time: number;
}

export interface LogsOptions {
  readonly tail: string;
  readonly since?: string;
  readonly until?: string;
  readonly timestamps: boolean;
  readonly details: boolean;
}

/** the log line by line (a write of several lines is several entries, each at the write's time) */
export function logLines(ct: Container, now: number): LogLine[] {
  return (ct.life?.logs ?? [])
    .filter((w) => w.time <= now)
    .flatMap((w) => (w.text.match(/[^\n]*\n|[^\n]+$/g) ?? []).map((text) => ({ stream: w.stream, text, time: w.time })));
}

const p2 = (n: number): string => String(n).padStart(2, '0');

/** jsonmessage's rfc3339NanoFixed in UTC: `2026-12-07T16:40:00.000000000Z` */
export function rfc3339NanoFixed(ms: number): string {
  const d = new Date(WALL_CLOCK_START_MS + ms);
  const frac = `${String(d.getUTCMilliseconds()).padStart(3, '0')}000000`;
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${frac}Z`;
}

const UNIT_NS: Readonly<Record<string, number>> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's time.ParseDuration, in ns; null when it is not one */
function parseDuration(v: string): number | null {
  const m = /^([-+]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(v);
  if (!m) return null;
  let ns = 0;
  for (const [, num, unit] of m[2]!.matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) ns += Number(num) * UNIT_NS[unit!]!;
  return m[1] === '-' ? -ns : ns;
}

/**
 * The client's timestamp.GetTimestamp: VALUE as a duration before NOW, an RFC 3339 time (or
 * its shorter forms: a date, an hour, minutes; without a zone it is local time, UTC here), or
 * a Unix timestamp; the answer in Unix seconds. ARG names the flag in the error.
 */
export function parseLogTime(value: string, nowMs: number, arg: 'since' | 'until'): number {
  const wallNow = WALL_CLOCK_START_MS + nowMs;
  const d = parseDuration(value);
  // reference.Add(-d).Unix(): whole seconds
  if (value !== '0' && d !== null) return Math.floor((wallNow - d / 1e6) / 1000);
  const rfc = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?)?(Z|z|[+-]\d{2}:\d{2})?$/.exec(value);
  if (rfc) {
    const [, y, mo, da, h = '0', mi = '0', s = '0', frac = '', zone] = rfc;
    const hasT = value.includes('T');
    // the layouts docker tries take seconds before a fraction, and a fraction only with seconds
    const shape = value.includes('.') ? hasT && rfc[6] !== undefined : true;
    const local = Date.UTC(Number(y), Number(mo) - 1, Number(da), Number(h), Number(mi), Number(s));
    const valid =
      shape &&
      Number(mo) >= 1 &&
      Number(mo) <= 12 &&
      Number(da) >= 1 &&
      new Date(local).getUTCDate() === Number(da) &&
      Number(h) < 24 &&
      Number(mi) < 60 &&
      Number(s) < 60;
    if (valid) {
      const off =
        zone && zone !== 'Z' && zone !== 'z' ? (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4))) : 0;
      return (local - off * 60000) / 1000 + Number(`0.${frac.padEnd(9, '0')}`);
    }
  }
  if (value.includes('-'))
    throw new DockerError(
      `netlab: docker logs --${arg} ${value}: not a time the docker client parses (RFC 3339 such as 2026-12-07T16:40:00Z, a Unix timestamp, or a duration such as 42m)`,
      1,
    );
  const unix = /^([-+]?\d+)(?:\.(\d+))?$/.exec(value);
  if (!unix) throw new DockerError(`invalid value for "${arg}": failed to parse value as time or duration: "${value}"`, 1);
  const frac = unix[2] ?? '';
  return Number(unix[1]) + (frac ? Number(`0.${frac.slice(0, 9).padEnd(9, '0')}`) : 0);
}

/** what docker logs prints of CT at NOW: each line to its stream, in the order written */
export function readLogs(ct: Container, now: number, o: LogsOptions): LogLine[] {
  // bounds first: a bad --since is the client's error before it asks the daemon anything
  const since = o.since === undefined || o.since === '' ? null : parseLogTime(o.since, now, 'since');
  const until = o.until === undefined || o.until === '' ? null : parseLogTime(o.until, now, 'until');
  const lines = logLines(ct, now);
  // the daemon's strconv.Atoi: anything else (all) or a negative count is every line
  const n = /^[-+]?\d+$/.test(o.tail) ? Number(o.tail) : -1;
  const tailed = n < 0 ? lines : n === 0 ? [] : lines.slice(Math.max(0, lines.length - n));
  const secs = (l: LogLine): number => (WALL_CLOCK_START_MS + l.time) / 1000;
  return tailed
    .filter((l) => (since === null || secs(l) >= since) && (until === null || secs(l) <= until))
    .map((l) => {
      let text = l.text;
      // --details: the attributes (none) and a space
      if (o.details) text = ` ${text}`;
      if (o.timestamps) text = `${rfc3339NanoFixed(l.time)} ${text}`;
      return { ...l, text };
    });
}
