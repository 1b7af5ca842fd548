import { cluster, webhook } from './cluster-manifest';
import { clusterWebhookViolations } from '../src/rules/cluster';
import { plainTextPasswordViolations, validateBackupConfiguration, validateRetentionPolicy } from '../src/rules/cluster/backup';
import { webhookViolations } from '../src/rules/webhook';

// The Cluster webhook's backup rules (src/rules/cluster/backup.ts): the in-tree barmanObjectStore credentials
// and the retention policy, which cluster_webhook.go (CloudNativePG 1.30.0) delegates to barman-cloud 0.5.1
// (pkg/api/webhooks/config.go, pkg/api/config.go); the library's own refusal of plain-text passwords; and the
// Cluster facts the rules share (src/rules/cluster/common.ts, api/v1/cluster_funcs.go). Every expectation
// below is the operator's behaviour, read from the Go source.

const STORE = 'spec.backup.barmanObjectStore';
const AZURE = `${STORE}.azureCredentials`;
const S3 = `${STORE}.s3Credentials`;
const GCS = `${STORE}.googleCredentials`;
const secret = (name: string, key: string) => ({ name, key });

/** The Cluster with `spec.backup.barmanObjectStore` set to a destination and `credentials`. */
const withStore = (credentials: object) => cluster({ backup: { barmanObjectStore: { destinationPath: 's3://bucket/', ...credentials } } });
const backupOf = (credentials: object) => validateBackupConfiguration(withStore(credentials));

const AZURE_ONE_METHOD = 'when connection string is not specified, one and only one of storage key, storage SAS token, Azure AD authentication, or default Azure credentials is required';
const azureMethods = (n: number) => webhook(AZURE,
  `${n} Azure authentication methods are set; without connectionString set exactly one of storageKey, storageSasToken, inheritFromAzureAD, useDefaultAzureCredentials`,
  AZURE_ONE_METHOD);
const AZURE_CONNECTION_STRING_ALONE = webhook(AZURE,
  'connectionString is set with other Azure credentials; the connection string carries them all, remove the others',
  'when connection string is specified, the other parameters must be empty');
const AZURE_ACCOUNT = webhook(AZURE, 'storageKey or storageSasToken is set without storageAccount; name the account',
  'storage account must be specified when using storage key or SAS token');

