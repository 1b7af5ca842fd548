import * as YAML from 'yaml';
import { CatalogDocument, readCatalogDocument } from '../src/supply-chain/catalog-document';
import { CatalogTrustError } from '../src/supply-chain/verify';

// readCatalogDocument (src/supply-chain/catalog-document.ts): how the verified bytes of a signed official
// catalog file are read into a typed document, strictly (every field known and kept, an unknown one refused).

const FILE = 'catalog-standard-trixie.yaml';
const PG18 = 'ghcr.io/cloudnative-pg/postgresql:18.1-202511170-standard-trixie';
const PG17 = 'ghcr.io/cloudnative-pg/postgresql:17.7-202511170-standard-trixie';
const VECTOR = 'ghcr.io/cloudnative-pg/pgvector:0.8.1-18-trixie';

/** A well-formed catalog-standard-trixie.yaml, as a plain object: one image with a full extension, one without. */
function catalog(): any {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'ClusterImageCatalog',
    metadata: {
      name: 'postgresql-standard-trixie',
      labels: {
        'images.cnpg.io/family': 'postgresql',
        'images.cnpg.io/type': 'standard',
        'images.cnpg.io/os': 'trixie',
        'images.cnpg.io/date': '20251117',
      },
    },
    spec: {
      images: [
        {
          major: 18,
          image: PG18,
          extensions: [{
            name: 'pgvector',
            image: { reference: VECTOR, pullPolicy: 'IfNotPresent' },
            extension_control_path: ['share'],
            dynamic_library_path: ['lib'],
            ld_library_path: ['system'],
            bin_path: ['bin'],
            env: [{ name: 'VECTOR_MODE', value: 'fast' }, { name: 'LEVEL', value: '3' }],
          }],
        },
        { major: 17, image: PG17 },
      ],
    },
  };
}

function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Reads `doc` (an object, written as YAML, or YAML text) as `file`. */
function read(doc: unknown, file = FILE): CatalogDocument {
  return readCatalogDocument(file, bytes(typeof doc === 'string' ? doc : YAML.stringify(doc)));
}

/** The message readCatalogDocument throws, checking it throws a CatalogTrustError. */
function refusal(doc: unknown, file = FILE): string {
  try {
    read(doc, file);
  } catch (e) {
    expect(e).toBeInstanceOf(CatalogTrustError);
    return (e as Error).message;
  }
  throw new Error('readCatalogDocument did not refuse');
}

/** The well-formed catalog, changed by `edit` before it is written. */
function edited(edit: (doc: any) => void): any {
  const doc = catalog();
  edit(doc);
  return doc;
}

const EXT0 = `${FILE} spec.images[0].extensions[0]`;

describe('readCatalogDocument: a well-formed catalog file', () => {
  test('keeps every field of the file: name, flavour, ordered labels, images and their extensions', () => {
    expect(read(catalog())).toStrictEqual({
      name: 'postgresql-standard-trixie',
      type: 'standard',
      os: 'trixie',
      labels: [
        ['images.cnpg.io/family', 'postgresql'],
        ['images.cnpg.io/type', 'standard'],
        ['images.cnpg.io/os', 'trixie'],
        ['images.cnpg.io/date', '20251117'],
      ],
      images: [
        {
          major: 18,
          image: PG18,
          extensions: [{
            name: 'pgvector',
            reference: VECTOR,
            pullPolicy: 'IfNotPresent',
            extensionControlPath: ['share'],
            dynamicLibraryPath: ['lib'],
            ldLibraryPath: ['system'],
            binPath: ['bin'],
            env: [['VECTOR_MODE', 'fast'], ['LEVEL', '3']],
          }],
        },
        { major: 17, image: PG17 },
      ],
    });
  });

  test('leaves out the extension fields the file does not set', () => {
    const doc = edited((d) => {
      d.spec.images[0].extensions = [{ name: 'pgvector', image: { reference: VECTOR } }];
    });
    expect(read(doc).images[0]).toStrictEqual({ major: 18, image: PG18, extensions: [{ name: 'pgvector', reference: VECTOR }] });
  });

  test('reads the bytes of a view into a larger buffer, not the whole buffer', () => {
    const text = YAML.stringify(catalog());
    const whole = bytes(`garbage: [\n${text}trailing: {`);
    const view = whole.subarray('garbage: [\n'.length, 'garbage: [\n'.length + bytes(text).length);
    expect(readCatalogDocument(FILE, view)).toStrictEqual(read(catalog()));
  });

  test('reads every official flavour from its own file name', () => {
    const doc = edited((d) => {
      d.metadata.name = 'postgresql-system-bullseye';
      d.metadata.labels['images.cnpg.io/type'] = 'system';
      d.metadata.labels['images.cnpg.io/os'] = 'bullseye';
    });
    const read1 = read(doc, 'catalog-system-bullseye.yaml');
    expect([read1.name, read1.type, read1.os]).toStrictEqual(['postgresql-system-bullseye', 'system', 'bullseye']);
  });
});

