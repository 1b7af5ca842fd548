import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Include, JsonPatch, Size, Testing } from 'cdk8s';
import { newChart, pinned } from './util';
import { Cluster, ClusterImage, ClusterImageCatalog, CnpgValidation, DebianRelease, ImageCatalog, ImageType } from '../src';
import * as admission from '../src/admission/manifest';

// Synth-time validation: every CNPG object the library creates is checked against its CRD schema and CEL
// rules, so an app cannot synthesise a manifest the API server would reject, unless it turns that off.

const PG17 = pinned('ghcr.io/cloudnative-pg/postgresql', '17.11-minimal-trixie', '1');
const PG18 = pinned('ghcr.io/cloudnative-pg/postgresql', '18.6-minimal-trixie', '2');

/** The lines of the error a synth throws (none when it does not). */
function synthErrorLines(chart: Chart): string[] {
  try {
    Testing.synth(chart);
    return [];
  } catch (e) {
    return (e as Error).message.split('\n');
  }
}

describe('synth-time validation', () => {
  test('is on by default', () => {
    const chart = newChart();
    expect(CnpgValidation.isEnabled(chart)).toBe(true);
  });

  test('an unknown field added through the escape hatch fails synth, naming the construct path', () => {
    // GIVEN
    const chart = newChart();
    const catalog = new ImageCatalog(chart, 'catalog', { images: [{ major: 18, image: PG18 }] });
    // WHEN a patch adds a field the CRD does not have (the API server would drop it silently)
    catalog.apiObject.addJsonPatch(JsonPatch.add('/spec/images/0/digest', 'sha256:abc'));
    // THEN
    expect(() => Testing.synth(chart)).toThrow(
      'Validation failed with the following errors:\n  [test/catalog] spec.images[0].digest: unknown field "digest": the CRD does not declare it, so the API server would drop it silently',
    );
  });

  test('patches use the manifest\'s own (wire) names and reach the YAML', () => {
    const chart = newChart();
    const catalog = new ImageCatalog(chart, 'catalog', {
      images: [{ major: 18, image: PG18, extensions: [{ name: 'pgvector', reference: PG18 }] }],
    });
    catalog.apiObject.addJsonPatch(JsonPatch.add('/spec/images/0/extensions/0/bin_path', ['bin']));
    expect(Testing.synth(chart)[0].spec.images[0].extensions[0].bin_path).toEqual(['bin']);
  });

  test('a patch with the binding\'s camelCase name is an unknown field of the manifest', () => {
    const chart = newChart();
    const catalog = new ImageCatalog(chart, 'catalog', {
      images: [{ major: 18, image: PG18, extensions: [{ name: 'pgvector', reference: PG18 }] }],
    });
    catalog.apiObject.addJsonPatch(JsonPatch.add('/spec/images/0/extensions/0/binPath', ['bin']));
    expect(() => Testing.synth(chart)).toThrow('[test/catalog] spec.images[0].extensions[0].binPath: unknown field "binPath": the CRD does not declare it, so the API server would drop it silently; did you mean "bin_path"?');
  });

  test('a patched ClusterImageCatalog in a namespaced chart still drops the chart namespace, silently', () => {
    const chart = newChart({ namespace: 'platform' });
    const catalog = new ClusterImageCatalog(chart, 'catalog', { images: [{ major: 18, image: PG18 }] });
    catalog.apiObject.addJsonPatch(JsonPatch.add('/metadata/annotations', { 'argocd.argoproj.io/sync-wave': '-1' }));
    const [manifest] = Testing.synth(chart);
    expect(manifest.metadata).toEqual({ name: catalog.name, annotations: { 'argocd.argoproj.io/sync-wave': '-1' } });
  });

  test('a bad value set through the escape hatch fails synth with the schema rule', () => {
    const chart = newChart();
    const catalog = new ImageCatalog(chart, 'catalog', { images: [{ major: 18, image: PG18 }] });
    catalog.apiObject.addJsonPatch(JsonPatch.replace('/spec/images/0/major', '18'));
    expect(() => Testing.synth(chart)).toThrow(
      '[test/catalog] spec.images[0].major: "18" is a string; expected an integer (CRD schema: "must be of type integer")',
    );
  });

  test('a CEL rule broken through the escape hatch fails synth with the CRD message', () => {
    const chart = newChart();
    const catalog = new ClusterImageCatalog(chart, 'catalog', { images: [{ major: 17, image: PG17 }, { major: 18, image: PG18 }] });
    catalog.apiObject.addJsonPatch(JsonPatch.replace('/spec/images/0/major', 18));
    expect(() => Testing.synth(chart)).toThrow(/\[test\/catalog\] spec\.images: .* fails rule self\.all\(e, self\.filter\(f, f\.major==e\.major\)\.size\(\) == 1\) \(CRD rule: "Images must have unique major versions"\)/);
  });

  test('every error of the app is reported together', () => {
    const chart = newChart();
    const a = new ImageCatalog(chart, 'a', { images: [{ major: 18, image: PG18 }] });
    const b = new ImageCatalog(chart, 'b', { images: [{ major: 18, image: PG18 }] });
    a.apiObject.addJsonPatch(JsonPatch.add('/spec/images/0/major', 5));
    b.metadata.addLabel('bad label', 'x');
    expect(synthErrorLines(chart)).toEqual([
      'Validation failed with the following errors:',
      '  [test/a] spec.images[0].major: 5 is too small; expected at least 10 (CRD schema: "should be greater than or equal to 10")',
      '  [test/b] metadata.labels["bad label"]: label key "bad label" is not a qualified name: its name part "bad label" is not 1 to 63 characters of [A-Za-z0-9-_.] starting and ending with a letter or digit (CRD schema)',
    ]);
  });

  test('a change after a successful synth is validated at the next synth', () => {
    const chart = newChart();
    const catalog = new ImageCatalog(chart, 'catalog', { images: [{ major: 18, image: PG18 }] });
    expect(Testing.synth(chart)).toHaveLength(1);
    catalog.apiObject.addJsonPatch(JsonPatch.add('/spec/images/0/major', 9));
    expect(() => Testing.synth(chart)).toThrow('[test/catalog] spec.images[0].major: 9 is too small; expected at least 10');
  });

  test('an annotation added after a successful synth is validated at the next synth', () => {
    const chart = newChart();
    const catalog = new ImageCatalog(chart, 'catalog', { images: [{ major: 18, image: PG18 }] });
    expect(Testing.synth(chart)).toHaveLength(1);
    catalog.metadata.addAnnotation('/x', 'y');
    expect(() => Testing.synth(chart)).toThrow('[test/catalog] metadata.annotations["/x"]: annotation key "/x" is not a qualified name');
  });

  test('images added after a synth are validated with the rest', () => {
    const chart = newChart();
    const catalog = new ImageCatalog(chart, 'catalog', { images: [{ major: 18, image: PG18 }] });
    expect(Testing.synth(chart)[0].spec.images).toHaveLength(1);
    catalog.addImage({ major: 17, image: PG17 });
    expect(Testing.synth(chart)[0].spec.images).toHaveLength(2);
  });

  test('CnpgValidation.disable(app) turns it off for that app only', () => {
    // GIVEN two apps with the same bad catalog
    const build = () => {
      const app = Testing.app();
      const chart = new Chart(app, 'test');
      const catalog = new ImageCatalog(chart, 'catalog', { images: [{ major: 18, image: PG18 }] });
      catalog.apiObject.addJsonPatch(JsonPatch.replace('/spec/images/0/major', 9));
      return { app, chart };
    };
    const off = build();
    const on = build();
    // WHEN
    CnpgValidation.disable(off.app);
    // THEN the disabled app synthesises what it was told to
    expect(CnpgValidation.isEnabled(off.chart)).toBe(false);
    expect(Testing.synth(off.chart)[0].spec.images[0].major).toBe(9);
    expect(CnpgValidation.isEnabled(on.chart)).toBe(true);
    expect(() => Testing.synth(on.chart)).toThrow('[test/catalog] spec.images[0].major: 9 is too small; expected at least 10');
  });

  test('disable() may be called with any construct of the app, after the constructs exist', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cnpg-synth-')) });
    const chart = new Chart(app, 'platform');
    const catalog = ClusterImageCatalog.official(chart, 'minimal', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    catalog.apiObject.addJsonPatch(JsonPatch.add('/spec/images/0/extra', true));
    CnpgValidation.disable(catalog);
    expect(() => app.synth()).not.toThrow();
  });

  test('the constructs\' own checks still apply when it is off', () => {
    const app = Testing.app();
    CnpgValidation.disable(app);
    const chart = new Chart(app, 'test');
    expect(() => new ImageCatalog(chart, 'catalog', { images: [{ major: 9, image: PG18 }] })).toThrow('[test/catalog] images[major 9].major: major 9 is not accepted');
  });
});

