// Top bar: undo / redo, sharing, files, zoom, theme.

import { useCallback, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useCanvasControls } from '../canvas/controls.ts';
import { useLab, useLabShallow } from '../LabContext.tsx';
import { NEAR_FULL } from '../doc/autosave.ts';
import { DocumentError, MAX_DOC_BYTES, MAX_DOC_TEXT, parseDocumentJson } from '../doc/document.ts';
import { encodeLink } from '../doc/link.ts';
import { addNotice, setPresent } from '../lab/store.ts';
import { exportLab } from './exportLab.ts';
import { RecentLabs } from './RecentLabs.tsx';
import { currentLanguage, setLanguage, useTranslation } from '../i18n/i18n.ts';
import { LANGUAGES, LANGUAGE_NAMES, isLanguage, withLanguage } from '../i18n/language.ts';

/** the language switch: a compact select, the choice remembered in this browser */
function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <select
      className="tb-lang"
      aria-label={t('toolbar.language')}
      title={t('toolbar.language')}
      value={i18n.language}
      onChange={(e) => isLanguage(e.target.value) && void setLanguage(e.target.value, true)}
    >
      {LANGUAGES.map((l) => (
        <option key={l} value={l} lang={l}>
          {LANGUAGE_NAMES[l]}
        </option>
      ))}
    </select>
  );
}

