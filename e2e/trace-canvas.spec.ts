// The trace on the canvas as a person sees it: a label they can read at any zoom that never
// hides a node's name, a packet that ends on the hop, the arrow keys stepping through the
// trace, and nothing left over once they move on to another tab or another lab.

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { bridgeNatSetup, Term } from './trace-helpers.ts';

interface Seen {
  /** a label is drawn and placed */
  readonly label: boolean;
  /** the smallest on-screen font size of the label's text: font size × every scale above it */
  readonly px: number;
  /** the node titles the label's box intersects */
  readonly hits: readonly string[];
  /** the packet's centre lies on the ringed hop or on the wire it crossed */
  readonly packetOnHop: boolean;
}

/** what the canvas shows of the trace, measured in screen pixels */
function seen(page: Page): Promise<Seen> {
  return page.evaluate(() => {
    const label = document.querySelector<HTMLElement>('[data-testid="trace-label"]');
    if (!label || getComputedStyle(label).visibility !== 'visible') return { label: false, px: 0, hits: [], packetOnHop: false };
    const box = label.getBoundingClientRect();
    const scale = box.width / label.offsetWidth;
    const texts = [...label.querySelectorAll<HTMLElement>('*')].filter((el) => el.textContent?.trim());
    const px = Math.min(...texts.map((el) => Number.parseFloat(getComputedStyle(el).fontSize) * scale));
    const hits: string[] = [];
    for (const t of document.querySelectorAll<HTMLElement>(
      '.react-flow__node .card-title, .react-flow__node .box-title, .react-flow__node .bridge-title',
    )) {
      const r = t.getBoundingClientRect();
      if (r.width && r.height && box.left < r.right && r.left < box.right && box.top < r.bottom && r.top < box.bottom)
        hits.push(t.textContent ?? '');
    }
    const dot = document.querySelector('[data-testid="trace-packet"]')?.getBoundingClientRect();
    const ring = document.querySelector('.trace-ring')?.getBoundingClientRect();
    const wire = document.querySelector('.trace-wire')?.getBoundingClientRect();
    const on = (r: DOMRect | undefined, x: number, y: number) =>
      !!r && x >= r.left - 12 && x <= r.right + 12 && y >= r.top - 12 && y <= r.bottom + 12;
    const cx = dot ? dot.left + dot.width / 2 : Number.NaN;
    const cy = dot ? dot.top + dot.height / 2 : Number.NaN;
    return { label: true, px, hits, packetOnHop: on(ring, cx, cy) || on(wire, cx, cy) };
  });
}

function zoom(page: Page): Promise<number> {
  return page.evaluate(() => {
    const vp = document.querySelector<HTMLElement>('.react-flow__viewport');
    return vp ? new DOMMatrix(getComputedStyle(vp).transform).a : 0;
  });
}

/** the zoom once the canvas has come to rest (Fit and the zoom buttons animate) */
async function settledZoom(page: Page): Promise<number> {
  let last = -1;
  await expect
    .poll(async () => {
      const z = await zoom(page);
      const same = Math.abs(z - last) < 1e-4;
      last = z;
      return same;
    })
    .toBe(true);
  return last;
}

/** the label is readable and clear of every node title at this step */
async function expectReadableLabel(page: Page, where: string): Promise<number> {
  await expect.poll(async () => (await seen(page)).label, { message: `a label at ${where}` }).toBe(true);
  await expect.poll(async () => (await seen(page)).hits, { message: `node titles under the label at ${where}` }).toEqual([]);
  const s = await seen(page);
  expect(s.px, `label font size on screen at ${where}`).toBeGreaterThanOrEqual(12);
  return s.px;
}

