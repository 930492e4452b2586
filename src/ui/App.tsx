import { ReactFlowProvider } from '@xyflow/react';
import { lazy, Suspense, useEffect, useRef, useState, type CSSProperties } from 'react';
import { useLab, useLabShallow, useLabState } from './LabContext.tsx';
import { CanvasControlsContext, noCanvas, useCanvasControls, type CanvasControls } from './canvas/controls.ts';
import { PresentCaption } from './components/PresentCaption.tsx';
import { prefsChanged, prefsOf, savePrefs } from './lab/view.ts';
import { dockHeights } from './lab/split.ts';
import { useWindowHeight } from './components/Splitter.tsx';
import { Canvas } from './canvas/Canvas.tsx';
import { Inspector } from './components/Inspector.tsx';
import { ConfirmDialog } from './components/ConfirmDialog.tsx';
import { Notices } from './components/Notices.tsx';
import { Palette } from './components/Palette.tsx';
import { Toolbar } from './components/Toolbar.tsx';
// small, and the Docker panel and Export use it too: part of the page
import { ScriptPanel } from './components/ScriptPanel.tsx';
import { installKeyboard } from './keyboard.ts';
import { useTranslation } from './i18n/i18n.ts';
import { useStore } from 'zustand';
import { capturesOf } from './capture/captures.ts';
// the grid's capture row is the page's layout: it must be there the moment a capture opens
import './capture/capture.css';

/*
 * What the canvas does not need to become usable is fetched after it: the terminal (xterm), the
 * trace, the panels behind tabs. Each is its own file in the build, loaded the first time it is
 * shown (the terminal at once, but after the canvas has painted).
 */
const TerminalDock = lazy(() => import('./terminal/TerminalDock.tsx').then((m) => ({ default: m.TerminalDock })));
const TraceOverlay = lazy(() => import('./trace/TraceOverlay.tsx').then((m) => ({ default: m.TraceOverlay })));
const TracePanel = lazy(() => import('./trace/TracePanel.tsx').then((m) => ({ default: m.TracePanel })));
const MatrixPanel = lazy(() => import('./matrix/MatrixPanel.tsx').then((m) => ({ default: m.MatrixPanel })));
const DockerPanel = lazy(() => import('./docker/DockerPanel.tsx').then((m) => ({ default: m.DockerPanel })));
const LessonPanel = lazy(() => import('./lessons/LessonPanel.tsx').then((m) => ({ default: m.LessonPanel })));
const CaptureDock = lazy(() => import('./capture/CaptureDock.tsx').then((m) => ({ default: m.CaptureDock })));
const ImportPanel = lazy(() => import('./components/ImportPanel.tsx').then((m) => ({ default: m.ImportPanel })));

/**
 * true once the lab is ready and the canvas has painted it: what is fetched from then on does
 * not delay the first drawing
 */
export function usePainted(): boolean {
  const ready = useLabState((s) => s.ready);
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    let id = requestAnimationFrame(() => {
      id = requestAnimationFrame(() => setPainted(true));
    });
    return () => cancelAnimationFrame(id);
  }, [ready, painted]);
  return painted;
}

/** while a panel's code is on its way: a line that says so, in the panel's place */
function Loading() {
  const { t } = useTranslation();
  return <p className="muted panel-loading">{t('app.loading')}</p>;
}

function Keyboard() {
  const lab = useLab();
  const canvas = useCanvasControls();
  useEffect(() => installKeyboard(lab, () => canvas.current.fit({ duration: 200 })), [lab, canvas]);
  return null;
}

/** the arrangement a person chose is remembered in this browser */
function RememberView() {
  const lab = useLab();
  useEffect(
    () =>
      lab.store.subscribe((s, p) => {
        if (prefsChanged(s, p)) savePrefs(prefsOf(s));
      }),
    [lab],
  );
  return null;
}

