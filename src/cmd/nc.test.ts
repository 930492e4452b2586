import { describe, expect, it } from 'vitest';
import { NC_USAGE } from './nc.ts';
import { Shell } from './shell.ts';

/** the host (10.0.0.1) and namespace b (10.0.0.2) on a veth pair */
function lab(): Shell {
  const sh = new Shell();
  for (const l of [
    'ip link set lo up',
    'ip netns add b',
    'ip link add va type veth peer name vb netns b',
    'ip addr add 10.0.0.1/24 dev va',
    'ip link set va up',
    'ip -n b addr add 10.0.0.2/24 dev vb',
    'ip -n b link set vb up',
    'ip -n b link set lo up',
  ])
    expect(sh.exec(l).status, l).toBe(0);
  return sh;
}

/** ss's rows without its header, as STATE LOCAL PEER */
function sockets(sh: Shell, line: string): string[] {
  return sh
    .exec(line)
    .stdout.trim()
    .split('\n')
    .slice(1)
    .map((r) =>
      r
        .trim()
        .split(/\s+/)
        .filter((_, i) => i !== 1 && i !== 2)
        .join(' '),
    );
}

describe('nc', () => {
  it('a listener shows in ss with its process; a client it accepts is ESTAB on both sides', () => {
    const sh = lab();
    const listener = sh.exec('ip netns exec b nc -lnv 9000 &');
    const lpid = listener.stdout.split(' ')[1]!.trim();
    expect(sh.exec('ip netns exec b ss -tlnp').stdout).toContain(`0.0.0.0:9000      0.0.0.0:*    users:(("nc",pid=${lpid},fd=3))`);
    const client = sh.exec('nc -v 10.0.0.2 9000 &');
    expect(client.status).toBe(0);
    const mine = sockets(sh, 'ss -tan');
    expect(mine).toHaveLength(1);
    const [state, local, peer] = mine[0]!.split(' ');
    expect([state, peer]).toEqual(['ESTAB', '10.0.0.2:9000']);
    expect(sockets(sh, 'ip netns exec b ss -tan')).toEqual(['LISTEN 0.0.0.0:9000 0.0.0.0:*', `ESTAB 10.0.0.2:9000 ${local}`]);
    // the listener's -v lines, then the client's, reach the terminal that started them
    const printed = sh.collectJobs();
    expect(printed).toContain(`Listening on 0.0.0.0 9000\nConnection received on 10.0.0.1 ${local!.split(':')[1]}\n`);
    expect(printed).toContain('Connection to 10.0.0.2 9000 port [tcp/*] succeeded!\n');
  });

  it('nc -z connects and closes: the client keeps TIME-WAIT for 60 s, the listener without -k exits', () => {
    const sh = lab();
    sh.exec('ip netns exec b nc -l 8080 &');
    const z = sh.exec('nc -zv 10.0.0.2 8080');
    // bash then notices the listener's job has ended
    expect(z.stderr).toBe(
      'Connection to 10.0.0.2 8080 port [tcp/http-alt] succeeded!\n[1]+  Done                    ip netns exec b nc -l 8080\n',
    );
    expect(z.status).toBe(0);
    expect(sockets(sh, 'ss -tan')[0]).toMatch(/^TIME-WAIT 10\.0\.0\.1:\d+ 10\.0\.0\.2:8080$/);
    expect(sockets(sh, 'ip netns exec b ss -tan')).toEqual([]);
    expect(sh.exec('jobs').stdout).toBe('');
    sh.exec('sleep 59');
    expect(sockets(sh, 'ss -tan state time-wait')).toHaveLength(1);
    sh.exec('sleep 2');
    expect(sockets(sh, 'ss -tan state time-wait')).toEqual([]);
  });

  it('nc -lk keeps listening after each connection', () => {
    const sh = lab();
    sh.exec('ip netns exec b nc -lk 8080 &');
    expect(sh.exec('nc -z 10.0.0.2 8080').status).toBe(0);
    expect(sh.exec('nc -z 10.0.0.2 8080').status).toBe(0);
    expect(sockets(sh, 'ip netns exec b ss -tln')).toEqual(['LISTEN 0.0.0.0:8080 0.0.0.0:*']);
    expect(sockets(sh, 'ss -tan state time-wait')).toHaveLength(2);
  });

  it('scans a range in order; the exit status is 0 when any port answered', () => {
    const sh = lab();
    sh.exec('ip netns exec b nc -lk 8080 &');
    const r = sh.exec('nc -zvn 10.0.0.2 8081-8079');
    expect(r.stderr).toBe(
      'nc: connect to 10.0.0.2 port 8079 (tcp) failed: Connection refused\n' +
        'Connection to 10.0.0.2 8080 port [tcp/*] succeeded!\n' +
        'nc: connect to 10.0.0.2 port 8081 (tcp) failed: Connection refused\n',
    );
    expect(r.status).toBe(0);
    // without -v a refused port prints nothing
    expect(sh.exec('nc -z 10.0.0.2 9')).toMatchObject({ stderr: '', status: 1 });
  });

  it('reports the kernel errno: no route, and a timeout of -w seconds on the virtual clock', () => {
    const sh = lab();
    expect(sh.exec('nc -zv 10.9.9.9 80').stderr).toBe('nc: connect to 10.9.9.9 port 80 (tcp) failed: Network is unreachable\n');
    const t0 = sh.world.clock.now();
    const r = sh.exec('nc -zv -w 2 10.0.0.9 80');
    expect(r.stderr).toBe('nc: connect to 10.0.0.9 port 80 (tcp) timed out: Operation now in progress\n');
    expect(sh.world.clock.now() - t0).toBeGreaterThanOrEqual(2000);
    // without -w the connect ends when ARP gives the neighbour up, as the kernel's host unreachable
    sh.exec('sleep 10');
    expect(sh.exec('nc -zv 10.0.0.8 80').stderr).toBe('nc: connect to 10.0.0.8 port 80 (tcp) failed: No route to host\n');
  });

  it('a REJECT rule refuses the connection as the kernel reports it', () => {
    const sh = lab();
    sh.exec('ip netns exec b nc -lk 8080 &');
    sh.exec('ip netns exec b iptables -A INPUT -p tcp --dport 8080 -j REJECT');
    expect(sh.exec('nc -zv 10.0.0.2 8080').stderr).toBe('nc: connect to 10.0.0.2 port 8080 (tcp) failed: Connection refused\n');
    sh.exec('ip netns exec b iptables -R INPUT 1 -p tcp --dport 8080 -j REJECT --reject-with icmp-host-prohibited');
    expect(sh.exec('nc -zv 10.0.0.2 8080').stderr).toBe('nc: connect to 10.0.0.2 port 8080 (tcp) failed: No route to host\n');
  });

  it('binds -s and -p as given; an address not local is refused before anything is sent', () => {
    const sh = lab();
    sh.exec('ip netns exec b nc -lk 8080 &');
    expect(sh.exec('nc -s 10.0.0.1 -p 40000 -z 10.0.0.2 8080').status).toBe(0);
    expect(sockets(sh, 'ss -tan')).toEqual(['TIME-WAIT 10.0.0.1:40000 10.0.0.2:8080']);
    expect(sh.exec('nc -s 10.0.0.7 -zv 10.0.0.2 8080')).toMatchObject({
      stderr: 'nc: bind failed: Cannot assign requested address\n',
      status: 1,
    });
  });

  it('UDP: -zu succeeds against a listener, and fails quietly on a closed port', () => {
    const sh = lab();
    sh.exec('ip netns exec b nc -lu 5353 &');
    expect(sockets(sh, 'ip netns exec b ss -uan')).toEqual(['UNCONN 0.0.0.0:5353 0.0.0.0:*']);
    expect(sh.exec('nc -zvu 10.0.0.2 5353').stderr).toBe('Connection to 10.0.0.2 5353 port [udp/mdns] succeeded!\n');
    expect(sh.exec('nc -zvu 10.0.0.2 5354')).toMatchObject({ stderr: '', status: 1 });
  });

  it('refuses bad input in netcat-openbsd words, and changes nothing', () => {
    const sh = lab();
    expect(sh.exec('nc')).toMatchObject({ stderr: `${NC_USAGE}\n`, status: 1 });
    expect(sh.exec('nc 10.0.0.2').stderr).toBe('nc: missing port number\n');
    expect(sh.exec('nc -l').stderr).toBe('nc: missing port number\n');
    expect(sh.exec('nc -zv 10.0.0.2 0').stderr).toBe('nc: port number too small: 0\n');
    expect(sh.exec('nc -zv 10.0.0.2 99999').stderr).toBe('nc: port number too large: 99999\n');
    expect(sh.exec('nc -zv 10.0.0.2 foo').stderr).toBe('nc: port number invalid: foo\n');
    expect(sh.exec('nc -zv -w x 10.0.0.2 80').stderr).toBe('nc: timeout invalid: x\n');
    expect(sh.exec('nc -lz 8000').stderr).toBe('nc: cannot use -z and -l\n');
    expect(sh.exec('nc -k 10.0.0.2 80').stderr).toBe('nc: must use -l with -k\n');
    expect(sh.exec('nc -Q').stderr).toBe(`nc: invalid option -- 'Q'\n${NC_USAGE}\n`);
    expect(sh.exec('nc -l -p 8090 8091 &').stderr).toBe(`${NC_USAGE}\n`);
    expect(sh.exec('nc -zv nosuch 80').stderr).toBe('nc: getaddrinfo for host "nosuch" port 80: Temporary failure in name resolution\n');
    // what the lab cannot pass to a running nc is refused, not pretended
    expect(sh.exec('nc 10.0.0.2 80').stderr).toMatch(/^netlab: nc HOST PORT holds the connection/);
    expect(sh.exec('nc -q 1 10.0.0.2 80').stderr).toMatch(/^netlab: nc -q is not modelled/);
    expect(sh.exec('ss -tuan').stdout.trim().split('\n')).toHaveLength(1);
  });

  it("a second client waits in nc's backlog: Recv-Q counts it, and its FIN unread leaves it CLOSE-WAIT", () => {
    const sh = lab();
    sh.exec('ip netns exec b nc -lk 9000 &');
    sh.exec('nc 10.0.0.2 9000 &');
    expect(sh.exec('nc -z 10.0.0.2 9000').status).toBe(0);
    const server = sh.exec('ip netns exec b netstat -tan').stdout.split('\n');
    expect(server).toContain('tcp        1      0 0.0.0.0:9000            0.0.0.0:*               LISTEN     ');
    expect(server.filter((l) => /^tcp +1 +0 10\.0\.0\.2:9000 +10\.0\.0\.1:\d+ +CLOSE_WAIT $/.test(l))).toHaveLength(1);
    expect(sockets(sh, 'ss -tan').map((r) => r.split(' ')[0])).toEqual(['ESTAB', 'FIN-WAIT-2']);
  });

  it('netstat -tanp lists listeners, connections and TIME-WAIT with PID/Program name', () => {
    const sh = lab();
    const pid = sh.exec('ip netns exec b python3 -m http.server 8000 &').stdout.split('\n')[0]!.split(' ')[1];
    sh.exec('curl -s -o /dev/null http://10.0.0.2:8000/');
    const out = sh.exec('ip netns exec b netstat -tanp').stdout.split('\n');
    expect(out[0]).toBe('Active Internet connections (servers and established)');
    expect(out[1]).toBe('Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    ');
    expect(out[2]).toBe(`tcp        0      0 0.0.0.0:8000            0.0.0.0:*               LISTEN      ${`${pid}/python3`.padEnd(20)}`);
    expect(out[3]).toMatch(/^tcp +0 +0 10\.0\.0\.2:8000 +10\.0\.0\.1:\d+ +TIME_WAIT {3}- {19}$/);
    // -l: the listeners only; no -l or -a: the connections only
    expect(sh.exec('ip netns exec b netstat -tln').stdout).not.toContain('TIME_WAIT');
    expect(sh.exec('ip netns exec b netstat -tn').stdout).not.toContain('LISTEN');
  });
});
