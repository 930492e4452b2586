// Page objects for the lab: what a person does, in a person's words. State assertions go
// through window.netlab (typed), never through CSS internals.

import { expect, test as base, type Locator, type Page } from '@playwright/test';
import type { NetlabTestApi } from '../src/ui/testApi.ts';

export class LabPage {
  constructor(readonly page: Page) {}

  async open(fragment = ''): Promise<void> {
    await this.page.goto('/' + fragment);
    await this.idle();
  }

  async idle(): Promise<void> {
    await this.page.waitForFunction(() => !!window.netlab);
    await this.page.evaluate(() => window.netlab!.idle());
  }

  /** run a read of the test API */
  api<T>(fn: (api: NetlabTestApi) => T | Promise<T>): Promise<T> {
    return this.page.evaluate(`(${fn.toString()})(window.netlab)`) as Promise<T>;
  }

  get canvas(): Locator {
    return this.page.getByTestId('canvas');
  }

  paletteItem(name: string): Locator {
    return this.page.getByRole('navigation', { name: 'Palette' }).getByRole('button', { name, exact: true });
  }

  node(ns: string): Locator {
    return ns === 'root' ? this.page.getByTestId('node-host') : this.page.getByTestId(`node-${ns}`);
  }

  bridge(ns: string, name: string): Locator {
    return this.page.getByTestId(`bridge-${ns}-${name}`);
  }

  /** drag a palette item onto the canvas at (x, y) relative to the canvas or a target */
  async drop(item: string, target: Locator, position: { x: number; y: number }): Promise<void> {
    await this.paletteItem(item).dragTo(target, { targetPosition: position });
    await this.idle();
  }

  /** drag the "+" of one node onto another node */
  async connect(from: Locator, to: Locator): Promise<void> {
    const handle = from.locator('.handle-new').first();
    const a = await handle.boundingBox();
    const b = await to.boundingBox();
    if (!a || !b) throw new Error('connect: a node is not visible');
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(a.x + 40, a.y + 20, { steps: 5 });
    await this.page.mouse.move(b.x + b.width / 2, b.y + Math.min(b.height / 2, 30), { steps: 10 });
    await this.page.mouse.up();
    await this.idle();
  }

  async selectPort(node: Locator, port: string): Promise<void> {
    await node.locator(`[data-port="${port}"]`).first().click();
  }

  async addAddress(cidr: string): Promise<void> {
    const insp = this.page.getByLabel('Inspector');
    await insp.getByLabel('Add address').fill(cidr);
    await insp.getByRole('button', { name: 'Add', exact: true }).click();
    await this.idle();
  }

  async terminal(ns: string, line: string): Promise<void> {
    await this.page
      .getByRole('tablist', { name: 'Terminal namespace' })
      .getByRole('tab', { name: ns === 'root' ? 'host' : ns, exact: true })
      .click();
    const input = this.page.getByLabel(`Command in ${ns === 'root' ? 'host' : ns}`);
    await input.fill(line);
    await input.press('Enter');
    await this.idle();
  }

  /** a point inside a box (relative to it) where nothing else is drawn: a place to drop onto it */
  async emptySpot(box: Locator): Promise<{ x: number; y: number }> {
    const id = await box.evaluate((el) => el.closest<HTMLElement>('.react-flow__node')?.dataset.id ?? '');
    const b = (await box.boundingBox())!;
    const spot = await this.page.evaluate(
      ({ id, b }) => {
        for (let y = b.height - 20; y > 60; y -= 15) {
          for (let x = 20; x < b.width - 20; x += 15) {
            const el = document.elementFromPoint(b.x + x, b.y + y);
            if (el?.closest<HTMLElement>('.react-flow__node')?.dataset.id === id && !el.closest('[data-port]')) return { x, y };
          }
        }
        return null;
      },
      { id, b },
    );
    if (!spot) throw new Error(`no empty spot in ${id}`);
    return spot;
  }

  async shot(name: string): Promise<void> {
    await this.page.waitForTimeout(150);
    await this.page.screenshot({ path: `e2e/screenshots/${name}.png` });
  }
}

export const test = base.extend<{ lab: LabPage }>({
  lab: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await use(new LabPage(page));
    expect(errors, 'no uncaught errors in the page').toEqual([]);
  },
});

export { expect };