describe('readCatalogDocument: refusals of the file as a whole', () => {
  test('refuses a file name that is not an official catalog file name', () => {
    expect(refusal(catalog(), 'catalog-standard-trixie.yml')).toBe(
      'catalog-standard-trixie.yml: not an official catalog file name; expected catalog-<minimal|standard|system>-<bullseye|bookworm|trixie>.yaml');
  });

  // The parser's message goes on with the source lines around the error; the refusal keeps its first line.
  test('refuses bytes that are not YAML, with the first line of the parser\'s message', () => {
    expect(refusal('spec: [unclosed\n')).toBe(
      `${FILE}: not YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1:`);
  });

  test('refuses a file of more than one YAML document', () => {
    expect(refusal('apiVersion: postgresql.cnpg.io/v1\n---\nkind: ClusterImageCatalog\n')).toBe(
      `${FILE}: not YAML: Source contains multiple documents; please use YAML.parseAllDocuments() at line 2, column 1:`);
  });

  test.each([
    ['an empty file', '', 'null'],
    ['a list', '- a\n- 1\n', '["a",1]'],
    ['a string', 'catalog\n', '"catalog"'],
    ['a number', '18\n', '18'],
  ])('refuses %s: the document must be a mapping', (_what, text, shown) => {
    expect(refusal(text)).toBe(`${FILE}: expected a mapping, got ${shown}`);
  });

  test('refuses a top-level field the reader does not know, naming the fields it knows', () => {
    expect(refusal(edited((d) => { d.status = {}; }))).toBe(
      `${FILE}: unexpected field "status"; the reader knows apiVersion, kind, metadata, spec`);
  });

  test.each(['apiVersion', 'kind', 'metadata', 'spec'])('refuses a file without %s', (field) => {
    expect(refusal(edited((d) => { delete d[field]; }))).toBe(`${FILE}: missing field "${field}"`);
  });

  test.each([
    ['another apiVersion', { apiVersion: 'postgresql.cnpg.io/v2' }, 'postgresql.cnpg.io/v2 ClusterImageCatalog'],
    ['another kind', { kind: 'ImageCatalog' }, 'postgresql.cnpg.io/v1 ImageCatalog'],
  ])('refuses %s than a postgresql.cnpg.io/v1 ClusterImageCatalog', (_what, change, got) => {
    expect(refusal({ ...catalog(), ...change })).toBe(`${FILE}: expected a postgresql.cnpg.io/v1 ClusterImageCatalog, got ${got}`);
  });
});

