// The three node shapes. Memoised, defined once outside any component (React Flow wants a
// stable nodeTypes object). Names are rendered as text only.

import { Handle, Position, type NodeProps } from '@xyflow/react';
import { createContext, memo, useContext, type MouseEvent } from 'react';
import { useLab } from '../LabContext.tsx';
import { chipHeight, rowHeight, type NodeModel, type PortView } from '../graph/model.ts';
import type { FlowNode } from './flow.ts';
import { overviewSize } from './overview.ts';
import { liveKey } from './captureTargets.ts';
import { t, useTranslation } from '../i18n/i18n.ts';

// a node's words come from the module's t(): the memoised nodes re-render on a change of
// language through their useTranslation(), and their children with them
const roleLabel = (role: string) => t(`canvas.role.${role}`);
/** the root namespace's title: the graph names it in English, shown here in the page's language */
const titleOf = (m: NodeModel) => (m.root ? t('canvas.hostTitle') : m.title);

/**
 * how much a node draws, at the same size whatever the level:
 * - `full`: everything, at the type sizes of the page;
 * - `compact` (zoomed out, when full type would be too small to read): names and addresses
 *   only, in type that keeps its size on screen (styles.css divides it by the zoom, `--z`);
 * - `low` (far out): names only, in the same screen-sized type;
 * - `overview` (far out on a big topology): no handles, no small text, fixed-size rows and
 *   chips whose places overview.ts knows, the edges drawn by the canvas in one layer.
 * Set once by the canvas rather than read from the zoom by every node: a per-node store
 * subscription runs on every pan frame.
 */
export type Detail = 'full' | 'compact' | 'low' | 'overview';
export const DetailContext = createContext<Detail>('full');

/** the devices a capture runs on ("ns\tdev", captureTargets.ts's liveKey): their ports carry a marker */
export const LiveContext = createContext<ReadonlySet<string>>(new Set());

/** a capture runs on this device: a pulsing dot, as Wireshark marks a live capture */
function LiveMark({ ns, dev }: { ns: string; dev: string }) {
  const live = useContext(LiveContext);
  if (!live.has(liveKey(ns, dev))) return null;
  const label = t('canvas.capturing', { dev });
  return <span className="cap-live" role="img" aria-label={label} title={label} data-capturing={dev} />;
}

function usePortClick(ns: string) {
  const lab = useLab();
  return (dev: string) => (e: MouseEvent) => {
    e.stopPropagation();
    lab.store.setState({ selection: { kind: 'port', ns, dev }, panel: 'inspector', fieldError: null });
  };
}

function State({ p }: { p: { up: boolean; carrier?: boolean } }) {
  const cls = !p.up ? 'down' : p.carrier === false ? 'nocarrier' : 'up';
  const title = !p.up ? 'down' : p.carrier === false ? t('canvas.noCarrier') : 'up';
  return <span className={`state state-${cls}`} title={title} aria-label={title} />;
}

function PortText({ p, ns }: { p: PortView; ns: string }) {
  // the text alone is clipped to the row or chip: the handles at its edges stay whole; what
  // a narrow chip cuts short (a long address, zoomed out) is whole in its tooltip
  return (
    <span className="port-text" title={[p.name, ...p.addrs, ...(p.note ? [p.note] : [])].join('\n')}>
      <span className="port-name">
        <State p={p} />
        {p.name}
        <LiveMark ns={ns} dev={p.name} />
      </span>
      {p.addrs.map((a) => (
        <span key={a} className="port-addrs">
          {a}
        </span>
      ))}
      {p.note && <span className="port-note">{p.note}</span>}
    </span>
  );
}

function NewLink() {
  return (
    <Handle type="source" position={Position.Right} id="new" className="handle-new" title={t('canvas.newLink')}>
      <span aria-hidden>+</span>
    </Handle>
  );
}

/**
 * where an overview node's edges meet its ports, for React Flow to measure. Its Handle
 * components are left out (each one is a store subscription and a positioned element); these
 * empty, unpositioned, hidden boxes sit where the handles would and carry the classes and
 * data React Flow reads when it measures a node's handles. React Flow draws no edges in the
 * overview, but back at full detail the nodes still off screen keep what it measured here,
 * and an edge on screen may end at one.
 */
function Anchor({ id, pos }: { id: string; pos: 'left' | 'right' | 'top' | 'bottom' }) {
  return <span className={`ov-anchor ov-${pos} source`} data-handleid={id} data-handlepos={pos} />;
}

/** the outer size of an overview node: see overviewSize */
function ovStyle(m: NodeModel, width: number | undefined, height: number | undefined): { width: number; height: number } {
  const s = overviewSize(m, { width, height });
  return { width: s.w, height: s.h };
}

