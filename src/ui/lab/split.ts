// How the window's height is shared between the canvas, the capture view and the terminal
// while a capture is open, and the capture view's own split between its packet list and the
// selected packet's details. Pure: the page gives the window's height and what the person
// chose (remembered in view.ts), and gets heights in px back.
//
// By default the canvas keeps CANVAS_SHARE of the window and the capture view is given what
// it needs to list CAPTURE_ROWS packets above a few lines of header tree; the terminal takes
// what is left, never less than its minimum. A person's drag overrides either default, within
// every pane's minimum.

import { TERMINAL_MIN_H } from './view.ts';

/** the toolbar's height (a single row of buttons): what the rows below it share is the rest */
export const TOOLBAR_H = 50;
/** the share of the window the canvas keeps by default with both docks open */
export const CANVAS_SHARE = 0.45;
/** below this the canvas cannot show a topology: no drag takes it further */
export const CANVAS_MIN_H = 160;
/** the capture view's bar, filter, list heading and two rows */
export const CAPTURE_MIN_H = 150;
/** the capture view's default is never taller than this, however tall the window */
export const CAPTURE_MAX_DEFAULT_H = 460;
/** a folded terminal: its bar alone */
export const TERMINAL_BAR_H = 40;

/** the capture view's bar and filter row, and the packet list's heading and rows (capture.css) */
export const CAPTURE_CHROME_H = 64;
export const LIST_HEAD_H = 22;
export const LIST_ROW_H = 20;
/** rows the packet list shows by default */
export const CAPTURE_ROWS = 6;
/** lines of header tree shown under the list by default: at 768 px tall, what the canvas's share leaves */
const TREE_LINES = 2;
const TREE_LINE_H = 17;
/** the list keeps its heading and a row, the details a line or two */
export const LIST_MIN_H = LIST_HEAD_H + LIST_ROW_H;
export const DETAIL_MIN_H = 40;

/** the list's default height: its heading and CAPTURE_ROWS rows */
export const LIST_DEFAULT_H = LIST_HEAD_H + CAPTURE_ROWS * LIST_ROW_H;
/** what the capture view needs for its default list and a few lines of tree */
export const CAPTURE_FIT_H = CAPTURE_CHROME_H + LIST_DEFAULT_H + TREE_LINES * TREE_LINE_H + 8;

export interface SplitPrefs {
  readonly terminalOpen: boolean;
  /** the terminal's height with no capture open */
  readonly terminalHeight: number;
  /** the capture view's height a person chose, or null for the default */
  readonly captureHeight: number | null;
  /** the terminal's height under a capture view a person chose, or null for the default */
  readonly captureTerminalHeight: number | null;
}

export interface DockHeights {
  readonly capture: number;
  /** the terminal's rows (its bar alone when it is folded) */
  readonly terminal: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.round(Math.min(Math.max(v, lo), Math.max(lo, hi)));

/** the heights of the capture view and the terminal under it, in a window WINDOWH tall */
export function dockHeights(windowH: number, p: SplitPrefs): DockHeights {
  const below = windowH - TOOLBAR_H - Math.round(windowH * CANVAS_SHARE);
  let terminal = TERMINAL_BAR_H;
  if (p.terminalOpen) {
    const fitted = Math.min(p.terminalHeight, below - CAPTURE_FIT_H);
    terminal = p.captureTerminalHeight ?? Math.max(TERMINAL_MIN_H, fitted);
  }
  const room = windowH - TOOLBAR_H - CANVAS_MIN_H;
  if (p.terminalOpen) terminal = clamp(terminal, TERMINAL_MIN_H, room - CAPTURE_MIN_H);
  const wanted = p.captureHeight ?? Math.min(CAPTURE_MAX_DEFAULT_H, Math.max(CAPTURE_FIT_H, below - terminal));
  const capture = clamp(wanted, CAPTURE_MIN_H, room - terminal);
  return { capture, terminal };
}

/** the capture view's height when its top edge is dragged: the canvas gives way, down to its minimum */
export function resizeCapture(windowH: number, p: SplitPrefs, to: number): number {
  const { terminal } = dockHeights(windowH, p);
  return clamp(to, CAPTURE_MIN_H, windowH - TOOLBAR_H - CANVAS_MIN_H - terminal);
}

/** the limits resizeCapture keeps to, for the separator's aria-valuemin / max */
export function captureRange(windowH: number, p: SplitPrefs): { min: number; max: number } {
  const { terminal } = dockHeights(windowH, p);
  return { min: CAPTURE_MIN_H, max: Math.max(CAPTURE_MIN_H, windowH - TOOLBAR_H - CANVAS_MIN_H - terminal) };
}

/**
 * the edge between the capture view and the terminal dragged to give the terminal TO px: the
 * capture view gives or takes the difference, so the canvas stays as it is
 */
export function resizeBetween(windowH: number, p: SplitPrefs, to: number): { captureHeight: number; captureTerminalHeight: number } {
  const now = dockHeights(windowH, p);
  const sum = now.capture + now.terminal;
  const terminal = clamp(to, TERMINAL_MIN_H, sum - CAPTURE_MIN_H);
  return { captureHeight: sum - terminal, captureTerminalHeight: terminal };
}

/** the range of resizeBetween's terminal height */
export function betweenRange(windowH: number, p: SplitPrefs): { min: number; max: number } {
  const now = dockHeights(windowH, p);
  return { min: TERMINAL_MIN_H, max: Math.max(TERMINAL_MIN_H, now.capture + now.terminal - CAPTURE_MIN_H) };
}

/** the packet list's height inside a capture body BODYH tall (the details take the rest) */
export function listHeight(bodyH: number, chosen: number | null): number {
  return clamp(chosen ?? LIST_DEFAULT_H, LIST_MIN_H, bodyH - DETAIL_MIN_H);
}
