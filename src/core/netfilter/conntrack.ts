// Connection tracking: one table per namespace, entries keyed by both their original and reply
// tuples, NAT bindings recorded in the reply tuple (as nf_conntrack does).

import { formatIpv4, type Ipv4 } from '../addr.ts';
import {
  ICMP_DEST_UNREACH,
  ICMP_ECHO,
  ICMP_ECHOREPLY,
  ICMP_TIME_EXCEEDED,
  IPPROTO_ICMP,
  IPPROTO_TCP,
  IPPROTO_UDP,
  type Ipv4Packet,
} from '../packet.ts';

export interface Tuple {
  readonly proto: number;
  readonly src: Ipv4;
  readonly dst: Ipv4;
  /** tcp/udp source port; icmp echo identifier */
  readonly sport: number;
  /** tcp/udp destination port; icmp type */
  readonly dport: number;
}

export type CtDir = 'orig' | 'reply';
export type TcpCtState = 'SYN_SENT' | 'SYN_RECV' | 'ESTABLISHED' | 'FIN_WAIT' | 'CLOSE_WAIT' | 'LAST_ACK' | 'TIME_WAIT' | 'CLOSE';

export interface CtEntry {
  readonly id: number;
  readonly orig: Tuple;
  reply: Tuple;
  seenReply: boolean;
  assured: boolean;
  srcNat: boolean;
  dstNat: boolean;
  /** NAT decided for this hook family already (nat chains run once per connection) */
  natDoneSrc: boolean;
  natDoneDst: boolean;
  confirmed: boolean;
  tcpState: TcpCtState | null;
  expires: number;
  /** the connection's mark (ct->mark): set by CONNMARK, read by -m connmark */
  mark: number;
  /**
   * UDP's stream_ts: two seconds after the first packet. Traffic seen both ways after it makes
   * the flow a stream (ASSURED, 120 s); before it a replied flow keeps the 30 s timeout.
   */
  udpStreamTs: number;
}

/** what a packet learned from conntrack at its first hook */
export interface CtInfo {
  readonly entry: CtEntry;
  readonly dir: CtDir;
  /** NEW, ESTABLISHED or RELATED as iptables' conntrack match sees it */
  readonly state: 'NEW' | 'ESTABLISHED' | 'RELATED';
}

/** a compact key: seven 16-bit code units (hashing a short string beats joining decimals) */
export function tupleKey(t: Tuple): string {
  return String.fromCharCode(t.proto, t.src >>> 16, t.src & 0xffff, t.dst >>> 16, t.dst & 0xffff, t.sport & 0xffff, t.dport & 0xffff);
}

const ICMP_INVERT: Record<number, number> = { [ICMP_ECHO]: ICMP_ECHOREPLY, [ICMP_ECHOREPLY]: ICMP_ECHO, 13: 14, 14: 13 };

export function invert(t: Tuple): Tuple {
  if (t.proto === IPPROTO_ICMP) return { proto: t.proto, src: t.dst, dst: t.src, sport: t.sport, dport: ICMP_INVERT[t.dport] ?? t.dport };
  return { proto: t.proto, src: t.dst, dst: t.src, sport: t.dport, dport: t.sport };
}

/** the tuple of a packet, or null when conntrack cannot track it (ICMP errors are looked up by their inner packet) */
export function tupleOf(p: Ipv4Packet): Tuple | null {
  if (p.tcp) return { proto: IPPROTO_TCP, src: p.src, dst: p.dst, sport: p.tcp.sport, dport: p.tcp.dport };
  if (p.udp) return { proto: IPPROTO_UDP, src: p.src, dst: p.dst, sport: p.udp.sport, dport: p.udp.dport };
  if (p.icmp && (p.icmp.type === ICMP_ECHO || p.icmp.type === ICMP_ECHOREPLY)) {
    return { proto: IPPROTO_ICMP, src: p.src, dst: p.dst, sport: p.icmp.id, dport: p.icmp.type };
  }
  return null;
}

export const CT_TIMEOUT_MS = {
  icmp: 30_000,
  udpUnreplied: 30_000,
  udpStream: 120_000,
  tcp: {
    SYN_SENT: 120_000,
    SYN_RECV: 60_000,
    ESTABLISHED: 432_000_000,
    FIN_WAIT: 120_000,
    CLOSE_WAIT: 60_000,
    LAST_ACK: 30_000,
    TIME_WAIT: 120_000,
    CLOSE: 10_000,
  } as Record<TcpCtState, number>,
};

export class Conntrack {
  private readonly byTuple = new Map<string, { entry: CtEntry; dir: CtDir }>();
  private readonly live = new Set<CtEntry>();
  /** the two hash keys each entry was filed under */
  private readonly keys = new Map<CtEntry, [string, string]>();
  private nextId = 1;
  /** when set, confirmed entries are also listed here (so an analysis can take them back) */
  /**
   * While set, entries confirmed go into this overlay instead of the table, and the tables that
   * got some are listed in `dirty`: an analysis (the reachability matrix) drops them all at once.
   */
  scratch: { map: Map<string, { entry: CtEntry; dir: CtDir }>; dirty: Conntrack[] } | null = null;

  /** the table in the order entries were made */
  get entries(): CtEntry[] {
    return [...this.live];
  }

