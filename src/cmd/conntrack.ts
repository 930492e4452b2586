// conntrack(8) of conntrack-tools 1.4.7 over a namespace's connection tracking table: -L / -D
// with their filters, -C, -F, -S. Options are read as its getopt_long reads them: the protocol's
// own options (--sport, --state, --icmp-type…) only after `-p PROTO`, and a command refuses the
// options it does not take ("Illegal option `--protonum' with this command").

import { type Ipv4, parseIpv4 } from '../core/addr.ts';
import { type CtEntry, formatCtEntry, type Tuple } from '../core/netfilter/conntrack.ts';
import type { Table } from '../core/netfilter/rule.ts';
import type { Netns } from '../core/netns.ts';
import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP } from '../core/packet.ts';
import { CmdError, type ExecResult, ok } from './result.ts';

const V = 'conntrack v1.4.7 (conntrack-tools): ';
const TRY = "Try `conntrack -h' or 'conntrack --help' for more information.";

function refuse(msg: string): CmdError {
  return new CmdError(`${V}${msg}\n${TRY}`, 2);
}

type Command = 'L' | 'D' | 'C' | 'F' | 'S';

const COMMANDS: Record<string, Command> = {
  '-L': 'L',
  '--dump': 'L',
  '-D': 'D',
  '--delete': 'D',
  '-C': 'C',
  '--count': 'C',
  '-F': 'F',
  '--flush': 'F',
  '-S': 'S',
  '--stats': 'S',
};

/** the commands the lab does not model, as conntrack spells them */
const UNMODELLED = new Set(['-E', '--event', '-G', '--get', '-I', '--create', '-U', '--update', '-A', '--add']);

/** the generic options: short and long spellings, and the name an "Illegal option" message gives */
const OPTIONS: Record<string, { readonly name: string; readonly arg: 'yes' | 'no' | 'optional' }> = {
  '-s': { name: 'src', arg: 'yes' },
  '--src': { name: 'src', arg: 'yes' },
  '--orig-src': { name: 'src', arg: 'yes' },
  '-d': { name: 'dst', arg: 'yes' },
  '--dst': { name: 'dst', arg: 'yes' },
  '--orig-dst': { name: 'dst', arg: 'yes' },
  '-r': { name: 'reply-src', arg: 'yes' },
  '--reply-src': { name: 'reply-src', arg: 'yes' },
  '-q': { name: 'reply-dst', arg: 'yes' },
  '--reply-dst': { name: 'reply-dst', arg: 'yes' },
  '-p': { name: 'protonum', arg: 'yes' },
  '--proto': { name: 'protonum', arg: 'yes' },
  '--protonum': { name: 'protonum', arg: 'yes' },
  '-f': { name: 'family', arg: 'yes' },
  '--family': { name: 'family', arg: 'yes' },
  '-o': { name: 'output', arg: 'yes' },
  '--output': { name: 'output', arg: 'yes' },
  '-m': { name: 'mark', arg: 'yes' },
  '--mark': { name: 'mark', arg: 'yes' },
  '-u': { name: 'status', arg: 'yes' },
  '--status': { name: 'status', arg: 'yes' },
  '-z': { name: 'zero', arg: 'no' },
  '--zero': { name: 'zero', arg: 'no' },
  '-n': { name: 'src-nat', arg: 'optional' },
  '--src-nat': { name: 'src-nat', arg: 'optional' },
  '-g': { name: 'dst-nat', arg: 'optional' },
  '--dst-nat': { name: 'dst-nat', arg: 'optional' },
  '-j': { name: 'any-nat', arg: 'optional' },
  '--any-nat': { name: 'any-nat', arg: 'optional' },
};

/** the options `-p tcp|udp|icmp` adds (extensions/libct_proto_*.c) */
const PORT_OPTS: Record<string, 'sport' | 'dport' | 'rsport' | 'rdport'> = {
  '--sport': 'sport',
  '--orig-port-src': 'sport',
  '--dport': 'dport',
  '--orig-port-dst': 'dport',
  '--reply-port-src': 'rsport',
  '--reply-port-dst': 'rdport',
};
const ICMP_OPTS: Record<string, 'type' | 'code' | 'id'> = { '--icmp-type': 'type', '--icmp-code': 'code', '--icmp-id': 'id' };

/** tcp_state names as conntrack's --state takes them (upper case only) */
const TCP_STATES = ['NONE', 'SYN_SENT', 'SYN_RECV', 'ESTABLISHED', 'FIN_WAIT', 'CLOSE_WAIT', 'LAST_ACK', 'TIME_WAIT', 'CLOSE', 'LISTEN'];

