// Command lines for fuzzing the interpreter: random lines from the dialect's own vocabulary
// and mutations of real scenario lines. Shared by the property test and the long fuzz job.

import fc from 'fast-check';

const WORDS = [
  'ip', 'netns', 'add', 'del', 'exec', 'link', 'set', 'up', 'down', 'master', 'nomaster', 'type', 'veth', 'peer', 'name',
  'bridge', 'dummy', 'macvlan', 'ipvlan', 'vxlan', 'mode', 'private', 'vepa', 'passthru', 'l2', 'l3', 'l3s', 'id', 'remote',
  'local', 'dstport', 'dev', 'addr', 'a', 'route', 'r', 'replace', 'via', 'src', 'metric', 'default', 'get', 'show', 'flush',
  'neigh', 'fdb', 'hairpin', 'on', 'off', 'brctl', 'addbr', 'delbr', 'addif', 'delif', 'sysctl', '-w', 'net.ipv4.ip_forward=1',
  'net.ipv4.conf.all.rp_filter=1', 'net.bridge.bridge-nf-call-iptables=0', 'iptables', '-t', 'nat', 'filter', '-A', '-I', '-D',
  '-R', '-F', '-X', '-N', '-P', '-L', '-S', '-Z', '-n', '-v', '--line-numbers', 'INPUT', 'FORWARD', 'OUTPUT', 'PREROUTING',
  'POSTROUTING', 'CH', '-s', '-d', '-i', '-o', '-p', 'tcp', 'udp', 'icmp', '!', '--dport', '--sport', '-m', 'conntrack',
  '--ctstate', 'NEW,ESTABLISHED', 'state', '--state', 'addrtype', '--dst-type', 'LOCAL', 'multiport', '--dports', '80,443',
  '-j', 'ACCEPT', 'DROP', 'RETURN', 'REJECT', '--reject-with', 'tcp-reset', 'icmp-host-prohibited', 'MASQUERADE', 'SNAT',
  '--to-source', 'DNAT', '--to-destination', 'REDIRECT', '--to-ports', 'conntrack', 'ping', '-c', '1', '-t', '-I',
  'traceroute', '-m', 'curl', 'python3', '-m', 'http.server', '--bind', '&', 'ns1', 'ns2', 'br0', 'v0', 'v1', 'eth0', 'lo',
  '10.0.0.1/24', '10.0.0.2', '10.0.0.0/24', '192.168.1.1', '0.0.0.0/0', '256.1.1.1', '10.0.0.1:80', 'http://10.0.0.2:80/',
  '80', '8080', '65536', '-1', 'mtu', '1400', 'address', '02:00:00:00:00:01', 'promisc', "'", '"', '\\', '#', ';', '$(x)',
  'append', 'self', 'static', 'permanent', 'dst', 'lladdr', 'nud', 'noarp', 'proxy', 'nolearning', 'l2miss', '00:00:00:00:00:00',
];

export const dialectWord = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 70000 }).map(String) },
);

export const randomLine = fc.array(dialectWord, { minLength: 1, maxLength: 14 }).map((ws) => ws.join(' '));

/** a real line, mutated: a word dropped, doubled, swapped, replaced, or the text cut short */
export function mutatedLine(corpus: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...corpus), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 5 }), dialectWord).map(([line, i, j, op, w]) => {
    const ws = line.split(/\s+/);
    const a = i % ws.length;
    const b = j % ws.length;
    switch (op) {
      case 0: ws.splice(a, 1); break;
      case 1: ws.splice(a, 0, ws[a]!); break;
      case 2: [ws[a], ws[b]] = [ws[b]!, ws[a]!]; break;
      case 3: ws[a] = w; break;
      case 4: return line.slice(0, i % (line.length + 1));
      default: ws.splice(a, 0, w);
    }
    return ws.join(' ');
  });
}
