import { expect, test } from './fixtures.ts';

test('a new user builds two namespaces and a bridge by dragging, wires them, addresses them and pings', async ({ lab, page }) => {
  await lab.open();
  const host = lab.node('root');
  await expect(host).toBeVisible();

  // a bridge inside the host, two namespaces (containers) above it
  await lab.drop('Linux bridge', host, { x: 300, y: 260 });
  await lab.drop('Namespace / Container', host, { x: 60, y: 90 });
  await lab.drop('Namespace / Container', host, { x: 420, y: 90 });
  expect(await lab.api((n) => n.namespaces())).toEqual(['root', 'ns1', 'ns2']);
  await expect(lab.bridge('root', 'br0')).toBeVisible();
  await lab.shot('01-dropped');

  // wire each namespace to the bridge: a veth pair each, bridge side enslaved
  await lab.connect(lab.node('ns1'), lab.bridge('root', 'br0'));
  await lab.connect(lab.node('ns2'), lab.bridge('root', 'br0'));
  const edges = await lab.api((n) => n.edges());
  expect(edges.filter((e) => e.kind === 'veth')).toHaveLength(2);
  expect((await lab.api((n) => n.devices('root'))).filter((d) => d.master === 'br0')).toHaveLength(2);

  // addresses through the inspector; a malformed one is refused in place
  await lab.selectPort(lab.node('ns1'), 'eth0');
  await lab.addAddress('10.0.0.300/24');
  await expect(page.getByLabel('Inspector').getByRole('alert')).toContainText('0–255');
  await lab.addAddress('10.0.0.1/24');
  await lab.selectPort(lab.node('ns2'), 'eth0');
  await lab.addAddress('10.0.0.2/24');
  await expect(lab.node('ns2')).toContainText('10.0.0.2/24');
  await lab.shot('02-wired');

  // ping from ns1 to ns2 in ns1's terminal
  await lab.terminal('ns1', 'ping -c 1 10.0.0.2');
  await expect(page.getByTestId('terminal-output')).toContainText('1 received');
  // and with the ping action
  await page.getByLabel('Ping from', { exact: true }).selectOption('ns2');
  await page.getByLabel('Ping to', { exact: true }).selectOption('10.0.0.1');
  await page.getByRole('group', { name: 'Ping from … to …' }).getByRole('button', { name: 'Ping' }).click();
  await expect(page.getByTestId('ping-result')).toContainText('✔');
  await lab.shot('03-ping');
});
