// ping's command line as iputils 20221126 reads it (getopt: `-c1`, `-nc 3`, `--` and options
// after the destination all work), its refusals in its own words, and the round-trip times it
// prints, drawn from the virtual clock so a run is reproducible.

import { CmdError } from './result.ts';

/** getopt's optstring of iputils ping: letters followed by ':' take a value */
const OPTSTRING = 'h?4bRT:6F:N:aABc:CdDe:fHi:I:l:Lm:M:nOp:qQ:rs:S:t:UvVw:W:';

/** what the lab does with each option; the others are refused as not modelled */
const MODELLED = new Set(['4', 'c', 'i', 'I', 'M', 'n', 'q', 's', 't', 'w', 'W', 'h']);

export const PING_USAGE = `
Usage
  ping [options] <destination>

Options:
  <destination>      dns name or ip address
  -a                 use audible ping
  -A                 use adaptive ping
  -B                 sticky source address
  -c <count>         stop after <count> replies
  -C                 call connect() syscall on socket creation
  -D                 print timestamps
  -d                 use SO_DEBUG socket option
  -e <identifier>    define identifier for ping session, default is random for
                     SOCK_RAW and kernel defined for SOCK_DGRAM
                     Imply using SOCK_RAW (for IPv4 only for identifier 0)
  -f                 flood ping
  -h                 print help and exit
  -I <interface>     either interface name or address
  -i <interval>      seconds between sending each packet
  -L                 suppress loopback of multicast packets
  -l <preload>       send <preload> number of packages while waiting replies
  -m <mark>          tag the packets going out
  -M <pmtud opt>     define mtu discovery, can be one of <do|dont|want>
  -n                 no dns name resolution
  -O                 report outstanding replies
  -p <pattern>       contents of padding byte
  -q                 quiet output
  -Q <tclass>        use quality of service <tclass> bits
  -s <size>          use <size> as number of data bytes to be sent
  -S <size>          use <size> as SO_SNDBUF socket option value
  -t <ttl>           define time to live
  -U                 print user-to-user latency
  -v                 verbose output
  -V                 print version and exit
  -w <deadline>      reply wait <deadline> in seconds
  -W <timeout>       time to wait for response

IPv4 options:
  -4                 use IPv4
  -b                 allow pinging broadcast
  -R                 record route
  -T <timestamp>     define timestamp, can be one of <tsonly|tsandaddr|tsprespec>

IPv6 options:
  -6                 use IPv6
  -F <flowlabel>     define flow label, default is random
  -N <nodeinfo opt>  use icmp6 node info query, try <help> as argument

For more details see ping(8).
`;

export interface PingArgs {
  /** -c; undefined: until interrupted (or the deadline) */
  readonly count?: number;
  /** -w, seconds */
  readonly deadline?: number;
  /** -i, milliseconds */
  readonly intervalMs: number;
  readonly quiet: boolean;
  /** -s: ICMP data bytes */
  readonly size: number;
  readonly ttl?: number;
  readonly iface?: string;
  /** -M: path MTU discovery (IP_PMTUDISC_DO / DONT / WANT) */
  readonly pmtudisc?: 'do' | 'dont' | 'want';
  /** -W in milliseconds (lingertime: 10 s unless given) */
  readonly lingerMs: number;
  /** the last operand, as iputils takes it */
  readonly dst?: string;
  /** warnings ping prints and goes on */
  readonly warnings: string;
}

/** POSIX getopt over OPTSTRING with GNU's argument permutation */
export function getopt(optstring: string, argv: readonly string[], prog: string): { opts: [string, string][]; operands: string[] } {
  const takes = (c: string): boolean | null => {
    const i = optstring.indexOf(c);
    return c === ':' || i < 0 ? null : optstring[i + 1] === ':';
  };
  const opts: [string, string][] = [];
  const operands: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      operands.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      const t = takes(c);
      if (t === null) throw new CmdError(`${prog}: invalid option -- '${c}'${USAGE_OF[prog] ?? ''}`, 2);
      if (!t) {
        opts.push([c, '']);
        continue;
      }
      let v = a.slice(j + 1);
      if (v === '') {
        if (i + 1 >= argv.length) throw new CmdError(`${prog}: option requires an argument -- '${c}'${USAGE_OF[prog] ?? ''}`, 2);
        v = argv[++i]!;
      }
      opts.push([c, v]);
      break;
    }
  }
  return { opts, operands };
}

const USAGE_OF: Record<string, string> = { ping: `\n${PING_USAGE.replace(/\n$/, '')}` };

