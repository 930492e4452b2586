// The trace player: which probe, play / pause / step / speed, the event the packet is at
// (in the kernel's terms: hook, rule, counter, verdict; conntrack entry and state; NAT as a
// header diff; the route that matched; ARP, FDB, VXLAN), why it died with its fix as one
// click, and the timeline of every event.

import { useEffect, useMemo, useRef } from 'react';
import type { TraceEvent } from '../../core/trace.ts';
import { useLab, useLabShallow } from '../LabContext.tsx';
import { sessions, runShown } from '../terminal/TerminalDock.tsx';
import { directions, editableFix, eventTitle, finalDrop, fixLines, headerRows, nsLabel, type ProbeTrace } from './model.ts';
import { currentTrace, stepTo } from './slice.ts';
import './trace.css';

const SPEEDS = [0.5, 1, 2, 4, 8];
/** the timeline shows this many events around the current one (a storm records thousands) */
const WINDOW = 200;

export function TracePanel() {
  const lab = useLab();
  const s = useLabShallow((st) => ({
    traces: st.traces,
    traceId: st.traceId,
    traceStep: st.traceStep,
    tracePlaying: st.tracePlaying,
    traceSpeed: st.traceSpeed,
  }));
  const t = currentTrace(s);
  const dirs = useMemo(() => (t ? directions(t.events) : []), [t]);
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    // scroll the list only (scrollIntoView would scroll every ancestor, the page included)
    const list = listRef.current;
    const item = list?.querySelector<HTMLElement>('[aria-current="step"]');
    if (!list || !item) return;
    const top = item.offsetTop;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + item.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = top + item.offsetHeight - list.clientHeight;
  }, [s.traceStep, t]);
  if (!t) {
    return (
      <div className="trace-panel">
        <p className="muted">
          No trace yet. Run <code>ping</code>, <code>curl</code> or <code>traceroute</code> in a terminal, use “ping from … to …”, or choose
          a cell of the reachability matrix: every step the kernel takes with the packet shows up here and on the canvas.
        </p>
      </div>
    );
  }
  const n = t.events.length;
  const e = t.events[s.traceStep];
  const go = (i: number) => lab.store.setState((st) => ({ ...stepTo(st, i), tracePlaying: false }));
  const drop = t.ok ? null : finalDrop(t.events);
  return (
    <div className="trace-panel" aria-label="Trace">
      <div className="row">
        <label className="grow">
          Probe{' '}
          <select
            aria-label="Recorded probe"
            value={t.id}
            onChange={(ev) => lab.store.setState({ traceId: Number(ev.target.value), traceStep: 0, tracePlaying: false })}
          >
            {[...s.traces].reverse().map((x) => (
              <option key={x.id} value={x.id}>
                {nsLabel(x.ns)}$ {x.line} — {x.ok ? '✔' : '✘'} {x.summary.slice(0, 40)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className={`trace-result ${t.ok ? 'ok' : 'fail'}`} data-testid="trace-result">
        {t.ok ? '✔' : '✘'} {nsLabel(t.ns)}$ {t.line}: {t.summary}
      </div>
      {drop && <WhyDied trace={t} drop={drop} onShow={() => go(t.events.indexOf(drop))} />}
      {n === 0 ? (
        <p className="muted">This probe sent no packet (the kernel refused it before anything left the namespace).</p>
      ) : (
        <>
          <div className="player" role="toolbar" aria-label="Trace player">
            <button
              type="button"
              aria-label="Step back"
              title="Step back (←)"
              onClick={() => go(s.traceStep - 1)}
              disabled={s.traceStep === 0}
            >
              ◀ Back
            </button>
            {s.tracePlaying ? (
              <button type="button" aria-label="Pause" onClick={() => lab.store.setState({ tracePlaying: false })}>
                ❚❚ Pause
              </button>
            ) : (
              <button
                type="button"
                aria-label="Play"
                onClick={() => lab.store.setState((st) => ({ tracePlaying: true, traceStep: st.traceStep >= n - 1 ? 0 : st.traceStep }))}
              >
                ▶ Play
              </button>
            )}
            <button
              type="button"
              aria-label="Step forward"
              title="Step forward (→)"
              onClick={() => go(s.traceStep + 1)}
              disabled={s.traceStep >= n - 1}
            >
              Next ▶
            </button>
            <label className="speed">
              speed{' '}
              <select
                aria-label="Speed"
                value={s.traceSpeed}
                onChange={(ev) => lab.store.setState({ traceSpeed: Number(ev.target.value) })}
              >
                {SPEEDS.map((x) => (
                  <option key={x} value={x}>
                    {x}×
                  </option>
                ))}
              </select>
            </label>
            <span className="step-count" data-testid="trace-step">
              {s.traceStep + 1} / {n}
            </span>
          </div>
          {e && <EventCard e={e} dir={dirs[s.traceStep] ?? 'request'} />}
          <ol className="timeline" ref={listRef} aria-label="Timeline" start={windowStart(s.traceStep, n) + 1}>
            {windowStart(s.traceStep, n) > 0 && (
              <li className="tl tl-more">
                <button type="button" onClick={() => go(Math.max(0, windowStart(s.traceStep, n) - 1))}>
                  … {windowStart(s.traceStep, n)} earlier events
                </button>
              </li>
            )}
            {t.events.slice(windowStart(s.traceStep, n), windowStart(s.traceStep, n) + WINDOW).map((ev, k) => {
              const i = windowStart(s.traceStep, n) + k;
              return (
                <li
                  key={i}
                  className={`tl dir-${dirs[i]}${ev.type === 'drop' ? ' tl-drop' : ''}${ev.type === 'nat' ? ' tl-nat' : ''}`}
                  aria-current={i === s.traceStep ? 'step' : undefined}
                >
                  <button type="button" onClick={() => go(i)}>
                    <span className="tl-where">
                      {nsLabel(ev.ns)}
                      {ev.dev ? `/${ev.dev}` : ''}
                    </span>
                    <span className="tl-what">{eventTitle(ev)}</span>
                  </button>
                </li>
              );
            })}
            {windowStart(s.traceStep, n) + WINDOW < n && (
              <li className="tl tl-more">
                <button type="button" onClick={() => go(windowStart(s.traceStep, n) + WINDOW)}>
                  … {n - windowStart(s.traceStep, n) - WINDOW} later events
                </button>
              </li>
            )}
          </ol>
        </>
      )}
    </div>
  );
}

/** the first event the timeline shows: the current one stays inside the window */
function windowStart(step: number, n: number): number {
  if (n <= WINDOW) return 0;
  return Math.min(Math.max(0, step - WINDOW / 2), n - WINDOW);
}

/** a fix of one or more command lines, each line its own code span */
function FixText({ fix }: { fix: string }) {
  const lines = fix.split('\n');
  return (
    <>
      {lines.map((l, i) => (
        // the lines of one fix are fixed for its lifetime: the index is a stable key
        // biome-ignore lint/suspicious/noArrayIndexKey: lines may repeat
        <span key={i}>
          {i > 0 && <br />}
          <code>{l}</code>
        </span>
      ))}
    </>
  );
}

function WhyDied({ trace, drop, onShow }: { trace: ProbeTrace; drop: Extract<TraceEvent, { type: 'drop' }>; onShow: () => void }) {
  const lab = useLab();
  const fix = fixLines(drop);
  const edit = editableFix(drop.fix);
  const runFix = async () => {
    if (!fix) return;
    const r = await lab.edit(`Fix: ${fix.join('; ')}`, fix);
    if (!r.ok) return;
    lab.store.setState({ termNs: trace.ns });
    await runShown(lab, trace.line, trace.ns, 'fix');
  };
  const prefill = () => {
    if (!edit) return;
    lab.store.setState({ termNs: drop.ns });
    // the terminal of that namespace may be opening right now
    setTimeout(
      () =>
        sessions.get(drop.ns)?.prefill(edit.replace(new RegExp(`^ip netns exec ${drop.ns.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `), '')),
      50,
    );
  };
  return (
    <section className="why-died" aria-label="Why the packet died" data-testid="why-died">
      <h3>Why it died</h3>
      <p className="why-reason">
        <strong>{drop.reason}</strong>
      </p>
      <dl className="facts">
        <dt>where</dt>
        <dd>
          <button type="button" className="linklike" onClick={onShow}>
            {nsLabel(drop.ns)}
            {drop.dev ? ` / ${drop.dev}` : ''}
          </button>
        </dd>
        <dt>kernel</dt>
        <dd>
          <code>{drop.code}</code>
        </dd>
        {drop.pkt && (
          <>
            <dt>packet</dt>
            <dd>
              <code>{drop.pkt.text}</code>
            </dd>
          </>
        )}
        {drop.fix && (
          <>
            <dt>fix</dt>
            <dd>
              <FixText fix={drop.fix} />
            </dd>
          </>
        )}
      </dl>
      {fix && (
        <button type="button" className="fix-button" onClick={() => void runFix()}>
          Apply fix and ping again
        </button>
      )}
      {!fix && edit && (
        <button type="button" onClick={prefill}>
          Fill in the fix in {nsLabel(drop.ns)}’s terminal
        </button>
      )}
      {fix && (
        <p className="small muted">
          Runs <FixText fix={fix.join('\n')} /> as an edit (undo with Ctrl+Z), then runs <code>{trace.line}</code> in {nsLabel(trace.ns)}{' '}
          again.
        </p>
      )}
    </section>
  );
}

function Headers({ e }: { e: TraceEvent }) {
  if (!e.pkt) return null;
  const rows = headerRows(e.pkt);
  const inner = e.pkt.inner;
  return (
    <div className="headers" aria-label="Packet headers">
      {rows.map((r) => (
        <div key={r.label} className="hdr">
          <span className="hdr-k">{r.label}</span>
          <code>{r.value}</code>
        </div>
      ))}
      {inner && (
        <div className="hdr-inner">
          <div className="hdr">
            <span className="hdr-k">VXLAN</span>
            <code>UDP 4789{e.type === 'vxlan' ? ` · VNI ${e.vni}` : ''}</code>
          </div>
          {headerRows(inner).map((r) => (
            <div key={r.label} className="hdr">
              <span className="hdr-k">inner {r.label}</span>
              <code>{r.value}</code>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/** "a > b" → [a, b] */
function ends(s: string): [string, string] {
  const [a = '', b = ''] = s.split(' > ');
  return [a, b];
}

function NatDiff({ e }: { e: Extract<TraceEvent, { type: 'nat' }> }) {
  const [bs, bd] = ends(e.before);
  const [as, ad] = ends(e.after);
  return (
    <table className="nat-diff" aria-label="Address translation">
      <thead>
        <tr>
          <th />
          <th>before</th>
          <th />
          <th>after</th>
        </tr>
      </thead>
      <tbody>
        <tr className={bs !== as ? 'changed' : ''}>
          <th>source</th>
          <td>
            <code>{bs}</code>
          </td>
          <td>→</td>
          <td>
            <code>{as}</code>
          </td>
        </tr>
        <tr className={bd !== ad ? 'changed' : ''}>
          <th>destination</th>
          <td>
            <code>{bd}</code>
          </td>
          <td>→</td>
          <td>
            <code>{ad}</code>
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function EventCard({ e, dir }: { e: TraceEvent; dir: string }) {
  return (
    <section className={`event-card dir-${dir}${e.type === 'drop' ? ' ev-drop' : ''}`} aria-label="Current event" data-testid="trace-event">
      <div className="ev-head">
        <span className={`dir-badge dir-${dir}`}>{dir}</span>
        <span className="ev-where">
          {nsLabel(e.ns)}
          {e.dev ? ` / ${e.dev}` : ''}
        </span>
        <span className="ev-t muted small">t={e.t} ms</span>
      </div>
      <div className="ev-title">{eventTitle(e)}</div>
      <Detail e={e} />
      <Headers e={e} />
    </section>
  );
}

function Detail({ e }: { e: TraceEvent }) {
  switch (e.type) {
    case 'hook':
      return (
        <dl className="facts">
          <dt>hook</dt>
          <dd>{e.hook}</dd>
          <dt>table / chain</dt>
          <dd>
            {e.table} / {e.chain}
          </dd>
          <dt>rule</dt>
          <dd>
            {e.rule !== undefined ? (
              <>
                #{e.rule} <code>{e.ruleText ?? ''}</code>
                {e.notSimulated && (
                  <span className="muted small" title="accepted and printed as iptables does; the lab gives it no effect">
                    {' '}
                    not simulated: {e.notSimulated.join(', ')}
                  </span>
                )}
              </>
            ) : (
              'none matched: the chain policy applies'
            )}
          </dd>
          {e.counter !== undefined && (
            <>
              <dt>counter</dt>
              <dd>{e.counter} packets</dd>
            </>
          )}
          <dt>verdict</dt>
          <dd>
            <strong className={/DROP|REJECT/.test(e.verdict) ? 'bad' : ''}>{e.verdict}</strong>
          </dd>
        </dl>
      );
    case 'conntrack':
      return (
        <dl className="facts">
          <dt>entry</dt>
          <dd>
            <code>{e.entry}</code>
          </dd>
          <dt>state</dt>
          <dd>
            <strong>{e.state}</strong> {e.created ? '(new entry created)' : '(matched an existing entry)'}
          </dd>
        </dl>
      );
    case 'nat':
      return (
        <>
          <p className="small">
            {e.kind} at {e.hook}
            {e.kind === 'DNAT' && e.hook === 'PREROUTING' ? ' (for a reply: conntrack reverses the translation made on the way out)' : ''}
          </p>
          <NatDiff e={e} />
        </>
      );
    case 'route':
      return (
        <dl className="facts">
          <dt>route</dt>
          <dd>
            <code>{e.route}</code>
          </dd>
          <dt>why</dt>
          <dd>{e.why}</dd>
        </dl>
      );
    case 'arp':
      return (
        <dl className="facts">
          <dt>ARP</dt>
          <dd>
            {e.op} {e.ip}
            {e.mac ? ` is-at ${e.mac}` : ''}
          </dd>
        </dl>
      );
    case 'fdb':
      return (
        <dl className="facts">
          <dt>FDB</dt>
          <dd>
            {e.action}
            {e.action === 'learn'
              ? ` ${e.mac} on port ${e.port ?? '?'}`
              : e.action === 'flood'
                ? ` to every port but ${e.port ?? '?'}`
                : e.port
                  ? ` ${e.mac} → port ${e.port}`
                  : ` ${e.mac}`}
          </dd>
        </dl>
      );
    case 'vxlan':
      return (
        <dl className="facts">
          <dt>VXLAN</dt>
          <dd>
            {e.action === 'encap'
              ? 'encapsulated: outer IP / UDP 4789 / VNI around the inner frame'
              : 'decapsulated: the inner frame goes on'}{' '}
            (VNI {e.vni})
          </dd>
        </dl>
      );
    case 'drop':
      return (
        <dl className="facts">
          <dt>reason</dt>
          <dd>
            <strong className="bad">{e.reason}</strong>
          </dd>
          {e.fix && (
            <>
              <dt>fix</dt>
              <dd>
                <FixText fix={e.fix} />
              </dd>
            </>
          )}
        </dl>
      );
    case 'storm':
      return <p>{e.path.join(' → ')}</p>;
    default:
      return null;
  }
}
