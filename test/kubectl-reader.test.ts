import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { decodeUtf8Lossy, MAX_REQUEST_BYTES, parseKubectlYaml, readKubectlDocuments, readManifestDir } from '../src/common/yaml';

// The one manifest reader (src/common/yaml.ts), read the way kubectl reads a file: k8s.io/apimachinery's
// YAMLOrJSONDecoder, go-yaml v2 for each YAML document, Go's JSON decoder for a JSON stream.

const values = (input: string | Uint8Array) => parseKubectlYaml(input).map((d) => d.error ?? d.value);

describe('documents, cut as kubectl cuts them', () => {
  test('on --- lines (a comment may follow); empty chunks are no document', () => {
    expect(values('---\na: 1\n--- # next\nb: 2\n---\n---\nc: 3')).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
  });

  test('a --- with content after it stops the stream, as kubectl stops there', () => {
    const docs = parseKubectlYaml('a: 1\n--- b: 2\nc: 3\n---\nd: 4\n');
    expect(docs.map((d) => d.index)).toEqual([0, 1]);
    expect(docs[0].value).toEqual({ a: 1 });
    expect(docs[1].error).toBe('line 2: "--- b: 2" is not a document separator: kubectl stops reading the file here ("invalid Yaml document separator: b: 2"); put the content on the next line');
  });

  test('each document knows the line it starts on', () => {
    expect(parseKubectlYaml('# header\n---\na: 1\n---\n\nb: 2\n').map((d) => [d.index, d.line])).toEqual([[0, 1], [1, 3], [2, 5]]);
  });

  test('a document holding two YAML documents (after "...") is read as go-yaml reads it: the first', () => {
    expect(values('a: 1\n...\nb: 2\n')).toEqual([{ a: 1 }]);
  });

  test('a byte order mark at the start is not content', () => {
    expect(values(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a: 1\n')]))).toEqual([{ a: 1 }]);
  });
});

describe('bytes kubectl refuses', () => {
  test.each([
    ['a leading byte that starts no sequence', [0x80], 'invalid leading UTF-8 octet', 'line 2, column 6 of the document (byte 10)'],
    ['a sequence cut short by the end', [0xe2, 0x82], 'incomplete UTF-8 octet sequence', 'line 2, column 6 of the document (byte 10)'],
    ['a broken continuation byte', [0xe2, 0x41, 0x41], 'invalid trailing UTF-8 octet', 'line 2, column 7 of the document (byte 11)'],
    ['an overlong encoding', [0xc0, 0xaf], 'invalid length of a UTF-8 sequence', 'line 2, column 6 of the document (byte 10)'],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80], 'invalid Unicode character', 'line 2, column 6 of the document (byte 10)'],
  ])('invalid UTF-8: %s', (_what, bytes, problem, where) => {
    const input = Buffer.concat([Buffer.from('a: 1\nb: "x'), Buffer.from(bytes)]);
    expect(values(input)).toEqual([`not valid UTF-8 at ${where}: kubectl refuses it ("yaml: ${problem}"); save the file as UTF-8`]);
  });

  test('invalid UTF-8 refuses only its document', () => {
    const input = Buffer.concat([Buffer.from('a: 1\n---\nb: "'), Buffer.from([0xff]), Buffer.from('"\n---\nc: 3\n')]);
    expect(values(input)).toEqual([{ a: 1 }, 'not valid UTF-8 at line 1, column 5 of the document (byte 4): kubectl refuses it ("yaml: invalid leading UTF-8 octet"); save the file as UTF-8', { c: 3 }]);
  });

  test.each([
    ['NUL', '\u0000', 'U+0000'],
    ['a C0 control', '\u001b', 'U+001B'],
    ['DEL', '\u007f', 'U+007F'],
    ['a C1 control', '\u0090', 'U+0090'],
    ['a non-character', '\uffff', 'U+FFFF'],
  ])('%s is refused, wherever it is', (_what, ch, code) => {
    expect(values(`a: 1\nb: "x${ch}"\n`)).toEqual([
      `control character ${code} at line 2, column 6 of the document: kubectl refuses it ("yaml: control characters are not allowed"); write it as an escape in a double-quoted string`,
    ]);
  });

  test('tab, carriage return, NEL and other printable characters are read; escapes may write controls', () => {
    expect(values('a: "x\ty"\r\nb: "\u0085é😀"\nc: "\\0\\x1b"\n')).toEqual([{ a: 'x\ty', b: '\u0085é😀', c: '\u0000\u001b' }]);
  });
});

