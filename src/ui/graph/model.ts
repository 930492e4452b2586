// What the canvas draws, as plain data derived from the core's snapshot. No React here.

import type { Role } from '../doc/document.ts';

export type NodeKind = 'box' | 'card' | 'bridge';

/** which side of a port an edge leaves from: left / right on cards, top / bottom on chips */
export type Side = 'l' | 'r' | 't' | 'b';

export interface PortView {
  readonly name: string;
  readonly kind: string;
  readonly addrs: readonly string[];
  readonly up: boolean;
  readonly carrier: boolean;
  /** "macvlan bridge on eth0", "vxlan 42 → 10.0.0.2", "hairpin" … */
  readonly note: string | null;
}

export interface NodeModel {
  readonly id: string;
  readonly kind: NodeKind;
  /** the namespace as the snapshot names it ("root" for the host's own) */
  readonly ns: string;
  readonly root: boolean;
  readonly role: Role | 'bridge';
  readonly title: string;
  /** bridges: their own name, addresses and state */
  readonly bridge: { readonly name: string; readonly addrs: readonly string[]; readonly up: boolean } | null;
  readonly ports: readonly PortView[];
  /** the box this node sits in */
  readonly parent: string | null;
  /** estimated size before the browser measures it (boxes: the header only) */
  readonly w: number;
  readonly h: number;
}

export type EdgeKind = 'veth' | 'lower' | 'vxlan';

export interface EdgeModel {
  readonly id: string;
  readonly kind: EdgeKind;
  readonly source: string;
  readonly sourcePort: string;
  readonly target: string;
  readonly targetPort: string;
  readonly label: string | null;
}

export interface GraphModel {
  readonly nodes: readonly NodeModel[];
  readonly edges: readonly EdgeModel[];
}

export const HOST_ID = 'host';
export const nsNodeId = (ns: string, root: boolean): string => (root ? HOST_ID : `ns:${ns}`);
export const bridgeNodeId = (nsNode: string, name: string): string => `br:${nsNode}/${name}`;

export const CARD_W = 250;
export const CARD_TITLE_H = 50;
export const CARD_ROW_H = 46;
export const BRIDGE_CHIP_W = 150;
export const BRIDGE_H = 100;
export const BOX_TITLE_H = 52;
export const BOX_CHIP_H = 64;
export const BOX_PAD = 28;

export function cardHeight(rows: number): number {
  return CARD_TITLE_H + Math.max(1, rows) * CARD_ROW_H + 10;
}

export function bridgeWidth(ports: number): number {
  return Math.max(240, 24 + Math.max(1, ports) * (BRIDGE_CHIP_W + 8));
}

export function boxHeaderHeight(chips: number): number {
  return BOX_TITLE_H + (chips > 0 ? BOX_CHIP_H + 8 : 0);
}
