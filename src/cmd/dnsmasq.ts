// dnsmasq as a name server of its own records: `dnsmasq --no-resolv --address=/NAME/ADDR …`
// answers A queries on UDP port 53 of every address of its namespace. Names it holds no
// record for it refuses (with --no-resolv it has no upstream to forward them to). It reads
// /etc/hosts unless told --no-hosts: the lab's holds only localhost.

import { type Ipv4, parseIpv4 } from '../core/addr.ts';
import { DNS_PORT, type DnsZone, canonicalName } from '../core/dns.ts';
import type { Netns } from '../core/netns.ts';
import { CmdError, type ExecResult, ok } from './result.ts';

const bad = (text: string): CmdError => new CmdError(`dnsmasq: ${text}\ndnsmasq: bad command line options: try --help`, 1);

/** the options taken, long and short; the value of `--opt=V` or `-o V` */
function* options(args: readonly string[]): Generator<{ name: string; value: string | undefined }> {
  const short: Record<string, string> = { d: 'no-daemon', k: 'keep-in-foreground', R: 'no-resolv', h: 'no-hosts', A: 'address', p: 'port' };
  const takes = new Set(['address', 'port']);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const value = eq < 0 ? (takes.has(name) ? args[++i] : undefined) : a.slice(eq + 1);
      yield { name, value };
    } else if (a.startsWith('-') && a.length >= 2) {
      const name = short[a[1]!];
      if (!name) throw bad(`invalid option -- '${a[1]}'`);
      const value = takes.has(name) ? (a.length > 2 ? a.slice(2) : args[++i]) : undefined;
      yield { name, value };
    } else throw bad(`junk found in command line`);
  }
}

export function dnsmasqCommand(ns: Netns, args: string[], background: boolean): ExecResult {
  const records = new Map<string, Ipv4[]>();
  let port = DNS_PORT;
  let noResolv = false;
  let noHosts = false;
  let foreground = false;
  for (const { name, value } of options(args)) {
    switch (name) {
      case 'no-daemon':
      case 'keep-in-foreground':
        foreground = true;
        break;
      case 'no-resolv':
        noResolv = true;
        break;
      case 'no-hosts':
        noHosts = true;
        break;
      case 'port': {
        const n = value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
        if (n === null || n > 65535) throw bad(`bad port`);
        port = n;
        break;
      }
      case 'address': {
        // /NAME[/NAME…]/ADDR
        const m = value === undefined ? null : /^\/(.+)\/([^/]+)$/.exec(value);
        const ip = m ? parseIpv4(m[2]!) : null;
        if (!m || ip === null) throw bad(`bad address at line 0 of command line`);
        for (const n of m[1]!.split('/')) {
          const key = canonicalName(n);
          const list = records.get(key) ?? [];
          list.push(ip);
          records.set(key, list);
        }
        break;
      }
      default:
        throw new CmdError(
          `netlab: dnsmasq --${name} is not modelled (-d, -k, --no-resolv, --no-hosts, --address=/NAME/ADDR and --port are)`,
          1,
        );
    }
  }
  if (!noResolv) throw new CmdError('netlab: run dnsmasq with --no-resolv: the lab gives it no upstream name servers to forward to', 1);
  if (foreground && !background) throw new CmdError('netlab: run the server in the background: add " &" at the end of the line', 1);
  if (!noHosts && !records.has('localhost')) records.set('localhost', [0x7f000001]);
  if (port === 0) return ok();
  if (ns.listeners.some((l) => l.proto === 'udp' && l.port === port))
    throw new CmdError(`dnsmasq: failed to create listening socket for port ${port}: Address already in use`, 2);
  // local-ttl 0: its own names are answered with TTL 0 and AA set
  const zone: DnsZone = { records, ttl: 0, authoritative: true };
  ns.listeners.push({ addr: 0, port, proto: 'udp', what: 'dnsmasq', dns: zone, argv: ['dnsmasq', ...args] });
  return ok();
}