describe('validateBackupConfiguration: Azure credentials (ValidateAzureCredentials)', () => {
  const azure = (credentials: object) => backupOf({ azureCredentials: credentials });
  const account = secret('azure', 'account');
  const key = secret('azure', 'key');
  const sas = secret('azure', 'sas');

  // barman-cloud pkg/api/config.go, AzureCredentials.ValidateAzureCredentials: exactly one of the four methods
  test('admits exactly one authentication method: a storage key or SAS token with the account, Azure AD, default credentials', () => {
    expect(azure({ storageAccount: account, storageKey: key })).toEqual([]);
    expect(azure({ storageAccount: account, storageSasToken: sas })).toEqual([]);
    expect(azure({ inheritFromAzureAD: true })).toEqual([]);
    expect(azure({ useDefaultAzureCredentials: true })).toEqual([]);
    // a storage account alone names where, not how: Azure AD authenticates
    expect(azure({ storageAccount: account, inheritFromAzureAD: true })).toEqual([]);
  });

  // config.go, ValidateAzureCredentials: authMethods != 1 && ConnectionString == nil
  test('refuses no authentication method at all, counting false flags and null references as unset', () => {
    expect(azure({})).toEqual([azureMethods(0)]);
    const unset = { inheritFromAzureAD: false, useDefaultAzureCredentials: false, storageKey: null, storageSasToken: null };
    expect(azure(unset)).toEqual([azureMethods(0)]);
    expect(azure({ storageAccount: account })).toEqual([azureMethods(0)]);
  });

  // config.go, ValidateAzureCredentials: authMethods counts each of the four
  test('refuses two or more authentication methods, saying how many', () => {
    expect(azure({ inheritFromAzureAD: true, useDefaultAzureCredentials: true })).toEqual([azureMethods(2)]);
    expect(azure({ storageAccount: account, storageKey: key, storageSasToken: sas })).toEqual([azureMethods(2)]);
    expect(azure({ storageAccount: account, storageKey: key, inheritFromAzureAD: true })).toEqual([azureMethods(2)]);
    expect(azure({ storageAccount: account, storageKey: key, storageSasToken: sas, inheritFromAzureAD: true, useDefaultAzureCredentials: true }))
      .toEqual([azureMethods(4)]);
  });

  // config.go, ValidateAzureCredentials: a connection string stands alone
  test('admits a connection string alone', () => {
    expect(azure({ connectionString: secret('azure', 'cs') })).toEqual([]);
    expect(azure({ connectionString: secret('azure', 'cs'), storageAccount: null, inheritFromAzureAD: false })).toEqual([]);
  });

  // config.go, ValidateAzureCredentials: (authMethods != 0 || StorageAccount != nil) && ConnectionString != nil
  test('refuses a connection string with an account or another method', () => {
    const cs = secret('azure', 'cs');
    expect(azure({ connectionString: cs, storageAccount: account })).toEqual([AZURE_CONNECTION_STRING_ALONE]);
    expect(azure({ connectionString: cs, inheritFromAzureAD: true })).toEqual([AZURE_CONNECTION_STRING_ALONE]);
    expect(azure({ connectionString: cs, useDefaultAzureCredentials: true })).toEqual([AZURE_CONNECTION_STRING_ALONE]);
    // with a key and no account, the account check also fails; two methods are not counted against a connection string
    expect(azure({ connectionString: cs, storageKey: key })).toEqual([AZURE_CONNECTION_STRING_ALONE, AZURE_ACCOUNT]);
    expect(azure({ connectionString: cs, storageAccount: account, storageKey: key, storageSasToken: sas }))
      .toEqual([AZURE_CONNECTION_STRING_ALONE]);
  });

  // config.go, ValidateAzureCredentials: (StorageKey != nil || StorageSasToken != nil) && StorageAccount == nil
  test('refuses a storage key or SAS token without the storage account', () => {
    expect(azure({ storageKey: key })).toEqual([AZURE_ACCOUNT]);
    expect(azure({ storageSasToken: sas })).toEqual([AZURE_ACCOUNT]);
    expect(azure({ storageKey: key, storageAccount: null })).toEqual([AZURE_ACCOUNT]);
    expect(azure({ storageKey: key, storageSasToken: sas })).toEqual([azureMethods(2), AZURE_ACCOUNT]);
  });
});

describe('validateBackupConfiguration: S3 credentials (ValidateAwsCredentials)', () => {
  const s3 = (credentials: object) => backupOf({ s3Credentials: credentials });
  const id = secret('aws', 'id');
  const key = secret('aws', 'key');
  const NONE = webhook(S3, 'no AWS authentication: set accessKeyId and secretAccessKey, or inheritFromIAMRole', 'at least one AWS authentication method should be supplied');
  const BOTH = webhook(S3, 'inheritFromIAMRole and access keys are both set; choose one', 'only one AWS authentication method should be supplied');
  const PAIR = 'when using AWS credentials both accessKeyId and secretAccessKey must be provided';

  // barman-cloud pkg/api/config.go, S3Credentials.ValidateAwsCredentials
  test('admits the access key pair, or the IAM role', () => {
    expect(s3({ accessKeyId: id, secretAccessKey: key })).toEqual([]);
    expect(s3({ inheritFromIAMRole: true })).toEqual([]);
    expect(s3({ inheritFromIAMRole: false, accessKeyId: id, secretAccessKey: key, sessionToken: secret('aws', 'token'), region: secret('aws', 'region') })).toEqual([]);
  });

  // config.go, ValidateAwsCredentials: credentials == 0
  test('refuses no authentication method, counting inheritFromIAMRole false and null keys as unset', () => {
    expect(s3({})).toEqual([NONE]);
    expect(s3({ inheritFromIAMRole: false, accessKeyId: null, secretAccessKey: null })).toEqual([NONE]);
  });

  // config.go, ValidateAwsCredentials: the else-if branch counts one method and errs
  test('refuses half of the access key pair, naming the half that is missing', () => {
    expect(s3({ accessKeyId: id })).toEqual([webhook(S3, 'accessKeyId is set without secretAccessKey; give both', PAIR)]);
    expect(s3({ secretAccessKey: key })).toEqual([webhook(S3, 'secretAccessKey is set without accessKeyId; give both', PAIR)]);
  });

  // config.go, ValidateAwsCredentials: credentials > 1
  test('refuses the IAM role with access keys, even half of a pair', () => {
    expect(s3({ inheritFromIAMRole: true, accessKeyId: id, secretAccessKey: key })).toEqual([BOTH]);
    expect(s3({ inheritFromIAMRole: true, accessKeyId: id })).toEqual([webhook(S3, 'accessKeyId is set without secretAccessKey; give both', PAIR), BOTH]);
  });
});

