// What dropping a palette item does: which dialect lines, where the new node goes.

import type { WorldSnapshot } from '../../core/snapshot.ts';
import type { LayoutMeta, Positions, Role } from '../doc/document.ts';
import { HOST_ID, bridgeNodeId, nsNodeId } from '../graph/model.ts';
import { addBridge, addNamespace, addStacked, addSwitch, addVxlan, findNs, type Planned } from './commands.ts';
import { addInternet } from './internet.ts';

export type PaletteKind = 'host' | 'namespace' | 'bridge' | 'switch' | 'macvlan' | 'ipvlan' | 'vxlan' | 'internet';

export const PALETTE: ReadonlyArray<{ kind: PaletteKind; label: string; hint: string }> = [
  { kind: 'host', label: 'Host', hint: 'a machine: its own root namespace, a box that holds containers' },
  { kind: 'namespace', label: 'Namespace / Container', hint: 'a network namespace (drop it inside a host)' },
  { kind: 'bridge', label: 'Linux bridge', hint: 'a bridge in the namespace you drop it on' },
  { kind: 'switch', label: 'LAN switch', hint: 'the physical network between hosts' },
  { kind: 'macvlan', label: 'macvlan NIC', hint: 'drop it on the parent interface' },
  { kind: 'ipvlan', label: 'ipvlan NIC', hint: 'drop it on the parent interface' },
  { kind: 'vxlan', label: 'VXLAN endpoint', hint: 'a VXLAN device in the namespace you drop it on' },
  {
    kind: 'internet',
    label: 'Internet',
    hint: 'an ISP uplink for the host (address, default route, name server) and an Internet that answers: ping any public address, HTTP on 80, DNS for example.com',
  },
];

/** where the drop landed */
export interface DropTarget {
  /** the namespace under the pointer ("root" for the host's own), if any */
  readonly ns: string | null;
  /** the node under the pointer */
  readonly node: string | null;
  /** role of that node's namespace */
  readonly role: Role | 'bridge' | null;
  /** an interface under the pointer */
  readonly port: string | null;
  /** pointer position relative to that node, and on the canvas */
  readonly rel: { x: number; y: number } | null;
  readonly abs: { x: number; y: number } | null;
}

export interface DropPlan {
  readonly label: string;
  readonly planned: Planned;
  readonly meta: LayoutMeta;
  readonly positions: Positions;
}

const ELIGIBLE_PARENT = new Set(['veth', 'dummy', 'vxlan']);

export function planDrop(
  w: WorldSnapshot,
  kind: PaletteKind,
  t: DropTarget,
  meta: LayoutMeta,
  positions: Positions,
): DropPlan | { error: string } {
  const at = (id: string, inBox: boolean): Positions => {
    const p = inBox ? t.rel : t.abs;
    return p ? { ...positions, [id]: { x: Math.round(p.x), y: Math.round(p.y) } } : positions;
  };
  const withRole = (ns: string, role: Role, parent?: string): LayoutMeta => ({
    roles: { ...meta.roles, [ns]: role },
    parents: parent ? { ...meta.parents, [ns]: parent } : meta.parents,
  });
  const targetNs = t.ns ?? 'root';
  const targetNode = t.ns === null ? null : nsNodeId(t.ns, findNs(w, t.ns)?.root ?? t.ns === 'root');
  switch (kind) {
    case 'host': {
      const p = addNamespace(w, 'host');
      return { label: `Add host ${p.name}`, planned: p, meta: withRole(p.name, 'host'), positions: at(nsNodeId(p.name, false), false) };
    }
    case 'namespace': {
      const p = addNamespace(w, 'ns');
      const inHost = t.role === 'host' && t.node !== null && (t.node === HOST_ID || t.node.startsWith('ns:'));
      return {
        label: `Add namespace ${p.name}`,
        planned: p,
        meta: withRole(p.name, 'container', inHost ? t.node! : undefined),
        positions: at(nsNodeId(p.name, false), inHost),
      };
    }
    case 'switch': {
      const p = addSwitch(w);
      return {
        label: `Add LAN switch ${p.name}`,
        planned: p,
        meta: withRole(p.name, 'switch'),
        positions: at(nsNodeId(p.name, false), false),
      };
    }
    case 'internet': {
      const p = addInternet(w);
      if ('error' in p) return p;
      const id = nsNodeId(p.name, false);
      return {
        label: `Add internet ${p.name}`,
        planned: p,
        meta: {
          roles: { ...meta.roles, [p.name]: 'internet', ...Object.fromEntries(p.routers.map((r) => [r, 'internet' as const])) },
          parents: { ...meta.parents, ...Object.fromEntries(p.routers.map((r) => [r, id])) },
        },
        positions: at(nsNodeId(p.name, false), false),
      };
    }
    case 'bridge': {
      const p = addBridge(w, targetNs);
      const id = bridgeNodeId(targetNode ?? HOST_ID, p.name);
      // a drop on a box lands where it was dropped; elsewhere the layout places it in its namespace
      const inBox = t.role === 'host' || t.role === 'switch';
      return {
        label: `Add bridge ${p.name}${targetNs === 'root' ? '' : ` in ${targetNs}`}`,
        planned: p,
        meta,
        positions: inBox && t.node === targetNode ? at(id, true) : positions,
      };
    }
    case 'macvlan':
    case 'ipvlan': {
      const ns = findNs(w, targetNs);
      const parent = t.port ?? ns?.devices.find((d) => ELIGIBLE_PARENT.has(d.kind) && d.master === null)?.name ?? null;
      if (t.ns === null || !parent) return { error: `Drop the ${kind} NIC on the interface it should sit on (a veth or dummy port).` };
      const p = addStacked(w, targetNs, parent, kind);
      return { label: `Add ${kind} ${p.name} on ${parent}`, planned: p, meta, positions };
    }
    case 'vxlan': {
      const p = addVxlan(w, targetNs);
      return { label: `Add VXLAN ${p.name}`, planned: p, meta, positions };
    }
  }
}
