// The first ten minutes of a learner, in English and in Chinese, on a large and a small
// screen: the empty page → the first lesson picked on the welcome card → every step done with
// Check (its task and Check never hidden by what it runs) → the share link opened in a fresh
// page shows the same lab, in the same language. Chinese comes once from the browser's locale
// and once from the toolbar's switch. Each stage is photographed into test-results/walk/.

import type { Browser, Page } from '@playwright/test';
import { LESSONS } from '../src/lessons/catalog.ts';
import en from '../src/ui/i18n/en.json' with { type: 'json' };
import lessonsZh from '../src/ui/i18n/lessons.zh-CN.json' with { type: 'json' };
import zh from '../src/ui/i18n/zh-CN.json' with { type: 'json' };
import { expect, test } from './fixtures.ts';

type Ui = typeof en;
interface Run {
  readonly name: string;
  readonly viewport: { width: number; height: number };
  readonly locale: string;
  /** the language the learner reads */
  readonly lang: 'en' | 'zh-CN';
  /** Chinese chosen with the toolbar's switch (the browser speaks English) */
  readonly viaSwitch?: true;
}

const RUNS: readonly Run[] = [
  { name: 'en-1440', viewport: { width: 1440, height: 900 }, locale: 'en-US', lang: 'en' },
  { name: 'en-1024', viewport: { width: 1024, height: 768 }, locale: 'en-US', lang: 'en' },
  { name: 'zh-1440-browser', viewport: { width: 1440, height: 900 }, locale: 'zh-CN', lang: 'zh-CN' },
  { name: 'zh-1024-switch', viewport: { width: 1024, height: 768 }, locale: 'en-US', lang: 'zh-CN', viaSwitch: true },
];

const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(v[k]));

/** the element is on screen and nothing is drawn over its middle */
async function inSight(page: Page, selector: string, label: string): Promise<void> {
  const el = page.locator(selector).first();
  await expect(el, label).toBeVisible();
  await expect(el, label).toBeInViewport({ ratio: 1 });
  const covered = await el.evaluate((node) => {
    const r = node.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !(top && (top === node || node.contains(top)));
  });
  expect(covered, `${label}: drawn over`).toBe(false);
}

async function shoot(page: Page, run: Run, stage: string): Promise<void> {
  await page.screenshot({ path: `test-results/walk/${run.name}-${stage}.png` });
}

/** what a fresh page shows of the lab: each namespace with its devices and addresses */
async function labShape(page: Page): Promise<string[]> {
  await page.waitForFunction(() => !!window.netlab);
  await page.evaluate(() => window.netlab!.idle());
  return page.evaluate(() =>
    window
      .netlab!.namespaces()
      .flatMap((ns) => window.netlab!.devices(ns).map((d) => `${ns} ${d.name} ${d.kind} ${d.addrs.join(',')} ${d.up ? 'up' : 'down'}`))
      .sort(),
  );
}

async function freshPage(browser: Browser, run: Run, url: string): Promise<Page> {
  // another browser profile: nothing of the first page's storage; the browser itself speaks English
  // when the language was chosen with the switch, so only the link can make it Chinese
  const ctx = await browser.newContext({ viewport: run.viewport, locale: run.locale });
  const page = await ctx.newPage();
  await page.goto(url);
  return page;
}

for (const run of RUNS) {
  test.describe(`first ten minutes: ${run.name}`, () => {
    test.use({ viewport: run.viewport, locale: run.locale });

    test('empty page → first lesson from the welcome card → every step checked → the share link', async ({ lab, page, browser }) => {
      test.setTimeout(120_000);
      const L: Ui = run.lang === 'en' ? en : (zh as Ui);
      const lesson = LESSONS[0]!;
      const zhLesson = (lessonsZh as unknown as Record<string, { title: string; steps: { title: string; goal?: string }[] }>)[lesson.id]!;
      const title = run.lang === 'en' ? lesson.title : zhLesson.title;

      await lab.open();
      await expect(page.locator('html')).toHaveAttribute('lang', run.viaSwitch ? 'en' : run.lang);
      if (run.viaSwitch) {
        await page.getByRole('combobox', { name: en.toolbar.language }).selectOption('zh-CN');
        await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      }
      // the empty lab: the welcome card, its lesson named in the learner's language
      const card = page.getByRole('region', { name: L.start.label });
      await expect(card).toBeVisible();
      await expect(card).toContainText(title);
      await inSight(page, '.start-here .primary', 'Start the first lesson');
      await shoot(page, run, '1-welcome');

      await card.getByRole('button', { name: L.start.first }).click();
      await lab.idle();
      const article = page.getByRole('article', { name: fill(L.lessons.lesson, { title }) });
      await expect(article).toBeVisible();

      const n = lesson.steps.length;
      for (let i = 0; i < n; i++) {
        const step = lesson.steps[i]!;
        const stepTitle = run.lang === 'en' ? step.title : zhLesson.steps[i]!.title;
        await expect(article.getByTestId('lesson-step-title')).toHaveText(fill(L.lessons.stepOf, { n: i + 1, of: n, title: stepTitle }));
        if (step.commands?.length) {
          await article.getByRole('button', { name: L.lessons.run }).click();
          await expect(article.getByRole('button', { name: L.lessons.run })).toBeEnabled();
          await lab.idle();
        }
        // what the step ran left the lesson where it was: its task and Check in sight
        await expect(article).toBeVisible();
        await inSight(page, '.lesson-task', `step ${i + 1}: the task`);
        await inSight(page, '.lesson-task .primary', `step ${i + 1}: Check`);
        await article.getByRole('button', { name: L.lessons.check, exact: true }).click();
        const result = article.getByTestId('lesson-result');
        await expect(result).toHaveText(/^✔ /);
        const goal = run.lang === 'en' ? step.task!.goal : zhLesson.steps[i]!.goal!;
        await expect(result).toContainText(fill(L.lessons.done, { goal: goal.replace(/`/g, '') }));
        await inSight(page, '.lesson-task .primary', `step ${i + 1}: Check after checking`);
        await shoot(page, run, `2-step${i + 1}`);
        if (i < n - 1) await article.getByRole('button', { name: new RegExp(`^${L.lessons.next}`) }).click();
      }
      await expect(article.getByRole('status').filter({ hasText: L.lessons.complete })).toBeVisible();
      await expect(article.getByRole('button', { name: fill(L.lessons.tasksDone, { done: n, tasks: n }) })).toHaveCount(0);
      const shape = await labShape(page);
      expect(shape.length).toBeGreaterThan(2);

      // the share link: the toolbar's Copy link shows it (the clipboard may be closed to the page)
      await page.getByRole('button', { name: L.toolbar.copyLink }).click();
      const link = await page.getByRole('textbox', { name: L.toolbar.shareLink }).inputValue();
      expect(link).toContain(`&lang=${run.lang}`);
      await shoot(page, run, '3-link');

      const fresh = await freshPage(browser, run, link);
      expect(await labShape(fresh)).toEqual(shape);
      await expect(fresh.locator('html')).toHaveAttribute('lang', run.lang);
      await expect(fresh.getByRole('button', { name: L.toolbar.copyLink })).toBeVisible();
      await fresh.screenshot({ path: `test-results/walk/${run.name}-4-shared.png` });
      await fresh.context().close();
    });
  });
}