describe('validateBackupConfiguration: Google credentials (ValidateGCSCredentials)', () => {
  const gcs = (credentials: object) => backupOf({ googleCredentials: credentials });
  const NONE = webhook(GCS, 'no Google credentials: set applicationCredentials, or gkeEnvironment when running on GKE',
    'if gkeEnvironment is false, secret with credentials must be provided');
  const BOTH = webhook(GCS, 'gkeEnvironment and applicationCredentials are both set; choose one',
    'if gkeEnvironment is true, secret with credentials must not be provided');

  // barman-cloud pkg/api/config.go, GoogleCredentials.ValidateGCSCredentials
  test('admits application credentials, or the GKE environment', () => {
    expect(gcs({ applicationCredentials: secret('gcs', 'json') })).toEqual([]);
    expect(gcs({ gkeEnvironment: false, applicationCredentials: secret('gcs', 'json') })).toEqual([]);
    expect(gcs({ gkeEnvironment: true })).toEqual([]);
    expect(gcs({ gkeEnvironment: true, applicationCredentials: null })).toEqual([]);
  });

  // config.go, ValidateGCSCredentials: !GKEEnvironment && ApplicationCredentials == nil
  test('refuses neither application credentials nor the GKE environment', () => {
    expect(gcs({})).toEqual([NONE]);
    expect(gcs({ gkeEnvironment: false })).toEqual([NONE]);
  });

  // config.go, ValidateGCSCredentials: GKEEnvironment && ApplicationCredentials != nil
  test('refuses application credentials in the GKE environment', () => {
    expect(gcs({ gkeEnvironment: true, applicationCredentials: secret('gcs', 'json') })).toEqual([BOTH]);
  });
});

