// Autosave in localStorage with two slots and a pointer: a save writes the slot the pointer
// does not name, then flips the pointer. A crash (or a full quota) mid-save leaves the pointer
// on the last complete save.

import { DocumentError, MAX_DOC_BYTES, fromCompact, safeJsonParse, toCompact, type LabDocument } from './document.ts';
import type { Edit, History } from '../lab/history.ts';
import type { Positions } from './document.ts';

type XY = { x: unknown; y: unknown };

export interface SaveStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const POINTER = 'netlab.save.current';
const SLOT = (s: 'a' | 'b') => `netlab.save.${s}`;

export interface Saved {
  readonly history: History;
  readonly doc: LabDocument;
}

export function save(store: SaveStore, saved: Saved): boolean {
  const current = store.getItem(POINTER) === 'b' ? 'b' : 'a';
  const next = current === 'a' ? 'b' : 'a';
  const body = JSON.stringify({
    ...toCompact(saved.doc),
    e: saved.history.done.map(compactEdit),
    u: saved.history.undone.map(compactEdit),
  });
  try {
    store.setItem(SLOT(next), body);
    store.setItem(POINTER, next);
    return true;
  } catch {
    return false;
  }
}

/** [label, lines] or, for an edit of the drawing only, [label, [], [before, after]] */
function compactEdit(e: Edit): unknown[] {
  return e.layout ? [e.label, e.lines, [e.layout.before, e.layout.after]] : [e.label, e.lines];
}

function isPositions(v: unknown): v is Positions {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  return Object.values(v).every((p) => typeof p === 'object' && p !== null && Number.isFinite((p as XY).x) && Number.isFinite((p as XY).y));
}

function edits(raw: unknown): Edit[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new DocumentError('saved history is malformed');
  return raw.map((e) => {
    if (
      !Array.isArray(e) ||
      (e.length !== 2 && e.length !== 3) ||
      typeof e[0] !== 'string' ||
      !Array.isArray(e[1]) ||
      !e[1].every((l: unknown) => typeof l === 'string')
    )
      throw new DocumentError('saved history is malformed');
    if (e.length === 2) return { label: e[0], lines: e[1] as string[] };
    const l = e[2] as unknown;
    if (!Array.isArray(l) || l.length !== 2 || !isPositions(l[0]) || !isPositions(l[1]))
      throw new DocumentError('saved history is malformed');
    return { label: e[0], lines: e[1] as string[], layout: { before: l[0], after: l[1] } };
  });
}

export function load(store: SaveStore): Saved | null {
  const pointer = store.getItem(POINTER);
  const order: Array<'a' | 'b'> = pointer === 'b' ? ['b', 'a'] : ['a', 'b'];
  for (const slot of order) {
    const text = store.getItem(SLOT(slot));
    if (!text || text.length > MAX_DOC_BYTES * 4) continue;
    try {
      const raw = safeJsonParse(text);
      if (typeof raw !== 'object' || raw === null) continue;
      const { e, u, ...rest } = raw as Record<string, unknown>;
      const doc = fromCompact(rest);
      const history: History = { done: edits(e), undone: edits(u) };
      return { history, doc };
    } catch {
      // a damaged slot: try the other one
    }
  }
  return null;
}
