import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  BackupEncryption,
  Cluster,
  ClusterImage,
  ClusterImageCatalog,
  CnpgValidation,
  DataCompression,
  DebianRelease,
  ImageType,
  ObjectStore,
  ObjectStoreCredentials,
  ObjectStoreProvider,
  RetentionPolicy,
  WalCompression,
} from '../src';
import { newChart, synthErrors } from './util';

const storesOf = (chart: Chart) => Testing.synth(chart).filter((m: any) => m.kind === 'ObjectStore');

function secretKey(chart: Chart, name: string, key: string) {
  return { secret: kplus.Secret.fromSecretName(chart, `${name}-${key}`, name), key };
}

describe('ObjectStore', () => {
  test('S3 with access keys, an endpoint and its CA, compression, encryption and retention', () => {
    const chart = newChart({ namespace: 'db' });
    new ObjectStore(chart, 'store', {
      metadata: { name: 'minio-store' },
      destinationPath: 's3://backups/pg',
      endpointUrl: 'https://minio.storage:9000',
      endpointCa: secretKey(chart, 'minio-ca', 'ca.crt'),
      credentials: ObjectStoreCredentials.s3AccessKeys(secretKey(chart, 'minio', 'ACCESS_KEY_ID'), secretKey(chart, 'minio', 'ACCESS_SECRET_KEY'), {
        region: secretKey(chart, 'minio', 'REGION'),
        sessionToken: secretKey(chart, 'minio', 'SESSION_TOKEN'),
      }),
      wal: { compression: WalCompression.ZSTD, encryption: BackupEncryption.AES256, maxParallel: 4 },
      data: { compression: DataCompression.SNAPPY, encryption: BackupEncryption.AWS_KMS, jobs: 4, immediateCheckpoint: true },
      retentionPolicy: RetentionPolicy.days(30),
      tags: { team: 'payments' },
      historyTags: { kind: 'history' },
    });
    const [store] = storesOf(chart);
    expect(store).toMatchSnapshot();
    expect(store).toStrictEqual({
      apiVersion: 'barmancloud.cnpg.io/v1',
      kind: 'ObjectStore',
      metadata: { name: 'minio-store', namespace: 'db' },
      spec: {
        configuration: {
          destinationPath: 's3://backups/pg',
          endpointURL: 'https://minio.storage:9000',
          endpointCA: { name: 'minio-ca', key: 'ca.crt' },
          s3Credentials: {
            accessKeyId: { name: 'minio', key: 'ACCESS_KEY_ID' },
            secretAccessKey: { name: 'minio', key: 'ACCESS_SECRET_KEY' },
            region: { name: 'minio', key: 'REGION' },
            sessionToken: { name: 'minio', key: 'SESSION_TOKEN' },
          },
          wal: { compression: 'zstd', encryption: 'AES256', maxParallel: 4 },
          data: { compression: 'snappy', encryption: 'aws:kms', jobs: 4, immediateCheckpoint: true },
          tags: { team: 'payments' },
          historyTags: { kind: 'history' },
        },
        retentionPolicy: '30d',
      },
    });
    expect(CnpgValidation.validateManifest(store)).toEqual([]);
  });

  test.each([
    ['S3 through the pod\'s IAM role (IRSA)', 's3://bucket/pg', () => ObjectStoreCredentials.s3InheritFromIamRole(), { s3Credentials: { inheritFromIAMRole: true } }, ObjectStoreProvider.S3],
    ['Azure with a connection string', 'https://acct.blob.core.windows.net/pg', (c: Chart) => ObjectStoreCredentials.azureConnectionString(secretKey(c, 'azure', 'CONNECTION_STRING')),
      { azureCredentials: { connectionString: { name: 'azure', key: 'CONNECTION_STRING' } } }, ObjectStoreProvider.AZURE],
    ['Azure with a storage key', 'https://acct.blob.core.windows.net/pg', (c: Chart) => ObjectStoreCredentials.azureStorageKey(secretKey(c, 'azure', 'ACCOUNT'), secretKey(c, 'azure', 'KEY')),
      { azureCredentials: { storageAccount: { name: 'azure', key: 'ACCOUNT' }, storageKey: { name: 'azure', key: 'KEY' } } }, ObjectStoreProvider.AZURE],
    ['Azure with a SAS token', 'https://acct.blob.core.windows.net/pg', (c: Chart) => ObjectStoreCredentials.azureSasToken(secretKey(c, 'azure', 'ACCOUNT'), secretKey(c, 'azure', 'SAS')),
      { azureCredentials: { storageAccount: { name: 'azure', key: 'ACCOUNT' }, storageSasToken: { name: 'azure', key: 'SAS' } } }, ObjectStoreProvider.AZURE],
    ['Azure through Azure AD', 'https://acct.blob.core.windows.net/pg', () => ObjectStoreCredentials.azureInheritFromAzureAd(), { azureCredentials: { inheritFromAzureAD: true } }, ObjectStoreProvider.AZURE],
    ['Azure through the default credential chain', 'https://acct.blob.core.windows.net/pg', (c: Chart) => ObjectStoreCredentials.azureDefaultCredentials(secretKey(c, 'azure', 'ACCOUNT')),
      { azureCredentials: { useDefaultAzureCredentials: true, storageAccount: { name: 'azure', key: 'ACCOUNT' } } }, ObjectStoreProvider.AZURE],
    ['Google with a service account key', 'gs://bucket/pg', (c: Chart) => ObjectStoreCredentials.googleApplicationCredentials(secretKey(c, 'gcs', 'credentials.json')),
      { googleCredentials: { applicationCredentials: { name: 'gcs', key: 'credentials.json' } } }, ObjectStoreProvider.GOOGLE],
    ['Google through GKE workload identity', 'gs://bucket/pg', () => ObjectStoreCredentials.googleGkeEnvironment(), { googleCredentials: { gkeEnvironment: true } }, ObjectStoreProvider.GOOGLE],
  ])('%s', (_name, destinationPath, credentials, expected, provider) => {
    const chart = newChart();
    const store = new ObjectStore(chart, 'store', { metadata: { name: 'store' }, destinationPath, credentials: credentials(chart) });
    const [manifest] = storesOf(chart);
    expect(manifest).toMatchSnapshot();
    expect(manifest.spec).toStrictEqual({ configuration: { destinationPath, ...expected } });
    expect(store.provider).toBe(provider);
    expect(CnpgValidation.validateManifest(manifest)).toEqual([]);
  });

  test('retention policies in days, weeks and months', () => {
    expect([RetentionPolicy.days(30), RetentionPolicy.weeks(4), RetentionPolicy.months(6)].map((r) => r.value)).toEqual(['30d', '4w', '6m']);
  });

  test.each([0, -1, 1.5, NaN, Infinity, '30' as any])('a retention of %p is refused', (n) => {
    expect(() => RetentionPolicy.days(n)).toThrow(`RetentionPolicy.days(${JSON.stringify(n) ?? String(n)}): expected a whole number of days of at least 1 (the CRD's pattern is ^[1-9][0-9]*[dwm]$)`);
  });

  describe('refuses at construction', () => {
    const make = (props: object) => () => {
      const chart = newChart();
      new ObjectStore(chart, 'store', { metadata: { name: 'store' }, destinationPath: 's3://b/p', credentials: ObjectStoreCredentials.s3InheritFromIamRole(), ...props });
    };

    test('an empty destination', () => {
      expect(make({ destinationPath: '' })).toThrow('[test/store] destinationPath: "" is not a destination; expected e.g. "s3://bucket/path" (CRD schema: "should be at least 1 chars long")');
    });

    test('credentials that are not ObjectStoreCredentials', () => {
      expect(make({ credentials: { accessKeyId: 'AKIA...' } })).toThrow('[test/store] credentials: {"accessKeyId":"AKIA..."} is not ObjectStoreCredentials; expected e.g. ObjectStoreCredentials.s3AccessKeys(...) or ObjectStoreCredentials.s3InheritFromIamRole() (library)');
    });

    test('a secret given in plain text, and a missing key', () => {
      expect(() => {
        const chart = newChart();
        new ObjectStore(chart, 'store', {
          metadata: { name: 'store' },
          destinationPath: 's3://b/p',
          credentials: ObjectStoreCredentials.s3AccessKeys('AKIA' as any, { secret: kplus.Secret.fromSecretName(chart, 's', 'aws'), key: '' }),
        });
      }).toThrow([
        '[test/store] credentials.accessKeyId: a plain string is not a Secret key reference; secrets are never accepted in plain text: pass { secret: Secret.fromSecretName(this, \'id\', \'name\'), key: \'KEY\' } (library)',
        '[test/store] credentials.secretAccessKey.key: "" is not a key of Secret "aws"; expected the name of a key in it (CRD schema)',
      ].join('\n'));
    });

    test('an enum value that is not one, and parallelism below 1', () => {
      expect(make({ wal: { compression: 'brotli', maxParallel: 0 }, data: { encryption: 'aes', jobs: 2.5 } })).toThrow([
        '[test/store] wal.compression: "brotli" is not accepted; expected one of bzip2, gzip, lz4, snappy, xz, zstd (CRD schema)',
        '[test/store] data.encryption: "aes" is not accepted; expected one of AES256, aws:kms (CRD schema)',
        '[test/store] wal.maxParallel: 0 is not accepted; expected an integer >= 1 (CRD schema: "should be greater than or equal to 1")',
        '[test/store] data.jobs: 2.5 is not accepted; expected an integer >= 1 (CRD schema: "should be greater than or equal to 1")',
      ].join('\n'));
    });

    test('a retention policy that is not a RetentionPolicy', () => {
      expect(make({ retentionPolicy: '30d' })).toThrow('[test/store] retentionPolicy: "30d" is not a RetentionPolicy; expected e.g. RetentionPolicy.days(30) (library)');
    });

    test('an invalid name', () => {
      expect(make({ metadata: { name: 'Store_1' } })).toThrow('[test/store] metadata.name: "Store_1" is not a valid object name');
    });
  });

  test('the CRD rule on serverName holds for a manifest (the plugin reads it from the Cluster)', () => {
    const issues = CnpgValidation.validateManifest({
      apiVersion: 'barmancloud.cnpg.io/v1',
      kind: 'ObjectStore',
      metadata: { name: 's' },
      spec: { configuration: { destinationPath: 's3://b/', serverName: 'pg' } },
    });
    expect(issues.map((i) => i.text)).toEqual(['spec.configuration.serverName: {"serverName":"pg"} fails rule !has(self.serverName) (CRD rule: "use the \'serverName\' plugin parameter in the Cluster resource")']);
  });
});

