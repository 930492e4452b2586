// iptables rules as data: what a rule matches and what it does, in the words of iptables(8)
// and iptables-extensions(8). Parsing lives in src/cmd; evaluation in ./eval.ts.

import type { Ipv4 } from '../addr.ts';
import type { CtEntry } from './conntrack.ts';

/*
 * The hooks a packet crosses in one namespace (the kernel's netfilter diagram):
 *
 *   --> PREROUTING --> [routing] --> FORWARD --> POSTROUTING -->
 *                          |                          ^
 *                        INPUT                      OUTPUT
 *                          |                          |
 *                          v                      [routing]
 *                      local process -----------------+
 */
export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';
export const HOOKS: readonly Hook[] = ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'];

export type TableName = 'filter' | 'nat' | 'mangle' | 'security' | 'raw';
export const TABLE_HOOKS: Record<TableName, readonly Hook[]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
  // NF_IP_PRI_RAW (-300): before conntrack (-200), so nothing it drops is ever tracked
  raw: ['PREROUTING', 'OUTPUT'],
};
/** the tables in the order iptables-save prints them */
export const TABLE_NAMES: readonly TableName[] = ['filter', 'nat', 'mangle', 'security', 'raw'];

export interface AddrMatch {
  readonly addr: Ipv4;
  readonly plen: number;
  readonly neg: boolean;
  /** a netmask that is no prefix (`-s 10.0.0.0/255.0.255.0`); plen is then meaningless */
  readonly mask?: number;
}

export interface IfaceMatch {
  /** may end in '+' (prefix match) */
  readonly name: string;
  readonly neg: boolean;
}

export interface PortMatch {
  readonly lo: number;
  readonly hi: number;
  readonly neg: boolean;
}

/** `--tcp-flags MASK COMP` (`--syn` is FIN,SYN,RST,ACK SYN): bits as TCP_FLAG_BITS */
export interface TcpFlagsMatch {
  readonly mask: number;
  readonly comp: number;
  readonly neg: boolean;
}

/** libxt_tcp's flag names, in the order it prints them */
export const TCP_FLAG_BITS: ReadonlyArray<readonly [string, number]> = [
  ['FIN', 1],
  ['SYN', 2],
  ['RST', 4],
  ['PSH', 8],
  ['ACK', 16],
  ['URG', 32],
];

export type CtState = 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED' | 'SNAT' | 'DNAT';
export type AddrType = 'UNSPEC' | 'UNICAST' | 'LOCAL' | 'BROADCAST' | 'ANYCAST' | 'MULTICAST' | 'BLACKHOLE' | 'UNREACHABLE' | 'PROHIBIT';

export type Match =
  | { readonly kind: 'tcp' | 'udp'; readonly sport?: PortMatch; readonly dport?: PortMatch; readonly flags?: TcpFlagsMatch }
  | { readonly kind: 'icmp'; readonly icmpType: number; readonly icmpCode: number | null; readonly neg: boolean; readonly typeName: string }
  | { readonly kind: 'conntrack'; readonly states: readonly CtState[]; readonly neg: boolean }
  | { readonly kind: 'state'; readonly states: readonly CtState[]; readonly neg: boolean }
  | {
      readonly kind: 'addrtype';
      readonly src?: { readonly type: AddrType; readonly neg: boolean };
      readonly dst?: { readonly type: AddrType; readonly neg: boolean };
      /** --limit-iface-in / -out: types as seen from the packet's input (output) device only */
      readonly limitIface?: 'in' | 'out';
    }
  | {
      readonly kind: 'multiport';
      readonly which: 'dports' | 'sports' | 'ports';
      readonly ports: readonly PortMatch[];
      readonly neg: boolean;
    }
  | { readonly kind: 'comment'; readonly text: string }
  /** -m mark --mark VALUE[/MASK]: (skb->mark & MASK) == VALUE */
  | { readonly kind: 'mark'; readonly value: number; readonly mask: number; readonly neg: boolean }
  /**
   * an extension the lab parses and prints exactly as iptables does (`save`): with a `test` it
   * is simulated; without one it matches every packet and the rule's view flags it as not simulated
   */
  | { readonly kind: 'xt'; readonly name: string; readonly save: string; readonly list?: ListText; readonly test?: XtTest };

/** what an extension prints after the addresses in `iptables -L`, with `-n` and with names */
export interface ListText {
  readonly numeric: string;
  readonly names: string;
}

