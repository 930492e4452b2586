// A captured frame as Wireshark lists and dissects it (name resolution off, checksums
// verified): the packet list's Source / Destination / Protocol / Info columns, and the
// header tree with each field's place in the bytes. Ethernet II, ARP, IPv4, ICMP (with the
// datagram an error quotes), UDP, TCP (relative sequence numbers, as Wireshark shows them),
// VXLAN with its inner frame, DNS (dissect-dns.ts), and the first line of HTTP. Wireshark's words throughout, so
// what a person reads here is what they will read when they open the saved file in it.

import { formatIpv4, formatMac } from '../addr.ts';
import { dissectDns } from './dissect-dns.ts';
import { inetChecksum } from './wire.ts';

/** one line of the header tree, and the bytes it describes (offset and length in the frame) */
export interface HeaderField {
  readonly text: string;
  readonly at: number;
  readonly len: number;
  readonly children?: readonly HeaderField[];
}

/** a row of the packet list and its header tree */
export interface Dissection {
  readonly src: string;
  readonly dst: string;
  readonly protocol: string;
  readonly info: string;
  readonly tree: readonly HeaderField[];
}

/** what Wireshark adds to an earlier row once a later one answers it: "(reply in 4)" */
export interface Amend {
  readonly no: number;
  readonly info: string;
}

const be16 = (d: Uint8Array, o: number): number => ((d[o] ?? 0) << 8) | (d[o + 1] ?? 0);
const be32 = (d: Uint8Array, o: number): number => be16(d, o) * 65536 + be16(d, o + 2);
const mac = (d: Uint8Array, o: number): string => formatMac(be16(d, o) * 2 ** 32 + be32(d, o + 2));
const ip4 = (d: Uint8Array, o: number): string => formatIpv4(be32(d, o));
const hex = (n: number, w: number): string => `0x${n.toString(16).padStart(w, '0')}`;

const field = (text: string, at: number, len: number, children?: HeaderField[]): HeaderField =>
  children ? { text, at, len, children } : { text, at, len };

const ETHERTYPES: Record<number, string> = { 2048: 'IPv4', 2054: 'ARP', 34525: 'IPv6', 33024: '802.1Q Virtual LAN' };
const IP_PROTOS: Record<number, string> = { 1: 'ICMP', 2: 'IGMP', 6: 'TCP', 17: 'UDP' };
const VXLAN_PORT = 4789;
const DNS_PORT = 53;

const ICMP_TYPES: Record<number, string> = {
  0: 'Echo (ping) reply',
  3: 'Destination unreachable',
  4: 'Source quench (flow control)',
  5: 'Redirect',
  8: 'Echo (ping) request',
  11: 'Time-to-live exceeded',
  12: 'Parameter problem',
};
const UNREACH_CODES: Record<number, string> = {
  0: 'Network unreachable',
  1: 'Host unreachable',
  2: 'Protocol unreachable',
  3: 'Port unreachable',
  4: 'Fragmentation needed',
  5: 'Source route failed',
  6: 'Destination network unknown',
  7: 'Destination host unknown',
  9: 'Network administratively prohibited',
  10: 'Host administratively prohibited',
  13: 'Communication administratively filtered',
};
const REDIRECT_CODES: Record<number, string> = {
  0: 'Redirect for network',
  1: 'Redirect for host',
  2: 'Redirect for TOS and network',
  3: 'Redirect for TOS and host',
};
const TIMXCEED_CODES: Record<number, string> = { 0: 'Time to live exceeded in transit', 1: 'Fragment reassembly time exceeded' };

function icmpCode(type: number, code: number): string | null {
  const names = type === 3 ? UNREACH_CODES : type === 5 ? REDIRECT_CODES : type === 11 ? TIMXCEED_CODES : null;
  return names ? (names[code] ?? null) : null;
}

const TCP_FLAG_NAMES: Array<[number, string]> = [
  [0x100, 'AE'],
  [0x80, 'CWR'],
  [0x40, 'ECE'],
  [0x20, 'URG'],
  [0x10, 'ACK'],
  [0x08, 'PSH'],
  [0x04, 'RST'],
  [0x02, 'SYN'],
  [0x01, 'FIN'],
];

