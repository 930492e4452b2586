// What the Docker daemon does to the kernel, as primitive lines of the dialect: libnetwork's
// bridge driver (veth pairs, the bridge, the iptables rules of Docker 29.7.2 as moby's
// integration/network/bridge/iptablesdoc records them), the macvlan and ipvlan drivers
// (a sub-interface of the parent moved into the container), host, none and container:
// modes. Building a plan never changes the world; docker.ts runs it through the Shell.

import { formatIpv4, formatMac, networkOf, parseCidr, parseIpv4, type Cidr, type Ipv4 } from '../../core/addr.ts';
import { RT_TABLE_MAIN } from '../../core/ip/fib.ts';
import { formatRuleSpec } from '../../core/netfilter/format.ts';
import type { TableName } from '../../core/netfilter/rule.ts';
import type { Listener, Netns } from '../../core/netns.ts';
import type { World } from '../../core/world.ts';
import { CmdError } from '../result.ts';
import type { DnsConfig, ExtraHost } from './etc-files.ts';
import {
  allocate,
  cidrText,
  generatedName,
  hexId,
  inSubnet,
  randomMac,
  nextPool,
  overlaps,
  usedAddrs,
  type Container,
  type Driver,
  type Endpoint,
  type Engine,
  type Life,
  type NetMode,
  type Network,
  type PortMap,
} from './engine.ts';

/** one primitive line, run in the host namespace; `act` is what has no command (stopping a process) */
export interface Step {
  readonly line: string;
  /** teardown: Docker ignores what is already gone */
  readonly optional?: boolean;
  readonly act?: () => void;
  /** another swarm node's host, for what Docker programs there (an overlay peer); else this host */
  readonly on?: Netns;
}

export interface Plan {
  readonly steps: Step[];
  /** stdout of the docker command once every step succeeded */
  readonly stdout: string;
  readonly stderr: string;
  /** Docker's bookkeeping, applied only after every step succeeded */
  readonly commit: () => void;
}

/** a refusal of the Docker daemon or CLI: nothing runs */
export class DockerError extends CmdError {}

/**
 * docker run's start failed: a published host port is another running container's (the port
 * allocator's error, wrapped by libnetwork and the daemon's start). The container was created
 * before the start: it stays, Created, unless --rm.
 */
export class PortAllocated extends DockerError {
  readonly spec: RunSpec;
  constructor(message: string, spec: RunSpec) {
    super(message, 125);
    this.spec = spec;
  }
}

export interface Ctx {
  readonly w: World;
  readonly host: Netns;
  readonly e: Engine;
}

/** images that serve HTTP, and the port */
import { httpdBindFailure, httpdStartup } from '../../core/apache-httpd.ts';
import { nginxBindFailure, nginxEntrypoint, nginxStartup, nginxWorkers } from '../../core/nginx.ts';
import { lifeOf } from './lifecycle.ts';
import { joinOverlay, leaveOverlay, planOverlayCreate, swarmDaemons } from './overlay.ts';
import { resolverSteps } from './resolver.ts';

export const SERVING_IMAGES: Readonly<Record<string, number>> = { nginx: 80, httpd: 80 };

/** images whose server is not modelled: refused rather than answered by another server's page */
const UNMODELLED_SERVERS: ReadonlySet<string> = new Set(['nginxdemos/hello', 'caddy', 'traefik']);

export function imageServes(image: string): number | null {
  const name = image.replace(/^docker\.io\/(library\/)?/, '');
  // the name ends at its tag or digest (a search, not `/[:@].*$/`, which backtracks quadratically)
  const end = name.search(/[:@]/);
  const bare = end < 0 ? name : name.slice(0, end);
  if (UNMODELLED_SERVERS.has(bare))
    throw new DockerError(`netlab: the ${bare} image's server is not modelled yet (nginx and httpd are): run one of those`, 125);
  return SERVING_IMAGES[bare] ?? null;
}

const ipt = (t: TableName, rest: string): string => `iptables${t === 'filter' ? '' : ` -t ${t}`} ${rest}`;

function hasChain(ns: Netns, t: TableName, chain: string): boolean {
  return ns.tables[t].chains.has(chain);
}

function hasRule(ns: Netns, t: TableName, chain: string, spec: string): boolean {
  return ns.tables[t].chains.get(chain)?.rules.some((r) => formatRuleSpec(r) === spec) ?? false;
}

function hasJump(ns: Netns, t: TableName, chain: string, to: string): boolean {
  return ns.tables[t].chains.get(chain)?.rules.some((r) => r.target.kind === 'JUMP' && r.target.chain === to) ?? false;
}

// ---- the daemon and its default network ----------------------------------------------------

/** what dockerd does when it starts: sysctls, Docker's chains (setupIPChains), the default bridge docker0 */
export function daemonStart(c: Ctx): Step[] {
  if (c.e.started) return [];
  const ns = c.host;
  const cfg = c.e.config;
  const out: Step[] = [];
  // setupIPv4Forwarding: Docker turns forwarding on itself, and then closes FORWARD
  if (cfg.ipForward && !ns.sysctl.ipForward) {
    out.push({ line: 'sysctl -w net.ipv4.ip_forward=1' });
    if (cfg.iptables && !cfg.ipForwardNoDrop) out.push({ line: ipt('filter', '-P FORWARD DROP') });
  }
  if (cfg.iptables) {
    if (!hasChain(ns, 'nat', 'DOCKER')) out.push({ line: ipt('nat', '-N DOCKER') });
    for (const ch of ['DOCKER', 'DOCKER-FORWARD', 'DOCKER-BRIDGE', 'DOCKER-CT', 'DOCKER-INTERNAL', 'DOCKER-USER']) {
      if (!hasChain(ns, 'filter', ch)) out.push({ line: ipt('filter', `-N ${ch}`) });
    }
    // addNATJumpRules: with the userland proxy, loopback destinations are docker-proxy's
    const pre = '-m addrtype --dst-type LOCAL -j DOCKER';
    if (!hasRule(ns, 'nat', 'PREROUTING', pre)) out.push({ line: ipt('nat', `-A PREROUTING ${pre}`) });
    const outp = `${cfg.userlandProxy ? '! -d 127.0.0.0/8 ' : ''}-m addrtype --dst-type LOCAL -j DOCKER`;
    if (!hasRule(ns, 'nat', 'OUTPUT', outp)) out.push({ line: ipt('nat', `-A OUTPUT ${outp}`) });
    // EnsureJumpRule inserts at the top: DOCKER-FORWARD reads CT, INTERNAL, BRIDGE
    const ensure = (from: string, to: string) => {
      if (!hasJump(ns, 'filter', from, to)) out.push({ line: ipt('filter', `-I ${from} -j ${to}`) });
    };
    ensure('FORWARD', 'DOCKER-FORWARD');
    ensure('DOCKER-FORWARD', 'DOCKER-BRIDGE');
    ensure('DOCKER-FORWARD', 'DOCKER-INTERNAL');
    ensure('DOCKER-FORWARD', 'DOCKER-CT');
  }
  const docker0 = c.e.networks.get('bridge')!;
  out.push(...bridgeUp(c, docker0, false));
  return out;
}

/** the daemon's start as a plan of its own (`dockerd … &`) */
export function daemonStartPlan(c: Ctx): Plan {
  return {
    steps: daemonStart(c),
    stdout: '',
    stderr: '',
    commit: () => {
      c.e.started = true;
    },
  };
}

/** a bridge network's settings as the driver reads them from its options and the daemon's */
export interface BridgeConfig {
  readonly icc: boolean;
  readonly masquerade: boolean;
  readonly internal: boolean;
  /** com.docker.network.bridge.gateway_mode_ipv4 */
  readonly gwMode: 'nat' | 'nat-unprotected' | 'routed' | 'isolated';
  readonly mtu: number | null;
  /** com.docker.network.bridge.trusted_host_interfaces: host links that reach containers directly, as the bridge does */
  readonly trusted: readonly string[];
  /** com.docker.network.host_ipv4: SNAT to this address instead of MASQUERADE */
  readonly snatTo: string | null;
  /** com.docker.network.bridge.host_binding_ipv4 (docker0: dockerd --ip): where a port published without an address is bound */
  readonly bindingIp: string | null;
  /** com.docker.network.bridge.inhibit_ipv4: Docker gives the bridge no address */
  readonly inhibitIpv4: boolean;
}

/** strconv.ParseBool's true */
const isTrue = (v: string | undefined): boolean => v !== undefined && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v);

export function bridgeConfig(e: Engine, n: Network): BridgeConfig {
  const o = n.options;
  const dflt = n.builtin;
  return {
    icc: (o.get('com.docker.network.bridge.enable_icc') ?? (dflt ? String(e.config.icc) : 'true')) !== 'false',
    masquerade: (o.get('com.docker.network.bridge.enable_ip_masquerade') ?? (dflt ? String(e.config.ipMasq) : 'true')) !== 'false',
    internal: n.internal === true,
    gwMode: (o.get('com.docker.network.bridge.gateway_mode_ipv4') ?? 'nat') as BridgeConfig['gwMode'],
    // 0 (or none): the kernel's default
    mtu: Number(o.get('com.docker.network.driver.mtu') ?? 0) || null,
    // strings.FieldsFunc on ':'
    trusted: (o.get('com.docker.network.bridge.trusted_host_interfaces') ?? '').split(':').filter(Boolean),
    snatTo: o.get('com.docker.network.host_ipv4') ?? null,
    bindingIp: (dflt ? e.config.defaultIp : o.get('com.docker.network.bridge.host_binding_ipv4')) ?? null,
    inhibitIpv4: isTrue(o.get('com.docker.network.bridge.inhibit_ipv4')),
  };
}

