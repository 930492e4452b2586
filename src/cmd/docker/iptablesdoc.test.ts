// Docker 29.7.2's firewall, rule for rule: each case of moby's iptablesdoc (./iptablesdoc/*.md,
// written by moby's integration test from a real daemon) typed as a user types it on a real
// host, and every iptables listing of the document compared with netlab's, line for line.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Shell } from '../shell.ts';

/** the commands of iptablesdoc_linux_test.go's iptCmds */
const IPT = {
  LFilter4: 'iptables -vL --line-numbers -t filter',
  SFilter4: 'iptables -S -t filter',
  LFilterDocker4: 'iptables -vL DOCKER --line-numbers -t filter',
  SFilterDocker4: 'iptables -S DOCKER',
  LNat4: 'iptables -vL --line-numbers -t nat',
  SNat4: 'iptables -S -t nat',
  LRaw4: 'iptables -vL --line-numbers -t raw',
  SRaw4: 'iptables -S -t raw',
} as const;
type Listing = keyof typeof IPT;

const FILTER_NAT: Listing[] = ['LFilter4', 'SFilter4', 'LNat4', 'SNat4'];
const WITH_RAW: Listing[] = [...FILTER_NAT, 'LRaw4', 'SRaw4'];

/** the network of a case: moby's createBridgeNetworks, as the docker CLI spells it */
function network(name: string, subnet: string, gateway: string, opts: string[] = [], flags = ''): string {
  const o = [`com.docker.network.bridge.name=${name}`, ...opts].map((x) => `-o ${x} `).join('');
  return `docker network create ${o}${flags}--subnet ${subnet} --gateway ${gateway} ${name}`;
}

interface Case {
  readonly doc: string;
  readonly commands: readonly string[];
  /** the listings the document shows, in its order (its template's) */
  readonly listings: readonly Listing[];
}

const BRIDGE1 = (opts: string[] = []) => network('bridge1', '192.0.2.0/24', '192.0.2.1', opts);
const C1 = 'docker run -d --network bridge1 -p 8080:80 --name c1 busybox sleep infinity';

const CASES: readonly Case[] = [
  { doc: 'new-daemon', commands: ['dockerd &'], listings: FILTER_NAT },
  { doc: 'usernet-portmap', commands: ['dockerd &', BRIDGE1(), C1], listings: WITH_RAW },
  { doc: 'usernet-portmap-noproxy', commands: ['dockerd --userland-proxy=false &', BRIDGE1(), C1], listings: FILTER_NAT },
  {
    doc: 'usernet-portmap-noicc',
    commands: ['dockerd &', BRIDGE1(['com.docker.network.bridge.enable_icc=false']), C1],
    listings: FILTER_NAT,
  },
  {
    doc: 'usernet-internal',
    commands: [
      'dockerd &',
      network('bridgeICC', '192.0.2.0/24', '192.0.2.1', [], '--internal '),
      'docker run -d --network bridgeICC --name c1 busybox sleep infinity',
      network('bridgeNoICC', '198.51.100.0/24', '198.51.100.1', ['com.docker.network.bridge.enable_icc=false'], '--internal '),
      'docker run -d --network bridgeNoICC --name c2 busybox sleep infinity',
    ],
    listings: FILTER_NAT,
  },
  {
    doc: 'usernet-portmap-routed',
    commands: ['dockerd &', BRIDGE1(['com.docker.network.bridge.gateway_mode_ipv4=routed']), C1],
    listings: ['LFilter4', 'SFilter4', 'LFilterDocker4', 'SFilterDocker4', 'LNat4', 'SNat4'],
  },
  {
    doc: 'usernet-portmap-natunprot',
    commands: ['dockerd &', BRIDGE1(['com.docker.network.bridge.gateway_mode_ipv4=nat-unprotected']), C1],
    listings: FILTER_NAT,
  },
  {
    doc: 'usernet-portmap-lo',
    commands: ['dockerd &', BRIDGE1(), 'docker run -d --network bridge1 -p 127.0.0.1:8080:80 --name c1 busybox sleep infinity'],
    listings: WITH_RAW,
  },
  {
    // moby's host is a namespace with one interface, which the daemon advertises
    doc: 'swarm-portmap',
    commands: [
      'ip link add eth0 type dummy',
      'ip addr add 192.168.10.2/24 dev eth0',
      'ip link set eth0 up',
      'dockerd --swarm-default-advertise-addr=eth0 &',
      'docker swarm init',
      'docker service create -p 8080:80 busybox top',
    ],
    listings: FILTER_NAT,
  },
];

/**
 * The listings of a document: its indented blocks (four spaces) that are iptables output, each
 * without the indent and without the blank lines that end it.
 */
function blocks(md: string): string[][] {
  const out: string[][] = [];
  let cur: string[] | null = null;
  for (const line of md.split('\n')) {
    if (line.startsWith('    ')) {
      cur ??= [];
      cur.push(line.slice(4));
    } else if (cur) {
      out.push(cur);
      cur = null;
    }
  }
  if (cur) out.push(cur);
  return out
    .map((b) => {
      const lines = [...b];
      while (lines.length && lines[lines.length - 1] === '') lines.pop();
      return lines;
    })
    .filter((b) => /^(Chain |-P |-N )/.test(b[0] ?? ''));
}

function lines(text: string): string[] {
  const l = text.split('\n');
  while (l.length && l[l.length - 1] === '') l.pop();
  return l;
}

describe("Docker 29.7.2's iptables rules, as moby's iptablesdoc records them", () => {
  for (const c of CASES) {
    it(`${c.doc}: ${c.listings.length} listings match line for line`, () => {
      const md = readFileSync(new URL(`./iptablesdoc/${c.doc}.md`, import.meta.url), 'utf8');
      const expected = blocks(md);
      expect(expected.length).toBe(c.listings.length);
      const sh = new Shell();
      for (const cmd of ['sysctl -w net.ipv4.ip_forward=1', ...c.commands]) {
        const r = sh.exec(cmd);
        expect(r.status, `${cmd}: ${r.stderr}`).toBe(0);
      }
      c.listings.forEach((l, i) => {
        const r = sh.exec(IPT[l]);
        expect(r.status, `${IPT[l]}: ${r.stderr}`).toBe(0);
        expect(lines(r.stdout), `${c.doc}: ${IPT[l]}`).toEqual(expected[i]);
      });
    });
  }
});