describe('values as go-yaml v2 reads them', () => {
  test('!!binary is the decoded bytes as a string (line breaks ignored)', () => {
    expect(values('a: !!binary aGVsbG8=\nb: !!binary |\n  aGVs\n  bG8=\n')).toEqual([{ a: 'hello', b: 'hello' }]);
  });

  test('!!binary bytes that are not UTF-8 become U+FFFD each, as Go writes them into JSON', () => {
    expect(values(`a: !!binary ${Buffer.from([0x41, 0xff, 0xe2, 0x82, 0x42]).toString('base64')}\n`)).toEqual([{ a: 'A\uFFFD\uFFFD\uFFFDB' }]);
  });

  test('!!binary that is not base64 is refused with go-yaml\'s message', () => {
    expect(values('a: !!binary ==\n')[0]).toMatch(/^not valid YAML: !!binary value contains invalid base64 data/);
    expect(values('a: !!binary aGVsbG8\n')[0]).toMatch(/^not valid YAML: !!binary value contains invalid base64 data/);
  });

  test('null metadata values stay nulls for the validator to read as the API server does', () => {
    expect(values('metadata:\n  name: pg\n  namespace: ~\n  annotations:\n    a: ~\n')).toEqual([{ metadata: { name: 'pg', namespace: null, annotations: { a: null } } }]);
  });
});

describe('lossy UTF-8 (Go\'s utf8.DecodeRune): every byte of an invalid sequence is one U+FFFD', () => {
  test.each([
    [[0x61, 0x62], 'ab'],
    [[0xc3, 0xa9], 'é'],
    [[0xe2, 0x82], '\uFFFD\uFFFD'],
    [[0xf0, 0x9f, 0x98, 0x80, 0x80], '😀\uFFFD'],
    [[0xed, 0xa0, 0x80], '\uFFFD\uFFFD\uFFFD'],
    [[0xf4, 0x90, 0x80, 0x80], '\uFFFD\uFFFD\uFFFD\uFFFD'],
  ])('%j', (bytes, text) => {
    expect(decodeUtf8Lossy(Uint8Array.from(bytes))).toBe(text);
  });
});

describe('a JSON stream (first character "{")', () => {
  test('objects one after another, as Go\'s JSON decoder reads them', () => {
    expect(values('  {"a": 1}\n{"b": [1, {"c": "}"}]} {"d": "\\"{"}')).toEqual([{ a: 1 }, { b: [1, { c: '}' }] }, { d: '"{' }]);
  });

  test('invalid UTF-8 becomes U+FFFD, as Go\'s JSON decoder makes it', () => {
    expect(values(Buffer.concat([Buffer.from('{"a": "x'), Buffer.from([0xff]), Buffer.from('"}')]))).toEqual([{ a: 'x\uFFFD' }]);
  });

  test('a syntax error stops the stream', () => {
    const docs = values('{"a": 1}\n{"b": }\n{"c": 3}');
    expect(docs.length).toBe(2);
    expect(docs[0]).toEqual({ a: 1 });
    expect(docs[1]).toMatch(/^not valid JSON: /);
    expect(values('{"a": 1} 5')[1]).toBe('not valid JSON: expected an object, found "5"');
  });
});

describe('UTF-16 (with a byte order mark)', () => {
  const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

  test('one document is read', () => {
    expect(values(utf16le('a: é\n'))).toEqual([{ a: 'é' }]);
  });

  test('kubectl reads only the first document of a UTF-16 file: the others are reported', () => {
    expect(values(utf16le('a: 1\n---\nb: 2\n---\nc: 3\n'))).toEqual([
      { a: 1 },
      'the file is UTF-16: kubectl reads only its first YAML document and ignores the 2 other(s); save the file as UTF-8',
    ]);
  });
});