describe('validateBackupConfiguration: one provider (barman-cloud ValidateBackupConfiguration)', () => {
  const MISSING = webhook(STORE, 'no credentials: set one of s3Credentials, azureCredentials and googleCredentials',
    'missing credentials. One and only one of azureCredentials, s3Credentials and googleCredentials are required');
  const tooMany = (n: number) => webhook(STORE, `${n} providers' credentials are set; set one of s3Credentials, azureCredentials and googleCredentials`,
    'too many credentials. One and only one of azureCredentials, s3Credentials and googleCredentials are required');
  const s3 = { s3Credentials: { inheritFromIAMRole: true } };
  const azure = { azureCredentials: { inheritFromAzureAD: true } };
  const gcs = { googleCredentials: { gkeEnvironment: true } };

  // cluster_webhook.go, validateBackupConfiguration: nothing to check without spec.backup; barman-cloud
  // pkg/api/webhooks/config.go, ValidateBackupConfiguration: nothing without barmanObjectStore
  test('admits a Cluster without backup, or a backup section without barmanObjectStore', () => {
    expect(validateBackupConfiguration(cluster())).toEqual([]);
    expect(validateBackupConfiguration(cluster({ backup: null }))).toEqual([]);
    expect(validateBackupConfiguration(cluster({ backup: { retentionPolicy: '30d' } }))).toEqual([]);
    expect(validateBackupConfiguration(cluster({ backup: { barmanObjectStore: null } }))).toEqual([]);
  });

  // cluster_webhook_test.go "Backup validation" / "complain if there's no credentials"
  test('refuses a barmanObjectStore without credentials', () => {
    expect(validateBackupConfiguration(cluster({ backup: { barmanObjectStore: {} } }))).toEqual([MISSING]);
    expect(backupOf({ s3Credentials: null, azureCredentials: null, googleCredentials: null })).toEqual([MISSING]);
  });

  // webhooks/config.go, ValidateBackupConfiguration: credentialsCount == 1
  test('admits one provider with valid credentials', () => {
    expect(backupOf(s3)).toEqual([]);
    expect(backupOf(azure)).toEqual([]);
    expect(backupOf(gcs)).toEqual([]);
    expect(backupOf({ ...azure, s3Credentials: null })).toEqual([]);
  });

  // webhooks/config.go, ValidateBackupConfiguration: credentialsCount > 1
  test('refuses two or three providers, saying how many', () => {
    expect(backupOf({ ...s3, ...azure })).toEqual([tooMany(2)]);
    expect(backupOf({ ...s3, ...gcs })).toEqual([tooMany(2)]);
    expect(backupOf({ ...azure, ...gcs })).toEqual([tooMany(2)]);
    expect(backupOf({ ...s3, ...azure, ...gcs })).toEqual([tooMany(3)]);
  });

  // webhooks/config.go, ValidateBackupConfiguration: each provider's errors are assigned to allErrors, not
  // appended, so only the last provider checked (Azure, then AWS, then Google) reports its own
  test('with several providers, reports only the last one\'s credential errors (Azure, then S3, then Google)', () => {
    expect(backupOf({ azureCredentials: {}, s3Credentials: { inheritFromIAMRole: true } })).toEqual([tooMany(2)]);
    expect(backupOf({ azureCredentials: { inheritFromAzureAD: true }, s3Credentials: {} })).toEqual([
      webhook(S3, 'no AWS authentication: set accessKeyId and secretAccessKey, or inheritFromIAMRole', 'at least one AWS authentication method should be supplied'),
      tooMany(2),
    ]);
    expect(backupOf({ azureCredentials: {}, googleCredentials: {} })).toEqual([
      webhook(GCS, 'no Google credentials: set applicationCredentials, or gkeEnvironment when running on GKE', 'if gkeEnvironment is false, secret with credentials must be provided'),
      tooMany(2),
    ]);
    expect(backupOf({ azureCredentials: {}, s3Credentials: {}, googleCredentials: { gkeEnvironment: true } })).toEqual([tooMany(3)]);
  });

  // cluster_webhook.go, validate: validateBackupConfiguration is one of the webhook's validators
  test('is part of the Cluster webhook', () => {
    const manifest = withStore({ azureCredentials: { storageKey: secret('azure', 'key') } });
    expect(webhookViolations(manifest)).toEqual([AZURE_ACCOUNT]);
    expect(clusterWebhookViolations(manifest)).toEqual([AZURE_ACCOUNT]);
    expect(webhookViolations(withStore(s3))).toEqual([]);
  });
});

describe('validateRetentionPolicy (barman-cloud ValidateRetentionPolicy)', () => {
  const retention = (retentionPolicy: unknown) => validateRetentionPolicy(cluster({ backup: { retentionPolicy } }));

  // cluster_webhook_test.go "Backup retention policy validation" / "doesn't complain if given policy is not provided"
  test('admits no retention policy', () => {
    expect(validateRetentionPolicy(cluster())).toEqual([]);
    expect(validateRetentionPolicy(cluster({ backup: {} }))).toEqual([]);
    expect(retention('')).toEqual([]);
  });

  // cluster_webhook_test.go "Backup retention policy validation" / "doesn't complain if given policy is valid"
  test('admits days, weeks and months', () => {
    for (const policy of ['90d', '4w', '6m', '1d', '365d']) expect({ policy, found: retention(policy) }).toEqual({ policy, found: [] });
  });

  // cluster_webhook_test.go "Backup retention policy validation" / "complain if a given policy is not valid"
  test('refuses a policy without a unit, with another unit, or a leading zero', () => {
    expect(retention('09')).toEqual([webhook('spec.backup.retentionPolicy',
      '"09" is not a retention policy; expected a number and d, w or m (e.g. "30d")', 'not a valid retention policy')]);
    for (const policy of ['30', '30y', 'd', '0d', '-1d', ' 30d']) {
      expect({ policy, upstream: retention(policy).map((f) => f.upstream) }).toEqual({ policy, upstream: ['not a valid retention policy'] });
    }
  });
});

