import { describe, expect, it } from 'vitest';
import {
  CANVAS_MIN_H,
  CANVAS_SHARE,
  CAPTURE_MIN_H,
  CAPTURE_ROWS,
  DETAIL_MIN_H,
  LIST_HEAD_H,
  LIST_ROW_H,
  TOOLBAR_H,
  betweenRange,
  dockHeights,
  listHeight,
  resizeBetween,
  resizeCapture,
} from './split.ts';
import { clampTerminalHeight, DEFAULT_PREFS, parsePrefs, TERMINAL_MIN_H, terminalMaxHeight } from './view.ts';

const canvasOf = (windowH: number, d: { capture: number; terminal: number }) => windowH - TOOLBAR_H - d.capture - d.terminal;

describe('the window shared between canvas, capture view and terminal', () => {
  it('at 1024x768 with both docks open the canvas keeps its share and the list its rows', () => {
    const d = dockHeights(768, DEFAULT_PREFS);
    expect(canvasOf(768, d)).toBeGreaterThanOrEqual(Math.floor(768 * CANVAS_SHARE));
    expect(d.terminal).toBeGreaterThanOrEqual(TERMINAL_MIN_H);
    // the capture view's bar and filter (64 px) above a list of its heading and CAPTURE_ROWS rows
    expect(d.capture - 64).toBeGreaterThanOrEqual(LIST_HEAD_H + CAPTURE_ROWS * LIST_ROW_H);
  });

  it('a taller window keeps the terminal its own height and gives the capture view more', () => {
    const d = dockHeights(1080, DEFAULT_PREFS);
    expect(d.terminal).toBe(DEFAULT_PREFS.terminalHeight);
    expect(d.capture).toBeGreaterThan(dockHeights(768, DEFAULT_PREFS).capture);
    expect(canvasOf(1080, d)).toBeGreaterThanOrEqual(Math.floor(1080 * CANVAS_SHARE));
  });

  it('a folded terminal leaves its room to the capture view', () => {
    const open = dockHeights(768, DEFAULT_PREFS);
    const folded = dockHeights(768, { ...DEFAULT_PREFS, terminalOpen: false });
    expect(folded.capture).toBeGreaterThanOrEqual(open.capture);
    expect(folded.terminal).toBeLessThan(TERMINAL_MIN_H);
  });

  it('dragging the capture view up stops where the canvas reaches its minimum, down at the view minimum', () => {
    const up = resizeCapture(768, DEFAULT_PREFS, 5000);
    expect(canvasOf(768, dockHeights(768, { ...DEFAULT_PREFS, captureHeight: up }))).toBe(CANVAS_MIN_H);
    expect(resizeCapture(768, DEFAULT_PREFS, 10)).toBe(CAPTURE_MIN_H);
  });

  it('the edge between capture view and terminal moves the space between them, never the canvas', () => {
    const before = dockHeights(768, DEFAULT_PREFS);
    const moved = resizeBetween(768, DEFAULT_PREFS, before.terminal + 60);
    const after = dockHeights(768, { ...DEFAULT_PREFS, ...moved });
    expect(after.terminal).toBe(before.terminal + 60);
    expect(after.capture).toBe(before.capture - 60);
    expect(canvasOf(768, after)).toBe(canvasOf(768, before));
    const far = resizeBetween(768, DEFAULT_PREFS, 5000);
    expect(far.captureHeight).toBe(CAPTURE_MIN_H);
    expect(far.captureTerminalHeight).toBe(betweenRange(768, DEFAULT_PREFS).max);
    expect(resizeBetween(768, DEFAULT_PREFS, 0).captureTerminalHeight).toBe(TERMINAL_MIN_H);
  });

  it('a remembered size too large for a smaller window is cut down to leave the canvas its minimum', () => {
    const d = dockHeights(600, { ...DEFAULT_PREFS, captureHeight: 700, captureTerminalHeight: 400 });
    expect(canvasOf(600, d)).toBe(CANVAS_MIN_H);
    expect(d.capture).toBeGreaterThanOrEqual(CAPTURE_MIN_H);
  });

  it('the list keeps a row and the details their minimum', () => {
    expect(listHeight(400, null)).toBe(LIST_HEAD_H + CAPTURE_ROWS * LIST_ROW_H);
    expect(listHeight(400, 1000)).toBe(400 - DETAIL_MIN_H);
    expect(listHeight(400, 5)).toBe(LIST_HEAD_H + LIST_ROW_H);
  });
});

describe('the terminal alone', () => {
  it('its edge lets it grow past its default height, up to its share of the window', () => {
    expect(terminalMaxHeight(768)).toBeGreaterThan(DEFAULT_PREFS.terminalHeight);
    expect(clampTerminalHeight(400, 768)).toBe(400);
    expect(clampTerminalHeight(5000, 768)).toBe(terminalMaxHeight(768));
    expect(clampTerminalHeight(10, 768)).toBe(TERMINAL_MIN_H);
  });
});

describe('the sizes a browser remembers', () => {
  it('reads back what was saved and drops what is malformed', () => {
    const saved = JSON.stringify({ ...DEFAULT_PREFS, captureHeight: 300, captureTerminalHeight: 150, captureListHeight: 90 });
    expect(parsePrefs(saved)).toMatchObject({ captureHeight: 300, captureTerminalHeight: 150, captureListHeight: 90 });
    expect(parsePrefs(JSON.stringify({ captureHeight: 'tall', captureListHeight: -3 }))).toMatchObject({
      captureHeight: null,
      captureListHeight: null,
    });
  });
});