const PROTOS: Record<string, number> = { tcp: IPPROTO_TCP, udp: IPPROTO_UDP, icmp: IPPROTO_ICMP };

interface Prefix {
  readonly addr: Ipv4;
  readonly mask: number;
}

interface NatWanted {
  readonly addr: Ipv4 | null;
  readonly port: number | null;
}

interface Filter {
  proto: number | null;
  origSrc: Prefix | null;
  origDst: Prefix | null;
  replySrc: Prefix | null;
  replyDst: Prefix | null;
  ports: Partial<Record<'sport' | 'dport' | 'rsport' | 'rdport', number>>;
  icmp: Partial<Record<'type' | 'code' | 'id', number>>;
  tcpState: string | null;
  mark: { value: number; mask: number } | null;
  status: 'ASSURED' | 'SEEN_REPLY' | 'UNSET' | null;
  srcNat: NatWanted | null;
  dstNat: NatWanted | null;
  anyNat: NatWanted | null;
  extended: boolean;
}

/** strtoul as conntrack reads numbers: leading digits, nothing read is 0 */
function number(s: string): number {
  const m = /^\s*(0x[0-9a-f]+|\d+)/i.exec(s);
  return m ? Number(m[1]) >>> 0 : 0;
}

function prefix(v: string): Prefix {
  const [a, len] = v.split('/');
  const addr = parseIpv4(a ?? '');
  if (addr === null) throw refuse(`Invalid IP address \`${v}'`);
  const n = len === undefined ? 32 : Number(len);
  if (!/^\d+$/.test(len ?? '32') || n > 32) throw refuse(`Invalid netmask \`${len}'`);
  const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
  return { addr: (addr & mask) >>> 0, mask };
}

function natWanted(v: string | null): NatWanted {
  if (v === null) return { addr: null, port: null };
  const [a, p] = v.split(':');
  const addr = a ? parseIpv4(a) : null;
  if (a && addr === null) throw refuse(`Invalid IP address \`${a}'`);
  return { addr, port: p === undefined ? null : number(p) & 0xffff };
}

/** -m MARK[/MASK] */
function markOf(v: string): { value: number; mask: number } {
  const [m, k] = v.split('/');
  return { value: number(m ?? ''), mask: k === undefined ? 0xffffffff : number(k) };
}

interface Parsed {
  readonly command: Command;
  readonly filter: Filter;
}

