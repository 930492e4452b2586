import { expect, test } from './fixtures.ts';
import { bridgeNatSetup, Term } from './trace-helpers.ts';

test('a terminal per namespace prints what Linux prints, with history, completion and a ping that runs until Ctrl+C', async ({
  lab,
  page,
}) => {
  await lab.open();
  await page.evaluate((lines) => window.netlab!.loadScript(lines), bridgeNatSetup());
  await lab.idle();
  const term = new Term(page, lab);

  // the prompt names the namespace
  await term.focus('root');
  await expect(term.screen('root')).toContainText('root@host:~#');

  // ip r: the kernel's route lines
  await term.type('root', 'ip r');
  const routes = await term.text('root');
  expect(routes).toContain('default via 172.16.16.1 dev eth0');
  expect(routes).toMatch(/^172\.16\.16\.0\/24 dev eth0 proto kernel scope link src 172\.16\.16\.141 ?$/m);
  expect(routes).toMatch(/^192\.168\.1\.0\/24 dev virtual-bridge proto kernel scope link src 192\.168\.1\.254 ?$/m);

  // iptables -t nat -S: policies first, then the rules in -A form
  await term.type('root', 'iptables -t nat -S');
  const nat = await term.text('root');
  for (const chain of ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING']) expect(nat).toMatch(new RegExp(`^-P ${chain} ACCEPT$`, 'm'));
  expect(nat).toMatch(/^-A POSTROUTING -s 192\.168\.1\.0\/24 ! -o virtual-bridge -j MASQUERADE$/m);
  expect(nat.indexOf('-P POSTROUTING ACCEPT')).toBeLessThan(nat.indexOf('-A POSTROUTING'));

  // history: up brings back the last line, up again the one before
  await term.focus('root');
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => page.evaluate(() => window.netlabTerminal!.line('root'))).toBe('iptables -t nat -S');
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => page.evaluate(() => window.netlabTerminal!.line('root'))).toBe('ip r');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => page.evaluate(() => window.netlabTerminal!.line('root'))).toBe('');

  // tab completion: a chain of the nat table, a namespace, a device
  await page.keyboard.type('iptables -t nat -L POST');
  await page.keyboard.press('Tab');
  await expect.poll(() => page.evaluate(() => window.netlabTerminal!.line('root'))).toBe('iptables -t nat -L POSTROUTING ');
  await page.keyboard.press('Control+U');
  await page.keyboard.type('ip netns exec is');
  await page.keyboard.press('Tab');
  await expect.poll(() => page.evaluate(() => window.netlabTerminal!.line('root'))).toBe('ip netns exec isp ');
  await page.keyboard.press('Control+U');
  await page.keyboard.type('ip link show virt');
  await page.keyboard.press('Tab');
  await expect.poll(() => page.evaluate(() => window.netlabTerminal!.line('root'))).toBe('ip link show virtual-bridge ');
  await page.keyboard.press('Control+U');
  await page.keyboard.type('ip netns exec ns');
  await page.keyboard.press('Tab');
  // three candidates: listed, as bash lists them
  await term.expectText('root', /ns1\s+ns2\s+ns3/);
  await page.keyboard.press('Control+U');

  // ping without -c streams one reply a second until Ctrl+C, then iputils' statistics
  await term.focus('ns1');
  await expect(term.screen('ns1')).toContainText('root@ns1:~#');
  await page.keyboard.type('ping 192.168.1.2');
  await page.keyboard.press('Enter');
  await term.expectText('ns1', /icmp_seq=3 ttl=64/);
  await page.keyboard.press('Control+C');
  await term.expectText(
    'ns1',
    /--- 192\.168\.1\.2 ping statistics ---\n\d+ packets transmitted, \d+ received, 0% packet loss, time \d+ms\nrtt min\/avg\/max\/mdev = /,
  );
  const out = await term.text('ns1');
  expect(out).toContain('PING 192.168.1.2 (192.168.1.2) 56(84) bytes of data.');
  expect(out).toMatch(/64 bytes from 192\.168\.1\.2: icmp_seq=1 ttl=64 time=[\d.]+ ms\n64 bytes from 192\.168\.1\.2: icmp_seq=2 ttl=64/);
  expect(out).toMatch(/\^C\n--- 192/);
  // and the prompt comes back
  await term.expectText('ns1', /packet loss[\s\S]*\nroot@ns1:~# ?$/);

  // ping -c 3 counts by itself
  await term.type('ns1', 'ping -c 3 192.168.1.3');
  await term.expectText('ns1', /3 packets transmitted, 3 received, 0% packet loss/);
  // traceroute -n through the gateway and the MASQUERADE
  await term.type('ns1', 'traceroute -n 203.0.113.5');
  await term.expectText('ns1', /traceroute to 203\.0\.113\.5 \(203\.0\.113\.5\), \d+ hops max, 60 byte packets\n 1 {2}192\.168\.1\.254 /);
  await lab.shot('16-terminal');
});
