// netlab bench: the simulator's speed beside the real kernel's, and figures for large
// topologies. Prints a table; asserts nothing (timings belong in reports, not tests).

import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseIpv4 } from '../core/addr.ts';
import { reachabilityMatrix } from '../core/matrix.ts';
import { pingOnce } from '../core/probe.ts';
import { iptablesRestore } from '../cmd/iptables-restore.ts';
import { Shell } from '../cmd/shell.ts';

function run(sh: Shell, lines: string[]): void {
  for (const l of lines) {
    const r = sh.exec(l);
    if (r.status !== 0) throw new Error(`bench setup failed: ${l}: ${r.stderr}`);
  }
}

export function twoOnABridge(): string[] {
  return [
    'ip netns add ns1',
    'ip netns add ns2',
    'ip link add br0 type bridge',
    'ip link set br0 up',
    'ip link add v1 type veth peer name e1 netns ns1',
    'ip link add v2 type veth peer name e2 netns ns2',
    'ip link set v1 master br0',
    'ip link set v2 master br0',
    'ip link set v1 up',
    'ip link set v2 up',
    'ip -n ns1 addr add 10.0.0.1/24 dev e1',
    'ip -n ns2 addr add 10.0.0.2/24 dev e2',
    'ip -n ns1 link set e1 up',
    'ip -n ns2 link set e2 up',
  ];
}

/**
 * N namespaces in groups of 10 per bridge; each bridge's host routes to every other group
 * through a core router namespace, and the core MASQUERADEs towards an upstream.
 */
export function bigTopology(n: number): { lines: string[]; addrs: Array<{ ns: string; ip: string }> } {
  const lines: string[] = [
    'ip netns add core',
    'ip netns add upstream',
    'ip -n core link set lo up',
    'ip netns exec core sysctl -w net.ipv4.ip_forward=1',
    'ip -n core link add up0 type veth peer name wan0 netns upstream',
    'ip -n core addr add 198.51.100.2/24 dev up0',
    'ip -n upstream addr add 198.51.100.1/24 dev wan0',
    'ip -n core link set up0 up',
    'ip -n upstream link set wan0 up',
    'ip netns exec core iptables -t nat -A POSTROUTING -o up0 -j MASQUERADE',
    'ip -n core route add default via 198.51.100.1',
  ];
  const addrs: Array<{ ns: string; ip: string }> = [];
  const groups = Math.ceil(n / 10);
  for (let g = 0; g < groups; g++) {
    const r = `r${g}`;
    lines.push(
      `ip netns add ${r}`,
      `ip netns exec ${r} sysctl -w net.ipv4.ip_forward=1`,
      `ip -n ${r} link add br0 type bridge`,
      `ip -n ${r} link set br0 up`,
      `ip -n ${r} addr add 10.${g}.0.1/24 dev br0`,
      `ip -n ${r} link add c0 type veth peer name g${g} netns core`,
      `ip -n ${r} addr add 172.16.${g}.2/24 dev c0`,
      `ip -n core addr add 172.16.${g}.1/24 dev g${g}`,
      `ip -n ${r} link set c0 up`,
      `ip -n core link set g${g} up`,
      `ip -n ${r} route add default via 172.16.${g}.1`,
      `ip -n core route add 10.${g}.0.0/24 via 172.16.${g}.2`,
    );
    for (let i = 0; i < 10 && g * 10 + i < n; i++) {
      const ns = `n${g * 10 + i}`;
      const ip = `10.${g}.0.${i + 10}`;
      addrs.push({ ns, ip });
      lines.push(
        `ip netns add ${ns}`,
        `ip -n ${r} link add p${i} type veth peer name eth0 netns ${ns}`,
        `ip -n ${r} link set p${i} master br0`,
        `ip -n ${r} link set p${i} up`,
        `ip -n ${ns} addr add ${ip}/24 dev eth0`,
        `ip -n ${ns} link set eth0 up`,
        `ip -n ${ns} route add default via 10.${g}.0.1`,
      );
    }
  }
  return { lines, addrs };
}

function simEchoRate(seconds: number): number {
  const sh = new Shell();
  run(sh, twoOnABridge());
  const w = sh.world;
  const ns1 = w.ns('ns1')!;
  const dst = parseIpv4('10.0.0.2')!;
  pingOnce(w, ns1, dst, 1, 7);
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    for (let i = 0; i < 1000; i++) pingOnce(w, ns1, dst, ++n & 0xffff, 7);
  }
  return n / ((performance.now() - t0) / 1000);
}