/** strtoll_or_err: a whole number in [min, max] or iputils' message (exit 1) */
function integer(v: string, min: number, max: number, maxText = String(max)): number {
  if (!/^\s*[+-]?\d+$/.test(v)) throw new CmdError(`ping: invalid argument: '${v}'`, 1);
  const n = Number(v);
  if (n < min || n > max) throw new CmdError(`ping: invalid argument: '${v}': out of range: ${min} <= value <= ${maxText}`, 1);
  return n;
}

/** ping_strtod: a number; garbage is warned about and read as far as it goes */
function seconds(v: string, warn: (s: string) => void): number {
  const m = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(v);
  if (!m || m[0].length !== v.length) {
    warn(`ping: option argument contains garbage: ${v.slice(m ? m[0].length : 0)}\nping: this will become fatal error in the future\n`);
  }
  return m ? Number(m[0]) : 0;
}

export function parsePingArgs(argv: readonly string[]): PingArgs {
  const { opts, operands } = getopt(OPTSTRING, argv, 'ping');
  let warnings = '';
  const warn = (s: string): void => {
    warnings += s;
  };
  let count: number | undefined;
  let deadline: number | undefined;
  let intervalMs = 1000;
  let quiet = false;
  let size = 56;
  let ttl: number | undefined;
  let iface: string | undefined;
  let pmtudisc: 'do' | 'dont' | 'want' | undefined;
  let lingerMs = 10_000;
  for (const [c, v] of opts) {
    if (c === 'h') throw new CmdError(PING_USAGE.replace(/\n$/, ''), 2);
    if (!MODELLED.has(c)) throw new CmdError(`netlab: ping -${c} is not modelled`, 2);
    if (c === 'c') count = integer(v, 1, Number.MAX_SAFE_INTEGER, '9223372036854775807');
    else if (c === 'w') deadline = integer(v, 0, 2147483647);
    else if (c === 'W') {
      const s = seconds(v, warn);
      if (s < 0) throw new CmdError(`ping: bad linger time: ${v}`, 2);
      lingerMs = Math.round(s * 1000);
    } else if (c === 'i') intervalMs = Math.max(0, Math.round(seconds(v, warn) * 1000));
    else if (c === 'q') quiet = true;
    else if (c === 's') size = integer(v, 0, 2147483647);
    else if (c === 't') {
      // the kernel refuses IP_TTL 0 once the socket is made
      ttl = integer(v, 0, 255);
    } else if (c === 'I') iface = v;
    else if (c === 'M') {
      // this iputils knows no `probe`
      if (v !== 'do' && v !== 'dont' && v !== 'want') throw new CmdError(`ping: invalid -M argument: ${v}`, 2);
      pmtudisc = v;
    }
  }
  const dst = operands[operands.length - 1];
  return {
    ...(count !== undefined ? { count } : {}),
    ...(deadline !== undefined ? { deadline } : {}),
    intervalMs,
    quiet,
    size,
    ...(ttl !== undefined ? { ttl } : {}),
    ...(iface !== undefined ? { iface } : {}),
    ...(pmtudisc !== undefined ? { pmtudisc } : {}),
    lingerMs,
    ...(dst !== undefined ? { dst } : {}),
    warnings,
  };
}

/**
 * One echo's round trip in microseconds, as a veth path on an idle machine gives them (25 to
 * 90 µs), varying from echo to echo but the same for the same run: a hash of the moment on
 * the virtual clock, the session's identifier and the sequence number.
 */
export function rttMicros(now: number, id: number, seq: number): number {
  let h = Math.imul(now ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(id + 0x27d4eb2f, 0xc2b2ae35) ^ Math.imul(seq, 0x165667b1);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h ^= h >>> 13;
  return 25 + ((h >>> 0) % 66);
}

/** iputils' %ld.%03ld of a time in microseconds (below 1 s) */
export function ms3(us: number): string {
  return `${Math.floor(us / 1000)}.${String(Math.round(us) % 1000).padStart(3, '0')}`;
}

/** `rtt min/avg/max/mdev = …`: mdev is the standard deviation, as iputils computes it */
export function rttLine(us: readonly number[]): string {
  const n = us.length;
  const sum = us.reduce((a, b) => a + b, 0);
  const avg = sum / n;
  const sum2 = us.reduce((a, b) => a + b * b, 0);
  const mdev = Math.sqrt(Math.max(0, sum2 / n - avg * avg));
  return `rtt min/avg/max/mdev = ${ms3(Math.min(...us))}/${ms3(Math.round(avg))}/${ms3(Math.max(...us))}/${ms3(Math.round(mdev))} ms\n`;
}
