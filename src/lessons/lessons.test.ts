// Every lesson can be completed: its setup plus the commands of its steps, run through the
// worker's own machinery, satisfy each task in turn; and a task is not already done before
// its step's commands (except the ones that only ask to observe).

import { describe, expect, it } from 'vitest';
import { snapshot } from '../core/snapshot.ts';
import { LabHost } from '../worker/dispatch.ts';
import { probeOnCopy, replay } from '../worker/scratch.ts';
import { LESSONS } from './catalog.ts';
import type { Lesson, Task } from './types.ts';

function run(log: readonly string[], task: Task): string | null {
  const shell = replay(log);
  const outcomes = probeOnCopy(
    log,
    task.probes.map((line) => ({ line, ns: null })),
  );
  return task.check({ snapshot: snapshot(shell.world), outcomes });
}

// steps that ask the learner to look at something already true
const OBSERVE = new Set(['bridge-nat:0', 'two-hosts:2', 'macvlan:1', 'macvlan:5', 'overlay:0']);

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson: Lesson) => {
  it('has a task on every step, so its progress counts its steps', () => {
    expect(lesson.steps.filter((s) => !s.task).map((s) => s.title)).toEqual([]);
  });
  it('has a setup the kernel accepts', () => {
    const shell = replay([]);
    for (const line of lesson.setup) expect(shell.exec(line).status, line).toBe(0);
  });
  it('can be completed step by step', () => {
    const log: string[] = [...lesson.setup];
    lesson.steps.forEach((step, i) => {
      if (step.task && !OBSERVE.has(`${lesson.id}:${i}`))
        expect(run(log, step.task), `${lesson.id} step ${i + 1} before its commands`).not.toBeNull();
      // the commands as a learner types them, in a lab the worker keeps
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
      // a step marked `refused` shows the kernel refusing every one of its commands
      for (const o of r.outcomes)
        if (o.kind !== 'probe') expect(o.status !== 0, `${o.line}: ${o.stderr || 'accepted'}`).toBe(!!step.refused);
      log.splice(0, log.length, ...r.view.log);
      if (step.task) expect(run(log, step.task), `${lesson.id} step ${i + 1}`).toBeNull();
    });
  });
});

describe('the command log keeps docker commands that change no device', () => {
  it('replays a macvlan network that only the daemon knows about', () => {
    const host = new LabHost();
    const lines = [
      'ip link add eth0 type dummy',
      'ip link set eth0 up',
      'ip addr add 192.168.9.2/24 dev eth0',
      'docker network create -d bridge scratchnet',
      'docker network create -d macvlan --subnet 192.168.9.0/24 -o parent=eth0 mv',
    ];
    const r = host.handle({ type: 'exec', id: 1 as never, lines: lines.map((line) => ({ line, ns: null })), atomic: true, trace: false });
    if (r.type !== 'exec') throw new Error(r.type);
    expect(r.outcomes.map((o) => o.accepted)).toEqual([true, true, true, true, true]);
    expect(r.view.log).toContain('docker network create -d macvlan --subnet 192.168.9.0/24 -o parent=eth0 mv');
    // a reset from that log (undo, reload, share link) still knows the network
    const again = new LabHost();
    again.handle({ type: 'reset', id: 1 as never, log: r.view.log });
    const run2 = again.handle({
      type: 'exec',
      id: 2 as never,
      lines: [{ line: 'docker run -d --name box --network mv alpine sleep infinity', ns: null }],
      atomic: true,
      trace: false,
    });
    if (run2.type !== 'exec') throw new Error(run2.type);
    expect(run2.outcomes[0]!.status).toBe(0);
    // read-only commands stay out of the log
    const ls = again.handle({
      type: 'exec',
      id: 3 as never,
      lines: [
        { line: 'docker network ls', ns: null },
        { line: 'docker explain run -d alpine', ns: null },
      ],
      atomic: true,
      trace: false,
    });
    if (ls.type !== 'exec') throw new Error(ls.type);
    expect(ls.outcomes.map((o) => o.accepted)).toEqual([false, false]);
  });
});

describe('the comparison labs', () => {
  it("cover all seven of Docker's modes, each answering the curl as the mode does", async () => {
    const { compareLabs } = await import('../worker/scratch.ts');
    const { COMPARE_LABS } = await import('./compare.ts');
    const rows = compareLabs(COMPARE_LABS);
    expect(rows.map((r) => r.id)).toEqual(['host', 'bridge', 'none', 'container', 'macvlan', 'ipvlan', 'overlay']);
    for (const r of rows) {
      expect(r.refused, r.id).toEqual([]);
      expect(r.ok, `${r.id}: ${r.stderr}`).toBe(r.answers);
    }
    // the server sees the client itself: no mode here rewrites the source
    for (const r of rows.filter((x) => x.id !== 'overlay' && x.answers)) expect(r.client, r.id).toBe('192.168.100.10');
    expect(rows.find((r) => r.id === 'overlay')!.client).toBe('10.0.1.3');
    expect(rows.find((r) => r.id === 'bridge')!.nat.some((n) => n.startsWith('DNAT'))).toBe(true);
    expect(rows.find((r) => r.id === 'container')!.nat.some((n) => n.startsWith('DNAT'))).toBe(true);
    expect(rows.find((r) => r.id === 'macvlan')!.nat).toEqual([]);
  });
});
