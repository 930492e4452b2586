// The Docker tab: a docker command box that shows what Docker did (the primitive lines, from
// `docker explain` run just before the command), the daemons' networks and containers with
// the kernel devices behind them, the exports, and the mode comparison.

import { useEffect, useState } from 'react';
import type { DockerDaemonView } from '../../protocol/messages.ts';
import { useLab, useLabState } from '../LabContext.tsx';
import { download } from '../components/ScriptPanel.tsx';
import { addNotice } from '../lab/store.ts';
import { CompareView } from './CompareView.tsx';
import './docker.css';

export interface Expansion {
  readonly line: string;
  readonly primitives: readonly string[];
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
}

/** `docker …` (or `ip netns exec H docker …`) → the same line with `explain` after `docker` */
export function explainLine(line: string): string | null {
  const m = /^((?:ip netns exec \S+ )*)docker\s+(?:(?:-D|--debug)\s+)*(.+)$/.exec(line.trim());
  return m ? `${m[1]}docker explain ${m[2]}` : null;
}

export function DockerPanel() {
  const lab = useLab();
  const script = useLabState((s) => s.script);
  const [line, setLine] = useState('docker run -d --name web -p 8080:80 nginx');
  const [last, setLast] = useState<Expansion | null>(null);
  const [daemons, setDaemons] = useState<readonly DockerDaemonView[]>([]);
  const [comparing, setComparing] = useState(false);

  // the daemons' bookkeeping follows the topology
  useEffect(() => {
    let live = true;
    void lab.client.request({ type: 'docker' }).then(
      (r) => {
        if (live) setDaemons(r.daemons);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [lab, script]);

  const run = async () => {
    const text = line.trim();
    if (!text) return;
    const ex = explainLine(text);
    if (!ex) {
      lab.store.setState((s) => addNotice(s, 'error', 'This box runs docker commands; other commands go in a terminal.'));
      return;
    }
    // what the command will do, computed on a copy of the lab before it runs
    const plan = await lab.client.request({ type: 'probe', lines: [{ line: ex, ns: null }] });
    const r = await lab.terminal(text, 'root');
    const o = r.outcomes[0];
    const prim = plan.outcomes[0]?.status === 0 ? plan.outcomes[0].stdout.split('\n').filter(Boolean) : [];
    setLast({
      line: text,
      primitives: o?.status === 0 ? prim : [],
      stdout: o?.stdout ?? '',
      stderr: o?.stderr ?? '',
      status: o?.status ?? 1,
    });
  };

  const exportAs = async (format: 'compose' | 'clab') => {
    const r = await lab.client.request({ type: 'export', format });
    if (format === 'compose') download('docker-compose.yml', r.text, 'application/yaml');
    else download('netlab.clab.yml', r.text, 'application/yaml');
  };

  return (
    <div className="docker-panel">
      <form
        className="line-form docker-run"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label htmlFor="docker-line" className="small muted">
          Docker command (runs in the host)
        </label>
        <input id="docker-line" aria-label="Docker command" value={line} onChange={(e) => setLine(e.target.value)} spellCheck={false} />
        <button type="submit">Run</button>
      </form>
      {last && (
        <section className="docker-expansion" aria-label="What Docker did" data-testid="docker-expansion">
          <h3>What Docker did</h3>
          <p className="small">
            <code>$ {last.line}</code>{' '}
            {last.status === 0 ? <span className="ok-note">exit 0</span> : <span className="field-error-text">exit {last.status}</span>}
          </p>
          {last.primitives.length > 0 ? (
            <ol className="primitives">
              {last.primitives.map((p, i) => (
                <li key={i} className={p.startsWith('#') ? 'comment' : p.startsWith('iptables') || p.includes(' iptables ') ? 'ipt' : ''}>
                  <code>{p}</code>
                </li>
              ))}
            </ol>
          ) : (
            <p className="small muted">
              {last.status === 0
                ? "No primitive commands: this command only reads the daemon's state."
                : 'Docker refused: nothing was changed.'}
            </p>
          )}
          {(last.stdout || last.stderr) && (
            <pre className="docker-out">
              {last.stdout}
              {last.stderr}
            </pre>
          )}
        </section>
      )}
      <section aria-label="Docker networks and containers">
        {daemons.length === 0 && (
          <p className="muted small">
            No Docker daemon has started yet. Run a container, e.g. <code>docker run -d --name web -p 8080:80 nginx</code>; in a namespace
            that plays a host: <code>ip netns exec h1 docker run …</code>.
          </p>
        )}
        {daemons.map((d) => (
          <div key={d.host} className="daemon">
            <h3>
              Docker on {d.host === 'root' ? 'the host' : d.host}
              {d.swarm && <span className="muted small"> · {d.swarm}</span>}
            </h3>
            <table className="docker-table" aria-label={`Networks on ${d.host}`}>
              <thead>
                <tr>
                  <th>network</th>
                  <th>driver</th>
                  <th>subnet</th>
                  <th>kernel device</th>
                </tr>
              </thead>
              <tbody>
                {d.networks
                  .filter((n) => n.driver !== 'null' && n.driver !== 'host')
                  .map((n) => (
                    <tr key={n.name}>
                      <td>{n.name}</td>
                      <td>
                        {n.driver}
                        {n.mode ? ` ${n.mode}` : ''}
                      </td>
                      <td>{n.subnet ?? '—'}</td>
                      <td>
                        <code>{n.bridge ?? (n.parent ? `on ${n.parent}` : '—')}</code>
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
            <table className="docker-table" aria-label={`Containers on ${d.host}`}>
              <thead>
                <tr>
                  <th>container</th>
                  <th>network</th>
                  <th>address</th>
                  <th>ports</th>
                </tr>
              </thead>
              <tbody>
                {d.containers.map((c) => (
                  <tr key={c.name}>
                    <td>
                      {c.name} <span className="muted small">{c.image}</span>
                    </td>
                    <td>{c.mode === 'networks' ? c.endpoints.map((e) => e.network).join(', ') : c.mode}</td>
                    <td>
                      {c.endpoints.map((e) => (
                        <div key={e.network}>
                          <code>{e.ip}</code>{' '}
                          <span className="muted small">
                            {e.ifname}
                            {e.hostVeth ? ` ↔ ${e.hostVeth}` : ''}
                          </span>
                        </div>
                      ))}
                      {c.endpoints.length === 0 && (
                        <span className="muted small">
                          {c.mode === 'host' ? "the host's own" : c.mode === 'none' ? 'lo only' : `${c.netns}'s`}
                        </span>
                      )}
                    </td>
                    <td className="small">{c.ports.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>
      <section className="docker-actions" aria-label="Leave the lab">
        <h3>Take it to a real machine</h3>
        <div className="row">
          <button
            type="button"
            onClick={() => void exportAs('compose').catch((e: unknown) => lab.store.setState((s) => addNotice(s, 'error', String(e))))}
          >
            Download docker-compose.yml
          </button>
          <button
            type="button"
            onClick={() => void exportAs('clab').catch((e: unknown) => lab.store.setState((s) => addNotice(s, 'error', String(e))))}
          >
            Download .clab.yml
          </button>
        </div>
        <h3>Compare the modes</h3>
        <p className="small muted">The same curl to nginx under host, bridge, macvlan and ipvlan, each on its own scratch lab.</p>
        <button type="button" onClick={() => setComparing(true)}>
          Compare host, bridge, none, container, macvlan, ipvlan and overlay
        </button>
      </section>
      {comparing && <CompareView onClose={() => setComparing(false)} />}
    </div>
  );
}
