import { describe, expect, it } from 'vitest';
import { load, save, type SaveStore } from './autosave.ts';
import type { LabDocument } from './document.ts';

class Mem implements SaveStore {
  m = new Map<string, string>();
  failNext = false;
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('QuotaExceededError');
    }
    this.m.set(k, v);
  }
}

const doc = (n: number): LabDocument => ({
  v: 1,
  script: [`ip netns add n${n}`],
  positions: { 'ns:n': { x: n, y: n } },
  meta: { roles: {}, parents: {} },
});
const history = (n: number) => ({ done: [{ label: `add n${n}`, lines: [`ip netns add n${n}`] }], undone: [] });

describe('autosave', () => {
  it('round-trips the history and the layout', () => {
    const s = new Mem();
    expect(load(s)).toBeNull();
    save(s, { history: history(1), doc: doc(1) });
    expect(load(s)).toEqual({ history: history(1), doc: doc(1) });
    save(s, { history: history(2), doc: doc(2) });
    expect(load(s)!.doc.positions).toEqual({ 'ns:n': { x: 2, y: 2 } });
  });

  it('a save that fails midway leaves the last complete one', () => {
    const s = new Mem();
    save(s, { history: history(1), doc: doc(1) });
    s.failNext = true;
    expect(save(s, { history: history(2), doc: doc(2) })).toBe(false);
    expect(load(s)!.history).toEqual(history(1));
  });

  it('a damaged slot falls back to the other one', () => {
    const s = new Mem();
    save(s, { history: history(1), doc: doc(1) });
    save(s, { history: history(2), doc: doc(2) });
    s.m.set(`netlab.save.${s.getItem('netlab.save.current')}`, '{"v":1,"s":[],"p":{},"__proto__":{}}');
    expect(load(s)!.history).toEqual(history(1));
  });
});
