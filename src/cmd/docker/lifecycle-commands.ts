// docker stop, start, restart, kill, wait, logs and container prune as the docker CLI 29.7
// runs them against the daemon: each prints the container as it was named, a daemon error
// in the daemon's words (daemon/errors.go), and changes nothing when refused.

import { httpdSignal } from '../../core/apache-httpd.ts';
import { nginxSignal } from '../../core/nginx.ts';
import { LogFollow } from './logs-follow.ts';
import { type Ctx, DockerError, type Plan, findContainer, imageServer, isRunning, planRm } from './expand.ts';
import type { Container } from './engine.ts';
import {
  freeze,
  handlesStop,
  isInteractiveShell,
  keepsRunning,
  lifeOf,
  logOutput,
  markStarted,
  planExit,
  planStart,
  processArgv,
  processExit,
  reapEnded,
} from './lifecycle.ts';
import { ok, type ExecResult, type NestedShell } from '../result.ts';
import { readLogs } from './logs.ts';

export interface LifeHooks {
  /** run a plan's primitive lines (all or nothing) */
  readonly execute: (plan: Plan) => ExecResult;
  /** run ARGV as the container's process in its namespace */
  readonly process: (ct: Container, argv: readonly string[]) => ExecResult;
  /** the container's shell, which this terminal now talks to (docker start -i) */
  readonly attach?: (ct: Container) => NestedShell;
}

/** SIGKILL by any of its names; a signal docker-cli does not know is refused by the daemon */
const SIGNALS: Readonly<Record<string, number>> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  KILL: 9,
  USR1: 10,
  USR2: 12,
  TERM: 15,
  WINCH: 28,
};

function signalNumber(v: string): number {
  const name = v.toUpperCase().replace(/^SIG/, '');
  const n = /^\d+$/.test(v) ? Number(v) : SIGNALS[name];
  if (n === undefined || n < 1 || n > 64) throw new DockerError(`Error response from daemon: Invalid signal: ${v}`, 1);
  return n;
}

function usage(cmd: string, use: string, what: string): DockerError {
  return new DockerError(
    `"docker ${cmd}" requires at least 1 argument.\nSee 'docker ${cmd} --help'.\n\nUsage:  docker ${use}\n\n${what}`,
    1,
  );
}

function notModelled(flag: string, cmd: string): DockerError {
  return new DockerError(`netlab: docker ${cmd} ${flag.replace(/=.*$/, '')} is not modelled yet; leave it out`, 125);
}

/** flags with a value (-t 5, --timeout=5, -s KILL) and the containers named */
function readArgs(cmd: string, args: readonly string[], valued: Record<string, string>, bool: readonly string[]) {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const refs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-') || a === '-') {
      refs.push(a);
      continue;
    }
    // pflag takes joined boolean shorthands (-ai) one by one
    if (/^-[a-zA-Z]{2,}$/.test(a) && [...a.slice(1)].every((l) => bool.includes(`-${l}`))) {
      for (const l of a.slice(1)) flags.add(`-${l}`);
      continue;
    }
    const eq = a.indexOf('=');
    const key = eq > 0 && a.startsWith('--') ? a.slice(0, eq) : a;
    const long = valued[key];
    if (long !== undefined) {
      const v = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : args[++i];
      if (v === undefined) throw new DockerError(`flag needs an argument: ${key}\nSee 'docker ${cmd} --help'.`, 125);
      values.set(long, v);
    } else if (bool.includes(key)) flags.add(key);
    else if (key.startsWith('--')) throw new DockerError(`unknown flag: ${key}\nSee 'docker ${cmd} --help'.`, 125);
    else throw new DockerError(`unknown shorthand flag: '${key[1]}' in ${key}\nSee 'docker ${cmd} --help'.`, 125);
  }
  return { values, flags, refs };
}

function lookup(c: Ctx, ref: string): Container {
  const ct = findContainer(c.e, ref);
  if (!ct) throw new DockerError(`Error response from daemon: No such container: ${ref}`, 1);
  return ct;
}

