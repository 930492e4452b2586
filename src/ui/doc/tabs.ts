// Which lab this tab works on. Each tab keeps its lab id in sessionStorage (it survives a
// reload, and only this tab sees it), so two tabs never save over each other. A tab holds a
// Web Lock named after its lab while it is open; a tab that finds its lab held by another
// (a new tab opening the most recent lab, or a duplicated tab) works on a copy instead and says so.

import { LEGACY, type SaveStore, copyLab, forgetLab, labIndex, recentLabs } from './autosave.ts';

export const TAB_KEY = 'netlab.tab.lab';

export interface SessionStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** take the lock of a lab for as long as the page lives; false when another tab holds it */
export type Hold = (id: string, mine: boolean) => Promise<boolean>;

export interface Chosen {
  /** the lab this tab saves to */
  readonly id: string;
  /** the lab was open in another tab: this tab took a copy */
  readonly copied: boolean;
}

export function newLabId(random: () => number = Math.random): string {
  return Date.now().toString(36) + '-' + Math.floor(random() * 36 ** 6).toString(36);
}

/** an autosave from before labs had ids becomes a lab of its own, once */
function adoptLegacy(store: SaveStore, mint: () => string, now: number): void {
  if (store.getItem(`${LEGACY}.current`) === null && store.getItem(`${LEGACY}.a`) === null) return;
  if (Object.keys(labIndex(store)).length) return;
  const id = mint();
  try {
    copyLab(store, 'legacy', id, now, LEGACY);
    forgetLab(store, 'legacy', LEGACY);
  } catch {
    // no room for the copy: the old save stays where it was, and is read from there next time
    forgetLab(store, id);
  }
}

export async function chooseLab(store: SaveStore, session: SessionStore, hold: Hold, mint: () => string, now: number): Promise<Chosen> {
  adoptLegacy(store, mint, now);
  const mine = session.getItem(TAB_KEY);
  const wanted = mine ?? recentLabs(store)[0] ?? null;
  let chosen: Chosen;
  if (wanted === null) {
    chosen = { id: mint(), copied: false };
    await hold(chosen.id, true);
  } else if (await hold(wanted, mine !== null)) {
    chosen = { id: wanted, copied: false };
  } else {
    const id = mint();
    await hold(id, true);
    try {
      copyLab(store, wanted, id, now);
    } catch {
      // no room for a copy: the tab starts from the lab's state but saves under its own id
    }
    chosen = { id, copied: true };
  }
  session.setItem(TAB_KEY, chosen.id);
  return chosen;
}

interface LockManagerLike {
  request(name: string, options: { ifAvailable?: boolean; signal?: AbortSignal }, cb: (lock: unknown) => unknown): Promise<unknown>;
}

/**
 * Web Locks: the lock is held until the page goes. A tab's own lab (after a reload) may still
 * be held for a moment by the page being unloaded, so it waits a little before giving up.
 */
export function webLockHold(locks: LockManagerLike | undefined): Hold {
  return (id, mine) => {
    if (!locks) return Promise.resolve(true);
    const name = `netlab.lab.${id}`;
    return new Promise<boolean>((resolve) => {
      const take = (lock: unknown) => {
        resolve(!!lock);
        return lock ? new Promise(() => undefined) : undefined;
      };
      locks
        .request(name, { ifAvailable: true }, (lock) => {
          if (lock || !mine) return take(lock);
          locks.request(name, { signal: AbortSignal.timeout(2000) }, take).catch(() => resolve(false));
          return undefined;
        })
        .catch(() => resolve(true));
    });
  };
}
