import * as fs from 'fs';
import * as path from 'path';
import type { Tags } from 'yaml';

// Reading manifests the way kubectl does (k8s.io/apimachinery's YAMLOrJSONDecoder): the one reader of the
// library (validate, plan).
//
// - A stream whose first non-blank character is `{` is a JSON stream (a sequence of objects); any other is
//   YAML, cut into documents on `---` lines (a `---` followed by anything but blanks or a comment stops the
//   stream: "invalid Yaml document separator").
// - Each YAML document is read as go-yaml v2 reads it (YAML 1.1): an unquoted on, off, yes, no, y or n is a
//   boolean, 0755 is octal; a timestamp-looking or sexagesimal (1:30) scalar stays a string; `!!binary` is
//   the decoded bytes as a string. Invalid UTF-8 and control characters (NUL, C0 but tab, line feed and
//   carriage return, DEL, C1 but NEL) are refused, as go-yaml refuses them; in JSON, invalid UTF-8 becomes
//   U+FFFD, as Go's JSON decoder makes it.
// - A document larger than the API server's request limit (3 MiB) is refused: when even without comments
//   and indentation it is over the limit, before it is parsed (parsing YAML costs about 100 bytes of memory
//   per byte); otherwise once read, by the size of the JSON kubectl would send.

/** The API server's default limit of a request body (`--max-request-bytes`): 3 MiB. */
export const MAX_REQUEST_BYTES = 3 * 1024 * 1024;

const TOO_LARGE = `Request entity too large: limit is ${MAX_REQUEST_BYTES}`;

/** One document of a stream. */
export interface YamlDocument {
  /** Position in the stream, from 0. */
  readonly index: number;
  /** The line the document starts on, from 1. */
  readonly line: number;
  /** The document as JSON data (undefined when the document is empty or unreadable). */
  readonly value?: unknown;
  /** Why the document could not be read (a whole message). */
  readonly error?: string;
}

let YAML: typeof import('yaml') | undefined;

/** Go's base64.StdEncoding: padded, line breaks ignored. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** `!!binary` as go-yaml v2 decodes it into a map value: the decoded bytes, as a string. */
const BINARY_AS_STRING = {
  tag: 'tag:yaml.org,2002:binary',
  identify: () => false,
  resolve(src: string, onError: (message: string) => void): string {
    const text = src.replace(/[\r\n]/g, '');
    if (!BASE64.test(text)) {
      onError('!!binary value contains invalid base64 data');
      return src;
    }
    return decodeUtf8Lossy(Buffer.from(text, 'base64'));
  },
};

/** go-yaml v2 keeps timestamp and sexagesimal scalars as strings, and reads `!!binary` as a string. */
function kubectlTags(tags: Tags): Tags {
  return [
    ...tags.filter((t: any) => t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME' && t.tag !== BINARY_AS_STRING.tag),
    BINARY_AS_STRING as any,
  ];
}

/**
 * Bytes as Go reads them into a string it then writes as JSON: valid UTF-8 as it is, every byte of an
 * invalid sequence as U+FFFD (Go's utf8.DecodeRune; JSON encoding then writes `\ufffd`).
 */
export function decodeUtf8Lossy(bytes: Uint8Array): string {
  if (utf8Problem(bytes) === undefined) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const width = validSequence(bytes, i);
    if (width === 0) {
      out += '\uFFFD';
      i += 1;
    } else {
      out += Buffer.from(bytes.buffer, bytes.byteOffset + i, width).toString('utf8');
      i += width;
    }
  }
  return out;
}

/** The length of the valid UTF-8 sequence at `i` (as Go's utf8.DecodeRune accepts it), or 0. */
function validSequence(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k] >= lo && b[i + k] <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

const FATAL_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The first invalid UTF-8 sequence, with go-yaml's words for it; undefined when the bytes are valid UTF-8. */
/* eslint-disable no-bitwise */
function utf8Problem(b: Uint8Array): { offset: number; problem: string } | undefined {
  try {
    FATAL_UTF8.decode(b);
    return undefined;
  } catch {
    // find where, and say it as go-yaml's reader does
  }
  for (let i = 0; i < b.length;) {
    const c = b[i];
    const width = c < 0x80 ? 1 : (c & 0xe0) === 0xc0 ? 2 : (c & 0xf0) === 0xe0 ? 3 : (c & 0xf8) === 0xf0 ? 4 : 0;
    if (width === 0) return { offset: i, problem: 'invalid leading UTF-8 octet' };
    if (i + width > b.length) return { offset: i, problem: 'incomplete UTF-8 octet sequence' };
    let value = width === 1 ? c : c & (0xff >> (width + 1));
    for (let k = 1; k < width; k++) {
      if ((b[i + k] & 0xc0) !== 0x80) return { offset: i + k, problem: 'invalid trailing UTF-8 octet' };
      value = (value << 6) | (b[i + k] & 0x3f);
    }
    if ((width === 2 && value < 0x80) || (width === 3 && value < 0x800) || (width === 4 && value < 0x10000)) {
      return { offset: i, problem: 'invalid length of a UTF-8 sequence' };
    }
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) return { offset: i, problem: 'invalid Unicode character' };
    i += width;
  }
  return undefined;
}
/* eslint-enable no-bitwise */

