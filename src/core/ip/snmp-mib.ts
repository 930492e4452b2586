// The kernel's SNMP MIB counters of a network namespace (net->mib): Ip (ipstats_mib), Icmp and
// IcmpMsg, Tcp, Udp, UdpLite, and the Linux extensions TcpExt (LINUX_MIB_*), IpExt and MPTcpExt.
// The field lists are those of net/ipv4/proc.c (snmp4_ipstats_list, snmp4_icmp_list,
// snmp4_tcp_list, snmp4_udp_list, snmp4_net_list, snmp4_ipextstats_list) and net/mptcp/mib.c
// of the recording kernel (6.18), in their order: /proc/net/snmp and /proc/net/netstat print
// them as they stand here. Counters are bumped where the packet path does what the kernel
// counts (ip_rcv, ip_forward, ip_local_deliver, ip_local_out, icmp_rcv, icmp_send, tcp_v4_rcv,
// udp_rcv …); what the lab never does stays 0, as on a kernel that never did it either.

export const IP_FIELDS = [
  'Forwarding',
  'DefaultTTL',
  'InReceives',
  'InHdrErrors',
  'InAddrErrors',
  'ForwDatagrams',
  'InUnknownProtos',
  'InDiscards',
  'InDelivers',
  'OutRequests',
  'OutDiscards',
  'OutNoRoutes',
  'ReasmTimeout',
  'ReasmReqds',
  'ReasmOKs',
  'ReasmFails',
  'FragOKs',
  'FragFails',
  'FragCreates',
  'OutTransmits',
] as const;

/** the Icmp line: InMsgs…InAddrMaskReps, then OutMsgs…; the per-type ones come from IcmpMsg */
export const ICMP_FIELDS = [
  'InMsgs',
  'InErrors',
  'InCsumErrors',
  'InDestUnreachs',
  'InTimeExcds',
  'InParmProbs',
  'InSrcQuenchs',
  'InRedirects',
  'InEchos',
  'InEchoReps',
  'InTimestamps',
  'InTimestampReps',
  'InAddrMasks',
  'InAddrMaskReps',
  'OutMsgs',
  'OutErrors',
  'OutRateLimitGlobal',
  'OutRateLimitHost',
  'OutDestUnreachs',
  'OutTimeExcds',
  'OutParmProbs',
  'OutSrcQuenchs',
  'OutRedirects',
  'OutEchos',
  'OutEchoReps',
  'OutTimestamps',
  'OutTimestampReps',
  'OutAddrMasks',
  'OutAddrMaskReps',
] as const;

/** icmp_put: the Icmp fields read from the IcmpMsg counters of one type */
export const ICMP_TYPE_FIELDS: Readonly<Record<number, string>> = {
  3: 'DestUnreachs',
  11: 'TimeExcds',
  12: 'ParmProbs',
  4: 'SrcQuenchs',
  5: 'Redirects',
  8: 'Echos',
  0: 'EchoReps',
  13: 'Timestamps',
  14: 'TimestampReps',
  17: 'AddrMasks',
  18: 'AddrMaskReps',
};

export const TCP_FIELDS = [
  'RtoAlgorithm',
  'RtoMin',
  'RtoMax',
  'MaxConn',
  'ActiveOpens',
  'PassiveOpens',
  'AttemptFails',
  'EstabResets',
  'CurrEstab',
  'InSegs',
  'OutSegs',
  'RetransSegs',
  'InErrs',
  'OutRsts',
  'InCsumErrors',
] as const;

export const UDP_FIELDS = [
  'InDatagrams',
  'NoPorts',
  'InErrors',
  'OutDatagrams',
  'RcvbufErrors',
  'SndbufErrors',
  'InCsumErrors',
  'IgnoredMulti',
  'MemErrors',
] as const;

