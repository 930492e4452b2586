// Side by side: one curl from an outside machine to nginx under four network modes, each on
// its own scratch world in the worker: the result, the client address the server saw, any
// address rewrite, and the devices the request crossed.

import { useEffect, useRef, useState } from 'react';
import { COMPARE_LABS } from '../../lessons/compare.ts';
import type { CompareRow } from '../../protocol/messages.ts';
import { useLab } from '../LabContext.tsx';

const WHY: Record<string, string> = {
  host: "nginx listens on the host's own address: no namespace, no NAT.",
  bridge:
    "DNAT in PREROUTING (nat DOCKER) sends port 80 of the host to the container on docker0; FORWARD's DOCKER-FORWARD, DOCKER-BRIDGE and DOCKER chains accept it for that port only; the reply is un-DNATed by conntrack.",
  macvlan: "The container has its own MAC and LAN address; the frame goes from the switch straight into it, past the host's stack.",
  ipvlan: "Like macvlan, but the container shares eth0's MAC: the parent hands frames to it by IP address.",
};

export function CompareView({ onClose }: { onClose: () => void }) {
  const lab = useLab();
  const [rows, setRows] = useState<readonly CompareRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    lab.client.request({ type: 'compare', labs: COMPARE_LABS }).then(
      (r) => {
        if (live) setRows(r.rows);
      },
      (e: unknown) => {
        if (live) setError(String(e));
      },
    );
    ref.current?.focus();
    return () => {
      live = false;
    };
  }, [lab]);
  return (
    <div className="compare-backdrop" onClick={onClose}>
      <div
        className="compare"
        role="dialog"
        aria-modal="true"
        aria-label="Network modes compared"
        tabIndex={-1}
        ref={ref}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        <header className="compare-head">
          <h2>The same curl under four network modes</h2>
          <button type="button" onClick={onClose} aria-label="Close comparison">
            ×
          </button>
        </header>
        <p className="small muted">
          A LAN (192.168.100.0/24), a Docker host at 192.168.100.2 and a client "ext" at 192.168.100.10 running <code>curl</code> to nginx.
        </p>
        {error && <p className="field-error">{error}</p>}
        {!rows && !error && <p className="muted">Building four labs…</p>}
        {rows && (
          <div className="compare-grid">
            {rows.map((r) => (
              <section
                key={r.id}
                className={`compare-col ${r.ok ? 'ok' : 'fail'}`}
                aria-label={`Mode ${r.id}`}
                data-testid={`compare-${r.id}`}
              >
                <h3>{r.title}</h3>
                <pre className="compare-setup">
                  {r.setup
                    .filter((l) => l.includes('docker'))
                    .map((l) => l.replace(/^ip netns exec dockerhost /, ''))
                    .join('\n')}
                </pre>
                <p className="compare-curl">
                  <code>ext$ {r.curl.replace(/^ip netns exec ext /, '')}</code>
                </p>
                <dl className="facts">
                  <dt>result</dt>
                  <dd className="compare-result">{r.ok ? '✔ HTTP 200' : `✘ ${r.result}`}</dd>
                  <dt>server saw</dt>
                  <dd>
                    <code>{r.client ?? '—'}</code>
                  </dd>
                  <dt>rewrites</dt>
                  <dd>
                    {r.nat.length ? (
                      r.nat.map((n) => (
                        <div key={n} className="small">
                          {n}
                        </div>
                      ))
                    ) : (
                      <span className="muted">none</span>
                    )}
                  </dd>
                  <dt>path</dt>
                  <dd>
                    <ol className="compare-path">
                      {r.path.map((p, i) => (
                        <li key={i}>
                          <code>{p}</code>
                        </li>
                      ))}
                    </ol>
                  </dd>
                </dl>
                {r.drop && <p className="field-error-text small">{r.drop}</p>}
                {r.refused.length > 0 && <p className="field-error small">{r.refused.join('; ')}</p>}
                <p className="small">{WHY[r.id]}</p>
              </section>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
