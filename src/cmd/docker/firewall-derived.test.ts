// Docker 29.7.2's firewall where moby's nine iptablesdoc cases do not go: more networks and
// containers, removals, connect/disconnect, the -p forms, daemon and network options. Each
// expected listing is written from what moby's source does (daemon/libnetwork/drivers/bridge
// and its internal/iptabler package at tag docker-v29.7.2); the comment of each case names the
// functions it follows. The host starts as iptablesdoc's does: forwarding on, tables empty.

import { describe, expect, it } from 'vitest';
import { Shell } from '../shell.ts';

const net = (name: string, subnet: string, opts: string[] = [], flags = ''): string =>
  `docker network create -o com.docker.network.bridge.name=${name} ${opts.map((o) => `-o ${o} `).join('')}${flags}--subnet ${subnet} ${name}`;
const BRIDGE1 = (opts: string[] = [], flags = '') => net('bridge1', '192.0.2.0/24', opts, flags);
const BRIDGE2 = net('bridge2', '198.51.100.0/24');
const run = (name: string, network: string, publish: string, image = 'busybox sleep infinity') =>
  `docker run -d --network ${network} ${publish} --name ${name} ${image}`;

/** Docker's own chains (setupIPChains) and the FORWARD jumps, as `iptables -S` lists them first */
const FILTER_HEAD = [
  '-N DOCKER',
  '-N DOCKER-BRIDGE',
  '-N DOCKER-CT',
  '-N DOCKER-FORWARD',
  '-N DOCKER-INTERNAL',
  '-N DOCKER-USER',
  '-A FORWARD -j DOCKER-USER',
  '-A FORWARD -j DOCKER-FORWARD',
];
const POLICIES = ['-P INPUT ACCEPT', '-P FORWARD ACCEPT', '-P OUTPUT ACCEPT'];
const NAT_POLICIES = ['-P PREROUTING ACCEPT', '-P INPUT ACCEPT', '-P OUTPUT ACCEPT', '-P POSTROUTING ACCEPT'];
const RAW_POLICIES = ['-P PREROUTING ACCEPT', '-P OUTPUT ACCEPT'];
/** addNATJumpRules, with the userland proxy (loopback is docker-proxy's) */
const NAT_JUMPS = [
  '-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER',
  '-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER',
];
/** addNATJumpRules without it (hairpin): the host's own loopback is DNATed too */
const NAT_JUMPS_HAIRPIN = ['-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER', '-A OUTPUT -m addrtype --dst-type LOCAL -j DOCKER'];
const CT = (br: string) => `-A DOCKER-CT -o ${br} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`;
const FWD_JUMPS = ['-A DOCKER-FORWARD -j DOCKER-CT', '-A DOCKER-FORWARD -j DOCKER-INTERNAL', '-A DOCKER-FORWARD -j DOCKER-BRIDGE'];

interface Case {
  readonly name: string;
  /** where the case follows moby's source */
  readonly source: string;
  readonly commands: readonly string[];
  /** listing command -> its lines, checked after all the commands */
  readonly expect: Readonly<Record<string, readonly string[]>>;
  /** the host's forwarding before dockerd starts (iptablesdoc's host has it on) */
  readonly forwarding?: boolean;
}

