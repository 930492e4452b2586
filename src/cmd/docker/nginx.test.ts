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

describe('docker run -d -p 8080:80 nginx serves nginx’s page', () => {
  it('curl on the host gets the welcome page through docker-proxy; -I shows nginx’s headers', () => {
    const sh = build(['docker run -d --name web -p 8080:80 nginx']);
    const page = sh.exec('curl localhost:8080');
    expect(page.stdout).toContain('<title>Welcome to nginx!</title>');
    expect(page.stdout).toContain('html { color-scheme: light dark; }');
    expect(page.stdout).not.toContain('Directory listing');
    const head = sh.exec('curl -I localhost:8080').stdout;
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.31\.3\r\n/);
    expect(head).toContain('Content-Length: 896\r\nLast-Modified: ');
    expect(sh.exec('curl -s -o /dev/null -w %{http_code} localhost:8080/missing').stdout).toBe('404');
    // curl -v: the connection is left open for another request, unless curl asked to close it
    expect(sh.exec('curl -sv -o /dev/null localhost:8080').stderr).toContain('* Connection #0 to host localhost left intact\n');
    expect(sh.exec('curl -sv -o /dev/null -H "Connection: close" localhost:8080').stderr).toContain('* Closing connection 0\n');
  });

  it('docker logs: the entrypoint, nginx’s notices, and each request from the address nginx saw', () => {
    const sh = build(['docker run -d --name web -p 8080:80 nginx', 'curl -s localhost:8080']);
    const logs = sh.exec('docker logs web');
    expect(logs.stdout.split('\n')).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
    // docker-proxy makes the request again from the bridge's gateway
    expect(logs.stdout).toMatch(
      /\n172\.17\.0\.1 - - \[07\/Dec\/2026:\d\d:\d\d:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 896 "-" "curl\/7\.88\.1" "-"\n$/,
    );
    expect(logs.stderr).toContain('[notice] 1#1: start worker processes\n');
  });

  it('--userland-proxy=false: nginx logs the client’s own address', () => {
    const sh = build([
      'ip netns add client',
      'ip link add hv type veth peer name cv netns client',
      'ip addr add 198.51.100.20/24 dev hv',
      'ip link set hv up',
      'ip -n client addr add 198.51.100.1/24 dev cv',
      'ip -n client link set cv up',
      'dockerd --userland-proxy=false &',
      'docker run -d --name web -p 8080:80 nginx',
    ]);
    expect(sh.exec('ip netns exec client curl -s http://198.51.100.20:8080/').stdout).toContain('Welcome to nginx!');
    expect(sh.exec('docker logs web').stdout).toContain('\n198.51.100.1 - - [');
  });

  it('keeps the connection: curl closes first, so the TIME-WAIT is the client’s', () => {
    const sh = build(['docker run -d --name web nginx', 'docker run -d --name client alpine sleep infinity']);
    sh.exec('tcpdump -n -i docker0 tcp &');
    expect(sh.exec('docker exec client curl -s http://172.17.0.2/').stdout).toContain('Welcome to nginx!');
    const [r] = sh.interruptJobs();
    const lines = r!.result.stdout.split('\n').filter(Boolean);
    const flags = lines.map((l) => `${/IP (\S+)\.\d+ >/.exec(l)?.[1]} ${/Flags \[(\S+)\]/.exec(l)?.[1]} ${/length (\d+)/.exec(l)?.[1]}`);
    expect(flags).toEqual([
      '172.17.0.3 S 0',
      '172.17.0.2 S. 0',
      '172.17.0.3 . 0',
      '172.17.0.3 P. 74',
      '172.17.0.2 . 0',
      '172.17.0.2 P. 238',
      '172.17.0.3 . 0',
      '172.17.0.2 P. 896',
      '172.17.0.3 . 0',
      '172.17.0.3 F. 0',
      '172.17.0.2 F. 0',
      '172.17.0.3 . 0',
    ]);
  });
});

describe('docker run httpd serves Apache’s page', () => {
  it('curl gets "It works!" and Apache’s headers; docker logs has the common log line', () => {
    const sh = build(['docker run -d --name web -p 8080:80 httpd']);
    expect(sh.exec('curl -s localhost:8080').stdout).toBe('<html><body><h1>It works!</h1></body></html>\n');
    expect(sh.exec('curl -sI localhost:8080').stdout).toMatch(/^HTTP\/1\.1 200 OK\r\nDate: .*\r\nServer: Apache\/2\.4\.68 \(Unix\)\r\n/);
    const logs = sh.exec('docker logs web');
    expect(logs.stderr).toContain('using 172.17.0.2. Set the');
    expect(logs.stdout).toMatch(
      /^172\.17\.0\.1 - - \[.*\] "GET \/ HTTP\/1\.1" 200 45\n172\.17\.0\.1 - - \[.*\] "HEAD \/ HTTP\/1\.1" 200 -\n$/,
    );
  });
});

describe('an image whose server netlab does not model is refused, never served by another page', () => {
  it.each(['caddy', 'traefik:v3', 'nginxdemos/hello'])('docker run -d -p 8080:80 %s', (image) => {
    const sh = new Shell();
    const r = sh.exec(`docker run -d -p 8080:80 ${image}`);
    expect(r.status).toBe(125);
    expect(r.stderr).toMatch(/^netlab: the \S+ image's server is not modelled yet \(nginx and httpd are\)/);
    expect(sh.exec('docker ps -aq').stdout).toBe('');
    expect(sh.exec('ip netns').stdout).toBe('');
  });
});
