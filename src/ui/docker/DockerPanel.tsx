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
import { useTranslation } from '../i18n/i18n.ts';

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
  const { t } = useTranslation();
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
      lab.store.setState((s) => addNotice(s, 'error', t('docker.onlyDocker')));
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
          {t('docker.commandHost')}
        </label>
        <input
          id="docker-line"
          aria-label={t('docker.command')}
          value={line}
          onChange={(e) => setLine(e.target.value)}
          spellCheck={false}
        />
        <button type="submit">{t('docker.run')}</button>
      </form>
      {last && (
        <section className="docker-expansion" aria-label={t('docker.did')} data-testid="docker-expansion">
          <h3>{t('docker.did')}</h3>
          <p className="small">
            <code>$ {last.line}</code>{' '}
            {last.status === 0 ? (
              <span className="ok-note">{t('docker.exit', { n: 0 })}</span>
            ) : (
              <span className="field-error-text">{t('docker.exit', { n: last.status })}</span>
            )}
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
            <p className="small muted">{last.status === 0 ? t('docker.noPrimitives') : t('docker.refused')}</p>
          )}
          {(last.stdout || last.stderr) && (
            <pre className="docker-out">
              {last.stdout}
              {last.stderr}
            </pre>
          )}
        </section>
      )}
      <section aria-label={t('docker.networksAndContainers')}>
        {daemons.length === 0 && (
          <p className="muted small">
            {t('docker.noDaemon1')} <code>docker run -d --name web -p 8080:80 nginx</code>
            {t('docker.noDaemon2')} <code>ip netns exec h1 docker run …</code>
            {t('docker.noDaemon3')}
          </p>
        )}
        {daemons.map((d) => (
          <div key={d.host} className="daemon">
            <h3>
              {t('docker.on', { host: d.host === 'root' ? t('docker.theHost') : d.host })}
              {d.swarm && <span className="muted small"> · {d.swarm}</span>}
            </h3>
            <table className="docker-table" aria-label={t('docker.networksOn', { host: d.host })}>
              <thead>
                <tr>
                  <th>{t('docker.network')}</th>
                  <th>{t('docker.driver')}</th>
                  <th>{t('docker.subnet')}</th>
                  <th>{t('docker.device')}</th>
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
                        <code>{n.bridge ?? (n.parent ? t('docker.onParent', { dev: n.parent }) : '—')}</code>
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
            <table className="docker-table" aria-label={t('docker.containersOn', { host: d.host })}>
              <thead>
                <tr>
                  <th>{t('docker.container')}</th>
                  <th>{t('docker.network')}</th>
                  <th>{t('docker.address')}</th>
                  <th>{t('docker.ports')}</th>
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
                          {c.mode === 'host'
                            ? t('docker.hostOwn')
                            : c.mode === 'none'
                              ? t('docker.loOnly')
                              : t('docker.nsOf', { nsName: c.netns })}
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
      <section className="docker-actions" aria-label={t('docker.leave')}>
        <h3>{t('docker.real')}</h3>
        <div className="row">
          <button
            type="button"
            onClick={() => void exportAs('compose').catch((e: unknown) => lab.store.setState((s) => addNotice(s, 'error', String(e))))}
          >
            {t('docker.download', { file: 'docker-compose.yml' })}
          </button>
          <button
            type="button"
            onClick={() => void exportAs('clab').catch((e: unknown) => lab.store.setState((s) => addNotice(s, 'error', String(e))))}
          >
            {t('docker.download', { file: '.clab.yml' })}
          </button>
        </div>
        <h3>{t('docker.compare')}</h3>
        <p className="small muted">{t('docker.compareNote')}</p>
        <button type="button" onClick={() => setComparing(true)}>
          {t('docker.compareButton')}
        </button>
      </section>
      {comparing && <CompareView onClose={() => setComparing(false)} />}
    </div>
  );
}
