// sysctl, bridge, brctl and the http server line.

import { reverseLookupConnects } from '../core/resolver.ts';
import { NUD_KEYS } from '../core/ip/nud.ts';
import { formatIpv4, formatMac, parseIpv4, parseMac, strtoul0 } from '../core/addr.ts';
import { type Device, PORT_STATES } from '../core/device.ts';
import { CONF_ALL_DEFAULTS, CONF_DEFAULTS, IPV4_KEYS, type Netns } from '../core/netns.ts';
import type { World } from '../core/world.ts';
import { CmdError, ok, type ExecResult } from './result.ts';
import { brctlShowmacs, showBridgeLink, showFdb } from './show-bridge.ts';

/** LOG writes to the kernel log from every namespace, not only the first (see core/netfilter/log.ts) */
const NF_LOG_ALL_NETNS = 'net.netfilter.nf_log_all_netns';

function keyPath(k: string): string {
  return `/proc/sys/${k.replace(/\./g, '/')}`;
}

function readKey(ns: Netns, key: string): number | null {
  const s = ns.sysctl;
  if (key === 'net.ipv4.ip_forward' || key === 'net.ipv4.conf.all.forwarding') return s.ipForward ? 1 : 0;
  if (key === 'net.bridge.bridge-nf-call-iptables') return s.bridgeNfCallIptables ? 1 : 0;
  // a global key, registered in the first namespace only (nf_log_sysctl_ftable)
  if (key === NF_LOG_ALL_NETNS) return ns === ns.world.root ? (ns.world.nfLogAllNetns ? 1 : 0) : null;
  const m = /^net\.ipv4\.conf\.([^.]+)\.([a-z_0-9]+)$/.exec(key);
  if (m) {
    const which = m[1]!;
    const name = m[2]!;
    const d = which === 'all' || which === 'default' ? null : ns.dev(which);
    if (which !== 'all' && which !== 'default' && !d) return null;
    if (name === 'rp_filter')
      return which === 'all' ? s.rpFilterAll : which === 'default' ? s.rpFilterDefault : (s.rpFilterDev.get(d!.id) ?? 0);
    if (name === 'forwarding') {
      if (which === 'all') return s.ipForward ? 1 : 0;
      // a device's key and default keep the number written (any non-zero forwards)
      if (which === 'default') return s.forwardingDefault ?? (s.ipForward ? 1 : 0);
      return s.forwardingDev.get(d!.id) ?? (s.ipForward ? 1 : 0);
    }
    if (!(name in CONF_DEFAULTS)) return null;
    const map = which === 'all' ? s.confAll : which === 'default' ? s.confDefault : s.confDev.get(d!.id);
    return map?.get(name) ?? (which === 'all' ? (CONF_ALL_DEFAULTS[name] ?? CONF_DEFAULTS[name]!) : CONF_DEFAULTS[name]!);
  }
  const n = /^net\.ipv4\.neigh\.([^.]+)\.([a-z_0-9]+)$/.exec(key);
  if (n) {
    const d = ns.dev(n[1]!);
    if (!d) return null;
    // the older spellings of two timers: seconds, and USER_HZ ticks (1/100 s)
    const alias = NEIGH_ALIASES[n[2]!];
    if (alias) return Math.floor((s.neighDev.get(d.id)?.get(alias.key) ?? NEIGH_DEFAULTS[alias.key]!) / alias.ms);
    if (!(n[2]! in NEIGH_DEFAULTS)) return null;
    return s.neighDev.get(d.id)?.get(n[2]!) ?? NEIGH_DEFAULTS[n[2]!]!;
  }
  const v = /^net\.ipv4\.([a-z_0-9]+)$/.exec(key);
  if (v && v[1]! in IPV4_KEYS) return ns.ipv4(v[1]!);
  return null;
}

/**
 * net.ipv4.neigh.DEV.*: one set per device as a new namespace has them (the `default` set
 * exists only in the machine's first namespace). They time and size ARP's work: the state
 * machine's timers follow those in NUD_KEYS (core/ip/nud.ts); a write of another is kept with a warning.
 */
/** base_reachable_time (s) and retrans_time (USER_HZ ticks) read and write the _ms keys' values */
const NEIGH_ALIASES: Readonly<Record<string, { readonly key: string; readonly ms: number }>> = {
  base_reachable_time: { key: 'base_reachable_time_ms', ms: 1000 },
  retrans_time: { key: 'retrans_time_ms', ms: 10 },
};

