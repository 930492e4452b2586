// The reachability matrix: every namespace pings every other one's first address, in the
// worker, recomputed (debounced) whenever the topology changes. A cell is coloured by the
// ping's outcome; choosing it replays that ping with its trace in the player.

import { useEffect, useMemo, useRef, useState } from 'react';
import type { MatrixCell } from '../../core/matrix.ts';
import type { PingOutcome } from '../../core/probe.ts';
import { useLab, useLabState } from '../LabContext.tsx';
import { summarize } from '../trace/model.ts';
import { showTrace } from '../trace/slice.ts';
import './matrix.css';
import { t, useTranslation } from '../i18n/i18n.ts';

export interface MatrixView {
  readonly cells: readonly MatrixCell[];
  readonly namespaces: readonly string[];
  readonly ms: number;
}

/** a cell's outcome as a class and a word */
export function outcomeOf(o: PingOutcome): { cls: string; mark: string; text: string } {
  switch (o.result) {
    case 'reply':
      return { cls: 'reply', mark: '✔', text: t('matrix.replyFrom', { from: o.from }) };
    case 'timeout':
      return { cls: 'timeout', mark: '✘', text: t('matrix.timeout') };
    case 'icmp-error':
      return { cls: 'icmp', mark: '!', text: t('matrix.icmpFrom', { icmp: o.icmp, from: o.from }) };
    case 'local-error':
      return { cls: 'local', mark: '⊘', text: o.error };
  }
}

/** the root namespace reads "host", unless a namespace is called host */
const labeller =
  (names: readonly string[]) =>
  (ns: string): string =>
    ns === 'root' ? (names.includes('host') ? 'root ns' : 'host') : ns;

/** the last matrix, kept so the tab shows it at once when reopened */
let last: MatrixView | null = null;
let lastScript: string | null = null;

/**
 * past this many namespaces the matrix (n² pings) is computed when asked, not after every
 * edit: on a 2,500-namespace lab it would hold every other request for its whole budget
 */
export const AUTO_MATRIX = 100;

