// Work done on scratch worlds, never on the learner's: lesson checks (probes on a copy of the
// lab), the docker daemons' bookkeeping for the Docker panel, the side-by-side comparison of
// network modes, and the exports. Plain functions of a Shell or a log, so tests run them in Node.

import { formatIpv4 } from '../core/addr.ts';
import { snapshot } from '../core/snapshot.ts';
import type { TraceEvent } from '../core/trace.ts';
import { cidrText, existingEngine } from '../cmd/docker/engine.ts';
import { sandboxName, visibleOverlays } from '../cmd/docker/overlay.ts';
import { toContainerlab } from '../cmd/export-clab.ts';
import { toCompose } from '../cmd/export-compose.ts';
import { Shell } from '../cmd/shell.ts';
import type { CompareLab, CompareRow, DockerDaemonView, LineInput, ProbeOutcome } from '../protocol/messages.ts';

/** the words of a line after any `ip netns exec NS` prefixes */
function bareWords(line: string): string[] {
  let w = line.trim().split(/\s+/);
  while (w[0] === 'ip' && w[1] === 'netns' && w[2] === 'exec' && w.length > 4) w = w.slice(4);
  return w;
}

/**
 * A docker command that changes the daemon's state (and so must be replayed), whether or not
 * the kernel's topology changed: `docker network create -d macvlan …` makes no device until a
 * container joins, yet the next `docker run --network` needs it.
 */
export function isDockerMutation(line: string): boolean {
  const w = bareWords(line);
  if (w[0] !== 'docker') return false;
  let i = 1;
  while (i < w.length && w[i]!.startsWith('-')) i += w[i] === '-D' || w[i] === '--debug' ? 1 : 2;
  const [cmd, sub] = [w[i], w[i + 1]];
  if (cmd === 'run' || cmd === 'rm' || cmd === 'create' || cmd === 'start' || cmd === 'stop') return true;
  // a paused container's devices stay as they are: only the daemon's state changes
  if (cmd === 'pause' || cmd === 'unpause') return true;
  if (cmd === 'container')
    return sub === 'rm' || sub === 'run' || sub === 'create' || sub === 'pause' || sub === 'unpause' || sub === 'shell-exit';
  if (cmd === 'network')
    return sub === 'create' || sub === 'rm' || sub === 'remove' || sub === 'connect' || sub === 'disconnect' || sub === 'prune';
  return false;
}

/** a replay of a log on a fresh Shell (lines the kernel refuses are skipped, as reset does) */
export function replay(log: readonly string[]): Shell {
  const shell = new Shell();
  for (const line of log) shell.exec(line);
  return shell;
}

/**
 * the path a probe's first packet took: the devices it left through (ARP aside) until it was
 * delivered, the address rewrites on that way, and the first drop if there was one
 */
export function pathOf(trace: readonly TraceEvent[]): { path: string[]; nat: string[]; drop: string | null } {
  const path: string[] = [];
  const nat: string[] = [];
  let drop: string | null = null;
  let delivered = false;
  for (const e of trace) {
    if (e.type === 'drop' && drop === null) drop = `${e.ns}: ${e.reason}`;
    if (delivered || e.dir === 'reply') continue;
    if (e.type === 'xmit' && e.dev && !e.pkt?.text.startsWith('ARP')) {
      const hop = `${e.ns}:${e.dev}`;
      if (path[path.length - 1] !== hop) path.push(hop);
    }
    if (e.type === 'nat') nat.push(`${e.kind} ${e.before} ⇒ ${e.after} (${e.ns}, ${e.hook})`);
    if (e.type === 'deliver') {
      path.push(`${e.ns}:${e.dev ?? 'lo'} (delivered)`);
      delivered = true;
    }
  }
  return { path, nat, drop };
}

