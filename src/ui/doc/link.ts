// Share links: `#v1.` + base64url(deflate-raw(compact JSON)). The browser's
// CompressionStream does the deflating (Node has it too, so the tests run here).

import { DocumentError, MAX_DOC_BYTES, MAX_DOC_TEXT, documentJson, parseDocumentJson, type LabDocument } from './document.ts';

export const LINK_PREFIX = '#v1.';
/** a fragment longer than this cannot come from a document within the limit (base64 of at worst stored data) */
const MAX_FRAGMENT = Math.ceil((MAX_DOC_BYTES * 4) / 3) + 1024;

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(s: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new DocumentError('This link is damaged: it holds characters a netlab link never has.');
  if (s.length % 4 === 1) throw new DocumentError('This link is damaged: it was cut short.');
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const capText = (cap: number) => (cap === MAX_DOC_BYTES ? MAX_DOC_TEXT : `${Math.round(cap / (1024 * 1024))} MiB`);

async function pump(input: Uint8Array, stream: CompressionStream | DecompressionStream, cap: number): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // errors surface on the reading side; keep the writer's rejection from going unhandled
  writer.write(input as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      throw new DocumentError(`Refused: the data inflates to more than ${capText(cap)}.`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

export async function deflate(text: string): Promise<Uint8Array> {
  return pump(new TextEncoder().encode(text), new CompressionStream('deflate-raw'), Number.MAX_SAFE_INTEGER);
}

export async function inflate(bytes: Uint8Array, cap = MAX_DOC_BYTES): Promise<string> {
  let out: Uint8Array;
  try {
    out = await pump(bytes, new DecompressionStream('deflate-raw'), cap);
  } catch (e) {
    if (e instanceof DocumentError) throw e;
    throw new DocumentError('This link is damaged: its data does not decompress (it may have been cut short).');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(out);
  } catch {
    throw new DocumentError('This link is damaged: its data is not text.');
  }
}

export async function encodeLink(doc: LabDocument): Promise<string> {
  const json = documentJson(doc);
  if (json.length > MAX_DOC_BYTES)
    throw new DocumentError(`This lab is larger than ${MAX_DOC_TEXT}, too large for a link: export it to a file.`);
  return LINK_PREFIX + toBase64Url(await deflate(json));
}

/** the document in a URL fragment ("#v1.…"), or DocumentError with a message for a person */
export async function decodeLink(fragment: string): Promise<LabDocument> {
  const f = fragment.startsWith('#') ? fragment : '#' + fragment;
  if (f.length > MAX_FRAGMENT) throw new DocumentError('Refused: the link is too long.');
  if (!f.startsWith(LINK_PREFIX)) {
    const m = /^#v(\d+)\./.exec(f);
    throw new DocumentError(
      m
        ? `This link was made by a newer netlab (format v${m[1]}); this lab reads v1 links.`
        : 'This is not a netlab link (it should start with "#v1.").',
    );
  }
  const body = f.slice(LINK_PREFIX.length);
  if (!body) throw new DocumentError('This link is damaged: it holds no data.');
  const text = await inflate(fromBase64Url(body));
  return parseDocumentJson(text);
}
