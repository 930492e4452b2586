import { expect, test } from './fixtures.ts';
import { macvlanSetup } from './trace-helpers.ts';

test('the reachability matrix shows that a macvlan parent cannot reach its child, and why', async ({ lab, page }) => {
  await lab.open();
  await page.evaluate((lines) => window.netlab!.loadScript(lines), macvlanSetup());
  await lab.idle();
  await page.getByRole('tab', { name: 'Matrix' }).click();
  const matrix = page.getByTestId('matrix');
  await expect(matrix).toBeVisible();
  const cell = (from: string, to: string) => matrix.locator(`button[data-from="${from}"][data-to="${to}"]`);
  // siblings in bridge mode talk directly, and to the LAN …
  await expect(cell('c1', 'c2')).toHaveAttribute('data-outcome', 'reply');
  await expect(cell('c1', 'ext')).toHaveAttribute('data-outcome', 'reply');
  await expect(cell('ext', 'c1')).toHaveAttribute('data-outcome', 'reply');
  // … but the host that owns the parent never reaches its children, nor they it
  await expect(cell('host', 'c1')).toHaveAttribute('data-outcome', 'timeout');
  await expect(cell('c1', 'host')).toHaveAttribute('data-outcome', 'timeout');
  await expect(cell('host', 'c1')).toHaveAccessibleName(/host to c1 \(192\.168\.100\.11\): no reply/);
  await lab.shot('15-matrix');

  // choosing the cell shows its trace: ARP for the child is never answered
  await cell('host', 'c1').click();
  await expect(page.getByRole('tab', { name: 'Trace' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('why-died')).toContainText('nobody answered ARP for 192.168.100.11 on eth0 in host');

  // the matrix follows the topology: the usual workaround (a macvlan for the host) fixes the cell
  await page.getByRole('tab', { name: 'Matrix' }).click();
  await page.evaluate(async () => {
    const lines = [
      ...window.netlab!.log(),
      'ip -n host link add macvlan_host link eth0 type macvlan mode bridge',
      'ip -n host addr add 192.168.100.233/24 dev macvlan_host',
      'ip -n host link set macvlan_host up',
      'ip -n host route add 192.168.100.11 dev macvlan_host',
    ];
    await window.netlab!.loadScript(lines);
  });
  await lab.idle();
  await expect(cell('host', 'c1')).toHaveAttribute('data-outcome', 'reply', { timeout: 10_000 });
});
