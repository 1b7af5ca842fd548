import { CnpgValidation, IssueSeverity, ManifestIssue } from '../src';
import * as webhook from '../src/rules/webhook';

// What the API server does with a create request besides the schema and CEL rules themselves: the status
// reset, the CEL rules skipped after a blocking error, values JSON cannot carry, lists, null metadata values
// (apiextensions-apiserver's custom resource strategy and ObjectMeta decoding, kubectl's list handling);
// and the two verdicts: errors (the cluster refuses) and warnings (the library's own stricter rules).

const validate = (m: unknown): ManifestIssue[] => CnpgValidation.validateManifest(m);
const errors = (m: unknown): string[] => validate(m).filter((i) => i.severity === IssueSeverity.ERROR).map((i) => i.text);
const warnings = (m: unknown): string[] => validate(m).filter((i) => i.severity === IssueSeverity.WARNING).map((i) => i.text);

const RULES_NOT_CHECKED = 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';
const NOT_CHECKED = `the CRD's CEL rules were not evaluated: the API server skips all of them when the object has an error of type, required field, enum, maxLength, maxItems or maxProperties; correct those errors to complete validation (CRD rule: "${RULES_NOT_CHECKED}")`;
const DIGEST = `@sha256:${'a'.repeat(64)}`;
const PG18 = `ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie${DIGEST}`;

function cluster(spec: object = {}, metadata: object = {}): any {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: 'pg', namespace: 'app', ...metadata },
    spec: { instances: 1, imageName: PG18, storage: { size: '1Gi' }, ...spec },
  };
}

function catalog(images: object[], extra: object = {}): any {
  return { apiVersion: 'postgresql.cnpg.io/v1', kind: 'ImageCatalog', metadata: { name: 'pg', namespace: 'app' }, spec: { images, ...extra } };
}

