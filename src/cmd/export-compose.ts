// The topology as a docker-compose.yml, for what Docker can express: namespaces attached to a
// bridge of the host become services on a bridge network (with their fixed addresses), macvlan
// and ipvlan children of a host device become services on a macvlan / ipvlan network, a
// namespace with only lo is `network_mode: none`, servers in the host are `network_mode: host`,
// and DNAT rules of the host to a service are its published ports. What Compose cannot say
// (a veth between two namespaces, routers, hand-written iptables) is listed under
// `x-netlab-not-expressed` so nothing is silently lost.

import { parseCidr, formatIpv4, networkOf } from '../core/addr.ts';
import type { DeviceSnapshot, NetnsSnapshot, WorldSnapshot } from '../core/snapshot.ts';

// ---- a small YAML writer: maps, lists and scalars, always quoting strings that need it ----

export type Yaml = string | number | boolean | null | Yaml[] | { [k: string]: Yaml };

function scalar(v: string | number | boolean | null): string {
  if (v === null) return 'null';
  if (typeof v !== 'string') return String(v);
  return /^[A-Za-z_][\w./-]*$/.test(v) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(v) ? v : JSON.stringify(v);
}

/** a DNAT rule's published port, read word by word: one regex with `.*` between `--dport` and
 * the target backtracks quadratically on a long rule */
function publishedPort(rule: string): { to: string; port: string; host: string; proto: string } | null {
  const w = rule.split(' ');
  const arg = (flag: string): string | undefined => {
    const i = w.indexOf(flag);
    return i < 0 ? undefined : w[i + 1];
  };
  const host = arg('--dport');
  const m = /^(\d+\.\d+\.\d+\.\d+):(\d+)$/.exec(arg('--to-destination') ?? '');
  if (host === undefined || !/^\d+$/.test(host) || arg('-j') !== 'DNAT' || !m) return null;
  const proto = arg('-p');
  return { host, to: m[1]!, port: m[2]!, proto: proto === 'udp' ? 'udp' : 'tcp' };
}

export function toYaml(v: Yaml, indent = 0): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) {
    if (!v.length) return '[]\n';
    return v
      .map((x) => {
        if (x !== null && typeof x === 'object' && !Array.isArray(x) && Object.keys(x).length) {
          const body = toYaml(x, indent + 2);
          return `${pad}- ${body.slice(indent + 2)}`;
        }
        return `${pad}- ${typeof x === 'object' && x !== null ? toYaml(x, indent + 2).trim() : scalar(x)}\n`;
      })
      .join('');
  }
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v);
    if (!keys.length) return '{}\n';
    return keys
      .map((k) => {
        const x = v[k]!;
        const key = scalar(k);
        if (x !== null && typeof x === 'object' && (Array.isArray(x) ? x.length : Object.keys(x).length))
          return `${pad}${key}:\n${toYaml(x, indent + 2)}`;
        return `${pad}${key}: ${x !== null && typeof x === 'object' ? toYaml(x).trim() : scalar(x)}\n`;
      })
      .join('');
  }
  return `${pad}${scalar(v)}\n`;
}

// ---- reading the topology ------------------------------------------------------------------

export interface Served {
  readonly image: string;
  readonly command: string[] | null;
}

/** the image a namespace's servers suggest: nginx for port 80, python's http.server otherwise */
export function imageFor(ns: NetnsSnapshot): Served {
  const ports = ns.listeners.map((l) => l.port);
  if (ports.length === 1 && ports[0] === 80 && ns.listeners[0]!.addr === '0.0.0.0') return { image: 'nginx:alpine', command: null };
  if (ports.length) return { image: 'python:3-alpine', command: ['python3', '-m', 'http.server', String(ports[0])] };
  return { image: 'alpine:3', command: ['sleep', 'infinity'] };
}

function prefixOf(addr: string): string {
  const c = parseCidr(addr)!;
  return `${formatIpv4(networkOf(c.addr, c.plen))}/${c.plen}`;
}

function gatewayOf(ns: NetnsSnapshot): string | null {
  return ns.routes.find((r) => r.table === 'main' && r.dst === '0.0.0.0/0' && r.gw)?.gw ?? null;
}

interface ComposeNet {
  name: string;
  body: { [k: string]: Yaml };
}

