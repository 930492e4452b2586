// A container's life as the Docker daemon keeps it: created, running, exited with its
// process's status. When the process ends (its command finished, `docker stop`, `docker
// kill`) libnetwork deletes the sandbox: the endpoints leave their networks (veth, addresses,
// the published ports' rules, docker-proxy) and the namespace goes. `docker start` makes a
// new sandbox and new endpoints: new ids, veth names and MACs, and each network's first free
// address unless the endpoint asked for one (--ip), as the daemon's IPAM hands them out.

import { formatIpv4 } from '../../core/addr.ts';
import {
  DockerError,
  type Ctx,
  type Draft,
  type Plan,
  type Step,
  daemonStart,
  gatewayEndpoint,
  isRunning,
  joinNetwork,
  linkRules,
  planRm,
  portRules,
  serverStep,
  teardown,
} from './expand.ts';
import type { Container, Endpoint, Life, PortMap } from './engine.ts';
import { resolverSteps } from './resolver.ts';

/** the life record of a container, made on first use: running since it was created */
export function lifeOf(ct: Container): Life {
  ct.life ??= {
    state: 'running',
    exitCode: 0,
    startedAt: ct.created,
    finishedAt: 0,
    logs: [],
    starts: 1,
    parked: [],
    mac: null,
  };
  return ct.life;
}

/** go-units' HumanDuration, as `docker ps` prints ages */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(ms / 3600000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3600000 / 24 / 365)} years`;
}

/** State.String(): `Up 5 seconds`, `Exited (137) 2 minutes ago`, `Created` */
export function statusText(ct: Container, now: number): string {
  const l = ct.life;
  if (!l || l.state === 'running') return `Up ${humanDuration(now - (l?.startedAt ?? ct.created))}${l?.paused ? ' (Paused)' : ''}`;
  if (l.state === 'created') return 'Created';
  return `Exited (${l.exitCode}) ${humanDuration(now - l.finishedAt)} ago`;
}

/** the process printed TEXT at TIME (docker logs shows it in the order written) */
export function logOutput(ct: Container, stdout: string, stderr: string, time: number): void {
  const logs = lifeOf(ct).logs;
  if (stdout) logs.push({ stream: 'stdout', text: stdout, time });
  if (stderr) logs.push({ stream: 'stderr', text: stderr, time });
}

/**
 * The process ended with STATUS: the sandbox goes (teardown), the endpoints are kept aside
 * for the next start, the container is Exited (or Created: `docker create` keeps only what
 * the endpoints asked for, the sandbox is made at start).
 */
export function planExit(c: Ctx, ct: Container, status: number, state: 'exited' | 'created' = 'exited'): Plan {
  const steps: Step[] = [];
  const after: Step[] = [];
  if (ct.endpoints.some((ep) => ep.sandbox || ep.hidden) || ct.task)
    throw new DockerError(`netlab: stopping a container on an overlay network (${ct.name}) is not modelled yet`, 1);
  const sharing = [...c.e.containers.values()].find((o) => o.mode.kind === 'container' && o.mode.of === ct.name && isRunning(o));
  if (sharing)
    throw new DockerError(
      `netlab: ${ct.name}'s network namespace is shared by ${sharing.name} (--network container:${ct.name}); stop ${sharing.name} first`,
      1,
    );
  teardown(c, ct, [ct], steps, after);
  return {
    steps: [...steps, ...after],
    stdout: '',
    stderr: '',
    commit: () => {
      const l = lifeOf(ct);
      l.parked = ct.endpoints;
      ct.endpoints = [];
      ct.portsOn = null;
      l.state = state;
      l.paused = false;
      l.exitCode = status;
      delete l.endsAt;
      delete l.endStatus;
      l.finishedAt = state === 'created' ? 0 : c.w.clock.now();
      if (state === 'created') l.startedAt = 0;
    },
  };
}

/**
 * A new sandbox for a stopped container: its namespace, an endpoint on each network it had
 * (the best ranked one gives the default route), its published ports on that endpoint, its
 * links, its image's server.
 */
