// Issue 13's done-when, as a person does it: a namespace on a bridge pings through a router
// that MASQUERADEs it to a namespace beyond; captures on the bridge and on the router's outer
// interface list the ARP exchange and the echo request before SNAT on the inside, after it on
// the outside, and the replies; a packet's header tree; a bad filter; Save as .pcapng, read by
// tshark.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { bridgeNatSetup } from './trace-helpers.ts';

const TSHARK = '/usr/bin/tshark';

test('captures on both sides of a NAT router list the ARP exchange and the echo before and after SNAT', async ({ lab, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await lab.open();
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByLabel('Script to import').fill(bridgeNatSetup().join('\n'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect.poll(() => lab.api((n) => n.namespaces())).toEqual(['root', 'isp', 'ns1', 'ns2', 'ns3']);
  await lab.idle();

  // Capture on the bridge (its inspector), then on the host's outer interface (its port)
  await lab.bridge('root', 'virtual-bridge').getByText('virtual-bridge', { exact: true }).click();
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await page.getByRole('button', { name: 'Capture', exact: true }).click();
  const view = page.getByTestId('capture-view');
  await expect(view.getByRole('tab', { name: /virtual-bridge \(host\)/ })).toHaveAttribute('aria-selected', 'true');
  await lab.selectPort(lab.node('root'), 'eth0');
  await page.getByRole('button', { name: 'Capture', exact: true }).click();
  await expect(view.getByRole('tab', { name: /eth0 \(host\)/ })).toHaveAttribute('aria-selected', 'true');

  // ping from ns1 to the public address beyond the router
  await page.getByLabel('Ping from', { exact: true }).selectOption('ns1');
  await page.getByLabel('Ping to', { exact: true }).selectOption('203.0.113.5');
  await page.getByRole('group', { name: 'Ping from … to …' }).getByRole('button', { name: 'Ping' }).click();
  await lab.idle();

  const list = view.getByRole('grid', { name: 'Packet list' });
  const rows = list.locator('tbody tr');
  const texts = () => rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent).join(' | ')));

  // outside: the SNATed source
  await expect
    .poll(texts)
    .toEqual([
      expect.stringMatching(/^1 \| 0\.000000 \| \S+ \| ff:ff:ff:ff:ff:ff \| ARP \| 42 \| Who has 172\.16\.16\.1\? Tell 172\.16\.16\.141$/),
      expect.stringMatching(/^2 \| \S+ \| \S+ \| \S+ \| ARP \| 42 \| 172\.16\.16\.1 is at \S+$/),
      expect.stringMatching(
        /^3 \| \S+ \| 172\.16\.16\.141 \| 203\.0\.113\.5 \| ICMP \| 98 \| Echo \(ping\) request .*ttl=63 \(reply in 4\)$/,
      ),
      expect.stringMatching(
        /^4 \| \S+ \| 203\.0\.113\.5 \| 172\.16\.16\.141 \| ICMP \| 98 \| Echo \(ping\) reply .*ttl=64 \(request in 3\)$/,
      ),
    ]);
  // the request's header tree, selected with the keyboard
  await list.focus();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowUp');
  await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true');
  const tree = view.getByTestId('capture-tree');
  await expect(tree).toContainText('Ethernet II, Src: ');
  await expect(tree).toContainText('Internet Protocol Version 4, Src: 172.16.16.141, Dst: 203.0.113.5');
  await expect(tree.getByText('Time to Live: 63', { exact: true })).toBeVisible();
  await expect(tree.getByText(/^Header Checksum: 0x[0-9a-f]{4} \[correct\]$/)).toBeVisible();
  await expect(tree).toContainText('Internet Control Message Protocol');
  await lab.shot('capture-outside-1440');

  // inside: the private source, ARP for the bridge's address
  await view.getByRole('tab', { name: /virtual-bridge \(host\)/ }).click();
  await expect
    .poll(texts)
    .toEqual([
      expect.stringMatching(/^1 \| 0\.000000 \| \S+ \| ff:ff:ff:ff:ff:ff \| ARP \| 42 \| Who has 192\.168\.1\.254\? Tell 192\.168\.1\.1$/),
      expect.stringMatching(/^2 \| .* \| ARP \| 42 \| 192\.168\.1\.254 is at \S+$/),
      expect.stringMatching(
        /^3 \| \S+ \| 192\.168\.1\.1 \| 203\.0\.113\.5 \| ICMP \| 98 \| Echo \(ping\) request .*ttl=64 \(reply in 4\)$/,
      ),
      expect.stringMatching(
        /^4 \| \S+ \| 203\.0\.113\.5 \| 192\.168\.1\.1 \| ICMP \| 98 \| Echo \(ping\) reply .*ttl=63 \(request in 3\)$/,
      ),
    ]);

  // a bad filter keeps the list as it was, with tcpdump's message; a good one narrows it
  const filter = view.getByLabel('Filter');
  await filter.fill('icmp and (');
  await filter.press('Enter');
  await expect(view.getByRole('alert')).toHaveText("tcpdump: can't parse filter expression: syntax error");
  await expect(rows).toHaveCount(4);
  await filter.fill('icmp');
  await filter.press('Enter');
  await expect(rows).toHaveCount(2);
  await expect(view.getByRole('alert')).toHaveCount(0);
  await expect(rows.first()).toContainText('Echo (ping) request');
  await rows.first().click();
  await expect(view.getByTestId('capture-tree')).toContainText('Internet Protocol Version 4, Src: 192.168.1.1, Dst: 203.0.113.5');
  await lab.shot('capture-inside-1440');
  await page.setViewportSize({ width: 1024, height: 768 });
  await lab.shot('capture-inside-1024');

  // Save as .pcapng: one file, one interface per capture, every packet, read by tshark
  const [download] = await Promise.all([page.waitForEvent('download'), view.getByRole('button', { name: 'Save as .pcapng' }).click()]);
  expect(download.suggestedFilename()).toBe('virtual-bridge+eth0.pcapng');
  test.skip(!existsSync(TSHARK), 'tshark is not installed (node scripts/setup.mjs --tshark installs it)');
  const dir = mkdtempSync(join(tmpdir(), 'netlab-e2e-capture-'));
  try {
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const r = spawnSync(
      TSHARK,
      [
        '-n',
        '-r',
        file,
        '-o',
        'ip.check_checksum:TRUE',
        '-T',
        'fields',
        '-E',
        'separator=|',
        '-e',
        'frame.interface_name',
        '-e',
        'ip.src',
        '-e',
        '_ws.col.Protocol',
        '-e',
        '_ws.col.Info',
      ],
      { encoding: 'utf8' },
    );
    expect(r.stderr.split('\n').filter((l) => l && !l.startsWith('Running as user'))).toEqual([]);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(8);
    const of = (iface: string) => lines.filter((l) => l.startsWith(`${iface}|`));
    expect(of('virtual-bridge').map((l) => l.split('|')[2])).toEqual(['ARP', 'ARP', 'ICMP', 'ICMP']);
    expect(of('eth0').map((l) => l.split('|')[2])).toEqual(['ARP', 'ARP', 'ICMP', 'ICMP']);
    expect(of('virtual-bridge').filter((l) => l.includes('Echo (ping) request'))[0]).toMatch(/^virtual-bridge\|192\.168\.1\.1\|/);
    expect(of('eth0').filter((l) => l.includes('Echo (ping) request'))[0]).toMatch(/^eth0\|172\.16\.16\.141\|/);

    // the trace panel saves the probe's packets as every device they crossed saw them
    await page.getByRole('tab', { name: 'Trace' }).click();
    const [traced] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('tabpanel').getByRole('button', { name: 'Save as .pcapng' }).click(),
    ]);
    expect(traced.suggestedFilename()).toBe('trace-ns1-ping-c-1-203.0.113.5.pcapng');
    const traceFile = join(dir, traced.suggestedFilename());
    await traced.saveAs(traceFile);
    const t = spawnSync(
      TSHARK,
      ['-n', '-r', traceFile, '-Y', 'icmp', '-T', 'fields', '-E', 'separator=|', '-e', 'frame.interface_name', '-e', 'ip.src'],
      {
        encoding: 'utf8',
      },
    );
    const seen = t.stdout.trimEnd().split('\n');
    expect(seen).toContain('ns1/veth-ns1|192.168.1.1');
    expect(seen).toContain('virtual-bridge|192.168.1.1');
    expect(seen).toContain('eth0|172.16.16.141');
    expect(seen).toContain('isp/up0|172.16.16.141');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