/** A PgBouncer Pooler as a raw object: not a construct of the library. */
function rawPooler(scope: Chart, id: string, poolMode: string): ApiObject {
  return new ApiObject(scope, id, {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Pooler',
    metadata: { name: id },
    spec: { cluster: { name: 'pg' }, instances: 1, type: 'rw', pgbouncer: { poolMode } },
  } as any);
}

const SESION = 'spec.pgbouncer.poolMode: "sesion" is not accepted; expected one of "session", "transaction" (CRD schema: "Unsupported value: "sesion": supported values: "session", "transaction"")';

describe('CNPG objects the library does not own (raw ApiObjects, Included manifests)', () => {
  test('are validated at synth in an app that uses a construct of the library, named by their construct path', () => {
    const chart = newChart();
    new ImageCatalog(chart, 'catalog', { images: [{ major: 18, image: PG18 }] });
    rawPooler(chart, 'pooler', 'sesion');
    expect(() => Testing.synth(chart)).toThrow(`Validation failed with the following errors:\n  [test/pooler] ${SESION}`);
  });

  test('whichever comes first, the raw object or the construct', () => {
    const chart = newChart();
    rawPooler(chart, 'pooler', 'sesion');
    new ImageCatalog(chart, 'catalog', { images: [{ major: 18, image: PG18 }] });
    expect(() => Testing.synth(chart)).toThrow(`[test/pooler] ${SESION}`);
  });

  test('a valid raw object synthesises as it is, with app.synth() too', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cnpg-synth-')) });
    const chart = new Chart(app, 'test');
    new ImageCatalog(chart, 'catalog', { images: [{ major: 18, image: PG18 }] });
    rawPooler(chart, 'pooler', 'session');
    expect(() => app.synth()).not.toThrow();
    expect(Testing.synth(chart).map((m: any) => m.kind)).toEqual(['ImageCatalog', 'Pooler']);
  });

  test('Included manifests of CNPG kinds are validated; other kinds are left alone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnpg-include-'));
    const file = path.join(dir, 'poolers.yaml');
    fs.writeFileSync(file, [
      'apiVersion: postgresql.cnpg.io/v1\nkind: Pooler\nmetadata: {name: pooler, namespace: app}\nspec: {cluster: {name: pg}, pgbouncer: {poolMode: sesion}}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: anything}\ndata: {a: 1}\n',
    ].join('---\n'));
    const chart = newChart();
    new ImageCatalog(chart, 'catalog', { images: [{ major: 18, image: PG18 }] });
    new Include(chart, 'included', { url: file });
    expect(() => Testing.synth(chart)).toThrow(`Validation failed with the following errors:\n  [test/included/pooler-pooler-app] ${SESION}`);
  });

  test('their errors only: the library\'s own stricter rules are not imposed on them (a tag, not a digest)', () => {
    const chart = newChart();
    new ImageCatalog(chart, 'catalog', { images: [{ major: 18, image: PG18 }] });
    new ApiObject(chart, 'raw-catalog', { apiVersion: 'postgresql.cnpg.io/v1', kind: 'ImageCatalog', metadata: { name: 'raw' }, spec: { images: [{ major: 18, image: 'ghcr.io/cloudnative-pg/postgresql:18.6' }] } } as any);
    expect(Testing.synth(chart)).toHaveLength(2);
  });

  test('an app of raw objects only is validated once it asks, with CnpgValidation.validateApp()', () => {
    const chart = newChart();
    rawPooler(chart, 'pooler', 'sesion');
    expect(Testing.synth(chart)).toHaveLength(1); // nothing of the library in the app: nothing validates it
    CnpgValidation.validateApp(chart);
    CnpgValidation.validateApp(chart); // once is enough; twice changes nothing
    expect(synthErrorLines(chart)).toEqual([
      'Validation failed with the following errors:',
      `  [test/pooler] ${SESION}`,
      '  [test/pooler] the CRD\'s CEL rules were not evaluated: the API server skips all of them when the object has an error of type, required field, enum, maxLength, maxItems or maxProperties; correct those errors to complete validation (CRD rule: "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation")',
    ]);
  });

  test('follow the switch: with validation disabled, only the operator\'s admission rules (and what JSON cannot carry)', () => {
    const chart = newChart();
    CnpgValidation.disable(chart);
    CnpgValidation.validateApp(chart);
    rawPooler(chart, 'pooler', 'sesion');
    expect(Testing.synth(chart)).toHaveLength(1);
    new ApiObject(chart, 'nan', { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Pooler', metadata: { name: 'nan' }, spec: { cluster: { name: 'pg' }, instances: NaN, pgbouncer: {} } } as any);
    expect(() => Testing.synth(chart)).toThrow('[test/nan] spec.instances: NaN is not a finite number');
  });

  test('a raw object that cannot be serialised is reported by the validation, with cdk8s\'s own message', () => {
    const chart = newChart();
    CnpgValidation.validateApp(chart);
    const pooler = rawPooler(chart, 'pooler', 'session');
    pooler.addJsonPatch(JsonPatch.add('/spec/absent/deeper', 1));
    expect(synthErrorLines(chart)).toEqual([
      'Validation failed with the following errors:',
      "  [test/pooler] Failed serializing construct at path 'test/pooler' with name 'pooler': TypeError: Cannot set properties of undefined (setting 'deeper')",
    ]);
  });

  test('an object of a library construct is validated by its construct only, not twice', () => {
    const chart = newChart();
    const catalog = new ImageCatalog(chart, 'catalog', { images: [{ major: 18, image: PG18 }] });
    rawPooler(chart, 'pooler', 'session');
    const spy = jest.spyOn(admission, 'validateObject');
    Testing.synth(chart);
    const kinds = spy.mock.calls.map(([m]) => (m as any).kind);
    spy.mockRestore();
    // cdk8s validates the app on each synth request (once here): the construct's result is reused, the raw object's is checked
    expect(kinds.filter((k) => k === 'ImageCatalog')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'Pooler')).toHaveLength(1);
    expect(catalog.node.children.map((c) => c.node.id)).toEqual(['Resource']);
  });
});