function Sidebar() {
  const lab = useLab();
  const panel = useLabState((s) => s.panel);
  const open = useLabState((s) => s.sidebarOpen);
  const { t } = useTranslation();
  if (!open) {
    return (
      <aside className="sidebar collapsed">
        <button
          type="button"
          className="side-toggle"
          onClick={() => lab.store.setState({ sidebarOpen: true })}
          aria-label={t('app.showSide')}
          title={t('app.showSide')}
        >
          «
        </button>
      </aside>
    );
  }
  const tabs = ['inspector', 'trace', 'matrix', 'docker', 'lessons', 'script', 'import'] as const;
  return (
    <aside className="sidebar">
      <button
        type="button"
        className="side-toggle"
        onClick={() => lab.store.setState({ sidebarOpen: false })}
        aria-label={t('app.hideSide')}
        title={t('app.hideSideTitle')}
      >
        »
      </button>
      <div className="tabs" role="tablist" aria-label={t('app.panels')}>
        {tabs.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={panel === id}
            className={panel === id ? 'active' : ''}
            onClick={() => lab.store.setState({ panel: id })}
          >
            {t(`app.tab.${id}`)}
          </button>
        ))}
      </div>
      <div className="sidebar-body" role="tabpanel">
        {panel === 'inspector' && <Inspector />}
        <Suspense fallback={<Loading />}>
          {panel === 'script' && <ScriptPanel />}
          {panel === 'import' && <ImportPanel />}
          {panel === 'trace' && <TracePanel />}
          {panel === 'matrix' && <MatrixPanel />}
          {panel === 'docker' && <DockerPanel />}
          {panel === 'lessons' && <LessonPanel />}
        </Suspense>
      </div>
    </aside>
  );
}

/** a capture is open: the capture view is docked above the terminal */
function useCapturing(): boolean {
  return useStore(capturesOf(useLab()).store, (s) => s.tabs.length > 0);
}

export function App() {
  const { theme, ready, present, sidebarOpen, terminalOpen, terminalHeight, captureHeight, captureTerminalHeight } = useLabShallow((s) => ({
    theme: s.theme,
    ready: s.ready,
    present: s.present,
    sidebarOpen: s.sidebarOpen,
    terminalOpen: s.terminalOpen,
    terminalHeight: s.terminalHeight,
    captureHeight: s.captureHeight,
    captureTerminalHeight: s.captureTerminalHeight,
  }));
  const windowH = useWindowHeight();
  const canvas = useRef<CanvasControls>(noCanvas);
  const painted = usePainted();
  const capturing = useCapturing();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  // with a capture open the window's height is shared as split.ts says; without, the terminal has its own height
  const docks = capturing ? dockHeights(windowH, { terminalOpen, terminalHeight, captureHeight, captureTerminalHeight }) : null;
  const grid = {
    '--term-h': !terminalOpen ? 'auto' : `${docks ? docks.terminal : terminalHeight}px`,
    ...(docks ? { '--cap-h': `${docks.capture}px` } : {}),
  } as CSSProperties;
  const cls = `app${present ? ' presenting' : ''}${sidebarOpen ? '' : ' side-closed'}${capturing ? ' capturing' : ''}`;
  return (
    <ReactFlowProvider>
      <CanvasControlsContext.Provider value={canvas}>
        <div className={cls} data-ready={ready} style={grid}>
          {!present && <Toolbar />}
          {!present && <Palette />}
          <main className="main">
            <Canvas />
          </main>
          {present ? <PresentCaption /> : <Sidebar />}
          {capturing && !present && (
            <div className="cap-slot">
              <Suspense fallback={null}>
                <CaptureDock />
              </Suspense>
            </div>
          )}
          {/* kept mounted in presentation mode, hidden: its sessions and scrollback stay */}
          <div className="term-slot" hidden={present}>
            <Suspense fallback={null}>{painted && <TerminalDock />}</Suspense>
          </div>
          <Suspense fallback={null}>{painted && <TraceOverlay />}</Suspense>
          <Notices />
          <ConfirmDialog />
          <Keyboard />
          <RememberView />
        </div>
      </CanvasControlsContext.Provider>
    </ReactFlowProvider>
  );
}