export function planStart(c: Ctx, ct: Container): Plan {
  const { e, w } = c;
  const l = lifeOf(ct);
  const d: Draft = { c, steps: [...daemonStart(c)], after: [], names: new Set(), taken: new Map() };
  const gen = { name: ct.name, id: `${ct.id}:start${l.starts + 1}` };
  const endpoints: Endpoint[] = [];
  let portsOn: string | null = null;
  const started = { c, image: ct.image, life: () => l };
  if (ct.mode.kind === 'container') {
    const other = e.containers.get(ct.mode.of);
    if (!other || !isRunning(other))
      throw new DockerError(
        `Error response from daemon: cannot join network namespace of a non running container: ${other?.id ?? ct.mode.of}`,
        1,
      );
    if (ct.serves !== null) d.steps.push(serverStep(other.mode.kind === 'host' ? null : ct.netns, ct.serves, started));
  } else if (ct.mode.kind === 'host') {
    if (ct.serves !== null) d.steps.push(serverStep(null, ct.serves, started));
  } else if (ct.mode.kind === 'none') {
    d.steps.push({ line: `ip netns add ${ct.netns}` }, { line: `ip -n ${ct.netns} link set lo up` });
    if (ct.serves !== null) d.steps.push(serverStep(ct.netns, ct.serves, started));
  } else {
    if (w.ns(ct.netns))
      throw new DockerError(`netlab: a network namespace called "${ct.netns}" already exists; remove it before starting ${ct.name}`, 1);
    d.steps.push({ line: `ip netns add ${ct.netns}` });
    const parked = l.parked;
    const gw = gatewayEndpoint(e, parked);
    parked.forEach((old, i) => {
      const net = e.networks.get(old.network);
      if (!net) throw new DockerError(`Error response from daemon: network ${old.network} not found`, 1);
      const ep = joinNetwork(d, gen, ct.netns, net, old.ifname, {
        ip: old.requested ? formatIpv4(old.ip) : null,
        mac: i === 0 ? l.mac : null,
        gateway: old === gw,
        fresh: i === 0,
      });
      endpoints.push(old.aliases?.length ? { ...ep, aliases: old.aliases } : ep);
    });
    if (parked.some((x) => e.networks.get(x.network)?.builtin === false))
      d.steps.push(...resolverSteps(w, ct.netns, `${ct.id}:${l.starts + 1}`));
    const gwEp = gw ? endpoints[parked.indexOf(gw)] : undefined;
    const gwNet = gwEp ? e.networks.get(gwEp.network) : undefined;
    if (ct.ports.length && gwEp && gwNet?.driver === 'bridge') {
      const bound = new Set<string>();
      for (const o of e.containers.values()) if (o !== ct && isRunning(o)) for (const p of o.ports) bound.add(`${p.proto}/${p.hostPort}`);
      for (const p of ct.ports) {
        if (bound.has(`${p.proto}/${p.hostPort}`))
          throw new DockerError(
            `Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint ${ct.name} (${gwEp.id}): Bind for ${p.hostIp ?? '0.0.0.0'}:${p.hostPort} failed: port is already allocated`,
            1,
          );
        d.steps.push(...portRules(e, c.host, gwNet, gwEp.ip, p as PortMap, false));
      }
      portsOn = gwNet.name;
    }
    const bridge = e.networks.get('bridge');
    const mine = endpoints.find((x) => x.network === 'bridge');
    for (const link of ct.links ?? []) {
      const child = e.containers.get(link.name);
      if (bridge && mine && child) d.steps.push(...linkRules(e, bridge, mine.ip, child, false));
    }
    if (ct.serves !== null) d.steps.push(serverStep(ct.netns, ct.serves, started));
  }
  return {
    steps: [...d.steps, ...d.after],
    stdout: '',
    stderr: '',
    commit: () => {
      ct.endpoints = endpoints;
      ct.portsOn = portsOn;
      l.parked = [];
      l.state = 'running';
      l.starts++;
      l.startedAt = w.clock.now();
    },
  };
}

/**
 * docker pause / unpause: the listening sockets of the container's processes freeze with them.
 * The kernel still answers for the namespace (ping, the TCP handshake, the ACK of a request);
 * no process reads what comes. The embedded DNS server (dockerd's) and the servers of
 * containers that share the namespace (--network container:) are not the container's.
 */
export function freeze(c: Ctx, ct: Container, on: boolean): void {
  const { e, w } = c;
  let owner: Container = ct;
  if (ct.mode.kind === 'container') owner = e.containers.get(ct.mode.of) ?? ct;
  const ns = owner.mode.kind === 'host' ? c.host : w.ns(owner.netns);
  if (!ns) return;
  const whole = ct.mode.kind === 'networks' || ct.mode.kind === 'none';
  const others = new Set(
    [...e.containers.values()].filter((o) => o !== ct && o.mode.kind === 'container' && o.mode.of === ct.name).map((o) => o.serves),
  );
  const mine = (port: number, dns: boolean): boolean => (whole ? !dns && !others.has(port) : port === ct.serves);
  ns.listeners = ns.listeners.map((l) => {
    if (!mine(l.port, l.dns !== undefined)) return l;
    const { frozen: _, ...rest } = l;
    return on ? { ...rest, frozen: true } : rest;
  });
}