/** Wireshark's order in the Info column's [SYN, ACK] */
const INFO_FLAGS: Array<[number, string]> = [
  [0x01, 'FIN'],
  [0x02, 'SYN'],
  [0x04, 'RST'],
  [0x08, 'PSH'],
  [0x10, 'ACK'],
  [0x20, 'URG'],
  [0x40, 'ECE'],
  [0x80, 'CWR'],
];

const HTTP_START = /^(GET|HEAD|POST|PUT|DELETE|OPTIONS|PATCH|CONNECT|TRACE) \S+ HTTP\/\d\.\d\r?\n|^HTTP\/\d\.\d \d{3}/;

interface TcpSide {
  base: number;
  /** the window scale its SYN offered; -1: none seen */
  wscale: number;
  sawSyn: boolean;
}

/** the columns the innermost protocol sets (a quoted datagram sets none: Wireshark's "writable" columns) */
interface Cols {
  src: string;
  dst: string;
  protocol: string;
  info: string;
  /** a quoted datagram: dissected into the tree, the columns left alone */
  frozen: boolean;
}

/**
 * The dissector of one capture: it keeps what Wireshark keeps between packets (TCP's initial
 * sequence numbers and window scales, the echo requests awaiting a reply).
 */
export class Dissector {
  private readonly tcp = new Map<string, TcpSide>();
  /** an HTTP message whose body is still coming, by direction: Wireshark lists it on its last segment */
  private readonly pdus = new Map<string, { readonly first: string; readonly type: string | undefined; need: number }>();
  private readonly echoes = new Map<string, number>();
  /** DNS queries awaiting their response: the frame each came in */
  private readonly dnsQueries = new Map<string, number>();
  private amends: Amend[] = [];

  /** the rows to amend since the last call (a reply names its request, the request its reply) */
  takeAmends(): Amend[] {
    const a = this.amends;
    this.amends = [];
    return a;
  }

  /** frame NO (1-based) as read on IFNAME */
  dissect(no: number, d: Uint8Array, ifname: string, dir: 'in' | 'out' | null): Dissection {
    const bits = (n: number) => `${n} bytes (${n * 8} bits)`;
    const frame = field(
      `Frame ${no}: ${bits(d.length)} on wire, ${bits(d.length)} captured on interface ${ifname}${dir ? ` (${dir === 'in' ? 'inbound' : 'outbound'})` : ''}`,
      0,
      d.length,
    );
    const cols: Cols = { src: '', dst: '', protocol: '', info: '', frozen: false };
    const tree: HeaderField[] = [frame];
    this.ether(no, d, 0, d.length, cols, tree);
    return { src: cols.src, dst: cols.dst, protocol: cols.protocol, info: cols.info, tree };
  }

  private ether(no: number, d: Uint8Array, o: number, end: number, cols: Cols, tree: HeaderField[]): void {
    if (end - o < 14) {
      tree.push(field(`[Malformed Packet: Ethernet]`, o, end - o));
      return;
    }
    const dst = mac(d, o);
    const src = mac(d, o + 6);
    const type = be16(d, o + 12);
    tree.push(
      field(`Ethernet II, Src: ${src}, Dst: ${dst}`, o, 14, [
        field(`Destination: ${dst}`, o, 6),
        field(`Source: ${src}`, o + 6, 6),
        field(`Type: ${ETHERTYPES[type] ?? 'Unknown'} (${hex(type, 4)})`, o + 12, 2),
      ]),
    );
    if (!cols.frozen) {
      cols.src = src;
      cols.dst = dst;
      cols.protocol = 'Ethernet';
      cols.info = `Ethernet II`;
    }
    if (type === 0x0806) this.arp(d, o + 14, end, cols, tree);
    else if (type === 0x0800) this.ipv4(no, d, o + 14, end, cols, tree);
    else if (end > o + 14) tree.push(field(`Data (${end - o - 14} bytes)`, o + 14, end - o - 14));
  }

