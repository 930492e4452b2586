// Every step of every lesson opens from its link (`#lesson=ID&step=N`), in one page, with the lab
// that step starts from: the one the same simulator builds in Node from the lesson's setup and
// the commands of the steps before. A link past the last step opens the last step.

import { snapshot, type WorldSnapshot } from '../src/core/snapshot.ts';
import { LESSONS } from '../src/lessons/catalog.ts';
import { labAt } from '../src/lessons/start.ts';
import { replay } from '../src/worker/scratch.ts';
import { expect, test, type LabPage } from './fixtures.ts';

/** what a learner sees of a lab: each namespace's devices and main-table routes, in order */
function shape(s: WorldSnapshot): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const n of [...s.namespaces].sort((a, b) => a.name.localeCompare(b.name))) {
    out[n.name] = [
      ...n.devices
        .map((d) => `${d.name} ${d.kind}${d.mode ? ` ${d.mode}` : ''} [${d.addrs.join(' ')}] master=${d.master} up=${d.up}`)
        .sort(),
      ...n.routes.filter((r) => r.table === 'main').map((r) => `route ${r.dst} via=${r.gw} dev=${r.dev}`),
    ];
  }
  return out;
}

/** the error notices (read from the lab's state, so none can be missed before it is drawn) */
function errors(lab: LabPage): Promise<string[]> {
  return lab.api((n) =>
    n
      .notices()
      .filter((x) => x.level === 'error')
      .map((x) => x.text),
  );
}

/** follow a lesson link in the open page, as pasting it into the address bar does */
async function follow(lab: LabPage, hash: string): Promise<void> {
  await lab.page.evaluate(async (h) => {
    const changed = new Promise((resolve) => addEventListener('hashchange', resolve, { once: true }));
    location.hash = h;
    await changed;
    await window.netlab!.idle();
  }, hash);
}

test('every step of every lesson opens from its link with the lab it starts from', async ({ lab, page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    // React Flow's warnings (an edge whose handle it cannot find draws no wire) count too
    if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text());
  });
  await lab.open();
  for (const lesson of LESSONS) {
    const article = page.getByRole('article', { name: `Lesson: ${lesson.title}` });
    const m = lesson.steps.length;
    for (let i = 0; i < m; i++) {
      const where = `#lesson=${lesson.id}&step=${i + 1}`;
      await follow(lab, where);
      expect(await errors(lab), where).toEqual([]);
      await expect(article.getByTestId('lesson-step-title'), where).toHaveText(`Step ${i + 1} of ${m}: ${lesson.steps[i]!.title}`);
      await expect(page.getByRole('alert'), `${where}: no error notice`).toHaveCount(0);
      await expect(article.getByRole('navigation', { name: 'Steps' }).getByRole('button').nth(i)).toHaveAttribute('aria-current', 'step');
      const script = labAt(lesson, i);
      const shown = shape(await lab.api((n) => n.snapshot()));
      const made = script.flatMap((l) => /^ip netns add (\S+)$/.exec(l)?.slice(1) ?? []);
      expect(Object.keys(shown), `${where}: the namespaces of the lesson's topology`).toEqual(expect.arrayContaining(made));
      expect(shown, `${where}: the lab that step starts from`).toEqual(shape(snapshot(replay(script).world)));
      expect(consoleErrors, `${where}: console errors`).toEqual([]);
      // every wire is drawn, whatever was open before (the lessons are opened one after another)
      const wires = (await lab.api((n) => n.edges())).length;
      await expect(page.locator('.react-flow__edge'), `${where}: every wire drawn`).toHaveCount(wires);
      await expect(page.locator('.react-flow__edge path.react-flow__edge-path[d=""]')).toHaveCount(0);
    }
    // a link past the end opens the last step, with its lab
    await follow(lab, `#lesson=${lesson.id}&step=99`);
    expect(await errors(lab)).toEqual([]);
    await expect(article.getByTestId('lesson-step-title')).toHaveText(`Step ${m} of ${m}: ${lesson.steps[m - 1]!.title}`);
    expect(shape(await lab.api((n) => n.snapshot()))).toEqual(shape(snapshot(replay(labAt(lesson, m - 1)).world)));
  }
  expect(consoleErrors, 'console errors').toEqual([]);
});

test('the empty lab offers a way in: the first lesson starts from the Inspector', async ({ lab, page }) => {
  await lab.open();
  const start = page.getByRole('region', { name: 'Start here' });
  await expect(start).toBeVisible();
  await start.getByRole('button', { name: 'Start the first lesson' }).click();
  await lab.idle();
  const first = LESSONS[0]!;
  const article = page.getByRole('article', { name: `Lesson: ${first.title}` });
  await expect(article.getByTestId('lesson-step-title')).toHaveText(`Step 1 of ${first.steps.length}: ${first.steps[0]!.title}`);
  expect(shape(await lab.api((n) => n.snapshot()))).toEqual(shape(snapshot(replay(labAt(first, 0)).world)));
  // the Inspector offers it only while the lab holds no namespace of its own
  await page.getByRole('tab', { name: 'Inspector' }).click();
  const empty = (await lab.api((n) => n.namespaces())).length === 1;
  await expect(start).toHaveCount(empty ? 1 : 0);
});
