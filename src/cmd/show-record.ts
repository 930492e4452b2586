// Show lines: scenario lines whose command only prints (ip … show/list/get, bridge … show,
// brctl show, ip netns list, conntrack -L, sysctl KEY, iptables -L/-S, iptables-save, and
// cat /proc/sys/net/…, ls /sys/class/net, hostname -I). The
// recorder keeps their exact stdout and stderr from the kernel as `show` records; replay
// prints the simulator's. Before two outputs are compared, both go through `normaliseShow`,
// which removes only what a real kernel makes random (see conformance/README.md).

import { splitWords } from './lex.ts';

/** `ip netns exec NS CMD…` → [NS, CMD…]; anything else runs in the root namespace */
function splitNs(argv: readonly string[]): [string, string[]] {
  if (argv[0] === 'ip' && argv[1] === 'netns' && argv[2] === 'exec' && argv.length > 4) return [argv[3]!, argv.slice(4)];
  return ['root', [...argv]];
}

function isNeighbour(obj: string): boolean {
  return 'neighbour'.startsWith(obj) || 'neighbor'.startsWith(obj);
}

/** iproute2 verbs (and the prefixes it matches) that only print */
const PRINT_VERBS = new Set(['show', 'sh', 'list', 'lst', 'ls', 'l', 'li', 'lis', 'get', 'g', 'ge']);

/** ip's global options that take a value */
const IP_VALUE_OPTS = new Set(['-n', '-netns', '--netns', '-f', '-family', '-rc', '-rcvbuf', '-b', '-batch', '-l', '-loops']);

