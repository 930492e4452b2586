// `help`: every command the lab's shell understands, with its usage. The shell dispatches
// exactly these names (src/cmd/help.test.ts checks that the two lists agree); anything else
// is bash's "command not found", with a pointer here.

import { FILTERS } from './text-filters.ts';

export interface CommandHelp {
  readonly name: string;
  readonly usage: readonly string[];
}

export const COMMANDS: readonly CommandHelp[] = [
  {
    name: 'ip',
    usage: ['ip [-n NS] [-j|-p|-d|-s|-br|-o|-4] OBJECT COMMAND', 'objects: link addr route rule neigh netns (ip OBJECT help)'],
  },
  {
    name: 'bridge',
    usage: ['bridge [-j|-p|-d|-s] link|fdb|vlan [show] [dev DEV]', 'bridge link set dev DEV hairpin|isolated|learning|flood|state …'],
  },
  { name: 'brctl', usage: ['brctl addbr|delbr BR', 'brctl addif|delif BR DEV', 'brctl show [BR]'] },
  {
    name: 'iptables',
    usage: ['iptables [-t TABLE] -A|-I|-D|-R|-F|-X|-N|-P|-L|-S|-Z …', 'matches, targets and listings as iptables 1.8.9 (nf_tables)'],
  },
  { name: 'iptables-save', usage: ['iptables-save [-c] [-t TABLE]'] },
  { name: 'iptables-restore', usage: ["iptables-restore [-n] <<'EOF' … EOF, iptables-save | iptables-restore, iptables-restore < FILE"] },
  { name: 'conntrack', usage: ['conntrack -L|-S|-C [-p PROTO] …'] },
  { name: 'sysctl', usage: ['sysctl [-n] [-q] KEY…', 'sysctl -w KEY=VALUE…'] },
  {
    name: 'dmesg',
    usage: [
      'dmesg [-c|-C] [-T|-t] [-x] [-r] [-l LEVEL,…] (the kernel log: what -j LOG wrote)',
      'LOG writes only in the root namespace unless net.netfilter.nf_log_all_netns=1',
    ],
  },
  { name: 'journalctl', usage: ['journalctl -k [-b] [-n N] [-r] [-o short|short-monotonic|cat] (the kernel log as the journal keeps it)'] },
  {
    name: 'docker',
    usage: [
      'docker run|create|network|ps|inspect|exec|rm|… (Docker 29 as the lab models it)',
      'docker stop|start|restart|kill|wait|logs|pause|unpause CONTAINER…, docker ps -a, docker container prune -f',
      'docker exec C nslookup|getent hosts|ping|curl NAME (names as the container resolves them)',
      "docker exec -it C sh, docker run -it --rm IMAGE sh (the container's shell until exit)",
      'docker logs -f [-n N] C: the log, then each line as the container writes it, until it stops or Ctrl+C (netlab run: until the script ends)',
    ],
  },
  { name: 'dockerd', usage: ['dockerd [--iptables=false] … & (start the daemon in the background)'] },
  {
    name: 'ipvsadm',
    usage: [
      'ipvsadm -A|-E|-D -f FWMARK [-s rr]',
      'ipvsadm -a|-e|-d -f FWMARK -r ADDR -m',
      'ipvsadm -L|-l [-n] (the virtual services, as Docker swarm programs them)',
    ],
  },
  { name: 'tcpdump', usage: ['tcpdump [-i IF|any] [-n|-nn] [-e] [-v] [-c N] [-l] [-q] [-x|-X|-A] [-w FILE] [-r FILE] [EXPRESSION]'] },
  {
    name: 'ping',
    usage: [
      'ping [-c N] [-w S] [-i S] [-W S] [-t TTL] [-s SIZE] [-I DEV|ADDR] [-M do|dont|want] [-n] [-q] DST',
      'in a terminal each reply comes at its time; Ctrl+C stops it with the statistics so far',
    ],
  },
  { name: 'traceroute', usage: ['traceroute [-n] [-m MAX] [-q N] [-w S] DST (each hop when its probes are answered or given up)'] },
  {
    name: 'curl',
    usage: [
      'curl [-v] [-s] [-S] [-I|-i] [-f] [-L] [-k] [-o /dev/null|-] [-w FORMAT] [-m SECS] [--connect-timeout SECS] [-H "NAME: VALUE"] [-X METHOD] URL',
    ],
  },
  {
    name: 'python3',
    usage: [
      'python3 -m http.server [--bind ADDR] [--directory DIR] [PORT] & (an HTTP server in the namespace; it serves an empty directory)',
    ],
  },
  { name: 'jobs', usage: ["jobs [-l] [-p] (the terminal's background jobs, CMD &)"] },
  { name: 'kill', usage: ['kill [-s SIGNAL | -SIGNAL] %N|PID … (stop a background job)', 'kill -l'] },
  { name: 'wait', usage: ['wait [%N …] (returns once no background job runs)'] },
  { name: 'python', usage: ['python -m http.server [--bind ADDR] [--directory DIR] [PORT] & (as python3)'] },
  { name: 'dnsmasq', usage: ['dnsmasq [-d] [-k] --no-resolv [--no-hosts] --address=/NAME/ADDR… [--port N] & (a DNS server)'] },
  { name: 'tee', usage: ["CMD | tee [-a] FILE… (the lab's files: /tmp, /root, /etc/resolv.conf, /proc/sys/net/…)"] },
  {
    name: 'cat',
    usage: [
      'cat FILE… (/proc/sys/net/…, /proc/net/dev, /proc/net/route, /proc/net/arp, /proc/net/snmp, /proc/net/netstat, /proc/net/sockstat, /sys/class/net/IF/statistics/…, /etc/hosts, /etc/hostname, /etc/resolv.conf)',
      "cat > /etc/resolv.conf <<'EOF' … EOF",
    ],
  },
  { name: 'ls', usage: ['ls [-1] DIR (/sys/class/net, /sys/class/net/IF/statistics, /proc/sys/net/ipv4/conf, /proc/sys/net/ipv4/neigh)'] },
  { name: 'bash', usage: ["bash -c 'COMMAND LINE' (also sh -c: the line's pipes, lists and redirections run in this namespace)"] },
  { name: 'sh', usage: ["sh -c 'COMMAND LINE' (as bash -c)"] },
  { name: 'echo', usage: ['echo [-neE] [WORD…] [> FILE] (a write to /proc/sys/net/… is a sysctl write)'] },
  { name: 'printf', usage: ['printf FORMAT [ARG…] (%s %b %d %x %o %c, widths and flags)'] },
  { name: 'hostname', usage: ['hostname [-I|-s]'] },
  { name: 'route', usage: ['route [-n] (the main table as net-tools prints it; ip route changes it)'] },
  { name: 'arp', usage: ['arp [-n] [-a] [-i IF] [HOST] (the neighbour table as net-tools prints it; ip neigh changes it)'] },
  {
    name: 'netstat',
    usage: [
      'netstat -r[n] (the main table as net-tools prints it)',
      'netstat -i[a] (the interface table) | netstat -[l|a][t][u][n][p] (the sockets; -p: PID/Program name)',
      'netstat -s (the SNMP counters of /proc/net/snmp and /proc/net/netstat)',
    ],
  },
  {
    name: 'nstat',
    usage: ['nstat (not modelled: it prints differences from a history file; netstat -s and cat /proc/net/snmp show the counters)'],
  },
  {
    name: 'ss',
    usage: [
      'ss -t|-u [-l|-a] [-n] [-p] [-4] [-H] [state STATE|exclude STATE] (the TCP and UDP sockets as iproute2 6.1 lists them)',
      'ss -s (the summary: sockets in use, TCP states)',
    ],
  },
  {
    name: 'nc',
    usage: [
      'nc -l [-k] [-u] [-v] [-n] [-s ADDR] [-p PORT | [ADDR] PORT] & (a listener that accepts and holds connections)',
      'nc -l … without &: the terminal waits on it until it exits (its connection over, without -k) or Ctrl+C',
      'nc [-v] [-n] [-s ADDR] [-p PORT] [-w SECS] HOST PORT & (a connection held open)',
      'nc -z [-v] [-n] [-u] [-w SECS] HOST PORT[-PORT]… (a scan, as netcat-openbsd 1.219)',
    ],
  },
  { name: 'netcat', usage: ['netcat … (the same as nc)'] },
  {
    name: 'ifconfig',
    usage: [
      'ifconfig [-a] [-v] [-s] [IF] (devices, their first address and counters, as net-tools 2.10 prints them)',
      'ifconfig IF [ADDR[/LEN]] [netmask MASK] [broadcast ADDR] [mtu N] [[-]promisc] [[-]arp] [txqueuelen N] [up|down]',
    ],
  },
  { name: 'sleep', usage: ["sleep SECONDS (the lab's clock moves on: neighbour and conntrack timers run)"] },
  { name: 'true', usage: ['true'] },
  { name: 'false', usage: ['false'] },
  { name: 'grep', usage: ['CMD | grep [-i] [-v] [-E|-F] [-w] [-x] [-c] [-n] [-o] [-q] [-s] [-h|-H] [-e PAT]… [PAT] [FILE…]'] },
  { name: 'head', usage: ['CMD | head [-n N | -N | -n -N | -c N] [FILE…]'] },
  { name: 'tail', usage: ['CMD | tail [-n N | -N | -n +N | -c N] [FILE…]'] },
  { name: 'wc', usage: ['CMD | wc [-l] [-w] [-c] [-m] [FILE…]'] },
  { name: 'sort', usage: ['CMD | sort [-n] [-r] [-u] [-f] [-t SEP] [-k F[.C][,F][nr]]… [FILE…]'] },
  { name: 'uniq', usage: ['CMD | uniq [-c] [-d] [-u] [-i] [FILE]'] },
  { name: 'cut', usage: ['CMD | cut -f LIST [-d C] [-s] | -c LIST [FILE…]'] },
  { name: 'tr', usage: ['CMD | tr [-d] [-s] SET1 [SET2] (ranges a-z, classes [:upper:])'] },
  { name: 'awk', usage: ["CMD | awk [-F SEP] '[/RE/ | NR==N] {print $N, …}' (field printing only)"] },
  { name: 'column', usage: ['CMD | column -t [-s SEPS]'] },
  { name: ':', usage: [':'] },
  { name: 'help', usage: ['help [COMMAND]'] },
];

