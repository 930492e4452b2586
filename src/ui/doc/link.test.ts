import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DocumentError, MAX_DOC_BYTES, MAX_DOC_TEXT, parseDocumentJson, type LabDocument } from './document.ts';
import { decodeLink, encodeLink, fromBase64Url, toBase64Url } from './link.ts';

const doc: LabDocument = {
  v: 2,
  script: ['ip netns add ns1', 'ip link add veth0 type veth peer name eth0 netns ns1', 'ip -n ns1 addr add 10.0.0.2/24 dev eth0'],
  positions: { host: { x: 0, y: 0 }, 'ns:ns1': { x: 40, y: 120 } },
  meta: { roles: { ns1: 'container' }, parents: { ns1: 'host' } },
};

const b64url = (b: Buffer) => b.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const linkOf = (json: string) => '#v1.' + b64url(deflateRawSync(Buffer.from(json)));

async function refusal(fragment: string): Promise<string> {
  try {
    await decodeLink(fragment);
  } catch (e) {
    expect(e).toBeInstanceOf(DocumentError);
    return (e as Error).message;
  }
  throw new Error('accepted');
}

describe('share links', () => {
  it('round-trips a document, positions rounded', async () => {
    const link = await encodeLink({ ...doc, positions: { ...doc.positions, host: { x: 0.4, y: -7.6 } } });
    expect(link.startsWith('#v1.')).toBe(true);
    expect(link).toMatch(/^#v1\.[A-Za-z0-9_-]+$/);
    const back = await decodeLink(link);
    expect(back.script).toEqual(doc.script);
    expect(back.positions).toEqual({ host: { x: 0, y: -8 }, 'ns:ns1': { x: 40, y: 120 } });
    expect(back.meta).toEqual(doc.meta);
  });

  it('base64url round-trips every byte value', () => {
    const bytes = new Uint8Array(300).map((_, i) => i % 256);
    expect([...fromBase64Url(toBase64Url(bytes))]).toEqual([...bytes]);
  });

  it.each([
    ['#v2.abc', /newer netlab/],
    ['#x', /not a netlab link/],
    ['#v1.', /holds no data/],
    ['#v1.ab$c', /damaged/],
    ['#v1.A', /cut short/],
    ['#v1.AAAA', /damaged/],
  ])('refuses %s', async (fragment, msg) => {
    expect(await refusal(fragment)).toMatch(msg);
  });

  it('refuses a truncated link', async () => {
    const link = await encodeLink(doc);
    expect(await refusal(link.slice(0, link.length - 8))).toMatch(/damaged|not valid JSON/);
  });

  it('caps the inflated size at the lab size limit', async () => {
    const big = JSON.stringify({ v: 1, s: [], p: {}, pad: 'x'.repeat(MAX_DOC_BYTES + 10) });
    const link = linkOf(big);
    expect(link.length).toBeLessThan(MAX_DOC_BYTES / 100); // a zip bomb: small link, huge payload
    expect(await refusal(link)).toContain(`more than ${MAX_DOC_TEXT}`);
  });

  it.each([
    ['{"v":1,"s":[],"p":{},"__proto__":{"x":1}}', /forbidden key "__proto__"/],
    ['{"v":1,"s":[],"p":{"constructor":[0,0]}}', /forbidden key "constructor"/],
    ['{"v":1,"s":[],"p":{},"r":{"prototype":"host"}}', /forbidden key "prototype"/],
    ['{"v":1,"s":"ip netns add x","p":{}}', /script is missing/],
    ['{"v":1,"s":[1],"p":{}}', /not text/],
    ['{"v":1,"s":["a\\nb"],"p":{}}', /line break/],
    ['{"v":1,"s":[],"p":{"a":[1]}}', /position of "a"/],
    ['{"v":1,"s":[],"p":{"a":[1,"2"]}}', /position of "a"/],
    ['{"v":1,"s":[],"p":{},"r":{"a":"router"}}', /unknown role/],
    ['{"v":1,"s":[],"p":{},"extra":1}', /unknown field/],
    ['{"v":"1","s":[],"p":{}}', /version/],
    ['[1,2]', /not a netlab document/],
    ['{"v":1,', /not valid JSON/],
  ])('refuses the payload %s', async (json, msg) => {
    expect(await refusal(linkOf(json))).toMatch(msg);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('reads exported JSON files with the same checks', () => {
    expect(parseDocumentJson('{"v":1,"s":["ip netns add a"],"p":{}}').script).toEqual(['ip netns add a']);
    expect(() => parseDocumentJson('{"v":1,"s":[],"p":{},"__proto__":{}}')).toThrow(DocumentError);
  });
});