const CASES: readonly Case[] = [
  {
    name: 'two user networks with a published container each, in creation order',
    source:
      'setupNonInternalNetworkRules (NAT inserted: newest network on top), setDefaultForwardRule / ctRule / jumpToDockerRule (appended), setPerPortForwarding (inserted), setPerPortNAT (appended), filterDirectAccess',
    commands: ['dockerd &', BRIDGE1(), BRIDGE2, run('c1', 'bridge1', '-p 8080:80'), run('c2', 'bridge2', '-p 8081:80')],
    expect: {
      'iptables -S': [
        ...POLICIES,
        ...FILTER_HEAD,
        '-A DOCKER -d 198.51.100.2/32 ! -i bridge2 -o bridge2 -p tcp -m tcp --dport 80 -j ACCEPT',
        '-A DOCKER -d 192.0.2.2/32 ! -i bridge1 -o bridge1 -p tcp -m tcp --dport 80 -j ACCEPT',
        '-A DOCKER ! -i docker0 -o docker0 -j DROP',
        '-A DOCKER ! -i bridge1 -o bridge1 -j DROP',
        '-A DOCKER ! -i bridge2 -o bridge2 -j DROP',
        '-A DOCKER-BRIDGE -o docker0 -j DOCKER',
        '-A DOCKER-BRIDGE -o bridge1 -j DOCKER',
        '-A DOCKER-BRIDGE -o bridge2 -j DOCKER',
        CT('docker0'),
        CT('bridge1'),
        CT('bridge2'),
        ...FWD_JUMPS,
        '-A DOCKER-FORWARD -i docker0 -j ACCEPT',
        '-A DOCKER-FORWARD -i bridge1 -j ACCEPT',
        '-A DOCKER-FORWARD -i bridge2 -j ACCEPT',
      ],
      'iptables -t nat -S': [
        ...NAT_POLICIES,
        '-N DOCKER',
        ...NAT_JUMPS,
        '-A POSTROUTING -s 198.51.100.0/24 ! -o bridge2 -j MASQUERADE',
        '-A POSTROUTING -s 192.0.2.0/24 ! -o bridge1 -j MASQUERADE',
        '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
        '-A DOCKER ! -i bridge1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.0.2.2:80',
        '-A DOCKER ! -i bridge2 -p tcp -m tcp --dport 8081 -j DNAT --to-destination 198.51.100.2:80',
      ],
      'iptables -t raw -S': [
        ...RAW_POLICIES,
        '-A PREROUTING -d 192.0.2.2/32 ! -i bridge1 -j DROP',
        '-A PREROUTING -d 198.51.100.2/32 ! -i bridge2 -j DROP',
      ],
    },
  },
  {
    name: 'three networks, the middle one removed',
    source: 'DelNetworkLevelRules: each cleanFunc deletes what setupIPTables added; the others keep their places',
    commands: ['dockerd &', BRIDGE1(), BRIDGE2, net('bridge3', '203.0.113.0/24'), 'docker network rm bridge2'],
    expect: {
      'iptables -S DOCKER': [
        '-N DOCKER',
        '-A DOCKER ! -i docker0 -o docker0 -j DROP',
        '-A DOCKER ! -i bridge1 -o bridge1 -j DROP',
        '-A DOCKER ! -i bridge3 -o bridge3 -j DROP',
      ],
      'iptables -S DOCKER-FORWARD': [
        '-N DOCKER-FORWARD',
        ...FWD_JUMPS,
        '-A DOCKER-FORWARD -i docker0 -j ACCEPT',
        '-A DOCKER-FORWARD -i bridge1 -j ACCEPT',
        '-A DOCKER-FORWARD -i bridge3 -j ACCEPT',
      ],
      'iptables -t nat -S POSTROUTING': [
        '-P POSTROUTING ACCEPT',
        '-A POSTROUTING -s 203.0.113.0/24 ! -o bridge3 -j MASQUERADE',
        '-A POSTROUTING -s 192.0.2.0/24 ! -o bridge1 -j MASQUERADE',
        '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
      ],
    },
  },
  {
    name: 'docker rm -f of a running container with a tcp and a loopback udp port',
    source: 'sortAndNormPBs (by container port), filterPortMappedOnLoopback; then DelPorts and DelEndpoint delete them all',
    commands: ['dockerd &', BRIDGE1(), run('c1', 'bridge1', '-p 8080:80 -p 127.0.0.1:8081:81/udp')],
    expect: {
      'iptables -S DOCKER': [
        '-N DOCKER',
        '-A DOCKER -d 192.0.2.2/32 ! -i bridge1 -o bridge1 -p udp -m udp --dport 81 -j ACCEPT',
        '-A DOCKER -d 192.0.2.2/32 ! -i bridge1 -o bridge1 -p tcp -m tcp --dport 80 -j ACCEPT',
        '-A DOCKER ! -i docker0 -o docker0 -j DROP',
        '-A DOCKER ! -i bridge1 -o bridge1 -j DROP',
      ],
      'iptables -t nat -S DOCKER': [
        '-N DOCKER',
        '-A DOCKER ! -i bridge1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.0.2.2:80',
        '-A DOCKER -d 127.0.0.1/32 ! -i bridge1 -p udp -m udp --dport 8081 -j DNAT --to-destination 192.0.2.2:81',
      ],
      'iptables -t raw -S': [
        ...RAW_POLICIES,
        '-A PREROUTING -d 192.0.2.2/32 ! -i bridge1 -j DROP',
        '-A PREROUTING -d 127.0.0.1/32 ! -i lo -p udp -m udp --dport 8081 -j DROP',
      ],
      'docker rm -f c1': ['c1'],
      'iptables -S DOCKER ': ['-N DOCKER', '-A DOCKER ! -i docker0 -o docker0 -j DROP', '-A DOCKER ! -i bridge1 -o bridge1 -j DROP'],
      'iptables -t nat -S DOCKER ': ['-N DOCKER'],
      'iptables -t raw -S ': RAW_POLICIES,
    },
  },
  {
    name: 'docker network disconnect / connect of a container with a published port',
    source:
      'Sandbox.getGatewayEndpoint with Endpoint.Less (same priority: by network name): the ports follow the gateway endpoint; filterDirectAccess per endpoint',
    commands: ['dockerd &', BRIDGE1(), BRIDGE2, run('c1', 'bridge1', '-p 8080:80'), 'docker network connect bridge2 c1'],
    expect: {
      'iptables -t nat -S DOCKER': ['-N DOCKER', '-A DOCKER ! -i bridge1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.0.2.2:80'],
      'docker network disconnect bridge1 c1': [],
      'iptables -S DOCKER': [
        '-N DOCKER',
        '-A DOCKER -d 198.51.100.2/32 ! -i bridge2 -o bridge2 -p tcp -m tcp --dport 80 -j ACCEPT',
        '-A DOCKER ! -i docker0 -o docker0 -j DROP',
        '-A DOCKER ! -i bridge1 -o bridge1 -j DROP',
        '-A DOCKER ! -i bridge2 -o bridge2 -j DROP',
      ],
      'iptables -t nat -S DOCKER ': [
        '-N DOCKER',
        '-A DOCKER ! -i bridge2 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 198.51.100.2:80',
      ],
      'iptables -t raw -S': [...RAW_POLICIES, '-A PREROUTING -d 198.51.100.2/32 ! -i bridge2 -j DROP'],
      // bridge1 < bridge2: the gateway, and the ports, go back to bridge1
      'docker network connect bridge1 c1': [],
      'iptables -t nat -S DOCKER  ': [
        '-N DOCKER',
        '-A DOCKER ! -i bridge1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.0.2.2:80',
      ],
      'iptables -t raw -S ': [
        ...RAW_POLICIES,
        '-A PREROUTING -d 198.51.100.2/32 ! -i bridge2 -j DROP',
        '-A PREROUTING -d 192.0.2.2/32 ! -i bridge1 -j DROP',
      ],
    },
  },
  {
    name: 'a port range and a udp port',
    source: 'the CLI pairs the ranges port for port; PortBindingReq.Compare sorts by container port, then tcp < udp',
    commands: ['dockerd &', BRIDGE1(), run('c1', 'bridge1', '-p 8080-8082:80-82 -p 5353:53/udp')],
    expect: {
      'iptables -S DOCKER': [
        '-N DOCKER',
        '-A DOCKER -d 192.0.2.2/32 ! -i bridge1 -o bridge1 -p tcp -m tcp --dport 82 -j ACCEPT',
        '-A DOCKER -d 192.0.2.2/32 ! -i bridge1 -o bridge1 -p tcp -m tcp --dport 81 -j ACCEPT',
        '-A DOCKER -d 192.0.2.2/32 ! -i bridge1 -o bridge1 -p tcp -m tcp --dport 80 -j ACCEPT',
        '-A DOCKER -d 192.0.2.2/32 ! -i bridge1 -o bridge1 -p udp -m udp --dport 53 -j ACCEPT',
        '-A DOCKER ! -i docker0 -o docker0 -j DROP',
        '-A DOCKER ! -i bridge1 -o bridge1 -j DROP',
      ],
      'iptables -t nat -S DOCKER': [
        '-N DOCKER',
        '-A DOCKER ! -i bridge1 -p udp -m udp --dport 5353 -j DNAT --to-destination 192.0.2.2:53',
        '-A DOCKER ! -i bridge1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.0.2.2:80',
        '-A DOCKER ! -i bridge1 -p tcp -m tcp --dport 8081 -j DNAT --to-destination 192.0.2.2:81',
        '-A DOCKER ! -i bridge1 -p tcp -m tcp --dport 8082 -j DNAT --to-destination 192.0.2.2:82',
      ],
    },
  },
  {
    name: 'a host port range for one container port: the first free port of the range',
    source: 'HostPortEnd: PortAllocator.RequestPortsInRange picks a free port in [HostPort, HostPortEnd]; the rules name that port',
    commands: ['dockerd &', BRIDGE1(), run('c1', 'bridge1', '-p 8080:80'), run('c2', 'bridge1', '-p 8080-8082:80')],
    expect: {
      'iptables -t nat -S DOCKER': [
        '-N DOCKER',
        '-A DOCKER ! -i bridge1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.0.2.2:80',
        '-A DOCKER ! -i bridge1 -p tcp -m tcp --dport 8081 -j DNAT --to-destination 192.0.2.3:80',
      ],
      'docker port c2': ['80/tcp -> 0.0.0.0:8081'],
    },
  },
  {
    name: 'the same container port published twice, then the container removed',
    source: 'Rule.Insert / Rule.Append add a rule only if the chain lacks it: one filter ACCEPT; Rule.Delete of a missing rule is a no-op',
    commands: ['dockerd &', BRIDGE1(), run('c1', 'bridge1', '-p 8080:80 -p 8081:80')],
    expect: {
      'iptables -S DOCKER': [
        '-N DOCKER',
        '-A DOCKER -d 192.0.2.2/32 ! -i bridge1 -o bridge1 -p tcp -m tcp --dport 80 -j ACCEPT',
        '-A DOCKER ! -i docker0 -o docker0 -j DROP',
        '-A DOCKER ! -i bridge1 -o bridge1 -j DROP',
      ],
      'iptables -t nat -S DOCKER': [
        '-N DOCKER',
        '-A DOCKER ! -i bridge1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.0.2.2:80',
        '-A DOCKER ! -i bridge1 -p tcp -m tcp --dport 8081 -j DNAT --to-destination 192.0.2.2:80',
      ],
      'docker rm -f c1': ['c1'],
      'iptables -S DOCKER ': ['-N DOCKER', '-A DOCKER ! -i docker0 -o docker0 -j DROP', '-A DOCKER ! -i bridge1 -o bridge1 -j DROP'],
      'iptables -t nat -S DOCKER ': ['-N DOCKER'],
    },
  },
  {
    name: 'one port on 127.0.0.1 and on another host address',
    source:
      'the port allocator holds a port per host address; Compare orders by host address; one ACCEPT; a raw DROP for the loopback one only',
    commands: [
      'ip link add eth0 type dummy',
      'ip addr add 192.168.10.2/24 dev eth0',
      'ip link set eth0 up',
      'dockerd &',
      BRIDGE1(),
      run('c1', 'bridge1', '-p 192.168.10.2:8080:80 -p 127.0.0.1:8080:80'),
    ],
    expect: {
      'iptables -S DOCKER': [
        '-N DOCKER',
        '-A DOCKER -d 192.0.2.2/32 ! -i bridge1 -o bridge1 -p tcp -m tcp --dport 80 -j ACCEPT',
        '-A DOCKER ! -i docker0 -o docker0 -j DROP',
        '-A DOCKER ! -i bridge1 -o bridge1 -j DROP',
      ],
      'iptables -t nat -S DOCKER': [
        '-N DOCKER',
        '-A DOCKER -d 127.0.0.1/32 ! -i bridge1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.0.2.2:80',
        '-A DOCKER -d 192.168.10.2/32 ! -i bridge1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.0.2.2:80',
      ],
      'iptables -t raw -S': [
        ...RAW_POLICIES,
        '-A PREROUTING -d 192.0.2.2/32 ! -i bridge1 -j DROP',
        '-A PREROUTING -d 127.0.0.1/32 ! -i lo -p tcp -m tcp --dport 8080 -j DROP',
      ],
    },
  },
  {
    name: '-P with the image EXPOSE 80 beside -p 8080:81',
    source: 'Compare: exact host ports before ranges (an ephemeral port is a range); the allocator starts at 32768',
    commands: ['dockerd &', BRIDGE1(), run('c1', 'bridge1', '-P -p 8080:81', 'nginx')],
    expect: {
      'iptables -t nat -S DOCKER': [
        '-N DOCKER',
        '-A DOCKER ! -i bridge1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.0.2.2:81',
        '-A DOCKER ! -i bridge1 -p tcp -m tcp --dport 32768 -j DNAT --to-destination 192.0.2.2:80',
      ],
      'iptables -S DOCKER': [
        '-N DOCKER',
        '-A DOCKER -d 192.0.2.2/32 ! -i bridge1 -o bridge1 -p tcp -m tcp --dport 80 -j ACCEPT',
        '-A DOCKER -d 192.0.2.2/32 ! -i bridge1 -o bridge1 -p tcp -m tcp --dport 81 -j ACCEPT',
        '-A DOCKER ! -i docker0 -o docker0 -j DROP',
        '-A DOCKER ! -i bridge1 -o bridge1 -j DROP',
      ],
    },
  },
  {
    name: 'dockerd --icc=false --userland-proxy=false --ip-masq=false',
    source: 'setIcc (DROP) and outRuleNoICC for docker0; no natRule without masquerade; hpNatRule and per-port MASQUERADE in hairpin mode',
    commands: ['dockerd --icc=false --userland-proxy=false --ip-masq=false &', 'docker run -d -p 8080:80 --name c1 busybox sleep infinity'],
    expect: {
      'iptables -S': [
        ...POLICIES,
        ...FILTER_HEAD,
        '-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT',
        '-A DOCKER ! -i docker0 -o docker0 -j DROP',
        '-A DOCKER-BRIDGE -o docker0 -j DOCKER',
        CT('docker0'),
        ...FWD_JUMPS,
        '-A DOCKER-FORWARD -i docker0 -o docker0 -j DROP',
        '-A DOCKER-FORWARD -i docker0 ! -o docker0 -j ACCEPT',
      ],
      'iptables -t nat -S': [
        ...NAT_POLICIES,
        '-N DOCKER',
        ...NAT_JUMPS_HAIRPIN,
        '-A POSTROUTING -o docker0 -m addrtype --src-type LOCAL -j MASQUERADE',
        '-A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE',
        '-A DOCKER -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80',
      ],
      'iptables -t raw -S': [...RAW_POLICIES, '-A PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP'],
    },
  },
  {
    name: 'dockerd --iptables=false: a network and a published container, no rule at all',
    source: 'firewaller.Config{IPv4: EnableIPTables}: the iptabler programs nothing; setupIPv4Forwarding still runs',
    commands: ['dockerd --iptables=false &', BRIDGE1(), run('c1', 'bridge1', '-p 8080:80')],
    forwarding: false,
    expect: {
      'iptables -S': POLICIES,
      'iptables -t nat -S': NAT_POLICIES,
      'iptables -t raw -S': RAW_POLICIES,
      'sysctl net.ipv4.ip_forward': ['net.ipv4.ip_forward = 1'],
    },
  },
  {
    name: 'dockerd --ip-forward=false on a host that does not forward',
    source: 'setupIPv4Forwarding is skipped: no sysctl, no DROP policy',
    commands: ['dockerd --ip-forward=false &'],
    forwarding: false,
    expect: {
      'iptables -S FORWARD': ['-P FORWARD ACCEPT', '-A FORWARD -j DOCKER-USER', '-A FORWARD -j DOCKER-FORWARD'],
      'sysctl net.ipv4.ip_forward': ['net.ipv4.ip_forward = 0'],
    },
  },
  {
    name: 'dockerd on a host that does not forward: forwarding on, FORWARD closed',
    source: 'setupIPv4Forwarding: changed, so FilterForwardDrop',
    commands: ['dockerd &'],
    forwarding: false,
    expect: {
      'iptables -S FORWARD': ['-P FORWARD DROP', '-A FORWARD -j DOCKER-USER', '-A FORWARD -j DOCKER-FORWARD'],
      'sysctl net.ipv4.ip_forward': ['net.ipv4.ip_forward = 1'],
    },
  },
  {
    name: 'dockerd --ip-forward-no-drop',
    source: 'setupIPv4Forwarding(ffd, EnableIPTables && !DisableFilterForwardDrop)',
    commands: ['dockerd --ip-forward-no-drop &'],
    forwarding: false,
    expect: {
      'iptables -S FORWARD': ['-P FORWARD ACCEPT', '-A FORWARD -j DOCKER-USER', '-A FORWARD -j DOCKER-FORWARD'],
      'sysctl net.ipv4.ip_forward': ['net.ipv4.ip_forward = 1'],
    },
  },
  {
    name: 'dockerd --bip and --default-address-pool',
    source: "docker0 takes --bip's network; a network without --subnet the pool's first",
    commands: [
      'dockerd --bip 10.66.0.1/24 --default-address-pool base=10.10.0.0/16,size=24 &',
      'docker network create -o com.docker.network.bridge.name=n1 n1',
      run('c1', 'n1', '-p 8080:80'),
    ],
    expect: {
      'iptables -t nat -S': [
        ...NAT_POLICIES,
        '-N DOCKER',
        ...NAT_JUMPS,
        '-A POSTROUTING -s 10.10.0.0/24 ! -o n1 -j MASQUERADE',
        '-A POSTROUTING -s 10.66.0.0/24 ! -o docker0 -j MASQUERADE',
        '-A DOCKER ! -i n1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.10.0.2:80',
      ],
      'iptables -t raw -S': [...RAW_POLICIES, '-A PREROUTING -d 10.10.0.2/32 ! -i n1 -j DROP'],
    },
  },
  {
    name: 'dockerd --icc=false and a legacy link to a container whose image exposes port 80',
    source:
      'driver.link for the parent (ChildEndpoints): ChainInfo.Link appends the forward (--dport) and reverse (--sport) ACCEPTs to DOCKER',
    commands: ['dockerd --icc=false &', 'docker run -d --name web nginx', 'docker run -d --name app --link web:w busybox sleep infinity'],
    expect: {
      'iptables -S DOCKER': [
        '-N DOCKER',
        '-A DOCKER ! -i docker0 -o docker0 -j DROP',
        '-A DOCKER -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT',
        '-A DOCKER -s 172.17.0.2/32 -d 172.17.0.3/32 -i docker0 -o docker0 -p tcp -m tcp --sport 80 -j ACCEPT',
      ],
      'docker rm -f app': ['app'],
      'iptables -S DOCKER ': ['-N DOCKER', '-A DOCKER ! -i docker0 -o docker0 -j DROP'],
    },
  },
  {
    name: 'enable_icc=false on a network, dockerd --userland-proxy=false',
    source: 'setupNonInternalNetworkRules: natRule then hpNatRule, both inserted; setIcc DROP, outRuleNoICC',
    commands: [
      'dockerd --userland-proxy=false &',
      BRIDGE1(['com.docker.network.bridge.enable_icc=false']),
      run('c1', 'bridge1', '-p 8080:80'),
    ],
    expect: {
      'iptables -S DOCKER-FORWARD': [
        '-N DOCKER-FORWARD',
        ...FWD_JUMPS,
        '-A DOCKER-FORWARD -i docker0 -j ACCEPT',
        '-A DOCKER-FORWARD -i bridge1 -o bridge1 -j DROP',
        '-A DOCKER-FORWARD -i bridge1 ! -o bridge1 -j ACCEPT',
      ],
      'iptables -t nat -S': [
        ...NAT_POLICIES,
        '-N DOCKER',
        ...NAT_JUMPS_HAIRPIN,
        '-A POSTROUTING -o bridge1 -m addrtype --src-type LOCAL -j MASQUERADE',
        '-A POSTROUTING -s 192.0.2.0/24 ! -o bridge1 -j MASQUERADE',
        '-A POSTROUTING -o docker0 -m addrtype --src-type LOCAL -j MASQUERADE',
        '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
        '-A POSTROUTING -s 192.0.2.2/32 -d 192.0.2.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE',
        '-A DOCKER -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.0.2.2:80',
      ],
    },
  },
  {
    name: 'enable_ip_masquerade=false with dockerd --userland-proxy=false',
    source: 'natRule only if Masquerade; hpNatRule whenever hairpin',
    commands: ['dockerd --userland-proxy=false &', BRIDGE1(['com.docker.network.bridge.enable_ip_masquerade=false'])],
    expect: {
      'iptables -t nat -S POSTROUTING': [
        '-P POSTROUTING ACCEPT',
        '-A POSTROUTING -o bridge1 -m addrtype --src-type LOCAL -j MASQUERADE',
        '-A POSTROUTING -o docker0 -m addrtype --src-type LOCAL -j MASQUERADE',
        '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
      ],
    },
  },
  {
    name: 'gateway_mode_ipv4=routed with -p 127.0.0.1:8080:80',
    source: 'configurePortBindingIPv4: NAT disabled, the host address becomes 0.0.0.0; no DNAT, no loopback DROP, no direct-access DROP',
    commands: ['dockerd &', BRIDGE1(['com.docker.network.bridge.gateway_mode_ipv4=routed']), run('c1', 'bridge1', '-p 127.0.0.1:8080:80')],
    expect: {
      'iptables -S DOCKER': [
        '-N DOCKER',
        '-A DOCKER -d 192.0.2.2/32 ! -i bridge1 -o bridge1 -p tcp -m tcp --dport 80 -j ACCEPT',
        '-A DOCKER ! -i docker0 -o docker0 -j DROP',
        '-A DOCKER -o bridge1 -p icmp -j ACCEPT',
        '-A DOCKER ! -i bridge1 -o bridge1 -j DROP',
      ],
      'iptables -t nat -S DOCKER': ['-N DOCKER'],
      'iptables -t raw -S': RAW_POLICIES,
    },
  },
  {
    name: '--internal with -p: nothing published',
    source: 'setPerPortIptables returns at once for an internal network; filterDirectAccess too',
    commands: ['dockerd &', BRIDGE1([], '--internal '), run('c1', 'bridge1', '-p 8080:80')],
    expect: {
      'iptables -S DOCKER': ['-N DOCKER', '-A DOCKER ! -i docker0 -o docker0 -j DROP'],
      'iptables -t nat -S DOCKER': ['-N DOCKER'],
      'iptables -t raw -S': RAW_POLICIES,
    },
  },
  {
    name: 'trusted_host_interfaces and host_binding_ipv4, then the container removed',
    source: 'filterDirectAccess: an ACCEPT per trusted interface before the DROP; DefaultBindingIP as the host address of -p without one',
    commands: [
      'dockerd &',
      BRIDGE1(['com.docker.network.bridge.trusted_host_interfaces=eth0:eth1', 'com.docker.network.bridge.host_binding_ipv4=127.0.0.1']),
      run('c1', 'bridge1', '-p 8080:80'),
    ],
    expect: {
      'iptables -t nat -S DOCKER': [
        '-N DOCKER',
        '-A DOCKER -d 127.0.0.1/32 ! -i bridge1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.0.2.2:80',
      ],
      'iptables -t raw -S': [
        ...RAW_POLICIES,
        '-A PREROUTING -d 192.0.2.2/32 -i eth0 -j ACCEPT',
        '-A PREROUTING -d 192.0.2.2/32 -i eth1 -j ACCEPT',
        '-A PREROUTING -d 192.0.2.2/32 ! -i bridge1 -j DROP',
        '-A PREROUTING -d 127.0.0.1/32 ! -i lo -p tcp -m tcp --dport 8080 -j DROP',
      ],
      'docker rm -f c1': ['c1'],
      'iptables -t raw -S ': RAW_POLICIES,
    },
  },
  {
    name: 'a trusted interface and a loopback port, as iptablesdoc lists the raw table (-vL, names resolved)',
    source: "filterDirectAccess (ACCEPT per trusted interface, then DROP), filterPortMappedOnLoopback; iptablesdoc's LRaw4 command",
    commands: [
      'dockerd &',
      BRIDGE1(['com.docker.network.bridge.trusted_host_interfaces=eth0']),
      run('c1', 'bridge1', '-p 127.0.0.1:8080:80'),
    ],
    expect: {
      'iptables -vL --line-numbers -t raw': [
        'Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)',
        'num   pkts bytes target     prot opt in     out     source               destination         ',
        '1        0     0 ACCEPT     all  --  eth0   any     anywhere             192.0.2.2           ',
        '2        0     0 DROP       all  --  !bridge1 any     anywhere             192.0.2.2           ',
        '3        0     0 DROP       tcp  --  !lo    any     anywhere             localhost            tcp dpt:http-alt',
        '',
        'Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)',
        'num   pkts bytes target     prot opt in     out     source               destination         ',
      ],
    },
  },
  {
    name: 'com.docker.network.host_ipv4 with dockerd --userland-proxy=false',
    source: 'setupNonInternalNetworkRules: with HostIP, SNAT --to-source instead of MASQUERADE (both rules)',
    commands: ['dockerd --userland-proxy=false &', BRIDGE1(['com.docker.network.host_ipv4=192.168.10.2'])],
    expect: {
      'iptables -t nat -S POSTROUTING': [
        '-P POSTROUTING ACCEPT',
        '-A POSTROUTING -o bridge1 -m addrtype --src-type LOCAL -j SNAT --to-source 192.168.10.2',
        '-A POSTROUTING -s 192.0.2.0/24 ! -o bridge1 -j SNAT --to-source 192.168.10.2',
        '-A POSTROUTING -o docker0 -m addrtype --src-type LOCAL -j MASQUERADE',
        '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
      ],
    },
  },
  {
    name: 'dockerd --allow-direct-routing --ip 127.0.0.1',
    source: "filterDirectAccess is off with AllowDirectRouting; --ip is docker0's DefaultBindingIP, so filterPortMappedOnLoopback applies",
    commands: ['dockerd --allow-direct-routing --ip 127.0.0.1 &', 'docker run -d -p 8080:80 --name c1 busybox sleep infinity'],
    expect: {
      'iptables -t nat -S DOCKER': [
        '-N DOCKER',
        '-A DOCKER -d 127.0.0.1/32 ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80',
      ],
      'iptables -t raw -S': [...RAW_POLICIES, '-A PREROUTING -d 127.0.0.1/32 ! -i lo -p tcp -m tcp --dport 8080 -j DROP'],
    },
  },
  {
    name: 'inhibit_ipv4: the bridge gets no address, the rules are the same',
    source: "setupBridgeIPv4: bridgeIPv4 is still the network's, only AddrAdd is skipped",
    commands: ['dockerd &', BRIDGE1(['com.docker.network.bridge.inhibit_ipv4=true'])],
    expect: {
      'ip -4 -o addr show dev bridge1': [],
      'iptables -t nat -S POSTROUTING': [
        '-P POSTROUTING ACCEPT',
        '-A POSTROUTING -s 192.0.2.0/24 ! -o bridge1 -j MASQUERADE',
        '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
      ],
    },
  },
  {
    name: "gateway_mode_ipv4=isolated on an internal network: no gateway, the first address is a container's",
    source: 'GetSkipGwAlloc (isolated): IPAM reserves no gateway; setupBridgeIPv4 adds no address; the internal rules as ever',
    commands: [
      'dockerd &',
      BRIDGE1(['com.docker.network.bridge.gateway_mode_ipv4=isolated'], '--internal '),
      'docker run -d --network bridge1 --name c1 busybox sleep infinity',
    ],
    expect: {
      "docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' c1": ['192.0.2.1'],
      'ip -4 -o addr show dev bridge1': [],
      'iptables -S DOCKER-INTERNAL': [
        '-N DOCKER-INTERNAL',
        '-A DOCKER-INTERNAL ! -s 192.0.2.0/24 -o bridge1 -j DROP',
        '-A DOCKER-INTERNAL ! -d 192.0.2.0/24 -i bridge1 -j DROP',
      ],
    },
  },
  {
    name: 'inhibit_ipv4 on an internal network: no gateway either',
    source: 'GetSkipGwAlloc: InhibitIPv4 && Internal',
    commands: [
      'dockerd &',
      BRIDGE1(['com.docker.network.bridge.inhibit_ipv4=true'], '--internal '),
      'docker run -d --network bridge1 --name c1 busybox sleep infinity',
    ],
    expect: {
      "docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' c1": ['192.0.2.1'],
      'ip -4 -o addr show dev bridge1': [],
    },
  },
  {
    name: 'swarm with two services',
    source: 'programIngress: DNAT and the filter pair inserted at the top of DOCKER-INGRESS, newest service first',
    commands: [
      'ip link add eth0 type dummy',
      'ip addr add 192.168.10.2/24 dev eth0',
      'ip link set eth0 up',
      'dockerd --swarm-default-advertise-addr=eth0 &',
      'docker swarm init',
      'docker service create -p 8080:80 busybox top',
      'docker service create -p 9090:90/udp busybox top',
    ],
    expect: {
      'iptables -S DOCKER-INGRESS': [
        '-N DOCKER-INGRESS',
        '-A DOCKER-INGRESS -p udp -m udp --dport 9090 -j ACCEPT',
        '-A DOCKER-INGRESS -p udp -m udp --sport 9090 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-A DOCKER-INGRESS -p tcp -m tcp --dport 8080 -j ACCEPT',
        '-A DOCKER-INGRESS -p tcp -m tcp --sport 8080 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-A DOCKER-INGRESS -j RETURN',
      ],
      'iptables -t nat -S DOCKER-INGRESS': [
        '-N DOCKER-INGRESS',
        '-A DOCKER-INGRESS -p udp -m udp --dport 9090 -j DNAT --to-destination 172.18.0.2:9090',
        '-A DOCKER-INGRESS -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.18.0.2:8080',
        '-A DOCKER-INGRESS -j RETURN',
      ],
    },
  },
];