test('the trace on the canvas: readable labels clear of node names, arrow keys, nothing left behind', async ({ lab, page }) => {
  await lab.open();
  await page.evaluate((lines) => window.netlab!.loadScript(lines), bridgeNatSetup());
  await lab.idle();
  await page.getByLabel('Ping from', { exact: true }).selectOption('ns1');
  await page.getByLabel('Ping to', { exact: true }).selectOption('203.0.113.5');
  await page.getByRole('group', { name: 'Ping from … to …' }).getByRole('button', { name: 'Ping' }).click();
  await lab.idle();
  await expect(page.getByRole('tab', { name: 'Trace' })).toHaveAttribute('aria-selected', 'true');
  // the probe plays on its own; the person pauses it to look
  await page.getByRole('button', { name: 'Pause' }).click();
  const step = page.getByTestId('trace-step');
  const total = Number((await step.textContent())!.split('/')[1]!.trim());
  expect(total).toBeGreaterThan(10);

  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  const fit = await settledZoom(page);

  // from the first event to the last with the Right arrow: at every hop the label reads at
  // 12 px or more and covers no node's name, and the packet ends on the hop
  await page.getByRole('list', { name: 'Timeline' }).getByRole('button').first().click();
  await expect(step).toHaveText(`1 / ${total}`);
  let smallest = Number.POSITIVE_INFINITY;
  for (let i = 1; i <= total; i++) {
    if (i > 1) await page.keyboard.press('ArrowRight');
    await expect(step).toHaveText(`${i} / ${total}`);
    smallest = Math.min(smallest, await expectReadableLabel(page, `step ${i} at the zoom of Fit (${fit.toFixed(2)})`));
    await expect.poll(async () => (await seen(page)).packetOnHop, { message: `the packet on the hop at step ${i}` }).toBe(true);
    if (i === 5) await lab.shot('15-trace-canvas-fit');
  }
  test.info().annotations.push({ type: 'label px at Fit', description: `${smallest.toFixed(1)} px at zoom ${fit.toFixed(3)}` });

  // the Right arrow stops at the last event; the Left arrow goes back one at a time
  await page.keyboard.press('ArrowRight');
  await expect(step).toHaveText(`${total} / ${total}`);
  await page.keyboard.press('ArrowLeft');
  await expect(step).toHaveText(`${total - 1} / ${total}`);

  // inside the host: from the bridge's port to the bridge itself, the packet moves (a way is
  // drawn from one to the other) instead of jumping
  const timeline = page.getByRole('list', { name: 'Timeline' });
  await timeline
    .getByRole('button', { name: /FDB learn/ })
    .first()
    .click();
  const learn = Number((await step.textContent())!.split('/')[0]!.trim());
  const overlay = page.getByTestId('trace-overlay');
  await page.keyboard.press('ArrowLeft');
  await expect(overlay).toHaveAttribute('data-step', String(learn - 2));
  await page.keyboard.press('ArrowRight');
  await expect(overlay).toHaveAttribute('data-step', String(learn - 1));
  await expect(page.locator('.trace-way')).toHaveCount(1);
  const way = await page.locator('.trace-way').boundingBox();
  expect(way!.width + way!.height).toBeGreaterThan(10);
  await expectReadableLabel(page, 'the bridge');

  // zoomed out, the label still reads at 12 px and keeps clear of node names
  await timeline.getByRole('button', { name: /SNAT/ }).click();
  const zoomOut = page.getByRole('button', { name: 'Zoom Out' });
  for (let k = 0; k < 4; k++) await zoomOut.click();
  const out = await settledZoom(page);
  expect(out).toBeLessThan(fit * 0.6);
  const at = Number((await step.textContent())!.split('/')[0]!.trim());
  for (let i = at; i < Math.min(total, at + 6); i++) {
    await expectReadableLabel(page, `step ${i} zoomed out (${out.toFixed(2)})`);
    await page.keyboard.press('ArrowRight');
    await expect(step).toHaveText(`${i + 1} / ${total}`);
  }
  await lab.shot('16-trace-canvas-zoomed-out');

  // a terminal keeps its arrow keys: the trace does not move
  const term = new Term(page, lab);
  const before = await step.textContent();
  await term.focus('ns1');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(step).toHaveText(before!);

  // another tab: the player stops and nothing of the trace stays on the canvas
  await expect(page.locator('.react-flow__edge.edge-lit').first()).toBeVisible();
  await page.getByRole('button', { name: 'Play' }).click();
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await expect(page.getByTestId('trace-overlay')).toHaveCount(0);
  await expect(page.getByTestId('trace-label')).toHaveCount(0);
  await expect(page.getByTestId('trace-packet')).toHaveCount(0);
  await expect(page.locator('.react-flow__edge.edge-lit')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Trace' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(page.getByTestId('trace-label')).toBeVisible();

  // a new probe lights its wires again and shows its own trace
  await page.getByRole('group', { name: 'Ping from … to …' }).getByRole('button', { name: 'Ping' }).click();
  await lab.idle();
  await expect(page.getByRole('combobox', { name: 'Recorded probe' }).locator('option')).toHaveCount(2);
  await expect(page.getByTestId('trace-label')).toBeVisible();
  await expect(page.locator('.react-flow__edge.edge-lit').first()).toBeVisible();

  // another lab (even one that reuses the namespaces' names): no label, packet or lit wire
  // of the old probe is left, and the player has nothing to show
  await page.evaluate((lines) => window.netlab!.loadScript(lines), [...bridgeNatSetup(), 'ip netns add ns4']);
  await lab.idle();
  await expect.poll(() => lab.api((n) => n.namespaces())).toContain('ns4');
  await expect(page.getByTestId('trace-overlay')).toHaveCount(0);
  await expect(page.getByTestId('trace-label')).toHaveCount(0);
  await expect(page.getByTestId('trace-packet')).toHaveCount(0);
  await expect(page.locator('.react-flow__edge.edge-lit')).toHaveCount(0);
  await expect(page.getByText('No trace yet.')).toBeVisible();
  await lab.shot('17-trace-canvas-another-lab');
});
