import { CnpgValidation, IssueSeverity, ManifestIssue } from '../src';
import { resetValidationMemo } from '../src/admission/manifest';
import { formatViolation } from '../src/common/errors';
import { parseKubectlYaml } from '../src/common/yaml';
import { OPERATOR_DEFAULT_IMAGE } from '../src/rules/defaults';
import * as webhook from '../src/rules/webhook';
import { evaluateRules } from '../src/validator/cel';
import { schemaTree } from '../src/validator/crd-schema';
import { checkStructure } from '../src/validator/schema-validator';

// The validator engine: what the API server does with a create request for a CNPG object, in its order
// (YAML as kubectl reads it, defaults, mutating webhook, schema and CEL, validating webhook).

const validate = (m: unknown): ManifestIssue[] => CnpgValidation.validateManifest(m);
/** The errors' texts (warnings, the library's own rules, have tests of their own). */
const texts = (m: unknown): string[] => validate(m).filter((i) => i.severity === IssueSeverity.ERROR).map((i) => i.text);
const errors = (m: unknown): ManifestIssue[] => validate(m).filter((i) => i.severity === IssueSeverity.ERROR);
/** The API server's one error in place of the CEL rules it skips after a blocking schema error. */
const NOT_CHECKED = 'the CRD\'s CEL rules were not evaluated: the API server skips all of them when the object has an error of type, required field, enum, maxLength, maxItems or maxProperties; correct those errors to complete validation (CRD rule: "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation")';

function cluster(spec: object = {}, metadata: object = {}): any {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: 'pg', namespace: 'app', ...metadata },
    spec: {
      instances: 1,
      imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ImageCatalog', name: 'pg', major: 18 },
      storage: { size: '1Gi' },
      ...spec,
    },
  };
}

/** A Pooler whose pod template has the given containers. */
function pooler(containers: object[]): any {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Pooler',
    metadata: { name: 'pooler', namespace: 'app' },
    spec: { cluster: { name: 'pg' }, pgbouncer: {}, template: { spec: { containers } } },
  };
}

function catalog(kind = 'ImageCatalog', spec: object = {}, metadata: object = {}): any {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind,
    metadata: { name: 'pg', ...(kind === 'ImageCatalog' ? { namespace: 'app' } : {}), ...metadata },
    spec: { images: [{ major: 18, image: 'ghcr.io/cloudnative-pg/postgresql:18.6' }], ...spec },
  };
}

describe('the object', () => {
  test('a valid Cluster has no issue', () => {
    expect(errors(cluster())).toEqual([]);
  });

  test('an issue carries path, message, source, the upstream message and one line of text', () => {
    expect(validate(cluster({ instances: 0 }))).toStrictEqual([{
      path: 'spec.instances',
      message: '0 is too small; expected at least 1',
      source: 'CRD schema',
      severity: IssueSeverity.ERROR,
      upstream: 'should be greater than or equal to 1',
      text: 'spec.instances: 0 is too small; expected at least 1 (CRD schema: "should be greater than or equal to 1")',
    }]);
  });

  test('is not modified (defaults go to the validator\'s own copy)', () => {
    const manifest = cluster({ postgresql: { synchronous: { method: 'any', number: 1 } } });
    const before = JSON.stringify(manifest);
    validate(manifest);
    expect(JSON.stringify(manifest)).toBe(before);
  });

  test('a non-object is refused', () => {
    expect(texts('hello')).toEqual(['"hello" is string; expected a Kubernetes object with apiVersion, kind and metadata (CRD schema)']);
  });

  test('an object outside the CNPG API group yields one issue saying so', () => {
    expect(CnpgValidation.isCnpgManifest({ apiVersion: 'v1', kind: 'ConfigMap' })).toBe(false);
    expect(texts({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })).toEqual([
      'apiVersion: "v1" is not of the CloudNativePG API group; expected "postgresql.cnpg.io/v1" (or a kind of another group the library validates: barmancloud.cnpg.io, policy.sigstore.dev, kyverno.io, policies.kyverno.io) (CRD schema)',
    ]);
  });

  test('an object of the Barman Cloud plugin\'s group is validated against its ObjectStore schema', () => {
    const store = { apiVersion: 'barmancloud.cnpg.io/v1', kind: 'ObjectStore', metadata: { name: 'store' }, spec: { configuration: { destinationPath: 's3://bucket/' } } };
    expect(CnpgValidation.isCnpgManifest(store)).toBe(true);
    expect(texts(store)).toEqual([]);
    expect(texts({ ...store, spec: { configuration: {} } })).toEqual([
      'spec.configuration.destinationPath: required field "destinationPath" is missing (CRD schema: "Required value")',
      NOT_CHECKED,
    ]);
    expect(texts({ ...store, kind: 'Store' })).toEqual([
      'kind: "Store" is not a barmancloud.cnpg.io kind; expected one of ObjectStore (CRD schema: "no matches for kind "Store" in group "barmancloud.cnpg.io"")',
    ]);
  });

  test('an unknown CNPG kind is refused with the kinds that exist', () => {
    expect(texts({ apiVersion: 'postgresql.cnpg.io/v1', kind: 'Clusters', metadata: { name: 'x' } })).toEqual([
      'kind: "Clusters" is not a CloudNativePG kind; expected one of Backup, Cluster, ClusterImageCatalog, Database, DatabaseRole, FailoverQuorum, ImageCatalog, Pooler, Publication, ScheduledBackup, Subscription (CRD schema: "no matches for kind "Clusters" in group "postgresql.cnpg.io"")',
    ]);
  });

  test('a version the CRD does not serve is refused', () => {
    expect(texts({ ...cluster(), apiVersion: 'postgresql.cnpg.io/v2' })).toEqual([
      'apiVersion: "postgresql.cnpg.io/v2" is not served for Cluster; expected "postgresql.cnpg.io/v1" (CRD schema: "no matches for kind "Cluster" in version "postgresql.cnpg.io/v2"")',
    ]);
  });

  test('every one of the 11 CNPG kinds has a schema', () => {
    for (const kind of ['Backup', 'Cluster', 'ClusterImageCatalog', 'Database', 'DatabaseRole', 'FailoverQuorum', 'ImageCatalog', 'Pooler', 'Publication', 'ScheduledBackup', 'Subscription']) {
      const issues = validate({ apiVersion: 'postgresql.cnpg.io/v1', kind, metadata: { name: 'x' }, unknownField: 1 });
      expect(issues.map((i) => i.path)).toContain('unknownField');
    }
  });
});

