import { describe, expect, it } from 'vitest';
import { fitViewport, freeArea } from './fit.ts';

describe('fit', () => {
  it('fills the free canvas and centres the drawing in it', () => {
    const v = fitViewport({ x: 100, y: 50, w: 1000, h: 400 }, { x: 0, y: 0, w: 816, h: 632 }, { padding: 8, maxZoom: 5 });
    expect(v.zoom).toBeCloseTo(0.8);
    // left edge of the drawing at the padding, its centre at the area's centre
    expect(100 * v.zoom + v.x).toBeCloseTo(8);
    expect((50 + 200) * v.zoom + v.y).toBeCloseTo(316);
  });

  it('never zooms past its maximum, for a tiny lab', () => {
    expect(fitViewport({ x: 0, y: 0, w: 50, h: 50 }, { x: 0, y: 0, w: 800, h: 600 }).zoom).toBe(1);
  });

  it('keeps the drawing out from under a panel in a corner, giving up the cheaper strip', () => {
    // a 200 × 150 minimap in the bottom right of an 800 × 600 pane: a wide drawing gives up
    // the bottom strip, a tall one the strip on the right
    const minimap = [{ x: 590, y: 440, w: 200, h: 150 }];
    expect(freeArea(800, 600, minimap, 2)).toEqual({ x: 0, y: 0, w: 800, h: 440 });
    expect(freeArea(800, 600, minimap, 0.5)).toEqual({ x: 0, y: 0, w: 590, h: 600 });
  });
});
