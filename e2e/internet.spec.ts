import { expect, test } from './fixtures.ts';

test('the Internet node: dropped on the canvas it wires the uplink, and a namespace behind NAT pings 8.8.8.8 and fetches example.com', async ({
  lab,
  page,
}) => {
  await lab.open();
  const host = lab.node('root');
  await expect(host).toBeVisible();
  const pane = page.locator('.react-flow__pane');
  const box = await pane.boundingBox();
  if (!box) throw new Error('no canvas');
  await lab.drop('Internet', pane, { x: box.width - 160, y: 80 });
  expect(await lab.api((n) => n.namespaces())).toEqual(expect.arrayContaining(['isp1', 'transit1', 'internet1']));
  // the routers are drawn inside the Internet's node
  await expect(lab.node('internet1')).toBeVisible();
  const nodes = await lab.api((n) => n.nodes());
  expect(nodes.filter((n) => n.parent === 'ns:internet1').map((n) => n.id)).toEqual(expect.arrayContaining(['ns:isp1', 'ns:transit1']));

  // a namespace behind the host, and NAT on the uplink: what the user adds
  for (const line of [
    'ip netns add ns1',
    'ip link add veth0 type veth peer name eth0 netns ns1',
    'ip addr add 10.0.0.1/24 dev veth0',
    'ip link set veth0 up',
    'ip -n ns1 addr add 10.0.0.2/24 dev eth0',
    'ip -n ns1 link set eth0 up',
    'ip -n ns1 route add default via 10.0.0.1',
    'sysctl -w net.ipv4.ip_forward=1',
    'iptables -t nat -A POSTROUTING -s 10.0.0.0/24 -o eth0 -j MASQUERADE',
  ])
    await lab.terminal('root', line);
  await lab.terminal('root', 'ip netns exec ns1 ping -c1 8.8.8.8');
  await expect(page.getByTestId('terminal-output')).toContainText('64 bytes from 8.8.8.8: icmp_seq=1');
  await expect(page.getByTestId('terminal-output')).toContainText('1 packets transmitted, 1 received');
  await lab.terminal('root', 'ip netns exec ns1 curl http://example.com');
  await expect(page.getByTestId('terminal-output')).toContainText('Directory listing for /');
  await lab.shot('internet-answers');
});
