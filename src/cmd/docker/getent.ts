// glibc's `getent hosts [KEY…]` in a container: each key through nsswitch's "files dns" (the
// container's /etc/hosts, then its resolver), IPv6 first as getent asks gethostbyname2 for
// AF_INET6 before AF_INET; without a key, every line of /etc/hosts. A line is "%-15s %s" and the
// aliases; a key not found makes the status 2.

import { CmdError, type ExecResult } from '../result.ts';

interface HostEnt {
  readonly addr: string;
  readonly names: readonly string[];
}

function entries(hosts: string): HostEnt[] {
  const out: HostEnt[] = [];
  for (const line of hosts.split('\n')) {
    const [addr, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (addr && names.length) out.push({ addr, names });
  }
  return out;
}

function line(h: HostEnt): string {
  return `${h.addr.padEnd(15)} ${h.names.join(' ')}\n`;
}

/** DNS: the IPv4 addresses the container's resolver gets for NAME (an empty list: not found) */
export type DnsLookup = (name: string) => readonly string[];

export function getentCommand(args: readonly string[], hosts: string, dns: DnsLookup): ExecResult {
  const [db, ...keys] = args;
  if (db === undefined)
    throw new CmdError("Usage: getent [OPTION...] database [key ...]\nTry `getent --help' or `getent --usage' for more information.", 1);
  if (db !== 'hosts') throw new CmdError(`netlab: getent ${db} is not modelled (getent hosts [NAME…])`, 1);
  const ents = entries(hosts);
  if (keys.length === 0) return { stdout: ents.map(line).join(''), stderr: '', status: 0 };
  let out = '';
  let status = 0;
  for (const key of keys) {
    const want = key.toLowerCase();
    const has = (h: HostEnt) => h.names.some((n) => n.toLowerCase() === want) || h.addr === key;
    const found = ents.find((h) => h.addr.includes(':') && has(h)) ?? ents.find((h) => !h.addr.includes(':') && has(h));
    if (found) {
      out += line(found);
      continue;
    }
    const addrs = dns(key);
    if (addrs.length) out += line({ addr: addrs[0]!, names: [key] });
    else status = 2;
  }
  return { stdout: out, stderr: '', status };
}
