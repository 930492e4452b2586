// Every flag of docker/cli v29.7.2 (cli-flags.ts) is either modelled — and then it changes what
// the user sees — or refused by name; a flag docker does not have gets pflag's message.

import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../core/snapshot.ts';
import { Shell } from '../shell.ts';
import { type CliFlag, DOCKER_CLI } from './cli-flags.ts';
import { MODELLED_FLAGS, readDockerFlags } from './cli-flags-model.ts';
import { parseFlags } from './pflag.ts';

/** a value each pflag type takes */
function sample(f: CliFlag): string[] {
  switch (f.type) {
    case 'bool':
      return [];
    case 'int':
    case 'int64':
    case 'uint16':
    case 'uint64':
      return ['10'];
    case 'duration':
      return ['1s'];
    case 'ip':
    case 'ipSlice':
      return ['10.0.0.5'];
    case 'ipNetSlice':
      return ['10.0.0.0/24'];
    default:
      return ['x=1'];
  }
}

/** the positional arguments each command needs after its flags */
const POSITIONAL: Record<string, string[]> = {
  run: ['alpine'],
  create: ['alpine'],
  'network create': ['n1'],
  'network connect': ['n1', 'c1'],
  'network disconnect': ['n1', 'c1'],
  'network rm': ['n1'],
  'network ls': [],
  'network inspect': ['n1'],
  'network prune': [],
  inspect: ['c1'],
  'container inspect': ['c1'],
  port: ['c1'],
};

describe('pflag as the docker CLI runs it', () => {
  const run = DOCKER_CLI.run!;
  const read = (...args: string[]) => {
    const r = parseFlags('run', run, args);
    if ('error' in r) throw new Error(r.error);
    return { flags: r.flags.map((f) => `${f.name}=${f.value}`), args: r.args };
  };

  it('reads every form a user types: --f=v, --f v, -abc, -pVALUE, -p=VALUE, --bool=false', () => {
    expect(read('--name=web', '--network', 'n1', '-dit', '-p8080:80', '-p=53:53/udp', '--rm=false', 'nginx', '-p', '1')).toEqual({
      flags: ['name=web', 'network=n1', 'detach=true', 'interactive=true', 'tty=true', 'publish=8080:80', 'publish=53:53/udp', 'rm=false'],
      args: ['nginx', '-p', '1'],
    });
    // a value flag takes the next argument even when it starts with "-"; "--" ends the flags
    expect(read('--name', '-x', '--', '-image')).toEqual({ flags: ['name=-x'], args: ['-image'] });
    expect(read('-e', 'A=1', '-eB=2', '-e=C=3', 'alpine').flags).toEqual(['env=A=1', 'env=B=2', 'env=C=3']);
  });

  it("network commands take flags after their arguments too (cobra's interspersed flags)", () => {
    const r = parseFlags('network connect', DOCKER_CLI['network connect']!, ['n1', '--ip', '10.0.0.5', 'c1']);
    expect(r).toEqual({ flags: [{ name: 'ip', typed: '--ip', value: '10.0.0.5' }], args: ['n1', 'c1'], notices: '' });
  });

  it("refuses with pflag's words, wrapped by docker's FlagErrorFunc (status 125)", () => {
    const usage = (cmd: string) => `\n\nUsage:  ${DOCKER_CLI[cmd]!.use}\n\nRun 'docker ${cmd} --help' for more information`;
    const cases: Array<[string, string[], string]> = [
      ['run', ['---x'], 'bad flag syntax: ---x'],
      ['network create', ['--subnet'], 'flag needs an argument: --subnet'],
      [
        'network create',
        ['--gateway', '10.0.0.300', 'n'],
        'invalid argument "10.0.0.300" for "--gateway" flag: invalid string being converted to IP address: 10.0.0.300',
      ],
      [
        'network create',
        ['--ip-range', '10.0.0.0/33', 'n'],
        'invalid argument "10.0.0.0/33" for "--ip-range" flag: invalid string being converted to CIDR: 10.0.0.0/33',
      ],
      [
        'network connect',
        ['--gw-priority', '1.5', 'n', 'c'],
        'invalid argument "1.5" for "--gw-priority" flag: strconv.ParseInt: parsing "1.5": invalid syntax',
      ],
      [
        'run',
        ['--blkio-weight', '70000', 'alpine'],
        'invalid argument "70000" for "--blkio-weight" flag: strconv.ParseUint: parsing "70000": value out of range',
      ],
      [
        'run',
        ['--health-timeout', '3x', 'alpine'],
        'invalid argument "3x" for "--health-timeout" flag: time: unknown unit "x" in duration "3x"',
      ],
      ['network ls', ['-qz'], "unknown shorthand flag: 'z' in -qz"],
      [
        'network disconnect',
        ['--force=maybe'],
        'invalid argument "maybe" for "-f, --force" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
      ],
    ];
    for (const [cmd, args, err] of cases)
      expect(readDockerFlags(cmd, args), `${cmd} ${args.join(' ')}`).toEqual({ error: err + usage(cmd), status: 125 });
  });
});

