// Small readers of probe outcomes and snapshots, shared by the lessons' checks.

import type { DeviceSnapshot, NetnsSnapshot, WorldSnapshot } from '../core/snapshot.ts';
import type { ProbeOutcome } from '../protocol/messages.ts';

export function ns(s: WorldSnapshot, name: string): NetnsSnapshot | undefined {
  return s.namespaces.find((n) => (name === 'root' ? n.root : n.name === name));
}

export function dev(s: WorldSnapshot, nsName: string, name: string): DeviceSnapshot | undefined {
  return ns(s, nsName)?.devices.find((d) => d.name === name);
}

export function hasAddr(s: WorldSnapshot, nsName: string, addr: string): boolean {
  return !!ns(s, nsName)?.devices.some((d) => d.addrs.some((a) => a.split('/')[0] === addr));
}

function rec(o: ProbeOutcome | undefined): Record<string, unknown> {
  return (o?.record ?? {}) as Record<string, unknown>;
}

/** a ping got its echo reply */
export function pinged(o: ProbeOutcome | undefined): boolean {
  return rec(o).result === 'reply';
}

/** the TTL of the reply, if there was one */
export function replyTtl(o: ProbeOutcome | undefined): number | null {
  const t = rec(o).ttl;
  return typeof t === 'number' ? t : null;
}

/** curl got an HTTP answer */
export function curled(o: ProbeOutcome | undefined): boolean {
  return rec(o).result === 'ok';
}

/** the client address the server saw */
export function seenAs(o: ProbeOutcome | undefined): string | null {
  const c = rec(o).client;
  return typeof c === 'string' ? c : null;
}

/** what went wrong, for a learner: the drop's reason or the tool's own words */
export function why(o: ProbeOutcome | undefined): string {
  if (!o) return 'the probe did not run';
  if (o.drop) return `dropped in ${o.drop}`;
  const r = rec(o);
  const text =
    o.stderr.trim().split('\n').pop() ||
    o.stdout
      .trim()
      .split('\n')
      .find((l) => l.startsWith('From ')) ||
    String(r.result ?? `exit status ${o.status}`);
  return text;
}

/** the request was rewritten by a DNAT on its way */
export function dnatted(o: ProbeOutcome | undefined): boolean {
  return !!o?.nat.some((n) => n.startsWith('DNAT'));
}

/** the first failing condition's message, or null */
export function all(...conds: ReadonlyArray<readonly [boolean, string]>): string | null {
  for (const [ok, msg] of conds) if (!ok) return msg;
  return null;
}
