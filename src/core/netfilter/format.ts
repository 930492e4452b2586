// A rule as iptables-nft prints it back (`iptables -S`): canonical order, /32 on host
// addresses, implicit `-m tcp` after `-p tcp` with ports.

import { formatIpv4 } from '../addr.ts';
import { TCP_FLAG_BITS, type AddrMatch, type CtState, type Match, type PortMatch, type Rule, type Target } from './rule.ts';

/** getprotobynumber(3) over netbase's /etc/protocols, as iptables prints `-p` */
const PROTO_NAMES: ReadonlyMap<number, string> = new Map(
  '0:ip 1:icmp 2:igmp 3:ggp 4:ipencap 5:st 6:tcp 8:egp 9:igp 12:pup 17:udp 20:hmp 22:xns-idp 27:rdp 29:iso-tp4 33:dccp 36:xtp 37:ddp 38:idpr-cmtp 41:ipv6 43:ipv6-route 44:ipv6-frag 45:idrp 46:rsvp 47:gre 50:esp 51:ah 57:skip 58:ipv6-icmp 59:ipv6-nonxt 60:ipv6-opts 73:rspf 81:vmtp 88:eigrp 89:ospf 93:ax.25 94:ipip 97:etherip 98:encap 103:pim 108:ipcomp 112:vrrp 115:l2tp 124:isis 132:sctp 133:fc 135:mobility-header 136:udplite 137:mpls-in-ip 138:manet 139:hip 140:shim6 141:wesp 142:rohc 143:ethernet'
    .split(' ')
    .map((e) => {
      const [n, name] = e.split(':');
      return [Number(n), name!] as const;
    }),
);

function protoText(n: number): string {
  return PROTO_NAMES.get(n) ?? String(n);
}

function addr(a: AddrMatch): string {
  return `${formatIpv4(a.addr)}/${a.mask !== undefined ? formatIpv4(a.mask) : a.plen}`;
}

function port(p: PortMatch): string {
  return p.lo === p.hi ? String(p.lo) : `${p.lo}:${p.hi}`;
}

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

function wholeRange(p: PortMatch): boolean {
  return p.lo === 0 && p.hi === 65535 && !p.neg;
}

/** conntrack states in the order libxt_conntrack prints them, each once */
const CT_STATE_ORDER: readonly CtState[] = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'];
function ctStates(states: readonly CtState[]): string {
  return CT_STATE_ORDER.filter((s) => states.includes(s)).join(',');
}

function flagNames(bits: number): string {
  const names = TCP_FLAG_BITS.filter(([, b]) => bits & b).map(([n]) => n);
  return names.length ? names.join(',') : 'NONE';
}

function neg(b: boolean): string {
  return b ? '! ' : '';
}

export function formatMatch(m: Match): string {
  switch (m.kind) {
    case 'tcp':
    case 'udp': {
      const parts = [`-m ${m.kind}`];
      // the whole range 0:65535 says nothing and is not printed (libxt_tcp print_ports)
      if (m.sport && !wholeRange(m.sport)) parts.push(`${neg(m.sport.neg)}--sport ${port(m.sport)}`);
      if (m.dport && !wholeRange(m.dport)) parts.push(`${neg(m.dport.neg)}--dport ${port(m.dport)}`);
      if (m.kind === 'tcp' && m.flags) parts.push(`${neg(m.flags.neg)}--tcp-flags ${flagNames(m.flags.mask)} ${flagNames(m.flags.comp)}`);
      return parts.join(' ');
    }
    case 'icmp':
      // type 255 is libxt_icmp's "any", whatever code goes with it
      return m.icmpType < 0 || m.icmpType === 255
        ? `-m icmp ${neg(m.neg)}--icmp-type any`
        : `-m icmp ${neg(m.neg)}--icmp-type ${m.icmpType}${m.icmpCode !== null ? '/' + m.icmpCode : ''}`;
    case 'conntrack':
      return `-m conntrack ${neg(m.neg)}--ctstate ${ctStates(m.states)}`;
    case 'state':
      return `-m state ${neg(m.neg)}--state ${ctStates(m.states)}`;
    case 'addrtype': {
      const parts = ['-m addrtype'];
      if (m.src) parts.push(`${neg(m.src.neg)}--src-type ${m.src.type}`);
      if (m.dst) parts.push(`${neg(m.dst.neg)}--dst-type ${m.dst.type}`);
      if (m.limitIface) parts.push(`--limit-iface-${m.limitIface}`);
      return parts.join(' ');
    }
    case 'multiport':
      return `-m multiport ${neg(m.neg)}--${m.which} ${m.ports.map(port).join(',')}`;
    case 'comment':
      return `-m comment --comment ${/\s/.test(m.text) ? JSON.stringify(m.text) : m.text}`;
    case 'mark':
      return `-m mark ${neg(m.neg)}--mark ${hex(m.value)}${m.mask !== 0xffffffff ? `/${hex(m.mask)}` : ''}`;
    case 'xt':
      return m.save ? `-m ${m.name} ${m.save}` : `-m ${m.name}`;
  }
}

