// A horizontal edge between two panes that a person drags (pointer) or moves with the arrow
// keys once focused: ARIA's window splitter pattern, a focusable role="separator" whose value
// is the size of the pane it resizes, in px.

import { type KeyboardEvent, type PointerEvent, useEffect, useState } from 'react';

/** the window's inner height, followed as it changes */
export function useWindowHeight(): number {
  const [h, setH] = useState(() => window.innerHeight);
  useEffect(() => {
    const on = () => setH(window.innerHeight);
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return h;
}

/** px an arrow key moves the edge; Page Up / Page Down move it four times as far */
const STEP = 24;

export interface SplitterProps {
  readonly label: string;
  /** the size of the pane the edge resizes, px */
  readonly value: number;
  readonly min: number;
  readonly max: number;
  /** the pane lies below the edge (it grows as the edge goes up), or above it */
  readonly pane: 'below' | 'above';
  readonly onResize: (px: number) => void;
  readonly className?: string;
}

export function Splitter({ label, value, min, max, pane, onResize, className }: SplitterProps) {
  // dragging up grows a pane below the edge and shrinks one above it
  const sign = pane === 'below' ? 1 : -1;
  const clamp = (v: number) => Math.round(Math.min(max, Math.max(min, v)));
  const down = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    const y0 = e.clientY;
    const v0 = value;
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    el.focus({ preventScroll: true });
    const move = (ev: globalThis.PointerEvent) => onResize(v0 + sign * (y0 - ev.clientY));
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
  };
  const key = (e: KeyboardEvent<HTMLDivElement>) => {
    const by: Record<string, number> = { ArrowUp: STEP, ArrowDown: -STEP, PageUp: 4 * STEP, PageDown: -4 * STEP };
    let to: number | null = null;
    if (e.key in by) to = value + sign * by[e.key]!;
    else if (e.key === 'Home') to = min;
    else if (e.key === 'End') to = max;
    if (to === null) return;
    e.preventDefault();
    onResize(clamp(to));
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a focusable separator is the ARIA pattern for a splitter; <hr> cannot take focus or keys
    <div
      className={`splitter${className ? ` ${className}` : ''}`}
      role="separator"
      aria-orientation="horizontal"
      aria-label={label}
      aria-valuenow={Math.round(value)}
      aria-valuemin={Math.round(min)}
      aria-valuemax={Math.round(max)}
      tabIndex={0}
      onPointerDown={down}
      onKeyDown={key}
    />
  );
}