describe('objects that differ only in metadata (a fleet from one template)', () => {
  afterEach(() => jest.restoreAllMocks());

  test('share the schema and CEL evaluation, and keep their own metadata checks', () => {
    const spec = { instances: 0 };
    expect(texts(cluster(spec, { name: 'a' }))).toEqual(['spec.instances: 0 is too small; expected at least 1 (CRD schema: "should be greater than or equal to 1")']);
    expect(texts(cluster(spec, { name: 'B' }))).toEqual([
      'metadata.name: "B" is not a valid object name; expected a lowercase DNS-1123 subdomain of at most 253 characters (CRD schema)',
      'spec.instances: 0 is too small; expected at least 1 (CRD schema: "should be greater than or equal to 1")',
    ]);
  });

  test('the webhook sees each object with its own metadata', () => {
    const spy = jest.spyOn(webhook, 'webhookViolations');
    validate(cluster({}, { name: 'one' }));
    validate(cluster({}, { name: 'two' }));
    expect(spy.mock.calls.map(([m]) => m.metadata.name)).toEqual(['one', 'two']);
    expect(spy.mock.calls[1][0].spec.bootstrap).toEqual({ initdb: { database: 'app', owner: 'app', encoding: 'UTF8', localeCollate: 'C', localeCType: 'C' } });
  });
});

describe('ObjectMeta', () => {
  test('a missing name is refused', () => {
    expect(texts({ ...cluster(), metadata: { namespace: 'app' } })).toEqual([
      'metadata.name: Cluster has no name; expected metadata.name (a lowercase DNS-1123 subdomain) (CRD schema: "Required value: name or generateName is required")',
      NOT_CHECKED,
    ]);
  });

  test('generateName stands in for a name', () => {
    expect(errors({ ...cluster(), metadata: { generateName: 'pg-' } })).toEqual([]);
  });

  test('missing metadata, metadata of the wrong type and a name of the wrong type are refused', () => {
    const { metadata: _, ...noMeta } = cluster();
    expect(texts(noMeta)).toContain('metadata: Cluster has no metadata; expected at least metadata.name (CRD schema: "Required value")');
    expect(texts({ ...cluster(), metadata: 'pg' })).toContain('metadata: "pg" is string; expected an object (CRD schema: "must be of type object")');
    expect(texts({ ...cluster(), metadata: { name: 7 } })).toEqual(['metadata.name: 7 is integer; expected a string (CRD schema: "must be of type string")']);
  });

  test('an invalid name is refused', () => {
    expect(texts(cluster({}, { name: 'My_Cluster' }))).toEqual([
      'metadata.name: "My_Cluster" is not a valid object name; expected a lowercase DNS-1123 subdomain of at most 253 characters (CRD schema)',
    ]);
  });

  test('an invalid namespace is refused', () => {
    expect(texts(cluster({}, { namespace: 'App' }))).toEqual([
      'metadata.namespace: "App" is not a valid namespace; expected a lowercase DNS-1123 label of at most 63 characters (CRD schema)',
    ]);
  });

  test('a namespace on a ClusterImageCatalog is refused: the API server would drop it silently', () => {
    expect(texts(catalog('ClusterImageCatalog', {}, { namespace: 'app' }))).toEqual([
      'metadata.namespace: ClusterImageCatalog is cluster-scoped, yet metadata.namespace is "app"; remove it (the API server ignores it and a GitOps tool would report a permanent diff) (CRD schema)',
    ]);
    expect(errors(catalog('ClusterImageCatalog'))).toEqual([]);
  });

  test('an unknown metadata field is refused', () => {
    expect(texts(cluster({}, { label: { a: 'b' } }))).toEqual([
      'metadata.label: unknown field "label": ObjectMeta has no such field, so the API server would drop it silently (CRD schema: "field not declared in schema")',
    ]);
  });

  test('labels: keys are qualified names, values label values, all strings', () => {
    expect(texts(cluster({}, { labels: { 'example.com/tier': 'gold', 'Bad Key': 'x', 'team': 'a b', 'n': 1, 'Example.com/x': 'y' } }))).toEqual([
      'metadata.labels.n: label value 1 is integer; expected a string (quote it in YAML) (CRD schema: "must be of type string")',
      'metadata.labels["Bad Key"]: label key "Bad Key" is not a qualified name: its name part "Bad Key" is not 1 to 63 characters of [A-Za-z0-9-_.] starting and ending with a letter or digit (CRD schema)',
      'metadata.labels.team: label value "a b" is not accepted; expected at most 63 characters of [A-Za-z0-9-_.], starting and ending with a letter or digit (CRD schema)',
      'metadata.labels["Example.com/x"]: label key "Example.com/x" is not a qualified name: its prefix "Example.com" is not a lowercase DNS subdomain (CRD schema)',
    ]);
  });

  test('annotations: values are strings, keys qualified names, at most 256 KiB in all', () => {
    expect(texts(cluster({}, { annotations: { 'a/b/c': 'x', 'ok': true } }))).toEqual([
      'metadata.annotations.ok: annotation value true is boolean; expected a string (quote it in YAML) (CRD schema: "must be of type string")',
      'metadata.annotations["a/b/c"]: annotation key "a/b/c" is not a qualified name: its name part "b/c" is not 1 to 63 characters of [A-Za-z0-9-_.] starting and ending with a letter or digit (CRD schema)',
    ]);
    expect(texts(cluster({}, { annotations: { big: 'x'.repeat(300_000) } }))).toEqual([
      'metadata.annotations: annotations total 300003 bytes; at most 262144 are accepted (CRD schema: "Too long: must have at most 262144 bytes")',
      NOT_CHECKED,
    ]);
    expect(texts(cluster({}, { labels: 'a=b' }))).toEqual(['metadata.labels: "a=b" is string; expected a map of strings (CRD schema: "must be of type object")']);
  });

  test('finalizers are a list of strings', () => {
    expect(texts(cluster({}, { finalizers: 'x' }))).toEqual(['metadata.finalizers: "x" is not a list of strings (CRD schema)']);
  });
});

