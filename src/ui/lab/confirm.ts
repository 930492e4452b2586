// Questions the page asks in its own dialog (never window.confirm, which blocks the page and
// which a browser may suppress): the question is data in the store, ConfirmDialog shows it, and
// the answer resolves the promise `ask` returned.

import type { LabStore, Question } from './store.ts';

let nextId = 1;
const waiting = new Map<number, (ok: boolean) => void>();

/** show a question; resolves true when the person goes ahead, false when they cancel */
export function ask(store: LabStore, q: Omit<Question, 'id'>): Promise<boolean> {
  // a newer question replaces one still open: the older one counts as cancelled
  const open = store.getState().question;
  if (open) answer(store, open.id, false);
  const id = nextId++;
  return new Promise<boolean>((resolve) => {
    waiting.set(id, resolve);
    store.setState({ question: { id, ...q } });
  });
}

export function answer(store: LabStore, id: number, ok: boolean): void {
  const resolve = waiting.get(id);
  waiting.delete(id);
  if (store.getState().question?.id === id) store.setState({ question: null });
  resolve?.(ok);
}

/** resolves once a question is on screen: from then on, only a person can move things on */
export function questionShown(store: LabStore): Promise<void> {
  if (store.getState().question) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = store.subscribe((s) => {
      if (s.question) {
        stop();
        resolve();
      }
    });
  });
}
