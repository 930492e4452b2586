// `docker` as a command of the dialect, run in the namespace that plays the host. Each docker
// command is expanded into the primitive commands Docker itself performs (./docker/expand.ts)
// and those run through the Shell, so every one is checked as the kernel checks it. A docker
// command is atomic: if Docker refuses it, or any primitive fails, the world is as before.
//
//   docker explain CMD…    prints the primitive lines CMD would run, and runs nothing
//   docker --debug CMD…    runs CMD and prints each primitive on stderr as `+ line`
//   docker exec C CMD…     runs CMD in C's namespace; names resolve there as in the
//                          container: its /etc/hosts, then its resolv.conf's servers — on a
//                          user-defined network the embedded DNS at 127.0.0.11, reached
//                          through DOCKER_OUTPUT's DNAT (./docker/resolver.ts); nslookup is
//                          busybox's in alpine and busybox images
//
// The rules are Docker Engine 29.7.2's with the iptables backend, rule for rule and in order
// (moby's iptablesdoc for that release, ./docker/iptablesdoc/): FORWARD → DOCKER-USER,
// DOCKER-FORWARD → DOCKER-CT, DOCKER-INTERNAL, DOCKER-BRIDGE → DOCKER; a DROP per bridge at
// the end of DOCKER; a raw PREROUTING DROP per container address. `dockerd [OPTIONS] &` sets the
// daemon's options before its first start. docker-proxy (on by default) listens on each
// published TCP port and makes the connection again from the bridge's address (the host's
// 127.0.0.1, a container's hairpin). A container's gateway and published ports follow Docker's
// ranking of its endpoints. A container's command that ends runs to its end (in the foreground
// or detached) and the container is Exited with its status (./docker/lifecycle.ts: stop,
// start, restart, kill, wait, logs, pause, unpause; the sandbox goes when the process ends).
// `docker run -it` opens the container's shell in the terminal; its `exit N` leaves the container
// Exited (N), or removed with --rm. Not modelled (refused by name): IPv6, and processes other than the HTTP server of
// nginx/httpd-like images, the dialect's probes and `sh -c`; an image without a command
// (alpine, busybox) runs its CMD, a shell, which reads EOF and exits 0 at once unless -i or -t
// keep its stdin open (`docker run -d alpine sleep infinity` keeps one running). Any namespace can
// play a host (`ip netns exec h1 docker …`): each has its own daemon state; the containers'
// namespaces are named after the containers, so names must be unique across hosts. Hosts
// that joined one swarm (`docker swarm init|join`) share its overlay networks
// (./docker/overlay.ts): VXLAN between the hosts' advertised addresses.

import { formatIpv4, networkOf, parseIpv4 } from '../core/addr.ts';
import { cloneTable } from '../core/netfilter/rule.ts';
import type { Device, VxlanFdb } from '../core/device.ts';
import type { Listener, Netns } from '../core/netns.ts';
import type { World } from '../core/world.ts';
import { cidrText, ENGINE_VERSION, engineOf, existingEngine, hexId, type Container, type Engine } from './docker/engine.ts';
import {
  DockerError,
  PortAllocated,
  findContainer,
  findNetwork,
  daemonStartPlan,
  planConnect,
  planDisconnect,
  planNetworkCreate,
  planNetworkPrune,
  planNetworkRm,
  planRm,
  planRun,
  imageServes,
  isRunning,
  BACKGROUND,
  type Ctx,
  type Plan,
  type Step,
  withHelp,
} from './docker/expand.ts';
import { dockerInfo, parseDockerd } from './docker/daemon.ts';
import { finish, lifecycleCommand, planContainerPrune, type LifeHooks } from './docker/lifecycle-commands.ts';
import {
  humanDuration,
  isInteractiveShell,
  lifeOf,
  markStarted,
  planExit,
  processArgv,
  processExit,
  reapEnded,
  runsForever,
  statusText,
} from './docker/lifecycle.ts';
import { dockerPort } from './docker/port.ts';
import { DOCKER_CLI } from './docker/cli-flags.ts';
import { type ReadFlags, readDockerFlags } from './docker/cli-flags-model.ts';
import { flagError } from './docker/pflag.ts';
import { capabilities, parseNetworkOpt, readRunFlags } from './docker/run-flags.ts';
import { inspectArgs, inspectOutput, type Json, type Shape } from './docker/template.ts';
import { planServiceCreate, planServiceRm, serviceLs, type ServiceSpec } from './docker/ingress.ts';
import type { PortMap, ServicePort } from './docker/engine.ts';
import { joinToken, nodeLs, planSwarmInit, planSwarmJoin, planSwarmLeave, visibleOverlays } from './docker/overlay.ts';
import {
  containerHosts,
  containerResolvConf,
  INTERNAL_NS,
  hostsFileLookup,
  isIpAddress,
  parseExtraHost,
  validDnsSearch,
  type ExtraHost,
} from './docker/etc-files.ts';
import { addFileProvider, readFile } from './files.ts';
import { getentCommand } from './docker/getent.ts';
import { splitWords } from './lex.ts';
import { queryServer, resolveName, type Resolution } from '../core/resolver.ts';
import { DNS_TYPE_A, DNS_TYPE_AAAA, RCODE_NAMES, type DnsRcode } from '../core/dns.ts';
import { setEmbeddedAnswer } from './docker/resolver.ts';
import { CmdError, ok, type ExecResult, type NestedShell } from './result.ts';
import { Shell } from './shell.ts';
import { isShowCommand } from './show-record.ts';

export { DockerError } from './docker/expand.ts';

const USAGE = `Usage:  docker [OPTIONS] COMMAND

Commands (netlab):
  run         Create and run a new container from an image (-it IMAGE: its shell in this terminal; exit N leaves it Exited (N))
  create      Create a new container (Created: docker start runs it)
  ps          List containers (-a: the stopped ones too)
  rm          Remove one or more containers (-f: running ones too)
  stop        Stop one or more running containers (its image's stop signal; -t SECONDS, -s SIGNAL)
  start       Start one or more stopped containers (-a: print the output; -ai: its shell in this terminal again)
  restart     Restart one or more containers
  kill        Kill one or more running containers (-s SIGNAL)
  wait        Print the exit codes of stopped containers
  logs        Fetch the logs of a container (-n N, -t, --since, --until, --details)
  pause       Pause all processes within one or more containers
  unpause     Unpause all processes within one or more containers
  exec        Run a command in a running container (-it C sh: its shell in this terminal until exit)
  inspect     Return low-level information on a container or network
  port        List port mappings or a specific mapping for the container
  container   The same as containers: ls, inspect, port, run, create, rm, exec, stop, start, restart, kill, wait, logs, pause, unpause, prune
  network     Manage networks: create (-d bridge|macvlan|ipvlan|overlay), ls, inspect, rm, connect, disconnect
  swarm       Manage a swarm: init [--advertise-addr IP], join --token T IP:2377, join-token worker, leave
  node        List the swarm's nodes: node ls (on a manager)
  explain     Print the primitive commands a docker command runs, without running them

Options:
  -D, --debug  Print each primitive command on stderr ("+ ip link add …")
`;

function ctxOf(w: World, host: Netns): Ctx {
  return { w, host, e: engineOf(host) };
}

/** the lines as the root namespace would run them */
function stepLine(host: Netns, s: Step): string {
  return hostLine(s.on ?? host, s.line);
}

function hostLine(host: Netns, line: string): string {
  // `ip netns add|del` inside `ip netns exec` would name the namespace only in that command's
  // own mount namespace: named namespaces are made (and removed) from the top, and entered
  // from there too (`ip netns exec C …` is the same from any host)
  if (/^ip netns (add|del|delete|exec) /.test(line)) return line;
  return host.name === null || line.startsWith('#') ? line : `ip netns exec ${host.name} ${line}`;
}

/** build the plan of a mutating docker command; null for read-only commands */
function planOf(c: Ctx, args: string[]): Plan | null {
  const [cmd, ...rest] = args;
  switch (cmd) {
    case 'run':
      return planRun(c, parseRun(rest));
    case 'rm': {
      const force = rest.some((a) => a === '-f' || a === '--force' || a === '-fv' || a === '-vf');
      const refs = rest.filter((a) => !a.startsWith('-'));
      if (!refs.length)
        throw new DockerError(
          '"docker rm" requires at least 1 argument.\nSee \'docker rm --help\'.\n\nUsage:  docker rm [OPTIONS] CONTAINER [CONTAINER...]\n\nRemove one or more containers',
          1,
        );
      for (const r of refs) {
        const task = findContainer(c.e, r)?.task;
        if (task)
          throw new DockerError(`netlab: ${r} is a task of service ${task}, which swarm would start again: docker service rm ${task}`, 1);
      }
      return planRm(c, refs, force);
    }
    case 'service': {
      const [sub, ...r] = rest;
      if (sub === 'create') return planServiceCreate(c, parseServiceCreate(r));
      if (sub === 'rm' || sub === 'remove')
        return planServiceRm(
          c,
          r.filter((a) => !a.startsWith('-')),
          (task) => planRm(c, [task], true),
        );
      return null;
    }
    case 'swarm': {
      const [sub, ...r] = rest;
      const args = splitEq(r);
      const flag = (f: string): string | null => {
        const i = args.indexOf(f);
        return i >= 0 ? need(args, i, f, `swarm ${sub}`) : null;
      };
      switch (sub) {
        case 'init':
          return planSwarmInit(c, flag('--advertise-addr'));
        case 'join': {
          const pos = args.filter(
            (a, i) =>
              !a.startsWith('-') && !['--token', '--advertise-addr', '--listen-addr', '--data-path-addr'].includes(args[i - 1] ?? ''),
          );
          return planSwarmJoin(c, flag('--token'), pos[0] ?? null, flag('--advertise-addr'));
        }
        case 'leave':
          return planSwarmLeave(c, args.includes('-f') || args.includes('--force'));
        default:
          return null;
      }
    }
    case 'network': {
      const [sub, ...r] = rest;
      switch (sub) {
        case 'create':
          return planNetworkCreate(c, parseNetworkCreate(r));
        case 'prune': {
          const read = readFlags('network prune', r);
          if (read.args.length) throw argsError('network prune', 'accepts no arguments');
          if (!read.flags.some((f) => f.name === 'force' && f.value === 'true'))
            throw new DockerError(
              'netlab: docker network prune asks "Are you sure you want to continue? [y/N]", which the lab\'s terminal cannot answer: add -f',
              1,
            );
          return planNetworkPrune(c);
        }
        case 'rm':
        case 'remove': {
          const read = readFlags('network rm', r);
          if (!read.args.length) throw argsError('network rm', 'requires at least 1 argument');
          return planNetworkRm(
            c,
            read.args,
            read.flags.some((f) => f.name === 'force' && f.value === 'true'),
          );
        }
        case 'connect': {
          const { pos, ip, aliases, gwPriority } = splitConnect(r);
          if (pos.length !== 2) throw argsError('network connect', 'requires 2 arguments');
          return planConnect(c, pos[0]!, pos[1]!, ip, aliases, gwPriority);
        }
        case 'disconnect': {
          const read = readFlags('network disconnect', r);
          const pos = read.args;
          if (pos.length !== 2) throw argsError('network disconnect', 'requires 2 arguments');
          return planDisconnect(c, pos[0]!, pos[1]!);
        }
        default:
          return null;
      }
    }
    default:
      return null;
  }
}

