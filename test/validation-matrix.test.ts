import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { CnpgValidation } from '../src';
import { main } from '../src/cli/main';

// The bad-input matrix: every CEL rule of the four wrapped CRDs (Cluster, ImageCatalog,
// ClusterImageCatalog, Database) that applies on create, and every kind of structural rule. Each case is
// one small change to a valid manifest; `cdk8s-cnpg validate` must reject it with the CRD's own message
// (or the API server's, for schema keywords), at the right path.

const CLUSTER = {
  apiVersion: 'postgresql.cnpg.io/v1',
  kind: 'Cluster',
  metadata: { name: 'pg', namespace: 'app' },
  spec: {
    instances: 3,
    imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ClusterImageCatalog', name: 'postgresql-minimal-trixie', major: 18 },
    storage: { size: '10Gi' },
    postgresql: {
      parameters: { max_connections: '200' },
      synchronous: { method: 'any', number: 1 },
      extensions: [{ name: 'pgvector' }],
    },
    bootstrap: { initdb: { database: 'app', owner: 'app' } },
    managed: { roles: [{ name: 'reader', login: true }] },
  },
};

const IMAGE = 'ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie@sha256:' + 'a'.repeat(64);

const CATALOG_SPEC = {
  images: [
    { major: 17, image: IMAGE.replace('18.6', '17.11') },
    { major: 18, image: IMAGE, extensions: [{ name: 'pgvector', image: { reference: `ghcr.io/cloudnative-pg/pgvector:0.8.6@sha256:${'b'.repeat(64)}` } }] },
  ],
  componentImages: [{ key: 'pgbouncer', image: `ghcr.io/cloudnative-pg/pgbouncer:1.25.1@sha256:${'c'.repeat(64)}` }],
};
const IMAGE_CATALOG = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'ImageCatalog', metadata: { name: 'pg', namespace: 'app' }, spec: CATALOG_SPEC };
const CLUSTER_IMAGE_CATALOG = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'ClusterImageCatalog', metadata: { name: 'pg' }, spec: CATALOG_SPEC };

const DATABASE = {
  apiVersion: 'postgresql.cnpg.io/v1',
  kind: 'Database',
  metadata: { name: 'pg-app', namespace: 'app' },
  spec: {
    name: 'app',
    owner: 'app',
    cluster: { name: 'pg' },
    fdws: [{ name: 'postgres_fdw', usage: [{ name: 'app' }] }],
    servers: [{ name: 'remote', fdw: 'postgres_fdw', usage: [{ name: 'app' }] }],
  },
};

const BASES = { Cluster: CLUSTER, ImageCatalog: IMAGE_CATALOG, ClusterImageCatalog: CLUSTER_IMAGE_CATALOG, Database: DATABASE };
type Kind = keyof typeof BASES;

interface BadCase {
  readonly kind: Kind;
  readonly title: string;
  /** Changes a copy of the valid base manifest. */
  readonly change: (m: any) => void;
  readonly path: string;
  readonly source: 'CRD rule' | 'CRD schema';
  /** The CRD's message (CEL rules) or the API server's (schema keywords). */
  readonly upstream?: string;
  /** Part of our message, when the schema has no message of its own. */
  readonly says?: string;
}

