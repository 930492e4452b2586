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

export function Toolbar() {
  const lab = useLab();
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
      url = `${location.origin}${location.pathname}${await encodeLink(lab.document())}`;
    } catch (e) {
      lab.store.setState((s) => addNotice(s, 'error', e instanceof Error ? e.message : String(e), 'export'));
      return;
    }
    setLink(url);
    lab.markSaved();
    try {
      await navigator.clipboard.writeText(url);
      lab.store.setState((s) => addNotice(s, 'info', `Link copied (${url.length} characters).`));
    } catch {
      lab.store.setState((s) => addNotice(s, 'info', 'Select the link and copy it.'));
    }
  };

  const openFile = async (f: File) => {
    try {
      if (f.size > MAX_DOC_BYTES) throw new DocumentError(`Refused: the file is larger than ${MAX_DOC_TEXT}.`);
      const doc = parseDocumentJson(await f.text());
      if (!(await lab.replaceWith(doc, `Open ${f.name}`, `The file ${f.name}`))) return;
      lab.store.setState((s) => addNotice(s, 'info', `Opened ${f.name}. Undo brings back the lab it replaced.`));
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
        netlab <span className="muted small">container networking lab</span>
      </h1>
      <div className="tb-group">
        <button
          type="button"
          onClick={() => void lab.undo()}
          disabled={!canUndo}
          title={canUndo ? `Undo: ${undoLabel} (Ctrl+Z)` : 'Nothing to undo'}
          aria-label="Undo"
        >
          ↶<span className="tb-word"> Undo</span>
        </button>
        <button
          type="button"
          onClick={() => void lab.redo()}
          disabled={!canRedo}
          title={canRedo ? `Redo: ${redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}
          aria-label="Redo"
        >
          ↷<span className="tb-word"> Redo</span>
        </button>
      </div>
      <div className="tb-group" role="group" aria-label="View">
        <button type="button" onClick={() => canvas.current.zoomOut()} aria-label="Zoom out" title="Zoom out">
          −
        </button>
        <button type="button" onClick={() => canvas.current.zoomIn()} aria-label="Zoom in" title="Zoom in">
          +
        </button>
        <button type="button" onClick={() => canvas.current.fit({ duration: 200 })} title="Zoom to fit (F)">
          Fit
        </button>
        <button type="button" onClick={() => void lab.tidy()} title="Lay the whole lab out afresh (Undo takes it back)">
          Tidy up
        </button>
        <button
          type="button"
          aria-pressed={minimap}
          onClick={() => lab.store.setState({ minimap: !minimap })}
          title={minimap ? 'Hide the minimap' : 'Show the minimap'}
        >
          Map
        </button>
        <button
          type="button"
          onClick={() => lab.store.setState((s) => setPresent(s, true))}
          title="Presentation mode: the canvas fills the window, in larger type (P; Esc leaves)"
        >
          Present
        </button>
      </div>
      <div className="tb-group">
        <button type="button" onClick={() => void copyLink()}>
          Copy link
        </button>
        <button type="button" onClick={() => exportLab(lab)} title="Save the lab as a JSON file">
          Export
        </button>
        <button type="button" onClick={() => file.current?.click()} title="Open a lab saved as a JSON file">
          Open…
        </button>
        <button
          type="button"
          aria-expanded={recent}
          onClick={() => setRecent((r) => !r)}
          title="The labs kept in this browser: other tabs', and those of tabs you closed"
        >
          Recent
        </button>
        <input
          ref={file}
          type="file"
          accept="application/json,.json"
          hidden
          aria-label="Open a lab file"
          data-testid="open-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void openFile(f);
            e.target.value = '';
          }}
        />
        <button type="button" onClick={toggleTheme} aria-label={`Switch to ${theme === 'light' ? 'dark' : 'light'} theme`}>
          {theme === 'light' ? '☾' : '☀'}
          <span className="tb-word">{theme === 'light' ? ' Dark' : ' Light'}</span>
        </button>
      </div>
      {(usage >= NEAR_FULL || saveFailed) && (
        <span
          className={`storage-use${saveFailed ? ' failed' : ''}`}
          role="status"
          title="How full this browser's storage for netlab is. Export the lab to keep a copy outside the browser."
        >
          {saveFailed ? 'Not saved' : `Storage ${Math.round(usage * 100)}% full`}
        </span>
      )}
      <span className={`busy${busy ? ' on' : ''}`} aria-live="polite">
        {busy ? 'working…' : ''}
      </span>
      {/* the toolbar scrolls sideways on a narrow window, which would clip what opens under it:
          its pop-overs are drawn over the page, just below it */}
      {(recent || link) &&
        createPortal(
          <div className="tb-pops" style={{ top: header.current?.getBoundingClientRect().bottom ?? 48 }}>
            {recent && <RecentLabs onClose={closeRecent} />}
            {link && (
              <div className="link-pop">
                <input aria-label="Share link" readOnly value={link} onFocus={(e) => e.target.select()} />
                <button type="button" onClick={() => setLink(null)} aria-label="Close link">
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
