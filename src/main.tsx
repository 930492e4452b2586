// Boot: the store, the worker client, the controller; then this tab's lab (autosaved) or an
// empty one; then a shared link or lesson link on top of it (asking first when it would replace
// unsaved work); then autosave on every change.

import '@xyflow/react/dist/style.css';
import './ui/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { LabContext } from './ui/LabContext.tsx';
import { type SaveResult, load, save, saveNow, storageUsage } from './ui/doc/autosave.ts';
import { DocumentError, MAX_DOC_TEXT, documentJson } from './ui/doc/document.ts';
import { decodeLink } from './ui/doc/link.ts';
import { chooseLab, newLabId, webLockHold } from './ui/doc/tabs.ts';
import { LabClient, type WorkerLike } from './ui/lab/client.ts';
import { Lab } from './ui/lab/lab.ts';
import { addNotice, createLabStore } from './ui/lab/store.ts';
import { installTestApi } from './ui/testApi.ts';
import { openLesson } from './ui/lessons/controller.ts';
import { parseLessonHash } from './ui/lessons/progress.ts';
import { setLanguage, startI18n, t } from './ui/i18n/i18n.ts';
import { LANGUAGE_KEY, chooseLanguage, splitLanguage } from './ui/i18n/language.ts';
function storedTheme(): 'light' | 'dark' {
  try {
    const t = localStorage.getItem('netlab.theme');
    if (t === 'light' || t === 'dark') return t;
  } catch {
    /* private mode */
  }
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

const store = createLabStore(storedTheme());
const makeWorker = (): WorkerLike =>
  new Worker(new URL('./worker/worker.ts', import.meta.url), { type: 'module', name: 'netlab-sim' }) as unknown as WorkerLike;
const lab = new Lab(store, (events) => new LabClient(makeWorker, { timeoutMs: 8000, heartbeatMs: 4000, ...events }));

const notify = (level: 'error' | 'info', text: string) => store.setState((s) => addNotice(s, level, text));

function storage(kind: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    return window[kind];
  } catch {
    return null; // storage disabled
  }
}

/** the lab this tab saves to (null: the browser keeps no storage for this page) */
let labId: string | null = null;

/** open the link in the URL fragment, if there is one; false when there was none, it was refused or declined */
async function openFragment(): Promise<boolean> {
  const { hash } = splitLanguage(location.hash);
  if (!hash || hash === '#') return false;
  // the fragment is consumed either way: a reload then shows the autosave
  history.replaceState(null, '', location.pathname + location.search);
  // a lesson link (#lesson=ID&step=N) opens that lesson at that step, with its lab
  const place = parseLessonHash(hash);
  if (place) {
    try {
      return await openLesson(lab, place.id, place.step, true);
    } catch (e) {
      notify('error', t('notice.lessonNotOpened', { why: e instanceof Error ? e.message : String(e) }));
      return false;
    }
  }
  try {
    const doc = await decodeLink(hash);
    // the link of the lab already shown replaces nothing
    if (documentJson(doc) === documentJson(lab.document())) return true;
    if (!(await lab.replaceWith(doc, t('notice.openShared'), t('notice.theShared')))) return false;
    notify('info', t('notice.openedShared'));
    return true;
  } catch (e) {
    notify(
      'error',
      e instanceof DocumentError ? e.message : t('notice.linkNotOpened', { why: e instanceof Error ? e.message : String(e) }),
    );
    return false;
  }
}

/** this tab's lab, as last saved */
async function restoreSaved(): Promise<void> {
  const local = storage('localStorage');
  const session = storage('sessionStorage');
  if (!local || !session) return;
  const chosen = await chooseLab(local, session, webLockHold(navigator.locks), newLabId, Date.now());
  labId = chosen.id;
  store.setState({ labId });
  store.setState({ storageUsage: storageUsage(local) });
  const { saved, problem } = await load(local, chosen.id);
  if (problem) notify('error', saved ? `${problem} ${t('notice.saveBefore')}` : problem);
  if (chosen.copied) notify('info', t('notice.otherTab'));
  if (!saved) return;
  try {
    await lab.restore(saved.history, saved.doc.positions, saved.doc.meta);
  } catch {
    try {
      await lab.openDocument(saved.doc, 'Restore autosave');
    } catch (e) {
      notify('error', t('notice.autosaveNotRestored', { why: e instanceof Error ? e.message : String(e) }));
    }
  }
}

