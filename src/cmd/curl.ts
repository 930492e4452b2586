// curl 7.88.1 (Debian 12) in a terminal: one HTTP/1.1 request per URL, the response's body on
// stdout, and -v / -I / -i / -s / -S / -o / -w / -m / --connect-timeout / -H / -X / -L / -f as
// curl prints them, with its exit codes and error lines.
//
// What a terminal shows depends on whether stdout is one: a body written elsewhere (-o, or a
// pipe as when the recorder runs curl) brings the progress meter to stderr (unless -s) and
// `{ [N bytes data]` to -v's trace. The lab's terminal is a terminal; a replay is not.

import type { Timeline } from './timeline.ts';
import { formatIpv4 } from '../core/addr.ts';
import { routeOutput } from '../core/ip/route-io.ts';
import type { Netns } from '../core/netns.ts';
import { curl, type CurlOutcome } from '../core/probe.ts';
import type { World } from '../core/world.ts';
import { type CurlArgs, parseCurlArgs } from './curl-args.ts';
import { CmdError, type ExecResult } from './result.ts';

export interface CurlRun extends ExecResult {
  /** the first URL's outcome, for the probe record */
  readonly outcome: CurlOutcome | null;
  readonly url: string;
}

interface Target {
  readonly scheme: string;
  readonly hostText: string;
  readonly port: number;
  /** the path and query, dot segments removed */
  readonly path: string;
}

/** RFC 3986 remove_dot_segments, as curl applies it to a URL's path */
function removeDots(path: string): string {
  const out: string[] = [];
  const parts = path.split('/');
  parts.forEach((seg, i) => {
    if (seg === '.') {
      if (i === parts.length - 1) out.push('');
    } else if (seg === '..') {
      if (out.length > 1) out.pop();
      if (i === parts.length - 1) out.push('');
    } else out.push(seg);
  });
  const s = out.join('/');
  return s.startsWith('/') ? s : `/${s}`;
}

const BAD_URL = 'curl: (3) URL using bad/illegal format or missing URL';

