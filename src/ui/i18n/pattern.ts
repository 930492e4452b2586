// Text the lab builds with values in it (a lesson check's message, a drop's reason from the
// simulated kernel) is translated at display time: the English template, with `{name}` for
// each value, is matched against the text, and the values are put into the translation. The
// values themselves are looked up too (a reason may hold a reason). No match: the English.

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** the pattern of an English check message: its `{name}` parts match any text */
export function messagePattern(template: string): { readonly re: RegExp; readonly names: readonly string[] } {
  const names: string[] = [];
  const src = template
    .split(/(\{[a-z]+\})/)
    .map((part) => {
      const m = /^\{([a-z]+)\}$/.exec(part);
      if (!m) return escapeRe(part);
      names.push(m[1]!);
      return '(.+?)';
    })
    .join('');
  return { re: new RegExp(`^${src}$`, 's'), names };
}

/** the translation of `english` by the first template of `table` it matches */
export function translateByPattern(table: Readonly<Record<string, string>>, english: string, depth = 0): string {
  const exact = table[english];
  if (exact !== undefined) return exact;
  for (const [template, translated] of Object.entries(table)) {
    if (!template.includes('{')) continue;
    const { re, names } = messagePattern(template);
    const m = re.exec(english);
    if (!m) continue;
    return names.reduce((out, name, i) => {
      const v = m[i + 1] ?? '';
      return out.split(`{${name}}`).join(depth < 2 ? translateByPattern(table, v, depth + 1) : v);
    }, translated);
  }
  return english;
}
