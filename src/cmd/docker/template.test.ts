// docker inspect -f: the templates learners use for a container's addresses, run as the docker
// CLI runs them (Go's text/template over the inspect JSON), with Go's own errors for fields
// Docker 29 no longer has and netlab's refusal for fields it does not model.

import { describe, expect, it } from 'vitest';
import { Shell } from '../shell.ts';

function build(lines: string[]): Shell {
  const sh = new Shell();
  for (const l of lines) {
    const r = sh.exec(l);
    expect(r.status, `${l}: ${r.stderr}`).toBe(0);
  }
  return sh;
}

describe('docker inspect -f', () => {
  const sh = build([
    'docker network create --subnet 10.9.0.0/24 back',
    'docker run -d --name web -p 8080:80 nginx',
    'docker run -d --name app --network back --ip 10.9.0.9 alpine sleep infinity',
    'docker network connect back web',
  ]);
  const run = (line: string) => {
    const r = sh.exec(line);
    return { stdout: r.stdout, stderr: r.stderr, status: r.status };
  };

  it("prints each endpoint's address, ranging over Networks in name order, one line per object", () => {
    expect(run("docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}' web app").stdout).toBe(
      '10.9.0.2 172.17.0.2 \n10.9.0.9 \n',
    );
    expect(run("docker inspect --format '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.Gateway}},{{end}}' web").stdout).toBe(
      'back=10.9.0.1,bridge=172.17.0.1,\n',
    );
    expect(run("docker inspect -f '{{.NetworkSettings.Networks.bridge.IPAddress}}' web").stdout).toBe('172.17.0.2\n');
    const mac = sh.exec('ip netns exec web ip -br link show eth1').stdout.split(/\s+/)[2];
    expect(run(`docker inspect -f '{{(index .NetworkSettings.Networks "back").MacAddress}}' web`).stdout).toBe(`${mac}\n`);
  });

  it('json prints the published ports and the endpoint as Docker 29 shapes them', () => {
    expect(run("docker inspect -f '{{json .NetworkSettings.Ports}}' web").stdout).toBe(
      '{"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"}]}\n',
    );
    const ep = JSON.parse(run("docker inspect -f '{{json .NetworkSettings.Networks.back}}' app").stdout);
    expect(Object.keys(ep)).toEqual([
      'IPAMConfig',
      'Links',
      'Aliases',
      'DriverOpts',
      'GwPriority',
      'NetworkID',
      'EndpointID',
      'Gateway',
      'IPAddress',
      'MacAddress',
      'IPPrefixLen',
      'IPv6Gateway',
      'GlobalIPv6Address',
      'GlobalIPv6PrefixLen',
      'DNSNames',
    ]);
    // --ip is the endpoint's IPAM configuration; a user network's DNS names are the name and short id
    expect(ep).toMatchObject({
      IPAMConfig: { IPv4Address: '10.9.0.9' },
      IPAddress: '10.9.0.9',
      IPPrefixLen: 24,
      DNSNames: ['app', expect.any(String)],
    });
  });

  it("Docker 29 has no NetworkSettings.IPAddress: Go's error, at Go's column", () => {
    expect(run("docker inspect -f '{{.NetworkSettings.IPAddress}}' web")).toEqual({
      stdout: '\n',
      stderr: 'template parsing error: template: :1:18: executing "" at <.NetworkSettings.IPA...>: map has no entry for key "IPAddress"\n',
      status: 1,
    });
    // a missing network is a nil endpoint, and a field of it the raw map's error
    expect(run("docker inspect -f '{{.NetworkSettings.Networks.nope}}' web").stdout).toBe('<nil>\n');
    expect(run("docker inspect -f '{{.NetworkSettings.Networks.nope.IPAddress}}' web").stderr).toBe(
      'template parsing error: template: :1:18: executing "" at <.NetworkSettings.Net...>: map has no entry for key "nope"\n',
    );
  });

  it('shows what it can and reports the rest; bad templates are refused before anything', () => {
    expect(run("docker inspect -f '{{.Name}}' web nope")).toEqual({ stdout: '/web\n', stderr: 'Error: No such object: nope\n', status: 1 });
    expect(run("docker inspect -f '{{.Name' web")).toEqual({
      stdout: '',
      stderr: 'template parsing error: template: :1: unclosed action\n',
      status: 64,
    });
    expect(run("docker inspect -f '{{foo .Name}}' web").stderr).toBe('template parsing error: template: :1: function "foo" not defined\n');
    // a field Docker has and netlab does not model is refused by name, never printed wrong
    expect(run("docker inspect -f '{{.State.Pid}}' web")).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/^netlab: .*\.State\.Pid is not modelled yet/),
    });
  });

  it('docker network inspect -f ranges over the IPAM configuration', () => {
    expect(run("docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}} via {{.Gateway}}{{end}}' back bridge").stdout).toBe(
      '10.9.0.0/24 via 10.9.0.1\n172.17.0.0/16 via 172.17.0.1\n',
    );
  });
});

