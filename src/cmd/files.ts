// The few files a learner reads or writes in a namespace: /proc/sys/net/… (the sysctls, one
// value a file), /sys/class/net (a directory of the namespace's devices), and the host's
// /etc/hosts, /etc/hostname and /etc/resolv.conf, and the device counters (net-dev-files.ts).
// `cat`, `ls` and `echo … > FILE` use them.
// Other commands may add files of their own with `addFileProvider` (a container's resolv.conf).

import { formatIpv4 } from '../core/addr.ts';
import type { Netns } from '../core/netns.ts';
import type { World } from '../core/world.ts';
import { sysctlCommand } from './misc.ts';
import { deviceCounterFiles, statisticsDir } from './net-dev-files.ts';
import { snmpFiles } from './snmp-files.ts';
import { procNetRouteFiles } from './net-tools.ts';
import { CmdError, type ExecResult, ok } from './result.ts';

/** the name the lab's host answers to (its prompt is root@netlab) */
export const HOSTNAME = 'netlab';

/** the text of PATH as NS sees it, or null when no provider has such a file */
export type FileProvider = (w: World, ns: Netns, path: string) => string | null;

const providers: FileProvider[] = [];

/** a provider added later is asked first: a container's /etc/hosts shadows the host's */
export function addFileProvider(p: FileProvider): void {
  providers.unshift(p);
}

/** Debian 12's /etc/hosts for a host named netlab */
const ETC_HOSTS = `127.0.0.1\tlocalhost
127.0.1.1\t${HOSTNAME}

# The following lines are desirable for IPv6 capable hosts
::1     localhost ip6-localhost ip6-loopback
ff02::1 ip6-allnodes
ff02::2 ip6-allrouters
`;

/** until one is written, the lab's host resolves nothing beyond /etc/hosts: a resolv.conf that names no server */
export const ETC_RESOLV = '# netlab: no DNS server is reachable from the lab\n';

/**
 * The files of /etc a user may write: the stub resolver reads /etc/resolv.conf for every name.
 * Every namespace shares the one mount namespace (`ip netns exec` would bind /etc/netns/NS/ over
 * it, and the lab makes none), so the text lives in the world.
 */
const WRITABLE_ETC = new Set(['/etc/resolv.conf']);

/** /proc/sys/net/A/B/C ↔ the sysctl key net.A.B.C */
function sysctlKey(path: string): string | null {
  const m = /^\/proc\/sys\/(net\/[^\s]+)$/.exec(path.replace(/\/+$/, ''));
  return m ? m[1]!.replaceAll('/', '.') : null;
}

function hostFiles(w: World, ns: Netns, path: string): string | null {
  const written = WRITABLE_ETC.has(path) ? w.etc.get(path) : undefined;
  if (written !== undefined) return written;
  switch (path) {
    case '/etc/hosts':
      return ETC_HOSTS;
    case '/etc/hostname':
      return `${HOSTNAME}\n`;
    case '/etc/resolv.conf':
      return ETC_RESOLV;
  }
  const key = sysctlKey(path);
  return key === null ? null : sysctlValue(ns, key);
}

/** a sysctl's value as its /proc/sys file reads, or null when there is no such key */
function sysctlValue(ns: Netns, key: string): string | null {
  try {
    const r = sysctlCommand(ns, ['-n', key]);
    return r.status === 0 ? r.stdout : null;
  } catch (e) {
    if (e instanceof CmdError) return null;
    throw e;
  }
}
addFileProvider(hostFiles);
addFileProvider(deviceCounterFiles);
addFileProvider(snmpFiles);
addFileProvider(procNetRouteFiles);

/**
 * The files a redirection or tee made (`ip a > /tmp/addrs`): the lab's disk, one per world (every
 * namespace shares the mount namespace). They live in the directories a Debian host has, and
 * nowhere on the real disk.
 */
const userFiles = new WeakMap<World, Map<string, string>>();
const USER_DIRS = new Set(['/tmp', '/root', '/var/tmp', '/home', '/srv', '/opt', '/mnt', '/etc']);
/** a terminal's shell starts in root's home */
const HOME = '/root';

function filesOf(w: World): Map<string, string> {
  let m = userFiles.get(w);
  if (!m) {
    m = new Map();
    userFiles.set(w, m);
  }
  return m;
}

/** PATH made absolute (from root's home) with `.`, `..` and doubled slashes resolved */
export function absolutePath(path: string): string {
  const parts: string[] = [];
  for (const p of (path.startsWith('/') ? path : `${HOME}/${path}`).split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return `/${parts.join('/')}`;
}

function dirOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}

addFileProvider((w, _ns, path) => userFiles.get(w)?.get(absolutePath(path)) ?? null);

