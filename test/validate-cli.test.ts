import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { itWithShared, SHARED } from './shared-data';
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

const CATALOG = `apiVersion: postgresql.cnpg.io/v1
kind: ClusterImageCatalog
metadata:
  name: pg
spec:
  images:
    - major: 18
      image: ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie
`;

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
    spec: {images: [{major: 9, image: x}]}
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
    const f = file('anon.yaml', 'apiVersion: postgresql.cnpg.io/v1\nkind: ImageCatalog\nmetadata: {}\nspec: {images: [{major: 18, image: x}]}\n---\n[1, 2]\n---\napiVersion: postgresql.cnpg.io/v1\nkind: ImageCatalog\nmetadata: {generateName: cat-}\nspec: {images: [{major: 18, image: x}]}\n');
    const { out } = run('validate', f);
    expect(out).toEqual([
      `${f}#0 ImageCatalog/<unnamed> metadata.name: ImageCatalog has no name; expected metadata.name (a lowercase DNS-1123 subdomain) (CRD schema: "Required value: name or generateName is required")`,
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
    expect(report.summary).toEqual({ valid: 1, invalid: 1, unreadable: 0, skipped: 1 });
    expect(report.objects.map((o: any) => [o.document, o.kind, o.name, o.status])).toEqual([
      [0, 'ClusterImageCatalog', 'pg', 'valid'],
      [1, 'ConfigMap', 'settings', 'skipped'],
      [2, 'Cluster', 'pg', 'invalid'],
    ]);
    expect(report.objects[2].issues).toEqual([{
      path: 'spec.postgresql.parameters.max_connections',
      message: '100 is an integer; expected a string (quote it in YAML to make it a string)',
      source: 'CRD schema',
      upstream: 'must be of type string',
      text: 'spec.postgresql.parameters.max_connections: 100 is an integer; expected a string (quote it in YAML to make it a string) (CRD schema: "must be of type string")',
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
    expect(err[1]).toMatch(/^usage: cdk8s-cnpg validate \[--json\] \[--allow-empty\] \[--\] FILE\|DIR\|- \.\.\./);
  });

  test('an unknown option: usage, exit 2', () => {
    const { code, err } = run('validate', '--strict', 'x.yaml');
    expect(code).toBe(2);
    expect(err[0]).toBe('cdk8s-cnpg validate: unknown option --strict');
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