describe('readCatalogDocument: refusals of metadata', () => {
  test('refuses a metadata field the reader does not know', () => {
    expect(refusal(edited((d) => { d.metadata.namespace = 'cnpg-system'; }))).toBe(
      `${FILE} metadata: unexpected field "namespace"; the reader knows name, labels`);
  });

  test.each(['name', 'labels'])('refuses metadata without %s', (field) => {
    expect(refusal(edited((d) => { delete d.metadata[field]; }))).toBe(`${FILE} metadata: missing field "${field}"`);
  });

  test('refuses a metadata.name that is not the one of the file\'s flavour', () => {
    expect(refusal(edited((d) => { d.metadata.name = 'postgresql-minimal-trixie'; }))).toBe(
      `${FILE}: metadata.name is postgresql-minimal-trixie, expected postgresql-standard-trixie`);
  });

  test.each([
    ['a list', ['images.cnpg.io/type=standard'], '["images.cnpg.io/type=standard"]'],
    ['empty', null, 'null'],
  ])('refuses labels that are %s, not a mapping', (_what, labels, shown) => {
    expect(refusal(edited((d) => { d.metadata.labels = labels; }))).toBe(
      `${FILE} metadata.labels: expected a mapping, got ${shown}`);
  });

  test.each([
    ['a type label of another type', 'images.cnpg.io/type', 'minimal'],
    ['an os label of another release', 'images.cnpg.io/os', 'bookworm'],
    ['no type label', 'images.cnpg.io/type', undefined],
    ['no os label', 'images.cnpg.io/os', undefined],
  ])('refuses %s than the file name says', (_what, key, value) => {
    const doc = edited((d) => {
      if (value === undefined) delete d.metadata.labels[key];
      else d.metadata.labels[key] = value;
    });
    expect(refusal(doc)).toBe(`${FILE}: labels do not describe standard/trixie`);
  });
});

describe('readCatalogDocument: refusals of spec.images', () => {
  test('refuses a spec field the reader does not know', () => {
    expect(refusal(edited((d) => { d.spec.description = 'x'; }))).toBe(
      `${FILE} spec: unexpected field "description"; the reader knows images`);
  });

  test('refuses a spec without images', () => {
    expect(refusal(edited((d) => { d.spec = {}; }))).toBe(`${FILE} spec: missing field "images"`);
  });

  test('refuses a spec that is not a mapping', () => {
    expect(refusal(edited((d) => { d.spec = [PG18]; }))).toBe(`${FILE} spec: expected a mapping, got ["${PG18}"]`);
  });

  test('refuses images that are not a list', () => {
    expect(refusal(edited((d) => { d.spec.images = { 18: PG18 }; }))).toBe(`${FILE} spec.images: expected a list`);
  });

  test('refuses an image field the reader does not know, naming the image by its index', () => {
    expect(refusal(edited((d) => { d.spec.images[1].digest = 'sha256:0'; }))).toBe(
      `${FILE} spec.images[1]: unexpected field "digest"; the reader knows major, image, extensions`);
  });

  test.each(['major', 'image'])('refuses an image without %s', (field) => {
    expect(refusal(edited((d) => { delete d.spec.images[1][field]; }))).toBe(`${FILE} spec.images[1]: missing field "${field}"`);
  });

  test.each([
    ['a fraction', 17.5],
    ['a string', '17'],
  ])('refuses a major that is %s, not an integer', (_what, major) => {
    expect(refusal(edited((d) => { d.spec.images[1].major = major; }))).toBe(`${FILE} spec.images[1].major: not an integer`);
  });

  test('refuses extensions that are not a list', () => {
    expect(refusal(edited((d) => { d.spec.images[0].extensions = { name: 'pgvector' }; }))).toBe(
      `${FILE} spec.images[0].extensions: expected a list`);
  });
});

