// Nothing a person built is lost (issue 15, "Lost work" 1–4), each loss reproduced as found:
// a link, lesson or file opened over typed work; two tabs; storage full; a lab past the old
// 1 MiB / half-quota limits. Two tabs are two pages in one browser context.

import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { expect, LabPage, test } from './fixtures.ts';

const b64url = (b: Buffer) => b.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const linkOf = (script: string[]) => '#v1.' + b64url(deflateRawSync(Buffer.from(JSON.stringify({ v: 1, s: script, p: {} }))));

/** follow a link in the open page, as pasting it into the address bar does */
async function follow(page: Page, hash: string): Promise<void> {
  await page.evaluate(async (h) => {
    const changed = new Promise((resolve) => addEventListener('hashchange', resolve, { once: true }));
    location.hash = h;
    await changed;
    await window.netlab!.idle();
  }, hash);
}

const namespaces = (lab: LabPage) => lab.api((n) => n.namespaces());

async function reload(lab: LabPage): Promise<void> {
  await lab.api((n) => n.saved());
  await lab.page.reload();
  await lab.idle();
}

test('a link opened over typed work asks first; Escape keeps the lab; Undo brings it back, after a reload too', async ({ lab, page }) => {
  await lab.open();
  await lab.terminal('root', 'ip netns add mywork');
  const link = linkOf(['ip netns add shared1']);

  await follow(page, link);
  const dialog = page.getByRole('alertdialog', { name: 'Replace this lab?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Keep my lab' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await lab.idle();
  expect(await namespaces(lab)).toEqual(['root', 'mywork']);

  await follow(page, link);
  await dialog.getByRole('button', { name: 'Open it' }).click();
  await lab.idle();
  expect(await namespaces(lab)).toEqual(['root', 'shared1']);
  await page.getByRole('button', { name: 'Undo' }).click();
  await lab.idle();
  expect(await namespaces(lab)).toEqual(['root', 'mywork']);
  await page.getByRole('button', { name: 'Redo' }).click();
  await lab.idle();
  expect(await namespaces(lab)).toEqual(['root', 'shared1']);

  // after a reload, the shared lab is shown and the replaced one is still one Undo away
  await reload(lab);
  expect(await namespaces(lab)).toEqual(['root', 'shared1']);
  await page.getByRole('button', { name: 'Undo' }).click();
  await lab.idle();
  expect(await namespaces(lab)).toEqual(['root', 'mywork']);
});

test('a lesson link and a file opened over typed work ask first too', async ({ lab, page }) => {
  await lab.open();
  await lab.terminal('root', 'ip netns add mywork');
  const dialog = page.getByRole('alertdialog', { name: 'Replace this lab?' });

  await follow(page, '#lesson=veth&step=1');
  await expect(dialog).toContainText('lesson');
  await dialog.getByRole('button', { name: 'Keep my lab' }).click();
  await lab.idle();
  expect(await namespaces(lab)).toEqual(['root', 'mywork']);

  await page.getByTestId('open-file').setInputFiles({
    name: 'other.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ v: 1, s: ['ip netns add other'], p: {} })),
  });
  await expect(dialog).toContainText('other.json');
  await dialog.getByRole('button', { name: 'Open it' }).click();
  await lab.idle();
  expect(await namespaces(lab)).toEqual(['root', 'other']);
  await page.getByRole('button', { name: 'Undo' }).click();
  await lab.idle();
  expect(await namespaces(lab)).toEqual(['root', 'mywork']);
});

test('two tabs keep their own labs: reloading the first shows its own work', async ({ lab, page }) => {
  await lab.open();
  const b = new LabPage(await page.context().newPage());
  await b.open();
  await lab.terminal('root', 'ip netns add tabA');
  await b.terminal('root', 'ip netns add tabB');
  await lab.api((n) => n.saved());
  await b.api((n) => n.saved());

  await reload(lab);
  expect(await namespaces(lab)).toEqual(['root', 'tabA']);
  await reload(b);
  expect(await namespaces(b)).toEqual(['root', 'tabB']);

  // a third tab opens the most recent lab; it is open in another tab, so this one takes a copy and says so
  const c = new LabPage(await page.context().newPage());
  await c.open();
  await expect(c.page.locator('.notice')).toContainText('open in another tab');
  expect(await namespaces(c)).toEqual(['root', 'tabB']);
  await c.terminal('root', 'ip netns add tabC');
  await c.api((n) => n.saved());
  await reload(b);
  expect(await namespaces(b)).toEqual(['root', 'tabB']);
  await b.page.close();
  await c.page.close();
});

test('full storage is announced at once, with Export as a way out, and saving resumes when there is room', async ({ lab, page }) => {
  await lab.open();
  // another key takes most of the room: the toolbar says how full storage is
  await page.evaluate(() => localStorage.setItem('filler', 'x'.repeat(4_600_000)));
  await lab.terminal('root', 'ip netns add first');
  await lab.api((n) => n.saved());
  await expect(page.getByRole('status').filter({ hasText: /Storage \d+% full/ })).toBeVisible();
  // then all the room left
  await page.evaluate(() => {
    let chunk = 'x'.repeat(1 << 20);
    for (let i = 0; chunk.length > 0; i++) {
      try {
        localStorage.setItem(`filler${i}`, chunk);
      } catch {
        chunk = chunk.slice(0, chunk.length >> 1);
      }
    }
  });
  await lab.terminal('root', 'ip netns add second');
  await lab.api((n) => n.saved());
  const notice = page.locator('.notice-error').filter({ hasText: 'could not be saved' });
  await expect(notice).toContainText('storage for this site is full');
  await expect(page.getByRole('status').filter({ hasText: 'Not saved' })).toBeVisible();

  const download = page.waitForEvent('download');
  await notice.getByRole('button', { name: 'Export' }).click();
  const file = JSON.parse(readFileSync((await (await download).path())!, 'utf8')) as { s: string[] };
  expect(file.s).toContain('ip netns add second');

  // room again: the next save works and says so; a reload shows every edit
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('filler')) localStorage.removeItem(k);
  });
  await lab.terminal('root', 'ip netns add third');
  await lab.api((n) => n.saved());
  expect(await lab.api((n) => n.notices().some((x) => x.text.includes('saved again')))).toBe(true);
  await reload(lab);
  expect(await namespaces(lab)).toEqual(['root', 'first', 'second', 'third']);
});

