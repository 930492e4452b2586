// Shared by the trace, terminal and matrix specs: the public scenarios' setup lines, and a
// terminal a person types into.

import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, type LabPage } from './fixtures.ts';

const SCENARIOS = '/work/shared/conformance/scenarios';

function setupLines(file: string): string[] {
  return readFileSync(`${SCENARIOS}/${file}`, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(
      (l) =>
        l && !l.startsWith('#') && !/^ip netns exec \S+ (ping|traceroute|curl|python3)\b/.test(l) && !/^(curl|ping|traceroute)\b/.test(l),
    );
}

/** 02: three namespaces on a bridge, the bridge as their gateway, MASQUERADE to the "isp" */
export function bridgeNatSetup(): string[] {
  const lines = setupLines('02-bridge-nat-portmap.sh');
  return lines.slice(0, lines.findIndex((l) => l.includes('MASQUERADE')) + 1);
}

/** 04: a LAN bridge, a host with eth0 on it, two macvlan (bridge mode) containers on eth0 */
export function macvlanSetup(): string[] {
  const lines = setupLines('04-macvlan-modes.sh');
  return lines.slice(
    0,
    lines.findIndex((l) => l.includes('macvlan_host')),
  );
}

export class Term {
  constructor(
    readonly page: Page,
    readonly lab: LabPage,
  ) {}

  tab(ns: string): Locator {
    return this.page
      .getByRole('tablist', { name: 'Terminal namespace' })
      .getByRole('tab', { name: ns === 'root' ? 'host' : ns, exact: true });
  }

  screen(ns: string): Locator {
    return this.page.locator(`.xterm-host[data-ns="${ns}"]`);
  }

  async focus(ns: string): Promise<void> {
    await this.tab(ns).click();
    await this.screen(ns).click();
  }

  /** type a line and press Enter, as a person does */
  async type(ns: string, line: string): Promise<void> {
    await this.focus(ns);
    await this.page.keyboard.type(line);
    await this.page.keyboard.press('Enter');
    await this.lab.idle();
  }

  /** the whole terminal, scrollback included */
  text(ns: string): Promise<string> {
    return this.page.evaluate((n) => window.netlabTerminal?.text(n) ?? '', ns);
  }

  async expectText(ns: string, re: RegExp | string): Promise<void> {
    await expect.poll(() => this.text(ns), { timeout: 10_000 }).toMatch(re);
  }
}