/** `sleep N` (busybox's suffixes s, m, h, d): how long it runs, in ms; null when it never ends by itself */
export function sleepMs(argv: readonly string[]): number | null {
  const [cmd, arg] = argv;
  if (cmd?.replace(/^.*\//, '') !== 'sleep' || arg === undefined) return null;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return null;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(m[1]) * unit * 1000);
}

/** the process was started now: a `sleep N` ends N seconds later */
export function markStarted(ct: Container, now: number): void {
  const ms = sleepMs(ct.command);
  const l = lifeOf(ct);
  // a server that could not bind has its end set already (serverStep)
  if (ms !== null) {
    l.endsAt = now + ms;
    l.endStatus = 0;
  }
}

/**
 * The daemon learns that processes ended on their own (containerd's exit events): each
 * running container whose `sleep N` is over exits with 0 at the time it ended.
 */
export function reapEnded(c: Ctx, execute: (p: Plan) => unknown): void {
  const now = c.w.clock.now();
  for (const ct of [...c.e.containers.values()]) {
    const l = ct.life;
    // a frozen process sleeps on: it ends when it is thawed
    const at = l?.state === 'running' && !l.paused ? l.endsAt : undefined;
    if (!l || at === undefined || at > now) continue;
    const status = l.endStatus ?? 0;
    delete l.endsAt;
    processExit(c, execute, ct, status, at);
  }
}

/** the process ended with STATUS (at AT): the container is Exited; with --rm the daemon removes it */
export function processExit(c: Ctx, execute: (p: Plan) => unknown, ct: Container, status: number, at = c.w.clock.now()): void {
  execute(planExit(c, ct, status));
  lifeOf(ct).finishedAt = at;
  if (ct.autoRemove) execute(planRm(c, [ct.name], true));
}

/** the CMD of the lab's images that serve nothing (alpine's, busybox's, ubuntu's, debian's): a shell */
export function imageCmd(image: string): readonly string[] {
  const bare = image.replace(/^docker\.io\/(library\/)?/, '').replace(/[:@].*$/, '');
  if (bare === 'alpine') return ['/bin/sh'];
  if (bare === 'ubuntu') return ['/bin/bash'];
  if (bare === 'debian') return ['bash'];
  return ['sh'];
}

/** what the container's process runs: its command, else its image's CMD (a server image: its server) */
export function processArgv(ct: Container): readonly string[] {
  return ct.command.length || ct.serves !== null ? ct.command : imageCmd(ct.image);
}

/** the container's process is a shell reading this terminal (`docker run -it`, or -i): no `sh -c` */
export function isInteractiveShell(ct: Container): boolean {
  const argv = processArgv(ct);
  return argv.length === 1 && /^(\/bin\/)?(sh|ash|bash)$/.test(argv[0]!) && (ct.tty === true || ct.openStdin === true);
}

/**
 * Whether the process keeps running once started: a server, a command that does not end by
 * itself, or a shell whose stdin stays open (-i: the daemon keeps the pipe open; -t: the
 * terminal stays open). A shell with neither reads EOF from /dev/null and exits 0 at once.
 */
export function keepsRunning(ct: Container): boolean {
  const interactive = ct.tty === true || ct.openStdin === true;
  // an interactive shell named as the command (`docker run -it alpine sh`) reads its stdin too
  if (ct.command.length === 1 && /^(\/bin\/)?(sh|ash|bash)$/.test(ct.command[0]!)) return interactive;
  if (ct.command.length) return runsForever(ct.command) || sleepMs(ct.command) !== null;
  return ct.serves !== null || interactive;
}

/** the image's process stops on its stop signal (nginx: SIGQUIT, httpd: SIGWINCH); PID 1 ignores what it has no handler for */
export function handlesStop(ct: Container): boolean {
  return ct.serves !== null && ct.command.length === 0;
}

/**
 * A command that does not end by itself (a shell reading no terminal ends at once; `sleep N`
 * ends after N seconds): the container keeps running. null: it ends when it has run.
 */
export function runsForever(argv: readonly string[]): boolean {
  const [cmd, ...args] = argv;
  if (cmd === undefined) return false;
  const base = cmd.replace(/^.*\//, '');
  if (base === 'sleep') return args[0] === 'infinity' || args[0] === 'inf';
  if (base === 'ping') return !args.some((a) => /^-\w*[cw]/.test(a));
  if (base === 'tail') return args.some((a) => a === '-f' || a === '-F' || a === '--follow');
  if (base === 'top' || base === 'httpd' || base === 'nginx') return true;
  if (base === 'cat') return args.length === 0;
  if (base === 'python3' || base === 'python') return args[0] === '-m' && args[1] === 'http.server';
  return false;
}
