import { expect, test } from './fixtures.ts';

test('the macvlan lesson can be completed start to finish, and its progress is kept', async ({ lab, page }) => {
  await lab.open();
  await page.getByRole('tab', { name: 'Lessons' }).click();
  await page.getByRole('button', { name: /macvlan: four modes/ }).click();
  await lab.idle();
  const lesson = page.getByRole('article', { name: /Lesson: macvlan/ });
  await expect(lesson.getByTestId('lesson-step-title')).toHaveText(/Step 1 of 7/);
  // the lesson's lab: the LAN, the host, ext, and two empty container namespaces
  expect(await lab.api((n) => n.namespaces())).toEqual(expect.arrayContaining(['dockerhost', 'ext', 'c1', 'c2']));

  // checking before doing anything: not yet, with the kernel's reason
  await lesson.getByRole('button', { name: 'Check' }).click();
  await expect(lesson.getByTestId('lesson-result')).toContainText('Not yet');
  await lesson.getByRole('button', { name: 'Hint' }).click();
  await expect(lesson).toContainText('type macvlan mode bridge');

  // step 1 typed in the host terminal, as the lesson shows it
  // (the Docker host is a namespace of its own, "dockerhost": the root namespace's tab stays "host")
  const commands = (await lesson.getByLabel('Commands of this step').textContent())!.split('\n');
  const tabs = page.getByRole('tablist', { name: 'Terminal namespace' });
  await expect(tabs.getByRole('tab', { name: 'dockerhost', exact: true })).toHaveCount(1);
  await tabs.getByRole('tab', { name: 'host', exact: true }).click();
  for (const line of commands) {
    await page.locator('.xterm-host[data-ns="root"]').click();
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
    await lab.idle();
  }
  await lesson.getByRole('button', { name: 'Check' }).click();
  await expect(lesson.getByTestId('lesson-result')).toContainText('✔');
  await lab.shot('18-lesson-macvlan');

  // the remaining steps: run the commands, check, next
  for (let step = 2; step <= 7; step++) {
    await lesson.getByRole('button', { name: 'Next →' }).click();
    await expect(lesson.getByTestId('lesson-step-title')).toHaveText(new RegExp(`Step ${step} of 7`));
    const run = lesson.getByRole('button', { name: 'Run these commands' });
    if (await run.count()) await run.click();
    await lab.idle();
    await lesson.getByRole('button', { name: 'Check' }).click();
    await expect(lesson.getByTestId('lesson-result'), `step ${step}`).toContainText('✔');
  }
  await expect(lesson).toContainText('Lesson complete.');
  // the docker macvlan container is in the lab, behind the host's eth0
  expect(await lab.api((n) => n.namespaces())).toContain('web');
  expect((await lab.api((n) => n.devices('web'))).some((d) => d.kind === 'macvlan' && d.addrs.includes('192.168.100.50/24'))).toBe(true);

  // progress survives a reload
  await page.reload();
  await lab.idle();
  await page.getByRole('tab', { name: 'Lessons' }).click();
  await expect(page.getByRole('button', { name: /macvlan: four modes/ })).toContainText('7/7');
});

test('a lesson link opens the lesson at its step, with the lab that step starts from', async ({ lab, page }) => {
  await lab.open('#lesson=macvlan&step=3');
  const lesson = page.getByRole('article', { name: /Lesson: macvlan/ });
  await expect(lesson.getByTestId('lesson-step-title')).toHaveText('Step 3 of 7: The fix: a macvlan for the host');
  await expect(page.getByRole('tab', { name: 'Lessons' })).toHaveAttribute('aria-selected', 'true');
  // steps 1 and 2 are built: c1 has its macvlan; the fix is not there yet
  expect((await lab.api((n) => n.devices('c1'))).map((d) => d.name)).toContain('mv1');
  expect((await lab.api((n) => n.devices('dockerhost'))).map((d) => d.name)).not.toContain('macvlan_host');
  await lesson.getByRole('button', { name: 'Check' }).click();
  await expect(lesson.getByTestId('lesson-result')).toContainText('Not yet: The host still cannot reach c1');
  // the fragment was consumed; share links still work beside lesson links
  expect(new URL(page.url()).hash).toBe('');
  await lesson.getByRole('button', { name: 'Run these commands' }).click();
  await lab.idle();
  await lesson.getByRole('button', { name: 'Check' }).click();
  await expect(lesson.getByTestId('lesson-result')).toContainText('✔');
  // a probe during the lesson plays its trace on the canvas, and the lesson (its task, its
  // Check) stays open beside it
  await lab.terminal('ext', 'ping -c 1 192.168.100.2');
  await expect(page.getByRole('tab', { name: 'Lessons' })).toHaveAttribute('aria-selected', 'true');
  await expect(lesson.getByRole('button', { name: 'Check' })).toBeVisible();
  await expect(page.getByTestId('trace-overlay')).toHaveCount(1);
});
