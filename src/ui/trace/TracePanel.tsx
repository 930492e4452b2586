// The trace player: which probe, play / pause / step / speed, the event the packet is at
// (in the kernel's terms: hook, rule, counter, verdict; conntrack entry and state; NAT as a
// header diff; the route that matched; ARP, FDB, VXLAN), why it died with its fix as one
// click, and the timeline of every event.

import { downloadBytes, traceFileName } from '../capture/download.ts';
import { useEffect, useMemo, useRef } from 'react';
import type { TraceEvent } from '../../core/trace.ts';
import { useLab, useLabShallow } from '../LabContext.tsx';
import { sessions, runShown } from '../terminal/TerminalDock.tsx';
import { directions, editableFix, eventTitle, finalDrop, fixLines, headerRows, nsLabel, type ProbeTrace } from './model.ts';
import { currentTrace, stepTo } from './slice.ts';
import './trace.css';
import { dropReason, readKernel, useTranslation } from '../i18n/i18n.ts';

const SPEEDS = [0.5, 1, 2, 4, 8];
/** the timeline shows this many events around the current one (a storm records thousands) */
const WINDOW = 200;

export function TracePanel() {
  const lab = useLab();
  // `t` is the trace here: the translation is `tx`
  const { t: tx } = useTranslation();
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
          {tx('trace.none1')} <code>ping</code>, <code>curl</code> {tx('trace.or')} <code>traceroute</code> {tx('trace.none2')}
        </p>
      </div>
    );
  }
  const n = t.events.length;
  const e = t.events[s.traceStep];
  const go = (i: number) => lab.store.setState((st) => ({ ...stepTo(st, i), tracePlaying: false }));
  const drop = t.ok ? null : finalDrop(t.events);
  return (
    <div className="trace-panel" aria-label={tx('app.tab.trace')}>
      <div className="row">
        <label className="grow">
          {tx('trace.probe')}{' '}
          <select
            aria-label={tx('trace.recorded')}
            value={t.id}
            onChange={(ev) => lab.store.setState({ traceId: Number(ev.target.value), traceStep: 0, tracePlaying: false })}
          >
            {[...s.traces].reverse().map((x) => (
              <option key={x.id} value={x.id}>
                {nsLabel(x.ns)}$ {x.line} — {x.ok ? '✔' : '✘'} {readKernel(x.summary).slice(0, 40)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className={`trace-result ${t.ok ? 'ok' : 'fail'}`} data-testid="trace-result">
        {t.ok ? '✔' : '✘'} {nsLabel(t.ns)}$ {t.line}: {readKernel(t.summary)}
      </div>
      {drop && <WhyDied trace={t} drop={drop} onShow={() => go(t.events.indexOf(drop))} />}
      {t.pcapng && (
        <div className="row">
          <button
            type="button"
            title={tx('trace.savePcapngTitle')}
            onClick={() => t.pcapng && downloadBytes(traceFileName(t.ns, t.line), t.pcapng)}
          >
            {tx('trace.savePcapng')}
          </button>
        </div>
      )}
      {n === 0 ? (
        <p className="muted">{tx('trace.noPacket')}</p>
      ) : (
        <>
          <div className="player" role="toolbar" aria-label={tx('trace.player')}>
            <button
              type="button"
              aria-label={tx('trace.stepBack')}
              title={tx('trace.stepBackKey')}
              onClick={() => go(s.traceStep - 1)}
              disabled={s.traceStep === 0}
            >
              ◀ {tx('trace.back')}
            </button>
            {s.tracePlaying ? (
              <button type="button" aria-label={tx('trace.pause')} onClick={() => lab.store.setState({ tracePlaying: false })}>
                ❚❚ {tx('trace.pause')}
              </button>
            ) : (
              <button
                type="button"
                aria-label={tx('trace.play')}
                onClick={() => lab.store.setState((st) => ({ tracePlaying: true, traceStep: st.traceStep >= n - 1 ? 0 : st.traceStep }))}
              >
                ▶ {tx('trace.play')}
              </button>
            )}
            <button
              type="button"
              aria-label={tx('trace.stepForward')}
              title={tx('trace.stepForwardKey')}
              onClick={() => go(s.traceStep + 1)}
              disabled={s.traceStep >= n - 1}
            >
              {tx('trace.next')} ▶
            </button>
            <label className="speed">
              {tx('trace.speed')}{' '}
              <select
                aria-label={tx('trace.speed')}
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
          <ol className="timeline" ref={listRef} aria-label={tx('trace.timeline')} start={windowStart(s.traceStep, n) + 1}>
            {windowStart(s.traceStep, n) > 0 && (
              <li className="tl tl-more">
                <button type="button" onClick={() => go(Math.max(0, windowStart(s.traceStep, n) - 1))}>
                  … {tx('trace.earlier', { n: windowStart(s.traceStep, n) })}
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
                    <span className="tl-what">{readKernel(eventTitle(ev))}</span>
                  </button>
                </li>
              );
            })}
            {windowStart(s.traceStep, n) + WINDOW < n && (
              <li className="tl tl-more">
                <button type="button" onClick={() => go(windowStart(s.traceStep, n) + WINDOW)}>
                  … {tx('trace.later', { n: n - windowStart(s.traceStep, n) - WINDOW })}
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
  const { t } = useTranslation();
  const fix = fixLines(drop);
  const edit = editableFix(drop.fix);
  const runFix = async () => {
    if (!fix) return;
    const r = await lab.edit(t('trace.fixEdit', { fix: fix.join('; ') }), fix);
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
    <section className="why-died" aria-label={t('trace.whyDied')} data-testid="why-died">
      <h3>{t('trace.whyItDied')}</h3>
      <p className="why-reason">
        <strong>{dropReason(drop)}</strong>
      </p>
      <dl className="facts">
        <dt>{t('trace.where')}</dt>
        <dd>
          <button type="button" className="linklike" onClick={onShow}>
            {nsLabel(drop.ns)}
            {drop.dev ? ` / ${drop.dev}` : ''}
          </button>
        </dd>
        <dt>{t('trace.kernel')}</dt>
        <dd>
          <code>{drop.code}</code>
        </dd>
        {drop.pkt && (
          <>
            <dt>{t('trace.packet')}</dt>
            <dd>
              <code>{drop.pkt.text}</code>
            </dd>
          </>
        )}
        {drop.fix && (
          <>
            <dt>{t('trace.fix')}</dt>
            <dd>
              <FixText fix={drop.fix} />
            </dd>
          </>
        )}
      </dl>
      {fix && (
        <button type="button" className="fix-button" onClick={() => void runFix()}>
          {t('trace.applyFix')}
        </button>
      )}
      {!fix && edit && (
        <button type="button" onClick={prefill}>
          {t('trace.fillIn', { nsName: nsLabel(drop.ns) })}
        </button>
      )}
      {fix && (
        <p className="small muted">
          {t('trace.runs1')} <FixText fix={fix.join('\n')} /> {t('trace.runs2')} <code>{trace.line}</code>{' '}
          {t('trace.runs3', { nsName: nsLabel(trace.ns) })}
        </p>
      )}
    </section>
  );
}

function Headers({ e }: { e: TraceEvent }) {
  const { t } = useTranslation();
  if (!e.pkt) return null;
  const rows = headerRows(e.pkt);
  const inner = e.pkt.inner;
  return (
    <div className="headers" aria-label={t('trace.headers')}>
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
              <span className="hdr-k">{t('trace.inner', { label: r.label })}</span>
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
  const { t } = useTranslation();
  return (
    <table className="nat-diff" aria-label={t('trace.nat')}>
      <thead>
        <tr>
          <th />
          <th>{t('trace.before')}</th>
          <th />
          <th>{t('trace.after')}</th>
        </tr>
      </thead>
      <tbody>
        <tr className={bs !== as ? 'changed' : ''}>
          <th>{t('trace.source')}</th>
          <td>
            <code>{bs}</code>
          </td>
          <td>→</td>
          <td>
            <code>{as}</code>
          </td>
        </tr>
        <tr className={bd !== ad ? 'changed' : ''}>
          <th>{t('trace.destination')}</th>
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
  const { t } = useTranslation();
  return (
    <section
      className={`event-card dir-${dir}${e.type === 'drop' ? ' ev-drop' : ''}`}
      aria-label={t('trace.current')}
      data-testid="trace-event"
    >
      <div className="ev-head">
        <span className={`dir-badge dir-${dir}`}>{t(`trace.dir.${dir}`)}</span>
        <span className="ev-where">
          {nsLabel(e.ns)}
          {e.dev ? ` / ${e.dev}` : ''}
        </span>
        <span className="ev-t muted small">t={e.t} ms</span>
      </div>
      <div className="ev-title">{readKernel(eventTitle(e))}</div>
      <Detail e={e} />
      <Headers e={e} />
    </section>
  );
}

function Detail({ e }: { e: TraceEvent }) {
  const { t } = useTranslation();
  switch (e.type) {
    case 'hook':
      return (
        <dl className="facts">
          <dt>{t('trace.hook')}</dt>
          <dd>{e.hook}</dd>
          <dt>{t('trace.tableChain')}</dt>
          <dd>
            {e.table} / {e.chain}
          </dd>
          <dt>{t('trace.rule')}</dt>
          <dd>
            {e.rule !== undefined ? (
              <>
                #{e.rule} <code>{e.ruleText ?? ''}</code>
                {e.notSimulated && (
                  <span className="muted small" title={t('trace.notSimulatedTitle')}>
                    {' '}
                    {t('trace.notSimulated', { names: e.notSimulated.join(', ') })}
                  </span>
                )}
              </>
            ) : (
              t('trace.noneMatched')
            )}
          </dd>
          {e.counter !== undefined && (
            <>
              <dt>{t('trace.counter')}</dt>
              <dd>{t('trace.packets', { n: e.counter })}</dd>
            </>
          )}
          <dt>{t('trace.verdict')}</dt>
          <dd>
            <strong className={/DROP|REJECT/.test(e.verdict) ? 'bad' : ''}>{e.verdict}</strong>
          </dd>
        </dl>
      );
    case 'conntrack':
      return (
        <dl className="facts">
          <dt>{t('trace.entry')}</dt>
          <dd>
            <code>{e.entry}</code>
          </dd>
          <dt>{t('trace.state')}</dt>
          <dd>
            <strong>{e.state}</strong> {e.created ? t('trace.created') : t('trace.matched')}
          </dd>
        </dl>
      );
    case 'nat':
      return (
        <>
          <p className="small">
            {t('trace.natAt', { kind: e.kind, hook: e.hook })}
            {e.kind === 'DNAT' && e.hook === 'PREROUTING' ? t('trace.natReply') : ''}
          </p>
          <NatDiff e={e} />
        </>
      );
    case 'route':
      return (
        <dl className="facts">
          <dt>{t('trace.route')}</dt>
          <dd>
            <code>{e.route}</code>
          </dd>
          <dt>{t('trace.why')}</dt>
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
              ? ` ${t('trace.learnOn', { mac: e.mac, port: e.port ?? '?' })}`
              : e.action === 'flood'
                ? ` ${t('trace.floodBut', { port: e.port ?? '?' })}`
                : e.port
                  ? ` ${e.mac} → ${t('trace.port', { port: e.port })}`
                  : ` ${e.mac}`}
          </dd>
        </dl>
      );
    case 'vxlan':
      return (
        <dl className="facts">
          <dt>VXLAN</dt>
          <dd>
            {e.action === 'encap' ? t('trace.encap') : t('trace.decap')} ({`VNI ${e.vni}`})
          </dd>
        </dl>
      );
    case 'drop':
      return (
        <dl className="facts">
          <dt>{t('trace.reason')}</dt>
          <dd>
            <strong className="bad">{dropReason(e)}</strong>
          </dd>
          {e.fix && (
            <>
              <dt>{t('trace.fix')}</dt>
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
