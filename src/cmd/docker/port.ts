// docker port CONTAINER [PRIVATE_PORT[/PROTO]]: the host addresses a container's ports are
// published on, as the docker CLI prints them (one "80/tcp -> 0.0.0.0:8080" line per binding,
// in natural order; with a port, only its host addresses).

import { readDockerFlags } from './cli-flags-model.ts';
import { DockerError, findContainer } from './expand.ts';
import type { Engine } from './engine.ts';

/** cli.RequiresRangeArgs(1, 2) (cli/required.go) */
const USAGE =
  "docker: 'docker port' requires at least 1 and at most 2 arguments\n\nUsage:  docker port CONTAINER [PRIVATE_PORT[/PROTO]]\n\nRun 'docker port --help' for more information";

/** sortorder.NaturalLess: runs of digits compare as numbers, the rest byte by byte */
export function naturalLess(a: string, b: string): boolean {
  const chunks = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const x = chunks(a);
  const y = chunks(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i]!, y[i]!];
    if (p === q) continue;
    const digits = /^\d/.test(p) && /^\d/.test(q);
    if (digits && Number(p) !== Number(q)) return Number(p) < Number(q);
    return p < q;
  }
  return x.length < y.length;
}

export function dockerPort(e: Engine, args: readonly string[]): string {
  const read = readDockerFlags('port', args);
  if ('error' in read) throw new DockerError(read.error, read.status);
  const refs = read.args;
  if (refs.length < 1 || refs.length > 2) throw new DockerError(USAGE, 1);
  const [ref, want] = refs as [string, string | undefined];
  const ct = findContainer(e, ref);
  if (!ct) throw new DockerError(`Error response from daemon: No such container: ${ref}`, 1);
  const host = (ip: string | null, port: number) => `${ip ?? '0.0.0.0'}:${port}`;
  // what is published now: nothing once the endpoint they were programmed on is gone
  const ports = ct.portsOn === null ? [] : ct.ports;
  let out: string[];
  if (want !== undefined) {
    const [port = '', proto = 'tcp'] = want.split('/', 2);
    if (!/^\d+$/.test(port) || Number(port) > 65535) {
      const why = /^\d+$/.test(port) ? 'value out of range' : 'invalid syntax';
      throw new DockerError(`Error: invalid port (${port}): strconv.ParseUint: parsing "${port}": ${why}`, 1);
    }
    out = ports.filter((p) => p.port === Number(port) && p.proto === (proto || 'tcp')).map((p) => host(p.hostIp, p.hostPort));
    if (!out.length) throw new DockerError(`Error: No public port '${want}' published for ${ref}`, 1);
  } else out = ports.map((p) => `${p.port}/${p.proto} -> ${host(p.hostIp, p.hostPort)}`);
  out.sort((a, b) => (naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0));
  return out.length ? `${out.join('\n')}\n` : '';
}
