// How React reaches the controller and the store: one context, narrow selectors.

import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { Lab } from './lab/lab.ts';
import type { LabState } from './lab/store.ts';

export const LabContext = createContext<Lab | null>(null);

export function useLab(): Lab {
  const lab = useContext(LabContext);
  if (!lab) throw new Error('useLab outside <LabContext.Provider>');
  return lab;
}

export function useLabState<T>(selector: (s: LabState) => T): T {
  return useStore(useLab().store, selector);
}

export function useLabShallow<T>(selector: (s: LabState) => T): T {
  return useStore(useLab().store, useShallow(selector));
}
