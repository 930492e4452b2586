// The capture file formats: pcapng (what the lab's "Save as .pcapng" writes: a section header,
// one interface description block per captured interface with its name and link type, an
// enhanced packet block per frame with its virtual-clock timestamp and direction) and classic
// pcap (what `tcpdump -w` writes, as libpcap does); `tcpdump -r` reads both. Little-endian,
// microsecond timestamps.

/** LINKTYPE_ETHERNET (DLT_EN10MB) and LINKTYPE_LINUX_SLL2: what a device and "any" capture */
export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_LINUX_SLL2 = 276;

export const SNAPLEN = 262144;

export interface PcapInterface {
  readonly name: string;
  readonly linktype: number;
}

export interface PcapPacket {
  /** index into the interface list */
  readonly iface: number;
  readonly tsUs: number;
  readonly data: Uint8Array;
  /** the length on the wire (the data may be cut at the snap length) */
  readonly origLen?: number;
  /** epb_flags direction: inbound or outbound */
  readonly dir?: 'in' | 'out';
}

export interface PcapFile {
  readonly interfaces: PcapInterface[];
  readonly packets: PcapPacket[];
}

const BT_SHB = 0x0a0d0d0a;
const BT_IDB = 1;
const BT_EPB = 6;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

class Out {
  private parts: Uint8Array[] = [];
  private size = 0;
  push(b: Uint8Array): void {
    this.parts.push(b);
    this.size += b.length;
  }
  bytes(): Uint8Array {
    const r = new Uint8Array(this.size);
    let o = 0;
    for (const p of this.parts) {
      r.set(p, o);
      o += p.length;
    }
    return r;
  }
}

const pad4 = (n: number): number => (n + 3) & ~3;

function option(code: number, value: Uint8Array): Uint8Array {
  const b = new Uint8Array(4 + pad4(value.length));
  const v = new DataView(b.buffer);
  v.setUint16(0, code, true);
  v.setUint16(2, value.length, true);
  b.set(value, 4);
  return b;
}

