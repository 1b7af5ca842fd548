import { ClusterManifest, isSet, list, specOf, str, violation as v } from './common';
import { show, Violation } from '../../common/errors';

// The Cluster webhook's backup rules: the in-tree barmanObjectStore credentials and the retention policy,
// which the webhook delegates to barman-cloud 0.5.1 (pkg/api/webhooks/config.go, pkg/api/config.go); and the
// library's own refusal of passwords in an external cluster's connection parameters.

function azureCredentials(azure: any, path: string): Violation[] {
  const methods = [
    azure.inheritFromAzureAD === true, azure.useDefaultAzureCredentials === true, isSet(azure.storageKey), isSet(azure.storageSasToken),
  ]
    .filter((m) => m).length;
  const connectionString = isSet(azure.connectionString);
  const out: Violation[] = [];
  if (methods !== 1 && !connectionString) {
    out.push(v(path, `${methods} Azure authentication methods are set; without connectionString set exactly one of storageKey, storageSasToken, inheritFromAzureAD, useDefaultAzureCredentials`,
      'when connection string is not specified, one and only one of storage key, storage SAS token, Azure AD authentication, or default Azure credentials is required'));
  }
  if ((methods !== 0 || isSet(azure.storageAccount)) && connectionString) {
    out.push(v(path, 'connectionString is set with other Azure credentials; the connection string carries them all, remove the others',
      'when connection string is specified, the other parameters must be empty'));
  }
  if ((isSet(azure.storageKey) || isSet(azure.storageSasToken)) && !isSet(azure.storageAccount)) {
    out.push(v(path, 'storageKey or storageSasToken is set without storageAccount; name the account', 'storage account must be specified when using storage key or SAS token'));
  }
  return out;
}

function s3Credentials(s3: any, path: string): Violation[] {
  const out: Violation[] = [];
  let methods = s3.inheritFromIAMRole === true ? 1 : 0;
  const keyId = isSet(s3.accessKeyId);
  const secret = isSet(s3.secretAccessKey);
  if (keyId || secret) {
    methods++;
    if (!(keyId && secret)) {
      out.push(v(path, `${keyId ? 'accessKeyId' : 'secretAccessKey'} is set without ${keyId ? 'secretAccessKey' : 'accessKeyId'}; give both`,
        'when using AWS credentials both accessKeyId and secretAccessKey must be provided'));
    }
  }
  if (methods === 0) out.push(v(path, 'no AWS authentication: set accessKeyId and secretAccessKey, or inheritFromIAMRole', 'at least one AWS authentication method should be supplied'));
  if (methods > 1) out.push(v(path, 'inheritFromIAMRole and access keys are both set; choose one', 'only one AWS authentication method should be supplied'));
  return out;
}

function googleCredentials(gcs: any, path: string): Violation[] {
  const gke = gcs.gkeEnvironment === true;
  const secret = isSet(gcs.applicationCredentials);
  if (!gke && !secret) return [v(path, 'no Google credentials: set applicationCredentials, or gkeEnvironment when running on GKE', 'if gkeEnvironment is false, secret with credentials must be provided')];
  if (gke && secret) return [v(path, 'gkeEnvironment and applicationCredentials are both set; choose one', 'if gkeEnvironment is true, secret with credentials must not be provided')];
  return [];
}

/** `ValidateBackupConfiguration` on `spec.backup.barmanObjectStore`: one cloud, with valid credentials. */
export function validateBackupConfiguration(cluster: ClusterManifest): Violation[] {
  const store = specOf(cluster).backup?.barmanObjectStore;
  if (!isSet(store)) return [];
  const at = 'spec.backup.barmanObjectStore';
  // barman-cloud assigns (not appends) each provider's errors: the last provider present wins
  let out: Violation[] = [];
  let count = 0;
  if (isSet(store.azureCredentials)) {
    count++;
    out = azureCredentials(store.azureCredentials, `${at}.azureCredentials`);
  }
  if (isSet(store.s3Credentials)) {
    count++;
    out = s3Credentials(store.s3Credentials, `${at}.s3Credentials`);
  }
  if (isSet(store.googleCredentials)) {
    count++;
    out = googleCredentials(store.googleCredentials, `${at}.googleCredentials`);
  }
  if (count === 0) {
    out.push(v(at, 'no credentials: set one of s3Credentials, azureCredentials and googleCredentials',
      'missing credentials. One and only one of azureCredentials, s3Credentials and googleCredentials are required'));
  }
  if (count > 1) {
    out.push(v(at, `${count} providers' credentials are set; set one of s3Credentials, azureCredentials and googleCredentials`,
      'too many credentials. One and only one of azureCredentials, s3Credentials and googleCredentials are required'));
  }
  return out;
}

const RETENTION_POLICY = /^([1-9][0-9]*)([dwm])$/;

/** `ValidateRetentionPolicy`: days, weeks or months (`30d`, `4w`, `6m`). */
export function validateRetentionPolicy(cluster: ClusterManifest): Violation[] {
  const policy = str(specOf(cluster).backup?.retentionPolicy);
  if (policy === '' || RETENTION_POLICY.test(policy)) return [];
  return [v('spec.backup.retentionPolicy', `${show(policy)} is not a retention policy; expected a number and d, w or m (e.g. "30d")`, 'not a valid retention policy')];
}

/** libpq connection parameters that carry a secret: the library refuses them in plain text. */
const SECRET_CONNECTION_PARAMETERS = ['password', 'sslpassword'];

/**
 * The library's own rule (beyond the webhook): no password in `externalClusters[].connectionParameters`,
 * where it would sit in plain text in the manifest and in every instance's configuration. The Secret-based
 * fields (`password`, `sslKey`, `sslCert`) exist for that.
 */
export function plainTextPasswordViolations(cluster: ClusterManifest): Violation[] {
  const out: Violation[] = [];
  list(specOf(cluster).externalClusters).forEach((c, i) => {
    const params = c?.connectionParameters;
    if (!isSet(params) || typeof params !== 'object') return;
    for (const key of Object.keys(params)) {
      if (!SECRET_CONNECTION_PARAMETERS.includes(key.toLowerCase())) continue;
      out.push({
        path: `spec.externalClusters[${i}].connectionParameters.${key}`,
        message: `a ${key} in connectionParameters is plain text in the manifest; reference a Secret instead (externalClusters[].password for the password, sslKey/sslCert for client certificates). The library refuses this beyond the operator's webhook`,
        source: 'library',
      });
    }
  });
  return out;
}
