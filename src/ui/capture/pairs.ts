// Replies paired across captures. Within one capture the dissector pairs an echo request
// and its reply as Wireshark does ("(reply in 4)"). When one capture holds the request and
// only another the reply (the reply came back another way, or the request's own device was
// not captured on the way back), the view says where the other half was seen. It claims only
// what the bytes show: the reply carries the request's addresses swapped, its identifier and
// its sequence number, and was taken after it. A reply rewritten by NAT on the way is not
// the same packet to this test, and is not claimed.

import type { CapturePacket } from '../../protocol/messages.ts';

export interface Echo {
  readonly reply: boolean;
  readonly src: number;
  readonly dst: number;
  readonly id: number;
  readonly seq: number;
}

const ETH_P_IP = 0x0800;
const ETH_P_8021Q = 0x8100;
const IPPROTO_ICMP = 1;
const ICMP_ECHOREPLY = 0;
const ICMP_ECHO = 8;

/** the ICMP echo request or reply an Ethernet frame carries (in one 802.1Q tag at most), or null */
export function echoOf(d: Uint8Array): Echo | null {
  const u16 = (o: number) => ((d[o] ?? 0) << 8) | (d[o + 1] ?? 0);
  const u32 = (o: number) => u16(o) * 65536 + u16(o + 2);
  let o = 12;
  if (u16(o) === ETH_P_8021Q) o += 4;
  if (u16(o) !== ETH_P_IP) return null;
  const ip = o + 2;
  if (d.length < ip + 20 || d[ip]! >> 4 !== 4) return null;
  const ihl = (d[ip]! & 0x0f) * 4;
  // a later fragment holds no ICMP header
  if (d[ip + 9] !== IPPROTO_ICMP || (u16(ip + 6) & 0x1fff) !== 0) return null;
  const icmp = ip + ihl;
  if (d.length < icmp + 8) return null;
  const type = d[icmp];
  if (type !== ICMP_ECHO && type !== ICMP_ECHOREPLY) return null;
  return { reply: type === ICMP_ECHOREPLY, src: u32(ip + 12), dst: u32(ip + 16), id: u16(icmp + 4), seq: u16(icmp + 6) };
}

/** B answers A (or A answers B): the other kind, the addresses swapped, the same identifier and sequence */
function halves(a: Echo, b: Echo): boolean {
  return a.reply !== b.reply && a.src === b.dst && a.dst === b.src && a.id === b.id && a.seq === b.seq;
}

export interface CaptureRows {
  readonly id: number;
  readonly packets: readonly CapturePacket[];
}

/** where the other half of an echo was seen: which capture, which row */
export interface SeenElsewhere {
  readonly capture: number;
  readonly no: number;
  /** that other half is the reply (else the request) */
  readonly reply: boolean;
}

/**
 * the other half of packet P of capture AT, when AT itself does not hold it and another
 * capture does: for a request, the first reply taken after it; for a reply, the last request
 * taken before it
 */
export function seenElsewhere(captures: readonly CaptureRows[], at: number, p: CapturePacket): SeenElsewhere | null {
  const e = echoOf(p.bytes);
  if (!e) return null;
  // a request looks forward for its reply, a reply back for its request
  const fits = (q: CapturePacket) => (e.reply ? q.seq < p.seq : q.seq > p.seq) && halves(e, echoOf(q.bytes) ?? e);
  const own = captures.find((c) => c.id === at);
  if (own?.packets.some(fits)) return null;
  let best: { capture: number; q: CapturePacket } | null = null;
  for (const c of captures) {
    if (c.id === at) continue;
    for (const q of c.packets) {
      if (!fits(q)) continue;
      if (!best || (e.reply ? q.seq > best.q.seq : q.seq < best.q.seq)) best = { capture: c.id, q };
    }
  }
  return best && { capture: best.capture, no: best.q.no, reply: !e.reply };
}
