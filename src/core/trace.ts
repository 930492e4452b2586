// Trace events: every step a packet takes, in the kernel's vocabulary. The browser animates
// exactly these; the CLI can print them. Plain data only (they cross the worker boundary).

export interface PacketSummary {
  /** one line a person reads: "ICMP echo 192.168.1.1 > 203.0.113.5 id 1 seq 1 ttl 64" */
  readonly text: string;
  readonly src?: string;
  readonly dst?: string;
  readonly proto?: string;
  readonly sport?: number;
  readonly dport?: number;
  readonly ttl?: number;
  readonly macSrc?: string;
  readonly macDst?: string;
  /** VXLAN: the encapsulated frame */
  readonly inner?: PacketSummary;
}

interface Base {
  /** virtual time, ms */
  readonly t: number;
  /** namespace name, "root" for the host namespace */
  readonly ns: string;
  readonly dev?: string;
  readonly pkt?: PacketSummary;
  /** which probe flow this belongs to: request or reply direction */
  readonly dir?: 'request' | 'reply';
}

export type TraceEvent =
  | (Base & { readonly type: 'xmit'; readonly to?: { ns: string; dev: string } })
  | (Base & { readonly type: 'rcv' })
  | (Base & { readonly type: 'route'; readonly route: string; readonly why: string })
  | (Base & {
      readonly type: 'arp';
      readonly op: 'request' | 'reply' | 'resolved' | 'failed';
      readonly ip: string;
      readonly mac?: string;
      readonly proxy?: boolean;
    })
  | (Base & {
      readonly type: 'fdb';
      readonly action: 'learn' | 'forward' | 'flood' | 'local' | 'drop';
      readonly mac: string;
      readonly port?: string;
    })
  | (Base & { readonly type: 'l2'; readonly action: string })
  | (Base & {
      readonly type: 'hook';
      readonly hook: string;
      readonly table: string;
      readonly chain: string;
      readonly rule?: number;
      readonly ruleText?: string;
      /** the rule's extensions the lab only parses and prints: its verdict may not be the kernel's */
      readonly notSimulated?: readonly string[];
      readonly counter?: number;
      readonly verdict: string;
    })
  | (Base & { readonly type: 'conntrack'; readonly state: string; readonly entry: string; readonly created: boolean })
  | (Base & {
      readonly type: 'nat';
      readonly hook: string;
      readonly kind: 'SNAT' | 'DNAT';
      readonly before: string;
      readonly after: string;
    })
  | (Base & { readonly type: 'deliver'; readonly what: string })
  | (Base & { readonly type: 'icmp'; readonly what: string })
  | (Base & { readonly type: 'vxlan'; readonly action: 'encap' | 'decap'; readonly vni: number })
  | (Base & { readonly type: 'drop'; readonly reason: string; readonly fix?: string; readonly fixNs?: string; readonly code: string })
  | (Base & { readonly type: 'storm'; readonly path: string[] });

export type TraceSink = (e: TraceEvent) => void;