describe('no flag of docker/cli v29.7.2 is accepted and ignored', () => {
  it('every flag netlab does not model is refused by the name the user typed (long and short)', () => {
    let refusedCount = 0;
    for (const [cmd, c] of Object.entries(DOCKER_CLI)) {
      expect(MODELLED_FLAGS[cmd], `no model for docker ${cmd}`).toBeDefined();
      for (const f of c.flags) {
        if (MODELLED_FLAGS[cmd]!.has(f.long) || f.long === 'help') continue;
        for (const typed of [`--${f.long}`, ...(f.short ? [`-${f.short}`] : [])]) {
          const r = readDockerFlags(cmd, [typed, ...sample(f), ...POSITIONAL[cmd]!]);
          if (f.ostype)
            expect(r).toEqual({
              error: `"--${f.long}" is only supported on a Docker daemon running on ${f.ostype}, but the Docker daemon is running on linux`,
              status: 1,
            });
          else
            expect(r, `docker ${cmd} ${typed}`).toEqual({
              error: `netlab: docker ${cmd} ${typed} is not modelled yet; leave it out`,
              status: 125,
            });
          refusedCount++;
        }
      }
    }
    expect(refusedCount).toBeGreaterThan(100);
  });

  it('every modelled flag is one docker has', () => {
    for (const [cmd, set] of Object.entries(MODELLED_FLAGS))
      for (const f of set)
        expect(
          DOCKER_CLI[cmd]!.flags.some((x) => x.long === f),
          `docker ${cmd} --${f}`,
        ).toBe(true);
  });

  it('a refused flag changes nothing, through the shell', () => {
    const sh = new Shell();
    sh.exec('docker network create n1');
    const before = fingerprint(sh.world);
    for (const line of [
      'docker run -d --memory 1g alpine sleep infinity',
      'docker network create --ipv6 n2',
      'docker network connect --driver-opt a=b n1 c1',
    ]) {
      const r = sh.exec(line);
      expect(r.status, line).toBe(125);
      expect(r.stderr, line).toMatch(/^netlab: docker .* is not modelled yet; leave it out\n$/);
    }
    const bad = sh.exec('docker create --frob alpine');
    expect(bad).toMatchObject({
      status: 125,
      stderr: expect.stringMatching(/^unknown flag: --frob\n\nUsage: {2}docker create \[OPTIONS\] IMAGE/),
    });
    expect(fingerprint(sh.world)).toBe(before);
  });

  /**
   * What each modelled flag of `docker run` changes: `setup` lines, then the run line with the
   * flag and without it, then `probe`; the two runs must not look the same.
   */
  const RUN_EFFECTS: Record<string, { setup?: string[]; flag: string; image?: string; probe: string }> = {
    'add-host': { flag: '--add-host db:10.1.1.1', probe: 'docker exec c1 cat /etc/hosts' },
    'cap-add': { flag: '--cap-add NET_ADMIN', probe: 'docker exec c1 ip link set lo down' },
    // (ping needs no NET_RAW in a container: Docker opens ICMP sockets to every group, ping_group_range)
    'cap-drop': { flag: '--cap-drop NET_RAW', probe: "docker inspect -f '{{json .HostConfig.CapDrop}}' c1" },
    detach: { flag: '-d', probe: 'docker ps -aq' },
    'disable-content-trust': { flag: '--disable-content-trust', probe: 'docker ps -q' },
    dns: { flag: '--dns 10.1.1.1', probe: 'docker exec c1 cat /etc/resolv.conf' },
    'dns-opt': { flag: '--dns-opt ndots:2', probe: 'docker exec c1 cat /etc/resolv.conf' },
    'dns-option': { flag: '--dns-option ndots:2', probe: 'docker exec c1 cat /etc/resolv.conf' },
    'dns-search': { flag: '--dns-search example.org', probe: 'docker exec c1 cat /etc/resolv.conf' },
    env: { flag: '-e MODE=x', probe: 'docker exec c1 env' },
    hostname: { flag: '-h box', probe: 'docker exec c1 env' },
    interactive: { flag: '-i', probe: "docker inspect -f '{{.Config.OpenStdin}}' c1" },
    ip: {
      setup: ['docker network create --subnet 10.5.0.0/24 n1'],
      flag: '--network n1 --ip 10.5.0.9',
      probe: 'docker exec c1 ip -br addr show eth0',
    },
    'kernel-memory': { flag: '--kernel-memory 10m', probe: 'docker ps -q' },
    label: { flag: '-l tier=web', probe: "docker inspect -f '{{json .Config.Labels}}' c1" },
    link: { setup: ['docker run -d --name db alpine sleep infinity'], flag: '--link db', probe: 'docker exec c1 cat /etc/hosts' },
    'mac-address': { flag: '--mac-address 02:00:00:00:00:09', probe: 'docker exec c1 ip -br link show eth0' },
    name: { flag: '--name other', probe: 'docker ps' },
    net: { setup: ['docker network create n1'], flag: '--net n1', probe: 'docker exec c1 ip -br addr show eth0' },
    'net-alias': {
      setup: ['docker network create n1'],
      flag: '--network n1 --net-alias db',
      probe: "docker inspect -f '{{json .NetworkSettings.Networks}}' c1",
    },
    network: { setup: ['docker network create n1'], flag: '--network n1', probe: 'docker exec c1 ip -br addr show eth0' },
    'network-alias': {
      setup: ['docker network create n1'],
      flag: '--network n1 --network-alias db',
      probe: "docker inspect -f '{{json .NetworkSettings.Networks}}' c1",
    },
    privileged: { flag: '--privileged', probe: 'docker exec c1 sysctl -w net.ipv4.ip_forward=1' },
    publish: { flag: '-p 8080:80', image: 'nginx', probe: 'docker port c1' },
    'publish-all': { flag: '-P', image: 'nginx', probe: 'docker port c1' },
    rm: { flag: '--rm', probe: "docker inspect -f '{{.HostConfig.AutoRemove}}' c1" },
    tty: { flag: '-t', probe: "docker inspect -f '{{.Config.Tty}}' c1" },
  };

  it('every modelled flag of docker run changes what the user sees', () => {
    expect(Object.keys(RUN_EFFECTS).sort()).toEqual([...MODELLED_FLAGS.run!].sort());
    const seen = (e: (typeof RUN_EFFECTS)[string], withFlag: boolean): string => {
      const sh = new Shell();
      for (const l of e.setup ?? []) expect(sh.exec(l).status, l).toBe(0);
      // -d unless the flag is -d itself (then the other run is in the foreground with a command that ends)
      const detach = e.flag === '-d' ? (withFlag ? '-d' : '--rm') : '-d';
      const name = e.flag.startsWith('--name') && withFlag ? '' : '--name c1';
      const line = `docker run ${detach} ${name} ${withFlag ? e.flag : ''} ${e.image ?? 'alpine'}${e.flag === '-d' && !withFlag ? ' true' : e.image ? '' : ' sleep infinity'}`;
      const r = sh.exec(line.replace(/ +/g, ' '));
      const p = sh.exec(e.probe);
      return JSON.stringify([r.status, r.stderr, p]);
    };
    for (const [flag, e] of Object.entries(RUN_EFFECTS)) expect(seen(e, true), `--${flag}`).not.toBe(seen(e, false));
  });
});
