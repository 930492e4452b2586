// tcpdump: a capture on a device (or "any") of a namespace, printed as tcpdump 4.99 prints it,
// or written to a file (-w: classic pcap, as libpcap writes it), or a file read back (-r, pcap
// or pcapng). A live capture is a job: it runs until its count (-c) is reached or it is
// interrupted (Ctrl+C, or the end of a script), then says how many packets it captured, on
// standard error as tcpdump does.

import { Capture, type CapturedFrame, PACKET_TYPE_CODE } from '../../core/capture/tap.ts';
import { finishChecksums } from '../../core/capture/wire.ts';
import {
  CaptureFileError,
  LINKTYPE_ETHERNET,
  LINKTYPE_LINUX_SLL2,
  type PcapPacket,
  readCapture,
  sll2Header,
  writePcap,
} from '../../core/capture/pcapng.ts';
import type { Netns } from '../../core/netns.ts';
import { CmdError, type ExecResult } from '../result.ts';
import { compileFilter, type Filter, FilterError } from './filter.ts';
import { parseOptions, type TcpdumpOptions, VERSION } from './options.ts';
import { type Packet, Printer } from './print.ts';

/** where -w writes and -r reads: the lab's files (a real file system in Node) */
export interface CaptureFiles {
  /** the file's bytes; throws an Error whose message is the system's (e.g. "No such file or directory") */
  read(path: string): Uint8Array;
  write(path: string, data: Uint8Array): void;
}

/** files kept in memory: the browser's lab */
export class MemoryFiles implements CaptureFiles {
  readonly files = new Map<string, Uint8Array>();
  read(path: string): Uint8Array {
    const f = this.files.get(path);
    if (!f) throw new Error('No such file or directory');
    return f;
  }
  write(path: string, data: Uint8Array): void {
    this.files.set(path, data);
  }
}

/** the Linux cooked v2 header's length: the IP packet follows it */
const SLL2_LEN = 20;

const LINK_NAME = {
  ether: 'EN10MB (Ethernet)',
  sll2: 'LINUX_SLL2 (Linux cooked v2)',
};

function compile(o: TcpdumpOptions, link: 'ether' | 'sll2'): Filter {
  try {
    return compileFilter(o.expression, link);
  } catch (e) {
    if (e instanceof FilterError) throw new CmdError(`tcpdump: ${e.message}`, 1);
    throw e;
  }
}

/** a frame as a packet socket of this capture reads it: Ethernet, or cooked for "any" */
function asPacket(c: CapturedFrame, any: boolean): Packet {
  if (!any) return { tsUs: c.tsUs, data: c.bytes, len: c.bytes.length, link: 'ether', ifname: c.dev };
  const b = c.bytes;
  const hdr = sll2Header((b[12]! << 8) | b[13]!, c.ifindex, PACKET_TYPE_CODE[c.pktType], b.subarray(6, 12));
  const data = new Uint8Array(hdr.length + b.length - 14);
  data.set(hdr);
  data.set(b.subarray(14), hdr.length);
  return { tsUs: c.tsUs, data, len: data.length, link: 'sll2', ifname: c.dev };
}

/** one running tcpdump */
export class TcpdumpJob {
  readonly cmd: string;
  /** the namespace of the terminal that started it: its output appears there */
  origin = 'root';
  /** the shell's number for it, unique while the shell lives (the terminal signals it by this) */
  serial = 0;
  /** started with `&`: the terminal it came from stays free for other commands */
  background = false;
  private readonly capture: Capture;
  private readonly printer: Printer;
  private out = '';
  private captured = 0;
  private readonly written: PcapPacket[] = [];
  private done = false;
  private reported = false;

  constructor(
    private readonly o: TcpdumpOptions,
    ns: Netns,
    private readonly iface: string,
    private readonly filter: Filter,
    private readonly files: CaptureFiles,
    cmd: string,
  ) {
    this.cmd = cmd;
    const dev = iface === 'any' ? null : (ns.dev(iface) ?? null);
    this.capture = new Capture(ns, dev, { promisc: o.promisc });
    this.printer = new Printer(o);
    this.capture.onFrame = (c) => this.take(c);
    if (o.write) this.flushFile();
  }

  private get any(): boolean {
    return this.iface === 'any';
  }

  private take(c: CapturedFrame): void {
    if (this.done) return;
    if (this.o.direction === 'in' && c.pktType === 'outgoing') return;
    if (this.o.direction === 'out' && c.pktType !== 'outgoing') return;
    const p = asPacket(c, this.any);
    if (!this.filter({ data: p.data, len: p.len, link: p.link })) return;
    this.captured++;
    // a file is for Wireshark: the checksums a device would have finished are finished there
    if (this.o.write)
      this.written.push({
        iface: 0,
        tsUs: p.tsUs,
        data: finishChecksums(p.data, this.any ? SLL2_LEN : 14),
        dir: c.pktType === 'outgoing' ? 'out' : 'in',
      });
    if (!this.o.write || this.o.print)
      this.out += `${this.o.number ? `${String(this.captured).padStart(5)}  ` : ''}${this.printer.print(p)}\n`;
    if (this.o.count !== null && this.captured >= this.o.count) this.finish();
  }

  private flushFile(): void {
    if (!this.o.write) return;
    const linktype = this.any ? LINKTYPE_LINUX_SLL2 : LINKTYPE_ETHERNET;
    this.files.write(this.o.write, writePcap(linktype, this.written));
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.capture.stop();
    this.flushFile();
  }

