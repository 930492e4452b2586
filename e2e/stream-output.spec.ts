import { expect, test } from './fixtures.ts';
import { bridgeNatSetup, Term } from './trace-helpers.ts';

// Output that comes over time comes over time in the terminal: the order of what appears is
// asserted, never how long it took.

test('ping -c 3 shows one reply, then two, then three and the statistics', async ({ lab, page }) => {
  await lab.open();
  await page.evaluate((lines) => window.netlab!.loadScript(lines), bridgeNatSetup());
  await lab.idle();
  const term = new Term(page, lab);
  await term.type('ns1', 'ping -c 3 203.0.113.5');
  const replies = async () => (await term.text('ns1')).match(/bytes from 203\.0\.113\.5: icmp_seq=\d/g)?.length ?? 0;
  const stats = async () => /3 packets transmitted, 3 received, 0% packet loss/.test(await term.text('ns1'));
  const seen: string[] = [];
  await expect
    .poll(
      async () => {
        const state = `${await replies()}${(await stats()) ? '+stats' : ''}`;
        if (seen[seen.length - 1] !== state) seen.push(state);
        return state;
      },
      { timeout: 15_000, intervals: [50] },
    )
    .toBe('3+stats');
  // each reply was on the screen alone before the next: the poll saw 1, then 2, then 3 and the statistics
  expect(seen.filter((s) => s !== '0')).toEqual(['1', '2', '3+stats']);
  await term.expectText('ns1', /rtt min\/avg\/max\/mdev = [\d./]+ ms\nroot@ns1:~# ?$/);
  await page.screenshot({ path: 'test-results/stream-output/ping-c3.png' });
});

test('Ctrl+C stops ping -c 10 with ^C and the statistics of what was sent', async ({ lab, page }) => {
  await lab.open();
  await page.evaluate((lines) => window.netlab!.loadScript(lines), bridgeNatSetup());
  await lab.idle();
  const term = new Term(page, lab);
  await term.type('ns1', 'ping -c 10 203.0.113.5');
  await term.expectText('ns1', /icmp_seq=2 /);
  await page.keyboard.press('Control+C');
  await term.expectText(
    'ns1',
    /\n\^C\n--- 203\.0\.113\.5 ping statistics ---\n(\d+) packets transmitted, \1 received, 0% packet loss, time \d+ms\nrtt [^\n]+\nroot@ns1:~# ?$/,
  );
  expect(await term.text('ns1')).not.toContain('10 packets transmitted');
});

test('docker logs -f in one terminal shows the access line of a curl typed in another', async ({ lab, page }) => {
  await lab.open();
  const term = new Term(page, lab);
  await term.type('root', 'docker run -d --name web nginx');
  await term.expectText('root', /^[0-9a-f]{64}$/m);
  await term.type('root', 'docker logs -f --tail 1 web');
  await term.expectText('root', /docker logs -f --tail 1 web\n[^\n]+$/);
  // the container's own namespace has a terminal of its own
  await term.type('web', 'curl -s -o /dev/null http://127.0.0.1/');
  await term.expectText('root', /\n127\.0\.0\.1 - - \[[^\]]+\] "GET \/ HTTP\/1\.1" 200 \d+ "-" "curl\/7\.88\.1" "-"$/);
  await term.focus('root');
  await page.screenshot({ path: 'test-results/stream-output/logs-follow.png' });
  // it follows on: no prompt came back
  expect(await term.text('root')).not.toMatch(/root@host:~# ?$/);
});