/**
 * Lines that make a private /run/netns inside the new mount namespace. On a machine that never
 * ran `ip netns add`, /run/netns does not exist: the mount point is made on a private tmpfs over
 * /run, so nothing is created on the host's own /run.
 */
const PRIVATE_NETNS = ['[ -d /run/netns ] || mount -t tmpfs none /run', 'mkdir -p /run/netns', 'mount -t tmpfs none /run/netns'];

/**
 * Round trips per second of `ping -f` on a real kernel, after `setup` (shell lines) and an
 * optional iptables-restore input, all inside a fresh network and mount namespace: nothing
 * touches this machine's interfaces, routes or firewall.
 */
/** how long the last kernelFlood's iptables-restore took */
let kernelRestoreMs: number | null = null;

function kernelFlood(setup: string[], ping: string, dst: string, count: number, restore?: string): number | string {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return 'skipped (needs root on Linux)';
  if (spawnSync('which', ['ping']).status !== 0) return 'skipped (no ping: apt-get install iputils-ping)';
  if (restore !== undefined && spawnSync('which', ['iptables-restore']).status !== 0)
    return 'skipped (no iptables-restore: apt-get install iptables)';
  const dir = mkdtempSync(join(tmpdir(), 'netlab-bench-'));
  const script = join(dir, 'flood.sh');
  const rules = join(dir, 'rules');
  if (restore !== undefined) writeFileSync(rules, restore);
  writeFileSync(
    script,
    [
      'set -e',
      ...PRIVATE_NETNS,
      ...setup,
      ...(restore !== undefined
        ? ['t0=$(date +%s%N)', `iptables-restore < ${rules}`, 'echo "restore $(( ($(date +%s%N) - t0) / 1000000 )) ms"']
        : []),
      `${ping} -f -q -c ${count} ${dst}`,
    ].join('\n') + '\n',
  );
  try {
    const out = execFileSync('unshare', ['--net', '--mount', '--fork', 'bash', script], { encoding: 'utf8', timeout: 300_000 });
    const m = /(\d+) packets transmitted, (\d+) received.*time (\d+)ms/.exec(out);
    if (!m) return `unparsed: ${out.trim().split('\n').pop()}`;
    const restored = /restore (\d+) ms/.exec(out);
    if (restored) kernelRestoreMs = Number(restored[1]);
    return Number(m[2]) / (Number(m[3]) / 1000);
  } catch (e) {
    return `failed: ${(e as Error).message.split('\n')[0]}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function kernelEchoRate(count: number): number | string {
  return kernelFlood(twoOnABridge(), 'ip netns exec ns1 ping', '10.0.0.2', count);
}

/**
 * `n` rules matching `-s` on addresses the probe never uses, behind `depth` nested jumps from
 * INPUT, as iptables-restore reads them. nf_tables lets a base chain reach at most 15 nested
 * jumps (NFT_JUMP_STACK_SIZE 16), so the depth stays within what a kernel accepts.
 */
export function nestedRuleset(n: number, depth = 10): string {
  const out = ['*filter', ':INPUT ACCEPT [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]'];
  for (let i = 0; i <= depth; i++) out.push(`:J${i} - [0:0]`);
  out.push('-A INPUT -j J0');
  for (let i = 1; i <= depth; i++) out.push(`-A J${i - 1} -j J${i}`);
  for (let i = 0; i < n; i++) out.push(`-A J${depth} -s 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32 -j DROP`);
  out.push('COMMIT', '');
  return out.join('\n');
}

function fmt(n: number | string): string {
  return typeof n === 'number' ? Math.round(n).toLocaleString('en-US') : n;
}

export async function benchMain(args: string[]): Promise<number> {
  const quick = args.includes('--quick');
  const rows: Array<[string, string]> = [];
  const sim = simEchoRate(quick ? 0.5 : 2);
  const kern = kernelEchoRate(quick ? 20000 : 100000);
  rows.push(['echo round trips/s, two namespaces on a bridge: simulator', fmt(sim)]);
  rows.push(['echo round trips/s, same topology: real kernel (ping -f)', fmt(kern)]);
  if (typeof kern === 'number') rows.push(['simulator / kernel', (sim / kern).toFixed(2)]);

  const n = quick ? 50 : 200;
  const { lines, addrs } = bigTopology(n);
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const sh = new Shell();
  run(sh, lines);
  const buildMs = performance.now() - t0;
  const w = sh.world;
  const members = addrs.map((a) => w.ns(a.ns)!);
  const t1 = performance.now();
  const cells = reachabilityMatrix(w, members);
  const matrixMs = performance.now() - t1;
  const pings = cells.length;
  const ok = cells.filter((c) => c.outcome.result === 'reply').length;
  const heapMb = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  rows.push([`${n}-namespace topology (${lines.length} commands): build time`, `${buildMs.toFixed(0)} ms`]);
  rows.push([
    `all-pairs ping matrix (${pings} pings, ${ok} replies)`,
    `${matrixMs.toFixed(0)} ms (${fmt(pings / (matrixMs / 1000))} pings/s)`,
  ]);
  rows.push(['heap used by that world after the matrix', `${heapMb.toFixed(1)} MiB`]);

  // size: 2,000 namespaces and 5,000 interfaces on bridges in the host
  {
    const sh2 = new Shell();
    const lines2: string[] = [];
    for (let b = 0; b < 20; b++)
      lines2.push(`ip link add br${b} type bridge`, `ip link set br${b} up`, `ip addr add 10.${100 + b}.0.1/16 dev br${b}`);
    for (let i = 0; i < 2000; i++) {
      const b = i % 20;
      const ip = `10.${100 + b}.${Math.floor(i / 20) >> 8}.${(Math.floor(i / 20) & 255) + 2}`;
      lines2.push(
        `ip netns add s${i}`,
        `ip link add h${i} type veth peer name eth0 netns s${i}`,
        `ip link set h${i} master br${b}`,
        `ip link set h${i} up`,
        `ip -n s${i} addr add ${ip}/16 dev eth0`,
        `ip -n s${i} link set eth0 up`,
      );
      if (i < 500) lines2.push(`ip -n s${i} link add d0 type veth peer name d1`);
    }
    global.gc?.();
    const h0 = process.memoryUsage().heapUsed;
    const t2 = performance.now();
    run(sh2, lines2);
    const ms = performance.now() - t2;
    const devs = sh2.world.deviceCount;
    const r = sh2.exec('ip netns exec s1980 ping -c 1 10.100.0.2');
    const heap = (process.memoryUsage().heapUsed - h0) / 2 ** 20;
    rows.push([`2,000 namespaces, ${devs.toLocaleString('en-US')} devices (${lines2.length} commands): build time`, `${ms.toFixed(0)} ms`]);
    rows.push(['  heap for that world; a ping across it', `${heap.toFixed(1)} MiB; ${String(r.record?.['result'])}`]);
  }

  // iptables: 10,000 and 100,000 rules behind 10 nested jumps, per ping to 127.0.0.1 (two
  // passes through INPUT per round trip), beside a kernel with the same ruleset
  for (const n of quick ? [10_000] : [10_000, 100_000]) {
    const text = nestedRuleset(n);
    const sh3 = new Shell();
    sh3.exec('ip link set lo up');
    const t0r = performance.now();
    const cpu0 = process.cpuUsage();
    const restored = iptablesRestore(sh3.world.root, text);
    const cpu = process.cpuUsage(cpu0);
    const restoreMs = performance.now() - t0r;
    if (restored.status !== 0) throw new Error(`bench setup failed: iptables-restore: ${restored.stderr}`);
    const w3 = sh3.world;
    w3.generation++;
    const lo = parseIpv4('127.0.0.1')!;
    if (pingOnce(w3, w3.root, lo, 1, 5).result !== 'reply') throw new Error('bench setup failed: no reply through the ruleset');
    const t3 = performance.now();
    let k = 0;
    while (performance.now() - t3 < 1000) pingOnce(w3, w3.root, lo, ++k & 0xffff, 5);
    const lab = k / ((performance.now() - t3) / 1000);
    kernelRestoreMs = null;
    const kern = kernelFlood(['ip link set lo up'], 'ping', '127.0.0.1', n >= 100_000 ? 2_000 : 20_000, text);
    const label = `${n.toLocaleString('en-US')} rules behind 10 nested jumps`;
    // wall time counts what other processes take from this one; CPU time is the work done
    rows.push([
      `iptables-restore of ${label}: simulator`,
      `${restoreMs.toFixed(0)} ms (${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU)`,
    ]);
    if (kernelRestoreMs !== null) rows.push([`iptables-restore of ${label}: real kernel`, `${kernelRestoreMs} ms`]);
    rows.push([`pings through ${label}: simulator`, `${fmt(lab)} per second`]);
    rows.push([`pings through ${label}: real kernel (ping -f)`, typeof kern === 'number' ? `${fmt(kern)} per second` : kern]);
    if (typeof kern === 'number') rows.push(['  simulator / kernel', `${(lab / kern).toFixed(2)}x`]);
  }

  // a pasted batch: 2,000 `ip netns add` through the shell (the worker adds one view per request)
  {
    const sh6 = new Shell();
    const t6 = performance.now();
    run(
      sh6,
      Array.from({ length: 2000 }, (_, i) => `ip netns add p${i}`),
    );
    rows.push(['2,000 pasted `ip netns add` lines through the shell', `${(performance.now() - t6).toFixed(0)} ms`]);
  }

  // a traced ping across 5 routers and a NAT: the events the browser animates
  {
    const sh4 = new Shell();
    const l4: string[] = ['ip netns add c', 'ip netns add s'];
    for (let i = 0; i < 5; i++) l4.push(`ip netns add r${i}`, `ip netns exec r${i} sysctl -w net.ipv4.ip_forward=1`);
    l4.push(
      'ip -n c link add eth0 type veth peer name in netns r0',
      'ip -n c addr add 10.0.0.2/24 dev eth0',
      'ip -n r0 addr add 10.0.0.1/24 dev in',
      'ip -n c link set eth0 up',
      'ip -n r0 link set in up',
      'ip -n c route add default via 10.0.0.1',
    );
    for (let i = 0; i < 4; i++) {
      l4.push(
        `ip -n r${i} link add out type veth peer name in netns r${i + 1}`,
        `ip -n r${i} addr add 10.${i + 1}.0.1/24 dev out`,
        `ip -n r${i + 1} addr add 10.${i + 1}.0.2/24 dev in`,
        `ip -n r${i} link set out up`,
        `ip -n r${i + 1} link set in up`,
        `ip -n r${i} route add default via 10.${i + 1}.0.2`,
      );
    }
    for (let i = 1; i < 5; i++) l4.push(`ip -n r${i} route add 10.0.0.0/8 via 10.${i}.0.1`);
    l4.push(
      'ip -n r4 link add out type veth peer name eth0 netns s',
      'ip -n r4 addr add 203.0.113.1/24 dev out',
      'ip -n s addr add 203.0.113.9/24 dev eth0',
      'ip -n r4 link set out up',
      'ip -n s link set eth0 up',
      'ip netns exec r4 iptables -t nat -A POSTROUTING -o out -j MASQUERADE',
    );
    run(sh4, l4);
    const w4 = sh4.world;
    const events: unknown[] = [];
    w4.onTrace((e) => events.push(e));
    const c = w4.ns('c')!;
    const dst = parseIpv4('203.0.113.9')!;
    const first = pingOnce(w4, c, dst, 1, 11);
    const t4 = performance.now();
    let k = 0;
    let n = 0;
    while (performance.now() - t4 < 1000) {
      events.length = 0;
      pingOnce(w4, c, dst, ++k & 0xffff, 11);
      n = events.length;
    }
    rows.push([
      `traced ping across 5 routers and NAT (${first.result}, ${n} events)`,
      `${((performance.now() - t4) / k).toFixed(3)} ms per ping`,
    ]);
  }

  // the reachability matrix of a 50-namespace lab, as the browser computes it
  {
    const { lines: l5, addrs: a5 } = bigTopology(50);
    const sh5 = new Shell();
    run(sh5, l5);
    const members = a5.map((a) => sh5.world.ns(a.ns)!);
    reachabilityMatrix(sh5.world, members);
    const t5 = performance.now();
    const cells = reachabilityMatrix(sh5.world, members);
    rows.push([`reachability matrix, 50 namespaces (${cells.length} cells)`, `${(performance.now() - t5).toFixed(0)} ms`]);
  }

  const width = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n') + '\n');
  return 0;
}
