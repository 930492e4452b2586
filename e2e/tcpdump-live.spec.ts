import { expect, test } from './fixtures.ts';
import { bridgeNatSetup, Term } from './trace-helpers.ts';

test('tcpdump runs in one terminal while another pings, each capture in its own terminal, until Ctrl+C prints the counts', async ({
  lab,
  page,
}) => {
  await lab.open();
  await page.evaluate((lines) => window.netlab!.loadScript(lines), bridgeNatSetup());
  await lab.idle();
  const term = new Term(page, lab);

  // the host captures on the bridge, the ISP on its side of the router: both keep running
  await term.type('root', 'tcpdump -n -i virtual-bridge');
  await term.expectText(
    'root',
    'tcpdump -n -i virtual-bridge\ntcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on virtual-bridge, link-type EN10MB (Ethernet), snapshot length 262144 bytes',
  );
  await term.type('isp', 'tcpdump -n -i up0 icmp');
  await term.expectText('isp', /listening on up0, link-type EN10MB \(Ethernet\), snapshot length 262144 bytes$/);

  // a third terminal pings through the NAT router
  await term.type('ns1', 'ping -c 2 203.0.113.5');
  await term.expectText('ns1', /2 packets transmitted, 2 received, 0% packet loss/);

  // the bridge saw the ARP exchange and the requests before SNAT; the ISP the same requests after it
  await term.expectText('root', /\d\d:\d\d:\d\d\.\d{6} ARP, Request who-has 192\.168\.1\.254 tell 192\.168\.1\.1, length 28/);
  await term.expectText('root', /ARP, Reply 192\.168\.1\.254 is-at [0-9a-f:]{17}, length 28/);
  await term.expectText('root', /IP 192\.168\.1\.1 > 203\.0\.113\.5: ICMP echo request, id \d+, seq 2, length 64/);
  await term.expectText('isp', /IP 172\.16\.16\.141 > 203\.0\.113\.5: ICMP echo request, id \d+, seq 1, length 64/);
  await term.expectText('isp', /IP 203\.0\.113\.5 > 172\.16\.16\.141: ICMP echo reply, id \d+, seq 2, length 64$/);
  expect(await term.text('isp')).not.toMatch(/192\.168\.1\.1 >|ARP/);
  expect(await term.text('ns1')).not.toMatch(/ICMP echo/);

  // Ctrl+C on the bridge capture: ^C, then tcpdump's counts on their own lines, then the prompt
  await term.focus('root');
  await page.keyboard.press('Control+C');
  await term.expectText(
    'root',
    /seq 2, length 64\n\^C\n(\d+) packets captured\n\1 packets received by filter\n0 packets dropped by kernel\nroot@host:~# ?$/,
  );
  const rootAfter = await term.text('root');

  // the ISP's capture still runs and sees the next ping; the stopped one sees nothing more
  await term.type('ns1', 'ping -c 1 203.0.113.5');
  await term.expectText(
    'isp',
    /seq 1, length 64\n.*seq 1, length 64\n.*seq 2, length 64\n.*seq 2, length 64\n.*seq 1, length 64\n.*seq 1, length 64$/,
  );
  expect(await term.text('root')).toBe(rootAfter);

  await term.focus('isp');
  await page.screenshot({ path: 'test-results/tcpdump-live/isp-capture.png' });
  await page.keyboard.press('Control+C');
  await term.expectText('isp', /\^C\n6 packets captured\n6 packets received by filter\n0 packets dropped by kernel\nroot@isp:~# ?$/);

  // -c 1 in the background: bash's job line, and the capture's line and counts arrive on their own
  await term.type('ns2', 'tcpdump -n -c 1 -i veth-ns2 icmp &');
  await term.expectText('ns2', /tcpdump -n -c 1 -i veth-ns2 icmp &\n\[1\] \d+\n/);
  await term.type('ns3', 'ping -c 1 192.168.1.2');
  await term.expectText(
    'ns2',
    /IP 192\.168\.1\.3 > 192\.168\.1\.2: ICMP echo request, id \d+, seq 1, length 64\n1 packet captured\n1 packet received by filter\n0 packets dropped by kernel\nroot@ns2:~# ?$/,
  );
});