async function boot(): Promise<void> {
  try {
    await restoreSaved();
  } catch (e) {
    notify('error', t('notice.autosaveNotRead', { why: e instanceof Error ? e.message : String(e) }));
  }
  if (!store.getState().ready) await lab.start();
}

const booted = boot().catch((e: unknown) => notify('error', t('notice.notStarted', { why: e instanceof Error ? e.message : String(e) })));
// the link a page was opened with comes after the tab's own lab, so Undo can bring that back
let opening: Promise<unknown> = booted.then(openFragment);
/** write a pending autosave now; resolves once it is stored */
let flushSaves = (): Promise<void> => Promise.resolve();
installTestApi(
  lab,
  () => opening,
  () => flushSaves(),
);
// a link pasted into the address bar of an open lab only changes the fragment
addEventListener('hashchange', () => {
  const { language } = splitLanguage(location.hash);
  if (language) void setLanguage(language, false);
  opening = opening.then(openFragment);
});

// autosave: after boot, shortly after any change to the history or the layout. Every failure
// is shown at once, with Export as the way out; storage near full is shown in the toolbar.
void booted.then(() => {
  const local = storage('localStorage');
  if (!local || labId === null) {
    notify('error', t('notice.noStorage'));
    return;
  }
  const id = labId;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let saving: Promise<void> = Promise.resolve();
  // saves are numbered: one packed in the background never overwrites a newer one
  let started = 0;
  let written = 0;
  const report = (r: SaveResult) => {
    const before = store.getState().saveError;
    store.setState({ storageUsage: r.usage, saveError: r.ok ? null : r.message });
    if (!r.ok && before !== r.message) store.setState((st) => addNotice(st, 'error', r.message, 'export'));
    if (r.ok && before !== null) notify('info', t('notice.savedAgain'));
    if (r.ok && r.trimmed && !before) notify('info', t('notice.historyTrimmed', { size: MAX_DOC_TEXT }));
  };
  const current = () => {
    const s = store.getState();
    return s.ready ? { history: s.history, doc: lab.document() } : null;
  };
  const flush = () => {
    timer = null;
    const snapshot = current();
    if (!snapshot) return;
    const n = ++started;
    saving = saving.then(async () => {
      const r = await save(local, id, snapshot, Date.now(), () => written > n);
      if (written > n) return;
      written = n;
      report(r);
    });
  };
  flushSaves = () => {
    if (timer) {
      clearTimeout(timer);
      flush();
    }
    return saving;
  };
  store.subscribe((s, prev) => {
    if (s.history === prev.history && s.positions === prev.positions && s.meta === prev.meta && s.snapshot === prev.snapshot) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, 250);
  });
  // the page is going: no time to pack, so what is not saved yet is saved as it is
  addEventListener('pagehide', () => {
    if (!timer && written === started) return;
    if (timer) clearTimeout(timer);
    timer = null;
    const snapshot = current();
    if (!snapshot) return;
    written = ++started;
    saveNow(local, id, snapshot, Date.now());
  });
});

/** the language of the link this page was opened with, else the one chosen here before, else the browser's */
function startLanguage() {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(LANGUAGE_KEY);
  } catch {
    /* private mode */
  }
  return chooseLanguage(splitLanguage(location.hash).language, stored, navigator.languages ?? [navigator.language]);
}

// the page is drawn once its language is ready (English is bundled; Chinese is one fetch)
void startI18n(startLanguage())
  .catch((e: unknown) => console.warn('netlab: the language could not be loaded:', e))
  .then(() =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <LabContext.Provider value={lab}>
          <App />
        </LabContext.Provider>
      </StrictMode>,
    ),
  );

// offline after the first visit: the built page installs its service worker once the lab has
// started, so the files it caches do not compete with the first load
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void booted.then(() =>
    navigator.serviceWorker.register('/sw.js').catch((e: unknown) => {
      console.warn('netlab: offline use is not available here:', e);
    }),
  );
}
