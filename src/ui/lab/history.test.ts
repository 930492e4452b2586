import { describe, expect, it } from 'vitest';
import { EMPTY_HISTORY, MAX_HISTORY, logOf, pushEdit, redo, replaceAll, undo, type History } from './history.ts';

const e = (n: number) => ({ label: `e${n}`, lines: [`ip netns add n${n}`] });

describe('edit history', () => {
  it('undo removes the last edit from the log, redo puts it back', () => {
    let h: History = EMPTY_HISTORY;
    for (let i = 0; i < 3; i++) h = pushEdit(h, e(i));
    expect(logOf(h)).toEqual(['ip netns add n0', 'ip netns add n1', 'ip netns add n2']);
    const u = undo(h)!;
    expect(u.edit.label).toBe('e2');
    expect(logOf(u.history)).toEqual(['ip netns add n0', 'ip netns add n1']);
    const r = redo(u.history)!;
    expect(r.history).toEqual(h);
  });

  it('a new edit forgets what was undone', () => {
    const h = undo(pushEdit(pushEdit(EMPTY_HISTORY, e(0)), e(1)))!.history;
    expect(h.undone).toHaveLength(1);
    expect(pushEdit(h, e(2)).undone).toEqual([]);
  });

  it('nothing to undo or redo gives null; empty edits are ignored', () => {
    expect(undo(EMPTY_HISTORY)).toBeNull();
    expect(redo(EMPTY_HISTORY)).toBeNull();
    expect(pushEdit(EMPTY_HISTORY, { label: 'x', lines: [] })).toBe(EMPTY_HISTORY);
  });

  it('keeps at least 100 undo steps and never drops a line past the cap', () => {
    let h: History = EMPTY_HISTORY;
    for (let i = 0; i < MAX_HISTORY + 50; i++) h = pushEdit(h, e(i));
    expect(h.done.length).toBe(MAX_HISTORY);
    expect(logOf(h)).toHaveLength(MAX_HISTORY + 50);
    let steps = 0;
    for (let u = undo(h); u && steps < 150; u = undo(u.history)) steps++;
    expect(steps).toBeGreaterThanOrEqual(100);
  });

  const drawing = (x: number) => ({ positions: { 'ns:a': { x, y: x } }, meta: { roles: {}, parents: {} } });

  it('a whole new lab is one edit on top: Undo brings the old lab and its drawing back', () => {
    const old = pushEdit(pushEdit(EMPTY_HISTORY, e(0)), e(1));
    const h = replaceAll(old, 'Open shared link', ['ip netns add z'], drawing(1), drawing(2));
    expect(logOf(h)).toEqual(['ip netns add z']);
    expect(h.done).toHaveLength(3);
    const u = undo(h)!;
    expect(logOf(u.history)).toEqual(['ip netns add n0', 'ip netns add n1']);
    expect(u.edit.reset?.before).toEqual(drawing(1));
    const r = redo(u.history)!;
    expect(logOf(r.history)).toEqual(['ip netns add z']);
    expect(r.edit.reset?.after).toEqual(drawing(2));
    // edits after the new lab build on it, not on the old one
    expect(logOf(pushEdit(h, e(5)))).toEqual(['ip netns add z', 'ip netns add n5']);
  });

  it('an empty new lab is still an edit (opening it replaced something)', () => {
    const h = replaceAll(pushEdit(EMPTY_HISTORY, e(0)), 'Open empty', [], drawing(1), drawing(2));
    expect(h.done).toHaveLength(2);
    expect(logOf(h)).toEqual([]);
    expect(logOf(undo(h)!.history)).toEqual(['ip netns add n0']);
  });

  it('past the cap, a whole new lab swallows the older edits and the log stays right', () => {
    let h: History = EMPTY_HISTORY;
    for (let i = 0; i < 3; i++) h = pushEdit(h, e(i));
    h = replaceAll(h, 'Open', ['ip netns add z'], drawing(1), drawing(2));
    for (let i = 0; i < MAX_HISTORY; i++) h = pushEdit(h, e(100 + i));
    expect(h.done.length).toBe(MAX_HISTORY);
    expect(logOf(h)[0]).toBe('ip netns add z');
    expect(logOf(h)).toHaveLength(MAX_HISTORY + 1);
  });
});