/** the iptabler's network-level rules (setupIPTables), in the order Docker programs them */
function networkRules(e: Engine, n: Network): Array<[TableName, string, 'I' | 'A']> {
  const br = n.bridge!;
  const sub = cidrText(n.subnet!);
  const cfg = bridgeConfig(e, n);
  const hairpin = !e.config.userlandProxy;
  const r: Array<[TableName, string, 'I' | 'A']> = [];
  if (cfg.internal) {
    // setupInternalNetworkRules: nothing in or out of the subnet, then setIcc
    r.push(['filter', `DOCKER-INTERNAL ! -d ${sub} -i ${br} -j DROP`, 'I']);
    r.push(['filter', `DOCKER-INTERNAL ! -s ${sub} -o ${br} -j DROP`, 'I']);
    r.push(['filter', `DOCKER-FORWARD -i ${br} -o ${br} -j ${cfg.icc ? 'ACCEPT' : 'DROP'}`, 'A']);
    return r;
  }
  // setupNonInternalNetworkRules
  // with com.docker.network.host_ipv4, SNAT to that address; else MASQUERADE picks it by route
  const nat = cfg.snatTo !== null ? `SNAT --to-source ${cfg.snatTo}` : 'MASQUERADE';
  if (cfg.masquerade && cfg.gwMode !== 'routed') r.push(['nat', `POSTROUTING -s ${sub} ! -o ${br} -j ${nat}`, 'I']);
  if (hairpin) r.push(['nat', `POSTROUTING -o ${br} -m addrtype --src-type LOCAL -j ${nat}`, 'I']);
  if (!cfg.icc) r.push(['filter', `DOCKER-FORWARD -i ${br} -o ${br} -j DROP`, 'A']);
  if (cfg.gwMode === 'routed') r.push(['filter', `DOCKER -o ${br} -p icmp -j ACCEPT`, 'A']);
  r.push(['filter', cfg.icc ? `DOCKER-FORWARD -i ${br} -j ACCEPT` : `DOCKER-FORWARD -i ${br} ! -o ${br} -j ACCEPT`, 'A']);
  // setDefaultForwardRule: nothing from outside reaches a container unless a port is published
  r.push(['filter', `DOCKER ! -i ${br} -o ${br} -j ${cfg.gwMode === 'nat-unprotected' ? 'ACCEPT' : 'DROP'}`, 'A']);
  r.push(['filter', `DOCKER-CT -o ${br} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`, 'A']);
  r.push(['filter', `DOCKER-BRIDGE -o ${br} -j DOCKER`, 'A']);
  return r;
}

/** the bridge driver's createNetwork: the bridge, its gateway address, NAT and filter rules */
export function bridgeUp(c: Ctx, n: Network, jumpsPlanned: boolean): Step[] {
  const br = n.bridge!;
  const sub = n.subnet!;
  const ns = c.host;
  const cfg = bridgeConfig(c.e, n);
  const out: Step[] = [{ line: `ip link add ${br} type bridge` }];
  if (cfg.mtu !== null) out.push({ line: `ip link set ${br} mtu ${cfg.mtu}` });
  // setupBridgeIPv4: inhibit_ipv4 leaves the bridge without its gateway address
  if (!cfg.inhibitIpv4 && cfg.gwMode !== 'isolated' && n.gateway !== null)
    out.push({ line: `ip addr add ${formatIpv4(n.gateway)}/${sub.plen} dev ${br}` });
  // setupLoopbackAddressesRouting: without the proxy, the host's own 127.0.0.1 is DNATed out of the bridge
  if (!c.e.config.userlandProxy) out.push({ line: `sysctl -w net.ipv4.conf.${br}.route_localnet=1` });
  out.push({ line: `ip link set ${br} up` });
  if (!c.e.config.iptables) return out;
  // br_netfilter is needed for icc=false, and for DNAT between containers without the proxy
  if ((!cfg.icc || !c.e.config.userlandProxy) && !ns.sysctl.bridgeNfCallIptables)
    out.push({ line: 'sysctl -w net.bridge.bridge-nf-call-iptables=1' });
  for (const [t, rule, how] of networkRules(c.e, n)) out.push({ line: ipt(t, `-${how} ${rule}`) });
  // arrangeUserFilterRule: the jump to DOCKER-USER goes back on top of FORWARD
  if (jumpsPlanned || hasJump(ns, 'filter', 'FORWARD', 'DOCKER-USER'))
    out.push({ line: ipt('filter', '-D FORWARD -j DOCKER-USER'), optional: true });
  out.push({ line: ipt('filter', '-I FORWARD -j DOCKER-USER') });
  return out;
}

function bridgeDown(e: Engine, n: Network): Step[] {
  const br = n.bridge!;
  const rules = e.config.iptables ? networkRules(e, n).reverse() : [];
  return [...rules.map(([t, rule]) => ipt(t, `-D ${rule}`)), `ip link del ${br}`].map((line) => ({ line, optional: true }));
}

// ---- docker network create / rm ------------------------------------------------------------

export interface NetworkSpec {
  readonly name: string;
  readonly driver: string;
  readonly subnet: string | null;
  readonly gateway: string | null;
  readonly ipRange: string | null;
  readonly aux: ReadonlyArray<readonly [string, string]>;
  readonly options: ReadonlyMap<string, string>;
  readonly internal: boolean;
  readonly attachable: boolean;
  /** --label KEY[=VALUE] */
  readonly labels?: ReadonlyMap<string, string>;
}

export const err = (m: string, status = 1): DockerError => new DockerError(`Error response from daemon: ${m}`, status);

/** the host's routes a new bridge network must not overlap: all but those of Docker's own bridges */
export function hostRoutes(c: Ctx): Cidr[] {
  const bridges = new Set([...c.e.networks.values()].flatMap((n) => (n.bridge ? [n.bridge] : [])));
  return c.host.fib.routes
    .filter((r) => r.table === RT_TABLE_MAIN && r.plen > 0 && !(r.dev && bridges.has(r.dev.name)))
    .map((r) => ({ addr: r.dst, plen: r.plen }));
}