describe('readCatalogDocument: refusals of an image\'s extensions', () => {
  test('refuses an extension that is not a mapping', () => {
    expect(refusal(edited((d) => { d.spec.images[0].extensions = ['pgvector']; }))).toBe(`${EXT0}: expected a mapping, got "pgvector"`);
  });

  test('refuses an extension field the reader does not know, naming every field it knows', () => {
    expect(refusal(edited((d) => { d.spec.images[0].extensions[0].version = '0.8.1'; }))).toBe(
      `${EXT0}: unexpected field "version"; the reader knows name, image, extension_control_path, dynamic_library_path, ld_library_path, bin_path, env`);
  });

  test.each(['name', 'image'])('refuses an extension without %s', (field) => {
    expect(refusal(edited((d) => { delete d.spec.images[0].extensions[0][field]; }))).toBe(`${EXT0}: missing field "${field}"`);
  });

  test('refuses an extension image field the reader does not know', () => {
    expect(refusal(edited((d) => { d.spec.images[0].extensions[0].image.digest = 'sha256:0'; }))).toBe(
      `${EXT0}.image: unexpected field "digest"; the reader knows reference, pullPolicy`);
  });

  test('refuses an extension image without a reference', () => {
    expect(refusal(edited((d) => { d.spec.images[0].extensions[0].image = { pullPolicy: 'Always' }; }))).toBe(
      `${EXT0}.image: missing field "reference"`);
  });

  test('refuses an extension image that is a string, not a mapping', () => {
    expect(refusal(edited((d) => { d.spec.images[0].extensions[0].image = VECTOR; }))).toBe(
      `${EXT0}.image: expected a mapping, got "${VECTOR}"`);
  });

  test.each(['extension_control_path', 'dynamic_library_path', 'ld_library_path', 'bin_path'])(
    'refuses a %s that is not a list of strings', (field) => {
      expect(refusal(edited((d) => { d.spec.images[0].extensions[0][field] = 'lib'; }))).toBe(`${EXT0}.${field}: expected a list of strings`);
      expect(refusal(edited((d) => { d.spec.images[0].extensions[0][field] = ['lib', 3]; }))).toBe(`${EXT0}.${field}: expected a list of strings`);
      expect(refusal(edited((d) => { d.spec.images[0].extensions[0][field] = [{ path: 'lib' }]; }))).toBe(`${EXT0}.${field}: expected a list of strings`);
    });

  test('refuses an env that is not a list', () => {
    expect(refusal(edited((d) => { d.spec.images[0].extensions[0].env = { VECTOR_MODE: 'fast' }; }))).toBe(`${EXT0}.env: expected a list`);
  });

  test.each(['name', 'value'])('refuses an env entry without %s, naming the entry by its index', (field) => {
    expect(refusal(edited((d) => { delete d.spec.images[0].extensions[0].env[1][field]; }))).toBe(`${EXT0}.env[1]: missing field "${field}"`);
  });

  test('refuses an env entry field the reader does not know', () => {
    expect(refusal(edited((d) => { d.spec.images[0].extensions[0].env[0].valueFrom = {}; }))).toBe(
      `${EXT0}.env[0]: unexpected field "valueFrom"; the reader knows name, value`);
  });

  test('names the image and the extension by their indexes', () => {
    const doc = edited((d) => {
      d.spec.images[1].extensions = [{ name: 'a', image: { reference: VECTOR } }, { name: 'b', image: { reference: VECTOR }, bin_path: 'bin' }];
    });
    expect(refusal(doc)).toBe(`${FILE} spec.images[1].extensions[1].bin_path: expected a list of strings`);
  });
});

describe('readCatalogDocument: refusals of values that are not strings (nothing is converted)', () => {
  test.each([
    ['a label value that is a number', (d: any) => { d.metadata.labels['images.cnpg.io/date'] = 20251117; }, `${FILE} metadata.labels["images.cnpg.io/date"]: expected a string, got 20251117`],
    ['an image that is a mapping', (d: any) => { d.spec.images[1].image = { a: 1 }; }, `${FILE} spec.images[1].image: expected a string, got {"a":1}`],
    ['an extension name that is a number', (d: any) => { d.spec.images[0].extensions[0].name = 5; }, `${EXT0}.name: expected a string, got 5`],
    ['an image reference that is a list', (d: any) => { d.spec.images[0].extensions[0].image.reference = [VECTOR]; }, `${EXT0}.image.reference: expected a string, got ["${VECTOR}"]`],
    ['a pull policy that is a boolean', (d: any) => { d.spec.images[0].extensions[0].image.pullPolicy = true; }, `${EXT0}.image.pullPolicy: expected a string, got true`],
    ['an env name that is a number', (d: any) => { d.spec.images[0].extensions[0].env[1].name = 7; }, `${EXT0}.env[1].name: expected a string, got 7`],
    ['an env value that is a number', (d: any) => { d.spec.images[0].extensions[0].env[1].value = 3; }, `${EXT0}.env[1].value: expected a string, got 3`],
    ['an env value that is null', (d: any) => { d.spec.images[0].extensions[0].env[0].value = null; }, `${EXT0}.env[0].value: expected a string, got null`],
  ])('refuses %s', (_case, edit, message) => {
    expect(refusal(edited(edit))).toBe(message);
  });
});
