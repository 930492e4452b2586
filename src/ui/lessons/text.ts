// A lesson's words in the learner's language. The English stays in src/lessons (the lesson's
// own data); the other languages are resources keyed by lesson id and step number
// (`lessons.zh-CN.json`), looked up here when a lesson is drawn. A check's message is matched
// against that step's translated messages, where `{name}` stands for a value the check filled in.

import { i18n, useTranslation } from '../i18n/i18n.ts';
import { translateByPattern } from '../i18n/pattern.ts';

export interface StepText {
  readonly title?: string;
  readonly body?: readonly string[];
  readonly goal?: string;
  readonly hint?: string;
  /** English message (with `{name}` for a filled-in value) → translation */
  readonly checks?: Readonly<Record<string, string>>;
}

export interface LessonText {
  readonly title?: string;
  readonly summary?: string;
  readonly note?: string;
  readonly steps?: readonly StepText[];
}

/** the translation of a lesson in a language, if there is one (English has none: it is the lesson itself) */
export function lessonResource(lng: string, id: string): LessonText | undefined {
  if (lng === 'en') return undefined;
  return i18n.getResource(lng, 'lessons', id) as LessonText | undefined;
}

/** a lesson field (`title`, `summary`, `note`) */
export function lessonField(lng: string, id: string, field: 'title' | 'summary' | 'note', english: string): string {
  return lessonResource(lng, id)?.[field] ?? english;
}

/** a step's field; body paragraphs by index */
export function stepField(lng: string, id: string, step: number, field: 'title' | 'goal' | 'hint', english: string): string {
  return lessonResource(lng, id)?.steps?.[step]?.[field] ?? english;
}

export function stepBody(lng: string, id: string, step: number, english: readonly string[]): readonly string[] {
  const body = lessonResource(lng, id)?.steps?.[step]?.body;
  return body && body.length === english.length ? body : english;
}

/** a check's message in the learner's language: the step's translated message with the values filled in */
export function checkMessage(lng: string, id: string, step: number, english: string): string {
  if (lng === 'en') return english;
  // the step's own messages first, then those every lesson's checks share (`_checks`)
  const own = lessonResource(lng, id)?.steps?.[step]?.checks ?? {};
  const shared = (i18n.getResource(lng, 'lessons', '_checks') as Readonly<Record<string, string>> | undefined) ?? {};
  return translateByPattern({ ...own, ...shared }, english);
}

/** a lesson's field in the language shown (re-renders when it changes) */
export function useLessonText(id: string, field: 'title' | 'summary' | 'note', english: string): string {
  const { i18n: inst } = useTranslation();
  return lessonField(inst.language, id, field, english);
}

/** the language shown, for the lookups above */
export function useLanguage(): string {
  return useTranslation().i18n.language;
}
