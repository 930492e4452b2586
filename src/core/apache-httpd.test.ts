import { describe, expect, it } from 'vitest';
import { HTTPD_VERSION, httpdErrorPage, httpdServe, httpdStartup, IT_WORKS_PAGE } from './apache-httpd.ts';

const req = (line: string): string => `${line}\r\nHost: localhost:8080\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n`;

describe('the httpd image answers as Apache httpd 2.4.68 with the image’s httpd.conf does', () => {
  it('GET /: "It works!", the headers in Apache’s order, headers and the small file in one write', () => {
    const a = httpdServe(req('GET / HTTP/1.1'), '172.17.0.1', 1000);
    expect(a.close).toBe(false);
    expect(a.writes).toEqual([
      [
        'HTTP/1.1 200 OK',
        'Date: Mon, 07 Dec 2026 16:40:01 GMT',
        `Server: Apache/${HTTPD_VERSION} (Unix)`,
        'Last-Modified: Mon, 11 Jun 2007 18:53:14 GMT',
        'ETag: "2d-432a5e4a73a80"',
        'Accept-Ranges: bytes',
        'Content-Length: 45',
        'Content-Type: text/html',
        '',
        IT_WORKS_PAGE,
      ].join('\r\n'),
    ]);
    expect(a.output).toEqual([
      { stream: 'stdout', text: '172.17.0.1 - - [07/Dec/2026:16:40:01 +0000] "GET / HTTP/1.1" 200 45\n', time: 1000 },
    ]);
  });

  it('HEAD logs "-" for the bytes; a missing file is 404 with Apache’s page; POST to a file is 405', () => {
    const head = httpdServe(req('HEAD / HTTP/1.1'), 'c', 0);
    expect(head.writes[0]).toMatch(/Content-Length: 45\r\nContent-Type: text\/html\r\n\r\n$/);
    expect(head.output[0]!.text).toBe('c - - [07/Dec/2026:16:40:00 +0000] "HEAD / HTTP/1.1" 200 -\n');
    const missing = httpdServe(req('GET /nope HTTP/1.1'), 'c', 0);
    expect(missing.code).toBe(404);
    expect(httpdErrorPage(404, 'GET')).toBe(
      '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n',
    );
    expect(missing.writes[0]).toContain('Content-Length: 196\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n<!DOCTYPE');
    expect(missing.output[0]!.text).toContain('"GET /nope HTTP/1.1" 404 196\n');
    const post = httpdServe(req('POST / HTTP/1.1'), 'c', 0);
    expect(post.code).toBe(405);
    expect(post.writes[0]).toContain('<p>The requested method POST is not allowed for this URL.</p>');
  });

  it('HTTP/1.0 is closed unless it asks for keep-alive; HTTP/1.1 with Connection: close is closed', () => {
    const old = httpdServe('GET / HTTP/1.0\r\nHost: x\r\n\r\n', 'c', 0);
    expect(old.close).toBe(true);
    expect(old.writes[0]).toContain('Content-Length: 45\r\nConnection: close\r\nContent-Type: text/html\r\n');
    const asked = httpdServe('GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n', 'c', 0);
    expect(asked.close).toBe(false);
    expect(asked.writes[0]).toContain('Keep-Alive: timeout=5, max=100\r\nConnection: Keep-Alive\r\n');
    expect(httpdServe('GET / HTTP/1.1\r\nConnection: close\r\n\r\n', 'c', 0).close).toBe(true);
  });

  it('starts by saying it could not name the server, with the address it took', () => {
    const [err] = httpdStartup(0, '172.17.0.2');
    expect(err!.stream).toBe('stderr');
    expect(err!.text.split('\n')[0]).toBe(
      "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 172.17.0.2. Set the 'ServerName' directive globally to suppress this message",
    );
    expect(err!.text).toContain(`AH00489: Apache/${HTTPD_VERSION} (Unix) configured -- resuming normal operations\n`);
  });
});