describe('plainTextPasswordViolations (the library\'s own rule)', () => {
  const external = (connectionParameters: unknown) => ({ name: 'origin', connectionParameters });
  const refused = (i: number, key: string) => ({
    path: `spec.externalClusters[${i}].connectionParameters.${key}`,
    message: `a ${key} in connectionParameters is plain text in the manifest; reference a Secret instead (externalClusters[].password for the password, sslKey/sslCert for client certificates). The library refuses this beyond the operator's webhook`,
    source: 'library',
  });

  // not an operator rule: the operator passes connectionParameters to libpq as they are
  test('refuses password and sslpassword, in any case, in every external cluster', () => {
    expect(plainTextPasswordViolations(cluster({
      externalClusters: [
        external({ host: 'a', password: 'x' }),
        external({ host: 'b', dbname: 'app' }),
        external({ host: 'c', SSLPassword: 'y', sslmode: 'verify-full' }),
      ],
    }))).toEqual([refused(0, 'password'), refused(2, 'SSLPassword')]);
  });

  test('admits external clusters without connection parameters, or with null ones, and null entries', () => {
    expect(plainTextPasswordViolations(cluster())).toEqual([]);
    expect(plainTextPasswordViolations(cluster({
      externalClusters: [null, { name: 'a' }, external(null), external({ host: 'h', user: 'u' }), { name: 'b', password: secret('s', 'password') }],
    }))).toEqual([]);
  });

  test('is part of the Cluster webhook\'s verdict', () => {
    const manifest = cluster({ externalClusters: [external({ host: 'a', password: 'x' })] });
    expect(clusterWebhookViolations(manifest)).toEqual([refused(0, 'password')]);
    expect(webhookViolations(manifest)).toEqual([refused(0, 'password')]);
  });
});

