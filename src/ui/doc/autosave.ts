// Autosave in localStorage, one lab per key family: `netlab.lab.<id>.a|b|current`. A save
// writes the slot the pointer does not name, then flips the pointer, so a crash (or a full
// quota) mid-save leaves the pointer on the last complete save. Each tab works on its own lab
// id (tabs.ts), so two tabs never write the same slots. An index (`netlab.labs`) says when each
// lab was last saved: a new tab opens the most recent one.
//
// A slot is `z1.` + base64url(deflate-raw(JSON)): iptables rulesets compress tenfold, so a lab
// at the size limit still fits the browser's few megabytes. Every failure is returned, never
// swallowed: the page shows it with a way out.

import type { Drawing, Edit, History } from '../lab/history.ts';
import { logOf } from '../lab/history.ts';
import {
  DocumentError,
  EMPTY_META,
  MAX_DOC_BYTES,
  MAX_DOC_TEXT,
  ROLES,
  fromCompact,
  safeJsonParse,
  toCompact,
  type LabDocument,
  type LayoutMeta,
  type Positions,
  type Role,
} from './document.ts';
import { deflate, fromBase64Url, inflate, toBase64Url } from './link.ts';

type XY = { x: unknown; y: unknown };

export interface SaveStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

export interface Saved {
  readonly history: History;
  readonly doc: LabDocument;
}

/**
 * a saved lab holds its document and the history that built it: at most twice the one size
 * limit once inflated (the history is trimmed to fit, see `withinLimit`)
 */
export const MAX_SAVED_CHARS = 2 * MAX_DOC_BYTES;
/** what browsers give an origin's localStorage: 5 Mi characters, keys included (measured in Chromium; Firefox and Safari give the same) */
export const STORAGE_QUOTA_CHARS = 5 * 1024 * 1024;
/** storage fuller than this is shown to the person */
export const NEAR_FULL = 0.8;
/** labs kept besides the ones in use; older ones are forgotten */
export const MAX_LABS = 12;

export const INDEX_KEY = 'netlab.labs';
const INDEX = INDEX_KEY;
const PACKED = 'z1.';
export const LEGACY = 'netlab.save';
export const labPrefix = (id: string) => `netlab.lab.${id}`;
const pointerKey = (prefix: string) => `${prefix}.current`;
const slotKey = (prefix: string, s: 'a' | 'b') => `${prefix}.${s}`;

export type SaveResult =
  | { readonly ok: true; readonly usage: number; readonly trimmed: boolean }
  | { readonly ok: false; readonly reason: 'quota' | 'too-large' | 'error'; readonly message: string; readonly usage: number };

/** how full localStorage is, 0..1, counting every key (ours and others') */
export function storageUsage(store: SaveStore): number {
  let chars = 0;
  for (let i = 0; i < store.length; i++) {
    const k = store.key(i);
    if (k === null) continue;
    chars += k.length + (store.getItem(k)?.length ?? 0);
  }
  return Math.min(1, chars / STORAGE_QUOTA_CHARS);
}

/** when each lab was last saved (lab id -> ms since the epoch) */
export function labIndex(store: SaveStore): Record<string, number> {
  try {
    const raw = safeJsonParse(store.getItem(INDEX) ?? '{}');
    const out: Record<string, number> = {};
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw))
      for (const [id, t] of Object.entries(raw)) if (typeof t === 'number' && /^[\w-]{1,64}$/.test(id)) out[id] = t;
    return out;
  } catch {
    return {};
  }
}

/** lab ids, the most recently saved first */
export function recentLabs(store: SaveStore): string[] {
  const idx = labIndex(store);
  return Object.keys(idx).sort((a, b) => idx[b]! - idx[a]!);
}

function isQuota(e: unknown): boolean {
  return e instanceof DOMException ? e.name === 'QuotaExceededError' || e.code === 22 : /quota/i.test(String(e));
}

/** [label, lines] / [label, lines, [before, after]] (Tidy up) / [label, lines, 0, [before, after]] (a whole new lab) */
function compactEdit(e: Edit): unknown[] {
  if (e.reset) return [e.label, e.lines, 0, [compactDrawing(e.reset.before), compactDrawing(e.reset.after)]];
  return e.layout ? [e.label, e.lines, [e.layout.before, e.layout.after]] : [e.label, e.lines];
}

function compactDrawing(d: Drawing): unknown {
  return { p: d.positions, r: d.meta.roles, h: d.meta.parents };
}

