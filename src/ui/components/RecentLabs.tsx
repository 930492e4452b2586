// "Recent": the labs this browser keeps besides this tab's own (doc/recent.ts), each opened
// in place of this one (asking first when this one holds unsaved work; Undo brings it back)
// or forgotten.

import { useEffect, useState } from 'react';
import { useLab, useLabState } from '../LabContext.tsx';
import { forgetRecent, listRecent, type RecentLab, savedWhen } from '../doc/recent.ts';
import { addNotice } from '../lab/store.ts';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** at most this many names shown for a lab */
const NAMES_SHOWN = 5;

export function RecentLabs({ onClose }: { readonly onClose: () => void }) {
  const lab = useLab();
  const labId = useLabState((s) => s.labId);
  const [labs, setLabs] = useState<readonly RecentLab[] | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    const st = storage();
    if (!st) {
      setLabs([]);
      return;
    }
    let live = true;
    void listRecent(st, labId).then((l) => live && setLabs(l));
    return () => {
      live = false;
    };
  }, [labId, round]);
  useEffect(() => {
    const key = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    addEventListener('keydown', key);
    return () => removeEventListener('keydown', key);
  }, [onClose]);

  const open = async (r: RecentLab) => {
    onClose();
    try {
      if (await lab.replaceWith(r.doc, 'Open a recent lab', `The lab saved ${savedWhen(r.savedAt, Date.now())}`))
        lab.store.setState((s) => addNotice(s, 'info', 'Opened the recent lab. Undo brings back the lab it replaced.'));
    } catch (e) {
      lab.store.setState((s) => addNotice(s, 'error', `This lab could not be opened: ${e instanceof Error ? e.message : String(e)}`));
    }
  };
  const forget = (r: RecentLab) => {
    const st = storage();
    if (st) forgetRecent(st, r.id);
    setRound((n) => n + 1);
  };

  return (
    <section className="recent-pop" aria-label="Recent labs">
      <header className="row">
        <b>Labs kept in this browser</b>
        <button type="button" onClick={onClose} aria-label="Close recent labs">
          ×
        </button>
      </header>
      {labs === null && <p className="muted">Reading…</p>}
      {labs?.length === 0 && (
        <p className="muted">No other lab is kept in this browser yet: the labs of other tabs, and of tabs you closed, appear here.</p>
      )}
      {labs && labs.length > 0 && (
        <ul>
          {labs.map((r) => (
            <li key={r.id}>
              <div className="recent-what">
                <b>
                  {r.namespaces.length
                    ? r.namespaces.slice(0, NAMES_SHOWN).join(', ') +
                      (r.namespaces.length > NAMES_SHOWN ? ` +${r.namespaces.length - NAMES_SHOWN} more` : '')
                    : 'A lab without namespaces'}
                </b>
                <span className="muted small">
                  {r.commands} command{r.commands === 1 ? '' : 's'} · saved {savedWhen(r.savedAt, Date.now())}
                </span>
              </div>
              <button type="button" onClick={() => void open(r)}>
                Open
              </button>
              <button type="button" onClick={() => forget(r)} title="Delete this lab from the browser">
                Forget
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">Export a lab to keep it beyond this browser: only the twelve most recent are kept.</p>
    </section>
  );
}
