import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { main } from '../src/cli/main';

// Raw manifests for the rollout-plan tests: any CNPG YAML, not only the library's.

export const API = 'postgresql.cnpg.io/v1';

/** A ClusterImageCatalog `pg` (or another name) mapping majors to images. */
export function catalog(images: Array<[number, string]>, name = 'pg', extra: any = {}): any {
  const entries = images.map(([major, ref]) => ({ major, image: ref }));
  return { apiVersion: API, kind: 'ClusterImageCatalog', metadata: { name, ...extra.metadata }, spec: { images: entries, ...extra.spec } };
}

/** A Cluster in namespace `a` on major 18 of catalog `pg`, three instances, with spec and metadata patches. */
export function cluster(name: string, spec: any = {}, metadata: any = {}): any {
  return {
    apiVersion: API,
    kind: 'Cluster',
    metadata: { name, namespace: 'a', ...metadata },
    spec: { instances: 3, imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ClusterImageCatalog', name: 'pg', major: 18 }, storage: { size: '1Gi' }, ...spec },
  };
}

/** The operator configuration ConfigMap with these keys. */
export function operatorConfig(data: { [k: string]: string }): any {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cnpg-controller-manager-config', namespace: 'cnpg-system' }, data };
}

/** A Pooler `pool` of Cluster `db` in namespace `a`. */
export function pooler(spec: any = {}, name = 'pool', metadata: any = {}): any {
  return { apiVersion: API, kind: 'Pooler', metadata: { name, namespace: 'a', ...metadata }, spec: { cluster: { name: 'db' }, instances: 2, type: 'rw', pgbouncer: { poolMode: 'session' }, ...spec } };
}

/** An image of the test registry. */
export function image(tag: string, repository = 'registry.example.com/postgresql'): string {
  return `${repository}:${tag}`;
}

/** A folder holding each file's documents (file name → documents). */
export function folder(files: { [file: string]: any[] }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-'));
  for (const [file, docs] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), docs.map((d) => YAML.stringify(d)).join('---\n'));
  }
  return dir;
}

/** Runs the CLI in-process. */
export function run(args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