export function planNetworkCreate(c: Ctx, s: NetworkSpec): Plan {
  const { e, host } = c;
  if (e.networks.has(s.name) || e.swarm?.networks.has(s.name)) throw err(`network with name ${s.name} already exists`);
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(s.name)) throw err(`invalid network name "${s.name}"`);
  if (s.driver === 'overlay') {
    if (s.labels?.size)
      throw new DockerError('netlab: docker network create --label is not modelled yet for an overlay network; leave it out', 125);
    return planOverlayCreate(c, s);
  }
  if (s.driver === 'host' || s.driver === 'null') throw err(`only one instance of "${s.driver}" network is allowed`, 1);
  if (s.driver !== 'bridge' && s.driver !== 'macvlan' && s.driver !== 'ipvlan')
    throw err(`could not find plugin ${s.driver} in v1 plugin registry: plugin not found`);
  const driver: Driver = s.driver;
  const seq = e.seq + 1;
  const id = hexId(`network:${s.name}:${seq}`);
  const bridges = new Set([...e.networks.values()].flatMap((n) => (n.bridge ? [n.bridge] : [])));

  let subnet: Cidr | null;
  if (s.subnet !== null) {
    const p = parseCidr(s.subnet);
    if (!p || !s.subnet.includes('/')) throw err(`invalid CIDR address: ${s.subnet}`);
    if (cidrText(p) !== s.subnet) throw err(`invalid subnet ${s.subnet} : it should be ${cidrText(p)}`);
    if ([...e.networks.values()].some((n) => n.subnet && overlaps(n.subnet, p)))
      throw err('Pool overlaps with other one on this address space');
    subnet = p;
  } else {
    subnet = nextPool(e, driver === 'bridge' ? hostRoutes(c) : []);
    if (!subnet) throw err('could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network');
  }
  const ipIn = (t: string, what: string): Ipv4 => {
    const v = parseIpv4(t);
    if (v === null) throw err(`invalid ${what} address: ${t}`);
    if (!inSubnet({ subnet } as Network, v)) throw err(`no matching subnet for ${what === 'gateway' ? 'gateway' : what} ${t}`);
    return v;
  };
  let ipRange: Cidr | null = null;
  if (s.ipRange !== null) {
    const r = parseCidr(s.ipRange);
    if (!r || !s.ipRange.includes('/')) throw err(`invalid CIDR address: ${s.ipRange}`);
    if (r.plen < subnet.plen || !inSubnet({ subnet } as Network, r.addr)) throw err(`no matching subnet for range ${s.ipRange}`);
    ipRange = r;
  }
  // IPAM reserves the subnet's first address as the gateway unless one is given, or the driver
  // wants none (GetSkipGwAlloc: gateway mode isolated, or inhibit_ipv4 on an internal network)
  const skipGw =
    driver === 'bridge' &&
    (s.options.get('com.docker.network.bridge.gateway_mode_ipv4') === 'isolated' ||
      (isTrue(s.options.get('com.docker.network.bridge.inhibit_ipv4')) && s.internal));
  const gateway = s.gateway !== null ? ipIn(s.gateway, 'gateway') : skipGw ? null : networkOf(subnet.addr, subnet.plen) + 1;
  const aux = new Map<string, Ipv4>();
  for (const [k, v] of s.aux) aux.set(k, ipIn(v, 'aux-address'));

  let bridge: string | null = null;
  let parent: string | null = null;
  let mode: string | null = null;
  for (const k of s.options.keys()) {
    const known =
      driver === 'bridge'
        ? [
            'com.docker.network.bridge.name',
            'com.docker.network.bridge.enable_icc',
            'com.docker.network.bridge.enable_ip_masquerade',
            'com.docker.network.bridge.gateway_mode_ipv4',
            'com.docker.network.driver.mtu',
            'com.docker.network.bridge.trusted_host_interfaces',
            'com.docker.network.host_ipv4',
            'com.docker.network.bridge.host_binding_ipv4',
            'com.docker.network.bridge.inhibit_ipv4',
          ]
        : driver === 'macvlan'
          ? ['parent', 'macvlan_mode']
          : ['parent', 'ipvlan_mode', 'ipvlan_flag'];
    if (!known.includes(k))
      throw err(`${driver} driver: unknown option "${k}"`.replace(/^bridge driver: unknown option/, 'invalid option'));
  }
  const steps: Step[] = [];
  let internal = s.internal;
  if (s.internal && driver !== 'bridge')
    throw err(`netlab: --internal is modelled for the bridge driver only; leave out --internal for a ${driver} network`);
  if (driver === 'bridge') {
    const gw = s.options.get('com.docker.network.bridge.gateway_mode_ipv4');
    const parseErr = (k: string, v: string, why: string) => err(`failed to parse ${k} value: ${v} (${why})`);
    if (gw !== undefined && !['nat', 'nat-unprotected', 'routed', 'isolated'].includes(gw))
      throw parseErr('com.docker.network.bridge.gateway_mode_ipv4', gw, `unknown gateway mode ${gw}`);
    // parseNetworkOptions
    if (gw === 'isolated' && !s.internal) throw err("gateway mode 'isolated' can only be used for an internal network");
    // fromLabels: net.ParseIP, then the IPv4 rules take the address
    for (const k of ['com.docker.network.host_ipv4', 'com.docker.network.bridge.host_binding_ipv4']) {
      const v = s.options.get(k);
      if (v === undefined || parseIpv4(v) !== null) continue;
      if (v.includes(':') && /^[0-9a-fA-F:.]+$/.test(v))
        throw err(`netlab: ${k}=${v}: IPv6 addresses are not modelled (the lab is IPv4 only)`);
      throw parseErr(k, v, 'nil ip');
    }
    for (const k of [
      'com.docker.network.bridge.enable_icc',
      'com.docker.network.bridge.enable_ip_masquerade',
      'com.docker.network.bridge.inhibit_ipv4',
    ]) {
      const v = s.options.get(k);
      if (v !== undefined && !['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE', 'True', 'False', 'T', 'F'].includes(v))
        throw parseErr(k, v, `strconv.ParseBool: parsing "${v}": invalid syntax`);
    }
    const mtu = s.options.get('com.docker.network.driver.mtu');
    if (mtu !== undefined && !/^[+-]?\d+$/.test(mtu))
      throw parseErr('com.docker.network.driver.mtu', mtu, `strconv.Atoi: parsing "${mtu}": invalid syntax`);
    if (mtu !== undefined && Number(mtu) < 0) throw err(`invalid MTU number: ${Number(mtu)}`);
    bridge = s.options.get('com.docker.network.bridge.name') ?? `br-${id.slice(0, 12)}`;
    if (host.dev(bridge) || bridges.has(bridge)) throw err(`bridge ${bridge} already exists`);
  } else {
    parent = s.options.get('parent') ?? null;
    if (parent !== null) {
      if (parent.includes('.')) throw err(`-o parent=${parent}: netlab has no 802.1Q VLAN links; use a plain interface as the parent`);
      const p = host.dev(parent);
      if (!p) throw err(`-o parent interface was not found on the host: ${parent}`);
    }
    if (driver === 'macvlan') {
      mode = s.options.get('macvlan_mode') ?? 'bridge';
      if (!['bridge', 'private', 'vepa', 'passthru'].includes(mode))
        throw err(`requested macvlan mode '${mode}' is not valid, 'bridge' mode is the macvlan driver default`);
    } else {
      mode = s.options.get('ipvlan_mode') ?? 'l2';
      if (!['l2', 'l3', 'l3s'].includes(mode))
        throw err(`requested ipvlan mode '${mode}' is not valid, 'l2' mode is the ipvlan driver default`);
    }
    // createNetwork: several macvlan networks may share a parent (not in passthru); ipvlan ones may not
    for (const o of e.networks.values()) {
      if (o.driver !== driver || parent === null || o.parent !== parent) continue;
      if (driver === 'ipvlan') throw err(`network dm-${o.id.slice(0, 12)} is already using parent interface ${parent}`);
      if (mode === 'passthru') throw err(`cannot use mode passthru, macvlan network ${o.id} is already using parent interface ${parent}`);
      if (o.mode === 'passthru') throw err(`macvlan network ${o.id} is already using parent interface ${parent} in mode passthru`);
    }
    if (parent === null) {
      // no parent: an internal network on a dummy link (libnetwork's "dm-" + network id)
      internal = true;
      parent = `dm-${id.slice(0, 12)}`;
      steps.push({ line: `ip link add ${parent} type dummy` }, { line: `ip link set ${parent} up` });
    }
  }
  const net: Network = {
    id,
    name: s.name,
    driver,
    builtin: false,
    subnet,
    gateway,
    ipRange,
    aux,
    bridge,
    parent,
    mode,
    options: new Map(s.options),
    ...(internal ? { internal: true } : {}),
    ...(s.labels?.size ? { labels: new Map(s.labels) } : {}),
  };
  const start = daemonStart(c);
  if (driver === 'bridge') steps.push(...bridgeUp(c, net, start.length > 0));
  return {
    steps: [...start, ...steps],
    stdout: id + '\n',
    stderr: '',
    commit: () => {
      e.started = true;
      e.seq = seq;
      e.networks.set(net.name, net);
    },
  };
}

/** a network by name or id prefix: this daemon's, then its swarm's overlay networks */
export function findNetwork(e: Engine, ref: string): Network | undefined {
  const byName = e.networks.get(ref) ?? e.swarm?.networks.get(ref);
  if (byName) return byName;
  const all = [...e.networks.values(), ...(e.swarm ? e.swarm.networks.values() : [])];
  const hits = all.filter((n) => ref.length >= 1 && n.id.startsWith(ref));
  return hits.length === 1 ? hits[0] : undefined;
}

export function planNetworkRm(c: Ctx, given: readonly string[], force = false): Plan {
  const { e } = c;
  // -f: a network that does not exist is no error (cli/command/network/remove.go runRemove)
  const refs = force ? given.filter((r) => findNetwork(e, r)) : given;
  if (force && !refs.length) return { steps: [], stdout: '', stderr: '', commit: () => {} };
  if (!refs.length)
    throw new DockerError(
      '"docker network rm" requires at least 1 argument.\nSee \'docker network rm --help\'.\n\nUsage:  docker network rm NETWORK [NETWORK...]\n\nRemove one or more networks',
      1,
    );
  const nets: Network[] = [];
  for (const r of refs) {
    const n = findNetwork(e, r);
    if (!n) throw err(`network ${r} not found`);
    if (n.builtin) throw err(`${n.name} is a pre-defined network and cannot be removed`, 1);
    if (n.driver === 'overlay' && e.swarm?.nodes.get(c.host)?.role !== 'manager')
      throw err('Cannot remove a multi-host network from a worker node. Please remove the network from a manager node.');
    const engines = n.driver === 'overlay' ? swarmDaemons(c) : [e];
    if (engines.some((en) => [...en.containers.values()].some((ct) => ct.endpoints.some((ep) => ep.network === n.name))))
      throw err(`error while removing network: network ${n.name} id ${n.id} has active endpoints`);
    nets.push(n);
  }
  const steps: Step[] = [];
  for (const n of nets) {
    if (n.driver === 'bridge') steps.push(...bridgeDown(e, n));
    else if (n.parent?.startsWith('dm-')) steps.push({ line: `ip link del ${n.parent}`, optional: true });
  }
  return {
    steps,
    stdout: refs.map((r) => r + '\n').join(''),
    stderr: '',
    commit: () => {
      for (const n of nets) {
        e.networks.delete(n.name);
        if (n.driver === 'overlay') e.swarm?.networks.delete(n.name);
      }
    },
  };
}

/** docker network prune -f: every custom network no container uses, by name, in creation order */
export function planNetworkPrune(c: Ctx): Plan {
  const { e } = c;
  const used = (n: Network) => [...e.containers.values()].some((ct) => ct.endpoints.some((ep) => ep.network === n.name));
  if (e.swarm?.nodes.get(c.host)?.role === 'manager' && [...e.swarm.networks.values()].some((n) => !used(n)))
    throw new DockerError(
      "netlab: docker network prune on a swarm manager (it prunes the swarm's overlay networks too) is not modelled yet",
      1,
    );
  const unused = [...e.networks.values()].filter((n) => !n.builtin && n.driver !== 'overlay' && !used(n));
  if (!unused.length) return { steps: [], stdout: '', stderr: '', commit: () => {} };
  const rm = planNetworkRm(
    c,
    unused.map((n) => n.name),
  );
  return { ...rm, stdout: `Deleted Networks:\n${unused.map((n) => `${n.name}\n`).join('')}\n` };
}