function words(argv: readonly string[], valueOpts: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('-')) {
      if (valueOpts.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** the namespace's SNMP counter files (core/ip/snmp-mib.ts) */
const PROC_NET_MIB = new Set(['/proc/net/snmp', '/proc/net/netstat', '/proc/net/sockstat']);

/** whether ARGV (a command without its `ip netns exec NS` prefix) is a show line */
export function isShowCommand(argv: readonly string[]): boolean {
  const [cmd, ...a] = argv;
  switch (cmd) {
    case 'ip': {
      const w = words(a, IP_VALUE_OPTS);
      const obj = w[0];
      if (obj === undefined) return false;
      if ('netns'.startsWith(obj) && !isNeighbour(obj)) return w[1] === undefined || ['list', 'show', 'lst', 'list-id'].includes(w[1]);
      if (obj === 'monitor' || obj === 'mon') return false;
      return w[1] === undefined || PRINT_VERBS.has(w[1]);
    }
    case 'bridge': {
      const w = words(a, new Set(['-n', '-netns', '-b', '-batch']));
      return w[0] !== undefined && w[0] !== 'monitor' && (w[1] === undefined || PRINT_VERBS.has(w[1]));
    }
    case 'brctl':
      return a[0] === 'show' || a[0] === 'showmacs' || a[0] === 'showstp';
    case 'conntrack':
      return a[0] === '-L' || a[0] === '--dump' || a[0] === '-S' || a[0] === '--stats' || a[0] === '-C' || a[0] === '--count';
    case 'sysctl':
      return a.length > 0 && !a.some((x) => x === '-w' || x === '--write' || x.includes('=') || x === '-p' || x === '--system');
    case 'iptables':
      return a.some((x) => x === '-L' || x === '-S' || x === '--list' || x === '--list-rules' || /^-[nvx]*[LS][nvx]*$/.test(x));
    case 'iptables-save':
      return true;
    // the namespace's own files: /proc/sys/net, /sys/class/net (the host's /etc files and
    // host name are the recording machine's, not a namespace's: never show lines)
    case 'cat':
      return (
        a.length > 0 &&
        a.every(
          (x) =>
            x.startsWith('/proc/sys/net/') ||
            x === '/proc/net/dev' ||
            PROC_NET_MIB.has(x) ||
            /^\/sys\/class\/net\/[^/]+\/statistics\//.test(x),
        )
      );
    case 'ls':
      return a.some((x) => x.startsWith('/sys/class/net') || x.startsWith('/proc/sys/net/'));
    case 'hostname':
      return a[0] === '-I' || a[0] === '--all-ip-addresses';
    // curl with options prints what a terminal reads (-v, -I, -w …); a bare `curl URL` is a probe
    case 'curl':
      return a.some((x) => x.startsWith('-') && x.length > 1);
    // nc -z: a scan, what it prints and its exit status (other nc lines hold sockets: background servers)
    case 'nc':
    case 'netcat':
      return a.some((x) => /^-[a-zA-Z]*z/.test(x));
    case 'route':
      return a.every((x) => x.startsWith('-'));
    case 'ifconfig':
      return a.filter((x) => !x.startsWith('-')).length <= 1;
    case 'netstat':
      return a.some((x) => /^-[a-z]*[rilatus]/.test(x));
    case 'ss':
      return !a.some((x) => x === '-K' || x === '--kill' || x === '-D' || x.startsWith('--diag') || x === '-E' || x === '--events');
    case 'arp':
      return a.every((x) => /^-[aen]+$/.test(x) || x === '-i' || !x.startsWith('-'));
    default:
      return false;
  }
}

/** the show line's namespace and argv, if LINE is one */
export function showLine(argv: readonly string[]): { ns: string; argv: string[] } | null {
  const [ns, rest] = splitNs(argv);
  return isShowCommand(rest) ? { ns, argv: rest } : null;
}

// ---- normalisation -------------------------------------------------------------------------

const MAC = /\b[0-9a-f]{2}(?::[0-9a-f]{2}){5}\b/gi;
/** addresses a protocol fixes, never random: all-zero, broadcast, IPv4/IPv6/STP multicast */
const FIXED_MAC = /^(00:00:00:00:00:00|ff:ff:ff:ff:ff:ff|01:00:5e:.*|33:33:.*|01:80:c2:.*)$/i;
/** the port range the kernel picks ephemeral source ports from (ip_local_port_range) */
const EPHEMERAL_MIN = 32768;
const EPHEMERAL_MAX = 60999;

/** MAC addresses a scenario sets itself: these are facts and stay as they are */
export function scenarioMacs(scenario: string): Set<string> {
  return new Set((scenario.match(MAC) ?? []).map((m) => m.toLowerCase()));
}

/** commands whose listing comes in the kernel's hash order: compared sorted */
function hashOrdered(argv: readonly string[]): boolean {
  if (argv[0] === 'conntrack' || argv[0] === 'arp') return true;
  // netstat -l lists sockets in the order of the kernel's socket hash
  if (argv[0] === 'netstat' && argv.some((x) => /^-[a-z]*[latu]/.test(x)) && !argv.some((x) => /^-[a-z]*[ris]/.test(x))) return true;
  // so does ss
  if (argv[0] === 'ss') return !argv.some((x) => x === '-s' || x === '--summary');
  if (argv[0] !== 'ip') return false;
  const obj = words(argv.slice(1), IP_VALUE_OPTS)[0];
  return obj !== undefined && isNeighbour(obj);
}

function sortListing(text: string): string {
  const t = text.trimEnd();
  if (t.startsWith('[') && t.endsWith(']')) {
    try {
      const v = JSON.parse(t) as unknown;
      if (Array.isArray(v)) {
        const sorted = v.map((x) => JSON.stringify(x)).sort();
        return `${JSON.stringify(sorted.map((x) => JSON.parse(x) as unknown))}\n`;
      }
    } catch {
      // not JSON after all: sort its lines
    }
  }
  const lines = text.split('\n');
  const last = lines.pop();
  return [...lines.sort(), last].join('\n');
}

/**
 * Output as compared: generated MACs renamed mac1, mac2… by first appearance (unless the
 * scenario sets them), conntrack timeouts and ICMP ids and ephemeral ports replaced by
 * placeholders, hash-ordered listings (neighbours, conntrack) sorted.
 */
export function normaliseShow(argv: readonly string[], out: string, keep: ReadonlySet<string>): string {
  const names = new Map<string, string>();
  const rename = (mac: string): string => {
    const m = mac.toLowerCase();
    if (keep.has(m) || FIXED_MAC.test(m)) return mac;
    let n = names.get(m);
    if (!n) {
      n = `mac${names.size + 1}`;
      names.set(m, n);
    }
    return n;
  };
  // iproute2 prints a bridge id's address bytes unpadded (8000.2:4a:…): padded first, then named
  let s = out.replace(/\b([0-9a-f]{4})\.([0-9a-f]{1,2}(?::[0-9a-f]{1,2}){5})\b/gi, (all, prio: string, mac: string) => {
    const padded = mac
      .split(':')
      .map((b) => b.padStart(2, '0'))
      .join(':');
    return /^[0:]+$/.test(mac) ? all : `${prio}.${rename(padded)}`;
  });
  s = s.replace(MAC, rename);
  // brctl's bridge id: priority, a dot, the bridge's MAC without colons
  s = s.replace(/\b([0-9a-f]{4})\.([0-9a-f]{12})\b/g, (all, prio: string, hex: string) =>
    /^0+$/.test(hex) ? all : `${prio}.${rename(hex.replace(/(..)(?!$)/g, '$1:'))}`,
  );
  if (argv[0] === 'conntrack') {
    s = s
      .replace(/^(\w+\s+\d+\s+)\d+/gm, '$1T')
      .replace(/\bid=\d+/g, 'id=ID')
      .replace(/\b(sport|dport)=(\d+)/g, (all, k: string, p: string) => {
        const n = Number(p);
        return n >= EPHEMERAL_MIN && n <= EPHEMERAL_MAX ? `${k}=EPHEMERAL` : all;
      });
  }
  // sockets of a connection: the client's port is ephemeral; processes have the recording's PIDs
  if (argv[0] === 'ss' || argv[0] === 'netstat' || argv[0] === 'nc' || argv[0] === 'netcat') {
    const eph = (p: string): boolean => Number(p) >= EPHEMERAL_MIN && Number(p) <= EPHEMERAL_MAX;
    s = s
      .replace(/(\d+\.\d+\.\d+\.\d+|\*):(\d+)\b/g, (all, a: string, p: string) => (eph(p) ? `${a}:EPHEMERAL` : all))
      .replace(/^(Connection received on \S+) (\d+)$/gm, (all, head: string, p: string) => (eph(p) ? `${head} EPHEMERAL` : all))
      .replace(/\bpid=\d+/g, 'pid=PID')
      .replace(/(\s)\d+\/([\w.-]+)/g, '$1PID/$2');
    // a PID's digits pad the process column: only its trailing spaces differ
    if (argv.some((x) => /^-[a-zA-Z]*p/.test(x) || x === '--processes' || x === '--program')) s = s.replace(/[ \t]+$/gm, '');
  }
  // the machine's TCP sockets, not the namespace's: sockstat's alloc, orphan and memory pages,
  // and what ss -s adds up from them (its TCP total, closed and orphaned)
  if (argv[0] === 'ss' && argv.some((x) => x === '-s' || x === '--summary'))
    s = s.replace(/^TCP: {3}\d+ \(estab (\d+), closed -?\d+, orphaned \d+,/m, 'TCP:   N (estab $1, closed N, orphaned N,');
  if (argv[0] === 'cat' && argv.includes('/proc/net/sockstat'))
    s = s
      .replace(/^(TCP: inuse \d+) orphan \d+ (tw \d+) alloc \d+ mem \d+$/m, '$1 orphan N $2 alloc N mem N')
      .replace(/^(UDP: inuse \d+) mem \d+$/m, '$1 mem N');
  // a route exception's lifetime counts down in wall-clock seconds (ip route get … expires N)
  if (argv[0] === 'ip') s = s.replace(/\bexpires -?\d+sec\b/g, 'expires Tsec').replace(/"expires": ?-?\d+/g, '"expires":T');
  if (argv[0] === 'curl' || argv[0] === 'python3') s = normaliseHttp(s);
  // iptables-save stamps each table with the time of day it ran
  if (argv[0] === 'iptables-save') s = s.replace(/^(# (?:Generated by iptables-save v\S+ \(nf_tables\)|Completed)) on .+$/gm, '$1 on DATE');
  if (hashOrdered(argv)) s = sortListing(s);
  return s;
}

/** one state of curl's progress meter: 12 columns, drawn after a carriage return */
const METER =
  /\r? *\d+ +[\d.]+[kMGTP]? +\d+ +[\d.]+[kMGTP]? +\d+ +[\d.]+[kMGTP]? +[\d.]+[kMGTP]? +[\d.]+[kMGTP]? +[-:\d]{8} +[-:\d]{8} +[-:\d]{8} +[\d.]+[kMGTP]?/g;
const METER_HEAD =
  /^ {2}% Total {4}% Received % Xferd {2}Average Speed {3}Time {4}Time {5}Time {2}Current$|^ {33}Dload {2}Upload {3}Total {3}Spent {4}Left {2}Speed$/;

/**
 * What curl and python3 -m http.server print, as compared: curl's progress meter (speeds and
 * times of the moment) left out, the milliseconds a connect took (`after N ms`) and dates (the
 * Date header, the request log's `[07/Dec/2026 16:40:01]`) replaced by placeholders, and a
 * Python traceback by its last line (the lab prints the error it ends with).
 */
export function normaliseHttp(text: string): string {
  if (text.includes('Traceback (most recent call last):')) {
    const lines = text.trimEnd().split('\n');
    return `${lines[lines.length - 1]}\n`;
  }
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (METER_HEAD.test(line)) continue;
    const bare = line.replace(METER, '');
    if (bare !== line && bare.trim() === '') continue;
    lines.push(bare);
  }
  return lines
    .join('\n')
    .replace(/\bafter \d+( ?ms| milliseconds)\b/g, 'after N$1')
    .replace(/^(<? ?Date:) [^\r\n]*GMT/gm, '$1 DATE')
    .replace(/ - - \[\d\d\/\w{3}\/\d{4} \d\d:\d\d:\d\d\] /g, ' - - [DATE] ');
}

// ---- comparing ----------------------------------------------------------------------------

export interface ShowRecord {
  line: number;
  /** show: a show line's output; log: what a background server printed until the script ended */
  kind: 'show' | 'log';
  ns: string;
  cmd: string;
  stdout: string;
  stderr: string;
  /** curl's exit status */
  status?: number;
  /** set by the recorder when two recordings of the scenario disagree on this line */
  unstable?: boolean;
}

export interface ShowComparison {
  readonly matched: number;
  readonly total: number;
  readonly unstable: number;
  readonly mismatches: { line: number; cmd: string; expected: string; actual: string }[];
}

export function showRecords(jsonl: string): Map<number, ShowRecord> {
  const out = new Map<number, ShowRecord>();
  for (const raw of jsonl.split('\n')) {
    if (!raw.startsWith('{')) continue;
    const r = JSON.parse(raw) as ShowRecord;
    if (r.kind === 'show' || r.kind === 'log') out.set(r.line, r);
  }
  return out;
}

function shown(r: ShowRecord, keep: ReadonlySet<string>, argv: readonly string[]): string {
  return (
    normaliseShow(argv, r.stdout, keep) +
    (r.stderr ? `\n[stderr]\n${normaliseShow(argv, r.stderr, keep)}` : '') +
    (r.status !== undefined ? `\n[exit ${r.status}]` : '')
  );
}

/** score the simulator's show records against the kernel's: one point per stable kernel record */
export function compareShow(expected: Map<number, ShowRecord>, actual: Map<number, ShowRecord>, scenario: string): ShowComparison {
  const keep = scenarioMacs(scenario);
  let matched = 0;
  let total = 0;
  let unstable = 0;
  const mismatches: ShowComparison['mismatches'] = [];
  for (const [line, e] of [...expected].sort((x, y) => x[0] - y[0])) {
    if (e.unstable) {
      unstable++;
      continue;
    }
    total++;
    const argv = splitNs(splitWords(e.cmd))[1];
    const want = shown(e, keep, argv);
    const a = actual.get(line);
    const got = a ? shown(a, keep, argv) : '(no show record)';
    if (want === got) matched++;
    else mismatches.push({ line, cmd: e.cmd, expected: want, actual: got });
  }
  return { matched, total, unstable, mismatches };
}