describe('values JSON cannot carry, at synth', () => {
  const catalogAndCluster = (props: object) => {
    const chart = newChart();
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 18), storage: { size: Size.gibibytes(1) }, ...props });
    return chart;
  };

  test.each([
    ['NaN', NaN, 'NaN is not a finite number; a manifest holds only finite numbers (JSON has no NaN or Infinity, and kubectl cannot send the YAML\'s .nan) (CRD schema: "json: unsupported value: NaN")'],
    ['Infinity', Infinity, 'Infinity is not a finite number; a manifest holds only finite numbers (JSON has no NaN or Infinity, and kubectl cannot send the YAML\'s .inf) (CRD schema: "json: unsupported value: +Inf")'],
  ])('a Cluster prop of %s fails synth, naming the construct and the field; nothing reaches the YAML', (_what, value, message) => {
    const chart = catalogAndCluster({ maxSyncReplicas: value });
    expect(() => Testing.synth(chart)).toThrow(`Validation failed with the following errors:\n  [test/db] spec.maxSyncReplicas: ${message}`);
    expect(() => (chart.node.root as App).synthYaml()).toThrow(`[test/db] spec.maxSyncReplicas: ${message}`);
  });

  test('inside a map prop too, and with the CRD checks turned off', () => {
    const chart = catalogAndCluster({ postgresql: { parameters: { work_mem: NaN as any } } });
    CnpgValidation.disable(chart);
    expect(() => Testing.synth(chart)).toThrow('[test/db] spec.postgresql.parameters.work_mem: NaN is not a finite number');
  });

  test('a raw object with Infinity fails synth too', () => {
    const chart = newChart();
    new ImageCatalog(chart, 'catalog', { images: [{ major: 18, image: PG18 }] });
    new ApiObject(chart, 'raw', { apiVersion: 'postgresql.cnpg.io/v1', kind: 'ScheduledBackup', metadata: { name: 'raw' }, spec: { cluster: { name: 'pg' }, schedule: '0 0 0 * * *', backupOwnerReference: 'self', suspend: false, immediate: Infinity } } as any);
    expect(() => Testing.synth(chart)).toThrow('[test/raw] spec.immediate: Infinity is not a finite number');
  });
});

