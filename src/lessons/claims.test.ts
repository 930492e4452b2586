// Lesson claims: every statement a lesson makes about the lab ("the host cannot reach the
// container", "the kernel refuses it with Invalid argument") is a `Claim` with the line that
// shows it, run after that step's commands on the lab the lesson has built so far. A lesson
// whose text and simulation disagree fails here, so none can contradict the lab.

import { describe, expect, it } from 'vitest';
import type { ProbeOutcome } from '../protocol/messages.ts';
import { LabHost } from '../worker/dispatch.ts';
import { probeOnCopy } from '../worker/scratch.ts';
import { LESSONS } from './catalog.ts';
import type { Claim, Lesson } from './types.ts';

/** a probe's own verdict: ping answered or curl served */
function answered(o: ProbeOutcome): boolean {
  const r = (o.record ?? {}) as Record<string, unknown>;
  return r.result === 'reply' || r.result === 'ok';
}

const r = (o: ProbeOutcome): Record<string, unknown> => (o.record ?? {}) as Record<string, unknown>;

function holds(c: Claim, o: ProbeOutcome): string | null {
  const e = c.expect;
  if (e === 'reply') return answered(o) ? null : `no answer: ${o.stderr || o.stdout}`;
  if (e === 'no-reply') return o.kind === 'probe' && !answered(o) ? null : `it was answered: ${o.stdout}`;
  if (e === 'refused') return o.status !== 0 ? null : 'the command was accepted';
  if ('stderr' in e) return o.stderr.includes(e.stderr) ? null : `stderr was ${JSON.stringify(o.stderr)}`;
  if ('client' in e) return r(o).client === e.client ? null : `the server saw ${JSON.stringify(r(o).client)}`;
  return o.stdout.includes(e.stdout) ? null : `stdout was ${JSON.stringify(o.stdout)}`;
}

/** the lab before the first step and after each step, as the learner builds it with the steps' commands */
function logs(lesson: Lesson): string[][] {
  let log = [...lesson.setup];
  const out: string[][] = [log];
  for (const step of lesson.steps) {
    const host = new LabHost();
    host.handle({ type: 'reset', id: 1 as never, log });
    const r = host.handle({
      type: 'exec',
      id: 2 as never,
      lines: (step.commands ?? []).map((line) => ({ line, ns: null })),
      atomic: false,
      trace: false,
    });
    if (r.type !== 'exec') throw new Error(r.type);
    log = [...r.view.log];
    out.push(log);
  }
  return out;
}

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s says what the lab does', (_id, lesson: Lesson) => {
  it('makes claims, each in its own words', () => {
    const claims = lesson.steps.flatMap((s) => (s.claims ?? []).map((c) => [s, c] as const));
    expect(claims.length, `${lesson.id} checks none of its statements`).toBeGreaterThan(0);
    for (const [s, c] of claims)
      expect([s.title, ...s.body].join('\n'), `${lesson.id}: "${c.says}" is not in the step's text`).toContain(c.says);
  });

  it('every claim holds in the lab of its step', () => {
    const after = logs(lesson);
    lesson.steps.forEach((step, i) => {
      if (!step.claims?.length) return;
      for (const c of step.claims) {
        const [o] = probeOnCopy(c.before ? after[i]! : after[i + 1]!, [{ line: c.line, ns: null }]);
        expect(holds(c, o!), `${lesson.id} step ${i + 1}: "${c.says}" (${c.line})`).toBeNull();
      }
    });
  });
});
