// The built page runs under its Content-Security-Policy (vite.config.ts): no inline script,
// no remote origin. Using the lab must not trip it, and the policy must really be there.
import { expect, test } from './fixtures.ts';

test('the built page carries a strict CSP and the lab works under it without a single violation', async ({ lab, page }) => {
  test.setTimeout(120_000);
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await lab.open();

  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("default-src 'self'");
  expect(policy).not.toMatch(/unsafe-eval|https?:|\*/);
  expect(policy!.split(';').find((d) => d.trim().startsWith('script-src'))).not.toContain('unsafe-inline');

  // a person's session: drop, connect, address, ping, share, import, theme
  const host = lab.node('root');
  await lab.drop('Linux bridge', host, { x: 300, y: 260 });
  await lab.drop('Namespace / Container', host, { x: 60, y: 90 });
  await lab.drop('Namespace / Container', host, { x: 420, y: 90 });
  await lab.connect(lab.node('ns1'), lab.bridge('root', 'br0'));
  await lab.connect(lab.node('ns2'), lab.bridge('root', 'br0'));
  await lab.selectPort(lab.node('ns1'), 'eth0');
  await lab.addAddress('10.0.0.1/24');
  await lab.selectPort(lab.node('ns2'), 'eth0');
  await lab.addAddress('10.0.0.2/24');
  await lab.terminal('ns1', 'ping -c 1 10.0.0.2');
  await expect(page.getByTestId('terminal-output')).toContainText('1 received');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByLabel('Share link')).toHaveValue(/#v1\./);
  await page.getByRole('button', { name: 'Close link' }).click();
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByLabel('Script to import').fill('ip netns add x\nip link add br9 type bridge');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await lab.idle();
  expect(await lab.api((n) => n.namespaces())).toEqual(['root', 'x']);
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await page.waitForTimeout(300);

  // an inline script injected into the page is blocked: the policy is in force
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
  });
  expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
  const seen = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
  // exactly the one we provoked, nothing from the lab itself
  expect(seen.filter((v) => !v.startsWith('script-src-elem inline') && !v.startsWith('script-src inline'))).toEqual([]);
  expect(seen.length).toBe(1);
  expect(violations.filter((v) => !/inline/.test(v))).toEqual([]);
  await lab.shot('13-csp-session');
});
