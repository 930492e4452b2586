// The capture view: one tab per open capture (a port, a veth, a bridge), Wireshark's packet
// list (No., Time, Source, Destination, Protocol, Length, Info), the selected packet's header
// tree and bytes, a display filter in tcpdump's syntax, Stop / Clear / Close, and Save as
// .pcapng. Docked above the terminal while a capture is open.

import { type CSSProperties, type KeyboardEvent, type RefObject, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { HeaderField } from '../../core/capture/dissect.ts';
import type { CapturePacket } from '../../protocol/messages.ts';
import { useLab, useLabShallow, useLabState } from '../LabContext.tsx';
import { Splitter, useWindowHeight } from '../components/Splitter.tsx';
import { captureRange, DETAIL_MIN_H, dockHeights, LIST_MIN_H, listHeight, resizeCapture } from '../lab/split.ts';
import { useTranslation } from '../i18n/i18n.ts';
import { addNotice } from '../lab/store.ts';
import { type CaptureTab, capturesOf, fileName, relativeTime } from './captures.ts';
import { downloadBytes } from './download.ts';
import { seenElsewhere } from './pairs.ts';

/** "veth0 (ns1)", or the device alone for the host's */
function tabLabel(t: CaptureTab, host: string): string {
  return `${t.view.dev} (${t.view.ns === 'root' ? host : t.view.ns})`;
}

/** the dock's top edge, between it and the canvas: the canvas gives way, down to its minimum */
function TopEdge() {
  const lab = useLab();
  const { t } = useTranslation();
  const windowH = useWindowHeight();
  const split = useLabShallow((s) => ({
    terminalOpen: s.terminalOpen,
    terminalHeight: s.terminalHeight,
    captureHeight: s.captureHeight,
    captureTerminalHeight: s.captureTerminalHeight,
  }));
  return (
    <Splitter
      className="cap-resize"
      label={t('capture.resize')}
      pane="below"
      value={dockHeights(windowH, split).capture}
      {...captureRange(windowH, split)}
      onResize={(h) => lab.store.setState({ captureHeight: resizeCapture(windowH, split, h) })}
    />
  );
}

export function CaptureDock() {
  const lab = useLab();
  const { t } = useTranslation();
  const captures = capturesOf(lab);
  const tabs = useStore(captures.store, (s) => s.tabs);
  const active = useStore(captures.store, (s) => s.active);
  const tab = tabs.find((x) => x.view.id === active) ?? tabs[0];
  if (!tab) return null;
  const save = async () => {
    const r = await captures.save();
    downloadBytes(fileName(captures.store.getState().tabs), r.bytes);
    lab.store.setState((s) => addNotice(s, 'info', t('capture.saved', { n: r.packets })));
  };
  const host = t('inspector.host');
  return (
    <section className="capture-dock" aria-label={t('capture.label')} data-testid="capture-view">
      <TopEdge />
      <div className="cap-bar">
        <div className="cap-tabs" role="tablist" aria-label={t('capture.tabs')}>
          {tabs.map((x) => (
            <button
              key={x.view.id}
              type="button"
              role="tab"
              aria-selected={x === tab}
              className={x === tab ? 'active' : ''}
              onClick={() => captures.show(x.view.id)}
            >
              <span className={`cap-dot${x.view.running ? ' live' : ''}`} aria-hidden="true" />
              {tabLabel(x, host)}
            </button>
          ))}
        </div>
        <div className="cap-actions">
          <button type="button" onClick={() => void captures.control(tab.view.id, 'stop')} disabled={!tab.view.running}>
            {t('capture.stop')}
          </button>
          <button type="button" onClick={() => void captures.control(tab.view.id, 'clear')}>
            {t('capture.clear')}
          </button>
          <button type="button" onClick={() => void captures.control(tab.view.id, 'close')}>
            {t('capture.close')}
          </button>
          <button type="button" className="primary" onClick={() => void save()}>
            {t('capture.save')}
          </button>
        </div>
      </div>
      <CaptureBody key={tab.view.id} tab={tab} />
    </section>
  );
}

function FilterBox({ tab }: { tab: CaptureTab }) {
  const lab = useLab();
  const { t } = useTranslation();
  const [text, setText] = useState(tab.view.filter);
  const apply = () => void capturesOf(lab).filter(tab.view.id, text);
  return (
    <form
      className="cap-filter"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <label>
        <span>{t('capture.filter')}</span>
        <input
          type="text"
          value={text}
          spellCheck={false}
          aria-invalid={tab.filterError !== null}
          placeholder={t('capture.filterHint')}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <button type="submit">{t('capture.apply')}</button>
      {tab.view.filter && (
        <span className="muted small" data-testid="capture-filter-in-force">
          {t('capture.inForce', { filter: tab.view.filter })}
        </span>
      )}
      {tab.filterError && (
        <span className="cap-error" role="alert">
          {tab.filterError}
        </span>
      )}
      <span className="muted small cap-status" data-testid="capture-status">
        {t('capture.status', { n: tab.packets.length, shown: tab.packets.filter((p) => p.pass).length })}
      </span>
    </form>
  );
}

function CaptureBody({ tab }: { tab: CaptureTab }) {
  const lab = useLab();
  const { t } = useTranslation();
  const shown = useMemo(() => tab.packets.filter((p) => p.pass), [tab.packets]);
  const first = tab.packets[0];
  const selected = tab.packets.find((p) => p.no === tab.selected) ?? null;
  const list = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  // new rows scroll into view while the list is at its end, as Wireshark's auto scroll does
  // biome-ignore lint/correctness/useExhaustiveDependencies: it runs when rows are added, which the effect does not read
  useEffect(() => {
    const el = list.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [shown.length]);
  // opened on a row chosen elsewhere (a reply seen on another capture): that row in view
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the tab is shown
  useEffect(() => {
    if (tab.selected === null) return;
    stick.current = false;
    list.current?.querySelector(`[data-no="${tab.selected}"]`)?.scrollIntoView({ block: 'nearest' });
  }, []);
  const select = (no: number | null) => capturesOf(lab).select(tab.view.id, no);
  // the list above, the details below: the edge between them is the person's to move
  const body = useRef<HTMLDivElement>(null);
  const bodyH = useHeight(body);
  const chosen = useLabState((s) => s.captureListHeight);
  const listH = listHeight(bodyH, chosen);
  const move = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!shown.length) return;
    const at = shown.findIndex((p) => p.no === tab.selected);
    let next = at;
    if (e.key === 'ArrowDown') next = Math.min(shown.length - 1, at + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, at < 0 ? 0 : at - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = shown.length - 1;
    else return;
    e.preventDefault();
    const p = shown[next]!;
    select(p.no);
    list.current?.querySelector(`[data-no="${p.no}"]`)?.scrollIntoView({ block: 'nearest' });
  };
  return (
    <>
      <FilterBox tab={tab} />
      <div className="cap-body" ref={body} style={{ '--list-h': `${listH}px` } as CSSProperties}>
        <div
          className="cap-list"
          ref={list}
          onScroll={(e) => {
            const el = e.currentTarget;
            stick.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 4;
          }}
        >
          <table
            // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: rows a person moves through with the arrow keys are ARIA's grid pattern
            role="grid"
            tabIndex={0}
            onKeyDown={move}
            aria-label={t('capture.list')}
            data-testid="capture-list"
          >
            <thead>
              <tr>
                <th className="num">{t('capture.col.no')}</th>
                <th className="num">{t('capture.col.time')}</th>
                <th>{t('capture.col.source')}</th>
                <th>{t('capture.col.destination')}</th>
                <th>{t('capture.col.protocol')}</th>
                <th className="num">{t('capture.col.length')}</th>
                <th>{t('capture.col.info')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <Row key={p.no} p={p} first={first} selected={p.no === tab.selected} onSelect={select} />
              ))}
            </tbody>
          </table>
          {shown.length === 0 && <p className="muted cap-empty">{tab.packets.length ? t('capture.noneShown') : t('capture.waiting')}</p>}
        </div>
        <Splitter
          className="cap-split"
          label={t('capture.resizeList')}
          pane="above"
          value={listH}
          min={LIST_MIN_H}
          max={Math.max(LIST_MIN_H, bodyH - DETAIL_MIN_H)}
          onResize={(h) => lab.store.setState({ captureListHeight: listHeight(bodyH, h) })}
        />
        <section className="cap-detail" aria-label={t('capture.detail')}>
          {selected ? <Detail p={selected} at={tab.view.id} /> : <p className="muted">{t('capture.pick')}</p>}
        </section>
      </div>
    </>
  );
}

