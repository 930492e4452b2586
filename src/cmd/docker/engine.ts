// What the Docker daemon remembers: its networks, their address pools, its containers and
// their endpoints. One daemon per namespace that plays a host; the kernel objects it made
// live in the world, this is only Docker's own bookkeeping (libnetwork's store).

import { formatIpv4, inPrefix, maskOf, networkOf, type Cidr, type Ipv4 } from '../../core/addr.ts';
import type { Netns } from '../../core/netns.ts';
import type { DnsConfig, ExtraHost } from './etc-files.ts';

export type Driver = 'bridge' | 'host' | 'null' | 'macvlan' | 'ipvlan' | 'overlay';

export interface Network {
  readonly id: string;
  readonly name: string;
  readonly driver: Driver;
  /** bridge, host and none exist in every daemon and cannot be removed */
  readonly builtin: boolean;
  readonly subnet: Cidr | null;
  readonly gateway: Ipv4 | null;
  readonly ipRange: Cidr | null;
  /** --aux-address name=IP: reserved, never handed out */
  readonly aux: ReadonlyMap<string, Ipv4>;
  /** bridge driver: the Linux bridge */
  readonly bridge: string | null;
  /** macvlan / ipvlan: the parent device in the host */
  readonly parent: string | null;
  readonly mode: string | null;
  /** -o key=value as given */
  readonly options: ReadonlyMap<string, string>;
  /** overlay: the VXLAN network identifier (4096 and up, as swarm allocates them) */
  readonly vni?: number;
  /** `--internal`: no way in or out of the subnet, no default route in its containers */
  readonly internal?: boolean;
  /** --label: the network's metadata (Labels in inspect) */
  readonly labels?: ReadonlyMap<string, string>;
  /** overlay: `--attachable`, so `docker run --network` may use it */
  readonly attachable?: boolean;
  /** overlay: swarm's ingress network, the routing mesh of published service ports */
  readonly ingress?: boolean;
}

export interface Endpoint {
  readonly network: string;
  readonly id: string;
  readonly ip: Ipv4;
  readonly mac: string;
  /** the interface name inside the container */
  readonly ifname: string;
  /** bridge driver: the host end of the veth pair; overlay: the end in the network's sandbox */
  readonly hostVeth: string | null;
  /** overlay: the namespace of the network's sandbox on this host (br0, vxlan0) */
  readonly sandbox?: string;
  /** not a network the user chose: the docker_gwbridge leg of an overlay container */
  readonly hidden?: boolean;
  /** the address was asked for (--ip): the endpoint's IPAMConfig */
  readonly requested?: boolean;
  /** --network-alias, network connect --alias: more names the embedded DNS answers on this network */
  readonly aliases?: readonly string[];
  /** network connect --gw-priority: the highest gives the default gateway (Endpoint.Less) */
  readonly gwPriority?: number;
}

export interface PortMap {
  readonly hostIp: string | null;
  readonly hostPort: number;
  /** -p 8080-8082:80: the end of the host ports the daemon may pick from (HostPortEnd) */
  readonly hostPortEnd?: number;
  readonly port: number;
  readonly proto: 'tcp' | 'udp';
}

export type NetMode =
  | { readonly kind: 'networks' }
  | { readonly kind: 'host' }
  | { readonly kind: 'none' }
  | { readonly kind: 'container'; readonly of: string };

export interface Container {
  readonly id: string;
  readonly name: string;
  readonly image: string;
  readonly command: readonly string[];
  readonly mode: NetMode;
  /** the namespace the container's processes see (its own, the host's, or another container's) */
  readonly netns: string;
  endpoints: Endpoint[];
  readonly ports: readonly PortMap[];
  /** the network the published ports were programmed on */
  portsOn: string | null;
  /** -p as the user gave it (HostConfig.PortBindings; host port 0: any) */
  readonly portBindings?: readonly PortMap[];
  /** the TCP port the image serves on, if any */
  readonly serves: number | null;
  /** --link NAME[:ALIAS] on the default bridge: the containers this one reaches by name */
  readonly links?: readonly { readonly name: string; readonly alias: string }[];
  readonly created: number;
  /** a swarm task: the service it runs for (its life is the service's) */
  readonly task?: string;
  /** -e KEY=VALUE as given (the image's PATH follows them in Config.Env) */
  readonly env?: readonly string[];
  /** --label */
  readonly labels?: ReadonlyMap<string, string>;
  /** what its processes may do: without NET_ADMIN, no change to its network stack */
  readonly caps?: ReadonlySet<string>;
  readonly privileged?: boolean;
  /** -h/--hostname; unset: the first 12 digits of its id */
  readonly hostname?: string;
  /** --dns, --dns-search, --dns-option (its resolv.conf) */
  readonly dns?: DnsConfig;
  /** --add-host (its /etc/hosts) */
  readonly extraHosts?: readonly ExtraHost[];
  /** -t, -i, --rm as docker inspect shows them (Config.Tty, Config.OpenStdin, HostConfig.AutoRemove) */
  readonly tty?: boolean;
  readonly openStdin?: boolean;
  readonly autoRemove?: boolean;
  /** --cap-add / --cap-drop as given (HostConfig.CapAdd / CapDrop) */
  readonly capAdd?: readonly string[];
  readonly capDrop?: readonly string[];
  /** its process's life (./lifecycle.ts); absent: running since it was created */
  life?: Life;
}