describe('structural schema', () => {
  test('an unknown field is refused (the API server would prune it silently), with a suggestion', () => {
    expect(texts(cluster({ instance: 3 }))).toEqual([
      'spec.instance: unknown field "instance": the CRD does not declare it, so the API server would drop it silently; did you mean "instances"? (CRD schema: "field not declared in schema")',
    ]);
  });

  test('an unknown field lists what is accepted when the object is small', () => {
    expect(texts(cluster({ storage: { size: '1Gi', sise: '2Gi', zzz: 1 } }))).toContain(
      'spec.storage.zzz: unknown field "zzz": the CRD does not declare it, so the API server would drop it silently; accepted: pvcTemplate, resizeInUseVolumes, size, storageClass (CRD schema: "field not declared in schema")',
    );
  });

  test('an object schema without properties prunes everything: its fields are unknown', () => {
    expect(texts(cluster({ ephemeralVolumeSource: { volumeClaimTemplate: { metadata: { labels: { a: 'b' } }, spec: {} } } }))).toEqual([
      'spec.ephemeralVolumeSource.volumeClaimTemplate.metadata.labels: unknown field "labels": the CRD does not declare it, so the API server would drop it silently; this object accepts no fields (CRD schema: "field not declared in schema")',
    ]);
  });

  test('an unknown top-level field is refused', () => {
    expect(texts({ ...cluster(), extra: 1 })).toEqual([
      'extra: unknown field "extra": the CRD does not declare it, so the API server would drop it silently; accepted: apiVersion, kind, metadata, spec, status (CRD schema: "field not declared in schema")',
    ]);
  });

  test('types: the bad value, its type and the expected type', () => {
    expect(texts(cluster({ instances: 'three' }))).toEqual([
      'spec.instances: "three" is a string; expected an integer (CRD schema: "must be of type integer")',
      NOT_CHECKED,
    ]);
    expect(texts(cluster({ instances: 1.5 }))).toEqual(['spec.instances: 1.5 is a number; expected an integer (CRD schema: "must be of type integer")', NOT_CHECKED]);
    expect(texts(cluster({ storage: 'big' }))).toEqual(['spec.storage: "big" is a string; expected an object (CRD schema: "must be of type object")', NOT_CHECKED]);
    expect(texts(cluster({ postgresql: { parameters: { max_connections: 100 } } }))).toEqual([
      'spec.postgresql.parameters.max_connections: 100 is an integer; expected a string (quote it in YAML to make it a string) (CRD schema: "must be of type string")',
      NOT_CHECKED,
    ]);
  });

  test('int-or-string accepts both and refuses anything else', () => {
    expect(errors(cluster({ resources: { requests: { cpu: 1, memory: '512Mi' } } }))).toEqual([]);
    expect(texts(cluster({ resources: { requests: { cpu: true } } }))).toEqual([
      'spec.resources.requests.cpu: true is a boolean; expected an integer or a string (quote it in YAML: kubectl reads YAML 1.1, where an unquoted on, off, yes, no, y, n, true or false is a boolean) (CRD schema: "must be of type integer or string")',
      NOT_CHECKED,
    ]);
  });

  test('enum, minimum, maximum', () => {
    expect(texts(cluster({ logLevel: 'verbose' }))).toEqual([
      'spec.logLevel: "verbose" is not accepted; expected one of "error", "warning", "info", "debug", "trace" (CRD schema: "Unsupported value: "verbose": supported values: "error", "warning", "info", "debug", "trace"")',
      NOT_CHECKED,
    ]);
    expect(texts(cluster({ bootstrap: { initdb: { walSegmentSize: 0 } } }))).toEqual([
      'spec.bootstrap.initdb.walSegmentSize: 0 is too small; expected at least 1 (CRD schema: "should be greater than or equal to 1")',
    ]);
    expect(texts(cluster({ bootstrap: { initdb: { walSegmentSize: 4096 } } }))).toEqual([
      'spec.bootstrap.initdb.walSegmentSize: 4096 is too large; expected at most 1024 (CRD schema: "should be less than or equal to 1024")',
    ]);
  });

  test('pattern, minLength, maxLength', () => {
    expect(texts(catalog('ImageCatalog', { componentImages: [{ key: 'PgBouncer', image: 'x' }] }))).toEqual([
      'spec.componentImages[0].key: "PgBouncer" does not match ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ (CRD schema: "should match \'^[a-z0-9]([-a-z0-9]*[a-z0-9])?$\'")',
    ]);
    expect(texts(cluster({ postgresql: { extensions: [{ name: '' }] } }))).toEqual([
      'spec.postgresql.extensions[0].name: "" is 0 characters; at least 1 are required (CRD schema: "should be at least 1 chars long")',
      'spec.postgresql.extensions[0].name: "" does not match ^[a-z0-9]([-a-z0-9_]*[a-z0-9])?$ (CRD schema: "should match \'^[a-z0-9]([-a-z0-9_]*[a-z0-9])?$\'")',
    ]);
    expect(texts(cluster({ postgresql: { extensions: [{ name: 'x'.repeat(60) }] } }))).toEqual([
      `spec.postgresql.extensions[0].name: "${'x'.repeat(60)}" is 60 characters; at most 59 are accepted (CRD schema: "should be at most 59 chars long")`,
      NOT_CHECKED,
    ]);
  });

  test('minItems and maxItems', () => {
    expect(texts(catalog('ImageCatalog', { images: [] }))).toEqual(['spec.images: 0 items; at least 1 are required (CRD schema: "should have at least 1 items")']);
    const many = Array.from({ length: 33 }, (_, i) => ({ key: `k${i}`, image: 'x' }));
    expect(texts(catalog('ImageCatalog', { componentImages: many }))).toEqual(['spec.componentImages: 33 items; at most 32 are accepted (CRD schema: "must have at most 32 items")', NOT_CHECKED]);
  });

  test('a required field missing deep inside a list', () => {
    expect(texts(catalog('ImageCatalog', { images: [{ major: 18 }] }))).toEqual([
      'spec.images[0].image: required field "image" is missing (CRD schema: "Required value")',
      NOT_CHECKED,
    ]);
  });

  test('x-kubernetes-list-type map: a repeated key is refused', () => {
    expect(texts(cluster({ postgresql: { extensions: [{ name: 'pgvector' }, { name: 'postgis' }, { name: 'pgvector' }] } }))).toEqual([
      'spec.postgresql.extensions[2]: {"name":"pgvector"} repeats item 0; "name" must be unique in this list (x-kubernetes-list-type: map) (CRD schema: "Duplicate value: {"name":"pgvector"}")',
    ]);
  });

  test('x-kubernetes-list-type map with two keys', () => {
    expect(texts(pooler([{ name: 'pgbouncer', ports: [{ containerPort: 5432, protocol: 'TCP' }, { containerPort: 5432, protocol: 'UDP' }, { containerPort: 5432, protocol: 'TCP' }] }]))).toEqual([
      'spec.template.spec.containers[0].ports[2]: {"containerPort":5432,"protocol":"TCP"} repeats item 0; "containerPort" and "protocol" must be unique in this list (x-kubernetes-list-type: map) (CRD schema: "Duplicate value: {"containerPort":5432,"protocol":"TCP"}")',
    ]);
  });

  test('x-kubernetes-list-type set: a repeated item is refused', () => {
    expect(texts(pooler([{ name: 'c', restartPolicyRules: [{ action: 'Restart', exitCodes: { operator: 'In', values: [1, 2, 1] } }] }]))).toEqual([
      'spec.template.spec.containers[0].restartPolicyRules[0].exitCodes.values[2]: 1 repeats item 0; items must be unique in this list (x-kubernetes-list-type: set) (CRD schema: "Duplicate value: 1")',
    ]);
  });

  test('formats: int32 range, date-time', () => {
    expect(texts(cluster({ primaryLease: { retryPeriodSeconds: 2 ** 31 } }))).toEqual([
      'spec.primaryLease.retryPeriodSeconds: 2147483648 is not a 32-bit integer (-2147483648 to 2147483647) (CRD schema: "must be of type int32")',
    ]);
    expect(errors(cluster({ managed: { roles: [{ name: 'r', validUntil: '2027-01-31T12:00:00Z' }] } }))).toEqual([]);
    expect(texts(cluster({ managed: { roles: [{ name: 'r', validUntil: '2027-02-30' }] } }))).toEqual([
      'spec.managed.roles[0].validUntil: "2027-02-30" is not an RFC 3339 date-time such as "2026-01-31T12:00:00Z" (CRD schema: "must be of type date-time")',
    ]);
  });

  test('a null is pruned before defaulting, as the API server does, and is then defaulted', () => {
    expect(errors(cluster({ affinity: null, logLevel: null }))).toEqual([]);
  });

  test('a null inside a list is a type error', () => {
    expect(texts(cluster({ postgresql: { shared_preload_libraries: ['auto_explain', null] } }))).toEqual([
      'spec.postgresql.shared_preload_libraries[1]: null is null; expected a string (CRD schema: "must be of type string")',
      NOT_CHECKED,
    ]);
  });

  test('a large object is checked through every present field (validators are compiled per node)', () => {
    expect(texts(cluster({
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: [1] }] }] } } },
    }))).toEqual([
      'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[0]: 1 is an integer; expected a string (quote it in YAML to make it a string) (CRD schema: "must be of type string")',
      NOT_CHECKED,
    ]);
  });
});