/**
 * A script with docker lines turned into the primitive lines they run (each docker line is
 * run too, so the next one expands against the world it leaves). Other lines pass through.
 * This is how the conformance scenarios 5x-docker-*.sh are written from their docker form.
 */
export function expandScript(text: string, shell = new Shell()): string {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    // `docker …` runs in the root namespace, `ip netns exec H docker …` on the host H
    const m = /^ip netns exec (\S+) (docker .*)$/.exec(raw.trim());
    const host = m ? shell.world.ns(m[1]!) : shell.world.root;
    const cmd = m ? m[2]! : raw.trim();
    const words = host && cmd.startsWith('docker ') ? splitWords(cmd) : null;
    if (words && host) {
      out.push(`# ${raw.trim()}`);
      out.push(...expandDocker(shell.world, host, words.slice(1)));
    } else out.push(raw);
    shell.exec(raw);
  }
  return out.join('\n');
}

/** the primitive lines a docker command expands to, as the root namespace runs them (nothing changes) */
export function expandDocker(w: World, host: Netns, args: string[]): string[] {
  const a = stripGlobal(args).args;
  const p = planOf(ctxOf(w, host), a);
  return p ? p.steps.map((s) => stepLine(host, s)) : [];
}

/** `docker container X` is `docker X` for the container commands netlab has (ls is ps) */
const CONTAINER_ALIASES: Record<string, string> = {
  ls: 'ps',
  list: 'ps',
  ps: 'ps',
  run: 'run',
  rm: 'rm',
  remove: 'rm',
  exec: 'exec',
  port: 'port',
  stop: 'stop',
  start: 'start',
  restart: 'restart',
  kill: 'kill',
  wait: 'wait',
  logs: 'logs',
  pause: 'pause',
  unpause: 'unpause',
  create: 'create',
};

/** docker's commands that netlab does not model: refused by name, never taken for unknown */
const NOT_MODELLED = new Set(
  'attach build commit cp diff events export history image import load login logout plugin push rename save search stats system tag top update volume builder buildx compose config context manifest secret stack trust checkpoint'.split(
    ' ',
  ),
);

function stripGlobal(args: string[]): { args: string[]; debug: boolean } {
  let debug = false;
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-')) {
    const a = args[i]!;
    if (a === '-D' || a === '--debug') {
      debug = true;
      i++;
      continue;
    }
    if (a === '-l' || a === '--log-level' || a === '-H' || a === '--host' || a === '--context' || a === '-c') {
      i += 2;
      continue;
    }
    throw new DockerError(`unknown flag: ${a}\nSee 'docker --help'.`, 125);
  }
  const rest = args.slice(i);
  // docker container ls|run|rm|exec|port …: the same commands
  if (rest[0] === 'container' && rest[1] !== undefined && rest[1] !== 'inspect') {
    const alias = CONTAINER_ALIASES[rest[1]];
    if (alias) return { args: [alias, ...rest.slice(2)], debug };
    if (NOT_MODELLED.has(rest[1])) throw new DockerError(`netlab: docker container ${rest[1]} is not modelled yet`, 1);
  }
  return { args: rest, debug };
}

/** what a failed primitive rolls back: everything it can touch in the host and in new namespaces */
interface Saved {
  readonly namespaces: ReadonlySet<string>;
  readonly devices: ReadonlySet<number>;
  /** every namespace's tables: Docker programs the host, the ingress sandbox and containers */
  readonly tables: ReadonlyMap<Netns, Netns['tables']>;
  readonly ipvs: ReadonlyMap<Netns, Netns['ipvs']>;
  readonly sysctl: { ipForward: boolean; bridgeNfCallIptables: boolean };
  readonly listeners: ReadonlyMap<Netns, Listener[]>;
  /** an overlay's peers are programmed in other namespaces: their neighbours and VXLAN FDBs */
  readonly neigh: ReadonlyMap<Netns, Netns['neigh']>;
  readonly vxlanFdb: ReadonlyMap<Device, Array<[number, VxlanFdb]>>;
}

function save(w: World, host: Netns): Saved {
  return {
    namespaces: new Set(w.named.keys()),
    devices: new Set(w.allDevices().map((d) => d.id)),
    tables: new Map(
      w.allNs().map((n) => [
        n,
        {
          ...n.tables,
          filter: cloneTable(n.tables.filter),
          nat: cloneTable(n.tables.nat),
          raw: cloneTable(n.tables.raw),
          mangle: cloneTable(n.tables.mangle),
        },
      ]),
    ),
    ipvs: new Map(w.allNs().map((n) => [n, n.ipvs?.map((v) => ({ ...v, dests: v.dests.map((d) => ({ ...d })) })) ?? null])),
    sysctl: { ipForward: host.sysctl.ipForward, bridgeNfCallIptables: host.sysctl.bridgeNfCallIptables },
    listeners: new Map(w.allNs().map((n) => [n, [...n.listeners]])),
    neigh: new Map(w.allNs().map((n) => [n, n.neigh.map((x) => ({ ...x }))])),
    vxlanFdb: new Map(
      [...w.vxlans].map((d) => [
        d,
        [...d.vxlan!.fdb].map(
          ([m, e]) => [m, { dsts: [...e.dsts], state: e.state, ...(e.via !== undefined ? { via: e.via } : {}) }] as [number, VxlanFdb],
        ),
      ]),
    ),
  };
}

function restore(w: World, host: Netns, s: Saved): void {
  for (const name of [...w.named.keys()]) if (!s.namespaces.has(name)) w.delNetns(name);
  for (const d of w.allDevices()) if (!s.devices.has(d.id) && d.ns.devices.get(d.name) === d) w.deleteDevice(d);
  for (const [n, t] of s.tables) n.tables = t;
  for (const [n, v] of s.ipvs) n.ipvs = v;
  host.sysctl.ipForward = s.sysctl.ipForward;
  host.sysctl.bridgeNfCallIptables = s.sysctl.bridgeNfCallIptables;
  for (const [n, l] of s.listeners) n.listeners = l;
  for (const [n, l] of s.neigh) n.neigh = l;
  for (const [d, f] of s.vxlanFdb) {
    d.vxlan!.fdb.clear();
    for (const [m, e] of f) d.vxlan!.fdb.set(m, e);
  }
}

/** run a plan's steps through the Shell; on the first refusal undo them all and say which */
function execute(w: World, host: Netns, plan: Plan, debug: boolean): ExecResult {
  const shell = new Shell(w);
  const saved = save(w, host);
  let trace = '';
  for (const step of plan.steps) {
    if (debug) trace += `+ ${stepLine(host, step)}\n`;
    if (step.act) {
      step.act();
      continue;
    }
    if (step.line.startsWith('#')) continue;
    const r = shell.exec(step.line, (step.on ?? host).name);
    if (r.status !== 0 && !step.optional) {
      restore(w, host, saved);
      const why = r.stderr.trim().split('\n').pop() ?? '';
      throw new DockerError(`${trace}docker: Error response from daemon: ${stepLine(host, step)}: ${why}`, 125);
    }
  }
  plan.commit();
  return ok(plan.stdout, trace + plan.stderr);
}

/**
 * `docker run IMAGE COMMAND` whose command ends: the container is made, its command runs in
 * it (in the foreground its output and exit status are docker run's, detached they are its
 * logs), and it exits (the sandbox goes); `--rm` removes it then.
 */
function runToEnd(w: World, host: Netns, c: Ctx, spec: ReturnType<typeof parseRun>, debug: boolean): ExecResult {
  const made = execute(w, host, planRun(c, spec), debug);
  const ct = [...c.e.containers.values()].pop()!;
  ct.life = { ...lifeOf(ct), mac: spec.mac };
  let out: ExecResult;
  try {
    out = finish(c, hooks(w, host, c, debug), ct);
  } catch (e) {
    if (!(e instanceof CmdError)) throw e;
    execute(w, host, planRm(c, [ct.name], true), debug);
    throw new DockerError(`netlab: docker run: "${spec.command[0]}" is not a command netlab runs in a container`, 127);
  }
  const gone = spec.rm ? execute(w, host, planRm(c, [ct.name], true), debug) : null;
  if (spec.detach) return ok(made.stdout, made.stderr);
  return {
    stdout: out.stdout,
    stderr: made.stderr.replace(BACKGROUND, '') + out.stderr + (debug && gone ? gone.stderr : ''),
    status: out.status,
  };
}