/** an address range of -m iprange, both ends included */
export interface IpRange {
  readonly lo: Ipv4;
  readonly hi: Ipv4;
  readonly neg: boolean;
}

/** what the target extensions the lab simulates do to the packet */
export type XtAction =
  /** CT --notrack / NOTRACK (raw only): conntrack leaves the packet alone (state UNTRACKED, no NAT) */
  | { readonly t: 'notrack' }
  /**
   * xt_TOS / xt_DSCP / ipt_ECN (mangle only) on the TOS byte: tos = (tos & ~mask) ^ value
   * (DSCP: mask 0xfc; ECN's IP bits: mask 0x03)
   */
  | { readonly t: 'tos'; readonly value: number; readonly mask: number }
  /**
   * NETMAP (nat): the address on the hook's side (destination before routing, source after)
   * moved into `net` keeping its host bits, one to one; the connection keeps that binding
   */
  | { readonly t: 'netmap'; readonly net: number; readonly mask: number }
  /**
   * xt_NFQUEUE: the packet is handed to the program reading netlink queue `first` (or one of
   * `first`..`last`, by a hash of its addresses). The lab runs no such program, so nf_queue finds
   * no handler for the queue: the packet is dropped without an error to its sender, or, with
   * --queue-bypass, goes on as if the table had accepted it
   */
  | { readonly t: 'nfqueue'; readonly first: number; readonly last: number; readonly bypass: boolean }
  /**
   * xt_NFLOG: a copy goes to the nfnetlink_log group (no program in the lab reads it, and the
   * kernel's fallback logger stays unbound in a new namespace); the packet goes on to the next rule
   */
  | { readonly t: 'nflog'; readonly group: number }
  /** ipt_TTL (mangle only): the TTL set, or raised / lowered and held within 0..255 */
  | { readonly t: 'ttl'; readonly op: 'set' | 'inc' | 'dec'; readonly value: number }
  /**
   * xt_TCPMSS on a SYN with an MSS option: the option lowered to `set` (--set-mss), or to the
   * smaller of the output route's and the route back's MTU less 40 (--clamp-mss-to-pmtu, `set`
   * null); never raised; then the next rule
   */
  | { readonly t: 'tcpmss'; readonly set: number | null }
  /**
   * xt_CONNMARK on the packet's connection (none: nothing happens):
   * set: ct->mark = (ct->mark & ~ctmask) ^ value;
   * save: ct->mark = (ct->mark & ~ctmask) ^ (skb->mark & nfmask);
   * restore: skb->mark = (skb->mark & ~nfmask) ^ (ct->mark & ctmask)
   */
  | {
      readonly t: 'connmark';
      readonly op: 'set' | 'save' | 'restore';
      readonly value: number;
      readonly ctmask: number;
      readonly nfmask: number;
    };

