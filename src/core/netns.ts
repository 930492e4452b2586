// A network namespace: its devices, routing tables, neighbours, sysctls, netfilter tables,
// conntrack and listening sockets.

import type { Ipv4, Mac } from './addr.ts';
import type { Device } from './device.ts';
import type { Ipv4Packet } from './packet.ts';
import type { Ipv4 as Ipv4Addr } from './addr.ts';
import { Fib } from './ip/fib.ts';
import { Conntrack } from './netfilter/conntrack.ts';
import { newTable, type Table, type TableName } from './netfilter/rule.ts';
import type { World } from './world.ts';

export interface NeighEntry {
  readonly ip: Ipv4;
  readonly dev: Device;
  mac: Mac | null;
  state: 'REACHABLE' | 'STALE' | 'FAILED' | 'INCOMPLETE';
  updated: number;
}

export interface Sysctls {
  ipForward: boolean;
  /** net.ipv4.conf.all.rp_filter and .default.rp_filter */
  rpFilterAll: number;
  rpFilterDefault: number;
  /** per device, by name at the time it was set (follows renames through the device id) */
  rpFilterDev: Map<number, number>;
  bridgeNfCallIptables: boolean;
}

export interface Listener {
  /** 0 = any address */
  readonly addr: Ipv4;
  readonly port: number;
  readonly proto: 'tcp' | 'udp';
  readonly what: string;
}

/** a probe's socket: ping's raw ICMP socket, curl's TCP socket, traceroute's UDP socket */
export interface ProbeSocket {
  readonly proto: 'icmp' | 'tcp' | 'udp';
  /** icmp: echo identifier; tcp / udp: local port */
  readonly port: number;
  /** a connected socket only takes packets from its peer */
  readonly remote?: { readonly addr: Ipv4Addr; readonly port: number };
  onPacket(p: Ipv4Packet, dev: Device): void;
  /** an ICMP error whose inner packet is ours */
  onError(p: Ipv4Packet): void;
}

export class Netns {
  readonly world: World;
  /** null for the host's own (root) namespace */
  readonly name: string | null;
  readonly devices = new Map<string, Device>();
  fib = new Fib();
  neigh: NeighEntry[] = [];
  sysctl: Sysctls;
  tables: Record<TableName, Table> = { filter: newTable('filter'), nat: newTable('nat') };
  conntrack = new Conntrack();
  listeners: Listener[] = [];
  sockets: ProbeSocket[] = [];
  /** packets waiting for an ARP answer */
  readonly arpQueue = new Map<NeighEntry, Ipv4Packet[]>();
  nextIfindex = 1;

  constructor(world: World, name: string | null) {
    this.world = world;
    this.name = name;
    this.sysctl = { ipForward: false, rpFilterAll: 0, rpFilterDefault: 0, rpFilterDev: new Map(), bridgeNfCallIptables: true };
  }

  /** how traces and probes name it */
  get label(): string {
    return this.name ?? 'root';
  }

  dev(name: string): Device | undefined {
    return this.devices.get(name);
  }

  /** devices in ifindex order, as `ip link` lists them */
  deviceList(): Device[] {
    return [...this.devices.values()].sort((a, b) => a.ifindex - b.ifindex);
  }

  loopback(): Device {
    for (const d of this.devices.values()) if (d.kind === 'loopback') return d;
    throw new Error('namespace without loopback');
  }

  /** the address belongs to this namespace (weak host model: any device) */
  isLocalAddr(ip: Ipv4): boolean {
    const r = this.fib.lookup(ip);
    return r !== null && r.type === 'local';
  }

  rpFilterFor(dev: Device): number {
    return Math.max(this.sysctl.rpFilterAll, this.sysctl.rpFilterDev.get(dev.id) ?? this.sysctl.rpFilterDefault);
  }
}
