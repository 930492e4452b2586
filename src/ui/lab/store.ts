// One zustand store made of slices: the world as the worker last reported it, the edit
// history, the layout, and the page's own UI state. Framework-free (zustand/vanilla); React
// reads it through narrow selectors.

import { createStore } from 'zustand/vanilla';
import type { WorldSnapshot } from '../../core/snapshot.ts';
import type { LineOutcome } from '../../protocol/messages.ts';
import { EMPTY_META, type LayoutMeta, type Positions } from '../doc/document.ts';
import { EMPTY_HISTORY, logOf, type Edit, type History } from './history.ts';
import { initialTraceSlice, type TraceSlice } from '../trace/slice.ts';
import { initialView, type ViewSlice } from './view.ts';

export type Selection =
  | { readonly kind: 'node'; readonly id: string }
  | { readonly kind: 'port'; readonly ns: string; readonly dev: string }
  | { readonly kind: 'edge'; readonly id: string }
  | null;

export interface TermEntry {
  readonly id: number;
  readonly ns: string;
  readonly line: string;
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
}

export interface Notice {
  readonly id: number;
  readonly level: 'error' | 'info';
  readonly text: string;
  /** a way out offered beside the message: save the lab to a file */
  readonly action?: 'export';
}

/** a question the page asks before it does something that replaces the lab */
export interface Question {
  readonly id: number;
  readonly title: string;
  readonly text: string;
  /** the label of the button that goes ahead */
  readonly confirm: string;
  /** the label of the button that keeps things as they are */
  readonly cancel: string;
}

export interface SaveSlice {
  /** why the last autosave failed (null: it worked, or none was tried yet) */
  readonly saveError: string | null;
  /** how full the browser's storage is, 0..1, as the last autosave measured it */
  readonly storageUsage: number;
  /** the history as it was when the lab was last opened, exported or linked: later edits are unsaved work */
  readonly cleanDone: readonly Edit[] | null;
  /** the question on screen, if any (ConfirmDialog shows it) */
  readonly question: Question | null;
  /** the id this tab's lab is saved under (null: the browser keeps nothing for this page) */
  readonly labId: string | null;
}

export interface WorldSlice {
  readonly ready: boolean;
  readonly snapshot: WorldSnapshot;
  readonly script: string;
  readonly busy: number;
}

export interface HistorySlice {
  readonly history: History;
}

export interface LayoutSlice {
  readonly positions: Positions;
  readonly meta: LayoutMeta;
}

export interface UiSlice {
  readonly selection: Selection;
  readonly terminal: readonly TermEntry[];
  readonly termNs: string;
  readonly notices: readonly Notice[];
  /** the kernel's refusal of an inspector field, shown beside that field */
  readonly fieldError: { readonly field: string; readonly message: string } | null;
  readonly theme: 'light' | 'dark';
  readonly panel: 'inspector' | 'script' | 'import' | 'trace' | 'matrix' | 'docker' | 'lessons';
  /** edges a probe crossed, highlighted for a moment */
  readonly lit: readonly string[];
  readonly lastPing: { readonly from: string; readonly to: string; readonly ok: boolean; readonly text: string } | null;
}

export type LabState = WorldSlice & HistorySlice & LayoutSlice & UiSlice & SaveSlice & TraceSlice & ViewSlice;

export const EMPTY_WORLD: WorldSnapshot = { namespaces: [] };

export function initialState(theme: 'light' | 'dark' = 'light'): LabState {
  return {
    ready: false,
    snapshot: EMPTY_WORLD,
    script: '',
    busy: 0,
    history: EMPTY_HISTORY,
    positions: {},
    meta: EMPTY_META,
    selection: null,
    terminal: [],
    termNs: 'root',
    notices: [],
    fieldError: null,
    theme,
    panel: 'inspector',
    lit: [],
    lastPing: null,
    saveError: null,
    storageUsage: 0,
    cleanDone: null,
    question: null,
    labId: null,
    ...initialTraceSlice,
    ...initialView(),
  };
}

export const createLabStore = (theme: 'light' | 'dark' = 'light') => createStore<LabState>()(() => initialState(theme));
export type LabStore = ReturnType<typeof createLabStore>;

// ---- reducers: plain functions of the state, tested without a browser -----------------------

let nextId = 1;

export function addNotice(s: LabState, level: Notice['level'], text: string, action?: Notice['action']): Partial<LabState> {
  const notice: Notice = action ? { id: nextId++, level, text, action } : { id: nextId++, level, text };
  const notices = [...s.notices, notice].slice(-4);
  return { notices };
}

/** the lab holds edits made since it was last opened, exported or linked */
export function hasUnsavedWork(s: LabState): boolean {
  return s.history.done.length > 0 && s.history.done !== s.cleanDone && logOf(s.history).length > 0;
}

export function dismissNotice(s: LabState, id: number): Partial<LabState> {
  return { notices: s.notices.filter((n) => n.id !== id) };
}

export const MAX_TERMINAL = 400;

export function appendTerminal(s: LabState, outcomes: readonly LineOutcome[], termNs: string): Partial<LabState> {
  const entries = outcomes.map((o) => ({ id: nextId++, ns: termNs, line: o.line, stdout: o.stdout, stderr: o.stderr, status: o.status }));
  return { terminal: [...s.terminal, ...entries].slice(-MAX_TERMINAL) };
}

/** positions of nodes that no longer exist are kept (undo brings them back) but capped */
export function movePositions(s: LabState, moved: Readonly<Record<string, { x: number; y: number }>>): Partial<LabState> {
  return { positions: { ...s.positions, ...moved } };
}

/** renaming keeps a node where it was */
export function renamePosition(positions: Positions, from: string, to: string): Positions {
  const p = positions[from];
  if (!p) return positions;
  const out: Record<string, { x: number; y: number }> = { ...positions, [to]: p };
  delete out[from];
  return out;
}

/** presentation mode on or off; on, the trace being followed is the one the canvas shows */
export function setPresent(s: LabState, present: boolean): Partial<LabState> {
  return present && s.traceId !== null ? { present, panel: 'trace' } : { present };
}
