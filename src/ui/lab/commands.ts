// Canvas edits written as dialect lines: every change a person makes on the canvas becomes
// the commands they would type, run by the core in the worker. Pure functions of the snapshot.

import type { DeviceSnapshot, NetnsSnapshot, WorldSnapshot } from '../../core/snapshot.ts';

export const ipn = (ns: string | null): string => (ns === null || ns === 'root' ? 'ip' : `ip -n ${ns}`);
export const inNs = (ns: string | null, cmd: string): string => (ns === null || ns === 'root' ? cmd : `ip netns exec ${ns} ${cmd}`);

/** namespace lookup by the snapshot's label ("root" is the host's own) */
export function findNs(w: WorldSnapshot, ns: string): NetnsSnapshot | undefined {
  return w.namespaces.find((n) => (ns === 'root' ? n.root : !n.root && n.name === ns));
}

export function findDev(w: WorldSnapshot, ns: string, dev: string): DeviceSnapshot | undefined {
  return findNs(w, ns)?.devices.find((d) => d.name === dev);
}

/** first `prefix<N>` not in `taken`, N from `from` */
export function freeName(prefix: string, taken: Iterable<string>, from = 0): string {
  const t = new Set(taken);
  for (let i = from; ; i++) if (!t.has(`${prefix}${i}`)) return `${prefix}${i}`;
}

export const nsNames = (w: WorldSnapshot): string[] => w.namespaces.filter((n) => !n.root).map((n) => n.name);
const devNames = (w: WorldSnapshot, ns: string): string[] => findNs(w, ns)?.devices.map((d) => d.name) ?? [];

export const DEV_NAME = /^[A-Za-z0-9_.-]{1,15}$/;
export const NS_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

export interface Planned {
  readonly lines: string[];
  /** the namespace or device the edit made, for selection and placement */
  readonly ns: string;
  readonly name: string;
}

export function addNamespace(w: WorldSnapshot, prefix: string): Planned {
  const name = freeName(prefix, nsNames(w), 1);
  return { ns: name, name, lines: [`ip netns add ${name}`, `ip -n ${name} link set lo up`] };
}

export function addSwitch(w: WorldSnapshot): Planned {
  const name = freeName('lan', nsNames(w), 1);
  return { ns: name, name, lines: [`ip netns add ${name}`, `ip -n ${name} link add sw0 type bridge`, `ip -n ${name} link set sw0 up`] };
}

export function addBridge(w: WorldSnapshot, ns: string): Planned {
  const name = freeName('br', devNames(w, ns));
  return { ns, name, lines: [`${ipn(ns)} link add ${name} type bridge`, `${ipn(ns)} link set ${name} up`] };
}

export function addStacked(w: WorldSnapshot, ns: string, parent: string, kind: 'macvlan' | 'ipvlan', mode?: string): Planned {
  const name = freeName(kind === 'macvlan' ? 'mv' : 'ipvl', devNames(w, ns));
  const m = mode ?? (kind === 'macvlan' ? 'bridge' : 'l2');
  return { ns, name, lines: [`${ipn(ns)} link add ${name} link ${parent} type ${kind} mode ${m}`, `${ipn(ns)} link set ${name} up`] };
}

export function addVxlan(w: WorldSnapshot, ns: string): Planned {
  const name = freeName('vxlan', devNames(w, ns));
  const used = new Set(w.namespaces.flatMap((n) => n.devices.map((d) => d.vxlan?.vni)));
  let vni = 42;
  while (used.has(vni)) vni++;
  return { ns, name, lines: [`${ipn(ns)} link add ${name} type vxlan id ${vni} dstport 4789`, `${ipn(ns)} link set ${name} up`] };
}

/** one end of a connection drawn on the canvas */
export type Endpoint =
  | { readonly kind: 'ns'; readonly ns: string }
  | { readonly kind: 'bridge'; readonly ns: string; readonly bridge: string }
  | { readonly kind: 'port'; readonly ns: string; readonly dev: string };

function isContainerSide(w: WorldSnapshot, e: Endpoint): boolean {
  return e.kind === 'ns' && !findNs(w, e.ns)?.root && !findNs(w, e.ns)?.devices.some((d) => d.kind === 'bridge');
}

/**
 * what connecting two things means: a port dropped on a bridge of its own namespace is
 * enslaved to it; anything else gets a new veth pair between the two namespaces (enslaved to
 * the bridge at either end, both ends up).
 */