/** what the extension matches the lab simulates test, as their kernel modules do */
export type XtTest =
  /** xt_ipvs --ipvs: IPVS sent the packet */
  | { readonly t: 'ipvs'; readonly neg: boolean }
  /** xt_iprange: the source and/or destination address within its range */
  | { readonly t: 'iprange'; readonly src?: IpRange; readonly dst?: IpRange }
  /** xt_length: the IP total length within lo..hi */
  | { readonly t: 'length'; readonly lo: number; readonly hi: number; readonly neg: boolean }
  /**
   * xt_string: the pattern found whole among the datagram's bytes from offset `from` up to (not
   * including) `to`, counted from the IP header (skb_find_text); icase: letters in either case
   */
  | {
      readonly t: 'string';
      readonly pattern: readonly number[];
      readonly from: number;
      readonly to: number;
      readonly icase: boolean;
      readonly neg: boolean;
    }
  /** xt_connmark: (ct->mark & mask) == value; a packet with no connection never matches */
  | { readonly t: 'connmark'; readonly value: number; readonly mask: number; readonly neg: boolean }
  /**
   * -m limit as iptables-nft hands it to nf_tables (nft_limit): a bucket of nanoseconds that
   * refills with time up to `max` (cost × burst, full at the start); a packet that finds `cost`
   * in it takes it and matches. `bucket` is the rule's own state.
   */
  | { readonly t: 'limit'; readonly cost: number; readonly max: number; readonly bucket: { tokens: number; last: number | null } }
  /**
   * xt_hashlimit in packets (see ./hashlimit.ts): `avg` is the period between packets in
   * microseconds, `mode` the XT_HASHLIMIT_* bits (the flow's fields, and INVERT for -above),
   * expire and gcInterval in ms, size and max 0 when not given
   */
  | {
      readonly t: 'hashlimit';
      readonly name: string;
      readonly cfg: {
        readonly mode: number;
        readonly avg: number;
        readonly burst: number;
        readonly srcmask: number;
        readonly dstmask: number;
        readonly expire: number;
        readonly gcInterval: number;
        readonly size: number;
        readonly max: number;
      };
    }
  /** xt_recent: the rule's operation on the list `name` (see ./recent.ts) */
  | {
      readonly t: 'recent';
      readonly op: 'set' | 'rcheck' | 'update' | 'remove';
      readonly neg: boolean;
      readonly name: string;
      readonly side: 'src' | 'dst';
      /** the list keeps the mask of the rule that made it */
      readonly mask: number;
      /** 0: any age */
      readonly seconds: number;
      /** 0: one hit is enough */
      readonly hitcount: number;
      readonly reap: boolean;
      readonly rttl: boolean;
    }
  /**
   * xt_statistic: nth counts packets from `packet` and matches when the count wraps past
   * every - 1 (`state` is the rule's counter); random matches with probability/2^31
   */
  | { readonly t: 'statistic-nth'; readonly every: number; readonly neg: boolean; readonly state: { count: number } }
  | { readonly t: 'statistic-random'; readonly probability: number; readonly neg: boolean }
  /**
   * xt_connlimit: more than `limit` connections from the masked source (or to the masked
   * destination) that reached the rule and are still tracked; `upto` inverts (see ./connlimit.ts)
   */
  | {
      readonly t: 'connlimit';
      readonly limit: number;
      readonly upto: boolean;
      readonly mask: number;
      readonly daddr: boolean;
      readonly lists: Map<number, CtEntry[]>;
    }
  /** xt_tos / xt_dscp / xt_ecn's IP bits: (tos & mask) == value, `neg` inverting */
  | { readonly t: 'tos'; readonly value: number; readonly mask: number; readonly neg: boolean }
  /**
   * xt_ecn: the IP header's ECN bits (as a tos test) and the TCP ECE / CWR flags, each given as
   * whether the rule wants it set; the lab's segments never carry ECE or CWR
   */
  | {
      readonly t: 'ecn';
      readonly ip?: { readonly value: number; readonly neg: boolean };
      readonly ece?: boolean;
      readonly cwr?: boolean;
    }
  /** xt_mac: the source MAC of the frame the packet arrived in (none: sent from here, no match) */
  | { readonly t: 'mac'; readonly mac: number; readonly neg: boolean }
  /**
   * xt_owner: the sending socket's owner, every process in the lab being root (uid 0, gid 0);
   * each option with its range and whether it is inverted
   */
  | {
      readonly t: 'owner';
      readonly uid?: { readonly lo: number; readonly hi: number; readonly neg: boolean };
      readonly gid?: { readonly lo: number; readonly hi: number; readonly neg: boolean };
      readonly socket?: { readonly neg: boolean };
    }
  /** xt_pkttype: how the frame was addressed (unicast: to this host) */
  | {
      readonly t: 'pkttype';
      readonly type: 'unicast' | 'broadcast' | 'multicast' | 'otherhost' | 'outgoing' | 'loopback';
      readonly neg: boolean;
    }
  /** a match whose outcome does not depend on the packet in the lab (xt_policy without IPsec, xt_realm with no realms) */
  | { readonly t: 'const'; readonly hit: boolean }
  /**
   * xt_tcpmss: a TCP segment's MSS option within lo..hi (`neg` inverting); a segment without the
   * option matches only when inverted (the kernel returns info->invert)
   */
  | { readonly t: 'tcpmss'; readonly lo: number; readonly hi: number; readonly neg: boolean }
  /** ipt_ttl: the TTL equal to (or, negated, not equal to), less than or greater than `value` */
  | { readonly t: 'ttl'; readonly op: 'eq' | 'ne' | 'lt' | 'gt'; readonly value: number };

export type RejectWith =
  | 'icmp-net-unreachable'
  | 'icmp-host-unreachable'
  | 'icmp-port-unreachable'
  | 'icmp-proto-unreachable'
  | 'icmp-net-prohibited'
  | 'icmp-host-prohibited'
  | 'icmp-admin-prohibited'
  | 'tcp-reset';

