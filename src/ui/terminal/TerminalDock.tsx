// Terminals in every namespace (xterm.js), one tab each, plus the "ping from … to …"
// action. A terminal is created the first time its tab is opened and kept (with its
// scrollback and history) while its namespace exists.

import '@xterm/xterm/css/xterm.css';
import './terminal.css';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ManyOptions } from '../components/ManyOptions.tsx';
import { useLab, useLabShallow, useLabState } from '../LabContext.tsx';
import type { Lab } from '../lab/lab.ts';
import { clampTerminalHeight, TERMINAL_MIN_H, terminalMaxHeight } from '../lab/view.ts';
import { betweenRange, dockHeights, resizeBetween } from '../lab/split.ts';
import { Splitter, useWindowHeight } from '../components/Splitter.tsx';
import { capturesOf } from '../capture/captures.ts';
import { useStore } from 'zustand';
import { complete } from './complete.ts';
import { LineNotRun, TermSession } from './session.ts';
import { i18n, useTranslation } from '../i18n/i18n.ts';

/** the live sessions by namespace, so other parts of the page can print into one */
export const sessions = new Map<string, TermSession>();
const terms = new Map<string, Terminal>();

/** everything a namespace's terminal holds, scrollback included (tests read it) */
export function terminalText(ns: string): string {
  const t = terms.get(ns);
  if (!t) return '';
  const b = t.buffer.active;
  const out: string[] = [];
  for (let i = 0; i < b.length; i++) {
    const l = b.getLine(i);
    if (!l) continue;
    // a wrapped row continues the previous line
    if (l.isWrapped && out.length) out[out.length - 1] += l.translateToString(true);
    else out.push(l.translateToString(true));
  }
  return out.join('\n').replace(/\n+$/, '');
}

declare global {
  interface Window {
    netlabTerminal?: { text(ns: string): string; line(ns: string): string };
  }
}
if (typeof window !== 'undefined') window.netlabTerminal = { text: terminalText, line: (ns) => sessions.get(ns)?.line ?? '' };

/** the root namespace is "host", or "host (root)" beside a namespace that is itself called host */
export function label(ns: string, hostTaken: boolean): string {
  if (ns !== 'root') return ns;
  return hostTaken ? 'host (root)' : 'host';
}

/**
 * Above this many namespaces a tab for each would be a strip nobody can read: the bar keeps
 * tabs for the terminals opened, and a list opens one in any namespace.
 */
export const MAX_TABS = 40;

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

function themeOf(): { background: string; foreground: string; cursor: string; selectionBackground: string } {
  return {
    background: cssVar('--bg', '#f5f6f8'),
    foreground: cssVar('--text', '#14171c'),
    cursor: cssVar('--accent', '#2563eb'),
    selectionBackground: cssVar('--accent-soft', '#dbe7ff'),
  };
}

/** run a probe somewhere else (canvas action, fix) and show it in that namespace's terminal */
export async function runShown(
  lab: Lab,
  line: string,
  ns: string,
  source: 'action' | 'fix',
): Promise<Awaited<ReturnType<Lab['terminal']>>> {
  const r = await lab.terminal(line, ns, { record: source });
  sessions.get(ns)?.external(line, r.outcomes);
  return r;
}

