// ipvsadm: IPVS's virtual services in one namespace, as far as the lab models IPVS (see
// core/netfilter/ipvs.ts): services by firewall mark (-f), round robin, masquerading real
// servers (-m). What ipvsadm has beyond that is refused by name, never accepted and ignored.

import { formatIpv4, parseIpv4, type Ipv4 } from '../core/addr.ts';
import type { IpvsService } from '../core/netfilter/ipvs.ts';
import type { Netns } from '../core/netns.ts';
import { CmdError, ok, type ExecResult } from './result.ts';

const notModelled = (what: string) => new CmdError(`netlab: ipvsadm ${what} is not modelled (services by firewall mark -f, -s rr, -m)`, 2);
const fail = (msg: string) => new CmdError(msg, 1);

/** the command, its service and destination, read as ipvsadm's popt table reads them */
interface Parsed {
  cmd: string | null;
  fwmark: number | null;
  sched: string | null;
  dest: { addr: Ipv4; port: number } | null;
  method: 'masq' | 'other' | null;
  weight: number | null;
  numeric: boolean;
}

function parse(args: readonly string[]): Parsed {
  const p: Parsed = { cmd: null, fwmark: null, sched: null, dest: null, method: null, weight: null, numeric: false };
  const cmds: Record<string, string> = {
    '-A': 'add-service',
    '--add-service': 'add-service',
    '-E': 'edit-service',
    '--edit-service': 'edit-service',
    '-D': 'delete-service',
    '--delete-service': 'delete-service',
    '-C': 'clear',
    '--clear': 'clear',
    '-a': 'add-server',
    '--add-server': 'add-server',
    '-e': 'edit-server',
    '--edit-server': 'edit-server',
    '-d': 'delete-server',
    '--delete-server': 'delete-server',
    '-L': 'list',
    '-l': 'list',
    '--list': 'list',
  };
  const setCmd = (c: string) => {
    if (p.cmd !== null && p.cmd !== c) throw fail('ipvsadm: multiple commands specified');
    p.cmd = c;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw fail(`${a}: missing argument`);
      return v;
    };
    // bundled short flags: -Ln
    if (/^-[A-Za-z]{2,}$/.test(a) && [...a.slice(1)].every((ch) => 'LlnC'.includes(ch))) {
      for (const ch of a.slice(1)) {
        if (ch === 'n') p.numeric = true;
        else setCmd(cmds[`-${ch}`]!);
      }
      continue;
    }
    const c = cmds[a];
    if (c !== undefined) {
      setCmd(c);
      continue;
    }
    switch (a) {
      case '-f':
      case '--fwmark-service': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) === 0 || Number(v) > 0xffffffff) throw fail(`Illegal fwmark: ${v}`);
        p.fwmark = Number(v);
        break;
      }
      case '-t':
      case '--tcp-service':
      case '-u':
      case '--udp-service':
      case '--sctp-service':
        throw notModelled(`${a} (a virtual service by address and port)`);
      case '-s':
      case '--scheduler':
        p.sched = value();
        break;
      case '-r':
      case '--real-server': {
        const v = value();
        const m = /^(\d+\.\d+\.\d+\.\d+)(?::(\d+))?$/.exec(v);
        const addr = m ? parseIpv4(m[1]!) : null;
        if (!m || addr === null || Number(m[2] ?? 0) > 65535) throw fail(`Illegal address: ${v}`);
        p.dest = { addr, port: Number(m[2] ?? 0) };
        break;
      }
      case '-m':
      case '--masquerading':
        p.method = 'masq';
        break;
      case '-g':
      case '--gatewaying':
      case '-i':
      case '--ipip':
        throw notModelled(`${a} (only masquerading, -m, is)`);
      case '-w':
      case '--weight': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) > 65535) throw fail(`Illegal weight specified: ${v}`);
        p.weight = Number(v);
        break;
      }
      case '-n':
      case '--numeric':
        p.numeric = true;
        break;
      default:
        if (a.startsWith('-')) throw notModelled(a);
        throw fail(`ipvsadm: unexpected argument ${a}`);
    }
  }
  return p;
}

/** ipvsadm -Ln: the services, their real servers and the connections conntrack holds for them */
function list(ns: Netns, services: readonly IpvsService[]): string {
  let out = 'IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n';
  out += '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n';
  for (const s of services) {
    out += `FWM  ${s.fwmark} ${s.sched}\n`;
    for (const d of s.dests) {
      const conns = ns.conntrack.entries.filter((e) => e.dstNat && e.reply.src === d.addr);
      const active = conns.filter((e) => e.tcpState === 'ESTABLISHED').length;
      out += `  -> ${`${formatIpv4(d.addr)}:${d.port}`.padEnd(28)} ${'Masq'.padEnd(7)} ${String(d.weight).padEnd(6)} ${String(active).padEnd(10)} ${String(conns.length - active).padEnd(10)}\n`;
    }
  }
  return out;
}

export function ipvsadmCommand(ns: Netns, args: readonly string[]): ExecResult {
  const p = parse(args);
  // ipvsadm's netlink family loads ip_vs (and with it xt_ipvs) in the kernel
  ns.world.ipvsLoaded = true;
  ns.ipvs ??= [];
  const services = ns.ipvs;
  if (p.cmd === null || p.cmd === 'list') return ok(list(ns, services));
  if (p.cmd === 'clear') {
    ns.ipvs = [];
    return ok('');
  }
  if (p.fwmark === null) throw fail('ipvsadm: a service (-f FWMARK) is needed');
  const svc = services.find((s) => s.fwmark === p.fwmark);
  switch (p.cmd) {
    case 'add-service':
    case 'edit-service': {
      const sched = p.sched ?? 'wlc';
      if (sched !== 'rr') throw notModelled(`-s ${sched} (round robin, rr, is)`);
      if (p.cmd === 'add-service') {
        if (svc) throw fail('Service already exists');
        ns.ipvs = [...services, { fwmark: p.fwmark, sched: 'rr', dests: [], next: 0 }];
      } else if (!svc) throw fail('No such service');
      return ok('');
    }
    case 'delete-service':
      if (!svc) throw fail('No such service');
      ns.ipvs = services.filter((s) => s !== svc);
      return ok('');
    default: {
      if (!svc) throw fail('Service not defined');
      if (!p.dest) throw fail('ipvsadm: a real server (-r ADDRESS) is needed');
      const { addr, port } = p.dest;
      const d = svc.dests.find((x) => x.addr === addr && x.port === port);
      if (p.cmd === 'delete-server') {
        if (!d) throw fail('No such destination');
        svc.dests.splice(svc.dests.indexOf(d), 1);
        return ok('');
      }
      if (p.method !== 'masq') throw notModelled('-g (direct routing, the default forwarding method; give -m)');
      if (p.cmd === 'add-server') {
        if (d) throw fail('Destination already exists');
        svc.dests.push({ addr, port, weight: p.weight ?? 1, conns: 0 });
      } else {
        if (!d) throw fail('No such destination');
        d.weight = p.weight ?? 1;
      }
      return ok('');
    }
  }
}