  private arp(d: Uint8Array, o: number, end: number, cols: Cols, tree: HeaderField[]): void {
    if (end - o < 28) {
      tree.push(field('[Malformed Packet: ARP]', o, end - o));
      return;
    }
    const op = be16(d, o + 6);
    const opName = op === 1 ? 'request' : op === 2 ? 'reply' : 'unknown';
    const sha = mac(d, o + 8);
    const spa = ip4(d, o + 14);
    const tha = mac(d, o + 18);
    const tpa = ip4(d, o + 24);
    tree.push(
      field(`Address Resolution Protocol (${opName})`, o, 28, [
        field('Hardware type: Ethernet (1)', o, 2),
        field(`Protocol type: IPv4 (${hex(be16(d, o + 2), 4)})`, o + 2, 2),
        field(`Hardware size: ${d[o + 4]}`, o + 4, 1),
        field(`Protocol size: ${d[o + 5]}`, o + 5, 1),
        field(`Opcode: ${opName} (${op})`, o + 6, 2),
        field(`Sender MAC address: ${sha}`, o + 8, 6),
        field(`Sender IP address: ${spa}`, o + 14, 4),
        field(`Target MAC address: ${tha}`, o + 18, 6),
        field(`Target IP address: ${tpa}`, o + 24, 4),
      ]),
    );
    if (cols.frozen) return;
    cols.protocol = 'ARP';
    if (op === 1) cols.info = spa === tpa ? `Gratuitous ARP for ${tpa} (Request)` : `Who has ${tpa}? Tell ${spa}`;
    else if (op === 2) cols.info = `${spa} is at ${sha}`;
  }

  private ipv4(no: number, d: Uint8Array, o: number, end: number, cols: Cols, tree: HeaderField[]): void {
    if (end - o < 20) {
      tree.push(field('[Malformed Packet: IPv4]', o, end - o));
      return;
    }
    const ihl = (d[o]! & 0x0f) * 4;
    const totLen = be16(d, o + 2);
    const id = be16(d, o + 4);
    const fl = be16(d, o + 6);
    const ttl = d[o + 8]!;
    const proto = d[o + 9]!;
    const csum = be16(d, o + 10);
    const src = ip4(d, o + 12);
    const dst = ip4(d, o + 16);
    const df = (fl & 0x4000) !== 0;
    const mf = (fl & 0x2000) !== 0;
    const off = (fl & 0x1fff) * 8;
    // the checksum over the header with its own field as zero
    const copy = d.slice(o, o + ihl);
    copy[10] = 0;
    copy[11] = 0;
    const want = inetChecksum(copy);
    const flagBits = fl >>> 13;
    const flagWords = [df ? "Don't fragment" : '', mf ? 'More fragments' : ''].filter(Boolean).join(', ');
    const stop = Math.min(end, o + totLen);
    tree.push(
      field(`Internet Protocol Version 4, Src: ${src}, Dst: ${dst}`, o, ihl, [
        field('0100 .... = Version: 4', o, 1),
        field(`.... ${(ihl / 4).toString(2).padStart(4, '0')} = Header Length: ${ihl} bytes (${ihl / 4})`, o, 1),
        field(`Differentiated Services Field: ${hex(d[o + 1]!, 2)} (DSCP: CS${d[o + 1]! >> 5}, ECN: Not-ECT)`, o + 1, 1),
        field(`Total Length: ${totLen}`, o + 2, 2),
        field(`Identification: ${hex(id, 4)} (${id})`, o + 4, 2),
        field(`${flagBits.toString(2).padStart(3, '0')}. .... = Flags: ${hex(flagBits, 1)}${flagWords ? `, ${flagWords}` : ''}`, o + 6, 1, [
          field('0... .... = Reserved bit: Not set', o + 6, 1),
          field(`.${df ? 1 : 0}.. .... = Don't fragment: ${df ? 'Set' : 'Not set'}`, o + 6, 1),
          field(`..${mf ? 1 : 0}. .... = More fragments: ${mf ? 'Set' : 'Not set'}`, o + 6, 1),
        ]),
        field(`Fragment Offset: ${off}`, o + 6, 2),
        field(`Time to Live: ${ttl}`, o + 8, 1),
        field(`Protocol: ${IP_PROTOS[proto] ?? 'Unknown'} (${proto})`, o + 9, 1),
        field(`Header Checksum: ${hex(csum, 4)} ${csum === want ? '[correct]' : `[incorrect, should be ${hex(want, 4)}]`}`, o + 10, 2),
        field(`Source Address: ${src}`, o + 12, 4),
        field(`Destination Address: ${dst}`, o + 16, 4),
      ]),
    );
    if (!cols.frozen) {
      cols.src = src;
      cols.dst = dst;
      cols.protocol = 'IPv4';
      cols.info = `${IP_PROTOS[proto] ?? proto}`;
    }
    const l4 = o + ihl;
    if (off !== 0 || mf) {
      // a fragment: Wireshark reassembles; the list names it by its offset
      if (!cols.frozen)
        cols.info = `Fragmented IP protocol (proto=${IP_PROTOS[proto] ?? 'Unknown'} ${proto}, off=${off}, ID=${id.toString(16).padStart(4, '0')})`;
      tree.push(field(`Data (${stop - l4} bytes)`, l4, stop - l4));
      return;
    }
    const ph = { src: be32(d, o + 12), dst: be32(d, o + 16) };
    if (proto === 1) this.icmp(no, d, l4, stop, ttl, src, dst, cols, tree);
    else if (proto === 17) this.udp(no, d, l4, stop, ph, cols, tree);
    else if (proto === 6) this.tcpSeg(d, l4, stop, ph, cols, tree);
    else if (stop > l4) tree.push(field(`Data (${stop - l4} bytes)`, l4, stop - l4));
  }

