// Trace events as one line each, for terminals, golden files and the CLI.

import type { TraceEvent } from './trace.ts';

export function formatTraceEvent(e: TraceEvent): string {
  const where = `${e.ns}${e.dev ? `/${e.dev}` : ''}`;
  const pkt = e.pkt ? `  ${e.pkt.text}` : '';
  switch (e.type) {
    case 'xmit':
      return `${where} xmit${e.to ? ` -> ${e.to.ns}/${e.to.dev}` : ''}${pkt}`;
    case 'rcv':
      return `${where} rcv${pkt}`;
    case 'route':
      return `${where} route ${e.route} (${e.why})${pkt}`;
    case 'arp':
      return `${where} arp ${e.op} ${e.ip}${e.mac ? ` is-at ${e.mac}` : ''}`;
    case 'fdb':
      return `${where} fdb ${e.action} ${e.mac}${e.port ? ` port ${e.port}` : ''}`;
    case 'l2':
      return `${where} ${e.action}`;
    case 'hook':
      return `${where} ${e.hook} ${e.table}/${e.chain}${e.rule !== undefined ? ` rule ${e.rule}` : ''} ${e.verdict}${e.ruleText ? ` [${e.ruleText}]` : ''}${e.notSimulated ? ` (not simulated: ${e.notSimulated.join(', ')})` : ''}${pkt}`;
    case 'conntrack':
      return `${where} conntrack ${e.created ? 'new' : 'found'} ${e.state}: ${e.entry}`;
    case 'nat':
      return `${where} ${e.hook} ${e.kind} ${e.before} => ${e.after}`;
    case 'deliver':
      return `${where} deliver ${e.what}${pkt}`;
    case 'icmp':
      return `${where} icmp ${e.what}${pkt}`;
    case 'vxlan':
      return `${where} vxlan ${e.action} vni ${e.vni}${pkt}`;
    case 'drop':
      return `${where} DROP ${e.code}: ${e.reason}${e.fix ? ` (fix${e.fixNs ? ` in ${e.fixNs}` : ''}: ${e.fix.replaceAll('\n', '; ')})` : ''}${pkt}`;
    case 'storm':
      return `storm: ${e.path.join(' -> ')}`;
  }
}
