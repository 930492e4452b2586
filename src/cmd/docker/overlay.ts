// Swarm and the overlay driver, as primitive lines. `docker swarm init|join` make daemons
// nodes of one swarm (each advertises an address: its VTEP) and give each a docker_gwbridge.
// An overlay network is the swarm's; nothing exists in the kernel until a container joins it
// on a node. Then, as libnetwork's overlay driver does on that node: a sandbox namespace
// with a bridge br0 (the gateway address) and a VXLAN device vxlan0 (made in the host, so its
// UDP socket stays there; proxy, learning, l2miss, l3miss), a veth from br0 to the container
// (MTU 1450), and a second leg on docker_gwbridge for the way out. Docker's control plane
// (gossip, the peer database) then writes, on every node of the network, a permanent
// neighbour and an FDB entry per remote container: `ip neigh replace` and `bridge fdb
// replace … dst VTEP`. The ingress network, its sandbox and services are ingress.ts's.
// Not modelled: encrypted overlays.

import { formatIpv4, networkOf, parseCidr, parseIpv4, type Cidr, type Ipv4 } from '../../core/addr.ts';
import { routeOutput } from '../../core/ip/route-io.ts';
import type { Netns } from '../../core/netns.ts';
import {
  cidrText,
  existingEngine,
  hexId,
  inSubnet,
  ENGINE_VERSION,
  macFromIp,
  nextPool,
  overlaps,
  sandboxes,
  usedAddrs,
  type Container,
  type Endpoint,
  type Engine,
  type Network,
  type Swarm,
  type SwarmNode,
} from './engine.ts';
import {
  assignIp,
  bridgeUp,
  daemonStart,
  DockerError,
  err,
  hostRoutes,
  joinNetwork,
  type Ctx,
  type Draft,
  type NetworkSpec,
  type Plan,
  type Step,
  withHelp,
} from './expand.ts';
import { asNode, INGRESS, ingressNetwork, releaseIngress, setupIngress } from './ingress.ts';

export const GWBRIDGE = 'docker_gwbridge';
const OVERLAY_MTU = 1450;
const VXLAN_PORT = 4789;
/** swarm's VXLAN ids start at 4096; the ingress network takes the first */
const FIRST_VNI = 4097;

export const NOT_MANAGER =
  'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';
export const WORKER =
  "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.";

/** swarm ids: 25 characters of base 36, as swarmkit prints them */
export function swarmId(seed: string, len = 25): string {
  const hex = hexId(seed) + hexId(seed + '+');
  let out = '';
  for (let i = 0; out.length < len; i += 2) out += (parseInt(hex.slice(i, i + 2), 16) % 36).toString(36);
  return out;
}

const label = (h: Netns): string => h.name ?? 'root';

/** the daemons of a swarm's nodes, with their hosts */
function nodesOf(s: Swarm): Array<{ node: SwarmNode; e: Engine }> {
  const out: Array<{ node: SwarmNode; e: Engine }> = [];
  for (const node of s.nodes.values()) {
    const e = existingEngine(node.host);
    if (e) out.push({ node, e });
  }
  return out;
}

/** the daemons a swarm network spans: every node's (this one alone outside a swarm) */
export function swarmDaemons(c: Ctx): Engine[] {
  return c.e.swarm ? nodesOf(c.e.swarm).map((x) => x.e) : [c.e];
}

/** the overlay networks a node lists: a manager every one of its swarm, a worker those its containers use */
export function visibleOverlays(e: Engine, host: Netns): Network[] {
  const manager = e.swarm?.nodes.get(host)?.role === 'manager';
  return [...(e.swarm?.networks.values() ?? [])].filter(
    (n) => manager || [...e.containers.values()].some((ct) => ct.endpoints.some((ep) => ep.network === n.name)),
  );
}

