// Snapshot -> nodes and edges. The canvas never keeps its own copy of the topology: every
// node and edge here is computed from the core's snapshot plus the page's layout meta.

import type { DeviceSnapshot, NetnsSnapshot, WorldSnapshot } from '../../core/snapshot.ts';
import type { LayoutMeta, Role } from '../doc/document.ts';
import {
  BORDER,
  BOX_MIN_W,
  BOX_TITLE_H,
  CARD_W,
  HOST_ID,
  boxHeaderHeight,
  bridgeHeight,
  bridgeNodeId,
  bridgeWidth,
  cardHeight,
  chipsWidth,
  nsNodeId,
  type EdgeModel,
  type GraphModel,
  type NodeModel,
  type PortView,
} from './model.ts';

/** RFC 1918, shared, loopback, link-local, documentation-free: anything else reads as public */
export function isPrivateIpv4(cidr: string): boolean {
  const parts = cidr.split('/')[0]!.split('.').map(Number);
  const [a = 0, b = 0] = parts;
  return (
    a === 10 ||
    a === 127 ||
    a === 0 ||
    (a === 172 && b >= 16 && b < 32) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b < 128) ||
    (a === 169 && b === 254)
  );
}

function visible(d: DeviceSnapshot): boolean {
  if (d.kind !== 'loopback') return true;
  return d.addrs.some((a) => a !== '127.0.0.1/8');
}

/** the role a namespace plays when nobody chose one */
export function inferRole(ns: NetnsSnapshot): Role {
  if (ns.root) return 'host';
  const devs = ns.devices.filter((d) => d.kind !== 'loopback');
  if (ns.devices.some((d) => d.addrs.some((a) => !isPrivateIpv4(a)))) return 'internet';
  if (devs.some((d) => d.kind === 'bridge')) {
    const plain = devs.every((d) => d.addrs.length === 0 && (d.kind === 'bridge' || d.master !== null));
    return plain ? 'switch' : 'host';
  }
  return 'container';
}

function note(d: DeviceSnapshot, nsName: string): string | null {
  const bits: string[] = [];
  if ((d.kind === 'macvlan' || d.kind === 'ipvlan') && d.lower) {
    bits.push(`${d.kind} ${d.mode ?? ''} on ${d.lower.ns === nsName ? '' : d.lower.ns + ':'}${d.lower.name}`.replace(/\s+/g, ' '));
  }
  if (d.kind === 'vxlan' && d.vxlan) bits.push(`vxlan ${d.vxlan.vni}${d.vxlan.remote ? ' → ' + d.vxlan.remote : ''}`);
  if (d.kind === 'dummy') bits.push('dummy');
  if (d.hairpin) bits.push('hairpin');
  return bits.length ? bits.join(' · ') : null;
}

function port(d: DeviceSnapshot, nsName: string): PortView {
  return { name: d.name, kind: d.kind, addrs: d.addrs, up: d.up, carrier: d.carrier, note: note(d, nsName) };
}

/** the last graph derived: the lab (placing new nodes) and the canvas ask for the same one */
let last: { readonly world: WorldSnapshot; readonly meta: LayoutMeta; readonly graph: GraphModel } | null = null;

export function deriveGraph(world: WorldSnapshot, meta: LayoutMeta): GraphModel {
  if (last && last.world === world && last.meta === meta) return last.graph;
  const graph = keepUnchanged(derive(world, meta), last?.graph ?? null);
  last = { world, meta, graph };
  return graph;
}

const sameStrings = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

function samePort(a: PortView, b: PortView): boolean {
  return (
    a.name === b.name && a.kind === b.kind && a.up === b.up && a.carrier === b.carrier && a.note === b.note && sameStrings(a.addrs, b.addrs)
  );
}

function sameNode(a: NodeModel, b: NodeModel): boolean {
  return (
    a.kind === b.kind &&
    a.ns === b.ns &&
    a.root === b.root &&
    a.role === b.role &&
    a.title === b.title &&
    a.parent === b.parent &&
    a.w === b.w &&
    a.h === b.h &&
    (a.bridge === b.bridge ||
      (a.bridge !== null &&
        b.bridge !== null &&
        a.bridge.name === b.bridge.name &&
        a.bridge.up === b.bridge.up &&
        sameStrings(a.bridge.addrs, b.bridge.addrs))) &&
    a.ports.length === b.ports.length &&
    a.ports.every((p, i) => samePort(p, b.ports[i]!))
  );
}

