// Commands whose output comes over time, as the terminal shows them: each line at its time on
// the virtual clock (a fake clock here: nothing is printed before the test moves it), Ctrl+C
// stopping them where they stand with what the tool prints on SIGINT, a paste not waiting.

import { describe, expect, it } from 'vitest';
import { Shell } from '../../cmd/shell.ts';
import { type Outcome, TermSession } from './session.ts';

const LAB = [
  'ip netns add a',
  'ip netns add r',
  'ip netns add b',
  'ip link add va netns a type veth peer name ra netns r',
  'ip link add vb netns b type veth peer name rb netns r',
  'ip -n a addr add 10.0.1.2/24 dev va',
  'ip -n r addr add 10.0.1.1/24 dev ra',
  'ip -n r addr add 10.0.2.1/24 dev rb',
  'ip -n b addr add 10.0.2.2/24 dev vb',
  'ip -n b addr add 10.0.2.3/24 dev vb',
  'ip -n a link set va up',
  'ip -n r link set ra up',
  'ip -n r link set rb up',
  'ip -n b link set vb up',
  'ip -n a route add default via 10.0.1.1',
  'ip -n b route add default via 10.0.2.1',
  'ip netns exec r sysctl -w net.ipv4.ip_forward=1',
  'ip netns exec b iptables -A INPUT -d 10.0.2.3 -j DROP',
];

/** a terminal in namespace a, its sleeps on a clock only the test moves */
function terminal() {
  const shell = new Shell();
  for (const l of LAB) expect(shell.exec(l).status, l).toBe(0);
  let out = '';
  let now = 0;
  const waits: Array<{ due: number; wake: () => void }> = [];
  const s = new TermSession(
    {
      write: (x) => {
        out += x;
      },
      run: async (line) => {
        const r = shell.exec(line, 'a');
        const o: Outcome = { stdout: r.stdout, stderr: r.stderr, status: r.status, ...(r.timeline ? { timeline: r.timeline } : {}) };
        return [o];
      },
      complete: () => ({ from: 0, candidates: [] }),
      clear: () => undefined,
      sleep: (ms) => new Promise<void>((wake) => waits.push({ due: now + ms, wake })),
      job: async () => null,
    },
    'a',
  );
  s.start();
  const settle = async () => {
    for (let i = 0; i < 50; i++) await Promise.resolve();
  };
  /** the clock moves MS on, waking each sleep when it is due */
  const advance = async (ms: number) => {
    const target = now + ms;
    await settle();
    for (;;) {
      waits.sort((x, y) => x.due - y.due);
      const next = waits[0];
      if (!next || next.due > target) break;
      waits.shift();
      now = next.due;
      next.wake();
      await settle();
    }
    now = target;
  };
  return { s, advance, settle, text: () => out.replace(/\r\n/g, '\n') };
}

const prompt = 'root@a:~# ';