/** the image's STOPSIGNAL (nginx: SIGQUIT, httpd: SIGWINCH), else docker's SIGTERM */
export function stopSignal(ct: Container): number {
  const server = imageServer(ct.image);
  return server === 'nginx' ? 3 : server === 'httpd' ? 28 : 15;
}

/**
 * The container's process gets signal SIG: what it logs (docker logs), and the status it ends
 * with, or null when it does not end (PID 1 ignores a signal it has no handler for). SIGKILL
 * ends anything at once, silently: 128 + 9.
 */
function deliver(c: Ctx, ct: Container, sig: number): number | null {
  if (sig === 9) return 137;
  if (!handlesStop(ct)) return null;
  const now = c.w.clock.now();
  const l = lifeOf(ct);
  const server = imageServer(ct.image);
  const got = server === 'nginx' ? nginxSignal(now, sig, l.workers ?? []) : httpdSignal(now, sig);
  if (!got) {
    // the servers' reload, log reopening and binary upgrade are not modelled
    if ([1, 10, 12].includes(sig))
      throw new DockerError(`netlab: ${server} on signal ${sig} (a reload, reopening its logs, a new binary) is not modelled yet`, 1);
    return null;
  }
  l.logs.push(got.output);
  return got.status;
}

/**
 * docker stop: the stop signal, then SIGKILL after the timeout (10 s) if the process is still
 * there; a --rm container goes, except on restart (containerRestart turns AutoRemove off for it)
 */
function stop(c: Ctx, h: LifeHooks, ct: Container, timeout: number, sig: number, restart = false): void {
  if (!isRunning(ct)) return;
  let status = deliver(c, ct, sig);
  if (status === null) {
    if (timeout < 0)
      throw new DockerError(`netlab: ${ct.name}'s process ignores the stop signal and -t ${timeout} waits for ever; give a timeout`, 1);
    c.w.clock.advance(timeout * 1000);
    c.w.expireState();
    status = 137;
  }
  if (restart) h.execute(planExit(c, ct, status));
  else processExit(c, h.execute, ct, status);
}

/** daemon.containerPause: the cgroup freezer stops its processes; the container stays running */
function pause(c: Ctx, ct: Container): void {
  if (!isRunning(ct)) throw new DockerError(`Error response from daemon: container ${ct.id} is not running`, 1);
  const l = lifeOf(ct);
  if (l.paused) throw new DockerError(`Error response from daemon: container ${ct.id} is already paused`, 1);
  l.paused = true;
  freeze(c, ct, true);
}

/** daemon.containerUnpause: its processes run on (a `sleep N` whose time passed ends now) */
function unpause(c: Ctx, ct: Container): void {
  const l = lifeOf(ct);
  if (!l.paused) throw new DockerError(`Error response from daemon: Container ${ct.id} is not paused`, 1);
  l.paused = false;
  freeze(c, ct, false);
  const now = c.w.clock.now();
  if (l.endsAt !== undefined && l.endsAt < now) l.endsAt = now;
}

/** docker start: a new sandbox; a command that ends runs to its end and the container exits again */
function start(c: Ctx, h: LifeHooks, ct: Container): ExecResult | null {
  if (isRunning(ct)) return null;
  h.execute(planStart(c, ct));
  markStarted(ct, c.w.clock.now());
  // a process that does not end now: it keeps running (a `sleep N` until its time)
  if (keepsRunning(ct)) return null;
  const r = finish(c, h, ct);
  if (ct.autoRemove) h.execute(planRm(c, [ct.name], true));
  return r;
}

/** run the container's command (it ends by itself), keep what it printed, and let it exit */
export function finish(c: Ctx, h: LifeHooks, ct: Container): ExecResult {
  const r = h.process(ct, processArgv(ct));
  logOutput(ct, r.stdout, r.stderr, c.w.clock.now());
  h.execute(planExit(c, ct, r.status));
  return r;
}

