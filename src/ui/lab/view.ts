// How the page is arranged, apart from the lab itself: the free canvas's shape (new labs are
// laid out to fill it), presentation mode, the minimap, and the side panel and terminal
// (collapsed or not, the terminal's height). The arrangement a person chose is remembered in
// this browser; it is never part of a lab, a link or an undo step.

export interface ViewSlice {
  /** width / height of the free canvas */
  readonly canvasAspect: number;
  /** bumped when a whole lab opens (link, lesson, file, script, reload): the canvas fits it */
  readonly opened: number;
  /** the canvas takes the whole window, type is larger, the trace step is captioned */
  readonly present: boolean;
  readonly minimap: boolean;
  readonly sidebarOpen: boolean;
  readonly terminalOpen: boolean;
  /** px */
  readonly terminalHeight: number;
  /** px, the capture view's height a person chose (split.ts), or null for the default */
  readonly captureHeight: number | null;
  /** px, the terminal's height under an open capture view a person chose, or null for the default */
  readonly captureTerminalHeight: number | null;
  /** px, the capture view's packet list above the selected packet's details, or null for the default */
  readonly captureListHeight: number | null;
}

export type ViewPrefs = Pick<
  ViewSlice,
  'minimap' | 'sidebarOpen' | 'terminalOpen' | 'terminalHeight' | 'captureHeight' | 'captureTerminalHeight' | 'captureListHeight'
>;

export const TERMINAL_MIN_H = 120;
export const DEFAULT_PREFS: ViewPrefs = {
  minimap: false,
  sidebarOpen: true,
  terminalOpen: true,
  terminalHeight: 210,
  captureHeight: null,
  captureTerminalHeight: null,
  captureListHeight: null,
};
const PREF_KEYS = Object.keys(DEFAULT_PREFS) as (keyof ViewPrefs)[];

/** the prefs of a view slice: what this browser remembers */
export function prefsOf(s: ViewPrefs): ViewPrefs {
  return Object.fromEntries(PREF_KEYS.map((k) => [k, s[k]])) as unknown as ViewPrefs;
}

/** a remembered preference changed */
export function prefsChanged(a: ViewPrefs, b: ViewPrefs): boolean {
  return PREF_KEYS.some((k) => a[k] !== b[k]);
}
const KEY = 'netlab.view';

/** the tallest the terminal is let grow in a window WINDOWH tall */
export function terminalMaxHeight(windowH: number): number {
  return Math.max(TERMINAL_MIN_H, Math.round(windowH * 0.6));
}

/** the terminal never takes more than this share of the window, nor less than its minimum */
export function clampTerminalHeight(h: number, windowH: number): number {
  const max = terminalMaxHeight(windowH);
  return Math.round(Math.min(max, Math.max(TERMINAL_MIN_H, Number.isFinite(h) ? h : DEFAULT_PREFS.terminalHeight)));
}

/** what this browser remembers; anything missing or malformed falls back to the default */
export function parsePrefs(text: string | null): ViewPrefs {
  if (!text) return DEFAULT_PREFS;
  try {
    const v = JSON.parse(text) as Partial<Record<keyof ViewPrefs, unknown>>;
    const bool = (x: unknown, d: boolean) => (typeof x === 'boolean' ? x : d);
    const px = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? Math.round(x) : null);
    return {
      minimap: bool(v.minimap, DEFAULT_PREFS.minimap),
      sidebarOpen: bool(v.sidebarOpen, DEFAULT_PREFS.sidebarOpen),
      terminalOpen: bool(v.terminalOpen, DEFAULT_PREFS.terminalOpen),
      terminalHeight:
        typeof v.terminalHeight === 'number' && Number.isFinite(v.terminalHeight) ? v.terminalHeight : DEFAULT_PREFS.terminalHeight,
      captureHeight: px(v.captureHeight),
      captureTerminalHeight: px(v.captureTerminalHeight),
      captureListHeight: px(v.captureListHeight),
    };
  } catch {
    return DEFAULT_PREFS;
  }
}

export function loadPrefs(): ViewPrefs {
  try {
    return parsePrefs(globalThis.localStorage?.getItem(KEY) ?? null);
  } catch {
    return DEFAULT_PREFS;
  }
}

export function savePrefs(p: ViewPrefs): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(p));
  } catch {
    /* private mode or full storage: the arrangement is a convenience, the lab is saved elsewhere */
  }
}

export function initialView(): ViewSlice {
  return { canvasAspect: 1.6, opened: 0, present: false, ...loadPrefs() };
}
