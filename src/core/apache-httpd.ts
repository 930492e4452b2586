// The httpd image (`httpd:latest` when Docker Engine 29.7.2 came out, 2026-08-05: Apache httpd
// 2.4.68 on Debian trixie, httpd-foreground) as it answers and logs with the image's httpd.conf:
// htdocs holds index.html ("It works!"), KeepAlive On (the client closes first), the `common`
// access log to /proc/self/fd/1 and the error log (LogLevel warn) to /proc/self/fd/2.
//
// A small file leaves with its headers in one write (the file is mmapped and written with the
// headers); an error page is one write too.

import { httpDate, WALL_CLOCK_START_MS } from './http-server.ts';
import { type HttpServerAnswer, type ProcessOutput, timeLocal } from './nginx.ts';

export const HTTPD_VERSION = '2.4.68';

/** docs/docroot/index.html, unchanged since 2007 */
export const IT_WORKS_PAGE = '<html><body><h1>It works!</h1></body></html>\n';

/** its mtime in the release tarball (Last-Modified; the ETag counts it in microseconds) */
const INDEX_MTIME_MS = Date.UTC(2007, 5, 11, 18, 53, 14);

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number): string => String(n).padStart(2, '0');

/** the error log's time: `Mon Dec 07 16:40:00.000000 2026` */
function errorLogTime(nowMs: number): string {
  const d = new Date(WALL_CLOCK_START_MS + nowMs);
  const us = String(d.getUTCMilliseconds() * 1000).padStart(6, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${us} ${d.getUTCFullYear()}`;
}

/**
 * What httpd prints as it starts: it cannot name the server (no ServerName) and says which
 * address it took instead (the container's hostname resolves to ADDRESS), twice (the config is
 * read twice); then the MPM's notices.
 */
export function httpdStartup(nowMs: number, address: string): ProcessOutput[] {
  const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${address}. Set the 'ServerName' directive globally to suppress this message\n`;
  const t = errorLogTime(nowMs);
  return [
    {
      stream: 'stderr',
      time: nowMs,
      text: `${fqdn}${fqdn}[${t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${HTTPD_VERSION} (Unix) configured -- resuming normal operations\n[${t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'\n`,
    },
  ];
}

/**
 * httpd cannot bind its listening sockets: the config was read once (one AH00558), the
 * sockets it could not make are named (ap_setup_listeners: `[::]` then `0.0.0.0`), no
 * listener is left, opening the logs fails and httpd exits 1 at once (no retries).
 */
export function httpdBindFailure(nowMs: number, address: string, addrs: readonly string[]): ProcessOutput {
  const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${address}. Set the 'ServerName' directive globally to suppress this message\n`;
  const socks = addrs.map((a) => `(98)Address already in use: AH00072: make_sock: could not bind to address ${a}\n`).join('');
  return {
    stream: 'stderr',
    time: nowMs,
    text: `${fqdn}${socks}no listening sockets available, shutting down\nAH00015: Unable to open logs\n`,
  };
}

/**
 * What httpd logs when PID 1 gets SIG, and the status it ends with (null: it does not end).
 * SIGWINCH (the image's STOPSIGNAL) is the graceful stop (AH00492), SIGTERM and SIGINT the
 * immediate one (AH00491); both are notices, which the error log keeps at any LogLevel.
 */
export function httpdSignal(nowMs: number, sig: number): { readonly output: ProcessOutput; readonly status: number } | null {
  const t = errorLogTime(nowMs);
  const say = (s: string) => ({
    output: { stream: 'stderr' as const, time: nowMs, text: `[${t}] [mpm_event:notice] [pid 1:tid 1] ${s}\n` },
    status: 0,
  });
  if (sig === 28) return say('AH00492: caught SIGWINCH, shutting down gracefully');
  if (sig === 15 || sig === 2) return say('AH00491: caught SIGTERM, shutting down');
  return null;
}

const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
};

/** ap_send_error_response with ServerSignature off */
export function httpdErrorPage(code: number, method: string): string {
  const canned: Record<number, string> = {
    400: '<p>Your browser sent a request that this server could not understand.<br />\n</p>\n',
    404: '<p>The requested URL was not found on this server.</p>\n',
    405: `<p>The requested method ${method} is not allowed for this URL.</p>\n`,
  };
  return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${code} ${REASONS[code]}</title>\n</head><body>\n<h1>${REASONS[code]}</h1>\n${canned[code]}</body></html>\n`;
}

const bytes = (s: string): number => new TextEncoder().encode(s).length;

/** what httpd answers REQUEST from CLIENT at virtual time NOW, and its `common` log line */
export function httpdServe(data: string, client: string, nowMs: number): HttpServerAnswer {
  const end = data.indexOf('\r\n');
  const line = end < 0 ? data : data.slice(0, end);
  const m = /^([A-Z]+) (\/\S*) HTTP\/1\.[01]$/.exec(line);
  const head = (code: number, fields: string[]): string =>
    [`HTTP/1.1 ${code} ${REASONS[code]}`, `Date: ${httpDate(nowMs)}`, `Server: Apache/${HTTPD_VERSION} (Unix)`, ...fields, '', ''].join(
      '\r\n',
    );
  const log = (code: number, sent: number): ProcessOutput => ({
    stream: 'stdout',
    time: nowMs,
    text: `${client} - - [${timeLocal(nowMs)}] "${line.replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}" ${code} ${sent > 0 ? sent : '-'}\n`,
  });
  const method = m?.[1] ?? '';
  // ap_set_keepalive: HTTP/1.1 keeps the connection unless the client said close (and then
  // says close too); HTTP/1.0 is closed unless it asked for keep-alive
  const asked = /\r\nConnection: *([^\r]*)/i.exec(data)?.[1]?.trim().toLowerCase();
  const http11 = m !== null && line.endsWith('HTTP/1.1');
  const keep = m !== null && (http11 ? asked !== 'close' : asked === 'keep-alive');
  const connection = keep ? (http11 ? [] : ['Keep-Alive: timeout=5, max=100', 'Connection: Keep-Alive']) : ['Connection: close'];
  const error = (code: number, extra: string[] = []): HttpServerAnswer => {
    const body = httpdErrorPage(code, method);
    const close = !keep;
    const withBody = method !== 'HEAD';
    return {
      code,
      writes: [
        head(code, [
          ...extra,
          `Content-Length: ${bytes(body)}`,
          ...(close ? ['Connection: close'] : []),
          'Content-Type: text/html; charset=iso-8859-1',
        ]) + (withBody ? body : ''),
      ],
      close,
      output: [log(code, withBody ? bytes(body) : 0)],
    };
  };
  if (!m) return error(400);
  const path = (m[2]!.split('?')[0] ?? '/').replace(/\/+/g, '/');
  if (path !== '/' && path !== '/index.html') return error(404);
  if (method !== 'GET' && method !== 'HEAD') return error(405, ['Allow: POST,OPTIONS,HEAD,GET,TRACE']);
  const size = bytes(IT_WORKS_PAGE);
  const get = method === 'GET';
  const headers = head(200, [
    `Last-Modified: ${httpDate(INDEX_MTIME_MS - WALL_CLOCK_START_MS)}`,
    `ETag: "${size.toString(16)}-${(INDEX_MTIME_MS * 1000).toString(16)}"`,
    'Accept-Ranges: bytes',
    `Content-Length: ${size}`,
    ...connection,
    'Content-Type: text/html',
  ]);
  return { code: 200, writes: [headers + (get ? IT_WORKS_PAGE : '')], close: !keep, output: [log(200, get ? size : 0)] };
}
