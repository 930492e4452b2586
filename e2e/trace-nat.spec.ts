import { expect, test } from './fixtures.ts';
import { bridgeNatSetup } from './trace-helpers.ts';

test('a ping through MASQUERADE shows the source rewrite, its reverse on the reply, and steps back', async ({ lab, page }) => {
  await lab.open();
  // a new user pastes the scenario's setup into the Import panel
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByLabel('Script to import').fill(bridgeNatSetup().join('\n'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  // the import is checked on a scratch world first, then run: wait for the namespaces
  await expect.poll(() => lab.api((n) => n.namespaces())).toEqual(['root', 'isp', 'ns1', 'ns2', 'ns3']);
  await lab.idle();

  // ping from ns1 to the public address behind the isp
  await page.getByLabel('Ping from', { exact: true }).selectOption('ns1');
  await page.getByLabel('Ping to', { exact: true }).selectOption('203.0.113.5');
  await page.getByRole('group', { name: 'Ping from … to …' }).getByRole('button', { name: 'Ping' }).click();
  await lab.idle();

  // the Trace tab opens on the new probe
  await expect(page.getByRole('tab', { name: 'Trace' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('trace-result')).toContainText('✔');
  await page
    .getByRole('button', { name: 'Pause' })
    .click()
    .catch(() => undefined);

  const timeline = page.getByRole('list', { name: 'Timeline' });
  // the request's source is rewritten at POSTROUTING …
  await timeline.getByRole('button', { name: /MASQUERADE/ }).click();
  const card = page.getByTestId('trace-event');
  await expect(card).toContainText('nat / POSTROUTING');
  await expect(card).toContainText('-A POSTROUTING -s 192.168.1.0/24 ! -o virtual-bridge -j MASQUERADE');
  await expect(card).toContainText(/verdict\s*MASQUERADE/);
  await timeline.getByRole('button', { name: /SNAT 192\.168\.1\.1 > 203\.0\.113\.5 ⇒ 172\.16\.16\.141 > 203\.0\.113\.5/ }).click();
  const diff = card.getByRole('table', { name: 'Address translation' });
  await expect(diff.getByRole('row', { name: /source/ })).toContainText('192.168.1.1');
  await expect(diff.getByRole('row', { name: /source/ })).toContainText('172.16.16.141');
  await expect(diff.getByRole('row', { name: /source/ })).toHaveClass(/changed/);
  await expect(diff.getByRole('row', { name: /destination/ })).not.toHaveClass(/changed/);
  // the packet is drawn on the canvas, with its rewritten headers
  await expect(page.getByTestId('trace-overlay')).toContainText('SNAT');
  await lab.shot('13-trace-nat');

  // step back returns to the previous event (the MASQUERADE rule), step forward to the SNAT again
  const step = page.getByTestId('trace-step');
  const at = Number((await step.textContent())!.split('/')[0]!.trim());
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(step).toContainText(`${at - 1} /`);
  await expect(card).toContainText('MASQUERADE');
  await expect(card).not.toContainText('Address translation');
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(step).toContainText(`${at} /`);
  await expect(card.getByRole('table', { name: 'Address translation' })).toBeVisible();

  // … and reversed on the reply: the destination goes back to ns1's address
  await timeline.getByRole('button', { name: /DNAT 203\.0\.113\.5 > 172\.16\.16\.141 ⇒ 203\.0\.113\.5 > 192\.168\.1\.1/ }).click();
  await expect(card).toContainText('reply');
  await expect(card.getByRole('table', { name: 'Address translation' }).getByRole('row', { name: /destination/ })).toHaveClass(/changed/);
  // play runs to the end of the trace
  await page.getByRole('button', { name: 'Speed' }).or(page.getByLabel('Speed')).first().selectOption('8');
  await page.getByRole('button', { name: 'Play' }).click();
  const total = (await step.textContent())!.split('/')[1]!.trim();
  await expect(step).toHaveText(`${total} / ${total}`, { timeout: 20_000 });
});
