// Boot: the store, the worker client, the controller; then a shared link, or the autosave,
// or an empty lab; then autosave on every change.

import '@xyflow/react/dist/style.css';
import './ui/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { LabContext } from './ui/LabContext.tsx';
import { load, save } from './ui/doc/autosave.ts';
import { DocumentError } from './ui/doc/document.ts';
import { decodeLink } from './ui/doc/link.ts';
import { LabClient, type WorkerLike } from './ui/lab/client.ts';
import { Lab } from './ui/lab/lab.ts';
import { addNotice, createLabStore } from './ui/lab/store.ts';
import { installTestApi } from './ui/testApi.ts';
import { openLesson } from './ui/lessons/controller.ts';
import { parseLessonHash } from './ui/lessons/progress.ts';

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

/** open the link in the URL fragment, if there is one; false when there was none or it was refused */
async function openFragment(): Promise<boolean> {
  const hash = location.hash;
  if (!hash || hash === '#') return false;
  // a lesson link (#lesson=ID&step=N) opens that lesson at that step, with its lab
  const place = parseLessonHash(hash);
  if (place) {
    history.replaceState(null, '', location.pathname + location.search);
    try {
      return await openLesson(lab, place.id, place.step, true);
    } catch (e) {
      notify('error', `This lesson could not be opened: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  }
  // the fragment is consumed either way: a reload then shows the autosave
  history.replaceState(null, '', location.pathname + location.search);
  try {
    const doc = await decodeLink(hash);
    await lab.openDocument(doc, 'Open shared link');
    notify('info', 'Opened the shared lab.');
    return true;
  } catch (e) {
    notify(
      'error',
      e instanceof DocumentError ? e.message : `This link could not be opened: ${e instanceof Error ? e.message : String(e)}`,
    );
    return false;
  }
}

async function boot(): Promise<void> {
  if (await openFragment()) return;
  let saved = null;
  try {
    saved = load(localStorage);
  } catch {
    saved = null;
  }
  if (saved) {
    try {
      await lab.restore(saved.history, saved.doc.positions, saved.doc.meta);
      return;
    } catch {
      try {
        await lab.openDocument(saved.doc, 'Restore autosave');
        return;
      } catch (e) {
        notify('error', `The autosaved lab could not be restored: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  await lab.start();
}

const booted = boot().catch((e: unknown) => notify('error', `netlab could not start: ${e instanceof Error ? e.message : String(e)}`));
let opening: Promise<unknown> = booted;
installTestApi(lab, () => opening);
// a link pasted into the address bar of an open lab only changes the fragment
addEventListener('hashchange', () => {
  opening = booted.then(openFragment);
});

// autosave: after boot, shortly after any change to the history or the layout
void booted.then(() => {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const s = store.getState();
    if (!s.ready) return;
    save(localStorage, { history: s.history, doc: lab.document() });
  };
  store.subscribe((s, prev) => {
    if (s.history === prev.history && s.positions === prev.positions && s.meta === prev.meta && s.snapshot === prev.snapshot) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, 250);
  });
  addEventListener('pagehide', () => {
    if (timer) {
      clearTimeout(timer);
      flush();
    }
  });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LabContext.Provider value={lab}>
      <App />
    </LabContext.Provider>
  </StrictMode>,
);