export function connect(w: WorldSnapshot, a: Endpoint, b: Endpoint): Planned | { error: string } {
  const enslave = (p: Endpoint, br: Endpoint): Planned | null => {
    if (p.kind !== 'port' || br.kind !== 'bridge' || p.ns !== br.ns) return null;
    const d = findDev(w, p.ns, p.dev);
    if (!d || d.kind === 'bridge' || d.kind === 'loopback') return null;
    return { ns: p.ns, name: p.dev, lines: [`${ipn(p.ns)} link set ${p.dev} master ${br.bridge}`] };
  };
  const direct = enslave(a, b) ?? enslave(b, a);
  if (direct) return direct;
  if (a.kind === 'bridge' && b.kind === 'bridge' && a.ns === b.ns && a.bridge === b.bridge)
    return { error: 'A bridge cannot be wired to itself.' };
  if (!findNs(w, a.ns) || !findNs(w, b.ns)) return { error: 'That namespace no longer exists.' };
  // the root side makes the pair: the root namespace has no name to move a peer into
  let [x, y] = findNs(w, b.ns)?.root && !findNs(w, a.ns)?.root ? [b, a] : [a, b];
  if (isContainerSide(w, x) && !isContainerSide(w, y) && !findNs(w, y.ns)?.root) [x, y] = [y, x];
  const same = x.ns === y.ns;
  const takenX = devNames(w, x.ns);
  const nameX = freeName(isContainerSide(w, x) ? 'eth' : 'veth', takenX);
  const takenY = same ? [...devNames(w, y.ns), nameX] : devNames(w, y.ns);
  const nameY = freeName(isContainerSide(w, y) ? 'eth' : 'veth', takenY);
  const lines = [`${ipn(x.ns)} link add ${nameX} type veth peer name ${nameY}${same ? '' : ` netns ${y.ns}`}`];
  for (const [e, n] of [
    [x, nameX],
    [y, nameY],
  ] as const)
    if (e.kind === 'bridge') lines.push(`${ipn(e.ns)} link set ${n} master ${e.bridge}`);
  lines.push(`${ipn(x.ns)} link set ${nameX} up`, `${ipn(y.ns)} link set ${nameY} up`);
  return { ns: x.ns, name: nameX, lines };
}

export function deleteNamespace(ns: string): string[] {
  return [`ip netns del ${ns}`];
}

export function deleteDevice(ns: string, dev: string): string[] {
  return [`${ipn(ns)} link del ${dev}`];
}

/** re-create a macvlan / ipvlan / vxlan with new settings: the dialect cannot change them in place */
export function recreate(
  w: WorldSnapshot,
  ns: string,
  dev: string,
  change: { mode?: string; remote?: string | null; vni?: number },
): string[] | { error: string } {
  const d = findDev(w, ns, dev);
  if (!d) return { error: `${dev} no longer exists.` };
  const home = (d.kind === 'vxlan' ? d.vxlan?.underlay : d.lower?.ns) ?? ns;
  const lines = [`${ipn(ns)} link del ${dev}`];
  if ((d.kind === 'macvlan' || d.kind === 'ipvlan') && d.lower) {
    lines.push(`${ipn(home)} link add ${dev} link ${d.lower.name} type ${d.kind} mode ${change.mode ?? d.mode}`);
  } else if (d.kind === 'vxlan' && d.vxlan) {
    const v = d.vxlan;
    const remote = change.remote === undefined ? v.remote : change.remote;
    lines.push(
      `${ipn(home)} link add ${dev} type vxlan id ${change.vni ?? v.vni} dstport ${v.dstport}${remote ? ` remote ${remote}` : ''}${v.local ? ` local ${v.local}` : ''}${v.dev ? ` dev ${v.dev}` : ''}`,
    );
  } else {
    return { error: `${dev} is a ${d.kind}: nothing to re-create.` };
  }
  if (home !== ns) lines.push(`${ipn(home)} link set ${dev} netns ${ns}`);
  if (d.master) lines.push(`${ipn(ns)} link set ${dev} master ${d.master}`);
  for (const a of d.addrs) lines.push(`${ipn(ns)} addr add ${a} dev ${dev}`);
  if (d.up) lines.push(`${ipn(ns)} link set ${dev} up`);
  return lines;
}

/** a check before the kernel's: the form of an IPv4 CIDR, with the reason when it is not one */
export function cidrProblem(s: string): string | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(s.trim());
  if (!m) return 'Write an address with its prefix length, like 10.0.0.1/24.';
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return 'Each of the four numbers must be 0–255.';
  if (Number(m[5]) > 32) return 'The prefix length must be 0–32.';
  return null;
}

/** lines that build a copy of a namespace's own configuration (not its links) under a new name */
export function cloneNamespace(w: WorldSnapshot, ns: string): Planned | null {
  const src = findNs(w, ns);
  if (!src || src.root) return null;
  const name = freeName(`${ns.replace(/-copy\d*$/, '')}-copy`, nsNames(w), 1);
  const lines = [`ip netns add ${name}`];
  const kept = new Set<string>(['lo']);
  for (const d of src.devices) {
    if (d.kind === 'bridge' || d.kind === 'dummy') {
      lines.push(`ip -n ${name} link add ${d.name} type ${d.kind}`);
      kept.add(d.name);
    }
  }
  for (const d of src.devices) {
    if (!kept.has(d.name)) continue;
    if (d.master && kept.has(d.master)) lines.push(`ip -n ${name} link set ${d.name} master ${d.master}`);
    for (const a of d.addrs) if (!(d.kind === 'loopback' && a === '127.0.0.1/8')) lines.push(`ip -n ${name} addr add ${a} dev ${d.name}`);
    if (d.up) lines.push(`ip -n ${name} link set ${d.name} up`);
  }
  if (src.sysctl.ipForward) lines.push(`ip netns exec ${name} sysctl -w net.ipv4.ip_forward=1`);
  for (const t of ['raw', 'filter', 'nat'] as const) {
    const tf = t === 'filter' ? '' : ` -t ${t}`;
    for (const c of src.iptables[t].chains) if (c.policy === null) lines.push(`ip netns exec ${name} iptables${tf} -N ${c.name}`);
    for (const c of src.iptables[t].chains) {
      if (c.policy !== null && c.policy !== 'ACCEPT') lines.push(`ip netns exec ${name} iptables${tf} -P ${c.name} ${c.policy}`);
      for (const r of c.rules) lines.push(`ip netns exec ${name} iptables${tf} -A ${c.name} ${r}`.trimEnd());
    }
  }
  return { ns: name, name, lines };
}
