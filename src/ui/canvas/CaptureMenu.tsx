// The canvas's context menu: right-click a port, a bridge, a namespace or a link, and
// "Capture on …" each device there opens the capture view on it (the inspector's Capture
// button is the same action from the keyboard). ARIA's menu pattern: focus on the first item,
// arrow keys between items, Escape or a click elsewhere closes it.

import { type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useLab } from '../LabContext.tsx';
import { startCapture } from '../capture/startCapture.ts';
import { useTranslation } from '../i18n/i18n.ts';
import type { CaptureTarget } from './captureTargets.ts';

export interface MenuAt {
  readonly x: number;
  readonly y: number;
  readonly targets: readonly CaptureTarget[];
}

export function CaptureMenu({ at, onClose }: { at: MenuAt; onClose: () => void }) {
  const lab = useLab();
  const { t } = useTranslation();
  const menu = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ left: at.x, top: at.y });
  const back = useRef<Element | null>(document.activeElement);
  // kept inside the window, and the first item takes the keyboard
  useLayoutEffect(() => {
    const el = menu.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    setPos({
      left: Math.max(0, Math.min(at.x, window.innerWidth - r.width - 4)),
      top: Math.max(0, Math.min(at.y, window.innerHeight - r.height - 4)),
    });
    el.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [at]);
  useEffect(() => {
    const away = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node)) onClose();
    };
    const blur = () => onClose();
    document.addEventListener('pointerdown', away, true);
    window.addEventListener('blur', blur);
    return () => {
      document.removeEventListener('pointerdown', away, true);
      window.removeEventListener('blur', blur);
    };
  }, [onClose]);
  const close = () => {
    onClose();
    if (back.current instanceof HTMLElement) back.current.focus();
  };
  const keys = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    let next: number | null = null;
    if (e.key === 'ArrowDown') next = (i + 1) % items.length;
    else if (e.key === 'ArrowUp') next = (i - 1 + items.length) % items.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = items.length - 1;
    else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      close();
      return;
    } else return;
    e.preventDefault();
    items[next]?.focus();
  };
  const host = t('inspector.host');
  return (
    <div
      ref={menu}
      className="canvas-menu"
      role="menu"
      aria-label={t('canvas.captureMenu')}
      style={{ left: pos.left, top: pos.top }}
      onKeyDown={keys}
      onContextMenu={(e) => e.preventDefault()}
    >
      {at.targets.map((x) => (
        <button
          key={`${x.ns}/${x.dev}`}
          type="button"
          role="menuitem"
          tabIndex={-1}
          onClick={() => {
            close();
            void startCapture(lab, x.ns, x.dev);
          }}
        >
          {t('canvas.captureOn', { dev: x.dev, nsName: x.ns === 'root' ? host : x.ns })}
        </button>
      ))}
    </div>
  );
}
