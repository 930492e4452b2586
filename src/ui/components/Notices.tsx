import { useEffect } from 'react';
import { useLab, useLabState } from '../LabContext.tsx';
import { dismissNotice } from '../lab/store.ts';
import { exportLab } from './exportLab.ts';
import { useTranslation } from '../i18n/i18n.ts';

export function Notices() {
  const lab = useLab();
  const notices = useLabState((s) => s.notices);
  const { t } = useTranslation();
  useEffect(() => {
    const infos = notices.filter((n) => n.level === 'info');
    if (!infos.length) return;
    const timer = setTimeout(() => {
      for (const n of infos) lab.store.setState((s) => dismissNotice(s, n.id));
    }, 4000);
    return () => clearTimeout(timer);
  }, [notices, lab]);
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.level}`} role={n.level === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          {n.action === 'export' && (
            <button type="button" className="notice-action" onClick={() => exportLab(lab)}>
              {t('toolbar.export')}
            </button>
          )}
          <button type="button" aria-label={t('notice.dismiss')} onClick={() => lab.store.setState((s) => dismissNotice(s, n.id))}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