  private icmp(
    no: number,
    d: Uint8Array,
    o: number,
    end: number,
    ttl: number,
    src: string,
    dst: string,
    cols: Cols,
    tree: HeaderField[],
  ): void {
    const type = d[o]!;
    const code = d[o + 1]!;
    const csum = be16(d, o + 2);
    const copy = d.slice(o, end);
    copy[2] = 0;
    copy[3] = 0;
    const want = inetChecksum(copy);
    const codeName = icmpCode(type, code);
    const kids: HeaderField[] = [
      field(`Type: ${type} (${ICMP_TYPES[type] ?? 'Unknown ICMP (obsolete or malformed?)'})`, o, 1),
      field(`Code: ${code}${codeName ? ` (${codeName})` : ''}`, o + 1, 1),
      field(`Checksum: ${hex(csum, 4)} ${csum === want ? '[correct]' : `[incorrect, should be ${hex(want, 4)}]`}`, o + 2, 2),
    ];
    const node = (): HeaderField => field('Internet Control Message Protocol', o, end - o, kids);
    if (type === 0 || type === 8) {
      const id = be16(d, o + 4);
      const seq = be16(d, o + 6);
      const swap = (n: number) => ((n & 0xff) << 8) | (n >>> 8);
      kids.push(
        field(`Identifier (BE): ${id} (${hex(id, 4)})`, o + 4, 2),
        field(`Identifier (LE): ${swap(id)} (${hex(swap(id), 4)})`, o + 4, 2),
        field(`Sequence Number (BE): ${seq} (${hex(seq, 4)})`, o + 6, 2),
        field(`Sequence Number (LE): ${swap(seq)} (${hex(swap(seq), 4)})`, o + 6, 2),
      );
      if (end > o + 8) kids.push(field(`Data (${end - o - 8} bytes)`, o + 8, end - o - 8));
      tree.push(node());
      if (cols.frozen) return;
      cols.protocol = 'ICMP';
      const what = type === 8 ? 'Echo (ping) request ' : 'Echo (ping) reply   ';
      cols.info = `${what} id=${hex(id, 4)}, seq=${seq}/${swap(seq)}, ttl=${ttl}`;
      // a reply names its request, and the request its reply
      const key = (a: string, b: string) => `${a}>${b}:${id}:${seq}`;
      if (type === 8) this.echoes.set(key(src, dst), no);
      else {
        const req = this.echoes.get(key(dst, src));
        if (req !== undefined) {
          this.echoes.delete(key(dst, src));
          cols.info += ` (request in ${req})`;
          this.amends.push({ no: req, info: ` (reply in ${no})` });
        }
      }
      return;
    }
    if (type === 3 || type === 11 || type === 5 || type === 12) {
      if (type === 5) kids.push(field(`Gateway Address: ${ip4(d, o + 4)}`, o + 4, 4));
      else if (type === 3 && code === 4) kids.push(field(`MTU of next hop: ${be16(d, o + 6)}`, o + 6, 2));
      else kids.push(field(`Unused: ${[...d.subarray(o + 4, o + 8)].map((b) => b.toString(16).padStart(2, '0')).join('')}`, o + 4, 4));
      // the quoted datagram: in the tree, never in the columns
      const quoted: HeaderField[] = [];
      const wasFrozen = cols.frozen;
      cols.frozen = true;
      this.ipv4(no, d, o + 8, end, cols, quoted);
      cols.frozen = wasFrozen;
      kids.push(...quoted);
      tree.push(node());
      if (cols.frozen) return;
      cols.protocol = 'ICMP';
      cols.info = `${ICMP_TYPES[type]} (${codeName ?? `Unknown code: ${code}`})`;
      return;
    }
    if (end > o + 4) kids.push(field(`Data (${end - o - 4} bytes)`, o + 4, end - o - 4));
    tree.push(node());
    if (cols.frozen) return;
    cols.protocol = 'ICMP';
    cols.info = `${ICMP_TYPES[type] ?? 'Unknown ICMP (obsolete or malformed?)'}`;
  }