describe('the API server\'s request limit (3 MiB)', () => {
  const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'cnpg-reader-'));
  afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

  test('a 50 MB document is refused before it is parsed', () => {
    // GIVEN a generated 50 MB file: one Cluster with a million roles
    const file = path.join(DIR, 'huge.yaml');
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\nspec:\n  managed:\n    roles:\n');
    const chunk = Array.from({ length: 1000 }, (_, i) => `      - name: role${i}\n        login: true\n`).join('');
    let size = 0;
    while (size < 50_000_000) size += fs.writeSync(fd, chunk);
    fs.closeSync(fd);
    const bytes = fs.readFileSync(file);
    // WHEN
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const parse = jest.spyOn(require('yaml'), 'parseAllDocuments');
    const docs = parseKubectlYaml(bytes);
    // THEN one document, refused by size, and the YAML parser never saw it
    expect(docs).toHaveLength(1);
    expect(docs[0].value).toBeUndefined();
    expect(docs[0].error).toMatch(new RegExp(`^the document is ${bytes.length} bytes \\(4\\d\\.\\d MiB\\), over the API server's request limit of 3145728 bytes \\(3 MiB\\): the API server would refuse it \\("Request entity too large: limit is 3145728"\\); even without comments and indentation it is \\d+ bytes, so it was not parsed$`));
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
  });

  test('a document over 3 MiB of comments and indentation is read, and measured as the JSON kubectl sends', () => {
    const comment = `# ${'x'.repeat(1000)}\n`;
    const text = `${comment.repeat(3300)}a: 1\n`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(MAX_REQUEST_BYTES);
    expect(values(text)).toEqual([{ a: 1 }]);
  });

  test('an object whose JSON is over 3 MiB is refused once read (e.g. grown by aliases)', () => {
    const big = 'x'.repeat(1024 * 1024);
    expect(values(`a: &a "${big}"\nb: *a\nc: *a\nd: *a\n`)).toEqual([
      `the object, as the JSON kubectl sends, is ${4 * (big.length + 2) + 2 + 3 + 4 * 4} bytes (4.0 MiB), over the API server's request limit of 3145728 bytes (3 MiB): the API server would refuse it ("Request entity too large: limit is 3145728")`,
    ]);
  });

  test('a JSON object over 3 MiB is refused before it is parsed', () => {
    const text = `{"a": "${'x'.repeat(MAX_REQUEST_BYTES)}"}`;
    expect(values(text)).toEqual([`the object is ${MAX_REQUEST_BYTES + 8} bytes (3.0 MiB), over the API server's request limit of 3145728 bytes (3 MiB): the API server would refuse it ("Request entity too large: limit is 3145728"), so it was not parsed`]);
  });

  test('documents are read one at a time', () => {
    const it = readKubectlDocuments('a: 1\n---\nb: [\n---\nc: 3\n');
    expect(it.next().value).toEqual({ index: 0, line: 1, value: { a: 1 } });
    expect(it.next().value.error).toMatch(/^not valid YAML: /);
    expect(it.next().value).toEqual({ index: 2, line: 5, value: { c: 3 } });
    expect(it.next().done).toBe(true);
  });

  test('readManifestDir (plan) refuses an unreadable document, naming file and document', () => {
    const dir = fs.mkdtempSync(path.join(DIR, 'plan-'));
    fs.writeFileSync(path.join(dir, 'a.yaml'), Buffer.concat([Buffer.from('a: "'), Buffer.from([0xc0, 0xaf]), Buffer.from('"\n')]));
    expect(() => readManifestDir(dir)).toThrow(`${path.join(dir, 'a.yaml')}#0: not valid UTF-8 at line 1, column 5 of the document (byte 4): kubectl refuses it ("yaml: invalid length of a UTF-8 sequence"); save the file as UTF-8`);
  });
});