/** an element's height, followed as it changes */
function useHeight(ref: RefObject<HTMLElement | null>): number {
  const [h, setH] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setH(el.clientHeight);
    const ro = new ResizeObserver(() => setH(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return h;
}

function Row({
  p,
  first,
  selected,
  onSelect,
}: {
  p: CapturePacket;
  first: CapturePacket | undefined;
  selected: boolean;
  onSelect: (no: number) => void;
}) {
  return (
    <tr
      data-no={p.no}
      aria-selected={selected}
      className={`proto-${p.protocol.toLowerCase()}${selected ? ' selected' : ''}`}
      onClick={() => onSelect(p.no)}
    >
      <td className="num">{p.no}</td>
      <td className="num">{relativeTime(p, first)}</td>
      <td>{p.src}</td>
      <td>{p.dst}</td>
      <td>{p.protocol}</td>
      <td className="num">{p.bytes.length}</td>
      <td className="info" title={p.info}>
        {p.info}
      </td>
    </tr>
  );
}

/** the other half of an echo, when only another capture took it: a line that goes there */
function Elsewhere({ p, at }: { p: CapturePacket; at: number }) {
  const lab = useLab();
  const { t } = useTranslation();
  const captures = capturesOf(lab);
  const tabs = useStore(captures.store, (s) => s.tabs);
  const seen = useMemo(
    () =>
      seenElsewhere(
        tabs.map((x) => ({ id: x.view.id, packets: x.packets })),
        at,
        p,
      ),
    [tabs, at, p],
  );
  const there = seen && tabs.find((x) => x.view.id === seen.capture);
  if (!seen || !there) return null;
  const where = { tab: tabLabel(there, t('inspector.host')), no: seen.no };
  return (
    <li>
      <button
        type="button"
        className="cap-field cap-elsewhere"
        title={t('capture.elsewhereTitle')}
        onClick={() => {
          captures.show(seen.capture);
          captures.select(seen.capture, seen.no);
        }}
      >
        {seen.reply ? t('capture.replyElsewhere', where) : t('capture.requestElsewhere', where)}
      </button>
    </li>
  );
}

function Detail({ p, at }: { p: CapturePacket; at: number }) {
  const { t } = useTranslation();
  const [mark, setMark] = useState<{ at: number; len: number } | null>(null);
  return (
    <>
      <ul className="cap-tree" aria-label={t('capture.tree')} data-testid="capture-tree">
        <Elsewhere p={p} at={at} />
        {p.tree.map((f, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the tree of one packet never changes
          <Field key={i} f={f} onMark={setMark} open={i > 0} />
        ))}
      </ul>
      <Bytes bytes={p.bytes} mark={mark} />
    </>
  );
}

function Field({ f, onMark, open }: { f: HeaderField; onMark: (m: { at: number; len: number }) => void; open: boolean }) {
  const mark = () => onMark({ at: f.at, len: f.len });
  if (!f.children?.length)
    return (
      <li>
        <button type="button" className="cap-field" onClick={mark} onFocus={mark}>
          {f.text}
        </button>
      </li>
    );
  return (
    <li>
      <details open={open}>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: summary is the disclosure's own control */}
        <summary onClick={mark} onFocus={mark}>
          {f.text}
        </summary>
        <ul>
          {f.children.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the tree of one packet never changes
            <Field key={i} f={c} onMark={onMark} open={false} />
          ))}
        </ul>
      </details>
    </li>
  );
}

/** the frame's bytes, 16 a line, the selected field's highlighted */
function Bytes({ bytes, mark }: { bytes: Uint8Array; mark: { at: number; len: number } | null }) {
  const { t } = useTranslation();
  const lines: { off: number; row: Uint8Array }[] = [];
  for (let o = 0; o < bytes.length; o += 16) lines.push({ off: o, row: bytes.subarray(o, o + 16) });
  const on = (i: number) => mark !== null && i >= mark.at && i < mark.at + mark.len;
  return (
    <section className="cap-bytes" aria-label={t('capture.bytes')}>
      <pre>
        {lines.map(({ off, row }) => (
          <div key={off}>
            <span className="muted">{off.toString(16).padStart(4, '0')}</span>{' '}
            {[...row].map((b, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a byte's place is its identity
              <span key={i} className={on(off + i) ? 'mark' : ''}>
                {b.toString(16).padStart(2, '0')}{' '}
              </span>
            ))}
          </div>
        ))}
      </pre>
    </section>
  );
}
