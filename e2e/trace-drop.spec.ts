import { expect, test } from './fixtures.ts';
import { bridgeNatSetup, Term } from './trace-helpers.ts';

test("a dropped packet names its reason in the kernel's terms, and its fix works in one click", async ({ lab, page }) => {
  await lab.open();
  await page.evaluate((lines) => window.netlab!.loadScript(lines), [...bridgeNatSetup(), 'iptables -P FORWARD DROP']);
  await lab.idle();
  const term = new Term(page, lab);
  // a ping nobody answers waits its -W (iputils: 10 s for the last one) before the statistics, as on Linux
  await term.type('ns1', 'ping -c 1 -W 1 203.0.113.5');
  await term.expectText('ns1', /1 packets transmitted, 0 received, 100% packet loss/);

  await expect(page.getByRole('tab', { name: 'Trace' })).toHaveAttribute('aria-selected', 'true');
  const why = page.getByTestId('why-died');
  await expect(why).toContainText('dropped by FORWARD policy DROP (filter table)');
  await expect(why).toContainText('host / eth0');
  await expect(why).toContainText('filtered');
  // the narrow rule a careful admin adds, not the policy for everything
  await expect(why).toContainText('iptables -I FORWARD -i virtual-bridge -o eth0 -j ACCEPT');
  await expect(why).toContainText('iptables -I FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT');
  // the timeline shows the hook that decided it
  await expect(page.getByRole('list', { name: 'Timeline' })).toContainText('FORWARD: filter/FORWARD → policy DROP');
  await why
    .getByRole('button', { name: 'where' })
    .or(why.getByRole('button', { name: 'host / eth0' }))
    .first()
    .click();
  await expect(page.getByTestId('trace-event')).toContainText('DROP');
  await lab.shot('14-trace-drop');

  // one click: the fix runs as an edit, the ping runs again and gets through
  const before = await lab.api((n) => n.historyDepth().done);
  await why.getByRole('button', { name: 'Apply fix and ping again' }).click();
  await lab.idle();
  await expect(page.getByTestId('trace-result')).toContainText('✔');
  await expect(page.getByTestId('why-died')).toHaveCount(0);
  expect(await lab.api((n) => n.script())).toContain('FORWARD -i virtual-bridge -o eth0 -j ACCEPT');
  expect(await lab.api((n) => n.script())).toContain('-P FORWARD DROP');
  expect(await lab.api((n) => n.historyDepth().done)).toBe(before + 1);
  await term.expectText('ns1', /1 packets transmitted, 1 received, 0% packet loss/);

  // the fix is an ordinary edit: undo brings the drop back
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await lab.idle();
  expect(await lab.api((n) => n.script())).not.toContain('FORWARD -i virtual-bridge -o eth0 -j ACCEPT');
});
