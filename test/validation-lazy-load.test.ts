import { formatViolation } from '../src/common/errors';

// Validating the bound kinds uses the shallow validators `npx projen import` precompiles
// (imports/*.validators.ts): ajv and its compiler are never loaded. The test loads the library afresh inside
// its body; mutation testing leaves this file out (mutation/jest.config.js), since a load inside a test
// makes every table a module builds when it loads look covered by this one test.

describe('precompiled shallow validators', () => {
  test('validating the wrapped kinds loads neither ajv nor its compiler', () => {
    jest.isolateModules(() => {
      jest.doMock('ajv', () => {
        throw new Error('ajv was loaded');
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { validateObject } = require('../src/admission/manifest');
      const image = `ghcr.io/cloudnative-pg/postgresql:18.6@sha256:${'a'.repeat(64)}`;
      const meta = { name: 'pg', namespace: 'app' };
      const manifests = [
        { kind: 'Cluster', metadata: meta, spec: { instances: 0, imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ImageCatalog', name: 'pg', major: 18 }, storage: { size: '1Gi' }, unknown: 1 } },
        { kind: 'ImageCatalog', metadata: meta, spec: { images: [{ major: 18, image }] } },
        { kind: 'ClusterImageCatalog', metadata: { name: 'pg' }, spec: { images: [] } },
        { kind: 'Database', metadata: meta, spec: { name: 'app', owner: 'app', cluster: { name: 'pg' }, extensions: [{ name: 'vector', ensure: 'maybe' }] } },
      ];
      const found = manifests.map((m) => validateObject({ apiVersion: 'postgresql.cnpg.io/v1', ...m }).map(formatViolation));
      expect(found[0]).toEqual(expect.arrayContaining([expect.stringContaining('spec.instances: 0 is too small'), expect.stringContaining('unknown field "unknown"')]));
      expect(found[1]).toEqual([]);
      expect(found[2]).toEqual(expect.arrayContaining([expect.stringContaining('spec.images: 0 items; at least 1 are required')]));
      expect(found[3]).toEqual(expect.arrayContaining([expect.stringContaining('"maybe" is not accepted')]));
    });
    jest.dontMock('ajv');
  });
});
