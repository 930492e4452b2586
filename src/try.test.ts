import { it } from 'vitest';
import { Shell } from './cmd/shell.ts';
it('try', () => {
  const sh = new Shell();
  for (const l of [
    'iptables -A INPUT -c 5 100 -j ACCEPT',
    'iptables -I INPUT --set-counters 7 300 -p tcp',
    'iptables -A INPUT -c 5 -j ACCEPT',
    'iptables -A INPUT -c x 5 -j ACCEPT',
    'iptables -A INPUT -c 5 y -j ACCEPT',
    'iptables -v -S',
    'iptables -L -v -n',
    'iptables-save -c',
    'iptables -A INPUT -m time --timestart 10:00 --localtz',
    'iptables -S',
    'iptables -A INPUT -p icmp --icmp-type 3/1:4',
  ]) {
    const r = sh.exec(l);
    console.log(`$ ${l}\n${r.stdout}${r.stderr}`);
  }
});
