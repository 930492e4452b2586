// The Internet node: what an ISP hands a host, built from the kernel's own mechanisms so every
// probe through it follows real routes. Dropping it adds three namespaces drawn as one node:
//
//   host ethN 203.0.113.x/30 ── isp (edge router) ── transit (core router) ── internet
//
// The host gets the uplink's address and its default route through the ISP, as DHCP would,
// and /etc/resolv.conf naming the Internet's resolver; NAT for namespaces behind the host is
// left to the user, as on a real host. `internet` answers for every public address: a local
// default route in table main (AnyIP) makes each address its own, while the longer routes to
// the ISP's blocks still lead back. (In table local, consulted first, it would swallow the
// replies too.) It serves HTTP on port 80 to any address, nothing on 443 (a connection there is
// refused), and answers DNS for a few well-known names. Private destinations are unreachable
// there, as on the real Internet: a reply to an address that was not NATed goes nowhere.
// Every address the lab invents is a documentation one (RFC 5737, RFC 2606 for example.com).

import type { WorldSnapshot } from '../../core/snapshot.ts';
import { findNs, freeName, nsNames, type Planned } from './commands.ts';

/** the names the Internet's resolver answers, and their A records */
export const INTERNET_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['example.com', '192.0.2.10'],
  ['one.one.one.one', '1.1.1.1'],
  ['dns.google', '8.8.8.8'],
];

/** the resolver the ISP gives its customers (any address of the Internet would answer) */
export const INTERNET_RESOLVER = '192.0.2.53';

/** the most Internets a lab holds: each takes a /30 of 203.0.113.0/24 and two of 198.51.100.0/24 */
const MAX_INTERNETS = 32;

export interface InternetPlan extends Planned {
  /** the router namespaces drawn inside the Internet's node */
  readonly routers: readonly string[];
}

export function addInternet(w: WorldSnapshot): InternetPlan | { error: string } {
  const taken = new Set(nsNames(w));
  let k = 1;
  while (taken.has(`internet${k}`) || taken.has(`isp${k}`) || taken.has(`transit${k}`)) k++;
  if (k > MAX_INTERNETS) return { error: `A lab holds at most ${MAX_INTERNETS} Internets.` };
  const b = 4 * (k - 1);
  const [net, isp, transit] = [`internet${k}`, `isp${k}`, `transit${k}`];
  const root = findNs(w, 'root');
  const up = freeName('eth', root?.devices.map((d) => d.name) ?? []);
  const customer = (n: number) => `203.0.113.${b + n}`;
  const core = (n: number) => `198.51.100.${b + n}`;
  const edge = (n: number) => `198.51.100.${128 + b + n}`;
  const lines = [
    `ip netns add ${isp}`,
    `ip netns add ${transit}`,
    `ip netns add ${net}`,
    ...[isp, transit, net].map((n) => `ip -n ${n} link set lo up`),
    // the customer link: the host's uplink and the ISP's edge router
    `ip link add ${up} type veth peer name eth0 netns ${isp}`,
    `ip addr add ${customer(2)}/30 dev ${up}`,
    `ip -n ${isp} addr add ${customer(1)}/30 dev eth0`,
    `ip link set ${up} up`,
    `ip -n ${isp} link set eth0 up`,
    // the ISP's edge to its transit router
    `ip -n ${isp} link add eth1 type veth peer name eth0 netns ${transit}`,
    `ip -n ${isp} addr add ${core(2)}/30 dev eth1`,
    `ip -n ${transit} addr add ${core(1)}/30 dev eth0`,
    `ip -n ${isp} link set eth1 up`,
    `ip -n ${transit} link set eth0 up`,
    // transit to the rest of the Internet
    `ip -n ${transit} link add eth1 type veth peer name eth0 netns ${net}`,
    `ip -n ${transit} addr add ${edge(1)}/30 dev eth1`,
    `ip -n ${net} addr add ${edge(2)}/30 dev eth0`,
    `ip -n ${transit} link set eth1 up`,
    `ip -n ${net} link set eth0 up`,
    `ip netns exec ${isp} sysctl -w net.ipv4.ip_forward=1`,
    `ip netns exec ${transit} sysctl -w net.ipv4.ip_forward=1`,
    `ip -n ${isp} route add default via ${core(1)}`,
    `ip -n ${transit} route add default via ${edge(2)}`,
    `ip -n ${transit} route add ${customer(0)}/30 via ${core(2)}`,
    // AnyIP: every address is the Internet's own, but the ISP's blocks and private ones
    `ip -n ${net} route add local default dev lo table main`,
    `ip -n ${net} route add ${customer(0)}/30 via ${edge(1)}`,
    `ip -n ${net} route add ${core(0)}/30 via ${edge(1)}`,
    ...['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((p) => `ip -n ${net} route add unreachable ${p}`),
    // the Internet's servers keep their logs to themselves: nobody's terminal started them
    `ip netns exec ${net} python3 -m http.server 80 2>/dev/null &`,
    `ip netns exec ${net} dnsmasq --no-resolv --no-hosts ${INTERNET_NAMES.map(([n, a]) => `--address=/${n}/${a}`).join(' ')} &`,
  ];
  // what DHCP gives the host: a default route and a name server, unless it has them already
  if (!root?.routes.some((r) => r.table === 'main' && r.dst === '0.0.0.0/0')) lines.push(`ip route add default via ${customer(1)}`);
  if (!w.etc?.['/etc/resolv.conf']) lines.push(`cat > /etc/resolv.conf <<'EOF'\nnameserver ${INTERNET_RESOLVER}\nEOF`);
  return { ns: net, name: net, lines, routers: [isp, transit] };
}