/** What go-yaml's reader refuses: C0 controls but tab, LF and CR; DEL; C1 controls but NEL; U+FFFE and U+FFFF. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]/;

/** Line and column (from 1) of a character offset in a text. */
function position(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    start = i + 1;
  }
  return `line ${line}, column ${offset - start + 1}`;
}

function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** The bytes of a YAML document that can reach its JSON: without comment lines, indentation and trailing blanks. */
function significantBytes(b: Uint8Array): number {
  let total = 0;
  let i = 0;
  while (i < b.length) {
    let end = b.indexOf(0x0a, i);
    if (end === -1) end = b.length;
    let s = i;
    while (s < end && (b[s] === 0x20 || b[s] === 0x09)) s++;
    let e = end;
    while (e > s && (b[e - 1] === 0x20 || b[e - 1] === 0x09 || b[e - 1] === 0x0d)) e--;
    if (e > s && b[s] !== 0x23) total += e - s + 1;
    i = end + 1;
  }
  return total;
}

function tooLarge(what: string, bytes: number): string {
  return `${what} is ${bytes} bytes (${mib(bytes)}), over the API server's request limit of ${MAX_REQUEST_BYTES} bytes (3 MiB): the API server would refuse it ("${TOO_LARGE}")`;
}

/** One YAML document (bytes of one chunk), read as kubectl reads it. */
function readYamlChunk(bytes: Uint8Array, index: number, line: number, utf16?: 'utf-16le' | 'utf-16be'): YamlDocument[] {
  if (bytes.length > MAX_REQUEST_BYTES) {
    const significant = significantBytes(bytes);
    if (significant > MAX_REQUEST_BYTES) {
      return [{ index, line, error: `${tooLarge('the document', bytes.length)}; even without comments and indentation it is ${significant} bytes, so it was not parsed` }];
    }
  }
  let text: string;
  if (utf16) {
    text = new TextDecoder(utf16, { fatal: false }).decode(bytes);
  } else {
    const bad = utf8Problem(bytes);
    if (bad) {
      const before = decodeUtf8Lossy(bytes.subarray(0, bad.offset));
      return [{ index, line, error: `not valid UTF-8 at ${position(before, before.length)} of the document (byte ${bad.offset}): kubectl refuses it ("yaml: ${bad.problem}"); save the file as UTF-8` }];
    }
    text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte order mark starts the stream
  }
  const control = CONTROL.exec(text);
  if (control) {
    return [{ index, line, error: `control character ${codePoint(control[0])} at ${position(text, control.index)} of the document: kubectl refuses it ("yaml: control characters are not allowed"); write it as an escape in a double-quoted string` }];
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  YAML ??= require('yaml') as typeof import('yaml');
  const docs = YAML.parseAllDocuments(text, { version: '1.1', customTags: kubectlTags, merge: true, uniqueKeys: true, prettyErrors: true });
  const list: any[] = Array.isArray(docs) ? docs : [docs];
  if (list.length === 0) return [{ index, line }];
  const out: YamlDocument[] = [readComposed(list[0], index, line)];
  if (utf16 && list.length > 1) {
    // kubectl cuts documents on UTF-8 lines: a UTF-16 file is one chunk, of which go-yaml reads the first document
    out.push({ index: index + 1, line, error: `the file is UTF-16: kubectl reads only its first YAML document and ignores the ${list.length - 1} other(s); save the file as UTF-8` });
  }
  return out;
}

/** The first document of a chunk as JSON data (go-yaml reads only the first). */
function readComposed(doc: any, index: number, line: number): YamlDocument {
  if (doc.errors?.length > 0) {
    return { index, line, error: `not valid YAML: ${doc.errors.map((e: Error) => e.message.split('\n')[0]).join('; ')}` };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 }) ?? undefined;
  } catch (e) {
    return { index, line, error: `not valid YAML: ${(e as Error).message}` };
  }
  return sized({ index, line, value });
}

/** Refuses an object whose JSON is over the request limit. */
function sized(doc: YamlDocument): YamlDocument {
  if (doc.value === undefined || doc.value === null) return doc;
  let bytes: number;
  try {
    bytes = Buffer.byteLength(JSON.stringify(doc.value));
  } catch {
    return doc; // not JSON (e.g. .nan): the validator says what
  }
  return bytes > MAX_REQUEST_BYTES ? { index: doc.index, line: doc.line, error: tooLarge('the object, as the JSON kubectl sends,', bytes) } : doc;
}

/** Go's unicode.IsSpace of an ASCII or Latin-1 byte (enough for a stream's first character). */
function isSpaceByte(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0;
}

