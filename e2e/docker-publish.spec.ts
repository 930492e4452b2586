import { expect, test } from './fixtures.ts';
import { Term } from './trace-helpers.ts';

// the outside world: "isp" on the host's eth0 (198.51.100.20), as in scenario 50
const ISP = [
  'ip netns add isp',
  'ip link add eth0 type veth peer name up0 netns isp',
  'ip addr add 198.51.100.20/24 dev eth0',
  'ip link set eth0 up',
  'ip -n isp addr add 198.51.100.1/24 dev up0',
  'ip -n isp link set up0 up',
  'ip route add default via 198.51.100.1',
];

test('docker run -p 8080:80 nginx: what Docker did, then curl from outside reaches nginx through the DNAT', async ({ lab, page }) => {
  await lab.open();
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByLabel('Script to import').fill(ISP.join('\n'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await lab.idle();

  // the Docker tab: run the command, see the primitive lines it expanded to
  await page.getByRole('tab', { name: 'Docker' }).click();
  await page.getByLabel('Docker command').fill('docker run -d --name web -p 8080:80 nginx');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await lab.idle();
  const exp = page.getByTestId('docker-expansion');
  await expect(exp).toContainText('exit 0');
  await expect(exp).toContainText('ip link add docker0 type bridge');
  await expect(exp).toContainText('iptables -P FORWARD DROP');
  await expect(exp).toContainText('-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80');
  await expect(exp).toContainText('MASQUERADE');
  // the daemon's view: the container on the default bridge, docker0 behind it
  await expect(page.getByRole('table', { name: 'Containers on root' })).toContainText('172.17.0.2');
  await expect(page.getByRole('table', { name: 'Networks on root' })).toContainText('docker0');
  // the canvas shows the container's namespace and docker0
  expect(await lab.api((n) => n.namespaces())).toEqual(expect.arrayContaining(['root', 'isp', 'web']));
  expect((await lab.api((n) => n.devices('root'))).map((d) => d.name)).toContain('docker0');
  await expect(lab.node('web')).toBeVisible();
  await lab.shot('17-docker-expansion');

  // from the outside namespace, as a person types it
  const term = new Term(page, lab);
  await term.type('isp', 'curl http://198.51.100.20:8080/');
  // nginx answers with its welcome page (its access log, in docker logs, names isp's own
  // address: a DNAT keeps the client)
  await term.expectText('isp', /Welcome to nginx!/);
  // the trace of that curl shows the DNAT of the published port
  await page.getByRole('tab', { name: 'Trace' }).click();
  const timeline = page.getByRole('list', { name: 'Timeline' });
  await expect(
    timeline.getByRole('button', { name: /DNAT 198\.51\.100\.1(:\d+)? > 198\.51\.100\.20(:8080)? ⇒ .*172\.17\.0\.2/ }).first(),
  ).toBeVisible();

  // the docker line is in the command log: a reload (autosave) still knows the container
  expect(await lab.api((n) => n.log())).toContain('docker run -d --name web -p 8080:80 nginx');
  await page.reload();
  await lab.idle();
  await page.getByRole('tab', { name: 'Docker' }).click();
  await expect(page.getByRole('table', { name: 'Containers on root' })).toContainText('web');
});

test('a docker network that makes no device yet is still undone, redone and kept', async ({ lab, page }) => {
  await lab.open();
  await page.evaluate(
    (lines) => window.netlab!.loadScript(lines),
    ['ip link add eth0 type dummy', 'ip link set eth0 up', 'ip addr add 192.168.9.2/24 dev eth0', 'docker network ls'],
  );
  await lab.idle();
  await page.getByRole('tab', { name: 'Docker' }).click();
  await page.getByLabel('Docker command').fill('docker network create -d macvlan --subnet 192.168.9.0/24 -o parent=eth0 mv');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await lab.idle();
  await expect(page.getByRole('table', { name: 'Networks on root' })).toContainText('mv');
  expect(await lab.api((n) => n.log())).toContain('docker network create -d macvlan --subnet 192.168.9.0/24 -o parent=eth0 mv');
  await page.getByRole('button', { name: 'Undo' }).click();
  await lab.idle();
  expect(await lab.api((n) => n.log())).not.toContain('docker network create -d macvlan --subnet 192.168.9.0/24 -o parent=eth0 mv');
  await page.getByRole('button', { name: 'Redo' }).click();
  await lab.idle();
  // the share link replays the docker line itself
  const url = await lab.api((n) => n.shareLink());
  await page.goto(url.replace(/^https?:\/\/[^/]+/, ''));
  await lab.idle();
  await page.getByRole('tab', { name: 'Docker' }).click();
  await page.getByLabel('Docker command').fill('docker run -d --name box --network mv alpine sleep infinity');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await lab.idle();
  await expect(page.getByTestId('docker-expansion')).toContainText('exit 0');
  await expect(page.getByTestId('docker-expansion')).toContainText('type macvlan mode bridge');
});

test("the comparison view runs the same curl under Docker's seven modes, and opens one on the canvas", async ({ lab, page }) => {
  await lab.open();
  await page.getByRole('tab', { name: 'Docker' }).click();
  await page.getByRole('button', { name: /Compare host/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Network modes compared' });
  for (const mode of ['host', 'bridge', 'container', 'macvlan', 'ipvlan']) {
    await expect(dialog.getByTestId(`compare-${mode}`)).toContainText('HTTP 200');
    await expect(dialog.getByTestId(`compare-${mode}`)).toContainText('192.168.100.10');
  }
  await expect(dialog.getByTestId('compare-none')).toContainText('✘ refused');
  await expect(dialog.getByTestId('compare-overlay')).toContainText('HTTP 200');
  await expect(dialog.getByTestId('compare-bridge')).toContainText('DNAT');
  // the command reads as typed (rendered text: upper case would make -p the flag -P)
  await expect(dialog.getByTestId('compare-bridge').locator('pre')).toContainText('-p 80:80', { useInnerText: true });
  await expect(dialog.getByTestId('compare-macvlan')).toContainText('none');
  await lab.shot('19-compare');
  // a mode opens on the canvas as a lab of its own
  await dialog
    .getByTestId('compare-none')
    .getByRole('button', { name: /Open .* on the canvas/ })
    .click();
  await expect(dialog).toBeHidden();
  await lab.idle();
  expect(await lab.api((n) => n.namespaces())).toEqual(expect.arrayContaining(['dockerhost', 'ext', 'web']));
});
