// The command log as a history of edits. Undo replays the log without the undone edits; redo
// runs an undone edit again. Pure functions over plain data.
//
// A whole new lab (a link, a file, a lesson) is an edit too: it starts from an empty world
// (`reset`) and remembers the drawing it replaced, so one Undo brings the previous lab back.

import type { LayoutMeta, Positions } from '../doc/document.ts';

/** what the canvas showed besides the topology: where nodes were, and the roles given */
export interface Drawing {
  readonly positions: Positions;
  readonly meta: LayoutMeta;
}

export interface Edit {
  /** what a person did, for the undo button's title */
  readonly label: string;
  /** accepted dialect lines, as the root namespace runs them */
  readonly lines: readonly string[];
  /** an edit of the drawing only (Tidy up): the positions before and after */
  readonly layout?: { readonly before: Positions; readonly after: Positions };
  /** a whole new lab: its lines run from an empty world; the drawings before and after */
  readonly reset?: { readonly before: Drawing; readonly after: Drawing };
}

export interface History {
  readonly done: readonly Edit[];
  /** undone edits, the most recent last */
  readonly undone: readonly Edit[];
}

export const MAX_HISTORY = 500;
export const EMPTY_HISTORY: History = { done: [], undone: [] };

/** the lines that build the current lab: from the last whole new lab on */
export function logOf(h: History): string[] {
  let from = 0;
  for (let i = h.done.length - 1; i >= 0; i--) {
    if (h.done[i]!.reset) {
      from = i;
      break;
    }
  }
  return h.done.slice(from).flatMap((e) => e.lines);
}

/** two oldest edits as one: a whole new lab forgets what came before it */
function merge(a: Edit, b: Edit): Edit {
  if (b.reset) return b;
  const lines = [...a.lines, ...b.lines];
  return a.reset ? { label: b.label, lines, reset: a.reset } : { label: b.label, lines };
}

/** a new edit: it forgets what was undone. Old edits beyond the cap are merged, not dropped. */
export function pushEdit(h: History, e: Edit): History {
  if (!e.lines.length && !e.layout && !e.reset) return h;
  let done = [...h.done, e];
  if (done.length > MAX_HISTORY) {
    const [a, b, ...rest] = done;
    done = [merge(a!, b!), ...rest];
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

/**
 * a whole new topology (link, file, lesson, replacing import): one edit on top of the old lab,
 * so Undo takes it back to the lab it replaced, drawing included
 */
export function replaceAll(h: History, label: string, lines: readonly string[], before: Drawing, after: Drawing): History {
  return pushEdit(h, { label, lines, reset: { before, after } });
}
