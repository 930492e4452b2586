import { expect, test } from './fixtures.ts';
import { Term } from './trace-helpers.ts';

test("docker run -it --rm alpine sh: the container's shell in the terminal pings a container by name, exit removes it", async ({
  lab,
  page,
}) => {
  await lab.open();
  await page.evaluate(
    (lines) => window.netlab!.loadScript(lines),
    ['docker network create app', 'docker run -d --name web --network app nginx'],
  );
  await lab.idle();
  const term = new Term(page, lab);
  await term.type('root', 'docker run -it --rm --name box --network app alpine sh');
  // busybox's prompt: the lines typed now run in the container
  await term.expectText('root', /alpine sh\n\/ # $/);
  await term.type('root', 'ping -c 1 web');
  // the embedded DNS answered through the container's DOCKER_OUTPUT DNAT
  await term.expectText('root', /PING web \(172\.18\.0\.2\) 56\(84\) bytes of data\.\n64 bytes from 172\.18\.0\.2/);
  await term.type('root', 'nslookup web');
  await term.expectText(
    'root',
    /Server:\s+127\.0\.0\.11\nAddress:\s+127\.0\.0\.11:53\n\nNon-authoritative answer:\nName:\s+web\nAddress: 172\.18\.0\.2\n/,
  );
  await lab.shot('docker-life-shell');
  await term.type('root', 'exit');
  await term.expectText('root', /\/ # exit\nroot@host:~# $/);
  // a one-off container that ends keeps its status: ps -a shows it Exited
  await term.type('root', 'docker run --name once --network app alpine ping -c 1 web');
  await term.type('root', 'docker ps -a');
  await term.expectText('root', /Exited \(0\) .* once\n.*Up .* web\n/);
  await expect.poll(() => term.text('root')).not.toMatch(/ box\n/);
  await lab.shot('docker-life-ps');
});

test('docker run -it without --rm: exit 3 leaves the container, and docker ps -a shows it Exited (3)', async ({ lab, page }) => {
  await lab.open();
  await lab.idle();
  const term = new Term(page, lab);
  await term.type('root', 'docker run -it --name box alpine');
  await term.expectText('root', /alpine\n\/ # $/);
  await term.type('root', 'hostname -I');
  await term.expectText('root', /172\.17\.0\.2 \n\/ # $/);
  await term.type('root', 'exit 3');
  await term.expectText('root', /\/ # exit 3\nroot@host:~# $/);
  await term.type('root', 'docker ps -a');
  await term.expectText('root', /"\/bin\/sh" .* Exited \(3\) .* box\n/);
  await lab.shot('docker-life-exited');
  // docker start -ai: its shell again, in this terminal, until it exits once more
  await term.type('root', 'docker start -ai box');
  await term.expectText('root', /start -ai box\n\/ # $/);
  await term.type('root', 'exit');
  await term.type('root', 'docker ps -a');
  await term.expectText('root', /exit\nroot@host:~# docker ps -a\n.*\n.* Exited \(0\) .* box\n/);
});
