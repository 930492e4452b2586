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
        Run it as root in a fresh network namespace (<code>unshare --net</code>) on a real Linux machine to get the same network.
      </p>
      <pre className="script" data-testid="script" aria-label="Topology script">
        {script}
      </pre>
    </div>
  );
}
