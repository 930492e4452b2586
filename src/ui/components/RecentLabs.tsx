// "Recent": the labs this browser keeps besides this tab's own (doc/recent.ts), each opened
// in place of this one (asking first when this one holds unsaved work; Undo brings it back)
// or forgotten.

import { useEffect, useState } from 'react';
import { useLab, useLabState } from '../LabContext.tsx';
import { forgetRecent, listRecent, type RecentLab, savedWhen } from '../doc/recent.ts';
import { addNotice } from '../lab/store.ts';
import { useTranslation } from '../i18n/i18n.ts';

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
  const { t } = useTranslation();
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
      if (await lab.replaceWith(r.doc, t('recent.openRecent'), t('recent.theLab', { when: savedWhen(r.savedAt, Date.now()) })))
        lab.store.setState((s) => addNotice(s, 'info', t('recent.opened')));
    } catch (e) {
      lab.store.setState((s) => addNotice(s, 'error', t('recent.notOpened', { why: e instanceof Error ? e.message : String(e) })));
    }
  };
  const forget = (r: RecentLab) => {
    const st = storage();
    if (st) forgetRecent(st, r.id);
    setRound((n) => n + 1);
  };

  return (
    <section className="recent-pop" aria-label={t('recent.label')}>
      <header className="row">
        <b>{t('recent.title')}</b>
        <button type="button" onClick={onClose} aria-label={t('recent.close')}>
          ×
        </button>
      </header>
      {labs === null && <p className="muted">{t('recent.reading')}</p>}
      {labs?.length === 0 && <p className="muted">{t('recent.none')}</p>}
      {labs && labs.length > 0 && (
        <ul>
          {labs.map((r) => (
            <li key={r.id}>
              <div className="recent-what">
                <b>
                  {r.namespaces.length
                    ? r.namespaces.slice(0, NAMES_SHOWN).join(', ') +
                      (r.namespaces.length > NAMES_SHOWN ? ` ${t('recent.more', { n: r.namespaces.length - NAMES_SHOWN })}` : '')
                    : t('recent.empty')}
                </b>
                <span className="muted small">{t('recent.commands', { count: r.commands, when: savedWhen(r.savedAt, Date.now()) })}</span>
              </div>
              <button type="button" onClick={() => void open(r)}>
                {t('recent.open')}
              </button>
              <button type="button" onClick={() => forget(r)} title={t('recent.forgetTitle')}>
                {t('recent.forget')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">{t('recent.keep')}</p>
    </section>
  );
}
