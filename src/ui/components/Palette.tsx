// Items to drag onto the canvas. Each is a button too: Enter or a click adds it where the
// layout finds room (or into the selected host), so the palette works without a mouse.

import { useLab } from '../LabContext.tsx';
import { DRAG_MIME } from '../canvas/Canvas.tsx';
import { deriveGraph } from '../graph/derive.ts';
import { planDrop, PALETTE, type DropTarget, type PaletteKind } from '../lab/palette.ts';
import { addNotice } from '../lab/store.ts';
import { useTranslation } from '../i18n/i18n.ts';

const ICON: Record<PaletteKind, string> = {
  host: '▣',
  namespace: '□',
  bridge: '═',
  switch: '⇄',
  macvlan: 'M',
  ipvlan: 'I',
  vxlan: '⟿',
  internet: '☁',
};

export function Palette() {
  const lab = useLab();
  const { t } = useTranslation();
  const add = (kind: PaletteKind) => {
    const s = lab.store.getState();
    // keyboard / click: the selection is the target
    const g = deriveGraph(s.snapshot, s.meta);
    const sel = s.selection;
    const node =
      sel?.kind === 'node'
        ? g.nodes.find((n) => n.id === sel.id)
        : sel?.kind === 'port'
          ? g.nodes.find((n) => n.ns === sel.ns && n.kind !== 'bridge')
          : undefined;
    const target: DropTarget = {
      ns: node?.ns ?? null,
      node: node?.id ?? null,
      role: node?.role ?? null,
      port: sel?.kind === 'port' ? sel.dev : null,
      rel: null,
      abs: null,
    };
    const plan = planDrop(s.snapshot, kind, target, s.meta, s.positions);
    if ('error' in plan) {
      lab.store.setState((st) => addNotice(st, 'error', plan.error));
      return;
    }
    void lab.edit(plan.label, plan.planned.lines, { meta: plan.meta, positions: plan.positions });
  };
  return (
    <nav className="palette" aria-label={t('palette.label')}>
      <h2>{t('palette.add')}</h2>
      <ul>
        {PALETTE.map((p) => (
          <li key={p.kind}>
            <button
              type="button"
              className="palette-item"
              draggable
              aria-label={t(`palette.kind.${p.kind}`)}
              title={t('palette.title', { label: t(`palette.kind.${p.kind}`), hint: t(`palette.hint.${p.kind}`) })}
              onDragStart={(e) => {
                e.dataTransfer.setData(DRAG_MIME, p.kind);
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => add(p.kind)}
            >
              <span className="palette-icon" aria-hidden>
                {ICON[p.kind]}
              </span>
              <span>{t(`palette.kind.${p.kind}`)}</span>
            </button>
          </li>
        ))}
      </ul>
      <p className="palette-help">
        {t('palette.help1')} <b>+</b> {t('palette.help2')}
      </p>
    </nav>
  );
}