/**
 * the history as it can be saved within the limit: whole, then without the labs a new one
 * replaced (and without redo), then as one edit holding the log. Undo after a reload reaches
 * as far back as the limit allows; the lab itself is always kept.
 */
function withinLimit(saved: Saved): { json: string; trimmed: boolean } | null {
  const doc = toCompact(saved.doc);
  const body = (done: readonly Edit[], undone: readonly Edit[]) =>
    JSON.stringify({ ...doc, e: done.map(compactEdit), u: undone.map(compactEdit) });
  const h = saved.history;
  const whole = body(h.done, h.undone);
  if (whole.length <= MAX_SAVED_CHARS) return { json: whole, trimmed: false };
  let last = 0;
  for (let i = h.done.length - 1; i >= 0; i--)
    if (h.done[i]!.reset) {
      last = i;
      break;
    }
  const recent = body(
    h.done.slice(last).map((e, i) => (i === 0 && e.reset ? { label: e.label, lines: e.lines } : e)),
    [],
  );
  if (recent.length <= MAX_SAVED_CHARS) return { json: recent, trimmed: true };
  const one = body([{ label: 'Saved lab', lines: logOf(h) }], []);
  if (one.length <= MAX_SAVED_CHARS) return { json: one, trimmed: true };
  return null;
}

const measure = (store: SaveStore) => {
  try {
    return storageUsage(store);
  } catch {
    return 1;
  }
};

/** the saved form of a lab within the limit, or the refusal a person sees */
function prepare(store: SaveStore, saved: Saved): { json: string; trimmed: boolean } | SaveResult {
  const docChars = JSON.stringify(toCompact(saved.doc)).length;
  const fitted = docChars <= MAX_DOC_BYTES ? withinLimit(saved) : null;
  return (
    fitted ?? {
      ok: false,
      reason: 'too-large',
      message: `This lab is larger than ${MAX_DOC_TEXT}, too large to keep in the browser: export it to a file to keep your work.`,
      usage: measure(store),
    }
  );
}

function write(store: SaveStore, id: string, body: string, now: number, trimmed: boolean): SaveResult {
  const prefix = labPrefix(id);
  const next = store.getItem(pointerKey(prefix)) === 'a' ? 'b' : 'a';
  try {
    store.setItem(slotKey(prefix, next), body);
    store.setItem(pointerKey(prefix), next);
    store.setItem(INDEX, JSON.stringify(prune({ ...labIndex(store), [id]: now }, store, id)));
    return { ok: true, usage: measure(store), trimmed };
  } catch (e) {
    return {
      ok: false,
      reason: isQuota(e) ? 'quota' : 'error',
      message: isQuota(e)
        ? "Your latest changes could not be saved: the browser's storage for this site is full. Export the lab to keep your work."
        : `Your latest changes could not be saved (${e instanceof Error ? e.message : String(e)}). Export the lab to keep your work.`,
      usage: isQuota(e) ? 1 : measure(store),
    };
  }
}

/**
 * save a lab under its id, packed; the result says how it went and how full storage is.
 * `stale` is asked once the packing is done: a newer save written meanwhile wins.
 */
export async function save(
  store: SaveStore,
  id: string,
  saved: Saved,
  now: number,
  stale: () => boolean = () => false,
): Promise<SaveResult> {
  const p = prepare(store, saved);
  if ('ok' in p) return p;
  let packed: string;
  try {
    packed = PACKED + toBase64Url(await deflate(p.json));
  } catch (e) {
    return { ok: false, reason: 'error', message: `Your latest changes could not be saved: ${String(e)}`, usage: measure(store) };
  }
  if (stale()) return { ok: true, usage: measure(store), trimmed: p.trimmed };
  return write(store, id, packed, now, p.trimmed);
}

/** save at once, unpacked: for the moment the page goes away, when there is no time to pack */
export function saveNow(store: SaveStore, id: string, saved: Saved, now: number): SaveResult {
  const p = prepare(store, saved);
  if ('ok' in p) return p;
  return write(store, id, p.json, now, p.trimmed);
}

/** keep the index to the most recent labs (and this one); forget the rest and their slots */
function prune(idx: Record<string, number>, store: SaveStore, keep: string): Record<string, number> {
  const ids = Object.keys(idx).sort((a, b) => idx[b]! - idx[a]!);
  for (const old of ids.slice(MAX_LABS)) {
    if (old === keep) continue;
    forgetLab(store, old);
    delete idx[old];
  }
  return idx;
}