/** the text of PATH as NS sees it; SKIP: a provider not to ask (one reading the file below its own) */
export function readFile(w: World, ns: Netns, path: string, skip?: FileProvider): string | null {
  for (const p of providers) {
    if (p === skip) continue;
    const t = p(w, ns, path);
    if (t !== null) return t;
  }
  return null;
}

/**
 * cat FILE…: each file's text in turn; a missing one named on stderr, the rest still printed.
 * Without a file (or with `-`) it copies its standard input: a here-document.
 */
export function catCommand(w: World, ns: Netns, args: readonly string[], stdin: string | null = null): ExecResult {
  const opt = args.find((a) => a.startsWith('-') && a !== '-');
  if (opt !== undefined) throw new CmdError(`cat: invalid option -- '${opt.slice(1, 2)}'\nTry 'cat --help' for more information.`, 1);
  if (args.length === 0 || (args.length === 1 && args[0] === '-')) {
    if (stdin === null) throw new CmdError('netlab: cat reads no standard input here: name a file or give a here-document', 1);
    return ok(stdin);
  }
  let out = '';
  let err = '';
  for (const f of args) {
    const dir = listDir(ns, f);
    if (dir !== null) {
      err += `cat: ${f}: Is a directory\n`;
      continue;
    }
    const t = readFile(w, ns, f);
    if (t === null) err += `cat: ${f}: No such file or directory\n`;
    else out += t;
  }
  return { stdout: out, stderr: err, status: err ? 1 : 0 };
}

/** the entries of a directory the lab has, sorted as ls sorts them in the C locale */
function listDir(ns: Netns, path: string): string[] | null {
  const p = path.replace(/\/+$/, '') || '/';
  const abs = absolutePath(p);
  if (USER_DIRS.has(abs) && abs !== '/etc')
    return [...filesOf(ns.world).keys()].filter((f) => dirOf(f) === abs).map((f) => f.slice(abs.length + 1));
  if (p === '/sys/class/net') return ns.deviceList().map((d) => d.name);
  if (p === '/proc/sys/net/ipv4/conf' || p === '/proc/sys/net/ipv4/neigh') return ['all', 'default', ...ns.deviceList().map((d) => d.name)];
  return statisticsDir(ns, p);
}

/** ls's columns (-C, as on a terminal 80 wide): as many columns as fit, filled down first */
function columns(names: readonly string[], width = 80): string {
  if (names.length === 0) return '';
  for (let cols = names.length; cols >= 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    const used = Math.ceil(names.length / rows);
    const widths: number[] = [];
    for (let c = 0; c < used; c++) widths.push(Math.max(...names.slice(c * rows, (c + 1) * rows).map((n) => n.length)));
    const total = widths.reduce((s, x) => s + x, 0) + 2 * (used - 1);
    if (total > width && cols > 1) continue;
    let out = '';
    for (let r = 0; r < rows; r++) {
      const cells: string[] = [];
      for (let c = 0; c < used; c++) {
        const n = names[c * rows + r];
        if (n !== undefined) cells.push(n);
      }
      out += `${cells.map((n, c) => (c === cells.length - 1 ? n : n.padEnd(widths[c]! + 2))).join('')}\n`;
    }
    return out;
  }
  return '';
}

/**
 * ls [-1|-C] [DIR]: the lab's directories; ls sorts names with strcoll, bytewise in the C
 * locale, and prints columns on a terminal (TTY) or with -C, else one name a line
 */
export function lsCommand(ns: Netns, args: readonly string[], tty = true): ExecResult {
  let one = !tty;
  const paths: string[] = [];
  for (const a of args) {
    if (a === '-1') one = true;
    else if (a === '-C') one = false;
    else if (a.startsWith('-')) throw new CmdError(`netlab: ls ${a} is not modelled (ls [-1|-C] DIR)`, 2);
    else paths.push(a);
  }
  if (paths.length === 0) throw new CmdError('netlab: ls lists /sys/class/net and /proc/sys/net/ipv4/{conf,neigh} here: name one', 2);
  let out = '';
  let err = '';
  for (const p of paths) {
    const names = listDir(ns, p);
    if (names === null) {
      err += `ls: cannot access '${p}': No such file or directory\n`;
      continue;
    }
    const sorted = [...names].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    if (paths.length > 1) out += `${out ? '\n' : ''}${p}:\n`;
    out += one ? sorted.map((n) => `${n}\n`).join('') : columns(sorted);
  }
  return { stdout: out, stderr: err, status: err ? 2 : 0 };
}

/**
 * bash opens FILE for a redirection (`> FILE` truncates it) before the command runs: refused
 * as bash refuses it, and nothing runs. A file under /proc/sys is written when the command
 * writes (writeFile); /dev/null swallows everything.
 */