// ---- containers ----------------------------------------------------------------------------

/** a server in the foreground would hold the terminal: the lab runs it in the background */
export const BACKGROUND = 'netlab: the container runs in the background (the lab has no foreground processes)\n';

/** docker run's errors after its flags are read (cli/command/container/run.go withHelp) */
export function withHelp(msg: string, cmd = 'run'): string {
  return `docker: ${msg}\n\nRun 'docker ${cmd} --help' for more information`;
}

export interface RunSpec {
  readonly name: string | null;
  readonly image: string;
  readonly command: readonly string[];
  readonly network: string;
  readonly ip: string | null;
  readonly mac: string | null;
  readonly ports: readonly string[];
  /** -P: every port the image exposes, on an ephemeral host port */
  readonly publishAll: boolean;
  readonly detach: boolean;
  /** --rm: removed when its command ends */
  readonly rm: boolean;
  /** -i / -t: a terminal for the container's process */
  readonly terminal: boolean;
  /** -t (Config.Tty) and -i (Config.OpenStdin) apart, as inspect shows them */
  readonly tty?: boolean;
  readonly interactive?: boolean;
  /** --cap-add / --cap-drop as given (HostConfig.CapAdd / CapDrop) */
  readonly capAdd?: readonly string[];
  readonly capDrop?: readonly string[];
  /** --network-alias: names on the network given by --network */
  readonly aliases: readonly string[];
  /** --link NAME[:ALIAS] */
  readonly links: readonly string[];
  /** -e KEY=VALUE, in order */
  readonly env: readonly string[];
  /** --label KEY[=VALUE] */
  readonly labels: ReadonlyMap<string, string>;
  /** the capabilities the container's processes have (defaults, --cap-add, --cap-drop, --privileged) */
  readonly caps: ReadonlySet<string>;
  readonly privileged: boolean;
  /** -h/--hostname (else the short id) */
  readonly hostname?: string;
  /** --dns, --dns-search, --dns-option */
  readonly dns?: DnsConfig;
  /** --add-host NAME:IP */
  readonly extraHosts?: readonly ExtraHost[];
  /** pflag's notices for deprecated flags given (the CLI prints them before it runs) */
  readonly notices?: string;
}

/**
 * One `-p` value as the docker CLI reads it: [IP:][HOSTPORT[-END]:]PORT[-END][/PROTO], a range
 * on both sides pairing port for port, or the long form published=…,target=…[,protocol=…].
 */
export function parsePorts(s: string): PortMap[] {
  const bad = (what: string) => new DockerError(withHelp(what), 125);
  if (s.includes('=')) {
    // the long syntax (opts.PortOpt)
    const kv = new Map<string, string>();
    for (const part of s.split(',')) {
      const eq = part.indexOf('=');
      if (eq < 0) throw bad(`invalid field '${part}' must be a key=value pair`);
      const k = part.slice(0, eq).toLowerCase();
      if (!['published', 'target', 'protocol', 'mode', 'host_ip', 'name', 'app_protocol'].includes(k)) throw bad(`invalid field key ${k}`);
      kv.set(k, part.slice(eq + 1));
    }
    if (kv.has('mode') && kv.get('mode') !== 'host' && kv.get('mode') !== 'ingress')
      throw bad(`invalid publish mode value (${kv.get('mode')}): must be either "ingress" or "host"`);
    if (!kv.has('target')) throw bad('missing mandatory field "target"');
    const proto = kv.get('protocol') ?? 'tcp';
    const ip = kv.get('host_ip');
    return parsePorts(`${ip ? `${ip}:` : ''}${kv.get('published') ?? ''}:${kv.get('target')}/${proto}`);
  }
  if (s.startsWith('[')) throw bad('netlab: IPv6 host addresses are not modelled (the lab is IPv4 only)');
  const m = /^(?:([^:]*):)?(?:([^:]*):)?([^:]+)$/.exec(s);
  if (!m) throw bad(`invalid containerPort: ${s}`);
  let [, ip, host, cport] = m as unknown as [string, string | undefined, string | undefined, string];
  if (host === undefined && ip !== undefined) {
    host = ip;
    ip = undefined;
  }
  const slash = cport.indexOf('/');
  const proto = slash < 0 ? 'tcp' : cport.slice(slash + 1);
  if (slash >= 0) cport = cport.slice(0, slash);
  if (proto === 'sctp') throw bad('netlab: SCTP is not modelled; publish tcp or udp ports');
  if (proto !== 'tcp' && proto !== 'udp') throw bad(`invalid proto: ${proto}`);
  if (ip !== undefined && ip !== '' && parseIpv4(ip) === null) throw bad(`invalid IP address: ${ip}`);
  const range = (v: string, what: string): [number, number] => {
    const r = /^(\d+)(?:-(\d+))?$/.exec(v);
    if (!r) throw bad(`invalid ${what}: ${v}`);
    const lo = Number(r[1]);
    const hi = r[2] !== undefined ? Number(r[2]) : lo;
    if (lo > 65535 || hi > 65535 || hi < lo) throw bad(`invalid ${what}: ${v}`);
    return [lo, hi];
  };
  const [clo, chi] = range(cport, 'containerPort');
  if (clo === 0) throw bad(`invalid containerPort: ${cport}`);
  const [hlo, hhi] = host === undefined || host === '' ? [0, 0] : range(host, 'hostPort');
  // one container port, a range of host ports: the daemon binds the first it can (HostPortEnd)
  if (hhi !== hlo && chi === clo) return [{ hostIp: ip ? ip : null, hostPort: hlo, hostPortEnd: hhi, port: clo, proto }];
  if (hhi !== hlo && hhi - hlo !== chi - clo) throw bad(`invalid ranges specified for container and host Ports: ${cport} and ${host}`);
  const out: PortMap[] = [];
  for (let i = 0; i <= chi - clo; i++) out.push({ hostIp: ip ? ip : null, hostPort: hlo === 0 ? 0 : hlo + i, port: clo + i, proto });
  return out;
}

/** the container's namespace name: the container's own name, as `ip netns` allows it */
function nsNameOf(name: string): string {
  return name;
}

/** a free interface name with Docker's prefix and 7 hex digits (libnetwork netutils.GenerateIfaceName) */
export function ifaceName(c: Ctx, prefix: string, seed: string, taken: Set<string>): string {
  for (let i = 0; ; i++) {
    const n = prefix + hexId(`${seed}:${i}`).slice(0, 7);
    if (!c.host.dev(n) && !taken.has(n)) {
      taken.add(n);
      return n;
    }
  }
}

export interface Draft {
  readonly c: Ctx;
  readonly steps: Step[];
  /** run after every step of this host: what Docker then programs on the other swarm nodes */
  readonly after: Step[];
  readonly names: Set<string>;
  /** addresses handed out in this plan, per network */
  readonly taken: Map<string, Set<Ipv4>>;
}

/**
 * IPAM for one endpoint: `--ip` checked, or the lowest free address. `taken` holds what this
 * plan handed out already (and, for a swarm network, what the other nodes use).
 */
export function assignIp(d: Draft, net: Network, wanted: string | null, others: Iterable<Ipv4> = []): Ipv4 {
  const taken = d.taken.get(net.name) ?? new Set<Ipv4>();
  d.taken.set(net.name, taken);
  for (const a of others) taken.add(a);
  let ip: Ipv4;
  if (wanted !== null) {
    if (net.builtin) throw err('user specified IP address is supported on user defined networks only', 125);
    const v = parseIpv4(wanted);
    if (v === null)
      throw new DockerError(
        withHelp(`invalid argument "${wanted}" for "--ip" flag: invalid string being converted to IP address: ${wanted}`),
        125,
      );
    if (!inSubnet(net, v)) throw err(`Invalid address ${wanted}: It does not belong to any of this network's subnets`, 125);
    if (usedAddrs(d.c.e, net).has(v) || taken.has(v)) throw err('Address already in use', 125);
    ip = v;
  } else {
    const v = allocate(d.c.e, net, taken);
    if (v === null) throw err(`no available IPv4 addresses on this network's address pools: ${net.name} (${net.id})`, 125);
    ip = v;
  }
  taken.add(ip);
  return ip;
}