export const TCPEXT_FIELDS = (
  'SyncookiesSent SyncookiesRecv SyncookiesFailed EmbryonicRsts PruneCalled RcvPruned OfoPruned OutOfWindowIcmps ' +
  'LockDroppedIcmps ArpFilter TW TWRecycled TWKilled PAWSActive PAWSEstab BeyondWindow TSEcrRejected PAWSOldAck ' +
  'PAWSTimewait DelayedACKs DelayedACKLocked DelayedACKLost ListenOverflows ListenDrops TCPHPHits TCPPureAcks ' +
  'TCPHPAcks TCPRenoRecovery TCPSackRecovery TCPSACKReneging TCPSACKReorder TCPRenoReorder TCPTSReorder TCPFullUndo ' +
  'TCPPartialUndo TCPDSACKUndo TCPLossUndo TCPLostRetransmit TCPRenoFailures TCPSackFailures TCPLossFailures ' +
  'TCPFastRetrans TCPSlowStartRetrans TCPTimeouts TCPLossProbes TCPLossProbeRecovery TCPRenoRecoveryFail ' +
  'TCPSackRecoveryFail TCPRcvCollapsed TCPBacklogCoalesce TCPDSACKOldSent TCPDSACKOfoSent TCPDSACKRecv ' +
  'TCPDSACKOfoRecv TCPAbortOnData TCPAbortOnClose TCPAbortOnMemory TCPAbortOnTimeout TCPAbortOnLinger TCPAbortFailed ' +
  'TCPMemoryPressures TCPMemoryPressuresChrono TCPSACKDiscard TCPDSACKIgnoredOld TCPDSACKIgnoredNoUndo TCPSpuriousRTOs ' +
  'TCPMD5NotFound TCPMD5Unexpected TCPMD5Failure TCPSackShifted TCPSackMerged TCPSackShiftFallback TCPBacklogDrop ' +
  'PFMemallocDrop TCPMinTTLDrop TCPDeferAcceptDrop IPReversePathFilter TCPTimeWaitOverflow TCPReqQFullDoCookies ' +
  'TCPReqQFullDrop TCPRetransFail TCPRcvCoalesce TCPOFOQueue TCPOFODrop TCPOFOMerge TCPChallengeACK TCPSYNChallenge ' +
  'TCPFastOpenActive TCPFastOpenActiveFail TCPFastOpenPassive TCPFastOpenPassiveFail TCPFastOpenListenOverflow ' +
  'TCPFastOpenCookieReqd TCPFastOpenBlackhole TCPSpuriousRtxHostQueues BusyPollRxPackets TCPAutoCorking ' +
  'TCPFromZeroWindowAdv TCPToZeroWindowAdv TCPWantZeroWindowAdv TCPSynRetrans TCPOrigDataSent TCPHystartTrainDetect ' +
  'TCPHystartTrainCwnd TCPHystartDelayDetect TCPHystartDelayCwnd TCPACKSkippedSynRecv TCPACKSkippedPAWS ' +
  'TCPACKSkippedSeq TCPACKSkippedFinWait2 TCPACKSkippedTimeWait TCPACKSkippedChallenge TCPWinProbe TCPKeepAlive ' +
  'TCPMTUPFail TCPMTUPSuccess TCPDelivered TCPDeliveredCE TCPAckCompressed TCPZeroWindowDrop TCPRcvQDrop ' +
  'TCPWqueueTooBig TCPFastOpenPassiveAltKey TcpTimeoutRehash TcpDuplicateDataRehash TCPDSACKRecvSegs ' +
  'TCPDSACKIgnoredDubious TCPMigrateReqSuccess TCPMigrateReqFailure TCPPLBRehash TCPAORequired TCPAOBad ' +
  'TCPAOKeyNotFound TCPAOGood TCPAODroppedIcmps'
).split(' ');

export const IPEXT_FIELDS = [
  'InNoRoutes',
  'InTruncatedPkts',
  'InMcastPkts',
  'OutMcastPkts',
  'InBcastPkts',
  'OutBcastPkts',
  'InOctets',
  'OutOctets',
  'InMcastOctets',
  'OutMcastOctets',
  'InBcastOctets',
  'OutBcastOctets',
  'InCsumErrors',
  'InNoECTPkts',
  'InECT1Pkts',
  'InECT0Pkts',
  'InCEPkts',
  'ReasmOverlaps',
] as const;

