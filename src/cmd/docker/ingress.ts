// Swarm's routing mesh, as Docker 29.7.2 sets it up (libnetwork's service_linux.go):
//
// - `docker swarm init|join`: the swarm's overlay network `ingress` (10.0.0.0/24, VNI 4096)
//   and, on every node, the ingress sandbox `ingress_sbox`: eth0 on ingress, eth1 on
//   docker_gwbridge (its first address, 172.18.0.2) with the default route.
// - `docker service create -p PUBLISHED:TARGET`: a virtual IP on ingress; on the node, the
//   DOCKER-INGRESS chains (initIngressConfiguration: nat PREROUTING and OUTPUT and filter
//   DOCKER-FORWARD jump there first, docker_gwbridge's route_localnet and a MASQUERADE for
//   the host's own sources) and per port a DNAT to the ingress sandbox's docker_gwbridge
//   address and two ACCEPTs (programIngressPortsRules, each rule inserted at the top); in the
//   ingress sandbox the VIP and the firewall marks of configureFWMark; in the task's
//   container the REDIRECT from the published to the target port (addRedirectRules).
//
// The last step of the mesh is IPVS in the ingress sandbox (ipvsadm: a virtual service per
// firewall mark, masquerading to the task; see core/netfilter/ipvs.ts). A service has one task
// here, so IPVS's round robin always picks it: several replicas are refused, not modelled.

import { formatIpv4, networkOf, type Ipv4 } from '../../core/addr.ts';
import { formatRuleSpec } from '../../core/netfilter/format.ts';
import type { Netns } from '../../core/netns.ts';
import {
  existingEngine,
  generatedName,
  hexId,
  type Container,
  type Network,
  type Service,
  type ServicePort,
  type Swarm,
  type SwarmNode,
  usedAddrs,
} from './engine.ts';
import {
  assignIp,
  directAccessRule,
  DockerError,
  err,
  imageServes,
  serverStep,
  type Ctx,
  type Draft,
  type Plan,
  type Step,
} from './expand.ts';
import { joinOverlay, leaveOverlay, NOT_MANAGER, swarmId, WORKER } from './overlay.ts';

export const INGRESS = 'ingress';
const INGRESS_VNI = 4096;
const CHAIN = 'DOCKER-INGRESS';

/** the ingress network swarm creates with the swarm (its id is the swarm's to give) */
export function ingressNetwork(swarm: string): Network {
  const subnet = { addr: (10 << 24) >>> 0, plen: 24 };
  return {
    id: swarmId(`network:${INGRESS}:${swarm}`),
    name: INGRESS,
    driver: 'overlay',
    builtin: false,
    subnet,
    gateway: networkOf(subnet.addr, subnet.plen) + 1,
    ipRange: null,
    aux: new Map(),
    bridge: null,
    parent: null,
    mode: null,
    options: new Map([['com.docker.network.driver.overlay.vxlanid_list', String(INGRESS_VNI)]]),
    vni: INGRESS_VNI,
    ingress: true,
  };
}

/** Docker's `ingress_sbox`, one per host (netlab's namespaces are one world: other hosts' get a suffix) */
function sboxName(host: Netns): string {
  return `ingress_sbox${host.name ? `.${host.name}` : ''}`;
}

/**
 * Plan as the node of a swarm it is becoming part of: the swarm and docker_gwbridge are the
 * plan's own until it commits, so they stand in Docker's bookkeeping only while planning.
 */
export function asNode<T>(c: Ctx, s: Swarm, node: SwarmNode, gw: Network, plan: () => T): T {
  const before = { swarm: c.e.swarm, gw: c.e.networks.get(gw.name), member: s.nodes.get(c.host) };
  c.e.swarm = s;
  s.nodes.set(c.host, node);
  c.e.networks.set(gw.name, gw);
  try {
    return plan();
  } finally {
    c.e.swarm = before.swarm;
    if (before.member) s.nodes.set(c.host, before.member);
    else s.nodes.delete(c.host);
    if (before.gw) c.e.networks.set(gw.name, before.gw);
    else c.e.networks.delete(gw.name);
  }
}

