// A simple terminal per namespace: any dialect line, stdout and stderr printed like a shell.
// Also the "ping from … to …" action.

import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useLab, useLabShallow, useLabState } from '../LabContext.tsx';

export function Terminal() {
  const lab = useLab();
  const { entries, termNs, snapshot } = useLabShallow((s) => ({ entries: s.terminal, termNs: s.termNs, snapshot: s.snapshot }));
  const namespaces = useMemo(() => snapshot.namespaces.map((n) => n.name), [snapshot]);
  const [line, setLine] = useState('');
  const hist = useRef<string[]>([]);
  const cursor = useRef(0);
  const outRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    outRef.current?.scrollTo({ top: outRef.current.scrollHeight });
  }, [entries]);
  const shown = entries.filter((e) => e.ns === termNs);
  const run = (e: FormEvent) => {
    e.preventDefault();
    const text = line.trim();
    if (!text) return;
    hist.current.push(text);
    cursor.current = hist.current.length;
    setLine('');
    void lab.terminal(text, termNs);
  };
  const keys = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowUp' && cursor.current > 0) { cursor.current--; setLine(hist.current[cursor.current] ?? ''); e.preventDefault(); }
    if (e.key === 'ArrowDown') { cursor.current = Math.min(hist.current.length, cursor.current + 1); setLine(hist.current[cursor.current] ?? ''); e.preventDefault(); }
  };
  const prompt = termNs === 'root' ? 'root@host:~#' : `root@${termNs}:~#`;
  return (
    <section className="terminal" aria-label="Terminal">
      <div className="term-tabs" role="tablist" aria-label="Terminal namespace">
        {namespaces.map((n) => (
          <button key={n} role="tab" type="button" aria-selected={n === termNs} className={n === termNs ? 'active' : ''} onClick={() => lab.store.setState({ termNs: n })}>
            {n === 'root' ? 'host' : n}
          </button>
        ))}
        <PingAction />
      </div>
      <div className="term-out" ref={outRef} data-testid="terminal-output" aria-live="polite">
        {shown.length === 0 && <div className="term-hint">Type a command of the dialect, e.g. <code>ip addr</code>, <code>ping -c 1 10.0.0.2</code>, <code>iptables -t nat -S</code>.</div>}
        {shown.map((e) => (
          <div key={e.id} className="term-entry">
            <div className="term-cmd"><span className="term-prompt">{prompt}</span> {e.line}</div>
            {e.stdout && <pre className="term-stdout">{e.stdout}</pre>}
            {e.stderr && <pre className="term-stderr">{e.stderr}</pre>}
          </div>
        ))}
      </div>
      <form className="term-input" onSubmit={run}>
        <label htmlFor="term-line" className="term-prompt">{prompt}</label>
        <input id="term-line" aria-label={`Command in ${termNs === 'root' ? 'host' : termNs}`} value={line} onChange={(e) => setLine(e.target.value)} onKeyDown={keys} autoComplete="off" spellCheck={false} />
        <button type="submit">Run</button>
      </form>
    </section>
  );
}

function PingAction() {
  const lab = useLab();
  const snapshot = useLabState((s) => s.snapshot);
  const lastPing = useLabState((s) => s.lastPing);
  const targets = useMemo(() => snapshot.namespaces.flatMap((n) => n.devices.flatMap((d) => d.addrs.filter((a) => !a.startsWith('127.')).map((a) => ({ ns: n.name, dev: d.name, ip: a.split('/')[0]! })))), [snapshot]);
  const [from, setFrom] = useState('root');
  const [to, setTo] = useState('');
  const dst = to || targets[0]?.ip || '';
  const go = async () => {
    if (!dst) return;
    lab.store.setState({ termNs: from });
    const r = await lab.terminal(`ping -c 1 ${dst}`, from);
    const o = r.outcomes[0];
    const ok = o?.record?.result === 'reply';
    lab.store.setState({ lastPing: { from, to: dst, ok, text: ok ? 'reply' : (o?.stderr.trim() || 'no reply') } });
  };
  return (
    <div className="ping-action" role="group" aria-label="Ping from … to …">
      <label>ping from <select aria-label="Ping from" value={from} onChange={(e) => setFrom(e.target.value)}>
        {snapshot.namespaces.map((n) => <option key={n.name} value={n.name}>{n.root ? 'host' : n.name}</option>)}
      </select></label>
      <label>to <select aria-label="Ping to" value={dst} onChange={(e) => setTo(e.target.value)}>
        {targets.map((t) => <option key={`${t.ns}/${t.dev}/${t.ip}`} value={t.ip}>{t.ip} ({t.ns === 'root' ? 'host' : t.ns} {t.dev})</option>)}
      </select></label>
      <button type="button" onClick={() => void go()} disabled={!dst}>Ping</button>
      {lastPing && <span className={`ping-result ${lastPing.ok ? 'ok' : 'fail'}`} data-testid="ping-result">{lastPing.ok ? '✔' : '✘'} {lastPing.from === 'root' ? 'host' : lastPing.from} → {lastPing.to}: {lastPing.text}</span>}
    </div>
  );
}
