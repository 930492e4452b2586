// The whole topology as a runnable script of the dialect: copy it, download it.

import { useState } from 'react';
import { useLabState } from '../LabContext.tsx';

export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ScriptPanel() {
  const script = useLabState((s) => s.script);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(script);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="script-panel">
      <div className="row">
        <button type="button" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy script'}
        </button>
        <button type="button" onClick={() => download('netlab-topology.sh', '#!/bin/sh\n' + script, 'text/x-sh')}>
          Download .sh
        </button>
      </div>
      <p className="muted small">
        Run it as root on a real Linux machine to get the same network, inside a new network and mount namespace with a private{' '}
        <code>/run/netns</code>, so that nothing of the machine's own changes (without <code>--mount</code>, <code>ip netns add</code>{' '}
        writes into the machine's real <code>/run/netns</code>):{' '}
        <code>
          unshare --net --mount sh -c 'mkdir -p /run/netns &amp;&amp; mount -t tmpfs none /run/netns &amp;&amp; sh netlab-topology.sh'
        </code>
      </p>
      <pre className="script" data-testid="script" aria-label="Topology script">
        {script}
      </pre>
    </div>
  );
}