/** help [COMMAND]: the whole list, or one command's usage */
export function helpText(args: readonly string[]): { text: string; found: boolean } {
  const want = args[0];
  if (want !== undefined) {
    const c = COMMANDS.find((x) => x.name === want);
    if (!c)
      return {
        text: `bash: help: no help topics match \`${want}'.  Try \`help help' or \`man -k ${want}' or \`info ${want}'.\n`,
        found: false,
      };
    return { text: `${c.usage.join('\n')}\n`, found: true };
  }
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  let out = 'Commands this lab understands (prefix any with `ip netns exec NS`):\n';
  for (const c of COMMANDS) {
    c.usage.forEach((u, i) => {
      out += `  ${(i === 0 ? c.name : '').padEnd(width)}  ${u}\n`;
    });
  }
  out +=
    'Joined as in bash: A; B   A && B   A || B   ! A   A | FILTER | …   CMD > FILE   >> FILE   2> FILE   2>&1   &> FILE   < FILE   <<<WORD\n' +
    `  after | the lab runs: ${PIPE_FILTERS.join(', ')}\n`;
  return { text: out, found: true };
}

/** what a pipe may feed in the lab (the text filters and the commands that read their standard input) */
export const PIPE_FILTERS = [...FILTERS, 'cat', 'tee', 'iptables-restore'];
