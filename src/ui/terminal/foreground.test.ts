import { describe, expect, it } from 'vitest';
import { Shell } from '../../cmd/shell.ts';
import { type JobNews, type Outcome, TermSession } from './session.ts';

const VETH = [
  'ip netns add a',
  'ip link add v0 type veth peer name eth0 netns a',
  'ip addr add 10.9.0.1/24 dev v0',
  'ip link set v0 up',
  'ip -n a addr add 10.9.0.2/24 dev eth0',
  'ip -n a link set eth0 up',
];

/**
 * two terminals on one shell, as the worker serves them: a line's captures report to the
 * terminal that started them; a terminal may ask after its own capture, or interrupt it
 */
function twoTerminals() {
  const shell = new Shell();
  for (const l of VETH) expect(shell.exec(l).status, l).toBe(0);
  const sessions = new Map<string, TermSession>();
  const outs = new Map<string, string>();
  const sleeps: Array<() => void> = [];
  let gone = false;
  const route = () => {
    for (const { job, result, running } of shell.drainJobs())
      sessions.get(job.origin)?.jobNews({ job: job.serial, stdout: result.stdout, stderr: result.stderr, running });
  };
  const make = (ns: string) => {
    outs.set(ns, '');
    const s = new TermSession(
      {
        write: (x) => outs.set(ns, outs.get(ns) + x),
        run: async (line) => {
          const r = shell.exec(line, ns === 'root' ? null : ns);
          const o: Outcome = { stdout: r.stdout, stderr: r.stderr, status: r.status, ...(r.job ? { job: r.job } : {}) };
          queueMicrotask(route);
          return [o];
        },
        complete: () => ({ from: 0, candidates: [] }),
        clear: () => undefined,
        sleep: () => new Promise<void>((r) => sleeps.push(r)),
        job: async (serial, interrupt): Promise<JobNews | null> => {
          const job = shell.jobs.find((j) => j.serial === serial);
          if (!job || gone) return null;
          const r = interrupt ? shell.interruptJob(serial)! : job.collect();
          return { job: serial, stdout: r.stdout, stderr: r.stderr, running: job.running };
        },
      },
      ns,
    );
    sessions.set(ns, s);
    s.start();
    return s;
  };
  const settle = async () => {
    for (let i = 0; i < 50; i++) await Promise.resolve();
  };
  const tick = async () => {
    for (const r of sleeps.splice(0)) r();
    await settle();
  };
  const text = (ns: string) =>
    outs
      .get(ns)!
      .replace(/\r\n/g, '\n')
      .replace(/^\d\d:\d\d:\d\d\.\d{6} /gm, '');
  return { make, settle, tick, text, loseJobs: () => (gone = true) };
}

const TRAILER = (n: number) =>
  `${n} packet${n === 1 ? '' : 's'} captured\n${n} packet${n === 1 ? '' : 's'} received by filter\n0 packets dropped by kernel\n`;

describe('tcpdump in the foreground of a terminal', () => {
  it('prints the lines another terminal causes as they happen; Ctrl+C ends it with ^C and the counts', async () => {
    const t = twoTerminals();
    const capt = t.make('a');
    const other = t.make('root');
    capt.input('tcpdump -n -i eth0 icmp\r');
    await t.settle();
    expect(capt.running).toBe(true);
    expect(t.text('a')).toBe(
      'root@a:~# tcpdump -n -i eth0 icmp\ntcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n',
    );
    other.input('ping -c 1 10.9.0.2\r');
    await t.settle();
    expect(t.text('root')).toMatch(/1 packets transmitted, 1 received/);
    expect(t.text('root')).not.toMatch(/ICMP echo/);
    expect(t.text('a')).toMatch(
      /listening on eth0.*\nIP 10\.9\.0\.1 > 10\.9\.0\.2: ICMP echo request, id \d+, seq 1, length 64\nIP 10\.9\.0\.2 > 10\.9\.0\.1: ICMP echo reply, id \d+, seq 1, length 64\n$/,
    );
    // typed while it runs: kept for the prompt that follows, as a tty does
    capt.input('\x03');
    await t.settle();
    expect(capt.running).toBe(false);
    expect(t.text('a').endsWith(`length 64\n^C\n${TRAILER(2)}root@a:~# `)).toBe(true);
    // it is over: the next ping reaches no capture
    other.input('ping -c 1 10.9.0.2\r');
    await t.settle();
    expect(t.text('a').endsWith('root@a:~# ')).toBe(true);
  });

  it('-c N ends by itself after N packets, without ^C', async () => {
    const t = twoTerminals();
    const capt = t.make('a');
    const other = t.make('root');
    capt.input('tcpdump -n -c 1 -i eth0 icmp\r');
    await t.settle();
    other.input('ping -c 2 10.9.0.2\r');
    await t.settle();
    expect(capt.running).toBe(false);
    expect(t.text('a')).toMatch(/\nIP 10\.9\.0\.1 > 10\.9\.0\.2: ICMP echo request, id \d+, seq 1, length 64\n1 packet captured\n/);
    expect(t.text('a').endsWith(`${TRAILER(1)}root@a:~# `)).toBe(true);
    expect(t.text('a')).not.toMatch(/\^C/);
  });

  it('a refused tcpdump returns to the prompt at once', async () => {
    const t = twoTerminals();
    const capt = t.make('a');
    capt.input('tcpdump -i nosuch\r');
    await t.settle();
    expect(capt.running).toBe(false);
    expect(t.text('a')).toBe('root@a:~# tcpdump -i nosuch\ntcpdump: nosuch: No such device exists\n(No such device exists)\nroot@a:~# ');
  });

  it('a background capture prints above the line being typed, which is drawn again', async () => {
    const t = twoTerminals();
    const capt = t.make('a');
    const other = t.make('root');
    capt.input('tcpdump -n -c 1 -i eth0 icmp &\r');
    await t.settle();
    expect(capt.running).toBe(false);
    capt.input('ip li');
    other.input('ping -c 1 10.9.0.2\r');
    await t.settle();
    expect(t.text('a')).toMatch(
      /root@a:~# ip li\r\x1b\[K\S+ IP 10\.9\.0\.1 > 10\.9\.0\.2: ICMP echo request.*\n1 packet captured\n.*\n.*\nroot@a:~# ip li$/,
    );
    expect(capt.line).toBe('ip li');
  });

  it('a terminal whose capture vanished with a rebuilt world gets its prompt back', async () => {
    const t = twoTerminals();
    const capt = t.make('a');
    capt.input('tcpdump -n -i eth0\r');
    await t.settle();
    await t.tick();
    expect(capt.running).toBe(true);
    t.loseJobs();
    await t.tick();
    expect(capt.running).toBe(false);
    expect(t.text('a').endsWith('bytes\nroot@a:~# ')).toBe(true);
  });
});
