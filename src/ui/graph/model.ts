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

/*
 * Node geometry, in flow units. Every card and bridge is drawn at exactly the size computed
 * here (nodes.tsx sets it; styles.css gives rows, chips and titles these heights), so the
 * layout never waits for the browser to measure anything, and the compact form a node takes
 * when zoomed out (larger type, fewer words) has the same size as the full form: crossing the
 * level-of-detail threshold moves nothing.
 */
export const CARD_W = 250;
export const BORDER = 2;
/** a card's or bridge's title bar; a bridge's holds its addresses on a second line */
export const TITLE_H = 46;
/** one line of a port: its name, each address, its note */
export const NAME_LINE = 20;
export const ADDR_LINE = 17;
export const NOTE_LINE = 16;
/** a port row's vertical padding (both sides) and its top rule */
export const ROW_PAD = 12;
export const ROW_MIN_H = 46;
/** a card with no ports shows one line of help */
export const CARD_EMPTY_H = 34;
export const CHIP_W = 160;
export const CHIP_GAP = 8;
export const CHIP_PAD = 8;
export const CHIP_MIN_H = 44;
export const BRIDGE_MIN_W = 240;
export const BOX_TITLE_H = 48;
export const BOX_PAD = 24;
/** a box is never narrower than this: its title, and room to drop a namespace into it */
export const BOX_MIN_W = 300;

/** the lines a port shows at full detail */
function portLines(p: PortView): number {
  return NAME_LINE + p.addrs.length * ADDR_LINE + (p.note ? NOTE_LINE : 0);
}

export function rowHeight(p: PortView): number {
  return Math.max(ROW_MIN_H, ROW_PAD + 1 + portLines(p));
}

export function chipHeight(p: PortView): number {
  return Math.max(CHIP_MIN_H, 10 + portLines(p));
}

export function cardHeight(ports: readonly PortView[]): number {
  const rows = ports.length ? ports.reduce((h, p) => h + rowHeight(p), 0) : CARD_EMPTY_H;
  return 2 * BORDER + TITLE_H + rows;
}

/** the row of chips under a bridge's or a box's title: as wide as its chips, as tall as the tallest */
export function chipsWidth(ports: number): number {
  const n = Math.max(1, ports);
  return 2 * CHIP_PAD + n * CHIP_W + (n - 1) * CHIP_GAP;
}

export function chipsHeight(ports: readonly PortView[]): number {
  return 2 * CHIP_PAD + Math.max(CHIP_MIN_H, ...ports.map(chipHeight));
}

export function bridgeWidth(ports: number): number {
  return Math.max(BRIDGE_MIN_W, 2 * BORDER + chipsWidth(ports));
}

export function bridgeHeight(ports: readonly PortView[]): number {
  return 2 * BORDER + TITLE_H + 1 + chipsHeight(ports);
}

/** a box's header: its title and, when the namespace has ports of its own, their chips */
export function boxHeaderHeight(ports: readonly PortView[]): number {
  return BORDER + BOX_TITLE_H + 1 + (ports.length ? chipsHeight(ports) : 0);
}