/** Reads a jest snapshot file: `exports[name] = \`<pretty-format>\``. */
function snapshotValues(file: string): Array<[string, unknown]> {
  const exported: { [name: string]: string } = {};
  // the .snap module assigns template literals to `exports`
  new Function('exports', fs.readFileSync(file, 'utf8'))(exported);
  return Object.entries(exported).map(([name, text]) => {
    // a snapshot of text (CLI output, a file) holds no object
    if (text.trim().startsWith('"')) return [name, text];
    // pretty-format output is JSON with trailing commas (and, from older jest, Object/Array prefixes), and its
    // strings are not escaped: a backslash (in a regexp) is written as is
    const json = text.replace(/\b(Object|Array) ([{[])/g, '$2').replace(/,(\s*[}\]])/g, '$1').replace(/\\(?!["\\/bfnrtu])/g, '\\\\');
    return [name, JSON.parse(json)];
  });
}

function cnpgObjects(value: unknown): any[] {
  if (Array.isArray(value)) return value.flatMap(cnpgObjects);
  return CnpgValidation.isCnpgManifest(value) ? [value] : [];
}

describe('every snapshot in the suite', () => {
  const dir = path.join(__dirname, '__snapshots__');
  const entries = fs.readdirSync(dir).filter((f) => f.endsWith('.snap')).flatMap((f) => snapshotValues(path.join(dir, f)).map(([name, value]) => [`${f}: ${name}`, value] as const));

  test('holds CNPG objects', () => {
    expect(entries.flatMap(([, v]) => cnpgObjects(v)).length).toBeGreaterThanOrEqual(15);
  });

  test.each(entries)('passes the validator: %s', (_name, value) => {
    for (const manifest of cnpgObjects(value)) {
      const name = manifest.metadata?.name;
      expect({ name, issues: CnpgValidation.validateManifest(manifest).map((i) => i.text) }).toEqual({ name, issues: [] });
    }
  });
});