/**
 * docker create: the container as docker run would make it (its name, networks, --ip checked
 * now), Created: no sandbox, no endpoint, nothing listening until docker start.
 */
function createContainer(w: World, host: Netns, c: Ctx, spec: ReturnType<typeof parseRun>, debug: boolean): ExecResult {
  if (spec.network !== 'bridge' && c.e.networks.get(spec.network)?.driver === 'overlay')
    throw new DockerError('netlab: docker create on an overlay network is not modelled yet: docker run -d makes and starts it', 1);
  const made = execute(w, host, planRun(c, { ...spec, detach: true }, false), debug);
  const ct = [...c.e.containers.values()].pop()!;
  ct.life = { ...lifeOf(ct), mac: spec.mac };
  try {
    execute(w, host, planExit(c, ct, 0, 'created'), debug);
  } catch (e) {
    execute(w, host, planRm(c, [ct.name], true), false);
    throw e;
  }
  // nothing ran in a created container: no log, no entrypoint's edit in its layer
  const l = lifeOf(ct);
  l.logs.length = 0;
  delete l.confEdited;
  delete l.workers;
  return ok(made.stdout);
}

/** what the lifecycle commands need of this module: plans run all or nothing, a container's process */
function hooks(w: World, host: Netns, c: Ctx, debug: boolean): LifeHooks {
  return {
    execute: (plan) => execute(w, host, plan, debug),
    process: (ct, argv) => containerProcess(w, c, ct, argv),
    attach: (ct) => shellOf(ct),
  };
}

/**
 * A container's main process: `sh -c 'LINE'` runs LINE's commands in turn (`;`, `&&`, `||`),
 * a shell that reads no terminal ends at once, `sleep N` spends N seconds, anything else as
 * docker exec runs it.
 */
function containerProcess(w: World, c: Ctx, ct: Container, argv: readonly string[]): ExecResult {
  const [cmd, ...args] = argv;
  const base = (cmd ?? '').replace(/^.*\//, '');
  if (['sh', 'ash', 'bash'].includes(base)) {
    if (args[0] !== '-c') return ok();
    const words = splitWords(args[1] ?? '');
    let stdout = '';
    let stderr = '';
    let status = 0;
    let part: string[] = [];
    let skip = false;
    let exited = false;
    const runPart = () => {
      if (part.length && !skip && !exited) {
        // the shell's own `exit [N]`: it ends there with N (else the last status)
        if (part[0] === 'exit') {
          exited = true;
          status = part[1] === undefined ? status : Number(part[1]) & 255;
          part = [];
          return;
        }
        const r = containerProcess(w, c, ct, part);
        stdout += r.stdout;
        stderr += r.stderr;
        status = r.status;
      }
      part = [];
    };
    for (const word of words) {
      const op = word === '&&' || word === '||' || word === ';' ? word : word.endsWith(';') ? ';' : null;
      if (op === null || (op === ';' && word !== ';')) part.push(op === ';' ? word.slice(0, -1) : word);
      if (op === null) continue;
      runPart();
      skip = op === '&&' ? status !== 0 : op === '||' ? status === 0 : false;
    }
    runPart();
    return { stdout, stderr, status };
  }
  if (base === 'false') return { stdout: '', stderr: '', status: 1 };
  return dockerExec(w, c, [ct.name, ...argv]);
}

/**
 * `dockerd [OPTIONS] &`: start this host's daemon with these options. The daemon starts as the
 * first docker command would start it (its chains, docker0), only configured.
 */
export function dockerdCommand(w: World, host: Netns, args: string[], background: boolean): ExecResult {
  const cfg = parseDockerd(args);
  const c = ctxOf(w, host);
  if (c.e.started)
    throw new DockerError(
      'failed to start daemon, ensure docker is not running or delete /var/run/docker.pid: process with PID 1 is still running',
      1,
    );
  if (!background) throw new CmdError('netlab: run the daemon in the background: add " &" at the end of the line', 1);
  const before = c.e.config;
  const bridge = c.e.networks.get('bridge')!;
  c.e.config = cfg;
  if (cfg.bip)
    c.e.networks.set('bridge', {
      ...bridge,
      subnet: { addr: networkOf(cfg.bip.addr, cfg.bip.plen), plen: cfg.bip.plen },
      gateway: cfg.bip.addr,
    });
  try {
    return execute(w, host, daemonStartPlan(c), false);
  } catch (e) {
    c.e.config = before;
    c.e.networks.set('bridge', bridge);
    throw e;
  }
}

/** docker/cli's In.CheckTty: a TTY for the container and this stdin attached, but stdin is no terminal */
const NOT_A_TERMINAL = 'cannot attach stdin to a TTY-enabled container because stdin is not a terminal';

/** TTY: whether the docker CLI's stdin is a terminal */
export function dockerCommand(w: World, host: Netns, argv: string[], tty = true): ExecResult {
  try {
    return docker(w, host, argv, tty);
  } catch (e) {
    // the start failed after the create: the container stays Created (--rm: the daemon removes it)
    if (e instanceof PortAllocated && !e.spec.rm) createContainer(w, host, ctxOf(w, host), e.spec, stripGlobal(argv).debug);
    throw e;
  }
}

function docker(w: World, host: Netns, argv: string[], tty: boolean): ExecResult {
  const { args, debug } = stripGlobal(argv);
  const c = ctxOf(w, host);
  const [cmd, ...rest] = args;
  if (cmd === undefined || cmd === 'help' || cmd === '--help') return ok(USAGE);
  // the processes that ended since the last command (`sleep N`) leave their containers Exited
  if (cmd !== 'explain' && existingEngine(host)) reapEnded(c, (p) => execute(w, host, p, false));
  if (cmd === 'explain') {
    const lines = expandDocker(w, host, rest);
    if (!lines.length && planOf(c, stripGlobal(rest).args) === null)
      throw new DockerError(`docker explain: "${rest.join(' ')}" changes nothing in the kernel`, 1);
    return ok(lines.map((l) => l + '\n').join(''));
  }
  if (cmd === 'run') {
    const spec = parseRun(rest);
    // runContainer checks it before it creates anything; a plain error: exit status 1
    if (!spec.detach && spec.interactive && spec.terminal && !tty) throw new DockerError(NOT_A_TERMINAL, 1);
    const shell = !spec.command.length || /^(\/bin\/)?(sh|ash|bash)$/.test(spec.command[0]!);
    if (!spec.detach && spec.terminal && shell && (spec.command.length > 0 || imageServes(spec.image) === null)) {
      // -t alone: the shell has a terminal of its own, and the CLI sends it nothing of this one
      if (!spec.interactive)
        throw new DockerError(
          "netlab: docker run -t without -i gives the shell a terminal that this one's keys never reach: it waits until the container is stopped from elsewhere; add -i (or run it with -d)",
          125,
        );
      // the container's shell reads this terminal: its exit ends the container's process (with
      // --rm the daemon then removes the container)
      execute(w, host, planRun(c, { ...spec, detach: true }), debug);
      const ct = [...c.e.containers.values()].pop()!;
      ct.life = { ...lifeOf(ct), mac: spec.mac };
      // -i alone: a shell reading a pipe, not a terminal, prints no prompt
      return { ...ok(), enter: shellOf(ct) };
    }
    // a process that ends: it runs to its end (in the foreground or detached) and the container exits
    const sleeps = spec.detach && spec.command[0] === 'sleep';
    // no command: the image's CMD, a shell, ends at once unless -i or -t keep its stdin open
    if (spec.command.length ? !runsForever(spec.command) && !sleeps : imageServes(spec.image) === null && !(spec.detach && spec.terminal))
      return runToEnd(w, host, c, spec, debug);
    if (!spec.detach && spec.command.length)
      throw new DockerError(
        `netlab: "${spec.command.join(' ')}" runs until Ctrl+C in the foreground, which the lab's terminal does not stream: add -d to run it detached`,
        125,
      );
  }
  if (cmd === SHELL_EXIT[0] && rest[0] === SHELL_EXIT[1]) return shellExit(w, host, c, rest.slice(1), debug);
  if (['stop', 'start', 'restart', 'kill', 'wait', 'logs', 'pause', 'unpause'].includes(cmd))
    return lifecycleCommand(c, hooks(w, host, c, debug), cmd, rest);
  if (cmd === 'container' && rest[0] === 'prune') {
    const { gone, stdout } = planContainerPrune(c, rest.slice(1));
    if (gone.length)
      execute(
        w,
        host,
        planRm(
          c,
          gone.map((ct) => ct.name),
          true,
        ),
        debug,
      );
    return ok(stdout);
  }
  const plan = planOf(c, args);
  if (plan) {
    const r = execute(w, host, plan, debug);
    // a detached `sleep N` ends on its own N seconds later
    const made = cmd === 'run' ? [...c.e.containers.values()].pop() : undefined;
    if (made) markStarted(made, w.clock.now());
    return r;
  }
  switch (cmd) {
    case 'ps': {
      for (const a of rest) if (!/^-[aq]+$/.test(a) && a !== '--all' && a !== '--quiet') throw notModelled(a, 'ps');
      return ok(
        ps(
          c.e,
          w,
          rest.some((a) => a === '--quiet' || /^-a*qa*$/.test(a)),
          rest.some((a) => a === '--all' || /^-q*aq*$/.test(a)),
        ),
      );
    }
    case 'container': {
      if (rest[0] === 'inspect') return inspectContainers(c, rest.slice(1));
      throw new DockerError(
        rest[0] === undefined
          ? 'Usage:  docker container COMMAND\n\nManage containers (netlab: container ls|run|rm|exec|port|inspect)'
          : `docker: 'container ${rest[0]}' is not a docker command.\nSee 'docker container --help'`,
        1,
      );
    }
    case 'exec':
      return dockerExec(w, c, rest, tty);
    case 'inspect':
      return inspectAny(c, rest);
    case 'port':
      return ok(dockerPort(c.e, rest));
    case 'network':
      return networkRead(c, rest);
    case 'service': {
      const [sub, ...r] = rest;
      if (sub === 'ls' || sub === 'list') {
        for (const a of r) if (a !== '-q' && a !== '--quiet') throw notModelled(a, 'service ls');
        return ok(serviceLs(c, r.length > 0));
      }
      if (sub === undefined)
        throw new DockerError('Usage:  docker service COMMAND\n\nManage Swarm services (netlab: service create|ls|rm)', 1);
      throw new DockerError(`netlab: docker service ${sub} is not modelled yet (netlab: docker service create|ls|rm)`, 1);
    }
    case 'node': {
      if (rest[0] === 'ls' || rest[0] === 'list') return ok(nodeLs(c));
      throw new DockerError(
        `docker: 'node ${rest[0] ?? ''}' is not a docker command (netlab: docker node ls).\nSee 'docker node --help'`,
        1,
      );
    }
    case 'swarm': {
      if (rest[0] === 'join-token')
        return ok(
          joinToken(
            c,
            rest.slice(1).find((a) => !a.startsWith('-')),
            rest.includes('-q') || rest.includes('--quiet'),
          ),
        );
      throw new DockerError(
        `docker: 'swarm ${rest[0] ?? ''}' is not a docker command (netlab: docker swarm init|join|join-token|leave).\nSee 'docker swarm --help'`,
        1,
      );
    }
    case 'version':
      return ok(
        `Client:\n Version:           ${ENGINE_VERSION} (netlab)\n\nServer:\n Engine:\n  Version:          ${ENGINE_VERSION} (netlab: libnetwork's bridge, macvlan, ipvlan and overlay drivers as primitive commands)\n`,
      );
    case 'info': {
      const i = dockerInfo(c.e, host);
      return ok(i.stdout, i.stderr);
    }
    case 'create':
      return createContainer(w, host, c, parseRun(rest, 'create'), debug);
    case 'images':
      return ok('REPOSITORY   TAG       IMAGE ID       CREATED   SIZE\n');
    case 'pull':
      return ok(
        `Using default tag: latest\nlatest: Pulling from library/${rest[0] ?? ''}\nStatus: Image is up to date for ${rest[0] ?? ''}:latest\n`,
      );
    default:
      if (NOT_MODELLED.has(cmd)) throw new DockerError(`netlab: docker ${cmd} is not modelled yet`, 1);
      throw new DockerError(`docker: '${cmd}' is not a docker command.\nSee 'docker --help'`, 1);
  }
}

// ---- argument parsing ----------------------------------------------------------------------

/** a flag Docker has that netlab does not model: refused, never accepted and ignored */
function notModelled(flag: string, cmd: string): DockerError {
  return new DockerError(`netlab: docker ${cmd} ${flag.replace(/=.*$/, '')} is not modelled yet; leave it out`, 125);
}

function need(args: string[], i: number, flag: string, cmd: string): string {
  const v = args[i + 1];
  if (v === undefined) throw new DockerError(`flag needs an argument: ${flag}\nSee 'docker ${cmd} --help'.`, 125);
  return v;
}

/** --flag=value and --flag value alike */
function splitEq(args: string[]): string[] {
  return args.flatMap((a) => (a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a]));
}

