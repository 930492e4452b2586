// The world written back as a runnable script of the dialect: run it on a real Linux machine
// (or paste it into the lab) and get the same network.

import { TABLE_NAMES } from '../core/netfilter/rule.ts';
import type { DeviceSnapshot, NetnsSnapshot, WorldSnapshot } from '../core/snapshot.ts';

function ipn(ns: NetnsSnapshot | string): string {
  const name = typeof ns === 'string' ? ns : ns.root ? 'root' : ns.name;
  return name === 'root' ? 'ip' : `ip -n ${name}`;
}

function exec(ns: NetnsSnapshot, cmd: string): string {
  return ns.root ? cmd : `ip netns exec ${ns.name} ${cmd}`;
}

const DEFAULT_SYSCTL = { ipForward: false, rp: 0, brnf: true };
const DEFAULT_RULES = ['pref 0 lookup local', 'pref 32766 lookup main', 'pref 32767 lookup default'];

export function toScript(w: WorldSnapshot): string {
  const out: string[] = [
    '# netlab topology (or paste into netlab). Run as root in a new network and mount namespace with a private /run/netns:',
    "#   unshare --net --mount sh -c 'mkdir -p /run/netns && mount -t tmpfs none /run/netns && sh netlab-topology.sh'",
  ];
  const byName = new Map(w.namespaces.map((n) => [n.name, n]));
  for (const ns of w.namespaces) if (!ns.root) out.push(`ip netns add ${ns.name}`);
  // a name with no namespace behind it is what `ip netns add` inside `ip netns exec` leaves
  if (w.unmounted?.length) {
    const inside = w.namespaces.find((n) => !n.root)?.name;
    if (!inside) out.push('ip netns add netlab-tmp');
    for (const name of w.unmounted) out.push(`ip netns exec ${inside ?? 'netlab-tmp'} ip netns add ${name}`);
    if (!inside) out.push('ip netns del netlab-tmp');
  }
  const made = new Set<number>();
  const all: Array<{ ns: NetnsSnapshot; d: DeviceSnapshot }> = w.namespaces.flatMap((ns) => ns.devices.map((d) => ({ ns, d })));
  // plain devices first, then what stacks on them
  for (const { ns, d } of all) {
    if (d.kind === 'bridge' || d.kind === 'dummy') {
      out.push(`${ipn(ns)} link add ${d.name} type ${d.kind}${d.stpState ? ` stp_state ${d.stpState}` : ''}`);
      made.add(d.id);
    }
  }
  for (const { ns, d } of all) {
    if (d.kind !== 'veth' || made.has(d.id) || !d.peer) continue;
    const peerNs = byName.get(d.peer.ns) ?? ns;
    // made from the root side when one end lives there (the root namespace has no name to move into)
    const [home, name, other, otherName] = peerNs.root && !ns.root ? [peerNs, d.peer.name, ns, d.name] : [ns, d.name, peerNs, d.peer.name];
    out.push(`${ipn(home)} link add ${name} type veth peer name ${otherName}${other !== home ? ` netns ${other.name}` : ''}`);
    made.add(d.id);
    made.add(d.peer.id);
  }
  for (const { ns, d } of all) {
    if ((d.kind === 'macvlan' || d.kind === 'ipvlan') && d.lower) {
      const home = byName.get(d.lower.ns) ?? ns;
      // made in its parent's namespace straight into its own (`netns`), so its name never
      // meets the parent's neighbours there (a container's eth0 on a host's eth0)
      if (home === ns) out.push(`${ipn(home)} link add ${d.name} link ${d.lower.name} type ${d.kind} mode ${d.mode}`);
      else if (!ns.root) out.push(`${ipn(home)} link add ${d.name} link ${d.lower.name} netns ${ns.name} type ${d.kind} mode ${d.mode}`);
      else
        out.push(
          `# ${d.name} (${d.kind} on ${d.lower.name} in ${home.name}) lives in the root namespace: the dialect cannot move it there`,
        );
    }
    if (d.kind === 'vxlan' && d.vxlan) {
      const v = d.vxlan;
      const home = byName.get(v.underlay) ?? ns;
      const flags = `${v.proxy ? ' proxy' : ''}${v.learning ? '' : ' nolearning'}${v.l2miss ? ' l2miss' : ''}${v.l3miss ? ' l3miss' : ''}`;
      const opts = `type vxlan id ${v.vni} dstport ${v.dstport}${v.remote ? ` remote ${v.remote}` : ''}${v.group ? ` group ${v.group}` : ''}${v.local ? ` local ${v.local}` : ''}${v.dev ? ` dev ${v.dev}` : ''}${v.ttl ? ` ttl ${v.ttl}` : ''}${flags}`;
      if (home === ns) out.push(`${ipn(home)} link add ${d.name} ${opts}`);
      else if (!ns.root) out.push(`${ipn(home)} link add ${d.name} netns ${ns.name} ${opts}`);
      else out.push(`# ${d.name} (vxlan over ${home.name}) lives in the root namespace: the dialect cannot move it there`);
    }
  }
  for (const { ns, d } of all) if (d.macSet && d.kind !== 'ipvlan') out.push(`${ipn(ns)} link set ${d.name} address ${d.mac}`);
  for (const { ns, d } of all) {
    if (d.mtu !== 1500 && d.kind !== 'loopback' && d.kind !== 'vxlan' && !(d.kind === 'macvlan' || d.kind === 'ipvlan'))
      out.push(`${ipn(ns)} link set ${d.name} mtu ${d.mtu}`);
    // flags and the queue length set by hand (arp off before the neighbours added below: it flushes them)
    if (d.promisc) out.push(`${ipn(ns)} link set ${d.name} promisc on`);
    if (d.arpOff) out.push(`${ipn(ns)} link set ${d.name} arp off`);
    if (d.txqlen !== 1000) out.push(`${ipn(ns)} link set ${d.name} txqueuelen ${d.txqlen}`);
    if (d.master) out.push(`${ipn(ns)} link set ${d.name} master ${d.master}`);
    if (d.hairpin) out.push(exec(ns, `bridge link set dev ${d.name} hairpin on`));
    if (d.master && (!d.learning || !d.flood || d.isolated))
      out.push(
        exec(
          ns,
          `bridge link set dev ${d.name}${d.learning ? '' : ' learning off'}${d.flood ? '' : ' flood off'}${d.isolated ? ' isolated on' : ''}`,
        ),
      );
  }
  for (const { ns, d } of all) {
    d.addrs.forEach((a, i) => {
      if (!(d.kind === 'loopback' && a === '127.0.0.1/8')) out.push(`${ipn(ns)} addr add ${a}${d.addrOpts?.[i] ?? ''} dev ${d.name}`);
    });
  }
  for (const { ns, d } of all) if (d.up) out.push(`${ipn(ns)} link set ${d.name} up`);
  // a port state set by hand holds until the port's link changes: set once everything is up
  for (const { ns, d } of all) if (d.portStateSet) out.push(exec(ns, `bridge link set dev ${d.name} state ${d.portStateSet}`));
  // what a control plane set by hand: FDB entries and neighbours
  for (const { ns, d } of all) {
    const seen = new Set<string>();
    for (const e of d.fdb) {
      const verb =
        e.dst !== null && (seen.has(e.mac) || (e.mac === '00:00:00:00:00:00' && (d.vxlan?.remote || d.vxlan?.group))) ? 'append' : 'add';
      seen.add(e.mac);
      out.push(
        exec(
          ns,
          `bridge fdb ${verb} ${e.mac} dev ${d.name}${e.dst !== null ? ` dst ${e.dst}` : ''} ${e.master ? 'master' : 'self'} ${e.state}`,
        ),
      );
    }
  }
  for (const ns of w.namespaces) {
    for (const n of ns.neigh) {
      if ((n.state === 'PERMANENT' || n.state === 'NOARP') && n.mac !== null)
        out.push(`${ipn(ns)} neigh add ${n.ip} lladdr ${n.mac} dev ${n.dev} nud ${n.state.toLowerCase()}`);
    }
  }
  for (const ns of w.namespaces) {
    const s = ns.sysctl;
    if (s.ipForward !== DEFAULT_SYSCTL.ipForward) out.push(exec(ns, `sysctl -w net.ipv4.ip_forward=${s.ipForward ? 1 : 0}`));
    if (s.rpFilterAll !== DEFAULT_SYSCTL.rp) out.push(exec(ns, `sysctl -w net.ipv4.conf.all.rp_filter=${s.rpFilterAll}`));
    if (s.rpFilterDefault !== DEFAULT_SYSCTL.rp) out.push(exec(ns, `sysctl -w net.ipv4.conf.default.rp_filter=${s.rpFilterDefault}`));
    for (const [dev, v] of Object.entries(s.rpFilter))
      if (v !== s.rpFilterDefault) out.push(exec(ns, `sysctl -w net.ipv4.conf.${dev}.rp_filter=${v}`));
    for (const [which, keys] of Object.entries(s.conf))
      for (const [k, v] of Object.entries(keys)) out.push(exec(ns, `sysctl -w net.ipv4.conf.${which}.${k}=${v}`));
    // after ip_forward, which resets every device's forwarding and default
    for (const [which, v] of Object.entries(s.forwarding)) out.push(exec(ns, `sysctl -w net.ipv4.conf.${which}.forwarding=${v}`));
    for (const [dev, keys] of Object.entries(s.neigh))
      for (const [k, v] of Object.entries(keys)) out.push(exec(ns, `sysctl -w net.ipv4.neigh.${dev}.${k}=${v}`));
    if (s.bridgeNfCallIptables !== DEFAULT_SYSCTL.brnf)
      out.push(exec(ns, `sysctl -w net.bridge.bridge-nf-call-iptables=${s.bridgeNfCallIptables ? 1 : 0}`));
    for (const r of ns.routes) {
      // the routes the kernel makes for addresses; one made by hand in table local (AnyIP) is kept
      if (r.proto === 'kernel') continue;
      const dst = r.dst === '0.0.0.0/0' ? 'default' : r.dst.endsWith('/32') ? r.dst.slice(0, -3) : r.dst;
      out.push(
        `${ipn(ns)} route add ${r.type !== 'unicast' ? r.type + ' ' : ''}${dst}${r.gw ? ` via ${r.gw}` : ''}${r.dev ? ` dev ${r.dev}` : ''}${r.src ? ` src ${r.src}` : ''}${r.metric ? ` metric ${r.metric}` : ''}${r.onlink ? ' onlink' : ''}${r.mtu ? ` mtu ${r.mtu}` : ''}${r.table !== (r.type === 'local' || r.type === 'broadcast' ? 'local' : 'main') ? ` table ${r.table}` : ''}${r.proto !== 'boot' ? ` proto ${r.proto}` : ''}`,
      );
    }
    // the rules every namespace starts with that are gone, then the ones added
    for (const d of DEFAULT_RULES) if (!ns.rules.includes(d)) out.push(`${ipn(ns)} rule del ${d}`);
    for (const r of ns.rules) if (!DEFAULT_RULES.includes(r)) out.push(`${ipn(ns)} rule add ${r}`);
    for (const t of TABLE_NAMES) {
      const tf = t === 'filter' ? '' : ` -t ${t}`;
      const chains = ns.iptables[t].chains;
      for (const c of chains) if (c.policy === null) out.push(exec(ns, `iptables${tf} -N ${c.name}`));
      for (const c of chains) if (c.policy !== null && c.policy !== 'ACCEPT') out.push(exec(ns, `iptables${tf} -P ${c.name} ${c.policy}`));
      for (const c of chains) for (const r of c.rules) out.push(exec(ns, `iptables${tf} -A ${c.name} ${r}`.trimEnd()));
    }
    for (const l of ns.listeners) {
      // the image's server is not on the machine that runs the script: python3 answers on its port instead
      if (l.http)
        out.push(
          `# stand-in for the ${l.http} image's ${l.http} on port ${l.port}: python3 answers there with a directory listing, not ${l.http}'s page, headers or logs`,
        );
      out.push(exec(ns, l.cmd ? `${l.cmd} &` : `python3 -m http.server${l.addr !== '0.0.0.0' ? ` --bind ${l.addr}` : ''} ${l.port} &`));
    }
  }
  for (const [path, text] of Object.entries(w.etc ?? {}))
    out.push(`cat > ${path} <<'EOF'\n${text.endsWith('\n') || !text ? text : `${text}\n`}EOF`);
  return out.join('\n') + '\n';
}