  private udp(no: number, d: Uint8Array, o: number, end: number, ph: { src: number; dst: number }, cols: Cols, tree: HeaderField[]): void {
    const sport = be16(d, o);
    const dport = be16(d, o + 2);
    const len = be16(d, o + 4);
    const csum = be16(d, o + 6);
    const stop = Math.min(end, o + len);
    let csumText: string;
    if (csum === 0) csumText = `Checksum: 0x0000 [zero-value ignored]`;
    else if (stop - o !== len) csumText = `Checksum: ${hex(csum, 4)} [unverified]`;
    else {
      const copy = d.slice(o, stop);
      copy[6] = 0;
      copy[7] = 0;
      const c = inetChecksum(copy, 0, copy.length, pseudo(ph, 17, len));
      const want = c === 0 ? 0xffff : c;
      csumText = `Checksum: ${hex(csum, 4)} ${csum === want ? '[correct]' : `[incorrect, should be ${hex(want, 4)}]`}`;
    }
    tree.push(
      field(`User Datagram Protocol, Src Port: ${sport}, Dst Port: ${dport}`, o, 8, [
        field(`Source Port: ${sport}`, o, 2),
        field(`Destination Port: ${dport}`, o + 2, 2),
        field(`Length: ${len}`, o + 4, 2),
        field(csumText, o + 6, 2),
        field(`UDP payload (${stop - o - 8} bytes)`, o + 8, stop - o - 8),
      ]),
    );
    if (!cols.frozen) {
      cols.protocol = 'UDP';
      cols.info = `${sport} → ${dport} Len=${len - 8}`;
    }
    if (dport === VXLAN_PORT && stop - o >= 16) {
      const p = o + 8;
      const vni = be32(d, p + 4) >>> 8;
      tree.push(
        field('Virtual eXtensible Local Area Network', p, 8, [
          field(`Flags: ${hex(be16(d, p), 4)}${d[p]! & 0x08 ? ', VXLAN Network ID (VNI)' : ''}`, p, 2),
          field(`Group Policy ID: ${be16(d, p + 2)}`, p + 2, 2),
          field(`VXLAN Network Identifier (VNI): ${vni}`, p + 4, 3),
          field(`Reserved: ${d[p + 7]}`, p + 7, 1),
        ]),
      );
      if (!cols.frozen) {
        cols.protocol = 'VXLAN';
        cols.info = '';
      }
      this.ether(no, d, p + 8, stop, cols, tree);
      return;
    }
    if ((sport === DNS_PORT || dport === DNS_PORT) && stop > o + 8) {
      // a query is remembered by its client's address and port and its id: the response names it
      const key = (client: number, cport: number, server: number, id: number) => `${client}:${cport}>${server}:${id}`;
      const toServer = dport === DNS_PORT;
      const m = dissectDns(d, o + 8, stop, (id) => this.dnsQueries.get(key(ph.dst, dport, ph.src, id)));
      if (m) {
        tree.push(m.node);
        if (!m.response && toServer) this.dnsQueries.set(key(ph.src, sport, ph.dst, m.id), no);
        if (!cols.frozen) {
          cols.protocol = 'DNS';
          cols.info = m.info;
        }
        return;
      }
    }
    if (stop > o + 8) tree.push(field(`Data (${stop - o - 8} bytes)`, o + 8, stop - o - 8));
  }

