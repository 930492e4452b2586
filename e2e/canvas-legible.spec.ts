// Readable from the back of a classroom: every lesson at its last step and the project's own
// scenarios 02–05 loaded as scripts, at 1440×900 and 1024×768, after Fit. Measured as rendered
// (font size × every scale above the text, i.e. the zoom), never as a screenshot diff: every
// node's title at least 12 px on screen, every text on the canvas at least 9 px, no two nodes
// overlapping unless one holds the other, nothing under a panel or outside the canvas, and no
// warning in the console.

import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { logicalLines } from '../src/cmd/lex.ts';
import { LESSONS } from '../src/lessons/catalog.ts';
import { expect, test } from './fixtures.ts';

const MIN_TITLE = 12;
const MIN_TEXT = 9;
const SCRIPTS = ['02-bridge-nat-portmap', '03-two-hosts-static-routes', '04-macvlan-modes', '05-docker-bridge'];
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
];

interface Reading {
  nodes: number;
  minTitle: number;
  minText: number;
  smallTitles: string[];
  smallTexts: string[];
  overlaps: string[];
  covered: string[];
  outside: string[];
  truncatedTitles: string[];
}

/** what the page shows, in screen pixels */
function measure(page: Page): Promise<Reading> {
  return page.evaluate(
    ({ minTitle, minText }) => {
      const rect = (el: Element) => el.getBoundingClientRect();
      const pane = rect(document.querySelector('.react-flow')!);
      const panels = [...document.querySelectorAll('.react-flow__panel, .react-flow__minimap, .react-flow__controls')].map(rect);
      const nodes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].filter((n) => rect(n).width > 0);
      const out: Reading = {
        nodes: nodes.length,
        minTitle: Infinity,
        minText: Infinity,
        smallTitles: [],
        smallTexts: [],
        overlaps: [],
        covered: [],
        outside: [],
        truncatedTitles: [],
      };
      const rs = nodes.map(rect);
      nodes.forEach((n, i) => {
        const id = n.dataset.id ?? '?';
        let largest = 0;
        const walker = document.createTreeWalker(n, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
          const text = t.textContent?.trim();
          const el = t.parentElement;
          if (!text || !el) continue;
          const r = rect(el);
          if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
          // the scale above this text: its drawn height over its layout height
          const scale = el.offsetHeight ? r.height / el.offsetHeight : 1;
          const px = Number.parseFloat(getComputedStyle(el).fontSize) * scale;
          largest = Math.max(largest, px);
          out.minText = Math.min(out.minText, px);
          if (px < minText) out.smallTexts.push(`${id}: "${text}" ${px.toFixed(1)}px`);
        }
        if (largest > 0) {
          out.minTitle = Math.min(out.minTitle, largest);
          if (largest < minTitle) out.smallTitles.push(`${id} ${largest.toFixed(1)}px`);
        }
        const title = n.querySelector<HTMLElement>('.title-text');
        if (title && title.scrollWidth > title.clientWidth + 1) out.truncatedTitles.push(id);
        const a = rs[i]!;
        if (a.left < pane.left - 1 || a.top < pane.top - 1 || a.right > pane.right + 1 || a.bottom > pane.bottom + 1) out.outside.push(id);
        if (panels.some((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)) out.covered.push(id);
        for (let j = i + 1; j < rs.length; j++) {
          const b = rs[j]!;
          const ix = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const iy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (ix <= 4 || iy <= 4) continue;
          const inside = (x: DOMRect, y: DOMRect) =>
            x.left >= y.left - 2 && x.top >= y.top - 2 && x.right <= y.right + 2 && x.bottom <= y.bottom + 2;
          if (!inside(a, b) && !inside(b, a)) out.overlaps.push(`${id} / ${nodes[j]!.dataset.id}`);
        }
      });
      return out;
    },
    { minTitle: MIN_TITLE, minText: MIN_TEXT },
  );
}

const jobs = [
  ...LESSONS.map((l) => ({ name: `lesson ${l.id}`, hash: `#lesson=${l.id}&step=99`, script: null as string[] | null })),
  ...SCRIPTS.map((f) => ({
    name: f,
    hash: '',
    script: logicalLines(readFileSync(`conformance/scenarios/${f}.sh`, 'utf8')).map((l) => l.text),
  })),
];

for (const size of SIZES) {
  test.describe(`${size.width}×${size.height}`, () => {
    test.use({ viewport: size });
    for (const job of jobs) {
      test(`${job.name} reads after Fit`, async ({ lab, page }) => {
        const warnings: string[] = [];
        page.on('console', (m) => {
          if ((m.type() === 'warning' || m.type() === 'error') && !/favicon/i.test(m.text())) warnings.push(m.text());
        });
        await lab.open(job.hash);
        if (job.script) await page.evaluate((l) => window.netlab!.loadScript(l), job.script);
        await lab.idle();
        await expect.poll(() => lab.api((n) => n.nodes().length)).toBeGreaterThan(1);
        await page.getByRole('button', { name: 'Fit', exact: true }).click();
        // Fit animates for 200 ms: read once the viewport has stopped moving
        let last = '';
        await expect
          .poll(async () => {
            const now = await page.evaluate(() => (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform);
            const still = now === last;
            last = now;
            return still;
          })
          .toBe(true);
        const m = await measure(page);
        await page.screenshot({ path: `e2e/screenshots/legible-${size.width}x${size.height}-${job.name.replace(/\W+/g, '_')}.png` });
        expect(m.nodes, 'nodes on the canvas').toBeGreaterThan(1);
        expect(m.smallTitles, `titles under ${MIN_TITLE}px`).toEqual([]);
        expect(m.smallTexts, `texts under ${MIN_TEXT}px`).toEqual([]);
        expect(m.overlaps, 'nodes that overlap without one holding the other').toEqual([]);
        expect(m.covered, 'nodes under a panel').toEqual([]);
        expect(m.outside, 'nodes outside the canvas').toEqual([]);
        expect(m.truncatedTitles, 'titles cut short').toEqual([]);
        expect(warnings, 'console warnings').toEqual([]);
        test.info().annotations.push({
          type: 'legibility',
          description: `${m.nodes} nodes, smallest title ${m.minTitle.toFixed(1)}px, smallest text ${m.minText.toFixed(1)}px`,
        });
      });
    }
  });
}
