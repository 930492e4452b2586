// The page under pressure (issue 6): a layer-2 loop storms, a person keeps clicking and
// typing, and the page keeps answering (each input's latency is reported with the test, not
// asserted: timings belong to benchmarks), because the storm runs in the worker and is
// bounded there; a request that runs past its budget is stopped and reported.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { logicalLines } from '../src/cmd/lex.ts';
import { expect, test } from './fixtures.ts';

/** two bridges joined twice: a loop and no STP; a namespace on each bridge (shared with bench:ui) */
const LOOP = logicalLines(readFileSync('e2e/fixtures/storm-loop.sh', 'utf8')).map((l) => l.text);

/** time from each input event to the next frame (the first moment the page can show a response) */
async function watchInput(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __lat: number[]; __long: number[] };
    w.__lat = [];
    w.__long = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__long.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
    for (const type of ['pointerdown', 'keydown'] as const) {
      addEventListener(
        type,
        (e) => {
          const t0 = e.timeStamp;
          requestAnimationFrame(() => w.__lat.push(performance.now() - t0));
        },
        { capture: true },
      );
    }
  });
}

const latencies = (page: Page) => page.evaluate(() => (window as unknown as { __lat: number[] }).__lat);

test('a broadcast storm is bounded and named, and the page keeps answering input throughout', async ({ lab, page }) => {
  test.setTimeout(120_000);
  await lab.open();
  await page.evaluate((lines) => window.netlab!.loadScript(lines), LOOP);
  await lab.idle();
  expect(await lab.api((n) => n.namespaces())).toEqual(['root', 'a', 'b']);
  await watchInput(page);

  const terminal = page.getByLabel('Command in a');
  await page.getByRole('tablist', { name: 'Terminal namespace' }).getByRole('tab', { name: 'a', exact: true }).click();
  const started = Date.now();
  let pings = 0;
  // keep storming, clicking and typing for a while, never waiting for the worker
  while (Date.now() - started < 8000) {
    await terminal.pressSequentially('ping -c 2 10.0.0.2', { delay: 5 });
    await terminal.press('Enter');
    pings++;
    await lab.node('a').locator('.card-title').click();
    await lab.node('b').locator('.card-title').click();
    await page.getByRole('tab', { name: 'Script' }).click();
  }
  await lab.idle();
  const lat = await latencies(page);
  expect(lat.length).toBeGreaterThan(pings * 5);
  const worst = Math.max(...lat);
  const slow = [...lat]
    .sort((x, y) => y - x)
    .slice(0, 5)
    .map((v) => v.toFixed(0))
    .join(', ');
  const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
  console.log(
    `robust-pressure: ${pings} storming pings, ${lat.length} inputs, slowest input-to-frame ${slow} ms; main-thread tasks over 50 ms: ${long.join(', ') || 'none'}`,
  );

  // the storm is named in the kernel's terms, where the person typed
  const out = page.getByTestId('terminal-output');
  await expect(out).toContainText('broadcast storm: frames circulate');
  await expect(out).toContainText(/b1 → .* → b2|b2 → .* → b1/);
  await expect(out).toContainText('100% packet loss');
  // nothing was lost: the topology is what was built
  expect(await lab.api((n) => n.namespaces())).toEqual(['root', 'a', 'b']);
  await lab.shot('14-storm');
  // how fast the page answered is a measurement, not a pass mark (a loaded 2-core machine
  // would fail it): it is reported with the test, and npm run bench:ui measures the latency
  // under this same storm
  test.info().annotations.push({ type: 'input latency', description: `slowest input-to-frame ${slow} ms (worst ${worst.toFixed(0)} ms)` });
});

test('a request that runs past its budget is stopped and reported, and the page stays usable', async ({ lab, page }) => {
  await lab.open();
  await page.evaluate((lines) => window.netlab!.loadScript(lines), LOOP);
  await lab.idle();
  const before = await lab.api((n) => n.script());
  // a storming ping takes the simulation ~100 ms; give it 5
  await lab.api((n) => n.setBudget('exec', 5));
  await watchInput(page);
  await page.getByRole('tablist', { name: 'Terminal namespace' }).getByRole('tab', { name: 'a', exact: true }).click();
  const terminal = page.getByLabel('Command in a');
  await terminal.pressSequentially('ping -c 3 10.0.0.2');
  await terminal.press('Enter');
  await expect(page.locator('.notice-error').last()).toContainText(/exec request ran past its budget of 5 ms and was stopped/, {
    timeout: 20_000,
  });
  await lab.idle();
  expect(await lab.api((n) => n.restarts())).toBe(1);
  expect(await lab.api((n) => n.script())).toBe(before);
  // the page kept answering while the worker was stopped and rebuilt
  await page.getByRole('tab', { name: 'Import' }).click();
  const field = page.getByLabel('Script to import');
  await field.pressSequentially('ip netns add typed', { delay: 10 });
  await expect(field).toHaveValue('ip netns add typed');
  test.info().annotations.push({ type: 'input latency', description: `slowest ${Math.max(...(await latencies(page))).toFixed(0)} ms` });

  // with the normal budget the same ping runs, and the lab still edits
  await lab.api((n) => n.setBudget('exec', null));
  await lab.terminal('a', 'ping -c 1 10.0.0.2');
  await expect(page.getByTestId('terminal-output')).toContainText('broadcast storm: frames circulate');
  // an empty corner of the host box (its containers and bridges fill the rest)
  await lab.drop('Namespace / Container', lab.node('root'), await lab.emptySpot(lab.node('root')));
  expect(await lab.api((n) => n.namespaces())).toContain('ns1');
  await lab.shot('15-budget-stopped');
});