function database(spec: object): any {
  return { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Database', metadata: { name: 'db', namespace: 'app' }, spec: { name: 'app', owner: 'app', cluster: { name: 'pg' }, ...spec } };
}

describe('status on create', () => {
  test('is dropped, not validated, for a kind with the status subresource (Cluster)', () => {
    expect(validate(cluster({}, {}))).toEqual([]);
    expect(validate({ ...cluster(), status: { phase: 42, anything: ['at', 'all'] } })).toEqual([]);
  });

  test('is a field like any other for a kind without it (ImageCatalog has neither status subresource nor status field)', () => {
    expect(errors({ ...catalog([{ major: 18, image: PG18 }]), status: {} })).toEqual([
      'status: unknown field "status": the CRD does not declare it, so the API server would drop it silently; accepted: apiVersion, kind, metadata, spec (CRD schema: "field not declared in schema")',
    ]);
  });
});

describe('CEL rules after a blocking error', () => {
  const duplicateMajors = (n: number) => Array.from({ length: n }, (_, i) => ({ major: 18, image: PG18.replace('18.6', `18.${i}`) }));

  test('a blocking error (maxItems) skips every CEL rule of the object, with the API server\'s one message', () => {
    // 9 images (at most 8) with one major: the uniqueness rule would fail, but is not run
    const issues = validate(catalog(duplicateMajors(9)));
    expect(issues.map((i) => i.text)).toEqual(['spec.images: 9 items; at most 8 are accepted (CRD schema: "must have at most 8 items")', NOT_CHECKED]);
    expect(issues[1]).toEqual({
      path: '',
      message: NOT_CHECKED.replace(/ \(CRD rule: .*$/, ''),
      source: 'CRD rule',
      severity: IssueSeverity.ERROR,
      upstream: RULES_NOT_CHECKED,
      text: NOT_CHECKED,
    });
  });

  test.each([
    ['type', { instances: 'one', postgresql: { synchronous: { method: 'any', number: 0 } } }, 'spec.instances: "one" is a string; expected an integer'],
    ['required', { storage: {}, bootstrap: { initdb: { icuLocale: 'en' } }, postgresql: { synchronous: { number: 0 } } }, 'spec.postgresql.synchronous.method: required field "method" is missing'],
    ['enum', { logLevel: 'loud', postgresql: { synchronous: { method: 'any', number: 0 } } }, 'spec.logLevel: "loud" is not accepted'],
    ['maxLength', { postgresql: { synchronous: { method: 'any', number: 0 }, extensions: [{ name: 'x'.repeat(60) }] } }, 'spec.postgresql.extensions[0].name: "xxxxxxxx'],
  ])('a %s error blocks the CEL rules', (_keyword, spec, first) => {
    const found = errors(cluster(spec));
    expect(found.some((t) => t.startsWith(first))).toBe(true);
    expect(found).toContain(NOT_CHECKED);
    expect(found.some((t) => t.includes('fails rule'))).toBe(false);
  });

  test('a maxProperties error blocks them too (API server error type TooMany)', () => {
    // no CNPG schema has maxProperties: a schema of the validator's own, through the same engine
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { checkStructure } = require('../src/validator/schema-validator');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { schemaTree } = require('../src/validator/crd-schema');
    const result = checkStructure({ a: '1', b: '2' }, schemaTree({ type: 'object', maxProperties: 1, additionalProperties: { type: 'string' } }));
    expect(result.blocking).toBe(true);
    expect(checkStructure({ a: 'x' }, schemaTree({ type: 'object', properties: { a: { type: 'string', pattern: '^[0-9]+$' } } })).blocking).toBe(false);
  });

  test('errors that do not block (minimum, pattern, list-map duplicates) leave the CEL rules running', () => {
    const images = [{ major: 9, image: PG18 }, { major: 9, image: PG18 }];
    const found = errors(catalog(images));
    expect(found).toHaveLength(3);
    expect(found.slice(0, 2)).toEqual([
      'spec.images[0].major: 9 is too small; expected at least 10 (CRD schema: "should be greater than or equal to 10")',
      'spec.images[1].major: 9 is too small; expected at least 10 (CRD schema: "should be greater than or equal to 10")',
    ]);
    expect(found[2]).toMatch(/^spec\.images: .* fails rule self\.all\(e, self\.filter\(f, f\.major==e\.major\)\.size\(\) == 1\) \(CRD rule: "Images must have unique major versions"\)$/);
  });

  test('a blocking error of the metadata (no name: Required) blocks them as well', () => {
    expect(errors(cluster({ postgresql: { synchronous: { method: 'any', number: 0 } } }, { name: undefined }))).toEqual([
      'metadata.name: Cluster has no name; expected metadata.name (a lowercase DNS-1123 subdomain) (CRD schema: "Required value: name or generateName is required")',
      NOT_CHECKED,
    ]);
  });

  test('a kind whose CRD has no CEL rule at all gets no such message (the API server has no CEL validator for it)', () => {
    // FailoverQuorum (status only): a missing name is a blocking error (Required)
    const quorum = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'FailoverQuorum', metadata: { namespace: 'app' } };
    expect(CnpgValidation.celRules('FailoverQuorum')).toEqual([]);
    expect(errors(quorum)).toEqual([
      'metadata.name: FailoverQuorum has no name; expected metadata.name (a lowercase DNS-1123 subdomain) (CRD schema: "Required value: name or generateName is required")',
    ]);
  });

  test('a 10,000-item list over its maxItems: one error, no rule run (no timing asserted: see the note of the change)', () => {
    const issues = validate(catalog(duplicateMajors(10_000)));
    expect(issues.map((i) => i.text)).toEqual(['spec.images: 10000 items; at most 8 are accepted (CRD schema: "must have at most 8 items")', NOT_CHECKED]);
  });

  test('a 10,000-item list without maxItems runs its items\' rules once each', () => {
    const fdws = Array.from({ length: 10_000 }, (_, i) => ({ name: `fdw${i}`, usage: [{ name: i === 9_999 ? '' : `role${i}` }] }));
    expect(errors(database({ fdws }))).toEqual(['spec.fdws[9999].usage[0].name: "" fails rule self != \'\' (CRD rule: "name is required")']);
  });
});

describe('values JSON cannot carry', () => {
  test.each([
    ['NaN', NaN, 'NaN is not a finite number; a manifest holds only finite numbers (JSON has no NaN or Infinity, and kubectl cannot send the YAML\'s .nan) (CRD schema: "json: unsupported value: NaN")'],
    ['Infinity', Infinity, 'Infinity is not a finite number; a manifest holds only finite numbers (JSON has no NaN or Infinity, and kubectl cannot send the YAML\'s .inf) (CRD schema: "json: unsupported value: +Inf")'],
    ['-Infinity', -Infinity, '-Infinity is not a finite number; a manifest holds only finite numbers (JSON has no NaN or Infinity, and kubectl cannot send the YAML\'s -.inf) (CRD schema: "json: unsupported value: -Inf")'],
    ['a BigInt', BigInt(3), '3n is a BigInt; a manifest holds JSON numbers (give a number, or a string for a quantity) (CRD schema)'],
    ['a function', () => 3, 'a function is a function, not a JSON value; it would be dropped from the manifest silently (CRD schema)'],
    ['a symbol', Symbol('three'), 'Symbol(three) is a symbol, not a JSON value; it would be dropped from the manifest silently (CRD schema)'],
  ])('%s is an error at its path, and nothing else is checked', (_what, value, message) => {
    expect(errors(cluster({ instances: value }))).toEqual([`spec.instances: ${message}`]);
  });

  test('deep inside lists and maps, every one of them', () => {
    expect(validate(cluster({ postgresql: { parameters: { work_mem: NaN } }, managed: { roles: [{ name: 'a', connectionLimit: Infinity }] } })).map((i) => i.path)).toEqual([
      'spec.postgresql.parameters.work_mem',
      'spec.managed.roles[0].connectionLimit',
    ]);
  });

  test('a circular reference is an error, not a crash', () => {
    const m = cluster();
    m.spec.self = m.spec;
    expect(errors(m)).toEqual(['spec.self: refers back to an object that contains it; a manifest is a tree (JSON cannot hold a circular reference) (CRD schema)']);
  });

  test('the same object twice (not a circle) is fine', () => {
    const storage = { size: '1Gi' };
    expect(errors(cluster({ storage, walStorage: storage }))).toEqual([]);
  });
});

describe('lists, item by item as kubectl sends them', () => {
  test('a v1/List: each CNPG item validated, paths prefixed with items[i], other items skipped', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, cluster({ instances: 0 }), cluster()] };
    expect(errors(list)).toEqual(['items[1].spec.instances: 0 is too small; expected at least 1 (CRD schema: "should be greater than or equal to 1")']);
  });

  test('a ClusterList: items without kind and apiVersion take the list\'s (kind without List)', () => {
    const { apiVersion: _a, kind: _k, ...item } = cluster({ instances: 0 });
    const list = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'ClusterList', metadata: {}, items: [item] };
    expect(errors(list)).toEqual(['items[0].spec.instances: 0 is too small; expected at least 1 (CRD schema: "should be greater than or equal to 1")']);
  });

  test('an item of another kind in a typed list keeps its own kind', () => {
    const list = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'ClusterList', items: [catalog([{ major: 9, image: PG18 }])] };
    expect(errors(list)).toEqual(['items[0].spec.images[0].major: 9 is too small; expected at least 10 (CRD schema: "should be greater than or equal to 10")']);
  });

  test('items that are not a list: the document is refused, as kubectl refuses it', () => {
    expect(errors({ apiVersion: 'v1', kind: 'List', items: { a: 1 } })).toEqual([
      'items: {"a":1} is object; an object with an items field is a list for kubectl, and items must be a list of objects (CRD schema: "cannot unmarshal object into Go struct field .items of type []json.RawMessage")',
    ]);
  });

  test('a list without any CNPG object says so', () => {
    expect(errors({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap' }] })).toEqual([
      'items: the list holds no object of the CloudNativePG API group (1 item(s)); expected "postgresql.cnpg.io/v1" objects (CRD schema)',
    ]);
  });

  test('a NaN in a list is found with its item', () => {
    expect(errors({ apiVersion: 'v1', kind: 'List', items: [cluster({ instances: NaN })] })[0]).toMatch(/^items\[0\]\.spec\.instances: NaN is not a finite number/);
  });
});

