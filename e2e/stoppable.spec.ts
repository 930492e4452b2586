// Every long operation is stoppable and bounded, and nothing typed is lost on the way (issue 15,
// losses 5-7): the matrix waits its turn in the lab's queue, a rebuild that fails says so and
// keeps the typed command, and Ctrl+C stops a pasted batch. Behaviour is asserted, never timings.
import { expect, test } from './fixtures.ts';
import { bridgeNatSetup, Term } from './trace-helpers.ts';

test('a line typed while the matrix computes runs after it, even when its watchdog stops it, and the panel says why', async ({
  lab,
  page,
}) => {
  await lab.open();
  await page.evaluate((lines) => window.netlab!.loadScript(lines), bridgeNatSetup());
  await lab.idle();
  const names = await lab.api((n) => n.namespaces());
  const term = new Term(page, lab);
  await term.focus('root');

  // the simulation stops answering while it computes the matrix (as a 2,500-namespace lab's does)
  await lab.api((n) => n.setBudget('matrix', 1500));
  await lab.api((n) => n.hangWorker());
  await page.getByRole('tab', { name: 'Matrix' }).click();
  await expect.poll(() => lab.api((n) => n.inFlight())).toEqual(['matrix']);

  // typed meanwhile: it waits its turn instead of being lost with the matrix
  await term.focus('root');
  await page.keyboard.type('ip netns list');
  await page.keyboard.press('Enter');
  await expect(page.locator('.notice-error').last()).toContainText(/matrix request ran past its budget of 1,500 ms/, { timeout: 20_000 });
  await lab.idle();
  const out = await term.text('root');
  expect(out).toMatch(/# ip netns list\n(.+\n)+root@host:~# ?$/);
  for (const ns of names.filter((n) => n !== 'root')) expect(out).toContain(ns);
  expect(await lab.api((n) => n.namespaces())).toEqual(names);

  // the panel names what happened instead of claiming there are no namespaces
  const panel = page.locator('.matrix-panel');
  await expect(panel).toContainText('The reachability matrix was not computed');
  await expect(panel).not.toContainText('No namespaces yet.');
  await lab.api((n) => n.setBudget('matrix', null));
  await panel.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('matrix')).toBeVisible();
  await expect(panel).not.toContainText('was not computed');
});

test('a rebuild that is itself too slow says so, keeps the lab and the typed command, and the next Enter runs it', async ({
  lab,
  page,
}) => {
  await lab.open();
  await page.evaluate((lines) => window.netlab!.loadScript(lines), bridgeNatSetup());
  await lab.idle();
  const before = await lab.api((n) => n.namespaces());
  const term = new Term(page, lab);
  await term.focus('root');

  await lab.api((n) => n.setBudget('matrix', 1500));
  // no rebuild fits in a millisecond: the worker must start and replay the whole lab
  await lab.api((n) => n.setBudget('reset', 1));
  await lab.api((n) => n.hangWorker());
  await page.getByRole('tab', { name: 'Matrix' }).click();
  await expect.poll(() => lab.api((n) => n.inFlight())).toEqual(['matrix']);
  await term.focus('root');
  await page.keyboard.type('ip netns add kept');
  await page.keyboard.press('Enter');

  await expect(page.locator('.notice-error').last()).toContainText(
    /rebuilding your topology failed: the reset request ran past its budget/,
    {
      timeout: 20_000,
    },
  );
  await expect(page.locator('.notice-error').last()).toContainText('Your lab is kept');
  // the command is offered again on the input line, not lost
  await expect.poll(() => page.evaluate(() => window.netlabTerminal!.line('root'))).toBe('ip netns add kept');
  await term.expectText('root', /netlab: The simulation could not be rebuilt[^\n]*\n(.*\n)*root@host:~# ip netns add kept$/);
  // the drawing still holds the lab
  expect(await lab.api((n) => n.namespaces())).toEqual(before);

  // once a rebuild fits, Enter runs it on the whole lab
  await lab.api((n) => n.setBudget('reset', null));
  await lab.api((n) => n.setBudget('matrix', null));
  await term.focus('root');
  await page.keyboard.press('Enter');
  await lab.idle();
  await expect.poll(() => lab.api((n) => n.namespaces())).toEqual([...before, 'kept']);
});

test('Ctrl+C stops a pasted batch at the next line: what ran stays, the rest is skipped and counted, the prompt is back', async ({
  lab,
  page,
}) => {
  await lab.open();
  const term = new Term(page, lab);
  await term.focus('root');
  const pasted = 3000;
  const text = Array.from({ length: pasted }, (_, i) => `ip netns add p${i}`).join('\n') + '\n';
  // a paste, as the browser delivers it to xterm
  await page.evaluate((t) => {
    const area = document.querySelector<HTMLTextAreaElement>('.xterm-host[data-ns="root"] textarea')!;
    const data = new DataTransfer();
    data.setData('text/plain', t);
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await expect.poll(() => lab.api((n) => n.namespaces().length), { timeout: 30_000 }).toBeGreaterThan(5);
  await page.keyboard.press('Control+C');
  await lab.idle();
  const ran = (await lab.api((n) => n.namespaces())).length - 1;
  expect(ran).toBeLessThan(pasted / 2);
  await term.expectText('root', /\^C\nnetlab: stopped; [\d,]+ pasted lines were not run\nroot@host:~# ?$/);
  const out = await term.text('root');
  const skipped = Number(/stopped; ([\d,]+) pasted/.exec(out)![1]!.replace(/,/g, ''));
  // every pasted line either ran or was counted as skipped
  expect(ran + skipped).toBe(pasted);
  // nothing more runs afterwards, and the terminal takes the next command
  await lab.idle();
  expect((await lab.api((n) => n.namespaces())).length - 1).toBe(ran);
  await term.type('root', 'ip netns add after');
  expect(await lab.api((n) => n.namespaces())).toContain('after');
});

test('the matrix can be stopped while it computes, and a big lab computes it only when asked', async ({ lab, page }) => {
  await lab.open();
  await page.evaluate((lines) => window.netlab!.loadScript(lines), bridgeNatSetup());
  await lab.idle();
  await lab.api((n) => n.hangWorker());
  await page.getByRole('tab', { name: 'Matrix' }).click();
  await expect.poll(() => lab.api((n) => n.inFlight())).toEqual(['matrix']);
  const panel = page.locator('.matrix-panel');
  await panel.getByRole('button', { name: 'Stop' }).click();
  await expect(panel).toContainText('The reachability matrix was not computed: you stopped it.');
  await expect(page.locator('.notice-error').last()).toContainText('restarted because you stopped the reachability matrix');
  await lab.idle();
  expect(await lab.api((n) => n.restarts())).toBe(1);
  await panel.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('matrix')).toBeVisible();

  // 120 namespaces: 14,400 pings are not computed after every edit, only when asked
  await page.evaluate(
    (lines) => window.netlab!.loadScript(lines),
    Array.from({ length: 119 }, (_, i) => `ip netns add m${i}`),
  );
  await lab.idle();
  await expect(panel).toContainText('120 namespaces: the matrix is 14,400 pings, computed when you ask.');
  expect(await lab.api((n) => n.inFlight())).toEqual([]);
  await panel.getByRole('button', { name: 'Compute the matrix' }).click();
  await expect(panel).toContainText('No namespace has an address to ping yet.');
});
