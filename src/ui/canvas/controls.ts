// What the rest of the page asks of the canvas (the toolbar, the keyboard, presentation
// mode): fit the drawing, zoom. The canvas fills these in when it mounts.

import { createContext, useContext } from 'react';

export interface CanvasControls {
  fit(opts?: { duration?: number }): void;
  zoomIn(): void;
  zoomOut(): void;
}

export const noCanvas: CanvasControls = { fit: () => {}, zoomIn: () => {}, zoomOut: () => {} };

/** one mutable object per page: the canvas replaces its methods, callers read them late */
export const CanvasControlsContext = createContext<{ current: CanvasControls }>({ current: noCanvas });

export function useCanvasControls(): { current: CanvasControls } {
  return useContext(CanvasControlsContext);
}