export function forgetLab(store: SaveStore, id: string, prefix = labPrefix(id)): void {
  store.removeItem(slotKey(prefix, 'a'));
  store.removeItem(slotKey(prefix, 'b'));
  store.removeItem(pointerKey(prefix));
}

/** copy a lab's saves under a new id (a tab that found its lab open in another tab) */
export function copyLab(store: SaveStore, from: string, to: string, now: number, fromPrefix = labPrefix(from)): void {
  const toPrefix = labPrefix(to);
  for (const k of [pointerKey, (p: string) => slotKey(p, 'a'), (p: string) => slotKey(p, 'b')]) {
    const v = store.getItem(k(fromPrefix));
    if (v !== null) store.setItem(k(toPrefix), v);
  }
  store.setItem(INDEX, JSON.stringify({ ...labIndex(store), [to]: now }));
}

function isPositions(v: unknown): v is Positions {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  return Object.values(v).every((p) => typeof p === 'object' && p !== null && Number.isFinite((p as XY).x) && Number.isFinite((p as XY).y));
}

function isStringMap(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
}

function drawing(v: unknown): Drawing {
  if (typeof v !== 'object' || v === null) throw new DocumentError('saved history is malformed');
  const { p, r, h } = v as Record<string, unknown>;
  if (!isPositions(p) || !isStringMap(r) || !isStringMap(h) || !Object.values(r).every((x) => (ROLES as string[]).includes(x)))
    throw new DocumentError('saved history is malformed');
  const meta: LayoutMeta = { ...EMPTY_META, roles: r as Record<string, Role>, parents: h };
  return { positions: p, meta };
}

function edits(raw: unknown): Edit[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new DocumentError('saved history is malformed');
  return raw.map((e) => {
    if (
      !Array.isArray(e) ||
      e.length < 2 ||
      e.length > 4 ||
      typeof e[0] !== 'string' ||
      !Array.isArray(e[1]) ||
      !e[1].every((l: unknown) => typeof l === 'string')
    )
      throw new DocumentError('saved history is malformed');
    if (e.length === 2) return { label: e[0], lines: e[1] as string[] };
    if (e.length === 4) {
      const d = e[3] as unknown;
      if (!Array.isArray(d) || d.length !== 2) throw new DocumentError('saved history is malformed');
      return { label: e[0], lines: e[1] as string[], reset: { before: drawing(d[0]), after: drawing(d[1]) } };
    }
    const l = e[2] as unknown;
    if (!Array.isArray(l) || l.length !== 2 || !isPositions(l[0]) || !isPositions(l[1]))
      throw new DocumentError('saved history is malformed');
    return { label: e[0], lines: e[1] as string[], layout: { before: l[0], after: l[1] } };
  });
}

async function readSlot(text: string): Promise<Saved> {
  let json = text;
  if (text.startsWith(PACKED)) {
    json = await inflate(fromBase64Url(text.slice(PACKED.length)), MAX_SAVED_CHARS);
  } else if (text.length > MAX_SAVED_CHARS) {
    // a save from before slots were packed
    throw new DocumentError(`it is larger than ${MAX_DOC_TEXT}`);
  }
  const raw = safeJsonParse(json);
  if (typeof raw !== 'object' || raw === null) throw new DocumentError('it is not a netlab lab');
  const { e, u, ...rest } = raw as Record<string, unknown>;
  const doc = fromCompact(rest);
  return { history: { done: edits(e), undone: edits(u) }, doc };
}

export interface Loaded {
  readonly saved: Saved | null;
  /** what went wrong reading the latest save, for a person (null: nothing) */
  readonly problem: string | null;
}

/** the latest complete save of a lab; an unreadable latest save is reported, never skipped in silence */
export async function load(store: SaveStore, id: string, prefix = labPrefix(id)): Promise<Loaded> {
  const pointer = store.getItem(pointerKey(prefix));
  const order: Array<'a' | 'b'> = pointer === 'b' ? ['b', 'a'] : ['a', 'b'];
  let problem: string | null = null;
  for (const slot of order) {
    const text = store.getItem(slotKey(prefix, slot));
    if (!text) continue;
    try {
      return { saved: await readSlot(text), problem };
    } catch (e) {
      const why = e instanceof Error ? e.message.replace(/^Refused: /, '') : String(e);
      problem ??= `The latest autosave of this lab could not be read (${why}).`;
    }
  }
  return { saved: null, problem };
}