/** SetupIngress: the ingress sandbox of this node, on ingress and on docker_gwbridge */
export function setupIngress(c: Ctx, net: Network): { steps: Step[]; sandbox: Container } {
  const d: Draft = { c, steps: [], after: [], names: new Set(), taken: new Map() };
  const ns = sboxName(c.host);
  if (c.w.ns(ns)) throw new DockerError(`netlab: a network namespace called "${ns}" already exists; the ingress sandbox needs it`, 1);
  const id = hexId(`ingress-sbox:${c.host.label}:${net.id}`);
  d.steps.push({ line: `ip netns add ${ns}` });
  // A new namespace takes its IPv4 settings from init_net, on a Docker host the host where the
  // daemon turned forwarding on: the replies IPVS un-NATs are forwarded back out of eth1. The
  // lab's host is a namespace itself, so the inherited setting is spelled out.
  if (c.host.sysctl.ipForward || c.e.config.ipForward) d.steps.push({ line: `ip netns exec ${ns} sysctl -w net.ipv4.ip_forward=1` });
  // the ingress network is not attachable by users; the daemon attaches its own sandbox
  const endpoints = joinOverlay(d, { name: 'ingress-sbox', id }, ns, { ...net, attachable: true }, 'eth0', {
    ip: null,
    mac: null,
    gateway: true,
    fresh: true,
  });
  const sandbox: Container = {
    id,
    name: 'ingress-sbox',
    image: '',
    command: [],
    mode: { kind: 'networks' },
    netns: ns,
    endpoints,
    ports: [],
    portsOn: null,
    serves: null,
    created: c.w.clock.now(),
  };
  return { steps: [...d.steps, ...d.after], sandbox };
}

/** ReleaseIngress: the ingress sandbox goes, its legs with it (`on`: another host's) */
export function releaseIngress(c: Ctx, on?: Netns): Step[] {
  const sb = c.e.ingress;
  if (!sb) return [];
  const at = (s: Step): Step => (on && !s.on ? { ...s, on } : s);
  const local: Step[] = [];
  const peers: Step[] = [];
  for (const ep of sb.endpoints) {
    if (ep.sandbox) {
      const l = leaveOverlay(c, sb, ep, []);
      local.push(...l.local);
      peers.push(...l.peers);
    } else if (ep.hostVeth) {
      const net = c.e.networks.get(ep.network);
      if (net) local.push(...directAccessRule(c.e, net, ep.ip, true));
      local.push({ line: `ip link del ${ep.hostVeth}`, optional: true });
    }
  }
  local.push({ line: `ip netns del ${sb.netns}`, optional: true });
  return [...local, ...peers].map(at);
}

// ---- the rules of the routing mesh ---------------------------------------------------------

const ipt = (ns: string | null, rest: string): string => (ns === null ? `iptables ${rest}` : `ip netns exec ${ns} iptables ${rest}`);

function hasChain(h: Netns, table: 'nat' | 'filter'): boolean {
  return h.tables[table].chains.has(CHAIN);
}

/** initIngressConfiguration: once per daemon, the chains, the jumps to them, the host's way into docker_gwbridge */
function initIngress(c: Ctx, gwBridge: string): Step[] {
  if (hasChain(c.host, 'nat')) return [];
  return [
    { line: `iptables -t nat -N ${CHAIN}` },
    { line: `iptables -t nat -A ${CHAIN} -j RETURN` },
    { line: `iptables -N ${CHAIN}` },
    { line: `iptables -A ${CHAIN} -j RETURN` },
    // EnsureJumpRule: OUTPUT, then PREROUTING, then DOCKER-FORWARD, each on top
    { line: `iptables -t nat -I OUTPUT -m addrtype --dst-type LOCAL -j ${CHAIN}` },
    { line: `iptables -t nat -I PREROUTING -m addrtype --dst-type LOCAL -j ${CHAIN}` },
    { line: `iptables -I DOCKER-FORWARD -j ${CHAIN}` },
    // the host's own connections to a published port (127.0.0.1 too) leave through docker_gwbridge
    { line: `sysctl -w net.ipv4.conf.${gwBridge}.route_localnet=1` },
    { line: `iptables -t nat -I POSTROUTING -m addrtype --src-type LOCAL -o ${gwBridge} -j MASQUERADE` },
  ];
}

