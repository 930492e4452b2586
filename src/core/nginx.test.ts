import { describe, expect, it } from 'vitest';
import { NGINX_VERSION, nginxErrorPage, nginxServe, nginxStartup, WELCOME_PAGE } from './nginx.ts';

const req = (line: string, headers = 'Host: localhost:8080\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n'): string =>
  `${line}\r\n${headers}\r\n`;
const bytes = (s: string): number => new TextEncoder().encode(s).length;

describe('the nginx image answers as nginx 1.31.3 with its default.conf does', () => {
  it('GET /: the welcome page, its headers in one write and the file (sendfile) in the next', () => {
    const a = nginxServe(req('GET / HTTP/1.1'), '172.17.0.1', 1000, 1);
    expect(a.code).toBe(200);
    expect(a.close).toBe(false);
    expect(a.writes).toHaveLength(2);
    expect(a.writes[0]!.split('\r\n')).toEqual([
      'HTTP/1.1 200 OK',
      `Server: nginx/${NGINX_VERSION}`,
      'Date: Mon, 07 Dec 2026 16:40:01 GMT',
      'Content-Type: text/html',
      'Content-Length: 896',
      'Last-Modified: Wed, 15 Jul 2026 16:03:14 GMT',
      'Connection: keep-alive',
      'ETag: "6a57af42-380"',
      'Accept-Ranges: bytes',
      '',
      '',
    ]);
    expect(a.writes[1]).toBe(WELCOME_PAGE);
    expect(bytes(WELCOME_PAGE)).toBe(896);
    expect(WELCOME_PAGE).toContain('<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\n');
    expect(a.output).toEqual([
      {
        stream: 'stdout',
        text: '172.17.0.1 - - [07/Dec/2026:16:40:01 +0000] "GET / HTTP/1.1" 200 896 "-" "curl/7.88.1" "-"\n',
        time: 1000,
      },
    ]);
  });

  it('HEAD and /index.html: the same headers, no body, 0 bytes logged', () => {
    const head = nginxServe(req('HEAD / HTTP/1.1'), 'c', 0, 1);
    expect(head.writes).toHaveLength(1);
    expect(head.writes[0]).toMatch(/Content-Length: 896\r\n.*\r\n\r\n$/s);
    expect(head.output[0]!.text).toContain('"HEAD / HTTP/1.1" 200 0 "-"');
    expect(nginxServe(req('GET /index.html?x=1 HTTP/1.1'), 'c', 0, 1).writes[1]).toBe(WELCOME_PAGE);
    expect(nginxServe(req('GET /a/../ HTTP/1.1'), 'c', 0, 1).code).toBe(200);
  });

  it('a missing file: 404 with nginx’s page in one write, the error log’s open() line', () => {
    const a = nginxServe(req('GET /nope HTTP/1.1'), '172.17.0.1', 0, 7);
    const body = nginxErrorPage(404);
    expect(body).toBe(
      `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/${NGINX_VERSION}</center>\r\n</body>\r\n</html>\r\n`,
    );
    expect(bytes(body)).toBe(153);
    expect(a.writes).toEqual([
      `HTTP/1.1 404 Not Found\r\nServer: nginx/${NGINX_VERSION}\r\nDate: Mon, 07 Dec 2026 16:40:00 GMT\r\nContent-Type: text/html\r\nContent-Length: 153\r\nConnection: keep-alive\r\n\r\n${body}`,
    ]);
    expect(a.output.map((o) => o.text)).toEqual([
      '2026/12/07 16:40:00 [error] 29#29: *7 open() "/usr/share/nginx/html/nope" failed (2: No such file or directory), client: 172.17.0.1, server: localhost, request: "GET /nope HTTP/1.1", host: "localhost:8080"\n',
      '172.17.0.1 - - [07/Dec/2026:16:40:00 +0000] "GET /nope HTTP/1.1" 404 153 "-" "curl/7.88.1" "-"\n',
    ]);
  });

  it('POST to a file is 405; a request line it cannot parse is 400 and closes', () => {
    const post = nginxServe(req('POST / HTTP/1.1'), 'c', 0, 1);
    expect(post.code).toBe(405);
    expect(post.writes[0]).toContain('HTTP/1.1 405 Not Allowed\r\n');
    expect(post.output[0]!.text).toContain('"POST / HTTP/1.1" 405 157 ');
    const bad = nginxServe('\u0016\u0003\u0001\u0002\u0000', '10.0.0.1', 0, 1);
    expect(bad.code).toBe(400);
    expect(bad.close).toBe(true);
    expect(bad.writes[0]).toContain('Connection: close\r\n');
    expect(bad.output[0]!.text).toBe('10.0.0.1 - - [07/Dec/2026:16:40:00 +0000] "\\x16\\x03\\x01\\x02\\x00" 400 157 "-" "-" "-"\n');
  });

  it('closes after the answer when the client asks (Connection: close) or speaks HTTP/1.0 without keep-alive', () => {
    const close = nginxServe(req('GET / HTTP/1.1', 'Host: x\r\nConnection: close\r\n'), 'c', 0, 1);
    expect(close.close).toBe(true);
    expect(close.writes[0]).toContain('\r\nConnection: close\r\n');
    const old = nginxServe(req('GET /nope HTTP/1.0', 'Host: x\r\n'), 'c', 0, 1);
    expect(old.close).toBe(true);
    expect(old.writes[0]).toContain('\r\nConnection: close\r\n');
    const kept = nginxServe(req('GET / HTTP/1.0', 'Host: x\r\nConnection: keep-alive\r\n'), 'c', 0, 1);
    expect(kept.close).toBe(false);
    expect(kept.writes[0]).toContain('\r\nConnection: keep-alive\r\n');
  });

  it('starts with the entrypoint’s lines on stdout and nginx’s notices on stderr', () => {
    const [out, err] = nginxStartup(0);
    expect(out!.stream).toBe('stdout');
    expect(out!.text.split('\n')).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
    expect(err!.stream).toBe('stderr');
    expect(err!.text.split('\n').slice(0, 2)).toEqual([
      '2026/12/07 16:40:00 [notice] 1#1: using the "epoll" event method',
      `2026/12/07 16:40:00 [notice] 1#1: nginx/${NGINX_VERSION}`,
    ]);
  });
});