describe('schema keywords the CNPG CRDs do not use (yet), as the API server checks them', () => {
  const check = (schema: object, value: unknown): string[] => checkStructure(value, schemaTree(schema)).violations.map(formatViolation);

  test('exclusive bounds (OpenAPI 3.0 booleans)', () => {
    const schema = { type: 'integer', minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: true };
    expect(check(schema, 0)).toEqual(['0 is too small; expected more than 0 (CRD schema: "should be greater than 0")']);
    expect(check(schema, 10)).toEqual(['10 is too large; expected less than 10 (CRD schema: "should be less than 10")']);
    expect(check(schema, 5)).toEqual([]);
  });

  test('multipleOf, uniqueItems, minProperties, maxProperties', () => {
    expect(check({ type: 'integer', multipleOf: 4 }, 6)).toEqual(['6 is not a multiple of 4 (CRD schema: "should be a multiple of 4")']);
    expect(check({ type: 'array', items: { type: 'string' }, uniqueItems: true }, ['a', 'b', 'a'])).toEqual([
      '[2]: "a" repeats item 0; items must be unique (CRD schema: "Duplicate value: "a"")',
    ]);
    const map = { type: 'object', additionalProperties: { type: 'string' }, minProperties: 1, maxProperties: 2 };
    expect(check(map, {})).toEqual(['0 entries; at least 1 are required (CRD schema: "should have at least 1 properties")']);
    expect(check(map, { a: 'x', b: 'y', c: 'z' })).toEqual(['3 entries; at most 2 are accepted (CRD schema: "should have at most 2 properties")']);
  });

  test('value validation with anyOf, oneOf, allOf and not reports the combinator, not each branch', () => {
    expect(check({ type: 'string', anyOf: [{ pattern: '^a' }, { pattern: '^b' }] }, 'c')).toEqual([
      '"c" does not satisfy the schema\'s anyOf (CRD schema: "must validate anyOf")',
    ]);
    expect(check({ type: 'string', oneOf: [{ pattern: '^a' }, { pattern: 'a$' }] }, 'aa')).toEqual([
      '"aa" does not satisfy the schema\'s oneOf (CRD schema: "must validate oneOf")',
    ]);
    expect(check({ type: 'string', not: { pattern: '^a' } }, 'ab')).toEqual(['"ab" does not satisfy the schema\'s not (CRD schema: "must validate not")']);
    expect(check({ type: 'string', allOf: [{ minLength: 3 }] }, 'ab')).toContain('"ab" is 2 characters; at least 3 are required (CRD schema: "should be at least 3 chars long")');
  });

  test('nullable keeps a null; a null of a non-nullable field is pruned (then defaulted)', () => {
    const schema = { type: 'object', properties: { a: { type: 'string', nullable: true }, b: { type: 'string' }, c: { type: 'string', default: 'x' } } };
    const value: any = { a: null, b: null, c: null };
    expect(check(schema, value)).toEqual([]);
    expect(value).toEqual({ a: null, c: 'x' });
  });

  test('preserve-unknown-fields keeps any field; an embedded resource takes apiVersion, kind and metadata', () => {
    expect(check({ 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true, 'properties': { a: { type: 'string' } } }, { a: 'x', b: { c: 1 } })).toEqual([]);
    const embedded = { 'type': 'object', 'x-kubernetes-embedded-resource': true, 'properties': { spec: { type: 'object' } } };
    expect(check(embedded, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, spec: {} })).toEqual([]);
    expect(check(embedded, { apiVersion: 1 })).toEqual(['apiVersion: 1 is an integer; expected a string (quote it in YAML to make it a string) (CRD schema: "must be of type string")']);
  });

  test('formats int64 and byte', () => {
    expect(check({ type: 'integer', format: 'int64' }, 2 ** 64)).toEqual(['18446744073709552000 is not a 64-bit integer (CRD schema: "must be of type int64")']);
    expect(check({ type: 'string', format: 'byte' }, 'aGVsbG8=')).toEqual([]);
    expect(check({ type: 'string', format: 'byte' }, 'not base64!')).toEqual(['"not base64!" is not base64-encoded bytes (CRD schema: "must be of type byte")']);
    expect(check({ type: 'string', format: 'uuid' }, 'anything')).toEqual([]); // formats the CNPG CRDs do not use are not checked
  });
});