function parseRun(raw: string[], cmd: 'run' | 'create' = 'run'): Parameters<typeof planRun>[1] {
  const read = readRunFlags(raw, cmd);
  if ('error' in read) throw new DockerError(read.error, read.status);
  const image = raw[read.image];
  const command = raw.slice(read.image + 1);
  let name: string | null = null;
  let network = 'bridge';
  let ip: string | null = null;
  let mac: string | null = null;
  let detach = false;
  let rm = false;
  let terminal = false;
  let networks = 0;
  let tty = false;
  let interactive = false;
  let privileged = false;
  const aliases: string[] = [];
  const links: string[] = [];
  let publishAll = false;
  const ports: string[] = [];
  const env: string[] = [];
  const labels = new Map<string, string>();
  const capAdd: string[] = [];
  const capDrop: string[] = [];
  let hostname: string | undefined;
  const dns = { servers: [] as string[], search: [] as string[], options: [] as string[] };
  const extraHosts: ExtraHost[] = [];
  const invalid = (flag: string, v: string, why: string) =>
    new DockerError(flagError('run', DOCKER_CLI.run!, `invalid argument "${v}" for "${flag}" flag: ${why}`).error, 125);
  for (const { name: f, typed, value: v } of read.flags) {
    const on = v === 'true';
    switch (f) {
      case 'name':
        name = v;
        break;
      case 'network':
      case 'net': {
        const a = parseNetworkOpt(v);
        if ('error' in a) throw invalid('--network', v, a.error);
        // docker 29 connects a container to several networks at run; the lab to one (then network connect)
        if (networks++)
          throw new DockerError(
            'netlab: docker run with several --network is not modelled yet; give one, then docker network connect the others',
            125,
          );
        if (a.unmodelled.length) throw notModelled(`--network …,${a.unmodelled[0]}`, 'run');
        network = a.target;
        aliases.push(...a.aliases);
        if (a.ip !== null) ip = a.ip;
        if (a.mac !== null) {
          if (!/^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i.test(a.mac))
            throw new DockerError(withHelp(`${a.mac} is not a valid mac address`), 125);
          mac = a.mac.replace(/-/g, ':');
        }
        break;
      }
      case 'ip':
        ip = v;
        break;
      case 'mac-address': {
        const m = /^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i.test(v) ? v.toLowerCase().replace(/-/g, ':') : null;
        if (!m) throw new DockerError(withHelp(`${v} is not a valid mac address`), 125);
        mac = m;
        break;
      }
      case 'publish':
        ports.push(v);
        break;
      case 'publish-all':
        publishAll = on;
        break;
      case 'link':
        links.push(v);
        break;
      case 'network-alias':
      case 'net-alias':
        aliases.push(v);
        break;
      case 'detach':
        detach = on;
        break;
      case 'rm':
        rm = on;
        break;
      case 'interactive':
        interactive = on;
        terminal ||= on;
        break;
      case 'tty':
        tty = on;
        terminal ||= on;
        break;
      case 'env': {
        // KEY alone passes the CLI's own variable, which the lab's shell does not have: none
        if (v.startsWith('=')) throw new DockerError(withHelp(`invalid environment variable: ${v}`), 125);
        if (v.includes('=')) env.push(v);
        break;
      }
      case 'label': {
        const i = v.indexOf('=');
        labels.set(i < 0 ? v : v.slice(0, i), i < 0 ? '' : v.slice(i + 1));
        break;
      }
      case 'cap-add':
        capAdd.push(...v.split(','));
        break;
      case 'cap-drop':
        capDrop.push(...v.split(','));
        break;
      case 'privileged':
        privileged = on;
        break;
      case 'hostname':
        hostname = v;
        break;
      case 'dns':
        if (!isIpAddress(v)) throw invalid('--dns', v, `IP address is not correctly formatted: ${v}`);
        dns.servers.push(v);
        break;
      case 'dns-search':
        if (!validDnsSearch(v)) throw invalid('--dns-search', v, `${v} is not a valid domain`);
        dns.search.push(v);
        break;
      case 'dns-option':
      case 'dns-opt':
        dns.options.push(v);
        break;
      case 'add-host': {
        const h = parseExtraHost(v);
        if ('error' in h) throw invalid('--add-host', v, h.error);
        extraHosts.push(h);
        break;
      }
      case 'kernel-memory':
      case 'disable-content-trust':
        // deprecated: docker takes them and does nothing but print pflag's notice (read.notices)
        break;
      default:
        throw notModelled(typed, 'run');
    }
  }
  const caps = capabilities(capAdd, capDrop, privileged);
  if ('error' in caps) throw new DockerError(withHelp(`Error response from daemon: ${caps.error}`), 125);
  if (image === undefined)
    // cli.RequiresMinArgs(1): cobra's argument check, exit status 1
    throw new DockerError(
      `docker: 'docker run' requires at least 1 argument\n\nUsage:  ${DOCKER_CLI.run!.use}\n\nSee 'docker run --help' for more information`,
      1,
    );
  const given = dns.servers.length + dns.search.length + dns.options.length > 0;
  return {
    ...{ name, image, command, network, ip, mac, ports, publishAll, detach, rm, terminal, aliases, links, env, labels, caps, privileged },
    ...(hostname !== undefined ? { hostname } : {}),
    ...(given ? { dns } : {}),
    extraHosts,
    tty,
    interactive,
    capAdd,
    capDrop,
    notices: read.notices,
  };
}