describe('docker container …', () => {
  const sh = build(['docker run -d --name web -p 8080:80 nginx']);

  it('container ls, inspect and port are the container commands, not the ps table', () => {
    expect(sh.exec('docker container ls').stdout).toBe(sh.exec('docker ps').stdout);
    expect(sh.exec("docker container inspect -f '{{.Name}}' web").stdout).toBe('/web\n');
    expect(sh.exec('docker container inspect nope')).toMatchObject({
      stdout: '[]\n',
      stderr: 'Error response from daemon: No such container: nope\n',
      status: 1,
    });
    expect(sh.exec('docker container port web').stdout).toBe('80/tcp -> 0.0.0.0:8080\n');
  });

  it("docker's commands netlab does not model are refused by name; ps refuses the flags it would ignore", () => {
    for (const line of ['docker top web', 'docker container cp web:/x .', 'docker ps --format {{.Names}}', 'docker ps -n 1']) {
      const r = sh.exec(line);
      expect(r.status, line).not.toBe(0);
      expect(r.stderr, line).toMatch(/^netlab: docker .* is not modelled yet/);
    }
    expect(sh.exec('docker ps -aq').stdout).toBe(sh.exec('docker ps -q').stdout);
    expect(sh.exec('docker frobnicate').stderr).toBe("docker: 'frobnicate' is not a docker command.\nSee 'docker --help'\n");
  });
});

describe('docker network inspect as Docker 29.7.2 shapes it (api/types/network Inspect)', () => {
  const sh = build([
    'docker network create --internal --subnet 10.8.0.0/24 --label tier=db --label team closed',
    'docker network create -d macvlan --subnet 10.7.0.0/24 mv',
    'docker run -d --name db --network closed alpine sleep infinity',
  ]);
  const json = (ref: string) => JSON.parse(sh.exec(`docker network inspect -f '{{json .}}' ${ref}`).stdout);

  it("has Network's fields in order, then Containers", () => {
    const keys = Object.keys(json('closed'));
    expect(keys.slice(0, 2)).toEqual(['Name', 'Id']);
    // Created is the one field the lab does not keep
    expect(keys.filter((k) => !['Name', 'Id'].includes(k))).toEqual([
      'Scope',
      'Driver',
      'EnableIPv4',
      'EnableIPv6',
      'IPAM',
      'Internal',
      'Attachable',
      'Ingress',
      'ConfigFrom',
      'ConfigOnly',
      'Options',
      'Labels',
      'Containers',
    ]);
  });

  it('Internal is the --internal the user gave (a macvlan without a parent is internal in its driver only)', () => {
    expect(
      sh.exec("docker network inspect -f '{{.Internal}} {{.EnableIPv4}} {{.Ingress}} {{.ConfigOnly}} {{json .Labels}}' closed mv bridge")
        .stdout,
    ).toBe('true true false false {"team":"","tier":"db"}\nfalse true false false {}\nfalse true false false {}\n');
    const bad = sh.exec('docker network create --label =x n2');
    expect(bad.status).toBe(125);
    expect(bad.stderr).toMatch(
      /^invalid argument "=x" for "--label" flag: invalid label '=x': empty name\n\nUsage: {2}docker network create/,
    );
    expect(sh.exec("docker network inspect -f '{{range .Containers}}{{.Name}} {{.IPv4Address}}{{end}}' closed").stdout).toBe(
      'db 10.8.0.2/24\n',
    );
  });
});