export const CardNode = memo(function CardNode({ data, selected, width, height }: NodeProps<FlowNode>) {
  const m = data.model;
  useTranslation();
  const click = usePortClick(m.ns);
  const detail = useContext(DetailContext);
  const low = detail === 'low';
  if (detail === 'overview') {
    return (
      <div
        className={`card role-${m.role}${selected ? ' selected' : ''}`}
        style={ovStyle(m, width, height)}
        data-ns={m.ns}
        data-testid={`node-${m.ns}`}
      >
        <div className="card-title drag">
          <span className="title-text">{titleOf(m)}</span>
        </div>
        {m.ports.length === 0 && <div className="card-empty" />}
        {m.ports.map((p) => (
          <div
            key={p.name}
            className={`port-row${data.selPort === p.name ? ' port-selected' : ''}`}
            onClick={click(p.name)}
            data-port={p.name}
            role="button"
            aria-label={t('canvas.portIn', { dev: p.name, nsName: m.ns })}
          >
            <Anchor id={`l:${p.name}`} pos="left" />
            <Anchor id={`r:${p.name}`} pos="right" />
          </div>
        ))}
      </div>
    );
  }
  return (
    <div className={`card role-${m.role}${selected ? ' selected' : ''}`} data-ns={m.ns} data-testid={`node-${m.ns}`}>
      <div className="card-title drag">
        <span className="role-tag">{roleLabel(m.role)}</span>
        <span className="title-text">{titleOf(m)}</span>
        <NewLink />
      </div>
      {m.ports.length === 0 && <div className="card-empty">{t('canvas.noInterfaces')}</div>}
      {m.ports.map((p) => (
        <div
          key={p.name}
          className={`port-row${data.selPort === p.name ? ' port-selected' : ''}`}
          style={{ height: rowHeight(p) }}
          onClick={click(p.name)}
          data-port={p.name}
          role="button"
          aria-label={t('canvas.portIn', { dev: p.name, nsName: m.ns })}
        >
          <Handle type="source" position={Position.Left} id={`l:${p.name}`} className="handle-port" />
          {!low && <PortText p={p} ns={m.ns} />}
          {low && <LiveMark ns={m.ns} dev={p.name} />}
          <Handle type="source" position={Position.Right} id={`r:${p.name}`} className="handle-port" />
        </div>
      ))}
    </div>
  );
});

function Chip({ p, ns, sel, onClick }: { p: PortView; ns: string; sel: boolean; onClick: (e: MouseEvent) => void }) {
  const detail = useContext(DetailContext);
  if (detail === 'overview') {
    return (
      <div
        className={`chip${sel ? ' port-selected' : ''}`}
        onClick={onClick}
        data-port={p.name}
        role="button"
        aria-label={t('canvas.port', { dev: p.name })}
      >
        <Anchor id={`t:${p.name}`} pos="top" />
        <Anchor id={`b:${p.name}`} pos="bottom" />
      </div>
    );
  }
  const low = detail === 'low';
  return (
    <div
      className={`chip${sel ? ' port-selected' : ''}`}
      style={{ height: chipHeight(p) }}
      onClick={onClick}
      data-port={p.name}
      role="button"
      aria-label={t('canvas.port', { dev: p.name })}
    >
      <Handle type="source" position={Position.Top} id={`t:${p.name}`} className="handle-port" />
      {!low && <PortText p={p} ns={ns} />}
      {low && <LiveMark ns={ns} dev={p.name} />}
      <Handle type="source" position={Position.Bottom} id={`b:${p.name}`} className="handle-port" />
    </div>
  );
}

export const BridgeNode = memo(function BridgeNode({ data, selected, width, height }: NodeProps<FlowNode>) {
  const m = data.model;
  useTranslation();
  const click = usePortClick(m.ns);
  const b = m.bridge!;
  const detail = useContext(DetailContext);
  if (detail === 'overview') {
    return (
      <div
        className={`bridge${selected ? ' selected' : ''}`}
        style={ovStyle(m, width, height)}
        data-ns={m.ns}
        data-bridge={b.name}
        data-testid={`bridge-${m.ns}-${b.name}`}
      >
        <div className="bridge-title drag">
          <span className="title-text">{b.name}</span>
        </div>
        <div className="chips">
          {m.ports.length === 0 && <div className="chip chip-empty" />}
          {m.ports.map((p) => (
            <Chip key={p.name} p={p} ns={m.ns} sel={data.selPort === p.name} onClick={click(p.name)} />
          ))}
        </div>
      </div>
    );
  }
  return (
    <div className={`bridge${selected ? ' selected' : ''}`} data-ns={m.ns} data-bridge={b.name} data-testid={`bridge-${m.ns}-${b.name}`}>
      <div className="bridge-title drag">
        <div className="title-line">
          <span className="role-tag">{roleLabel('bridge')}</span>
          <State p={{ up: b.up }} />
          <span className="title-text">{b.name}</span>
          <LiveMark ns={m.ns} dev={b.name} />
        </div>
        {b.addrs.length > 0 && <span className="port-addrs">{b.addrs.join(' ')}</span>}
        <NewLink />
      </div>
      <div className="chips">
        {m.ports.length === 0 && <div className="card-empty">{t('canvas.noPorts')}</div>}
        {m.ports.map((p) => (
          <Chip key={p.name} p={p} ns={m.ns} sel={data.selPort === p.name} onClick={click(p.name)} />
        ))}
      </div>
    </div>
  );
});

export const BoxNode = memo(function BoxNode({ data, selected }: NodeProps<FlowNode>) {
  const m = data.model;
  useTranslation();
  const click = usePortClick(m.ns);
  const overview = useContext(DetailContext) === 'overview';
  return (
    <div
      className={`box role-${m.role}${m.root ? ' root' : ''}${selected ? ' selected' : ''}`}
      data-ns={m.ns}
      data-testid={m.root ? 'node-host' : `node-${m.ns}`}
    >
      <div className="box-title drag">
        {!overview && <span className="role-tag">{roleLabel(m.root ? 'host' : m.role)}</span>}
        <span className="title-text">{titleOf(m)}</span>
        {!overview && <NewLink />}
      </div>
      {m.ports.length > 0 && (
        <div className="chips box-chips">
          {m.ports.map((p) => (
            <Chip key={p.name} p={p} ns={m.ns} sel={data.selPort === p.name} onClick={click(p.name)} />
          ))}
        </div>
      )}
    </div>
  );
});

export const nodeTypes = { card: CardNode, bridge: BridgeNode, box: BoxNode };
