import { describe, expect, it } from 'vitest';
import { recentLabs, save, type SaveStore } from './autosave.ts';
import type { LabDocument } from './document.ts';
import { forgetRecent, listRecent, namesOf, savedWhen } from './recent.ts';

class Mem implements SaveStore {
  m = new Map<string, string>();
  get length() {
    return this.m.size;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
  setItem(k: string, v: string) {
    this.m.set(k, v);
  }
}

const lab = (script: string[]): LabDocument => ({ v: 2, script, positions: {}, meta: { roles: {}, parents: {} } });
const keep = (s: SaveStore, id: string, script: string[], at: number) =>
  save(s, id, { history: { done: [{ label: 'typed', lines: script }], undone: [] }, doc: lab(script) }, at);

describe('the labs this browser keeps', () => {
  it('lists every lab but this tab’s, the most recent first, with what it makes', async () => {
    const s = new Mem();
    await keep(s, 'monday', ['ip netns add web', 'ip netns add db', 'ip link add br0 type bridge'], 1000);
    await keep(s, 'tuesday', ['docker run -d --name shop nginx'], 2000);
    await keep(s, 'mine', ['ip netns add me'], 3000);
    const list = await listRecent(s, 'mine');
    expect(list.map((l) => [l.id, l.savedAt, l.namespaces, l.commands])).toEqual([
      ['tuesday', 2000, ['shop'], 1],
      ['monday', 1000, ['web', 'db'], 3],
    ]);
    expect(list[1]!.doc.script).toEqual(['ip netns add web', 'ip netns add db', 'ip link add br0 type bridge']);
  });

  it('forgets a lab: its saves and its place in the list', async () => {
    const s = new Mem();
    await keep(s, 'old', ['ip netns add a'], 1000);
    await keep(s, 'new', ['ip netns add b'], 2000);
    forgetRecent(s, 'old');
    expect(recentLabs(s)).toEqual(['new']);
    expect([...s.m.keys()].some((k) => k.includes('old'))).toBe(false);
    expect((await listRecent(s, null)).map((l) => l.id)).toEqual(['new']);
  });

  it('names a lab by the namespaces and containers its commands make', () => {
    expect(
      namesOf(['ip netns add ns1', 'ip netns exec ns1 ip link set lo up', 'docker run -d --name=web -p 80:80 nginx', 'ip netns add  ']),
    ).toEqual(['ns1', 'web']);
  });

  it('says when a lab was saved in a person’s words', () => {
    const now = Date.UTC(2026, 11, 7, 12);
    expect(savedWhen(now - 10_000, now)).toBe('just now');
    expect(savedWhen(now - 60_000, now)).toBe('1 minute ago');
    expect(savedWhen(now - 5 * 3600_000, now)).toBe('5 hours ago');
    expect(savedWhen(now - 26 * 3600_000, now)).toBe('yesterday');
    expect(savedWhen(now - 30 * 86400_000, now)).toBe('2026-11-07');
  });
});