/** join a container to a network: the endpoint and its steps (sandbox side in `ns`) */
export function joinNetwork(
  d: Draft,
  ct: { name: string; id: string },
  ns: string,
  net: Network,
  ifname: string,
  opts: { ip: string | null; mac: string | null; gateway: boolean; fresh: boolean },
): Endpoint {
  const { c } = d;
  const ip = assignIp(d, net, opts.ip);
  const plen = net.subnet!.plen;
  const epId = hexId(`endpoint:${ct.id}:${net.name}`);
  const mac = opts.mac ?? randomMac(epId);
  const s = d.steps;
  const cfg = net.driver === 'bridge' ? bridgeConfig(c.e, net) : null;
  let hostVeth: string | null = null;
  if (net.driver === 'bridge') {
    hostVeth = ifaceName(c, 'veth', `veth:${epId}`, d.names);
    s.push(
      { line: `ip link add ${hostVeth} type veth peer name ${ifname} netns ${ns}` },
      { line: `ip link set ${hostVeth} master ${net.bridge}` },
    );
    // com.docker.network.driver.mtu: both ends of the veth
    if (cfg?.mtu != null)
      s.push({ line: `ip link set ${hostVeth} mtu ${cfg.mtu}` }, { line: `ip -n ${ns} link set ${ifname} mtu ${cfg.mtu}` });
    s.push({ line: `ip link set ${hostVeth} up` });
  } else {
    // macvlan / ipvlan: made on the parent in the host, moved into the sandbox, renamed
    const tmp = ifaceName(c, net.driver === 'macvlan' ? 'macv' : 'ipv', `sub:${epId}`, d.names);
    s.push(
      { line: `ip link add ${tmp} link ${net.parent} type ${net.driver} mode ${net.mode}` },
      { line: `ip link set ${tmp} netns ${ns}` },
      { line: `ip -n ${ns} link set ${tmp} name ${ifname}` },
    );
  }
  // an ipvlan sub-interface has its parent's MAC, always
  if (net.driver !== 'ipvlan') s.push({ line: `ip -n ${ns} link set ${ifname} address ${mac}` });
  s.push({ line: `ip -n ${ns} addr add ${formatIpv4(ip)}/${plen} dev ${ifname}` }, { line: `ip -n ${ns} link set ${ifname} up` });
  if (opts.fresh) s.push({ line: `ip -n ${ns} link set lo up` });
  // an --internal network (or a macvlan/ipvlan one without a parent) is never a container's gateway
  if (opts.gateway && !net.internal) {
    // ipvlan l3 has no gateway: the default route points at the device
    if (net.driver === 'ipvlan' && net.mode !== 'l2') s.push({ line: `ip -n ${ns} route add default dev ${ifname}` });
    else if (net.gateway !== null) s.push({ line: `ip -n ${ns} route add default via ${formatIpv4(net.gateway)}` });
  }
  s.push(...directAccessRule(c.e, net, ip, false));
  const parentMac = c.host.dev(net.parent ?? '')?.mac;
  return {
    network: net.name,
    id: epId,
    ip,
    mac: net.driver === 'ipvlan' && parentMac !== undefined ? formatMac(parentMac) : mac,
    ifname,
    hostVeth,
    ...(opts.ip !== null ? { requested: true } : {}),
  };
}

/**
 * The host address a port is bound to (configurePortBindingIPv4): the one given, else the
 * network's default binding address; a routed network maps no host address at all.
 */
export function bindingAddress(e: Engine, net: Network, p: PortMap): string | null {
  const cfg = bridgeConfig(e, net);
  if (cfg.gwMode === 'routed') return null;
  const ip = p.hostIp ?? cfg.bindingIp;
  return ip !== null && ip !== '0.0.0.0' ? ip : null;
}

/**
 * setPerPortIptables: the rules of one published port, in the order Docker programs them.
 * Rule.Append and Rule.Insert add a rule only when the chain lacks it (two host ports for one
 * container port share their filter rule): `planned` holds the steps this plan already has.
 */
export function portRules(e: Engine, host: Netns, net: Network, ip: Ipv4, p: PortMap, del: boolean, planned: readonly Step[] = []): Step[] {
  const cfg = bridgeConfig(e, net);
  if (cfg.internal) return [];
  const proxy = userlandProxy(e, host, net, ip, p, del);
  if (!e.config.iptables) return proxy;
  const br = net.bridge!;
  const a = formatIpv4(ip);
  const proto = `-p ${p.proto} -m ${p.proto}`;
  const hostIp = bindingAddress(e, net, p);
  const hairpin = !e.config.userlandProxy;
  const rules: Array<[TableName, string, 'I' | 'A']> = [];
  // filterPortMappedOnLoopback: a port on 127.x answers nobody but the host itself
  if (hostIp !== null && hostIp.startsWith('127.'))
    rules.push(['raw', `PREROUTING -d ${hostIp}/32 ! -i lo ${proto} --dport ${p.hostPort} -j DROP`, 'A']);
  // setPerPortNAT: routed mode maps no host port
  if (cfg.gwMode !== 'routed') {
    rules.push([
      'nat',
      `DOCKER ${hostIp !== null ? `-d ${hostIp}/32 ` : ''}${hairpin ? '' : `! -i ${br} `}${proto} --dport ${p.hostPort} -j DNAT --to-destination ${a}:${p.port}`,
      'A',
    ]);
    if (hairpin) rules.push(['nat', `POSTROUTING -s ${a}/32 -d ${a}/32 ${proto} --dport ${p.port} -j MASQUERADE`, 'A']);
  }
  // setPerPortForwarding: the ACCEPT goes above the network's DROP
  if (cfg.gwMode !== 'nat-unprotected')
    rules.push(['filter', `DOCKER -d ${a}/32 ! -i ${br} -o ${br} ${proto} --dport ${p.port} -j ACCEPT`, 'I']);
  if (del) return [...proxy, ...rules.reverse().map(([t, spec]) => ({ line: ipt(t, `-D ${spec}`), optional: true }))];
  const present = (t: TableName, spec: string): boolean => {
    const sp = spec.indexOf(' ');
    return hasRule(host, t, spec.slice(0, sp), spec.slice(sp + 1));
  };
  const add = rules
    .filter(([t, spec]) => !present(t, spec))
    .map(([t, spec, how]) => ({ line: ipt(t, `-${how} ${spec}`) }))
    .filter((st) => !planned.some((x) => x.line === st.line));
  return [...add, ...proxy];
}

/**
 * docker-proxy (--userland-proxy, on by default): a process listening on the published host
 * port that makes each connection again to the container. It answers what no DNAT rule sends
 * on: the host's own loopback and, from a container of the same network, the host's
 * addresses. Routed mode maps no host port; netlab proxies TCP only.
 */
function userlandProxy(e: Engine, host: Netns, net: Network, ip: Ipv4, p: PortMap, del: boolean): Step[] {
  if (!e.config.userlandProxy || p.proto !== 'tcp' || bridgeConfig(e, net).gwMode === 'routed') return [];
  const hostIp = bindingAddress(e, net, p) ?? '0.0.0.0';
  const addr = parseIpv4(hostIp) ?? 0;
  const cmd = `docker-proxy -proto tcp -host-ip ${hostIp} -host-port ${p.hostPort} -container-ip ${formatIpv4(ip)} -container-port ${p.port}`;
  const mine = (l: Listener) => l.proxyTo?.addr === ip && l.port === p.hostPort && l.addr === addr;
  if (del)
    return [
      {
        line: `# stop ${cmd}`,
        act: () => {
          host.listeners = host.listeners.filter((l) => !mine(l));
        },
      },
    ];
  return [
    {
      line: `# ${cmd}`,
      act: () => {
        host.listeners.push({ addr, port: p.hostPort, proto: 'tcp', what: 'docker-proxy', proxyTo: { addr: ip, port: p.port } });
      },
    },
  ];
}

/**
 * filterDirectAccess: on a nat-mode network, the container's address is not routable from
 * outside the bridge, but for the trusted host interfaces (accepted first); none of it with
 * dockerd --allow-direct-routing.
 */
export function directAccessRule(e: Engine, net: Network, ip: Ipv4, del: boolean): Step[] {
  const cfg = bridgeConfig(e, net);
  if (!e.config.iptables || net.driver !== 'bridge' || cfg.internal || cfg.gwMode !== 'nat') return [];
  if (e.config.allowDirectRouting) return [];
  const a = formatIpv4(ip);
  const rules = [...cfg.trusted.map((i) => `PREROUTING -d ${a}/32 -i ${i} -j ACCEPT`), `PREROUTING -d ${a}/32 ! -i ${net.bridge} -j DROP`];
  return rules.map((rule) => (del ? { line: ipt('raw', `-D ${rule}`), optional: true } : { line: ipt('raw', `-A ${rule}`) }));
}

/** a container's exposed ports: its image's and the ones it publishes */
function exposedPorts(ct: Container): Array<{ port: number; proto: string }> {
  const all = [
    ...(ct.serves !== null ? [{ port: ct.serves, proto: 'tcp' }] : []),
    ...ct.ports.map((p) => ({ port: p.port, proto: p.proto })),
  ];
  const seen = new Set<string>();
  return all
    .filter((p) => !seen.has(`${p.port}/${p.proto}`) && seen.add(`${p.port}/${p.proto}`))
    .sort((a, b) => a.port - b.port || (a.proto < b.proto ? -1 : 1));
}

/**
 * Legacy links (AddLink), only where icc=false: each of the linked container's exposed ports
 * is let through from the linking container, and its replies back, in DOCKER.
 */
