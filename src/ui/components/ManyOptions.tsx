// A <select> over every namespace or address of a lab. A lab of thousands would build
// thousands of <option>s on each change of the lab, for a list nobody has opened: here the list
// holds only the chosen entry until a person reaches for it (pointer or focus), and then all.

import { useState, type ReactNode, type SelectHTMLAttributes } from 'react';
import { useTranslation } from '../i18n/i18n.ts';

/** up to this many entries are built at once */
export const EAGER_OPTIONS = 200;

export interface Choice {
  readonly key: string;
  readonly value: string;
  readonly text: ReactNode;
}

export function ManyOptions({
  choices,
  value,
  lead,
  ...rest
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children' | 'value'> & {
  readonly choices: readonly Choice[];
  readonly value: string;
  /** an entry shown first (a placeholder) */
  readonly lead?: Choice;
}) {
  const [reached, setReached] = useState(false);
  const { t } = useTranslation();
  const all = reached || choices.length <= EAGER_OPTIONS;
  const shown = all ? choices : choices.filter((c) => c.value === value).slice(0, 1);
  return (
    <select {...rest} value={value} onPointerDown={() => setReached(true)} onFocus={() => setReached(true)}>
      {lead && (
        <option key={lead.key} value={lead.value}>
          {lead.text}
        </option>
      )}
      {shown.map((c) => (
        <option key={c.key} value={c.value}>
          {c.text}
        </option>
      ))}
      {!all && <option disabled>{t('many.inAll', { n: choices.length })}</option>}
    </select>
  );
}