/** the sandbox namespace of an overlay network on a host: Docker's `1-<network id>`, per host */
export function sandboxName(host: Netns, net: Network): string {
  return `1-${net.id.slice(0, 10)}${host.name ? `.${host.name}` : ''}`;
}

/** the host's addresses a node could advertise: not loopback, not Docker's own bridges */
function systemAddrs(c: Ctx): Array<{ dev: string; addr: Ipv4 }> {
  const bridges = new Set([...c.e.networks.values()].flatMap((n) => (n.bridge ? [n.bridge] : [])));
  return c.host
    .deviceList()
    .filter((d) => d.kind !== 'loopback' && !bridges.has(d.name))
    .flatMap((d) => d.addrs.map((a) => ({ dev: d.name, addr: a.addr })));
}

function advertiseAddr(c: Ctx, given: string | null, towards: Ipv4 | null): Ipv4 {
  const sys = systemAddrs(c);
  if (given !== null) {
    const ip = parseIpv4(given.replace(/:\d+$/, ''));
    if (ip !== null) {
      if (!c.host.isLocalAddr(ip))
        throw err(
          "must specify a listening address because the address to advertise is not recognized as a system address, and a system's IP address to use could not be uniquely identified",
        );
      return ip;
    }
    const dev = c.host.dev(given);
    if (!dev) throw err(`failed to get IP address for interface ${given}: no such interface`);
    const a = dev.addrs[0];
    if (!a) throw err(`interface ${given} has no usable IPv4 or IPv6 address`);
    return a.addr;
  }
  if (towards !== null) {
    const rt = routeOutput(c.host, towards, null, null);
    if (rt.ok) return rt.src;
  }
  if (!sys.length) throw err("could not find the system's IP address - specify one with --advertise-addr");
  const devs = [...new Set(sys.map((x) => x.dev))];
  if (devs.length > 1) {
    const [a, b] = [sys[0]!, sys.find((x) => x.dev !== sys[0]!.dev)!];
    throw err(
      `could not choose an IP address to advertise since this system has multiple addresses on different interfaces (${formatIpv4(a.addr)} on ${a.dev} and ${formatIpv4(b.addr)} on ${b.dev}) - specify one with --advertise-addr`,
    );
  }
  return sys[0]!.addr;
}

/** docker_gwbridge: a bridge network without inter-container traffic, for overlay containers' way out */
function gwBridge(c: Ctx): { steps: Step[]; net: Network; commit: () => void } {
  const have = c.e.networks.get(GWBRIDGE);
  if (have) return { steps: [], net: have, commit: () => {} };
  const subnet = nextPool(c.e, hostRoutes(c));
  if (!subnet) throw err('could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network');
  const options = new Map([
    ['com.docker.network.bridge.enable_icc', 'false'],
    ['com.docker.network.bridge.enable_ip_masquerade', 'true'],
    ['com.docker.network.bridge.name', GWBRIDGE],
  ]);
  const net: Network = {
    id: hexId(`network:${GWBRIDGE}:${label(c.host)}`),
    name: GWBRIDGE,
    driver: 'bridge',
    builtin: true,
    subnet,
    gateway: networkOf(subnet.addr, subnet.plen) + 1,
    ipRange: null,
    aux: new Map(),
    bridge: GWBRIDGE,
    parent: null,
    mode: null,
    options,
  };
  const start = daemonStart(c);
  return {
    steps: [...start, ...bridgeUp(c, net, start.length > 0)],
    net,
    commit: () => {
      c.e.started = true;
      c.e.networks.set(GWBRIDGE, net);
    },
  };
}

// ---- docker swarm init | join | leave, docker node ls --------------------------------------