describe('YAML as kubectl reads it (YAML 1.1)', () => {
  const doc = (value: string) => `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: pg
spec:
  instances: 3
  imageCatalogRef: {apiGroup: postgresql.cnpg.io, kind: ImageCatalog, name: pg, major: 18}
  storage: {size: 1Gi}
  postgresql:
    parameters:
      wal_log_hints: ${value}
`;

  test('an unquoted on is a boolean, not the string "on"', () => {
    const [parsed] = parseKubectlYaml(doc('on'));
    expect(texts(parsed.value)).toEqual([
      'spec.postgresql.parameters.wal_log_hints: true is a boolean; expected a string (quote it in YAML: kubectl reads YAML 1.1, where an unquoted on, off, yes, no, y, n, true or false is a boolean) (CRD schema: "must be of type string")',
      NOT_CHECKED,
    ]);
  });

  test.each(['off', 'yes', 'no', 'y', 'N', 'True'])('an unquoted %s is a boolean too', (value) => {
    const [parsed] = parseKubectlYaml(doc(value));
    expect(typeof (parsed.value as any).spec.postgresql.parameters.wal_log_hints).toBe('boolean');
  });

  test("a quoted 'on' is a string and is accepted", () => {
    const [parsed] = parseKubectlYaml(doc("'on'"));
    expect((parsed.value as any).spec.postgresql.parameters.wal_log_hints).toBe('on');
    expect(errors(parsed.value)).toEqual([]);
  });

  test('timestamps and sexagesimal numbers stay strings, octal is read as octal (go-yaml v2)', () => {
    const [parsed] = parseKubectlYaml('a: 2026-01-31\nb: 1:30\nc: 0755\nd: 2026-01-31T12:00:00Z\n');
    expect(parsed.value).toEqual({ a: '2026-01-31', b: '1:30', c: 493, d: '2026-01-31T12:00:00Z' });
  });

  test('documents keep their index; empty and broken documents are reported as such', () => {
    const docs = parseKubectlYaml('a: 1\n---\n# nothing\n---\nb: [1\n---\nc: 1\nc: 2\n');
    expect(docs.map((d) => [d.index, d.value, d.error !== undefined])).toEqual([
      [0, { a: 1 }, false],
      [1, undefined, false],
      [2, undefined, true],
      [3, undefined, true],
    ]);
    expect(docs[3].error).toMatch(/^not valid YAML: Map keys must be unique/);
  });

  test('merge keys are resolved', () => {
    expect(parseKubectlYaml('base: &b {x: 1}\nm:\n  <<: *b\n  z: 2\n')[0].value).toEqual({ base: { x: 1 }, m: { x: 1, z: 2 } });
  });
});