const NEIGH_DEFAULTS: Readonly<Record<string, number>> = {
  anycast_delay: 100,
  app_solicit: 0,
  base_reachable_time_ms: 30000,
  delay_first_probe_time: 5,
  gc_stale_time: 60,
  interval_probe_time_ms: 5000,
  locktime: 100,
  mcast_resolicit: 0,
  mcast_solicit: 3,
  proxy_delay: 80,
  proxy_qlen: 64,
  retrans_time_ms: 1000,
  ucast_solicit: 3,
  unres_qlen: 101,
  unres_qlen_bytes: 212992,
};

/** write one key (already checked); the kernel's side effects included */
function writeKey(ns: Netns, key: string, value: number): void {
  const s = ns.sysctl;
  if (key === 'net.ipv4.ip_forward' || key === 'net.ipv4.conf.all.forwarding') {
    // inet_forward_change, only when the value changes: every device and conf.default follow
    if (s.ipForward !== (value !== 0)) {
      s.ipForward = value !== 0;
      s.forwardingDev.clear();
      s.forwardingDefault = null;
    }
    return;
  }
  if (key === 'net.bridge.bridge-nf-call-iptables') {
    s.bridgeNfCallIptables = value !== 0;
    return;
  }
  if (key === NF_LOG_ALL_NETNS) {
    ns.world.nfLogAllNetns = value !== 0;
    return;
  }
  const n = /^net\.ipv4\.neigh\.([^.]+)\.([a-z_0-9]+)$/.exec(key);
  if (n) {
    const d = ns.dev(n[1]!)!;
    let map = s.neighDev.get(d.id);
    if (!map) s.neighDev.set(d.id, (map = new Map()));
    const alias = NEIGH_ALIASES[n[2]!];
    if (alias) map.set(alias.key, value * alias.ms);
    else map.set(n[2]!, value);
    return;
  }
  const m = /^net\.ipv4\.conf\.([^.]+)\.([a-z_0-9]+)$/.exec(key);
  if (m) {
    const which = m[1]!;
    const name = m[2]!;
    const d = which === 'all' || which === 'default' ? null : ns.dev(which)!;
    if (name === 'rp_filter') {
      if (which === 'all') s.rpFilterAll = value;
      else if (which === 'default') s.rpFilterDefault = value;
      else s.rpFilterDev.set(d!.id, value);
      return;
    }
    if (name === 'forwarding') {
      if (which === 'default') s.forwardingDefault = value;
      else s.forwardingDev.set(d!.id, value);
      return;
    }
    let map = which === 'all' ? s.confAll : which === 'default' ? s.confDefault : s.confDev.get(d!.id);
    if (!map) s.confDev.set(d!.id, (map = new Map()));
    map.set(name, value);
    return;
  }
  s.ipv4.set(key.slice('net.ipv4.'.length), value);
}

/** what `sysctl -a` lists here (the keys this simulator knows that are not per device) */
const ALL_KEYS = [
  'net.bridge.bridge-nf-call-iptables',
  'net.ipv4.conf.all.forwarding',
  'net.ipv4.conf.all.rp_filter',
  'net.ipv4.conf.default.forwarding',
  'net.ipv4.conf.default.rp_filter',
  ...Object.keys(CONF_DEFAULTS).flatMap((k) => [`net.ipv4.conf.all.${k}`, `net.ipv4.conf.default.${k}`]),
  ...Object.keys(IPV4_KEYS).map((k) => `net.ipv4.${k}`),
  'net.ipv4.ip_forward',
  NF_LOG_ALL_NETNS,
].sort();

/**
 * Keys Linux acts on in ways a probe here could show but this lab does not simulate: a write
 * is kept (and read back) with a warning naming it. Keys with no such effect (logging,
 * IPsec policy, a SYN flood's cookies) are kept quietly; see conformance/KNOBS.md.
 */
const UNMODELLED_KEYS = new Set([
  'secure_redirects',
  'arp_announce',
  'arp_filter',
  'arp_accept',
  'arp_notify',
  'accept_local',
  'accept_source_route',
  'src_valid_mark',
  'drop_gratuitous_arp',
  'drop_unicast_in_l2_multicast',
  'bc_forwarding',
  'medium_id',
  'force_igmp_version',
  'mc_forwarding',
  'arp_evict_nocarrier',
  'ip_nonlocal_bind',
  'ip_no_pmtu_disc',
  'tcp_synack_retries',
]);