export function planSwarmInit(c: Ctx, advertise: string | null): Plan {
  if (c.e.swarm) throw err('This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.');
  const addr = advertiseAddr(c, advertise ?? c.e.config.swarmAdvertise, null);
  // the same host and address give the same swarm and the same join token, so a script or a
  // lesson can carry the `docker swarm join` line it needs
  const id = swarmId(`swarm:${label(c.host)}:${formatIpv4(addr)}`);
  const token = `SWMTKN-1-${swarmId(`token:${id}`, 50)}-${swarmId(`worker:${id}`, 25)}`;
  const nodeId = swarmId(`node:${label(c.host)}:${id}`);
  const gw = gwBridge(c);
  const s: Swarm = { id, token, nodes: new Map(), networks: new Map(), services: new Map() };
  const ingressNet = ingressNetwork(s.id);
  s.networks.set(ingressNet.name, ingressNet);
  const node: SwarmNode = { id: nodeId, host: c.host, role: 'manager', addr };
  const sbox = asNode(c, s, node, gw.net, () => setupIngress(c, ingressNet));
  const stdout = `Swarm initialized: current node (${nodeId}) is now a manager.\n\nTo add a worker to this swarm, run the following command:\n\n    docker swarm join --token ${token} ${formatIpv4(addr)}:2377\n\nTo add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.\n\n`;
  return {
    steps: [...gw.steps, ...sbox.steps],
    stdout,
    stderr: '',
    commit: () => {
      gw.commit();
      s.nodes.set(c.host, node);
      c.e.swarm = s;
      c.e.ingress = sbox.sandbox;
    },
  };
}

export function planSwarmJoin(c: Ctx, token: string | null, remote: string | null, advertise: string | null): Plan {
  if (c.e.swarm) throw err('This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.');
  if (remote === null)
    throw new DockerError(
      '"docker swarm join" requires exactly 1 argument.\nSee \'docker swarm join --help\'.\n\nUsage:  docker swarm join [OPTIONS] HOST:PORT\n\nJoin a swarm as a node and/or manager',
      1,
    );
  const m = /^(\d+\.\d+\.\d+\.\d+)(?::(\d+))?$/.exec(remote);
  const ip = m ? parseIpv4(m[1]!) : null;
  if (!m || ip === null) throw err(`invalid remote address ${remote}: netlab joins by the manager's IPv4 address (HOST:2377)`);
  const port = m[2] ?? '2377';
  const rt = routeOutput(c.host, ip, null, null);
  if (!rt.ok)
    throw err(
      `rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp ${formatIpv4(ip)}:${port}: connect: network is unreachable"`,
    );
  // the manager listening there (the control plane's TCP 2377; its reachability is not probed packet by packet)
  let swarm: Swarm | null = null;
  for (const ns of c.w.allNs()) {
    const s = existingEngine(ns)?.swarm;
    const node = s?.nodes.get(ns);
    if (s && node && node.role === 'manager' && node.addr === ip && port === '2377') swarm = s;
  }
  if (!swarm)
    throw err(
      `rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp ${formatIpv4(ip)}:${port}: connect: connection refused"`,
    );
  if (token === null) throw new DockerError("flag needs an argument: --token\nSee 'docker swarm join --help'.", 125);
  if (token !== swarm.token) throw err('rpc error: code = InvalidArgument desc = A valid join token is necessary to join this cluster');
  const addr = advertiseAddr(c, advertise ?? c.e.config.swarmAdvertise, ip);
  const nodeId = swarmId(`node:${label(c.host)}:${swarm.id}`);
  const gw = gwBridge(c);
  const s = swarm;
  const node: SwarmNode = { id: nodeId, host: c.host, role: 'worker', addr };
  const ingressNet = s.networks.get(INGRESS);
  const sbox = ingressNet ? asNode(c, s, node, gw.net, () => setupIngress(c, ingressNet)) : null;
  return {
    steps: [...gw.steps, ...(sbox?.steps ?? [])],
    stdout: 'This node joined a swarm as a worker.\n',
    stderr: '',
    commit: () => {
      gw.commit();
      s.nodes.set(c.host, node);
      c.e.swarm = s;
      c.e.ingress = sbox?.sandbox ?? null;
    },
  };
}

