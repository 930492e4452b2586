// The lab as a document: what a share link, an exported file and the autosave hold. The
// topology is the script of the dialect (the core rebuilds everything from it); the layout
// is the page's own: node positions and the roles a person gave namespaces.
//
// Everything read back is untrusted: `parseDocument` checks the shape by hand and refuses
// prototype keys, so a hostile payload can only ever produce a message.

import { legacyLine } from '../../cmd/lex.ts';
import { heredocStart } from '../../cmd/heredoc.ts';

export const DOC_VERSION = 2;
/**
 * The one size limit of a lab, in characters of its compact JSON: what autosave keeps, Export
 * writes, Open reads and a link inflates to. Measured (autosave.test.ts): 10,000 iptables rules,
 * each with the longest comment iptables takes (256 characters), in a 40-namespace lab make
 * 3.7 MB, so 8 MiB holds the labs people build twice over (and deflates to about 175 KB).
 */
export const MAX_DOC_BYTES = 8 * 1024 * 1024;
/** the limit as a person reads it */
export const MAX_DOC_TEXT = `${MAX_DOC_BYTES / (1024 * 1024)} MiB`;
export const MAX_LINES = 100_000;
export const MAX_LINE_CHARS = 4096;
export const MAX_NAME_CHARS = 200;

export type Role = 'host' | 'container' | 'switch' | 'internet';
export const ROLES: readonly Role[] = ['host', 'container', 'switch', 'internet'];

export interface LayoutMeta {
  /** roles chosen by a person (namespace name -> role); the rest are inferred */
  readonly roles: Readonly<Record<string, Role>>;
  /** which host box a namespace was put in (namespace name -> host node id) */
  readonly parents: Readonly<Record<string, string>>;
}

export type Positions = Readonly<Record<string, { readonly x: number; readonly y: number }>>;

export interface LabDocument {
  readonly v: typeof DOC_VERSION;
  /** the topology: accepted dialect lines, run from an empty world */
  readonly script: readonly string[];
  readonly positions: Positions;
  readonly meta: LayoutMeta;
}

export const EMPTY_META: LayoutMeta = { roles: {}, parents: {} };

export class DocumentError extends Error {}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** JSON.parse that refuses prototype keys anywhere in the tree */
export function safeJsonParse(text: string): unknown {
  let bad: string | null = null;
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v: unknown) => {
      if (FORBIDDEN.has(key)) bad = key;
      return v;
    });
  } catch {
    throw new DocumentError('The data is not valid JSON.');
  }
  if (bad !== null) throw new DocumentError(`Refused: the data contains a forbidden key "${bad}".`);
  return value;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

function checkName(k: string, what: string): void {
  if (k.length === 0 || k.length > MAX_NAME_CHARS) throw new DocumentError(`Refused: a ${what} name is empty or too long.`);
  if (FORBIDDEN.has(k)) throw new DocumentError(`Refused: the data contains a forbidden key "${k}".`);
}

/** the compact wire form used by links and files: short keys, positions as [x, y] */
export interface CompactDocument {
  v: number;
  s: string[];
  p: Record<string, [number, number]>;
  r?: Record<string, Role>;
  h?: Record<string, string>;
}

export function toCompact(doc: LabDocument): CompactDocument {
  const p: Record<string, [number, number]> = {};
  for (const [id, xy] of Object.entries(doc.positions)) p[id] = [Math.round(xy.x), Math.round(xy.y)];
  const out: CompactDocument = { v: doc.v, s: [...doc.script], p };
  if (Object.keys(doc.meta.roles).length) out.r = { ...doc.meta.roles };
  if (Object.keys(doc.meta.parents).length) out.h = { ...doc.meta.parents };
  return out;
}

/** check an untrusted value and build a document from it, or throw DocumentError */
export function fromCompact(raw: unknown): LabDocument {
  if (!isPlainObject(raw)) throw new DocumentError('Refused: the data is not a netlab document.');
  for (const k of Object.keys(raw)) if (!['v', 's', 'p', 'r', 'h'].includes(k)) throw new DocumentError(`Refused: unknown field "${k}".`);
  // v1: saved before the shell read operators; its lines are read as that shell read them
  const legacy = raw.v === 1;
  if (raw.v !== DOC_VERSION && !legacy)
    throw new DocumentError(`Refused: document version ${JSON.stringify(raw.v)} is not supported (expected ${DOC_VERSION}).`);
  const s = raw.s;
  if (!Array.isArray(s)) throw new DocumentError('Refused: the script is missing.');
  if (s.length > MAX_LINES) throw new DocumentError(`Refused: the script has more than ${MAX_LINES} lines.`);
  const script: string[] = [];
  for (const line of s) {
    if (typeof line !== 'string') throw new DocumentError('Refused: a script line is not text.');
    // a command with a here-document (iptables-restore <<EOF …) is one line holding the document's lines
    const nl = line.indexOf('\n');
    const head = nl < 0 ? line : line.slice(0, nl);
    if (head.length > MAX_LINE_CHARS) throw new DocumentError(`Refused: a script line is longer than ${MAX_LINE_CHARS} characters.`);
    if (/[\r\0]/.test(line) || (nl >= 0 && !heredocStart(head))) throw new DocumentError('Refused: a script line holds a line break.');
    script.push(legacy ? legacyLine(line) : line);
  }
  const positions: Record<string, { x: number; y: number }> = Object.create(null) as Record<string, { x: number; y: number }>;
  if (raw.p !== undefined) {
    if (!isPlainObject(raw.p)) throw new DocumentError('Refused: positions are malformed.');
    for (const [id, xy] of Object.entries(raw.p)) {
      checkName(id, 'node');
      if (!Array.isArray(xy) || xy.length !== 2 || !xy.every((n) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) < 1e7)) {
        throw new DocumentError(`Refused: the position of "${id}" is malformed.`);
      }
      positions[id] = { x: xy[0] as number, y: xy[1] as number };
    }
  }
  const roles: Record<string, Role> = {};
  if (raw.r !== undefined) {
    if (!isPlainObject(raw.r)) throw new DocumentError('Refused: roles are malformed.');
    for (const [ns, role] of Object.entries(raw.r)) {
      checkName(ns, 'namespace');
      if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role))
        throw new DocumentError(`Refused: unknown role for "${ns}".`);
      roles[ns] = role as Role;
    }
  }
  const parents: Record<string, string> = {};
  if (raw.h !== undefined) {
    if (!isPlainObject(raw.h)) throw new DocumentError('Refused: host assignments are malformed.');
    for (const [ns, host] of Object.entries(raw.h)) {
      checkName(ns, 'namespace');
      if (typeof host !== 'string') throw new DocumentError(`Refused: the host of "${ns}" is malformed.`);
      checkName(host, 'host');
      parents[ns] = host;
    }
  }
  return { v: DOC_VERSION, script, positions: { ...positions }, meta: { roles, parents } };
}

export function parseDocumentJson(text: string): LabDocument {
  if (text.length > MAX_DOC_BYTES) throw new DocumentError(`Refused: the data is larger than ${MAX_DOC_TEXT}.`);
  return fromCompact(safeJsonParse(text));
}

export function documentJson(doc: LabDocument): string {
  return JSON.stringify(toCompact(doc));
}
