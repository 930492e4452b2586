// Every step of every lesson opens from its link: the lab it starts from replays with no line
// refused, and it is the lab a learner has who did the steps before it, one after the other,
// in one lab (as "Run these commands" does).

import { describe, expect, it } from 'vitest';
import { Shell } from '../cmd/shell.ts';
import { LabHost, runAll, topologyKey } from '../worker/dispatch.ts';
import { LESSONS } from './catalog.ts';
import { labAt, stepIndex } from './start.ts';
import type { Lesson } from './types.ts';

/** the topology after each step's start, as a learner builds it in one lab */
function learnerPath(lesson: Lesson): string[] {
  const host = new LabHost();
  const r = host.handle({ type: 'reset', id: 1 as never, log: lesson.setup });
  if (r.type !== 'reset') throw new Error(r.type);
  let view = r.view;
  const starts: string[] = [];
  lesson.steps.forEach((step, i) => {
    starts.push(topologyKey(view.snapshot));
    const x = host.handle({
      type: 'exec',
      id: (i + 2) as never,
      lines: (step.commands ?? []).map((line) => ({ line, ns: null })),
      atomic: false,
      trace: false,
    });
    if (x.type !== 'exec') throw new Error(x.type);
    view = x.view;
  });
  return starts;
}

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson: Lesson) => {
  it('opens at every step with the lab a learner has there', () => {
    const starts = learnerPath(lesson);
    lesson.steps.forEach((_step, i) => {
      const script = labAt(lesson, i);
      expect(runAll(new Shell(), script), `step ${i + 1}: refused lines`).toEqual([]);
      const host = new LabHost();
      const r = host.handle({ type: 'reset', id: 1 as never, log: script });
      if (r.type !== 'reset') throw new Error(r.type);
      expect(topologyKey(r.view.snapshot), `step ${i + 1}`).toBe(starts[i]);
    });
  });

  it('opens a link past its last step at the last step', () => {
    const last = lesson.steps.length - 1;
    expect(stepIndex(lesson, 98)).toBe(last);
    expect(stepIndex(lesson, -3)).toBe(0);
    expect(labAt(lesson, 98)).toEqual(labAt(lesson, last));
  });
});

it('leaves a refused step out of the labs after it', () => {
  const macvlan = LESSONS.find((l) => l.id === 'macvlan')!;
  const i = macvlan.steps.findIndex((s) => s.refused);
  expect(i).toBeGreaterThan(0);
  expect(labAt(macvlan, i + 1)).toEqual(labAt(macvlan, i));
  expect(labAt(macvlan, i + 1).some((l) => l.includes('mode passthru'))).toBe(false);
});