export function linkRules(e: Engine, net: Network, parent: Ipv4, child: Container, del: boolean): Step[] {
  if (!e.config.iptables || bridgeConfig(e, net).icc) return [];
  const there = child.endpoints.find((x) => x.network === net.name);
  if (!there) return [];
  const br = net.bridge!;
  const [p, c] = [formatIpv4(parent), formatIpv4(there.ip)];
  return exposedPorts(child).flatMap(({ port, proto }) =>
    [
      `DOCKER -s ${p}/32 -d ${c}/32 -i ${br} -o ${br} -p ${proto} -m ${proto} --dport ${port} -j ACCEPT`,
      `DOCKER -s ${c}/32 -d ${p}/32 -i ${br} -o ${br} -p ${proto} -m ${proto} --sport ${port} -j ACCEPT`,
    ].map((rule) => (del ? { line: ipt('filter', `-D ${rule}`), optional: true } : { line: ipt('filter', `-A ${rule}`) })),
  );
}

/** the server an image runs: its own HTTP server model, else the lab's stand-in (python3 -m http.server) */
export function imageServer(image: string): 'nginx' | 'httpd' | null {
  const name = image.replace(/^docker\.io\/(library\/)?/, '');
  const end = name.search(/[:@]/);
  const bare = end < 0 ? name : name.slice(0, end);
  return bare === 'nginx' || bare === 'httpd' ? bare : null;
}

/**
 * The image's server starts in namespace NS (null: the host's). The line is the stand-in a
 * recording runs on a kernel (only the client's address is compared there); in the lab an
 * image with a server model of its own listens instead, its output in the container's logs.
 * A server that cannot bind its port (another socket holds it: `--network host`, a shared
 * namespace) logs why and ends with status 1: nginx after its five tries, httpd at once.
 */
export function serverStep(
  ns: string | null,
  port: number,
  run?: { readonly c: Ctx; readonly image: string; readonly life?: () => Life },
): Step {
  const cmd = `python3 -m http.server ${port} &`;
  const line = ns === null ? cmd : `ip netns exec ${ns} ${cmd}`;
  const server = run ? imageServer(run.image) : null;
  if (!run || !server) return { line };
  const { c, life } = run;
  return {
    line,
    act: () => {
      const there = ns === null ? c.host : c.w.ns(ns);
      if (!there) return;
      const l = life?.();
      const output = l?.logs ?? [];
      const now = c.w.clock.now();
      // httpd names itself after the address its hostname resolves to: the container's own
      const own = [...there.devices.values()].flatMap((dev) => dev.addrs).find((a) => a.addr >>> 24 !== 127);
      const address = formatIpv4(own?.addr ?? 0x7f000001);
      // the server's sockets: 0.0.0.0:PORT, and [::]:PORT (nginx's entrypoint enabled it; httpd
      // listens on both), which only an IPv6 socket on the port holds: a dual-stack one or a server's
      const holders = there.listeners.filter((x) => x.proto === 'tcp' && x.port === port);
      const failed = [
        ...(holders.some((x) => x.mapped || x.http !== undefined) ? [`[::]:${port}`] : []),
        ...(holders.length ? [`0.0.0.0:${port}`] : []),
      ];
      // the container's layer keeps the entrypoint's edit of default.conf for its later starts
      const again = l?.confEdited === true;
      if (l && server === 'nginx') l.confEdited = true;
      if (failed.length) {
        const ends = (at: number, status: number): void => {
          if (!l) return;
          l.endsAt = at;
          l.endStatus = status;
        };
        if (server === 'httpd') {
          output.push(httpdBindFailure(now, address, failed));
          ends(now, 1);
          return;
        }
        // nginx tries 0.0.0.0 first (its `listen 80;` comes first)
        const tries = nginxBindFailure(now, failed.reverse());
        output.push(nginxEntrypoint(now, again), ...tries.output);
        ends(tries.endsAt, 1);
        return;
      }
      output.push(...(server === 'nginx' ? nginxStartup(now, again) : httpdStartup(now, address)));
      if (l && server === 'nginx') l.workers = nginxWorkers(again);
      there.listeners.push({
        addr: 0,
        port,
        proto: 'tcp',
        what: server,
        http: server,
        output,
        ...(server === 'nginx' ? { worker: nginxWorkers(again)[0]! } : {}),
      });
    },
  };
}

