// The capture view's captures: a packet socket on one device each (promiscuous, as Wireshark
// opens it), every frame dissected as it is taken, a display filter in the pcap-filter
// language, and the whole lot as a pcapng file. A capture outlives a rebuilt world (undo, a
// restart): it is opened again on the device of the same name, if there still is one.

import { Capture, type CapturedFrame } from '../core/capture/tap.ts';
import { type Amend, Dissector } from '../core/capture/dissect.ts';
import { finishChecksums } from '../core/capture/wire.ts';
import { LINKTYPE_ETHERNET, type PcapInterface, type PcapPacket, writePcapng } from '../core/capture/pcapng.ts';
import type { World } from '../core/world.ts';
import { compileFilter, type Filter, FilterError } from '../cmd/tcpdump/filter.ts';
import type { CaptureBatch, CapturePacket, CaptureView } from '../protocol/messages.ts';

interface Row extends CapturePacket {
  info: string;
  pass: boolean;
}

/** frames taken by any capture so far: the captures' common order */
let taken = 0;

class Session {
  rows: Row[] = [];
  amends: Amend[] = [];
  filter: Filter = () => true;
  filterText = '';
  dissector = new Dissector();
  socket: Capture | null = null;
  stopped = false;

  constructor(
    readonly id: number,
    readonly ns: string,
    readonly dev: string,
  ) {}

  view(): CaptureView {
    return { id: this.id, ns: this.ns, dev: this.dev, running: this.socket !== null, filter: this.filterText };
  }

  /** open the packet socket on WORLD's device of this name; false when there is none, or it is down */
  open(world: World): boolean {
    this.socket?.stop();
    this.socket = null;
    if (this.stopped) return false;
    const ns = this.ns === 'root' ? world.root : world.ns(this.ns);
    const dev = ns?.dev(this.dev);
    if (!ns || !dev) return false;
    const socket = new Capture(ns, dev, { promisc: true });
    socket.onFrame = (f) => this.take(f);
    this.socket = socket;
    return true;
  }

  private take(f: CapturedFrame): void {
    const no = this.rows.length + 1;
    const dir = f.pktType === 'outgoing' ? 'out' : 'in';
    // the list shows what Save as writes: checksums a device leaves to the hardware finished, as tcpdump -w does
    const bytes = finishChecksums(f.bytes, 14);
    const d = this.dissector.dissect(no, bytes, ifName(this), dir);
    const pass = this.filter({ data: bytes, len: bytes.length, link: 'ether' });
    this.rows.push({ no, tsUs: f.tsUs, seq: ++taken, dir, ...d, bytes, pass });
    for (const a of this.dissector.takeAmends()) {
      const r = this.rows[a.no - 1];
      if (r) r.info += a.info;
      this.amends.push(a);
    }
  }

  stop(): void {
    this.stopped = true;
    this.socket?.stop();
    this.socket = null;
  }

  clear(): void {
    this.rows = [];
    this.amends = [];
    this.dissector = new Dissector();
  }
}

/** a device's name in a pcapng interface description: the namespace's too, unless it is the host's */
const ifName = (s: { ns: string; dev: string }): string => (s.ns === 'root' ? s.dev : `${s.ns}/${s.dev}`);

export class CaptureSessions {
  private readonly sessions = new Map<number, Session>();
  private next = 1;

  /** a capture on DEV of NS; the error is tcpdump's when there is no such device */
  start(world: World, ns: string, dev: string): { capture: CaptureView | null; error: string | null } {
    const n = ns === 'root' ? world.root : world.ns(ns);
    const d = n?.dev(dev);
    if (!n || !d) return { capture: null, error: `${dev}: No such device exists\n(No such device exists)` };
    if (!d.up) return { capture: null, error: `${dev}: That device is not up` };
    const s = new Session(this.next++, ns, dev);
    s.open(world);
    this.sessions.set(s.id, s);
    return { capture: s.view(), error: null };
  }

  /** the world was rebuilt: open every running capture again on its new devices */
  rebind(world: World): void {
    for (const s of this.sessions.values()) if (s.socket) s.open(world);
  }