/** Docker's State.Status of a container (a paused one is running, Life.paused): netlab has no restarting or dead ones */
export type ContainerState = 'created' | 'running' | 'exited';

/** what the daemon keeps of a container's process between its starts */
export interface Life {
  state: ContainerState;
  /** the last exit status of its process (State.ExitCode) */
  exitCode: number;
  /** virtual-clock times of State.StartedAt and State.FinishedAt (0: never) */
  startedAt: number;
  finishedAt: number;
  /** what its processes wrote, write by write in the order written, each at its time (docker logs) */
  readonly logs: Array<{ readonly stream: 'stdout' | 'stderr'; readonly text: string; readonly time: number }>;
  /** starts so far: each start makes new endpoints (new ids, new veth names, new MACs) */
  starts: number;
  /** the endpoints it had when it last ran: what a start connects again (their networks, aliases, --ip) */
  parked: readonly Endpoint[];
  /** --mac-address as given: the MAC its first network keeps across starts */
  readonly mac: string | null;
  /** docker pause: its processes frozen (cgroup freezer), the container still running (State.Paused) */
  paused?: boolean;
  /** a detached process that ends by itself (`sleep N`, a server that cannot bind): the virtual time it ends at */
  endsAt?: number;
  /** and the status it ends with there (0 unless said) */
  endStatus?: number;
  /** the nginx image's entrypoint has enabled `listen [::]:80` in the container's layer (a later start finds it so) */
  confEdited?: boolean;
  /** the running nginx's workers (their pids in its log) */
  workers?: readonly number[];
}

/** a swarm: its nodes and its overlay networks, shared by the daemons that joined it */
export interface Swarm {
  readonly id: string;
  readonly token: string;
  readonly nodes: Map<Netns, SwarmNode>;
  readonly networks: Map<string, Network>;
  readonly services: Map<string, Service>;
}

/** a published port of a service: the routing mesh's (mode=ingress) */
export interface ServicePort {
  readonly published: number;
  readonly target: number;
  readonly proto: 'tcp' | 'udp';
}

/** a replicated service of one task (netlab places it on the manager that created it) */
export interface Service {
  readonly id: string;
  readonly name: string;
  readonly image: string;
  readonly command: readonly string[];
  readonly ports: readonly ServicePort[];
  /** the service's virtual IP on the ingress network (only with published ports) */
  readonly vip: Ipv4 | null;
  /** each node's firewall mark for the service in its ingress sandbox (libnetwork's fwMarkCtr, from 256) */
  readonly fwmarks: ReadonlyMap<Netns, number>;
  /** the node that runs the task, and the task's container there */
  readonly node: Netns;
  readonly task: string;
  readonly created: number;
}

export interface SwarmNode {
  readonly id: string;
  readonly host: Netns;
  readonly role: 'manager' | 'worker';
  /** the advertised address: the node's VTEP for every overlay network */
  readonly addr: Ipv4;
}

/** the Docker Engine release whose behaviour this is */
export const ENGINE_VERSION = '29.7.2';