function parseTarget(url: string): Target {
  const m = /^(?:([a-zA-Z][\w+.-]*):\/\/)?([^/:?#]*)(?::([^/?#]*))?([^?#]*)(\?[^#]*)?/.exec(url);
  if (!m?.[2]) throw new CmdError(BAD_URL, 3);
  const scheme = (m[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') throw new CmdError(`curl: (1) Protocol "${scheme}" not supported or disabled in libcurl`, 1);
  if (m[3] !== undefined && m[3] !== '' && !/^\d+$/.test(m[3])) throw new CmdError(BAD_URL, 3);
  const dflt = scheme === 'https' ? 443 : 80;
  const port = m[3] ? Number(m[3]) : dflt;
  if (port > 65535) throw new CmdError(BAD_URL, 3);
  return { scheme, hostText: m[2].toLowerCase(), port, path: removeDots(m[4] || '/') + (m[5] ?? '') };
}

/** the request's header lines: curl's own, then -H's (a -H of the same name replaces, `Name:` removes) */
function requestHeaders(a: CurlArgs, t: Target): string[] {
  const host = `${t.hostText}${t.port !== (t.scheme === 'https' ? 443 : 80) ? `:${t.port}` : ''}`;
  const lines: Array<[string, string | null]> = [
    ['Host', host],
    ['User-Agent', 'curl/7.88.1'],
    ['Accept', '*/*'],
  ];
  for (const h of a.headers) {
    const i = h.indexOf(':');
    if (i <= 0) continue;
    const name = h.slice(0, i);
    const value = h.slice(i + 1).trim();
    const k = lines.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
    if (k >= 0) lines[k] = [lines[k]![0] === name ? name : name, value === '' ? null : value];
    else if (value !== '') lines.push([name, value]);
  }
  return lines.filter(([, v]) => v !== null).map(([n, v]) => `${n}: ${v}`);
}

const ERRNO_TEXT: Record<string, string> = {
  refused: 'Connection refused',
  'no-route': 'No route to host',
  'net-unreachable': 'Network is unreachable',
  'operation-not-permitted': 'Operation not permitted',
};

/** the progress meter's heading and first state, as curl draws it when the body does not go to a terminal */
const METER_START =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
  '\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0';

/** the meter's last state: TOTAL bytes received of TOTAL */
function meterEnd(total: number): string {
  const n = String(total).padStart(5);
  const pct = total ? '100' : '  0';
  return `\r${pct} ${n}  ${pct} ${n}    0     0      0      0 --:--:-- --:--:-- --:--:--     0\n`;
}

interface Fetched {
  readonly outcome: CurlOutcome;
  readonly ip: string;
  readonly local: string;
  readonly sport: number;
  readonly request: string;
  readonly immediate: boolean;
  /** how long the connect took on the clock (its SYNs' retransmissions, ARP giving up) */
  readonly waitedMs: number;
}

/** one connection and request; the clock moves by what it took */
function fetch(w: World, ns: Netns, ip: number, t: Target, request: string, connectTimeoutMs: number | undefined): Fetched {
  const rt = routeOutput(ns, ip, null, null);
  const start = w.clock.now();
  const outcome = curl(w, ns, { host: ip, port: t.port, path: t.path, hostText: t.hostText, request }, connectTimeoutMs);
  return {
    waitedMs: w.clock.now() - start,
    outcome,
    ip: formatIpv4(ip),
    local: rt.ok ? formatIpv4(rt.src) : '0.0.0.0',
    sport: outcome.result === 'ok' ? outcome.sport : 0,
    request,
    immediate: !rt.ok,
  };
}

/** `-w` FORMAT with the transfer's variables */
function writeOut(fmt: string, vars: Record<string, string>): { out: string; err: string } {
  let out = '';
  let err = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c === '%' && fmt[i + 1] === '%') {
      out += '%';
      i++;
    } else if (c === '%' && fmt[i + 1] === '{') {
      const end = fmt.indexOf('}', i);
      if (end < 0) {
        out += c;
        continue;
      }
      const name = fmt.slice(i + 2, end);
      if (name in vars) out += vars[name];
      else err += `curl: unknown --write-out variable: '${name}'\n`;
      i = end;
    } else if (c === '\\' && 'nrt'.includes(fmt[i + 1] ?? '')) {
      out += { n: '\n', r: '\r', t: '\t' }[fmt[i + 1] as 'n' | 'r' | 't'];
      i++;
    } else out += c;
  }
  return { out, err };
}

/**
 * Run curl ARGS in NS. TTY: stdout is the terminal (the lab's terminal), so a body printed there
 * brings no progress meter; -v's trace and the body then come in the order curl writes them.
 */
export function curlTerminal(
  w: World,
  ns: Netns,
  argv: readonly string[],
  resolve: (host: string) => number | null,
  tty: boolean,
  gapMs: number,
): CurlRun {
  const a = parseCurlArgs(argv);
  if (a.output !== undefined && a.output !== '/dev/null' && a.output !== '-')
    throw new CmdError(`netlab: curl -o writes to /dev/null or - here (the lab has no files to write ${a.output} to)`, 2);
  const t0 = w.clock.now();
  // each write with the moment curl makes it: a timeout's message comes when the wait ends
  const parts: Array<{ fd: 1 | 2; text: string; at: number }> = [];
  const say = (fd: 1 | 2, text: string, at = w.clock.now() - t0): void => {
    if (text) parts.push({ fd, text, at });
  };
  const toTerminal = tty && (a.output === undefined || a.output === '-');
  const discard = a.output === '/dev/null';
  const showMeter = !a.silent && !toTerminal;
  const errors = !a.silent || a.showError;
  let status = 0;
  let first: CurlOutcome | null = null;
  const firstUrl = a.urls[0]!;
  // the connect's own limit: --connect-timeout, within -m's for the whole transfer
  const limits = [a.connectTimeout, a.maxTime].filter((x) => x !== undefined).map((x) => x * 1000);
  const connectLimitMs = limits.length ? Math.min(...limits) : undefined;
  for (const url of a.urls) {
    let t = parseTarget(url);
    const ip = resolve(t.hostText);
    if (ip === null) {
      status = 6;
      if (errors) say(2, `curl: (6) Could not resolve host: ${t.hostText}\n`);
      continue;
    }
    let version = '1.1';
    let redirects = 0;
    for (;;) {
      const method = a.method ?? (a.head ? 'HEAD' : 'GET');
      const head = [`${method} ${t.path} HTTP/${version}`, ...requestHeaders(a, t)];
      // https: the TLS ClientHello's first bytes, which an HTTP server reads as a bad request line
      const request =
        t.scheme === 'https' ? '\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003' : `${head.join('\r\n')}\r\n\r\n`;
      // what curl prints before connecting is on the screen while the connect waits
      const connectAt = w.clock.now() - t0;
      const f = fetch(w, ns, ip, t, request, connectLimitMs);
      first ??= f.outcome;
      const r = f.outcome;
      const vars: Record<string, string> = {
        http_code: '000',
        response_code: '0',
        remote_ip: f.ip,
        remote_port: String(t.port),
        local_ip: r.result === 'ok' ? f.local : '',
        local_port: String(f.sport),
        size_download: '0',
        size_header: '0',
        size_request: '0',
        content_type: '',
        url_effective: url,
        num_connects: r.result === 'ok' ? '1' : '0',
        num_redirects: String(redirects),
        redirect_url: '',
        method,
        http_version: '0',
        scheme: t.scheme.toUpperCase(),
        exitcode: '0',
        errormsg: '',
      };
      if (showMeter && redirects === 0) say(2, METER_START, connectAt);
      if (a.verbose) say(2, `*   Trying ${f.ip}:${t.port}...\n`, connectAt);
      if (r.result === 'timeout' && r.connected) {
        // connected, the request sent, and nothing comes back (a frozen server): only -m ends the wait
        if (a.verbose)
          say(2, `* Connected to ${t.hostText} (${f.ip}) port ${t.port} (#0)\n${head.map((l) => `> ${l}\r\n`).join('')}> \r\n`);
        if (a.maxTime === undefined) {
          status = 1;
          say(2, `netlab: curl waits for ever for an answer that does not come (the server's process does not run): give -m SECONDS\n`);
          break;
        }
        const spent = a.maxTime * 1000 + 1;
        w.clock.advance(spent);
        status = 28;
        const msg = `Operation timed out after ${spent} milliseconds with 0 bytes received`;
        if (a.verbose) say(2, `* ${msg}\n`);
        if (showMeter) say(2, meterEnd(0));
        if (a.verbose) say(2, '* Closing connection 0\n');
        if (a.writeOut !== undefined) {
          const wo = writeOut(a.writeOut, { ...vars, num_connects: '1', exitcode: String(status), errormsg: msg });
          say(2, wo.err);
          say(1, wo.out);
        }
        if (errors) say(2, `curl: (${status}) ${msg}\n`);
        break;
      }
      if (r.result !== 'ok') {
        // curl's own limit ran out, or the kernel gave up after tcp_syn_retries (ETIMEDOUT)
        const gaveUp = r.result === 'timeout' && r.gaveUp === true;
        const timeout = r.result === 'timeout' && !gaveUp;
        const spent = f.waitedMs + (r.result === 'timeout' ? 1 : 0);
        w.clock.advance(spent - f.waitedMs);
        let msg: string;
        if (timeout && a.maxTime !== undefined && (a.connectTimeout === undefined || a.maxTime <= a.connectTimeout)) {
          status = 28;
          msg = `Connection timed out after ${spent} milliseconds`;
          if (a.verbose) say(2, `* ${msg}\n`);
        } else if (timeout) {
          status = 28;
          msg = `Failed to connect to ${t.hostText} port ${t.port} after ${spent} ms: Timeout was reached`;
          if (a.verbose) say(2, `* ipv4 connect timeout after ${spent - 1}ms, move on!\n* ${msg}\n`);
        } else {
          // connect()'s ETIMEDOUT is curl's CURLE_OPERATION_TIMEDOUT too, in connect's own words
          status = gaveUp ? 28 : 7;
          const why = gaveUp ? 'Connection timed out' : (ERRNO_TEXT[r.result] ?? 'Connection refused');
          msg = `Failed to connect to ${t.hostText} port ${t.port} after ${spent} ms: Couldn't connect to server`;
          if (a.verbose)
            say(
              2,
              f.immediate || r.result === 'operation-not-permitted'
                ? `* Immediate connect fail for ${f.ip}: ${why}\n`
                : `* connect to ${f.ip} port ${t.port} failed: ${why}\n`,
            );
          if (a.verbose) say(2, `* ${msg}\n`);
        }
        if (showMeter && !(a.verbose && status === 28 && a.maxTime !== undefined)) say(2, meterEnd(0));
        if (a.verbose) say(2, '* Closing connection 0\n');
        if (a.writeOut !== undefined) {
          const wo = writeOut(a.writeOut, { ...vars, exitcode: String(status), errormsg: msg });
          say(2, wo.err);
          say(1, wo.out);
        }
        if (errors) say(2, `curl: (${status}) ${msg}\n`);
        break;
      }
      if (a.verbose) say(2, `* Connected to ${t.hostText} (${f.ip}) port ${t.port} (#0)\n`);
      if (t.scheme === 'https') {
        // what comes back is no TLS record: OpenSSL reads its first bytes as a protocol version
        status = 35;
        if (showMeter) say(2, meterEnd(0));
        if (a.verbose) say(2, '* Closing connection 0\n');
        if (errors) say(2, 'curl: (35) OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number\n');
        break;
      }
      if (a.verbose) {
        say(2, head.map((l) => `> ${l}\r\n`).join('') + '> \r\n');
      }
      const split = r.response.indexOf('\r\n\r\n');
      const headBlock = split >= 0 ? r.response.slice(0, split + 4) : r.response;
      const body = split >= 0 ? r.response.slice(split + 4) : '';
      const headLines = headBlock.split('\r\n').slice(0, -2);
      const statusLine = headLines[0] ?? '';
      const http10 = statusLine.startsWith('HTTP/1.0');
      const code = r.http_code;
      const header = (name: string): string | undefined =>
        headLines
          .slice(1)
          .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
          ?.slice(name.length + 1)
          .trim();
      if (a.verbose) {
        if (http10) say(2, '* HTTP 1.0, assume close after body\n');
        say(2, headLines.map((l) => `< ${l}\r\n`).join('') + '< \r\n');
      }
      Object.assign(vars, {
        http_code: String(code).padStart(3, '0'),
        response_code: String(code),
        size_download: String(new TextEncoder().encode(body).length),
        size_header: String(new TextEncoder().encode(headBlock).length),
        size_request: String(new TextEncoder().encode(request).length),
        content_type: header('content-type') ?? '',
        http_version: http10 ? '1' : '1.1',
        redirect_url:
          code >= 300 && code < 400 && header('location') ? new URL(header('location')!, `http://${t.hostText}:${t.port}`).href : '',
      });
      const location = header('location');
      if (a.location && location !== undefined && code >= 300 && code < 400 && redirects < 50) {
        if (a.verbose) say(2, '* Closing connection 0\n');
        const next = new URL(location, `http://${t.hostText}:${t.port}${t.path}`);
        t = { ...t, path: removeDots(next.pathname) + next.search };
        if (a.verbose) say(2, `* Issue another request to this URL: 'http://${t.hostText}:${t.port}${t.path}'\n`);
        // after an HTTP/1.0 answer curl asks the next one in HTTP/1.0 too
        if (http10) version = '1.0';
        redirects++;
        w.clock.advance(1);
        continue;
      }
      if (a.fail && code >= 400) {
        status = 22;
        if (a.verbose) say(2, `* The requested URL returned error: ${code}\n`);
        if (showMeter) say(2, meterEnd(0));
        if (a.verbose) say(2, '* Closing connection 0\n');
        if (errors) say(2, `curl: (22) The requested URL returned error: ${code}\n`);
        break;
      }
      if (a.head || a.include) say(discard ? 2 : 1, discard ? '' : headBlock);
      if (!a.head && body) {
        if (a.verbose && !toTerminal) say(2, `{ [${new TextEncoder().encode(body).length} bytes data]\n`);
        if (!discard) say(1, body);
      }
      if (showMeter) say(2, meterEnd(a.head ? 0 : new TextEncoder().encode(body).length));
      if (a.verbose)
        say(
          2,
          http10 || header('connection') === 'close' ? '* Closing connection 0\n' : `* Connection #0 to host ${t.hostText} left intact\n`,
        );
      if (a.writeOut !== undefined) {
        const wo = writeOut(a.writeOut, { ...vars, num_redirects: String(redirects) });
        say(2, wo.err);
        say(1, wo.out);
      }
      break;
    }
  }
  const end = w.clock.now() - t0;
  w.clock.advance(gapMs);
  const stdout = parts.filter((p) => p.fd === 1).map((p) => p.text);
  const stderr = parts.filter((p) => p.fd === 2).map((p) => p.text);
  // on a terminal both streams land on the same screen, in the order curl wrote them
  const merged = tty && stdout.length > 0 && stderr.length > 0;
  // SIGINT: curl ends without a word (bash's newline follows the ^C)
  const timeline: Timeline = {
    parts: parts.map((p) => ({ at: p.at, stdout: merged || p.fd === 1 ? p.text : '', stderr: !merged && p.fd === 2 ? p.text : '' })),
    end,
    onInterrupt: [],
  };
  if (merged) return { stdout: parts.map((p) => p.text).join(''), stderr: '', status, outcome: first, url: firstUrl, timeline };
  return { stdout: stdout.join(''), stderr: stderr.join(''), status, outcome: first, url: firstUrl, timeline };
}