describe('a Cluster backing up to an ObjectStore', () => {
  function clusterWith(chart: Chart, barmanCloud: object) {
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    return () => new Cluster(chart, 'pg', { metadata: { name: 'pg' }, image: ClusterImage.fromCatalog(catalog, 18), storage: { size: Size.gibibytes(1) }, barmanCloud: barmanCloud as any });
  }

  test('the ObjectStore construct names the plugin\'s store', () => {
    const chart = newChart({ namespace: 'db' });
    const store = new ObjectStore(chart, 'store', { metadata: { name: 'backups' }, destinationPath: 's3://b/p', credentials: ObjectStoreCredentials.s3InheritFromIamRole() });
    const cluster = clusterWith(chart, { objectStore: store, serverName: 'pg-2026' })();
    const spec = Testing.synth(chart).find((m: any) => m.kind === 'Cluster').spec;
    expect(spec.plugins).toStrictEqual([{ name: 'barman-cloud.cloudnative-pg.io', isWALArchiver: true, parameters: { barmanObjectName: 'backups', serverName: 'pg-2026' } }]);
    expect(cluster.pluginNames).toEqual(['barman-cloud.cloudnative-pg.io']);
  });

  test('a store managed elsewhere, by name or by reference', () => {
    const chart = newChart({ namespace: 'db' });
    clusterWith(chart, { objectStore: ObjectStore.fromObjectStoreName(chart, 'shared', 'shared-store', 'db') })();
    const spec = Testing.synth(chart).find((m: any) => m.kind === 'Cluster').spec;
    expect(spec.plugins[0].parameters).toStrictEqual({ barmanObjectName: 'shared-store' });
  });

  test('neither or both forms are refused', () => {
    const chart = newChart();
    const store = ObjectStore.fromObjectStoreName(chart, 'shared', 'shared-store');
    expect(clusterWith(chart, {})).toThrow('[test/pg] barmanCloud: neither objectStore nor objectStoreName is given; expected exactly one: the ObjectStore construct, or the name of one managed elsewhere (library)');
    expect(clusterWith(newChart(), { objectStore: store, objectStoreName: 'x' })).toThrow('barmanCloud: both objectStore and objectStoreName is given; expected exactly one');
    expect(clusterWith(newChart(), { objectStoreName: 'Not_A_Name' })).toThrow('[test/pg] barmanCloud.objectStoreName: "Not_A_Name" is not a valid object name');
    expect(clusterWith(newChart(), { objectStore: 'backups' })).toThrow('[test/pg] barmanCloud.objectStore: "backups" is not an ObjectStore; expected an ObjectStore or ObjectStore.fromObjectStoreName(...) (library)');
  });

  test('an ObjectStore in another namespace is reported at synth', () => {
    const chart = newChart({ namespace: 'db' });
    const store = new ObjectStore(chart, 'store', { metadata: { name: 'backups', namespace: 'backup' }, destinationPath: 's3://b/p', credentials: ObjectStoreCredentials.s3InheritFromIamRole() });
    clusterWith(chart, { objectStore: store })();
    expect(synthErrors(chart)).toContain('[test/pg] barmanCloud.objectStore: ObjectStore "backups" is in namespace "backup", but the Cluster is in "db"; the Barman Cloud plugin looks the ObjectStore up in the Cluster\'s namespace: create one there (operator)');
  });

  test('an ObjectStore of the app without a namespace is in "default"', () => {
    const chart = newChart();
    const store = new ObjectStore(chart, 'store', { metadata: { name: 'backups' }, destinationPath: 's3://b/p', credentials: ObjectStoreCredentials.s3InheritFromIamRole() });
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    new Cluster(chart, 'pg', { metadata: { name: 'pg', namespace: 'db' }, image: ClusterImage.fromCatalog(catalog, 18), storage: { size: Size.gibibytes(1) }, barmanCloud: { objectStore: store } });
    expect(synthErrors(chart)).toContain('ObjectStore "backups" is in namespace "default", but the Cluster is in "db"');
  });
});