export function openForWrite(ns: Netns, path: string, append: boolean, truncate = true): void {
  if (path === '/dev/null') return;
  if (WRITABLE_ETC.has(path)) {
    if (!append && truncate) ns.world.etc.set(path, '');
    return;
  }
  const key = sysctlKey(path);
  if (key !== null) {
    if (sysctlValue(ns, key) === null) throw new CmdError(`bash: ${path}: No such file or directory`, 1);
    return;
  }
  const abs = absolutePath(path);
  const files = filesOf(ns.world);
  if (!files.has(abs)) userPathCheck(ns, path, abs);
  if (truncate && (!append || !files.has(abs))) files.set(abs, append ? (files.get(abs) ?? '') : '');
}

/** a new file of the lab's disk: in one of its directories, and not a file the lab shows from its model */
function userPathCheck(ns: Netns, path: string, abs: string): void {
  if (USER_DIRS.has(abs) || abs === '/') throw new CmdError(`bash: ${path}: Is a directory`, 1);
  if (abs.startsWith('/proc/') || abs.startsWith('/sys/') || abs.startsWith('/dev/') || !USER_DIRS.has(dirOf(abs)))
    throw new CmdError(`bash: ${path}: No such file or directory`, 1);
  if (readFile(ns.world, ns, abs) !== null)
    throw new CmdError(`netlab: only new files and ${[...WRITABLE_ETC].join(', ')} can be written here (${abs} shows the lab's model)`, 1);
}

/**
 * What a command wrote into a redirected FILE (`> FILE`, `>> FILE`, tee): into /proc/sys/net/…
 * it is a sysctl write, refused as the kernel refuses it (WHO names the failed write, as
 * `bash: echo` for the builtin); other files go to the lab's disk.
 */
export function writeFile(ns: Netns, path: string, text: string, append = false, who = 'bash: echo'): ExecResult {
  if (path === '/dev/null') return ok();
  const abs = absolutePath(path);
  const files = filesOf(ns.world);
  if (files.has(abs) || (sysctlKey(path) === null && !WRITABLE_ETC.has(path))) {
    if (!files.has(abs)) userPathCheck(ns, path, abs);
    files.set(abs, (append ? (files.get(abs) ?? '') : '') + text);
    return ok();
  }
  if (WRITABLE_ETC.has(path)) {
    const etc = ns.world.etc;
    etc.set(path, (append ? (etc.get(path) ?? '') : '') + text);
    return ok();
  }
  const key = sysctlKey(path)!;
  if (sysctlValue(ns, key) === null) throw new CmdError(`bash: ${path}: No such file or directory`, 1);
  const value = text.trim();
  // proc_dointvec: one integer (surrounding blanks and a newline allowed); anything else is EINVAL
  const einval = new CmdError(`${who}: write error: Invalid argument`, 1);
  if (!/^-?\d+$/.test(value)) throw einval;
  try {
    const r = sysctlCommand(ns, ['-q', '-w', `${key}=${value}`]);
    if (r.status !== 0) throw einval;
    return ok('', r.stderr);
  } catch (e) {
    if (e instanceof CmdError) throw einval;
    throw e;
  }
}

/** `tee [-a] FILE…` with a here-document: writes each file and prints the text */
export function teeCommand(ns: Netns, args: readonly string[], stdin: string | null): ExecResult {
  const append = args[0] === '-a' || args[0] === '--append';
  const files = append ? args.slice(1) : args;
  const bad = files.find((f) => f.startsWith('-'));
  if (bad) throw new CmdError(`tee: unrecognized option '${bad}'\nTry 'tee --help' for more information.`, 1);
  if (stdin === null)
    throw new CmdError(`netlab: tee reads its standard input from a pipe or a here-document: CMD | tee ${files.join(' ')}`, 1);
  // a file the lab cannot write is refused before any is written: the line changes nothing
  for (const f of files) openForWrite(ns, f, true);
  for (const f of files) writeFile(ns, f, stdin, append, 'tee');
  return ok(stdin);
}

/** hostname [-I|-i|-s|-f]: the lab's host name, or (-I) every address but loopback's */
export function hostnameCommand(ns: Netns, args: readonly string[]): ExecResult {
  if (args.length === 0 || args[0] === '-s' || args[0] === '--short') return ok(`${HOSTNAME}\n`);
  if (args[0] === '-I' || args[0] === '--all-ip-addresses') {
    const addrs = ns
      .deviceList()
      .filter((d) => d.kind !== 'loopback' && d.up)
      .flatMap((d) => d.addrs.map((a) => a.addr))
      .filter((a) => a >>> 24 !== 127);
    return ok(`${addrs.map((a) => `${formatIpv4(a)} `).join('')}\n`);
  }
  if (args[0]!.startsWith('-')) throw new CmdError(`netlab: hostname ${args[0]} is not modelled (hostname [-I|-s])`, 1);
  throw new CmdError(`netlab: the lab's host keeps its name (${HOSTNAME}): hostname NAME is not modelled`, 1);
}
