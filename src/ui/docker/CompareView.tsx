// Side by side: one curl to nginx under each of Docker's seven network modes, each on its own
// scratch world in the worker: the result, the client address the server saw, any address
// rewrite, and the devices the request crossed. Each mode opens on the canvas as a lab.

import { useEffect, useRef, useState } from 'react';
import { COMPARE_LABS } from '../../lessons/compare.ts';
import type { CompareRow } from '../../protocol/messages.ts';
import { useTranslation } from '../i18n/i18n.ts';
import { useLab } from '../LabContext.tsx';

/** the server's answer, as HTTP words it (not translated) */
const HTTP_OK = '✔ HTTP 200';

/** a device on the request's path, with the root namespace named for what it plays here: the LAN switch */
function hop(p: string, switchPort: (port: string) => string): string {
  return p.startsWith('root:') ? switchPort(p.slice(5)) : p.replace(':', ' ');
}

export function CompareView({ onClose }: { onClose: () => void }) {
  const lab = useLab();
  const { t } = useTranslation();
  const title = (r: CompareRow): string => t(`compare.title.${r.id}`, { defaultValue: r.title });
  const [rows, setRows] = useState<readonly CompareRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  /** the mode's lab replaces the canvas's (asking first when that holds unsaved work) */
  const open = async (r: CompareRow): Promise<void> => {
    if (!(await lab.confirmReplace(t('compare.replaceWhat', { title: title(r) })))) return;
    onClose();
    await lab.openDocument(
      { v: 2, script: [...r.setup], positions: {}, meta: { roles: {}, parents: {} } },
      t('compare.docTitle', { title: title(r) }),
    );
  };
  useEffect(() => {
    let live = true;
    lab.client.request({ type: 'compare', labs: COMPARE_LABS }).then(
      (r) => {
        if (live) setRows(r.rows);
      },
      (e: unknown) => {
        if (live) setError(String(e));
      },
    );
    ref.current?.focus();
    return () => {
      live = false;
    };
  }, [lab]);
  return (
    <div className="compare-backdrop" onClick={onClose}>
      <div
        className="compare"
        role="dialog"
        aria-modal="true"
        aria-label={t('compare.dialog')}
        tabIndex={-1}
        ref={ref}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        <header className="compare-head">
          <h2>{t('compare.heading')}</h2>
          <button type="button" onClick={onClose} aria-label={t('compare.close')}>
            ×
          </button>
        </header>
        <p className="small muted">
          {t('compare.intro1')} <code>curl</code> {t('compare.intro2')}
        </p>
        {error && <p className="field-error">{error}</p>}
        {!rows && !error && <p className="muted">{t('compare.building')}</p>}
        {rows && (
          <div className="compare-grid">
            {rows.map((r) => (
              <section
                key={r.id}
                className={`compare-col ${r.ok ? 'ok' : 'fail'}`}
                aria-label={t('compare.mode', { id: r.id })}
                data-testid={`compare-${r.id}`}
              >
                <h3>{title(r)}</h3>
                <pre className="compare-setup">
                  {r.setup
                    .filter((l) => l.includes(' docker '))
                    .map((l) => l.replace(/^ip netns exec (dockerhost2?) /, '$1$ '))
                    .join('\n')}
                </pre>
                <p className="compare-curl">
                  <code>{r.curl.replace(/^ip netns exec (\S+) /, '$1$ ')}</code>
                </p>
                <dl className="facts">
                  <dt>{t('compare.result')}</dt>
                  <dd className="compare-result">{r.ok ? HTTP_OK : `✘ ${r.result}`}</dd>
                  <dt>{t('compare.serverSaw')}</dt>
                  <dd>
                    <code>{r.client ?? '—'}</code>
                  </dd>
                  <dt>{t('compare.rewrites')}</dt>
                  <dd>
                    {r.nat.length ? (
                      r.nat.map((n) => (
                        <div key={n} className="small">
                          {n}
                        </div>
                      ))
                    ) : (
                      <span className="muted">{t('compare.none')}</span>
                    )}
                  </dd>
                  <dt>{t('compare.path')}</dt>
                  <dd>
                    <ol className="compare-path">
                      {r.path.map((p, i) => (
                        <li key={i}>
                          <code>{hop(p, (port) => t('compare.switchHost', { port }))}</code>
                        </li>
                      ))}
                    </ol>
                  </dd>
                </dl>
                {r.drop && <p className="field-error-text small">{r.drop}</p>}
                {r.refused.length > 0 && <p className="field-error small">{r.refused.join('; ')}</p>}
                <p className="small">{t(`compare.why.${r.id}`)}</p>
                <button type="button" onClick={() => void open(r)} aria-label={t('compare.openLabel', { title: title(r) })}>
                  {t('compare.open')}
                </button>
              </section>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
