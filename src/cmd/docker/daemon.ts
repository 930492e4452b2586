// `dockerd [OPTIONS] &`: the daemon's networking options, read as dockerd (cobra/pflag) reads
// them. Starting the daemon is what the first docker command does with the defaults; started by
// hand, the options shape every rule and network it makes afterwards. `docker info` shows them.

import { formatIpv4, networkOf, parseCidr, parseIpv4 } from '../../core/addr.ts';
import type { Netns } from '../../core/netns.ts';
import { cidrText, DEFAULT_DAEMON, type DaemonConfig, type Engine, ENGINE_VERSION } from './engine.ts';
import { DockerError } from './expand.ts';

/** dockerd's flag errors: FlagErrorFunc's StatusError as main prints it */
function flagError(msg: string): DockerError {
  return new DockerError(`Status: ${msg}\nSee 'dockerd --help'., Code: 125`, 1);
}

const BOOLS: Readonly<Record<string, keyof DaemonConfig>> = {
  '--userland-proxy': 'userlandProxy',
  '--icc': 'icc',
  '--ip-forward': 'ipForward',
  '--iptables': 'iptables',
  '--ip-masq': 'ipMasq',
  '--allow-direct-routing': 'allowDirectRouting',
  '--ip-forward-no-drop': 'ipForwardNoDrop',
};

/** strconv.ParseBool */
function parseBool(v: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return null;
}

/** the options of `dockerd …`, checked in full before anything starts */
export function parseDockerd(args: readonly string[]): DaemonConfig {
  const cfg: { -readonly [K in keyof DaemonConfig]: DaemonConfig[K] } = { ...DEFAULT_DAEMON };
  const pools: Array<{ base: { addr: number; plen: number }; size: number }> = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : null;
    const value = (): string => {
      if (inline !== null) return inline;
      const v = args[++i];
      if (v === undefined) throw flagError(`flag needs an argument: ${flag}`);
      return v;
    };
    const key = BOOLS[flag];
    if (key !== undefined) {
      const b = inline === null ? true : parseBool(inline);
      if (b === null)
        throw flagError(`invalid argument "${inline}" for "${flag}" flag: strconv.ParseBool: parsing "${inline}": invalid syntax`);
      (cfg as Record<string, unknown>)[key] = b;
      continue;
    }
    switch (flag) {
      case '--bip': {
        const v = value();
        const c = parseCidr(v);
        // daemon_unix.go: net.ParseCIDR, wrapped
        if (!c || !v.includes('/')) throw new DockerError(`parse bip failed: invalid CIDR address: ${v}`, 1);
        if (c.addr === networkOf(c.addr, c.plen) || c.plen > 30)
          throw new DockerError(`netlab: --bip ${v}: give docker0's own address in its network (e.g. 10.66.0.1/24)`, 1);
        cfg.bip = c;
        break;
      }
      case '--default-address-pool': {
        const v = value();
        let base: { addr: number; plen: number } | null = null;
        let size: number | null = null;
        for (const part of v.split(',')) {
          const [k, x = ''] = part.split('=');
          if (k === 'base') base = x.includes('/') ? parseCidr(x) : null;
          else if (k === 'size') size = /^\d+$/.test(x) ? Number(x) : null;
          else throw flagError(`invalid argument "${v}" for "--default-address-pool" flag: unexpected key '${k}' in '${part}'`);
        }
        if (!base || size === null || size < base.plen || size > 32)
          throw flagError(`invalid argument "${v}" for "--default-address-pool" flag: invalid pool: ${v}`);
        pools.push({ base, size });
        break;
      }
      case '--ip': {
        // flags.IPVar: net.ParseIP; docker0's DefaultBindingIP (daemon_unix.go initBridgeDriver)
        const v = value().trim();
        if (v !== '' && parseIpv4(v) === null) {
          if (v.includes(':')) throw new DockerError(`netlab: --ip ${v}: IPv6 host addresses are not modelled (the lab is IPv4 only)`, 1);
          throw flagError(`invalid argument "${v}" for "--ip" flag: failed to parse IP: "${v}"`);
        }
        cfg.defaultIp = v === '' || v === '0.0.0.0' ? null : v;
        break;
      }
      case '--swarm-default-advertise-addr': {
        // an interface or an address; checked as swarm init checks --advertise-addr, when used
        const v = value();
        if (v === '') throw flagError(`invalid argument "" for "--swarm-default-advertise-addr" flag`);
        cfg.swarmAdvertise = v;
        break;
      }
      case '--firewall-backend': {
        const v = value();
        if (v === 'nftables')
          throw new DockerError(
            'netlab: the nftables firewall backend is not modelled yet; use --firewall-backend=iptables (the default)',
            1,
          );
        if (v !== '' && v !== 'iptables')
          throw new DockerError('invalid firewall-backend: allowed values are "iptables" and "nftables"', 1);
        break;
      }
      default:
        if (flag.startsWith('--')) throw flagError(`unknown flag: ${flag}`);
        if (flag.startsWith('-')) throw flagError(`unknown shorthand flag: '${flag[1]}' in ${flag}`);
        throw flagError(`unknown command "${flag}" for "dockerd"`);
    }
  }
  if (pools.length) cfg.pools = pools;
  return cfg;
}

function onOff(b: boolean): string {
  return b ? 'true' : 'false';
}

/** `docker info`: the daemon's state and the settings that shape its networks */
export function dockerInfo(e: Engine, host: Netns): { stdout: string; stderr: string } {
  const cts = [...e.containers.values()];
  const cfg = e.config;
  const docker0 = e.networks.get('bridge');
  const lines = [
    'Client:',
    ` Version:    ${ENGINE_VERSION}`,
    ' Context:    default',
    ' Debug Mode: false',
    '',
    'Server:',
    ` Containers: ${cts.length}`,
    `  Running: ${cts.length}`,
    '  Paused: 0',
    '  Stopped: 0',
    ` Server Version: ${ENGINE_VERSION}`,
    ' Network: bridge host ipvlan macvlan null overlay',
    ` Swarm: ${e.swarm ? 'active' : 'inactive'}`,
    ' Kernel Version: netlab',
    ' Operating System: netlab (the simulated kernel)',
    ` Firewall Backend: ${cfg.iptables ? 'iptables' : 'none'}`,
    ' netlab: the daemon options that shape the network',
    `  --userland-proxy=${onOff(cfg.userlandProxy)} --icc=${onOff(cfg.icc)} --ip-forward=${onOff(cfg.ipForward)} --iptables=${onOff(cfg.iptables)} --ip-masq=${onOff(cfg.ipMasq)}`,
    `  --bip=${docker0?.gateway != null && docker0.subnet ? `${formatIpv4(docker0.gateway)}/${docker0.subnet.plen}` : ''}`,
    ...(cfg.pools ?? []).map((p) => `  --default-address-pool=base=${cidrText(p.base)},size=${p.size}`),
  ];
  // docker info's own warning (on stderr) when br_netfilter does not hand bridged packets to iptables
  return {
    stdout: lines.join('\n') + '\n',
    stderr: host.sysctl.bridgeNfCallIptables ? '' : 'WARNING: bridge-nf-call-iptables is disabled\n',
  };
}