function block(type: number, body: Uint8Array, options: Uint8Array[]): Uint8Array {
  const opts = options.length ? [...options, new Uint8Array(4)] : [];
  const optLen = opts.reduce((a, o) => a + o.length, 0);
  const total = 12 + pad4(body.length) + optLen;
  const b = new Uint8Array(total);
  const v = new DataView(b.buffer);
  v.setUint32(0, type, true);
  v.setUint32(4, total, true);
  b.set(body, 8);
  let o = 8 + pad4(body.length);
  for (const x of opts) {
    b.set(x, o);
    o += x.length;
  }
  v.setUint32(total - 4, total, true);
  return b;
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** a pcapng file: SHB, one IDB per interface, one EPB per packet */
export function writePcapng(file: PcapFile, application = 'netlab'): Uint8Array {
  const out = new Out();
  const shb = new Uint8Array(16);
  const sv = new DataView(shb.buffer);
  sv.setUint32(0, BYTE_ORDER_MAGIC, true);
  sv.setUint16(4, 1, true);
  sv.setUint16(6, 0, true);
  sv.setBigInt64(8, -1n, true); // section length not given
  out.push(block(BT_SHB, shb, [option(4, utf8(application))]));
  for (const i of file.interfaces) {
    const idb = new Uint8Array(8);
    const iv = new DataView(idb.buffer);
    iv.setUint16(0, i.linktype, true);
    iv.setUint32(4, SNAPLEN, true);
    out.push(block(BT_IDB, idb, [option(2, utf8(i.name)), option(9, Uint8Array.of(6))]));
  }
  for (const p of file.packets) {
    const data = p.data.subarray(0, SNAPLEN);
    const body = new Uint8Array(20 + data.length);
    const bv = new DataView(body.buffer);
    const ts = BigInt(Math.round(p.tsUs));
    bv.setUint32(0, p.iface, true);
    bv.setUint32(4, Number(ts >> 32n), true);
    bv.setUint32(8, Number(ts & 0xffffffffn), true);
    bv.setUint32(12, data.length, true);
    bv.setUint32(16, p.origLen ?? p.data.length, true);
    body.set(data, 20);
    const flags = new Uint8Array(4);
    if (p.dir) new DataView(flags.buffer).setUint32(0, p.dir === 'in' ? 1 : 2, true);
    out.push(block(BT_EPB, body, p.dir ? [option(2, flags)] : []));
  }
  return out.bytes();
}

/**
 * a classic pcap file, as libpcap's pcap_dump writes it and so `tcpdump -w`: a 24-byte header
 * (magic 0xa1b2c3d4 little-endian, version 2.4, snap length, link type), then a 16-byte record
 * header per packet (seconds, microseconds, captured and original length). One link type, no
 * interface names, no directions.
 */
export function writePcap(linktype: number, packets: readonly PcapPacket[]): Uint8Array {
  let n = 24;
  for (const p of packets) n += 16 + Math.min(p.data.length, SNAPLEN);
  const b = new Uint8Array(n);
  const v = new DataView(b.buffer);
  v.setUint32(0, 0xa1b2c3d4, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(16, SNAPLEN, true);
  v.setUint32(20, linktype, true);
  let o = 24;
  for (const p of packets) {
    const data = p.data.subarray(0, SNAPLEN);
    const us = Math.round(p.tsUs);
    v.setUint32(o, Math.floor(us / 1e6), true);
    v.setUint32(o + 4, us % 1e6, true);
    v.setUint32(o + 8, data.length, true);
    v.setUint32(o + 12, p.origLen ?? p.data.length, true);
    b.set(data, o + 16);
    o += 16 + data.length;
  }
  return b;
}

export class CaptureFileError extends Error {}

/** read a pcapng or classic pcap file */
export function readCapture(b: Uint8Array): PcapFile {
  if (b.length < 4) throw new CaptureFileError('truncated dump file; tried to read 4 file header bytes, only got ' + b.length);
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const magic = v.getUint32(0, true);
  if (magic === BT_SHB) return readPcapng(b, v);
  if (magic === 0xa1b2c3d4 || magic === 0xd4c3b2a1 || magic === 0xa1b23c4d || magic === 0x4d3cb2a1) return readPcap(b, v);
  throw new CaptureFileError('unknown file format');
}

function readPcap(b: Uint8Array, v: DataView): PcapFile {
  if (b.length < 24) throw new CaptureFileError(`truncated dump file; tried to read 24 file header bytes, only got ${b.length}`);
  const m = v.getUint32(0, true);
  const le = m === 0xa1b2c3d4 || m === 0xa1b23c4d;
  const nano = m === 0xa1b23c4d || m === 0x4d3cb2a1;
  const linktype = v.getUint32(20, le) & 0xffff;
  const packets: PcapPacket[] = [];
  let o = 24;
  while (o + 16 <= b.length) {
    const sec = v.getUint32(o, le);
    const frac = v.getUint32(o + 4, le);
    const cap = v.getUint32(o + 8, le);
    const orig = v.getUint32(o + 12, le);
    if (o + 16 + cap > b.length) break;
    packets.push({
      iface: 0,
      tsUs: sec * 1e6 + (nano ? Math.floor(frac / 1000) : frac),
      data: b.slice(o + 16, o + 16 + cap),
      origLen: orig,
    });
    o += 16 + cap;
  }
  return { interfaces: [{ name: '', linktype }], packets };
}

function readPcapng(b: Uint8Array, v: DataView): PcapFile {
  const interfaces: PcapInterface[] = [];
  const tsres: number[] = [];
  const packets: PcapPacket[] = [];
  let le = true;
  let o = 0;
  while (o + 12 <= b.length) {
    let type = v.getUint32(o, le);
    if (type === BT_SHB || v.getUint32(o, true) === BT_SHB) {
      le = v.getUint32(o + 8, true) === BYTE_ORDER_MAGIC;
      type = BT_SHB;
    }
    const len = v.getUint32(o + 4, le);
    if (len < 12 || o + len > b.length) break;
    if (type === BT_IDB) {
      const linktype = v.getUint16(o + 8, le);
      let name = '';
      let res = 6;
      for (const [code, val] of options(b, v, o + 16, o + len - 4, le)) {
        if (code === 2) name = new TextDecoder().decode(val);
        if (code === 9 && val.length) res = val[0]! & 0x80 ? -(val[0]! & 0x7f) : val[0]!;
      }
      interfaces.push({ name, linktype });
      tsres.push(res);
    } else if (type === BT_EPB) {
      const iface = v.getUint32(o + 8, le);
      const ts = (BigInt(v.getUint32(o + 12, le)) << 32n) | BigInt(v.getUint32(o + 16, le));
      const cap = v.getUint32(o + 20, le);
      const orig = v.getUint32(o + 24, le);
      const res = tsres[iface] ?? 6;
      const tsUs = res >= 0 ? (Number(ts) * 1e6) / 10 ** res : (Number(ts) * 1e6) / 2 ** -res;
      let dir: 'in' | 'out' | undefined;
      for (const [code, val] of options(b, v, o + 28 + pad4(cap), o + len - 4, le))
        if (code === 2 && val.length >= 4) {
          const d = new DataView(val.buffer, val.byteOffset, 4).getUint32(0, le) & 3;
          dir = d === 1 ? 'in' : d === 2 ? 'out' : undefined;
        }
      packets.push({ iface, tsUs: Math.floor(tsUs), data: b.slice(o + 28, o + 28 + cap), origLen: orig, ...(dir ? { dir } : {}) });
    }
    o += len;
  }
  return { interfaces, packets };
}

function* options(b: Uint8Array, v: DataView, from: number, to: number, le: boolean): Generator<[number, Uint8Array]> {
  let o = from;
  while (o + 4 <= to) {
    const code = v.getUint16(o, le);
    const len = v.getUint16(o + 2, le);
    if (code === 0) return;
    yield [code, b.subarray(o + 4, o + 4 + len)];
    o += 4 + pad4(len);
  }
}

/** the Linux cooked v2 header that "any" puts before each frame's network-layer bytes */
export function sll2Header(protocol: number, ifindex: number, pktType: number, addr: Uint8Array): Uint8Array {
  const h = new Uint8Array(20);
  const v = new DataView(h.buffer);
  v.setUint16(0, protocol);
  v.setUint32(4, ifindex);
  v.setUint16(8, 1); // ARPHRD_ETHER
  h[10] = pktType;
  h[11] = 6;
  h.set(addr.subarray(0, 8), 12);
  return h;
}