function XTermView({ ns, active }: { ns: string; active: boolean }) {
  const lab = useLab();
  const theme = useLabState((s) => s.theme);
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<{ t: Terminal; fit: FitAddon } | null>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const t = new Terminal({
      fontFamily: cssVar('--mono', 'monospace'),
      fontSize: 14,
      // at 1.0 the row below paints over an underscore's stroke: ip_forward read "ip forward"
      lineHeight: 1.2,
      cursorBlink: true,
      scrollback: 5000,
      convertEol: false,
      theme: themeOf(),
      allowProposedApi: false,
    });
    const fit = new FitAddon();
    t.loadAddon(fit);
    t.open(el);
    t.textarea?.setAttribute('aria-label', i18n.t('terminal.commandIn', { nsName: label(ns, false) }));
    const session = new TermSession(
      {
        write: (s) => t.write(s),
        run: async (line, record) => {
          const r = await lab.terminal(line, ns, { record: record ? 'terminal' : false });
          // the simulation restarted around the line, or could not be rebuilt: offered again
          if (r.notRun) throw new LineNotRun(r.message ?? 'The simulation restarted; this line did not run.');
          // the line itself was stopped (its budget, a crash): said where it was typed
          if (!r.outcomes.length && r.message) throw new Error(r.message);
          return r.outcomes;
        },
        runBatch: async (lines) => {
          const r = await lab.terminalBatch(lines, ns);
          if (r.notRun) throw new LineNotRun(r.message ?? 'The simulation restarted; these lines did not run.');
          if (!r.outcomes.length && r.message) throw new Error(r.message);
          return r.outcomes;
        },
        complete: (before) => complete(before, ns, lab.store.getState().snapshot),
        clear: () => t.clear(),
        sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
        job: (serial, interrupt) => lab.job(serial, interrupt),
      },
      ns,
    );
    sessions.set(ns, session);
    terms.set(ns, t);
    const sub = t.onData((d) => session.input(d));
    session.start();
    term.current = { t, fit };
    const ro = new ResizeObserver(() => {
      if (el.offsetParent) {
        try {
          fit.fit();
        } catch {
          /* not laid out */
        }
      }
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      sub.dispose();
      session.dispose();
      if (sessions.get(ns) === session) sessions.delete(ns);
      if (terms.get(ns) === t) terms.delete(ns);
      t.dispose();
      term.current = null;
    };
  }, [lab, ns]);
  useEffect(() => {
    // the page's colours change in the App's effect, which runs after this child's: read
    // them on the next frame, or the terminal keeps the old theme until a reload
    const f = requestAnimationFrame(() => {
      if (term.current) term.current.t.options.theme = themeOf();
    });
    return () => cancelAnimationFrame(f);
  }, [theme]);
  useEffect(() => {
    if (!active || !term.current) return;
    try {
      term.current.fit.fit();
    } catch {
      /* not laid out */
    }
    // take the keyboard only from the dock itself (its tab was clicked), never on page load,
    // so canvas shortcuts (Ctrl+Z, Delete) keep working
    if (host.current?.closest('.xterm-dock')?.contains(document.activeElement)) term.current.t.focus();
  }, [active]);
  return <div className="xterm-host" ref={host} hidden={!active} data-ns={ns} />;
}

export function TerminalDock() {
  const { t } = useTranslation();
  const lab = useLab();
  const { termNs, snapshot, open, height } = useLabShallow((s) => ({
    termNs: s.termNs,
    snapshot: s.snapshot,
    open: s.terminalOpen,
    height: s.terminalHeight,
  }));
  const windowH = useWindowHeight();
  const capturing = useStore(capturesOf(lab).store, (c) => c.tabs.length > 0);
  const split = useLabShallow((s) => ({
    terminalOpen: s.terminalOpen,
    terminalHeight: s.terminalHeight,
    captureHeight: s.captureHeight,
    captureTerminalHeight: s.captureTerminalHeight,
  }));
  // the dock's top edge: under a capture view it is the edge between the two (the canvas
  // stays as it is); alone, the terminal grows upwards and the canvas gives way
  const edge = capturing
    ? {
        value: dockHeights(windowH, split).terminal,
        ...betweenRange(windowH, split),
        onResize: (h: number) => lab.store.setState(resizeBetween(windowH, split, h)),
      }
    : {
        value: height,
        min: TERMINAL_MIN_H,
        max: terminalMaxHeight(windowH),
        onResize: (h: number) => lab.store.setState({ terminalHeight: clampTerminalHeight(h, windowH) }),
      };
  // a capture's lines go to the terminal that started it, whichever terminal's command made them
  useEffect(() => lab.onJobOutput((o) => sessions.get(o.terminal)?.jobNews(o)), [lab]);
  const namespaces = useMemo(() => snapshot.namespaces.map((n) => n.name), [snapshot]);
  const hostTaken = useMemo(() => namespaces.includes('host'), [namespaces]);
  const [opened, setOpened] = useState<string[]>([termNs]);
  const tabs = useMemo(() => {
    if (namespaces.length <= MAX_TABS) return namespaces;
    const keep = new Set([...opened, termNs, 'root']);
    return namespaces.filter((n) => keep.has(n));
  }, [namespaces, opened, termNs]);
  useEffect(() => {
    setOpened((o) => {
      const present = new Set(namespaces);
      const keep = o.filter((n) => present.has(n) || n === 'root');
      if (!keep.includes(termNs)) keep.push(termNs);
      return keep.length === o.length && keep.every((n, i) => n === o[i]) ? o : keep;
    });
  }, [termNs, namespaces]);
  return (
    <section className={`terminal xterm-dock${open ? '' : ' collapsed'}`} aria-label={t('terminal.label')}>
      {open && <Splitter className="term-resize" label={t('terminal.resize')} pane="below" {...edge} />}
      <div className="term-bar">
        <button
          type="button"
          className="term-toggle"
          aria-expanded={open}
          aria-label={open ? t('terminal.hide') : t('terminal.show')}
          title={open ? t('terminal.hide') : t('terminal.show')}
          onClick={() => lab.store.setState({ terminalOpen: !open })}
        >
          {open ? '▾' : '▸'}
        </button>
        <div className="term-tabs" role="tablist" aria-label={t('terminal.namespace')}>
          {tabs.map((n) => (
            <button
              key={n}
              role="tab"
              type="button"
              aria-selected={n === termNs}
              className={n === termNs ? 'active' : ''}
              onClick={() => lab.store.setState({ termNs: n })}
            >
              {label(n, hostTaken)}
            </button>
          ))}
        </div>
        {namespaces.length > MAX_TABS && (
          <ManyOptions
            className="term-pick"
            aria-label={t('terminal.openIn')}
            value=""
            onChange={(e) => e.target.value && lab.store.setState({ termNs: e.target.value })}
            lead={{ key: '', value: '', text: t('terminal.openInMany', { n: namespaces.length }) }}
            choices={namespaces.map((n) => ({ key: n, value: n, text: label(n, hostTaken) }))}
          />
        )}
        <PingAction />
      </div>
      <div className="xterm-stack" data-testid="terminal-output" hidden={!open}>
        {opened.map((n) => (
          <XTermView key={n} ns={n} active={n === termNs} />
        ))}
      </div>
    </section>
  );
}

