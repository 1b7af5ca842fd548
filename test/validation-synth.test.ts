import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, JsonPatch, Testing } from 'cdk8s';
import { newChart, pinned } from './util';
import { ClusterImageCatalog, CnpgValidation, DebianRelease, ImageCatalog, ImageType } from '../src';

// Synth-time validation: every CNPG object the library creates is checked against its CRD schema and CEL
// rules, so an app cannot synthesise a manifest the API server would reject, unless it turns that off.

const PG17 = pinned('ghcr.io/cloudnative-pg/postgresql', '17.11-minimal-trixie', '1');
const PG18 = pinned('ghcr.io/cloudnative-pg/postgresql', '18.6-minimal-trixie', '2');

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
    let message = '';
    try {
      Testing.synth(chart);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n')).toEqual([
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
