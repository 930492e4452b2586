// Docker's embedded DNS server (libnetwork's Resolver) in a container's namespace. It is
// started once per sandbox, when the first endpoint on a network with name resolution (any
// network but the default bridge) joins: it listens on 127.0.0.11 on a UDP and a TCP port the
// kernel picks, and setupIptablesNAT sends 127.0.0.11:53 there with DOCKER_OUTPUT and
// DOCKER_POSTROUTING in the namespace's nat table (resolver_unix.go at docker-v29.7.2).
//
// The kernel's random ports are drawn here from the container's id and its start count (the
// lab's seed makes the ids), so a command log gives the same ports every time.

import { parseIpv4 } from '../../core/addr.ts';
import type { DnsRcode } from '../../core/dns.ts';
import type { Netns } from '../../core/netns.ts';
import type { World } from '../../core/world.ts';
import { hexId } from './engine.ts';
import type { Step } from './expand.ts';

/** resolverIPSandbox */
export const RESOLVER_IP = '127.0.0.11';

/** the ports the resolver's UDP and TCP sockets were given (ip_local_port_range 32768–60999) */
export function resolverPorts(seed: string): { udp: number; tcp: number } {
  const h = hexId(`resolver:${seed}`);
  const port = (i: number) => 32768 + (parseInt(h.slice(i, i + 8), 16) % (60999 - 32768 + 1));
  const udp = port(0);
  let tcp = port(8);
  if (tcp === udp) tcp = udp === 60999 ? 32768 : udp + 1;
  return { udp, tcp };
}

/** what the embedded DNS answers for a name asked in the container whose namespace is NS */
export type EmbeddedAnswer = (w: World, ns: Netns, qname: string) => { readonly rcode: DnsRcode; readonly answers: readonly number[] };

let answerHook: EmbeddedAnswer | null = null;

/** docker.ts gives the resolver its names (containers, aliases, links, forwarded answers) */
export function setEmbeddedAnswer(f: EmbeddedAnswer): void {
  answerHook = f;
}

/**
 * startResolver: the chains, the four rules in the order `-I` leaves them, and the server's
 * sockets. The rules are made in the container's namespace (the daemon enters it).
 */
export function resolverSteps(w: World, ns: string, seed: string): Step[] {
  const { udp, tcp } = resolverPorts(seed);
  const ip = RESOLVER_IP;
  const x = (rule: string): Step => ({ line: `ip netns exec ${ns} iptables -t nat ${rule}` });
  return [
    x('-N DOCKER_OUTPUT'),
    x(`-I OUTPUT -d ${ip} -j DOCKER_OUTPUT`),
    x('-N DOCKER_POSTROUTING'),
    x(`-I POSTROUTING -d ${ip} -j DOCKER_POSTROUTING`),
    x(`-I DOCKER_OUTPUT -d ${ip} -p udp --dport 53 -j DNAT --to-destination ${ip}:${udp}`),
    x(`-I DOCKER_POSTROUTING -s ${ip} -p udp --sport ${udp} -j SNAT --to-source :53`),
    x(`-I DOCKER_OUTPUT -d ${ip} -p tcp --dport 53 -j DNAT --to-destination ${ip}:${tcp}`),
    x(`-I DOCKER_POSTROUTING -s ${ip} -p tcp --sport ${tcp} -j SNAT --to-source :53`),
    {
      line: `# dockerd's embedded DNS server listens in ${ns} on ${ip}:${udp}/udp and ${ip}:${tcp}/tcp`,
      act: () => {
        const n = w.ns(ns);
        if (!n) return;
        const addr = parseIpv4(ip)!;
        // (its TCP socket is not modelled: the lab's TCP listeners answer HTTP)
        n.listeners.push({
          addr,
          port: udp,
          proto: 'udp',
          what: "dockerd's embedded DNS server",
          // respTTL 600; setCommonFlags sets RA, never AA
          dns: { records: new Map(), ttl: 600, answer: (q) => (answerHook ? answerHook(w, n, q) : { rcode: 2, answers: [] }) },
        });
      },
    },
  ];
}
