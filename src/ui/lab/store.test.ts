import { describe, expect, it } from 'vitest';
import { MAX_TERMINAL, addNotice, appendTerminal, createLabStore, dismissNotice, movePositions, renamePosition } from './store.ts';

describe('store reducers', () => {
  it('notices: at most four, dismissable', () => {
    const store = createLabStore();
    for (let i = 0; i < 6; i++) store.setState((s) => addNotice(s, 'error', `n${i}`));
    const ns = store.getState().notices;
    expect(ns.map((n) => n.text)).toEqual(['n2', 'n3', 'n4', 'n5']);
    store.setState((s) => dismissNotice(s, ns[0]!.id));
    expect(store.getState().notices.map((n) => n.text)).toEqual(['n3', 'n4', 'n5']);
  });

  it('terminal keeps the latest lines', () => {
    const store = createLabStore();
    const o = { line: 'ip a', ns: 'root', stdout: 'x', stderr: '', status: 0, kind: 'setup' as const, accepted: false };
    for (let i = 0; i < MAX_TERMINAL + 10; i++) store.setState((s) => appendTerminal(s, [o], 'root'));
    expect(store.getState().terminal).toHaveLength(MAX_TERMINAL);
  });

  it('moves and renames positions without touching the others', () => {
    const store = createLabStore();
    store.setState((s) => movePositions(s, { a: { x: 1, y: 2 }, b: { x: 3, y: 4 } }));
    store.setState((s) => movePositions(s, { a: { x: 5, y: 6 } }));
    expect(store.getState().positions).toEqual({ a: { x: 5, y: 6 }, b: { x: 3, y: 4 } });
    expect(renamePosition(store.getState().positions, 'a', 'c')).toEqual({ c: { x: 5, y: 6 }, b: { x: 3, y: 4 } });
  });
});