describe('the Cluster facts the rules share (src/rules/cluster/common.ts)', () => {
  const SIZE = webhook('spec.storage.size', 'no size; set size (e.g. "10Gi") or a storage request in pvcTemplate',
    'Size not configured. Please add it, or a storage request in the pvcTemplate.');
  const NAME = webhook('metadata.name', '"" is not a DNS-1035 label; expected lowercase letters, digits and "-", starting with a letter', 'cluster name must be a valid DNS label');
  const UNSUPPORTED = (major: number) => webhook('spec.imageName', `PostgreSQL ${major} is not supported; expected 13 or later`,
    'Unsupported PostgreSQL version. Versions 13 or newer are supported');

  // cluster_webhook.go, validate: every validator reads a missing spec or metadata as empty (Go zero values)
  test('reads a missing, null or non-object spec, metadata or annotations as empty', () => {
    for (const manifest of [null, undefined, {}]) {
      expect(validateBackupConfiguration(manifest)).toEqual([]);
      expect(validateRetentionPolicy(manifest)).toEqual([]);
      expect(plainTextPasswordViolations(manifest)).toEqual([]);
      expect(clusterWebhookViolations(manifest)).toEqual([SIZE, NAME]);
    }
    for (const spec of [null, 'spec', 7]) {
      expect(clusterWebhookViolations({ apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'pg' }, spec })).toEqual([SIZE]);
    }
    const manifest = cluster();
    manifest.metadata.annotations = null;
    expect(clusterWebhookViolations(manifest)).toEqual([]);
  });

  // cluster_webhook.go, validateConfiguration: r.Spec.PostgresConfiguration.Parameters, nil when not set
  test('reads null or non-object parameters as none', () => {
    expect(clusterWebhookViolations(cluster({ postgresql: { parameters: null } }))).toEqual([]);
    expect(clusterWebhookViolations(cluster({ postgresql: { parameters: ['work_mem'] } }))).toEqual([]);
  });

  // cluster_webhook.go, validateMaxSyncReplicas: MaxSyncReplicas >= Instances, with the CRD's default of 1
  // instance applied by the API server before the webhook
  test('counts one instance when spec.instances is missing', () => {
    expect(clusterWebhookViolations(cluster({ maxSyncReplicas: 1 }))).toEqual([webhook('spec.maxSyncReplicas',
      'maxSyncReplicas 1 is not lower than instances 1; expected at most 0', 'maxSyncReplicas must be lower than the number of instances')]);
    expect(clusterWebhookViolations(cluster({ instances: 2, maxSyncReplicas: 1 }))).toEqual([]);
  });

  // api/v1/cluster_funcs.go, Cluster.ExternalCluster: the first entry with the name; cluster_webhook.go
  // validateReplicaClusterExternalClusters
  test('finds an external cluster by name past a null entry', () => {
    const found = clusterWebhookViolations(cluster({
      bootstrap: { pg_basebackup: { source: 'origin' } },
      replica: { enabled: true, source: 'origin' },
      externalClusters: [null, { name: 'origin', connectionParameters: { host: 'origin-rw' } }],
    }));
    expect(found.map((f) => f.upstream)).toEqual(['one of connectionParameters, plugin and barmanObjectStore is required']);
  });

  // api/v1/cluster_funcs.go, Cluster.IsReplica: without replica.enabled, a cluster whose self (else its name)
  // is not the primary is a replica; cluster_webhook.go validateReplicaMode then needs a bootstrap section
  test('reads a Cluster without metadata whose primary is another cluster as a replica', () => {
    const manifest = {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      spec: {
        imageName: 'ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie',
        storage: { size: '1Gi' },
        replica: { primary: 'origin', source: 'origin' },
        externalClusters: [{ name: 'origin', connectionParameters: { host: 'origin-rw' } }],
      },
    };
    expect(clusterWebhookViolations(manifest)).toEqual([
      NAME,
      webhook('spec.bootstrap', 'a replica cluster needs a bootstrap section (pg_basebackup or recovery)', 'bootstrap configuration is required for replica mode'),
    ]);
  });

  // api/v1/cluster_funcs.go, GetPostgresqlMajorVersion: ImageCatalogRef.Major (0 when missing);
  // cluster_webhook.go validateConfiguration: pgMajor < 13
  test('takes the major of an image catalog reference, 0 when it has none', () => {
    const ref = { apiGroup: 'postgresql.cnpg.io', kind: 'ClusterImageCatalog', name: 'postgresql' };
    expect(clusterWebhookViolations(cluster({ imageName: undefined, imageCatalogRef: ref }))).toEqual([UNSUPPORTED(0)]);
    expect(clusterWebhookViolations(cluster({ imageName: undefined, imageCatalogRef: { ...ref, major: 12 } }))).toEqual([UNSUPPORTED(12)]);
    expect(clusterWebhookViolations(cluster({ imageName: undefined, imageCatalogRef: { ...ref, major: 17 } }))).toEqual([]);
  });

  // api/v1/cluster_funcs.go, GetPostgresqlMajorVersion: the major of spec.imageName's tag, read each time
  test('reads the major of the image name as it is now when the same manifest is validated again after a change', () => {
    const manifest = cluster();
    expect(clusterWebhookViolations(manifest)).toEqual([]);
    manifest.spec.imageName = 'ghcr.io/cloudnative-pg/postgresql:12.22';
    expect(clusterWebhookViolations(manifest)).toEqual([UNSUPPORTED(12)]);
    manifest.spec.imageName = 'ghcr.io/cloudnative-pg/postgresql:17.6';
    expect(clusterWebhookViolations(manifest)).toEqual([]);
  });
});
