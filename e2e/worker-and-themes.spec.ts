import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';

test('a worker that stops answering is restarted from the last good state, and the user is told', async ({ lab, page }) => {
  await lab.open();
  await lab.drop('Namespace / Container', lab.node('root'), { x: 100, y: 120 });
  const before = await lab.api((n) => n.script());
  await lab.api((n) => n.hangWorker());
  // the next action gets no answer; the client gives up, restarts the worker and replays the log
  await lab.drop('Namespace / Container', lab.node('root'), { x: 450, y: 120 }).catch(() => undefined);
  await expect(page.locator('.notice-error').last()).toContainText('restarted', { timeout: 20_000 });
  await lab.idle();
  expect(await lab.api((n) => n.restarts())).toBe(1);
  expect(await lab.api((n) => n.script())).toBe(before);
  // and the lab works again
  await lab.terminal('ns1', 'ip link set lo up');
  await lab.drop('Namespace / Container', lab.node('root'), { x: 450, y: 120 });
  expect(await lab.api((n) => n.namespaces())).toEqual(['root', 'ns1', 'ns2']);
});

test('the bridge/NAT scenario in the dark theme: readable, nothing clipped', async ({ lab, page }) => {
  await lab.open();
  const lines = readFileSync('conformance/scenarios/02-bridge-nat-portmap.sh', 'utf8');
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByLabel('Script to import').fill(lines);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  // the import is a check on a copy, then the run: wait for the namespaces, not for one idle moment
  await expect.poll(() => lab.api((n) => n.namespaces()), { timeout: 15_000 }).toEqual(['root', 'isp', 'ns1', 'ns2', 'ns3']);
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await lab.node('root').locator('.box-title').click();
  await page.getByRole('tab', { name: 'Script' }).click();
  await expect(page.getByTestId('script')).toContainText('MASQUERADE');
  await lab.shot('11-dark-bridge-nat');
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await lab.shot('12-dark-inspector');
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  // the open terminal follows the theme without a reload: light text on the dark page
  await expect
    .poll(() =>
      page.evaluate(() => {
        const rows = document.querySelector('.xterm-host:not([hidden]) .xterm-rows');
        const rgb = rows ? getComputedStyle(rows).color.match(/\d+/g)!.map(Number) : [0, 0, 0];
        return rgb.reduce((a, b) => a + b, 0) / 3;
      }),
    )
    .toBeGreaterThan(150);
});