export function planSwarmLeave(c: Ctx, force: boolean): Plan {
  const s = c.e.swarm;
  const me = s?.nodes.get(c.host);
  if (!s || !me) throw err('This node is not part of a swarm');
  if (me.role === 'manager' && !force) {
    throw err(
      'You are attempting to leave the swarm on a node that is participating as a manager. Removing the last manager erases all current state of the swarm. Use `--force` to ignore this message.',
    );
  }
  const svc = [...s.services.values()].find((x) => x.node === c.host || me.role === 'manager');
  if (svc)
    throw new DockerError(`netlab: service ${svc.name} still runs in this swarm: remove it first (docker service rm ${svc.name})`, 1);
  const attached = [...c.e.containers.values()].find((ct) => ct.endpoints.some((ep) => ep.sandbox));
  if (attached)
    throw new DockerError(
      `netlab: container ${attached.name} is on an overlay network: remove it first (docker rm -f ${attached.name})`,
      1,
    );
  if (me.role === 'manager') {
    const others = nodesOf(s).find((x) => x.e !== c.e && [...x.e.containers.values()].some((ct) => ct.endpoints.some((ep) => ep.sandbox)));
    if (others)
      throw new DockerError(
        `netlab: containers on ${label(others.node.host)} still use this swarm's overlay networks: remove them first`,
        1,
      );
  }
  // the ingress sandbox goes with the node's membership; the last manager gone, every node's
  const leaving = me.role === 'manager' ? nodesOf(s).map((x) => x.node.host) : [c.host];
  const steps = leaving.flatMap((h) => releaseIngress({ ...c, host: h, e: existingEngine(h)! }, h === c.host ? undefined : h));
  return {
    steps,
    stdout: 'Node left the swarm.\n',
    stderr: '',
    commit: () => {
      for (const h of leaving) existingEngine(h)!.ingress = null;
      s.nodes.delete(c.host);
      c.e.swarm = null;
      // the last manager gone, the swarm's state (its networks) goes with it
      if (me.role === 'manager') {
        for (const x of nodesOf(s)) x.e.swarm = null;
        s.nodes.clear();
        s.networks.clear();
      }
    },
  };
}