function parse(args: readonly string[]): Parsed {
  let command: Command | null = null;
  const f: Filter = {
    proto: null,
    origSrc: null,
    origDst: null,
    replySrc: null,
    replyDst: null,
    ports: {},
    icmp: {},
    tcpState: null,
    mark: null,
    status: null,
    srcNat: null,
    dstNat: null,
    anyNat: null,
    extended: false,
  };
  const given: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = (): string => {
      const v = args[i + 1];
      if (v === undefined) throw refuse(`option \`${a}' requires an argument`);
      i++;
      return v;
    };
    if (UNMODELLED.has(a)) throw new CmdError(`netlab: conntrack ${a} is not modelled (conntrack -L, -D, -C, -F, -S)`, 2);
    const cmd = COMMANDS[a];
    if (cmd) {
      if (command !== null) throw refuse('Invalid commands combination');
      command = cmd;
      // -L, -C and -F take a table: conntrack (the default), expect, dying, unconfirmed
      const t = args[i + 1];
      if ((cmd === 'L' || cmd === 'C' || cmd === 'F') && t !== undefined && !t.startsWith('-')) {
        i++;
        if (t !== 'conntrack') {
          if (t === 'expect' || t === 'expectation' || t === 'dying' || t === 'unconfirmed')
            throw new CmdError(`netlab: conntrack ${a} ${t} is not modelled (the lab lists the conntrack table)`, 2);
          throw refuse(`unknown type \`${t}'`);
        }
      }
      continue;
    }
    const port = PORT_OPTS[a];
    if (port && (f.proto === IPPROTO_TCP || f.proto === IPPROTO_UDP)) {
      f.ports[port] = number(next()) & 0xffff;
      given.push(a.slice(2));
      continue;
    }
    if (a === '--state' && f.proto === IPPROTO_TCP) {
      const s = next();
      if (!TCP_STATES.includes(s)) throw refuse(`unknown TCP state \`${s}'`);
      f.tcpState = s === 'LISTEN' ? 'SYN_SENT2' : s;
      given.push('state');
      continue;
    }
    const icmp = ICMP_OPTS[a];
    if (icmp && f.proto === IPPROTO_ICMP) {
      f.icmp[icmp] = number(next()) & (icmp === 'id' ? 0xffff : 0xff);
      given.push(a.slice(2));
      continue;
    }
    const o = OPTIONS[a];
    if (!o) throw refuse(`unknown option \`${a}'`);
    given.push(o.name);
    const v =
      o.arg === 'yes' ? next() : o.arg === 'optional' && args[i + 1] !== undefined && !args[i + 1]!.startsWith('-') ? args[++i]! : null;
    switch (o.name) {
      case 'src':
        f.origSrc = prefix(v!);
        break;
      case 'dst':
        f.origDst = prefix(v!);
        break;
      case 'reply-src':
        f.replySrc = prefix(v!);
        break;
      case 'reply-dst':
        f.replyDst = prefix(v!);
        break;
      case 'protonum': {
        const p = PROTOS[v!.toLowerCase()] ?? (/^\d+$/.test(v!) ? Number(v) : undefined);
        if (p === undefined || p > 255) throw refuse(`\`${v}' unsupported protocol`);
        f.proto = p;
        break;
      }
      case 'family':
        if (v !== 'ipv4' && v !== 'ipv6') throw refuse(`\`${v}' unsupported protocol`);
        // the lab tracks IPv4 only: an IPv6 listing is empty
        if (v === 'ipv6') f.proto = -1;
        break;
      case 'output':
        for (const w of v!.split(',')) {
          if (w === 'extended') f.extended = true;
          else if (['xml', 'timestamp', 'id', 'ktimestamp', 'labels', 'userspace', 'save'].includes(w))
            throw new CmdError(`netlab: conntrack -o ${w} is not modelled (conntrack -o extended)`, 2);
          else throw refuse(`Bad parameter \`${w}'`);
        }
        break;
      case 'mark':
        f.mark = markOf(v!);
        break;
      case 'status':
        if (v !== 'ASSURED' && v !== 'SEEN_REPLY' && v !== 'UNSET') {
          if (v === 'FIXED_TIMEOUT' || v === 'EXPECTED' || v === 'OFFLOAD' || v === 'HW_OFFLOAD')
            throw new CmdError(`netlab: conntrack -u ${v} is not modelled (ASSURED, SEEN_REPLY, UNSET)`, 2);
          throw refuse(`Bad parameter \`${v}'`);
        }
        f.status = v;
        break;
      case 'zero':
        // zeroes the packet and byte counters, which nf_conntrack_acct=0 leaves unkept and unprinted
        break;
      case 'src-nat':
        f.srcNat = natWanted(v);
        break;
      case 'dst-nat':
        f.dstNat = natWanted(v);
        break;
      case 'any-nat':
        f.anyNat = natWanted(v);
        break;
    }
  }
  const cmd = command ?? 'L';
  // -C, -F and -S take no option at all
  if ((cmd === 'C' || cmd === 'F' || cmd === 'S') && given.length) throw refuse(`Illegal option \`--${given[0]}' with this command`);
  if (cmd === 'D' && f.extended) throw refuse("Illegal option `--output' with this command");
  return { command: cmd, filter: f };
}

const inPrefix = (a: Ipv4, p: Prefix | null) => p === null || (a & p.mask) >>> 0 === p.addr;

/**
 * libnetfilter_conntrack's l4 "ports" of a tuple as one 16-bit word: ports for TCP and UDP; for
 * ICMP the source word is the echo id and the destination word the type and code bytes
 */
function l4src(t: Tuple): number {
  return t.sport;
}
function l4dst(t: Tuple): number {
  return t.proto === IPPROTO_ICMP ? (t.dport << 8) & 0xffff : t.dport;
}

/**
 * filter_nat: NFCT_GOPT_IS_SNAT / IS_SPAT compare the original source with the reply's
 * destination once the source NAT hook ran (IPS_SRC_NAT_DONE, set only where the nat table is
 * registered); an ICMP entry's id and type words always differ, so it counts as port-NATed
 */
