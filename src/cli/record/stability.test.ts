import { describe, expect, it } from 'vitest';
import { mergeRuns } from './stability.ts';

const show = (line: number, stdout: string): string =>
  JSON.stringify({ line, kind: 'show', ns: 'root', cmd: 'ip neigh', stdout, stderr: '' });

describe('two recordings merged', () => {
  it('marks a show line unstable only when its normalised output differs', () => {
    const a = `${show(3, '10.0.0.2 dev v0 lladdr 9a:00:00:00:00:01 REACHABLE\n')}\n${show(4, 'x\ny\n')}\n`;
    const b = `${show(3, '10.0.0.2 dev v0 lladdr 9a:00:00:00:00:02 STALE\n')}\n${show(4, 'y\nx\n')}\n`;
    const m = mergeRuns([a, b], '');
    expect(m.unstable).toEqual([3]);
    expect(m.text.split('\n')[0]).toContain('"unstable": true');
    expect(m.text.split('\n')[1]).not.toContain('unstable');
  });

  it('reports probe records that differ', () => {
    const p = (r: string): string => JSON.stringify({ line: 5, kind: 'ping', ns: 'root', dst: '10.0.0.1', result: r });
    expect(mergeRuns([p('reply'), p('timeout')], '').differing).toEqual([5]);
    expect(mergeRuns([p('reply'), p('reply')], '').differing).toEqual([]);
  });
});