  private tcpSeg(d: Uint8Array, o: number, end: number, ph: { src: number; dst: number }, cols: Cols, tree: HeaderField[]): void {
    const sport = be16(d, o);
    const dport = be16(d, o + 2);
    const seq = be32(d, o + 4);
    const ack = be32(d, o + 8);
    const hlen = (d[o + 12]! >> 4) * 4;
    const flags = be16(d, o + 12) & 0x1ff;
    const win = be16(d, o + 14);
    const csum = be16(d, o + 16);
    const payload = Math.max(0, end - o - hlen);
    const me = `${ph.src}:${sport}>${ph.dst}:${dport}`;
    const them = `${ph.dst}:${dport}>${ph.src}:${sport}`;
    const opts = tcpOptions(d, o + 20, o + hlen);
    const syn = (flags & 0x02) !== 0;
    let side = this.tcp.get(me);
    if (!side || (syn && !side.sawSyn)) {
      // Wireshark's relative numbers: from the SYN's, or, without one, from the first seen less one
      side = { base: syn ? seq : (seq - 1) >>> 0, wscale: syn ? (opts.wscale ?? -1) : -1, sawSyn: syn };
      this.tcp.set(me, side);
    }
    const peer = this.tcp.get(them);
    const rel = (n: number, s: TcpSide | undefined) => (s ? (n - s.base) >>> 0 : n);
    const relSeq = rel(seq, side);
    const relAck = rel(ack, peer);
    // the window is scaled once both SYNs offered a scale, never on a SYN itself
    const scaled = !syn && side.wscale >= 0 && peer !== undefined && peer.wscale >= 0 ? win * 2 ** side.wscale : win;
    const copy = d.slice(o, end);
    copy[16] = 0;
    copy[17] = 0;
    const want = inetChecksum(copy, 0, copy.length, pseudo(ph, 6, end - o));
    const flagList = TCP_FLAG_NAMES.filter(([b]) => flags & b).map(([, n]) => n);
    const hasAck = (flags & 0x10) !== 0;
    tree.push(
      field(
        `Transmission Control Protocol, Src Port: ${sport}, Dst Port: ${dport}, Seq: ${relSeq}${hasAck ? `, Ack: ${relAck}` : ''}, Len: ${payload}`,
        o,
        hlen,
        [
          field(`Source Port: ${sport}`, o, 2),
          field(`Destination Port: ${dport}`, o + 2, 2),
          field(`Sequence Number: ${relSeq}    (relative sequence number)`, o + 4, 4),
          field(`Sequence Number (raw): ${seq}`, o + 4, 4),
          field(`Acknowledgment Number: ${hasAck ? relAck : 0}${hasAck ? '    (relative ack number)' : ''}`, o + 8, 4),
          field(`Acknowledgment number (raw): ${ack}`, o + 8, 4),
          field(`${(hlen / 4).toString(2).padStart(4, '0')} .... = Header Length: ${hlen} bytes (${hlen / 4})`, o + 12, 1),
          field(`Flags: ${hex(flags, 3)} (${flagList.join(', ')})`, o + 12, 2),
          field(`Window: ${win}`, o + 14, 2),
          field(`Calculated window size: ${scaled}`, o + 14, 2),
          field(`Checksum: ${hex(csum, 4)} ${csum === want ? '[correct]' : `[incorrect, should be ${hex(want, 4)}]`}`, o + 16, 2),
          field(`Urgent Pointer: ${be16(d, o + 18)}`, o + 18, 2),
          ...(hlen > 20 ? [field(`Options: (${hlen - 20} bytes), ${opts.names.join(', ')}`, o + 20, hlen - 20)] : []),
          ...(payload ? [field(`TCP payload (${payload} bytes)`, o + hlen, payload)] : []),
        ],
      ),
    );
    if (cols.frozen) return;
    const text = new TextDecoder('latin1').decode(d.subarray(o + hlen, end));
    // Wireshark reassembles an HTTP message whose Content-Length runs past its first segment:
    // the first says "[TCP segment of a reassembled PDU]", the one that completes it is HTTP
    const pending = payload ? this.pdus.get(me) : undefined;
    if (pending) {
      pending.need -= payload;
      if (pending.need <= 0) {
        this.pdus.delete(me);
        cols.protocol = 'HTTP';
        cols.info = `${pending.first} ${pending.type && pending.first.startsWith('HTTP/') ? ` (${pending.type})` : ''}`;
        return;
      }
    }
    if (payload && !pending && HTTP_START.test(text)) {
      const first = text.split(/\r?\n/)[0] ?? '';
      const type = /\r?\ncontent-type:\s*([^;\r\n]+)/i.exec(text)?.[1];
      tree.push(field('Hypertext Transfer Protocol', o + hlen, payload, [field(`${first}\\r\\n`, o + hlen, first.length + 2)]));
      const headEnd = text.indexOf('\r\n\r\n');
      const length = Number(/\r?\ncontent-length:\s*(\d+)/i.exec(text)?.[1] ?? 0);
      const need = headEnd < 0 ? 0 : length - (text.length - headEnd - 4);
      if (need > 0) {
        this.pdus.set(me, { first, type, need });
        cols.protocol = 'TCP';
        cols.info = `${first}  [TCP segment of a reassembled PDU]`;
        return;
      }
      cols.protocol = 'HTTP';
      cols.info = `${first} ${type && first.startsWith('HTTP/') ? ` (${type})` : ''}`;
      return;
    }
    cols.protocol = 'TCP';
    const infoFlags = INFO_FLAGS.filter(([b]) => flags & b).map(([, n]) => n);
    let info = `${sport} → ${dport} [${infoFlags.join(', ')}] Seq=${relSeq}${hasAck ? ` Ack=${relAck}` : ''} Win=${scaled} Len=${payload}`;
    if (pending) info += ' [TCP segment of a reassembled PDU]';
    if (opts.mss !== undefined) info += ` MSS=${opts.mss}`;
    if (opts.sackPerm) info += ' SACK_PERM';
    if (opts.ts) info += ` TSval=${opts.ts[0]} TSecr=${opts.ts[1]}`;
    if (opts.wscale !== undefined) info += ` WS=${2 ** opts.wscale}`;
    cols.info = info;
  }
}

