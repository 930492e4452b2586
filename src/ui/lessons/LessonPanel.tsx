// The Lessons tab: the list of lessons with their progress, then one lesson a step at a time:
// what to read, the commands (run them here or type them in a terminal), the task checked on
// the simulated lab, a hint, and a link to this very step.

import { useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { LESSONS, lessonById } from '../../lessons/catalog.ts';
import type { Lesson } from '../../lessons/types.ts';
import { useLab, useLabState } from '../LabContext.tsx';
import { addNotice } from '../lab/store.ts';
import { checkTask, closeLesson, goToStep, lessonStore, openLesson, runLines } from './controller.ts';
import { lessonHash } from './progress.ts';
import { currentLanguage, useTranslation } from '../i18n/i18n.ts';
import { withLanguage } from '../i18n/language.ts';
import { checkMessage, lessonField, stepBody, stepField } from './text.ts';
import './lessons.css';

/** `code` in backquotes becomes <code> */
export function prose(text: string): ReactNode[] {
  return text
    .split(/(`[^`]+`)/)
    .map((part, i) => (part.startsWith('`') && part.endsWith('`') && part.length > 1 ? <code key={i}>{part.slice(1, -1)}</code> : part));
}

function LessonList() {
  const lab = useLab();
  const progress = useStore(lessonStore, (s) => s.progress);
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <div className="lesson-list">
      <p className="muted small">{t('lessons.intro')}</p>
      <ol aria-label={t('lessons.list')}>
        {LESSONS.map((l) => {
          const done = progress[l.id]?.done.length ?? 0;
          const tasks = l.steps.filter((s) => s.task).length;
          return (
            <li key={l.id}>
              <button
                type="button"
                className="lesson-open"
                onClick={() =>
                  void openLesson(lab, l.id, progress[l.id]?.step ?? 0, true).catch((e: unknown) =>
                    lab.store.setState((s) => addNotice(s, 'error', String(e))),
                  )
                }
              >
                <span className="lesson-title">{lessonField(lng, l.id, 'title', l.title)}</span>
                <span className="muted small">{lessonField(lng, l.id, 'summary', l.summary)}</span>
                <span className={`lesson-progress${done >= tasks ? ' complete' : ''}`} aria-label={t('lessons.tasksDone', { done, tasks })}>
                  {done}/{tasks}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function StepView({ lesson }: { lesson: Lesson }) {
  const lab = useLab();
  const busy = useLabState((s) => s.busy > 0);
  const step = useStore(lessonStore, (s) => s.step);
  const check = useStore(lessonStore, (s) => s.check);
  const done = useStore(lessonStore, (s) => s.progress[lesson.id]?.done ?? []);
  const [hint, setHint] = useState(false);
  const [running, setRunning] = useState(false);
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const s = lesson.steps[step]!;
  const title = lessonField(lng, lesson.id, 'title', lesson.title);
  const stepTitle = (i: number) => stepField(lng, lesson.id, i, 'title', lesson.steps[i]?.title ?? '');
  const last = step === lesson.steps.length - 1;
  const myCheck = check && check.lesson === lesson.id && check.step === step ? check : null;

  const go = (n: number) => {
    setHint(false);
    goToStep(n);
  };
  const copyLink = async () => {
    const url = `${location.origin}${location.pathname}${withLanguage(lessonHash({ id: lesson.id, step }), currentLanguage())}`;
    try {
      await navigator.clipboard.writeText(url);
      lab.store.setState((st) => addNotice(st, 'info', t('lessons.stepLinkCopied', { n: step + 1 })));
    } catch {
      lab.store.setState((st) => addNotice(st, 'info', url));
    }
  };
  const run = async () => {
    setRunning(true);
    try {
      await runLines(lab, s.commands ?? []);
    } finally {
      setRunning(false);
    }
  };

  return (
    <article className="lesson" aria-label={t('lessons.lesson', { title })}>
      <header className="lesson-head">
        <button type="button" className="linklike" onClick={closeLesson}>
          ← {t('lessons.all')}
        </button>
        <h2>{title}</h2>
        <p className="lesson-credit small muted">
          {t('lessons.from')}{' '}
          {lesson.credits.map((c) => (
            <span key={c.source}>
              <span lang="zh">《{c.title}》</span>
              {lng === 'en' ? ` (${c.en})` : ''}
            </span>
          ))}
        </p>
        {lesson.note && <p className="lesson-note small">{lessonField(lng, lesson.id, 'note', lesson.note)}</p>}
      </header>
      <nav className="lesson-steps" aria-label={t('lessons.steps')}>
        {lesson.steps.map((st, i) => (
          <button
            key={i}
            type="button"
            className={`${i === step ? 'active' : ''}${done.includes(i) ? ' done' : ''}`}
            aria-current={i === step ? 'step' : undefined}
            title={stepTitle(i)}
            onClick={() => go(i)}
          >
            {done.includes(i) ? '✔' : i + 1}
          </button>
        ))}
      </nav>
      <section className="lesson-step" aria-label={t('lessons.step', { n: step + 1 })}>
        <h3 data-testid="lesson-step-title">{t('lessons.stepOf', { n: step + 1, of: lesson.steps.length, title: stepTitle(step) })}</h3>
        {stepBody(lng, lesson.id, step, s.body).map((p, i) => (
          <p key={i}>{prose(p)}</p>
        ))}
        {s.commands && s.commands.length > 0 && (
          <div className="lesson-commands">
            <pre aria-label={t('lessons.commands')}>{s.commands.join('\n')}</pre>
            <button type="button" onClick={() => void run()} disabled={running || busy}>
              {running ? t('lessons.running') : t('lessons.run')}
            </button>
            <span className="muted small"> {t('lessons.orType')}</span>
          </div>
        )}
        {s.task && (
          <div className={`lesson-task ${myCheck?.state ?? ''}${done.includes(step) ? ' was-done' : ''}`}>
            <p>
              <strong>{t('lessons.task')}</strong> {prose(stepField(lng, lesson.id, step, 'goal', s.task.goal))}
            </p>
            <div className="row">
              <button type="button" className="primary" onClick={() => void checkTask(lab)} disabled={myCheck?.state === 'running'}>
                {t('lessons.check')}
              </button>
              <button type="button" onClick={() => setHint((h) => !h)} aria-expanded={hint}>
                {hint ? t('lessons.hideHint') : t('lessons.hint')}
              </button>
            </div>
            {hint && <p className="lesson-hint small">{prose(stepField(lng, lesson.id, step, 'hint', s.task.hint))}</p>}
            {myCheck && (
              <p className={`lesson-result ${myCheck.state}`} role="status" data-testid="lesson-result">
                {myCheck.state === 'done' ? '✔ ' : myCheck.state === 'not-yet' ? `✘ ${t('lessons.notYet')} ` : ''}
                {myCheck.state === 'running'
                  ? t('lessons.checking')
                  : myCheck.state === 'done'
                    ? t('lessons.done', { goal: stepField(lng, lesson.id, step, 'goal', s.task.goal) })
                    : checkMessage(lng, lesson.id, step, myCheck.message)}
              </p>
            )}
          </div>
        )}
      </section>
      <footer className="row lesson-nav">
        <button type="button" onClick={() => go(step - 1)} disabled={step === 0}>
          ← {t('lessons.previous')}
        </button>
        <button type="button" onClick={() => go(step + 1)} disabled={last}>
          {t('lessons.next')} →
        </button>
        <button type="button" onClick={() => void openLesson(lab, lesson.id, step, true)} title={t('lessons.restartTitle')}>
          {t('lessons.restart')}
        </button>
        <button type="button" onClick={() => void copyLink()}>
          {t('lessons.link')}
        </button>
      </footer>
      {last && done.length >= lesson.steps.filter((x) => x.task).length && (
        <p className="lesson-complete" role="status">
          {t('lessons.complete')}
        </p>
      )}
    </article>
  );
}

export function LessonPanel() {
  const id = useStore(lessonStore, (s) => s.id);
  const lesson = id ? lessonById(id) : undefined;
  return <div className="lessons-panel">{lesson ? <StepView lesson={lesson} /> : <LessonList />}</div>;
}