/** the range a key accepts (proc_dointvec_minmax), or null for any integer */
function keyRange(key: string): { min: number; max: number } | null {
  if (key === NF_LOG_ALL_NETNS) return { min: 0, max: 1 };
  // ip_forward, conf.*.forwarding, rp_filter and the bridge keys are plain proc_dointvec
  if (key.startsWith('net.bridge.') || key.startsWith('net.ipv4.conf.') || key === 'net.ipv4.ip_forward') return null;
  // neigh_proc_dointvec_zero_intmax and its _ms/_jiffies kin; the delays and timers on jiffies
  // take any integer, interval_probe_time_ms at least 1
  const n = /^net\.ipv4\.neigh\.[^.]+\.([a-z_0-9]+)$/.exec(key);
  if (n) {
    if (['gc_stale_time', 'locktime', 'anycast_delay', 'delay_first_probe_time', 'proxy_delay'].includes(n[1]!)) return null;
    return { min: n[1] === 'interval_probe_time_ms' ? 1 : 0, max: 2147483647 };
  }
  const v = /^net\.ipv4\.([a-z_0-9]+)$/.exec(key);
  if (v && IPV4_KEYS[v[1]!]) return IPV4_KEYS[v[1]!]!;
  return null;
}

/** proc_get_long: an optional '-', a digit, then simple_strtoul(…, 0): 0x hex, 0 octal */
function procInteger(raw: string): number | null {
  const neg = raw.startsWith('-');
  const body = neg ? raw.slice(1) : raw;
  if (!/^[0-9]/.test(body)) return null;
  const r = strtoul0(body);
  if (!r || r.end !== body.length) return null;
  return neg ? -r.value : r.value;
}

export function sysctlCommand(ns: Netns, args: string[]): ExecResult {
  let write = false;
  let quiet = false;
  const items: string[] = [];
  let all = false;
  let ignoreUnknown = false;
  // procps: -n prints values only, -N names only, -b values without a newline
  let print: 'both' | 'values' | 'names' | 'binary' = 'both';
  const LONG: Record<string, string> = {
    '--all': 'a',
    '--ignore': 'e',
    '--values': 'n',
    '--names': 'N',
    '--binary': 'b',
    '--quiet': 'q',
    '--write': 'w',
  };
  for (const a of args) {
    // getopt: short options may share one dash (-wq)
    const letters = LONG[a] ?? (/^-[A-Za-z]+$/.test(a) ? a.slice(1) : null);
    if (letters === null) {
      if (a.startsWith('-')) throw new CmdError(`sysctl: invalid option -- '${a.slice(1)}'`, 1);
      items.push(a);
      continue;
    }
    for (const c of letters) {
      if (c === 'w') write = true;
      else if (c === 'q') quiet = true;
      else if (c === 'a' || c === 'A' || c === 'X') all = true;
      else if (c === 'e') ignoreUnknown = true;
      else if (c === 'n') print = 'values';
      else if (c === 'N') print = 'names';
      else if (c === 'b') print = 'binary';
      else throw new CmdError(`sysctl: invalid option -- '${c}'`, 1);
    }
  }
  const line = (key: string, value: number | string | null): string =>
    print === 'values' ? `${value}\n` : print === 'names' ? `${key}\n` : print === 'binary' ? `${value}` : `${key} = ${value}\n`;
  if (all && !items.length) return ok(ALL_KEYS.map((k) => (readKey(ns, k) === null ? '' : line(k, readKey(ns, k)))).join(''));
  if (!items.length) throw new CmdError('sysctl: no variables specified', 1);
  // procps takes the items one by one: a failure is reported and the next item still runs
  let out = '';
  const errors: string[] = [];
  let status = 0;
  let done = 0;
  let warnings = '';
  for (const it of items) {
    const r = sysctlItem(ns, it, write);
    // -e: unknown keys are skipped without a word
    if (typeof r === 'string' && ignoreUnknown && r.includes('cannot stat')) continue;
    if (typeof r === 'string') {
      errors.push(r);
      status = r.includes('must be of the form') ? 1 : 255;
      continue;
    }
    done++;
    // conf.*.mc_forwarding is read-only (a multicast routing daemon sets it): the write fails
    // with EINVAL, and procps says so yet exits 0
    if (r.value !== null && r.key.endsWith('.mc_forwarding') && r.key.startsWith('net.ipv4.conf.')) {
      warnings += `sysctl: setting key "${r.key}": Invalid argument\n`;
      continue;
    }
    if (r.value !== null) {
      writeKey(ns, r.key, r.value);
      const spelt = r.key.slice(r.key.lastIndexOf('.') + 1);
      const leaf = NEIGH_ALIASES[spelt]?.key ?? spelt;
      if (UNMODELLED_KEYS.has(leaf) || (r.key.startsWith('net.ipv4.neigh.') && !NUD_KEYS.has(leaf)))
        warnings += `netlab: warning: ${r.key} is stored but its effect is not modelled\n`;
    }
    // procps echoes a written value as it was given (0x0808, not 2056)
    if (!quiet) out += r.raw !== undefined ? line(r.key, r.raw) : line(r.key, readKey(ns, r.key));
  }
  if (!errors.length) return ok(out, warnings);
  if (!done) throw new CmdError(errors.join('\n'), status);
  return { stdout: out, stderr: warnings + errors.join('\n') + '\n', status, partial: true };
}

