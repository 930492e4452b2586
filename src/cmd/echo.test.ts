// echo and printf against bash 5.2 (Debian 12): each expectation was taken from bash itself.

import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';

describe('echo and printf, as bash prints them', () => {
  it.each([
    ['echo -n abc | wc -c', '3\n'],
    ["echo -e 'a\\tb\\nc'", 'a\tb\nc\n'],
    ["echo -ne 'x\\0101y' | wc -c", '3\n'],
    ["echo -e 'a\\cb'", 'a'],
    ['echo -x a', '-x a\n'],
    ['echo -nx a', '-nx a\n'],
    ["echo -E 'a\\tb'", 'a\\tb\n'],
    ["printf '%s\\n' a b c", 'a\nb\nc\n'],
    ["printf '%5d|%-5s|%05d|%x\\n' 42 ab 7 255", '   42|ab   |00007|ff\n'],
    ["printf '%s-%s\\n' a b c", 'a-b\nc-\n'],
    ["printf '\\101\\n'", 'A\n'],
    ["printf '%b\\n' 'a\\tb'", 'a\tb\n'],
    ["printf '%c%c\\n' xyz w", 'xw\n'],
    ["printf '%.2s\\n' abcdef", 'ab\n'],
  ])('%s', (line, out) => {
    expect(new Shell().exec(line)).toMatchObject({ stdout: out, stderr: '', status: 0 });
  });

  it('refuses as bash refuses', () => {
    expect(new Shell().exec("printf '%d\\n' abc")).toMatchObject({
      stdout: '0\n',
      stderr: 'bash: printf: abc: invalid number\n',
      status: 1,
    });
    expect(new Shell().exec('printf')).toMatchObject({ stderr: 'printf: usage: printf [-v var] format [arguments]\n', status: 2 });
  });
});