export const MPTCPEXT_FIELDS = (
  'MPCapableSYNRX MPCapableSYNTX MPCapableSYNACKRX MPCapableACKRX MPCapableFallbackACK MPCapableFallbackSYNACK ' +
  'MPCapableSYNTXDrop MPCapableSYNTXDisabled MPCapableEndpAttempt MPFallbackTokenInit MPTCPRetrans MPJoinNoTokenFound ' +
  'MPJoinSynRx MPJoinSynBackupRx MPJoinSynAckRx MPJoinSynAckBackupRx MPJoinSynAckHMacFailure MPJoinAckRx ' +
  'MPJoinAckHMacFailure MPJoinRejected MPJoinSynTx MPJoinSynTxCreatSkErr MPJoinSynTxBindErr MPJoinSynTxConnectErr ' +
  'DSSNotMatching DSSCorruptionFallback DSSCorruptionReset InfiniteMapTx InfiniteMapRx DSSNoMatchTCP DataCsumErr ' +
  'OFOQueueTail OFOQueue OFOMerge NoDSSInWindow DuplicateData AddAddr AddAddrTx AddAddrTxDrop EchoAdd EchoAddTx ' +
  'EchoAddTxDrop PortAdd AddAddrDrop MPJoinPortSynRx MPJoinPortSynAckRx MPJoinPortAckRx MismatchPortSynRx ' +
  'MismatchPortAckRx RmAddr RmAddrDrop RmAddrTx RmAddrTxDrop RmSubflow MPPrioTx MPPrioRx MPFailTx MPFailRx ' +
  'MPFastcloseTx MPFastcloseRx MPRstTx MPRstRx SubflowStale SubflowRecover SndWndShared RcvWndShared ' +
  'RcvWndConflictUpdate RcvWndConflict MPCurrEstab Blackhole MPCapableDataFallback MD5SigFallback DssFallback ' +
  'SimultConnectFallback FallbackFailed WinProbe'
).split(' ');

export type IpField = (typeof IP_FIELDS)[number];
export type IcmpField = (typeof ICMP_FIELDS)[number];
export type TcpField = (typeof TCP_FIELDS)[number];
export type UdpField = (typeof UDP_FIELDS)[number];
export type IpExtField = (typeof IPEXT_FIELDS)[number];

/** the counters the kernel keeps (Forwarding, DefaultTTL, CurrEstab and Tcp's constants are read from state instead) */
export class SnmpMib {
  readonly ip = new Map<IpField, number>();
  readonly ipExt = new Map<IpExtField, number>();
  /** Icmp's own counters: InMsgs, InErrors, OutMsgs, OutRateLimit* (the per-type ones are icmpIn / icmpOut) */
  readonly icmp = new Map<IcmpField, number>();
  /** IcmpMsg InTypeN / OutTypeN: messages by type */
  readonly icmpIn = new Map<number, number>();
  readonly icmpOut = new Map<number, number>();
  readonly tcp = new Map<TcpField, number>();
  readonly udp = new Map<UdpField, number>();
  readonly tcpExt = new Map<string, number>();
}

function add<K>(m: Map<K, number>, k: K, n: number): void {
  m.set(k, (m.get(k) ?? 0) + n);
}

export function ipInc(mib: SnmpMib, f: IpField, n = 1): void {
  add(mib.ip, f, n);
}
export function ipExtAdd(mib: SnmpMib, f: IpExtField, n = 1): void {
  add(mib.ipExt, f, n);
}
export function icmpInc(mib: SnmpMib, f: IcmpField, n = 1): void {
  add(mib.icmp, f, n);
}
export function tcpInc(mib: SnmpMib, f: TcpField, n = 1): void {
  add(mib.tcp, f, n);
}
export function udpInc(mib: SnmpMib, f: UdpField, n = 1): void {
  add(mib.udp, f, n);
}
export function tcpExtInc(mib: SnmpMib, f: (typeof TCPEXT_FIELDS)[number], n = 1): void {
  add(mib.tcpExt, f, n);
}

