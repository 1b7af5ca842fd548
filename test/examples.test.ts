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
    expect(files).toEqual(['platform.k8s.yaml']);
    const docs = files.flatMap((f) => YAML.parseAllDocuments(fs.readFileSync(path.join(outdir, f), 'utf8')).map((d) => d.toJSON()));
    expect(docs.map((d) => `${d.kind}/${d.metadata.namespace ?? '-'}/${d.metadata.name}`).sort()).toEqual([
      'Cluster/apps/angus',
      'Cluster/apps/geo',
      'Cluster/billing/billing',
      'Cluster/billing/reporting',
      'ClusterImageCatalog/-/postgresql-minimal-trixie',
      'ConfigMap/cnpg-system/cnpg-controller-manager-config',
      'Database/apps/geo-app',
      'DatabaseRole/billing/billing-replicator',
      'Publication/billing/billing-app',
      'Subscription/billing/reporting-billing',
    ]);
    expect(docs).toMatchSnapshot();
  });
});
