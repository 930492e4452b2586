// A typed test API on window.netlab (as tldraw and excalidraw expose theirs): for assertions
// about state in Playwright, and for the UI benchmark. Tests still drive the UI as a person.

import type { WorldSnapshot } from '../core/snapshot.ts';
import type { Positions } from './doc/document.ts';
import { encodeLink } from './doc/link.ts';
import { deriveGraph } from './graph/derive.ts';
import { layoutGraph } from './graph/layout.ts';
import { questionShown } from './lab/confirm.ts';
import { logOf } from './lab/history.ts';
import type { Lab } from './lab/lab.ts';

export interface NetlabTestApi {
  readonly version: 1;
  /** resolves when every queued operation has finished (or a question waits for a person) */
  idle(): Promise<void>;
  /** write the pending autosave now; resolves once it is stored (or has failed, with its notice) */
  saved(): Promise<void>;
  snapshot(): WorldSnapshot;
  namespaces(): string[];
  devices(ns: string): Array<{ name: string; kind: string; addrs: readonly string[]; master: string | null; up: boolean }>;
  nodes(): Array<{ id: string; kind: string; parent: string | null }>;
  edges(): Array<{ id: string; kind: string; source: string; target: string }>;
  positions(): Positions;
  script(): string;
  log(): string[];
  historyDepth(): { done: number; undone: number };
  /** the notices on screen, oldest first (an error stays until it is dismissed) */
  notices(): Array<{ level: 'error' | 'info'; text: string }>;
  shareLink(): Promise<string>;
  /** replace the lab with these lines (bench, fixtures) */
  loadScript(lines: string[]): Promise<void>;
  /** milliseconds for one whole layout of the lab (what Tidy up and a new lab run): the median of `runs` */
  layoutMs(runs?: number): number;
  /** make the worker stop answering, to exercise the restart */
  hangWorker(): void;
  restarts(): number;
  /** the kinds of worker request waiting for an answer now (the heartbeat's ping aside) */
  inFlight(): string[];
  /** the watchdog budget of one kind of worker request, in ms (null: the default) */
  setBudget(type: 'exec' | 'reset' | 'trial' | 'matrix', ms: number | null): void;
}

declare global {
  interface Window {
    netlab?: NetlabTestApi;
  }
}

export function installTestApi(lab: Lab, pending: () => Promise<unknown>, flushSaves: () => Promise<void>): NetlabTestApi {
  const st = () => lab.store.getState();
  const api: NetlabTestApi = {
    version: 1,
    idle: async () => {
      // a question on screen waits for a person: idle is then reached, not the answer
      await Promise.race([pending(), questionShown(lab.store)]);
      await lab.idle();
    },
    saved: async () => {
      await lab.idle();
      await flushSaves();
    },
    snapshot: () => st().snapshot,
    namespaces: () => st().snapshot.namespaces.map((n) => n.name),
    devices: (ns) =>
      (st().snapshot.namespaces.find((n) => n.name === ns)?.devices ?? []).map((d) => ({
        name: d.name,
        kind: d.kind,
        addrs: d.addrs,
        master: d.master,
        up: d.up,
      })),
    nodes: () => deriveGraph(st().snapshot, st().meta).nodes.map((n) => ({ id: n.id, kind: n.kind, parent: n.parent })),
    edges: () => deriveGraph(st().snapshot, st().meta).edges.map((e) => ({ id: e.id, kind: e.kind, source: e.source, target: e.target })),
    positions: () => st().positions,
    script: () => st().script,
    log: () => logOf(st().history),
    historyDepth: () => ({ done: st().history.done.length, undone: st().history.undone.length }),
    notices: () => st().notices.map((n) => ({ level: n.level, text: n.text })),
    shareLink: async () => `${location.origin}${location.pathname}${await encodeLink(lab.document())}`,
    loadScript: async (lines) => {
      await lab.openDocument({ v: 2, script: lines, positions: {}, meta: { roles: {}, parents: {} } }, 'Load script');
    },
    layoutMs: (runs = 7) => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        layoutGraph(deriveGraph(st().snapshot, st().meta), {}, {}, { aspect: st().canvasAspect });
        times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
    },
    hangWorker: () => {
      // a worker that stops answering: swallow every message from now on
      const w = lab.client.debugWorker();
      w.onmessage = null;
    },
    restarts: () => lab.client.restarts,
    inFlight: () => lab.client.inFlight().filter((t) => t !== 'ping'),
    setBudget: (type, ms) => lab.client.setBudget(type, ms),
  };
  window.netlab = api;
  return api;
}
