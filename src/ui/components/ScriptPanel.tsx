// The whole topology as a runnable script of the dialect: copy it, download it.

import { useState } from 'react';
import { useLabState } from '../LabContext.tsx';
import { useTranslation } from '../i18n/i18n.ts';

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
  const { t } = useTranslation();
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
          {copied ? t('script.copied') : t('script.copy')}
        </button>
        <button type="button" onClick={() => download('netlab-topology.sh', '#!/bin/sh\n' + script, 'text/x-sh')}>
          {t('script.download')}
        </button>
      </div>
      <p className="muted small">
        {t('script.run1')} <code>/run/netns</code>
        {t('script.run2')} <code>--mount</code>
        {t('script.run3')} <code>ip netns add</code> {t('script.run4')} <code>/run/netns</code>
        {t('script.run5')}{' '}
        <code>
          unshare --net --mount sh -c 'mkdir -p /run/netns &amp;&amp; mount -t tmpfs none /run/netns &amp;&amp; sh netlab-topology.sh'
        </code>
      </p>
      <pre className="script" data-testid="script" aria-label={t('script.label')}>
        {script}
      </pre>
    </div>
  );
}
