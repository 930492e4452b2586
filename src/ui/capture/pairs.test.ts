import { describe, expect, it } from 'vitest';
import type { CapturePacket } from '../../protocol/messages.ts';
import { echoOf, seenElsewhere } from './pairs.ts';

const ip = (s: string) => s.split('.').map(Number);

/** an Ethernet II frame with an IPv4 ICMP echo (type 8) or echo reply (type 0) */
function echoFrame(
  type: 0 | 8,
  src: string,
  dst: string,
  id: number,
  seq: number,
  opts: { vlan?: boolean; frag?: number } = {},
): Uint8Array {
  const eth = [...Array(12).fill(0x02), ...(opts.vlan ? [0x81, 0x00, 0x00, 0x0a] : []), 0x08, 0x00];
  const ipHdr = [0x45, 0, 0, 84, 0, 1, (opts.frag ?? 0) >> 8, (opts.frag ?? 0) & 0xff, 64, 1, 0, 0, ...ip(src), ...ip(dst)];
  const icmp = [type, 0, 0, 0, id >> 8, id & 0xff, seq >> 8, seq & 0xff, ...Array(56).fill(0)];
  return Uint8Array.from([...eth, ...ipHdr, ...icmp]);
}

let order = 0;
function row(no: number, bytes: Uint8Array): CapturePacket {
  return { no, tsUs: 0, seq: ++order, dir: 'in', src: '', dst: '', protocol: 'ICMP', info: '', tree: [], bytes, pass: true };
}

describe('an echo in the bytes', () => {
  it('reads the addresses, identifier and sequence of a request and a reply, in a VLAN tag too', () => {
    expect(echoOf(echoFrame(8, '10.0.0.1', '10.0.0.2', 0x1234, 7))).toEqual({
      reply: false,
      src: 0x0a000001,
      dst: 0x0a000002,
      id: 0x1234,
      seq: 7,
    });
    expect(echoOf(echoFrame(0, '10.0.0.2', '10.0.0.1', 1, 1, { vlan: true }))?.reply).toBe(true);
  });
  it('is not found in a later fragment, nor in ARP', () => {
    expect(echoOf(echoFrame(8, '10.0.0.1', '10.0.0.2', 1, 1, { frag: 185 }))).toBeNull();
    const arp = echoFrame(8, '10.0.0.1', '10.0.0.2', 1, 1);
    arp[12] = 0x08;
    arp[13] = 0x06;
    expect(echoOf(arp)).toBeNull();
  });
});

describe('a reply seen on another capture', () => {
  it('a request whose reply only another capture took names that capture and row; the reply names the request', () => {
    const req = row(3, echoFrame(8, '10.0.0.1', '10.0.0.2', 9, 1));
    const other = row(1, echoFrame(8, '10.0.0.1', '10.0.0.3', 9, 1));
    const rep = row(2, echoFrame(0, '10.0.0.2', '10.0.0.1', 9, 1));
    const tabs = [
      { id: 1, packets: [req] },
      { id: 2, packets: [other, rep] },
    ];
    expect(seenElsewhere(tabs, 1, req)).toEqual({ capture: 2, no: 2, reply: true });
    expect(seenElsewhere(tabs, 2, rep)).toEqual({ capture: 1, no: 3, reply: false });
    expect(seenElsewhere(tabs, 2, other)).toBeNull();
  });

  it('nothing is said when the capture holds both halves itself', () => {
    const req = row(1, echoFrame(8, '10.0.0.1', '10.0.0.2', 9, 2));
    const rep = row(2, echoFrame(0, '10.0.0.2', '10.0.0.1', 9, 2));
    const rep2 = row(1, echoFrame(0, '10.0.0.2', '10.0.0.1', 9, 2));
    expect(
      seenElsewhere(
        [
          { id: 1, packets: [req, rep] },
          { id: 2, packets: [rep2] },
        ],
        1,
        req,
      ),
    ).toBeNull();
  });

  it('another sequence number, identifier, unswapped addresses or an earlier reply are not its reply', () => {
    const req = row(1, echoFrame(8, '10.0.0.1', '10.0.0.2', 9, 5));
    const before = row(1, echoFrame(0, '10.0.0.2', '10.0.0.1', 9, 5));
    const late = [
      echoFrame(0, '10.0.0.2', '10.0.0.1', 9, 6),
      echoFrame(0, '10.0.0.2', '10.0.0.1', 10, 5),
      echoFrame(0, '10.0.0.1', '10.0.0.2', 9, 5),
      // the reply as NAT rewrote it on the far side: not the same packet to the bytes
      echoFrame(0, '10.0.0.2', '172.16.0.1', 9, 5),
    ].map((b, i) => row(i + 2, b));
    // a reply taken before the request answers an earlier one
    const req2 = { ...req, seq: before.seq + 1 };
    expect(
      seenElsewhere(
        [
          { id: 1, packets: [req2] },
          { id: 2, packets: [before] },
        ],
        1,
        req2,
      ),
    ).toBeNull();
    expect(
      seenElsewhere(
        [
          { id: 1, packets: [req] },
          { id: 2, packets: late },
        ],
        1,
        req,
      ),
    ).toBeNull();
  });

  it('of several replies elsewhere the first one taken after the request is named, whichever tab holds it', () => {
    const req = row(1, echoFrame(8, '10.0.0.1', '10.0.0.2', 9, 1));
    const a = row(4, echoFrame(0, '10.0.0.2', '10.0.0.1', 9, 1));
    const b = row(7, echoFrame(0, '10.0.0.2', '10.0.0.1', 9, 1));
    expect(
      seenElsewhere(
        [
          { id: 1, packets: [req] },
          { id: 3, packets: [b] },
          { id: 2, packets: [a] },
        ],
        1,
        req,
      ),
    ).toMatchObject({ capture: 2, no: 4 });
  });
});
