import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { useLab, useLabState } from './LabContext.tsx';
import { Canvas } from './canvas/Canvas.tsx';
import { ImportPanel } from './components/ImportPanel.tsx';
import { Inspector } from './components/Inspector.tsx';
import { Notices } from './components/Notices.tsx';
import { Palette } from './components/Palette.tsx';
import { ScriptPanel } from './components/ScriptPanel.tsx';
import { MatrixPanel } from './matrix/MatrixPanel.tsx';
import { TerminalDock } from './terminal/TerminalDock.tsx';
import { TraceOverlay } from './trace/TraceOverlay.tsx';
import { TracePanel } from './trace/TracePanel.tsx';
import { Toolbar } from './components/Toolbar.tsx';
import { DockerPanel } from './docker/DockerPanel.tsx';
import { LessonPanel } from './lessons/LessonPanel.tsx';
import { installKeyboard } from './keyboard.ts';

function Keyboard() {
  const lab = useLab();
  const rf = useReactFlow();
  useEffect(() => installKeyboard(lab, () => void rf.fitView({ padding: 0.15, maxZoom: 1.1, duration: 200 })), [lab, rf]);
  return null;
}

function Sidebar() {
  const lab = useLab();
  const panel = useLabState((s) => s.panel);
  const tabs = [
    ['inspector', 'Inspector'],
    ['trace', 'Trace'],
    ['matrix', 'Matrix'],
    ['docker', 'Docker'],
    ['lessons', 'Lessons'],
    ['script', 'Script'],
    ['import', 'Import'],
  ] as const;
  return (
    <aside className="sidebar">
      <div className="tabs" role="tablist" aria-label="Panels">
        {tabs.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={panel === id}
            className={panel === id ? 'active' : ''}
            onClick={() => lab.store.setState({ panel: id })}
          >
            {label}
          </button>
        ))}
      </div>
      <div className="sidebar-body" role="tabpanel">
        {panel === 'inspector' && <Inspector />}
        {panel === 'script' && <ScriptPanel />}
        {panel === 'import' && <ImportPanel />}
        {panel === 'trace' && <TracePanel />}
        {panel === 'matrix' && <MatrixPanel />}
        {panel === 'docker' && <DockerPanel />}
        {panel === 'lessons' && <LessonPanel />}
      </div>
    </aside>
  );
}

export function App() {
  const theme = useLabState((s) => s.theme);
  const ready = useLabState((s) => s.ready);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <ReactFlowProvider>
      <div className="app" data-ready={ready}>
        <Toolbar />
        <Palette />
        <main className="main">
          <Canvas />
        </main>
        <Sidebar />
        <TerminalDock />
        <TraceOverlay />
        <Notices />
        <Keyboard />
      </div>
    </ReactFlowProvider>
  );
}