export function MatrixPanel() {
  const lab = useLab();
  const { t } = useTranslation();
  const script = useLabState((s) => s.script);
  const ready = useLabState((s) => s.ready);
  const count = useLabState((s) => s.snapshot.namespaces.length);
  /** the topology (its script) for which a person asked for the matrix of a big lab */
  const [asked, setAsked] = useState<string | null>(null);
  const auto = count <= AUTO_MATRIX || asked === script;
  const [view, setView] = useState<MatrixView | null>(last);
  const [computing, setComputing] = useState(false);
  const [stopped, setStopped] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [picked, setPicked] = useState<string | null>(null);
  const seq = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is how Try again asks for a new run
  useEffect(() => {
    if (!ready || !auto) return;
    if (view && lastScript === script) return;
    const mine = ++seq.current;
    setComputing(true);
    // debounced: a burst of edits recomputes once; queued behind the lab's other requests
    const timer = setTimeout(() => {
      lab
        .matrix(() => mine !== seq.current)
        .then((r) => {
          if (!r || mine !== seq.current) return;
          last = { cells: r.cells, namespaces: r.namespaces, ms: r.ms };
          lastScript = script;
          setStopped(null);
          setView(last);
        })
        .catch((e: unknown) => {
          // stopped by its watchdog (or the simulation restarted): say so, never "no namespaces"
          if (mine === seq.current) setStopped(e instanceof Error ? e.message : String(e));
        })
        .finally(() => {
          if (mine === seq.current) setComputing(false);
        });
    }, 350);
    return () => clearTimeout(timer);
  }, [lab, script, ready, view, attempt, auto]);
  const stop = () => {
    seq.current++;
    lab.stopMatrix();
    setComputing(false);
    setStopped(t('matrix.youStopped'));
  };
  const byPair = useMemo(() => new Map((view?.cells ?? []).map((c) => [`${c.from}\u0000${c.to}`, c])), [view]);
  const targets = useMemo(() => (view ? view.namespaces.filter((n) => view.cells.some((c) => c.to === n)) : []), [view]);
  const label = useMemo(() => labeller(view?.namespaces ?? []), [view]);
  const pick = async (c: MatrixCell) => {
    setPicked(`${c.from}\u0000${c.to}`);
    const r = await lab.cellTrace(c.from, c.dst).catch(() => null);
    if (!r) return;
    const line = `ping -c 1 ${c.dst}`;
    const rec = r.outcome ? { kind: 'ping', ...r.outcome } : undefined;
    const { ok, summary } = summarize(r.trace, rec, r.outcome?.result === 'local-error' ? r.outcome.error : '');
    lab.store.setState((s) => ({
      ...showTrace(s, { line, ns: c.from, events: r.trace, ok, summary, source: 'matrix', ...(r.pcapng ? { pcapng: r.pcapng } : {}) }),
      panel: 'trace',
    }));
  };
  const stoppedNote = stopped && !computing && (
    <div className="matrix-stopped" role="status">
      <p>{t('matrix.notComputed', { why: stopped })}</p>
      <button
        type="button"
        onClick={() => {
          setAsked(script);
          setAttempt((a) => a + 1);
        }}
      >
        {t('matrix.tryAgain')}
      </button>
    </div>
  );
  const stopButton = computing && (
    <button type="button" onClick={stop}>
      {t('matrix.stop')}
    </button>
  );
  const askNote = !auto && lastScript !== script && (
    <div className="matrix-stopped" role="status">
      <p>{t('matrix.ask', { n: count.toLocaleString('en-US'), pings: (count * count).toLocaleString('en-US') })}</p>
      <button type="button" onClick={() => setAsked(script)}>
        {t('matrix.compute')}
      </button>
    </div>
  );
  if (!view)
    return (
      <div className="matrix-panel">
        {stoppedNote || askNote || (
          <p className="muted">
            {computing ? t('matrix.computing') : t('matrix.noNamespaces')} {stopButton}
          </p>
        )}
      </div>
    );
  return (
    <div className="matrix-panel" aria-label={t('matrix.label')}>
      <p className="small muted">
        {t('matrix.intro1')} <code>ping -c 1</code>
        {t('matrix.intro2')} {computing ? t('matrix.recomputing') : t('matrix.pingsIn', { n: view.cells.length, ms: view.ms.toFixed(1) })}{' '}
        {stopButton}
      </p>
      {stoppedNote || askNote}
      {targets.length === 0 ? (
        <p className="muted">{t('matrix.noAddress')}</p>
      ) : (
        <div className="matrix-scroll">
          <table className="matrix" data-testid="matrix">
            <thead>
              <tr>
                <th className="corner">{t('matrix.corner')}</th>
                {targets.map((x) => (
                  <th key={x} scope="col" className="col" title={view.cells.find((c) => c.to === x)?.dst}>
                    <span>{label(x)}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.namespaces.map((f) => (
                <tr key={f}>
                  <th scope="row">{label(f)}</th>
                  {targets.map((x) => {
                    const c = byPair.get(`${f}\u0000${x}`);
                    if (!c)
                      return (
                        <td key={x} className="self" aria-label={t('matrix.itself', { from: label(f), to: label(x) })}>
                          ·
                        </td>
                      );
                    const o = outcomeOf(c.outcome);
                    const name = t('matrix.cell', { from: label(f), to: label(x), dst: c.dst, what: o.text });
                    return (
                      <td key={x} className={`cell-${o.cls}${picked === `${f}\u0000${x}` ? ' picked' : ''}`}>
                        <button
                          type="button"
                          title={name}
                          aria-label={name}
                          data-from={f}
                          data-to={x}
                          data-outcome={c.outcome.result}
                          onClick={() => void pick(c)}
                        >
                          {o.mark}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ul className="matrix-legend small">
        <li>
          <span className="sw cell-reply">✔</span> {t('matrix.legendReply')}
        </li>
        <li>
          <span className="sw cell-timeout">✘</span> {t('matrix.legendNoReply')}
        </li>
        <li>
          <span className="sw cell-icmp">!</span> {t('matrix.legendIcmp')}
        </li>
        <li>
          <span className="sw cell-local">⊘</span> {t('matrix.legendLocal')}
        </li>
      </ul>
    </div>
  );
}
