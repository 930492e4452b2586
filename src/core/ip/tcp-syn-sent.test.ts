import { describe, expect, it } from 'vitest';
import { synTimerFirings, tcpModelTimeout } from './tcp-syn-sent.ts';

// Measured on Linux 6.18 in a private namespace (curl to a DROPped port, tcpdump on lo):
// the SYNs' times after the first, and when connect() failed with ETIMEDOUT.
describe("SYN-SENT's retransmission timer", () => {
  it.each([
    { retries: 1, linear: 4, retransmits: [1, 2], giveUp: 3 },
    { retries: 2, linear: 4, retransmits: [1, 2, 3, 4, 5], giveUp: 7 },
    { retries: 3, linear: 4, retransmits: [1, 2, 3, 4, 5, 7, 11], giveUp: 19 },
    { retries: 4, linear: 4, retransmits: [1, 2, 3, 4, 5, 7, 11, 19], giveUp: 35 },
    { retries: 5, linear: 4, retransmits: [1, 2, 3, 4, 5, 7, 11, 19, 35], giveUp: 67 },
    { retries: 3, linear: 0, retransmits: [1, 3, 7], giveUp: 15 },
    { retries: 3, linear: 2, retransmits: [1, 2, 3, 5, 9], giveUp: 17 },
    { retries: 1, linear: 1, retransmits: [1, 2], giveUp: 4 },
    { retries: 2, linear: 5, retransmits: [1, 2, 3, 4, 5, 6], giveUp: 8 },
  ])('tcp_syn_retries=$retries, tcp_syn_linear_timeouts=$linear: SYNs again at $retransmits s, ETIMEDOUT at $giveUp s', (c) => {
    const f = synTimerFirings(c.retries, c.linear);
    expect(f.retransmits.map((ms) => ms / 1000)).toEqual(c.retransmits);
    expect(f.giveUp / 1000).toBe(c.giveUp);
  });

  it('the defaults give up at 131 s, past the 127 s of tcp_model_timeout', () => {
    expect(tcpModelTimeout(6)).toBe(127_000);
    expect(synTimerFirings(6, 4).giveUp).toBe(131_000);
  });

  it('past six retries each further one adds TCP_RTO_MAX, and the timeouts stop doubling at it', () => {
    expect(tcpModelTimeout(8)).toBe(367_000);
    const f = synTimerFirings(8, 0);
    expect(f.retransmits.map((ms) => ms / 1000)).toEqual([1, 3, 7, 15, 31, 63, 127, 247]);
    expect(f.giveUp).toBe(367_000);
  });
});
