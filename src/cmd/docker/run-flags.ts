// `docker run` and `docker create` read as docker/cli v29.7.2 reads them (cli-flags.ts, pflag.ts):
// flags stop at the image; the flags netlab models are handed on, the others refused by name.

import { readDockerFlags } from './cli-flags-model.ts';
import { type GivenFlag, isGoIp } from './pflag.ts';

export type { GivenFlag } from './pflag.ts';

/**
 * Read the flags before the image as pflag does (interspersed flags stop at the image):
 * `--name=x`, `--name x`, `-dit`, `-p8080:80`, `-e=A=1`. Returns the flags, where the image is
 * and pflag's notices for deprecated flags.
 */
export function readRunFlags(
  raw: readonly string[],
  cmd: 'run' | 'create',
): { flags: GivenFlag[]; image: number; notices: string } | { error: string; status: number } {
  const read = readDockerFlags(cmd, raw);
  if ('error' in read) return read;
  return { flags: read.flags, image: raw.length - read.args.length, notices: read.notices };
}

/** Linux capabilities as Docker names them (with or without CAP_), and ALL */
const CAPS = new Set([
  'AUDIT_CONTROL',
  'AUDIT_READ',
  'AUDIT_WRITE',
  'BLOCK_SUSPEND',
  'BPF',
  'CHECKPOINT_RESTORE',
  'CHOWN',
  'DAC_OVERRIDE',
  'DAC_READ_SEARCH',
  'FOWNER',
  'FSETID',
  'IPC_LOCK',
  'IPC_OWNER',
  'KILL',
  'LEASE',
  'LINUX_IMMUTABLE',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
  'MKNOD',
  'NET_ADMIN',
  'NET_BIND_SERVICE',
  'NET_BROADCAST',
  'NET_RAW',
  'PERFMON',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYSLOG',
  'SYS_ADMIN',
  'SYS_BOOT',
  'SYS_CHROOT',
  'SYS_MODULE',
  'SYS_NICE',
  'SYS_PACCT',
  'SYS_PTRACE',
  'SYS_RAWIO',
  'SYS_RESOURCE',
  'SYS_TIME',
  'SYS_TTY_CONFIG',
  'WAKE_ALARM',
  'ALL',
]);

/** Docker's default capabilities (oci/caps/defaults.go): NET_ADMIN is not among them */
const DEFAULT_CAPS = new Set([
  'CHOWN',
  'DAC_OVERRIDE',
  'FSETID',
  'FOWNER',
  'MKNOD',
  'NET_RAW',
  'SETGID',
  'SETUID',
  'SETFCAP',
  'SETPCAP',
  'NET_BIND_SERVICE',
  'SYS_CHROOT',
  'KILL',
  'AUDIT_WRITE',
]);

/**
 * The container's capabilities (caps.TweakCapabilities): the defaults, --cap-add, then --cap-drop;
 * --privileged has them all. An unknown name is the daemon's refusal.
 */
export function capabilities(add: readonly string[], drop: readonly string[], privileged: boolean): Set<string> | { error: string } {
  const norm = (c: string) => c.toUpperCase().replace(/^CAP_/, '');
  for (const c of [...add, ...drop]) if (!CAPS.has(norm(c))) return { error: `invalid capability: ${c.toUpperCase()}` };
  if (privileged) return new Set([...CAPS].filter((c) => c !== 'ALL'));
  const out = new Set(DEFAULT_CAPS);
  const all = [...CAPS].filter((c) => c !== 'ALL');
  for (const c of add.map(norm)) for (const x of c === 'ALL' ? all : [c]) out.add(x);
  for (const c of drop.map(norm)) for (const x of c === 'ALL' ? all : [c]) out.delete(x);
  return out;
}

/** one --network value: a network, or the long syntax name=…,alias=…,ip=… (opts.NetworkOpt) */
export interface NetworkAttachment {
  readonly target: string;
  readonly aliases: readonly string[];
  readonly ip: string | null;
  readonly mac: string | null;
  /** keys of the long syntax netlab does not model (ip6, link-local-ip, driver-opt, gw-priority) */
  readonly unmodelled: readonly string[];
}

/**
 * --network as docker/cli v29.7.2 reads it (opts/network.go NetworkOpt.Set): the long syntax when
 * the value holds `word=word` anywhere; each field lowercased, keys name, alias, ip, ip6,
 * mac-address, link-local-ip, driver-opt, gw-priority. The error is the flag's (pflag wraps it).
 */
export function parseNetworkOpt(value: string): NetworkAttachment | { error: string } {
  if (!/\w+=\w+(,\w+=\w+)*/.test(value)) return { target: value, aliases: [], ip: null, mac: null, unmodelled: [] };
  let target = '';
  const aliases: string[] = [];
  let ip: string | null = null;
  let mac: string | null = null;
  const unmodelled: string[] = [];
  const addr = (v: string) => (isGoIp(v) ? null : { error: `ParseAddr("${v}"): unable to parse IP` });
  for (const field of value.split(',')) {
    const low = field.toLowerCase();
    const eq = low.indexOf('=');
    if (eq <= 0) return { error: `invalid field ${field}` };
    const key = low.slice(0, eq).trim();
    const v = low.slice(eq + 1).trim();
    switch (key) {
      case 'name':
        target = v;
        break;
      case 'alias':
        aliases.push(v);
        break;
      case 'ip': {
        const bad = addr(v);
        if (bad) return bad;
        ip = v;
        break;
      }
      case 'ip6':
      case 'link-local-ip': {
        const bad = addr(v);
        if (bad) return bad;
        unmodelled.push(key);
        break;
      }
      case 'mac-address':
        mac = v;
        break;
      case 'driver-opt':
        unmodelled.push(key);
        break;
      case 'gw-priority':
        if (!/^[+-]?\d+$/.test(v)) return { error: `invalid gw-priority (${v}): invalid syntax` };
        unmodelled.push(key);
        break;
      default:
        return { error: `invalid field key ${key}` };
    }
  }
  if (!target) return { error: 'network name/id is not specified' };
  return { target, aliases, ip, mac, unmodelled };
}