test('a lab of 10,000 rules, each with the longest comment iptables keeps (3.6 MB), autosaves, exports, opens and links whole', async ({
  lab,
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const N = 10_000;
  // iptables keeps 255 characters of a comment (xt_comment's 256 bytes with the NUL)
  const rules = Array.from(
    { length: N },
    (_, i) =>
      `iptables -A INPUT -s 10.1.${i >> 8}.${i & 255} -m comment --comment "${`rule ${i} keep this rule for the audit trail `.repeat(8).slice(0, 255)}" -j ACCEPT`,
  );
  const body = JSON.stringify({ v: 1, s: ['ip netns add big', ...rules], p: {} });
  expect(body.length).toBeGreaterThan(3 * 1024 * 1024);
  await lab.open();
  const count = () => lab.api((n) => n.log().filter((l) => l.startsWith('iptables -A INPUT')).length);
  // (the file is read before the lab starts on it: wait for the lab, not for a time)
  await page.getByTestId('open-file').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(body) });
  await expect.poll(count, { timeout: 60_000 }).toBe(N);
  await expect(page.locator('.notice-error')).toHaveCount(0);

  // autosave: a reload shows all of it
  await reload(lab);
  expect(await count()).toBe(N);
  await expect(page.locator('.notice-error')).toHaveCount(0);

  // Export writes a file that Open reads back
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  const exported = readFileSync((await (await download).path())!);
  expect(exported.length).toBeGreaterThan(3 * 1024 * 1024);
  await page.getByTestId('open-file').setInputFiles({ name: 'again.json', mimeType: 'application/json', buffer: exported });
  // the same lab again: one more edit in the history, nothing refused
  await expect.poll(() => lab.api((n) => n.historyDepth().done), { timeout: 60_000 }).toBe(2);
  await expect(page.locator('.notice-error')).toHaveCount(0);
  expect(await count()).toBe(N);

  // Copy link makes a link that opens in a fresh browser
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Share link').inputValue();
  const ctx = await browser.newContext();
  const fresh = new LabPage(await ctx.newPage());
  await fresh.page.goto(link);
  await fresh.idle();
  await expect(fresh.page.locator('.notice-error')).toHaveCount(0);
  expect(await fresh.api((n) => n.log().filter((l) => l.startsWith('iptables -A INPUT')).length)).toBe(N);
  await ctx.close();
});

test('an import that replaces the lab asks first; Keep my lab imports nothing; Undo brings the replaced lab back', async ({
  lab,
  page,
}) => {
  await lab.open();
  await lab.terminal('root', 'ip netns add mywork');
  await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'Import', exact: true }).click();
  await page.getByLabel('Script to import').fill('ip netns add pasted1\nip netns add pasted2');
  await expect(page.getByLabel('replace the current lab')).toBeChecked();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Replace this lab?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep my lab' }).click();
  await lab.idle();
  expect(await namespaces(lab)).toEqual(['root', 'mywork']);
  await expect(page.getByRole('status').filter({ hasText: 'nothing was imported' })).toBeVisible();

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await dialog.getByRole('button', { name: 'Open it' }).click();
  await lab.idle();
  expect(await namespaces(lab)).toEqual(['root', 'pasted1', 'pasted2']);
  await page.getByRole('button', { name: 'Undo' }).click();
  await lab.idle();
  expect(await namespaces(lab)).toEqual(['root', 'mywork']);
});

test('the lab of a tab since closed is found under Recent, opens in place of this one (Undo brings this one back), and can be forgotten', async ({
  lab,
  page,
}) => {
  await lab.open();
  await lab.terminal('root', 'ip netns add monday');
  await lab.api((n) => n.saved());
  // a second tab works on a lab of its own, and is closed
  const b = new LabPage(await page.context().newPage());
  await b.open();
  await b.terminal('root', 'ip netns del monday');
  await b.terminal('root', 'ip netns add tuesday');
  await b.api((n) => n.saved());
  await b.page.close();

  await page.getByRole('button', { name: 'Recent' }).click();
  const recent = page.getByRole('region', { name: 'Recent labs' });
  await expect(recent.getByRole('listitem')).toHaveCount(1);
  await expect(recent.getByRole('listitem')).toContainText('tuesday');
  await expect(recent.getByRole('listitem')).toContainText('saved just now');
  await lab.shot('31-recent-labs');
  await recent.getByRole('button', { name: 'Open' }).click();
  await page.getByRole('alertdialog', { name: 'Replace this lab?' }).getByRole('button', { name: 'Open it' }).click();
  await lab.idle();
  expect(await namespaces(lab)).toEqual(['root', 'tuesday']);
  await page.getByRole('button', { name: 'Undo' }).click();
  await lab.idle();
  expect(await namespaces(lab)).toEqual(['root', 'monday']);

  await page.getByRole('button', { name: 'Recent' }).click();
  await recent.getByRole('button', { name: 'Forget' }).click();
  await expect(recent).toContainText('No other lab is kept in this browser yet');
  await reload(lab);
  await page.getByRole('button', { name: 'Recent' }).click();
  await expect(recent).toContainText('No other lab is kept in this browser yet');
});
