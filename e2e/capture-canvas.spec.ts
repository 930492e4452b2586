// Captures opened from the canvas itself (a right-click on a bridge, a port, a link), the
// live marker on the captured device, and a window of 1024x768 shared between canvas,
// capture view and terminal with edges a person drags or moves with the arrow keys.

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { bridgeNatSetup } from './trace-helpers.ts';

async function importLab(page: Page, lab: import('./fixtures.ts').LabPage): Promise<void> {
  await lab.open();
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByLabel('Script to import').fill(bridgeNatSetup().join('\n'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect.poll(() => lab.api((n) => n.namespaces())).toEqual(['root', 'isp', 'ns1', 'ns2', 'ns3']);
  await lab.idle();
}

/** a point in the middle of the drawn veth link between the devices named ENDS */
function edgePoint(page: Page, ends: readonly string[]): Promise<{ x: number; y: number }> {
  return page.evaluate((names) => {
    const pre = (e: SVGGElement) => !!e.dataset.id?.startsWith('veth:') && names.includes(e.dataset.id.split('/')[1] ?? '');
    const g = [...document.querySelectorAll<SVGGElement>('.react-flow__edge')].find(pre);
    const p = g?.querySelector<SVGPathElement>('path.react-flow__edge-path');
    const m = p?.getScreenCTM();
    if (!p || !m) throw new Error(`no drawn link of ${names.join(', ')}`);
    const q = p.getPointAtLength(p.getTotalLength() / 2).matrixTransform(m);
    return { x: q.x, y: q.y };
  }, ends);
}

const height = async (page: Page, sel: string) => (await page.locator(sel).boundingBox())!.height;

test('a right-click on a bridge, a port or a link captures there; the device is marked while the capture runs', async ({ lab, page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await importLab(page, lab);
  const view = page.getByTestId('capture-view');
  const menu = page.getByRole('menu', { name: 'Capture on' });

  // the bridge: itself first, then its ports
  const bridge = lab.bridge('root', 'virtual-bridge');
  await bridge.getByText('virtual-bridge', { exact: true }).click({ button: 'right' });
  await expect(menu.getByRole('menuitem')).toHaveText([
    'Capture on virtual-bridge (host)',
    'Capture on veth-ns1-br (host)',
    'Capture on veth-ns2-br (host)',
    'Capture on veth-ns3-br (host)',
  ]);
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await menu.getByRole('menuitem', { name: 'Capture on virtual-bridge (host)' }).click();
  await expect(menu).toHaveCount(0);
  await expect(view.getByRole('tab', { name: /virtual-bridge \(host\)/ })).toHaveAttribute('aria-selected', 'true');
  await expect(bridge.getByRole('img', { name: 'capturing on virtual-bridge' })).toBeVisible();

  // a port: that port alone, chosen with the keyboard
  await lab.node('root').locator('[data-port="eth0"]').first().click({ button: 'right' });
  await expect(menu.getByRole('menuitem')).toHaveText(['Capture on eth0 (host)']);
  await page.keyboard.press('Enter');
  await expect(view.getByRole('tab', { name: /eth0 \(host\)/ })).toHaveAttribute('aria-selected', 'true');
  await expect(lab.node('root').getByRole('img', { name: 'capturing on eth0' })).toBeVisible();

  // a link: both its ends; Escape leaves without capturing
  const at = await edgePoint(page, ['veth-ns1', 'veth-ns1-br']);
  await page.mouse.click(at.x, at.y, { button: 'right' });
  await expect(menu.getByRole('menuitem')).toHaveCount(2);
  await expect(menu.getByRole('menuitem', { name: 'Capture on veth-ns1 (ns1)' })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Capture on veth-ns1-br (host)' })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem').nth(1)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(view.getByRole('tab')).toHaveCount(2);
  await page.mouse.click(at.x, at.y, { button: 'right' });
  await menu.getByRole('menuitem', { name: 'Capture on veth-ns1 (ns1)' }).click();
  await expect(view.getByRole('tab', { name: /veth-ns1 \(ns1\)/ })).toHaveAttribute('aria-selected', 'true');
  await expect(lab.node('ns1').getByRole('img', { name: 'capturing on veth-ns1' })).toBeVisible();
  await lab.shot('capture-canvas-live-1024');

  // the same device again: its running capture's tab is shown, no second one
  await lab.node('root').locator('[data-port="eth0"]').first().click({ button: 'right' });
  await menu.getByRole('menuitem').first().click();
  await expect(view.getByRole('tab')).toHaveCount(3);
  await expect(view.getByRole('tab', { name: /eth0 \(host\)/ })).toHaveAttribute('aria-selected', 'true');

  // stopped, the marker goes; the other captures keep theirs
  await view.getByRole('button', { name: 'Stop' }).click();
  await expect(lab.node('root').getByRole('img', { name: 'capturing on eth0' })).toHaveCount(0);
  await expect(bridge.getByRole('img', { name: 'capturing on virtual-bridge' })).toBeVisible();
  await view.getByRole('tab', { name: /virtual-bridge \(host\)/ }).click();
  await view.getByRole('button', { name: 'Close' }).click();
  await expect(bridge.getByRole('img', { name: 'capturing on virtual-bridge' })).toHaveCount(0);
  await expect(lab.node('ns1').getByRole('img', { name: 'capturing on veth-ns1' })).toBeVisible();
});

test('at 1024x768 the canvas keeps 45% above six rows of packets; the edges between the panes move and are remembered', async ({
  lab,
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await importLab(page, lab);
  await lab.bridge('root', 'virtual-bridge').getByText('virtual-bridge', { exact: true }).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Capture on virtual-bridge (host)' }).click();
  await lab.terminal('ns1', 'ping -c 3 203.0.113.5');
  const view = page.getByTestId('capture-view');
  const rows = view.getByRole('grid', { name: 'Packet list' }).locator('tbody tr');
  await expect(rows).toHaveCount(8);

  // the default arrangement
  expect(await height(page, '.main')).toBeGreaterThanOrEqual(0.45 * 768);
  const whole = await view.locator('.cap-list').evaluate((list) => {
    const box = list.getBoundingClientRect();
    const head = list.querySelector('thead')!.getBoundingClientRect();
    return [...list.querySelectorAll('tbody tr')].filter((tr) => {
      const r = tr.getBoundingClientRect();
      return r.top >= head.bottom - 1 && r.bottom <= box.bottom + 1;
    }).length;
  });
  expect(whole).toBeGreaterThanOrEqual(6);
  await rows.nth(2).click();
  await expect(view.getByTestId('capture-tree')).toBeVisible();
  await lab.shot('capture-split-default-1024');

  // the capture view's top edge: up with the keyboard, the canvas gives way
  const top = page.getByRole('separator', { name: 'Resize the capture view' });
  const cap0 = Number(await top.getAttribute('aria-valuenow'));
  const canvas0 = await height(page, '.main');
  await top.focus();
  await page.keyboard.press('ArrowUp');
  await expect(top).toHaveAttribute('aria-valuenow', String(cap0 + 24));
  await expect.poll(() => height(page, '.main')).toBeCloseTo(canvas0 - 24, 0);
  // and down with the pointer
  const e = (await top.boundingBox())!;
  await page.mouse.move(e.x + e.width / 2, e.y + e.height / 2);
  await page.mouse.down();
  await page.mouse.move(e.x + e.width / 2, e.y + e.height / 2 + 60, { steps: 5 });
  await page.mouse.up();
  await expect(top).toHaveAttribute('aria-valuenow', String(cap0 + 24 - 60));
  await expect.poll(() => height(page, '.main')).toBeCloseTo(canvas0 + 36, 0);
  // far up: the canvas keeps its minimum
  await top.focus();
  await page.keyboard.press('End');
  expect(await height(page, '.main')).toBeGreaterThanOrEqual(159);
  await page.keyboard.press('Home');
  await expect(top).toHaveAttribute('aria-valuenow', await top.getAttribute('aria-valuemin').then(String));

  // the edge between the capture view and the terminal: the canvas stays as it is
  await top.focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowUp');
  const between = page.getByRole('separator', { name: 'Resize the terminal' });
  const canvas1 = await height(page, '.main');
  const term0 = Number(await between.getAttribute('aria-valuenow'));
  const cap1 = Number(await top.getAttribute('aria-valuenow'));
  await between.focus();
  await page.keyboard.press('ArrowUp');
  await expect(between).toHaveAttribute('aria-valuenow', String(term0 + 24));
  await expect(top).toHaveAttribute('aria-valuenow', String(cap1 - 24));
  expect(await height(page, '.main')).toBeCloseTo(canvas1, 0);

  // the list and the details
  const split = page.getByRole('separator', { name: 'Resize the packet list' });
  const list0 = Number(await split.getAttribute('aria-valuenow'));
  await split.focus();
  await page.keyboard.press('ArrowUp');
  await expect(split).toHaveAttribute('aria-valuenow', String(list0 - 24));
  await expect.poll(() => height(page, '.cap-list')).toBeCloseTo(list0 - 24, 0);
  await page.keyboard.press('End');
  await expect(split).toHaveAttribute('aria-valuenow', (await split.getAttribute('aria-valuemax'))!);
  await lab.shot('capture-split-resized-1024');

  // Fit after the resize: the whole drawing inside the canvas that is left
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await expect
    .poll(() =>
      page.evaluate(() => {
        const pane = document.querySelector('.main')!.getBoundingClientRect();
        return [...document.querySelectorAll('.react-flow__node')].every((n) => {
          const r = n.getBoundingClientRect();
          return r.top >= pane.top - 1 && r.bottom <= pane.bottom + 1 && r.left >= pane.left - 1 && r.right <= pane.right + 1;
        });
      }),
    )
    .toBe(true);

  // remembered in this browser
  const remembered = {
    cap: await top.getAttribute('aria-valuenow'),
    term: await between.getAttribute('aria-valuenow'),
    list: await split.getAttribute('aria-valuenow'),
  };
  await page.reload();
  await lab.idle();
  await lab.selectPort(lab.node('root'), 'eth0');
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await page.getByRole('button', { name: 'Capture', exact: true }).click();
  await expect(top).toHaveAttribute('aria-valuenow', remembered.cap!);
  await expect(between).toHaveAttribute('aria-valuenow', remembered.term!);
  await expect(split).toHaveAttribute('aria-valuenow', remembered.list!);
});

test('a request whose reply came back on another interface names the capture and row that took it, and goes there', async ({
  lab,
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await lab.open();
  // two links between a and b: a request from a2's address leaves by a1, its reply comes back by a2
  const script = [
    'ip netns add a',
    'ip netns add b',
    'ip -n a link add a1 type veth peer name b1 netns b',
    'ip -n a link add a2 type veth peer name b2 netns b',
    'ip -n a addr add 10.0.1.1/24 dev a1',
    'ip -n b addr add 10.0.1.2/24 dev b1',
    'ip -n a addr add 10.0.2.1/24 dev a2',
    'ip -n b addr add 10.0.2.2/24 dev b2',
    'ip -n a link set a1 up',
    'ip -n a link set a2 up',
    'ip -n b link set b1 up',
    'ip -n b link set b2 up',
  ];
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByLabel('Script to import').fill(script.join('\n'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect.poll(() => lab.api((n) => n.namespaces())).toEqual(['root', 'a', 'b']);
  await lab.idle();
  const menu = page.getByRole('menu', { name: 'Capture on' });
  for (const dev of ['a1', 'a2']) {
    await lab.node('a').locator(`[data-port="${dev}"]`).first().click({ button: 'right' });
    await menu.getByRole('menuitem', { name: `Capture on ${dev} (a)` }).click();
  }
  await lab.terminal('a', 'ping -c 1 -I 10.0.2.1 10.0.1.2');

  const view = page.getByTestId('capture-view');
  const rows = view.getByRole('grid', { name: 'Packet list' }).locator('tbody tr');
  const tree = view.getByTestId('capture-tree');
  await view.getByRole('tab', { name: /a1 \(a\)/ }).click();
  const request = rows.filter({ hasText: 'Echo (ping) request' });
  await expect(request).toHaveCount(1);
  // no reply in this capture: Wireshark's "(reply in N)" is not there
  await expect(request).not.toContainText('reply in');
  await request.click();
  const toReply = tree.getByRole('button', { name: /^\[Reply seen on a2 \(a\) #\d+\]$/ });
  await expect(toReply).toBeVisible();
  const no = /#(\d+)/.exec((await toReply.textContent())!)![1]!;
  const requestNo = (await request.locator('td').first().textContent())!;
  await lab.shot('capture-paired-request-1024');
  await toReply.click();

  await expect(view.getByRole('tab', { name: /a2 \(a\)/ })).toHaveAttribute('aria-selected', 'true');
  const reply = rows.filter({ has: page.locator(`td:first-child:text-is("${no}")`) });
  await expect(reply).toHaveAttribute('aria-selected', 'true');
  await expect(reply).toContainText('Echo (ping) reply');
  await expect(tree).toContainText('Internet Protocol Version 4, Src: 10.0.1.2, Dst: 10.0.2.1');
  await expect(tree.getByRole('button', { name: `[Request seen on a1 (a) #${requestNo}]` })).toBeVisible();
  await lab.shot('capture-paired-reply-1024');

  // an ARP frame has no other half
  await rows.first().click();
  await expect(tree.getByRole('button', { name: /seen on/ })).toHaveCount(0);
});
