// The page's own question dialog (see lab/confirm.ts): modal, focus moves into it and comes
// back after, Tab stays inside, Escape and the cancel button keep things as they are.

import { useEffect, useRef } from 'react';
import { useLab, useLabState } from '../LabContext.tsx';
import { answer } from '../lab/confirm.ts';

export function ConfirmDialog() {
  const lab = useLab();
  const q = useLabState((s) => s.question);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!q) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // the safe choice has the focus: Enter keeps the lab
    cancelRef.current?.focus();
    // Escape cancels wherever the focus is (the window hears it before the page's shortcuts)
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      answer(lab.store, q.id, false);
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      before?.focus();
    };
  }, [q, lab]);

  if (!q) return null;
  const reply = (ok: boolean) => answer(lab.store, q.id, ok);
  return (
    <div className="modal-backdrop">
      <div
        ref={boxRef}
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-text"
        onKeyDown={(e) => {
          // keys stay in the dialog: the canvas and terminal shortcuts must not act behind it
          e.stopPropagation();
          if (e.key === 'Tab') {
            const buttons = [...(boxRef.current?.querySelectorAll('button') ?? [])];
            const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
            const next = buttons[(i + (e.shiftKey ? buttons.length - 1 : 1)) % buttons.length];
            if (next) {
              e.preventDefault();
              next.focus();
            }
          }
        }}
      >
        <h2 id="confirm-title">{q.title}</h2>
        <p id="confirm-text">{q.text}</p>
        <div className="modal-buttons">
          <button ref={cancelRef} type="button" onClick={() => reply(false)}>
            {q.cancel}
          </button>
          <button type="button" className="primary" onClick={() => reply(true)}>
            {q.confirm}
          </button>
        </div>
      </div>
    </div>
  );
}
