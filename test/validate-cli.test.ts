import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { itWithShared, SHARED } from './shared-data';
import { pinned } from './util';
import { main } from '../src/cli/main';

// `cdk8s-cnpg validate FILE...`: any YAML with CNPG objects, read as kubectl reads it.

const ROOT = path.resolve(__dirname, '..');
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'cnpg-validate-'));
afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const f = path.join(DIR, name);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, text);
  return f;
}

function run(...args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

const PG18 = pinned('ghcr.io/cloudnative-pg/postgresql', '18.6-minimal-trixie');

const CATALOG = `apiVersion: postgresql.cnpg.io/v1
kind: ClusterImageCatalog
metadata:
  name: pg
spec:
  images:
    - major: 18
      image: ${PG18}
`;

/** The API server's one error in place of the CEL rules it skips after a blocking schema error. */
const NOT_CHECKED = 'the CRD\'s CEL rules were not evaluated: the API server skips all of them when the object has an error of type, required field, enum, maxLength, maxItems or maxProperties; correct those errors to complete validation (CRD rule: "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation")';

const CLUSTER = (params: string) => `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: pg
  namespace: app
spec:
  instances: 3
  imageCatalogRef:
    apiGroup: postgresql.cnpg.io
    kind: ClusterImageCatalog
    name: pg
    major: 18
  storage:
    size: 10Gi
  postgresql:
    parameters:
${params}
`;

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  a: b
`;

describe('cdk8s-cnpg validate', () => {
  test('a valid file: every object reported valid, exit 0', () => {
    const f = file('valid.yaml', CATALOG);
    expect(run('validate', f)).toEqual({
      code: 0,
      out: [`${f}#0 ClusterImageCatalog/pg: valid`, '1 CloudNativePG object(s): 1 valid, 0 invalid; 0 other object(s) skipped'],
      err: [],
    });
  });

  test('an invalid object: one line per issue with file, document index, kind/name and path; exit 1', () => {
    const f = file('invalid.yaml', `${CONFIGMAP}---\n${CLUSTER("      wal_log_hints: on\n      max_connections: '100'")}`);
    const { code, out } = run('validate', f);
    expect(code).toBe(1);
    expect(out).toEqual([
      `${f}#0 ConfigMap/settings: skipped (not a CloudNativePG object)`,
      `${f}#1 Cluster/pg spec.postgresql.parameters.wal_log_hints: true is a boolean; expected a string (quote it in YAML: kubectl reads YAML 1.1, where an unquoted on, off, yes, no, y, n, true or false is a boolean) (CRD schema: "must be of type string")`,
      `${f}#1 Cluster/pg ${NOT_CHECKED}`,
      '1 CloudNativePG object(s): 0 valid, 1 invalid; 1 other object(s) skipped',
    ]);
  });

  test("the same Cluster with a quoted 'on' is valid", () => {
    const f = file('quoted.yaml', CLUSTER("      wal_log_hints: 'on'"));
    expect(run('validate', f).code).toBe(0);
  });

  test('several files and documents; empty documents are ignored; a List is validated item by item', () => {
    const a = file('multi/a.yaml', `---\n${CATALOG}---\n# only a comment\n---\n${CONFIGMAP}`);
    const list = `apiVersion: v1
kind: List
items:
  - ${CATALOG.trim().split('\n').join('\n    ')}
  - apiVersion: postgresql.cnpg.io/v1
    kind: ImageCatalog
    metadata: {name: bad, namespace: app}
    spec: {images: [{major: 9, image: ${PG18}}]}
`;
    const b = file('multi/b.yml', list);
    const { code, out } = run('validate', a, b);
    expect(code).toBe(1);
    expect(out).toEqual([
      `${a}#0 ClusterImageCatalog/pg: valid`,
      `${a}#2 ConfigMap/settings: skipped (not a CloudNativePG object)`,
      `${b}#0 ClusterImageCatalog/pg: valid`,
      `${b}#0 ImageCatalog/bad items[1].spec.images[0].major: 9 is too small; expected at least 10 (CRD schema: "should be greater than or equal to 10")`,
      '3 CloudNativePG object(s): 2 valid, 1 invalid; 1 other object(s) skipped',
    ]);
  });

  test('a directory means every .yaml and .yml file under it', () => {
    file('tree/x/one.yaml', CATALOG);
    file('tree/two.yml', CATALOG);
    file('tree/notes.txt', 'not yaml');
    const { code, out } = run('validate', path.join(DIR, 'tree'));
    expect(code).toBe(0);
    expect(out.slice(0, 2)).toEqual([`${path.join(DIR, 'tree', 'two.yml')}#0 ClusterImageCatalog/pg: valid`, `${path.join(DIR, 'tree', 'x', 'one.yaml')}#0 ClusterImageCatalog/pg: valid`]);
  });

  test('an unreadable YAML document is an error of that document; the others are still checked', () => {
    const f = file('broken.yaml', `${CATALOG}---\nspec: [oops\n`);
    const { code, out } = run('validate', f);
    expect(code).toBe(1);
    expect(out[0]).toBe(`${f}#0 ClusterImageCatalog/pg: valid`);
    expect(out[1]).toMatch(new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}#1 not valid YAML: `));
    expect(out[2]).toBe('1 CloudNativePG object(s): 1 valid, 0 invalid; 0 other object(s) skipped; 1 unreadable document(s)');
  });

  test('an object without name or kind is named as such', () => {
    const f = file('anon.yaml', `apiVersion: postgresql.cnpg.io/v1\nkind: ImageCatalog\nmetadata: {}\nspec: {images: [{major: 18, image: ${PG18}}]}\n---\n[1, 2]\n---\napiVersion: postgresql.cnpg.io/v1\nkind: ImageCatalog\nmetadata: {generateName: cat-}\nspec: {images: [{major: 18, image: ${PG18}}]}\n`);
    const { out } = run('validate', f);
    expect(out).toEqual([
      `${f}#0 ImageCatalog/<unnamed> metadata.name: ImageCatalog has no name; expected metadata.name (a lowercase DNS-1123 subdomain) (CRD schema: "Required value: name or generateName is required")`,
      `${f}#0 ImageCatalog/<unnamed> ${NOT_CHECKED}`,
      `${f}#1 <unnamed>: skipped (not a CloudNativePG object)`,
      `${f}#2 ImageCatalog/cat-*: valid`,
      '2 CloudNativePG object(s): 1 valid, 1 invalid; 1 other object(s) skipped',
    ]);
  });

  test('--json prints one report', () => {
    const f = file('json.yaml', `${CATALOG}---\n${CONFIGMAP}---\n${CLUSTER('      max_connections: 100')}`);
    const { code, out } = run('validate', '--json', f);
    expect(code).toBe(1);
    const report = JSON.parse(out.join('\n'));
    expect(report.summary).toEqual({ valid: 1, invalid: 1, unreadable: 0, skipped: 1, warnings: 0 });
    expect(report.objects.map((o: any) => [o.document, o.kind, o.name, o.status])).toEqual([
      [0, 'ClusterImageCatalog', 'pg', 'valid'],
      [1, 'ConfigMap', 'settings', 'skipped'],
      [2, 'Cluster', 'pg', 'invalid'],
    ]);
    expect(report.objects[2].issues).toEqual([{
      path: 'spec.postgresql.parameters.max_connections',
      message: '100 is an integer; expected a string (quote it in YAML to make it a string)',
      source: 'CRD schema',
      severity: 'error',
      upstream: 'must be of type string',
      text: 'spec.postgresql.parameters.max_connections: 100 is an integer; expected a string (quote it in YAML to make it a string) (CRD schema: "must be of type string")',
    }, {
      path: '',
      message: NOT_CHECKED.replace(/ \(CRD rule: .*$/, ''),
      source: 'CRD rule',
      severity: 'error',
      upstream: 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
      text: NOT_CHECKED,
    }]);
  });

  test('a file that cannot be read: exit 2, the other files are still checked', () => {
    const f = file('ok.yaml', CATALOG);
    const { code, out, err } = run('validate', path.join(DIR, 'missing.yaml'), f);
    expect(code).toBe(2);
    expect(err).toEqual([`cdk8s-cnpg validate: cannot read ${path.join(DIR, 'missing.yaml')}: ENOENT`]);
    expect(out[0]).toBe(`${f}#0 ClusterImageCatalog/pg: valid`);
  });

  test('a file of a directory that cannot be read (a dangling link): exit 2', () => {
    const dir = path.join(DIR, 'dangling');
    fs.mkdirSync(dir, { recursive: true });
    fs.symlinkSync(path.join(DIR, 'nowhere.yaml'), path.join(dir, 'gone.yaml'));
    const { code, err } = run('validate', dir);
    expect(code).toBe(2);
    expect(err).toEqual([`cdk8s-cnpg validate: cannot read ${path.join(dir, 'gone.yaml')}: ENOENT`]);
  });

  test('a directory entry that cannot be read: exit 2', () => {
    const f = file('dir-as-file/x.yaml', CATALOG);
    const { code, err } = run('validate', `${f}/nested.yaml`);
    expect(code).toBe(2);
    expect(err[0]).toMatch(/^cdk8s-cnpg validate: cannot read .*nested\.yaml: ENOTDIR$/);
  });

  test('no file: usage, exit 2', () => {
    const { code, err } = run('validate');
    expect(code).toBe(2);
    expect(err[0]).toBe('cdk8s-cnpg validate: no file given');
    expect(err[1]).toMatch(/^usage: cdk8s-cnpg validate \[--json\] \[--strict\] \[--allow-empty\] \[--\] FILE\|DIR\|- \.\.\./);
  });

  test('an unknown option: usage, exit 2', () => {
    const { code, err } = run('validate', '--stricter', 'x.yaml');
    expect(code).toBe(2);
    expect(err[0]).toBe('cdk8s-cnpg validate: unknown option --stricter');
  });

  test('--help: usage, exit 0', () => {
    const { code, out } = run('validate', '--help');
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^usage: cdk8s-cnpg validate/);
  });

  test('a folder without CNPG objects (empty, or only .json files) is an error: exit 2', () => {
    const empty = path.join(DIR, 'empty');
    fs.mkdirSync(empty, { recursive: true });
    file('json-only/cluster.json', JSON.stringify({ apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster' }));
    for (const [folder, files] of [[empty, 0], [path.join(DIR, 'json-only'), 0]] as const) {
      const { code, out, err } = run('validate', folder);
      expect(code).toBe(2);
      expect(out).toEqual(['0 CloudNativePG object(s): 0 valid, 0 invalid; 0 other object(s) skipped']);
      expect(err).toEqual([`cdk8s-cnpg validate: no CloudNativePG object found in ${files} YAML file(s) read from ${folder}; check the path, or pass --allow-empty when none is expected`]);
    }
  });

  test('a file of other objects only is an error too, unless --allow-empty', () => {
    const f = file('others.yaml', CONFIGMAP);
    const refused = run('validate', f);
    expect(refused.code).toBe(2);
    expect(refused.err).toEqual([`cdk8s-cnpg validate: no CloudNativePG object found in 1 YAML file(s) read from ${f}; check the path, or pass --allow-empty when none is expected`]);
    expect(run('validate', '--allow-empty', f)).toEqual({
      code: 0,
      out: [`${f}#0 ConfigMap/settings: skipped (not a CloudNativePG object)`, '0 CloudNativePG object(s): 0 valid, 0 invalid; 1 other object(s) skipped'],
      err: [],
    });
  });

  test('after --, a file may be named like an option', () => {
    // GIVEN a file named -x.yaml in the working directory
    file('dashed/-x.yaml', CATALOG);
    const cwd = process.cwd();
    process.chdir(path.join(DIR, 'dashed'));
    try {
      // WHEN / THEN: without --, -x is an option; after --, a file
      expect(run('validate', '-x.yaml').err[0]).toBe('cdk8s-cnpg validate: unknown option -x');
      expect(run('validate', '--json', '--', '-x.yaml')).toMatchObject({ code: 0, err: [] });
      expect(run('validate', '--', '-x.yaml').out[0]).toBe('-x.yaml#0 ClusterImageCatalog/pg: valid');
    } finally {
      process.chdir(cwd);
    }
  });

  describe('errors and warnings', () => {
    const UNPINNED = CATALOG.replace(PG18, 'ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie');
    const WARNING = 'warning: spec.images[0].image: "ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie" is not digest-pinned; the library pins every image (<registry>/<repository>[:<tag>]@sha256:<64 hex digits>): a tag can be moved to other content, a digest cannot (the library\'s own rule, stricter than CloudNativePG, which accepts this)';

    test('a warning is shown as the library\'s own rule; the object is valid and the exit status 0', () => {
      const f = file('warn.yaml', UNPINNED);
      expect(run('validate', f)).toEqual({
        code: 0,
        out: [
          `${f}#0 ClusterImageCatalog/pg: valid (1 warning(s))`,
          `${f}#0 ClusterImageCatalog/pg ${WARNING}`,
          "1 CloudNativePG object(s): 1 valid, 0 invalid; 0 other object(s) skipped; 1 warning(s) from the library's own rules (the cluster accepts them; --strict fails on them)",
        ],
        err: [],
      });
    });

    test('--strict turns warnings into exit status 1', () => {
      const f = file('warn-strict.yaml', UNPINNED);
      const { code, out } = run('validate', '--strict', f);
      expect(code).toBe(1);
      expect(out[2]).toBe("1 CloudNativePG object(s): 1 valid, 0 invalid; 0 other object(s) skipped; 1 warning(s) from the library's own rules (--strict: they fail)");
      expect(run('validate', '--strict', file('pinned.yaml', CATALOG)).code).toBe(0);
    });

    test('--json: each issue has its severity, the summary counts warnings', () => {
      const f = file('warn-json.yaml', `${UNPINNED}---\n${CLUSTER('      max_connections: 100')}`);
      const { code, out } = run('validate', '--json', '--strict', f);
      expect(code).toBe(1);
      const report = JSON.parse(out.join('\n'));
      expect(report.summary).toEqual({ valid: 1, invalid: 1, unreadable: 0, skipped: 0, warnings: 1 });
      expect(report.strict).toBe(true);
      expect(report.objects[0].status).toBe('valid');
      expect(report.objects[0].issues).toEqual([{
        path: 'spec.images[0].image',
        message: WARNING.replace(/^warning: spec\.images\[0\]\.image: /, '').replace(/ \(the library's own rule.*$/, ''),
        source: 'library',
        severity: 'warning',
        text: WARNING,
      }]);
      expect(report.objects[1].issues.map((i: any) => i.severity)).toEqual(['error', 'error']);
    });

    test('an item of a list with a warning: the path of the item', () => {
      const f = file('warn-list.yaml', `apiVersion: v1\nkind: List\nitems:\n  - ${UNPINNED.trim().split('\n').join('\n    ')}\n`);
      expect(run('validate', f).out[1]).toBe(`${f}#0 ClusterImageCatalog/pg ${WARNING.replace('spec.images', 'items[0].spec.images')}`);
    });
  });

  test('a typed list (ClusterImageCatalogList) is validated item by item; its items take its kind', () => {
    const f = file('typed-list.yaml', `apiVersion: postgresql.cnpg.io/v1\nkind: ClusterImageCatalogList\nitems:\n  - metadata: {name: a}\n    spec: {images: [{major: 18, image: ${PG18}}]}\n  - metadata: {name: b}\n    spec: {images: [{major: 8, image: ${PG18}}]}\n`);
    const { code, out } = run('validate', f);
    expect(code).toBe(1);
    expect(out).toEqual([
      `${f}#0 ClusterImageCatalog/a: valid`,
      `${f}#0 ClusterImageCatalog/b items[1].spec.images[0].major: 8 is too small; expected at least 10 (CRD schema: "should be greater than or equal to 10")`,
      '2 CloudNativePG object(s): 1 valid, 1 invalid; 0 other object(s) skipped',
    ]);
  });

  test('a list whose items are not a list is an unreadable document', () => {
    const f = file('bad-list.yaml', 'apiVersion: v1\nkind: List\nitems: {a: 1}\n');
    const { code, out } = run('validate', f);
    expect(code).toBe(1);
    expect(out[0]).toBe(`${f}#0 items: {"a":1} is object; an object with an items field is a list for kubectl, and items must be a list of objects (CRD schema: "cannot unmarshal object into Go struct field .items of type []json.RawMessage")`);
  });

  test('a document kubectl refuses to read (invalid UTF-8, NUL, a bad separator) is unreadable, with why', () => {
    const f = path.join(DIR, 'bytes.yaml');
    fs.writeFileSync(f, Buffer.concat([Buffer.from(`${CATALOG}---\nmetadata: {name: "a`), Buffer.from([0xff]), Buffer.from('"}\n---\nx: "\u0000"\n--- y\n')]));
    const { code, out } = run('validate', f);
    expect(code).toBe(1);
    expect(out).toEqual([
      `${f}#0 ClusterImageCatalog/pg: valid`,
      `${f}#1 not valid UTF-8 at line 1, column 20 of the document (byte 19): kubectl refuses it ("yaml: invalid leading UTF-8 octet"); save the file as UTF-8`,
      `${f}#2 control character U+0000 at line 1, column 5 of the document: kubectl refuses it ("yaml: control characters are not allowed"); write it as an escape in a double-quoted string`,
      `${f}#3 line 13: "--- y" is not a document separator: kubectl stops reading the file here ("invalid Yaml document separator: y"); put the content on the next line`,
      '1 CloudNativePG object(s): 1 valid, 0 invalid; 0 other object(s) skipped; 3 unreadable document(s)',
    ]);
  });

  test('cdk8s-cnpg help lists the command', () => {
    expect(run('help').out[0]).toMatch(/validate FILE\.\.\. +validate CNPG objects in YAML files/);
  });

  itWithShared('accepts every official catalog in every folder of the reference catalogs (kustomizations skipped)', 'catalogs', () => {
    const folders = fs.readdirSync(path.join(SHARED, 'catalogs')).map((d) => path.join(SHARED, 'catalogs', d));
    expect(folders.length).toBeGreaterThanOrEqual(5);
    for (const folder of folders) {
      const { code, out } = run('validate', folder);
      expect({ folder, code }).toEqual({ folder, code: 0 });
      const yamls = fs.readdirSync(folder).filter((f) => f.endsWith('.yaml'));
      const catalogs = yamls.filter((f) => f.startsWith('catalog-'));
      expect(out.filter((l) => l.endsWith(': valid')).length).toBe(catalogs.length);
      expect(out.filter((l) => l.includes('Kustomization/') && l.endsWith('skipped (not a CloudNativePG object)')).length).toBe(yamls.length - catalogs.length);
    }
  });

  test('runs end to end as a command: exit 1 on an invalid file, 0 on valid standard input', () => {
    const cli = ['ts-node', '--transpile-only', '-P', 'tsconfig.dev.json', 'src/cli/main.ts', 'validate'];
    const bad = file('e2e-bad.yaml', CLUSTER('      max_connections: 100'));
    const invalid = spawnSync('npx', [...cli, bad], { cwd: ROOT, encoding: 'utf8' });
    expect(invalid.status).toBe(1);
    expect(invalid.stdout).toContain(`${bad}#0 Cluster/pg spec.postgresql.parameters.max_connections: 100 is an integer; expected a string`);
    const valid = spawnSync('npx', [...cli, '-'], { cwd: ROOT, encoding: 'utf8', input: CATALOG });
    expect(valid.stdout).toContain('<stdin>#0 ClusterImageCatalog/pg: valid');
    expect(valid.status).toBe(0);
    const missing = spawnSync('npx', [...cli, path.join(DIR, 'nope.yaml')], { cwd: ROOT, encoding: 'utf8' });
    expect(missing.status).toBe(2);
  }, 120_000);
});