const MATRIX: BadCase[] = [
  // --- Cluster CEL rules
  { kind: 'Cluster', title: 'imageCatalogRef to a kind that is not a catalog', change: (m) => m.spec.imageCatalogRef.kind = 'ConfigMap', path: 'spec.imageCatalogRef', source: 'CRD rule', upstream: 'Only image catalogs are supported' },
  { kind: 'Cluster', title: 'imageCatalogRef with another apiGroup', change: (m) => m.spec.imageCatalogRef.apiGroup = 'example.com', path: 'spec.imageCatalogRef', source: 'CRD rule', upstream: 'Only image catalogs are supported' },
  { kind: 'Cluster', title: 'imageCatalogRef without apiGroup (no such key)', change: (m) => delete m.spec.imageCatalogRef.apiGroup, path: 'spec.imageCatalogRef', source: 'CRD rule', upstream: 'Only image catalogs are supported' },
  { kind: 'Cluster', title: 'imageName and imageCatalogRef together', change: (m) => m.spec.imageName = 'ghcr.io/cloudnative-pg/postgresql:18.6', path: 'spec', source: 'CRD rule', upstream: 'imageName and imageCatalogRef are mutually exclusive' },
  { kind: 'Cluster', title: 'initdb builtinLocale without localeProvider', change: (m) => m.spec.bootstrap.initdb.builtinLocale = 'C.UTF-8', path: 'spec.bootstrap.initdb', source: 'CRD rule', upstream: 'builtinLocale is only available when localeProvider is set to `builtin`' },
  { kind: 'Cluster', title: 'initdb builtinLocale with localeProvider icu', change: (m) => Object.assign(m.spec.bootstrap.initdb, { localeProvider: 'icu', builtinLocale: 'C.UTF-8' }), path: 'spec.bootstrap.initdb', source: 'CRD rule', upstream: 'builtinLocale is only available when localeProvider is set to `builtin`' },
  { kind: 'Cluster', title: 'initdb icuLocale with localeProvider libc', change: (m) => Object.assign(m.spec.bootstrap.initdb, { localeProvider: 'libc', icuLocale: 'en-US' }), path: 'spec.bootstrap.initdb', source: 'CRD rule', upstream: 'icuLocale is only available when localeProvider is set to `icu`' },
  { kind: 'Cluster', title: 'initdb icuRules with localeProvider builtin', change: (m) => Object.assign(m.spec.bootstrap.initdb, { localeProvider: 'builtin', icuRules: '&V << w <<< W' }), path: 'spec.bootstrap.initdb', source: 'CRD rule', upstream: 'icuRules is only available when localeProvider is set to `icu`' },
  { kind: 'Cluster', title: 'synchronous number 0', change: (m) => m.spec.postgresql.synchronous.number = 0, path: 'spec.postgresql.synchronous.number', source: 'CRD rule', upstream: 'The number of synchronous replicas should be greater than zero' },
  { kind: 'Cluster', title: 'synchronous number -1', change: (m) => m.spec.postgresql.synchronous.number = -1, path: 'spec.postgresql.synchronous.number', source: 'CRD rule', upstream: 'The number of synchronous replicas should be greater than zero' },
  {
    kind: 'Cluster',
    title: 'dataDurability preferred with standbyNamesPre',
    change: (m) => Object.assign(m.spec.postgresql.synchronous, { dataDurability: 'preferred', standbyNamesPre: ['remote-a'] }),
    path: 'spec.postgresql.synchronous',
    source: 'CRD rule',
    upstream: "dataDurability set to 'preferred' requires empty 'standbyNamesPre' and empty 'standbyNamesPost'",
  },
  {
    kind: 'Cluster',
    title: 'dataDurability preferred with standbyNamesPost',
    change: (m) => Object.assign(m.spec.postgresql.synchronous, { dataDurability: 'preferred', standbyNamesPost: ['remote-b'] }),
    path: 'spec.postgresql.synchronous',
    source: 'CRD rule',
    upstream: "dataDurability set to 'preferred' requires empty 'standbyNamesPre' and empty 'standbyNamesPost'",
  },
  // --- catalog CEL rules
  { kind: 'ImageCatalog', title: 'duplicate majors', change: (m) => m.spec.images[0].major = 18, path: 'spec.images', source: 'CRD rule', upstream: 'Images must have unique major versions' },
  { kind: 'ImageCatalog', title: 'duplicate component keys', change: (m) => m.spec.componentImages.push({ key: 'pgbouncer', image: 'other:1' }), path: 'spec.componentImages', source: 'CRD rule', upstream: 'Component image keys must be unique' },
  { kind: 'ClusterImageCatalog', title: 'duplicate majors', change: (m) => m.spec.images[1].major = 17, path: 'spec.images', source: 'CRD rule', upstream: 'Images must have unique major versions' },
  { kind: 'ClusterImageCatalog', title: 'duplicate component keys', change: (m) => m.spec.componentImages.push({ key: 'pgbouncer', image: 'other:1' }), path: 'spec.componentImages', source: 'CRD rule', upstream: 'Component image keys must be unique' },
  // --- Database CEL rules
  { kind: 'Database', title: 'builtinLocale without localeProvider', change: (m) => m.spec.builtinLocale = 'C.UTF-8', path: 'spec', source: 'CRD rule', upstream: 'builtinLocale is only available when localeProvider is set to `builtin`' },
  { kind: 'Database', title: 'icuLocale with localeProvider builtin', change: (m) => Object.assign(m.spec, { localeProvider: 'builtin', icuLocale: 'en-US' }), path: 'spec', source: 'CRD rule', upstream: 'icuLocale is only available when localeProvider is set to `icu`' },
  { kind: 'Database', title: 'icuRules without localeProvider', change: (m) => m.spec.icuRules = '&V << w', path: 'spec', source: 'CRD rule', upstream: 'icuRules is only available when localeProvider is set to `icu`' },
  { kind: 'Database', title: 'the reserved name postgres', change: (m) => m.spec.name = 'postgres', path: 'spec.name', source: 'CRD rule', upstream: 'the name postgres is reserved' },
  { kind: 'Database', title: 'the reserved name template0', change: (m) => m.spec.name = 'template0', path: 'spec.name', source: 'CRD rule', upstream: 'the name template0 is reserved' },
  { kind: 'Database', title: 'the reserved name template1', change: (m) => m.spec.name = 'template1', path: 'spec.name', source: 'CRD rule', upstream: 'the name template1 is reserved' },
  { kind: 'Database', title: 'an fdw usage with an empty name', change: (m) => m.spec.fdws[0].usage[0].name = '', path: 'spec.fdws[0].usage[0].name', source: 'CRD rule', upstream: 'name is required' },
  { kind: 'Database', title: 'a server with an empty fdw', change: (m) => m.spec.servers[0].fdw = '', path: 'spec.servers[0].fdw', source: 'CRD rule', upstream: 'fdw is required' },
  { kind: 'Database', title: 'a server usage with an empty name', change: (m) => m.spec.servers[0].usage[0].name = '', path: 'spec.servers[0].usage[0].name', source: 'CRD rule', upstream: 'name is required' },
  // --- structural schema
  { kind: 'Cluster', title: 'an unknown field (a typo the API server would drop)', change: (m) => m.spec.imagecatalogRef = {}, path: 'spec.imagecatalogRef', source: 'CRD schema', upstream: 'field not declared in schema', says: 'did you mean "imageCatalogRef"?' },
  { kind: 'Cluster', title: 'a snake_case key of a camelCase field', change: (m) => m.spec.postgresql.extensions[0].binPath = ['bin'], path: 'spec.postgresql.extensions[0].binPath', source: 'CRD schema', upstream: 'field not declared in schema', says: 'did you mean "bin_path"?' },
  { kind: 'Cluster', title: 'instances as a string', change: (m) => m.spec.instances = '3', path: 'spec.instances', source: 'CRD schema', upstream: 'must be of type integer' },
  { kind: 'Cluster', title: 'a parameter that is not a string', change: (m) => m.spec.postgresql.parameters.max_connections = 200, path: 'spec.postgresql.parameters.max_connections', source: 'CRD schema', upstream: 'must be of type string' },
  { kind: 'Cluster', title: 'an enum value', change: (m) => m.spec.primaryUpdateStrategy = 'manual', path: 'spec.primaryUpdateStrategy', source: 'CRD schema', upstream: 'Unsupported value: "manual": supported values: "unsupervised", "supervised"' },
  { kind: 'Cluster', title: 'instances below the minimum', change: (m) => m.spec.instances = 0, path: 'spec.instances', source: 'CRD schema', upstream: 'should be greater than or equal to 1' },
  { kind: 'Cluster', title: 'walSegmentSize above the maximum', change: (m) => m.spec.bootstrap.initdb.walSegmentSize = 2048, path: 'spec.bootstrap.initdb.walSegmentSize', source: 'CRD schema', upstream: 'should be less than or equal to 1024' },
  { kind: 'Cluster', title: 'an extension name against its pattern', change: (m) => m.spec.postgresql.extensions[0].name = 'PgVector', path: 'spec.postgresql.extensions[0].name', source: 'CRD schema', upstream: "should match '^[a-z0-9]([-a-z0-9_]*[a-z0-9])?$'" },
  { kind: 'Cluster', title: 'an extension listed twice (list-map key)', change: (m) => m.spec.postgresql.extensions.push({ name: 'pgvector' }), path: 'spec.postgresql.extensions[1]', source: 'CRD schema', upstream: 'Duplicate value: {"name":"pgvector"}' },
  { kind: 'Cluster', title: 'a managed role without name (required)', change: (m) => delete m.spec.managed.roles[0].name, path: 'spec.managed.roles[0].name', source: 'CRD schema', upstream: 'Required value' },
  { kind: 'Cluster', title: 'validUntil that is not a date-time', change: (m) => m.spec.managed.roles[0].validUntil = 'tomorrow', path: 'spec.managed.roles[0].validUntil', source: 'CRD schema', upstream: 'must be of type date-time' },
  { kind: 'Cluster', title: 'an int32 out of range', change: (m) => m.spec.primaryLease = { leaseDurationSeconds: 3_000_000_000 }, path: 'spec.primaryLease.leaseDurationSeconds', source: 'CRD schema', upstream: 'must be of type int32' },
  { kind: 'ImageCatalog', title: 'nine images (maxItems)', change: (m) => m.spec.images = [10, 11, 12, 13, 14, 15, 16, 17, 18].map((major) => ({ major, image: IMAGE })), path: 'spec.images', source: 'CRD schema', upstream: 'must have at most 8 items' },
  { kind: 'ImageCatalog', title: 'no image (minItems)', change: (m) => m.spec.images = [], path: 'spec.images', source: 'CRD schema', upstream: 'should have at least 1 items' },
  { kind: 'ImageCatalog', title: 'a major below 10', change: (m) => m.spec.images[0].major = 9, path: 'spec.images[0].major', source: 'CRD schema', upstream: 'should be greater than or equal to 10' },
  { kind: 'ImageCatalog', title: 'a component key of 64 characters (maxLength)', change: (m) => m.spec.componentImages[0].key = 'k'.repeat(64), path: 'spec.componentImages[0].key', source: 'CRD schema', upstream: 'should be at most 63 chars long' },
  { kind: 'ImageCatalog', title: 'an image entry without image (required)', change: (m) => delete m.spec.images[0].image, path: 'spec.images[0].image', source: 'CRD schema', upstream: 'Required value' },
  { kind: 'ClusterImageCatalog', title: 'a namespace on a cluster-scoped catalog', change: (m) => m.metadata.namespace = 'app', path: 'metadata.namespace', source: 'CRD schema', says: 'ClusterImageCatalog is cluster-scoped, yet metadata.namespace is "app"' },
  { kind: 'ClusterImageCatalog', title: 'a status field (the CRD has none)', change: (m) => m.status = { ready: true }, path: 'status', source: 'CRD schema', upstream: 'field not declared in schema' },
  { kind: 'Database', title: 'no cluster reference (required)', change: (m) => delete m.spec.cluster, path: 'spec.cluster', source: 'CRD schema', upstream: 'Required value' },
  { kind: 'Database', title: 'an invalid object name', change: (m) => m.metadata.name = 'Pg_App', path: 'metadata.name', source: 'CRD schema', says: '"Pg_App" is not a valid object name' },
];

