import { describe, expect, it } from 'vitest';
import { nextSlice } from './progressive.ts';

const node = (id: string, parentId?: string) => (parentId ? { id, parentId } : { id });

describe('a big lab drawn a slice at a time', () => {
  it('draws a lab of ordinary size, and the few nodes a command adds, at once', () => {
    const nodes = Array.from({ length: 50 }, (_, i) => node(`n${i}`));
    expect(nextSlice(nodes, new Set(), 200)).toEqual({ show: nodes, more: false });
    const drawn = new Set(nodes.slice(0, 45).map((n) => n.id));
    expect(nextSlice(nodes, drawn, 10).more).toBe(false);
  });

  it('keeps what is drawn, adds a batch in order, and never a child before its box', () => {
    const nodes = [node('host'), ...Array.from({ length: 10 }, (_, i) => node(`c${i}`, 'host')), node('box2'), node('x', 'box2')];
    let drawn = new Set<string>();
    const seen: string[][] = [];
    for (let step = 0; step < 10; step++) {
      const { show, more } = nextSlice(nodes, drawn, 4);
      for (const n of show) if (n.parentId) expect(show.some((p) => p.id === n.parentId)).toBe(true);
      for (const id of drawn) expect(show.some((n) => n.id === id)).toBe(true);
      seen.push(show.map((n) => n.id));
      drawn = new Set(show.map((n) => n.id));
      if (!more) break;
    }
    expect(seen[0]).toEqual(['host', 'c0', 'c1', 'c2']);
    expect(seen.at(-1)).toEqual(nodes.map((n) => n.id));
    // a lab that loses nodes meanwhile draws what is left
    expect(nextSlice(nodes.slice(0, 3), drawn, 4).show.map((n) => n.id)).toEqual(['host', 'c0', 'c1']);
  });
});
