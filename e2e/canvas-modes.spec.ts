// The canvas as a teacher arranges it: Tidy up (and Undo taking it back), presentation mode
// (the whole window, larger type, the trace step captioned, Escape out), the side panel and
// the terminal collapsed, the terminal resized by its edge and remembered.

import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { logicalLines } from '../src/cmd/lex.ts';
import { expect, test } from './fixtures.ts';

const bridgeNat = () => logicalLines(readFileSync('conformance/scenarios/02-bridge-nat-portmap.sh', 'utf8')).map((l) => l.text);

const paneSize = (page: Page) =>
  page.evaluate(() => {
    const r = document.querySelector('.react-flow')!.getBoundingClientRect();
    return { w: r.width, h: r.height };
  });

/** the smallest node title on screen, in px (font size × zoom) */
const smallestTitle = (page: Page) =>
  page.evaluate(() =>
    Math.min(
      ...[...document.querySelectorAll<HTMLElement>('.react-flow__node .title-text')].map((el) => {
        const scale = el.getBoundingClientRect().height / el.offsetHeight;
        return Number.parseFloat(getComputedStyle(el).fontSize) * scale;
      }),
    ),
  );

test('Tidy up lays a dragged lab out again, and one Undo puts every node back', async ({ lab, page }) => {
  await lab.open();
  await page.evaluate((l) => window.netlab!.loadScript(l), bridgeNat());
  await lab.idle();
  // drag a namespace far from where the layout put it
  const title = lab.node('ns1').locator('.card-title');
  const b = (await title.boundingBox())!;
  await page.mouse.move(b.x + 20, b.y + b.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + 160, b.y + 200, { steps: 8 });
  await page.mouse.up();
  await lab.idle();
  const dragged = await lab.api((n) => n.positions());
  await page.getByRole('button', { name: 'Tidy up' }).click();
  await lab.idle();
  const tidy = await lab.api((n) => n.positions());
  expect(tidy['ns:ns1']).not.toEqual(dragged['ns:ns1']);
  await page.getByRole('button', { name: 'Undo' }).click();
  await lab.idle();
  expect(await lab.api((n) => n.positions())).toEqual(dragged);
  await page.getByRole('button', { name: 'Redo' }).click();
  await lab.idle();
  expect(await lab.api((n) => n.positions())).toEqual(tidy);
  // and the topology itself was never touched
  expect(await lab.api((n) => n.namespaces())).toEqual(['root', 'isp', 'ns1', 'ns2', 'ns3']);
});

test('presentation mode gives the canvas the window, larger type and the trace caption; Escape returns', async ({ lab, page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await lab.open();
  await page.evaluate((l) => window.netlab!.loadScript(l), bridgeNat());
  await lab.idle();
  await lab.terminal('ns1', 'ping -c 1 203.0.113.5');
  const before = await paneSize(page);
  const titleBefore = await smallestTitle(page);
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(page.getByRole('navigation', { name: 'Palette' })).toHaveCount(0);
  await expect(page.getByRole('tablist', { name: 'Panels' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Terminal' })).toBeHidden();
  // the caption names the step being shown, and the arrow keys move it
  const caption = page.getByTestId('present-caption');
  await expect(caption).toContainText('ping -c 1 203.0.113.5');
  const first = await caption.innerText();
  await page.keyboard.press('ArrowRight');
  await expect(caption).not.toHaveText(first);
  await expect
    .poll(async () => {
      const now = await paneSize(page);
      return now.w > before.w * 1.3 && now.h > before.h * 1.3;
    })
    .toBe(true);
  await expect.poll(() => smallestTitle(page)).toBeGreaterThan(titleBefore);
  await lab.shot('30-present');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('navigation', { name: 'Palette' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Terminal' })).toBeVisible();
  // the terminal kept what it showed
  await expect(page.getByTestId('terminal-output')).toContainText('1 received');
});

test('the side panel and the terminal fold away for the canvas; the terminal keeps the height it was dragged to', async ({ lab, page }) => {
  await lab.open();
  await page.evaluate((l) => window.netlab!.loadScript(l), bridgeNat());
  await lab.idle();
  const start = await paneSize(page);
  await page.getByRole('button', { name: 'Hide the side panel' }).click();
  await expect.poll(async () => (await paneSize(page)).w).toBeGreaterThan(start.w + 250);
  await page.getByRole('button', { name: 'Hide the terminal' }).click();
  await expect.poll(async () => (await paneSize(page)).h).toBeGreaterThan(start.h + 120);
  await lab.shot('31-folded');
  await page.getByRole('button', { name: 'Show the terminal' }).click();
  await page.getByRole('button', { name: 'Show the side panel' }).click();

  // drag the terminal's top edge up by 150 px
  const edge = page.getByRole('separator', { name: 'Resize the terminal' });
  const e = (await edge.boundingBox())!;
  const dock = page.getByRole('region', { name: 'Terminal' });
  const h0 = (await dock.boundingBox())!.height;
  await page.mouse.move(e.x + e.width / 2, e.y + e.height / 2);
  await page.mouse.down();
  await page.mouse.move(e.x + e.width / 2, e.y + e.height / 2 - 150, { steps: 6 });
  await page.mouse.up();
  await expect.poll(async () => (await dock.boundingBox())!.height).toBeGreaterThan(h0 + 120);
  const dragged = (await dock.boundingBox())!.height;
  // remembered in this browser: a reload keeps it
  await page.reload();
  await lab.idle();
  await expect.poll(async () => Math.round((await dock.boundingBox())!.height)).toBe(Math.round(dragged));
});