describe('output over time in the terminal', () => {
  it('ping -c 3: one reply, then two, then three and the statistics, a second apart', async () => {
    const t = terminal();
    t.s.input('ping -c 3 10.0.2.2\r');
    await t.advance(0);
    expect(t.text()).toContain('PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.\n64 bytes from 10.0.2.2: icmp_seq=1 ');
    expect(t.text()).not.toContain('icmp_seq=2');
    expect(t.s.running).toBe(true);
    await t.advance(900);
    expect(t.text()).not.toContain('icmp_seq=2');
    await t.advance(200);
    expect(t.text()).toContain('icmp_seq=2');
    expect(t.text()).not.toContain('icmp_seq=3');
    await t.advance(1000);
    expect(t.text()).toContain('icmp_seq=3');
    expect(t.text()).toMatch(
      /\n--- 10\.0\.2\.2 ping statistics ---\n3 packets transmitted, 3 received, 0% packet loss, time 2002ms\nrtt [^\n]+\nroot@a:~# $/,
    );
    expect(t.s.running).toBe(false);
  });

  it('Ctrl+C after two replies: ^C and the statistics of the two echoes sent, then the prompt', async () => {
    const t = terminal();
    t.s.input('ping -c 10 10.0.2.2\r');
    await t.advance(1500);
    t.s.input('\x03');
    await t.advance(100);
    const text = t.text();
    expect(text).toMatch(
      /icmp_seq=2 [^\n]+\n\^C\n--- 10\.0\.2\.2 ping statistics ---\n2 packets transmitted, 2 received, 0% packet loss, time 1001ms\nrtt min\/avg\/max\/mdev = [^\n]+\nroot@a:~# $/,
    );
    expect(text).not.toContain('icmp_seq=3');
    expect(t.s.running).toBe(false);
  });

  it('Ctrl+C while a silent address is pinged: the echoes sent so far, all lost', async () => {
    const t = terminal();
    t.s.input('ping -c 5 10.0.2.3\r');
    await t.advance(2500);
    t.s.input('\x03');
    await t.advance(100);
    expect(t.text()).toMatch(
      /bytes of data\.\n\^C\n--- 10\.0\.2\.3 ping statistics ---\n3 packets transmitted, 0 received, 100% packet loss, time 2002ms\n\nroot@a:~# $/,
    );
  });

  it('traceroute: a hop the wait gives up on appears after it; Ctrl+C before stops it with ^C', async () => {
    const t = terminal();
    t.s.input('traceroute -n -q 1 -w 3 -m 3 10.0.2.3\r');
    await t.advance(100);
    expect(t.text()).toMatch(/traceroute to 10\.0\.2\.3 \(10\.0\.2\.3\), 3 hops max, 60 byte packets\n 1 {2}10\.0\.1\.1 {2}[\d.]+ ms\n$/);
    t.s.input('\x03');
    await t.advance(100);
    expect(t.text()).toMatch(/ 1 {2}10\.0\.1\.1 {2}[\d.]+ ms\n\^C\nroot@a:~# $/);
    expect(t.text()).not.toContain(' 2  ');
  });

  it('traceroute left alone prints its silent hops when the wait ends, and the prompt', async () => {
    const t = terminal();
    t.s.input('traceroute -n -q 1 -w 3 -m 3 10.0.2.3\r');
    await t.advance(2900);
    expect(t.text()).not.toContain(' 2  *');
    await t.advance(200);
    expect(t.text()).toMatch(/ 2 {2}\*\n 3 {2}\*\nroot@a:~# $/);
  });

  it('curl -m 3 to an address that never answers: its error when the 3 s are up, not before', async () => {
    const t = terminal();
    t.s.input('curl -m 3 http://10.0.2.3/\r');
    await t.advance(2900);
    expect(t.text()).toBe(`${prompt}curl -m 3 http://10.0.2.3/\n`);
    await t.advance(200);
    expect(t.text()).toMatch(/curl: \(28\) [^\n]+\nroot@a:~# $/);
  });

  it('curl -v: "Trying" at once; Ctrl+C before the timeout ends it with ^C and nothing more', async () => {
    const t = terminal();
    t.s.input('curl -v --connect-timeout 5 http://10.0.2.3/\r');
    await t.advance(100);
    expect(t.text()).toMatch(/\n\* {3}Trying 10\.0\.2\.3:80\.\.\.\n$/);
    t.s.input('\x03');
    await t.advance(100);
    expect(t.text()).toMatch(/Trying 10\.0\.2\.3:80\.\.\.\n\^C\nroot@a:~# $/);
  });

  it('keys typed while it runs wait for the prompt', async () => {
    const t = terminal();
    t.s.input('ping -c 2 10.0.2.2\r');
    await t.advance(100);
    t.s.input('ip r');
    expect(t.text()).not.toContain('ip r');
    await t.advance(1000);
    expect(t.text().endsWith(`${prompt}ip r`)).toBe(true);
    expect(t.s.line).toBe('ip r');
  });

  it('a pasted script does not wait: its ping prints whole and the next line runs', async () => {
    const t = terminal();
    t.s.input('ping -c 3 10.0.2.2\recho next\r');
    await t.advance(0);
    expect(t.text()).toMatch(
      /icmp_seq=3 [^\n]+\n\n--- 10\.0\.2\.2 ping statistics ---\n3 packets transmitted[\s\S]*root@a:~# echo next\nnext\nroot@a:~# $/,
    );
  });
});

/** a host terminal on a shell running nginx; `elsewhere` runs a line as another terminal would */
function follower() {
  const shell = new Shell();
  expect(shell.exec('docker run -d --name web nginx').status).toBe(0);
  let out = '';
  const sleeps: Array<() => void> = [];
  // the worker hands every terminal its jobs' news after each line any terminal runs
  const route = () => {
    for (const { job, result, running } of shell.drainJobs())
      if (job.origin === 'root') s.jobNews({ job: job.serial, stdout: result.stdout, stderr: result.stderr, running });
  };
  const s: TermSession = new TermSession(
    {
      write: (x) => {
        out += x;
      },
      run: async (line) => {
        const r = shell.exec(line);
        queueMicrotask(route);
        return [{ stdout: r.stdout, stderr: r.stderr, status: r.status, ...(r.job ? { job: r.job } : {}) }];
      },
      complete: () => ({ from: 0, candidates: [] }),
      clear: () => undefined,
      sleep: () => new Promise<void>((r) => sleeps.push(r)),
      job: async (serial, interrupt) => {
        const job = shell.jobs.find((j) => j.serial === serial);
        if (!job) return null;
        const r = interrupt ? shell.interruptJob(serial)! : job.collect();
        return { job: serial, stdout: r.stdout, stderr: r.stderr, running: job.running };
      },
    },
    'root',
  );
  s.start();
  const settle = async () => {
    for (let i = 0; i < 50; i++) await Promise.resolve();
  };
  const elsewhere = async (line: string) => {
    const r = shell.exec(line);
    route();
    await settle();
    return r;
  };
  return { s, settle, elsewhere, text: () => out.replace(/\r\n/g, '\n') };
}

describe('docker logs -f in a terminal', () => {
  it("shows the log, then a request's access line when another terminal curls, and ends when the container stops", async () => {
    const t = follower();
    t.s.input('docker logs -f web\r');
    await t.settle();
    expect(t.s.running).toBe(true);
    expect(t.text()).toContain('Configuration complete; ready for start up\n');
    expect(t.text()).not.toContain('"GET / ');
    await t.elsewhere('curl -s -o /dev/null http://172.17.0.2/');
    expect(t.text()).toMatch(/\n172\.17\.0\.1 - - \[[^\]]+\] "GET \/ HTTP\/1\.1" 200 \d+ "-" "curl\/7\.88\.1" "-"\n$/);
    expect(t.s.running).toBe(true);
    expect((await t.elsewhere('docker stop web')).status).toBe(0);
    expect(t.s.running).toBe(false);
    expect(t.text().endsWith('root@host:~# ')).toBe(true);
    expect(t.text()).not.toContain('^C');
  });

  it('Ctrl+C ends the follow: the CLI exits 130 without a word (no newline from bash either); the container runs on', async () => {
    const t = follower();
    t.s.input('docker logs -f --tail 1 web\r');
    await t.settle();
    t.s.input('\x03');
    await t.settle();
    expect(t.s.running).toBe(false);
    expect(t.text()).toMatch(/docker logs -f --tail 1 web\n[^\n]+\n\^Croot@host:~# $/);
    expect((await t.elsewhere('docker inspect -f "{{.State.Status}}" web')).stdout).toBe('running\n');
  });
});
