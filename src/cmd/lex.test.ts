// The lexer sees whatever a file or a paste holds: long lines must cost time in proportion to
// their length, and strip exactly as the recorder's Python does.

import { describe, expect, it } from 'vitest';
import { imageServes } from './docker/expand.ts';
import { logicalLines, pyRstrip, pyStrip } from './lex.ts';

const MiB = 1 << 20;

describe('long lines lex in linear time', () => {
  it('a 1 MiB run of blanks before a last word (quadratic for /\\s+$/)', () => {
    const line = `echo hi${' '.repeat(MiB)}x`;
    expect(logicalLines(`${line}\n`)).toEqual([{ line: 1, text: line }]);
    expect(pyRstrip(line)).toBe(line);
  });

  it('a 1 MiB run of blanks and tabs at the end of a line is stripped', () => {
    expect(logicalLines(`echo hi${' \t'.repeat(MiB / 2)}\nls`)).toEqual([
      { line: 1, text: 'echo hi' },
      { line: 2, text: 'ls' },
    ]);
  });

  it('a 1 MiB line of `#`s glued to words is not a comment', () => {
    const line = `echo a${'#'.repeat(MiB)}`;
    expect(logicalLines(line)).toEqual([{ line: 1, text: line }]);
  });

  it('an image name of 1 MiB colons and a newline (quadratic for /[:@].*$/)', () => {
    expect(imageServes(`nginx${':'.repeat(MiB)}\n`)).toBe(80);
  });
});

describe('stripping as Python does', () => {
  it('strips Python whitespace on both sides, including \\x1c-\\x1f and \\x85', () => {
    expect(pyStrip('\x1c\x85 \t a b \u00a0\x1f')).toBe('a b');
    expect(pyRstrip('  a  ')).toBe('  a');
    expect(pyStrip('   ')).toBe('');
  });

  it('a `#` that starts a word begins a comment; one inside a word does not', () => {
    expect(logicalLines('# only a comment\nip a # show\nping a#b\n  #x')).toEqual([
      { line: 2, text: 'ip a' },
      { line: 3, text: 'ping a#b' },
    ]);
  });

  it('continuations join, and the comment is cut from the joined line', () => {
    expect(logicalLines('ip link add a \\\n  type dummy # c \\\nls')).toEqual([{ line: 1, text: 'ip link add a    type dummy' }]);
  });
});
