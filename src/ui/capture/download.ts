// A capture file handed to the browser as a download: the bytes as they are.

export function downloadBytes(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/vnd.tcpdump.pcap' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** a file name from a probe: "trace-ns1-ping-c-1-203.0.113.5.pcapng" */
export function traceFileName(ns: string, line: string): string {
  const words = `trace ${ns} ${line}`.replace(/[^\w.]+/g, '-').replace(/^-+|-+$/g, '');
  return `${words.slice(0, 80)}.pcapng`;
}