/** a service's published port: TARGET, PUBLISHED:TARGET[/PROTO], or published=…,target=…,protocol=…,mode=ingress */
function parseServicePort(v: string): ServicePort {
  const bad = (m: string) =>
    new DockerError(`invalid argument "${v}" for "-p, --publish" flag: ${m}\nSee 'docker service create --help'.`, 125);
  const num = (x: string, what: string): number => {
    const n = Number(x);
    if (!/^\d+$/.test(x) || n < 1 || n > 65535) throw bad(`invalid ${what}: ${x}`);
    return n;
  };
  if (v.includes('=')) {
    const kv = new Map<string, string>();
    for (const part of v.split(',')) {
      const i = part.indexOf('=');
      if (i < 0) throw bad(`invalid field '${part}' must be a key=value pair`);
      const k = part.slice(0, i).toLowerCase();
      if (!['published', 'target', 'protocol', 'mode'].includes(k)) throw bad(`invalid field key ${k}`);
      kv.set(k, part.slice(i + 1));
    }
    const mode = kv.get('mode') ?? 'ingress';
    if (mode === 'host')
      throw new DockerError(
        `netlab: docker service create -p mode=host (a port on the task's node, no routing mesh) is not modelled yet`,
        125,
      );
    if (mode !== 'ingress') throw bad(`invalid publish mode value (${mode}): must be either "ingress" or "host"`);
    const proto = kv.get('protocol') ?? 'tcp';
    if (proto === 'sctp') throw new DockerError('netlab: SCTP published ports are not modelled; use tcp or udp', 125);
    if (proto !== 'tcp' && proto !== 'udp') throw bad(`invalid protocol value (${proto})`);
    const target = kv.get('target');
    if (target === undefined) throw bad('missing mandatory field "target"');
    const published = kv.get('published');
    return { published: published === undefined ? 0 : num(published, 'published port'), target: num(target, 'target port'), proto };
  }
  const m = /^(?:(\d+):)?(\d+)(?:\/(tcp|udp|sctp))?$/.exec(v);
  if (!m) throw bad(`invalid port format: ${v}`);
  if (m[3] === 'sctp') throw new DockerError('netlab: SCTP published ports are not modelled; use tcp or udp', 125);
  return {
    published: m[1] === undefined ? 0 : num(m[1], 'published port'),
    target: num(m[2]!, 'target port'),
    proto: (m[3] ?? 'tcp') as 'tcp' | 'udp',
  };
}

function parseServiceCreate(raw: string[]): ServiceSpec {
  const args = splitEq(raw);
  let name: string | null = null;
  let detach = false;
  const ports: ServicePort[] = [];
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-'); i++) {
    const a = args[i]!;
    if (a === '--name') name = need(args, i++, a, 'service create');
    else if (a === '-p' || a === '--publish') ports.push(parseServicePort(need(args, i++, a, 'service create')));
    else if (a === '-d' || a === '--detach') detach = true;
    else if (a === '--replicas') {
      const n = need(args, i++, a, 'service create');
      if (n !== '1')
        throw new DockerError(
          `netlab: docker service create --replicas ${n} is not modelled: one task per service (IPVS would share the published port among them)`,
          125,
        );
    } else if (a === '--mode') {
      const m = need(args, i++, a, 'service create');
      if (m !== 'replicated') throw new DockerError(`netlab: docker service create --mode ${m} is not modelled yet; leave it out`, 125);
    } else throw notModelled(a, 'service create');
  }
  const [image, ...command] = args.slice(i);
  if (image === undefined)
    throw new DockerError(
      '"docker service create" requires at least 1 argument.\nSee \'docker service create --help\'.\n\nUsage:  docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nCreate a new service',
      1,
    );
  return { name, image, command, ports, detach };
}

/** a docker command's flags read as the CLI reads them (pflag), refused by name where netlab does not model them */
function readFlags(cmd: string, raw: readonly string[]): ReadFlags {
  const r = readDockerFlags(cmd, raw);
  if ('error' in r) throw new DockerError(r.error, r.status);
  return r;
}

/** cobra's positional-argument checks (cli/required.go), exit status 1 */
function argsError(cmd: string, what: string): DockerError {
  const c = DOCKER_CLI[cmd]!;
  return new DockerError(`docker: 'docker ${cmd}' ${what}\n\nUsage:  ${c.use}\n\nRun 'docker ${cmd} --help' for more information`, 1);
}

function parseNetworkCreate(raw: string[]): Parameters<typeof planNetworkCreate>[1] {
  const read = readFlags('network create', raw);
  let driver = 'bridge';
  const subnets: string[] = [];
  const gateways: string[] = [];
  const ipRanges: string[] = [];
  let internal = false;
  let attachable = false;
  const aux: Array<[string, string]> = [];
  const options = new Map<string, string>();
  const labels = new Map<string, string>();
  // opts.MapOpts.Set: KEY=VALUE, or KEY alone with an empty value
  const kv = (v: string): [string, string] => {
    const eq = v.indexOf('=');
    return eq < 0 ? [v, ''] : [v.slice(0, eq), v.slice(eq + 1)];
  };
  for (const { name, typed, value: v } of read.flags) {
    switch (name) {
      case 'driver':
        driver = v;
        break;
      case 'subnet':
        subnets.push(...v.split(','));
        break;
      case 'gateway':
        gateways.push(...v.split(','));
        break;
      case 'ip-range':
        ipRanges.push(...v.split(','));
        break;
      case 'aux-address': {
        // createIPAMConfig skips a name without an address
        const [k, x] = kv(v);
        if (x !== '') aux.push([k, x]);
        break;
      }
      case 'opt': {
        const [k, x] = kv(v);
        options.set(k, x);
        break;
      }
      case 'label': {
        // opts.ValidateLabel, then ConvertKVStringsToMap
        const [k, x] = kv(v);
        const key = k.replace(/^[ \t\n\r\f\v]+/, '');
        const why = key === '' ? `invalid label '${v}': empty name` : /\s/.test(key) ? `label '${key}' contains whitespaces` : null;
        if (why !== null)
          throw new DockerError(
            flagError('network create', DOCKER_CLI['network create']!, `invalid argument "${v}" for "--label" flag: ${why}`).error,
            125,
          );
        labels.set(k, x);
        break;
      }
      case 'internal':
        internal = v === 'true';
        break;
      case 'attachable':
        attachable = v === 'true';
        break;
      case 'ipv4':
        // an IPv4-less network (IPv6 only, or no addresses at all) is not in the lab
        if (v !== 'true') throw notModelled(`${typed}=false`, 'network create');
        break;
    }
  }
  if (read.args.length !== 1) throw argsError('network create', 'requires 1 argument');
  // one IPv4 subnet per network in the lab (the daemon would pair each gateway and range with its subnet)
  for (const [flag, list] of [
    ['--subnet', subnets],
    ['--gateway', gateways],
    ['--ip-range', ipRanges],
  ] as const)
    if (list.length > 1)
      throw new DockerError(`netlab: docker network create with several ${flag} values is not modelled yet; give one`, 125);
  return {
    name: read.args[0]!,
    driver,
    subnet: subnets[0] ?? null,
    gateway: gateways[0] ?? null,
    ipRange: ipRanges[0] ?? null,
    aux,
    options,
    internal,
    attachable,
    ...(labels.size ? { labels } : {}),
  };
}

function splitConnect(raw: string[]): { pos: string[]; ip: string | null; aliases: string[]; gwPriority: number } {
  const read = readFlags('network connect', raw);
  const aliases: string[] = [];
  let ip: string | null = null;
  let gwPriority = 0;
  for (const { name, value } of read.flags) {
    if (name === 'ip') ip = value === '' ? null : value;
    if (name === 'alias') aliases.push(...value.split(','));
    if (name === 'gw-priority') gwPriority = Number(BigInt(value));
  }
  return { pos: read.args, ip, aliases, gwPriority };
}

// ---- read-only commands ----------------------------------------------------------------------

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map(
      (r) =>
        r
          .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 3)))
          .join('')
          .trimEnd() + '\n',
    )
    .join('');
}

function portsText(ct: Container): string {
  if (ct.portsOn === null) return '';
  return ct.ports.map((p) => `${p.hostIp ?? '0.0.0.0'}:${p.hostPort}->${p.port}/${p.proto}`).join(', ');
}

function ago(w: World, t: number): string {
  return humanDuration(w.clock.now() - t);
}

/** docker ps: the running containers, newest first; -a: every container */
function ps(e: Engine, w: World, quiet: boolean, all: boolean): string {
  const cts = [...e.containers.values()].reverse().filter((ct) => all || isRunning(ct));
  if (quiet) return cts.map((c) => c.id.slice(0, 12) + '\n').join('');
  const rows = [['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES']];
  for (const c of cts) {
    const cmd = c.command.length || c.serves === null ? processArgv(c).join(' ') : `${c.image.split(':')[0]} (serves :${c.serves})`;
    rows.push([
      c.id.slice(0, 12),
      c.image,
      `"${cmd.length > 20 ? cmd.slice(0, 19) + '…' : cmd}"`,
      `${ago(w, c.created)} ago`,
      statusText(c, w.clock.now()),
      portsText(c),
      c.name,
    ]);
  }
  return table(rows);
}

