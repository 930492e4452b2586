import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';

test('pasting the commands of the bridge/NAT article builds its namespaces, bridge and veths', async ({ lab, page }) => {
  await lab.open();
  const article = readFileSync('e2e/fixtures/bridge-nat-article.txt', 'utf8');
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByLabel('Script to import').fill(article);
  await expect(page.getByText(/commands found/)).toBeVisible();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  // the kernel refuses the article's pseudo-commands (output lines, `sysctl -a | grep`): they are listed first
  const report = page.locator('.import-report');
  await expect(report).toContainText('would be refused');
  await lab.shot('09-import-report');
  expect(await lab.api((n) => n.namespaces())).toEqual(['root']);
  await report.getByRole('button', { name: /Import the other/ }).click();
  await lab.idle();

  expect(await lab.api((n) => n.namespaces())).toEqual(['root', 'ns1', 'ns2', 'ns3']);
  const root = await lab.api((n) => n.devices('root'));
  expect(root.find((d) => d.name === 'virtual-bridge')?.kind).toBe('bridge');
  expect(
    root
      .filter((d) => d.master === 'virtual-bridge')
      .map((d) => d.name)
      .sort(),
  ).toEqual(['veth-ns1-br', 'veth-ns2-br', 'veth-ns3-br']);
  const edges = await lab.api((n) => n.edges());
  expect(edges.filter((e) => e.kind === 'veth')).toHaveLength(3);
  // containers are laid out inside the host box
  const nodes = await lab.api((n) => n.nodes());
  for (const ns of ['ns1', 'ns2', 'ns3']) expect(nodes.find((n) => n.id === `ns:${ns}`)?.parent).toBe('host');
  await expect(lab.bridge('root', 'virtual-bridge')).toBeVisible();
  const script = await lab.api((n) => n.script());
  expect(script).toContain('MASQUERADE');
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await lab.shot('10-imported-article');
  // the namespaces reach each other across the bridge
  await lab.terminal('ns1', 'ping -c 1 192.168.1.3');
  await expect(page.getByTestId('terminal-output')).toContainText('1 received');
});
