// Hostile links and files (issue 6) beyond the cases of share-and-keep.spec.ts: each gets a
// clear message and changes nothing; names holding HTML or terminal escapes are shown as
// text, never as markup, and never clear or recolour the terminal.
import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { expect, test } from './fixtures.ts';

const b64url = (b: Buffer) => b.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const linkOf = (json: string) => '#v1.' + b64url(deflateRawSync(Buffer.from(json)));

test('random bytes, bombs, deep nesting and odd keys in a link or a file: a clear message each, nothing changed', async ({ lab, page }) => {
  test.setTimeout(120_000);
  const good = linkOf(JSON.stringify({ v: 1, s: ['ip netns add a'], p: {} }));
  const deep = '['.repeat(50_000) + ']'.repeat(50_000);
  const cases: Array<[string, RegExp]> = [
    ['#v1.' + b64url(randomBytes(300)), /damaged|not text|not valid JSON/i],
    ['#v1.' + b64url(Buffer.from('plain text, not deflated')), /damaged|not valid JSON/i],
    [good.slice(0, 12), /damaged|cut short/i],
    ['#v0.' + good.slice(4), /not a netlab link|newer netlab|v1/i],
    ['#V1.' + good.slice(4), /not a netlab link|newer netlab|v1/i],
    // a deflate bomb: 64 MiB of zeros in a few kilobytes
    ['#v1.' + b64url(deflateRawSync(Buffer.alloc(64 * 1024 * 1024))), /more than 8 MiB|larger than 8 MiB|too long/],
    [linkOf(`{"v":1,"s":[],"p":{"a":${deep}}}`), /not valid JSON|malformed/],
    [linkOf(deep), /not valid JSON|not a netlab document/],
    [linkOf('{"v":1,"s":[],"p":{},"r":{"constructor":"host"}}'), /forbidden key "constructor"/],
    [linkOf('{"v":1,"s":[],"p":{"prototype":[1,2]},"x":1}'), /forbidden key|unknown field/],
    [
      linkOf(JSON.stringify({ v: 1, s: Array.from({ length: 100_001 }, (_, i) => `ip netns add n${i}`), p: {} })),
      /more than|too long|limit/i,
    ],
  ];
  for (const [fragment, message] of cases) {
    await page.goto('/' + fragment);
    await lab.idle();
    await expect(page.locator('.notice-error').last()).toContainText(message);
    expect(await lab.api((n) => n.namespaces())).toEqual(['root']);
    expect(await page.evaluate(() => Object.keys(Object.prototype))).toEqual([]);
  }

  // the same hostility as a file: refused with a message, the lab as it was
  await lab.drop('Namespace / Container', lab.node('root'), { x: 100, y: 120 });
  const before = await lab.api((n) => n.script());
  for (const [name, body, message] of [
    ['random.json', randomBytes(2000), /not valid JSON|not a netlab/i],
    ['proto.json', Buffer.from('{"v":1,"s":[],"p":{},"__proto__":{"polluted":true}}'), /forbidden key "__proto__"/],
    ['deep.json', Buffer.from(`{"v":1,"s":[],"p":${deep}}`), /not valid JSON|malformed/],
    ['huge.json', Buffer.alloc(8 * 1024 * 1024 + 10, 32), /larger than 8 MiB/],
  ] as const) {
    await page.getByTestId('open-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(body) });
    await lab.idle();
    await expect(page.locator('.notice-error').last()).toContainText(message);
    expect(await lab.api((n) => n.script())).toBe(before);
  }
  expect(await page.evaluate(() => (Object.prototype as Record<string, unknown>).polluted)).toBeUndefined();
});

test('names holding HTML or terminal escapes are shown as text, never as markup or terminal control', async ({ lab, page }) => {
  test.setTimeout(120_000);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const html = '<img src=x onerror=alert(1)>';
  const esc = '\u001b[2Jclear';
  const link = linkOf(
    JSON.stringify({
      v: 1,
      s: [
        `ip netns add '${html}'`,
        `ip netns add ${esc}`,
        'ip netns add <u>u',
        `ip link add <i>d type dummy`,
        'ip link add \u001b[31mred type dummy',
      ],
      p: {},
    }),
  );
  await page.goto('/' + link);
  await lab.idle();
  expect(await lab.api((n) => n.namespaces())).toEqual(['root', html, esc, '<u>u']);
  // shown, as text
  await expect(page.getByTestId(`node-${html}`)).toContainText(html);
  await expect(page.getByTestId('node-<u>u')).toContainText('<u>u');
  await expect(lab.node('root')).toContainText('<i>d');
  // never as markup, anywhere in the page
  expect(await page.locator('#root img, #root u, #root i').count()).toBe(0);

  // the terminal prints the names; the escape neither clears nor colours it
  await lab.terminal('root', 'echo before');
  await lab.terminal('root', 'ip netns list');
  const out = page.getByTestId('terminal-output');
  // (each checked before more output scrolls it out of the terminal's rows)
  await expect(out).toContainText('echo before');
  await expect(out).toContainText('<u>u');
  await expect(out).toContainText(html);
  await lab.terminal('root', 'ip -br link');
  await expect(out).toContainText('<i>d');
  expect(await page.locator('#root img, #root u, #root i').count()).toBe(0);

  // inspector and script panel, too
  await page.getByTestId(`node-${html}`).locator('.card-title').click();
  await expect(page.getByLabel('Inspector')).toContainText(html);
  await page.getByRole('tab', { name: 'Script' }).click();
  await expect(page.getByTestId('script')).toContainText(html);
  expect(await page.locator('#root img, #root u, #root i').count()).toBe(0);
  expect(dialogs).toEqual([]);
  await lab.shot('16-hostile-names');
});