export function findContainer(e: Engine, ref: string): Container | undefined {
  const byName = e.containers.get(ref.replace(/^\//, ''));
  if (byName) return byName;
  const hits = [...e.containers.values()].filter((ct) => ref.length >= 1 && ct.id.startsWith(ref));
  return hits.length === 1 ? hits[0] : undefined;
}

/** ALLOCATE: the host ports are taken now (docker run's start); docker create takes them at its start */
export function planRun(c: Ctx, r: RunSpec, allocate = true): Plan {
  const { e, w } = c;
  const seq = e.seq + 1;
  if (r.name !== null) {
    if (!/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(r.name))
      throw new DockerError(
        withHelp(`Error response from daemon: Invalid container name (${r.name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`),
        125,
      );
    const old = e.containers.get(r.name.replace(/^\//, ''));
    if (old)
      throw new DockerError(
        withHelp(
          `Error response from daemon: Conflict. The container name "/${old.name}" is already in use by container "${old.id}". You have to remove (or rename) that container to be able to reuse that name.`,
        ),
        125,
      );
  }
  const name = r.name?.replace(/^\//, '') ?? generatedName(`${seq}`, (n) => e.containers.has(n) || !!w.ns(n));
  const id = hexId(`container:${name}:${seq}`);
  // PortBindingReq.Compare: exact host ports before ephemeral ones, then by container port,
  // protocol (tcp before udp), host port and host address
  const ipKey = (a: string | null) => parseIpv4(a ?? '0.0.0.0') ?? 0;
  // an ephemeral port is a range too
  const isRange = (p: PortMap) => p.hostPort === 0 || (p.hostPortEnd ?? p.hostPort) !== p.hostPort;
  const serves = imageServes(r.image);
  const exposed =
    r.publishAll && serves !== null && !r.ports.some((p) => parsePorts(p).some((x) => x.port === serves)) ? [`${serves}`] : [];
  const ports = [...r.ports, ...exposed]
    .flatMap(parsePorts)
    .sort(
      (a, b) =>
        Number(isRange(a)) - Number(isRange(b)) ||
        a.port - b.port ||
        (a.proto === b.proto ? 0 : a.proto === 'tcp' ? -1 : 1) ||
        a.hostPort - b.hostPort ||
        (a.hostPortEnd ?? a.hostPort) - (b.hostPortEnd ?? b.hostPort) ||
        ipKey(a.hostIp) - ipKey(b.hostIp),
    );
  const d: Draft = { c, steps: [...daemonStart(c)], after: [], names: new Set(), taken: new Map() };
  // the image's server prints to the container's logs (ct is made below, before any step runs)
  const started = { c, image: r.image, life: () => lifeOf(ct) };
  let mode: NetMode;
  let netns: string;
  let endpoints: Endpoint[] = [];
  let portsOn: string | null = null;
  let stderr = '';
  const run = (msg: string) => new DockerError(withHelp(`Error response from daemon: ${msg}`), 125);
  const netRef = r.network;
  const aliasesOnly = 'invalid endpoint settings:\nnetwork-scoped aliases are only supported for user-defined networks';
  if (r.aliases.length && (netRef === 'host' || netRef === 'none' || netRef.startsWith('container:') || findNetwork(e, netRef)?.builtin))
    throw run(aliasesOnly);
  const links: Array<{ name: string; alias: string }> = [];
  for (const l of r.links) {
    const [cname = '', alias = cname] = l.split(':');
    const linkNet = findNetwork(e, netRef);
    if (!linkNet || linkNet.name !== 'bridge')
      throw new DockerError('netlab: docker run --link outside the default bridge is not modelled yet', 125);
    const child = findContainer(e, cname);
    if (!child) throw run(`could not get container for ${cname}: No such container: ${cname}`);
    if (!child.endpoints.some((x) => x.network === 'bridge'))
      throw run(`Cannot link to /${child.name}, as it does not belong to the default network`);
    links.push({ name: child.name, alias });
  }
  if (netRef === 'host') {
    if (r.hostname !== undefined || r.dns || r.extraHosts?.length)
      throw new DockerError(
        'netlab: docker run --network host with --hostname, --dns… or --add-host is not modelled yet; leave them out',
        125,
      );
    mode = { kind: 'host' };
    netns = c.host.label;
    if (r.ip !== null || r.mac !== null) throw run('conflicting options: mac-address and the network mode');
    if (ports.length) stderr += 'WARNING: Published ports are discarded when using host network mode\n';
    if (serves !== null) d.steps.push(serverStep(null, serves, started));
  } else if (netRef === 'none') {
    mode = { kind: 'none' };
    netns = nsNameOf(name);
    if (w.ns(netns))
      throw new DockerError(`netlab: a network namespace called "${netns}" already exists; name the container differently`, 125);
    d.steps.push({ line: `ip netns add ${netns}` }, { line: `ip -n ${netns} link set lo up` });
    if (serves !== null) d.steps.push(serverStep(netns, serves, started));
  } else if (netRef.startsWith('container:')) {
    const other = findContainer(e, netRef.slice('container:'.length));
    if (!other) throw run(`No such container: ${netRef.slice('container:'.length)}`);
    if (ports.length) throw run('conflicting options: port publishing and the container type network mode');
    if (r.ip !== null || r.mac !== null) throw run('conflicting options: mac-address and the network mode');
    // runconfig's validateNetContainerMode: the other container's files are this one's
    if (r.hostname !== undefined) throw run('conflicting options: hostname and the network mode');
    if (r.dns?.servers.length) throw run('conflicting options: dns and the network mode');
    if (r.extraHosts?.length) throw run('conflicting options: custom host-to-IP mapping and the network mode');
    mode = { kind: 'container', of: other.name };
    netns = other.netns;
    if (serves !== null) d.steps.push(serverStep(other.mode.kind === 'host' ? null : netns, serves, started));
  } else {
    const net = findNetwork(e, netRef === 'default' ? 'bridge' : netRef);
    if (!net) throw run(`network ${netRef} not found`);
    mode = { kind: 'networks' };
    netns = nsNameOf(name);
    if (w.ns(netns))
      throw new DockerError(`netlab: a network namespace called "${netns}" already exists; name the container differently`, 125);
    d.steps.push({ line: `ip netns add ${netns}` });
    const eps =
      net.driver === 'overlay'
        ? joinOverlay(d, { name, id }, netns, net, 'eth0', { ip: r.ip, mac: r.mac, gateway: true, fresh: true })
        : [joinNetwork(d, { name, id }, netns, net, 'eth0', { ip: r.ip, mac: r.mac, gateway: true, fresh: true })];
    if (r.aliases.length) eps[0] = { ...eps[0]!, aliases: [...r.aliases] };
    const ep = eps[0]!;
    endpoints = eps;
    // every network but the default bridge resolves names: the sandbox's embedded DNS
    if (!net.builtin) d.steps.push(...resolverSteps(w, netns, `${id}:1`));
    // published ports are the gateway endpoint's: a bridge network's own, an overlay container's docker_gwbridge leg
    // CreateEndpoint of the macvlan and ipvlan drivers takes -p and only logs that it maps nothing:
    // docker run prints nothing, the lab says what the daemon's log says
    if (ports.length && (net.driver === 'macvlan' || net.driver === 'ipvlan'))
      stderr += `netlab: dockerd logs "${net.driver} driver does not support port mappings": nothing is published\n`;
    const gwEp = net.driver === 'bridge' ? ep : net.driver === 'overlay' ? eps.find((x) => x.hidden) : undefined;
    const gwNet = gwEp === ep ? net : gwEp ? e.networks.get(gwEp.network) : undefined;
    if (ports.length && gwEp && gwNet) {
      portsOn = gwNet.name;
      // the host ports held, per protocol and port: by which addresses (0.0.0.0 holds them all)
      const bound = new Map<string, Set<string>>();
      const hold = (proto: string, port: number, ip: string) => {
        const k = `${proto}/${port}`;
        bound.set(k, (bound.get(k) ?? new Set()).add(ip));
      };
      const taken = (proto: string, port: number, ip: string): boolean => {
        const ips = bound.get(`${proto}/${port}`);
        return !!ips && (ip === '0.0.0.0' || ips.has('0.0.0.0') || ips.has(ip));
      };
      // a stopped container holds no host port
      for (const ct of e.containers.values()) if (isRunning(ct)) for (const p of ct.ports) hold(p.proto, p.hostPort, p.hostIp ?? '0.0.0.0');
      let next = 32768;
      const fixed: PortMap[] = [];
      for (const p of ports) {
        const ip = p.hostIp ?? '0.0.0.0';
        let hp = p.hostPort;
        if (hp === 0) {
          while (taken(p.proto, next, ip)) next++;
          hp = next;
        }
        // a host port range: its first free port
        const end = p.hostPortEnd ?? hp;
        while (hp < end && taken(p.proto, hp, ip)) hp++;
        if (allocate && taken(p.proto, hp, ip))
          throw new PortAllocated(
            withHelp(
              `Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint ${name} (${gwEp.id}): Bind for ${ip}:${hp} failed: port is already allocated`,
            ),
            r,
          );
        hold(p.proto, hp, ip);
        const { hostPortEnd: _, ...bound } = p;
        fixed.push({ ...bound, hostPort: hp });
      }
      ports.splice(0, ports.length, ...fixed);
      for (const p of ports) d.steps.push(...portRules(e, c.host, gwNet, gwEp.ip, p, false, d.steps));
    }
    for (const l of links) d.steps.push(...linkRules(e, net, ep.ip, e.containers.get(l.name)!, false));
    if (serves !== null) d.steps.push(serverStep(netns, serves, started));
  }
  const ct: Container = {
    id,
    name,
    image: r.image,
    command: r.command,
    mode,
    netns,
    endpoints,
    ports: portsOn ? ports : [],
    portsOn,
    // HostConfig.PortBindings: the -p the user gave, as given (a macvlan or ipvlan endpoint takes them and maps nothing)
    ...(r.ports.length ? { portBindings: r.ports.flatMap(parsePorts) } : {}),
    serves,
    created: w.clock.now(),
    ...(links.length ? { links } : {}),
    env: r.env,
    labels: r.labels,
    caps: r.caps,
    privileged: r.privileged,
    ...(r.tty ? { tty: true } : {}),
    ...(r.interactive ? { openStdin: true } : {}),
    ...(r.rm ? { autoRemove: true } : {}),
    ...(r.capAdd?.length ? { capAdd: r.capAdd } : {}),
    ...(r.capDrop?.length ? { capDrop: r.capDrop } : {}),
    ...(r.hostname !== undefined ? { hostname: r.hostname } : {}),
    ...(r.dns ? { dns: r.dns } : {}),
    // host-gateway: the daemon's HostGatewayIPs, the default bridge's gateway
    ...(r.extraHosts?.length
      ? {
          extraHosts: r.extraHosts.map((h) =>
            h.ip === 'host-gateway' ? { name: h.name, ip: formatIpv4(e.networks.get('bridge')?.gateway ?? 0) } : h,
          ),
        }
      : {}),
  };
  return {
    steps: [...d.steps, ...d.after],
    stdout: r.detach ? id + '\n' : '',
    stderr: (r.notices ?? '') + stderr + (r.detach ? '' : BACKGROUND),
    commit: () => {
      e.started = true;
      e.seq = seq;
      e.containers.set(name, ct);
    },
  };
}

function dependents(e: Engine, ct: Container): Container[] {
  return [...e.containers.values()].filter((o) => o.mode.kind === 'container' && o.mode.of === ct.name);
}

/** stop the image's server: no dialect command kills a process, so the listener goes directly */
export function stopServer(c: Ctx, ct: Container): Step[] {
  if (ct.serves === null) return [];
  const ns =
    ct.mode.kind === 'host' || (ct.mode.kind === 'container' && c.e.containers.get(ct.mode.of)?.mode.kind === 'host')
      ? c.host
      : c.w.ns(ct.netns);
  if (!ns) return [];
  const port = ct.serves;
  return [
    {
      line: `# stop ${ct.image} in ${ct.mode.kind === 'host' ? 'the host' : ct.netns} (it listened on port ${port})`,
      act: () => {
        const i = ns.listeners.findIndex((l) => l.proto === 'tcp' && l.port === port && l.addr === 0);
        if (i >= 0) ns.listeners.splice(i, 1);
      },
    },
  ];
}

export function planRm(c: Ctx, refs: readonly string[], force: boolean): Plan {
  const { e } = c;
  const cts: Container[] = [];
  for (const r of refs) {
    const ct = findContainer(e, r);
    if (!ct) throw err(`No such container: ${r}`);
    if (!force && ct.life?.paused) throw err(`cannot remove container "/${ct.name}": container is paused and must be unpaused first`);
    if (!force && isRunning(ct))
      throw err(`cannot remove container "/${ct.name}": container is running: stop the container before removing or force remove`);
    const deps = dependents(e, ct).filter((o) => !refs.includes(o.name));
    if (deps.length)
      throw err(`cannot remove container "/${ct.name}": container ${deps[0]!.name} shares its network namespace: remove it first`);
    cts.push(ct);
  }
  const steps: Step[] = [];
  const after: Step[] = [];
  for (const ct of cts) if (isRunning(ct)) teardown(c, ct, cts, steps, after);
  steps.push(...after);
  return {
    steps,
    stdout: refs.map((r) => r + '\n').join(''),
    stderr: '',
    commit: () => {
      for (const ct of cts) e.containers.delete(ct.name);
    },
  };
}

/**
 * What goes when a container's process ends (stopped, killed, removed): its server, its
 * published ports, its links, its endpoints and its namespace (the sandbox is deleted).
 * `leaving`: the containers going in the same command (an overlay peer skips them).
 */
export function teardown(c: Ctx, ct: Container, leaving: readonly Container[], steps: Step[], after: Step[]): void {
  const { e } = c;
  steps.push(...stopServer(c, ct));
  if (ct.portsOn) {
    const net = e.networks.get(ct.portsOn)!;
    const ep = ct.endpoints.find((x) => x.network === net.name);
    if (ep) for (const p of [...ct.ports].reverse()) steps.push(...portRules(e, c.host, net, ep.ip, p, true));
  }
  // the legacy links it made (DelLink)
  const bridge = e.networks.get('bridge');
  const mine = ct.endpoints.find((x) => x.network === 'bridge');
  for (const l of ct.links ?? []) {
    const child = e.containers.get(l.name);
    if (bridge && mine && child) steps.push(...linkRules(e, bridge, mine.ip, child, true));
  }
  for (const ep of ct.endpoints) {
    if (ep.sandbox) {
      const l = leaveOverlay(c, ct, ep, leaving);
      steps.push(...l.local);
      after.push(...l.peers);
    } else if (ep.hostVeth) {
      const net = e.networks.get(ep.network);
      if (net) steps.push(...directAccessRule(e, net, ep.ip, true));
      steps.push({ line: `ip link del ${ep.hostVeth}`, optional: true });
    }
  }
  if (ct.mode.kind === 'networks' || ct.mode.kind === 'none') steps.push({ line: `ip netns del ${ct.netns}`, optional: true });
}

/** the process runs (a container without a life record has run since it was created) */
export function isRunning(ct: Container): boolean {
  return (ct.life?.state ?? 'running') === 'running';
}

/**
 * The sandbox's default gateway (Endpoint.Less): not docker_gwbridge, not internal, a network
 * with a gateway, then the network name that sorts first. Only among bridge, macvlan and
 * ipvlan endpoints; a container on an overlay network keeps the gateway it has.
 */
export function gatewayEndpoint(e: Engine, eps: readonly Endpoint[]): Endpoint | undefined {
  if (eps.some((x) => x.sandbox || x.hidden)) return undefined;
  // Endpoint.Less (daemon/libnetwork/sandbox.go): the higher gw-priority first, then a network
  // that is not internal, then one with a gateway, then by network name
  const rank = (x: Endpoint): [number, number, number, string] => {
    const n = e.networks.get(x.network);
    const internal = !n || n.internal === true ? 1 : 0;
    const hasGw = n && (n.gateway !== null || (n.driver === 'ipvlan' && n.mode !== 'l2')) ? 0 : 1;
    return [-(x.gwPriority ?? 0), internal, hasGw, x.network];
  };
  const sorted = [...eps].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || (x[3] < y[3] ? -1 : x[3] > y[3] ? 1 : 0);
  });
  // getGatewayEndpoint (default_gateway.go): the first in that order that has a way out; an
  // internal network (or one without a gateway) never is
  return sorted.find((x) => {
    const n = e.networks.get(x.network);
    return n && !n.internal && rank(x)[2] === 0;
  });
}

/** the default route an endpoint gives its container */
function defaultRoute(ns: string, net: Network, ep: Endpoint): string {
  return net.driver === 'ipvlan' && net.mode !== 'l2'
    ? `ip -n ${ns} route add default dev ${ep.ifname}`
    : `ip -n ${ns} route add default via ${formatIpv4(net.gateway!)}`;
}

/** the published ports follow the gateway endpoint (a bridge network's): off the old one, onto the new */
function movePorts(c: Ctx, ct: Container, to: Endpoint | undefined, steps: Step[], removed: boolean): string | null {
  const { e } = c;
  const from = ct.portsOn !== null ? ct.endpoints.find((x) => x.network === ct.portsOn) : undefined;
  const fromNet = from ? e.networks.get(from.network) : undefined;
  const toNet = to ? e.networks.get(to.network) : undefined;
  if (from === to && from) return ct.portsOn;
  if (!ct.ports.length) return ct.portsOn;
  if (from && fromNet && !removed) for (const p of [...ct.ports].reverse()) steps.push(...portRules(e, c.host, fromNet, from.ip, p, true));
  if (to && toNet?.driver === 'bridge') {
    for (const p of ct.ports) steps.push(...portRules(e, c.host, toNet, to.ip, p, false, steps));
    return toNet.name;
  }
  return null;
}

export function planConnect(
  c: Ctx,
  netRef: string,
  ctRef: string,
  ip: string | null,
  aliases: readonly string[] = [],
  gwPriority = 0,
): Plan {
  const { e } = c;
  const net = findNetwork(e, netRef);
  if (!net) throw err(`network ${netRef} not found`);
  const ct = findContainer(e, ctRef);
  if (!ct) throw err(`No such container: ${ctRef}`);
  if (net.driver === 'host' || ct.mode.kind === 'host')
    throw err('container cannot be disconnected from host network or connected to host network');
  if (net.driver === 'null' || ct.mode.kind !== 'networks')
    throw err('container sharing network namespace with another container or host cannot be connected to any other network');
  if (ct.endpoints.some((ep) => ep.network === net.name))
    throw err(`endpoint with name ${ct.name} already exists in network ${net.name}`, 1);
  if (aliases.length && net.builtin)
    throw err('invalid endpoint settings:\nnetwork-scoped aliases are only supported for user-defined networks');
  const d: Draft = { c, steps: [], after: [], names: new Set(), taken: new Map() };
  const used = new Set(ct.endpoints.map((ep) => ep.ifname));
  let n = 0;
  while (used.has(`eth${n}`)) n++;
  // the new endpoint takes the gateway if it ranks first (Endpoint.Less); a bridge, macvlan or
  // ipvlan container's old default route goes first
  const oldGw = gatewayEndpoint(e, ct.endpoints);
  const probe: Endpoint = {
    network: net.name,
    id: '',
    ip: 0,
    mac: '',
    ifname: `eth${n}`,
    hostVeth: null,
    ...(gwPriority ? { gwPriority } : {}),
  };
  const ranked = net.driver === 'overlay' ? undefined : gatewayEndpoint(e, [...ct.endpoints, probe]);
  const takes = net.driver === 'overlay' || ct.endpoints.length === 0 ? ct.endpoints.length === 0 : ranked === probe;
  const movedFrom = takes && oldGw ? oldGw : undefined;
  if (movedFrom) d.steps.push({ line: `ip -n ${ct.netns} route del default` });
  const eps =
    net.driver === 'overlay'
      ? joinOverlay(d, ct, ct.netns, net, `eth${n}`, { ip, mac: null, gateway: takes, fresh: false })
      : [joinNetwork(d, ct, ct.netns, net, `eth${n}`, { ip, mac: null, gateway: takes, fresh: false })];
  if (aliases.length) eps[0] = { ...eps[0]!, aliases: [...aliases] };
  if (gwPriority) eps[0] = { ...eps[0]!, gwPriority };
  // the first network that resolves names starts the sandbox's embedded DNS
  const resolving = (eps: readonly Endpoint[]) => eps.some((x) => !x.hidden && e.networks.get(x.network)?.builtin === false);
  if (!net.builtin && !resolving(ct.endpoints)) d.steps.push(...resolverSteps(c.w, ct.netns, `${ct.id}:${ct.life?.starts ?? 1}`));
  const portsOn = movedFrom ? movePorts(c, ct, eps[0], d.steps, false) : ct.portsOn;
  if (movedFrom) {
    // the published ports were taken off before the route moved: keep Docker's order (ports off, route, join, ports on)
    const off = d.steps.filter((x) => /^iptables .*-D /.test(x.line) && !x.on);
    const rest = d.steps.filter((x) => !off.includes(x));
    d.steps.splice(0, d.steps.length, ...off, ...rest);
  }
  return {
    steps: [...d.steps, ...d.after],
    stdout: '',
    stderr: '',
    commit: () => {
      ct.endpoints = [...ct.endpoints, ...eps];
      ct.portsOn = portsOn;
    },
  };
}

export function planDisconnect(c: Ctx, netRef: string, ctRef: string): Plan {
  const { e } = c;
  const net = findNetwork(e, netRef);
  if (!net) throw err(`network ${netRef} not found`);
  const ct = findContainer(e, ctRef);
  if (!ct) throw err(`No such container: ${ctRef}`);
  const ep = ct.endpoints.find((x) => x.network === net.name);
  if (!ep) throw err(`container ${ct.id} is not connected to network ${net.name}`);
  const steps: Step[] = [];
  // an overlay endpoint leaves with its docker_gwbridge leg
  const gone = ep.sandbox ? ct.endpoints.filter((x) => x === ep || (x.hidden && !ct.endpoints.some((o) => o !== ep && o.sandbox))) : [ep];
  // the published ports go with the endpoint they were programmed on
  const portsEp = gone.find((x) => x.network === ct.portsOn);
  const portsNet = portsEp ? e.networks.get(portsEp.network) : undefined;
  if (portsEp && portsNet) for (const p of [...ct.ports].reverse()) steps.push(...portRules(e, c.host, portsNet, portsEp.ip, p, true));
  for (const x of gone) {
    if (x.sandbox) {
      const l = leaveOverlay(c, ct, x, []);
      steps.push(...l.local, ...l.peers);
    } else {
      if (x.hostVeth) steps.push(...directAccessRule(e, e.networks.get(x.network) ?? net, x.ip, true));
      steps.push({ line: x.hostVeth ? `ip link del ${x.hostVeth}` : `ip -n ${ct.netns} link del ${x.ifname}`, optional: true });
    }
  }
  // the gateway endpoint went: the next best takes the default route and the published ports
  const oldGw = gatewayEndpoint(e, ct.endpoints);
  const left = ct.endpoints.filter((x) => !gone.includes(x));
  const newGw = oldGw && gone.includes(oldGw) ? gatewayEndpoint(e, left) : undefined;
  let portsOn = portsEp ? null : ct.portsOn;
  if (newGw) {
    steps.push({ line: defaultRoute(ct.netns, e.networks.get(newGw.network)!, newGw) });
    if (portsEp) portsOn = movePorts(c, { ...ct, portsOn: null }, newGw, steps, true);
  }
  return {
    steps,
    stdout: '',
    stderr: '',
    commit: () => {
      ct.endpoints = left;
      ct.portsOn = portsOn;
    },
  };
}