function natFlags(f: readonly string[] | undefined): string {
  return f?.length ? ` ${f.join(' ')}` : '';
}

export function formatTarget(t: Target): string {
  switch (t.kind) {
    case 'NONE':
      return '';
    case 'ACCEPT':
    case 'DROP':
    case 'RETURN':
      return `-j ${t.kind}`;
    case 'LOG': {
      const parts = ['-j LOG'];
      if (t.prefix !== null) parts.push(`--log-prefix "${t.prefix}"`);
      if (t.level !== undefined) parts.push(`--log-level ${t.level}`);
      if (t.flags) parts.push(...t.flags);
      return parts.join(' ');
    }
    case 'REJECT':
      return `-j REJECT --reject-with ${t.with}`;
    case 'MASQUERADE':
    case 'REDIRECT': {
      const ports = t.ports ? ` --to-ports ${t.ports.lo === t.ports.hi ? t.ports.lo : `${t.ports.lo}-${t.ports.hi}`}` : '';
      return `-j ${t.kind}${ports}${natFlags(t.flags)}`;
    }
    case 'SNAT':
    case 'DNAT': {
      const r = t.to;
      let s = r.noIps ? '' : formatIpv4(r.lo) + (r.hi !== r.lo ? `-${formatIpv4(r.hi)}` : '');
      if (r.portLo !== null) s += `:${r.portLo}` + (r.portHi !== null && r.portHi !== r.portLo ? `-${r.portHi}` : '');
      if (r.base !== undefined) s += `/${r.base}`;
      return `-j ${t.kind} ${t.kind === 'SNAT' ? '--to-source' : '--to-destination'} ${s}${natFlags(t.flags)}`;
    }
    case 'JUMP':
      return `-j ${t.chain}`;
    case 'GOTO':
      return `-g ${t.chain}`;
    case 'MARK':
      return `-j MARK --set-xmark ${hex(t.value)}/${hex(t.mask)}`;
    case 'XT':
      return t.save ? `-j ${t.name} ${t.save}` : `-j ${t.name}`;
  }
}

/** everything after `-A CHAIN` */
export function formatRuleSpec(r: Rule): string {
  const parts: string[] = [];
  if (r.src) parts.push(`${neg(r.src.neg)}-s ${addr(r.src)}`);
  if (r.dst) parts.push(`${neg(r.dst.neg)}-d ${addr(r.dst)}`);
  if (r.iif) parts.push(`${neg(r.iif.neg)}-i ${r.iif.name}`);
  if (r.oif) parts.push(`${neg(r.oif.neg)}-o ${r.oif.name}`);
  if (r.proto) parts.push(`${neg(r.proto.neg)}-p ${protoText(r.proto.num)}`);
  for (const m of r.matches) parts.push(formatMatch(m));
  const t = formatTarget(r.target);
  if (t) parts.push(t);
  return parts.join(' ');
}
