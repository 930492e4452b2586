// The lessons' own little store (which lesson, which step, the last check, the progress) and
// what a learner does with them: open a lesson at a step (its lab is built through the worker),
// run a step's commands, check a task on a copy of the lab.

import { createStore } from 'zustand/vanilla';
import { labAt, stepIndex } from '../../lessons/start.ts';
import type { Lab } from '../lab/lab.ts';
import { addNotice } from '../lab/store.ts';
import { i18n, t } from '../i18n/i18n.ts';
import { lessonField } from './text.ts';
import { loadProgress, markDone, moveTo, saveProgress, type ProgressMap } from './progress.ts';

export interface CheckView {
  readonly lesson: string;
  readonly step: number;
  readonly state: 'running' | 'done' | 'not-yet';
  readonly message: string;
}

export interface LessonState {
  readonly id: string | null;
  readonly step: number;
  readonly progress: ProgressMap;
  readonly check: CheckView | null;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export const lessonStore = createStore<LessonState>()(() => {
  const st = storage();
  return { id: null, step: 0, progress: st ? loadProgress(st) : {}, check: null };
});

/**
 * the lessons themselves (their texts, labs and checks) are fetched the first time one is
 * needed: the page does not load them before the canvas
 */
let catalog: Promise<typeof import('../../lessons/catalog.ts')> | null = null;
export function loadCatalog(): Promise<typeof import('../../lessons/catalog.ts')> {
  catalog ??= import('../../lessons/catalog.ts');
  return catalog;
}

function setProgress(p: ProgressMap): void {
  lessonStore.setState({ progress: p });
  const st = storage();
  if (st) saveProgress(st, p);
}

/**
 * show a lesson at a step (one past its end is its last step); with `build`, replace the lab by
 * the one that step starts from
 */
export async function openLesson(lab: Lab, id: string, step: number, build: boolean): Promise<boolean> {
  const lesson = (await loadCatalog()).lessonById(id);
  if (!lesson) {
    lab.store.setState((s) => addNotice(s, 'error', t('lessons.noSuch', { id })));
    return false;
  }
  const at = stepIndex(lesson, step);
  // the lesson's lab replaces the one on the canvas: ask first when that holds unsaved work
  const title = lessonField(i18n.language, lesson.id, 'title', lesson.title);
  if (build && !(await lab.confirmReplace(t('lessons.theLesson', { title })))) return false;
  lessonStore.setState({ id, step: at, check: null });
  setProgress(moveTo(lessonStore.getState().progress, id, at));
  lab.store.setState({ panel: 'lessons' });
  if (build) {
    await lab.openDocument(
      { v: 2, script: labAt(lesson, at), positions: {}, meta: { roles: {}, parents: {} } },
      at ? t('lessons.lessonAt', { title, n: at + 1 }) : t('lessons.lesson', { title }),
    );
  }
  return true;
}

export function goToStep(step: number): void {
  const { id } = lessonStore.getState();
  if (!id) return;
  lessonStore.setState({ step, check: null });
  setProgress(moveTo(lessonStore.getState().progress, id, step));
}

export function closeLesson(): void {
  lessonStore.setState({ id: null, check: null });
}

/**
 * run lines in the lab one by one, as if typed in the host's terminal. Their probes are not
 * sent to the trace player, which would take the learner away from the lesson.
 */
export async function runLines(lab: Lab, lines: readonly string[]): Promise<boolean> {
  for (const line of lines) {
    const r = await lab.terminal(line, 'root', { record: false });
    if (r.outcomes.some((o) => o.status !== 0 && o.kind !== 'probe')) return false;
  }
  return true;
}

/** check the current step's task on a copy of the lab */
export async function checkTask(lab: Lab): Promise<CheckView | null> {
  const { lessonById } = await loadCatalog();
  const { id, step } = lessonStore.getState();
  const lesson = id ? lessonById(id) : undefined;
  const task = lesson?.steps[step]?.task;
  if (!lesson || !task) return null;
  lessonStore.setState({ check: { lesson: lesson.id, step, state: 'running', message: 'Checking…' } });
  await lab.idle();
  let view: CheckView;
  try {
    const r = await lab.client.request({ type: 'probe', lines: task.probes.map((line) => ({ line, ns: null })) });
    const missing = task.check({ snapshot: lab.store.getState().snapshot, outcomes: r.outcomes });
    view =
      missing === null
        ? { lesson: lesson.id, step, state: 'done', message: `Done: ${task.goal}` }
        : { lesson: lesson.id, step, state: 'not-yet', message: missing };
  } catch (e) {
    view = {
      lesson: lesson.id,
      step,
      state: 'not-yet',
      message: t('lessons.checkFailed', { why: e instanceof Error ? e.message : String(e) }),
    };
  }
  // a learner who moved on meanwhile does not get this result on the new step
  const now = lessonStore.getState();
  if (now.id === lesson.id && now.step === step) lessonStore.setState({ check: view });
  if (view.state === 'done') setProgress(markDone(lessonStore.getState().progress, lesson.id, step));
  return view;
}
