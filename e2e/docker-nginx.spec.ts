import { expect, test } from './fixtures.ts';
import { Term } from './trace-helpers.ts';

test('docker run -d -p 8080:80 nginx in the terminal: curl on the host gets nginx’s welcome page and headers', async ({ lab, page }) => {
  await lab.open();
  const term = new Term(page, lab);

  await term.type('root', 'docker run -d -p 8080:80 nginx');
  // the container's id, and its namespace on the canvas
  await term.expectText('root', /^[0-9a-f]{64}$/m);

  await term.type('root', 'curl localhost:8080');
  await term.expectText('root', /<title>Welcome to nginx!<\/title>/);
  expect(await term.text('root')).toContain('html { color-scheme: light dark; }');
  expect(await term.text('root')).not.toContain('Directory listing');

  await term.type('root', 'curl -I localhost:8080');
  await term.expectText('root', /HTTP\/1\.1 200 OK/);
  await term.expectText('root', /Server: nginx\/1\.\d+\.\d+/);
  await lab.shot('docker-nginx-welcome');
});
