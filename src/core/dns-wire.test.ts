import { describe, expect, it } from 'vitest';
import { parseIpv4 } from './addr.ts';
import { answerQuery, DNS_TYPE_AAAA, type DnsMessage } from './dns.ts';
import { dnsBytes, dnsLength, parseDns } from './dns-wire.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const zone = { records: new Map([['example.com', [parseIpv4('10.0.0.9')!]]]), ttl: 0, authoritative: true };
const query: DnsMessage = { id: 0xd22c, response: false, rcode: 0, qname: 'example.com', rd: true, answers: [] };

// the bytes a kernel recording holds: glibc's query (ping example.com) and dnsmasq 2.89's answer
// to it (--no-resolv --address=/example.com/10.0.0.9), from one capture
const KERNEL_QUERY = 'd22c01000001000000000000076578616d706c6503636f6d0000010001';
const KERNEL_ANSWER = 'd22c85800001000100000000076578616d706c6503636f6d0000010001c00c000100010000000000040a000009';
const KERNEL_AAAA_REFUSED = '602081850001000000000000076578616d706c6503636f6d00001c0001';

describe('DNS messages on the wire', () => {
  it('a stub resolver’s query and dnsmasq’s answer are byte for byte what the kernel carried', () => {
    expect(hex(dnsBytes(query))).toBe(KERNEL_QUERY);
    expect(hex(dnsBytes(answerQuery(zone, query)))).toBe(KERNEL_ANSWER);
    const aaaa: DnsMessage = { ...query, id: 0x6020, qtype: DNS_TYPE_AAAA };
    expect(hex(dnsBytes(answerQuery(zone, aaaa)))).toBe(KERNEL_AAAA_REFUSED);
  });

  it('the length is the bytes’ length: 12 of header, the name’s labels, 16 an A record', () => {
    for (const m of [query, answerQuery(zone, query), answerQuery(zone, { ...query, qname: 'nosuch.test' })])
      expect(dnsLength(m)).toBe(dnsBytes(m).length);
    expect(dnsLength(answerQuery(zone, query))).toBe(45);
  });

  it('reads a message back: flags, the question, the answer through its 0xc00c pointer', () => {
    const m = parseDns(Buffer.from(KERNEL_ANSWER, 'hex'))!;
    expect(m).toMatchObject({ id: 0xd22c, flags: 0x8580, qdcount: 1, ancount: 1, questions: [{ name: 'example.com', type: 1, cls: 1 }] });
    expect(m.answers[0]).toMatchObject({ name: 'example.com', type: 1, ttl: 0, addr: parseIpv4('10.0.0.9') });
    // a pointer loop or a cut message is no message
    expect(parseDns(Buffer.from('d22c85800001000000000000c00c00010001', 'hex'))).toBeNull();
    expect(parseDns(Buffer.from(KERNEL_ANSWER.slice(0, 60), 'hex'))).toBeNull();
  });
});