function lines(text: string): string[] {
  const l = text.split('\n');
  while (l.length && l[l.length - 1] === '') l.pop();
  return l;
}

describe("Docker 29.7.2's iptables rules beyond iptablesdoc, as moby's source programs them", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const sh = new Shell();
      const pre = c.forwarding === false ? [] : ['sysctl -w net.ipv4.ip_forward=1'];
      for (const cmd of [...pre, ...c.commands]) {
        const r = sh.exec(cmd);
        expect(r.status, `${cmd}: ${r.stderr}`).toBe(0);
      }
      // a key may end in spaces to list the same command again later in the case
      for (const [cmd, want] of Object.entries(c.expect)) {
        const r = sh.exec(cmd.trimEnd());
        expect(r.status, `${cmd}: ${r.stderr}`).toBe(0);
        expect(lines(r.stdout), `${c.name}: ${cmd}`).toEqual(want);
      }
    });
  }
});

describe('options the lab refuses or checks as dockerd and the bridge driver do', () => {
  const refused: ReadonlyArray<readonly [string, string]> = [
    // fromLabels: net.ParseIP, parseErr
    [BRIDGE1(['com.docker.network.host_ipv4=nowhere']), 'failed to parse com.docker.network.host_ipv4 value: nowhere (nil ip)'],
    [
      BRIDGE1(['com.docker.network.bridge.inhibit_ipv4=yes']),
      'failed to parse com.docker.network.bridge.inhibit_ipv4 value: yes (strconv.ParseBool: parsing "yes": invalid syntax)',
    ],
    // parseNetworkOptions
    [BRIDGE1(['com.docker.network.bridge.gateway_mode_ipv4=isolated']), "gateway mode 'isolated' can only be used for an internal network"],
    // pflag's IPVar
    ['dockerd --ip 300.1.1.1 &', 'invalid argument "300.1.1.1" for "--ip" flag: failed to parse IP: "300.1.1.1"'],
  ];
  for (const [cmd, msg] of refused) {
    it(`${cmd.slice(0, 60)}…: refused, nothing made`, () => {
      const sh = new Shell();
      const before = sh.exec('ip -o link').stdout;
      const r = sh.exec(cmd);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain(msg);
      if (cmd.startsWith('docker network')) expect(sh.exec('docker network ls --format {{.Name}}').stdout).not.toContain('bridge1');
      else expect(sh.exec('ip -o link').stdout).toBe(before);
    });
  }
});
