import { describe, expect, it } from 'vitest';
import { httpDate, logDate, serveRequest } from './http-server.ts';

const get = (target: string, method = 'GET'): string => `${method} ${target} HTTP/1.1\r\nHost: x\r\n\r\n`;

describe('python3 -m http.server answers as Python 3.11.2 does', () => {
  it('lists the empty directory at /, its Content-Length the body in bytes', () => {
    const a = serveRequest(get('/'), '::ffff:10.0.0.1', 0);
    const [head, body] = a.response.split('\r\n\r\n') as [string, string];
    expect(head.split('\r\n')).toEqual([
      'HTTP/1.0 200 OK',
      'Server: SimpleHTTP/0.6 Python/3.11.2',
      'Date: Mon, 07 Dec 2026 16:40:00 GMT',
      'Content-type: text/html; charset=utf-8',
      'Content-Length: 187',
    ]);
    expect(body).toContain('<title>Directory listing for /</title>');
    expect(body).toContain('<ul>\n</ul>');
    expect(new TextEncoder().encode(body).length).toBe(187);
    expect(a.log).toEqual(['::ffff:10.0.0.1 - - [07/Dec/2026 16:40:00] "GET / HTTP/1.1" 200 -']);
  });

  it('answers a missing path with 404 and logs the error line before the request line', () => {
    const a = serveRequest(get('/missing.html'), '10.0.0.1', 61_000);
    expect(a.code).toBe(404);
    expect(a.response).toMatch(/^HTTP\/1\.0 404 File not found\r\n/);
    expect(a.response).toContain('Connection: close\r\nContent-Type: text/html;charset=utf-8\r\nContent-Length: 335\r\n\r\n');
    expect(a.response).toContain('<p>Error code explanation: 404 - Nothing matches the given URI.</p>');
    expect(a.log).toEqual([
      '10.0.0.1 - - [07/Dec/2026 16:41:01] code 404, message File not found',
      '10.0.0.1 - - [07/Dec/2026 16:41:01] "GET /missing.html HTTP/1.1" 404 -',
    ]);
  });

  it('sends HEAD the headers only, and any method but GET and HEAD a 501', () => {
    const head = serveRequest(get('/nope', 'HEAD'), 'c', 0);
    expect(head.response.endsWith('Content-Length: 335\r\n\r\n')).toBe(true);
    const post = serveRequest(get('/', 'POST'), 'c', 0);
    expect(post.response).toMatch(/^HTTP\/1\.0 501 Unsupported method \('POST'\)\r\n/);
    expect(post.response).toContain("<p>Message: Unsupported method ('POST').</p>");
  });

  it('redirects the directory named without its slash, and names the query in the listing', () => {
    expect(serveRequest(get('/.'), 'c', 0).response).toContain('HTTP/1.0 301 Moved Permanently\r\n');
    expect(serveRequest(get('/.'), 'c', 0).response).toContain('Location: /./\r\n');
    expect(serveRequest(get('/?q=1'), 'c', 0).response).toContain('<h1>Directory listing for /?q=1</h1>');
  });

  it('dates from the virtual clock', () => {
    expect(httpDate(86_400_000)).toBe('Tue, 08 Dec 2026 16:40:00 GMT');
    expect(logDate(1000)).toBe('07/Dec/2026 16:40:01');
  });
});