/** ICMP_MIB_INMSGS and ICMPMSG_IN (icmp_rcv) */
export function icmpInCount(mib: SnmpMib, type: number): void {
  icmpInc(mib, 'InMsgs');
  add(mib.icmpIn, type, 1);
}

/** icmp_out_count (__ip_make_skb for every ICMP message this namespace makes) */
export function icmpOutCount(mib: SnmpMib, type: number): void {
  icmpInc(mib, 'OutMsgs');
  add(mib.icmpOut, type, 1);
}

/** the value of a counter of the Icmp line: its own, or the IcmpMsg counter of its type */
export function icmpValue(mib: SnmpMib, f: IcmpField): number {
  const dir = f.startsWith('In') ? 'In' : 'Out';
  const rest = f.slice(dir.length);
  for (const [t, name] of Object.entries(ICMP_TYPE_FIELDS)) {
    if (name === rest) return (dir === 'In' ? mib.icmpIn : mib.icmpOut).get(Number(t)) ?? 0;
  }
  return mib.icmp.get(f) ?? 0;
}

/** ECN codepoint of the TOS byte: IpExt InNoECTPkts, InECT1Pkts, InECT0Pkts, InCEPkts (ip_rcv_core) */
const ECN_FIELDS: readonly IpExtField[] = ['InNoECTPkts', 'InECT1Pkts', 'InECT0Pkts', 'InCEPkts'];

/** ip_rcv_core: every IPv4 packet handed to IP (loopback's too), with its length and ECN bits */
export function ipRcvCount(mib: SnmpMib, len: number, tos: number): void {
  ipInc(mib, 'InReceives');
  ipExtAdd(mib, 'InOctets', len);
  ipExtAdd(mib, ECN_FIELDS[tos & 3]!);
}

/** ip_finish_output2: a packet handed to the neighbour layer (or lo), forwarded or made here */
export function ipTransmitCount(mib: SnmpMib, len: number, cast: 'unicast' | 'broadcast' | 'multicast'): void {
  ipInc(mib, 'OutTransmits');
  ipExtAdd(mib, 'OutOctets', len);
  if (cast === 'broadcast') {
    ipExtAdd(mib, 'OutBcastPkts');
    ipExtAdd(mib, 'OutBcastOctets', len);
  } else if (cast === 'multicast') {
    ipExtAdd(mib, 'OutMcastPkts');
    ipExtAdd(mib, 'OutMcastOctets', len);
  }
}

/** a segment TCP sends (tcp_transmit_skb, tcp_v4_send_reset, tcp_v4_send_ack): OutSegs, and OutRsts for a reset */
export function tcpOutCount(mib: SnmpMib, rst: boolean): void {
  tcpInc(mib, 'OutSegs');
  if (rst) tcpInc(mib, 'OutRsts');
}

/**
 * A SYN sent again on the retransmission timer (tcp_retransmit_timer, __tcp_retransmit_skb):
 * TCPTimeouts, RetransSegs and TCPSynRetrans; neither ActiveOpens (tcp_connect counted it once)
 * nor OutSegs (__tcp_transmit_skb counts only segments past snd_nxt)
 */
export function tcpSynRetransCount(mib: SnmpMib): void {
  tcpExtInc(mib, 'TCPTimeouts');
  tcpInc(mib, 'RetransSegs');
  tcpExtInc(mib, 'TCPSynRetrans');
}

/** IGMPv3 membership reports (igmpv3_send_cr): ip_local_out then ip_finish_output2, 40 bytes with the router alert */
export function igmpReportsSent(mib: SnmpMib, n: number): void {
  for (let i = 0; i < n; i++) {
    ipInc(mib, 'OutRequests');
    ipTransmitCount(mib, 40, 'multicast');
  }
}
