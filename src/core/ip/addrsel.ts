// Source address selection (inet_select_addr): the address a packet leaves with when the
// route names none.

import { inPrefix, type Ipv4 } from '../addr.ts';
import { type Device, ifaPrefix } from '../device.ts';
import type { Netns } from '../netns.ts';

function isHostScope(addr: Ipv4): boolean {
  return addr >>> 24 === 127;
}

/**
 * First primary address of `dev` in the same subnet as `dst`, else its first primary address;
 * failing that, the first primary, non-host-scope address of any device in the namespace.
 * scope 'link' also allows link-scoped addresses; 'global' only global ones (host scope never).
 */
export function selectSourceAddr(ns: Netns, dev: Device, dst: Ipv4 | null, scope: 'link' | 'global'): Ipv4 | null {
  let first: Ipv4 | null = null;
  // inet_select_addr: nothing of a narrower scope than asked for
  const limit = scope === 'link' ? 253 : 0;
  for (const a of dev.addrs) {
    if (a.secondary || (a.scope !== undefined && a.scope > limit)) continue;
    if (isHostScope(a.addr) && dev.kind !== 'loopback') continue;
    if (isHostScope(a.addr) && dst !== null && !isHostScope(dst)) continue;
    if (dst !== null && inPrefix(dst, ifaPrefix(a), a.plen)) return a.addr;
    if (first === null) first = a.addr;
  }
  if (first !== null) return first;
  for (const d of ns.deviceList()) {
    for (const a of d.addrs) {
      // the other devices: no link-scope address, nor one narrower than asked for
      if (a.secondary || isHostScope(a.addr) || (a.scope !== undefined && (a.scope === 253 || a.scope > limit))) continue;
      return a.addr;
    }
  }
  return null;
}
