// Presentation mode's caption bar, under the canvas: the trace step being shown, in large
// type for the back of the room, and the way out.

import { useLab, useLabShallow } from '../LabContext.tsx';
import { eventTitle } from '../trace/model.ts';
import { currentTrace } from '../trace/slice.ts';
import { readKernel, useTranslation } from '../i18n/i18n.ts';

export function PresentCaption() {
  const lab = useLab();
  const { t } = useTranslation();
  const { trace, step } = useLabShallow((s) => ({ trace: currentTrace(s), step: s.traceStep }));
  const ev = trace?.events[step];
  return (
    <footer className="present-caption" aria-live="polite">
      <div className="present-text" data-testid="present-caption">
        {trace && ev ? (
          <>
            <span className="present-step">
              {step + 1}/{trace.events.length}
            </span>{' '}
            <span className="present-where">{ev.ns === 'root' ? t('inspector.host') : ev.ns}</span> {readKernel(eventTitle(ev))}
            <span className="present-line">{trace.line}</span>
          </>
        ) : (
          <span className="muted">{t('present.empty')}</span>
        )}
      </div>
      <button type="button" onClick={() => lab.store.setState({ present: false })} title={t('present.leaveTitle')}>
        {t('present.leave')}
      </button>
    </footer>
  );
}