/** one KEY or KEY=VALUE of a sysctl line: what to do, or the message refusing it */
function sysctlItem(ns: Netns, it: string, write: boolean): { key: string; value: number | null; raw?: string } | string {
  const eq = it.indexOf('=');
  if (eq < 0) {
    if (write) return `sysctl: "${it}" must be of the form name=value`;
    const key = it.replace(/\//g, '.');
    if (readKey(ns, key) === null) return `sysctl: cannot stat ${keyPath(key)}: No such file or directory`;
    return { key, value: null };
  }
  const key = it.slice(0, eq).trim().replace(/\//g, '.');
  const raw = it.slice(eq + 1).trim();
  if (readKey(ns, key) === null) return `sysctl: cannot stat ${keyPath(key)}: No such file or directory`;
  const v = procInteger(raw);
  const range = keyRange(key);
  if (v === null || (range ? v < range.min || v > range.max : v < -2147483648 || v > 2147483647)) {
    return `sysctl: setting key "${key}": Invalid argument`;
  }
  return { key, value: v, raw };
}

export function bridgeCommand(ns: Netns, args0: string[]): ExecResult {
  // bridge(8)'s formatting options: -d -s -j -p -o, and -c (-compressvlans: no VLANs here)
  let i0 = 0;
  const opts: { details?: boolean; stats?: boolean; json?: boolean; pretty?: boolean; oneline?: boolean } = {};
  while (args0[i0]?.startsWith('-')) {
    const m = /^--?(d(etails)?|s(tats|tatistics)?|j(son)?|p(retty)?|c(olor|ompressvlans)?|o(neline)?)$/.exec(args0[i0]!);
    if (!m) break;
    const f = m[1]![0];
    if (f === 'd') opts.details = true;
    else if (f === 's') opts.stats = true;
    else if (f === 'j') opts.json = true;
    else if (f === 'p') opts.pretty = true;
    else if (f === 'o') opts.oneline = true;
    i0++;
  }
  const args = args0.slice(i0);
  const [obj, cmd, ...rest] = args;
  if (obj === 'fdb' && (cmd === undefined || cmd === 'show' || cmd === 'list')) {
    const i = rest.indexOf('dev');
    const b = rest.indexOf('br');
    let br: Device | null = null;
    if (b >= 0) {
      br = ns.dev(rest[b + 1] ?? '') ?? null;
      if (!br) throw new CmdError(`Cannot find bridge device "${rest[b + 1] ?? ''}"`, 255);
    }
    if (i < 0) return ok(showFdb(ns, null, br, opts));
    const d = ns.dev(rest[i + 1] ?? '');
    if (!d) throw new CmdError(`Cannot find device "${rest[i + 1] ?? ''}"`, 255);
    return ok(showFdb(ns, d, br, opts));
  }
  if (obj === 'fdb' && (cmd === 'add' || cmd === 'append' || cmd === 'replace' || cmd === 'del' || cmd === 'delete'))
    return fdbChange(ns, cmd, rest);
  if (obj === 'link' && (cmd === undefined || cmd === 'show')) {
    const di = rest.indexOf('dev');
    let only: Device | null = null;
    if (di >= 0) {
      only = ns.dev(rest[di + 1] ?? '') ?? null;
      if (!only) throw new CmdError(`Cannot find device "${rest[di + 1] ?? ''}"`, 1);
    }
    return ok(showBridgeLink(ns, only, opts));
  }
  if (obj === 'link' && cmd === 'set') {
    let dev: string | undefined;
    const flags: PortFlags = {};
    for (let i = 0; i < rest.length; i++) {
      const k = rest[i]!;
      const v = rest[i + 1];
      if (k === 'dev') {
        dev = v;
        i++;
        continue;
      }
      if (k === 'hairpin' || k === 'learning' || k === 'flood' || k === 'isolated') {
        if (v !== 'on' && v !== 'off') throw new CmdError(`Error: argument of "${k}" must be one of "off", "on", not "${v ?? ''}"`, 255);
        flags[k] = v === 'on';
        i++;
        continue;
      }
      if (k === 'state') {
        flags.state = parsePortState(v);
        i++;
        continue;
      }
      if (k === 'cost' || k === 'priority' || k === 'guard') {
        // STP path cost, port priority and BPDU guard: STP decides nothing a probe sees here
        i++;
        continue;
      }
      throw new CmdError(`Error: either "dev" is duplicate, or "${k}" is a garbage.`, 255);
    }
    if (dev === undefined) throw new CmdError('Device is a required argument', 255);
    const d = ns.dev(dev);
    if (!d) throw new CmdError(`Cannot find device "${dev}"`, 1);
    if (!d.master) throw new CmdError('RTNETLINK answers: Operation not supported', 2);
    setPortFlags(d, flags);
    return ok();
  }
  if (obj === 'vlan') return bridgeVlan(ns, cmd, rest);
  throw new CmdError(`Command "${cmd ?? ''}" is unknown, try "bridge ${obj ?? ''} help".`, 255);
}

/**
 * bridge vlan: the recording kernel is built without bridge VLAN filtering, so no port has a
 * VLAN to list, an added one is refused, and deleting one deletes nothing
 * (conformance/scenarios/168-vlan-unsupported.sh). bridge(8) exits 255 on every failure.
 */
function bridgeVlan(ns: Netns, cmd: string | undefined, rest: string[]): ExecResult {
  if (cmd === undefined || cmd === 'show' || cmd === 'list') return ok('port              vlan-id  \n');
  if (cmd !== 'add' && cmd !== 'del' && cmd !== 'delete') throw new CmdError(`Command "${cmd}" is unknown, try "bridge vlan help".`, 255);
  let dev: string | undefined;
  let vid: string | undefined;
  // vlan_modify reads dev and vid (pvid, untagged, self, master are flags) and passes over the rest
  for (let i = 0; i < rest.length; i++) {
    const k = rest[i]!;
    if (k !== 'dev' && k !== 'vid') continue;
    const v = rest[++i];
    if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
    if (k === 'dev') dev = v;
    else vid = v;
  }
  if (dev === undefined || vid === undefined) throw new CmdError('Device and VLAN ID are required arguments.', 255);
  const d = ns.dev(dev);
  if (!d) throw new CmdError(`Cannot find bridge device "${dev}"`, 255);
  if (!d.master) throw new CmdError('RTNETLINK answers: Operation not supported', 255);
  // strtoul: the leading digits (none is 0); br_vlan_valid_id wants 1..4094
  for (const id of vid.split('-')) {
    const n = Number(/^\d*/.exec(id)![0] || '0');
    if (n < 1 || n > 4094) throw new CmdError('Error: bridge: Vlan id is invalid.', 255);
  }
  if (cmd === 'add') throw new CmdError('RTNETLINK answers: Operation not supported', 255);
  return ok();
}

export function brctlCommand(w: World, ns: Netns, args: string[]): ExecResult {
  const [cmd, br, dev] = args;
  switch (cmd) {
    case 'addbr': {
      if (!br) throw new CmdError('Usage: brctl addbr <bridge>', 1);
      if (ns.dev(br)) throw new CmdError(`device ${br} already exists; can't create bridge with the same name`, 1);
      w.ensureRoom(0, 1);
      w.createDevice(ns, br, 'bridge', w.randomMac());
      return ok();
    }
    case 'delbr': {
      const d = br ? ns.dev(br) : undefined;
      if (!d || d.kind !== 'bridge') throw new CmdError(`bridge ${br ?? ''} doesn't exist; can't delete it`, 1);
      if (d.up) throw new CmdError(`bridge ${br} is still up; can't delete it`, 1);
      w.deleteDevice(d);
      return ok();
    }
    case 'addif':
    case 'delif': {
      const b = br ? ns.dev(br) : undefined;
      if (!b || b.kind !== 'bridge') throw new CmdError(`bridge ${br ?? ''} does not exist!`, 1);
      const d = dev ? ns.dev(dev) : undefined;
      if (!d) throw new CmdError(`interface ${dev ?? ''} does not exist!`, 1);
      if (cmd === 'addif') {
        if (d.master === b) throw new CmdError(`device ${dev} is already a member of a bridge; can't add it to bridge ${br}.`, 1);
        if (d.master) throw new CmdError(`device ${dev} is already a member of a bridge; can't add it to bridge ${br}.`, 1);
        if (d.kind === 'bridge' || d.kind === 'loopback') throw new CmdError(`can't add ${dev} to bridge ${br}: Invalid argument`, 1);
        w.enslave(d, b);
      } else {
        if (d.master !== b) throw new CmdError(`device ${dev} is not a slave of ${br}`, 1);
        w.release(d);
      }
      return ok();
    }
    case 'show':
    case undefined: {
      if (br && ns.dev(br)?.kind !== 'bridge') throw new CmdError(`bridge ${br} does not exist!`, 1);
      // brctl prints its header only when there is a bridge to list
      const any = ns.deviceList().some((b) => b.kind === 'bridge' && (!br || b.name === br));
      let out = any ? 'bridge name\tbridge id\t\tSTP enabled\tinterfaces\n' : '';
      for (const b of ns.deviceList()) {
        if (b.kind !== 'bridge' || (br && b.name !== br)) continue;
        const id = `8000.${formatMac(b.bridgeId).replace(/:/g, '')}`;
        const ports = b.ports.map((p) => p.name).sort();
        out += `${b.name}\t\t${id}\tno\t\t${ports[0] ?? ''}\n`;
        for (const p of ports.slice(1)) out += `\t\t\t\t\t\t\t${p}\n`;
      }
      return ok(out);
    }
    case 'stp': {
      // STP is off and stays off here: turning it on (ports listening, then learning, for
      // twice forward_delay) is not modelled, so it is refused rather than ignored
      const b = br ? ns.dev(br) : undefined;
      if (!b || b.kind !== 'bridge') throw new CmdError(`bridge ${br ?? ''} does not exist!`, 1);
      if (dev === 'off' || dev === 'no') return ok();
      throw new CmdError(`netlab: spanning tree is not simulated (brctl stp ${br} ${dev ?? ''})`, 1);
    }
    case 'setageing':
    case 'setfd':
    case 'sethello':
    case 'setmaxage':
    case 'setbridgeprio':
    case 'setgcint': {
      // timers and priorities of a bridge without STP: nothing a probe can see
      const b = br ? ns.dev(br) : undefined;
      if (!b || b.kind !== 'bridge') throw new CmdError(`bridge ${br ?? ''} does not exist!`, 1);
      if (dev === undefined || !/^\d+(\.\d+)?$/.test(dev)) throw new CmdError(`bad ${cmd.slice(3)} value`, 1);
      return ok();
    }
    case 'showmacs':
      if (!br)
        throw new CmdError('Incorrect number of arguments for command\nUsage: brctl showmacs <bridge>\t\tshow a list of mac addrs', 1);
      return ok(brctlShowmacs(ns, br));
    case 'showstp':
      throw new CmdError(`netlab: brctl showstp is not modelled (bridge -d link show dev PORT shows each port's STP state)`, 1);
    default:
      throw new CmdError(`never heard of command [${cmd}]`, 1);
  }
}

/**
 * python3 -m http.server [--bind ADDR] [PORT] [--directory D]. Without --bind, Python 3.11
 * listens on `::` (dual stack, even with IPv6 disabled on every interface): it prints
 * `Serving HTTP on :: port …` and logs IPv4 clients as ::ffff:a.b.c.d.
 */
export function httpServer(ns: Netns, args: string[]): ExecResult {
  let bind = 0;
  // with no --bind Python binds the first address getaddrinfo(None, …, AI_PASSIVE) gives, and
  // glibc sorts an address it cannot route to last: with lo down 0.0.0.0 is unroutable and `::`
  // (dual stack) comes first; with lo up 0.0.0.0 does (IPv6 is disabled in the recordings)
  let any6 = !ns.loopback().up;
  let port = 8000;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--bind' || a === '-b') {
      const v = parseIpv4(args[++i] ?? '');
      if (v === null) throw new CmdError('OSError: [Errno 99] Cannot assign requested address', 1);
      bind = v;
      any6 = false;
      continue;
    }
    if (/^\d+$/.test(a)) {
      port = Number(a);
      continue;
    }
    if (a === '-d' || a === '--directory') {
      i++;
      continue;
    }
    throw new CmdError(
      `usage: server.py [-h] [--cgi] [-b ADDRESS] [-d DIRECTORY] [-p VERSION] [port]\nserver.py: error: unrecognized arguments: ${a}`,
      2,
    );
  }
  if (port > 65535) throw new CmdError('OverflowError: bind(): port must be 0-65535.', 1);
  if (bind !== 0 && !ns.isLocalAddr(bind)) throw new CmdError('OSError: [Errno 99] Cannot assign requested address', 1);
  if (ns.listeners.some((l) => l.proto === 'tcp' && l.port === port && (l.addr === 0 || bind === 0 || l.addr === bind))) {
    throw new CmdError('OSError: [Errno 98] Address already in use', 1);
  }
  ns.listeners.push({ addr: bind, port, proto: 'tcp', what: 'python3 -m http.server', log: [], mapped: any6 });
  // HTTPServer.server_bind names itself with socket.getfqdn(ADDR): a reverse lookup of the
  // address bound, unless /etc/hosts names it (the lab's names 127.0.0.1 and 127.0.1.1 only)
  if (bind !== 0 && bind !== 0x7f000001 && bind !== 0x7f000101) reverseLookupConnects(ns, ns.world.etc.get('/etc/resolv.conf'));
  const host = any6 ? '::' : formatIpv4(bind);
  const urlHost = any6 ? '[::]' : host;
  return ok(`Serving HTTP on ${host} port ${port} (http://${urlHost}:${port}/) ...\n`);
}

