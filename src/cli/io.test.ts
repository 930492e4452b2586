import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeControls, escapeJsonControls, readScenarioFile, ScenarioTooLarge } from './io.ts';

const dir = mkdtempSync(join(tmpdir(), 'netlab-io-'));

describe('reading a scenario with a size cap', () => {
  it('reads a file of exactly the cap, and refuses one byte more naming the file and the limit', () => {
    const fits = join(dir, 'fits.sh');
    const over = join(dir, 'over.sh');
    writeFileSync(fits, 'x'.repeat(1024));
    writeFileSync(over, 'x'.repeat(1025));
    expect(readScenarioFile(fits, 1024)).toHaveLength(1024);
    expect(() => readScenarioFile(over, 1024)).toThrow(ScenarioTooLarge);
    expect(() => readScenarioFile(over, 1024)).toThrow(`${over} is larger than 1024 bytes`);
  });

  it('refuses /dev/zero, which never ends, after reading just past the cap', () => {
    expect(() => readScenarioFile('/dev/zero')).toThrow(/\/dev\/zero is larger than 4 MiB/);
  });

  it('decodes UTF-8 and reports a missing file as the system does', () => {
    const f = join(dir, 'utf8.sh');
    writeFileSync(f, 'ip netns add é\n');
    expect(readScenarioFile(f)).toBe('ip netns add é\n');
    expect(() => readScenarioFile(join(dir, 'missing.sh'))).toThrow(/ENOENT/);
  });
});

describe('control characters in what a terminal shows', () => {
  it.each([
    ['OSC 52 clipboard write', '\x1b]52;c;aGk=\x07', '^[]52;c;aGk=^G'],
    ['window title', '\x1b]0;pwned\x1b\\', '^[]0;pwned^[\\'],
    ['clear screen', '\x1b[2J\x1b[H', '^[[2J^[[H'],
    ['carriage return and backspace', 'ok\r\bno', 'ok^M^Hno'],
    ['NUL and DEL', '\x00\x7f', '^@^?'],
    ['C1 CSI and OSC', '\x9b31m\x9d', 'M-^[31mM-^]'],
    ['newline and tab stay', 'a\tb\nc', 'a\tb\nc'],
    ['printable text, Unicode included', 'veth0 → é ✓', 'veth0 → é ✓'],
  ])('%s', (_name, raw, shown) => {
    expect(escapeControls(raw)).toBe(shown);
  });

  it('JSON lines keep their value and lose raw DEL and C1 characters', () => {
    const value = { dst: 'a\x7fb\x9bc\x1bd' };
    const line = escapeJsonControls(JSON.stringify(value));
    expect(line).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
    expect(JSON.parse(line)).toEqual(value);
  });
});
