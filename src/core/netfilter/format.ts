// A rule as iptables-nft prints it back (`iptables -S`): canonical order, /32 on host
// addresses, implicit `-m tcp` after `-p tcp` with ports.

import { formatIpv4 } from '../addr.ts';
import { protoName } from '../packet.ts';
import { TCP_FLAG_BITS, type AddrMatch, type Match, type PortMatch, type Rule, type Target } from './rule.ts';

function addr(a: AddrMatch): string {
  return `${formatIpv4(a.addr)}/${a.mask !== undefined ? formatIpv4(a.mask) : a.plen}`;
}

function port(p: PortMatch): string {
  return p.lo === p.hi ? String(p.lo) : `${p.lo}:${p.hi}`;
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
      if (m.sport) parts.push(`${neg(m.sport.neg)}--sport ${port(m.sport)}`);
      if (m.dport) parts.push(`${neg(m.dport.neg)}--dport ${port(m.dport)}`);
      if (m.kind === 'tcp' && m.flags) parts.push(`${neg(m.flags.neg)}--tcp-flags ${flagNames(m.flags.mask)} ${flagNames(m.flags.comp)}`);
      return parts.join(' ');
    }
    case 'icmp':
      return `-m icmp ${neg(m.neg)}--icmp-type ${m.icmpType < 0 ? 'any' : m.icmpType}${m.icmpCode !== null ? '/' + m.icmpCode : ''}`;
    case 'conntrack':
      return `-m conntrack ${neg(m.neg)}--ctstate ${m.states.join(',')}`;
    case 'state':
      return `-m state ${neg(m.neg)}--state ${m.states.join(',')}`;
    case 'addrtype': {
      const parts = ['-m addrtype'];
      if (m.src) parts.push(`${neg(m.src.neg)}--src-type ${m.src.type}`);
      if (m.dst) parts.push(`${neg(m.dst.neg)}--dst-type ${m.dst.type}`);
      return parts.join(' ');
    }
    case 'multiport':
      return `-m multiport ${neg(m.neg)}--${m.which} ${m.ports.map(port).join(',')}`;
    case 'comment':
      return `-m comment --comment ${/\s/.test(m.text) ? JSON.stringify(m.text) : m.text}`;
  }
}

export function formatTarget(t: Target): string {
  switch (t.kind) {
    case 'NONE':
      return '';
    case 'ACCEPT':
    case 'DROP':
    case 'RETURN':
      return `-j ${t.kind}`;
    case 'LOG':
      return t.prefix !== null ? `-j LOG --log-prefix "${t.prefix}"` : '-j LOG';
    case 'REJECT':
      return `-j REJECT --reject-with ${t.with}`;
    case 'MASQUERADE':
      return t.ports
        ? `-j MASQUERADE --to-ports ${t.ports.lo === t.ports.hi ? t.ports.lo : `${t.ports.lo}-${t.ports.hi}`}`
        : '-j MASQUERADE';
    case 'REDIRECT':
      return t.ports ? `-j REDIRECT --to-ports ${t.ports.lo === t.ports.hi ? t.ports.lo : `${t.ports.lo}-${t.ports.hi}`}` : '-j REDIRECT';
    case 'SNAT':
    case 'DNAT': {
      const r = t.to;
      let s = formatIpv4(r.lo) + (r.hi !== r.lo ? `-${formatIpv4(r.hi)}` : '');
      if (r.portLo !== null) s += `:${r.portLo}` + (r.portHi !== null && r.portHi !== r.portLo ? `-${r.portHi}` : '');
      return `-j ${t.kind} ${t.kind === 'SNAT' ? '--to-source' : '--to-destination'} ${s}`;
    }
    case 'JUMP':
      return `-j ${t.chain}`;
    case 'GOTO':
      return `-g ${t.chain}`;
  }
}

/** everything after `-A CHAIN` */
export function formatRuleSpec(r: Rule): string {
  const parts: string[] = [];
  if (r.src) parts.push(`${neg(r.src.neg)}-s ${addr(r.src)}`);
  if (r.dst) parts.push(`${neg(r.dst.neg)}-d ${addr(r.dst)}`);
  if (r.iif) parts.push(`${neg(r.iif.neg)}-i ${r.iif.name}`);
  if (r.oif) parts.push(`${neg(r.oif.neg)}-o ${r.oif.name}`);
  if (r.proto) parts.push(`${neg(r.proto.neg)}-p ${protoName(r.proto.num)}`);
  for (const m of r.matches) parts.push(formatMatch(m));
  const t = formatTarget(r.target);
  if (t) parts.push(t);
  return parts.join(' ');
}
