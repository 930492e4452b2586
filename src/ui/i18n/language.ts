// Which language the lab speaks: chosen from the share link, else the learner's own choice
// (remembered in this browser), else the browser's languages. Pure, so it is tested in Node.

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** what the switch shows for each language, in that language */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', 'zh-CN': '中文' };

export const LANGUAGE_KEY = 'netlab.language';

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

/** the first of the browser's languages the lab speaks: any Chinese reads the Simplified Chinese, anything else English */
export function browserLanguage(langs: readonly string[]): Language {
  for (const l of langs) {
    const lower = l.toLowerCase();
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return 'en';
}

export function chooseLanguage(link: Language | null, stored: string | null, browser: readonly string[]): Language {
  if (link) return link;
  if (isLanguage(stored)) return stored;
  return browserLanguage(browser);
}

const LANG_PARAM = /&lang=([A-Za-z-]{1,10})$/;

/**
 * a link's fragment without its language, and the language: `#v1.DATA&lang=zh-CN`,
 * `#lesson=veth&step=2&lang=zh-CN`. A link made before languages (no `&lang=`) is unchanged
 * and names none; an unknown language is ignored.
 */
export function splitLanguage(hash: string): { readonly hash: string; readonly language: Language | null } {
  const m = LANG_PARAM.exec(hash);
  if (!m) return { hash, language: null };
  return { hash: hash.slice(0, m.index), language: isLanguage(m[1]) ? m[1] : null };
}

/** the fragment with the language the lab was shown in */
export function withLanguage(hash: string, language: Language): string {
  return `${splitLanguage(hash).hash}&lang=${language}`;
}
