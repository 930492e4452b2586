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
export function selectSourceAddr(ns: Netns, dev: Device, dst: Ipv4 | null, _scope: 'link' | 'global'): Ipv4 | null {
  let first: Ipv4 | null = null;
  for (const a of dev.addrs) {
    if (a.secondary) continue;
    if (isHostScope(a.addr) && dev.kind !== 'loopback') continue;
    if (isHostScope(a.addr) && dst !== null && !isHostScope(dst)) continue;
    if (dst !== null && inPrefix(dst, ifaPrefix(a), a.plen)) return a.addr;
    if (first === null) first = a.addr;
  }
  if (first !== null) return first;
  for (const d of ns.deviceList()) {
    for (const a of d.addrs) {
      if (a.secondary || isHostScope(a.addr)) continue;
      return a.addr;
    }
  }
  return null;
}
