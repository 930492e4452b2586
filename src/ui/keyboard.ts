// Keyboard shortcuts for the canvas: Delete, undo / redo, copy / paste, zoom to fit (F),
// presentation mode (P, Escape leaves it), and the arrow keys stepping through the trace the
// Trace tab shows.

import type { WorldSnapshot } from '../core/snapshot.ts';
import { deriveGraph } from './graph/derive.ts';
import { cloneNamespace, deleteDevice, deleteNamespace, findNs } from './lab/commands.ts';
import type { Lab } from './lab/lab.ts';
import { addNotice, setPresent, type LabState } from './lab/store.ts';
import { currentTrace, stepBy } from './trace/slice.ts';

/** what deleting the selection means, as lines, or why it cannot be deleted */
export function deletion(s: LabState): { label: string; lines: string[] } | { error: string } | null {
  const sel = s.selection;
  if (!sel) return null;
  if (sel.kind === 'port') return { label: `Delete ${sel.dev}`, lines: deleteDevice(sel.ns, sel.dev) };
  if (sel.kind === 'edge') {
    const m = /^(veth|lower):([^/]*)\/([^~]+)$/.exec(sel.id);
    if (!m) return { error: 'A VXLAN tunnel goes when one of its endpoints is deleted.' };
    return { label: `Delete ${m[3]}`, lines: deleteDevice(m[2]!, m[3]!) };
  }
  const n = deriveGraph(s.snapshot, s.meta).nodes.find((x) => x.id === sel.id);
  if (!n) return null;
  if (n.kind === 'bridge') return { label: `Delete bridge ${n.bridge!.name}`, lines: deleteDevice(n.ns, n.bridge!.name) };
  if (n.root) return { error: "The host's own namespace cannot be deleted." };
  return { label: `Delete namespace ${n.ns}`, lines: deleteNamespace(n.ns) };
}

function editable(t: EventTarget | null): boolean {
  return t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
}

/** a terminal reads the arrow keys itself (history, cursor) */
function inTerminal(t: EventTarget | null): boolean {
  return t instanceof Element && t.closest('.xterm, .xterm-host') !== null;
}

/** Left / Right: the trace one step back or forward, while the Trace tab shows one */
function traceStep(lab: Lab, e: KeyboardEvent): boolean {
  if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return false;
  // a selected node that moved with the arrow (React Flow) has taken the key already
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || inTerminal(e.target)) return false;
  const s = lab.store.getState();
  if (s.panel !== 'trace' || !currentTrace(s)?.events.length) return false;
  e.preventDefault();
  lab.store.setState((st) => stepBy(st, e.key === 'ArrowRight' ? 1 : -1));
  return true;
}

export function installKeyboard(lab: Lab, fit: () => void): () => void {
  let clip: { ns: string; snapshot: WorldSnapshot } | null = null;
  const onKey = (e: KeyboardEvent) => {
    if (editable(e.target)) return;
    if (traceStep(lab, e)) return;
    const mod = e.ctrlKey || e.metaKey;
    const s = lab.store.getState();
    const key = e.key.toLowerCase();
    if (mod && key === 'z' && !e.shiftKey) {
      e.preventDefault();
      void lab.undo();
      return;
    }
    if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) {
      e.preventDefault();
      void lab.redo();
      return;
    }
    if (e.key === 'Delete' || e.key === 'Backspace') {
      const d = deletion(s);
      if (!d) return;
      e.preventDefault();
      if ('error' in d) lab.store.setState((st) => addNotice(st, 'error', d.error));
      else
        void lab.edit(d.label, d.lines).then((r) => {
          if (r.ok) lab.store.setState({ selection: null });
        });
      return;
    }
    if (mod && key === 'c') {
      const sel = s.selection;
      const n = sel?.kind === 'node' ? deriveGraph(s.snapshot, s.meta).nodes.find((x) => x.id === sel.id) : undefined;
      if (n && !n.root && n.kind !== 'bridge') {
        clip = { ns: n.ns, snapshot: s.snapshot };
        lab.store.setState((st) => addNotice(st, 'info', `Copied ${n.ns}.`));
      }
      return;
    }
    if (mod && key === 'v' && clip) {
      e.preventDefault();
      // copy what the namespace holds now, or what it held when copied if it is gone
      const source = findNs(s.snapshot, clip.ns) ? s.snapshot : clip.snapshot;
      const plan = cloneNamespace(source, clip.ns);
      if (plan) void lab.edit(`Paste ${plan.name}`, plan.lines);
      return;
    }
    if (!mod && !e.altKey && (key === 'f' || (e.shiftKey && e.key === '!'))) {
      e.preventDefault();
      fit();
    }
    if (!mod && !e.altKey && key === 'p') {
      e.preventDefault();
      lab.store.setState((st) => setPresent(st, !st.present));
    }
    if (e.key === 'Escape') lab.store.setState({ selection: null, fieldError: null, present: false });
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
