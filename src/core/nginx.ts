// The nginx image (`nginx:latest` when Docker Engine 29.7.2 came out, 2026-08-05: nginx 1.31.3,
// released 2026-07-15, on Debian trixie) as it answers and logs with its default configuration:
// /etc/nginx/conf.d/default.conf serves /usr/share/nginx/html (index.html, 50x.html) on port 80,
// `sendfile on`, keep-alive (the client closes first), the log_format `main` to /dev/stdout and
// the error log (level notice) to /dev/stderr.
//
// What it writes, write by write, as recorded on a kernel (nginx with the image's nginx.conf in
// a namespace): a file's headers in one write and its body by sendfile in another (two
// segments); an error page, kept in memory, headers and body in one.

import { httpDate, WALL_CLOCK_START_MS } from './http-server.ts';

export const NGINX_VERSION = '1.31.3';

/** the workers' pids: the entrypoint's shell scripts used the pids before them (two CPUs, two workers) */
export const NGINX_WORKER_PIDS = [29, 30] as const;

/**
 * The workers' pids when the container starts again (docker start, docker restart): a new PID
 * namespace counts from 1 again, and 10-listen-on-ipv6-by-default.sh finds `listen [::]:80`
 * already in default.conf (the container's layer kept its edit) and exits before the seven
 * processes of its checksum and sed (the command substitution's subshell, dpkg-query, grep,
 * cut, the pipe's echo, md5sum, sed).
 */
export const NGINX_WORKER_PIDS_AGAIN = [22, 23] as const;

/** docs/html/index.html of nginx 1.31.3 (896 bytes) */
export const WELCOME_PAGE = [
  '<!DOCTYPE html>',
  '<html>',
  '<head>',
  '<title>Welcome to nginx!</title>',
  '<style>',
  'html { color-scheme: light dark; }',
  'body { width: 35em; margin: 0 auto;',
  'font-family: Tahoma, Verdana, Arial, sans-serif; }',
  '</style>',
  '</head>',
  '<body>',
  '<h1>Welcome to nginx!</h1>',
  '<p>If you see this page, nginx is successfully installed and working.',
  'Further configuration is required for the web server, reverse proxy, ',
  'API gateway, load balancer, content cache, or other features.</p>',
  '',
  '<p>For online documentation and support please refer to',
  '<a href="https://nginx.org/">nginx.org</a>.<br/>',
  'To engage with the community please visit',
  '<a href="https://community.nginx.org/">community.nginx.org</a>.<br/>',
  'For enterprise grade support, professional services, additional ',
  'security features and capabilities please refer to',
  '<a href="https://f5.com/nginx">f5.com/nginx</a>.</p>',
  '',
  '<p><em>Thank you for using nginx.</em></p>',
  '</body>',
  '</html>',
]
  .map((l) => `${l}\n`)
  .join('');

/** docs/html/50x.html of nginx 1.31.3 */
export const ERROR_50X_PAGE = [
  '<!DOCTYPE html>',
  '<html>',
  '<head>',
  '<title>Error</title>',
  '<style>',
  'html { color-scheme: light dark; }',
  'body { width: 35em; margin: 0 auto;',
  'font-family: Tahoma, Verdana, Arial, sans-serif; }',
  '</style>',
  '</head>',
  '<body>',
  '<h1>An error occurred.</h1>',
  '<p>Sorry, the page you are looking for is currently unavailable.<br/>',
  'Please try again later.</p>',
  '<p>If you are the system administrator of this resource then you should check',
  'the error log for details.</p>',
  '<p><em>Faithfully yours, nginx.</em></p>',
  '</body>',
  '</html>',
]
  .map((l) => `${l}\n`)
  .join('');

/** the files' mtime in the image: the package's build of the release (Last-Modified, ETag) */
const FILES_MTIME_MS = Date.UTC(2026, 6, 15, 16, 3, 14);

const FILES: Readonly<Record<string, string>> = { '/index.html': WELCOME_PAGE, '/50x.html': ERROR_50X_PAGE };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number): string => String(n).padStart(2, '0');