/** generateIngressRules, each inserted at the top (so a port reads DNAT; dport ACCEPT, sport ACCEPT) */
function ingressPortRules(p: ServicePort, to: Ipv4, del: boolean): Step[] {
  const rules = [
    `-t nat ${del ? '-D' : '-I'} ${CHAIN} -p ${p.proto} -m ${p.proto} --dport ${p.published} -j DNAT --to-destination ${formatIpv4(to)}:${p.published}`,
    `${del ? '-D' : '-I'} ${CHAIN} -p ${p.proto} -m ${p.proto} --sport ${p.published} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
    `${del ? '-D' : '-I'} ${CHAIN} -p ${p.proto} -m ${p.proto} --dport ${p.published} -j ACCEPT`,
  ];
  return rules.map((r) => ({ line: `iptables ${r}`, ...(del ? { optional: true } : {}) }));
}

/**
 * addLBBackend in the ingress sandbox: the VIP on its ingress leg, configureFWMark (a mark per
 * published port, the SNAT of what IPVS sends into the ingress network, the VIP's mark), then
 * the IPVS service of that mark and the task as its real server (rmLBBackend: the reverse; the
 * SNAT rule stays for the next service).
 */
function loadBalancer(
  c: Ctx,
  sb: Container,
  sv: { vip: Ipv4; fwmark: number; ports: readonly ServicePort[] },
  task: Ipv4,
  del: boolean,
): Step[] {
  const ns = sb.netns;
  const ep = sb.endpoints.find((x) => x.sandbox)!;
  const vip = formatIpv4(sv.vip);
  const op = del ? '-D' : '-A';
  const marks = sv.ports.map((p) => ({
    line: ipt(ns, `-t mangle ${op} PREROUTING -p ${p.proto} -m ${p.proto} --dport ${p.published} -j MARK --set-mark ${sv.fwmark}`),
  }));
  const input = { line: ipt(ns, `-t mangle ${op} INPUT -d ${vip}/32 -j MARK --set-mark ${sv.fwmark}`) };
  if (del)
    return [
      { line: `ip netns exec ${ns} ipvsadm -d -f ${sv.fwmark} -r ${formatIpv4(task)}`, optional: true },
      { line: `ip netns exec ${ns} ipvsadm -D -f ${sv.fwmark}`, optional: true },
      ...[...marks, input].map((m) => ({ ...m, optional: true })),
      { line: `ip -n ${ns} addr del ${vip}/32 dev ${ep.ifname}`, optional: true },
    ];
  const subnet = `${formatIpv4(networkOf(ep.ip, c.e.swarm?.networks.get(INGRESS)?.subnet?.plen ?? 24))}/${c.e.swarm?.networks.get(INGRESS)?.subnet?.plen ?? 24}`;
  const snat = `POSTROUTING -d ${subnet} -m ipvs --ipvs -j SNAT --to-source ${formatIpv4(ep.ip)}`;
  const have =
    c.w
      .ns(ns)
      ?.tables.nat.chains.get('POSTROUTING')
      ?.rules.some((r) => formatRuleSpec(r) === snat) ?? false;
  // Docker opens its IPVS handle (loading ip_vs, and so the `ipvs` match) before the rules;
  // the service itself it adds after them, which changes nothing before a packet comes
  return [
    { line: `ip -n ${ns} addr add ${vip}/32 dev ${ep.ifname}` },
    { line: `ip netns exec ${ns} ipvsadm -A -f ${sv.fwmark} -s rr` },
    ...marks,
    // net.ipv4.vs.conntrack=1 is what netlab's IPVS always does: its connections are in conntrack
    ...(have ? [] : [{ line: ipt(ns, `-t nat -A ${snat}`) }]),
    input,
    { line: `ip netns exec ${ns} ipvsadm -a -f ${sv.fwmark} -r ${formatIpv4(task)} -m -w 1` },
  ];
}

/** addRedirectRules: in the task's container, the published port is the target port, and nothing else comes in */
function redirectRules(ns: string, ip: Ipv4, ports: readonly ServicePort[]): Step[] {
  const a = formatIpv4(ip);
  const out: Step[] = [];
  for (const p of ports) {
    const m = `-p ${p.proto} -m ${p.proto}`;
    out.push(
      { line: ipt(ns, `-t nat -A PREROUTING -d ${a}/32 ${m} --dport ${p.published} -j REDIRECT --to-ports ${p.target}`) },
      { line: ipt(ns, `-I INPUT -d ${a}/32 ${m} --dport ${p.target} -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT`) },
      { line: ipt(ns, `-I OUTPUT -s ${a}/32 ${m} --sport ${p.target} -m conntrack --ctstate ESTABLISHED -j ACCEPT`) },
    );
  }
  if (!ports.length) return out;
  for (const proto of ['sctp', 'udp', 'tcp'])
    out.push({ line: ipt(ns, `-A INPUT -d ${a}/32 -p ${proto} -j DROP`) }, { line: ipt(ns, `-A OUTPUT -s ${a}/32 -p ${proto} -j DROP`) });
  return out;
}

// ---- docker service create | rm | ls --------------------------------------------------------

export interface ServiceSpec {
  readonly name: string | null;
  readonly image: string;
  readonly command: readonly string[];
  readonly ports: readonly ServicePort[];
  readonly detach: boolean;
}

function manager(c: Ctx): Swarm {
  const s = c.e.swarm;
  const me = s?.nodes.get(c.host);
  if (!s || !me) throw err(NOT_MANAGER);
  if (me.role !== 'manager') throw err(WORKER);
  return s;
}

/** swarm's dynamic range for a published port not given (-p TARGET) */
const DYNAMIC_PORTS = [30000, 32767] as const;

export function planServiceCreate(c: Ctx, spec: ServiceSpec): Plan {
  const s = manager(c);
  const ingress = s.networks.get(INGRESS);
  const sb = c.e.ingress;
  if (!ingress || !sb) throw new DockerError('netlab: this node has no ingress sandbox: leave the swarm and join it again', 1);
  const seq = c.e.seq + 1;
  const name = spec.name ?? generatedName(`service:${seq}`, (n) => s.services.has(n));
  if (s.services.has(name))
    throw err(`rpc error: code = AlreadyExists desc = name conflicts with an existing object: service ${name} already exists`);
  const inUse = new Map<string, Service>();
  for (const o of s.services.values()) for (const p of o.ports) inUse.set(`${p.proto}/${p.published}`, o);
  const ports: ServicePort[] = [];
  for (const p of spec.ports) {
    let published = p.published;
    if (published === 0) {
      published = DYNAMIC_PORTS[0];
      while (inUse.has(`${p.proto}/${published}`) || ports.some((x) => x.proto === p.proto && x.published === published)) published++;
      if (published > DYNAMIC_PORTS[1]) throw err('rpc error: code = ResourceExhausted desc = no more available ports');
    }
    const other = inUse.get(`${p.proto}/${published}`);
    if (other)
      throw err(
        `rpc error: code = InvalidArgument desc = port '${published}' is already in use by service '${other.name}' (${other.id}) as an ingress port`,
      );
    ports.push({ ...p, published });
  }
  const id = swarmId(`service:${name}:${s.id}:${seq}`);
  const taskName = `${name}.1.${swarmId(`task:${id}`)}`;
  const ctId = hexId(`container:${taskName}:${seq}`);
  if (c.w.ns(taskName)) throw new DockerError(`netlab: a network namespace called "${taskName}" already exists`, 1);
  const d: Draft = { c, steps: [], after: [], names: new Set(), taken: new Map() };
  // IPAM is the manager's: no address twice across the nodes
  const nodesUsed = (): Ipv4[] => [...s.nodes.keys()].flatMap((h) => [...usedAddrs(existingEngine(h) ?? c.e, ingress)]);
  const vip = ports.length ? assignIp(d, ingress, null, nodesUsed()) : null;
  d.steps.push({ line: `ip netns add ${taskName}` });
  const endpoints = joinOverlay(d, { name: taskName, id: ctId }, taskName, { ...ingress, attachable: true }, 'eth0', {
    ip: null,
    mac: null,
    gateway: true,
    fresh: true,
  });
  const taskIp = endpoints[0]!.ip;
  d.steps.push(...redirectRules(taskName, taskIp, ports));
  const serves = imageServes(spec.image);
  if (serves !== null) d.steps.push(serverStep(taskName, serves, { c, image: spec.image }));
  // the routing mesh: every node of the swarm publishes the port, each through its own ingress
  // sandbox, whose IPVS sends to the task over the ingress network (each daemon counts its marks)
  const fwmarks = new Map<Netns, number>();
  if (vip !== null)
    for (const h of s.nodes.keys()) {
      const ch: Ctx = h === c.host ? c : { ...c, host: h, e: existingEngine(h)! };
      const sbh = ch.e.ingress;
      if (!sbh) continue;
      fwmarks.set(h, ch.e.fwmark);
      const on = (x: Step): Step => (h === c.host ? x : { ...x, on: h });
      const gw = sbh.endpoints.find((x) => !x.sandbox)!;
      const lines = [
        ...initIngress(ch, ch.e.networks.get(gw.network)!.bridge!),
        ...ports.flatMap((p) => ingressPortRules(p, gw.ip, false)),
        ...loadBalancer(ch, sbh, { vip, fwmark: ch.e.fwmark, ports }, taskIp, false),
      ];
      d.after.push(...lines.map(on));
    }
  const svc: Service = {
    id,
    name,
    image: spec.image,
    command: spec.command,
    ports,
    vip,
    fwmarks,
    node: c.host,
    task: taskName,
    created: c.w.clock.now(),
  };
  const ct: Container = {
    id: ctId,
    name: taskName,
    image: spec.image,
    command: spec.command,
    mode: { kind: 'networks' },
    netns: taskName,
    endpoints,
    ports: [],
    portsOn: null,
    serves,
    created: c.w.clock.now(),
    task: name,
  };
  return {
    steps: [...d.steps, ...d.after],
    stdout: id + '\n',
    stderr: '',
    commit: () => {
      c.e.seq = seq;
      for (const h of fwmarks.keys()) existingEngine(h)!.fwmark++;
      s.services.set(name, svc);
      c.e.containers.set(taskName, ct);
    },
  };
}

function findService(s: Swarm, ref: string): Service | undefined {
  return s.services.get(ref) ?? [...s.services.values()].find((x) => ref.length > 0 && x.id.startsWith(ref));
}

/** docker service rm: the task's container goes, then the service's ports and load balancer */
export function planServiceRm(c: Ctx, refs: readonly string[], removeTask: (ct: string) => Plan): Plan {
  const s = manager(c);
  if (!refs.length)
    throw new DockerError(
      '"docker service rm" requires at least 1 argument.\nSee \'docker service rm --help\'.\n\nUsage:  docker service rm SERVICE [SERVICE...]\n\nRemove one or more services',
      1,
    );
  const svcs: Service[] = [];
  for (const r of refs) {
    const sv = findService(s, r);
    if (!sv) throw err(`service ${r} not found`);
    svcs.push(sv);
  }
  const steps: Step[] = [];
  const commits: Array<() => void> = [];
  for (const sv of svcs) {
    const rm = removeTask(sv.task);
    steps.push(...rm.steps);
    commits.push(rm.commit);
    const task = existingEngine(sv.node)?.containers.get(sv.task);
    if (sv.vip === null || !task) continue;
    for (const [h, fwmark] of sv.fwmarks) {
      const ch: Ctx = h === c.host ? c : { ...c, host: h, e: existingEngine(h)! };
      const sb = ch.e.ingress;
      if (!sb) continue;
      const gw = sb.endpoints.find((x) => !x.sandbox)!;
      const lines = [
        ...loadBalancer(ch, sb, { vip: sv.vip, fwmark, ports: sv.ports }, task.endpoints[0]!.ip, true),
        ...sv.ports.flatMap((p) => ingressPortRules(p, gw.ip, true)),
      ];
      steps.push(...lines.map((x) => (h === c.host ? x : { ...x, on: h })));
    }
  }
  return {
    steps,
    stdout: refs.map((r) => r + '\n').join(''),
    stderr: '',
    commit: () => {
      for (const f of commits) f();
      for (const sv of svcs) s.services.delete(sv.name);
    },
  };
}

export function serviceLs(c: Ctx, quiet: boolean): string {
  const s = manager(c);
  const svcs = [...s.services.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  if (quiet) return svcs.map((x) => x.id.slice(0, 12) + '\n').join('');
  const rows = [['ID', 'NAME', 'MODE', 'REPLICAS', 'IMAGE', 'PORTS']];
  for (const x of svcs)
    rows.push([
      x.id.slice(0, 12),
      x.name,
      'replicated',
      '1/1',
      x.image.includes(':') ? x.image : `${x.image}:latest`,
      x.ports.map((p) => `*:${p.published}->${p.target}/${p.proto}`).join(', '),
    ]);
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
