// Side by side: one curl to nginx under each of Docker's seven network modes, each on its own
// scratch world in the worker: the result, the client address the server saw, any address
// rewrite, and the devices the request crossed. Each mode opens on the canvas as a lab.

import { useEffect, useRef, useState } from 'react';
import { COMPARE_LABS } from '../../lessons/compare.ts';
import type { CompareRow } from '../../protocol/messages.ts';
import { useLab } from '../LabContext.tsx';

const WHY: Record<string, string> = {
  host: "nginx listens on the host's own address: no namespace, no NAT.",
  bridge:
    "DNAT in PREROUTING (nat DOCKER) sends port 80 of the host to the container on docker0; FORWARD's DOCKER-FORWARD, DOCKER-BRIDGE and DOCKER chains accept it for that port only; the reply is un-DNATed by conntrack.",
  none: 'The container has only lo: nothing outside reaches it, and nothing listens on the host, so the connection is refused.',
  container:
    "nginx runs in app's namespace (--network container:app): app's published port is nginx's. Kubernetes pods share a namespace the same way.",
  macvlan: "The container has its own MAC and LAN address; the frame goes from the switch straight into it, past the host's stack.",
  ipvlan: "Like macvlan, but the container shares eth0's MAC: the parent hands frames to it by IP address.",
  overlay:
    "A container on the second host reaches web at its overlay address: the frame travels inside VXLAN (UDP 4789) between the hosts' LAN addresses.",
};

/** a device on the request's path, with the root namespace named for what it plays here: the LAN switch */
function hop(p: string): string {
  return p.startsWith('root:') ? `switch (host) ${p.slice(5)}` : p.replace(':', ' ');
}

export function CompareView({ onClose }: { onClose: () => void }) {
  const lab = useLab();
  const [rows, setRows] = useState<readonly CompareRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  /** the mode's lab replaces the canvas's (asking first when that holds unsaved work) */
  const open = async (r: CompareRow): Promise<void> => {
    if (!(await lab.confirmReplace(`The ${r.title} lab`))) return;
    onClose();
    await lab.openDocument({ v: 1, script: [...r.setup], positions: {}, meta: { roles: {}, parents: {} } }, `Compare: ${r.title}`);
  };
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
          <h2>The same curl under Docker's seven network modes</h2>
          <button type="button" onClick={onClose} aria-label="Close comparison">
            ×
          </button>
        </header>
        <p className="small muted">
          A LAN (192.168.100.0/24) whose switch is the lab's host, a Docker host "dockerhost" at 192.168.100.2 and a client "ext" at
          192.168.100.10 running <code>curl</code> to nginx (for the overlay, a second Docker host at 192.168.100.3).
        </p>
        {error && <p className="field-error">{error}</p>}
        {!rows && !error && <p className="muted">Building seven labs…</p>}
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
                    .filter((l) => l.includes(' docker '))
                    .map((l) => l.replace(/^ip netns exec (dockerhost2?) /, '$1$ '))
                    .join('\n')}
                </pre>
                <p className="compare-curl">
                  <code>{r.curl.replace(/^ip netns exec (\S+) /, '$1$ ')}</code>
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
                          <code>{hop(p)}</code>
                        </li>
                      ))}
                    </ol>
                  </dd>
                </dl>
                {r.drop && <p className="field-error-text small">{r.drop}</p>}
                {r.refused.length > 0 && <p className="field-error small">{r.refused.join('; ')}</p>}
                <p className="small">{WHY[r.id]}</p>
                <button type="button" onClick={() => void open(r)} aria-label={`Open ${r.title} on the canvas`}>
                  Open on the canvas
                </button>
              </section>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