/**
 * bridge fdb add|append|replace|del LLADDR dev DEV [self] [master] [permanent|static|dynamic]
 * [dst IP]: the FDB of a bridge (master, on a port), of a VXLAN device (self: its remotes), or
 * the unicast list of any other device (self).
 */
function fdbChange(ns: Netns, cmd: string, a: string[]): ExecResult {
  const macText = a[0];
  if (macText === undefined) throw new CmdError('Device and address are required arguments.', 255);
  const mac = parseMac(macText);
  if (mac === null) throw new CmdError(`Invalid mac address ${macText}`, 255);
  let devName: string | null = null;
  let dst: number | null = null;
  let master = false;
  let state: 'permanent' | 'static' | 'dynamic' = 'permanent';
  for (let i = 1; i < a.length; i++) {
    const k = a[i]!;
    const v = a[i + 1];
    if (k === 'self') {
      /* the default */
    } else if (k === 'master') master = true;
    else if (k === 'permanent' || k === 'local') state = 'permanent';
    else if (k === 'static') state = 'static';
    else if (k === 'dynamic') state = 'dynamic';
    else if (k === 'dev' || k === 'dst' || k === 'vni' || k === 'port' || k === 'dport' || k === 'vlan' || k === 'via' || k === 'src_vni') {
      if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
      i++;
      if (k === 'dev') devName = v;
      else if (k === 'dst') {
        dst = parseIpv4(v);
        if (dst === null) throw new CmdError(`Error: an inet address is expected rather than "${v}".`, 255);
      } else throw new CmdError(`netlab: "bridge fdb … ${k}" is not modelled (one VNI and port per VXLAN device)`, 255);
    } else if (k === 'router' || k === 'use' || k === 'extern_learn' || k === 'sticky') {
      /* flags with no effect here */
    } else throw new CmdError(`Error: either "dev" is duplicate, or "${k}" is a garbage.`, 255);
  }
  if (devName === null) throw new CmdError('Device and address are required arguments.', 255);
  const d = ns.dev(devName);
  if (!d) throw new CmdError(`Cannot find device "${devName}"`, 255);
  const del = cmd === 'del' || cmd === 'delete';
  const missing = () => new CmdError('RTNETLINK answers: No such file or directory', 255);
  const exists = () => new CmdError('RTNETLINK answers: File exists', 255);
  if (master) {
    const br = d.master;
    if (!br) throw new CmdError('RTNETLINK answers: Operation not supported', 255);
    const e = br.fdb.get(mac);
    if (del) {
      if (!e || e.port !== d) throw missing();
      br.fdb.delete(mac);
      return ok();
    }
    if (e && cmd === 'add') throw exists();
    br.fdb.set(mac, { port: d, local: state === 'permanent', static: state === 'static', updated: ns.world.clock.now() });
    return ok();
  }
  if (d.vxlan) {
    const fdb = d.vxlan.fdb;
    const e = fdb.get(mac);
    if (del) {
      if (!e || (dst !== null && !e.dsts.includes(dst))) throw missing();
      if (dst !== null && e.dsts.length > 1) e.dsts = e.dsts.filter((x) => x !== dst);
      else fdb.delete(mac);
      return ok();
    }
    if (dst === null) throw new CmdError('RTNETLINK answers: Invalid argument', 255);
    if (!e) {
      fdb.set(mac, { dsts: [dst], state });
      return ok();
    }
    if (cmd === 'add') throw exists();
    if (cmd === 'append') {
      if (!e.dsts.includes(dst)) e.dsts = [...e.dsts, dst];
      return ok();
    }
    e.dsts = [dst, ...e.dsts.slice(1)];
    e.state = state;
    return ok();
  }
  // a device's own unicast list (ndo_dflt_fdb_add): permanent addresses only
  if (del) {
    if (!d.selfFdb.has(mac)) throw missing();
    d.selfFdb.delete(mac);
    return ok();
  }
  if (state !== 'permanent') throw new CmdError('RTNETLINK answers: Invalid argument', 255);
  if (d.selfFdb.has(mac)) throw exists();
  d.selfFdb.add(mac);
  return ok();
}