function natMatch(e: CtEntry, dir: 'src' | 'dst', want: NatWanted, natRegistered: boolean): boolean {
  const done = natRegistered && (dir === 'src' ? e.natDoneSrc : e.natDoneDst);
  if (!done) return false;
  const isNat = dir === 'src' ? e.orig.src !== e.reply.dst : e.orig.dst !== e.reply.src;
  const isPat = dir === 'src' ? l4src(e.orig) !== l4dst(e.reply) : l4dst(e.orig) !== l4src(e.reply);
  const natAddr = dir === 'src' ? e.reply.dst : e.reply.src;
  const natPort = dir === 'src' ? l4dst(e.reply) : l4src(e.reply);
  let has = false;
  if (want.addr !== null) has = isNat && natAddr === want.addr;
  if (want.port !== null) {
    const portHit = isPat && natPort === want.port;
    if (want.addr !== null && has && !portHit) has = false;
    if (want.addr === null && portHit) has = true;
  }
  if (want.addr === null && want.port === null) has = isNat || isPat;
  return has;
}

/** a table someone put rules, chains or a policy in: iptables-nft has created it and its hooks */
function registered(t: Table): boolean {
  return [...t.chains.values()].some((c) => c.policy === null || c.policy !== 'ACCEPT' || c.rules.length > 0);
}

function matches(e: CtEntry, f: Filter, natRegistered: boolean): boolean {
  if (f.proto !== null && e.orig.proto !== f.proto) return false;
  if (!inPrefix(e.orig.src, f.origSrc) || !inPrefix(e.orig.dst, f.origDst)) return false;
  if (!inPrefix(e.reply.src, f.replySrc) || !inPrefix(e.reply.dst, f.replyDst)) return false;
  const p = f.ports;
  if (p.sport !== undefined && e.orig.sport !== p.sport) return false;
  if (p.dport !== undefined && e.orig.dport !== p.dport) return false;
  if (p.rsport !== undefined && e.reply.sport !== p.rsport) return false;
  if (p.rdport !== undefined && e.reply.dport !== p.rdport) return false;
  if (f.icmp.type !== undefined && e.orig.dport !== f.icmp.type) return false;
  if (f.icmp.code !== undefined && f.icmp.code !== 0) return false;
  if (f.icmp.id !== undefined && e.orig.sport !== f.icmp.id) return false;
  if (f.tcpState !== null && e.tcpState !== f.tcpState) return false;
  if (f.mark && (e.mark & f.mark.mask) >>> 0 !== (f.mark.value & f.mark.mask) >>> 0) return false;
  if (f.status === 'ASSURED' && !e.assured) return false;
  if (f.status === 'SEEN_REPLY' && !e.seenReply) return false;
  // UNSET: no status bit at all, which a confirmed entry never is (IPS_CONFIRMED)
  if (f.status === 'UNSET') return false;
  if (f.anyNat) return natMatch(e, 'src', f.anyNat, natRegistered) || natMatch(e, 'dst', f.anyNat, natRegistered);
  if (f.srcNat && f.dstNat) return natMatch(e, 'src', f.srcNat, natRegistered) && natMatch(e, 'dst', f.dstNat, natRegistered);
  if (f.srcNat) return natMatch(e, 'src', f.srcNat, natRegistered);
  if (f.dstNat) return natMatch(e, 'dst', f.dstNat, natRegistered);
  return true;
}

function line(e: CtEntry, now: number, extended: boolean): string {
  return `${extended ? 'ipv4     2 ' : ''}${formatCtEntry(e, now)}\n`;
}

export function conntrackCommand(ns: Netns, args: readonly string[]): ExecResult {
  const { command, filter } = parse(args);
  const now = ns.world.clock.now();
  ns.conntrack.expire(now);
  if (command === 'C') return ok(`${ns.conntrack.entries.length}\n`);
  if (command === 'S') {
    return ok(
      'cpu=0   \tfound=0 invalid=0 insert=0 insert_failed=0 drop=0 early_drop=0 error=0 search_restart=0 clash_resolve=0 chaintoolong=0 \n',
    );
  }
  if (command === 'F') {
    for (const e of ns.conntrack.entries) ns.conntrack.remove(e);
    return ok('', `${V}connection tracking table has been emptied.\n`);
  }
  const nat = registered(ns.tables.nat);
  const hits = ns.conntrack.entries.filter((e) => matches(e, filter, nat));
  const out = hits.map((e) => line(e, now, filter.extended)).join('');
  if (command === 'L') return ok(out, `${V}${hits.length} flow entries have been shown.\n`);
  // -D prints each entry it deleted; none at all is an error
  for (const e of hits) ns.conntrack.remove(e);
  const msg = `${V}${hits.length} flow entries have been deleted.`;
  if (!hits.length) return { stdout: '', stderr: `${msg}\n`, status: 1 };
  return ok(out, `${msg}\n`);
}
