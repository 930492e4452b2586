// A big lab is drawn a slice at a time. React Flow mounts every node it is given in one
// render; a link or file of thousands of namespaces would hold the page for seconds while it
// does. New nodes beyond a batch wait for the next task, so the page answers input between
// batches and the drawing fills in over a few frames. Labs of ordinary size, and the few nodes
// a command adds, are drawn at once.

import { startTransition, useEffect, useReducer, useRef } from 'react';

/** how many nodes not yet drawn are added per task */
export const MOUNT_BATCH = 120;

/**
 * The nodes to draw now: those already drawn, and the first `batch` of the others in the
 * order given (React Flow's order: a box before what it holds, so a child never comes
 * before its box). `more` says whether some wait.
 */
export function nextSlice<N extends { readonly id: string; readonly parentId?: string }>(
  nodes: N[],
  drawn: ReadonlySet<string>,
  batch = MOUNT_BATCH,
): { readonly show: N[]; readonly more: boolean } {
  let fresh = 0;
  for (const n of nodes) if (!drawn.has(n.id)) fresh++;
  if (fresh <= batch) return { show: nodes, more: false };
  const show: N[] = [];
  const ids = new Set<string>();
  let added = 0;
  for (const n of nodes) {
    const parentShown = !n.parentId || ids.has(n.parentId);
    if (parentShown && (drawn.has(n.id) || added < batch)) {
      if (!drawn.has(n.id)) added++;
      show.push(n);
      ids.add(n.id);
    }
  }
  return { show, more: show.length < nodes.length };
}

/** the nodes to hand React Flow on this render; the rest follow, a batch per task */
export function useProgressiveNodes<N extends { readonly id: string; readonly parentId?: string }>(nodes: N[]): N[] {
  const drawn = useRef<Set<string>>(new Set());
  const [, next] = useReducer((x: number) => x + 1, 0);
  const { show, more } = nextSlice(nodes, drawn.current);
  useEffect(() => {
    const ids = new Set<string>();
    for (const n of show) ids.add(n.id);
    drawn.current = ids;
    if (!more) return;
    const t = setTimeout(() => startTransition(next), 0);
    return () => clearTimeout(t);
  }, [show, more]);
  return show;
}