  get running(): boolean {
    return !this.done;
  }

  /** it has ended and said so: nothing more will come from it */
  get over(): boolean {
    return this.reported;
  }

  /** what it printed since the last call, and its trailer once it has ended */
  collect(): ExecResult {
    const stdout = this.out;
    this.out = '';
    let stderr = '';
    if (this.done && !this.reported) {
      this.reported = true;
      stderr = this.trailer();
    }
    if (!this.done && this.o.write) this.flushFile();
    return { stdout, stderr, status: 0 };
  }

  /** SIGINT: it stops, prints a newline (a line may have been cut short) and its counts */
  interrupt(): ExecResult {
    const wasRunning = !this.done;
    this.finish();
    const r = this.collect();
    return { ...r, stdout: r.stdout + (wasRunning && (!this.o.write || this.o.print) ? '\n' : '') };
  }

  private trailer(): string {
    const n = this.captured;
    const s = (k: number): string => (k === 1 ? '' : 's');
    return `${n} packet${s(n)} captured\n${n} packet${s(n)} received by filter\n0 packets dropped by kernel\n`;
  }
}

export interface TcpdumpStart {
  readonly result: ExecResult;
  /** a live capture: runs on after the command line returns */
  readonly job?: TcpdumpJob;
}

/** the device tcpdump opens when no -i is given: the first one up and running, else "any" */
function defaultIface(ns: Netns): string {
  const devs = ns
    .deviceList()
    .filter((d) => d.kind !== 'loopback' && d.operUp())
    .sort((a, b) => a.ifindex - b.ifindex);
  return devs[0]?.name ?? 'any';
}

export function tcpdumpCommand(ns: Netns, args: readonly string[], files: CaptureFiles, cmd: string): TcpdumpStart {
  const o = parseOptions(args);
  if (o.version) return { result: { stdout: VERSION, stderr: '', status: 0 } };
  if (o.read !== null) return { result: readFile(o, files, ns) };
  const iface = o.iface ?? defaultIface(ns);
  if (iface !== 'any') {
    const dev = ns.dev(iface);
    if (!dev) throw new CmdError(`tcpdump: ${iface}: No such device exists\n(No such device exists)`, 1);
    if (!dev.up) throw new CmdError(`tcpdump: ${iface}: That device is not up`, 1);
  }
  const link = iface === 'any' ? 'sll2' : 'ether';
  const filter = compile(o, link);
  if (o.write) {
    try {
      files.write(o.write, new Uint8Array(0));
    } catch (e) {
      throw new CmdError(`tcpdump: ${o.write}: ${(e as Error).message}`, 1);
    }
  }
  let stderr = iface === 'any' ? 'tcpdump: data link type LINUX_SLL2\n' : '';
  const listening = `listening on ${iface}, link-type ${LINK_NAME[link]}, snapshot length 262144 bytes\n`;
  if (o.vflag || o.write) stderr += `tcpdump: ${listening}`;
  else stderr += `tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n${listening}`;
  const job = new TcpdumpJob(o, ns, iface, filter, files, cmd);
  return { result: { stdout: '', stderr, status: 0 }, job };
}

function readFile(o: TcpdumpOptions, files: CaptureFiles, ns: Netns): ExecResult {
  let bytes: Uint8Array;
  try {
    bytes = files.read(o.read!);
  } catch (e) {
    throw new CmdError(`tcpdump: ${o.read}: ${(e as Error).message}`, 1);
  }
  let file: ReturnType<typeof readCapture>;
  try {
    file = readCapture(bytes);
  } catch (e) {
    if (e instanceof CaptureFileError) throw new CmdError(`tcpdump: ${e.message}`, 1);
    throw e;
  }
  const linktype = file.interfaces[0]?.linktype ?? LINKTYPE_ETHERNET;
  if (linktype !== LINKTYPE_ETHERNET && linktype !== LINKTYPE_LINUX_SLL2)
    throw new CmdError(`netlab: tcpdump reads Ethernet and Linux cooked v2 captures (this one has link type ${linktype})`, 1);
  const link = linktype === LINKTYPE_ETHERNET ? 'ether' : 'sll2';
  const filter = compile(o, link);
  let stderr = `reading from file ${o.read}, link-type ${LINK_NAME[link]}, snapshot length 262144\n`;
  if (link === 'sll2') stderr += 'Warning: interface names might be incorrect\n';
  const printer = new Printer(o);
  let stdout = '';
  let n = 0;
  const out: PcapPacket[] = [];
  for (const p of file.packets) {
    if (o.count !== null && n >= o.count) break;
    // a cooked capture names its interfaces by index: if_indextoname here, as tcpdump does
    const ifname = link === 'sll2' ? (ns.deviceList().find((d) => d.ifindex === ifindexOf(p.data))?.name ?? '?') : '';
    const pkt: Packet = { tsUs: p.tsUs, data: p.data, len: p.origLen ?? p.data.length, link, ifname };
    if (!filter({ data: pkt.data, len: pkt.len, link })) continue;
    n++;
    if (o.write) out.push(p);
    if (!o.write || o.print) stdout += `${o.number ? `${String(n).padStart(5)}  ` : ''}${printer.print(pkt)}\n`;
  }
  if (o.write) files.write(o.write, writePcap(linktype, out));
  return { stdout, stderr, status: 0 };
}

const ifindexOf = (d: Uint8Array): number => (((d[4] ?? 0) << 24) | ((d[5] ?? 0) << 16) | ((d[6] ?? 0) << 8) | (d[7] ?? 0)) >>> 0;