/** The document separator of a line (bytes `start` to `end`, without the line feed): 'separator', 'invalid' or undefined. */
function separatorOf(b: Uint8Array, start: number, end: number): { kind: 'separator' } | { kind: 'invalid'; line: string; rest: string } | undefined {
  if (end - start < 3 || b[start] !== 0x2d || b[start + 1] !== 0x2d || b[start + 2] !== 0x2d) return undefined;
  const line = Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('utf8');
  const rest = line.slice(3).trim();
  return rest === '' || rest.startsWith('#') ? { kind: 'separator' } : { kind: 'invalid', line: line.trimEnd(), rest };
}

/** A YAML stream, cut into documents as kubectl's YAMLReader cuts it. */
function* yamlStream(b: Uint8Array): Generator<YamlDocument> {
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
    yield* readYamlChunk(b, 0, 1, b[0] === 0xff ? 'utf-16le' : 'utf-16be');
    return;
  }
  let index = 0;
  let docStart = 0;
  let docLine = 1;
  let line = 1;
  let i = 0;
  while (i < b.length) {
    let end = b.indexOf(0x0a, i);
    const next = end === -1 ? b.length : end + 1;
    if (end === -1) end = b.length;
    const sep = separatorOf(b, i, end);
    if (sep?.kind === 'invalid') {
      if (i > docStart) yield* readYamlChunk(b.subarray(docStart, i), index++, docLine);
      yield { index, line, error: `line ${line}: ${show(sep.line)} is not a document separator: kubectl stops reading the file here ("invalid Yaml document separator: ${sep.rest}"); put the content on the next line` };
      return;
    }
    if (sep) {
      if (i > docStart) yield* readYamlChunk(b.subarray(docStart, i), index++, docLine);
      docStart = next;
      docLine = line + 1;
    }
    i = next;
    line += 1;
  }
  if (b.length > docStart) yield* readYamlChunk(b.subarray(docStart), index, docLine);
}

function show(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
}

/** JSON's blanks. */
function isJsonBlank(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** A JSON stream (objects one after another), read as kubectl's JSON decoder reads it. */
function* jsonStream(b: Uint8Array): Generator<YamlDocument> {
  const text = decodeUtf8Lossy(b);
  let index = 0;
  let line = 1;
  let i = 0;
  for (;;) {
    for (; i < text.length && isJsonBlank(text.charCodeAt(i)); i++) if (text.charCodeAt(i) === 0x0a) line++;
    if (i >= text.length) return;
    const start = i;
    const startLine = line;
    // one object, to its closing brace, counting what it holds outside blanks (the JSON kubectl sends)
    let depth = 0;
    let inString = false;
    let compact = 0;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) line++;
      if (inString) {
        compact++;
        if (c === 0x5c) {
          i++;
          compact++;
        } else if (c === 0x22) {
          inString = false;
        }
        continue;
      }
      if (isJsonBlank(c)) continue;
      compact++;
      if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) depth--;
      if (depth <= 0) {
        i++;
        break;
      }
    }
    if (compact > MAX_REQUEST_BYTES) {
      yield { index: index++, line: startLine, error: `${tooLarge('the object', compact)}, so it was not parsed` };
      continue;
    }
    try {
      if (text[start] !== '{') throw new Error(`expected an object, found ${show(text.slice(start, start + 20))}`);
      yield sized({ index: index++, line: startLine, value: JSON.parse(text.slice(start, i)) });
    } catch (e) {
      yield { index, line: startLine, error: `not valid JSON: ${(e as Error).message}` };
      return; // kubectl's JSON decoder stops at a syntax error
    }
  }
}

/**
 * The documents of a stream (YAML or JSON, as bytes or text), read one at a time as kubectl reads them:
 * only the document being read is held in memory.
 */
export function* readKubectlDocuments(input: string | Uint8Array): Generator<YamlDocument> {
  const b = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  let first = 0;
  while (first < b.length && isSpaceByte(b[first])) first++;
  yield* b[first] === 0x7b ? jsonStream(b) : yamlStream(b);
}

/** Every document of a stream (YAML or JSON, as bytes or text), read as kubectl reads it. */
export function parseKubectlYaml(input: string | Uint8Array): YamlDocument[] {
  return [...readKubectlDocuments(input)];
}

/** Every `.yaml` and `.yml` file under a folder, recursively, in name order. */
export function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(full));
    else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** Every document of every YAML file under a folder, read as kubectl reads it; throws on a document that is not readable. */
export function readManifestDir(dir: string): unknown[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`not a folder: ${dir}`);
  const out: unknown[] = [];
  for (const file of yamlFiles(dir)) {
    for (const doc of readKubectlDocuments(fs.readFileSync(file))) {
      if (doc.error !== undefined) throw new Error(`${file}#${doc.index}: ${doc.error}`);
      if (doc.value !== undefined && doc.value !== null) out.push(doc.value);
    }
  }
  return out;
}
