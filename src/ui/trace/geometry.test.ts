import { describe, expect, it } from 'vitest';
import { ease, length, overlap, placeLabel, pointAt, polyline, type Rect } from './geometry.ts';

const VIEW: Rect = { x: 0, y: 0, w: 1000, h: 800 };
const SIZE = { w: 200, h: 40 };

describe('the label beside a hop', () => {
  const cases: Array<{ name: string; at: Rect; titles: Rect[]; soft?: Rect[]; want: (r: Rect) => boolean }> = [
    {
      name: 'goes below the hop when the space is free',
      at: { x: 300, y: 300, w: 120, h: 24 },
      titles: [],
      want: (r) => r.y >= 324 && r.x === 300,
    },
    {
      name: 'keeps clear of a title right below the hop',
      at: { x: 300, y: 300, w: 120, h: 24 },
      titles: [{ x: 250, y: 330, w: 400, h: 46 }],
      want: (r) => r.y + r.h <= 330 || r.y >= 376 || r.x >= 650 || r.x + r.w <= 250,
    },
    {
      name: 'stays on the visible canvas near its edge',
      at: { x: 880, y: 760, w: 100, h: 24 },
      titles: [],
      want: (r) => r.x >= 0 && r.y >= 0 && r.x + r.w <= 1000 && r.y + r.h <= 800,
    },
    {
      name: 'keeps clear of every title of a crowded row, farther out if it must',
      at: { x: 300, y: 300, w: 120, h: 24 },
      titles: [0, 1, 2, 3, 4, 5].flatMap((i) => [
        { x: 100 + i * 150, y: 250, w: 140, h: 46 },
        { x: 100 + i * 150, y: 334, w: 140, h: 46 },
      ]),
      want: (r) => r.y + r.h <= 250 || r.y >= 380 || (r.y >= 296 && r.y + r.h <= 334),
    },
    {
      name: 'prefers free space to covering ports',
      at: { x: 300, y: 300, w: 120, h: 24 },
      titles: [],
      soft: [{ x: 250, y: 320, w: 300, h: 120 }],
      want: (r) => overlap(r, { x: 250, y: 320, w: 300, h: 120 }) === 0,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const p = placeLabel(c.at, SIZE, { titles: c.titles, soft: c.soft ?? [], view: VIEW }, 10);
      const r = { ...p, ...SIZE };
      for (const t of c.titles) expect(overlap(r, t), JSON.stringify(t)).toBe(0);
      expect(overlap(r, c.at)).toBe(0);
      expect(c.want(r), JSON.stringify(r)).toBe(true);
    });
  }
});

describe("the packet's way", () => {
  const way = polyline([
    { x: 0, y: 0 },
    { x: 0, y: 0 },
    { x: 30, y: 0 },
    { x: 30, y: 40 },
  ]);

  it('drops repeated points and measures what is left', () => {
    expect(way).toHaveLength(3);
    expect(length(way)).toBe(70);
  });

  it('walks the corners at the right fractions', () => {
    expect(pointAt(way, 0)).toEqual({ x: 0, y: 0 });
    expect(pointAt(way, 30 / 70)).toEqual({ x: 30, y: 0 });
    expect(pointAt(way, 50 / 70)).toEqual({ x: 30, y: 20 });
    expect(pointAt(way, 1)).toEqual({ x: 30, y: 40 });
    expect(pointAt([], 0.5)).toBeNull();
    expect(pointAt([{ x: 5, y: 5 }], 0.5)).toEqual({ x: 5, y: 5 });
  });

  it('starts and stops at the ends', () => {
    expect(ease(0)).toBe(0);
    expect(ease(1)).toBe(1);
    expect(ease(0.5)).toBeCloseTo(0.5);
  });
});
