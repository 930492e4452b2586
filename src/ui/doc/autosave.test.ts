import { describe, expect, it } from 'vitest';
import { replaceAll } from '../lab/history.ts';
import { MAX_SAVED_CHARS, labPrefix, load, recentLabs, save, saveNow, storageUsage, type SaveStore } from './autosave.ts';
import { MAX_DOC_BYTES, documentJson, type LabDocument } from './document.ts';
import { chooseLab, type Hold, TAB_KEY } from './tabs.ts';

class Mem implements SaveStore {
  m = new Map<string, string>();
  /** the store refuses writes once it holds this many characters, as a browser's quota does */
  quota = Number.POSITIVE_INFINITY;
  failNext = false;
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
    let used = k.length + v.length;
    for (const [kk, vv] of this.m) if (kk !== k) used += kk.length + vv.length;
    if (this.failNext || used > this.quota) {
      this.failNext = false;
      throw new DOMException('full', 'QuotaExceededError');
    }
    this.m.set(k, v);
  }
}

const doc = (n: number): LabDocument => ({
  v: 2,
  script: [`ip netns add n${n}`],
  positions: { 'ns:n': { x: n, y: n } },
  meta: { roles: {}, parents: {} },
});
const history = (n: number) => ({ done: [{ label: `add n${n}`, lines: [`ip netns add n${n}`] }], undone: [] });

/** a lab as people build them: 40 namespaces and `rules` iptables rules, each with the longest comment iptables takes (256) */
function bigLab(rules: number): LabDocument {
  const script: string[] = [];
  for (let i = 0; i < 40; i++) script.push(`ip netns add ns${i}`);
  for (let i = 0; i < rules; i++)
    script.push(
      `ip netns exec ns${i % 40} iptables -A FORWARD -s 10.${(i >> 8) & 255}.${i & 255}.0/24 -p tcp --dport ${1024 + (i % 5000)} -m comment --comment "${`rule ${i}: allow the billing service in zone ${i % 7} to reach its replica in the other data centre (ticket OPS-${10000 + i}, reviewed by the network team; expires at the end of the migration) `.repeat(2).slice(0, 256)}" -j ACCEPT`,
    );
  return { v: 2, script, positions: {}, meta: { roles: {}, parents: {} } };
}

