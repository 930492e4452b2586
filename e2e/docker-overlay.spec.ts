import { expect, test } from './fixtures.ts';

test("the overlay lesson ends with Docker's swarm: containers on two hosts talk over VXLAN", async ({ lab, page }) => {
  await lab.open('#lesson=overlay&step=3');
  const lesson = page.getByRole('article', { name: /Lesson: An overlay across two hosts/ });
  await expect(lesson.getByTestId('lesson-step-title')).toHaveText(/Step 3 of 3: Docker's overlay driver/);
  await lesson.getByRole('button', { name: 'Check' }).click();
  await expect(lesson.getByTestId('lesson-result')).toContainText('Not yet');

  await lesson.getByRole('button', { name: 'Run these commands' }).click();
  await lab.idle();
  await lesson.getByRole('button', { name: 'Check' }).click();
  await expect(lesson.getByTestId('lesson-result')).toContainText('✔');
  await lab.shot('24-lesson-overlay-swarm');

  // each host has two overlay sandboxes, the ingress network's (swarm makes it on init and on
  // join) and the lesson's: each holds br0 and a vxlan0 whose socket stays in the host
  const names = await lab.api((n) => n.namespaces());
  const sandboxes = names.filter((x) => x.startsWith('1-'));
  expect(sandboxes.map((x) => x.split('.')[1]).sort()).toEqual(['h1', 'h1', 'h2', 'h2']);
  const devs = await lab.api((n) =>
    Promise.all(
      n
        .namespaces()
        .filter((x) => x.startsWith('1-'))
        .map(async (x) => (await n.devices(x)).map((d) => d.name)),
    ),
  );
  for (const d of devs) expect(d).toEqual(expect.arrayContaining(['br0', 'vxlan0']));

  // the Docker tab tells which daemon is the manager and where the overlay lives
  await page.getByRole('tab', { name: 'Docker' }).click();
  await expect(page.getByRole('heading', { name: /Docker on h1 · swarm manager, advertises 192\.168\.50\.1/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Networks on h2' })).toContainText(
    /ov\s*overlay\s*10\.0\.1\.0\/24\s*br0 \+ vxlan0 \(VNI 4097\)/,
  );
  await lab.shot('25-docker-swarm-panel');
});
