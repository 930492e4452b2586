import { deflateRawSync } from 'node:zlib';
import { expect, test, type LabPage } from './fixtures.ts';

async function buildPair(lab: LabPage): Promise<void> {
  const host = lab.node('root');
  await lab.drop('Namespace / Container', host, { x: 80, y: 120 });
  await lab.drop('Namespace / Container', host, { x: 480, y: 120 });
  await lab.connect(lab.node('ns1'), lab.node('ns2'));
  await lab.selectPort(lab.node('ns1'), 'eth0');
  await lab.addAddress('10.1.0.1/24');
  await lab.selectPort(lab.node('ns2'), 'eth0');
  await lab.addAddress('10.1.0.2/24');
}

test('a share link opened in a fresh page shows the same topology and layout', async ({ lab, page, browser }) => {
  await lab.open();
  await buildPair(lab);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Share link').inputValue();
  // the lab, then the language it was shown in
  expect(link).toMatch(/#v1\.[A-Za-z0-9_-]+&lang=en$/);
  const before = await lab.api((n) => ({ script: n.script(), positions: n.positions(), edges: n.edges() }));

  const ctx = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const fresh = await ctx.newPage();
  const errors: string[] = [];
  fresh.on('pageerror', (e) => errors.push(e.message));
  await fresh.goto(link);
  await fresh.waitForFunction(() => !!window.netlab);
  await fresh.evaluate(() => window.netlab!.idle());
  const after = await fresh.evaluate(() => ({
    script: window.netlab!.script(),
    positions: window.netlab!.positions(),
    edges: window.netlab!.edges(),
  }));
  expect(after.script).toBe(before.script);
  expect(after.edges).toEqual(before.edges);
  for (const id of ['ns:ns1', 'ns:ns2']) expect(after.positions[id]).toEqual(before.positions[id]);
  await expect(fresh.getByTestId('node-ns2')).toContainText('10.1.0.2/24');
  // the fragment is consumed: a reload shows the autosave, not the link again
  expect(new URL(fresh.url()).hash).toBe('');
  await fresh.screenshot({ path: 'e2e/screenshots/04-shared-link.png' });
  expect(errors).toEqual([]);
  await ctx.close();
});

test('a reload restores the autosaved lab, history included', async ({ lab, page }) => {
  await lab.open();
  await buildPair(lab);
  const before = await lab.api((n) => ({ script: n.script(), positions: n.positions(), depth: n.historyDepth() }));
  await page.reload();
  await lab.idle();
  const after = await lab.api((n) => ({ script: n.script(), positions: n.positions(), depth: n.historyDepth() }));
  expect(after.script).toBe(before.script);
  expect(after.positions['ns:ns1']).toEqual(before.positions['ns:ns1']);
  expect(after.depth).toEqual(before.depth);
  await expect(lab.node('ns1')).toContainText('10.1.0.1/24');
  await lab.shot('05-reloaded');
  // and undo still works after the reload
  await page.keyboard.press('Control+z');
  await lab.idle();
  await expect(lab.node('ns2')).not.toContainText('10.1.0.2/24');
});

const b64url = (b: Buffer) => b.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const linkOf = (json: string) => '#v1.' + b64url(deflateRawSync(Buffer.from(json)));

test('a broken or hostile link shows a clear message, changes nothing, and the empty lab still works', async ({ lab, page }) => {
  const good = linkOf(JSON.stringify({ v: 1, s: ['ip netns add a', 'ip netns add b'], p: {} }));
  const cases: Array<[string, RegExp]> = [
    [good.slice(0, good.length - 6), /damaged|cut short/i],
    ['#v1.%%%notbase64', /damaged/i],
    ['#v9.' + good.slice(4), /newer netlab/i],
    ['#hello', /not a netlab link/i],
    [linkOf('{"v":1,"s":["ip netns add x"],"p":{},"__proto__":{"polluted":1}}'), /forbidden key "__proto__"/],
    [linkOf('{"v":1,"s":["ip netns add x"],"p":{"constructor":[1,2]}}'), /forbidden key "constructor"/],
    [linkOf(JSON.stringify({ v: 1, s: ['x'.repeat(10)], p: {}, big: 'y'.repeat(9 * 1024 * 1024) })), /larger than 8 MiB|more than 8 MiB/],
    [linkOf(JSON.stringify({ v: 1, s: ['ip link add eth0 type bogus'], p: {} })), /Refused: line 1/],
    [linkOf(JSON.stringify({ v: 1, s: [42], p: {} })), /not text/],
  ];
  for (const [fragment, message] of cases) {
    await page.goto('/' + fragment);
    await lab.idle();
    await expect(page.locator('.notice-error').last()).toContainText(message);
    expect(await lab.api((n) => n.namespaces())).toEqual(['root']);
    expect(await page.evaluate(() => (Object.prototype as Record<string, unknown>).polluted)).toBeUndefined();
  }
  await lab.shot('06-broken-link');
  // the empty lab still works
  await lab.drop('Namespace / Container', lab.node('root'), { x: 100, y: 120 });
  expect(await lab.api((n) => n.namespaces())).toEqual(['root', 'ns1']);
});

test('undo and redo replay the command log; Delete removes the selection', async ({ lab, page }) => {
  await lab.open();
  const host = lab.node('root');
  await lab.drop('Linux bridge', host, { x: 320, y: 300 });
  await lab.drop('Namespace / Container', host, { x: 80, y: 100 });
  await lab.connect(lab.node('ns1'), lab.bridge('root', 'br0'));
  const full = await lab.api((n) => n.script());
  expect(full).toContain('master br0');

  await page.keyboard.press('Control+z');
  await lab.idle();
  expect(await lab.api((n) => n.script())).not.toContain('veth');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await lab.idle();
  expect(await lab.api((n) => n.namespaces())).toEqual(['root']);
  await expect(lab.bridge('root', 'br0')).toHaveCount(0);
  await lab.shot('07-undone');

  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await lab.idle();
  expect(await lab.api((n) => n.script())).toBe(full);

  // Delete: the namespace goes, and so does its veth (the kernel deletes the pair)
  // (a click that lands while the redone view is still being laid out may miss: click again, as a person would)
  await expect(async () => {
    await lab.node('ns1').locator('.card-title').click();
    await expect(page.getByLabel('Inspector').getByRole('heading', { level: 2 })).toHaveText('Namespace ns1', { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await page.keyboard.press('Delete');
  await lab.idle();
  expect(await lab.api((n) => n.namespaces())).toEqual(['root']);
  expect(await lab.api((n) => n.edges())).toEqual([]);
  await page.getByRole('button', { name: 'Undo' }).click();
  await lab.idle();
  expect(await lab.api((n) => n.script())).toBe(full);
  await lab.shot('08-redone');
});
