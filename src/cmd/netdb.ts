// The names iptables prints for an address without -n: gethostbyaddr(3), then getnetbyaddr(3),
// as on a Debian host (/etc/hosts, then /etc/networks).

/** /etc/hosts */
export const HOST_NAMES: ReadonlyMap<number, string> = new Map([[0x7f000001, 'localhost']]);
/** /etc/networks */
export const NETWORK_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'default'],
  [0x7f000000, 'loopback'],
  [0xa9fe0000, 'link-local'],
]);

/** xtables_ipaddr_to_anyname: a host name, else a network name, else null (the caller prints the number) */
export function ipaddrToName(addr: number): string | null {
  return HOST_NAMES.get(addr) ?? NETWORK_NAMES.get(addr) ?? null;
}
