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
    const docs = YAML.parseAllDocuments(fs.readFileSync(path.join(outdir, 'platform.k8s.yaml'), 'utf8')).map((d) => d.toJSON());
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      'ClusterImageCatalog/postgresql-minimal-trixie',
      'ClusterImageCatalog/postgresql-standard-trixie',
    ]);
    expect(docs).toMatchSnapshot();
  });
});
