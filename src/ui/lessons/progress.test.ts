import { describe, expect, it } from 'vitest';
import { lessonHash, loadProgress, markDone, moveTo, parseLessonHash, saveProgress } from './progress.ts';

describe('lesson links', () => {
  it('round-trip, with 1-based steps in the link', () => {
    expect(lessonHash({ id: 'macvlan', step: 2 })).toBe('#lesson=macvlan&step=3');
    expect(parseLessonHash('#lesson=macvlan&step=3')).toEqual({ id: 'macvlan', step: 2 });
    expect(parseLessonHash('#lesson=veth')).toEqual({ id: 'veth', step: 0 });
  });
  it('leave share links and junk alone', () => {
    expect(parseLessonHash('#v1.abc')).toBeNull();
    expect(parseLessonHash('#lesson=<script>')).toBeNull();
    expect(parseLessonHash('#lesson=veth&step=-4')).toEqual({ id: 'veth', step: 0 });
  });
});

describe('progress', () => {
  it('is kept and survives junk in storage', () => {
    const mem = new Map<string, string>();
    const st = { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v) };
    let p = moveTo(markDone(markDone({}, 'veth', 1), 'veth', 0), 'veth', 2);
    saveProgress(st, p);
    p = loadProgress(st);
    expect(p.veth).toEqual({ step: 2, done: [0, 1] });
    mem.set('netlab.lessons', '{"veth":{"step":"x"},"ok":{"step":1,"done":[0,"a"]}}');
    expect(loadProgress(st)).toEqual({ ok: { step: 1, done: [0] } });
    mem.set('netlab.lessons', 'not json');
    expect(loadProgress(st)).toEqual({});
  });
});
