// `python3 -m http.server` (Python 3.11.2's http.server.SimpleHTTPRequestHandler) as the
// lab runs it: what it answers to one request, and the line it logs for it.
//
// The lab models no files: the directory a server serves (its working directory, or
// --directory D) is empty, as is the fresh directory the recorder runs the real server in.
// So `/` is that directory's listing, with no entries; every other path is 404 "File not
// found". HEAD and GET are served; any other method is 501, as Python answers it.

/** the Server header of Python 3.11.2 (Debian 12) */
export const PYTHON_SERVER_VERSION = 'SimpleHTTP/0.6 Python/3.11.2';

/**
 * The wall-clock time at virtual time 0: what the lab prints as a date (an HTTP Date header,
 * a request log) is this plus the virtual clock.
 */
export const WALL_CLOCK_START_MS = Date.UTC(2026, 11, 7, 16, 40, 0);

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number): string => String(n).padStart(2, '0');

/** email.utils.formatdate(usegmt=True): `Mon, 07 Dec 2026 16:40:01 GMT` */
export function httpDate(nowMs: number): string {
  const d = new Date(WALL_CLOCK_START_MS + nowMs);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} GMT`;
}

/** BaseHTTPRequestHandler.log_date_time_string (the lab's time zone is UTC): `07/Dec/2026 16:40:01` */
export function logDate(nowMs: number): string {
  const d = new Date(WALL_CLOCK_START_MS + nowMs);
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

export interface HttpRequest {
  readonly method: string;
  readonly target: string;
  readonly version: string;
  /** the request line as sent (what the log quotes) */
  readonly line: string;
}

/** the request line of a request's bytes, as parse_request reads it */
export function parseRequest(data: string): HttpRequest | null {
  const line = (data.split('\r\n')[0] ?? '').replace(/\r?\n$/, '');
  const words = line.split(/\s+/).filter(Boolean);
  if (words.length !== 3 || !/^HTTP\/\d+\.\d+$/.test(words[2]!)) return null;
  return { method: words[0]!, target: words[1]!, version: words[2]!, line };
}

export interface HttpAnswer {
  /** the response's bytes: status line, headers, and the body unless HEAD */
  readonly response: string;
  readonly code: number;
  /** what the server writes to its stderr for this request, one entry a line */
  readonly log: readonly string[];
}

/** html.escape(s, quote=False) */
function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** urllib.parse.unquote for the ASCII a request line carries */
function unquote(s: string): string {
  try {
    return decodeURIComponent(s.replace(/%(?![0-9a-fA-F]{2})/g, '%25'));
  } catch {
    return s;
  }
}

/** bytes of a string as UTF-8 (Content-Length counts bytes) */
function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** Python's DEFAULT_ERROR_MESSAGE, filled in */
export function errorPage(code: number, message: string, explain: string): string {
  return `<!DOCTYPE HTML>
<html lang="en">
    <head>
        <meta charset="utf-8">
        <title>Error response</title>
    </head>
    <body>
        <h1>Error response</h1>
        <p>Error code: ${code}</p>
        <p>Message: ${escapeHtml(message)}.</p>
        <p>Error code explanation: ${code} - ${escapeHtml(explain)}.</p>
    </body>
</html>
`;
}

/** SimpleHTTPRequestHandler.list_directory of an empty directory */
export function directoryListing(target: string): string {
  const title = `Directory listing for ${escapeHtml(unquote(target))}`;
  return [
    '<!DOCTYPE HTML>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${title}</title>\n</head>`,
    `<body>\n<h1>${title}</h1>`,
    '<hr>\n<ul>',
    '</ul>\n<hr>\n</body>\n</html>\n',
  ].join('\n');
}

const EXPLAIN: Record<number, [string, string]> = {
  400: ['Bad Request', 'Bad request syntax or unsupported method'],
  404: ['Not Found', 'Nothing matches the given URI'],
  501: ['Not Implemented', 'Server does not support this operation'],
};

/**
 * What the server answers REQUEST from CLIENT at virtual time NOW, and what it logs
 * (`CLIENT - - [DATE] "GET / HTTP/1.1" 200 -`).
 */
export function serveRequest(data: string, client: string, nowMs: number): HttpAnswer {
  const stamp = `${client} - - [${logDate(nowMs)}]`;
  const req = parseRequest(data);
  const head = (code: number, reason: string): string =>
    `HTTP/1.0 ${code} ${reason}\r\nServer: ${PYTHON_SERVER_VERSION}\r\nDate: ${httpDate(nowMs)}\r\n`;
  const error = (code: number, message: string, quoted: string): HttpAnswer => {
    const [, explain] = EXPLAIN[code]!;
    const body = errorPage(code, message, explain);
    const withBody = req?.method !== 'HEAD';
    return {
      response:
        head(code, message) +
        `Connection: close\r\nContent-Type: text/html;charset=utf-8\r\nContent-Length: ${byteLength(body)}\r\n\r\n` +
        (withBody ? body : ''),
      code,
      log: [`${stamp} code ${code}, message ${message}`, `${stamp} "${quoted}" ${code} -`],
    };
  };
  if (!req) {
    const line = (data.split('\r\n')[0] ?? '').trim();
    return error(400, `Bad request syntax (${JSON.stringify(line).slice(1, -1)})`, line);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return error(501, `Unsupported method ('${req.method}')`, req.line);
  const path = req.target.split(/[?#]/)[0] ?? '';
  // translate_path: the words of the normalised path; `.` and `..` name the directory itself
  const words = unquote(path)
    .split('/')
    .filter((w) => w !== '' && w !== '.' && w !== '..');
  if (words.length > 0) return error(404, 'File not found', req.line);
  if (!path.endsWith('/')) {
    const q = req.target.slice(path.length);
    return {
      response: `${head(301, 'Moved Permanently')}Location: ${path}/${q.startsWith('?') ? q.split('#')[0] : ''}\r\nContent-Length: 0\r\n\r\n`,
      code: 301,
      log: [`${stamp} "${req.line}" 301 -`],
    };
  }
  const body = directoryListing(req.target);
  return {
    response: `${head(200, 'OK')}Content-type: text/html; charset=utf-8\r\nContent-Length: ${byteLength(body)}\r\n\r\n${req.method === 'HEAD' ? '' : body}`,
    code: 200,
    log: [`${stamp} "${req.line}" 200 -`],
  };
}