/** $time_local (the image's time zone is UTC): `07/Dec/2026:19:40:01 +0000` */
export function timeLocal(nowMs: number): string {
  const d = new Date(WALL_CLOCK_START_MS + nowMs);
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** the error log's time: `2026/12/07 19:40:01` */
export function errorLogTime(nowMs: number): string {
  const d = new Date(WALL_CLOCK_START_MS + nowMs);
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** one write of a process to its stdout or stderr, at a virtual time (docker logs keeps them in order) */
export interface ProcessOutput {
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
  /** virtual-clock ms of the write */
  readonly time: number;
}

/**
 * What docker-entrypoint.sh and its scripts in /docker-entrypoint.d/ print (stdout) before
 * they exec nginx. AGAIN: a later start of the same container, whose default.conf already
 * listens on [::]:80.
 */
export function nginxEntrypoint(nowMs: number, again = false): ProcessOutput {
  const e = '/docker-entrypoint.sh';
  const d = '/docker-entrypoint.d';
  const ipv6 = '10-listen-on-ipv6-by-default.sh';
  const lines = [
    `${e}: ${d}/ is not empty, will attempt to perform configuration`,
    `${e}: Looking for shell scripts in ${d}/`,
    `${e}: Launching ${d}/${ipv6}`,
    ...(again
      ? [`${ipv6}: info: IPv6 listen already enabled`]
      : [
          `${ipv6}: info: Getting the checksum of /etc/nginx/conf.d/default.conf`,
          `${ipv6}: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf`,
        ]),
    `${e}: Sourcing ${d}/15-local-resolvers.envsh`,
    `${e}: Launching ${d}/20-envsubst-on-templates.sh`,
    `${e}: Launching ${d}/30-tune-worker-processes.sh`,
    `${e}: Configuration complete; ready for start up`,
  ];
  return { stream: 'stdout', text: lines.map((l) => `${l}\n`).join(''), time: nowMs };
}

/**
 * What the container prints as it starts: the entrypoint's lines (stdout), then nginx's notices
 * (the error log, stderr). AGAIN: a later start of the same container (new workers' pids).
 */
export function nginxStartup(nowMs: number, again = false): ProcessOutput[] {
  const t = errorLogTime(nowMs);
  const notice = (s: string): string => `${t} [notice] 1#1: ${s}`;
  const stderr = [
    notice('using the "epoll" event method'),
    notice(`nginx/${NGINX_VERSION}`),
    // NGX_COMPILER as configure took it from `gcc -v`, trailing space included
    notice('built by gcc 14.2.0 (Debian 14.2.0-19) '),
    notice('OS: Linux netlab'),
    // containerd 2's default for a container: systemd's soft and hard limits
    notice('getrlimit(RLIMIT_NOFILE): 1024:524288'),
    notice('start worker processes'),
    ...nginxWorkers(again).map((pid) => notice(`start worker process ${pid}`)),
  ];
  return [nginxEntrypoint(nowMs, again), { stream: 'stderr', text: stderr.map((l) => `${l}\n`).join(''), time: nowMs }];
}

/** the workers' pids of a first start, or of a later one */
export function nginxWorkers(again: boolean): readonly number[] {
  return again ? NGINX_WORKER_PIDS_AGAIN : NGINX_WORKER_PIDS;
}

/** the signals nginx's master has handlers for (ngx_signals), by number */
const SIGNAL_NAMES: Readonly<Record<number, string>> = {
  1: 'SIGHUP',
  2: 'SIGINT',
  3: 'SIGQUIT',
  10: 'SIGUSR1',
  12: 'SIGUSR2',
  15: 'SIGTERM',
  28: 'SIGWINCH',
};

/**
 * What nginx logs when its master (PID 1) gets SIG from outside its PID namespace (docker
 * stop, docker kill: the sender has no pid there, so no `from`), and the status it exits
 * with; null: a signal it does not end on. SIGQUIT (the image's STOPSIGNAL) is the graceful
 * shutdown: the master tells its workers over their channel, each finishes and exits, the
 * master reaps them (SIGCHLD, and a SIGIO as their channels close) and exits. SIGTERM and
 * SIGINT are the fast one: the workers exit at once. SIGWINCH only matters to a daemonized
 * nginx: it is logged and nothing else happens (ngx_signal_handler, ngx_master_process_cycle).
 */
export function nginxSignal(
  nowMs: number,
  sig: number,
  workers: readonly number[],
): { readonly output: ProcessOutput; readonly status: number | null } | null {
  const name = SIGNAL_NAMES[sig];
  if (name === undefined) return null;
  const t = errorLogTime(nowMs);
  const notice = (pid: number, s: string): string => `${t} [notice] ${pid}#${pid}: ${s}\n`;
  const out = (text: string, status: number | null) => ({ output: { stream: 'stderr' as const, text, time: nowMs }, status });
  if (sig === 28) return out(notice(1, `signal ${sig} (${name}) received`), null);
  if (sig !== 3 && sig !== 15 && sig !== 2) return null;
  const graceful = sig === 3;
  const [first, ...rest] = [...workers].reverse();
  const reaped = (pid: number): string =>
    notice(1, `signal 17 (SIGCHLD) received from ${pid}`) + notice(1, `worker process ${pid} exited with code 0`);
  const text = [
    notice(1, `signal ${sig} (${name}) received, ${graceful ? 'shutting down' : 'exiting'}`),
    ...(graceful ? workers.map((p) => notice(p, 'gracefully shutting down')) : []),
    ...workers.map((p) => notice(p, 'exiting')),
    ...workers.map((p) => notice(p, 'exit')),
    first === undefined ? '' : reaped(first),
    ...rest.map((p) => notice(1, 'signal 29 (SIGIO) received') + reaped(p)),
    notice(1, 'exit'),
  ].join('');
  return out(text, 0);
}

/** ngx_open_listening_sockets' tries: five, 500 ms apart */
export const NGINX_BIND_TRIES = 5;
export const NGINX_BIND_RETRY_MS = 500;

/**
 * nginx cannot bind its listening sockets (another socket holds the port): each try logs
 * each address that failed, to its error log and (an emerg) to stderr as well, and says it
 * tries again 500 ms later; after five it gives up and exits 1. ADDRS: the sockets that fail
 * (`0.0.0.0:80`, `[::]:80`). The writes come at their times; the process ends at the last.
 */
export function nginxBindFailure(nowMs: number, addrs: readonly string[]): { readonly output: ProcessOutput[]; readonly endsAt: number } {
  const output: ProcessOutput[] = [];
  const emerg = (at: number, s: string): string => `${errorLogTime(at)} [emerg] 1#1: ${s}\nnginx: [emerg] ${s}\n`;
  let at = nowMs;
  for (let i = 0; i < NGINX_BIND_TRIES; i++) {
    const failed = addrs.map((a) => emerg(at, `bind() to ${a} failed (98: Address already in use)`)).join('');
    output.push({ stream: 'stderr', text: `${failed}${errorLogTime(at)} [notice] 1#1: try again to bind() after 500ms\n`, time: at });
    at += NGINX_BIND_RETRY_MS;
  }
  output.push({ stream: 'stderr', text: emerg(at, 'still could not bind()'), time: at });
  return { output, endsAt: at };
}

export interface NginxRequest {
  readonly method: string;
  readonly uri: string;
  readonly version: string;
  /** the request line as received ($request) */
  readonly line: string;
  /** header fields, names lower-cased */
  readonly headers: ReadonlyMap<string, string>;
}

/** ngx_http_parse_request_line, as far as a request line of three words goes */
function parseRequest(data: string): NginxRequest | null {
  const end = data.indexOf('\r\n');
  const line = end < 0 ? data : data.slice(0, end);
  const m = /^([A-Z_-]+) (\/\S*) HTTP\/(\d)\.(\d)$/.exec(line);
  if (!m) return null;
  const headers = new Map<string, string>();
  for (const h of data.slice(end + 2).split('\r\n')) {
    const i = h.indexOf(':');
    if (i > 0) headers.set(h.slice(0, i).toLowerCase(), h.slice(i + 1).trim());
  }
  return { method: m[1]!, uri: m[2]!, version: `HTTP/${m[3]}.${m[4]}`, line, headers };
}

/** ngx_escape_string's NGX_ESCAPE_LOG: what the access log writes of a byte it would not print */
function escapeLog(s: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) {
    out +=
      b < 0x20 || b > 0x7e || b === 0x22 || b === 0x5c ? `\\x${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b);
  }
  return out;
}

const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Not Allowed',
};

/** ngx_http_special_response.c: an error page and ngx_http_error_tail */
export function nginxErrorPage(code: number): string {
  const title = `${code} ${REASONS[code]}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/${NGINX_VERSION}</center>\r\n</body>\r\n</html>\r\n`;
}

const bytes = (s: string): number => new TextEncoder().encode(s).length;

/** an HTTP server's answer to one request */
export interface HttpServerAnswer {
  readonly code: number;
  /** the answer write by write: each leaves as a segment of its own */
  readonly writes: readonly string[];
  /** the server closes the connection after the answer (else it keeps it for the client's next request) */
  readonly close: boolean;
  /** the access log's line (stdout) and the error log's (stderr) */
  readonly output: readonly ProcessOutput[];
}

/**
 * What nginx answers REQUEST from CLIENT at virtual time NOW on its connection number CONN
 * (the error log's `*N`), and what it logs.
 */
export function nginxServe(
  data: string,
  client: string,
  nowMs: number,
  conn: number,
  worker: number = NGINX_WORKER_PIDS[0],
): HttpServerAnswer {
  const req = parseRequest(data);
  const head = (code: number, fields: string[]): string =>
    [`HTTP/1.1 ${code} ${REASONS[code]}`, `Server: nginx/${NGINX_VERSION}`, `Date: ${httpDate(nowMs)}`, ...fields, '', ''].join('\r\n');
  // HTTP/1.1 keeps the connection unless the client said close; HTTP/1.0 only if it asked
  const asked = req?.headers.get('connection')?.toLowerCase();
  const keepAlive = req?.version === 'HTTP/1.1' ? asked !== 'close' : asked === 'keep-alive';
  const access = (code: number, sent: number): ProcessOutput => {
    const h = (n: string): string => (req?.headers.get(n) !== undefined ? escapeLog(req.headers.get(n)!) : '-');
    const request = req ? escapeLog(req.line) : escapeLog((data.split('\r\n')[0] ?? '').trim());
    return {
      stream: 'stdout',
      time: nowMs,
      text: `${client} - - [${timeLocal(nowMs)}] "${request}" ${code} ${sent} "${h('referer')}" "${h('user-agent')}" "${h('x-forwarded-for')}"\n`,
    };
  };
  const error = (code: number, extra: ProcessOutput[] = []): HttpServerAnswer => {
    const body = nginxErrorPage(code);
    const close = code === 400 || !keepAlive;
    const fields = ['Content-Type: text/html', `Content-Length: ${bytes(body)}`, `Connection: ${close ? 'close' : 'keep-alive'}`];
    const withBody = req?.method !== 'HEAD';
    return {
      code,
      writes: [head(code, fields) + (withBody ? body : '')],
      close,
      output: [...extra, access(code, withBody ? bytes(body) : 0)],
    };
  };
  if (!req) return error(400);
  // the URI's path: the query goes, `.` and `..` segments resolve (ngx_http_parse_complex_uri)
  const raw = req.uri.split('?')[0] ?? '/';
  const segs: string[] = [];
  for (const s of decodeURIComponentSafe(raw).split('/').slice(1)) {
    if (s === '..') segs.pop();
    else if (s !== '.') segs.push(s);
  }
  const path = `/${segs.join('/')}`;
  // location /: `index index.html` serves the directory's index (an internal redirect)
  const file = path === '/' ? '/index.html' : path;
  const content = FILES[file];
  if (content === undefined) {
    const host = req.headers.get('host');
    const open: ProcessOutput = {
      stream: 'stderr',
      time: nowMs,
      text: `${errorLogTime(nowMs)} [error] ${worker}#${worker}: *${conn} open() "/usr/share/nginx/html${path}" failed (2: No such file or directory), client: ${client}, server: localhost, request: "${escapeLog(req.line)}"${host !== undefined ? `, host: "${escapeLog(host)}"` : ''}\n`,
    };
    return error(404, [open]);
  }
  // the static module serves GET and HEAD; any other method of a file is 405
  if (req.method !== 'GET' && req.method !== 'HEAD') return error(405);
  const mtime = Math.floor(FILES_MTIME_MS / 1000);
  const fields = [
    'Content-Type: text/html',
    `Content-Length: ${bytes(content)}`,
    `Last-Modified: ${httpDate(FILES_MTIME_MS - WALL_CLOCK_START_MS)}`,
    `Connection: ${keepAlive ? 'keep-alive' : 'close'}`,
    `ETag: "${mtime.toString(16)}-${bytes(content).toString(16)}"`,
    'Accept-Ranges: bytes',
  ];
  const headers = head(200, fields);
  const get = req.method === 'GET';
  return {
    code: 200,
    // sendfile: the headers written first, the file's bytes after them
    writes: get ? [headers, content] : [headers],
    close: !keepAlive,
    output: [access(200, get ? bytes(content) : 0)],
  };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
