// The labs this browser keeps (every tab's lab, the most recent twelve): listed so that a lab
// built yesterday in a tab since closed is found again, opened in place of this one (Undo
// brings this one back), or forgotten.

import { type SaveStore, INDEX_KEY, forgetLab, labIndex, load, recentLabs } from './autosave.ts';
import type { LabDocument } from './document.ts';

export interface RecentLab {
  readonly id: string;
  /** when it was last saved, ms since the epoch */
  readonly savedAt: number;
  readonly doc: LabDocument;
  /** the namespaces it creates, in order */
  readonly namespaces: readonly string[];
  /** its commands */
  readonly commands: number;
}

const NETNS_ADD = /^(?:ip netns exec \S+ )*ip netns add (\S+)\s*$/;
const DOCKER_NAME = /^(?:ip netns exec \S+ )*docker (?:container )?(?:run|create)\b.*?--name[= ](\S+)/;

/** what a lab is, in the words of its own commands: the namespaces and containers it makes */
export function namesOf(script: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of script) {
    const m = NETNS_ADD.exec(line) ?? DOCKER_NAME.exec(line);
    if (m) out.push(m[1]!);
  }
  return out;
}

/** every lab kept in this browser but `current` (this tab's own), the most recently saved first */
export async function listRecent(store: SaveStore, current: string | null): Promise<RecentLab[]> {
  const idx = labIndex(store);
  const out: RecentLab[] = [];
  for (const id of recentLabs(store)) {
    if (id === current) continue;
    const { saved } = await load(store, id).catch(() => ({ saved: null }));
    if (!saved) continue;
    out.push({ id, savedAt: idx[id]!, doc: saved.doc, namespaces: namesOf(saved.doc.script), commands: saved.doc.script.length });
  }
  return out;
}

/** forget a kept lab: its saves and its place in the list */
export function forgetRecent(store: SaveStore, id: string): void {
  forgetLab(store, id);
  const idx = labIndex(store);
  delete idx[id];
  store.setItem(INDEX_KEY, JSON.stringify(idx));
}

/** "just now", "5 minutes ago", "yesterday", or the date */
export function savedWhen(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} minute${m === 1 ? '' : 's'} ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} hour${h === 1 ? '' : 's'} ago`;
  const d = Math.round(h / 24);
  if (d === 1) return 'yesterday';
  if (d < 7) return `${d} days ago`;
  return new Date(at).toISOString().slice(0, 10);
}
