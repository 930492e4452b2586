// The lab's i18n: i18next with react-i18next. English is bundled (it is the source and the
// fallback); the Chinese resources are fetched the first time Chinese is shown, so an English
// page does not load them. Terminal output and command names are never translated.

import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import en from './en.json';
import { LANGUAGE_KEY, type Language } from './language.ts';
import { translateByPattern } from './pattern.ts';

export const i18n = i18next.createInstance();
// English is there from the first line on (synchronously): notices made before the page is
// drawn, and the tests in Node, read it
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: 'en',
  fallbackLng: 'en',
  ns: ['translation', 'lessons', 'reasons'],
  defaultNS: 'translation',
  interpolation: { escapeValue: false },
  initAsync: false,
});

async function resources(lng: Language): Promise<void> {
  if (lng === 'en' || i18n.hasResourceBundle(lng, 'translation')) return;
  const [ui, lessons, reasons] = await Promise.all([
    import('./zh-CN.json'),
    import('./lessons.zh-CN.json'),
    import('./reasons.zh-CN.json'),
  ]);
  i18n.addResourceBundle(lng, 'translation', ui.default, true, true);
  i18n.addResourceBundle(lng, 'lessons', lessons.default, true, true);
  i18n.addResourceBundle(lng, 'reasons', reasons.default, true, true);
}

function show(lng: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}

/** start i18next in a language (before the first render, so nothing is drawn in the other one) */
export async function startI18n(lng: Language): Promise<void> {
  await setLanguage(lng, false);
}

/** switch the lab's language; `remember` keeps the choice in this browser */
export async function setLanguage(lng: Language, remember: boolean): Promise<void> {
  await resources(lng);
  await i18n.changeLanguage(lng);
  show(lng);
  if (!remember) return;
  try {
    localStorage.setItem(LANGUAGE_KEY, lng);
  } catch {
    /* private mode */
  }
}

export function currentLanguage(): Language {
  return i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
}

/**
 * what the simulated kernel wrote (a drop's reason, a trace event's title, a probe's summary),
 * in English with its values, read in the language shown: matched against the templates of
 * reasons.zh-CN.json. Nothing matched: the kernel's English.
 */
export function readKernel(text: string): string {
  const lng = i18n.language;
  if (lng === 'en') return text;
  const table = i18n.getResourceBundle(lng, 'reasons') as Record<string, string> | undefined;
  return table ? translateByPattern(table, text) : text;
}

export const dropReason = (drop: { readonly reason: string }): string => readKernel(drop.reason);

/** translate outside React (notices, labels made by handlers) */
export const t: typeof i18n.t = ((...args: Parameters<typeof i18n.t>) => i18n.t(...args)) as typeof i18n.t;

export { useTranslation };