export function toCompose(w: WorldSnapshot): string {
  const root = w.namespaces.find((n) => n.root)!;
  const byId = new Map<number, { ns: NetnsSnapshot; d: DeviceSnapshot }>();
  for (const ns of w.namespaces) for (const d of ns.devices) byId.set(d.id, { ns, d });
  const nets = new Map<string, ComposeNet>();
  const services: { [k: string]: Yaml } = {};
  const lost: string[] = [];
  const bridgeNet = (br: DeviceSnapshot): string | null => {
    if (br.name === 'docker0') return 'bridge';
    const a = br.addrs[0];
    if (!nets.has(br.name)) {
      nets.set(br.name, {
        name: br.name,
        body: {
          driver: 'bridge',
          driver_opts: { 'com.docker.network.bridge.name': br.name },
          ...(a ? { ipam: { config: [{ subnet: prefixOf(a), gateway: a.split('/')[0]! }] } } : {}),
        },
      });
    }
    return br.name;
  };
  // published ports: DNAT rules of the host (PREROUTING or Docker's nat DOCKER chain)
  const dnat: Array<{ to: string; port: string; host: string; proto: string }> = [];
  for (const c of root.iptables.nat.chains) {
    for (const r of c.rules) {
      const p = publishedPort(r);
      if (p) dnat.push(p);
    }
  }
  for (const ns of w.namespaces) {
    if (ns.root) continue;
    const svc: { [k: string]: Yaml } = {};
    const img = imageFor(ns);
    svc.image = img.image;
    if (img.command) svc.command = img.command;
    svc.container_name = ns.name;
    const networks: { [k: string]: Yaml } = {};
    const addrs: string[] = [];
    let expressible = true;
    for (const d of ns.devices) {
      if (d.kind === 'loopback') continue;
      const a = d.addrs[0];
      if (a) addrs.push(a.split('/')[0]!);
      if (d.kind === 'veth' && d.peer) {
        const peer = byId.get(d.peer.id);
        const br = peer?.ns.root && peer.d.master ? root.devices.find((x) => x.name === peer.d.master) : undefined;
        if (br) {
          const net = bridgeNet(br)!;
          networks[net] = net === 'bridge' || !a ? {} : { ipv4_address: a.split('/')[0]! };
          continue;
        }
        expressible = false;
        lost.push(`${ns.name}: ${d.name} is a veth to ${d.peer.ns}/${d.peer.name}, not to a bridge of the host`);
        continue;
      }
      if ((d.kind === 'macvlan' || d.kind === 'ipvlan') && d.lower && d.lower.ns === 'root' && a) {
        const key = `${d.kind}-${d.lower.name}`;
        if (!nets.has(key)) {
          const gw = gatewayOf(ns);
          nets.set(key, {
            name: key,
            body: {
              driver: d.kind,
              driver_opts: { parent: d.lower.name, [`${d.kind}_mode`]: d.mode ?? (d.kind === 'macvlan' ? 'bridge' : 'l2') },
              ipam: { config: [{ subnet: prefixOf(a), ...(gw ? { gateway: gw } : {}) }] },
            },
          });
        }
        networks[key] = { ipv4_address: a.split('/')[0]! };
        continue;
      }
      expressible = false;
      lost.push(`${ns.name}: ${d.name} (${d.kind}) has no Docker network driver here`);
    }
    if (ns.sysctl.ipForward) lost.push(`${ns.name}: forwards packets (net.ipv4.ip_forward=1), a router rather than a container`);
    const own =
      ns.iptables.filter.chains.some((c) => c.rules.length || (c.policy && c.policy !== 'ACCEPT')) ||
      ns.iptables.nat.chains.some((c) => c.rules.length);
    if (own) lost.push(`${ns.name}: has its own iptables rules`);
    if (!Object.keys(networks).length && expressible) svc.network_mode = 'none';
    else if (Object.keys(networks).length === 1 && networks.bridge) svc.network_mode = 'bridge';
    else if (Object.keys(networks).length) svc.networks = networks;
    const ports = dnat.filter((p) => addrs.includes(p.to)).map((p) => `${p.host}:${p.port}${p.proto === 'udp' ? '/udp' : ''}`);
    if (ports.length) svc.ports = ports;
    services[ns.name] = svc;
  }
  if (root.listeners.length) {
    const img = imageFor(root);
    services['host-server'] = { image: img.image, ...(img.command ? { command: img.command } : {}), network_mode: 'host' };
  }
  const doc: { [k: string]: Yaml } = { name: 'netlab', services };
  if (nets.size) doc.networks = Object.fromEntries([...nets.values()].map((n) => [n.name, n.body]));
  if (lost.length) doc['x-netlab-not-expressed'] = lost;
  return '# docker-compose.yml written by netlab: `docker compose up -d` builds the same containers and networks\n' + toYaml(doc);
}
