// The command log as a history of edits. Undo replays the log without the undone edits; redo
// runs an undone edit again. Pure functions over plain data.

import type { Positions } from '../doc/document.ts';

export interface Edit {
  /** what a person did, for the undo button's title */
  readonly label: string;
  /** accepted dialect lines, as the root namespace runs them */
  readonly lines: readonly string[];
  /** an edit of the drawing only (Tidy up): the positions before and after */
  readonly layout?: { readonly before: Positions; readonly after: Positions };
}

export interface History {
  readonly done: readonly Edit[];
  /** undone edits, the most recent last */
  readonly undone: readonly Edit[];
}

export const MAX_HISTORY = 500;
export const EMPTY_HISTORY: History = { done: [], undone: [] };

export function logOf(h: History): string[] {
  return h.done.flatMap((e) => e.lines);
}

/** a new edit: it forgets what was undone. Old edits beyond the cap are merged, not dropped. */
export function pushEdit(h: History, e: Edit): History {
  if (!e.lines.length && !e.layout) return h;
  let done = [...h.done, e];
  if (done.length > MAX_HISTORY) {
    const [a, b, ...rest] = done;
    done = [{ label: b!.label, lines: [...a!.lines, ...b!.lines] }, ...rest];
  }
  return { done, undone: [] };
}

export function undo(h: History): { history: History; edit: Edit } | null {
  const edit = h.done[h.done.length - 1];
  if (!edit) return null;
  return { history: { done: h.done.slice(0, -1), undone: [...h.undone, edit] }, edit };
}

export function redo(h: History): { history: History; edit: Edit } | null {
  const edit = h.undone[h.undone.length - 1];
  if (!edit) return null;
  return { history: { done: [...h.done, edit], undone: h.undone.slice(0, -1) }, edit };
}

/** a whole new topology (import, link): one edit, so it can be undone too */
export function replaceAll(h: History, label: string, lines: readonly string[]): History {
  const base: History = { done: [], undone: [] };
  void h;
  return lines.length ? pushEdit(base, { label, lines }) : base;
}
