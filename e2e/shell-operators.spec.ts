import { expect, test } from './fixtures.ts';
import { Term } from './trace-helpers.ts';

test('the terminal runs pipelines into filters and && lists as bash does', async ({ lab, page }) => {
  await lab.open();
  await lab.idle();
  const term = new Term(page, lab);
  await term.focus('root');

  // a pipeline: only the lines grep selects reach the terminal
  await term.type('root', 'ip a | grep inet');
  await term.expectText('root', /ip a \| grep inet\s*\n\s*inet 127\.0\.0\.1\/8 scope host lo/);
  const afterGrep = await term.text('root');
  expect(afterGrep).not.toMatch(/link\/loopback/);

  // a list: the second command runs because the first succeeded, and sees what it made
  await term.type('root', 'ip netns add x && ip netns');
  await term.expectText('root', /ip netns add x && ip netns\s*\n\s*x\s*\n/);
  await expect(page.getByRole('tab', { name: 'x', exact: true })).toBeVisible();

  // a pipe into what the lab does not model is refused, naming it
  await term.type('root', 'ip a | sed s/a/b/');
  await term.expectText('root', /netlab: a pipe into sed is not modelled/);

  // tab completion after a pipe offers the filters
  await term.focus('root');
  await page.keyboard.type('ip r | gr');
  await page.keyboard.press('Tab');
  await expect.poll(() => page.evaluate(() => window.netlabTerminal!.line('root'))).toBe('ip r | grep ');
  await page.keyboard.press('Control+U');
  await page.screenshot({ path: 'test-results/shell-operators.png' });
});