export function nodeLs(c: Ctx): string {
  const s = c.e.swarm;
  const me = s?.nodes.get(c.host);
  if (!s || !me) throw err(NOT_MANAGER);
  if (me.role !== 'manager') throw err(WORKER);
  const rows = [['ID', 'HOSTNAME', 'STATUS', 'AVAILABILITY', 'MANAGER STATUS', 'ENGINE VERSION']];
  for (const n of s.nodes.values())
    rows.push([`${n.id}${n === me ? ' *' : ''}`, label(n.host), 'Ready', 'Active', n.role === 'manager' ? 'Leader' : '', ENGINE_VERSION]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map(
      (r) =>
        r
          .map((x, i) => (i === r.length - 1 ? x : x.padEnd(widths[i]! + 3)))
          .join('')
          .trimEnd() + '\n',
    )
    .join('');
}

export function joinToken(c: Ctx, role: string | undefined, quiet: boolean): string {
  const s = c.e.swarm;
  const me = s?.nodes.get(c.host);
  if (!s || !me) throw err(NOT_MANAGER);
  if (me.role !== 'manager') throw err(WORKER);
  if (role !== 'worker' && role !== 'manager')
    throw new DockerError('"docker swarm join-token" requires exactly 1 argument: worker or manager', 1);
  if (role === 'manager') throw new DockerError('netlab: only worker nodes join here (one manager per swarm)', 1);
  if (quiet) return s.token + '\n';
  return `To add a worker to this swarm, run the following command:\n\n    docker swarm join --token ${s.token} ${formatIpv4(me.addr)}:2377\n\n`;
}

// ---- docker network create -d overlay -------------------------------------------------------

export function planOverlayCreate(c: Ctx, spec: NetworkSpec): Plan {
  const s = c.e.swarm;
  const me = s?.nodes.get(c.host);
  if (!s || !me) throw err(NOT_MANAGER);
  if (me.role !== 'manager')
    throw err('Cannot create a multi-host network from a worker node. Please create the network from a manager node.');
  for (const k of spec.options.keys())
    if (k !== 'com.docker.network.driver.overlay.vxlanid_list' && k !== 'encrypted') throw err(`overlay driver: unknown option "${k}"`);
  if (spec.options.has('encrypted'))
    throw new DockerError('netlab: encrypted overlay networks (IPsec) are not modelled; leave out -o encrypted', 1);
  const taken = [...s.networks.values()].flatMap((n) => (n.subnet ? [n.subnet] : []));
  let subnet: Cidr;
  if (spec.subnet !== null) {
    const p = parseCidr(spec.subnet);
    if (!p || !spec.subnet.includes('/')) throw err(`invalid CIDR address: ${spec.subnet}`);
    if (cidrText(p) !== spec.subnet) throw err(`invalid subnet ${spec.subnet} : it should be ${cidrText(p)}`);
    if (taken.some((t) => overlaps(t, p))) throw err(`Pool overlaps with other one on this address space`);
    subnet = p;
  } else {
    // swarm's default address pool 10.0.0.0/8 in /24s; 10.0.0.0/24 is the ingress network's
    let found: Cidr | null = null;
    for (let i = 1; i < 65536 && !found; i++) {
      const cand = { addr: ((10 << 24) | (i << 8)) >>> 0, plen: 24 };
      if (!taken.some((t) => overlaps(t, cand))) found = cand;
    }
    if (!found) throw err('could not find an available IP while allocating VIP');
    subnet = found;
  }
  let gateway = networkOf(subnet.addr, subnet.plen) + 1;
  if (spec.gateway !== null) {
    const g = parseIpv4(spec.gateway);
    if (g === null) throw err(`invalid gateway address: ${spec.gateway}`);
    if (!inSubnet({ subnet } as Network, g)) throw err(`no matching subnet for gateway ${spec.gateway}`);
    gateway = g;
  }
  let ipRange: Cidr | null = null;
  if (spec.ipRange !== null) {
    const r = parseCidr(spec.ipRange);
    if (!r || r.plen < subnet.plen || !inSubnet({ subnet } as Network, r.addr)) throw err(`no matching subnet for range ${spec.ipRange}`);
    ipRange = r;
  }
  const aux = new Map<string, Ipv4>();
  for (const [k, v] of spec.aux) {
    const a = parseIpv4(v);
    if (a === null || !inSubnet({ subnet } as Network, a)) throw err(`no matching subnet for aux-address ${v}`);
    aux.set(k, a);
  }
  const vnis = new Set([...s.networks.values()].map((n) => n.vni));
  let vni = FIRST_VNI;
  const wanted = spec.options.get('com.docker.network.driver.overlay.vxlanid_list');
  if (wanted !== undefined) {
    vni = Number(wanted);
    if (!Number.isInteger(vni) || vni < 1 || vni > 16777215) throw err(`invalid VXLAN id ${wanted}`);
    if (vnis.has(vni)) throw err(`VXLAN id ${vni} is already in use`);
  } else while (vnis.has(vni)) vni++;
  const seq = c.e.seq + 1;
  const id = swarmId(`network:${spec.name}:${s.id}:${seq}`);
  const net: Network = {
    id,
    name: spec.name,
    driver: 'overlay',
    builtin: false,
    subnet,
    gateway,
    ipRange,
    aux,
    bridge: null,
    parent: null,
    mode: null,
    options: new Map([['com.docker.network.driver.overlay.vxlanid_list', String(vni)]]),
    vni,
    attachable: spec.attachable,
  };
  return {
    steps: [],
    stdout: id + '\n',
    stderr: '',
    commit: () => {
      s.networks.set(net.name, net);
      c.e.seq = seq;
    },
  };
}

// ---- a container joins / leaves an overlay network ----------------------------------------

/** the containers of a network on every node, with the node's VTEP */
function remoteEndpoints(c: Ctx, net: Network, skip: ReadonlySet<Container>): Array<{ node: SwarmNode; ep: Endpoint }> {
  const s = c.e.swarm;
  if (!s) return [];
  const out: Array<{ node: SwarmNode; ep: Endpoint }> = [];
  for (const { node, e } of nodesOf(s)) {
    if (node.host === c.host) continue;
    for (const ct of sandboxes(e)) {
      if (skip.has(ct)) continue;
      for (const ep of ct.endpoints) if (ep.network === net.name && ep.sandbox) out.push({ node, ep });
    }
  }
  return out;
}

/** the nodes (other than this one) that have a sandbox for the network */
function peerSandboxes(c: Ctx, net: Network): Array<{ node: SwarmNode; sandbox: string }> {
  const seen = new Map<SwarmNode, string>();
  for (const { node, ep } of remoteEndpoints(c, net, new Set())) seen.set(node, ep.sandbox!);
  return [...seen].map(([node, sandbox]) => ({ node, sandbox }));
}

function peerAdd(sb: string, ip: Ipv4, mac: string, vtep: Ipv4, on?: Netns): Step[] {
  return [
    { line: `ip -n ${sb} neigh replace ${formatIpv4(ip)} lladdr ${mac} dev vxlan0 nud permanent`, ...(on ? { on } : {}) },
    { line: `ip netns exec ${sb} bridge fdb replace ${mac} dev vxlan0 dst ${formatIpv4(vtep)} self permanent`, ...(on ? { on } : {}) },
  ];
}

export function joinOverlay(
  d: Draft,
  ct: { name: string; id: string },
  ns: string,
  net: Network,
  ifname: string,
  opts: { ip: string | null; mac: string | null; gateway: boolean; fresh: boolean },
): Endpoint[] {
  const { c } = d;
  const me = c.e.swarm?.nodes.get(c.host);
  if (!me) throw err(`network ${net.name} not found`, 125);
  if (!net.attachable)
    throw new DockerError(
      withHelp(
        `Error response from daemon: Could not attach to network ${net.name}: rpc error: code = PermissionDenied desc = network ${net.name} not manually attachable`,
      ),
      125,
    );
  // IPAM is the manager's: no address twice across the nodes
  const ip = assignIp(
    d,
    net,
    opts.ip,
    nodesOf(c.e.swarm!).flatMap(({ e }) => [...usedAddrs(e, net)]),
  );
  const plen = net.subnet!.plen;
  const mac = opts.mac ?? macFromIp(ip);
  const sb = sandboxName(c.host, net);
  const s = d.steps;
  if (!c.w.ns(sb) && !d.names.has(sb)) {
    d.names.add(sb);
    const vx = `vx-${net.vni!.toString(16).padStart(6, '0')}-${net.id.slice(0, 5)}`;
    s.push(
      { line: `ip netns add ${sb}` },
      { line: `ip -n ${sb} link add br0 type bridge` },
      { line: `ip -n ${sb} addr add ${formatIpv4(net.gateway!)}/${plen} dev br0` },
      { line: `ip -n ${sb} link set br0 up` },
      // made in the host, moved into the sandbox: its UDP socket stays in the host
      // the driver gives vxlan0 the overlay's MTU (1500 less VXLAN's 50), so br0 has it from the start
      { line: `ip link add ${vx} mtu ${OVERLAY_MTU} type vxlan id ${net.vni} dstport ${VXLAN_PORT} proxy learning l2miss l3miss` },
      { line: `ip link set ${vx} netns ${sb}` },
      { line: `ip -n ${sb} link set ${vx} name vxlan0` },
      { line: `ip -n ${sb} link set vxlan0 master br0` },
      { line: `ip -n ${sb} link set vxlan0 up` },
    );
    // what the peer database already knows: every container of the network on other nodes
    for (const { node, ep } of remoteEndpoints(c, net, new Set())) s.push(...peerAdd(sb, ep.ip, ep.mac, node.addr));
  }
  const existing = new Set(
    c.w
      .ns(sb)
      ?.deviceList()
      .map((x) => x.name) ?? [],
  );
  let k = 0;
  while (existing.has(`veth${k}`) || d.names.has(`${sb}/veth${k}`)) k++;
  const veth = `veth${k}`;
  d.names.add(`${sb}/veth${k}`);
  s.push(
    { line: `ip -n ${sb} link add ${veth} type veth peer name ${ifname} netns ${ns}` },
    { line: `ip -n ${sb} link set ${veth} mtu ${OVERLAY_MTU}` },
    { line: `ip -n ${sb} link set ${veth} master br0` },
    { line: `ip -n ${sb} link set ${veth} up` },
    { line: `ip -n ${ns} link set ${ifname} mtu ${OVERLAY_MTU}` },
    { line: `ip -n ${ns} link set ${ifname} address ${mac}` },
    { line: `ip -n ${ns} addr add ${formatIpv4(ip)}/${plen} dev ${ifname}` },
    { line: `ip -n ${ns} link set ${ifname} up` },
  );
  if (opts.fresh) s.push({ line: `ip -n ${ns} link set lo up` });
  const ep: Endpoint = {
    network: net.name,
    id: hexId(`endpoint:${ct.id}:${net.name}`),
    ip,
    mac,
    ifname,
    hostVeth: veth,
    sandbox: sb,
    ...(opts.ip !== null ? { requested: true } : {}),
  };
  // then every other node of the network learns where this container lives
  for (const p of peerSandboxes(c, net)) d.after.push(...peerAdd(p.sandbox, ip, mac, me.addr, p.node.host));
  // the way out, unless another network already gives one: a leg on docker_gwbridge
  if (!opts.gateway) return [ep];
  const gw = c.e.networks.get(GWBRIDGE);
  if (!gw) throw new DockerError(`netlab: ${GWBRIDGE} is missing on ${label(c.host)}: leave and join the swarm again`, 125);
  const n = Number(/(?<!\d)\d+$/.exec(ifname)?.[0] ?? 0) + 1;
  const out = joinNetwork(d, ct, ns, gw, `eth${n}`, { ip: null, mac: null, gateway: true, fresh: false });
  return [ep, { ...out, hidden: true }];
}

/** what leaving an overlay network takes: this host's veth (and sandbox, with the last container), the peers' entries */
export function leaveOverlay(c: Ctx, ct: Container, ep: Endpoint, removing: readonly Container[]): { local: Step[]; peers: Step[] } {
  const net = c.e.swarm?.networks.get(ep.network);
  const local: Step[] = [{ line: `ip -n ${ep.sandbox} link del ${ep.hostVeth}`, optional: true }];
  const gone = new Set([ct, ...removing]);
  const stillHere = sandboxes(c.e).some((o) => !gone.has(o) && o.endpoints.some((x) => x.network === ep.network && x.sandbox));
  if (!stillHere) local.push({ line: `ip netns del ${ep.sandbox}`, optional: true });
  const peers: Step[] = [];
  if (net) {
    for (const p of peerSandboxes(c, net)) {
      peers.push(
        { line: `ip -n ${p.sandbox} neigh del ${formatIpv4(ep.ip)} dev vxlan0`, optional: true, on: p.node.host },
        { line: `ip netns exec ${p.sandbox} bridge fdb del ${ep.mac} dev vxlan0`, optional: true, on: p.node.host },
      );
    }
  }
  return { local, peers };
}
