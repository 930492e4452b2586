// Paste a script (or an article's commands): the commands are picked out, checked on a
// scratch world, and only then run. Refused lines are listed; nothing changes until the
// person confirms.

import { useState } from 'react';
import type { TrialRefusal } from '../../protocol/messages.ts';
import { useLab } from '../LabContext.tsx';
import { extractCommands, type Extracted } from '../doc/paste.ts';
import { logOf } from '../lab/history.ts';

interface Report {
  readonly ex: Extracted;
  readonly refused: readonly TrialRefusal[];
  readonly offset: number;
}

export function ImportPanel() {
  const lab = useLab();
  const [text, setText] = useState('');
  const [replace, setReplace] = useState(true);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const commit = async (ex: Extracted, refused: readonly TrialRefusal[]) => {
    // a replacing import is a lab opened in place of this one: it asks first, as a file or link does
    if (replace && !(await lab.confirmReplace('The pasted script'))) {
      setDone('Kept your lab; nothing was imported.');
      return;
    }
    const r = await lab.importLines(ex.lines, replace);
    if (r.ok) {
      setDone(`Imported ${ex.lines.length - refused.length} command${ex.lines.length - refused.length === 1 ? '' : 's'}.`);
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
      setError('No commands found: paste lines such as "ip netns add ns1" or a script from the Script panel.');
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
        <b>Paste a script</b> <span className="muted small">(or an article's commands: prompts, loops and output lines are handled)</span>
      </label>
      <textarea
        id="import-text"
        aria-label="Script to import"
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={12}
        spellCheck={false}
        placeholder={'ip netns add ns1\nip netns add ns2\nip link add veth0 type veth peer name veth1 netns ns2\n…'}
      />
      <label className="row">
        <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> replace the current lab
      </label>
      <div className="row">
        <button type="button" onClick={() => void check()} disabled={!text.trim()}>
          Import
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
          <p>
            <b>{report.refused.length}</b> of {report.ex.lines.length} commands would be refused by the kernel:
          </p>
          <ul>
            {report.refused.slice(0, 12).map((r) => (
              <li key={r.index}>
                <code>{r.line}</code>
                <br />
                <span className="field-error-text">{r.message}</span>
              </li>
            ))}
          </ul>
          {report.ex.skipped > 0 && <p className="muted small">{report.ex.skipped} non-command lines were left out.</p>}
          <div className="row">
            <button type="button" onClick={() => void commit(report.ex, report.refused)}>
              Import the other {report.ex.lines.length - report.refused.length}
            </button>
            <button type="button" onClick={() => setReport(null)}>
              Cancel
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
                {ex.lines.length} commands found{ex.skipped ? `, ${ex.skipped} other lines ignored` : ''}
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