/** dockerd's options that shape the network (the daemon's defaults unless `dockerd … &` set them) */
export interface DaemonConfig {
  /** --userland-proxy: docker-proxy for published ports; false is "hairpin" NAT in the kernel */
  readonly userlandProxy: boolean;
  /** --icc: inter-container traffic on the default bridge */
  readonly icc: boolean;
  /** --ip-forward: set net.ipv4.ip_forward (and FORWARD's policy to DROP) */
  readonly ipForward: boolean;
  /** --iptables: program any rule at all */
  readonly iptables: boolean;
  /** --ip-masq: MASQUERADE for the default bridge */
  readonly ipMasq: boolean;
  /** --bip: docker0's address and prefix */
  readonly bip: { readonly addr: Ipv4; readonly plen: number } | null;
  /** --default-address-pool base=CIDR,size=N (repeatable): where networks without --subnet come from */
  readonly pools: ReadonlyArray<{ readonly base: Cidr; readonly size: number }> | null;
  /** --swarm-default-advertise-addr: what `docker swarm init|join` advertise without --advertise-addr */
  readonly swarmAdvertise: string | null;
  /** --ip-forward-no-drop: forwarding turned on without FORWARD's policy set to DROP */
  readonly ipForwardNoDrop?: boolean;
  /** --allow-direct-routing: no raw-table DROP for packets routed straight to a container's address */
  readonly allowDirectRouting?: boolean;
  /** --ip: the default bridge's host address for ports published without one (null: 0.0.0.0) */
  readonly defaultIp?: string | null;
}

export const DEFAULT_DAEMON: DaemonConfig = {
  userlandProxy: true,
  icc: true,
  ipForward: true,
  iptables: true,
  ipMasq: true,
  bip: null,
  pools: null,
  swarmAdvertise: null,
};

export interface Engine {
  started: boolean;
  config: DaemonConfig;
  swarm: Swarm | null;
  readonly networks: Map<string, Network>;
  readonly containers: Map<string, Container>;
  /** a swarm node's ingress sandbox (ingress_sbox): the routing mesh's end on this host */
  ingress: Container | null;
  /** libnetwork's fwMarkCtr: the next load balancer's firewall mark */
  fwmark: number;
  /** a counter that makes every id different, so ids are reproducible from the command log */
  seq: number;
}

const engines = new WeakMap<Netns, Engine>();

export function engineOf(host: Netns): Engine {
  let e = engines.get(host);
  if (!e) {
    e = {
      started: false,
      config: DEFAULT_DAEMON,
      swarm: null,
      networks: new Map(),
      containers: new Map(),
      ingress: null,
      fwmark: 256,
      seq: 0,
    };
    for (const n of builtinNetworks()) e.networks.set(n.name, n);
    engines.set(host, e);
  }
  return e;
}

/** the daemon of a host, if it ever ran (read-only use: export, inspectors) */
export function existingEngine(host: Netns): Engine | undefined {
  return engines.get(host);
}

export const DOCKER0: Cidr = { addr: 0xac110000, plen: 16 };

function builtinNetworks(): Network[] {
  const base = { ipRange: null, aux: new Map(), parent: null, mode: null, options: new Map(), builtin: true };
  return [
    {
      ...base,
      id: hexId('network:bridge'),
      name: 'bridge',
      driver: 'bridge',
      subnet: DOCKER0,
      gateway: DOCKER0.addr + 1,
      bridge: 'docker0',
    },
    { ...base, id: hexId('network:host'), name: 'host', driver: 'host', subnet: null, gateway: null, bridge: null },
    { ...base, id: hexId('network:none'), name: 'none', driver: 'null', subnet: null, gateway: null, bridge: null },
  ];
}