describe('defaults, applied before the rules as the API server does', () => {
  test('a synchronous block without dataDurability passes: the operator defaults it to required', () => {
    expect(errors(cluster({ instances: 3, postgresql: { synchronous: { method: 'any', number: 1, standbyNamesPre: ['a'] } } }))).toEqual([]);
  });

  test('dataDurability preferred still needs empty standby name lists', () => {
    expect(errors(cluster({ instances: 3, postgresql: { synchronous: { method: 'any', number: 1, dataDurability: 'preferred', standbyNamesPre: [] } } }))).toEqual([]);
    expect(validate(cluster({ instances: 3, postgresql: { synchronous: { method: 'any', number: 1, dataDurability: 'preferred', standbyNamesPre: ['a'] } } })).map((i) => i.upstream)).toEqual([
      "dataDurability set to 'preferred' requires empty 'standbyNamesPre' and empty 'standbyNamesPost'",
    ]);
  });

  test('an empty imageName next to imageCatalogRef is accepted: the webhook drops empty fields', () => {
    expect(errors(cluster({ imageName: '' }))).toEqual([]);
  });

  test('an empty icuLocale is dropped too, so the locale rule does not fire', () => {
    expect(errors(cluster({ bootstrap: { initdb: { icuLocale: '' } } }))).toEqual([]);
  });

  test('schema defaults are applied recursively inside lists', () => {
    // Database.spec.extensions[].ensure defaults to present; an explicit invalid value is still refused
    const db = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Database', metadata: { name: 'db' }, spec: { name: 'app', owner: 'app', cluster: { name: 'pg' }, extensions: [{ name: 'vector' }, { name: 'x', ensure: 'maybe' }] } };
    expect(texts(db)).toEqual([
      'spec.extensions[1].ensure: "maybe" is not accepted; expected one of "present", "absent" (CRD schema: "Unsupported value: "maybe": supported values: "present", "absent"")',
      NOT_CHECKED,
    ]);
  });
});

