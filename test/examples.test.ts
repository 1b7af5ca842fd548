import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { buildApp } from '../examples/platform';
import { CnpgValidation } from '../src';

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
      'ClusterImageCatalog/-/platform-components',
      'ClusterImageCatalog/-/postgresql-minimal-trixie',
      'ConfigMap/cnpg-system/cnpg-controller-manager-config',
      'Database/apps/geo-app',
      'DatabaseRole/billing/billing-replicator',
      'ObjectStore/billing/billing-backups',
      'Pooler/apps/angus-rw',
      'Publication/billing/billing-app',
      'ScheduledBackup/billing/billing-nightly',
      'Subscription/billing/reporting-billing',
    ]);
    // every CloudNativePG object of the platform (the plugin's ObjectStore included) passes the validator
    const validated = docs.filter((d) => CnpgValidation.isCnpgManifest(d) || String(d.apiVersion).startsWith('barmancloud.cnpg.io/'));
    expect(validated).toHaveLength(13);
    expect(validated.flatMap((d) => CnpgValidation.validateManifest(d).map((i) => `${d.kind}/${d.metadata.name}: ${i.text}`))).toEqual([]);
    expect(docs).toMatchSnapshot();
  });
});