/** the bridge port flags `bridge link set` and `ip link set … type bridge_slave` change */
export interface PortFlags {
  hairpin?: boolean;
  learning?: boolean;
  flood?: boolean;
  isolated?: boolean;
  /** BR_STATE_* number, checked by the kernel when applied */
  state?: number;
}

/** bridge(8)'s `state`: a decimal number or one of the STP state names */
export function parsePortState(v: string | undefined): number {
  if (v !== undefined && /^[0-9]+$/.test(v)) return Number(v);
  const i = v === undefined ? -1 : (PORT_STATES as readonly string[]).indexOf(v);
  if (i < 0) throw new CmdError('Error: invalid STP port state', 255);
  return i;
}

/**
 * br_setport: the flags, then br_set_port_state: a state past blocking is EINVAL, kernel STP
 * owns its ports' states (EBUSY), and a port that is down or without carrier can only be
 * disabled (ENETDOWN). Checked in full before anything changes.
 */
export function checkPortFlags(d: Device, f: PortFlags): void {
  if (f.state !== undefined) {
    if (f.state > 4) throw new CmdError('RTNETLINK answers: Invalid argument', 2);
    if (d.master?.stpState) throw new CmdError('RTNETLINK answers: Device or resource busy', 2);
    if (!d.up || (!d.operUp() && f.state !== 0)) throw new CmdError('RTNETLINK answers: Network is down', 2);
  }
}

export function setPortFlags(d: Device, f: PortFlags): void {
  checkPortFlags(d, f);
  if (f.hairpin !== undefined) d.hairpin = f.hairpin;
  // br_port_state_selection without STP: every port is designated, and a blocking one is
  // made forwarding at once (listening and learning stay as set)
  if (f.state === 4 && !d.master?.stpState) f = { ...f, state: 3 };
  if (f.learning !== undefined) d.learning = f.learning;
  if (f.flood !== undefined) d.flood = f.flood;
  if (f.isolated !== undefined) d.isolated = f.isolated;
  if (f.state !== undefined) d.portStateSet = PORT_STATES[f.state]!;
}
