// Where a step starts: the lab a learner has at the start of a step, had they done the steps
// before it. Lesson links (`#lesson=ID&step=N`) and "Restart step" build this lab.

import type { Lesson } from './types.ts';

/** a step index a link may hold (0-based, any integer) as one the lesson has: past the end is its last step */
export function stepIndex(lesson: Lesson, step: number): number {
  return Math.max(0, Math.min(Math.trunc(step) || 0, lesson.steps.length - 1));
}

/**
 * the lab at the start of `step`: the setup, then the commands of the steps before it. A
 * step whose commands the kernel refuses (`refused`) changed nothing, so it adds nothing.
 */
export function labAt(lesson: Lesson, step: number): string[] {
  return [...lesson.setup, ...lesson.steps.slice(0, stepIndex(lesson, step)).flatMap((s) => (s.refused ? [] : (s.commands ?? [])))];
}