const sameEdge = (a: EdgeModel, b: EdgeModel): boolean =>
  a.kind === b.kind &&
  a.source === b.source &&
  a.sourcePort === b.sourcePort &&
  a.target === b.target &&
  a.targetPort === b.targetPort &&
  a.label === b.label;

/**
 * the nodes and edges a change left as they were keep their identity, so the canvas redraws
 * only what changed (one command in a 2,000-namespace lab redraws one node, not 2,000)
 */
function keepUnchanged(g: GraphModel, prev: GraphModel | null): GraphModel {
  if (!prev) return g;
  const nodes = new Map(prev.nodes.map((n) => [n.id, n]));
  const edges = new Map(prev.edges.map((e) => [e.id, e]));
  return {
    nodes: g.nodes.map((n) => {
      const p = nodes.get(n.id);
      return p && sameNode(p, n) ? p : n;
    }),
    edges: g.edges.map((e) => {
      const p = edges.get(e.id);
      return p && sameEdge(p, e) ? p : e;
    }),
  };
}

function derive(world: WorldSnapshot, meta: LayoutMeta): GraphModel {
  const nodes: NodeModel[] = [];
  const edges: EdgeModel[] = [];
  const byName = new Map(world.namespaces.map((n) => [n.name, n]));
  const nodeOfNs = (n: NetnsSnapshot): string => nsNodeId(n.name, n.root);
  const roles = new Map<string, Role>();
  for (const n of world.namespaces) roles.set(n.name, n.root ? 'host' : (meta.roles[n.name] ?? inferRole(n)));

  // where each device is drawn: its bridge if it is a port, else its namespace
  const at = new Map<string, { node: string; port: string }>();
  const key = (ns: string, dev: string): string => `${ns}\u0000${dev}`;
  for (const n of world.namespaces) {
    const nid = nodeOfNs(n);
    for (const d of n.devices) {
      if (d.kind === 'bridge') at.set(key(n.name, d.name), { node: bridgeNodeId(nid, d.name), port: d.name });
      else if (d.master !== null) at.set(key(n.name, d.name), { node: bridgeNodeId(nid, d.master), port: d.name });
      else at.set(key(n.name, d.name), { node: nid, port: d.name });
    }
  }

  // which host box a container sits in
  const hostNodes = new Set(world.namespaces.filter((n) => roles.get(n.name) === 'host').map(nodeOfNs));
  /** Internet nodes that hold routers (one level: a holder is no router itself) */
  const internetNodes = new Set(world.namespaces.filter((n) => roles.get(n.name) === 'internet').map(nodeOfNs));
  const internetParents = new Set(
    world.namespaces
      .filter((n) => roles.get(n.name) === 'internet' && meta.parents[n.name] === undefined)
      .map(nodeOfNs)
      .filter((id) => Object.values(meta.parents).includes(id) && internetNodes.has(id)),
  );
  /** a namespace whose VXLAN device keeps its tunnel in another namespace (an overlay's sandbox) */
  const tunnelHome = (n: NetnsSnapshot): NetnsSnapshot | undefined => {
    const vx = n.devices.find((d) => d.vxlan && d.vxlan.underlay !== n.name);
    return vx ? byName.get(vx.vxlan!.underlay) : undefined;
  };
  const parentOf = (n: NetnsSnapshot): string | null => {
    if (!n.root && roles.get(n.name) === 'host' && meta.parents[n.name] === undefined) {
      // an overlay sandbox sits in the host that carries its tunnel (one level only: no cycles)
      const home = tunnelHome(n);
      return home && roles.get(home.name) === 'host' && !tunnelHome(home) ? nodeOfNs(home) : null;
    }
    // the Internet's routers are drawn inside the Internet's node
    if (!n.root && roles.get(n.name) === 'internet') {
      const chosen = meta.parents[n.name];
      return chosen !== undefined && internetParents.has(chosen) && chosen !== nodeOfNs(n) ? chosen : null;
    }
    if (n.root || roles.get(n.name) !== 'container') return null;
    const chosen = meta.parents[n.name];
    if (chosen !== undefined) return hostNodes.has(chosen) ? chosen : null;
    for (const d of n.devices) {
      const other = d.peer ?? d.lower;
      if (!other || other.ns === n.name) continue;
      const o = byName.get(other.ns);
      if (o && roles.get(o.name) === 'host') return nodeOfNs(o);
    }
    return null;
  };

  for (const n of world.namespaces) {
    const nid = nodeOfNs(n);
    const role = roles.get(n.name) ?? 'container';
    const bridges = n.devices.filter((d) => d.kind === 'bridge');
    const own = n.devices.filter((d) => d.kind !== 'bridge' && d.master === null && visible(d)).map((d) => port(d, n.name));
    const boxed = n.root || role === 'host' || role === 'switch' || bridges.length > 0 || internetParents.has(nid);
    const title = n.root ? 'Host (root namespace)' : n.name;
    nodes.push({
      id: nid,
      kind: boxed ? 'box' : 'card',
      ns: n.name,
      root: n.root,
      role,
      title,
      bridge: null,
      ports: own,
      parent: parentOf(n),
      // a box's own width is its title and its ports; it grows around what it holds
      w: boxed ? Math.max(BOX_MIN_W, 2 * BORDER + (own.length ? chipsWidth(own.length) : 0)) : CARD_W,
      h: boxed ? boxHeaderHeight(own) : cardHeight(own),
    });
    for (const b of bridges) {
      const ports = n.devices.filter((d) => d.master === b.name).map((d) => port(d, n.name));
      nodes.push({
        id: bridgeNodeId(nid, b.name),
        kind: 'bridge',
        ns: n.name,
        root: n.root,
        role: 'bridge',
        title: b.name,
        bridge: { name: b.name, addrs: b.addrs, up: b.up },
        ports,
        parent: nid,
        w: bridgeWidth(ports.length),
        h: bridgeHeight(ports),
      });
    }
  }

  // edges: veth pairs (once per pair), stacked children in another namespace, vxlan peers
  const seen = new Set<string>();
  const vxlans: Array<{ ns: string; d: DeviceSnapshot }> = [];
  for (const n of world.namespaces) {
    for (const d of n.devices) {
      const me = at.get(key(n.name, d.name));
      if (!me) continue;
      if (d.kind === 'veth' && d.peer) {
        const id = [key(n.name, d.name), key(d.peer.ns, d.peer.name)].sort().join('~');
        if (seen.has(id)) continue;
        seen.add(id);
        const other = at.get(key(d.peer.ns, d.peer.name));
        if (!other) continue;
        edges.push({
          id: `veth:${n.name}/${d.name}`,
          kind: 'veth',
          source: me.node,
          sourcePort: me.port,
          target: other.node,
          targetPort: other.port,
          label: null,
        });
      }
      if ((d.kind === 'macvlan' || d.kind === 'ipvlan') && d.lower && d.lower.ns !== n.name) {
        const parent = at.get(key(d.lower.ns, d.lower.name));
        if (parent)
          edges.push({
            id: `lower:${n.name}/${d.name}`,
            kind: 'lower',
            source: parent.node,
            sourcePort: parent.port,
            target: me.node,
            targetPort: me.port,
            label: `${d.kind} ${d.mode ?? ''}`.trim(),
          });
      }
      if (d.kind === 'vxlan' && d.vxlan) vxlans.push({ ns: n.name, d });
    }
  }
  for (let i = 0; i < vxlans.length; i++) {
    for (let j = i + 1; j < vxlans.length; j++) {
      const a = vxlans[i]!;
      const b = vxlans[j]!;
      if (a.d.vxlan!.vni !== b.d.vxlan!.vni || a.d.vxlan!.dstport !== b.d.vxlan!.dstport) continue;
      const pa = at.get(key(a.ns, a.d.name));
      const pb = at.get(key(b.ns, b.d.name));
      if (pa && pb)
        edges.push({
          id: `vxlan:${a.ns}/${a.d.name}~${b.ns}/${b.d.name}`,
          kind: 'vxlan',
          source: pa.node,
          sourcePort: pa.port,
          target: pb.node,
          targetPort: pb.port,
          label: `VNI ${a.d.vxlan!.vni}`,
        });
    }
  }
  // parents before children, as React Flow wants
  return { nodes: orderParentsFirst(nodes), edges };
}

function orderParentsFirst(nodes: NodeModel[]): NodeModel[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const depth = (n: NodeModel): number => {
    let d = 0;
    let p = n.parent;
    while (p !== null && d < 8) {
      d++;
      p = byId.get(p)?.parent ?? null;
    }
    return d;
  };
  return nodes
    .map((n, i) => ({ n, i, d: depth(n) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .map((x) => x.n);
}

export { HOST_ID, BOX_TITLE_H };