function pseudo(ph: { src: number; dst: number }, proto: number, len: number): number {
  return (ph.src >>> 16) + (ph.src & 0xffff) + (ph.dst >>> 16) + (ph.dst & 0xffff) + proto + len;
}

interface TcpOpts {
  names: string[];
  mss?: number;
  sackPerm?: boolean;
  ts?: [number, number];
  wscale?: number;
}

function tcpOptions(d: Uint8Array, from: number, to: number): TcpOpts {
  const r: TcpOpts = { names: [] };
  let o = from;
  while (o < to) {
    const kind = d[o]!;
    if (kind === 0) {
      r.names.push('End of Option List (EOL)');
      break;
    }
    if (kind === 1) {
      r.names.push('No-Operation (NOP)');
      o++;
      continue;
    }
    const len = d[o + 1] ?? 2;
    if (kind === 2) {
      r.mss = be16(d, o + 2);
      r.names.push('Maximum segment size');
    } else if (kind === 3) {
      r.wscale = d[o + 2]!;
      r.names.push('Window scale');
    } else if (kind === 4) {
      r.sackPerm = true;
      r.names.push('SACK permitted');
    } else if (kind === 8) {
      r.ts = [be32(d, o + 2), be32(d, o + 6)];
      r.names.push('Timestamps');
    } else r.names.push(`Unknown (${kind})`);
    o += Math.max(2, len);
  }
  return r;
}