describe('CEL rules', () => {
  test('an evaluation error fails the rule with the CRD message and the error', () => {
    const spec = { imageCatalogRef: { kind: 'ImageCatalog', name: 'pg', major: 18 } };
    expect(texts(cluster(spec))).toEqual([
      'spec.imageCatalogRef: {"kind":"ImageCatalog","name":"pg","major":18} fails rule self.apiGroup == \'postgresql.cnpg.io\': no such key: apiGroup (CRD rule: "Only image catalogs are supported")',
    ]);
  });

  test('the message shows only the fields a rule reads', () => {
    expect(texts(cluster({ imageName: 'ghcr.io/cloudnative-pg/postgresql:18.6' }))).toEqual([
      'spec: {"imageCatalogRef":{"apiGroup":"postgresql.cnpg.io","kind":"ImageCatalog","name":"pg","major":18},"imageName":"ghcr.i... fails rule !(has(self.imageCatalogRef) && has(self.imageName)) (CRD rule: "imageName and imageCatalogRef are mutually exclusive")',
    ]);
  });

  test('a rule on list items runs for every item', () => {
    const db = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Database', metadata: { name: 'db' }, spec: { name: 'app', owner: 'app', cluster: { name: 'pg' }, servers: [{ name: 'a', fdw: 'x' }, { name: 'b', fdw: '' }, { name: 'c', fdw: '' }] } };
    expect(validate(db).map((i) => i.path)).toEqual(['spec.servers[1].fdw', 'spec.servers[2].fdw']);
  });

  test('rules of other CNPG kinds are evaluated too', () => {
    const role = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'DatabaseRole', metadata: { name: 'r' }, spec: { name: 'pg_admin', cluster: { name: 'pg' } } };
    expect(validate(role).map((i) => i.upstream)).toEqual(['role names starting with pg_ are reserved by PostgreSQL']);
  });

  test('transition rules (oldSelf) are listed and skipped on create', () => {
    const wrapped = ['Cluster', 'ImageCatalog', 'ClusterImageCatalog', 'Database'].flatMap((k) => CnpgValidation.transitionRules(k));
    expect(wrapped.map((r) => `${r.kind} ${r.path}: ${r.message}`)).toEqual([
      'Cluster spec.serviceAccountName: serviceAccountName is immutable',
      'Database spec.builtinLocale: builtinLocale is immutable',
      'Database spec.cluster: cluster reference is immutable after creation',
      'Database spec.collationVersion: collationVersion is immutable',
      'Database spec.encoding: encoding is immutable',
      'Database spec.icuLocale: icuLocale is immutable',
      'Database spec.icuRules: icuRules is immutable',
      'Database spec.locale: locale is immutable',
      'Database spec.localeCType: localeCType is immutable',
      'Database spec.localeCollate: localeCollate is immutable',
      'Database spec.localeProvider: localeProvider is immutable',
      'Database spec.name: name is immutable',
      'Database spec.template: template is immutable',
    ]);
    expect(CnpgValidation.transitionRules().length).toBe(26);
    expect(CnpgValidation.transitionRules().every((r) => r.transition && /oldSelf/.test(r.rule))).toBe(true);
    // a Database that sets every immutable field is accepted: none of those rules applies on create
    const db = {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Database',
      metadata: { name: 'db' },
      spec: { name: 'app', owner: 'app', cluster: { name: 'pg' }, encoding: 'UTF8', locale: 'C', localeCType: 'C', localeCollate: 'C', localeProvider: 'icu', icuLocale: 'en', icuRules: '&a', collationVersion: '1', template: 'template0' },
    };
    expect(errors(db)).toEqual([]);
    expect(errors(cluster({ serviceAccountName: 'sa' }))).toEqual([]);
  });

  test('every CEL rule of the CNPG CRDs can be evaluated', () => {
    const rules = CnpgValidation.celRules();
    expect(rules.length).toBe(61);
    expect(rules.filter((r) => !r.evaluable)).toEqual([]);
  });

  test('celRules refuses an unknown kind', () => {
    expect(() => CnpgValidation.celRules('Nope')).toThrow('CnpgValidation.celRules: "Nope" is not a CloudNativePG kind; expected one of Backup, Cluster, ');
  });

  describe('on a schema of its own', () => {
    const node = (rules: object[], props: object = {}) => schemaTree({ 'type': 'object', 'properties': props, 'x-kubernetes-validations': rules });

    test('a rule calling a function the CEL library lacks is reported as not evaluable, never passed', () => {
      const n = node([{ rule: 'self.items.isSorted()', message: 'items must be sorted' }], { items: { type: 'array', items: { type: 'integer' } } });
      expect(evaluateRules(n, { items: [1, 2] }, 'spec', new Map())).toEqual([{
        path: 'spec',
        message: "rule could not be evaluated: CEL function isSorted() is not supported by the validator's CEL library; the validator cannot tell whether the API server accepts this value (rule: self.items.isSorted())",
        source: 'CRD rule',
        upstream: 'items must be sorted',
      }]);
    });

    test('a rule that does not parse is reported as not evaluable', () => {
      const n = node([{ rule: 'self.a ==', message: 'm' }]);
      expect(evaluateRules(n, {}, 'spec', new Map())[0].message).toMatch(/^rule could not be evaluated: the rule does not parse: /);
    });

    test('a rule that returns something else than a boolean is reported', () => {
      const n = node([{ rule: 'self.n', message: 'm' }], { n: { type: 'integer' } });
      expect(evaluateRules(n, { n: 3 }, 'x', new Map())[0].message).toBe('rule could not be evaluated: it returned 3, not a boolean (rule: self.n)');
    });

    test('a runtime overload error says the rule could not be evaluated', () => {
      const n = node([{ rule: 'self.v > 1', message: 'm' }], { v: { 'x-kubernetes-int-or-string': true } });
      expect(evaluateRules(n, { v: 'a' }, 'x', new Map())[0].message).toMatch(/^rule could not be evaluated: no such overload/);
    });

    test('integers are CEL ints, numbers CEL doubles', () => {
      const n = node([{ rule: 'type(self.i) == int && type(self.d) == double && self.i / 2 == 1', message: 'm' }], { i: { type: 'integer' }, d: { type: 'number' } });
      expect(evaluateRules(n, { i: 3, d: 1.5 }, 'x', new Map())).toEqual([]);
    });

    test('messageExpression gives the message; fieldPath moves the path', () => {
      const n = node([{ rule: 'self.a < 3', messageExpression: "'a is ' + string(self.a)", fieldPath: '.a' }], { a: { type: 'integer' } });
      expect(evaluateRules(n, { a: 5 }, 'spec', new Map())).toEqual([
        { path: 'spec.a', message: '{"a":5} fails rule self.a < 3', source: 'CRD rule', upstream: 'a is 5' },
      ]);
    });

    test('a messageExpression that does not parse falls back to the message', () => {
      const n = node([{ rule: 'false', messageExpression: "'unclosed", message: 'static' }]);
      expect(evaluateRules(n, {}, 'x', new Map())[0].upstream).toBe('static');
    });

    test('a failing messageExpression falls back to the message', () => {
      const n = node([{ rule: 'false', messageExpression: 'self.nope', message: 'static' }]);
      expect(evaluateRules(n, {}, 'x', new Map())[0].upstream).toBe('static');
    });

    test('a transition rule with optionalOldSelf cannot be evaluated here, and says so', () => {
      const n = node([{ rule: 'oldSelf.hasValue() || self.a == 1', message: 'm', optionalOldSelf: true }]);
      expect(evaluateRules(n, {}, 'x', new Map())[0].message).toBe('rule could not be evaluated: transition rules with optionalOldSelf are not supported by the validator (rule: oldSelf.hasValue() || self.a == 1)');
    });
  });
});

