// Tab completion for the terminal: commands, their objects and verbs, device names,
// namespaces, iptables tables and chains, sysctl keys and addresses, read from the world's
// snapshot (the worker's last report). Pure: a line in, candidates out.

import type { NetnsSnapshot, WorldSnapshot } from '../../core/snapshot.ts';

export const COMMANDS = [
  'ip',
  'iptables',
  'sysctl',
  'bridge',
  'brctl',
  'conntrack',
  'docker',
  'ping',
  'traceroute',
  'curl',
  'python3',
  'echo',
  'sleep',
  'clear',
  'history',
];

const IP_OBJECTS = ['address', 'addr', 'link', 'route', 'neigh', 'netns', 'rule'];
const IP_VERBS: Record<string, string[]> = {
  address: ['add', 'del', 'show', 'flush'],
  addr: ['add', 'del', 'show', 'flush'],
  a: ['add', 'del', 'show', 'flush'],
  link: ['add', 'del', 'set', 'show'],
  l: ['add', 'del', 'set', 'show'],
  route: ['add', 'del', 'replace', 'show', 'get', 'flush'],
  r: ['add', 'del', 'replace', 'show', 'get', 'flush'],
  neigh: ['show', 'add', 'del', 'flush'],
  n: ['show', 'add', 'del', 'flush'],
  netns: ['add', 'del', 'list', 'exec'],
};
const DEV_AFTER = new Set(['dev', 'master', 'link', '-i', '-o', '--in-interface', '--out-interface', 'br', 'oif', 'iif']);
const IPT_CHAIN_AFTER = new Set([
  '-A',
  '-I',
  '-D',
  '-R',
  '-L',
  '-S',
  '-F',
  '-P',
  '-N',
  '-X',
  '-Z',
  '--append',
  '--insert',
  '--delete',
  '--list',
  '--list-rules',
  '--flush',
  '--policy',
]);
const TARGETS = ['ACCEPT', 'DROP', 'REJECT', 'RETURN', 'LOG', 'MASQUERADE', 'SNAT', 'DNAT'];
const SYSCTL_KEYS = [
  'net.ipv4.ip_forward=',
  'net.bridge.bridge-nf-call-iptables=',
  'net.ipv4.conf.all.rp_filter=',
  'net.ipv4.conf.default.rp_filter=',
];

export interface Completion {
  /** where the word being completed starts in the line */
  readonly from: number;
  readonly candidates: readonly string[];
}

function nsByName(w: WorldSnapshot, name: string): NetnsSnapshot | undefined {
  return name === 'root'
    ? w.namespaces.find((n) => n.root)
    : (w.namespaces.find((n) => n.name === name && !n.root) ?? w.namespaces.find((n) => n.name === name));
}

function devices(w: WorldSnapshot, ns: string): string[] {
  return (nsByName(w, ns)?.devices ?? []).map((d) => d.name);
}

function chains(w: WorldSnapshot, ns: string, table: string): string[] {
  const t = nsByName(w, ns)?.iptables[table === 'nat' ? 'nat' : 'filter'];
  return (t?.chains ?? []).map((c) => c.name);
}

function addresses(w: WorldSnapshot): string[] {
  const out = new Set<string>();
  for (const n of w.namespaces) for (const d of n.devices) for (const a of d.addrs) if (!a.startsWith('127.')) out.add(a.split('/')[0]!);
  return [...out];
}

/** the words before the cursor; the last one is the word being completed ('' after a space) */
function split(before: string): { words: string[]; from: number } {
  const words = before.split(/\s+/);
  if (words[0] === '') words.shift();
  const last = words.length ? words[words.length - 1]! : '';
  return { words: words.length ? words : [''], from: before.length - last.length };
}