/** run lines on a copy of the world built from `log`; each with what its trace shows */
export function probeOnCopy(log: readonly string[], lines: readonly LineInput[]): ProbeOutcome[] {
  const shell = replay(log);
  return lines.map(({ line, ns }) => runTraced(shell, line, ns));
}

function runTraced(shell: Shell, line: string, ns: string | null): ProbeOutcome {
  const events: TraceEvent[] = [];
  const off = shell.world.onTrace((e) => {
    if (events.length < 5000) events.push(e);
  });
  try {
    const r = shell.exec(line, ns);
    return {
      line,
      ns: r.ns,
      stdout: r.stdout,
      stderr: r.stderr,
      status: r.status,
      kind: r.kind,
      accepted: false,
      ...(r.record ? { record: r.record } : {}),
      ...pathOf(events),
    };
  } finally {
    off();
  }
}

/** what every daemon in the world remembers: for the Docker panel and the canvas labels */
export function dockerState(shell: Shell): DockerDaemonView[] {
  const out: DockerDaemonView[] = [];
  for (const host of shell.world.allNs()) {
    const e = existingEngine(host);
    if (!e || (!e.started && e.containers.size === 0)) continue;
    const node = e.swarm?.nodes.get(host);
    out.push({
      host: host.label,
      swarm: node ? `swarm ${node.role}, advertises ${formatIpv4(node.addr)}` : null,
      networks: [...e.networks.values(), ...visibleOverlays(e, host)].map((n) => ({
        name: n.name,
        id: n.id.slice(0, 12),
        driver: n.driver,
        subnet: n.subnet ? cidrText(n.subnet) : null,
        gateway: n.gateway === null ? null : formatIpv4(n.gateway),
        bridge:
          n.driver === 'overlay'
            ? shell.world.ns(sandboxName(host, n))
              ? `br0 + vxlan0 (VNI ${n.vni}) in ${sandboxName(host, n)}`
              : `VNI ${n.vni}: no sandbox here until a container joins`
            : n.bridge,
        parent: n.parent,
        mode: n.mode,
      })),
      containers: [...e.containers.values()].map((c) => ({
        name: c.name,
        id: c.id.slice(0, 12),
        image: c.image,
        netns: c.netns,
        mode: c.mode.kind === 'container' ? `container:${c.mode.of}` : c.mode.kind,
        endpoints: c.endpoints.map((ep) => ({ network: ep.network, ip: formatIpv4(ep.ip), ifname: ep.ifname, hostVeth: ep.hostVeth })),
        ports: c.ports.map((p) => `${p.hostIp ?? '0.0.0.0'}:${p.hostPort}->${p.port}/${p.proto}`),
        serves: c.serves,
      })),
    });
  }
  return out;
}

export function exportText(shell: Shell, format: 'compose' | 'clab'): string {
  const s = snapshot(shell.world);
  return format === 'compose' ? toCompose(s) : toContainerlab(s);
}

/** each lab on its own fresh world: setup, then the curl, with what the server saw and the path */
export function compareLabs(labs: readonly CompareLab[]): CompareRow[] {
  return labs.map((lab) => {
    const shell = new Shell();
    const refused: string[] = [];
    for (const line of lab.setup) {
      const r = shell.exec(line);
      if (r.status !== 0 && r.kind !== 'probe') refused.push(`${line}: ${r.stderr.trim().split('\n').pop() ?? ''}`);
    }
    const o = runTraced(shell, lab.curl, null);
    const rec = o.record as { result?: string; client?: string; http_code?: number } | undefined;
    return {
      id: lab.id,
      title: lab.title,
      setup: lab.setup,
      curl: lab.curl,
      answers: lab.answers,
      refused,
      ok: rec?.result === 'ok',
      result: rec?.result ?? (o.status === 0 ? 'ok' : 'error'),
      client: rec?.client ?? null,
      stdout: o.stdout,
      stderr: o.stderr,
      path: o.path,
      nat: o.nat,
      drop: o.drop,
    };
  });
}
