// Opening a capture from anywhere in the page (the inspector's button, the canvas's menu):
// its tab is shown, or tcpdump's refusal becomes a notice.

import type { Lab } from '../lab/lab.ts';
import { addNotice } from '../lab/store.ts';
import { capturesOf } from './captures.ts';

export async function startCapture(lab: Lab, ns: string, dev: string): Promise<boolean> {
  const captures = capturesOf(lab);
  const ok = await captures.start(ns, dev);
  const error = captures.store.getState().error;
  if (!ok && error) lab.store.setState((s) => addNotice(s, 'error', `tcpdump: ${error}`));
  return ok;
}