function options(words: string[], ns: string, w: WorldSnapshot): string[] {
  const i = words.length - 1;
  const prev = words[i - 1] ?? '';
  const cmd = words[0] ?? '';
  if (i === 0) return COMMANDS;
  // run in another namespace: complete the rest there
  if (cmd === 'ip' && words[1] === 'netns' && words[2] === 'exec') {
    if (i === 3) return nsNames(w);
    if (i >= 4) return options(words.slice(4), words[3]!, w);
  }
  if (prev === 'netns' || prev === '-n' || prev === '-netns') return nsNames(w);
  if (cmd === 'ip') {
    let j = 1;
    let target = ns;
    while (words[j] && words[j]!.startsWith('-') && j < i) {
      if (words[j] === '-n') {
        target = words[j + 1] ?? ns;
        j += 2;
      } else j++;
    }
    if (i === j) return IP_OBJECTS;
    if (i === j + 1) return IP_VERBS[words[j]!] ?? [];
    if (DEV_AFTER.has(prev) || (words[j]?.startsWith('l') && (prev === 'set' || prev === 'del' || prev === 'show')))
      return devices(w, target);
    if (words[j]?.startsWith('r') || words[j]?.startsWith('n')) return ['dev', 'via', 'src', 'default', 'table', 'metric'];
    if (words[j]?.startsWith('l'))
      return ['up', 'down', 'master', 'nomaster', 'netns', 'type', 'peer', 'name', 'address', 'mtu', 'promisc', 'mode'];
    return devices(w, target);
  }
  if (cmd === 'iptables') {
    const t = words.indexOf('-t');
    const table = t > 0 ? (words[t + 1] ?? 'filter') : 'filter';
    if (prev === '-t' || prev === '--table') return ['filter', 'nat'];
    if (IPT_CHAIN_AFTER.has(prev)) return chains(w, ns, table);
    if (prev === '-j' || prev === '--jump') return [...new Set([...TARGETS, ...chains(w, ns, table)])];
    if (prev === '-p' || prev === '--protocol') return ['tcp', 'udp', 'icmp', 'all'];
    if (DEV_AFTER.has(prev)) return devices(w, ns);
    return [
      '-t',
      '-A',
      '-I',
      '-D',
      '-L',
      '-S',
      '-F',
      '-P',
      '-N',
      '-X',
      '-Z',
      '-n',
      '-v',
      '--line-numbers',
      '-s',
      '-d',
      '-i',
      '-o',
      '-p',
      '-j',
      '--dport',
      '--sport',
      '--to-destination',
      '--to-source',
    ];
  }
  if (cmd === 'sysctl') return ['-w', ...SYSCTL_KEYS];
  if (cmd === 'bridge') return i === 1 ? ['fdb', 'link'] : i === 2 ? ['show'] : devices(w, ns);
  if (cmd === 'conntrack') return ['-L', '-F', '-D'];
  if (cmd === 'ping' || cmd === 'traceroute') {
    if (prev === '-I') return devices(w, ns);
    return [...addresses(w), ...(cmd === 'ping' ? ['-c', '-t', '-I', '-W'] : ['-n', '-m'])];
  }
  if (cmd === 'curl') return [...addresses(w).map((a) => `http://${a}/`), '-v', '-s', '-m'];
  return [...devices(w, ns), ...nsNames(w)];
}

function nsNames(w: WorldSnapshot): string[] {
  return w.namespaces.filter((n) => !n.root).map((n) => n.name);
}

/** what the lab runs after a pipe (the shell's list, src/cmd/help.ts PIPE_FILTERS) */
export const PIPE_FILTERS = ['grep', 'head', 'tail', 'wc', 'sort', 'uniq', 'cut', 'tr', 'awk', 'column', 'cat', 'tee', 'iptables-restore'];

/** where the command being typed starts: past the last `|`, `;`, `&&`, `||` or `&` outside quotes, and whether a pipe feeds it */
function lastCommand(before: string): { at: number; piped: boolean } {
  let at = 0;
  let piped = false;
  let q: string | null = null;
  for (let i = 0; i < before.length; i++) {
    const c = before[i]!;
    if (q) {
      if (c === q) q = null;
    } else if (c === '\\') i++;
    else if (c === "'" || c === '"') q = c;
    else if (c === '|' || c === ';' || c === '&') {
      const two = before[i + 1] === c && c !== ';';
      piped = c === '|' && !two;
      if (two) i++;
      at = i + 1;
    }
  }
  return { at, piped };
}

/** what could follow `before` (the line up to the cursor) in namespace `ns` */
export function complete(before: string, ns: string, w: WorldSnapshot): Completion {
  const last = lastCommand(before);
  if (last.at > 0) {
    const rest = before.slice(last.at);
    const lead = rest.length - rest.trimStart().length;
    const inner = complete(rest.trimStart(), ns, w);
    const first = !/\s/.test(rest.trimStart());
    const candidates = last.piped && first ? PIPE_FILTERS.filter((c) => c.startsWith(rest.trimStart())).sort() : inner.candidates;
    return { from: last.at + lead + inner.from, candidates };
  }
  const { words, from } = split(before);
  const word = words[words.length - 1] ?? '';
  const all = options(words, ns, w);
  const candidates = [...new Set(all.filter((c) => c.startsWith(word)))].sort();
  return { from, candidates };
}

/** the longest prefix every candidate shares */
export function commonPrefix(xs: readonly string[]): string {
  if (!xs.length) return '';
  let p = xs[0]!;
  for (const x of xs) while (!x.startsWith(p)) p = p.slice(0, -1);
  return p;
}
