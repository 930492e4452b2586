// Which of docker's flags (cli-flags.ts) netlab models. A flag listed here has Docker's effect
// in the lab (on the network, or in what `docker inspect` shows); every other flag docker has is
// refused by name, so that no flag is accepted and ignored. A flag docker does not have gets
// pflag's own message (pflag.ts).

import { DOCKER_CLI } from './cli-flags.ts';
import { type FlagError, type GivenFlag, parseFlags } from './pflag.ts';

const RUN = [
  'add-host',
  'cap-add',
  'cap-drop',
  'detach',
  'disable-content-trust',
  'dns',
  'dns-opt',
  'dns-option',
  'dns-search',
  'env',
  'hostname',
  'interactive',
  'ip',
  'kernel-memory',
  'label',
  'link',
  'mac-address',
  'name',
  'net',
  'net-alias',
  'network',
  'network-alias',
  'privileged',
  'publish',
  'publish-all',
  'rm',
  'tty',
];

export const MODELLED_FLAGS: Readonly<Record<string, ReadonlySet<string>>> = {
  run: new Set(RUN),
  create: new Set(RUN.filter((f) => f !== 'detach')),
  'network create': new Set(['driver', 'opt', 'label', 'internal', 'ipv4', 'attachable', 'subnet', 'ip-range', 'gateway', 'aux-address']),
  'network connect': new Set(['ip', 'alias', 'gw-priority']),
  'network disconnect': new Set(['force']),
  'network rm': new Set(['force']),
  'network ls': new Set(['quiet']),
  'network inspect': new Set(['format']),
  'network prune': new Set(['force']),
  inspect: new Set(['format']),
  'container inspect': new Set(['format']),
  port: new Set<string>(),
};

/** a flag docker has that netlab does not model: refused by name, the way the project words it */
export function notModelledMessage(cmd: string, typed: string): string {
  return `netlab: docker ${cmd} ${typed} is not modelled yet; leave it out`;
}

export interface ReadFlags {
  readonly flags: GivenFlag[];
  readonly args: string[];
  readonly notices: string;
}

/**
 * A docker command's arguments read as the CLI reads them, then held to what netlab models:
 * pflag's errors (status 125), the CLI's refusal of a Windows-only flag on a Linux daemon
 * (cmd/docker/docker.go areFlagsSupported, status 1), netlab's refusal of a flag it does not model.
 */
export function readDockerFlags(cmd: string, raw: readonly string[]): ReadFlags | FlagError {
  const c = DOCKER_CLI[cmd];
  const modelled = MODELLED_FLAGS[cmd];
  if (!c || !modelled) throw new Error(`no flag table for docker ${cmd}`);
  const read = parseFlags(cmd, c, raw);
  if ('error' in read) return read;
  for (const f of read.flags) {
    const def = c.flags.find((x) => x.long === f.name);
    if (def?.ostype)
      return {
        error: `"--${f.name}" is only supported on a Docker daemon running on ${def.ostype}, but the Docker daemon is running on linux`,
        status: 1,
      };
  }
  for (const f of read.flags) if (!modelled.has(f.name)) return { error: notModelledMessage(cmd, f.typed), status: 125 };
  return read;
}