/** a 64-hex-digit id, as Docker prints them, derived from a seed (FNV-1a, four lanes) */
export function hexId(seed: string): string {
  let out = '';
  for (let lane = 0; lane < 8; lane++) {
    let h = (0x811c9dc5 ^ (lane * 0x9e3779b9)) >>> 0;
    for (let i = 0; i < seed.length; i++) {
      h ^= seed.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d) >>> 0;
    h = (h ^ (h >>> 12)) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

/** the overlay driver's MAC for an address: 02:42 and the IPv4 address (netutils.GenerateMACFromIP) */
export function macFromIp(ip: Ipv4): string {
  const b = [2, 0x42, ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255];
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}

/**
 * A bridge or macvlan endpoint's MAC: since Docker 28 a random one (the kernel's eth_random_addr: unicast,
 * locally administered), no longer 02:42 and the IPv4 address. Drawn from the endpoint's id so
 * that a command log gives the same addresses every time.
 */
export function randomMac(seed: string): string {
  const h = hexId(`mac:${seed}`);
  const b = [0, 1, 2, 3, 4, 5].map((i) => parseInt(h.slice(i * 2, i * 2 + 2), 16));
  b[0] = (b[0]! & 0xfe) | 0x02;
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  const p = Math.min(a.plen, b.plen);
  return networkOf(a.addr, p) === networkOf(b.addr, p);
}

/**
 * The default address pools (daemon.json "default-address-pools" unset): 172.17.0.0/16 to
 * 172.31.0.0/16, then 192.168.0.0/16 in /20s. The first one that overlaps neither another
 * network nor a route of the host is taken.
 */
export function nextPool(e: Engine, hostRoutes: readonly Cidr[]): Cidr | null {
  const pools: Cidr[] = [];
  if (e.config.pools) {
    // --default-address-pool base=…,size=N: the base cut into /N networks, in order
    for (const p of e.config.pools) {
      const first = networkOf(p.base.addr, p.base.plen);
      const count = 2 ** Math.min(16, p.size - p.base.plen);
      for (let i = 0; i < count; i++) pools.push({ addr: (first + i * 2 ** (32 - p.size)) >>> 0, plen: p.size });
    }
  } else {
    for (let b = 17; b <= 31; b++) pools.push({ addr: ((172 << 24) | (b << 16)) >>> 0, plen: 16 });
    for (let c = 0; c < 256; c += 16) pools.push({ addr: ((192 << 24) | (168 << 16) | (c << 8)) >>> 0, plen: 20 });
  }
  const used = [...e.networks.values()].flatMap((n) => (n.subnet ? [n.subnet] : []));
  return pools.find((p) => !used.some((u) => overlaps(u, p)) && !hostRoutes.some((r) => overlaps(r, p))) ?? null;
}

/** every sandbox the daemon made: its containers' and, on a swarm node, the ingress sandbox */
export function sandboxes(e: Engine): Container[] {
  return [...e.containers.values(), ...(e.ingress ? [e.ingress] : [])];
}

/** addresses in use on a network: gateway, aux addresses, endpoints, the swarm's service VIPs */
export function usedAddrs(e: Engine, net: Network): Set<Ipv4> {
  const s = new Set<Ipv4>();
  if (net.gateway !== null) s.add(net.gateway);
  for (const a of net.aux.values()) s.add(a);
  for (const c of sandboxes(e)) for (const ep of c.endpoints) if (ep.network === net.name) s.add(ep.ip);
  if (net.ingress) for (const sv of e.swarm?.services.values() ?? []) if (sv.vip !== null) s.add(sv.vip);
  return s;
}

/** IPAM: the lowest free address of the range (or subnet), network and broadcast excluded */
export function allocate(e: Engine, net: Network, taken: ReadonlySet<Ipv4> = new Set()): Ipv4 | null {
  const sub = net.subnet;
  if (!sub) return null;
  const range = net.ipRange ?? sub;
  const used = usedAddrs(e, net);
  const first = networkOf(range.addr, range.plen);
  const size = 2 ** (32 - range.plen);
  const subNet = networkOf(sub.addr, sub.plen);
  const subBcast = (subNet | (~maskOf(sub.plen) >>> 0)) >>> 0;
  for (let i = 0; i < size; i++) {
    const ip = (first + i) >>> 0;
    if (ip === subNet || ip === subBcast || used.has(ip) || taken.has(ip)) continue;
    return ip;
  }
  return null;
}

export function inSubnet(net: Network, ip: Ipv4): boolean {
  return net.subnet !== null && inPrefix(ip, net.subnet.addr, net.subnet.plen);
}

export function cidrText(c: Cidr): string {
  return `${formatIpv4(networkOf(c.addr, c.plen))}/${c.plen}`;
}

const ADJECTIVES = [
  'admiring',
  'brave',
  'clever',
  'eager',
  'focused',
  'gallant',
  'happy',
  'jolly',
  'keen',
  'lucid',
  'modest',
  'nifty',
  'quirky',
  'serene',
  'trusting',
  'vibrant',
];
const SURNAMES = [
  'albattani',
  'bell',
  'curie',
  'darwin',
  'euler',
  'feynman',
  'galileo',
  'hopper',
  'johnson',
  'kepler',
  'lovelace',
  'meitner',
  'noether',
  'pasteur',
  'ritchie',
  'turing',
];

/** Docker's generated container name (namesgenerator): adjective_surname */
export function generatedName(seed: string, taken: (n: string) => boolean): string {
  const id = hexId('name:' + seed);
  for (let i = 0; ; i++) {
    const a = ADJECTIVES[parseInt(id.slice(i % 56, (i % 56) + 2), 16) % ADJECTIVES.length]!;
    const s = SURNAMES[parseInt(id.slice((i % 56) + 2, (i % 56) + 4), 16) % SURNAMES.length]!;
    const n = i < 56 ? `${a}_${s}` : `${a}_${s}${i}`;
    if (!taken(n)) return n;
  }
}