  get size(): number {
    return this.live.size;
  }

  expire(now: number): void {
    for (const e of this.live) if (e.expires <= now) this.remove(e);
  }

  remove(e: CtEntry): void {
    if (!this.live.delete(e)) return;
    const k = this.keys.get(e);
    this.keys.delete(e);
    if (k) {
      this.byTuple.delete(k[0]);
      this.byTuple.delete(k[1]);
    }
  }

  find(t: Tuple): { entry: CtEntry; dir: CtDir } | undefined {
    const k = tupleKey(t);
    return (this.scratch !== null && this.scratch.map.size > 0 ? this.scratch.map.get(k) : undefined) ?? this.byTuple.get(k);
  }

  /** a reply tuple is taken when a confirmed entry already uses it (NAT must pick another) */
  taken(t: Tuple, except: CtEntry): boolean {
    const hit = this.find(t);
    return hit !== undefined && hit.entry !== except;
  }

  create(orig: Tuple): CtEntry {
    return {
      id: this.nextId++,
      orig,
      reply: invert(orig),
      seenReply: false,
      assured: false,
      srcNat: false,
      dstNat: false,
      natDoneSrc: false,
      natDoneDst: false,
      confirmed: false,
      tcpState: orig.proto === IPPROTO_TCP ? 'SYN_SENT' : null,
      expires: 0,
      mark: 0,
      udpStreamTs: 0,
    };
  }

  /** the packet made it through all hooks: the entry enters the table */
  confirm(e: CtEntry, now: number): void {
    if (e.confirmed) return;
    e.confirmed = true;
    const k: [string, string] = [tupleKey(e.orig), tupleKey(e.reply)];
    if (this.scratch) {
      if (this.scratch.map.size === 0) this.scratch.dirty.push(this);
      this.scratch.map.set(k[0], { entry: e, dir: 'orig' });
      this.scratch.map.set(k[1], { entry: e, dir: 'reply' });
      this.refresh(e, now);
      return;
    }
    this.live.add(e);
    this.keys.set(e, k);
    this.byTuple.set(k[0], { entry: e, dir: 'orig' });
    this.byTuple.set(k[1], { entry: e, dir: 'reply' });
    this.refresh(e, now);
  }

  refresh(e: CtEntry, now: number): void {
    if (e.orig.proto === IPPROTO_ICMP) e.expires = now + CT_TIMEOUT_MS.icmp;
    else if (e.orig.proto === IPPROTO_UDP) e.expires = now + (e.assured ? CT_TIMEOUT_MS.udpStream : CT_TIMEOUT_MS.udpUnreplied);
    else e.expires = now + CT_TIMEOUT_MS.tcp[e.tcpState ?? 'CLOSE'];
  }

  clone(): Conntrack {
    const c = new Conntrack();
    c.nextId = this.nextId;
    for (const e of this.live) {
      const copy = { ...e };
      const k: [string, string] = [tupleKey(copy.orig), tupleKey(copy.reply)];
      c.live.add(copy);
      c.keys.set(copy, k);
      c.byTuple.set(k[0], { entry: copy, dir: 'orig' });
      c.byTuple.set(k[1], { entry: copy, dir: 'reply' });
    }
    return c;
  }
}

/** the ICMP error's inner packet belongs to a tracked connection: RELATED */
export function relatedTuple(p: Ipv4Packet): Tuple | null {
  if (p.proto !== IPPROTO_ICMP || !p.icmp?.inner) return null;
  // icmp_error_message: destination unreachable, source quench, redirect, time exceeded, parameter problem
  if (
    p.icmp.type !== ICMP_DEST_UNREACH &&
    p.icmp.type !== ICMP_TIME_EXCEEDED &&
    p.icmp.type !== 4 &&
    p.icmp.type !== 5 &&
    p.icmp.type !== 12
  )
    return null;
  const t = tupleOf(p.icmp.inner);
  // the error travels against the inner packet: look it up inverted
  return t ? invert(t) : null;
}

function protoWord(p: number): string {
  return p === IPPROTO_TCP ? 'tcp' : p === IPPROTO_UDP ? 'udp' : p === IPPROTO_ICMP ? 'icmp' : 'unknown';
}

function tupleText(t: Tuple): string {
  const base = `src=${formatIpv4(t.src)} dst=${formatIpv4(t.dst)}`;
  if (t.proto === IPPROTO_ICMP) return `${base} type=${t.dport} code=0 id=${t.sport}`;
  return `${base} sport=${t.sport} dport=${t.dport}`;
}

/** one line of `conntrack -L` */
export function formatCtEntry(e: CtEntry, now: number): string {
  const p = e.orig.proto;
  const secs = Math.max(0, Math.ceil((e.expires - now) / 1000));
  const parts = [protoWord(p).padEnd(8) + ' ' + String(p), String(secs)];
  if (e.tcpState) parts.push(e.tcpState);
  parts.push(tupleText(e.orig));
  if (!e.seenReply) parts.push('[UNREPLIED]');
  parts.push(tupleText(e.reply));
  if (e.assured) parts.push('[ASSURED]');
  parts.push(`mark=${e.mark}`, 'use=1');
  return parts.join(' ');
}

export function describeTuple(t: Tuple): string {
  return `${protoWord(t.proto)} ${tupleText(t)}`;
}
