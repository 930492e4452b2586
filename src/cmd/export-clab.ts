// The topology as a containerlab .clab.yml: every namespace, the host's included, is a linux
// node; every veth pair between two namespaces is a link; what lives inside one namespace
// (bridges, addresses, routes, sysctls, iptables, servers) is the node's `exec` list, in the
// order the runnable script would set it up.

import type { DeviceSnapshot, NetnsSnapshot, WorldSnapshot } from '../core/snapshot.ts';
import { toYaml, type Yaml } from './export-compose.ts';

/** the host namespace's node: "host" is containerlab's own name for the machine itself */
export const ROOT_NODE = 'hostns';

function nodeName(ns: NetnsSnapshot | string): string {
  const n = typeof ns === 'string' ? ns : ns.root ? 'root' : ns.name;
  return n === 'root' ? ROOT_NODE : n;
}

function execFor(ns: NetnsSnapshot, linked: ReadonlySet<number>, lost: string[]): string[] {
  const out: string[] = [];
  const devs = ns.devices.filter((d) => d.kind !== 'loopback');
  for (const d of devs) if (d.kind === 'bridge' || d.kind === 'dummy') out.push(`ip link add ${d.name} type ${d.kind}`);
  for (const d of devs) {
    if (d.kind === 'veth' && d.peer && !linked.has(d.id) && d.peer.ns === ns.name && d.id < d.peer.id)
      out.push(`ip link add ${d.name} type veth peer name ${d.peer.name}`);
    if ((d.kind === 'macvlan' || d.kind === 'ipvlan') && d.lower) {
      if (d.lower.ns === ns.name) out.push(`ip link add ${d.name} link ${d.lower.name} type ${d.kind} mode ${d.mode}`);
      else
        lost.push(
          `${nodeName(ns)}: ${d.name} is a ${d.kind} of ${d.lower.ns}/${d.lower.name}; containerlab links cannot make it (use a veth link instead)`,
        );
    }
    if (d.kind === 'vxlan' && d.vxlan)
      out.push(
        `ip link add ${d.name} type vxlan id ${d.vxlan.vni} dstport ${d.vxlan.dstport}${d.vxlan.remote ? ` remote ${d.vxlan.remote}` : ''}${d.vxlan.local ? ` local ${d.vxlan.local}` : ''}${d.vxlan.dev ? ` dev ${d.vxlan.dev}` : ''}`,
      );
  }
  for (const d of devs) {
    if (d.mac && linked.has(d.id)) out.push(`ip link set ${d.name} address ${d.mac}`);
    if (d.master) out.push(`ip link set ${d.name} master ${d.master}`);
    if (d.hairpin) out.push(`bridge link set dev ${d.name} hairpin on`);
  }
  for (const d of ns.devices)
    for (const a of d.addrs) if (!(d.kind === 'loopback' && a === '127.0.0.1/8')) out.push(`ip addr add ${a} dev ${d.name}`);
  for (const d of ns.devices) out.push(`ip link set ${d.name} ${d.up ? 'up' : 'down'}`);
  const s = ns.sysctl;
  if (s.ipForward) out.push('sysctl -w net.ipv4.ip_forward=1');
  if (s.rpFilterAll) out.push(`sysctl -w net.ipv4.conf.all.rp_filter=${s.rpFilterAll}`);
  for (const r of ns.routes) {
    if (r.proto === 'kernel' || r.table !== 'main') continue;
    const dst = r.dst === '0.0.0.0/0' ? 'default' : r.dst;
    // containerlab's management network put its own default route in: ours replaces it
    out.push(
      `ip route ${dst === 'default' ? 'replace' : 'add'} ${dst}${r.gw ? ` via ${r.gw}` : ''}${r.dev ? ` dev ${r.dev}` : ''}${r.src ? ` src ${r.src}` : ''}${r.metric ? ` metric ${r.metric}` : ''}`,
    );
  }
  for (const t of ['raw', 'filter', 'nat'] as const) {
    const tf = t === 'filter' ? '' : ` -t ${t}`;
    for (const c of ns.iptables[t].chains) if (c.policy === null) out.push(`iptables${tf} -N ${c.name}`);
    for (const c of ns.iptables[t].chains)
      if (c.policy !== null && c.policy !== 'ACCEPT') out.push(`iptables${tf} -P ${c.name} ${c.policy}`);
    for (const c of ns.iptables[t].chains) for (const r of c.rules) out.push(`iptables${tf} -A ${c.name} ${r}`.trimEnd());
  }
  for (const l of ns.listeners) out.push(`busybox httpd -p ${l.addr === '0.0.0.0' ? '' : l.addr + ':'}${l.port} -h /tmp`);
  return out;
}

export function toContainerlab(w: WorldSnapshot, name = 'netlab'): string {
  const byId = new Map<number, { ns: NetnsSnapshot; d: DeviceSnapshot }>();
  for (const ns of w.namespaces) for (const d of ns.devices) byId.set(d.id, { ns, d });
  const links: Yaml[] = [];
  const linked = new Set<number>();
  for (const ns of w.namespaces) {
    for (const d of ns.devices) {
      if (d.kind !== 'veth' || !d.peer || linked.has(d.id)) continue;
      const peer = byId.get(d.peer.id);
      if (!peer || peer.ns === ns) continue;
      linked.add(d.id);
      linked.add(d.peer.id);
      links.push({ endpoints: [`${nodeName(ns)}:${d.name}`, `${nodeName(peer.ns)}:${peer.d.name}`] });
    }
  }
  const lost: string[] = [];
  const nodes: { [k: string]: Yaml } = {};
  for (const ns of w.namespaces) {
    const exec = execFor(ns, linked, lost);
    nodes[nodeName(ns)] = { kind: 'linux', image: 'nicolaka/netshoot:latest', ...(exec.length ? { exec } : {}) };
  }
  const doc: { [k: string]: Yaml } = { name, topology: { nodes, links } };
  // containerlab's schema allows no extra keys: what it cannot say goes in comments
  const notes = lost.map((l) => `# not expressed: ${l.replace(/\n/g, ' ')}\n`).join('');
  return '# containerlab topology written by netlab: `containerlab deploy -t netlab.clab.yml`\n' + notes + toYaml(doc);
}