describe('null metadata values, read as the API server reads them', () => {
  test('namespace: ~ is no namespace; a null label or annotation value is the empty string', () => {
    expect(validate(cluster({}, { namespace: null, labels: { team: null }, annotations: { 'example.com/note': null }, finalizers: null }))).toEqual([]);
  });

  test('a null cnpg.io/validation annotation is "", which does not turn the webhook off', () => {
    const spy = jest.spyOn(webhook, 'webhookViolations');
    validate(cluster({}, { name: 'nullable', annotations: { 'cnpg.io/validation': null } }));
    expect(spy.mock.calls.map(([m]) => m.metadata.annotations)).toEqual([{ 'cnpg.io/validation': '' }]);
    spy.mockRestore();
  });

  test('a null name is no name', () => {
    expect(errors(cluster({}, { name: null }))[0]).toBe('metadata.name: Cluster has no name; expected metadata.name (a lowercase DNS-1123 subdomain) (CRD schema: "Required value: name or generateName is required")');
  });
});

describe('two verdicts: errors and the library\'s own warnings', () => {
  const NOTE = "(the library's own rule, stricter than CloudNativePG, which accepts this)";

  test('an image that is not digest-pinned is a warning, not an error', () => {
    const issues = validate(cluster({ imageName: 'ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie' }));
    expect(issues).toEqual([{
      path: 'spec.imageName',
      message: '"ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie" is not digest-pinned; the library pins every image (<registry>/<repository>[:<tag>]@sha256:<64 hex digits>): a tag can be moved to other content, a digest cannot',
      source: 'library',
      severity: IssueSeverity.WARNING,
      upstream: undefined,
      text: `warning: spec.imageName: "ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie" is not digest-pinned; the library pins every image (<registry>/<repository>[:<tag>]@sha256:<64 hex digits>): a tag can be moved to other content, a digest cannot ${NOTE}`,
    }]);
  });

  test('catalog images: digest pinning and reference syntax the operator does not check', () => {
    expect(warnings(catalog([{ major: 18, image: 'ghcr.io/CloudNativePG/postgresql:18' }], { componentImages: [{ key: 'pgbouncer', image: 'ghcr.io/cloudnative-pg/pgbouncer:1.25.1' }] }))).toEqual([
      `warning: spec.images[0].image: "ghcr.io/CloudNativePG/postgresql:18" is not a valid image reference; expected <registry>/<repository>[:<tag>]@sha256:<64 hex digits> ${NOTE}`,
      `warning: spec.componentImages[0].image: "ghcr.io/cloudnative-pg/pgbouncer:1.25.1" is not digest-pinned; the library pins every image (<registry>/<repository>[:<tag>]@sha256:<64 hex digits>): a tag can be moved to other content, a digest cannot ${NOTE}`,
    ]);
    expect(errors(catalog([{ major: 18, image: 'ghcr.io/CloudNativePG/postgresql:18' }]))).toEqual([]);
  });

  test('extension images: pull policy spelling and pinning', () => {
    const extensions = [{ name: 'pgvector', image: { reference: 'ghcr.io/cloudnative-pg/pgvector:0.8.1-18-trixie', pullPolicy: 'always' } }];
    expect(warnings(cluster({ postgresql: { extensions } }))).toEqual([
      `warning: spec.postgresql.extensions[0].image.reference: "ghcr.io/cloudnative-pg/pgvector:0.8.1-18-trixie" is not digest-pinned; the library pins every image (<registry>/<repository>[:<tag>]@sha256:<64 hex digits>): a tag can be moved to other content, a digest cannot ${NOTE}`,
      `warning: spec.postgresql.extensions[0].image.pullPolicy: "always" is not a pull policy; expected one of Always, Never, IfNotPresent ${NOTE}`,
    ]);
  });

  test('an upper-case repository in imageName: the operator admits it, the library\'s grammar warns', () => {
    const issues = validate(cluster({ imageName: `registry.example.com/Team/postgresql:18.6${DIGEST}` }));
    expect(issues.map((i) => i.text)).toEqual([
      `warning: spec.imageName: "registry.example.com/Team/postgresql:18.6${DIGEST}" is not a valid image reference; expected <registry>/<repository>[:<tag>]@sha256:<64 hex digits> ${NOTE}`,
    ]);
  });

  test('the library\'s security hardening is an error, not a warning (a fixed parameter in another case)', () => {
    const issues = validate(cluster({ postgresql: { parameters: { ARCHIVE_CLEANUP_COMMAND: 'rm -rf /' } } }));
    expect(issues.map((i) => [i.severity, i.source, i.path])).toEqual([[IssueSeverity.ERROR, 'library', 'spec.postgresql.parameters.ARCHIVE_CLEANUP_COMMAND']]);
  });

  test('the Pooler\'s PgBouncer image', () => {
    const pooler = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Pooler', metadata: { name: 'p', namespace: 'app' }, spec: { cluster: { name: 'pg' }, pgbouncer: { image: 'ghcr.io/cloudnative-pg/pgbouncer:1.25.1' } } };
    expect(validate(pooler).map((i) => [i.severity, i.path])).toEqual([[IssueSeverity.WARNING, 'spec.pgbouncer.image']]);
  });

  test('warnings come with the errors, apart', () => {
    const issues = validate(cluster({ instances: 0, imageName: 'ghcr.io/cloudnative-pg/postgresql:18.6' }));
    expect(issues.map((i) => [i.severity, i.path])).toEqual([[IssueSeverity.ERROR, 'spec.instances'], [IssueSeverity.WARNING, 'spec.imageName']]);
  });
});
