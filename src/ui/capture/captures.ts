// The capture view's state and what it asks the worker: one tab per open capture, its rows
// as the worker dissected them, the display filter, the selected row. Framework-free (a
// zustand/vanilla store beside the lab's), so it is tested without a browser. While a
// capture runs its new rows are fetched every moment: the packets a terminal, a probe or a
// running job sends reach the list whoever sent them.

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CaptureBatch, CapturePacket, CaptureView, RequestBody, ResponseFor } from '../../protocol/messages.ts';

export interface CaptureTab {
  readonly view: CaptureView;
  readonly packets: readonly CapturePacket[];
  /** the display filter typed in the box and in force; the last refused one with tcpdump's message */
  readonly filterError: string | null;
  /** the selected row's No. */
  readonly selected: number | null;
}

export interface CaptureState {
  readonly tabs: readonly CaptureTab[];
  readonly active: number | null;
  /** why the last start was refused (tcpdump's words) */
  readonly error: string | null;
}

/** what the captures need of the worker: its client's request */
export interface CaptureWorker {
  request<B extends RequestBody>(body: B): Promise<ResponseFor[B['type']]>;
}

const POLL_MS = 300;

export class Captures {
  readonly store: StoreApi<CaptureState> = createStore<CaptureState>()(() => ({ tabs: [], active: null, error: null }));
  private timer: ReturnType<typeof setInterval> | null = null;
  /** one request at a time: a read never overtakes a clear or a filter */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly worker: CaptureWorker) {}

  private get s(): CaptureState {
    return this.store.getState();
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.chain.then(op, op);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private patch(id: number, f: (t: CaptureTab) => CaptureTab): void {
    this.store.setState((s) => ({ tabs: s.tabs.map((t) => (t.view.id === id ? f(t) : t)) }));
  }

  /** a capture on DEV of NS (the tab of one already running there is shown instead) */
  start(ns: string, dev: string): Promise<boolean> {
    return this.serial(async () => {
      const open = this.s.tabs.find((t) => t.view.ns === ns && t.view.dev === dev && t.view.running);
      if (open) {
        this.store.setState({ active: open.view.id, error: null });
        return true;
      }
      const r = await this.worker.request({ type: 'captureStart', ns, dev });
      if (!r.capture) {
        this.store.setState({ error: r.error });
        return false;
      }
      const tab: CaptureTab = { view: r.capture, packets: [], filterError: null, selected: null };
      this.store.setState((s) => ({ tabs: [...s.tabs, tab], active: tab.view.id, error: null }));
      this.schedule();
      return true;
    });
  }

  /** fetch what every running capture took since the last read */
  read(): Promise<void> {
    return this.serial(async () => {
      const running = this.s.tabs.filter((t) => t.view.running);
      if (!running.length) return;
      const r = await this.worker.request({
        type: 'captureRead',
        from: running.map((t) => ({ capture: t.view.id, from: t.packets.length })),
      });
      const got = new Map(r.batches.map((b) => [b.capture, b]));
      for (const t of running) this.patch(t.view.id, (tab) => merge(tab, got.get(t.view.id) ?? null));
      this.schedule();
    });
  }

  private schedule(): void {
    const want = this.s.tabs.some((t) => t.view.running);
    if (want && !this.timer) this.timer = setInterval(() => void this.read().catch(() => undefined), POLL_MS);
    if (!want && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  /** a display filter; a refused one leaves the list as it was, with tcpdump's message */
  filter(id: number, expr: string): Promise<void> {
    return this.serial(async () => {
      const r = await this.worker.request({ type: 'captureFilter', capture: id, expr });
      this.patch(id, (t) => {
        if (r.error !== null) return { ...t, filterError: r.error };
        const pass = new Set(r.passing);
        return {
          ...t,
          filterError: null,
          view: { ...t.view, filter: expr.trim() },
          packets: t.packets.map((p) => (p.pass === pass.has(p.no) ? p : { ...p, pass: pass.has(p.no) })),
        };
      });
    });
  }

  control(id: number, action: 'stop' | 'clear' | 'close'): Promise<void> {
    return this.serial(async () => {
      // what it took before it stopped is kept
      if (action === 'stop') await this.readNow(id);
      const r = await this.worker.request({ type: 'captureControl', capture: id, action });
      if (action === 'close' || !r.capture) {
        this.store.setState((s) => {
          const tabs = s.tabs.filter((t) => t.view.id !== id);
          return { tabs, active: s.active === id ? (tabs[tabs.length - 1]?.view.id ?? null) : s.active };
        });
      } else {
        const view = r.capture;
        this.patch(id, (t) => ({ ...t, view, ...(action === 'clear' ? { packets: [], selected: null } : {}) }));
      }
      this.schedule();
    });
  }

  private async readNow(id: number): Promise<void> {
    const t = this.s.tabs.find((x) => x.view.id === id);
    if (!t) return;
    const r = await this.worker.request({ type: 'captureRead', from: [{ capture: id, from: t.packets.length }] });
    this.patch(id, (tab) => merge(tab, r.batches[0] ?? null));
  }

  select(id: number, no: number | null): void {
    this.patch(id, (t) => ({ ...t, selected: no }));
  }

  show(id: number): void {
    this.store.setState({ active: id });
  }

  /** the pcapng file of every open capture, one interface each */
  save(): Promise<{ bytes: Uint8Array; packets: number }> {
    return this.serial(async () => {
      await this.readAllNow();
      const r = await this.worker.request({ type: 'captureSave', captures: this.s.tabs.map((t) => t.view.id) });
      return { bytes: r.bytes, packets: r.packets };
    });
  }

  private async readAllNow(): Promise<void> {
    for (const t of this.s.tabs) if (t.view.running) await this.readNow(t.view.id);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/** a tab with a batch of new rows; no batch: the worker no longer holds it (a restart), so it has stopped */
export function merge(t: CaptureTab, b: CaptureBatch | null): CaptureTab {
  if (!b) return { ...t, view: { ...t.view, running: false } };
  let packets = t.packets;
  if (b.amends.length) {
    const add = new Map<number, string>();
    for (const a of b.amends) add.set(a.no, (add.get(a.no) ?? '') + a.info);
    packets = packets.map((p) => (add.has(p.no) ? { ...p, info: p.info + add.get(p.no)! } : p));
  }
  if (b.packets.length) packets = [...packets, ...b.packets];
  if (packets === t.packets && b.running === t.view.running) return t;
  return { ...t, packets, view: { ...t.view, running: b.running } };
}

/** Wireshark's Time column: seconds since the capture's first frame, to the microsecond */
export function relativeTime(p: CapturePacket, first: CapturePacket | undefined): string {
  return ((p.tsUs - (first?.tsUs ?? p.tsUs)) / 1e6).toFixed(6);
}

/** the file name a download gets: the captured interfaces' names */
export function fileName(tabs: readonly CaptureTab[]): string {
  const names = tabs.map((t) => (t.view.ns === 'root' ? t.view.dev : `${t.view.ns}-${t.view.dev}`));
  return `${names.join('+').replace(/[^\w.+-]/g, '_') || 'capture'}.pcapng`;
}

const of = new WeakMap<object, Captures>();

/** the captures of a lab (one per page), made the first time they are asked for */
export function capturesOf(lab: { client: CaptureWorker }): Captures {
  let c = of.get(lab);
  if (!c) {
    const client = lab.client;
    c = new Captures({ request: (body) => client.request(body) });
    of.set(lab, c);
  }
  return c;
}
