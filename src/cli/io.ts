// What the CLI reads and what it prints: a scenario is read with a size cap (a 16 MB file, a
// pipe or /dev/zero must be refused, not swallowed), and text meant for a terminal has its
// control characters made visible, so a scenario cannot drive the user's terminal (OSC 52
// clipboard writes, window titles, clearing the screen).

import { closeSync, openSync, readSync } from 'node:fs';

/** the most a scenario file may hold: far above any lab people write (10,000 rules with comments) */
export const MAX_SCENARIO_BYTES = 4 * 1024 * 1024;

export class ScenarioTooLarge extends Error {}

function sizeText(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

/**
 * The file as UTF-8, reading at most `cap + 1` bytes whatever it is (regular file, pipe,
 * character device): one byte past the cap is enough to refuse it.
 */
export function readScenarioFile(path: string, cap = MAX_SCENARIO_BYTES): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(cap + 1);
    let n = 0;
    while (n <= cap) {
      const got = readSync(fd, buf, n, cap + 1 - n, null);
      if (got === 0) break;
      n += got;
    }
    if (n > cap) {
      throw new ScenarioTooLarge(`${path} is larger than ${sizeText(cap)}, the most a scenario may hold; not reading it`);
    }
    return buf.toString('utf8', 0, n);
  } finally {
    closeSync(fd);
  }
}

// C0 but newline and tab, DEL, and C1: one character at a time, so linear on any input
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** control characters as `cat -v` shows them: ESC as `^[`, DEL as `^?`, CSI (U+009B) as `M-^[` */
export function escapeControls(s: string): string {
  return s.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x7f) return '^?';
    if (code >= 0x80) return `M-^${String.fromCharCode(code - 0x80 + 64)}`;
    return `^${String.fromCharCode(code + 64)}`;
  });
}

/**
 * A JSON line with DEL and the C1 controls written as `\u` escapes: JSON.stringify leaves them
 * raw, and a UTF-8 terminal acts on U+009B as CSI. The value parsed back is the same.
 */
export function escapeJsonControls(line: string): string {
  return line.replace(/[\x7f-\x9f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