export function lifecycleCommand(c: Ctx, h: LifeHooks, cmd: string, args: readonly string[]): ExecResult {
  switch (cmd) {
    case 'stop':
    case 'restart': {
      const { values, refs } = readArgs(
        cmd,
        args,
        { '-t': 'timeout', '--timeout': 'timeout', '--time': 'timeout', '-s': 'signal', '--signal': 'signal' },
        [],
      );
      if (!refs.length)
        throw usage(
          cmd,
          `${cmd} [OPTIONS] CONTAINER [CONTAINER...]`,
          cmd === 'stop' ? 'Stop one or more running containers' : 'Restart one or more containers',
        );
      const t = values.get('timeout');
      if (t !== undefined && !/^-?\d+$/.test(t))
        throw new DockerError(
          `invalid argument "${t}" for "-t, --timeout" flag: strconv.ParseInt: parsing "${t}": invalid syntax\nSee 'docker ${cmd} --help'.`,
          125,
        );
      // without -s: the container's stop signal (its image's STOPSIGNAL)
      const given = values.get('signal');
      const sig = given === undefined ? null : signalNumber(given);
      let out = '';
      let err = '';
      for (const ref of refs) {
        try {
          const ct = lookup(c, ref);
          stop(c, h, ct, t === undefined ? 10 : Number(t), sig ?? stopSignal(ct), cmd === 'restart');
          if (cmd === 'restart') start(c, h, ct);
          out += `${ref}\n`;
        } catch (e) {
          if (!(e instanceof DockerError) || refs.length === 1) throw e;
          err += `${e.message}\n`;
        }
      }
      return err ? { stdout: out, stderr: err, status: 1 } : ok(out);
    }
    case 'start': {
      const { flags, refs } = readArgs(cmd, args, {}, ['-a', '--attach', '-i', '--interactive']);
      if (!refs.length) throw usage(cmd, 'start [OPTIONS] CONTAINER [CONTAINER...]', 'Start one or more stopped containers');
      const stdin = flags.has('-i') || flags.has('--interactive');
      const attach = stdin || flags.has('-a') || flags.has('--attach');
      if (attach && refs.length > 1) throw new DockerError('you cannot start and attach multiple containers at once', 1);
      let out = '';
      for (const ref of refs) {
        const ct = lookup(c, ref);
        if (stdin) {
          // -i: this terminal becomes the shell's stdin (a running one is attached to as it is)
          if (!h.attach || !isInteractiveShell(ct)) throw notModelled('-i', 'start');
          start(c, h, ct);
          return { ...ok(), enter: h.attach(ct) };
        }
        const r = start(c, h, ct);
        if (attach) {
          if (!r)
            throw new DockerError(`netlab: docker start -a on ${ct.name}, whose process does not end, would never return: leave out -a`, 1);
          return r;
        }
        out += `${ref}\n`;
      }
      return ok(out);
    }
    case 'kill': {
      const { values, refs } = readArgs(cmd, args, { '-s': 'signal', '--signal': 'signal' }, []);
      if (!refs.length) throw usage(cmd, 'kill [OPTIONS] CONTAINER [CONTAINER...]', 'Kill one or more running containers');
      const sig = signalNumber(values.get('signal') ?? 'KILL');
      let out = '';
      for (const ref of refs) {
        const ct = lookup(c, ref);
        if (!isRunning(ct)) throw new DockerError(`Error response from daemon: container ${ct.id} is not running`, 1);
        const status = deliver(c, ct, sig);
        if (status !== null) processExit(c, h.execute, ct, status);
        // killWithSignal thaws a paused container for a signal that is not the image's own stop signal
        else if (ct.life?.paused && !handlesStop(ct)) unpause(c, ct);
        out += `${ref}\n`;
      }
      return ok(out);
    }
    case 'wait': {
      const { refs } = readArgs(cmd, args, {}, []);
      if (!refs.length)
        throw usage(cmd, 'wait CONTAINER [CONTAINER...]', 'Block until one or more containers stop, then print their exit codes');
      let out = '';
      for (const ref of refs) {
        const ct = lookup(c, ref);
        // a process that ends by itself: the wait lasts until then
        const ends = ct.life?.endsAt;
        if (isRunning(ct) && ends !== undefined) {
          c.w.clock.advance(Math.max(0, ends - c.w.clock.now()));
          c.w.expireState();
          reapEnded(c, h.execute);
        }
        if (isRunning(ct))
          throw new DockerError(
            `netlab: ${ct.name} runs a process that does not end by itself: docker wait would never return (stop it first)`,
            1,
          );
        out += `${lifeOf(ct).exitCode}\n`;
      }
      return ok(out);
    }
    case 'pause':
    case 'unpause': {
      const { refs } = readArgs(cmd, args, {}, []);
      if (!refs.length)
        throw usage(
          cmd,
          `${cmd} CONTAINER [CONTAINER...]`,
          `${cmd === 'pause' ? 'Pause' : 'Unpause'} all processes within one or more containers`,
        );
      // each container on its own (the CLI's parallelOperation): the names done, the errors joined
      let out = '';
      let err = '';
      for (const ref of refs) {
        try {
          const ct = lookup(c, ref);
          if (cmd === 'pause') pause(c, ct);
          else unpause(c, ct);
          out += `${ref}\n`;
        } catch (e) {
          if (!(e instanceof DockerError)) throw e;
          err += `${e.message}\n`;
        }
      }
      return err ? { stdout: out, stderr: err, status: 1 } : ok(out);
    }
    case 'logs': {
      const { values, flags, refs } = readArgs(cmd, args, { '-n': 'tail', '--tail': 'tail', '--since': 'since', '--until': 'until' }, [
        '-f',
        '--follow',
        '-t',
        '--timestamps',
        '--details',
      ]);
      if (refs.length !== 1)
        throw new DockerError(
          `"docker logs" requires exactly 1 argument.\nSee 'docker logs --help'.\n\nUsage:  docker logs [OPTIONS] CONTAINER\n\nFetch the logs of a container`,
          1,
        );
      const ct = lookup(c, refs[0]!);
      const since = values.get('since');
      const until = values.get('until');
      const shown = { timestamps: flags.has('-t') || flags.has('--timestamps'), details: flags.has('--details') };
      const lines = readLogs(ct, c.w.clock.now(), {
        tail: values.get('tail') ?? 'all',
        ...(since !== undefined ? { since } : {}),
        ...(until !== undefined ? { until } : {}),
        ...shown,
      });
      const of = (stream: string) =>
        lines
          .filter((l) => l.stream === stream)
          .map((l) => l.text)
          .join('');
      const r = { ...ok(of('stdout'), of('stderr')), writes: lines.map(({ stream, text }) => ({ stream, text })) };
      // -f on a running container: what is there, then what comes, until it stops (logs-follow.ts)
      const follow = (flags.has('-f') || flags.has('--follow')) && isRunning(ct);
      if (!follow) return r;
      const read = () => readLogs(ct, c.w.clock.now(), { tail: 'all', ...shown });
      return { ...r, live: new LogFollow(`docker logs ${args.join(' ')}`, ct, read) };
    }
    default:
      throw new DockerError(`docker: '${cmd}' is not a docker command.\nSee 'docker --help'`, 1);
  }
}

/** docker container prune -f: every container that is not running goes */
export function planContainerPrune(c: Ctx, args: readonly string[]): { readonly gone: Container[]; readonly stdout: string } {
  for (const a of args)
    if (a !== '-f' && a !== '--force')
      throw a.startsWith('-')
        ? notModelled(a, 'container prune')
        : new DockerError(
            `"docker container prune" accepts no arguments.\nSee 'docker container prune --help'.\n\nUsage:  docker container prune [OPTIONS]\n\nRemove all stopped containers`,
            1,
          );
  if (!args.length)
    throw new DockerError(
      'netlab: docker container prune asks "Are you sure you want to continue? [y/N]", which the lab\'s terminal cannot answer: add -f',
      1,
    );
  // daemon.List(): newest first
  const gone = [...c.e.containers.values()].reverse().filter((ct) => !isRunning(ct));
  const list = gone.length ? `Deleted Containers:\n${gone.map((ct) => `${ct.id}\n`).join('')}\n` : '';
  return { gone, stdout: `${list}Total reclaimed space: 0B\n` };
}