function networkRead(c: Ctx, rest: string[]): ExecResult {
  const [sub, ...r] = rest;
  const e = c.e;
  if (sub === 'ls' || sub === 'list') {
    const read = readFlags('network ls', r);
    if (read.args.length) throw argsError('network ls', 'accepts no arguments');
    const quiet = read.flags.some((f) => f.name === 'quiet' && f.value === 'true');
    const nets = [...e.networks.values(), ...visibleOverlays(e, c.host)].sort((a, b) => a.name.localeCompare(b.name));
    if (quiet) return ok(nets.map((n) => n.id.slice(0, 12) + '\n').join(''));
    return ok(
      table([
        ['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE'],
        ...nets.map((n) => [n.id.slice(0, 12), n.name, n.driver, n.driver === 'overlay' ? 'swarm' : 'local']),
      ]),
    );
  }
  if (sub === 'inspect') {
    const { refs, format } = inspectArgs(r, 'network inspect');
    if (!refs.length) throw new DockerError('"docker network inspect" requires at least 1 argument.', 1);
    return inspectOutput(
      refs,
      (ref) => {
        const n = findNetwork(e, ref);
        if (!n) throw new DockerError(`Error response from daemon: network ${ref} not found`, 1);
        return { obj: networkJson(c, n) as Json, shape: NETWORK_SHAPE };
      },
      format,
    );
  }
  if (sub === undefined || sub === '--help')
    return ok(
      'Usage:  docker network COMMAND\n\nCommands:\n  connect     Connect a container to a network\n  create      Create a network\n  disconnect  Disconnect a container from a network\n  inspect     Display detailed information on one or more networks\n  ls          List networks\n  rm          Remove one or more networks\n',
    );
  throw new DockerError(`docker: 'network ${sub}' is not a docker command.\nSee 'docker network --help'`, 1);
}

