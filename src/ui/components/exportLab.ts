// Save the lab to a JSON file: the toolbar's Export and the way out a failed autosave offers.

import { MAX_DOC_BYTES, MAX_DOC_TEXT, documentJson } from '../doc/document.ts';
import type { Lab } from '../lab/lab.ts';
import { addNotice } from '../lab/store.ts';
import { download } from './ScriptPanel.tsx';

export function exportLab(lab: Lab): void {
  const json = documentJson(lab.document());
  // the file is always written: it may be the only copy of the work
  download('netlab-lab.json', json, 'application/json');
  lab.markSaved();
  if (json.length > MAX_DOC_BYTES)
    lab.store.setState((s) =>
      addNotice(s, 'error', `This lab is larger than ${MAX_DOC_TEXT}: the file was written, but netlab opens files up to ${MAX_DOC_TEXT}.`),
    );
}