  read(from: readonly { capture: number; from: number }[]): CaptureBatch[] {
    const out: CaptureBatch[] = [];
    for (const { capture, from: n } of from) {
      const s = this.sessions.get(capture);
      if (!s) continue;
      // amends to rows the reader has; the rows it has not yet carry them already
      const amends = s.amends.filter((a) => a.no <= n);
      s.amends = [];
      out.push({ capture, running: s.socket !== null, packets: s.rows.slice(n).map((r) => ({ ...r })), amends });
    }
    return out;
  }

  /** the numbers of the packets EXPR lets through; tcpdump's message for a bad one (the old filter stays) */
  filter(capture: number, expr: string): { error: string | null; passing: number[] } {
    const s = this.sessions.get(capture);
    if (!s) return { error: null, passing: [] };
    let f: Filter;
    try {
      f = compileFilter(expr.trim(), 'ether');
    } catch (e) {
      if (e instanceof FilterError) return { error: `tcpdump: ${e.message}`, passing: s.rows.filter((r) => r.pass).map((r) => r.no) };
      throw e;
    }
    s.filter = f;
    s.filterText = expr.trim();
    for (const r of s.rows) r.pass = f({ data: r.bytes, len: r.bytes.length, link: 'ether' });
    return { error: null, passing: s.rows.filter((r) => r.pass).map((r) => r.no) };
  }

  control(capture: number, action: 'stop' | 'clear' | 'close'): CaptureView | null {
    const s = this.sessions.get(capture);
    if (!s) return null;
    if (action === 'stop') s.stop();
    else if (action === 'clear') s.clear();
    else {
      s.stop();
      this.sessions.delete(capture);
      return null;
    }
    return s.view();
  }

  /** every packet of the captures asked for (as Wireshark's Save As, whatever the display filter): one IDB per capture */
  save(captures: readonly number[]): { bytes: Uint8Array; packets: number } {
    return capturesPcapng(captures.map((id) => this.sessions.get(id)).filter((s): s is Session => s !== undefined));
  }
}

/** what Save as .pcapng writes: one interface description per capture, the packets in the order they were taken */
export function capturesPcapng(sessions: readonly Session[]): { bytes: Uint8Array; packets: number } {
  const interfaces: PcapInterface[] = sessions.map((s) => ({ name: ifName(s), linktype: LINKTYPE_ETHERNET }));
  const packets: PcapPacket[] = sessions
    .flatMap((s, iface) => s.rows.map((r) => ({ seq: r.seq, p: { iface, tsUs: r.tsUs, data: r.bytes, dir: r.dir } })))
    // in the order they were taken: a reply after its request even within one microsecond
    .sort((a, b) => a.seq - b.seq)
    .map((x) => x.p);
  return { bytes: writePcapng({ interfaces, packets }), packets: packets.length };
}

/**
 * A trace's capture: every frame on every device of every namespace while the traced lines
 * run (no device made promiscuous: it changes nothing the kernel does), up to MAX frames.
 */
export class TraceCapture {
  private readonly socket: Capture;

  constructor(world: World, max: number) {
    this.socket = new Capture(world.root, null, { everyNamespace: true });
    this.socket.onFrame = () => {
      if (this.socket.frames.length >= max) this.socket.stop();
    };
  }

  /** stop; the pcapng of what it saw, or null when no frame moved */
  finish(): Uint8Array | null {
    this.socket.stop();
    return tracePcapng(this.socket.frames);
  }
}

/** a trace as a pcapng file: one interface per device the packets crossed, each frame where it was seen, by virtual time */
export function tracePcapng(frames: readonly CapturedFrame[]): Uint8Array | null {
  if (!frames.length) return null;
  const index = new Map<string, number>();
  const interfaces: PcapInterface[] = [];
  const packets: PcapPacket[] = frames.map((f) => {
    const name = ifName(f);
    let iface = index.get(name);
    if (iface === undefined) {
      iface = interfaces.length;
      index.set(name, iface);
      interfaces.push({ name, linktype: LINKTYPE_ETHERNET });
    }
    return { iface, tsUs: f.tsUs, data: finishChecksums(f.bytes, 14), dir: f.pktType === 'outgoing' ? 'out' : 'in' };
  });
  return writePcapng({ interfaces, packets });
}
