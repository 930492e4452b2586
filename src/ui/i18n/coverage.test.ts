// A string in one language only is a failing test, not a silent English fallback: every key
// of English has its Chinese and back, with the same {{values}}; every key the code asks for
// exists; every lesson and step has its Chinese; and no visible English is left as a literal in
// the JSX (text, title, aria-label, placeholder, alt) outside t().

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../lessons/catalog.ts';
import en from './en.json';
import lessonsZh from './lessons.zh-CN.json';
import zh from './zh-CN.json';
import type { LessonText } from '../lessons/text.ts';
import { englishLiterals } from './jsxLiterals.ts';

type Tree = { readonly [k: string]: string | Tree };

function flatten(t: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(t)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const EN = flatten(en as Tree);
const ZH = flatten(zh as Tree);
const values = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p, ext) : ext.test(f) && !/\.test\.tsx?$/.test(f) ? [p] : [];
  });
}

describe('the two languages hold the same strings', () => {
  it('every English key has its Chinese, and every Chinese key its English', () => {
    expect([...EN.keys()].filter((k) => !ZH.has(k))).toEqual([]);
    expect([...ZH.keys()].filter((k) => !EN.has(k))).toEqual([]);
  });

  it('a translation fills in the same values as the English', () => {
    const differ = [...EN].filter(([k, v]) => ZH.has(k) && values(v).join() !== values(ZH.get(k)!).join()).map(([k]) => k);
    expect(differ).toEqual([]);
  });

  it("no value is named as one of i18next's own options (ns, lng…): it would be read as the option, and the key shown", () => {
    const reserved = /\{\{(ns|lng|lngs|context|defaultValue|replace|keySeparator|nsSeparator|returnObjects|postProcess)\}\}/;
    expect([...EN].filter(([, v]) => reserved.test(v)).map(([k]) => k)).toEqual([]);
  });

  it('the Chinese is Chinese: no key is left as the English text', () => {
    // words the Chinese UI keeps as they are: names of tools, kernel and Docker terms
    const same = new Set(['app.tab.docker', 'terminal.ping']);
    const copied = [...EN].filter(([k, v]) => ZH.get(k) === v && /[A-Za-z]{3,}/.test(v) && !same.has(k)).map(([k]) => k);
    expect(copied).toEqual([]);
  });
});

describe('every key the code asks for exists', () => {
  const src = files('src/ui', /\.tsx?$/).concat(['src/main.tsx']);
  const used: Array<{ file: string; key: string; prefix: boolean }> = [];
  for (const file of src) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\b(?:t|tx)\(\s*'([a-zA-Z0-9_.]+)'/g)) used.push({ file, key: m[1]!, prefix: false });
    for (const m of text.matchAll(/\b(?:t|tx)\(\s*`([a-zA-Z0-9_.]+)\$\{/g)) used.push({ file, key: m[1]!, prefix: true });
  }

  it('finds the calls (the scan itself works)', () => {
    expect(used.length).toBeGreaterThan(100);
  });

  it('each t(key) is a key of English (a plural key by its _one/_other forms)', () => {
    const missing = used
      .filter(({ key, prefix }) => (prefix ? ![...EN.keys()].some((k) => k.startsWith(key)) : !EN.has(key) && !EN.has(`${key}_other`)))
      .map(({ file, key }) => `${file}: ${key}`);
    expect(missing).toEqual([]);
  });
});

describe('every lesson in Chinese', () => {
  const zhLessons = lessonsZh as Readonly<Record<string, LessonText>>;
  for (const lesson of LESSONS) {
    it(`${lesson.id}: title, summary, note and every step's title, paragraphs, task and hint`, () => {
      const z = zhLessons[lesson.id];
      const missing: string[] = [];
      if (!z?.title) missing.push('title');
      if (!z?.summary) missing.push('summary');
      if (lesson.note && !z?.note) missing.push('note');
      if ((z?.steps?.length ?? 0) !== lesson.steps.length) missing.push(`${z?.steps?.length ?? 0} steps of ${lesson.steps.length}`);
      lesson.steps.forEach((step, i) => {
        const s = z?.steps?.[i];
        if (!s?.title) missing.push(`step ${i + 1} title`);
        if ((s?.body?.length ?? 0) !== step.body.length) missing.push(`step ${i + 1} body: ${s?.body?.length ?? 0} of ${step.body.length}`);
        if (step.task && !s?.goal) missing.push(`step ${i + 1} goal`);
        if (step.task && !s?.hint) missing.push(`step ${i + 1} hint`);
        // `code` stays as typed: the same commands in both languages
        const code = (t: readonly string[]) => t.flatMap((p) => [...p.matchAll(/`([^`]+)`/g)].map((m) => m[1])).sort();
        if (s?.body && code(s.body).join('\n') !== code(step.body).join('\n')) missing.push(`step ${i + 1} body code differs`);
      });
      expect(missing).toEqual([]);
    });
  }
});

describe('no visible English left in the JSX outside t()', () => {
  it('the scan finds an English literal where there is one', () => {
    const sample = `const A = () => <p title="Zoom in">Hello there <b>{x ? 'Running…' : t('k')}</b></p>;`;
    expect(englishLiterals('a.tsx', sample)).toEqual(['Zoom in', 'Hello there', 'Running…']);
  });

  for (const file of files('src/ui', /\.tsx$/)) {
    it(file, () => {
      expect(englishLiterals(file, readFileSync(file, 'utf8'))).toEqual([]);
    });
  }
});
