// docker run's and docker exec's flags beyond networking: modelled where they show something
// true (-e, --label, the capabilities that decide what a container may do to its network stack),
// refused by name where not, and docker's own "unknown flag" for what docker does not have.

import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../core/snapshot.ts';
import { Shell } from '../shell.ts';

function run(sh: Shell, line: string): string {
  const r = sh.exec(line);
  expect(r.status, `${line}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

function refused(sh: Shell, line: string, stderr: string | RegExp, status = 125): void {
  const before = fingerprint(sh.world);
  const r = sh.exec(line);
  expect(r.status, line).toBe(status);
  if (typeof stderr === 'string') expect(r.stderr).toBe(stderr);
  else expect(r.stderr).toMatch(stderr);
  expect(fingerprint(sh.world), `${line} changed the world`).toBe(before);
}

describe('docker run -e and --label', () => {
  it("are the container's: in its process environment and in docker inspect", () => {
    const sh = new Shell();
    const id = run(sh, 'docker run -d --name app -e MODE=test -e EMPTY= -e UNSET --label tier=web --label b alpine sleep infinity').trim();
    expect(run(sh, 'docker exec app env')).toBe(
      `PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=${id.slice(0, 12)}\nMODE=test\nEMPTY=\nHOME=/root\n`,
    );
    // an exec's own -e comes after, and wins
    expect(run(sh, 'docker exec -e MODE=prod -e X=1 app env')).toContain('MODE=prod\nEMPTY=\nX=1\nHOME=/root\n');
    expect(run(sh, `docker inspect -f '{{.Config.Env}}' app`)).toBe(
      '[MODE=test EMPTY= PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin]\n',
    );
    expect(run(sh, `docker inspect -f '{{.Config.Labels}} {{json .Config.Labels}}' app`)).toBe('map[b: tier:web] {"b":"","tier":"web"}\n');
  });
});

describe("a container's capabilities decide what it may change in its network stack", () => {
  it('without NET_ADMIN (the default) ip and iptables are refused as the kernel refuses them; reading is allowed', () => {
    const sh = new Shell();
    run(sh, 'docker run -d --name plain alpine sleep infinity');
    refused(sh, 'docker exec plain ip link set lo down', 'RTNETLINK answers: Operation not permitted\n', 2);
    refused(sh, 'docker exec plain ip route add 10.9.0.0/16 dev eth0', 'RTNETLINK answers: Operation not permitted\n', 2);
    refused(
      sh,
      'docker exec plain iptables -S',
      'iptables v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n',
      4,
    );
    refused(
      sh,
      'docker exec plain sysctl -w net.ipv4.ip_forward=1',
      "sysctl: error setting key 'net.ipv4.ip_forward': Read-only file system\n",
      1,
    );
    expect(run(sh, 'docker exec plain ip -br addr show lo')).toMatch(/^lo +UNKNOWN +127\.0\.0\.1\/8/);
  });

  it('--cap-add NET_ADMIN lets it change them; --cap-drop takes it back; --privileged also makes /proc/sys writable', () => {
    const sh = new Shell();
    run(sh, 'docker run -d --name admin --cap-add NET_ADMIN alpine sleep infinity');
    run(sh, 'docker exec admin iptables -A INPUT -p icmp -j DROP');
    expect(run(sh, 'ip netns exec admin iptables -S INPUT')).toContain('-A INPUT -p icmp -j DROP');
    run(sh, 'docker exec admin ip link set lo down');
    refused(sh, 'docker exec admin sysctl -w net.ipv4.ip_forward=1', /Read-only file system/, 1);
    run(sh, 'docker run -d --name most --cap-add ALL --cap-drop net_admin alpine sleep infinity');
    refused(sh, 'docker exec most ip link set lo down', 'RTNETLINK answers: Operation not permitted\n', 2);
    run(sh, 'docker run -d --name priv --privileged alpine sleep infinity');
    expect(run(sh, 'docker exec priv sysctl -w net.ipv4.ip_forward=1')).toBe('net.ipv4.ip_forward = 1\n');
    expect(run(sh, `docker inspect -f '{{.HostConfig.Privileged}}' priv`)).toBe('true\n');
    refused(
      sh,
      'docker run -d --cap-add NET_WIZARD alpine sleep infinity',
      "docker: Error response from daemon: invalid capability: NET_WIZARD\n\nRun 'docker run --help' for more information\n",
    );
  });
});

describe('flags docker has and netlab does not model are refused by name; unknown ones get docker’s message', () => {
  it('docker run', () => {
    const sh = new Shell();
    for (const f of [
      '-v /srv:/srv',
      '--volume=/srv:/srv',
      '--restart always',
      '--entrypoint sh',
      '-w /tmp',
      '-u 1000',
      '--init',
      '--memory 1g',
      '-m 1g',
      '--read-only',
      '--env-file x.env',
      '--expose 80',
      '--sysctl net.ipv4.ip_forward=1',
    ])
      refused(
        sh,
        `docker run -d ${f} alpine sleep infinity`,
        new RegExp(`^netlab: docker run ${f.split(/[ =]/)[0]} is not modelled yet; leave it out\\n$`),
      );
    // docker 29's FlagErrorFunc (cli/cobra.go): pflag's error, the usage line, where to look for help
    const usage = "\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n";
    refused(sh, 'docker run -d --frobnicate alpine sleep infinity', `unknown flag: --frobnicate${usage}`);
    refused(sh, 'docker run -dZ alpine sleep infinity', `unknown shorthand flag: 'Z' in -dZ${usage}`);
    refused(sh, 'docker run -d --name', `flag needs an argument: --name${usage}`);
    refused(sh, 'docker run -d -p', `flag needs an argument: 'p' in -p${usage}`);
    refused(
      sh,
      'docker run --rm=maybe alpine',
      `invalid argument "maybe" for "--rm" flag: strconv.ParseBool: parsing "maybe": invalid syntax${usage}`,
    );
    refused(
      sh,
      'docker run --ip 10.0.0.300 alpine',
      `invalid argument "10.0.0.300" for "--ip" flag: failed to parse IP: "10.0.0.300"${usage}`,
    );
    refused(
      sh,
      'docker run -c lots alpine',
      `invalid argument "lots" for "-c, --cpu-shares" flag: strconv.ParseInt: parsing "lots": invalid syntax${usage}`,
    );
    refused(
      sh,
      'docker run --health-interval 5 alpine',
      `invalid argument "5" for "--health-interval" flag: time: missing unit in duration "5"${usage}`,
    );
    // a Windows-only flag: the CLI asks the daemon's OS first
    refused(
      sh,
      'docker run --cpu-count 2 alpine',
      '"--cpu-count" is only supported on a Docker daemon running on windows, but the Docker daemon is running on linux\n',
      1,
    );
    // pflag's forms: -p8080:80, --name=x
    run(sh, 'docker run -d -p8080:80 --name=web nginx');
    expect(run(sh, 'docker port web')).toBe('80/tcp -> 0.0.0.0:8080\n');
  });

  it('docker exec', () => {
    const sh = new Shell();
    run(sh, 'docker run -d --name app alpine sleep infinity');
    for (const f of ['-u', '-w', '-d', '--privileged'])
      refused(
        sh,
        `docker exec ${f} x app env`.replace(' x app', f === '-u' || f === '-w' ? ' x app' : ' app'),
        new RegExp(`docker exec ${f} is not modelled`),
      );
    refused(sh, 'docker exec --frob app env', "unknown flag: --frob\nSee 'docker exec --help'.\n");
    expect(run(sh, 'docker exec -it app env')).toContain('HOME=/root');
  });
});
