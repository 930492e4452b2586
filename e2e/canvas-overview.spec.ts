import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** 400 containers on 99 bridges, chained by 350 more veths: 500 nodes, 750 edges (as bench:ui) */
function bigTopology(): string[] {
  const lines: string[] = [];
  for (let b = 0; b < 99; b++) lines.push(`ip link add br${b} type bridge`, `ip link set br${b} up`);
  for (let i = 0; i < 400; i++) {
    lines.push(
      `ip netns add c${i}`,
      `ip link add h${i} type veth peer name eth0 netns c${i}`,
      `ip link set h${i} master br${i % 99}`,
      `ip link set h${i} up`,
    );
  }
  for (let i = 0; i < 350; i++) lines.push(`ip -n c${i} link add x${i} type veth peer name y${i} netns c${i + 1}`);
  return lines;
}

const zoom = (page: Page): Promise<number> =>
  page.evaluate(() =>
    Number(/scale\(([^)]+)\)/.exec((document.querySelector('.react-flow__viewport') as HTMLElement).style.transform)?.[1]),
  );

/** screen points on drawn edges that are not covered by a node other than the host box */
function clickableEdgePoints(page: Page): Promise<Array<{ x: number; y: number }>> {
  return page.evaluate(() => {
    const out: Array<{ x: number; y: number }> = [];
    for (const p of document.querySelectorAll<SVGPathElement>('svg.overview-edges path')) {
      const m = p.getScreenCTM();
      if (!m) continue;
      const q = p.getPointAtLength(p.getTotalLength() / 2).matrixTransform(m);
      const under = document.elementFromPoint(q.x, q.y)?.closest('.react-flow__node');
      if (under instanceof HTMLElement && under.dataset.id === 'host') out.push({ x: q.x, y: q.y });
      if (out.length >= 3) break;
    }
    return out;
  });
}

test('a big topology seen from far out still selects, drags and zooms back to full detail', async ({ lab, page }) => {
  await lab.open();
  await page.evaluate((l) => window.netlab!.loadScript(l), bigTopology());
  await lab.idle();
  expect(await lab.api((n) => n.edges().length)).toBe(750);
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await expect.poll(() => zoom(page)).toBeLessThan(0.4);
  // far out the ports have no handles to drag from; every edge is still drawn
  await expect(page.locator('.react-flow__handle')).toHaveCount(0);
  await expect(page.locator('svg.overview-edges path')).toHaveCount(750);
  await lab.shot('20-overview');

  // a click on an edge selects it, a click on a port selects the port
  const [pt] = await clickableEdgePoints(page);
  expect(pt, 'an edge runs over the host box somewhere').toBeDefined();
  await page.mouse.click(pt!.x, pt!.y);
  await expect(page.getByLabel('Inspector').getByRole('heading')).toContainText('veth pair');
  await lab.selectPort(lab.node('c7'), 'eth0');
  await expect(page.getByLabel('Inspector')).toContainText('eth0');

  // a dragged container takes its edges along: one starts where its eth0 now is
  const card = lab.node('c0');
  const title = card.locator('.card-title');
  const b = (await title.boundingBox())!;
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2 + 40, b.y + b.height / 2 + 25, { steps: 8 });
  await page.mouse.up();
  await lab.idle();
  expect(await lab.api((n) => n.positions()['ns:c0'])).toBeDefined();
  const gap = await page.evaluate(() => {
    // where React Flow ends an edge at a handle: the middle of the handle's outer side
    const ports = [...document.querySelectorAll<HTMLElement>('[data-testid="node-c0"] [data-handlepos]')].map((h) => {
      const r = h.getBoundingClientRect();
      const pos = h.dataset.handlepos;
      return {
        x: pos === 'left' ? r.left : pos === 'right' ? r.right : r.left + r.width / 2,
        y: pos === 'top' ? r.top : pos === 'bottom' ? r.bottom : r.top + r.height / 2,
      };
    });
    let best = Infinity;
    for (const p of document.querySelectorAll<SVGPathElement>('svg.overview-edges path')) {
      const m = p.getScreenCTM()!;
      for (const at of [0, p.getTotalLength()]) {
        const q = p.getPointAtLength(at).matrixTransform(m);
        for (const r of ports) best = Math.min(best, Math.hypot(q.x - r.x, q.y - r.y));
      }
    }
    return best;
  });
  expect(gap, 'an edge ends at one of c0’s ports (screen pixels)').toBeLessThan(1);
  await lab.shot('21-overview-dragged');

  // back at working size: handles again, and React Flow's edges, those leaving the screen too
  for (let i = 0; i < 30 && (await zoom(page)) < 1; i++) await page.getByRole('button', { name: 'Zoom In' }).click();
  await expect(page.locator('svg.overview-edges')).toHaveCount(0);
  await expect(page.locator('.react-flow__handle').first()).toBeAttached();
  const onScreen = await page.locator('.react-flow__node-card').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id!));
  expect(onScreen.length).toBeGreaterThan(0);
  const edges = await lab.api((n) => n.edges());
  // each container on screen shows its edge to its bridge, wherever the bridge is
  for (const id of onScreen.slice(0, 5)) {
    const toBridge = edges.find((e) => (e.source === id && e.target.startsWith('br:')) || (e.target === id && e.source.startsWith('br:')))!;
    await expect(page.getByTestId(`rf__edge-${toBridge.id}`).locator('path').first()).toHaveAttribute('d', /^M/);
  }
  await lab.shot('22-overview-zoomed-in');
});
