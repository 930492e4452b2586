// Paste a script (or an article's commands): the commands are picked out, checked on a
// scratch world, and only then run. Refused lines are listed; nothing changes until the
// person confirms.

import { useState } from 'react';
import type { TrialRefusal } from '../../protocol/messages.ts';
import { useLab } from '../LabContext.tsx';
import { extractCommands, type Extracted } from '../doc/paste.ts';
import { logOf } from '../lab/history.ts';
import { useTranslation } from '../i18n/i18n.ts';

interface Report {
  readonly ex: Extracted;
  readonly refused: readonly TrialRefusal[];
  readonly offset: number;
}

export function ImportPanel() {
  const lab = useLab();
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [replace, setReplace] = useState(true);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const commit = async (ex: Extracted, refused: readonly TrialRefusal[]) => {
    // a replacing import is a lab opened in place of this one: it asks first, as a file or link does
    if (replace && !(await lab.confirmReplace(t('import.thePasted')))) {
      setDone(t('import.kept'));
      return;
    }
    const r = await lab.importLines(ex.lines, replace);
    if (r.ok) {
      setDone(t('import.imported', { count: ex.lines.length - refused.length }));
      setReport(null);
      setText('');
    }
  };

  const check = async () => {
    setError(null);
    setDone(null);
    setReport(null);
    let ex: Extracted;
    try {
      ex = extractCommands(text);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return;
    }
    if (!ex.lines.length) {
      setError(t('import.noCommands'));
      return;
    }
    const base = replace ? [] : logOf(lab.store.getState().history);
    const refused = (await lab.trial([...base, ...ex.lines])).filter((r) => r.index >= base.length);
    if (!refused.length) {
      await commit(ex, refused);
      return;
    }
    setReport({ ex, refused, offset: base.length });
  };

  return (
    <div className="import-panel">
      <label htmlFor="import-text">
        <b>{t('import.paste')}</b> <span className="muted small">{t('import.pasteNote')}</span>
      </label>
      <textarea
        id="import-text"
        aria-label={t('import.label')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={12}
        spellCheck={false}
        placeholder={'ip netns add ns1\nip netns add ns2\nip link add veth0 type veth peer name veth1 netns ns2\n…'}
      />
      <label className="row">
        <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> {t('import.replace')}
      </label>
      <div className="row">
        <button type="button" onClick={() => void check()} disabled={!text.trim()}>
          {t('import.import')}
        </button>
      </div>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
      {done && (
        <div className="ok-note" role="status">
          {done}
        </div>
      )}
      {report && (
        <div className="import-report" role="alert">
          <p>{t('import.refused', { n: report.refused.length, of: report.ex.lines.length })}</p>
          <ul>
            {report.refused.slice(0, 12).map((r) => (
              <li key={r.index}>
                <code>{r.line}</code>
                <br />
                <span className="field-error-text">{r.message}</span>
              </li>
            ))}
          </ul>
          {report.ex.skipped > 0 && <p className="muted small">{t('import.skipped', { n: report.ex.skipped })}</p>}
          <div className="row">
            <button type="button" onClick={() => void commit(report.ex, report.refused)}>
              {t('import.importOther', { n: report.ex.lines.length - report.refused.length })}
            </button>
            <button type="button" onClick={() => setReport(null)}>
              {t('import.cancel')}
            </button>
          </div>
        </div>
      )}
      {!report &&
        text &&
        (() => {
          try {
            const ex = extractCommands(text);
            return (
              <p className="muted small">
                {t('import.found', { n: ex.lines.length })}
                {ex.skipped ? t('import.ignored', { n: ex.skipped }) : ''}
                {ex.notes.length ? `; ${ex.notes.slice(0, 3).join('; ')}` : ''}.
              </p>
            );
          } catch {
            return null;
          }
        })()}
    </div>
  );
}