function mutated(c: BadCase): any {
  const m = structuredClone(BASES[c.kind]);
  c.change(m);
  return m;
}

const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'cnpg-matrix-'));
afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

function runCli(args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('the valid base manifests', () => {
  test.each(Object.entries(BASES))('%s is accepted', (_kind, manifest) => {
    expect(CnpgValidation.validateManifest(manifest)).toEqual([]);
  });
});

describe('bad-input matrix', () => {
  test('covers every create-time CEL rule of the four wrapped CRDs', () => {
    const covered = new Set(MATRIX.filter((c) => c.source === 'CRD rule').map((c) => `${c.kind}: ${c.upstream}`));
    const rules = (['Cluster', 'ImageCatalog', 'ClusterImageCatalog', 'Database'] as const)
      .flatMap((kind) => CnpgValidation.celRules(kind))
      .filter((r) => !r.transition);
    expect(rules.length).toBe(21);
    expect(rules.filter((r) => !covered.has(`${r.kind}: ${r.message}`))).toEqual([]);
    expect(MATRIX.length).toBeGreaterThanOrEqual(30);
  });

  test.each(MATRIX.map((c) => [`${c.kind}: ${c.title}`, c] as const))('cdk8s-cnpg validate rejects %s', (_title, c) => {
    // GIVEN a manifest with one bad change
    const manifest = mutated(c);
    const file = path.join(DIR, `${c.kind}-${c.title.replace(/[^a-z0-9]+/gi, '-')}.yaml`);
    fs.writeFileSync(file, YAML.stringify(manifest));
    // WHEN
    const { code, out } = runCli(['validate', file]);
    // THEN it is rejected at the path, with the CRD's (or API server's) message
    expect(code).toBe(1);
    const lines = out.filter((l) => l.startsWith(`${file}#0 ${c.kind}/${manifest.metadata.name} ${c.path}: `));
    expect(lines.length).toBeGreaterThan(0);
    if (c.upstream) expect(lines.some((l) => l.endsWith(`(${c.source}: "${c.upstream}")`))).toBe(true);
    if (c.says) expect(lines.some((l) => l.includes(c.says!))).toBe(true);
    // and the library API reports the same issue
    const issues = CnpgValidation.validateManifest(manifest);
    expect(issues).toContainEqual(expect.objectContaining({ path: c.path, source: c.source, ...(c.upstream ? { upstream: c.upstream } : {}) }));
  });
});
