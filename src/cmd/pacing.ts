// The recorder's pacing, on the virtual clock. The recorder (src/cli/record/inside.ts) runs a
// scenario on the kernel at the pace of a settled, rested kernel: before a probe it waits until
// 1.2 s have passed since the last link change and 1.5 s since the previous probe; before a
// show line only the former. A replay spends the same virtual time, so the kernel's timers
// (neighbour states, conntrack timeouts) stand where they stood when the kernel was recorded.

/** the kernel raises carrier asynchronously: the recorder waits this long after a link change */
export const LINK_SETTLE_MS = 1200;
/** the recorder's gap between two probes (routers' ICMP rate limits refill) */
export const PROBE_GAP_MS = 1500;

/** a line that changes links, as the recorder sees it (it waits for them to settle) */
export function changesLinks(text: string): boolean {
  return /\blink (add|set)\b|\bbridge link\b|\bifconfig\s+[^-\s]\S*\s+\S/.test(text);
}

export class RecorderPacing {
  private lastLinkChange = Number.NEGATIVE_INFINITY;
  private lastProbe = Number.NEGATIVE_INFINITY;

  /** the virtual time at which the recorder would start a line of this kind */
  startAt(now: number, kind: 'probe' | 'show' | 'other'): number {
    if (kind === 'other') return now;
    const settled = Math.max(now, this.lastLinkChange + LINK_SETTLE_MS);
    return kind === 'probe' ? Math.max(settled, this.lastProbe + PROBE_GAP_MS) : settled;
  }

  /** the line ran and the clock stands at NOW */
  done(now: number, kind: 'probe' | 'show' | 'other', text: string): void {
    if (kind === 'probe') this.lastProbe = now;
    if (changesLinks(text)) this.lastLinkChange = now;
  }
}