describe('the validating webhook', () => {
  // Results are shared between objects of the same content: forget them around the spies.
  beforeEach(() => resetValidationMemo());
  afterEach(() => {
    jest.restoreAllMocks();
    resetValidationMemo();
  });

  test('its violations are reported with source webhook, after defaulting', () => {
    const spy = jest.spyOn(webhook, 'webhookViolations').mockReturnValue([{ path: 'spec.imageName', message: 'bad tag', upstream: 'invalid version tag' }]);
    const { imageCatalogRef: _, ...spec } = cluster().spec;
    const manifest = { ...cluster(), spec };
    expect(texts(manifest)).toEqual(['spec.imageName: bad tag (webhook: "invalid version tag")']);
    const seen = spy.mock.calls[0][0];
    expect(seen.spec.imageName).toBe(OPERATOR_DEFAULT_IMAGE);
    expect(seen.spec.bootstrap).toEqual({ initdb: { database: 'app', owner: 'app', encoding: 'UTF8', localeCollate: 'C', localeCType: 'C' } });
  });

  test('is not reached by an object the schema refuses (as on the API server)', () => {
    const spy = jest.spyOn(webhook, 'webhookViolations');
    validate(cluster({ instances: 0 }));
    expect(spy).not.toHaveBeenCalled();
  });

  test('is skipped for an object annotated cnpg.io/validation: disabled', () => {
    const spy = jest.spyOn(webhook, 'webhookViolations');
    expect(errors(cluster({}, { annotations: { 'cnpg.io/validation': 'disabled' } }))).toEqual([]);
    expect(spy).not.toHaveBeenCalled();
  });

  test('a webhook rule that throws is reported, not swallowed', () => {
    jest.spyOn(webhook, 'webhookViolations').mockImplementation(() => {
      throw new Error('boom');
    });
    expect(texts(cluster())).toEqual(['the webhook rules could not be evaluated: boom (webhook)']);
  });

  test('sees the anti-affinity type defaulted by the operator', () => {
    const spy = jest.spyOn(webhook, 'webhookViolations');
    validate(cluster({ affinity: { topologyKey: 'zone' } }));
    expect(spy.mock.calls[0][0].spec.affinity).toEqual({ topologyKey: 'zone', podAntiAffinityType: 'preferred' });
  });
});