describe('autosave', () => {
  it('round-trips the history and the layout', async () => {
    const s = new Mem();
    expect((await load(s, 'x')).saved).toBeNull();
    expect((await save(s, 'x', { history: history(1), doc: doc(1) }, 1)).ok).toBe(true);
    expect((await load(s, 'x')).saved).toEqual({ history: history(1), doc: doc(1) });
    await save(s, 'x', { history: history(2), doc: doc(2) }, 2);
    expect((await load(s, 'x')).saved!.doc.positions).toEqual({ 'ns:n': { x: 2, y: 2 } });
  });

  it('a save made as the page goes (unpacked) is read back, and a packed one finished later does not overwrite it', async () => {
    const s = new Mem();
    const later = save(s, 'x', { history: history(1), doc: doc(1) }, 1, () => true);
    expect(saveNow(s, 'x', { history: history(2), doc: doc(2) }, 2).ok).toBe(true);
    await later;
    expect((await load(s, 'x')).saved).toEqual({ history: history(2), doc: doc(2) });
  });

  it('keeps a replaced lab in the saved history, so Undo after a reload brings it back', async () => {
    const s = new Mem();
    const drawing = { positions: { 'ns:a': { x: 1, y: 2 } }, meta: { roles: { a: 'host' as const }, parents: {} } };
    const h = replaceAll(history(1), 'Open shared link', ['ip netns add z'], drawing, { positions: {}, meta: { roles: {}, parents: {} } });
    await save(s, 'x', { history: h, doc: doc(3) }, 1);
    expect((await load(s, 'x')).saved!.history).toEqual(h);
  });

  it('a save that fails midway leaves the last complete one, and says why', async () => {
    const s = new Mem();
    await save(s, 'x', { history: history(1), doc: doc(1) }, 1);
    s.failNext = true;
    const r = await save(s, 'x', { history: history(2), doc: doc(2) }, 2);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe('quota');
      expect(r.message).toMatch(/could not be saved.*storage.*full/);
      expect(r.usage).toBe(1);
    }
    expect((await load(s, 'x')).saved!.history).toEqual(history(1));
  });

  it('a damaged latest slot falls back to the one before, and says so', async () => {
    const s = new Mem();
    await save(s, 'x', { history: history(1), doc: doc(1) }, 1);
    await save(s, 'x', { history: history(2), doc: doc(2) }, 2);
    const p = labPrefix('x');
    s.m.set(`${p}.${s.getItem(`${p}.current`)}`, '{"v":1,"s":[],"p":{},"__proto__":{}}');
    const r = await load(s, 'x');
    expect(r.saved!.history).toEqual(history(1));
    expect(r.problem).toMatch(/could not be read.*forbidden key/);
  });

  it('two labs keep their own saves', async () => {
    const s = new Mem();
    await save(s, 'tabA', { history: history(1), doc: doc(1) }, 1);
    await save(s, 'tabB', { history: history(2), doc: doc(2) }, 2);
    expect((await load(s, 'tabA')).saved!.doc).toEqual(doc(1));
    expect((await load(s, 'tabB')).saved!.doc).toEqual(doc(2));
    expect(recentLabs(s)).toEqual(['tabB', 'tabA']);
  });

  it('holds 10,000 rules with comments, in far less than the browser gives, and refuses beyond the limit', async () => {
    const big = bigLab(10_000);
    const json = documentJson(big);
    // the measurement the limit was picked from (document.ts)
    expect(json.length).toBeGreaterThan(3_000_000);
    expect(json.length).toBeLessThan(MAX_DOC_BYTES / 2);
    const s = new Mem();
    s.quota = 5 * 1024 * 1024;
    const saved = { history: { done: [{ label: 'Paste', lines: big.script }], undone: [] }, doc: big };
    const r = await save(s, 'big', saved, 1);
    expect(r.ok).toBe(true);
    // both slots of this lab and another like it fit the quota
    await save(s, 'big', saved, 2);
    expect(storageUsage(s)).toBeLessThan(0.5);
    expect((await load(s, 'big')).saved!.doc.script).toHaveLength(10_040);
    const tooBig = { ...big, script: [...big.script, ...big.script, ...big.script] };
    const refused = await save(s, 'big', { history: { done: [], undone: [] }, doc: tooBig }, 3);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reason).toBe('too-large');
  });

  it('a history too long for the limit is trimmed, never the lab', async () => {
    const big = bigLab(10_000);
    let h = { done: [{ label: 'Paste', lines: big.script }], undone: [] } as Parameters<typeof replaceAll>[0];
    // six big labs opened one after another: each replaced one is kept for Undo
    for (let i = 0; i < 4; i++)
      h = replaceAll(
        h,
        `Open ${i}`,
        big.script,
        { positions: {}, meta: { roles: {}, parents: {} } },
        { positions: {}, meta: { roles: {}, parents: {} } },
      );
    const s = new Mem();
    const r = await save(s, 'x', { history: h, doc: big }, 1);
    expect(r.ok && r.trimmed).toBe(true);
    const back = (await load(s, 'x')).saved!;
    expect(back.doc.script).toHaveLength(big.script.length);
    expect(JSON.stringify(back).length).toBeLessThan(MAX_SAVED_CHARS);
  });
});

describe('which lab a tab works on', () => {
  const session = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
  };
  let n = 0;
  const mint = () => `lab${++n}`;

  it('a tab keeps its lab across reloads; two tabs get two labs', async () => {
    const s = new Mem();
    const held = new Set<string>();
    const hold: Hold = async (id) => (held.has(id) ? false : (held.add(id), true));
    const a = session();
    const b = session();
    const ta = await chooseLab(s, a, hold, mint, 1);
    const tb = await chooseLab(s, b, hold, mint, 2);
    expect(ta.id).not.toBe(tb.id);
    expect(a.getItem(TAB_KEY)).toBe(ta.id);
    // a reload: the page let its lock go, the session remembers the lab
    held.delete(ta.id);
    expect((await chooseLab(s, a, hold, mint, 3)).id).toBe(ta.id);
  });

  it('a new tab opens the most recent lab, or a copy of it when another tab has it open', async () => {
    const s = new Mem();
    await save(s, 'old', { history: history(1), doc: doc(1) }, 1);
    await save(s, 'recent', { history: history(2), doc: doc(2) }, 2);
    const held = new Set<string>();
    const hold: Hold = async (id) => (held.has(id) ? false : (held.add(id), true));
    const first = await chooseLab(s, session(), hold, mint, 3);
    expect(first).toEqual({ id: 'recent', copied: false });
    const second = await chooseLab(s, session(), hold, mint, 4);
    expect(second.copied).toBe(true);
    expect(second.id).not.toBe('recent');
    expect((await load(s, second.id)).saved!.doc).toEqual(doc(2));
  });

  it('an autosave from before labs had ids is kept as a lab', async () => {
    const s = new Mem();
    s.m.set('netlab.save.current', 'a');
    s.m.set('netlab.save.a', JSON.stringify({ v: 1, s: ['ip netns add old'], p: {}, e: [['add', ['ip netns add old']]] }));
    const t = await chooseLab(s, session(), async () => true, mint, 1);
    expect((await load(s, t.id)).saved!.doc.script).toEqual(['ip netns add old']);
    expect(s.getItem('netlab.save.a')).toBeNull();
  });
});