export function Toolbar() {
  const lab = useLab();
  const { t } = useTranslation();
  const canvas = useCanvasControls();
  const { canUndo, canRedo, undoLabel, redoLabel, theme, busy, minimap, usage, saveFailed } = useLabShallow((s) => ({
    usage: s.storageUsage,
    saveFailed: s.saveError !== null,
    minimap: s.minimap,
    canUndo: s.history.done.length > 0,
    canRedo: s.history.undone.length > 0,
    undoLabel: s.history.done[s.history.done.length - 1]?.label ?? '',
    redoLabel: s.history.undone[s.history.undone.length - 1]?.label ?? '',
    theme: s.theme,
    busy: s.busy > 0,
  }));
  const [link, setLink] = useState<string | null>(null);
  const [recent, setRecent] = useState(false);
  const header = useRef<HTMLElement>(null);
  const closeRecent = useCallback(() => setRecent(false), []);
  const file = useRef<HTMLInputElement>(null);

  const copyLink = async () => {
    let url: string;
    try {
      url = `${location.origin}${location.pathname}${withLanguage(await encodeLink(lab.document()), currentLanguage())}`;
    } catch (e) {
      lab.store.setState((s) => addNotice(s, 'error', e instanceof Error ? e.message : String(e), 'export'));
      return;
    }
    setLink(url);
    lab.markSaved();
    try {
      await navigator.clipboard.writeText(url);
      lab.store.setState((s) => addNotice(s, 'info', t('toolbar.linkCopied', { n: url.length })));
    } catch {
      lab.store.setState((s) => addNotice(s, 'info', t('toolbar.selectLink')));
    }
  };

  const openFile = async (f: File) => {
    try {
      if (f.size > MAX_DOC_BYTES) throw new DocumentError(t('toolbar.fileTooLarge', { size: MAX_DOC_TEXT }));
      const doc = parseDocumentJson(await f.text());
      if (!(await lab.replaceWith(doc, t('toolbar.openFile', { name: f.name }), t('toolbar.theFile', { name: f.name })))) return;
      lab.store.setState((s) => addNotice(s, 'info', t('toolbar.opened', { name: f.name })));
    } catch (e) {
      lab.store.setState((s) => addNotice(s, 'error', e instanceof Error ? e.message : String(e)));
    }
  };

  const toggleTheme = () => {
    const next = theme === 'light' ? 'dark' : 'light';
    lab.store.setState({ theme: next });
    try {
      localStorage.setItem('netlab.theme', next);
    } catch {
      /* private mode */
    }
  };

  return (
    <header className="toolbar" ref={header}>
      <h1>
        netlab <span className="muted small">{t('toolbar.tagline')}</span>
      </h1>
      <div className="tb-group">
        <button
          type="button"
          onClick={() => void lab.undo()}
          disabled={!canUndo}
          title={canUndo ? t('toolbar.undoWhat', { what: undoLabel }) : t('toolbar.nothingToUndo')}
          aria-label={t('toolbar.undo')}
        >
          ↶<span className="tb-word"> {t('toolbar.undo')}</span>
        </button>
        <button
          type="button"
          onClick={() => void lab.redo()}
          disabled={!canRedo}
          title={canRedo ? t('toolbar.redoWhat', { what: redoLabel }) : t('toolbar.nothingToRedo')}
          aria-label={t('toolbar.redo')}
        >
          ↷<span className="tb-word"> {t('toolbar.redo')}</span>
        </button>
      </div>
      <div className="tb-group" role="group" aria-label={t('toolbar.view')}>
        <button type="button" onClick={() => canvas.current.zoomOut()} aria-label={t('toolbar.zoomOut')} title={t('toolbar.zoomOut')}>
          −
        </button>
        <button type="button" onClick={() => canvas.current.zoomIn()} aria-label={t('toolbar.zoomIn')} title={t('toolbar.zoomIn')}>
          +
        </button>
        <button type="button" onClick={() => canvas.current.fit({ duration: 200 })} title={t('toolbar.fitTitle')}>
          {t('toolbar.fit')}
        </button>
        <button type="button" onClick={() => void lab.tidy()} title={t('toolbar.tidyTitle')}>
          {t('toolbar.tidy')}
        </button>
        <button
          type="button"
          aria-pressed={minimap}
          onClick={() => lab.store.setState({ minimap: !minimap })}
          title={minimap ? t('toolbar.hideMap') : t('toolbar.showMap')}
        >
          {t('toolbar.map')}
        </button>
        <button type="button" onClick={() => lab.store.setState((s) => setPresent(s, true))} title={t('toolbar.presentTitle')}>
          {t('toolbar.present')}
        </button>
      </div>
      <div className="tb-group">
        <button type="button" onClick={() => void copyLink()} title={t('toolbar.copyLinkTitle')}>
          {t('toolbar.copyLink')}
        </button>
        <button type="button" onClick={() => exportLab(lab)} title={t('toolbar.exportTitle')}>
          {t('toolbar.export')}
        </button>
        <button type="button" onClick={() => file.current?.click()} title={t('toolbar.openTitle')}>
          {t('toolbar.open')}
        </button>
        <button type="button" aria-expanded={recent} onClick={() => setRecent((r) => !r)} title={t('toolbar.recentTitle')}>
          {t('toolbar.recent')}
        </button>
        <input
          ref={file}
          type="file"
          accept="application/json,.json"
          hidden
          aria-label={t('toolbar.openFileLabel')}
          data-testid="open-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void openFile(f);
            e.target.value = '';
          }}
        />
        <button type="button" onClick={toggleTheme} aria-label={theme === 'light' ? t('toolbar.toDark') : t('toolbar.toLight')}>
          {theme === 'light' ? '☾' : '☀'}
          <span className="tb-word"> {theme === 'light' ? t('toolbar.dark') : t('toolbar.light')}</span>
        </button>
        <LanguageSwitch />
      </div>
      {(usage >= NEAR_FULL || saveFailed) && (
        <span className={`storage-use${saveFailed ? ' failed' : ''}`} role="status" title={t('toolbar.storageTitle')}>
          {saveFailed ? t('toolbar.notSaved') : t('toolbar.storage', { pct: Math.round(usage * 100) })}
        </span>
      )}
      <span className={`busy${busy ? ' on' : ''}`} aria-live="polite">
        {busy ? t('toolbar.working') : ''}
      </span>
      {/* the toolbar scrolls sideways on a narrow window, which would clip what opens under it:
          its pop-overs are drawn over the page, just below it */}
      {(recent || link) &&
        createPortal(
          <div className="tb-pops" style={{ top: header.current?.getBoundingClientRect().bottom ?? 48 }}>
            {recent && <RecentLabs onClose={closeRecent} />}
            {link && (
              <div className="link-pop">
                <input aria-label={t('toolbar.shareLink')} readOnly value={link} onFocus={(e) => e.target.select()} />
                <button type="button" onClick={() => setLink(null)} aria-label={t('toolbar.closeLink')}>
                  ×
                </button>
              </div>
            )}
          </div>,
          document.body,
        )}
    </header>
  );
}
