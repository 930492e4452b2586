// The flags of `docker run` and `docker create` as the docker CLI 29 defines them
// (cli/command/container/opts.go addFlags, run.go, create.go): which take a value, which are
// booleans, and their shorthands. netlab models some; the rest are refused by name (the real
// docker knows them), and a flag docker does not have gets docker's own "unknown flag".

/** flags that take a value (--flag VALUE or --flag=VALUE) */
const VALUE_FLAGS = [
  'add-host',
  'annotation',
  'attach',
  'blkio-weight',
  'blkio-weight-device',
  'cap-add',
  'cap-drop',
  'cgroup-parent',
  'cgroupns',
  'cidfile',
  'cpu-period',
  'cpu-quota',
  'cpu-rt-period',
  'cpu-rt-runtime',
  'cpu-shares',
  'cpus',
  'cpuset-cpus',
  'cpuset-mems',
  'detach-keys',
  'device',
  'device-cgroup-rule',
  'device-read-bps',
  'device-read-iops',
  'device-write-bps',
  'device-write-iops',
  'dns',
  'dns-option',
  'dns-search',
  'domainname',
  'entrypoint',
  'env',
  'env-file',
  'expose',
  'gpus',
  'group-add',
  'health-cmd',
  'health-interval',
  'health-retries',
  'health-start-interval',
  'health-start-period',
  'health-timeout',
  'hostname',
  'ip',
  'ip6',
  'ipc',
  'isolation',
  'label',
  'label-file',
  'link',
  'link-local-ip',
  'log-driver',
  'log-opt',
  'mac-address',
  'memory',
  'memory-reservation',
  'memory-swap',
  'memory-swappiness',
  'mount',
  'name',
  'network',
  'net',
  'network-alias',
  'net-alias',
  'oom-score-adj',
  'pid',
  'pids-limit',
  'platform',
  'publish',
  'pull',
  'restart',
  'runtime',
  'security-opt',
  'shm-size',
  'stop-signal',
  'stop-timeout',
  'storage-opt',
  'sysctl',
  'tmpfs',
  'ulimit',
  'user',
  'userns',
  'uts',
  'volume',
  'volume-driver',
  'volumes-from',
  'workdir',
] as const;

/** boolean flags (--flag, --flag=true|false) */
const BOOL_FLAGS = [
  'detach',
  'disable-content-trust',
  'help',
  'init',
  'interactive',
  'no-healthcheck',
  'oom-kill-disable',
  'privileged',
  'publish-all',
  'quiet',
  'read-only',
  'rm',
  'sig-proxy',
  'tty',
  'use-api-socket',
] as const;

/** the shorthands */
const SHORT: Readonly<Record<string, string>> = {
  a: 'attach',
  c: 'cpu-shares',
  d: 'detach',
  e: 'env',
  h: 'hostname',
  i: 'interactive',
  l: 'label',
  m: 'memory',
  p: 'publish',
  P: 'publish-all',
  q: 'quiet',
  t: 'tty',
  u: 'user',
  v: 'volume',
  w: 'workdir',
};

const VALUES: ReadonlySet<string> = new Set(VALUE_FLAGS);
const BOOLS: ReadonlySet<string> = new Set(BOOL_FLAGS);

/** one flag as given: its long name, the spelling the user typed, its value (booleans: 'true'/'false') */
export interface GivenFlag {
  readonly name: string;
  readonly typed: string;
  readonly value: string;
}

/** pflag's "unknown flag" / "unknown shorthand flag", with the usage hint docker adds */
function unknown(msg: string, cmd: string): { message: string } {
  return { message: `${msg}\nSee 'docker ${cmd} --help'.` };
}

/**
 * Read the flags before the image as pflag does (interspersed flags stop at the image):
 * `--name=x`, `--name x`, `-dit`, `-p8080:80`, `-e=A=1`. Returns the flags and where the image is.
 */
export function readRunFlags(raw: readonly string[], cmd: 'run' | 'create'): { flags: GivenFlag[]; image: number } | { error: string } {
  const flags: GivenFlag[] = [];
  let k = 0;
  while (k < raw.length) {
    const a = raw[k]!;
    if (a === '--') {
      k++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      if (VALUES.has(name)) {
        let value: string;
        if (eq >= 0) value = a.slice(eq + 1);
        else {
          const v = raw[k + 1];
          if (v === undefined) return { error: `flag needs an argument: --${name}\nSee 'docker ${cmd} --help'.` };
          value = v;
          k++;
        }
        flags.push({ name, typed: `--${name}`, value });
      } else if (BOOLS.has(name)) {
        const value = eq >= 0 ? a.slice(eq + 1) : 'true';
        if (!['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE', 'True', 'False'].includes(value))
          return {
            error: `invalid argument "${value}" for "--${name}" flag: strconv.ParseBool: parsing "${value}": invalid syntax\nSee 'docker ${cmd} --help'.`,
          };
        flags.push({ name, typed: `--${name}`, value: ['true', '1', 't', 'TRUE', 'True'].includes(value) ? 'true' : 'false' });
      } else return { error: unknown(`unknown flag: --${name}`, cmd).message };
      k++;
      continue;
    }
    // shorthands, possibly several, the last of which may take the rest or the next argument
    for (let j = 1; j < a.length; j++) {
      const ch = a[j]!;
      const name = SHORT[ch];
      if (name === undefined) return { error: unknown(`unknown shorthand flag: '${ch}' in ${a}`, cmd).message };
      if (VALUES.has(name)) {
        let value = a.slice(j + 1);
        if (value.startsWith('=')) value = value.slice(1);
        if (value === '' && j === a.length - 1) {
          const v = raw[k + 1];
          if (v === undefined) return { error: `flag needs an argument: '${ch}' in -${ch}\nSee 'docker ${cmd} --help'.` };
          value = v;
          k++;
        }
        flags.push({ name, typed: `-${ch}`, value });
        break;
      }
      flags.push({ name, typed: `-${ch}`, value: 'true' });
    }
    k++;
  }
  return { flags, image: k };
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