function networkJson(c: Ctx, n: ReturnType<typeof findNetwork> & object): unknown {
  const containers: Record<string, unknown> = {};
  for (const ct of c.e.containers.values()) {
    for (const ep of ct.endpoints) {
      if (ep.network !== n.name) continue;
      containers[ct.id] = {
        Name: ct.name,
        EndpointID: ep.id,
        MacAddress: ep.mac,
        IPv4Address: `${formatIpv4(ep.ip)}/${n.subnet!.plen}`,
        IPv6Address: '',
      };
    }
  }
  const options: Record<string, string> = Object.fromEntries(n.options);
  if (n.bridge && n.builtin)
    Object.assign(options, {
      'com.docker.network.bridge.default_bridge': 'true',
      'com.docker.network.bridge.enable_icc': 'true',
      'com.docker.network.bridge.enable_ip_masquerade': 'true',
      'com.docker.network.bridge.name': n.bridge,
    });
  if (n.parent) options.parent = n.parent;
  return {
    Name: n.name,
    Id: n.id,
    Scope: n.driver === 'overlay' ? 'swarm' : 'local',
    Driver: n.driver,
    EnableIPv4: true,
    EnableIPv6: false,
    IPAM: {
      Driver: 'default',
      Options: null,
      Config: n.subnet
        ? [
            {
              Subnet: cidrText(n.subnet),
              ...(n.ipRange ? { IPRange: cidrText(n.ipRange) } : {}),
              ...(n.gateway !== null ? { Gateway: formatIpv4(n.gateway) } : {}),
              ...(n.aux.size ? { AuxiliaryAddresses: Object.fromEntries([...n.aux].map(([k, v]) => [k, formatIpv4(v)])) } : {}),
            },
          ]
        : [],
    },
    // the user's --internal (a macvlan/ipvlan without a parent is internal in its driver only)
    Internal: n.internal === true && !n.parent?.startsWith('dm-'),
    Attachable: n.attachable ?? false,
    Ingress: n.name === 'ingress' && n.driver === 'overlay',
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Options: options,
    Labels: Object.fromEntries([...(n.labels ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    // api/types/network Inspect embeds Network: its Containers come after Network's fields
    Containers: containers,
  };
}

/** HostConfig.PortBindings: each container port's bindings as requested (nat.PortMap; an ephemeral host port is "") */
function portBindings(ps: readonly PortMap[]): Record<string, Json> {
  const out: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const p of ps) {
    const k = `${p.port}/${p.proto}`;
    out[k] = [...(out[k] ?? []), { HostIp: p.hostIp ?? '', HostPort: p.hostPort ? String(p.hostPort) : '' }];
  }
  // a Go map: its keys in order
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** a container as docker inspect shows it: NetworkSettings in Docker 29.7.2's shape */
function containerJson(c: Ctx, ct: Container): Json {
  const nets: Record<string, Json> = {};
  for (const ep of [...ct.endpoints].sort((a, b) => (a.network < b.network ? -1 : a.network > b.network ? 1 : 0))) {
    const n = findNetwork(c.e, ep.network);
    if (!n || ep.hidden) continue;
    nets[n.name] = {
      IPAMConfig: ep.requested ? { IPv4Address: formatIpv4(ep.ip) } : null,
      Links: null,
      Aliases: ep.aliases?.length ? [...ep.aliases] : null,
      DriverOpts: null,
      GwPriority: ep.gwPriority ?? 0,
      NetworkID: n.id,
      EndpointID: ep.id,
      Gateway: n.gateway === null ? '' : formatIpv4(n.gateway),
      IPAddress: formatIpv4(ep.ip),
      MacAddress: ep.mac,
      IPPrefixLen: n.subnet!.plen,
      IPv6Gateway: '',
      GlobalIPv6Address: '',
      GlobalIPv6PrefixLen: 0,
      // the names the embedded DNS answers for, on user-defined networks
      DNSNames: n.builtin ? null : [...new Set([ct.name, ...(ep.aliases ?? []), ct.id.slice(0, 12)])],
    };
  }
  const ports: Record<string, Json> = {};
  if (ct.mode.kind === 'networks') {
    const keys = new Set([
      ...(ct.serves !== null ? [`${ct.serves}/tcp`] : []),
      ...[...ct.ports, ...(ct.portBindings ?? [])].map((p) => `${p.port}/${p.proto}`),
    ]);
    for (const k of [...keys].sort()) {
      const b = ct.portsOn === null ? [] : ct.ports.filter((p) => `${p.port}/${p.proto}` === k);
      ports[k] = b.length ? b.map((p) => ({ HostIp: p.hostIp ?? '0.0.0.0', HostPort: String(p.hostPort) })) : null;
    }
  }
  const mode =
    ct.mode.kind === 'networks'
      ? (ct.endpoints[0]?.network ?? 'bridge')
      : ct.mode.kind === 'container'
        ? `container:${ct.mode.of}`
        : ct.mode.kind;
  return {
    Id: ct.id,
    Name: `/${ct.name}`,
    Config: {
      Image: ct.image,
      Cmd: [...processArgv(ct)],
      // the user's variables, then the image's (netlab's images set PATH only)
      Env: [...(ct.env ?? []), IMAGE_PATH],
      Labels: Object.fromEntries([...(ct.labels ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      Tty: ct.tty === true,
      OpenStdin: ct.openStdin === true,
    },
    State: {
      Status: ct.life?.paused ? 'paused' : (ct.life?.state ?? 'running'),
      Running: isRunning(ct),
      Paused: ct.life?.paused === true,
      ExitCode: ct.life?.exitCode ?? 0,
    },
    HostConfig: {
      NetworkMode: mode,
      Privileged: ct.privileged === true,
      AutoRemove: ct.autoRemove === true,
      CapAdd: ct.capAdd ? [...ct.capAdd] : null,
      CapDrop: ct.capDrop ? [...ct.capDrop] : null,
      PortBindings: portBindings(ct.portBindings ?? []),
    },
    NetworkSettings: {
      SandboxID: ct.mode.kind === 'container' ? '' : hexId(`sandbox:${ct.id}`),
      SandboxKey: ct.mode.kind === 'host' ? 'host' : `/run/netns/${ct.netns}`,
      Ports: ports,
      Networks: nets,
    },
  };
}

/** what the lab knows whole of a container: its NetworkSettings; Networks is a typed map */
const CONTAINER_SHAPE: Shape = { complete: ['.NetworkSettings'], typedMaps: ['.NetworkSettings.Networks'] };
const NETWORK_SHAPE: Shape = { complete: [], typedMaps: [] };

/** docker container inspect: containers only, the daemon's words for one not found */
function inspectContainers(c: Ctx, rest: string[]): ExecResult {
  const { refs, format } = inspectArgs(rest, 'container inspect');
  if (!refs.length)
    throw new DockerError(
      '"docker container inspect" requires at least 1 argument.\nSee \'docker container inspect --help\'.\n\nUsage:  docker container inspect [OPTIONS] CONTAINER [CONTAINER...]\n\nDisplay detailed information on one or more containers',
      1,
    );
  return inspectOutput(
    refs,
    (ref) => {
      const ct = findContainer(c.e, ref);
      if (!ct) throw new DockerError(`Error response from daemon: No such container: ${ref}`, 1);
      return { obj: containerJson(c, ct), shape: CONTAINER_SHAPE };
    },
    format,
  );
}

function inspectAny(c: Ctx, rest: string[]): ExecResult {
  const { refs, format } = inspectArgs(rest, 'inspect');
  if (!refs.length)
    throw new DockerError(
      '"docker inspect" requires at least 1 argument.\nSee \'docker inspect --help\'.\n\nUsage:  docker inspect [OPTIONS] NAME|ID [NAME|ID...]\n\nReturn low-level information on Docker objects',
      1,
    );
  return inspectOutput(
    refs,
    (ref) => {
      const ct = findContainer(c.e, ref);
      if (ct) return { obj: containerJson(c, ct), shape: CONTAINER_SHAPE };
      const n = findNetwork(c.e, ref);
      if (n) return { obj: networkJson(c, n) as Json, shape: NETWORK_SHAPE };
      throw new DockerError(`Error: No such object: ${ref}`, 1);
    },
    format,
  );
}

// ---- docker exec and the embedded DNS ------------------------------------------------------------

/**
 * Docker's embedded DNS (127.0.0.11): on a user-defined network a container resolves the
 * names of the containers on the networks it shares with them; on the default bridge it
 * does not. Returns the address `from` (a namespace name) would get for `name`, or null.
 */
export function resolveContainerName(w: World, from: string, name: string): string | null {
  // nsswitch's "files" first: the container's /etc/hosts (--add-host, its own name, --link)
  const ns = w.ns(from);
  const hosts = ns ? containerFiles(w, ns, '/etc/hosts') : null;
  const listed = hosts === null ? null : hostsFileLookup(hosts, name);
  if (listed !== null) return listed;
  return embeddedName(w, from, name);
}

/** the names Docker's embedded DNS answers itself (ResolveName): containers, aliases, links, swarm peers */
function embeddedName(w: World, from: string, name: string): string | null {
  for (const host of w.allNs()) {
    const e = existingEngine(host);
    if (!e) continue;
    const me = [...e.containers.values()].find((ct) => ct.netns === from && ct.mode.kind === 'networks');
    if (!me) continue;
    // an overlay network's containers on the other swarm nodes resolve too
    for (const ep of me.endpoints) {
      if (!ep.sandbox || !e.swarm) continue;
      for (const node of e.swarm.nodes.values()) {
        const other = existingEngine(node.host);
        const t = other ? findContainer(other, name) : undefined;
        const there = t?.endpoints.find((x) => x.network === ep.network);
        if (there) return formatIpv4(there.ip);
      }
    }
    const target = findContainer(e, name) ?? [...e.containers.values()].find((ct) => ct.id.startsWith(name) && name.length >= 12);
    // --link NAME[:ALIAS] on the default bridge: both names (the container's /etc/hosts)
    const link = me.links?.find((l) => l.alias === name || l.name === name);
    const linked = link ? e.containers.get(link.name)?.endpoints.find((x) => x.network === 'bridge') : undefined;
    if (linked && me.endpoints.some((x) => x.network === 'bridge')) return formatIpv4(linked.ip);
    if (!target) {
      // --network-alias / connect --alias: a name on that network only
      for (const ep of me.endpoints) {
        const net = e.networks.get(ep.network);
        if (!net || net.builtin) continue;
        for (const ct of e.containers.values())
          for (const x of ct.endpoints) if (x.network === ep.network && x.aliases?.includes(name)) return formatIpv4(x.ip);
      }
      continue;
    }
    for (const ep of me.endpoints) {
      const net = e.networks.get(ep.network);
      if (!net || net.builtin) continue;
      const there = target.endpoints.find((x) => x.network === ep.network);
      if (there) return formatIpv4(there.ip);
    }
  }
  return null;
}

/** the PATH the images netlab runs set (busybox, alpine, nginx …) */
const IMAGE_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * What a container's process may not do to its network stack: without CAP_NET_ADMIN, netlink
 * changes and any iptables call fail as the kernel refuses them; /proc/sys is read-only unless
 * --privileged. null: allowed.
 */
function denied(ct: Container, argv: readonly string[]): ExecResult | null {
  const caps = ct.caps ?? capabilitiesOrDefault();
  const [cmd, ...args] = argv;
  if (cmd === 'sysctl' && !ct.privileged && args.some((a) => a === '-w' || a.includes('='))) {
    const key = args.find((a) => a.includes('='))?.split('=')[0] ?? '';
    return { stdout: '', stderr: `sysctl: error setting key '${key}': Read-only file system\n`, status: 1 };
  }
  if (caps.has('NET_ADMIN')) return null;
  if ((cmd === 'ip' || cmd === 'bridge') && !isShowCommand(argv))
    return { stdout: '', stderr: 'RTNETLINK answers: Operation not permitted\n', status: 2 };
  if (cmd === 'iptables' || cmd === 'iptables-save' || cmd === 'iptables-restore')
    return {
      stdout: '',
      stderr: `${cmd} v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n`,
      status: 4,
    };
  return null;
}

function capabilitiesOrDefault(): ReadonlySet<string> {
  const caps = capabilities([], [], false);
  return 'error' in caps ? new Set() : caps;
}

function dockerExec(w: World, c: Ctx, rest: string[], terminal = true): ExecResult {
  let i = 0;
  const env: string[] = [];
  let interactive = false;
  let tty = false;
  for (; i < rest.length && rest[i]!.startsWith('-'); i++) {
    const [a, inline] = rest[i]!.startsWith('--') && rest[i]!.includes('=') ? splitEq([rest[i]!]) : [rest[i]!, undefined];
    if (a === '-e' || a === '--env') {
      const v = inline ?? rest[++i];
      if (v === undefined) throw new DockerError("flag needs an argument: 'e' in -e\nSee 'docker exec --help'.", 125);
      if (v.includes('=')) env.push(v);
    } else if (/^-[dit]+$/.test(a) && !a.includes('d')) {
      // -i / -t: only a shell reads the terminal
      interactive ||= a.includes('i');
      tty ||= a.includes('t');
    } else if (
      ['-u', '--user', '-w', '--workdir', '--env-file', '--detach-keys', '--privileged', '-d', '--detach'].includes(a) ||
      /^-[dit]+$/.test(a)
    )
      throw notModelled(a.includes('d') && a.startsWith('-') && !a.startsWith('--') ? '-d' : a, 'exec');
    else if (a === '--interactive' || a === '--tty') {
      interactive ||= a === '--interactive';
      tty ||= a === '--tty';
    } else if (a.startsWith('--')) throw new DockerError(`unknown flag: ${a}\nSee 'docker exec --help'.`, 125);
    else throw new DockerError(`unknown shorthand flag: '${a[1]}' in ${a}\nSee 'docker exec --help'.`, 125);
  }
  const ref = rest[i];
  const cmd = rest.slice(i + 1);
  if (ref === undefined || !cmd.length)
    throw new DockerError(
      '"docker exec" requires at least 2 arguments.\nSee \'docker exec --help\'.\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]',
      1,
    );
  const ct = findContainer(c.e, ref);
  if (!ct) throw new DockerError(`Error response from daemon: No such container: ${ref}`, 1);
  // after the inspect, before the exec is created
  if (interactive && tty && !terminal) throw new DockerError(NOT_A_TERMINAL, 1);
  if (!isRunning(ct)) throw new DockerError(`Error response from daemon: container ${ct.id} is not running`, 1);
  if (ct.life?.paused)
    throw new DockerError(`Error response from daemon: Container ${ct.id} is paused, unpause the container before exec`, 1);
  const inHost = ct.mode.kind === 'host' || (ct.mode.kind === 'container' && c.e.containers.get(ct.mode.of)?.mode.kind === 'host');
  // names resolve as the container's resolver would; addresses stay as they are
  // names resolve in the container itself (its /etc/hosts, its resolv.conf: containerLookup)
  const resolved = cmd;
  const no = denied(ct, resolved);
  if (no) return no;
  // env: the process's environment (CreateDaemonEnvironment, then the exec's -e, then HOME)
  if (cmd[0] === 'env' && cmd.length === 1) {
    const vars = new Map<string, string>();
    const put = (kv: string) => vars.set(kv.slice(0, kv.indexOf('=')), kv);
    for (const kv of [IMAGE_PATH, `HOSTNAME=${hostnameOf(ct)}`, ...(ct.env ?? []), ...env]) put(kv);
    if (!vars.has('HOME')) put('HOME=/root');
    return ok([...vars.values()].map((v) => v + '\n').join(''));
  }
  const ctNs = w.ns(ct.netns);
  if (cmd[0] === 'getent' && !inHost && ctNs) {
    const hosts = containerFiles(w, ctNs, '/etc/hosts') ?? '';
    return getentCommand(cmd.slice(1), hosts, (name) => containerDns(w, ctNs, name));
  }
  const busybox = isBusyboxImage(ct.image);
  // a shell: with -it it reads the terminal until `exit`; without, it reads no input and ends
  const sh = /^(\/bin\/)?(sh|ash|bash)$/.exec(cmd[0]!);
  if (sh && cmd.length === 1) {
    if ((sh[2] === 'bash' && busybox) || (sh[2] === 'ash' && !busybox)) throw notFound(cmd[0]!);
    return interactive && tty ? { ...ok(), enter: nestedShell(ct, null) } : ok();
  }
  if (cmd[0] === 'nslookup' && busybox && !inHost && ctNs) return busyboxNslookup(w, ctNs, cmd.slice(1));
  if (cmd[0] === 'nslookup' && !busybox) throw notFound(cmd[0]);
  const shell = new Shell(w);
  const r = shell.exec(resolved.map(quote).join(' '), inHost ? c.host.name : ct.netns);
  // busybox's ping names a name it cannot resolve so
  const bad =
    busybox && cmd[0] === 'ping' ? /^ping: (\S+): (Name or service not known|Temporary failure in name resolution)$/m.exec(r.stderr) : null;
  if (bad) return { stdout: '', stderr: `ping: bad address '${bad[1]}'\n`, status: 1 };
  if (r.status !== 0 && r.stderr.startsWith('bash:')) throw notFound(cmd[0]!);
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/**
 * netlab's own form (docker has no such command): the line the terminal runs, and the lab's
 * command log keeps, when the shell a container runs as its process (`docker run -it`) exits
 * with a status, `docker container shell-exit C STATUS`. It is accepted only for such a shell.
 */
const SHELL_EXIT = ['container', 'shell-exit'] as const;

/** the shell that is C's process exited with STATUS: the container is Exited (a --rm one goes) */
function shellExit(w: World, host: Netns, c: Ctx, args: readonly string[], debug: boolean): ExecResult {
  const [ref, code] = args;
  const ct = ref === undefined ? undefined : findContainer(c.e, ref);
  if (!ct || !isRunning(ct) || !isInteractiveShell(ct) || args.length !== 2 || !/^\d+$/.test(code!))
    throw new DockerError(`docker: '${SHELL_EXIT.join(' ')}' is not a docker command.\nSee 'docker --help'`, 1);
  processExit(c, (p) => execute(w, host, p, debug), ct, Number(code) & 255);
  return ok();
}

/** the shell that is C's process in the terminal; its exit ends C (-i alone: a shell reading a pipe, not a terminal, prints no prompt) */
function shellOf(ct: Container): NestedShell {
  const enter = nestedShell(ct, `docker ${SHELL_EXIT.join(' ')} ${ct.name}`);
  return ct.tty ? enter : { ...enter, prompt: '' };
}

/** a container's shell in the terminal: busybox's `/ # `, bash's `root@HOSTNAME:/# ` */
function nestedShell(ct: Container, onExit: string | null): NestedShell {
  return {
    prompt: isBusyboxImage(ct.image) ? '/ # ' : `root@${hostnameOf(ct)}:/# `,
    prefix: `docker exec ${ct.name}`,
    onExit,
  };
}

function notFound(cmd: string): CmdError {
  return new CmdError(
    `OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown`,
    126,
  );
}

/** images whose tools are busybox's (alpine, busybox): nslookup, ping's messages */
function isBusyboxImage(image: string): boolean {
  const bare = image.replace(/^docker\.io\/(library\/)?/, '').replace(/[:@].*$/, '');
  return bare === 'alpine' || bare === 'busybox';
}

/**
 * busybox's nslookup (FEATURE_NSLOOKUP_BIG): an A and an AAAA query to each server of
 * /etc/resolv.conf (or the one given) until one answers; each reply printed as it comes. The
 * A query is a real datagram (to 127.0.0.11 it goes through DOCKER_OUTPUT's DNAT); the lab
 * has no IPv6, so the AAAA reply carries the A reply's status and no address.
 */
function busyboxNslookup(w: World, ns: Netns, args: string[]): ExecResult {
  const opt = args.find((a) => a.startsWith('-'));
  if (opt) throw new CmdError(`netlab: nslookup ${opt.replace(/=.*$/, '')} is not modelled yet; leave it out`, 1);
  const [name, server, extra] = args;
  if (name === undefined || extra !== undefined)
    return {
      stdout: '',
      stderr:
        // bb_show_usage (the banner line with busybox's version is left out)
        'Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,any\n',
      status: 1,
    };
  const conf = containerFiles(w, ns, '/etc/resolv.conf') ?? '';
  const servers = server !== undefined ? [server] : resolvConfServers(conf).map(formatIpv4);
  if (!servers.length) servers.push('127.0.0.1');
  const qname = name.toLowerCase().replace(/\.$/, '');
  for (const s of servers) {
    const addr = parseIpv4(s);
    if (addr === null) throw new CmdError(`nslookup: bad address '${s}'`, 1);
    // the embedded DNS forwards what it does not know before it answers
    const found = containerIn(w, ns);
    if (s === INTERNAL_NS && found && ns.name !== null && embeddedName(w, ns.name, qname) === null)
      forwardExternal(w, found.host, found.ct, ns, qname);
    const r = queryServer(w, ns, addr, qname, [DNS_TYPE_A, DNS_TYPE_AAAA]);
    if (!r) continue;
    const reply = (answers: readonly number[]) =>
      r.rcode !== 0
        ? `** server can't find ${name}: ${RCODE_NAMES[r.rcode]}\n\n`
        : `Non-authoritative answer:\n${answers.map((a) => `Name:\t${name}\nAddress: ${formatIpv4(a)}\n`).join('')}\n`;
    return ok(`Server:\t\t${s}\nAddress:\t${s}:53\n\n${reply(r.answers)}${reply([])}`);
  }
  return { stdout: ';; connection timed out; no servers could be reached\n\n', stderr: '', status: 1 };
}

function quote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

// ---- a container's /etc files --------------------------------------------------------------------

/** the container's host name: --hostname, else the first 12 digits of its id */
function hostnameOf(ct: Container): string {
  return ct.hostname ?? ct.id.slice(0, 12);
}

/** the container whose own namespace NS is (not a host-network one), and its daemon */
function containerIn(w: World, ns: Netns): { e: Engine; host: Netns; ct: Container } | null {
  for (const host of w.allNs()) {
    const e = existingEngine(host);
    if (!e) continue;
    for (const ct of e.containers.values()) if (ct.netns === ns.name && ct.mode.kind === 'networks') return { e, host, ct };
  }
  return null;
}

/** /etc/resolv.conf, /etc/hosts and /etc/hostname inside a container, as its daemon wrote them */
function containerFiles(w: World, ns: Netns, path: string): string | null {
  if (path !== '/etc/resolv.conf' && path !== '/etc/hosts' && path !== '/etc/hostname') return null;
  const found = containerIn(w, ns);
  if (!found) return null;
  const { e, host, ct } = found;
  if (path === '/etc/hostname') return `${hostnameOf(ct)}\n`;
  const eps = ct.endpoints.filter((x) => !x.hidden);
  if (path === '/etc/resolv.conf') {
    // the host's file as the daemon's namespace reads it (every namespace shares the one /etc)
    const internal = eps.some((x) => !e.networks.get(x.network)?.builtin);
    const dns = ct.dns ?? { servers: [], search: [], options: [] };
    return containerResolvConf(readFile(w, host, '/etc/resolv.conf', containerFiles) ?? '', dns, internal);
  }
  const links = (ct.links ?? []).flatMap((l) => {
    const child = e.containers.get(l.name);
    const ep = child?.endpoints.find((x) => x.network === 'bridge');
    return child && ep ? [{ alias: l.alias, name: child.name, hostname: hostnameOf(child), ip: ep.ip }] : [];
  });
  return containerHosts(
    hostnameOf(ct),
    eps.map((x) => x.ip),
    ct.extraHosts ?? [],
    links,
  );
}
addFileProvider(containerFiles);

/** the answers the embedded DNS got from the external servers, per container namespace and name */
const forwarded = new WeakMap<Netns, Map<string, { rcode: DnsRcode; answers: readonly number[] }>>();

/**
 * What the embedded DNS answers: its own names, else what the external servers answered when
 * it forwarded the query (SERVFAIL when none did: resolver.go's ServeDNS).
 */
setEmbeddedAnswer((w, ns, qname) => {
  const known = ns.name === null ? null : embeddedName(w, ns.name, qname);
  if (known !== null) return { rcode: 0, answers: [parseIpv4(known)!] };
  return forwarded.get(ns)?.get(qname) ?? { rcode: 2, answers: [] };
});

/**
 * forwardExtDNS: the embedded DNS asks the external servers in turn. The host's resolv.conf
 * servers are asked from the daemon's namespace (resolvconf's HostLoopback: the address is
 * the host's to reach), and not at all from a sandbox with no way out (only internal
 * networks: proxyDNS off); --dns servers are asked from the container's namespace. The answer
 * is kept for the query the container then sends to 127.0.0.11.
 */
function forwardExternal(w: World, host: Netns, ct: Container, ctNs: Netns, qname: string): void {
  const override = (ct.dns?.servers.length ?? 0) > 0;
  const e = existingEngine(host);
  const proxyDNS = ct.endpoints.some((x) => e?.networks.get(x.network)?.internal !== true);
  const servers = override
    ? ct.dns!.servers.flatMap((a) => (parseIpv4(a) === null ? [] : [parseIpv4(a)!]))
    : proxyDNS
      ? resolvConfServers(readFile(w, host, '/etc/resolv.conf', containerFiles))
      : [];
  let answer: { rcode: DnsRcode; answers: readonly number[] } = { rcode: 2, answers: [] };
  for (const server of servers) {
    const r = queryServer(w, override ? ctNs : host, server, qname);
    if (r) {
      answer = { rcode: r.rcode, answers: r.answers };
      break;
    }
  }
  const m = forwarded.get(ctNs) ?? new Map();
  m.set(qname, answer);
  forwarded.set(ctNs, m);
}

/** the nameserver lines of a resolv.conf, none when it names none */
function resolvConfServers(text: string | null | undefined): number[] {
  return (text ?? '').split('\n').flatMap((l) => {
    const m = /^\s*nameserver\s+(\S+)/.exec(l);
    const a = m ? parseIpv4(m[1]!) : null;
    return a === null ? [] : [a];
  });
}

/**
 * getaddrinfo(NAME) in a container's namespace: its /etc/hosts, then its resolv.conf's
 * servers — 127.0.0.11, the embedded DNS, on a network that resolves names (the query goes
 * through the namespace's DOCKER_OUTPUT DNAT to the server's port), the host's servers on
 * the default bridge. null: NS is no container's.
 */
export function containerLookup(w: World, ns: Netns, name: string): Resolution | null {
  const found = containerIn(w, ns);
  if (!found) return null;
  const listed = hostsFileLookup(containerFiles(w, ns, '/etc/hosts') ?? '', name);
  if (listed !== null) return { kind: 'ok', addrs: [parseIpv4(listed)!] };
  const conf = containerFiles(w, ns, '/etc/resolv.conf') ?? '';
  const qname = name.toLowerCase().replace(/\.$/, '');
  if (conf.includes(`\nnameserver ${INTERNAL_NS}\n`) && ns.name !== null && embeddedName(w, ns.name, qname) === null)
    forwardExternal(w, found.host, found.ct, ns, qname);
  return resolveName(w, ns, name, conf);
}

/** the addresses getent hosts prints for NAME in a container (after its /etc/hosts) */
function containerDns(w: World, ctNs: Netns, name: string): string[] {
  const r = containerLookup(w, ctNs, name);
  return r?.kind === 'ok' ? r.addrs.map(formatIpv4) : [];
}
