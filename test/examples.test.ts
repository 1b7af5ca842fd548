import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { buildApp } from '../examples/platform';

describe('examples/ platform app', () => {
  test('synthesises the platform to YAML files', () => {
    // GIVEN
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-'));
    // WHEN
    buildApp(outdir).synth();
    // THEN
    const files = fs.readdirSync(outdir).sort();
    expect(files).toEqual(['apps.k8s.yaml', 'platform.k8s.yaml']);
    const docs = files.flatMap((f) => YAML.parseAllDocuments(fs.readFileSync(path.join(outdir, f), 'utf8')).map((d) => d.toJSON()));
    expect(docs.map((d) => `${d.kind}/${d.metadata.namespace ?? '-'}/${d.metadata.name}`)).toEqual([
      'Cluster/apps/angus',
      'Cluster/apps/geo',
      'Database/apps/geo-app',
      'ClusterImageCatalog/-/postgresql-minimal-trixie',
      'ClusterImageCatalog/-/postgresql-standard-trixie',
    ]);
    expect(docs).toMatchSnapshot();
  });
});