export interface NatRange {
  readonly lo: Ipv4;
  readonly hi: Ipv4;
  readonly portLo: number | null;
  readonly portHi: number | null;
  /** DNAT's `/BASE`: ports shifted by the offset from BASE instead of chosen */
  readonly base?: number;
  /** `--to-source :PORT`: no address given (NF_NAT_RANGE_MAP_IPS unset), the address stays */
  readonly noIps?: true;
}

export type Target =
  | { readonly kind: 'ACCEPT' | 'DROP' | 'RETURN' }
  /** level: the syslog level when not 4 (warning); flags: --log-tcp-sequence and the like */
  | { readonly kind: 'LOG'; readonly prefix: string | null; readonly level?: number; readonly flags?: readonly string[] }
  | { readonly kind: 'REJECT'; readonly with: RejectWith }
  /** flags: --random, --random-fully, --persistent as given (the lab's port choice ignores them) */
  | { readonly kind: 'MASQUERADE'; readonly ports: { lo: number; hi: number } | null; readonly flags?: readonly string[] }
  | { readonly kind: 'SNAT' | 'DNAT'; readonly to: NatRange; readonly flags?: readonly string[] }
  | { readonly kind: 'REDIRECT'; readonly ports: { lo: number; hi: number } | null; readonly flags?: readonly string[] }
  | { readonly kind: 'JUMP' | 'GOTO'; readonly chain: string }
  /** -j MARK --set-xmark VALUE/MASK: skb->mark = (skb->mark & ~MASK) ^ VALUE, then the next rule */
  | { readonly kind: 'MARK'; readonly value: number; readonly mask: number }
  /**
   * a target the lab parses and prints exactly (`save`): the packet goes on to the next rule, or
   * is dropped or accepted there (NFQUEUE with no program listening drops, or accepts with
   * --queue-bypass); with an `act` the lab changes the packet as the kernel's module does,
   * without one the rule's view flags it as not simulated
   */
  | {
      readonly kind: 'XT';
      readonly name: string;
      readonly save: string;
      readonly list?: ListText;
      readonly verdict: 'continue' | 'drop' | 'accept';
      readonly act?: XtAction;
    }
  | { readonly kind: 'NONE' };

export interface Rule {
  readonly src: AddrMatch | null;
  readonly dst: AddrMatch | null;
  readonly iif: IfaceMatch | null;
  readonly oif: IfaceMatch | null;
  readonly proto: { readonly num: number; readonly neg: boolean } | null;
  readonly matches: readonly Match[];
  readonly target: Target;
  pkts: number;
  bytes: number;
}

export interface Chain {
  readonly name: string;
  /** built-in chains have a policy; user chains have none */
  policy: 'ACCEPT' | 'DROP' | null;
  rules: Rule[];
  /** packets and bytes that met the policy */
  pkts: number;
  bytes: number;
  /**
   * whether nf_tables keeps the base chain's counters: only once its policy was set (iptables -P,
   * iptables-restore), which gives the chain counters starting at 0; before, they read 0
   */
  counted?: boolean;
}

export interface Table {
  readonly name: TableName;
  readonly chains: Map<string, Chain>;
  /** bumped by every change to the rules or chains, so evaluation knows to recompile */
  rev: number;
}

/** what in a rule the lab does not simulate: the extensions it only parses and prints */
export function notSimulated(r: Rule): string[] {
  const out = r.matches.flatMap((m) => (m.kind === 'xt' && !m.test ? [m.name] : []));
  if (r.target.kind === 'XT' && !r.target.act) out.push(r.target.name);
  return out;
}

/** the queue(s) an NFQUEUE rule without --queue-bypass hands its packet to, none listening: the drop's reason */
export function queueDrop(t: Target): string | null {
  if (t.kind !== 'XT' || t.act?.t !== 'nfqueue' || t.act.bypass) return null;
  const { first, last } = t.act;
  return first === last ? `no program listens on queue ${first}` : `no program listens on queues ${first} to ${last}`;
}

export function newTable(name: TableName): Table {
  const chains = new Map<string, Chain>();
  for (const h of TABLE_HOOKS[name]) chains.set(h, { name: h, policy: 'ACCEPT', rules: [], pkts: 0, bytes: 0 });
  return { name, chains, rev: 0 };
}

export function cloneTable(t: Table): Table {
  const chains = new Map<string, Chain>();
  for (const [k, c] of t.chains) chains.set(k, { ...c, rules: c.rules.map((r) => ({ ...r })) });
  return { name: t.name, chains, rev: 0 };
}
