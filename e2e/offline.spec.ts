// A classroom with poor Wi-Fi (issue 15, item 5): after one visit the lab works with no network
// at all — the page, the simulation worker, the terminal and every panel come from the browser's
// cache — and the browser offers to install it as an app.

import { expect, test } from './fixtures.ts';

test('after the first visit the lab opens and runs offline: page, worker, terminal, panels, lessons', async ({ lab, page, context }) => {
  await lab.open();
  // the service worker has installed (its cache holds every file of the build) and controls the page
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  });
  await lab.terminal('root', 'ip netns add before');
  await lab.api((n) => n.saved());

  await context.setOffline(true);
  await page.reload();
  await lab.idle();
  expect(await lab.api((n) => n.namespaces())).toEqual(['root', 'before']);
  await expect(lab.node('before')).toBeVisible();

  // the terminal (loaded after the canvas) and the simulation answer with no network
  await lab.terminal('root', 'ip netns add offline');
  await lab.terminal('offline', 'ip link set lo up');
  await lab.terminal('offline', 'ping -c 1 127.0.0.1');
  await expect(page.getByText('1 packets transmitted, 1 received')).toBeVisible();

  // the panels behind tabs are fetched the first time they are shown: from the cache here
  for (const tab of ['Trace', 'Matrix', 'Docker', 'Lessons', 'Script', 'Import']) {
    await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: tab, exact: true }).click();
    await expect(page.getByRole('tabpanel')).not.toContainText('Loading…');
  }
  await expect(page.getByRole('tabpanel')).toBeVisible();
  await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'Lessons', exact: true }).click();
  await expect(page.getByRole('tabpanel').getByRole('button').first()).toBeVisible();
  await context.setOffline(false);
});

test('the lab is installable: a manifest with its icons, served with a service worker', async ({ lab, page }) => {
  await lab.open();
  await page.evaluate(() => navigator.serviceWorker.ready);
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!.href;
    return (await fetch(href)).json();
  });
  expect(manifest.name).toContain('netlab');
  expect(manifest.display).toBe('standalone');
  for (const icon of manifest.icons as { src: string; sizes: string; type: string }[]) {
    const res = await page.request.get(new URL(icon.src, page.url()).href);
    expect(res.ok(), icon.src).toBe(true);
    expect(res.headers()['content-type']).toContain(icon.type.split('+')[0]);
  }
  // Chromium's own verdict on installability (a test browser is a private window, which
  // Chromium never installs from: that one reason is not the page's)
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
    installabilityErrors: { errorId: string }[];
  };
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
});