function PingAction() {
  const lab = useLab();
  const { t } = useTranslation();
  const snapshot = useLabState((s) => s.snapshot);
  const lastPing = useLabState((s) => s.lastPing);
  const hostTaken = useMemo(() => snapshot.namespaces.some((n) => n.name === 'host'), [snapshot]);
  const targets = useMemo(
    () =>
      snapshot.namespaces.flatMap((n) =>
        n.devices.flatMap((d) =>
          d.addrs.filter((a) => !a.startsWith('127.')).map((a) => ({ ns: n.name, dev: d.name, ip: a.split('/')[0]! })),
        ),
      ),
    [snapshot],
  );
  const [from, setFrom] = useState('root');
  const [to, setTo] = useState('');
  const dst = to || targets[0]?.ip || '';
  const go = async () => {
    if (!dst) return;
    lab.store.setState({ termNs: from });
    const r = await runShown(lab, `ping -c 1 ${dst}`, from, 'action');
    const o = r.outcomes[0];
    const ok = o?.record?.result === 'reply';
    lab.store.setState({ lastPing: { from, to: dst, ok, text: ok ? t('terminal.reply') : o?.stderr.trim() || t('terminal.noReply') } });
  };
  return (
    <div className="ping-action" role="group" aria-label={t('terminal.pingGroup')}>
      <label>
        <span className="ping-word">{t('terminal.pingFrom')}</span>{' '}
        <ManyOptions
          aria-label={t('terminal.pingFromLabel')}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          choices={snapshot.namespaces.map((n) => ({ key: n.name, value: n.name, text: label(n.name, hostTaken) }))}
        />
      </label>
      <label>
        <span className="ping-word">{t('terminal.to')}</span>{' '}
        <ManyOptions
          aria-label={t('terminal.pingTo')}
          value={dst}
          onChange={(e) => setTo(e.target.value)}
          choices={targets.map((x) => ({
            key: `${x.ns}/${x.dev}/${x.ip}`,
            value: x.ip,
            text: `${x.ip} (${label(x.ns, hostTaken)} ${x.dev})`,
          }))}
        />
      </label>
      <button type="button" onClick={() => void go()} disabled={!dst}>
        {t('terminal.ping')}
      </button>
      {lastPing && (
        <span className={`ping-result ${lastPing.ok ? 'ok' : 'fail'}`} data-testid="ping-result">
          {lastPing.ok ? '✔' : '✘'} {label(lastPing.from, hostTaken)} → {lastPing.to}: {lastPing.text}
        </span>
      )}
    </div>
  );
}
